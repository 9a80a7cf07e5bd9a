//! A Party report (báo cáo) as DOCX bytes.
//!
//! Layout rules, from Hướng dẫn 36-HD/VPTW (Văn phòng Trung ương Đảng,
//! 03/4/2018) on the format of Party documents, unless said otherwise:
//!
//! - Paper A4, 210 × 297 mm, portrait; margins top 25 mm, bottom 25 mm,
//!   left 35 mm, right 15 mm (HD 36: top and bottom 20–25 mm, left 30–35 mm,
//!   right 15 mm; we take the upper ends).
//! - Font Times New Roman (Unicode, TCVN 6909:2001) in every font slot
//!   (ascii, hAnsi, eastAsia, cs) of every run and paragraph mark and of the
//!   document defaults (docx-rs writes an empty Normal style, which inherits
//!   them), so no slot falls back to a theme font.
//! - Header block, a borderless two-column table of two rows:
//!   left, centred: the superior body in upper case 14 pt, the issuing body
//!   in upper case 14 pt bold, a "*" line under it, then the number
//!   ("Số 15-BC/BDVHU", 14 pt); right, centred: "ĐẢNG CỘNG SẢN VIỆT NAM" in
//!   upper case 15 pt bold with a solid rule as long as the line (a single
//!   underline), then the place and date in italics 14 pt, level with the
//!   number.
//! - Title (tên loại, "BÁO CÁO") centred, upper case, bold 15 pt; the
//!   summary line (trích yếu) centred under it, bold 14 pt.
//! - Body 14 pt, justified, first-line indent 10 mm, 6 pt after each
//!   paragraph, single line spacing (HD 36: spacing at least 6 pt, line
//!   spacing from single).
//! - Page numbers: Arabic, 14 pt, centred in the top margin, not shown on the
//!   first page (an empty first-page header, `w:titlePg`, and a default
//!   header holding a PAGE field).
//! - Tables (our choice, HD 36 has no table rule): the caption centred bold
//!   14 pt above the table; single borders; fixed layout with explicit column
//!   widths; text 13 pt; the header row and the total row bold and centred;
//!   cells with a number centred, text cells left-aligned; the table centred
//!   on the text width.

use std::io::Cursor;

use docx_rs::{
    AlignmentType, Docx, FieldCharType, Header, InstrPAGE, InstrText, LineSpacing, LineSpacingType,
    PageMargin, Paragraph, Run, RunFonts, SpecialIndentType, TableAlignmentType, TableCell,
    TableLayoutType, TableRow, VAlignType, WidthType,
};

use crate::text::{mm_to_twips, xml_safe};
use crate::{Cell, ExportError, Table, effective_width_mm};

/// The data of one Party report, already worded and formatted by the caller.
///
/// Every field is printed as given except where said (upper-casing). Line
/// breaks (`\n`) inside a field become line breaks in the document;
/// characters XML cannot carry (C0 controls) are dropped.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PartyReport {
    /// Superior Party body, e.g. "ĐẢNG BỘ TỈNH KON TUM"; printed in upper
    /// case, 14 pt.
    pub superior: String,
    /// Issuing body, e.g. "BAN DÂN VẬN HUYỆN ỦY"; printed in upper case,
    /// 14 pt bold, with a centred "*" line under it.
    pub issuer: String,
    /// Number and symbol, e.g. "Số 15-BC/BDVHU"; 14 pt.
    pub number: String,
    /// Place and date, e.g. "Kon Rẫy, ngày 20 tháng 12 năm 2023"; italic
    /// 14 pt.
    pub place_date: String,
    /// Kind of document, e.g. "BÁO CÁO"; printed in upper case, bold 15 pt.
    pub title: String,
    /// Summary line (trích yếu), e.g. "kết quả công tác dân vận năm 2023";
    /// bold 14 pt, centred under the title.
    pub summary_line: String,
    /// Body paragraphs, in order; each justified with a first-line indent.
    pub paragraphs: Vec<String>,
    /// Tables, printed after the paragraphs, each with its caption.
    pub tables: Vec<Table>,
}

/// The font of Party documents (HD 36-HD/VPTW, TCVN 6909:2001 Unicode).
pub const FONT: &str = "Times New Roman";

/// A4 in twips (210 × 297 mm).
pub const PAGE_WIDTH_TWIPS: u32 = 11906;
/// A4 in twips (210 × 297 mm).
pub const PAGE_HEIGHT_TWIPS: u32 = 16838;

const MARGIN_TOP_MM: f32 = 25.0;
const MARGIN_BOTTOM_MM: f32 = 25.0;
const MARGIN_LEFT_MM: f32 = 35.0;
const MARGIN_RIGHT_MM: f32 = 15.0;
/// Distance of the page-number header from the top edge.
const HEADER_DISTANCE_MM: f32 = 12.5;

/// Sizes in half-points, as WordprocessingML counts them.
const BODY: usize = 28; // 14 pt
const PARTY_NAME: usize = 30; // 15 pt
const TITLE: usize = 30; // 15 pt
const TABLE_TEXT: usize = 26; // 13 pt

/// First-line indent of body paragraphs: 10 mm.
const FIRST_LINE_INDENT_MM: f32 = 10.0;
/// Share of the text width given to the left column of the header block.
const HEADER_LEFT_MM: f32 = 75.0;

/// Builds the report as a `.docx` file (bytes of a ZIP package).
///
/// Layout: see the [module](self) documentation. Tables follow the
/// [`Table`] rules for ragged rows; a table with neither columns nor rows
/// prints only its caption.
///
/// Errors: [`ExportError::Docx`] if docx-rs fails to pack the package (it
/// writes to memory, so in practice only on an internal ZIP error).
pub fn party_report_docx(r: &PartyReport) -> Result<Vec<u8>, ExportError> {
    let text_width = mm_to_twips(210.0 - MARGIN_LEFT_MM - MARGIN_RIGHT_MM) as usize;

    let mut doc = Docx::new()
        .page_size(PAGE_WIDTH_TWIPS, PAGE_HEIGHT_TWIPS)
        .page_margin(
            PageMargin::new()
                .top(mm_to_twips(MARGIN_TOP_MM) as i32)
                .bottom(mm_to_twips(MARGIN_BOTTOM_MM) as i32)
                .left(mm_to_twips(MARGIN_LEFT_MM) as i32)
                .right(mm_to_twips(MARGIN_RIGHT_MM) as i32)
                .header(mm_to_twips(HEADER_DISTANCE_MM) as i32)
                .footer(mm_to_twips(HEADER_DISTANCE_MM) as i32)
                .gutter(0),
        )
        .default_fonts(fonts())
        .default_size(BODY)
        // First page: no number (an empty header); later pages: PAGE centred.
        .first_header(Header::new().add_paragraph(centred(BODY)))
        .header(Header::new().add_paragraph(centred(BODY).add_run(page_field())))
        .title_pg();

    doc = doc.add_table(header_block(r, text_width));

    doc = doc
        .add_paragraph(
            centred(TITLE)
                .line_spacing(spacing(240, 0))
                .add_run(run(&r.title.to_uppercase(), TITLE).bold()),
        )
        .add_paragraph(
            centred(BODY)
                .line_spacing(spacing(0, 240))
                .add_run(run(&r.summary_line, BODY).bold()),
        );

    for p in &r.paragraphs {
        doc = doc.add_paragraph(body_paragraph(p));
    }

    for t in &r.tables {
        let (caption, table) = table(t, text_width);
        doc = doc.add_paragraph(caption);
        if let Some(table) = table {
            // A paragraph after each table keeps the next one apart and gives
            // the body a final paragraph, which Word expects before sectPr.
            doc = doc.add_table(table).add_paragraph(plain(BODY));
        }
    }

    let mut out = Cursor::new(Vec::new());
    doc.build().pack(&mut out).map_err(|e| ExportError::Docx {
        message: "packing the document".into(),
        source: Box::new(e),
    })?;
    Ok(out.into_inner())
}

/// Times New Roman in all four slots.
fn fonts() -> RunFonts {
    RunFonts::new()
        .ascii(FONT)
        .hi_ansi(FONT)
        .east_asia(FONT)
        .cs(FONT)
}

/// A run of `text` at `size` half-points; `\n` becomes a line break, `\t` a
/// tab.
fn run(text: &str, size: usize) -> Run {
    let text = xml_safe(text);
    let mut r = Run::new().fonts(fonts()).size(size);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            r = r.add_break(docx_rs::BreakType::TextWrapping);
        }
        for (j, piece) in line.split('\t').enumerate() {
            if j > 0 {
                r = r.add_tab();
            }
            if !piece.is_empty() {
                r = r.add_text(piece);
            }
        }
    }
    r
}

/// `before` and `after` in twentieths of a point; single line spacing.
fn spacing(before: u32, after: u32) -> LineSpacing {
    LineSpacing::new()
        .before(before)
        .after(after)
        .line(240)
        .line_rule(LineSpacingType::Auto)
}

/// An empty paragraph whose mark carries the fonts and size.
fn plain(size: usize) -> Paragraph {
    Paragraph::new()
        .fonts(fonts())
        .size(size)
        .line_spacing(spacing(0, 0))
}

fn centred(size: usize) -> Paragraph {
    plain(size).align(AlignmentType::Center)
}

fn body_paragraph(text: &str) -> Paragraph {
    plain(BODY)
        .align(AlignmentType::Both)
        .indent(
            None,
            Some(SpecialIndentType::FirstLine(
                mm_to_twips(FIRST_LINE_INDENT_MM) as i32,
            )),
            None,
            None,
        )
        .line_spacing(spacing(0, 120))
        .add_run(run(text, BODY))
}

/// The PAGE field: begin, instruction, separate, a placeholder, end.
fn page_field() -> Run {
    Run::new()
        .fonts(fonts())
        .size(BODY)
        .add_field_char(FieldCharType::Begin, false)
        .add_instr_text(InstrText::PAGE(InstrPAGE::new()))
        .add_field_char(FieldCharType::Separate, false)
        .add_text("2")
        .add_field_char(FieldCharType::End, false)
}

fn header_cell(width: usize, paragraphs: Vec<Paragraph>) -> TableCell {
    let mut c = TableCell::new()
        .width(width, WidthType::Dxa)
        .vertical_align(VAlignType::Top)
        .clear_all_border();
    for p in paragraphs {
        c = c.add_paragraph(p);
    }
    c
}

/// The borderless two-column header block (see the module rules).
fn header_block(r: &PartyReport, text_width: usize) -> docx_rs::Table {
    let left = (mm_to_twips(HEADER_LEFT_MM) as usize).min(text_width);
    let right = text_width - left;
    let top = TableRow::new(vec![
        header_cell(
            left,
            vec![
                centred(BODY).add_run(run(&r.superior.to_uppercase(), BODY)),
                centred(BODY).add_run(run(&r.issuer.to_uppercase(), BODY).bold()),
                centred(BODY).add_run(run("*", BODY)),
            ],
        ),
        header_cell(
            right,
            vec![
                centred(PARTY_NAME).add_run(
                    run("ĐẢNG CỘNG SẢN VIỆT NAM", PARTY_NAME)
                        .bold()
                        .underline("single"),
                ),
            ],
        ),
    ]);
    let bottom = TableRow::new(vec![
        header_cell(left, vec![centred(BODY).add_run(run(&r.number, BODY))]),
        header_cell(
            right,
            vec![centred(BODY).add_run(run(&r.place_date, BODY).italic())],
        ),
    ]);
    docx_rs::Table::new(vec![top, bottom])
        .set_grid(vec![left, right])
        .width(text_width, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .clear_all_border()
}

/// The caption paragraph and, unless the table has neither columns nor rows,
/// the table.
fn table(t: &Table, text_width: usize) -> (Paragraph, Option<docx_rs::Table>) {
    let caption = centred(BODY)
        .keep_next(true)
        .line_spacing(spacing(120, 120))
        .add_run(run(&t.caption, BODY).bold());

    let width_count = t
        .rows
        .iter()
        .chain(t.total_row.iter())
        .map(Vec::len)
        .chain(std::iter::once(t.columns.len()))
        .max()
        .unwrap_or(0);
    if width_count == 0 {
        return (caption, None);
    }

    let grid: Vec<usize> = (0..width_count)
        .map(|i| {
            let mm = t
                .columns
                .get(i)
                .map_or(crate::DEFAULT_COLUMN_WIDTH_MM, |c| c.effective_width_mm());
            mm_to_twips(effective_width_mm(mm)) as usize
        })
        .collect();
    let total_width: usize = grid.iter().sum();

    let mut rows = Vec::with_capacity(t.rows.len() + 2);
    if !t.columns.is_empty() {
        let header: Vec<Cell> = (0..width_count)
            .map(|i| Cell::text(t.columns.get(i).map_or("", |c| c.header.as_str())))
            .collect();
        rows.push(table_row(&header, &grid, RowKind::Header));
    }
    for row in &t.rows {
        rows.push(table_row(row, &grid, RowKind::Body));
    }
    if let Some(total) = &t.total_row {
        rows.push(table_row(total, &grid, RowKind::Total));
    }

    let mut table = docx_rs::Table::new(rows)
        .set_grid(grid)
        .width(total_width, WidthType::Dxa)
        .layout(TableLayoutType::Fixed);
    // A table no wider than the text is centred; a wider one starts at the
    // left margin and runs into the right one rather than being cut.
    if total_width <= text_width {
        table = table.align(TableAlignmentType::Center);
    }
    (caption, Some(table))
}

#[derive(Clone, Copy, PartialEq)]
enum RowKind {
    Header,
    Body,
    Total,
}

fn table_row(cells: &[Cell], grid: &[usize], kind: RowKind) -> TableRow {
    let empty = Cell::default();
    let cells = grid
        .iter()
        .enumerate()
        .map(|(i, &w)| {
            let cell = cells.get(i).unwrap_or(&empty);
            let align = if kind == RowKind::Header || cell.number.is_some() {
                AlignmentType::Center
            } else {
                AlignmentType::Left
            };
            let mut r = run(&cell.display, TABLE_TEXT);
            if kind != RowKind::Body {
                r = r.bold();
            }
            TableCell::new()
                .width(w, WidthType::Dxa)
                .vertical_align(VAlignType::Center)
                .add_paragraph(
                    plain(TABLE_TEXT)
                        .align(align)
                        .line_spacing(spacing(40, 40))
                        .add_run(r),
                )
        })
        .collect();
    let row = TableRow::new(cells);
    if kind == RowKind::Header {
        row.cant_split()
    } else {
        row
    }
}
