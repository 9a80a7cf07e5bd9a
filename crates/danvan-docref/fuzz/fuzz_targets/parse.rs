//! `DocNumber::parse` and `SearchQuery::parse` on arbitrary input: no panic;
//! a parsed number formats to a string that parses back to it and that finds
//! it as a search query.
#![no_main]

use danvan_docref::{DocNumber, SearchQuery};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let _ = SearchQuery::parse(s);
    if let Ok(d) = DocNumber::parse(s) {
        let canonical = d.to_string();
        assert_eq!(
            DocNumber::parse(&canonical).as_ref(),
            Ok(&d),
            "{s:?} -> {canonical:?}"
        );
        let q = SearchQuery::parse(&canonical).expect("a number is a number query");
        assert!(q.matches(&d), "{canonical:?}");
        assert!(d.search_keys().contains(&q.key()), "{canonical:?}");
    }
});
