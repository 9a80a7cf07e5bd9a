//! `danvan import FILE…`: one line per file (`imported`, `unchanged` or
//! `failed`, with the article's public path or the reason), then a summary.
//! A failing file never stops the others; the exit code is 1 when any failed.

use chrono::{DateTime, NaiveDate, Utc};
use danvan_domain::messages::{Lang, format, t};
use danvan_import::ImportError;
use danvan_store::{ImportOptions, ImportOutcome, Store, StoreError};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Prints a line to stdout, ignoring a closed pipe (`danvan import … | head`).
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

/// Largest file accepted, in MiB.
pub const MAX_FILE_MIB: u64 = 16;

/// Parses a publication time: `2023-07-25` (00:00 in Vietnam, UTC+7),
/// `25/07/2023`, or RFC 3339 (`2023-07-25T08:00:00+07:00`).
pub fn parse_published_at(s: &str) -> Option<DateTime<Utc>> {
    use chrono::Datelike;
    parse_any_date(s).filter(|d| (1900..=2200).contains(&d.year()))
}

/// [`parse_published_at`] without the range check (years 1900–2200 only are
/// accepted: dates outside cannot be shown in feeds, RFC 2822).
fn parse_any_date(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.with_timezone(&Utc));
    }
    let date = NaiveDate::parse_from_str(s, "%Y-%m-%d").or_else(|_| NaiveDate::parse_from_str(s, "%d/%m/%Y")).ok()?;
    Some(danvan_domain::time::vietnam_day_start(date))
}

pub fn options(category: Option<String>, published_at: Option<&str>) -> Result<ImportOptions, String> {
    let published_at = match published_at {
        None => None,
        Some(s) => Some(parse_published_at(s).ok_or_else(|| {
            format!("--published-at {s:?}: {} / {}", t("import.bad_date", Lang::Vi), t("import.bad_date", Lang::En))
        })?),
    };
    Ok(ImportOptions { category_slug: category, published_at })
}

fn both(key: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    format!("{} / {}", format(key, Lang::Vi, args), format(key, Lang::En, args))
}

fn reason(e: &ImportError) -> String {
    match e {
        ImportError::NotUtf8 { line, column } => both(e.code(), &[("line", line), ("column", column)]),
        _ => both(e.code(), &[]),
    }
}

enum Outcome {
    Imported(String),
    Unchanged(String),
    Failed(String),
}

async fn import_one(store: &Store, file: &Path, opts: &ImportOptions) -> Outcome {
    let meta = match std::fs::metadata(file) {
        Ok(m) => m,
        Err(e) => return Outcome::Failed(format!("{} ({e}) [import.unreadable]", both("import.unreadable", &[]))),
    };
    if !meta.is_file() {
        return Outcome::Failed(format!("{} (not a regular file) [import.unreadable]", both("import.unreadable", &[])));
    }
    if meta.len() > MAX_FILE_MIB * 1024 * 1024 {
        return Outcome::Failed(format!("{} [import.too_large]", both("import.too_large", &[("max", &MAX_FILE_MIB)])));
    }
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => return Outcome::Failed(format!("{} ({e}) [import.unreadable]", both("import.unreadable", &[]))),
    };
    let article = match danvan_import::parse(&bytes) {
        Ok(a) => a,
        Err(e) => return Outcome::Failed(format!("{} [{}]", reason(&e), e.code())),
    };
    let note = article.converted_from.map(|e| format!("   ({} {} / {} {})", t("import.converted", Lang::Vi), e.as_str().to_uppercase(), t("import.converted", Lang::En), e.as_str().to_uppercase())).unwrap_or_default();
    match store.imports().import_article(&article, opts).await {
        Ok(ImportOutcome::Imported { slug }) => Outcome::Imported(format!("/bai-viet/{slug}{note}")),
        Ok(ImportOutcome::Unchanged { slug }) => Outcome::Unchanged(format!("/bai-viet/{slug}")),
        Err(StoreError::UnknownCategory(c)) => {
            Outcome::Failed(format!("{} {c:?} [import.unknown_category]", both("import.unknown_category", &[])))
        }
        Err(e) => {
            tracing::error!(error = %e, file = %file.display(), "import failed");
            Outcome::Failed(format!("{} [{}]", both("internal", &[]), e.code()))
        }
    }
}

/// Imports every file and prints the lines and the summary.
pub async fn run(store: &Store, files: &[PathBuf], opts: &ImportOptions) -> ExitCode {
    let (mut imported, mut unchanged, mut failed) = (0usize, 0usize, 0usize);
    for file in files {
        match import_one(store, file, opts).await {
            Outcome::Imported(path) => {
                imported += 1;
                out!("imported   {path}   {}", file.display());
            }
            Outcome::Unchanged(path) => {
                unchanged += 1;
                out!("unchanged  {path}   {}", file.display());
            }
            Outcome::Failed(why) => {
                failed += 1;
                out!("failed     {}: {why}", file.display());
            }
        }
    }
    let args: [(&str, &dyn std::fmt::Display); 3] = [("imported", &imported), ("unchanged", &unchanged), ("failed", &failed)];
    out!("{}", format("import.summary", Lang::Vi, &args));
    out!("{}", format("import.summary", Lang::En, &args));
    if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        let d = parse_published_at("2023-07-25").unwrap();
        assert_eq!(d.to_rfc3339(), "2023-07-24T17:00:00+00:00");
        assert_eq!(parse_published_at("25/07/2023"), Some(d));
        assert_eq!(
            parse_published_at("2023-07-25T08:00:00+07:00").unwrap().to_rfc3339(),
            "2023-07-25T01:00:00+00:00"
        );
        assert_eq!(parse_published_at("25-07-2023"), None);
        assert_eq!(parse_published_at("2023-02-30"), None);
        assert_eq!(parse_published_at("0000-01-01"), None, "out of range");
        assert_eq!(parse_published_at("9999-12-31"), None);
    }
}
