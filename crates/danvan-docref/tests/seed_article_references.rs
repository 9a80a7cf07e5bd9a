//! Issue 6 acceptance: on the seed article the finder returns exactly the six
//! references, with the dates the text gives.

use danvan_docref::{DocDate, DocType, find_references};

const SEED: &str = "../../../shared/seeds/000_717bb114bfc50511.txt";

#[test]
fn seed_article_has_exactly_six_references() {
    let text = std::fs::read_to_string(SEED).expect("seed article (tests run from the crate dir)");
    let refs = find_references(&text);
    let got: Vec<(String, DocType, Option<DocDate>)> = refs
        .iter()
        .map(|r| (r.number.to_string(), r.doc_type, r.date))
        .collect();
    let d = |y, m, d| DocDate::new(y, m, d);
    assert_eq!(
        got,
        [
            ("136-KH/HU".to_string(), DocType::KeHoach, d(2023, 7, 25)),
            ("18-CT/TU".to_string(), DocType::ChiThi, d(2023, 6, 21)),
            (
                "62-CTr/HU".to_string(),
                DocType::ChuongTrinh,
                d(2013, 10, 8)
            ),
            ("25-NQ/TW".to_string(), DocType::NghiQuyet, d(2013, 6, 3)),
            ("217-QĐ/TW".to_string(), DocType::QuyetDinh, None),
            ("218-QĐ/TW".to_string(), DocType::QuyetDinh, None),
        ]
    );
    let spans: Vec<&str> = refs.iter().map(|r| &text[r.span.clone()]).collect();
    assert_eq!(
        spans,
        [
            "Kế hoạch số136-KH/HU",
            "Chỉ thị số 18-CT/TU",
            "Chương trình số 62-CTr/HU",
            "Nghị quyết số 25-NQ/TW",
            "Quyết định số 217-QĐ/TW",
            "Quyết định số 218-QĐ/TW",
        ]
    );
    let dates: Vec<Option<&str>> = refs
        .iter()
        .map(|r| r.date_span.clone().map(|s| &text[s]))
        .collect();
    assert_eq!(
        dates,
        [
            Some("ngày 25/7/2023"),
            Some("ngày 21/6/2023"),
            Some("ngày 08/10/2013"),
            Some("ngày 03/6/2013"),
            None,
            None
        ]
    );
}

#[test]
fn seed_article_with_look_alikes_and_breaks() {
    // The same text as typed on other machines: Ð for Đ, en dashes, CR LF.
    let text = std::fs::read_to_string(SEED).expect("seed article");
    let mangled = text
        .replace('Đ', "Ð")
        .replace("-KH", "–KH")
        .replace("số 25", "số\r\n25")
        .replace('\n', "\r\n");
    let numbers: Vec<String> = find_references(&mangled)
        .iter()
        .map(|r| r.number.to_string())
        .collect();
    assert_eq!(
        numbers,
        [
            "136-KH/HU",
            "18-CT/TU",
            "62-CTr/HU",
            "25-NQ/TW",
            "217-QĐ/TW",
            "218-QĐ/TW"
        ]
    );
}
