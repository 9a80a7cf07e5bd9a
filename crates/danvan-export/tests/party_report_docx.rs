//! The Party report as DOCX: page, fonts, header block, page numbers and
//! tables as HD 36-HD/VPTW asks, read back from the package.

mod common;

use common::{PLACE_DATE, sample_report, zip_names, zip_part};
use danvan_export::{Cell, Column, PartyReport, Table, party_report_docx};

const TNR: &str = "Times New Roman";

/// The first element `<tag …>` (or `<tag …/>`) in `xml`, start tag only.
fn element<'a>(xml: &'a str, tag: &str) -> &'a str {
    let open = format!("<{tag} ");
    let start = xml
        .find(&open)
        .unwrap_or_else(|| panic!("{tag} in the part"));
    let end = start + xml[start..].find('>').expect("a closed tag");
    &xml[start..=end]
}

/// The `<w:r>…</w:r>` holding `text`.
fn run_with<'a>(xml: &'a str, text: &str) -> &'a str {
    let at = xml
        .find(&format!(">{text}</w:t>"))
        .unwrap_or_else(|| panic!("a run with {text:?}"));
    let start = xml[..at].rfind("<w:r>").expect("the run's start");
    let end = at + xml[at..].find("</w:r>").expect("the run's end");
    &xml[start..end]
}

fn attr<'a>(element: &'a str, name: &str) -> &'a str {
    let key = format!(" {name}=\"");
    let start = element
        .find(&key)
        .unwrap_or_else(|| panic!("{name} in {element}"))
        + key.len();
    let end = start + element[start..].find('"').unwrap();
    &element[start..end]
}

/// The part a `w:headerReference` of `kind` points at.
fn header_part(bytes: &[u8], kind: &str) -> String {
    let doc = zip_part(bytes, "word/document.xml");
    let reference = doc
        .split("<w:headerReference ")
        .skip(1)
        .find(|r| r.contains(&format!("w:type=\"{kind}\"")))
        .unwrap_or_else(|| panic!("a {kind} header reference"));
    let rid = attr(&format!(" {reference}"), "r:id").to_string();
    let rels = zip_part(bytes, "word/_rels/document.xml.rels");
    let rel = rels
        .split("<Relationship ")
        .find(|r| r.contains(&format!("Id=\"{rid}\"")))
        .expect("the header's relationship");
    let rel = format!(" {rel}");
    let target = attr(&rel, "Target");
    zip_part(bytes, &format!("word/{target}"))
}

#[test]
fn page_is_a4_with_party_margins() {
    let bytes = party_report_docx(&sample_report()).unwrap();
    let doc = zip_part(&bytes, "word/document.xml");
    let size = element(&doc, "w:pgSz");
    assert_eq!(attr(size, "w:w"), "11906", "{size}");
    assert_eq!(attr(size, "w:h"), "16838", "{size}");
    let margins = element(&doc, "w:pgMar");
    assert_eq!(attr(margins, "w:top"), "1417", "{margins}");
    assert_eq!(attr(margins, "w:bottom"), "1417", "{margins}");
    assert_eq!(attr(margins, "w:left"), "1984", "{margins}");
    assert_eq!(attr(margins, "w:right"), "850", "{margins}");
}

#[test]
fn times_new_roman_in_every_font_slot() {
    let bytes = party_report_docx(&sample_report()).unwrap();
    let mut parts: Vec<String> = zip_names(&bytes)
        .into_iter()
        .filter(|n| n.starts_with("word/header") || n == "word/document.xml")
        .collect();
    parts.push("word/styles.xml".into());
    for part in parts {
        let xml = zip_part(&bytes, &part);
        let fonts: Vec<&str> = xml
            .match_indices("<w:rFonts ")
            .map(|(i, _)| element(&xml[i..], "w:rFonts"))
            .collect();
        assert!(!fonts.is_empty(), "no rFonts in {part}");
        for f in fonts {
            for slot in ["w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"] {
                assert_eq!(attr(f, slot), TNR, "{slot} in {part}: {f}");
            }
        }
        // A run without its own rFonts would fall back to the defaults; there
        // must be none in the body and headers.
        if part != "word/styles.xml" {
            assert_eq!(
                xml.matches("<w:r>").count(),
                xml.matches("<w:r><w:rPr><w:sz").count(),
                "{part}"
            );
        }
    }
    let styles = zip_part(&bytes, "word/styles.xml");
    let defaults =
        &styles[styles.find("<w:docDefaults>").unwrap()..styles.find("</w:docDefaults>").unwrap()];
    assert!(
        defaults.contains("w:eastAsia=\"Times New Roman\""),
        "{defaults}"
    );
    assert!(
        defaults.contains("<w:sz w:val=\"28\" />"),
        "14 pt default: {defaults}"
    );
}

#[test]
fn page_numbers_from_the_second_page() {
    let bytes = party_report_docx(&sample_report()).unwrap();
    let doc = zip_part(&bytes, "word/document.xml");
    assert!(doc.contains("<w:titlePg />"), "different first page");
    let first = header_part(&bytes, "first");
    assert!(
        !first.contains("instrText"),
        "first page shows no number: {first}"
    );
    assert!(
        !first.contains("<w:t"),
        "first page header is empty: {first}"
    );
    let default = header_part(&bytes, "default");
    assert!(
        default.contains("<w:fldChar w:fldCharType=\"begin\""),
        "{default}"
    );
    assert!(
        default.contains("<w:instrText>PAGE</w:instrText>"),
        "{default}"
    );
    assert!(
        default.contains("<w:fldChar w:fldCharType=\"end\""),
        "{default}"
    );
    assert!(
        default.contains("<w:jc w:val=\"center\" />"),
        "centred: {default}"
    );
}

#[test]
fn header_block_title_and_body() {
    let bytes = party_report_docx(&sample_report()).unwrap();
    let doc = zip_part(&bytes, "word/document.xml");

    let party = run_with(&doc, "ĐẢNG CỘNG SẢN VIỆT NAM");
    assert!(
        party.contains("<w:b />") && party.contains("<w:sz w:val=\"30\" />"),
        "{party}"
    );
    assert!(
        party.contains("<w:u w:val=\"single\" />"),
        "rule under it: {party}"
    );

    // Upper-cased from the caller's "Đảng bộ tỉnh Kon Tum" / "Ban Dân vận Huyện ủy".
    let superior = run_with(&doc, "ĐẢNG BỘ TỈNH KON TUM");
    assert!(!superior.contains("<w:b />"), "{superior}");
    let issuer = run_with(&doc, "BAN DÂN VẬN HUYỆN ỦY");
    assert!(issuer.contains("<w:b />"), "{issuer}");
    let star = doc.find(">*</w:t>").expect("the * line");
    assert!(doc.find("BAN DÂN VẬN HUYỆN ỦY").unwrap() < star);
    run_with(&doc, "Số 15-BC/BDVHU");

    let date = run_with(&doc, PLACE_DATE);
    assert!(date.contains("<w:i />"), "italic: {date}");

    // The header block is a borderless table of two columns.
    let first_table = &doc[doc.find("<w:tbl>").unwrap()..doc.find("</w:tbl>").unwrap()];
    assert!(first_table.contains("ĐẢNG CỘNG SẢN VIỆT NAM") && first_table.contains(PLACE_DATE));
    assert_eq!(first_table.matches("<w:gridCol ").count(), 2);
    assert!(first_table.contains("<w:top w:val=\"nil\""), "no borders");

    let title = run_with(&doc, "BÁO CÁO");
    assert!(
        title.contains("<w:b />") && title.contains("<w:sz w:val=\"30\" />"),
        "{title}"
    );
    let summary = run_with(
        &doc,
        "kết quả thực hiện phong trào thi đua &quot;Dân vận khéo&quot; năm 2023",
    );
    assert!(summary.contains("<w:b />"), "{summary}");

    let body_at = doc
        .find("Toàn huyện có 2.071 mô hình")
        .expect("the second paragraph");
    let p_start = doc[..body_at].rfind("<w:p ").unwrap();
    let para = &doc[p_start..body_at];
    assert!(
        para.contains("<w:jc w:val=\"both\" />"),
        "justified: {para}"
    );
    assert!(
        para.contains("w:firstLine=\"567\""),
        "1 cm first-line indent: {para}"
    );
}

#[test]
fn tables_have_widths_borders_and_bold_header_and_total() {
    let bytes = party_report_docx(&sample_report()).unwrap();
    let doc = zip_part(&bytes, "word/document.xml");
    let caption = run_with(
        &doc,
        "Bảng 1. Mô hình &quot;Dân vận khéo&quot; theo lĩnh vực",
    );
    assert!(caption.contains("<w:b />"));

    let start = doc.rfind("<w:tbl>").unwrap();
    let table = &doc[start..doc.rfind("</w:tbl>").unwrap()];
    let widths: Vec<&str> = table
        .match_indices("<w:gridCol ")
        .map(|(i, _)| attr(element(&table[i..], "w:gridCol"), "w:w"))
        .collect();
    // 12, 78, 35 and 30 mm in twips.
    assert_eq!(widths, ["680", "4422", "1984", "1701"]);
    assert!(table.contains("<w:tblLayout w:type=\"fixed\" />"));
    assert!(
        table.contains("<w:top w:val=\"single\""),
        "bordered: {}",
        &table[..600]
    );

    assert!(
        run_with(&doc, "Lĩnh vực").contains("<w:b />"),
        "header bold"
    );
    assert!(
        !run_with(&doc, "Kinh tế").contains("<w:b />"),
        "body not bold"
    );
    assert!(
        run_with(&doc, "Tổng cộng").contains("<w:b />"),
        "total bold"
    );
    run_with(&doc, "1.204");
    run_with(&doc, "58,1%");
    run_with(&doc, "2.071");
}

#[test]
fn the_package_reads_back() {
    let bytes = party_report_docx(&sample_report()).unwrap();
    docx_rs::read_docx(&bytes).expect("docx-rs reads its own package back");
}

#[test]
fn odd_input_does_not_panic() {
    let empty = party_report_docx(&PartyReport::default()).unwrap();
    docx_rs::read_docx(&empty).unwrap();

    let long = "Dân vận khéo ".repeat(20_000);
    let report = PartyReport {
        superior: "a\u{0}b\u{1B}c".into(),
        issuer: "dòng một\ndòng hai".into(),
        title: long.clone(),
        paragraphs: vec![long.clone(), String::new(), "<&>\"'".into()],
        tables: vec![
            // No columns, no rows: the caption alone.
            Table {
                caption: "Bảng trống".into(),
                ..Table::default()
            },
            // No columns but rows; ragged rows; a total longer than the rest.
            Table {
                caption: "Bảng lệch".into(),
                columns: vec![],
                rows: vec![
                    vec![],
                    vec![Cell::text("x")],
                    vec![Cell::text("y"), Cell::number("1", 1.0)],
                ],
                total_row: Some(vec![
                    Cell::text("a"),
                    Cell::text("b"),
                    Cell::number("NaN", f64::NAN),
                ]),
            },
            // Widths that are not positive numbers; a table wider than the page.
            Table {
                caption: String::new(),
                columns: vec![
                    Column::new("a", f32::NAN),
                    Column::new("b", -4.0),
                    Column::new("c", 1.0e9),
                ],
                rows: vec![vec![Cell::text(long.clone())]],
                total_row: None,
            },
        ],
        ..PartyReport::default()
    };
    let bytes = party_report_docx(&report).unwrap();
    docx_rs::read_docx(&bytes).unwrap();
    let doc = zip_part(&bytes, "word/document.xml");
    assert!(doc.contains(">ABC</w:t>"), "control characters dropped");
    assert!(
        doc.contains("<w:br w:type=\"textWrapping\" />"),
        "line break kept"
    );
    assert!(doc.contains("&lt;&amp;&gt;&quot;&apos;"));
    // Header block + the ragged table + the odd-width table; the empty one is
    // only its caption.
    assert_eq!(doc.matches("<w:tbl>").count(), 3);
    run_with(&doc, "Bảng trống");
    let ragged = &doc[doc.find("Bảng lệch").unwrap()..];
    let ragged = &ragged[..ragged.find("</w:tbl>").unwrap()];
    let widths: Vec<&str> = ragged
        .match_indices("<w:gridCol ")
        .map(|(i, _)| attr(element(&ragged[i..], "w:gridCol"), "w:w"))
        .collect();
    assert_eq!(
        widths,
        ["1417", "1417", "1417"],
        "25 mm defaults, as wide as the longest row"
    );
    let odd = &doc[doc.rfind("<w:tbl>").unwrap()..];
    let widths: Vec<&str> = odd
        .match_indices("<w:gridCol ")
        .map(|(i, _)| attr(element(&odd[i..], "w:gridCol"), "w:w"))
        .collect();
    assert_eq!(widths[..2], ["1417", "1417"]);
}
