//! `find_references` on arbitrary input: no panic; spans are ordered char
//! boundaries within the text; every number found round-trips.
#![no_main]

use danvan_docref::{DocNumber, find_references};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut last_end = 0;
    for r in find_references(text) {
        for span in [Some(&r.span), Some(&r.number_span), r.date_span.as_ref()]
            .into_iter()
            .flatten()
        {
            assert!(span.start <= span.end && span.end <= text.len());
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        }
        assert!(r.span.start >= last_end, "overlap");
        assert!(r.span.start <= r.number_span.start && r.number_span.end == r.span.end);
        last_end = r.date_span.as_ref().map_or(r.span.end, |d| d.end);
        assert_eq!(
            DocNumber::parse(&r.number.to_string()).as_ref(),
            Ok(&r.number)
        );
        let _ = r.key();
    }
});
