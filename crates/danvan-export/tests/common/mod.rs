//! Shared by the export tests: a sample report and a ZIP part reader.

#![allow(dead_code)]

use std::io::{Cursor, Read};

use danvan_export::{Cell, Column, PartyReport, Table};

pub const PLACE_DATE: &str = "Kon Rẫy, ngày 20 tháng 12 năm 2023";

/// A report shaped like the seed's yearly "Dân vận khéo" report.
pub fn sample_report() -> PartyReport {
    PartyReport {
        superior: "Đảng bộ tỉnh Kon Tum".into(),
        issuer: "Ban Dân vận Huyện ủy".into(),
        number: "Số 15-BC/BDVHU".into(),
        place_date: PLACE_DATE.into(),
        title: "Báo cáo".into(),
        summary_line: "kết quả thực hiện phong trào thi đua \"Dân vận khéo\" năm 2023".into(),
        paragraphs: vec![
            "Thực hiện Kế hoạch số 42-KH/BDVHU ngày 10/01/2023 của Ban Dân vận Huyện ủy về \
             triển khai phong trào thi đua \"Dân vận khéo\" năm 2023, Ban Dân vận Huyện ủy báo \
             cáo kết quả như sau:"
                .into(),
            "Toàn huyện có 2.071 mô hình, điển hình \"Dân vận khéo\", trong đó 87,3% được \
             công nhận ở cấp xã."
                .into(),
        ],
        tables: vec![Table {
            caption: "Bảng 1. Mô hình \"Dân vận khéo\" theo lĩnh vực".into(),
            columns: vec![
                Column::new("TT", 12.0),
                Column::new("Lĩnh vực", 78.0),
                Column::new("Số mô hình", 35.0),
                Column::new("Tỷ lệ", 30.0),
            ],
            rows: vec![
                vec![
                    Cell::number("01", 1.0),
                    Cell::text("Kinh tế"),
                    Cell::number("1.204", 1204.0),
                    Cell::number("58,1%", 0.581),
                ],
                vec![
                    Cell::number("02", 2.0),
                    Cell::text("Văn hóa - xã hội"),
                    Cell::number("867", 867.0),
                    Cell::number("41,9%", 0.419),
                ],
            ],
            total_row: Some(vec![
                Cell::text(""),
                Cell::text("Tổng cộng"),
                Cell::number("2.071", 2071.0),
                Cell::number("100%", 1.0),
            ]),
        }],
    }
}

/// The text of one part of a ZIP package (`word/document.xml`, …).
pub fn zip_part(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a ZIP package");
    let mut file = archive
        .by_name(name)
        .unwrap_or_else(|_| panic!("{name} in the package"));
    let mut s = String::new();
    file.read_to_string(&mut s).expect("UTF-8 part");
    s
}

/// Names of the parts of a ZIP package.
pub fn zip_names(bytes: &[u8]) -> Vec<String> {
    let archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a ZIP package");
    archive
        .file_names()
        .map(|n| n.expect("a part name").into_owned())
        .collect()
}
