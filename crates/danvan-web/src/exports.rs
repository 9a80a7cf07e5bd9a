//! The registry's report files: the statistics of a period as a Party
//! report (DOCX, `danvan-export` lays it out per Hướng dẫn 36-HD/VPTW) and
//! as a workbook (XLSX, numbers as numbers). Used by `danvan registry
//! export` and the back office's export buttons.

use chrono::{Datelike, NaiveDate};
use danvan_domain::messages::{Lang, format, t};
use danvan_domain::registry::stats::{Breakdown, Counts, count_vi, percent_vi, period_phrase, summary};
use danvan_domain::registry::{Field, Holder, ModelKind, Period};
use danvan_export::{Cell, Column, PartyReport, Sheet, Table};

/// The heading of a report: who issues it, its number, where and when.
#[derive(Debug, Clone)]
pub struct ReportHeading {
    /// The superior body (`ĐẢNG BỘ TỈNH …`), printed upper case.
    pub superior: String,
    /// The issuing body (`BAN DÂN VẬN HUYỆN ỦY`), printed upper case.
    pub issuer: String,
    /// `Số 15-BC/BDVHU`; left for the clerk to fill in when empty.
    pub number: String,
    /// The place of the place-date line (`Kon Rẫy`).
    pub place: String,
    /// The date of the place-date line.
    pub date: NaiveDate,
}

/// "Kon Rẫy, ngày 05 tháng 01 năm 2024": a day under 10 and a month under 3
/// take a leading zero (Nghị định 30/2020/NĐ-CP, Phụ lục I, and Hướng dẫn
/// 36-HD/VPTW alike).
pub fn place_date(place: &str, d: NaiveDate) -> String {
    let day = if d.day() < 10 { format!("0{}", d.day()) } else { d.day().to_string() };
    let month = if d.month() < 3 { format!("0{}", d.month()) } else { d.month().to_string() };
    format("registry.report.place_date", Lang::Vi, &[("place", &place), ("day", &day), ("month", &month), ("year", &d.year())])
}

/// The catalogue keys of the nine counts' column headings, in the order of
/// the tables (registered … commended, then the previous period).
pub const COLUMN_KEYS: [&str; 9] = [
    "regcli.col.registered",
    "regcli.col.launched",
    "regcli.col.evaluated",
    "regcli.col.effective",
    "regcli.col.outstanding",
    "regcli.col.replicated",
    "regcli.col.proposed",
    "regcli.col.commended",
    "regcli.col.previous",
];

/// The columns a printed report keeps (an A4 page has 160 mm between the
/// Party margins: six counts of 21 mm beside a 34 mm label): registered,
/// effective, outstanding, replicated, proposed, previous period.
const PRINTED: [usize; 6] = [0, 3, 4, 5, 6, 8];

/// Which columns a table carries: all nine counts (a workbook) or the six
/// a printed page holds.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Width {
    /// Every count (XLSX).
    Full,
    /// The printed report's columns (DOCX).
    Printed,
}

impl Width {
    fn keeps(self, i: usize) -> bool {
        self == Width::Full || PRINTED.contains(&i)
    }
}

fn cells(c: &Counts, previous: u64, w: Width) -> Vec<Cell> {
    [c.registered, c.launched, c.evaluated, c.effective, c.outstanding, c.replicated, c.proposed, c.commended, previous]
        .into_iter()
        .enumerate()
        .filter(|(i, _)| w.keeps(*i))
        .map(|(_, n)| Cell::number(count_vi(n), n as f64))
        .collect()
}

fn columns(first: &str, w: Width) -> Vec<Column> {
    let (first_mm, rest_mm) = if w == Width::Full { (34.0, 14.0) } else { (34.0, 21.0) };
    let mut v = vec![Column::new(first, first_mm)];
    v.extend(COLUMN_KEYS.iter().enumerate().filter(|(i, _)| w.keeps(*i)).map(|(_, k)| Column::new(t(k, Lang::Vi), rest_mm)));
    v
}

/// The statistics tables: by field, by holder, by kind (each with a total
/// row), with the columns of `w`.
pub fn tables(period: &Period, b: &Breakdown, before: &Breakdown, w: Width) -> Vec<Table> {
    let mut out = Vec::new();
    let total = |label: &str| {
        let mut v = vec![Cell::text(label)];
        v.extend(cells(&b.total, before.total.registered, w));
        v
    };
    let by = |caption: String, first: &str, groups: Vec<(String, &Counts, u64)>| Table {
        caption,
        columns: columns(first, w),
        rows: groups
            .into_iter()
            .map(|(label, c, prev)| {
                let mut v = vec![Cell::text(label)];
                v.extend(cells(c, prev, w));
                v
            })
            .collect(),
        total_row: Some(total(t("regcli.total_row", Lang::Vi))),
    };
    let p = period.to_string();
    out.push(by(
        format("registry.report.by_field", Lang::Vi, &[("period", &p)]),
        t("regcli.heading", Lang::Vi),
        Field::ALL.iter().map(|f| (t(f.message_key(), Lang::Vi).to_owned(), &b.by_field[f.index()], before.by_field[f.index()].registered)).collect(),
    ));
    out.push(by(
        format("registry.report.by_holder", Lang::Vi, &[("period", &p)]),
        t("registry.report.holder", Lang::Vi),
        Holder::ALL.iter().map(|h| (t(h.message_key(), Lang::Vi).to_owned(), &b.by_holder[h.index()], before.by_holder[h.index()].registered)).collect(),
    ));
    out.push(by(
        format("registry.report.by_kind", Lang::Vi, &[("period", &p)]),
        t("registry.report.kind", Lang::Vi),
        ModelKind::ALL.iter().map(|k| (t(k.message_key(), Lang::Vi).to_owned(), &b.by_kind[k.index()], before.by_kind[k.index()].registered)).collect(),
    ));
    out
}

/// The report as a DOCX: heading, title, trích yếu, the summary paragraph,
/// the share recognised, and the tables.
pub fn registry_docx(h: &ReportHeading, period: &Period, scope: &str, b: &Breakdown, before: &Breakdown) -> Result<Vec<u8>, danvan_export::ExportError> {
    let number = if h.number.trim().is_empty() { t("registry.report.number_blank", Lang::Vi).to_owned() } else { h.number.clone() };
    let mut paragraphs = vec![summary(period, scope, b, Some(before), Lang::Vi)];
    if b.total.evaluated > 0 {
        paragraphs.push(format(
            "registry.report.share",
            Lang::Vi,
            &[("effective", &count_vi(b.total.effective)), ("evaluated", &count_vi(b.total.evaluated)), ("share", &percent_vi(b.total.effective, b.total.evaluated))],
        ));
    }
    let r = PartyReport {
        superior: h.superior.clone(),
        issuer: h.issuer.clone(),
        number,
        place_date: place_date(&h.place, h.date),
        title: t("registry.report.title", Lang::Vi).to_owned(),
        summary_line: format("registry.report.summary_line", Lang::Vi, &[("when", &period_phrase(period, Lang::Vi).to_lowercase())]),
        paragraphs,
        tables: tables(period, b, before, Width::Printed),
    };
    danvan_export::party_report_docx(&r)
}

/// The statistics as an XLSX workbook: one sheet per table, numbers as
/// numbers.
pub fn registry_xlsx(period: &Period, b: &Breakdown, before: &Breakdown) -> Result<Vec<u8>, danvan_export::ExportError> {
    let sheets: Vec<Sheet> = tables(period, b, before, Width::Full)
        .into_iter()
        .zip(["registry.report.sheet_field", "registry.report.sheet_holder", "registry.report.sheet_kind"])
        .map(|(table, key)| {
            let mut rows = table.rows;
            rows.extend(table.total_row);
            Sheet { name: t(key, Lang::Vi).to_owned(), title: Some(table.caption), columns: table.columns, rows }
        })
        .collect();
    danvan_export::xlsx(&sheets)
}

/// Records as an XLSX list in the import's columns
/// (`danvan_domain::registry::values::EXPORT_COLUMNS`, headers in
/// Vietnamese, row 1), one row per record, written as people write them:
/// `danvan registry import` of this file changes nothing.
pub fn registry_list_xlsx(rows: &[danvan_domain::registry::values::ImportRow]) -> Result<Vec<u8>, danvan_export::ExportError> {
    use danvan_domain::registry::values::{EXPORT_COLUMNS, write_row};
    let widths: [f32; EXPORT_COLUMNS.len()] = [20.0, 90.0, 25.0, 25.0, 45.0, 60.0, 22.0, 28.0, 28.0, 28.0, 25.0, 20.0];
    let columns = EXPORT_COLUMNS.iter().zip(widths).map(|((_, key), w)| Column::new(t(key, Lang::Vi), w)).collect();
    let rows = rows.iter().map(|r| write_row(r, Lang::Vi).into_iter().map(Cell::text).collect()).collect();
    danvan_export::xlsx(&[Sheet { name: t("registry.report.sheet_list", Lang::Vi).to_owned(), title: None, columns, rows }])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_take_the_leading_zeros_of_official_documents() {
        assert_eq!(place_date("Kon Rẫy", NaiveDate::from_ymd_opt(2024, 1, 5).unwrap()), "Kon Rẫy, ngày 05 tháng 01 năm 2024");
        assert_eq!(place_date("Kon Rẫy", NaiveDate::from_ymd_opt(2023, 12, 20).unwrap()), "Kon Rẫy, ngày 20 tháng 12 năm 2023");
        assert_eq!(place_date("Kon Rẫy", NaiveDate::from_ymd_opt(2023, 3, 9).unwrap()), "Kon Rẫy, ngày 09 tháng 3 năm 2023");
    }
}
