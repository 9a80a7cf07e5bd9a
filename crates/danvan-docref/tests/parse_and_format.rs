//! Issue 6 acceptance: every example number round-trips through parse and
//! format; invalid input gives a typed error.

use danvan_docref::{DocNumber, DocNumberError, DocType, Style};

#[test]
fn issue_examples_round_trip() {
    for s in [
        "136-KH/HU",
        "05-QC/BTCTU-BDVTU",
        "217-QĐ/TW",
        "01-QĐi/TW",
        "45/QĐ-UBND",
        "12/2023/NĐ-CP",
        "22/2023/TT-BTTTT",
    ] {
        let d: DocNumber = s.parse().unwrap_or_else(|e| panic!("{s}: {e}"));
        assert_eq!(d.to_string(), s);
    }
}

#[test]
fn issue_invalid_inputs() {
    let code = |s: &str| {
        DocNumber::parse(s)
            .map(|d| d.to_string())
            .map_err(|e| e.code())
    };
    assert_eq!(code("KH/HU"), Err("docref.missing_number"));
    assert_eq!(code("136-/HU"), Err("docref.missing_type"));
    assert_eq!(code("abc"), Err("docref.missing_number"));
    assert_eq!(code(""), Err("docref.empty"));
    assert_eq!(code("136-KH/"), Err("docref.missing_issuer"));
    assert_eq!(code("136-ZZ/HU"), Err("docref.unknown_type"));
    assert_eq!(code(&"9".repeat(100)), Err("docref.too_long"));
}

#[test]
fn styles_and_types() {
    let d = DocNumber::parse("05-QC/BTCTU-BDVTU").unwrap();
    assert_eq!(
        (d.style(), d.symbol_type()),
        (Style::Party, Some(DocType::QuyChe))
    );
    let d = DocNumber::parse("22/2023/TT-BTTTT").unwrap();
    assert_eq!(
        (d.style(), d.year(), d.symbol_type()),
        (Style::State, Some(2023), Some(DocType::ThongTu))
    );
    assert_eq!(d.issuers(), ["BTTTT"]);
    assert!(matches!(
        DocNumber::parse("01-NĐ/TW"),
        Err(DocNumberError::UnknownType { .. })
    ));
}
