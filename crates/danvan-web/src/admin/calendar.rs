//! `/quan-tri/lich`: an administrator reviews a year's working-day
//! calendar (the proposal from the holiday rules, the shipped decision, or
//! what was saved), edits the days off and swapped working days, and saves
//! or confirms it. The rows are read by `danvan_domain::calendar`; every
//! bad row is reported with its table, row and field, and nothing is saved
//! until all are right.

use super::{Staff, form_error, page, staff_context};
use crate::SharedState;
use crate::error::{AppError, AppResult};
use crate::kit::csrf;
use crate::kit::form::FormFields;
use crate::kit::visitor::Visitor;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use chrono::{Datelike, Duration, NaiveDate};
use danvan_calendar::{DayOffKind, YearCalendar, YearStatus, to_lunar};
use danvan_domain::ErrorCode;
use danvan_domain::calendar::{OffRow, RowProblem, WorkRow, kind_key, lunar_short, parse_date, solar_long, year_from_rows};
use danvan_domain::editorial::{Action, Permissions};
use danvan_domain::messages::{Lang, format, t};
use danvan_store::{Actor, CalendarYearView, YearOrigin};
use minijinja::context;
use serde::{Deserialize, Serialize};

/// Blank rows offered under each table for additions.
const BLANK_ROWS: usize = 3;

pub(super) fn router() -> Router<SharedState> {
    Router::new().route("/quan-tri/lich", get(show).post(save))
}

#[derive(Deserialize)]
struct YearQuery {
    nam: Option<String>,
    tb: Option<String>,
}

/// A year from the address: four digits, 1900–2199; default this year.
fn year_of(q: Option<&str>) -> AppResult<i32> {
    match q {
        None | Some("") => Ok(danvan_domain::time::vietnam_today().year()),
        Some(s) if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) => {
            let y: i32 = s.parse().map_err(|_| AppError::new(ErrorCode::PageNotFound))?;
            if (1900..=2199).contains(&y) { Ok(y) } else { Err(AppError::new(ErrorCode::PageNotFound)) }
        }
        Some(_) => Err(AppError::new(ErrorCode::PageNotFound)),
    }
}

async fn require(state: &SharedState, actor: &Actor) -> AppResult<()> {
    let tree = state.store.units().unit_tree().await?;
    if (Permissions { grants: &actor.grants, tree: &tree }).can_site_wide(Action::ManageCalendar) {
        Ok(())
    } else {
        Err(AppError::new(ErrorCode::Forbidden))
    }
}

#[derive(Serialize, Default)]
struct RowView {
    index: usize,
    date: String,
    day: String,
    lunar: String,
    kind: String,
    holiday: String,
    holiday_name: String,
    note: String,
    problems: Vec<String>,
}

fn describe(date: &str) -> (String, String) {
    match parse_date(date) {
        Some(d) => (solar_long(d, Lang::Vi), to_lunar(d).map(|l| lunar_short(&l, Lang::Vi)).unwrap_or_default()),
        None => (String::new(), String::new()),
    }
}

fn holiday_name(state: &SharedState, key: &str, year: i32) -> String {
    state.config.holiday_rules.rule(key, year).map(|r| r.name.clone()).unwrap_or_default()
}

fn off_views(state: &SharedState, year: i32, rows: &[OffRow], problems: &[RowProblem]) -> Vec<RowView> {
    let mut v: Vec<RowView> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let (day, lunar) = describe(&r.date);
            RowView {
                index: i,
                date: r.date.clone(),
                day,
                lunar,
                kind: r.kind.clone(),
                holiday_name: holiday_name(state, &r.holiday, year),
                holiday: r.holiday.clone(),
                note: r.note.clone(),
                problems: problems.iter().filter(|p| p.table == "off" && p.row == i + 1).map(|p| p.message(Lang::Vi)).collect(),
            }
        })
        .collect();
    let n = v.len();
    v.extend((n..n + BLANK_ROWS).map(|index| RowView { index, kind: DayOffKind::Extra.code().to_owned(), ..Default::default() }));
    v
}

fn work_views(rows: &[WorkRow], problems: &[RowProblem]) -> Vec<RowView> {
    let mut v: Vec<RowView> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let (day, lunar) = describe(&r.date);
            RowView {
                index: i,
                date: r.date.clone(),
                day,
                lunar,
                note: r.note.clone(),
                problems: problems.iter().filter(|p| p.table == "work" && p.row == i + 1).map(|p| p.message(Lang::Vi)).collect(),
                ..Default::default()
            }
        })
        .collect();
    let n = v.len();
    v.extend((n..n + BLANK_ROWS).map(|index| RowView { index, ..Default::default() }));
    v
}

fn rows_of(cal: &YearCalendar) -> (Vec<OffRow>, Vec<WorkRow>) {
    let off = cal
        .days_off
        .iter()
        .map(|o| OffRow {
            date: o.date.to_string(),
            kind: o.kind.code().to_owned(),
            holiday: o.holiday.clone().unwrap_or_default(),
            note: o.note.clone(),
        })
        .collect();
    let work = cal.working_days.iter().map(|w| WorkRow { date: w.date.to_string(), note: w.note.clone() }).collect();
    (off, work)
}

#[derive(Serialize)]
struct Choice {
    value: String,
    label: String,
}

fn working_day_count(cal: &YearCalendar) -> usize {
    let Some(first) = NaiveDate::from_ymd_opt(cal.year, 1, 1) else { return 0 };
    (0..366).map(|i| first + Duration::days(i)).filter(|d| d.year() == cal.year && cal.is_working_day(*d)).count()
}

struct Edit<'a> {
    off: &'a [OffRow],
    work: &'a [WorkRow],
    source: &'a str,
    problems: &'a [RowProblem],
}

async fn render(
    state: &SharedState,
    visitor: &Visitor,
    actor: &Actor,
    view: &CalendarYearView,
    edit: Option<Edit<'_>>,
    notice: Option<String>,
    status: StatusCode,
) -> AppResult<Response> {
    let year = view.calendar.year;
    let (off, work) = rows_of(&view.calendar);
    let (off, work, source, problems) = match &edit {
        Some(e) => (e.off.to_vec(), e.work.to_vec(), e.source.to_owned(), e.problems.to_vec()),
        None => (off, work, view.calendar.source.clone(), Vec::new()),
    };
    let kinds: Vec<Choice> = DayOffKind::ALL.into_iter().map(|k| Choice { value: k.code().to_owned(), label: t(kind_key(k), Lang::Vi).to_owned() }).collect();
    let mut holidays: Vec<Choice> = Vec::new();
    for r in state.config.holiday_rules.rules() {
        if !holidays.iter().any(|h| h.value == r.key) {
            holidays.push(Choice { value: r.key.clone(), label: holiday_name(state, &r.key, year) });
        }
    }
    let confirmed = view.calendar.status == YearStatus::Confirmed;
    let origin = match view.origin {
        YearOrigin::Stored => "admin.calendar.origin_stored",
        YearOrigin::Shipped => "admin.calendar.origin_shipped",
        YearOrigin::Proposed => "admin.calendar.origin_proposed",
    };
    let title = format("admin.calendar.title", Lang::Vi, &[("year", &year)]);
    let ctx = context! {
        ..staff_context(state, visitor, actor, "/quan-tri/lich", &title).await?,
        ..context! {
            year => year,
            prev_year => (year > 1900).then_some(year - 1),
            next_year => (year < 2199).then_some(year + 1),
            confirmed => confirmed,
            origin => t(origin, Lang::Vi),
            stored => view.origin == YearOrigin::Stored,
            updated_by => &view.updated_by,
            updated_at => view.updated_at.map(danvan_domain::time::vietnam_display),
            confirmed_by => &view.confirmed_by,
            confirmed_at => view.confirmed_at.map(danvan_domain::time::vietnam_display),
            working_days => working_day_count(&view.calendar),
            source => source,
            off_rows => off_views(state, year, &off, &problems),
            work_rows => work_views(&work, &problems),
            problems => problems.iter().map(|p| p.message(Lang::Vi)).collect::<Vec<_>>(),
            kinds => kinds,
            holidays => holidays,
            notice => notice,
        }
    };
    Ok(page(status, state.templates.render("admin/calendar.html", ctx)?))
}

async fn show(State(state): State<SharedState>, visitor: Visitor, Staff(actor): Staff, Query(q): Query<YearQuery>) -> AppResult<Response> {
    require(&state, &actor).await?;
    let year = year_of(q.nam.as_deref())?;
    let view = state.store.calendar().year(year, &state.config.holiday_rules).await?;
    let notice = match q.tb.as_deref() {
        Some("da-luu") => Some(t("admin.notice.saved", Lang::Vi).to_owned()),
        Some("da-xac-nhan") => Some(format("admin.calendar.confirmed_notice", Lang::Vi, &[("year", &year)])),
        Some("da-khoi-phuc") => Some(format("admin.calendar.reset_notice", Lang::Vi, &[("year", &year)])),
        Some("khong-co-ban-luu") => Some(format("admin.calendar.nothing_stored", Lang::Vi, &[("year", &year)])),
        _ => None,
    };
    render(&state, &visitor, &actor, &view, None, notice, StatusCode::OK).await
}

/// The rows of one table from the form: fields `{prefix}-{i}-{name}`, every
/// row number `i` posted (in order, gaps allowed; at most
/// `MAX_ROWS + BLANK_ROWS + 1` rows are read, so an over-long form is
/// refused by the domain's row limit); rows whose `remove` box is ticked
/// are left out.
fn posted_rows(f: &FormFields, prefix: &str) -> Vec<FormRow> {
    let mut numbers: Vec<usize> = f
        .0
        .iter()
        .filter_map(|(k, _)| k.strip_prefix(prefix)?.strip_prefix('-')?.strip_suffix("-date")?.parse().ok())
        .collect();
    numbers.sort_unstable();
    numbers.dedup();
    numbers
        .into_iter()
        .take(danvan_domain::calendar::MAX_ROWS + BLANK_ROWS + 1)
        .filter(|i| f.get(&format!("{prefix}-{i}-remove")).is_none())
        .map(|i| {
            let get = |name: &str| f.get(&format!("{prefix}-{i}-{name}")).unwrap_or_default().to_owned();
            FormRow { date: get("date"), kind: get("kind"), holiday: get("holiday"), note: get("note") }
        })
        .collect()
}

struct FormRow {
    date: String,
    kind: String,
    holiday: String,
    note: String,
}

async fn save(State(state): State<SharedState>, visitor: Visitor, Staff(actor): Staff, axum::Form(pairs): axum::Form<Vec<(String, String)>>) -> AppResult<Response> {
    let f = FormFields(pairs);
    csrf::check_staff(&actor, f.get("csrf"))?;
    require(&state, &actor).await?;
    // a form always names its year and one of its three buttons
    let year = match f.get("year").map(str::trim).filter(|y| !y.is_empty()) {
        Some(y) => year_of(Some(y))?,
        None => return Err(AppError::with_message(ErrorCode::FieldInvalid, t("calendar.year_missing", Lang::Vi))),
    };
    let rules = &state.config.holiday_rules;
    let confirm = match f.get("action") {
        Some("save") => false,
        Some("confirm") => true,
        Some("reset") => {
            let dropped = state.store.calendar().reset_year(&actor, year).await?;
            let tb = if dropped { "da-khoi-phuc" } else { "khong-co-ban-luu" };
            return Ok(Redirect::to(&format!("/quan-tri/lich?nam={year}&tb={tb}")).into_response());
        }
        _ => return Err(AppError::with_message(ErrorCode::FieldInvalid, t("calendar.action_unknown", Lang::Vi))),
    };
    let off: Vec<OffRow> =
        posted_rows(&f, "off").into_iter().map(|r| OffRow { date: r.date, kind: r.kind, holiday: r.holiday, note: r.note }).collect();
    let work: Vec<WorkRow> = posted_rows(&f, "work").into_iter().map(|r| WorkRow { date: r.date, note: r.note }).collect();
    let source = danvan_text::normalize_input(f.text("source").trim());
    if source.chars().count() > 500 {
        let view = state.store.calendar().year(year, rules).await?;
        let msg = t("calendar.source_too_long", Lang::Vi).to_owned();
        return render(&state, &visitor, &actor, &view, Some(Edit { off: &off, work: &work, source: &source, problems: &[] }), Some(msg), StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let status = if confirm { YearStatus::Confirmed } else { YearStatus::Proposed };
    match year_from_rows(year, status, &source, &off, &work, rules) {
        Ok(cal) => match state.store.calendar().save_year(&actor, cal, confirm, rules).await {
            Ok(()) => {
                let tb = if confirm { "da-xac-nhan" } else { "da-luu" };
                Ok(Redirect::to(&format!("/quan-tri/lich?nam={year}&tb={tb}")).into_response())
            }
            Err(e) => {
                let (_, msg) = form_error(e)?;
                let view = state.store.calendar().year(year, rules).await?;
                render(&state, &visitor, &actor, &view, Some(Edit { off: &off, work: &work, source: &source, problems: &[] }), Some(msg), StatusCode::UNPROCESSABLE_ENTITY).await
            }
        },
        Err(problems) => {
            let view = state.store.calendar().year(year, rules).await?;
            let edit = Edit { off: &off, work: &work, source: &source, problems: &problems };
            render(&state, &visitor, &actor, &view, Some(edit), None, StatusCode::UNPROCESSABLE_ENTITY).await
        }
    }
}
