//! `danvan documents …`: the document library from the command line.
//!
//! * `import SHEET [--files DIR] [--dry-run]`: documents from a CSV or XLSX
//!   sheet plus a folder of files. One line per row (`added`, `unchanged`,
//!   `failed`, then `related` for each new relation), bilingual reasons with
//!   a stable code in brackets, a summary; exit 1 when a row failed, 2 when
//!   the sheet cannot be read or lacks columns.
//! * `missing`: the "documents to add" (citations in articles that the
//!   library cannot link yet).
//! * `add --type … --number … …`: one document, with the same checks and
//!   messages as a sheet row.
//!
//! A row goes through three steps. Every cell is checked first (a row with
//! any problem is skipped, each problem reported with the sheet, the row as
//! the spreadsheet shows it, header = row 1, and the column). Then the good
//! rows are added, each by [`Store::add_document`] (its own transaction), and
//! their files attached; a missing or refused file is reported on the row,
//! which then counts as failed, but the document stays in the library. Last,
//! the relations (`thuc_hien`, `thay_the`, `sua_doi`, `huong_dan`) are
//! recorded: their targets were already looked up in the first step, among
//! the sheet's rows and the library. The counts are of rows: each row is
//! `added`, `unchanged` (the library has it) or `failed`.

use crate::StoreArgs;
use crate::sheet::{ReadError, Table, read_table};
use chrono::{Datelike, NaiveDate};
use clap::{Args, Subcommand};
use danvan_docref::{DocNumber, DocNumberError, DocType, Style, find_references};
use danvan_domain::ErrorCode;
use danvan_domain::documents::{DocStatus, RelationKind};
use danvan_domain::messages::{Lang, format, t};
use danvan_store::{DocumentFilter, DocumentView, FileStore, MAX_FILE_BYTES, NewDocument, Store, StoreError, sniff_document, type_code};
use danvan_text::{collapse_spaces, fold, normalize_input};
use indicatif::{ProgressBar, ProgressStyle};
use std::collections::{HashMap, HashSet};
use std::fmt::Display;
use std::io::IsTerminal;
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;

/// Flags shared by the `documents` subcommands.
#[derive(Args, Clone, Default)]
pub(crate) struct CommonArgs {
    #[command(flatten)]
    store: StoreArgs,
    /// On a new data folder, do not create the sample site.
    #[arg(long)]
    no_sample: bool,
}

#[derive(Subcommand)]
#[allow(clippy::large_enum_variant)] // parsed once
pub(crate) enum DocumentsAction {
    /// Import documents from a CSV or XLSX sheet and a folder of their files.
    ///
    /// Columns (header row, Vietnamese or English names, any case, with or
    /// without marks): loai/type, so_ky_hieu/number, ngay_ban_hanh/issued_on,
    /// co_quan_ban_hanh/issuer, trich_yeu/summary (these five are required;
    /// loai may be left empty when the number's symbol gives the type), and
    /// optionally ngay_hieu_luc/effective_on, nguoi_ky/signer,
    /// tinh_trang/status, tep/files (names in the files folder, separated by
    /// ';'), thuc_hien/implements, thay_the/replaces, sua_doi/amends,
    /// huong_dan/guides (numbers of documents in the sheet or the library,
    /// "25-NQ/TW, 3/6/2013" when the number alone is ambiguous).
    Import {
        #[command(flatten)]
        common: CommonArgs,
        /// Folder of the files named in the `tep` column [default: the sheet's folder]
        #[arg(long, value_name = "DIR")]
        files: Option<PathBuf>,
        /// Check everything, report, and write nothing.
        #[arg(long)]
        dry_run: bool,
        /// The sheet: .xlsx (first worksheet) or .csv (UTF-8, comma or semicolon).
        sheet: PathBuf,
    },
    /// List the documents that articles cite and the library lacks.
    Missing {
        #[command(flatten)]
        common: CommonArgs,
    },
    /// Add one document.
    Add {
        #[command(flatten)]
        common: CommonArgs,
        /// Type: a name ("Kế hoạch") or abbreviation ("KH"); default: from the number.
        #[arg(long = "type")]
        doc_type: Option<String>,
        /// Number and symbol, e.g. 136-KH/HU or 12/2023/NĐ-CP.
        #[arg(long)]
        number: String,
        /// Date of issue: 25/7/2023 or 2023-07-25.
        #[arg(long)]
        issued_on: String,
        /// Issuing body in words, e.g. "Ban Thường vụ Huyện ủy".
        #[arg(long)]
        issuer: String,
        /// Summary (trích yếu).
        #[arg(long)]
        summary: String,
        /// Who signed it.
        #[arg(long)]
        signer: Option<String>,
        /// Date it takes effect.
        #[arg(long)]
        effective_on: Option<String>,
        /// Còn hiệu lực, Đã sửa đổi, Đã thay thế, Hết hiệu lực (or in_force, …).
        #[arg(long)]
        status: Option<String>,
        /// A file of the document (PDF, Word, Excel, ODT, PNG, JPEG); repeatable.
        #[arg(long = "file", value_name = "PATH")]
        files: Vec<PathBuf>,
        /// Number of a library document this one implements; repeatable.
        #[arg(long)]
        implements: Vec<String>,
        /// Number of a library document this one replaces; repeatable.
        #[arg(long)]
        replaces: Vec<String>,
        /// Number of a library document this one amends; repeatable.
        #[arg(long)]
        amends: Vec<String>,
        /// Number of a library document this one guides; repeatable.
        #[arg(long)]
        guides: Vec<String>,
    },
}

const QUIET_LOG: &str = "warn,sqlx=error,sea_orm=error,sea_orm_migration=error";

/// Runs a `documents` subcommand.
pub(crate) async fn run(action: DocumentsAction, mut cfg: crate::config::Config) -> anyhow::Result<ExitCode> {
    match action {
        DocumentsAction::Import { common, files, dry_run, sheet } => {
            crate::apply(&mut cfg, &common.store);
            crate::init_logging(QUIET_LOG);
            let (table, header) = match read_sheet(&sheet) {
                Ok(x) => x,
                Err(e) => {
                    eprintln!("danvan documents import: {}: {}", sheet.display(), e.render());
                    return Ok(ExitCode::from(2));
                }
            };
            for (label, _) in &header.ignored {
                eprintln!(
                    "danvan documents import: {}: {} / {}: {label:?}",
                    table.label,
                    t("doccli.ignored_column", Lang::Vi),
                    t("doccli.ignored_column", Lang::En)
                );
            }
            let dir = files.unwrap_or_else(|| sheet.parent().map(Path::to_path_buf).unwrap_or_default());
            let dir = if dir.as_os_str().is_empty() { PathBuf::from(".") } else { dir };
            let items = sheet_items(&table, &header, &dir);
            let store = crate::open_store(&cfg, !common.no_sample).await?;
            let file_store = if dry_run { None } else { Some(FileStore::local(&cfg.files_dir())?) };
            let mut ctx = Ctx::new(&store, file_store, dry_run).await?;
            let code = ctx.process(items, true).await;
            store.close().await;
            Ok(code)
        }
        DocumentsAction::Missing { common } => {
            crate::apply(&mut cfg, &common.store);
            crate::init_logging(QUIET_LOG);
            let store = crate::open_store(&cfg, !common.no_sample).await?;
            let missing = store.documents().missing_documents().await?;
            for m in &missing {
                let date = m.dated.map(vn_date).unwrap_or_else(|| "—".to_owned());
                println!(
                    "/bai-viet/{}   {}   “{}”   {} {}   {}",
                    m.article_slug, m.article_title, m.quote, m.type_name, m.number_text, date
                );
            }
            let n = missing.len();
            println!("{} / {}", format("doccli.missing_count", Lang::Vi, &[("count", &n)]), format("doccli.missing_count", Lang::En, &[("count", &n)]));
            store.close().await;
            Ok(ExitCode::SUCCESS)
        }
        DocumentsAction::Add {
            common,
            doc_type,
            number,
            issued_on,
            issuer,
            summary,
            signer,
            effective_on,
            status,
            files,
            implements,
            replaces,
            amends,
            guides,
        } => {
            crate::apply(&mut cfg, &common.store);
            crate::init_logging(QUIET_LOG);
            let mut fields = HashMap::new();
            let mut put = |c: Col, v: Option<String>| {
                fields.insert(c, Field { label: c.flag().to_owned(), pos: c as usize, value: normalize_input(v.as_deref().unwrap_or("")).trim().to_owned() });
            };
            put(Col::Type, doc_type);
            put(Col::Number, Some(number));
            put(Col::IssuedOn, Some(issued_on));
            put(Col::Issuer, Some(issuer));
            put(Col::Summary, Some(summary));
            put(Col::Signer, signer);
            put(Col::EffectiveOn, effective_on);
            put(Col::Status, status);
            for (c, list) in [(Col::Implements, implements), (Col::Replaces, replaces), (Col::Amends, amends), (Col::Guides, guides)] {
                put(c, Some(list.join(";")));
            }
            let input = Input { fields };
            let files = files
                .iter()
                .map(|p| FileSpec {
                    label: Col::Files.flag().to_owned(),
                    pos: Col::Files as usize,
                    shown: p.display().to_string(),
                    dir: p.parent().filter(|d| !d.as_os_str().is_empty()).map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from(".")),
                    path: Some(p.clone()),
                })
                .collect();
            let item = Item::new(String::new(), None, &input, files);
            let store = crate::open_store(&cfg, !common.no_sample).await?;
            let file_store = FileStore::local(&cfg.files_dir())?;
            let mut ctx = Ctx::new(&store, Some(file_store), false).await?;
            let code = ctx.process(vec![item], false).await;
            store.close().await;
            Ok(code)
        }
    }
}

// ---------------------------------------------------------------- columns

/// A column of the sheet (and a flag of `documents add`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Col {
    Type,
    Number,
    IssuedOn,
    EffectiveOn,
    Issuer,
    Signer,
    Summary,
    Status,
    Files,
    Implements,
    Replaces,
    Amends,
    Guides,
}

impl Col {
    const ALL: [Col; 13] = [
        Col::Type,
        Col::Number,
        Col::IssuedOn,
        Col::EffectiveOn,
        Col::Issuer,
        Col::Signer,
        Col::Summary,
        Col::Status,
        Col::Files,
        Col::Implements,
        Col::Replaces,
        Col::Amends,
        Col::Guides,
    ];

    /// Columns every sheet must have.
    const REQUIRED: [Col; 5] = [Col::Type, Col::Number, Col::IssuedOn, Col::Issuer, Col::Summary];

    /// The Vietnamese header.
    fn vi(self) -> &'static str {
        match self {
            Col::Type => "loai",
            Col::Number => "so_ky_hieu",
            Col::IssuedOn => "ngay_ban_hanh",
            Col::EffectiveOn => "ngay_hieu_luc",
            Col::Issuer => "co_quan_ban_hanh",
            Col::Signer => "nguoi_ky",
            Col::Summary => "trich_yeu",
            Col::Status => "tinh_trang",
            Col::Files => "tep",
            Col::Implements => "thuc_hien",
            Col::Replaces => "thay_the",
            Col::Amends => "sua_doi",
            Col::Guides => "huong_dan",
        }
    }

    /// The English header.
    fn en(self) -> &'static str {
        match self {
            Col::Type => "type",
            Col::Number => "number",
            Col::IssuedOn => "issued_on",
            Col::EffectiveOn => "effective_on",
            Col::Issuer => "issuer",
            Col::Signer => "signer",
            Col::Summary => "summary",
            Col::Status => "status",
            Col::Files => "files",
            Col::Implements => "implements",
            Col::Replaces => "replaces",
            Col::Amends => "amends",
            Col::Guides => "guides",
        }
    }

    /// Other headers met in practice (folded, `_` between words).
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Col::Type => &["loai_van_ban", "the_loai"],
            Col::Number => &["so_va_ky_hieu", "so_hieu", "so_ky_hieu_van_ban"],
            Col::IssuedOn => &["ngay_ky", "ngay_van_ban"],
            Col::Issuer => &["co_quan", "noi_ban_hanh"],
            Col::Summary => &["trich_yeu_noi_dung", "noi_dung"],
            Col::Files => &["tep_dinh_kem", "tap_tin", "file"],
            _ => &[],
        }
    }

    /// The flag of `documents add`.
    fn flag(self) -> &'static str {
        match self {
            Col::Type => "--type",
            Col::Number => "--number",
            Col::IssuedOn => "--issued-on",
            Col::EffectiveOn => "--effective-on",
            Col::Issuer => "--issuer",
            Col::Signer => "--signer",
            Col::Summary => "--summary",
            Col::Status => "--status",
            Col::Files => "--file",
            Col::Implements => "--implements",
            Col::Replaces => "--replaces",
            Col::Amends => "--amends",
            Col::Guides => "--guides",
        }
    }

    fn relation(self) -> Option<RelationKind> {
        match self {
            Col::Implements => Some(RelationKind::Implements),
            Col::Replaces => Some(RelationKind::Replaces),
            Col::Amends => Some(RelationKind::Amends),
            Col::Guides => Some(RelationKind::Guides),
            _ => None,
        }
    }

    /// The column a header names: folded, punctuation and spaces as `_`
    /// ("Số, ký hiệu" → `so_ky_hieu`).
    fn from_header(h: &str) -> Option<Col> {
        let key = header_key(h);
        Col::ALL.into_iter().find(|c| c.vi() == key || c.en() == key || c.aliases().contains(&key.as_str()))
    }
}

fn header_key(h: &str) -> String {
    let folded = fold(h.trim());
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
    }
    out.trim_end_matches('_').to_owned()
}

// ---------------------------------------------------------------- problems

/// One problem of a row, shown as `loc, column: "value": vi / en [code]`.
#[derive(Debug, Clone)]
struct Problem {
    /// Position of the column in the sheet (problems are shown in that order).
    pos: usize,
    column: Option<String>,
    value: Option<String>,
    code: String,
    vi: String,
    en: String,
    /// A second sentence ("the document was still added…").
    note: Option<(String, String)>,
}

type MsgArgs<'a> = [(&'a str, &'a dyn Display)];

impl Problem {
    fn new(column: Option<&str>, pos: usize, value: Option<&str>, key: &str, args: &MsgArgs) -> Problem {
        Problem {
            pos,
            column: column.map(str::to_owned),
            value: value.map(str::to_owned),
            code: key.to_owned(),
            vi: format(key, Lang::Vi, args),
            en: format(key, Lang::En, args),
            note: None,
        }
    }

    fn at(f: &Field, value: Option<&str>, key: &str, args: &MsgArgs) -> Problem {
        Problem::new(Some(&f.label), f.pos, value, key, args)
    }

    /// A bad number: "not a valid document number: <why>" with the docref code.
    fn number(f: &Field, value: &str, e: &DocNumberError) -> Problem {
        let owned: Vec<(&str, String)> = match e {
            DocNumberError::TooLong { max } | DocNumberError::TooManyIssuers { max } => vec![("max", max.to_string())],
            DocNumberError::UnknownType { abbr, .. } => vec![("abbr", abbr.clone())],
            DocNumberError::InvalidIssuer(i) => vec![("issuer", i.clone())],
            DocNumberError::UnexpectedChar { found, .. } => vec![("found", found.to_string())],
            _ => vec![],
        };
        let args: Vec<(&str, &dyn Display)> = owned.iter().map(|(k, v)| (*k, v as &dyn Display)).collect();
        let why = format!("doccli.{}", e.code());
        Problem {
            pos: f.pos,
            column: Some(f.label.clone()),
            value: Some(value.to_owned()),
            code: e.code().to_owned(),
            vi: format!("{}: {}", t("doccli.bad_number", Lang::Vi), format(&why, Lang::Vi, &args)),
            en: format!("{}: {}", t("doccli.bad_number", Lang::En), format(&why, Lang::En, &args)),
            note: None,
        }
    }

    fn internal(e: &StoreError) -> Problem {
        let mut p = Problem::new(None, usize::MAX, None, "internal", &[]);
        p.code = e.code().to_owned();
        p
    }

    fn with_note(mut self, key: &str) -> Problem {
        self.note = Some((t(key, Lang::Vi).to_owned(), t(key, Lang::En).to_owned()));
        self
    }

    fn render(&self, loc: &str) -> String {
        let mut s = String::new();
        s.push_str(loc);
        if let Some(c) = &self.column {
            if !s.is_empty() {
                s.push_str(", ");
            }
            s.push_str(c);
        }
        if !s.is_empty() {
            s.push_str(": ");
        }
        if let Some(v) = &self.value {
            s.push_str(&format!("{v:?}: "));
        }
        s.push_str(&format!("{} / {} [{}]", self.vi, self.en, self.code));
        if let Some((vi, en)) = &self.note {
            s.push_str(&format!("; {vi} / {en}"));
        }
        s
    }
}

// ---------------------------------------------------------------- one row

/// A cell of a row: the header as written (or the flag), its position, and
/// the value (NFC, trimmed).
#[derive(Debug, Clone)]
struct Field {
    label: String,
    pos: usize,
    value: String,
}

/// The cells of one row, by column.
struct Input {
    fields: HashMap<Col, Field>,
}

impl Input {
    /// The field when it has a value.
    fn get(&self, c: Col) -> Option<&Field> {
        self.fields.get(&c).filter(|f| !f.value.is_empty())
    }

    fn required(&self, c: Col) -> Problem {
        match self.fields.get(&c) {
            Some(f) => Problem::at(f, None, "doccli.required", &[]),
            None => Problem::new(Some(c.vi()), c as usize, None, "doccli.required", &[]),
        }
    }

    fn text(&self, c: Col) -> Option<String> {
        self.get(c).map(|f| collapse_spaces(&f.value)).filter(|s| !s.is_empty())
    }
}

/// A relation named in a row: `kind` → the document `number` (dated when
/// the row says so).
#[derive(Debug, Clone)]
struct RelRef {
    kind: RelationKind,
    label: String,
    pos: usize,
    raw: String,
    number: DocNumber,
    date: Option<NaiveDate>,
}

/// A row whose cells are all good.
#[derive(Debug, Clone)]
struct Valid {
    doc: NewDocument,
    relations: Vec<RelRef>,
}

/// Splits a list cell at `;` and line breaks.
fn split_list(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split([';', '\n']).map(collapse_spaces).filter(|p| !p.is_empty())
}

/// A type from its name ("Kế hoạch"), abbreviation ("KH") or English name ("Plan").
fn parse_type(s: &str) -> Option<DocType> {
    let s = collapse_spaces(s);
    DocType::from_name(&s)
        .or_else(|| DocType::from_abbreviation(&s, Style::Party).map(|x| x.0))
        .or_else(|| DocType::from_abbreviation(&s, Style::State).map(|x| x.0))
        .or_else(|| DocType::ALL.into_iter().find(|t| t.english_name().eq_ignore_ascii_case(&s)))
}

/// A date: `25/7/2023`, `25-07-2023`, `25.7.2023`, `2023-07-25` (also with a
/// time after it, as spreadsheets export dates), or "ngày 25 tháng 7 năm
/// 2023"; the year in 1900..=2200.
pub(crate) fn parse_date(s: &str) -> Option<NaiveDate> {
    let f = fold(s.trim());
    let words: Vec<&str> = f.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let num = |w: &str| -> Option<u32> { (!w.is_empty() && w.len() <= 4 && w.bytes().all(|b| b.is_ascii_digit())).then(|| w.parse().ok()).flatten() };
    let date = if words.first() == Some(&"ngay") && words.len() == 6 && words[2] == "thang" && words[4] == "nam" {
        NaiveDate::from_ymd_opt(num(words[5])? as i32, num(words[3])?, num(words[1])?)?
    } else {
        let mut rest = f.as_str();
        if let Some(r) = rest.strip_prefix("ngay") {
            rest = r.trim_start();
        }
        // drop a time part: "2023-07-25T00:00:00", "2023-07-25 00:00:00"
        let rest = rest.split(['t', ' ']).next().unwrap_or("");
        let parts: Vec<&str> = rest.split(['/', '-', '.']).collect();
        if parts.len() != 3 || parts.iter().any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) {
            return None;
        }
        if parts[0].len() == 4 && rest.contains('-') {
            NaiveDate::from_ymd_opt(num(parts[0])? as i32, num(parts[1])?, num(parts[2])?)?
        } else if parts[2].len() == 4 && parts[0].len() <= 2 && parts[1].len() <= 2 {
            NaiveDate::from_ymd_opt(num(parts[2])? as i32, num(parts[1])?, num(parts[0])?)?
        } else {
            return None;
        }
    };
    (1900..=2200).contains(&date.year()).then_some(date)
}

fn vn_date(d: NaiveDate) -> String {
    format!("{}/{}/{}", d.day(), d.month(), d.year())
}

/// Reads a relation target: `18-CT/TU`, `25-NQ/TW, 3/6/2013`,
/// `25-NQ/TW ngày 3/6/2013`, or a citation such as
/// `Nghị quyết số 25-NQ/TW, ngày 03/6/2013`.
#[allow(clippy::result_large_err)] // one per bad cell
fn parse_target(f: &Field, kind: RelationKind, raw: &str) -> Result<RelRef, Problem> {
    let words: Vec<&str> = raw.split_whitespace().collect();
    let (num_part, date_part) = if let Some((a, b)) = raw.split_once(',') {
        (a.trim().to_owned(), Some(b.trim().to_owned()))
    } else if let Some(i) = words.iter().position(|w| fold(w) == "ngay") {
        (words[..i].join(" "), Some(words[i..].join(" ")))
    } else {
        (raw.to_owned(), None)
    };
    let rel = |number: DocNumber, date: Option<NaiveDate>| RelRef { kind, label: f.label.clone(), pos: f.pos, raw: raw.to_owned(), number, date };
    match DocNumber::parse(&num_part) {
        Ok(number) => {
            let date = match date_part.as_deref().filter(|d| !d.is_empty()) {
                None => None,
                Some(d) => Some(parse_date(d).ok_or_else(|| Problem::at(f, Some(raw), "doccli.bad_date", &[]))?),
            };
            Ok(rel(number, date))
        }
        Err(e) => match find_references(raw).as_slice() {
            [r] => Ok(rel(r.number.clone(), r.date.and_then(|d| NaiveDate::from_ymd_opt(d.year() as i32, d.month() as u32, d.day() as u32)))),
            _ => Err(Problem::number(f, raw, &e)),
        },
    }
}

/// Checks every cell of a row except the files.
fn validate(input: &Input) -> Result<Valid, Vec<Problem>> {
    let mut problems = Vec::new();
    let number = match input.get(Col::Number) {
        None => {
            problems.push(input.required(Col::Number));
            None
        }
        Some(f) => match DocNumber::parse(&f.value) {
            Ok(n) => Some(n),
            Err(e) => {
                problems.push(Problem::number(f, &f.value, &e));
                None
            }
        },
    };
    let doc_type = match input.get(Col::Type) {
        Some(f) => match parse_type(&f.value) {
            Some(ty) => {
                if let Some(n) = &number
                    && let Some(st) = n.symbol_type()
                    && st != ty
                {
                    let abbr = n.type_abbreviation().unwrap_or_default();
                    problems.push(Problem::at(f, Some(&f.value), "doccli.type_mismatch", &[("abbr", &abbr)]));
                }
                Some(ty)
            }
            None => {
                problems.push(Problem::at(f, Some(&f.value), "doccli.unknown_type", &[]));
                None
            }
        },
        None => match &number {
            Some(n) => match n.symbol_type() {
                Some(ty) => Some(ty),
                None => {
                    problems.push(input.required(Col::Type));
                    None
                }
            },
            None => None,
        },
    };
    let date = |c: Col, required: bool, problems: &mut Vec<Problem>| match input.get(c) {
        None => {
            if required {
                problems.push(input.required(c));
            }
            None
        }
        Some(f) => {
            let d = parse_date(&f.value);
            if d.is_none() {
                problems.push(Problem::at(f, Some(&f.value), "doccli.bad_date", &[]));
            }
            d
        }
    };
    let issued_on = date(Col::IssuedOn, true, &mut problems);
    let effective_on = date(Col::EffectiveOn, false, &mut problems);
    let issuer = input.text(Col::Issuer);
    if issuer.is_none() {
        problems.push(input.required(Col::Issuer));
    }
    let summary = input.text(Col::Summary);
    if summary.is_none() {
        problems.push(input.required(Col::Summary));
    }
    let status = match input.get(Col::Status) {
        None => DocStatus::InForce,
        Some(f) => DocStatus::parse(&f.value).unwrap_or_else(|| {
            problems.push(Problem::at(f, Some(&f.value), "doccli.bad_status", &[]));
            DocStatus::InForce
        }),
    };
    let mut relations = Vec::new();
    for c in Col::ALL {
        let (Some(kind), Some(f)) = (c.relation(), input.get(c)) else { continue };
        for raw in split_list(&f.value) {
            match parse_target(f, kind, &raw) {
                Ok(r) => relations.push(r),
                Err(p) => problems.push(p),
            }
        }
    }
    match (number, doc_type, issuer, summary) {
        (Some(number), Some(doc_type), Some(issuer_name), Some(summary)) if problems.is_empty() => Ok(Valid {
            doc: NewDocument { number, doc_type, issuer_name, signer: input.text(Col::Signer), issued_on, effective_on, summary, status },
            relations,
        }),
        _ => {
            problems.sort_by_key(|p| p.pos);
            Err(problems)
        }
    }
}

// ---------------------------------------------------------------- files

/// A file named by a row: as written, and where it should be.
#[derive(Debug, Clone)]
struct FileSpec {
    label: String,
    pos: usize,
    shown: String,
    /// The folder, for the message when the file is not there.
    dir: PathBuf,
    /// `None` when the name tries to leave the folder.
    path: Option<PathBuf>,
}

impl FileSpec {
    fn problem(&self, key: &str, args: &MsgArgs) -> Problem {
        Problem::new(Some(&self.label), self.pos, Some(&self.shown), key, args)
    }

    /// The name the library stores (as `attach_document_file` cleans it).
    fn stored_name(&self) -> String {
        let base = self.path.as_ref().and_then(|p| p.file_name()).map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| self.shown.clone());
        base.rsplit(['/', '\\']).next().unwrap_or("").chars().filter(|c| !c.is_control() && !matches!(c, '"' | '<' | '>')).take(200).collect()
    }

    /// Checks the file (there, not empty, not too large, an accepted type by
    /// its first bytes) and reads it.
    #[allow(clippy::result_large_err)] // one per bad file
    fn read(&self) -> Result<Vec<u8>, Problem> {
        let Some(path) = &self.path else { return Err(self.problem("doccli.file_name", &[])) };
        let dir = self.dir.display();
        let meta = match std::fs::metadata(path) {
            Ok(m) if m.is_file() => m,
            Ok(_) => return Err(self.problem("doccli.file_missing", &[("dir", &dir)])),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(self.problem("doccli.file_missing", &[("dir", &dir)])),
            Err(_) => return Err(self.problem("doccli.file_unreadable", &[])),
        };
        if meta.len() == 0 {
            return Err(self.problem("doccli.file_empty", &[]));
        }
        if meta.len() > MAX_FILE_BYTES as u64 {
            return Err(self.problem("doccli.file_too_large", &[("max", &(MAX_FILE_BYTES / 1024 / 1024))]));
        }
        let bytes = std::fs::read(path).map_err(|_| self.problem("doccli.file_unreadable", &[]))?;
        if sniff_document(&bytes, &self.stored_name()).is_none() {
            return Err(self.problem("doccli.file_type", &[]));
        }
        Ok(bytes)
    }
}

/// Where a file named in a sheet is: inside `dir`, never outside it (no
/// `..`, no absolute path). A name typed in NFC finds a file stored in NFD
/// (and the other way round).
fn file_in_dir(dir: &Path, name: &str) -> Option<PathBuf> {
    let rel = Path::new(name);
    if name.is_empty() || !rel.components().all(|c| matches!(c, Component::Normal(_))) || name.contains('\\') {
        return None;
    }
    let path = dir.join(rel);
    if path.exists() {
        return Some(path);
    }
    let wanted = path.file_name().map(|n| normalize_input(&n.to_string_lossy()));
    let found = path
        .parent()
        .and_then(|parent| std::fs::read_dir(parent).ok())
        .and_then(|entries| entries.flatten().find(|e| Some(normalize_input(&e.file_name().to_string_lossy())) == wanted));
    Some(found.map(|e| e.path()).unwrap_or(path))
}

// ---------------------------------------------------------------- sheets


/// The header row and what its columns are.
struct Header {
    /// Index in `Table::rows`.
    index: usize,
    columns: Vec<(Col, String, usize)>,
    ignored: Vec<(String, usize)>,
}

/// Why a sheet cannot be imported (exit code 2).
#[derive(Debug)]
enum SheetError {
    Read(ReadError),
    Empty,
    MissingColumns { row: u32, columns: Vec<Col> },
    DuplicateColumn { row: u32, column: String },
}

impl SheetError {
    fn render(&self) -> String {
        fn both(key: &str, args: &MsgArgs) -> String {
            format!("{} / {} [{key}]", format(key, Lang::Vi, args), format(key, Lang::En, args))
        }
        match self {
            SheetError::Read(e) => e.render(),
            SheetError::Empty => both("doccli.sheet_empty", &[]),
            SheetError::MissingColumns { row, columns } => {
                let vi = columns.iter().map(|c| c.vi()).collect::<Vec<_>>().join(", ");
                let en = columns.iter().map(|c| format!("{} ({})", c.vi(), c.en())).collect::<Vec<_>>().join(", ");
                both("doccli.missing_columns", &[("columns", &vi), ("columns_en", &en), ("row", row)])
            }
            SheetError::DuplicateColumn { row, column } => both("doccli.duplicate_column", &[("column", column), ("row", row)]),
        }
    }
}

/// Reads a sheet ([`crate::sheet::read_table`]) and finds its header row.
fn read_sheet(path: &Path) -> Result<(Table, Header), SheetError> {
    let table = read_table(path).map_err(SheetError::Read)?;
    let header = find_header(&table)?;
    Ok((table, header))
}

fn blank(cells: &[String]) -> bool {
    cells.iter().all(|c| c.trim().is_empty())
}

/// The header: the first row (of the first ten that are not blank) that
/// names the number column, else the first one.
fn find_header(table: &Table) -> Result<Header, SheetError> {
    let candidates: Vec<usize> = table.rows.iter().enumerate().filter(|(_, r)| !blank(&r.1)).map(|(i, _)| i).take(10).collect();
    let first = *candidates.first().ok_or(SheetError::Empty)?;
    let index = candidates.iter().copied().find(|i| table.rows[*i].1.iter().any(|h| Col::from_header(h) == Some(Col::Number))).unwrap_or(first);
    let (row, cells) = &table.rows[index];
    let mut columns: Vec<(Col, String, usize)> = Vec::new();
    let mut ignored = Vec::new();
    for (pos, h) in cells.iter().enumerate() {
        let label = collapse_spaces(&normalize_input(h));
        if label.is_empty() {
            continue;
        }
        match Col::from_header(&label) {
            Some(c) if columns.iter().any(|x| x.0 == c) => return Err(SheetError::DuplicateColumn { row: *row, column: label }),
            Some(c) => columns.push((c, label, pos)),
            None => ignored.push((label, pos)),
        }
    }
    let missing: Vec<Col> = Col::REQUIRED.into_iter().filter(|c| !columns.iter().any(|x| x.0 == *c)).collect();
    if !missing.is_empty() {
        return Err(SheetError::MissingColumns { row: *row, columns: missing });
    }
    Ok(Header { index, columns, ignored })
}

/// The rows under the header as items (blank rows left out).
fn sheet_items(table: &Table, header: &Header, dir: &Path) -> Vec<Item> {
    let mut items = Vec::new();
    for (row, cells) in &table.rows[header.index + 1..] {
        if blank(cells) {
            continue;
        }
        let mut fields = HashMap::new();
        for (c, label, pos) in &header.columns {
            let value = normalize_input(cells.get(*pos).map(String::as_str).unwrap_or("")).trim().to_owned();
            fields.insert(*c, Field { label: label.clone(), pos: *pos, value });
        }
        let input = Input { fields };
        let files = input
            .get(Col::Files)
            .map(|f| {
                split_list(&f.value)
                    .map(|name| FileSpec { label: f.label.clone(), pos: f.pos, path: file_in_dir(dir, &name), shown: name, dir: dir.to_path_buf() })
                    .collect()
            })
            .unwrap_or_default();
        items.push(Item::new(format!("{}, row {row}", table.label), Some(*row), &input, files));
    }
    items
}

// ---------------------------------------------------------------- processing

/// Where a relation points: another row of the sheet or a library document.
#[derive(Debug, Clone)]
enum Target {
    Row(usize),
    Library { id: i32, number: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Added,
    Unchanged,
    Failed,
}

/// A row (or the one document of `documents add`) on its way in.
struct Item {
    /// `tai-lieu.csv, row 7`; empty for `documents add`.
    loc: String,
    row: Option<u32>,
    /// Problems that skip the row.
    problems: Vec<Problem>,
    valid: Option<Valid>,
    files: Vec<FileSpec>,
    /// Parallel to `valid.relations` once looked up.
    targets: Vec<Target>,
    /// The document in the library: id, slug, number.
    doc: Option<(i32, String, String)>,
    outcome: Outcome,
    /// Label and position of the number column, for row-level problems.
    number_field: (String, usize),
}

impl Item {
    fn new(loc: String, row: Option<u32>, input: &Input, files: Vec<FileSpec>) -> Item {
        let (valid, problems) = match validate(input) {
            Ok(v) => (Some(v), Vec::new()),
            Err(p) => (None, p),
        };
        let number_field = input.fields.get(&Col::Number).map_or((Col::Number.vi().to_owned(), Col::Number as usize), |f| (f.label.clone(), f.pos));
        Item { loc, row, problems, valid, files, targets: Vec::new(), doc: None, outcome: Outcome::Failed, number_field }
    }

    fn fail(&mut self, p: Problem) {
        self.problems.push(p);
        self.valid = None;
    }
}

/// The identity the store refuses twice: number, type and date of issue.
fn same_doc(v: &DocumentView, d: &NewDocument) -> bool {
    v.number_text == d.number.to_string() && v.type_code == type_code(d.doc_type) && v.issued_on == d.issued_on
}

fn describe(d: &NewDocument) -> String {
    match d.issued_on {
        Some(date) => format!("{} {}, {}", d.doc_type.name(), d.number, vn_date(date)),
        None => format!("{} {}", d.doc_type.name(), d.number),
    }
}

fn join_loc(loc: &str, rest: &str) -> String {
    if loc.is_empty() { rest.to_owned() } else { format!("{loc}: {rest}") }
}

struct Ctx<'a> {
    store: &'a Store,
    files: Option<FileStore>,
    library: Vec<DocumentView>,
    dry_run: bool,
    bar: ProgressBar,
}

impl<'a> Ctx<'a> {
    async fn new(store: &'a Store, files: Option<FileStore>, dry_run: bool) -> anyhow::Result<Ctx<'a>> {
        let library = store.documents().list(&DocumentFilter::default(), 1, u64::MAX).await?.0;
        Ok(Ctx { store, files, library, dry_run, bar: ProgressBar::hidden() })
    }

    /// Prints a line on stdout without breaking the progress bar.
    fn say(&self, line: String) {
        self.bar.suspend(|| println!("{line}"));
    }

    async fn reload(&mut self) -> Result<(), StoreError> {
        self.library = self.store.documents().list(&DocumentFilter::default(), 1, u64::MAX).await?.0;
        Ok(())
    }

    async fn file_names(&self, slug: &str) -> Result<HashSet<String>, StoreError> {
        Ok(self.store.documents().document_by_slug(slug).await?.map(|d| d.files.into_iter().map(|f| f.file_name).collect()).unwrap_or_default())
    }

    /// Checks, adds and relates every item, printing a line for each and a
    /// summary when `summary`.
    async fn process(&mut self, mut items: Vec<Item>, summary: bool) -> ExitCode {
        mark_duplicates(&mut items);
        resolve_targets(&mut items, &self.library);
        let total = items.len() as u64;
        let terminal = std::io::stderr().is_terminal();
        if summary && terminal && total > 0 {
            self.bar = ProgressBar::new(total);
            if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}") {
                self.bar.set_style(style);
            }
            self.bar.set_message(format!("{} / {}", t("doccli.progress", Lang::Vi), t("doccli.progress", Lang::En)));
        }
        for (done, item) in items.iter_mut().enumerate() {
            self.store_item(item).await;
            self.bar.inc(1);
            let done = done as u64 + 1;
            if summary && !terminal && total > 100 && (done.is_multiple_of(100) || done == total) {
                let args: [(&str, &dyn Display); 2] = [("done", &done), ("total", &total)];
                eprintln!("{} / {}", format("doccli.progress_line", Lang::Vi, &args), format("doccli.progress_line", Lang::En, &args));
            }
        }
        self.bar.finish_and_clear();
        self.bar = ProgressBar::hidden();
        if !self.dry_run {
            self.relate(&mut items).await;
        }
        let count = |o: Outcome| items.iter().filter(|i| i.outcome == o).count();
        let (added, unchanged, failed) = (count(Outcome::Added), count(Outcome::Unchanged), count(Outcome::Failed));
        if summary {
            let key = if self.dry_run { "doccli.summary_dry_run" } else { "doccli.summary" };
            let args: [(&str, &dyn Display); 3] = [("added", &added), ("unchanged", &unchanged), ("failed", &failed)];
            println!("{}", format(key, Lang::Vi, &args));
            println!("{}", format(key, Lang::En, &args));
        }
        if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS }
    }

    /// Adds one item's document and attaches its files.
    async fn store_item(&mut self, item: &mut Item) {
        let Some(v) = item.valid.clone() else {
            item.problems.sort_by_key(|p| p.pos);
            for p in &item.problems {
                self.say(format!("failed     {}", p.render(&item.loc)));
            }
            item.outcome = Outcome::Failed;
            return;
        };
        let desc = describe(&v.doc);
        let existing = if self.dry_run {
            self.library.iter().find(|x| same_doc(x, &v.doc)).cloned()
        } else {
            match self.store.documents().add_document(&v.doc).await {
                Ok(view) => {
                    item.doc = Some((view.id, view.slug.clone(), view.number_text.clone()));
                    self.library.push(view);
                    None
                }
                Err(StoreError::Rule(ErrorCode::DocumentDuplicate)) => {
                    let mut found = self.library.iter().find(|x| same_doc(x, &v.doc)).cloned();
                    if found.is_none() && self.reload().await.is_ok() {
                        found = self.library.iter().find(|x| same_doc(x, &v.doc)).cloned();
                    }
                    match found {
                        Some(x) => Some(x),
                        None => return self.internal(item, &StoreError::Rule(ErrorCode::DocumentDuplicate)),
                    }
                }
                Err(e) => return self.internal(item, &e),
            }
        };
        if let Some(x) = &existing {
            item.doc = Some((x.id, x.slug.clone(), x.number_text.clone()));
        }
        // files already attached to a document in the library are not sent again
        let present = match &existing {
            Some(x) => match self.file_names(&x.slug).await {
                Ok(names) => names,
                Err(e) => return self.internal(item, &e),
            },
            None => HashSet::new(),
        };
        let mut problems = Vec::new();
        let mut attached = 0usize;
        for f in &item.files {
            let name = f.stored_name();
            if present.contains(&name) {
                continue;
            }
            let bytes = match f.read() {
                Ok(b) => b,
                Err(p) => {
                    problems.push(p);
                    continue;
                }
            };
            let (Some(files), Some((id, ..))) = (&self.files, &item.doc) else { continue };
            match self.store.documents().attach_document_file(files, *id, &name, bytes).await {
                Ok(_) => attached += 1,
                Err(StoreError::Rule(_)) => problems.push(f.problem("doccli.file_type", &[])),
                Err(e) => {
                    tracing::error!(error = %e, file = %f.shown, "attaching a document file failed");
                    problems.push(Problem::internal(&e));
                }
            }
        }
        let path = item.doc.as_ref().map(|d| format!("/van-ban/{}", d.1));
        let files_note = if attached > 0 {
            let a: [(&str, &dyn Display); 1] = [("count", &attached)];
            format!("   ({} / {})", format("doccli.files_attached", Lang::Vi, &a), format("doccli.files_attached", Lang::En, &a))
        } else {
            String::new()
        };
        if !problems.is_empty() {
            let note = match (&existing, self.dry_run) {
                (_, true) => None,
                (None, false) => Some("doccli.doc_kept"),
                (Some(_), false) => Some("doccli.doc_kept_existing"),
            };
            for p in problems {
                let p = match note {
                    Some(n) => p.with_note(n),
                    None => p,
                };
                let tail = path.as_deref().filter(|_| !self.dry_run).map(|p| format!(" → {p}")).unwrap_or_default();
                self.say(format!("failed     {}{tail}", p.render(&item.loc)));
            }
            item.outcome = Outcome::Failed;
            return;
        }
        match (&existing, self.dry_run) {
            (None, true) => {
                self.say(format!("to add     {}", join_loc(&item.loc, &desc)));
                item.outcome = Outcome::Added;
            }
            (None, false) => {
                self.say(format!("added      {}{files_note}", join_loc(&item.loc, &format!("{desc} → {}", path.unwrap_or_default()))));
                item.outcome = Outcome::Added;
            }
            (Some(_), _) => {
                let dup = ErrorCode::DocumentDuplicate.as_str();
                let why = format!("{} / {} [{dup}]", t(dup, Lang::Vi), t(dup, Lang::En));
                self.say(format!("unchanged  {}: {why}{files_note}", join_loc(&item.loc, &format!("{desc} → {}", path.unwrap_or_default()))));
                item.outcome = Outcome::Unchanged;
            }
        }
    }

    fn internal(&self, item: &mut Item, e: &StoreError) {
        tracing::error!(error = %e, row = ?item.row, "adding a document failed");
        self.say(format!("failed     {}", Problem::internal(e).render(&item.loc)));
        item.outcome = Outcome::Failed;
    }

    /// Records the relations of the rows whose document is in the library.
    async fn relate(&mut self, items: &mut [Item]) {
        for i in 0..items.len() {
            let (Some((from_id, from_slug, from_number)), Some(v)) = (items[i].doc.clone(), items[i].valid.clone()) else { continue };
            if v.relations.is_empty() {
                continue;
            }
            let known: Vec<(&'static str, i32)> = match self.store.documents().document_by_slug(&from_slug).await {
                Ok(Some(d)) => d.relations.iter().map(|r| (r.label_key, r.other.id)).collect(),
                Ok(None) => Vec::new(),
                Err(e) => {
                    self.internal(&mut items[i], &e);
                    continue;
                }
            };
            for (r, target) in v.relations.iter().zip(items[i].targets.clone()) {
                let to = match target {
                    Target::Row(j) => items[j].doc.as_ref().map(|d| (d.0, d.2.clone())),
                    Target::Library { id, number } => Some((id, number)),
                };
                let Some((to_id, to_number)) = to else {
                    let p = Problem::new(Some(&r.label), r.pos, Some(&r.raw), "doccli.relation_target_failed", &[]);
                    self.say(format!("failed     {}", p.render(&items[i].loc)));
                    items[i].outcome = Outcome::Failed;
                    continue;
                };
                if known.contains(&(r.kind.forward_key(), to_id)) {
                    continue;
                }
                match self.store.documents().relate_documents(from_id, to_id, r.kind).await {
                    Ok(()) => {
                        let k = r.kind.forward_key();
                        let loc = if items[i].loc.is_empty() { r.label.clone() } else { format!("{}, {}", items[i].loc, r.label) };
                        self.say(format!("related    {loc}: {from_number} → {} / {} → {to_number}", t(k, Lang::Vi), t(k, Lang::En)));
                    }
                    Err(e) => self.internal(&mut items[i], &e),
                }
            }
        }
    }
}

/// A second row with the number, type and date of an earlier one is refused.
fn mark_duplicates(items: &mut [Item]) {
    let mut seen: HashMap<(String, String, Option<NaiveDate>), Option<u32>> = HashMap::new();
    for item in items.iter_mut() {
        let Some(v) = &item.valid else { continue };
        let value = v.doc.number.to_string();
        let key = (value.clone(), type_code(v.doc.doc_type), v.doc.issued_on);
        if let Some(first) = seen.get(&key) {
            let row = first.map(|r| r.to_string()).unwrap_or_default();
            let (label, pos) = item.number_field.clone();
            item.fail(Problem::new(Some(&label), pos, Some(&value), "doccli.duplicate_row", &[("row", &row)]));
        } else {
            seen.insert(key, item.row);
        }
    }
}

/// Looks every relation's target up among the good rows and the library;
/// a row whose target is missing, ambiguous or itself is refused.
fn resolve_targets(items: &mut [Item], library: &[DocumentView]) {
    type Key = (String, String, Option<NaiveDate>);
    let keys: Vec<Option<Key>> =
        items.iter().map(|it| it.valid.as_ref().map(|v| (fold(&v.doc.number.to_string()), type_code(v.doc.doc_type), v.doc.issued_on))).collect();
    type Found = Result<Vec<Target>, Vec<Problem>>;
    let mut results: Vec<(usize, Found)> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let Some(v) = &item.valid else { continue };
        if v.relations.is_empty() {
            continue;
        }
        let mut targets = Vec::new();
        let mut problems = Vec::new();
        for r in &v.relations {
            let wanted = fold(&r.number.to_string());
            let date_ok = |d: Option<NaiveDate>| r.date.is_none_or(|w| d == Some(w));
            let mut found: Vec<(Key, Target)> = Vec::new();
            for (j, k) in keys.iter().enumerate() {
                if let Some(k) = k
                    && k.0 == wanted
                    && date_ok(k.2)
                    && !found.iter().any(|f| &f.0 == k)
                {
                    found.push((k.clone(), Target::Row(j)));
                }
            }
            for d in library {
                let k = (fold(&d.number_text), d.type_code.clone(), d.issued_on);
                if k.0 == wanted && date_ok(k.2) && !found.iter().any(|f| f.0 == k) {
                    found.push((k, Target::Library { id: d.id, number: d.number_text.clone() }));
                }
            }
            let number = r.number.to_string();
            match found.len() {
                0 => problems.push(Problem::new(Some(&r.label), r.pos, Some(&r.raw), "doccli.relation_not_found", &[("number", &number)])),
                1 => match &found[0].1 {
                    Target::Row(j) if *j == i => problems.push(Problem::new(Some(&r.label), r.pos, Some(&r.raw), "doccli.relation_self", &[])),
                    tgt => targets.push(tgt.clone()),
                },
                n => problems.push(Problem::new(Some(&r.label), r.pos, Some(&r.raw), "doccli.relation_ambiguous", &[("count", &n), ("number", &number)])),
            }
        }
        results.push((i, if problems.is_empty() { Ok(targets) } else { Err(problems) }));
    }
    for (i, r) in results {
        match r {
            Ok(targets) => items[i].targets = targets,
            Err(problems) => {
                for p in problems {
                    items[i].fail(p);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        let d = NaiveDate::from_ymd_opt(2023, 7, 25).unwrap();
        for s in ["25/7/2023", "25/07/2023", "2023-07-25", " 25-7-2023 ", "25.7.2023", "ngày 25/7/2023", "Ngày 25 tháng 7 năm 2023", "2023-07-25T00:00:00", "2023-07-25 00:00:00"] {
            assert_eq!(parse_date(s), Some(d), "{s}");
        }
        for s in ["", "32/7/2023", "29/2/2023", "7/25/23", "2023/07", "25/7/1800", "abc", "25/7/2023x", "12345-1-1"] {
            assert_eq!(parse_date(s), None, "{s}");
        }
    }

    #[test]
    fn headers() {
        assert_eq!(Col::from_header("Số, ký hiệu"), Some(Col::Number));
        assert_eq!(Col::from_header(" TRÍCH YẾU "), Some(Col::Summary));
        assert_eq!(Col::from_header("ngay_ban_hanh"), Some(Col::IssuedOn));
        assert_eq!(Col::from_header("Issued on"), Some(Col::IssuedOn));
        assert_eq!(Col::from_header("Cơ quan ban hành"), Some(Col::Issuer));
        assert_eq!(Col::from_header("Thực hiện"), Some(Col::Implements));
        assert_eq!(Col::from_header("ghi chú"), None);
    }

    #[test]
    fn types() {
        assert_eq!(parse_type("Kế hoạch"), Some(DocType::KeHoach));
        assert_eq!(parse_type("kế  hoạch"), Some(DocType::KeHoach));
        assert_eq!(parse_type("KH"), Some(DocType::KeHoach));
        assert_eq!(parse_type("CTr"), Some(DocType::ChuongTrinh));
        assert_eq!(parse_type("QĐ"), Some(DocType::QuyetDinh));
        assert_eq!(parse_type("Plan"), Some(DocType::KeHoach));
        assert_eq!(parse_type("Công hàm"), None);
    }

    #[test]
    fn file_names_stay_inside_the_folder() {
        let dir = Path::new("/tmp/tep");
        assert_eq!(file_in_dir(dir, "a.pdf"), Some(dir.join("a.pdf")));
        assert_eq!(file_in_dir(dir, "2023/a.pdf"), Some(dir.join("2023/a.pdf")));
        assert_eq!(file_in_dir(dir, "../a.pdf"), None);
        assert_eq!(file_in_dir(dir, "/etc/passwd"), None);
        assert_eq!(file_in_dir(dir, "a\\..\\b.pdf"), None);
    }

    #[test]
    fn targets() {
        let f = Field { label: "thuc_hien".into(), pos: 9, value: String::new() };
        let r = parse_target(&f, RelationKind::Implements, "25-NQ/TW, 3/6/2013").unwrap();
        assert_eq!((r.number.to_string(), r.date), ("25-NQ/TW".to_owned(), NaiveDate::from_ymd_opt(2013, 6, 3)));
        let r = parse_target(&f, RelationKind::Implements, "25-NQ/TW ngày 03/6/2013").unwrap();
        assert_eq!(r.date, NaiveDate::from_ymd_opt(2013, 6, 3));
        let r = parse_target(&f, RelationKind::Implements, "Chỉ thị số 18-CT/TU").unwrap();
        assert_eq!((r.number.to_string(), r.date), ("18-CT/TU".to_owned(), None));
        let p = parse_target(&f, RelationKind::Implements, "18-/TU").unwrap_err();
        assert_eq!(p.code, "docref.missing_type");
    }
}
