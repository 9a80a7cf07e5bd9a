//! Already-computed report data → file bytes (pure, no I/O).
//!
//! Two outputs:
//!
//! - [`party_report_docx`]: a Party report (báo cáo) as a Word document laid
//!   out per Hướng dẫn 36-HD/VPTW (Văn phòng Trung ương Đảng, 2018) on the
//!   format of Party documents; see [`docx`] for every layout rule and where
//!   it comes from.
//! - [`xlsx()`]: statistics tables as an Excel workbook, one worksheet per
//!   [`Sheet`], numbers as real numeric cells; see [`xlsx`](mod@xlsx).
//!
//! Both take values the caller already formatted: this crate never formats a
//! number or a date, it only lays out what it is given. Both return the whole
//! file as bytes; writing it anywhere is the caller's business.
//!
//! Neither panics on odd input (no columns, no rows, ragged rows, very long
//! text, characters XML cannot carry, sheet names Excel refuses): such input
//! is repaired as each function documents, or refused with an
//! [`ExportError`].

#![warn(missing_docs)]

pub mod docx;
mod text;
pub mod xlsx;

pub use docx::{PartyReport, party_report_docx};
pub use xlsx::{Sheet, xlsx};

/// One table cell as the caller wants it shown and, for spreadsheets, stored.
///
/// - `display`: the text shown in a DOCX table and written to an XLSX cell
///   when `number` is `None`, already formatted in the Vietnamese style
///   (`"05"`, `"2.071"`, `"87,3%"`).
/// - `number`: the value an XLSX cell stores when `Some` (a plain numeric
///   cell, not a formula, so any reader gets the value). A non-finite value
///   (NaN, ±∞) cannot be stored by Excel, so the cell falls back to
///   `display`. DOCX ignores it except to centre the cell.
/// - `percent`: the XLSX cell shows `number` as a percentage with one
///   decimal (number format `0.0%`, so `0.818` reads 81,8% in a Vietnamese
///   Excel and 81.8% in an English one); the value stays the fraction.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cell {
    /// Text shown (DOCX) or stored when there is no number (XLSX).
    pub display: String,
    /// Value stored as a numeric XLSX cell.
    pub number: Option<f64>,
    /// Shown as a percentage in XLSX (see above).
    pub percent: bool,
}

impl Cell {
    /// A text cell: shown and stored as `display`.
    pub fn text(display: impl Into<String>) -> Self {
        Cell {
            display: display.into(),
            number: None,
            percent: false,
        }
    }

    /// A numeric cell: DOCX shows `display`, XLSX stores `number`.
    pub fn number(display: impl Into<String>, number: f64) -> Self {
        Cell {
            display: display.into(),
            number: Some(number),
            percent: false,
        }
    }

    /// A percentage: DOCX shows `display` (`"81,8%"`), XLSX stores the
    /// fraction `fraction` (`0.818`) with the number format `0.0%`.
    pub fn percent(display: impl Into<String>, fraction: f64) -> Self {
        Cell {
            percent: true,
            ..Cell::number(display, fraction)
        }
    }
}

/// A column: its header text and its width.
///
/// `width_mm` is in millimetres. DOCX converts it to twips
/// (1 mm = 1440 / 25.4 ≈ 56.7 twips); XLSX to character widths
/// (≈ mm / 2, at most 255, Excel's limit). A width that is not a finite
/// positive number is taken as [`DEFAULT_COLUMN_WIDTH_MM`].
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Header text, printed bold.
    pub header: String,
    /// Width in millimetres.
    pub width_mm: f32,
}

impl Column {
    /// A column with this header and width in millimetres.
    pub fn new(header: impl Into<String>, width_mm: f32) -> Self {
        Column {
            header: header.into(),
            width_mm,
        }
    }

    /// `width_mm`, or [`DEFAULT_COLUMN_WIDTH_MM`] when it is not a finite
    /// positive number.
    pub(crate) fn effective_width_mm(&self) -> f32 {
        effective_width_mm(self.width_mm)
    }
}

/// Width in millimetres given to a column whose width is missing (a row has
/// more cells than there are columns) or not a finite positive number.
pub const DEFAULT_COLUMN_WIDTH_MM: f32 = 25.0;

pub(crate) fn effective_width_mm(w: f32) -> f32 {
    if w.is_finite() && w > 0.0 {
        w
    } else {
        DEFAULT_COLUMN_WIDTH_MM
    }
}

/// A table of a report: caption, columns, body rows and an optional total
/// row (printed bold).
///
/// Rows may be ragged: the table has as many columns as the longest of
/// `columns`, the rows and `total_row`; missing cells are empty and extra
/// columns get [`DEFAULT_COLUMN_WIDTH_MM`] and an empty header. With no
/// columns and no rows at all only the caption is printed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// Printed centred and bold above the table ("Bảng 1. …").
    pub caption: String,
    /// Header row (bold) and column widths; may be empty (no header row).
    pub columns: Vec<Column>,
    /// Body rows, cells in column order.
    pub rows: Vec<Vec<Cell>>,
    /// Printed last, bold ("Tổng cộng").
    pub total_row: Option<Vec<Cell>>,
}

/// Why a file could not be built. Each variant carries the library's error
/// and a message saying what was being written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// docx-rs (or its ZIP writer) failed while packing the document.
    #[error("DOCX: {message}: {source}")]
    Docx {
        /// What was being written.
        message: String,
        /// The library's error.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync + 'static>,
    },
    /// rust_xlsxwriter refused a value or failed while saving: e.g. a text
    /// longer than 32,767 characters (Excel's cell limit), more than
    /// 1,048,576 rows or 16,384 columns.
    #[error("XLSX: {message}: {source}")]
    Xlsx {
        /// What was being written: the sheet and the cell.
        message: String,
        /// The library's error.
        #[source]
        source: rust_xlsxwriter::XlsxError,
    },
}
