//! The feedback desk's published questions and answers (issue 13,
//! scope 4), and the reporter's rating and reopening after the lookup:
//!
//! * `GET /phan-anh?linh-vuc=ID&don-vi=ID&trang=N`: the published items,
//!   newest first, filtered by category and by unit;
//! * `GET /phan-anh/{id}`: one published item: its public question and
//!   answer only (the texts staff confirmed after the personal-data
//!   check), never the item's own texts nor anything of its reporter;
//! * `POST /phan-anh/tra-cuu/danh-gia` (`ticket`, `rating` 1–5) and
//!   `POST /phan-anh/tra-cuu/xem-xet-lai` (`ticket`, `comment`): with the
//!   short-lived ticket the lookup page carries; the answer is the lookup
//!   page again, with the item as it now stands.

use crate::feedback::{found_view, problems, render_lookup, status_label};
use crate::kit::csrf;
use crate::kit::form::FormFields;
use crate::kit::page::{base_context, public_page, site_info};
use crate::kit::visitor::Visitor;
use crate::{AppError, AppResult, SharedState};
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use danvan_domain::time::vietnam_display;
use danvan_store::{PublicRow, StoreError};
use minijinja::context;
use serde::Serialize;
use std::collections::HashMap;

const PER_PAGE: u64 = 20;

pub fn router() -> Router<SharedState> {
    Router::new()
        .route("/phan-anh", get(list))
        .route("/phan-anh/{id}", get(show))
        .route("/phan-anh/tra-cuu/danh-gia", post(rate))
        .route("/phan-anh/tra-cuu/xem-xet-lai", post(reopen))
}

#[derive(Serialize)]
struct Row {
    id: i32,
    title: String,
    category: String,
    unit: String,
    received: String,
    answered: Option<String>,
}

fn row(r: PublicRow) -> Row {
    Row { id: r.id, title: r.title, category: r.category, unit: r.unit, received: vietnam_display(r.received_at), answered: r.answered_at.map(vietnam_display) }
}

#[derive(Serialize)]
struct Choice {
    id: i32,
    label: String,
}

async fn list(State(state): State<SharedState>, visitor: Visitor, Query(q): Query<HashMap<String, String>>) -> AppResult<Response> {
    let info = site_info(&state).await?;
    let pick = |k: &str| -> AppResult<Option<i32>> {
        match q.get(k).map(|v| v.trim()).filter(|v| !v.is_empty()) {
            None => Ok(None),
            Some(v) => v.parse().map(Some).map_err(|_| AppError::new(danvan_domain::ErrorCode::BadRequest)),
        }
    };
    let (category, unit) = (pick("linh-vuc")?, pick("don-vi")?);
    let page_no = crate::kit::paging::PageNo::parse(q.get("trang").map(String::as_str))?;
    let (rows, total) = state.store.feedback().published(category, unit, page_no.get(), PER_PAGE).await?;
    let pages = page_no.check_within(total, PER_PAGE)?;
    let categories = state.store.feedback().categories(false).await?;
    let units = state.store.units().org_units().await?;
    let mut query = Vec::new();
    if let Some(c) = category {
        query.push(format!("linh-vuc={c}"));
    }
    if let Some(u) = unit {
        query.push(format!("don-vi={u}"));
    }
    let ctx = context! {
        ..base_context(&info, &visitor.prefs, "/phan-anh"),
        ..context! {
            rows => rows.into_iter().map(row).collect::<Vec<_>>(),
            total => total, page => page_no.get(), pages => pages,
            page_base => format!("/phan-anh?{}", query.join("&")),
            fb_categories => categories.iter().map(|c| Choice { id: c.id, label: c.name.clone() }).collect::<Vec<_>>(),
            fb_units => units.iter().map(|u| Choice { id: u.id, label: format!("{}{}", "— ".repeat(u.depth), u.name) }).collect::<Vec<_>>(),
            sel_category => category, sel_unit => unit,
        }
    };
    Ok(public_page(StatusCode::OK, state.templates.render("feedback_list.html", ctx)?, &visitor.prefs))
}

async fn show(State(state): State<SharedState>, visitor: Visitor, Path(id): Path<String>) -> AppResult<Response> {
    let id: i32 = id.parse().map_err(|_| AppError::not_found())?;
    let item = state.store.feedback().published_item(id).await?.ok_or_else(AppError::not_found)?;
    let info = site_info(&state).await?;
    let path = format!("/phan-anh/{id}");
    let ctx = context! {
        ..base_context(&info, &visitor.prefs, &path),
        ..context! {
            item => &item,
            received => vietnam_display(item.row.received_at),
            answered => item.row.answered_at.map(vietnam_display),
            status => status_label("answered"),
        }
    };
    Ok(public_page(StatusCode::OK, state.templates.render("feedback_public_item.html", ctx)?, &visitor.prefs))
}

/// The lookup page after a rating or a reopening: the item as it now is,
/// or, on a refused form, the item again with the error under the form's
/// field and what was typed (422); an expired ticket asks for a new lookup.
async fn after_step(state: &SharedState, visitor: &Visitor, ticket: &str, typed: &str, outcome: Result<danvan_store::LookupView, StoreError>) -> AppResult<Response> {
    let lang = danvan_domain::Lang::Vi;
    match outcome {
        Ok(v) => render_lookup(state, visitor, "", Some(found_view(&v, "")), Some(danvan_domain::t("fbpub.step_saved", lang)), problems(&[]), StatusCode::OK).await,
        Err(StoreError::Field { field: "ticket", code }) => render_lookup(state, visitor, "", None, Some(danvan_domain::t(code, lang)), problems(&[]), StatusCode::UNPROCESSABLE_ENTITY).await,
        Err(StoreError::Field { field, code }) => match state.store.feedback().follow(ticket, danvan_store::now()).await? {
            Some(v) => render_lookup(state, visitor, "", Some(found_view(&v, typed)), None, problems(&[(field, code)]), StatusCode::UNPROCESSABLE_ENTITY).await,
            None => render_lookup(state, visitor, "", None, Some(danvan_domain::t("feedback.ticket_invalid", lang)), problems(&[]), StatusCode::UNPROCESSABLE_ENTITY).await,
        },
        Err(e) => Err(e.into()),
    }
}

async fn rate(State(state): State<SharedState>, visitor: Visitor, axum::Form(pairs): axum::Form<Vec<(String, String)>>) -> AppResult<Response> {
    let f = FormFields(pairs);
    csrf::check_visitor(&visitor, f.get("csrf"))?;
    let rating = f.get("rating").and_then(|r| r.trim().parse::<u8>().ok()).unwrap_or(0);
    let ticket = f.get("ticket").unwrap_or("");
    let outcome = state.store.feedback().rate(ticket, rating, danvan_store::now()).await;
    after_step(&state, &visitor, ticket, "", outcome).await
}

async fn reopen(State(state): State<SharedState>, visitor: Visitor, axum::Form(pairs): axum::Form<Vec<(String, String)>>) -> AppResult<Response> {
    let f = FormFields(pairs);
    csrf::check_visitor(&visitor, f.get("csrf"))?;
    let calendar = state.store.calendar().working_calendar(&state.config.holiday_rules).await?;
    let ticket = f.get("ticket").unwrap_or("");
    let comment = f.text("comment");
    let outcome = state.store.feedback().reopen(ticket, &comment, &calendar, danvan_store::now()).await;
    after_step(&state, &visitor, ticket, &comment, outcome).await
}

