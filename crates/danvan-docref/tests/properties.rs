//! Property tests: parsing and finding never panic; format∘parse is the
//! identity on valid numbers; spans are char boundaries within the text.

use danvan_docref::{DocNumber, DocType, SearchQuery, Style, find_references};
use proptest::prelude::*;

fn issuer() -> impl Strategy<Value = String> {
    "[A-ZĐ][A-ZĐ0-9]{0,7}(&[A-Z]{1,3})?"
}

fn party_type() -> impl Strategy<Value = DocType> {
    proptest::sample::select(
        DocType::ALL
            .into_iter()
            .filter(|t| t.abbreviation(Style::Party).is_some())
            .collect::<Vec<_>>(),
    )
}

fn state_type() -> impl Strategy<Value = Option<DocType>> {
    proptest::option::of(proptest::sample::select(
        DocType::ALL
            .into_iter()
            .filter(|t| t.abbreviation(Style::State).is_some())
            .collect::<Vec<_>>(),
    ))
}

fn doc_number() -> impl Strategy<Value = DocNumber> {
    let party = (
        1u32..=9_999_999,
        party_type(),
        proptest::collection::vec(issuer(), 1..=4),
    )
        .prop_filter_map("valid", |(n, t, is)| {
            DocNumber::party(n, t, &is.iter().map(String::as_str).collect::<Vec<_>>()).ok()
        });
    let state = (
        1u32..=9_999_999,
        proptest::option::of(1900u16..=2200),
        state_type(),
        proptest::collection::vec(issuer(), 1..=4),
    )
        .prop_filter_map("valid", |(n, y, t, is)| {
            DocNumber::state(n, y, t, &is.iter().map(String::as_str).collect::<Vec<_>>()).ok()
        });
    prop_oneof![party, state]
}

/// Text made of pieces that look like references, to reach deep paths.
fn texty() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Kế hoạch số".to_string()),
        Just("Nghị quyết ".to_string()),
        Just("Quyết Ðịnh số ".to_string()),
        Just("số".to_string()),
        Just(", ngày ".to_string()),
        Just(" tháng ".to_string()),
        Just(" năm ".to_string()),
        Just(" và ".to_string()),
        Just("\r\n".to_string()),
        Just("–".to_string()),
        Just("/".to_string()),
        Just("-".to_string()),
        "[0-9]{1,5}",
        "[A-ZĐÐa-zđ&]{1,5}",
        any::<String>(),
        ".{0,3}",
    ];
    proptest::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn parse_never_panics(s in any::<String>()) {
        let _ = DocNumber::parse(&s);
        let _ = SearchQuery::parse(&s);
    }

    #[test]
    fn parse_never_panics_on_number_like_text(s in texty()) {
        if let Ok(d) = DocNumber::parse(&s) {
            prop_assert_eq!(DocNumber::parse(&d.to_string()), Ok(d));
        }
    }

    #[test]
    fn format_then_parse_is_identity(d in doc_number()) {
        let s = d.to_string();
        prop_assert_eq!(DocNumber::parse(&s), Ok(d.clone()));
        prop_assert_eq!(DocNumber::parse(&format!("  {s}\n")), Ok(d.clone()));
        let q = SearchQuery::parse(&s).unwrap();
        prop_assert!(q.matches(&d));
        prop_assert!(d.search_keys().contains(&q.key()));
    }

    #[test]
    fn finder_finds_generated_numbers(d in doc_number(), t in party_type()) {
        let text = format!("Thực hiện {} số{}, ngày 25/7/2023 của Ban Thường vụ.", t.name(), d);
        let refs = find_references(&text);
        prop_assert_eq!(refs.len(), 1);
        prop_assert_eq!(&refs[0].number, &d);
        prop_assert_eq!(refs[0].doc_type, t);
        prop_assert_eq!(refs[0].date.map(|x| x.to_string()), Some("2023-07-25".to_string()));
    }

    #[test]
    fn finder_never_panics_and_spans_are_boundaries(s in prop_oneof![any::<String>(), texty()]) {
        let mut last_end = 0;
        for r in find_references(&s) {
            for span in [Some(&r.span), Some(&r.number_span), r.date_span.as_ref()].into_iter().flatten() {
                prop_assert!(span.start <= span.end && span.end <= s.len());
                prop_assert!(s.is_char_boundary(span.start) && s.is_char_boundary(span.end));
            }
            prop_assert!(r.span.start >= last_end, "references overlap");
            prop_assert!(r.span.start <= r.number_span.start && r.number_span.end == r.span.end);
            last_end = r.date_span.as_ref().map_or(r.span.end, |d| d.end);
            prop_assert_eq!(DocNumber::parse(&r.number.to_string()), Ok(r.number.clone()));
        }
    }
}
