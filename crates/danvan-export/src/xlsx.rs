//! Statistics tables as XLSX bytes.
//!
//! Rules (Excel's limits are from Microsoft's "Excel specifications and
//! limits"; the rest is our choice):
//!
//! - One worksheet per [`Sheet`], in order.
//! - Sheet names: the characters Excel refuses (`[ ] : * ? / \`) become
//!   `-`, control characters are dropped, leading and trailing apostrophes
//!   and spaces are trimmed, the name is cut to 31 UTF-16 units (Excel's
//!   limit), an empty name becomes `Sheet<n>` (n counts from 1), and a name
//!   already used (compared case-insensitively, as Excel does) or Excel's
//!   reserved "History" gets a ` (2)`, ` (3)`, … suffix within the limit.
//! - Row 1 holds the title, bold, when there is one; the header row comes
//!   next, bold, and the sheet is frozen below it so it stays in view. With
//!   no columns there is no header row and nothing is frozen.
//! - Column widths: `width_mm / 2` characters (Excel's unit is the width of
//!   a digit of the default 11 pt font, about 2 mm), between 1 and 255.
//! - A cell with a finite `number` is a numeric cell (`write_number`, no
//!   formula and no number format, so any reader gets the value; a
//!   [`Cell::percent`] gets the format `0.0%`, its value still the
//!   fraction); any other cell is a string cell holding `display`.

use rust_xlsxwriter::{ColNum, Format, RowNum, Workbook, XlsxError};

use crate::{Cell, Column, ExportError};

/// One worksheet: a name, an optional title line, columns and rows.
///
/// Rows may be longer than `columns`; the extra cells are written, with the
/// default column width.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sheet {
    /// Tab name; repaired as the [module](self) documentation says.
    pub name: String,
    /// Printed in row 1, bold, when `Some`.
    pub title: Option<String>,
    /// Header row (bold, frozen) and column widths; may be empty.
    pub columns: Vec<Column>,
    /// Data rows, cells in column order.
    pub rows: Vec<Vec<Cell>>,
}

/// Excel's limit on a sheet name, in UTF-16 units.
pub const SHEET_NAME_MAX: usize = 31;

/// Builds a workbook (bytes of a `.xlsx` ZIP package) with one worksheet per
/// sheet. With no sheets the workbook has one empty worksheet, since a
/// workbook cannot have none.
///
/// Errors: [`ExportError::Xlsx`] when rust_xlsxwriter refuses a value (a
/// text over 32,767 characters; more than 1,048,576 rows or 16,384 columns)
/// or fails to save; the message names the sheet and the cell.
pub fn xlsx(sheets: &[Sheet]) -> Result<Vec<u8>, ExportError> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let percent = Format::new().set_num_format("0.0%");
    let mut used: Vec<String> = Vec::with_capacity(sheets.len());

    for (i, sheet) in sheets.iter().enumerate() {
        let name = sheet_name(&sheet.name, i + 1, &used);
        used.push(name.clone());
        let ws = wb.add_worksheet();
        let err = |what: String| {
            let name = name.clone();
            move |source: XlsxError| ExportError::Xlsx {
                message: format!("sheet \"{name}\": {what}"),
                source,
            }
        };
        ws.set_name(&name).map_err(err("naming".into()))?;

        let mut row: RowNum = 0;
        if let Some(title) = &sheet.title {
            ws.write_string_with_format(row, 0, title, &bold)
                .map_err(err("title".into()))?;
            row += 1;
        }

        for (c, column) in sheet.columns.iter().enumerate() {
            let col = col_num(c).map_err(err(format!("column {}", c + 1)))?;
            ws.set_column_width(col, column_chars(column))
                .map_err(err(format!("width of column {}", c + 1)))?;
            ws.write_string_with_format(row, col, &column.header, &bold)
                .map_err(err(format!("header of column {}", c + 1)))?;
        }
        if !sheet.columns.is_empty() {
            ws.set_freeze_panes(row + 1, 0)
                .map_err(err("freezing the header".into()))?;
            row += 1;
        }

        for (r, cells) in sheet.rows.iter().enumerate() {
            let at = row_num(row, r).map_err(err(format!("row {}", r + 1)))?;
            for (c, cell) in cells.iter().enumerate() {
                let what = || format!("row {}, column {}", r + 1, c + 1);
                let col = col_num(c).map_err(err(what()))?;
                match cell.number {
                    Some(n) if n.is_finite() && cell.percent => {
                        ws.write_number_with_format(at, col, n, &percent).map(|_| ())
                    }
                    Some(n) if n.is_finite() => ws.write_number(at, col, n).map(|_| ()),
                    _ => ws.write_string(at, col, &cell.display).map(|_| ()),
                }
                .map_err(err(what()))?;
            }
        }
    }

    if sheets.is_empty() {
        wb.add_worksheet();
    }

    wb.save_to_buffer().map_err(|source| ExportError::Xlsx {
        message: "saving the workbook".into(),
        source,
    })
}

/// Column index as rust_xlsxwriter counts it; past `u16` it is refused.
fn col_num(c: usize) -> Result<ColNum, XlsxError> {
    ColNum::try_from(c).map_err(|_| XlsxError::RowColumnLimitError)
}

fn row_num(first: RowNum, r: usize) -> Result<RowNum, XlsxError> {
    u32::try_from(r)
        .ok()
        .and_then(|r| first.checked_add(r))
        .ok_or(XlsxError::RowColumnLimitError)
}

/// `width_mm / 2` characters, between 1 and 255 (Excel's limit).
fn column_chars(c: &Column) -> f64 {
    (f64::from(c.effective_width_mm()) / 2.0).clamp(1.0, 255.0)
}

/// A name Excel accepts and `used` does not hold (see the module rules).
fn sheet_name(wanted: &str, n: usize, used: &[String]) -> String {
    let cleaned: String = wanted
        .chars()
        .filter(|c| !c.is_control())
        .map(|c| match c {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '-',
            c => c,
        })
        .collect();
    let trimmed = cleaned.trim_matches(|c: char| c == '\'' || c.is_whitespace());
    let base = if trimmed.is_empty() {
        format!("Sheet{n}")
    } else {
        cut_utf16(trimmed, SHEET_NAME_MAX)
    };

    let taken = |s: &str| {
        s.eq_ignore_ascii_case("history")
            || used.iter().any(|u| u.to_lowercase() == s.to_lowercase())
    };
    if !taken(&base) {
        return base;
    }
    for k in 2.. {
        let suffix = format!(" ({k})");
        let head = cut_utf16(&base, SHEET_NAME_MAX - suffix.len());
        let head = head.trim_end_matches(|c: char| c == '\'' || c.is_whitespace());
        let candidate = format!("{head}{suffix}");
        if !taken(&candidate) {
            return candidate;
        }
    }
    unreachable!("the suffixes are endless and `used` is finite")
}

/// The longest prefix of `s` at most `max` UTF-16 units long, trimmed of a
/// trailing apostrophe or space the cut may expose.
fn cut_utf16(s: &str, max: usize) -> String {
    let mut len = 0;
    let mut out = String::new();
    for c in s.chars() {
        len += c.len_utf16();
        if len > max {
            break;
        }
        out.push(c);
    }
    out.trim_end_matches(|c: char| c == '\'' || c.is_whitespace())
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_repaired() {
        assert_eq!(
            sheet_name("Thống kê [2023]: xã/thị trấn?", 1, &[]),
            "Thống kê -2023-- xã-thị trấn-"
        );
        assert_eq!(sheet_name("", 3, &[]), "Sheet3");
        assert_eq!(sheet_name("'''", 2, &[]), "Sheet2");
        assert_eq!(sheet_name("'Dân vận'", 1, &[]), "Dân vận");
        let long = "Kết quả thực hiện phong trào thi đua Dân vận khéo năm 2023";
        let cut = sheet_name(long, 1, &[]);
        assert!(cut.encode_utf16().count() <= SHEET_NAME_MAX, "{cut}");
        assert!(long.starts_with(&cut));
        assert_eq!(sheet_name("History", 1, &[]), "History (2)");
        let used = vec!["Tổng hợp".to_string(), "tổng hợp (2)".to_string()];
        assert_eq!(sheet_name("TỔNG HỢP", 3, &used), "TỔNG HỢP (3)");
        let used = vec![cut.clone()];
        let again = sheet_name(long, 2, &used);
        assert!(
            again.ends_with(" (2)") && again.encode_utf16().count() <= SHEET_NAME_MAX,
            "{again}"
        );
        // Non-BMP characters count two UTF-16 units.
        let emoji = "😀".repeat(20);
        assert_eq!(sheet_name(&emoji, 1, &[]).encode_utf16().count(), 30);
    }

    #[test]
    fn widths_clamped() {
        assert_eq!(column_chars(&Column::new("a", 30.0)), 15.0);
        assert_eq!(column_chars(&Column::new("a", 0.5)), 1.0);
        assert_eq!(column_chars(&Column::new("a", 9000.0)), 255.0);
        assert_eq!(column_chars(&Column::new("a", f32::NAN)), 12.5);
    }
}
