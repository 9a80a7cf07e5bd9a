//! Issue 6: search by number in any common spelling.

use danvan_docref::{DocNumber, SearchQuery};

#[test]
fn common_spellings_find_the_stored_number() {
    let stored = DocNumber::parse("136-KH/HU").unwrap();
    let keys = stored.search_keys();
    for q in [
        "136-KH/HU",
        "136/HU",
        "KH 136",
        "136 - kh / hu",
        "Kế hoạch số 136",
    ] {
        let query = SearchQuery::parse(q).unwrap();
        assert_eq!(query.number(), 136);
        assert!(query.matches(&stored), "{q}");
        assert!(keys.contains(&query.key()), "{q}");
    }
    assert!(!SearchQuery::parse("136/TU").unwrap().matches(&stored));
}
