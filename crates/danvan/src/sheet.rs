//! Reading the sheets people send: XLSX (the first worksheet) or CSV (UTF-8,
//! with or without BOM; `,`, `;` or tab), whatever the file's name, as rows
//! numbered the way a spreadsheet shows them. Used by `danvan documents`
//! and `danvan registry import`.

use danvan_domain::messages::{Lang, format};
use std::path::Path;

/// The largest sheet read, in MiB.
pub const MAX_SHEET_MIB: u64 = 64;

/// The rows of a sheet: the row number as a spreadsheet shows it, and the cells.
pub struct Table {
    /// `tai-lieu.csv` or `tai-lieu.xlsx [Sheet1]`.
    pub label: String,
    pub rows: Vec<(u32, Vec<String>)>,
}

/// Why a sheet cannot be read (exit code 2).
#[derive(Debug)]
pub enum ReadError {
    Unreadable(String),
    TooLarge,
    Unsupported,
    NotUtf8 { line: usize },
    BadXlsx(String),
    BadCsv(String),
    Empty,
}

impl ReadError {
    /// The message in both languages with its code.
    pub fn render(&self) -> String {
        fn both(key: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
            format!("{} / {} [{key}]", format(key, Lang::Vi, args), format(key, Lang::En, args))
        }
        match self {
            ReadError::Unreadable(e) => format!("{} ({e})", both("doccli.sheet_unreadable", &[])),
            ReadError::TooLarge => both("doccli.sheet_too_large", &[("max", &MAX_SHEET_MIB)]),
            ReadError::Unsupported => both("doccli.sheet_unsupported", &[]),
            ReadError::NotUtf8 { line } => both("doccli.sheet_not_utf8", &[("line", line)]),
            ReadError::BadXlsx(e) => format!("{} ({e})", both("doccli.sheet_bad_xlsx", &[])),
            ReadError::BadCsv(e) => format!("{} ({e})", both("doccli.sheet_bad_csv", &[])),
            ReadError::Empty => both("doccli.sheet_empty", &[]),
        }
    }
}

/// Reads the sheet at `path` (at most [`MAX_SHEET_MIB`]).
pub fn read_table(path: &Path) -> Result<Table, ReadError> {
    let meta = std::fs::metadata(path).map_err(|e| ReadError::Unreadable(e.to_string()))?;
    if !meta.is_file() {
        return Err(ReadError::Unreadable("not a regular file".to_owned()));
    }
    if meta.len() > MAX_SHEET_MIB * 1024 * 1024 {
        return Err(ReadError::TooLarge);
    }
    let bytes = std::fs::read(path).map_err(|e| ReadError::Unreadable(e.to_string()))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string());
    parse_sheet(&bytes, &name)
}

fn parse_sheet(bytes: &[u8], name: &str) -> Result<Table, ReadError> {
    if bytes.starts_with(b"PK\x03\x04") {
        read_xlsx(bytes, name)
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) || bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        // old XLS (OLE), UTF-16 text
        Err(ReadError::Unsupported)
    } else {
        read_csv(bytes, name)
    }
}

fn read_xlsx(bytes: &[u8], name: &str) -> Result<Table, ReadError> {
    use calamine::{Data, Reader, Xlsx};
    let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).map_err(|e| ReadError::BadXlsx(e.to_string()))?;
    let sheet = wb.sheet_names().into_iter().next().ok_or(ReadError::Empty)?;
    let range = wb.worksheet_range(&sheet).map_err(|e| ReadError::BadXlsx(e.to_string()))?;
    let first = range.start().map_or(0, |s| s.0);
    let cell = |d: &Data| -> String {
        match d {
            Data::Empty => String::new(),
            Data::String(s) => s.clone(),
            Data::Int(i) => i.to_string(),
            Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => (*f as i64).to_string(),
            Data::Float(f) => f.to_string(),
            Data::Bool(b) => b.to_string(),
            Data::DateTime(dt) if dt.is_datetime() => {
                let (y, m, d, ..) = dt.to_ymd_hms_milli();
                format!("{y:04}-{m:02}-{d:02}")
            }
            Data::DateTime(dt) => dt.as_f64().to_string(),
            Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
            Data::Error(e) => e.to_string(),
        }
    };
    let rows = range.rows().enumerate().map(|(i, r)| (first + i as u32 + 1, r.iter().map(cell).collect())).collect();
    Ok(Table { label: format!("{name} [{sheet}]"), rows })
}

/// The separator of a CSV file: `;` or tab when its first line has more of
/// them (outside quotes) than commas.
fn csv_delimiter(text: &str) -> u8 {
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let (mut comma, mut semi, mut tab, mut quoted) = (0, 0, 0, false);
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => comma += 1,
            ';' if !quoted => semi += 1,
            '\t' if !quoted => tab += 1,
            _ => {}
        }
    }
    if semi > comma && semi >= tab {
        b';'
    } else if tab > comma && tab > semi {
        b'\t'
    } else {
        b','
    }
}

fn read_csv(bytes: &[u8], name: &str) -> Result<Table, ReadError> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if body.contains(&0) {
        return Err(ReadError::Unsupported);
    }
    let text = std::str::from_utf8(body).map_err(|e| ReadError::NotUtf8 { line: body[..e.valid_up_to()].iter().filter(|b| **b == b'\n').count() + 1 })?;
    let mut rdr = csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(csv_delimiter(text)).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    // a spreadsheet shows a cell with line breaks on one row: the row is the
    // record's first line less the line breaks inside earlier cells
    // (the physical line is counted from the record's byte offset: the csv
    // reader's own line count skips blank lines)
    let (mut inner_breaks, mut line, mut counted) = (0u64, 1u64, 0usize);
    for rec in rdr.records() {
        let rec = rec.map_err(|e| ReadError::BadCsv(e.to_string()))?;
        let mut start = rec.position().map_or(counted, |p| p.byte() as usize).clamp(counted, text.len());
        // the position is where the reader stood: before the blank lines it skipped
        while matches!(text.as_bytes().get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        line += text.as_bytes()[counted..start].iter().filter(|b| **b == b'\n').count() as u64;
        counted = start;
        let row = line.saturating_sub(inner_breaks);
        inner_breaks += rec.iter().map(|f| f.matches('\n').count() as u64).sum::<u64>();
        rows.push((u32::try_from(row).unwrap_or(u32::MAX), rec.iter().map(str::to_owned).collect()));
    }
    Ok(Table { label: name.to_owned(), rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_rows_as_a_spreadsheet_numbers_them() {
        let text = "\u{feff}so_ky_hieu;trich_yeu\n136-KH/HU;\"một\nhai\"\n\n18-CT/TU;ba\n";
        let t = read_csv(text.as_bytes(), "a.csv").unwrap();
        let rows: Vec<u32> = t.rows.iter().map(|r| r.0).collect();
        assert_eq!(t.rows[0].1, ["so_ky_hieu", "trich_yeu"]);
        assert_eq!(t.rows[1].1[1], "một\nhai");
        // header 1, the two-line cell on row 2, a blank row 3, then row 4
        assert_eq!(rows, [1, 2, 4]);
        assert_eq!(csv_delimiter("a,b;c,d"), b',');
        assert_eq!(csv_delimiter("\"a;b\",c"), b',');
        assert_eq!(csv_delimiter("a;b;c"), b';');
        assert!(matches!(read_csv(b"a,b\n\xff\n", "x"), Err(ReadError::NotUtf8 { line: 2 })));
    }
}
