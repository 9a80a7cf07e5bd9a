//! The feedback desk's statistics page, `/phan-anh/thong-ke` (issue 13,
//! scope 5), and what the back office's page of the same figures
//! (`admin/feedback_stats.rs`) shares with it: reading the period and unit
//! of the GET form, and the template context of the figures.
//!
//! Works without JavaScript: a GET form (năm, quý, tháng or từ ngày – đến
//! ngày, and a unit with its subtree); three charts drawn on the server
//! (`kit::chart`), each with its numbers in a table; the ranking table, in
//! which the units under the minimum sample come after the ranked ones
//! with the words of `stats::rate_text`; the on-time rate explained in one
//! sentence. A problem with the form is shown next to its field (422). No
//! personal data: the store reads none.

use crate::kit::chart::{Group, bar_chart};
use crate::kit::page::{base_context, public_page, site_info};
use crate::kit::visitor::Visitor;
use crate::{AppError, AppResult, SharedState};
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use chrono::Datelike;
use danvan_domain::ErrorCode;
use danvan_domain::feedback::period::{PeriodForm, StatsPeriod};
use danvan_domain::feedback::stats::{UnitFigures, rate_text};
use danvan_domain::messages::{Lang, format, t};
use danvan_domain::registry::stats::{count_vi, percent_vi};
use danvan_store::{Actor, FeedbackStats};
use minijinja::{Value, context};
use serde::Serialize;
use std::collections::HashMap;

/// The public page's address.
pub(crate) const PATH: &str = "/phan-anh/thong-ke";

pub fn router() -> Router<SharedState> {
    Router::new().route(PATH, get(stats_page))
}

/// A unit of the form's select.
#[derive(Serialize)]
pub(crate) struct UnitChoice {
    pub(crate) id: i32,
    pub(crate) label: String,
}

/// What the GET form asked for: the period as typed, and the chosen unit.
pub(crate) struct Asked {
    pub(crate) typed: PeriodForm,
    pub(crate) period: Result<StatsPeriod, (&'static str, &'static str)>,
    pub(crate) unit: Option<i32>,
}

/// Reads the form (`nam`, `quy`, `thang`, `tu`, `den`, `don-vi`). A unit
/// that is not among `units` (not a number, unknown, outside the reader's
/// scope) is a 404, as a wrong address.
pub(crate) fn read_query(q: &HashMap<String, String>, units: &[UnitChoice]) -> AppResult<Asked> {
    let get = |k: &str| q.get(k).map(|v| v.trim().to_owned()).unwrap_or_default();
    let typed = PeriodForm { year: get("nam"), quarter: get("quy"), month: get("thang"), from: get("tu"), to: get("den") };
    let period = StatsPeriod::from_form(&typed, danvan_domain::time::vietnam_today().year());
    let unit = match get("don-vi").as_str() {
        "" => None,
        v => {
            let id: i32 = v.parse().map_err(|_| AppError::new(ErrorCode::PageNotFound))?;
            units.iter().find(|u| u.id == id).ok_or(AppError::new(ErrorCode::PageNotFound))?;
            Some(id)
        }
    };
    Ok(Asked { typed, period, unit })
}

/// The query string that asks for `period` and `unit` again (for the
/// XLSX link), without the leading `?`.
pub(crate) fn query_of(period: &StatsPeriod, unit: Option<i32>) -> String {
    let f = period.form();
    let mut parts: Vec<String> = [("nam", &f.year), ("quy", &f.quarter), ("thang", &f.month), ("tu", &f.from), ("den", &f.to)]
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    parts.extend(unit.map(|u| format!("don-vi={u}")));
    parts.join("&")
}

/// Tenths of a day as a Vietnamese number: `25` → `2,5`, `30` → `3`.
pub(crate) fn tenths_vi(t: u32) -> String {
    if t.is_multiple_of(10) { (t / 10).to_string() } else { std::format!("{},{}", t / 10, t % 10) }
}

/// A unit's rate as the tables show it; the total's rate whatever its size.
pub(crate) fn shown_rate(f: &UnitFigures, min_sample: u32, is_total: bool) -> String {
    if is_total {
        return rate_text(&UnitFigures { ranked: true, ..f.clone() }, min_sample, Lang::Vi);
    }
    rate_text(f, min_sample, Lang::Vi)
}

/// The ranks of `stats.units`: 1 + the number of ranked units with a higher
/// rate (equal rates share a rank); `None` for a unit not ranked or
/// without a rate yet.
pub(crate) fn ranks(stats: &FeedbackStats) -> Vec<Option<usize>> {
    let rated: Vec<u32> = stats.units.iter().filter(|u| u.figures.ranked).filter_map(|u| u.figures.on_time_rate).collect();
    stats
        .units
        .iter()
        .map(|u| match (u.figures.ranked, u.figures.on_time_rate) {
            (true, Some(r)) => Some(1 + rated.iter().filter(|x| **x > r).count()),
            _ => None,
        })
        .collect()
}

#[derive(Serialize)]
struct Row {
    rank: Option<usize>,
    name: String,
    received: String,
    answered: String,
    on_time: String,
    open: String,
    overdue: String,
    closed: String,
    rate: String,
    median: String,
    ranked: bool,
}

fn row(name: &str, rank: Option<usize>, f: &UnitFigures, min_sample: u32, is_total: bool) -> Row {
    let n = |v: u32| count_vi(u64::from(v));
    Row {
        rank,
        name: name.to_owned(),
        received: n(f.received),
        answered: n(f.answered),
        on_time: n(f.answered_on_time),
        open: n(f.open),
        overdue: n(f.open_overdue),
        closed: n(f.closed),
        rate: shown_rate(f, min_sample, is_total),
        median: f.median_working_days_tenths.map(tenths_vi).unwrap_or_else(|| t("fbstats.no_median", Lang::Vi).to_owned()),
        ranked: f.ranked || is_total,
    }
}

#[derive(Serialize)]
struct CountRow {
    label: String,
    count: String,
    share: String,
}

fn count_chart(id: &str, title: &str, rows: &[(String, u32)]) -> String {
    let series = [t("fbstats.col.count", Lang::Vi).to_owned()];
    let groups: Vec<Group> = rows.iter().map(|(label, n)| Group { label: label.clone(), values: vec![u64::from(*n)] }).collect();
    let desc = rows.iter().map(|(label, n)| format("fbstats.chart.count_item", Lang::Vi, &[("label", label), ("count", n)])).collect::<Vec<_>>().join("; ");
    bar_chart(id, title, &desc, &series, &groups)
}

fn count_rows(rows: &[(String, u32)], total: u32) -> Vec<CountRow> {
    rows.iter().map(|(label, n)| CountRow { label: label.clone(), count: count_vi(u64::from(*n)), share: percent_vi(u64::from(*n), u64::from(total)) }).collect()
}

/// The template context of the figures (`_feedback_stats.html`).
pub(crate) fn figures_context(s: &FeedbackStats) -> Value {
    let period = s.period.words(Lang::Vi);
    let ranks = ranks(s);
    let rows: Vec<Row> = s.units.iter().zip(&ranks).map(|(u, r)| row(&u.name, *r, &u.figures, s.min_sample, false)).collect();
    let total = row(t("fbstats.total_row", Lang::Vi), None, &s.total, s.min_sample, true);
    let tt = &s.total;
    let n = |v: u32| count_vi(u64::from(v));
    let summary = format(
        "fbstats.summary",
        Lang::Vi,
        &[
            ("period", &period),
            ("received", &n(tt.received)),
            ("answered", &n(tt.answered)),
            ("on_time", &n(tt.answered_on_time)),
            ("open", &n(tt.open)),
            ("overdue", &n(tt.open_overdue)),
            ("closed", &n(tt.closed)),
            ("rate", &total.rate),
        ],
    );
    let series: Vec<String> = ["fbstats.col.received", "fbstats.col.on_time", "fbstats.col.overdue"].iter().map(|k| t(k, Lang::Vi).to_owned()).collect();
    let groups: Vec<Group> =
        s.units.iter().map(|u| Group { label: u.name.clone(), values: [u.figures.received, u.figures.answered_on_time, u.figures.open_overdue].map(u64::from).to_vec() }).collect();
    let desc = s
        .units
        .iter()
        .map(|u| {
            let f = &u.figures;
            format("fbstats.chart.unit_item", Lang::Vi, &[("unit", &u.name), ("received", &f.received), ("on_time", &f.answered_on_time), ("overdue", &f.open_overdue)])
        })
        .collect::<Vec<_>>()
        .join("; ");
    let units_chart = bar_chart("bieu-do-don-vi", &format("fbstats.chart.units", Lang::Vi, &[("period", &period)]), &desc, &series, &groups);
    let categories: Vec<(String, u32)> = s.by_category.iter().map(|c| (c.name.clone(), c.count)).collect();
    let channels: Vec<(String, u32)> = s.by_channel.iter().map(|(c, n)| (t(c.message_key(), Lang::Vi).to_owned(), *n)).collect();
    context! {
        period => period,
        summary => summary,
        rate_explained => t("fbstats.rate_explained", Lang::Vi),
        sample_explained => format("fbstats.sample_explained", Lang::Vi, &[("min", &s.min_sample)]),
        empty => s.total.received == 0,
        rows => rows,
        total_row => total,
        units_chart => Value::from_safe_string(units_chart),
        category_chart => Value::from_safe_string(count_chart("bieu-do-linh-vuc", &format("fbstats.chart.categories", Lang::Vi, &[("period", &period)]), &categories)),
        channel_chart => Value::from_safe_string(count_chart("bieu-do-kenh", &format("fbstats.chart.channels", Lang::Vi, &[("period", &period)]), &channels)),
        category_rows => count_rows(&categories, s.total.received),
        channel_rows => count_rows(&channels, s.total.received),
    }
}

#[derive(Serialize)]
struct Choice {
    value: u32,
    label: String,
}

/// The template context of the form: what was typed, its problem next to
/// its field, the units, the quarters and months.
pub(crate) fn form_context(action: &str, asked: &Asked, units: Vec<UnitChoice>) -> Value {
    let found: Vec<(&'static str, &'static str)> = asked.period.as_ref().err().copied().into_iter().collect();
    context! {
        ..crate::feedback::problems(&found),
        ..context! {
            stats_action => action,
            // the period in force (this year's on a first visit), or what was typed when it has a problem
            v => asked.period.as_ref().map(StatsPeriod::form).unwrap_or_else(|_| asked.typed.clone()),
            units => units,
            sel_unit => asked.unit,
            quarters => (1..=4u32).map(|q| Choice { value: q, label: format("fbstats.quarter_n", Lang::Vi, &[("quarter", &["I", "II", "III", "IV"][q as usize - 1])]) }).collect::<Vec<_>>(),
            months => (1..=12u32).map(|m| Choice { value: m, label: format("fbstats.month_n", Lang::Vi, &[("month", &m)]) }).collect::<Vec<_>>(),
        }
    }
}

/// The figures the form asks for, for `viewer` (`None`: the public's),
/// or `None` when the form has a problem.
pub(crate) async fn figures(state: &SharedState, viewer: Option<&Actor>, asked: &Asked) -> AppResult<Option<FeedbackStats>> {
    let Ok(period) = asked.period else { return Ok(None) };
    let calendar = state.store.calendar().working_calendar(&state.config.holiday_rules).await?;
    let stats = state.store.feedback().statistics(viewer, &period, asked.unit, state.config.feedback_min_sample, &calendar, danvan_store::now()).await?;
    Ok(Some(stats))
}

async fn stats_page(State(state): State<SharedState>, Query(q): Query<HashMap<String, String>>, visitor: Visitor) -> AppResult<Response> {
    let info = site_info(&state).await?;
    let units: Vec<UnitChoice> = state.store.units().org_units().await?.into_iter().map(|u| UnitChoice { id: u.id, label: format!("{}{}", "— ".repeat(u.depth), u.name) }).collect();
    let asked = read_query(&q, &units)?;
    let stats = figures(&state, None, &asked).await?;
    let status = if stats.is_none() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let ctx = context! {
        ..base_context(&info, &visitor.prefs, PATH),
        ..form_context(PATH, &asked, units),
        ..context! { stats => stats.as_ref().map(figures_context) }
    };
    Ok(public_page(status, state.templates.render("feedback_stats.html", ctx)?, &visitor.prefs))
}
