//! Statistics as XLSX: read back with calamine, numbers are numbers, text is
//! text, names are repaired, the header row is frozen.

mod common;

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use common::zip_part;
use danvan_export::{Cell, Column, ExportError, Sheet, xlsx};

fn open(bytes: &[u8]) -> Xlsx<Cursor<&[u8]>> {
    Xlsx::new(Cursor::new(bytes)).expect("calamine opens the workbook")
}

fn sample() -> Vec<Sheet> {
    vec![
        Sheet {
            name: "Tổng hợp".into(),
            title: Some("Kết quả phong trào \"Dân vận khéo\" năm 2023".into()),
            columns: vec![
                Column::new("Đơn vị", 60.0),
                Column::new("Số mô hình", 30.0),
                Column::new("Tỷ lệ", 20.0),
            ],
            rows: vec![
                vec![
                    Cell::text("Xã Đắk Ruồng"),
                    Cell::number("1.204", 1204.0),
                    Cell::number("58,1%", 0.581),
                ],
                vec![
                    Cell::text("Thị trấn Đắk Rve"),
                    Cell::number("867", 867.0),
                    Cell::number("41,9%", 0.419),
                ],
                vec![
                    Cell::text("Tổng cộng"),
                    Cell::number("2.071", 2071.0),
                    Cell::number("NaN", f64::NAN),
                ],
            ],
        },
        Sheet {
            name: "Theo xã [2023]: a/b?".into(),
            title: None,
            columns: vec![Column::new("TT", 10.0)],
            rows: vec![vec![Cell::number("01", 1.0), Cell::text("thừa cột")]],
        },
        // Same name, other case: gets a suffix instead of an error.
        Sheet {
            name: "TỔNG HỢP".into(),
            ..Sheet::default()
        },
    ]
}

#[test]
fn numbers_come_back_as_numbers_and_text_as_text() {
    let bytes = xlsx(&sample()).unwrap();
    let mut wb = open(&bytes);
    assert_eq!(
        wb.sheet_names(),
        ["Tổng hợp", "Theo xã -2023-- a-b-", "TỔNG HỢP (2)"]
    );

    let range = wb.worksheet_range("Tổng hợp").unwrap();
    assert_eq!(range.start(), Some((0, 0)));
    let at = |r: u32, c: u32| range.get_value((r, c)).cloned().unwrap_or(Data::Empty);
    assert_eq!(
        at(0, 0),
        Data::String("Kết quả phong trào \"Dân vận khéo\" năm 2023".into())
    );
    assert_eq!(at(1, 0), Data::String("Đơn vị".into()));
    assert_eq!(at(1, 2), Data::String("Tỷ lệ".into()));
    assert_eq!(at(2, 0), Data::String("Xã Đắk Ruồng".into()));
    assert_eq!(at(2, 1), Data::Float(1204.0));
    assert_eq!(at(2, 2), Data::Float(0.581));
    assert_eq!(at(3, 1), Data::Float(867.0));
    assert_eq!(at(4, 1), Data::Float(2071.0));
    // NaN cannot be stored; the display text stands in.
    assert_eq!(at(4, 2), Data::String("NaN".into()));

    let second = wb.worksheet_range("Theo xã -2023-- a-b-").unwrap();
    assert_eq!(second.get_value((0, 0)), Some(&Data::String("TT".into())));
    assert_eq!(second.get_value((1, 0)), Some(&Data::Float(1.0)));
    assert_eq!(
        second.get_value((1, 1)),
        Some(&Data::String("thừa cột".into()))
    );

    assert!(wb.worksheet_range("TỔNG HỢP (2)").unwrap().is_empty());
}

#[test]
fn header_frozen_bold_and_widths_set() {
    let bytes = xlsx(&sample()).unwrap();
    let sheet = zip_part(&bytes, "xl/worksheets/sheet1.xml");
    // Title in row 1, header in row 2: frozen below row 2.
    assert!(
        sheet.contains("ySplit=\"2\"") && sheet.contains("state=\"frozen\""),
        "{sheet}"
    );
    // 60 mm → 30 characters (rust_xlsxwriter stores the width plus padding).
    assert!(
        sheet.contains("<col min=\"1\" max=\"1\" width=\"30.7109375\""),
        "{sheet}"
    );
    assert!(!sheet.contains("<f>"), "no formulas");
    let styles = zip_part(&bytes, "xl/styles.xml");
    assert!(styles.contains("<b/>"), "a bold font: {styles}");
    // Header cells use the bold style (s="1"), body cells the default.
    assert!(sheet.contains("<c r=\"A2\" s=\"1\" t=\"s\">"), "{sheet}");
    assert!(sheet.contains("<c r=\"B3\"><v>1204</v></c>"), "{sheet}");

    let second = zip_part(&bytes, "xl/worksheets/sheet2.xml");
    assert!(
        second.contains("ySplit=\"1\""),
        "no title: frozen below row 1"
    );
    let third = zip_part(&bytes, "xl/worksheets/sheet3.xml");
    assert!(!third.contains("ySplit"), "no columns, nothing frozen");
}

#[test]
fn odd_input_does_not_panic() {
    // No sheets: one empty worksheet.
    let bytes = xlsx(&[]).unwrap();
    assert_eq!(open(&bytes).sheet_names().len(), 1);

    let sheets: Vec<Sheet> = [
        "",
        "",
        "'quoted'",
        "History",
        "x".repeat(40).as_str(),
        "\u{0}\u{7}",
    ]
    .iter()
    .map(|n| Sheet {
        name: n.to_string(),
        columns: vec![
            Column::new("", f32::NAN),
            Column::new("b", -1.0),
            Column::new("c", 1e9),
        ],
        rows: vec![vec![], vec![Cell::number("∞", f64::INFINITY)]],
        ..Sheet::default()
    })
    .collect();
    let bytes = xlsx(&sheets).unwrap();
    let names = open(&bytes).sheet_names();
    assert_eq!(
        names,
        [
            "Sheet1",
            "Sheet2",
            "quoted",
            "History (2)",
            "x".repeat(31).as_str(),
            "Sheet6"
        ]
    );

    // Past Excel's 32,767 characters a cell is refused with an error, not a panic.
    let long = Sheet {
        name: "Dài".into(),
        rows: vec![vec![Cell::text("a".repeat(40_000))]],
        ..Sheet::default()
    };
    match xlsx(&[long]) {
        Err(e @ ExportError::Xlsx { .. }) => {
            let message = e.to_string();
            assert!(
                message.contains("\"Dài\"") && message.contains("row 1, column 1"),
                "{message}"
            );
        }
        other => panic!("expected an XLSX error, got {other:?}"),
    }
}

#[test]
fn a_percentage_is_a_fraction_shown_with_the_percent_format() {
    let sheet = Sheet {
        name: "Tỷ lệ".into(),
        title: None,
        columns: vec![Column::new("Đơn vị", 40.0), Column::new("Tỷ lệ đúng hạn", 30.0)],
        rows: vec![vec![Cell::text("Xã Mẫu Sơn"), Cell::percent("81,8%", 0.818)], vec![Cell::text("Xã Bình An"), Cell::percent("chưa có số liệu", f64::NAN)]],
    };
    let bytes = xlsx(&[sheet]).unwrap();
    let mut wb = open(&bytes);
    let range = wb.worksheet_range("Tỷ lệ").unwrap();
    assert_eq!(range.get_value((1, 1)), Some(&Data::Float(0.818)), "the value is the fraction");
    assert_eq!(range.get_value((2, 1)), Some(&Data::String("chưa có số liệu".into())), "no number: the text");
    let styles = zip_part(&bytes, "xl/styles.xml");
    assert!(styles.contains("formatCode=\"0.0%\""), "{styles}");
    let xml = zip_part(&bytes, "xl/worksheets/sheet1.xml");
    let cell = &xml[xml.find("<c r=\"B2\"").expect("B2")..];
    assert!(cell.starts_with("<c r=\"B2\" s=\"2\"><v>0.818</v>"), "B2 carries the percent style: {}", &cell[..60.min(cell.len())]);
}
