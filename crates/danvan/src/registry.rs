//! `danvan registry`: the "Dân vận khéo" registry from the command line.
//!
//! * `import FILE [--dry-run]`: records from an XLSX or CSV sheet (columns
//!   in `danvan_domain::registry::values::Column`); each bad cell is
//!   reported with its row, column and code, the good rows are imported;
//!   `--dry-run` writes nothing; re-importing the same file changes nothing.
//! * `stats [--period P] [--unit NAME]`: the period's table by field and the
//!   summary paragraph.
//!
//! Exit codes: 0 done; 1 some rows refused (the good rows are imported, as
//! the import's users expect: fix the refused rows and import the same file
//! again, which changes nothing for the rows already in); 2 the sheet, an
//! argument or the output file cannot be used.

use crate::config::Config;
use crate::sheet::read_table;
use clap::Subcommand;
use danvan_domain::messages::{Lang, format, t};
use danvan_domain::registry::stats::{Breakdown, Counts, count_vi, scope_phrase, summary};

use danvan_domain::registry::values::{CellProblem, Header, read_row};
use danvan_domain::registry::{Field, Period};
use danvan_store::{Actor, Store};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum RegistryAction {
    /// Import records from an XLSX or CSV sheet.
    Import {
        /// The sheet.
        file: PathBuf,
        /// Check and report, write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// The statistics of a period as a report: DOCX (Party format) or XLSX.
    Export {
        /// `xlsx` or `docx`.
        #[arg(long)]
        format: String,
        /// A year (2023) or a phase (2021-2025); default: this year.
        #[arg(long)]
        period: Option<String>,
        /// A unit's name; default: the whole site.
        #[arg(long)]
        unit: Option<String>,
        /// The file to write.
        #[arg(long)]
        output: PathBuf,
        /// The report's number, e.g. "Số 15-BC/BDVHU" (default: left blank to fill in).
        #[arg(long, default_value = "")]
        number: String,
        /// The place of the place-date line (default: the unit's name).
        #[arg(long)]
        place: Option<String>,
        /// The issuing body, e.g. "Ban Dân vận Huyện ủy" (default: the unit's name).
        #[arg(long)]
        issuer: Option<String>,
        /// The superior body, e.g. "Đảng bộ tỉnh Kon Tum" (default: the parent unit's name).
        #[arg(long)]
        superior: Option<String>,
        /// Write the records themselves (XLSX, in the import's columns, every
        /// period unless --period) instead of the statistics: edited and
        /// imported again, it updates the same records.
        #[arg(long)]
        list: bool,
    },
    /// The statistics of a period: the table by field and the summary paragraph.
    Stats {
        /// A year (2023) or a phase (2021-2025); default: this year.
        #[arg(long)]
        period: Option<String>,
        /// A unit's name; default: the whole site.
        #[arg(long)]
        unit: Option<String>,
    },
}

fn both(key: &str) -> String {
    format!("{} / {}", t(key, Lang::Vi), t(key, Lang::En))
}

fn problem_line(p: &CellProblem) -> String {
    let args: [(&str, &dyn std::fmt::Display); 3] = [("row", &p.row), ("column", &p.column), ("message", &t(p.code, Lang::Vi))];
    format!("{} [{}]", format("regcli.problem", Lang::Vi, &args), p.code)
}

async fn open(cfg: &Config) -> anyhow::Result<Store> {
    crate::open_store(cfg, true).await
}

/// The site's store for a command that only reads it (`stats`, `export`):
/// refused when the SQLite database does not exist yet, so that a command
/// run from the wrong folder says so instead of creating an empty site and
/// reporting zeros.
async fn open_existing(cfg: &Config) -> anyhow::Result<Store> {
    let url = cfg.database_url()?;
    if let Some(path) = url.strip_prefix("sqlite://")
        && !std::path::Path::new(path).exists()
    {
        anyhow::bail!("{path}: {} [regcli.no_database]", both("regcli.no_database"));
    }
    crate::open_store(cfg, true).await
}

pub async fn run(action: RegistryAction, cfg: &Config) -> anyhow::Result<ExitCode> {
    match action {
        RegistryAction::Import { file, dry_run } => import(cfg, &file, dry_run).await,
        RegistryAction::Stats { period, unit } => stats(cfg, period.as_deref(), unit.as_deref()).await,
        // `--format DOCX` as well as `docx`
        RegistryAction::Export { format, period, unit, output, list: true, .. } => {
            export_list(cfg, &format.to_lowercase(), period.as_deref(), unit.as_deref(), &output).await
        }
        RegistryAction::Export { format, period, unit, output, number, place, issuer, superior, list: false } => {
            let heading = HeadingArgs { number, place, issuer, superior };
            export(cfg, &format.to_lowercase(), period.as_deref(), unit.as_deref(), &output, heading).await
        }
    }
}

async fn import(cfg: &Config, file: &std::path::Path, dry_run: bool) -> anyhow::Result<ExitCode> {
    let table = match read_table(file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("danvan registry: {}: {}", file.display(), e.render());
            return Ok(ExitCode::from(2));
        }
    };
    // the header: the first of the first ten non-blank rows that has the columns
    let candidates: Vec<usize> = table.rows.iter().enumerate().filter(|(_, r)| r.1.iter().any(|c| !c.trim().is_empty())).map(|(i, _)| i).take(10).collect();
    let mut header = None;
    let mut first_problems = Vec::new();
    for i in &candidates {
        match Header::read(&table.rows[*i].1) {
            Ok(h) => {
                header = Some((*i, h));
                break;
            }
            Err(p) if first_problems.is_empty() => first_problems = p.into_iter().map(|mut p| {
                p.row = table.rows[*i].0 as usize;
                p
            }).collect(),
            Err(_) => {}
        }
    }
    let Some((at, header)) = header else {
        eprintln!("danvan registry: {}: {}", table.label, both("regcli.no_header"));
        for p in &first_problems {
            eprintln!("  {}", problem_line(p));
        }
        return Ok(ExitCode::from(2));
    };
    if !header.unknown().is_empty() {
        let columns = header.unknown().join(", ");
        let args: [(&str, &dyn std::fmt::Display); 1] = [("columns", &columns)];
        eprintln!("danvan registry: {}: {} [regcli.unknown_columns]", table.label, format("regcli.unknown_columns", Lang::Vi, &args));
    }
    let mut problems = Vec::new();
    let mut rows = Vec::new();
    for (row, cells) in &table.rows[at + 1..] {
        match read_row(&header, *row as usize, cells) {
            Ok(Some(r)) => rows.push(r),
            Ok(None) => {}
            Err(p) => problems.extend(p),
        }
    }
    if rows.is_empty() && problems.is_empty() {
        eprintln!("danvan registry: {}: {} [regcli.no_rows]", table.label, both("regcli.no_rows"));
    }
    let store = open(cfg).await?;
    let total = rows.len() as u64;
    let bar = if std::io::stderr().is_terminal() && total > 0 { ProgressBar::new(total) } else { ProgressBar::hidden() };
    if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}") {
        bar.set_style(style);
    }
    bar.set_message(both("regcli.progress"));
    let report = store.registry().import_rows(&Actor::command_line(), rows, dry_run, &mut |done| bar.set_position(done as u64)).await;
    bar.finish_and_clear();
    store.close().await;
    let report = report?;
    problems.extend(report.problems.iter().cloned());
    problems.sort_by_key(|p| p.row);
    for p in &problems {
        eprintln!("{}: {}", table.label, problem_line(p));
    }
    let failed: std::collections::BTreeSet<usize> = problems.iter().map(|p| p.row).collect();
    let args: [(&str, &dyn std::fmt::Display); 4] =
        [("created", &report.created), ("updated", &report.updated), ("unchanged", &report.unchanged), ("failed", &failed.len())];
    println!("{}", format("regcli.total", Lang::Vi, &args));
    println!("{}", format("regcli.total", Lang::En, &args));
    if dry_run {
        println!("{}", both("regcli.dry_run"));
    }
    Ok(if failed.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn row(label: &str, c: &Counts, previous: u64) -> String {
    let cells = [c.registered, c.launched, c.evaluated, c.effective, c.outstanding, c.replicated, c.proposed, c.commended, previous];
    let mut s = format!("{label:<32}");
    for n in cells {
        s.push_str(&format!("{:>13}", count_vi(n)));
    }
    s
}

/// A period's figures and its previous period's, for a unit (by name) or
/// the whole site, with the report's area phrase and the units above.
struct Figures {
    period: Period,
    scope: String,
    /// The unit counted (or the root) and its parent's name.
    unit_name: String,
    parent_name: String,
    now: Breakdown,
    before: Breakdown,
}

/// Reads the period and unit arguments and the figures; `Err(code)` after
/// saying what is wrong.
async fn figures(cfg: &Config, period: Option<&str>, unit: Option<&str>) -> anyhow::Result<Result<Figures, ExitCode>> {
    let period = match period {
        None => Period::year(chrono::Datelike::year(&danvan_domain::time::vietnam_today())),
        Some(p) => match Period::parse(p) {
            Some(p) => p,
            None => {
                eprintln!("danvan registry: {p:?}: {}", both("regcli.period_invalid"));
                return Ok(Err(ExitCode::from(2)));
            }
        },
    };
    let store = open_existing(cfg).await?;
    let units = store.units().org_units().await?;
    let chosen = match unit {
        None => None,
        Some(name) => match danvan_store::match_unit(units.iter().map(|u| (u.id, u.name.as_str(), None)), name) {
            danvan_store::UnitMatch::One(id) => units.iter().find(|u| u.id == id),
            other => {
                let key = if other == danvan_store::UnitMatch::Many { "regcli.ambiguous_unit" } else { "regcli.unit_unknown" };
                eprintln!("danvan registry: {name:?}: {}", both(key));
                store.close().await;
                return Ok(Err(ExitCode::from(2)));
            }
        },
    };
    let scope_unit = chosen.or_else(|| units.iter().find(|u| u.parent_id.is_none()));
    let scope = scope_unit.map(|u| scope_phrase(&u.level, &u.name, Lang::Vi)).unwrap_or_default();
    let unit_name = scope_unit.map(|u| u.name.clone()).unwrap_or_default();
    let parent_name = scope_unit
        .and_then(|u| u.parent_id)
        .and_then(|p| units.iter().find(|u| u.id == p))
        .map(|u| u.name.clone())
        .unwrap_or_default();
    let now = store.registry().statistics(period, chosen.map(|u| u.id)).await?;
    let before = store.registry().statistics(period.previous(), chosen.map(|u| u.id)).await?;
    store.close().await;
    Ok(Ok(Figures { period, scope, unit_name, parent_name, now, before }))
}

/// What `export --format docx` prints in the report's heading.
struct HeadingArgs {
    number: String,
    place: Option<String>,
    issuer: Option<String>,
    superior: Option<String>,
}

async fn export(cfg: &Config, format_name: &str, period: Option<&str>, unit: Option<&str>, output: &std::path::Path, h: HeadingArgs) -> anyhow::Result<ExitCode> {
    if !matches!(format_name, "xlsx" | "docx") {
        eprintln!("danvan registry: --format {format_name:?}: {}", both("regcli.format_unknown"));
        return Ok(ExitCode::from(2));
    }
    let f = match figures(cfg, period, unit).await? {
        Ok(f) => f,
        Err(code) => return Ok(code),
    };
    let bytes = if format_name == "xlsx" {
        danvan_web::exports::registry_xlsx(&f.period, &f.now, &f.before)
    } else {
        let heading = danvan_web::exports::ReportHeading {
            superior: h.superior.unwrap_or_else(|| f.parent_name.clone()),
            issuer: h.issuer.unwrap_or_else(|| f.unit_name.clone()),
            number: h.number,
            place: h.place.unwrap_or_else(|| f.unit_name.clone()),
            date: danvan_domain::time::vietnam_today(),
        };
        danvan_web::exports::registry_docx(&heading, &f.period, &f.scope, &f.now, &f.before)
    };
    let bytes = bytes.map_err(|e| anyhow::anyhow!("{e}"))?;
    if let Err(e) = std::fs::write(output, bytes) {
        eprintln!("danvan registry: {}: {} ({e}) [regcli.write_failed]", output.display(), both("regcli.write_failed"));
        return Ok(ExitCode::from(2));
    }
    println!("{}", format("regcli.written", Lang::Vi, &[("path", &output.display())]));
    Ok(ExitCode::SUCCESS)
}

/// `export --list`: the records of the period (every period without one)
/// of the unit with its subtree (the whole site without one), as XLSX.
async fn export_list(cfg: &Config, format_name: &str, period: Option<&str>, unit: Option<&str>, output: &std::path::Path) -> anyhow::Result<ExitCode> {
    if format_name != "xlsx" {
        eprintln!("danvan registry: --format {format_name:?} --list: {}", both("regcli.list_xlsx_only"));
        return Ok(ExitCode::from(2));
    }
    let period = match period.map(|p| (p, Period::parse(p))) {
        None => None,
        Some((_, Some(p))) => Some(p),
        Some((p, None)) => {
            eprintln!("danvan registry: {p:?}: {}", both("regcli.period_invalid"));
            return Ok(ExitCode::from(2));
        }
    };
    let store = open_existing(cfg).await?;
    let unit_id = match unit {
        None => None,
        Some(name) => {
            let units = store.units().org_units().await?;
            match danvan_store::match_unit(units.iter().map(|u| (u.id, u.name.as_str(), None)), name) {
                danvan_store::UnitMatch::One(id) => Some(id),
                other => {
                    let key = if other == danvan_store::UnitMatch::Many { "regcli.ambiguous_unit" } else { "regcli.unit_unknown" };
                    eprintln!("danvan registry: {name:?}: {}", both(key));
                    store.close().await;
                    return Ok(ExitCode::from(2));
                }
            }
        }
    };
    let filter = danvan_store::RecordFilter { period, unit: unit_id, ..Default::default() };
    let rows = store.registry().records_for_export(None, &filter, 1_000_000).await?;
    store.close().await;
    let bytes = danvan_web::exports::registry_list_xlsx(&rows).map_err(|e| anyhow::anyhow!("{e}"))?;
    if let Err(e) = std::fs::write(output, bytes) {
        eprintln!("danvan registry: {}: {} ({e}) [regcli.write_failed]", output.display(), both("regcli.write_failed"));
        return Ok(ExitCode::from(2));
    }
    println!("{}", format("regcli.written", Lang::Vi, &[("path", &output.display())]));
    Ok(ExitCode::SUCCESS)
}

async fn stats(cfg: &Config, period: Option<&str>, unit: Option<&str>) -> anyhow::Result<ExitCode> {
    let f = match figures(cfg, period, unit).await? {
        Ok(f) => f,
        Err(code) => return Ok(code),
    };
    let (period, scope, b, before) = (f.period, f.scope, f.now, f.before);
    let heads = danvan_web::exports::COLUMN_KEYS;
    let mut head = format!("{:<32}", t("regcli.heading", Lang::Vi));
    for h in heads {
        head.push_str(&format!("{:>13}", t(h, Lang::Vi)));
    }
    println!("{head}");
    for f in Field::ALL {
        let i = f.index();
        println!("{}", row(t(f.message_key(), Lang::Vi), &b.by_field[i], before.by_field[i].registered));
    }
    println!("{}", row(t("regcli.total_row", Lang::Vi), &b.total, before.total.registered));
    println!();
    println!("{}", summary(&period, &scope, &b, Some(&before), Lang::Vi));
    Ok(ExitCode::SUCCESS)
}
