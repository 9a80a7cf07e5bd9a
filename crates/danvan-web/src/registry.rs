//! The "Dân vận khéo" registry's public pages: `/dan-van-kheo`, the
//! showcase of approved public records (filters by field, unit and period)
//! and each record's page with the published articles about it (never a
//! person's name or position);
//! `/dan-van-kheo/thong-ke`,
//! the statistics of a period for the site or one unit with its subtree:
//! the summary paragraph in the words of the movement's reports, the table
//! by field with the previous period, and a chart drawn on the server with
//! its data table. Works without JavaScript (a GET form).

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
use danvan_domain::messages::{Lang, format, t};
use danvan_domain::registry::stats::{Counts, count_vi, percent_vi, scope_phrase, summary};
use danvan_domain::registry::{Field, Period};
use minijinja::context;
use serde::{Deserialize, Serialize};

pub fn router() -> Router<SharedState> {
    Router::new()
        .route("/dan-van-kheo", get(showcase))
        .route("/dan-van-kheo/thong-ke", get(statistics))
        .route("/dan-van-kheo/{id}", get(record))
}

#[derive(Deserialize)]
struct StatsQuery {
    ky: Option<String>,
    #[serde(rename = "don-vi")]
    don_vi: Option<String>,
}

#[derive(Serialize)]
struct Row {
    label: String,
    registered: String,
    launched: String,
    evaluated: String,
    effective: String,
    share: String,
    outstanding: String,
    proposed: String,
    commended: String,
    previous: String,
    change: String,
}

fn row(label: &str, c: &Counts, before: &Counts) -> Row {
    let change = c.registered as i64 - before.registered as i64;
    Row {
        label: label.to_owned(),
        registered: count_vi(c.registered),
        launched: count_vi(c.launched),
        evaluated: count_vi(c.evaluated),
        effective: count_vi(c.effective),
        share: percent_vi(c.effective, c.evaluated),
        outstanding: count_vi(c.outstanding),
        proposed: count_vi(c.proposed),
        commended: count_vi(c.commended),
        previous: count_vi(before.registered),
        change: match change {
            0 => "0".to_owned(),
            n if n > 0 => format!("+{}", count_vi(n as u64)),
            n => format!("−{}", count_vi(n.unsigned_abs())),
        },
    }
}

#[derive(Serialize)]
struct UnitChoice {
    id: i32,
    label: String,
}

async fn statistics(State(state): State<SharedState>, Query(q): Query<StatsQuery>, visitor: Visitor) -> AppResult<Response> {
    let info = site_info(&state).await?;
    let this_year = danvan_domain::time::vietnam_today().year();
    let period_text = q.ky.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let (period, period_error) = match period_text {
        None => (Period::year(this_year), None),
        Some(p) => match Period::parse(p) {
            Some(p) => (p, None),
            None => (Period::year(this_year), Some(t("regcli.period_invalid", Lang::Vi).to_owned())),
        },
    };
    let units = state.store.units().org_units().await?;
    let chosen = match q.don_vi.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(id) => {
            let id: i32 = id.parse().map_err(|_| AppError::new(ErrorCode::PageNotFound))?;
            Some(units.iter().find(|u| u.id == id).ok_or(AppError::new(ErrorCode::PageNotFound))?)
        }
    };
    let scope_unit = chosen.or_else(|| units.iter().find(|u| u.parent_id.is_none()));
    let scope = scope_unit.map(|u| scope_phrase(&u.level, &u.name, Lang::Vi)).unwrap_or_default();
    let b = state.store.registry().statistics(period, chosen.map(|u| u.id)).await?;
    let before = state.store.registry().statistics(period.previous(), chosen.map(|u| u.id)).await?;
    let mut rows: Vec<Row> = Field::ALL.iter().map(|f| row(t(f.message_key(), Lang::Vi), &b.by_field[f.index()], &before.by_field[f.index()])).collect();
    let total = row(t("regcli.total_row", Lang::Vi), &b.total, &before.total);
    let series = vec![t("regcli.col.registered", Lang::Vi).to_owned(), t("regcli.col.effective", Lang::Vi).to_owned()];
    let groups: Vec<Group> = Field::ALL
        .iter()
        .map(|f| Group { label: t(f.message_key(), Lang::Vi).to_owned(), values: vec![b.by_field[f.index()].registered, b.by_field[f.index()].effective] })
        .collect();
    let chart_title = format("registry.stats.chart_title", Lang::Vi, &[("period", &period)]);
    let desc = Field::ALL
        .iter()
        .map(|f| {
            let c = &b.by_field[f.index()];
            format("registry.stats.chart_item", Lang::Vi, &[("field", &t(f.message_key(), Lang::Vi)), ("registered", &c.registered), ("effective", &c.effective)])
        })
        .collect::<Vec<_>>()
        .join("; ");
    let chart = bar_chart("bieu-do-linh-vuc", &chart_title, &desc, &series, &groups);
    let unit_choices: Vec<UnitChoice> = units.iter().map(|u| UnitChoice { id: u.id, label: format!("{}{}", "— ".repeat(u.depth), u.name) }).collect();
    rows.push(total);
    let ctx = context! {
        ..base_context(&info, &visitor.prefs, "/dan-van-kheo/thong-ke"),
        ..context! {
            period => period.to_string(),
            period_input => period_text.unwrap_or_default(),
            period_error => period_error,
            previous => period.previous().to_string(),
            summary => summary(&period, &scope, &b, Some(&before), Lang::Vi),
            rows => rows,
            chart => minijinja::Value::from_safe_string(chart),
            units => unit_choices,
            sel_unit => chosen.map(|u| u.id),
        }
    };
    let status = if period_error.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    Ok(public_page(status, state.templates.render("registry_stats.html", ctx)?, &visitor.prefs))
}

#[derive(Serialize)]
struct FieldChoice {
    value: &'static str,
    label: &'static str,
}

/// Records per page of the showcase.
const PER_PAGE: u64 = 20;

#[derive(Serialize)]
struct Card {
    id: i32,
    name: String,
    field: String,
    kind: String,
    unit: String,
    period: String,
}

fn label(key: Option<&'static str>, code: &str) -> String {
    key.map(|k| t(k, Lang::Vi).to_owned()).unwrap_or_else(|| code.to_owned())
}

async fn showcase(State(state): State<SharedState>, Query(q): Query<std::collections::HashMap<String, String>>, visitor: Visitor) -> AppResult<Response> {
    let info = site_info(&state).await?;
    let get = |k: &str| q.get(k).map(|v| v.trim()).filter(|v| !v.is_empty());
    let bad = || AppError::new(ErrorCode::PageNotFound);
    let filter = danvan_store::RecordFilter {
        field: get("linh-vuc").map(|v| Field::from_code(v).ok_or_else(bad)).transpose()?,
        status: None,
        period: get("ky").map(|v| Period::parse(v).ok_or_else(bad)).transpose()?,
        unit: get("don-vi").map(|v| v.parse::<i32>().map_err(|_| bad())).transpose()?,
    };
    let page_no = crate::kit::paging::PageNo::parse(q.get("trang").map(String::as_str))?;
    let (rows, total) = state.store.registry().public_records(&filter, page_no.get(), PER_PAGE).await?;
    let pages = page_no.check_within(total, PER_PAGE)?;
    let units = state.store.units().org_units().await?;
    let cards: Vec<Card> = rows
        .into_iter()
        .map(|r| Card {
            id: r.id,
            field: label(Field::from_code(&r.field).map(Field::message_key), &r.field),
            kind: label(danvan_domain::registry::ModelKind::from_code(&r.kind).map(danvan_domain::registry::ModelKind::message_key), &r.kind),
            unit: units.iter().find(|u| u.id == r.unit_id).map(|u| u.name.clone()).unwrap_or_default(),
            name: r.name,
            period: r.period,
        })
        .collect();
    let mut query = Vec::new();
    for k in ["linh-vuc", "ky", "don-vi"] {
        if let Some(v) = get(k) {
            query.push(format!("{k}={}", crate::search::urlencode(v)));
        }
    }
    let fields: Vec<FieldChoice> = Field::ALL.iter().map(|f| FieldChoice { value: f.code(), label: t(f.message_key(), Lang::Vi) }).collect();
    let ctx = context! {
        ..base_context(&info, &visitor.prefs, "/dan-van-kheo"),
        ..context! {
            cards => cards, total => total, page => page_no.get(), pages => pages,
            page_base => format!("/dan-van-kheo?{}", query.join("&")),
            fields => fields,
            units => units.iter().map(|u| UnitChoice { id: u.id, label: format!("{}{}", "— ".repeat(u.depth), u.name) }).collect::<Vec<_>>(),
            sel_field => get("linh-vuc").unwrap_or_default(), sel_period => get("ky").unwrap_or_default(),
            sel_unit => get("don-vi").and_then(|v| v.parse::<i32>().ok()),
        }
    };
    Ok(public_page(StatusCode::OK, state.templates.render("registry_showcase.html", ctx)?, &visitor.prefs))
}

async fn record(State(state): State<SharedState>, axum::extract::Path(id): axum::extract::Path<String>, visitor: Visitor) -> AppResult<Response> {
    let info = site_info(&state).await?;
    let id: i32 = id.parse().map_err(|_| AppError::new(ErrorCode::PageNotFound))?;
    // the public view: never personal data, whoever asks
    let r = state.store.registry().record_view(None, id).await?.ok_or(AppError::new(ErrorCode::PageNotFound))?;
    let parts: Vec<minijinja::Value> = danvan_domain::registry::REGISTRATION_PARTS
        .iter()
        .filter_map(|p| r.parts.get(*p).map(|v| context! { label => t(danvan_domain::registry::part_key(p), Lang::Vi), text => v }))
        .collect();
    let evaluations: Vec<minijinja::Value> = r
        .evaluations
        .iter()
        .map(|e| context! { year => e.year, result => label(danvan_domain::registry::Effectiveness::from_code(&e.effectiveness).map(danvan_domain::registry::Effectiveness::message_key), &e.effectiveness) })
        .collect();
    let path = format!("/dan-van-kheo/{id}");
    let photos = state.store.registry().photos(id).await?;
    let articles = state.store.registry().model_articles_public(id).await?;
    let ctx = context! {
        ..base_context(&info, &visitor.prefs, &path),
        ..context! {
            r => &r, parts => parts, evaluations => evaluations, photos => photos, articles => articles,
            field => label(Field::from_code(&r.field).map(Field::message_key), &r.field),
            kind => label(danvan_domain::registry::ModelKind::from_code(&r.kind).map(danvan_domain::registry::ModelKind::message_key), &r.kind),
            holder => label(danvan_domain::registry::Holder::from_code(&r.holder).map(danvan_domain::registry::Holder::message_key), &r.holder),
        }
    };
    Ok(public_page(StatusCode::OK, state.templates.render("registry_record.html", ctx)?, &visitor.prefs))
}
