//! `danvan calendar`: the Vietnamese lunar calendar and the working-day
//! calendar from the command line.
//!
//! * `lunar DATE`: the lunar date of a solar date (`day=… month=… year=…
//!   leap=…`, then in words);
//! * `tet YEAR…`: one line per year, the year and the solar date of Tết;
//! * `holidays YEAR`: the year's days off and make-up working days, and
//!   whether the year is confirmed (from the site's database: an
//!   administrator's confirmation in `/quan-tri/lich` counts);
//! * `deadline DATE N [--calendar-days]`: the due date of a period of `N`
//!   working days (or calendar days) from DATE, as `YYYY-MM-DD` and then the
//!   instant (end of the working day, UTC+7).
//!
//! Exit codes: 0 done; 2 input the calendar cannot use (a bad date, a
//! date or year outside 1900–2199, a period over 3650 days). Output to a
//! closed pipe (`| head`) ends quietly.

use crate::config::Config;
use clap::Subcommand;
use danvan_calendar::{CalendarError, WorkingCalendar, YearStatus, to_lunar};
use danvan_domain::calendar::{kind_key, parse_date, weekday_key};
use danvan_domain::messages::{Lang, format, t};
use danvan_store::Store;
use std::io::Write;
use std::process::ExitCode;

/// Writes a line to standard output; `false` when the reader has gone
/// (a closed pipe), so the command can stop quietly.
fn say(line: impl std::fmt::Display) -> bool {
    writeln!(std::io::stdout().lock(), "{line}").is_ok()
}

/// At most 40 characters of what was typed, for messages.
fn shown(s: &str) -> String {
    let cut: String = s.chars().take(40).collect();
    if cut.len() < s.len() { format!("{cut}…") } else { cut }
}

#[derive(Subcommand)]
pub enum CalendarAction {
    /// The lunar date of DATE (YYYY-MM-DD or DD/MM/YYYY).
    Lunar { date: String },
    /// The solar date of Tết of each YEAR.
    Tet {
        #[arg(required = true)]
        years: Vec<i32>,
    },
    /// The days off of YEAR, its make-up working days, and whether it is confirmed.
    Holidays { year: i32 },
    /// The deadline N working days (or calendar days) after DATE.
    Deadline {
        /// The day of receipt (not counted), YYYY-MM-DD or DD/MM/YYYY.
        date: String,
        /// The period's length in days.
        days: u32,
        /// Count calendar days (a period ending on a day off moves to the next working day).
        #[arg(long)]
        calendar_days: bool,
    },
}

fn both(key: &str) -> String {
    format!("{} / {}", t(key, Lang::Vi), t(key, Lang::En))
}

fn refused(e: &CalendarError) -> ExitCode {
    eprintln!("danvan calendar: {} [{}] ({e})", both(e.code()), e.code());
    ExitCode::from(2)
}

fn date_arg(s: &str) -> Result<chrono::NaiveDate, ExitCode> {
    parse_date(s).ok_or_else(|| {
        eprintln!("danvan calendar: {:?}: {} [calendar.date_invalid]", shown(s), both("calendar.date_invalid"));
        ExitCode::from(2)
    })
}

async fn working_calendar(cfg: &Config) -> anyhow::Result<WorkingCalendar> {
    let rules = cfg.holiday_rules()?;
    std::fs::create_dir_all(&cfg.data_dir)?;
    let store = Store::connect(&cfg.database_url()?).await?;
    store.migrate().await?;
    let cal = store.calendar().working_calendar(&rules).await?;
    store.close().await;
    Ok(cal.with_end_of_day(cfg.end_of_working_day()?))
}

pub async fn run(action: CalendarAction, cfg: &Config) -> anyhow::Result<ExitCode> {
    match action {
        CalendarAction::Lunar { date } => {
            let d = match date_arg(&date) {
                Ok(d) => d,
                Err(code) => return Ok(code),
            };
            match to_lunar(d) {
                Ok(l) => {
                    if !say(format_args!("day={} month={} year={} leap={}", l.day, l.month, l.year, l.leap)) {
                        return Ok(ExitCode::SUCCESS);
                    }
                    let leap = if l.leap { format!(" {}", t("calendar.leap", Lang::Vi)) } else { String::new() };
                    let args: [(&str, &dyn std::fmt::Display); 4] = [("day", &l.day), ("month", &l.month), ("leap", &leap), ("name", &l.year_name())];
                    say(format("calcli.lunar", Lang::Vi, &args));
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => Ok(refused(&e)),
            }
        }
        CalendarAction::Tet { years } => {
            let mut code = ExitCode::SUCCESS;
            for y in years {
                match danvan_calendar::tet(y) {
                    Ok(d) => {
                        if !say(format_args!("{y} {d}")) {
                            return Ok(ExitCode::SUCCESS);
                        }
                    }
                    Err(e) => code = refused(&e),
                }
            }
            Ok(code)
        }
        CalendarAction::Holidays { year } => {
            let cal = working_calendar(cfg).await?;
            let y = match cal.year(year) {
                Ok(y) => y,
                Err(e) => return Ok(refused(&e)),
            };
            if y.status == YearStatus::Confirmed {
                say(format("calcli.confirmed", Lang::Vi, &[("year", &year)]));
                if !y.source.is_empty() {
                    say(format_args!("{}: {}", t("admin.calendar.source", Lang::Vi), y.source));
                }
            } else {
                say(format("calcli.proposed", Lang::Vi, &[("year", &year)]));
                eprintln!("danvan calendar: {}", format("calcli.proposed_warning", Lang::Vi, &[("year", &year)]));
            }
            for o in &y.days_off {
                let name = o.holiday.as_deref().and_then(|k| cal.rules().rule(k, year)).map(|r| r.name.as_str()).unwrap_or("");
                let what = [name, o.note.as_str()].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(": ");
                if !say(format_args!("{} {}\t{}\t{what}", o.date, t(weekday_key(o.date), Lang::Vi), t(kind_key(o.kind), Lang::Vi))) {
                    return Ok(ExitCode::SUCCESS);
                }
            }
            if !y.working_days.is_empty() {
                say(format_args!("{}:", t("calendar.table.work", Lang::Vi)));
                for w in &y.working_days {
                    let note = if w.note.is_empty() { String::new() } else { format!(" ({})", w.note) };
                    if !say(format_args!("{} {}{note}", w.date, t(weekday_key(w.date), Lang::Vi))) {
                        return Ok(ExitCode::SUCCESS);
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        CalendarAction::Deadline { date, days, calendar_days } => {
            let d = match date_arg(&date) {
                Ok(d) => d,
                Err(code) => return Ok(code),
            };
            let cal = working_calendar(cfg).await?;
            let due = if calendar_days { cal.add_days(d, days) } else { cal.add_working_days(d, days) };
            match due {
                Ok(due) => {
                    say(due.date);
                    say(due.at.to_rfc3339());
                    for y in &due.unconfirmed_years {
                        eprintln!("danvan calendar: {}", format("calcli.proposed_warning", Lang::Vi, &[("year", y)]));
                    }
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => Ok(refused(&e)),
            }
        }
    }
}
