//! The feedback desk's statistics in the back office,
//! `/quan-tri/phan-anh/thong-ke`: the figures of the public page
//! (`crate::feedback_stats`) over the units where the staff member has
//! [`Action::ViewFeedback`] (the store filters them in SQL), and the same
//! figures as a workbook, `/quan-tri/phan-anh/thong-ke/xuat.xlsx` (one
//! sheet by unit, one by category, one by channel; Vietnamese headers,
//! counts as numbers, the on-time rate as a percentage cell, the median as
//! a number of days).

use super::registry::permissions;
use super::{Staff, page, staff_context};
use crate::SharedState;
use crate::error::{AppError, AppResult};
use crate::feedback_stats::{Asked, UnitChoice, figures, figures_context, form_context, query_of, ranks, read_query, shown_rate, tenths_vi};
use crate::kit::visitor::Visitor;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use danvan_domain::ErrorCode;
use danvan_domain::editorial::Action;
use danvan_domain::feedback::stats::UnitFigures;
use danvan_domain::messages::{Lang, format, t};
use danvan_domain::registry::stats::{count_vi, percent_vi};
use danvan_export::{Cell, Column, Sheet};
use danvan_store::{Actor, FeedbackStats};
use minijinja::context;
use std::collections::HashMap;

const PATH: &str = "/quan-tri/phan-anh/thong-ke";

pub(super) fn router() -> Router<SharedState> {
    Router::new().route(PATH, get(stats_page)).route("/quan-tri/phan-anh/thong-ke/xuat.xlsx", get(export))
}

/// The units `actor` may see the feedback of (403 when none), and the form.
async fn asked(state: &SharedState, actor: &Actor, q: &HashMap<String, String>) -> AppResult<(Vec<UnitChoice>, Asked)> {
    let units: Vec<UnitChoice> = permissions(state, actor, Action::ViewFeedback).await?.into_iter().map(|(id, label)| UnitChoice { id, label }).collect();
    let asked = read_query(q, &units)?;
    Ok((units, asked))
}

async fn stats_page(State(state): State<SharedState>, visitor: Visitor, Staff(actor): Staff, Query(q): Query<HashMap<String, String>>) -> AppResult<Response> {
    let (units, asked) = asked(&state, &actor, &q).await?;
    let stats = figures(&state, Some(&actor), &asked).await?;
    let download = stats.as_ref().map(|s| format!("/quan-tri/phan-anh/thong-ke/xuat.xlsx?{}", query_of(&s.period, asked.unit)));
    let status = if stats.is_none() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let ctx = context! {
        ..staff_context(&state, &visitor, &actor, PATH, t("fbstats.title", Lang::Vi)).await?,
        ..form_context(PATH, &asked, units),
        ..context! { stats => stats.as_ref().map(figures_context), download => download }
    };
    Ok(page(status, state.templates.render("admin/feedback_stats.html", ctx)?))
}

async fn export(State(state): State<SharedState>, Staff(actor): Staff, Query(q): Query<HashMap<String, String>>) -> AppResult<Response> {
    let (_, asked) = asked(&state, &actor, &q).await?;
    if let Err((_, code)) = asked.period {
        return Err(AppError::with_message(ErrorCode::BadRequest, t(code, Lang::Vi)));
    }
    let stats = figures(&state, Some(&actor), &asked).await?.ok_or_else(AppError::not_found)?;
    let bytes = workbook(&stats).map_err(AppError::internal)?;
    let mut r = (StatusCode::OK, bytes).into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
    h.insert(header::CONTENT_DISPOSITION, HeaderValue::from_static("attachment; filename=\"thong-ke-phan-anh.xlsx\""));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(r)
}

fn count(v: u32) -> Cell {
    Cell::number(count_vi(u64::from(v)), f64::from(v))
}

/// A unit's line (or the total's) of the unit sheet.
fn unit_line(rank: Option<usize>, name: &str, f: &UnitFigures, min_sample: u32, is_total: bool) -> Vec<Cell> {
    let rate = shown_rate(f, min_sample, is_total);
    let rate = match f.on_time_rate {
        Some(r) if f.ranked || is_total => Cell::percent(rate, f64::from(r) / 1000.0),
        _ => Cell::text(rate),
    };
    let median = match f.median_working_days_tenths {
        Some(m) => Cell::number(tenths_vi(m), f64::from(m) / 10.0),
        None => Cell::text(t("fbstats.no_median", Lang::Vi)),
    };
    let rank = rank.map(|r| Cell::number(r.to_string(), r as f64)).unwrap_or_default();
    vec![rank, Cell::text(name), count(f.received), count(f.answered), count(f.answered_on_time), count(f.open), count(f.open_overdue), count(f.closed), rate, median]
}

/// A sheet of counts with their share of `total` (a percentage cell).
fn count_sheet(name_key: &str, title: String, first_key: &str, rows: Vec<(String, u32)>, total: u32) -> Sheet {
    let columns = vec![Column::new(t(first_key, Lang::Vi), 70.0), Column::new(t("fbstats.col.count", Lang::Vi), 26.0), Column::new(t("fbstats.col.share", Lang::Vi), 20.0)];
    let share = |n: u32| {
        let shown = percent_vi(u64::from(n), u64::from(total));
        if total == 0 { Cell::text(shown) } else { Cell::percent(shown, f64::from(n) / f64::from(total)) }
    };
    let mut lines: Vec<Vec<Cell>> = rows.into_iter().map(|(label, n)| vec![Cell::text(label), count(n), share(n)]).collect();
    lines.push(vec![Cell::text(t("fbstats.total_row", Lang::Vi)), count(total), share(total)]);
    Sheet { name: t(name_key, Lang::Vi).to_owned(), title: Some(title), columns, rows: lines }
}

/// The statistics as an XLSX workbook.
fn workbook(s: &FeedbackStats) -> Result<Vec<u8>, danvan_export::ExportError> {
    let period = s.period.words(Lang::Vi);
    let widths: [(&str, f32); 10] = [
        ("fbstats.col.rank", 14.0),
        ("fbstats.col.unit", 80.0),
        ("fbstats.col.received", 24.0),
        ("fbstats.col.answered", 24.0),
        ("fbstats.col.on_time", 30.0),
        ("fbstats.col.open", 30.0),
        ("fbstats.col.overdue", 36.0),
        ("fbstats.col.closed", 36.0),
        ("fbstats.col.rate", 28.0),
        ("fbstats.col.median", 44.0),
    ];
    let mut rows: Vec<Vec<Cell>> = s.units.iter().zip(ranks(s)).map(|(u, r)| unit_line(r, &u.name, &u.figures, s.min_sample, false)).collect();
    rows.push(unit_line(None, t("fbstats.total_row", Lang::Vi), &s.total, s.min_sample, true));
    let units = Sheet {
        name: t("fbstats.sheet.units", Lang::Vi).to_owned(),
        title: Some(format("fbstats.ranking_caption", Lang::Vi, &[("period", &period)])),
        columns: widths.iter().map(|(k, w)| Column::new(t(k, Lang::Vi), *w)).collect(),
        rows,
    };
    let categories = s.by_category.iter().map(|c| (c.name.clone(), c.count)).collect();
    let channels = s.by_channel.iter().map(|(c, n)| (t(c.message_key(), Lang::Vi).to_owned(), *n)).collect();
    danvan_export::xlsx(&[
        units,
        count_sheet("fbstats.sheet.categories", format("fbstats.table.categories", Lang::Vi, &[("period", &period)]), "fbstats.col.category", categories, s.total.received),
        count_sheet("fbstats.sheet.channels", format("fbstats.table.channels", Lang::Vi, &[("period", &period)]), "fbstats.col.channel", channels, s.total.received),
    ])
}
