//! The document library pages: `/van-ban` (list with filters and search by
//! number in any common spelling or by words of the summary),
//! `/van-ban/{slug}` (the record, its files, relations both ways and the
//! articles citing it) and `/van-ban/{slug}/tep/{id}` (download).

use crate::kit::page::{base_context, public_page, site_info};
use crate::kit::visitor::Visitor;
use crate::{AppError, AppResult, SharedState};
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use danvan_docref::DocType;
use danvan_domain::ErrorCode;
use danvan_domain::documents::DocStatus;
use danvan_store::DocumentFilter;
use minijinja::context;
use serde::Serialize;
use std::collections::HashMap;

/// Documents per page.
pub const PER_PAGE: u64 = 20;

pub fn router() -> Router<SharedState> {
    Router::new()
        .route("/van-ban", get(list))
        .route("/van-ban/{slug}", get(detail))
        .route("/van-ban/{slug}/tep/{id}", get(download))
}

#[derive(Serialize)]
struct Choice {
    value: String,
    label: String,
}

async fn list(State(state): State<SharedState>, Query(p): Query<HashMap<String, String>>, visitor: Visitor) -> AppResult<Response> {
    let info = site_info(&state).await?;
    let get = |k: &str| p.get(k).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
    let q = get("q").map(|q| danvan_text::normalize_input(&q).chars().take(200).collect::<String>());
    let filter = DocumentFilter {
        type_code: get("loai"),
        issuer: get("co-quan"),
        year: get("nam").and_then(|y| y.parse().ok()),
        status: get("tinh-trang").and_then(|s| DocStatus::parse(&s)),
        query: q.clone(),
    };
    let page_no = crate::kit::paging::PageNo::parse(p.get("trang").map(String::as_str))?;
    let (docs, total) = state.store.documents().list(&filter, page_no.get(), PER_PAGE).await?;
    let pages = page_no.check_within(total, PER_PAGE)?;
    let page = page_no.get();
    let (years, issuers) = state.store.documents().document_facets().await?;
    let types: Vec<Choice> = DocType::ALL
        .iter()
        .map(|t| Choice { value: danvan_store::type_code(*t), label: t.name().to_owned() })
        .collect();
    let statuses: Vec<Choice> = DocStatus::ALL
        .iter()
        .map(|s| Choice { value: s.code().to_owned(), label: danvan_domain::t(s.label_key(), danvan_domain::Lang::Vi).to_owned() })
        .collect();
    let mut query = Vec::new();
    for k in ["q", "loai", "co-quan", "nam", "tinh-trang"] {
        if let Some(v) = get(k) {
            query.push(format!("{k}={}", crate::search::urlencode(&v)));
        }
    }
    let page_base = format!("/van-ban?{}", query.join("&"));
    let ctx = context! {
        ..base_context(&info, &visitor.prefs, "/van-ban"),
        ..context! {
            documents => docs, total => total, page => page, pages => pages, page_base => page_base,
            q => q.unwrap_or_default(), types => types, statuses => statuses, years => years, issuers => issuers,
            sel_type => get("loai").unwrap_or_default(), sel_issuer => get("co-quan").unwrap_or_default(),
            sel_year => get("nam").unwrap_or_default(), sel_status => get("tinh-trang").unwrap_or_default(),
        }
    };
    Ok(public_page(StatusCode::OK, state.templates.render("documents.html", ctx)?, &visitor.prefs))
}

async fn detail(State(state): State<SharedState>, Path(slug): Path<String>, visitor: Visitor) -> AppResult<Response> {
    let info = site_info(&state).await?;
    let full = state.store.documents().document_by_slug(&slug).await?.ok_or(AppError::new(ErrorCode::DocumentNotFound))?;
    let path = format!("/van-ban/{}", full.document.slug);
    let ctx = context! { ..base_context(&info, &visitor.prefs, &path), ..context! { doc => &full, path => &path } };
    Ok(public_page(StatusCode::OK, state.templates.render("document.html", ctx)?, &visitor.prefs))
}

async fn download(State(state): State<SharedState>, Path((slug, id)): Path<(String, String)>) -> AppResult<Response> {
    let files = state.config.files.as_ref().ok_or(AppError::not_found())?;
    let id: i32 = id.parse().map_err(|_| AppError::not_found())?;
    let full = state.store.documents().document_by_slug(&slug).await?.ok_or(AppError::new(ErrorCode::DocumentNotFound))?;
    let (meta, bytes) = state.store.documents().document_file(files, full.document.id, id).await?.ok_or(AppError::not_found())?;
    let mut r = (StatusCode::OK, bytes).into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_str(&meta.media_type).map_err(AppError::internal)?);
    // RFC 6266 / 5987: an ASCII fallback name and the UTF-8 one
    let ascii = danvan_text::slugify(meta.file_name.rsplit_once('.').map_or(meta.file_name.as_str(), |(s, _)| s));
    let ext = meta.file_name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).filter(|e| e.chars().all(|c| c.is_ascii_alphanumeric())).unwrap_or_default();
    let disposition = format!(
        "attachment; filename=\"{}{}{ext}\"; filename*=UTF-8''{}",
        if ascii.is_empty() { "tep" } else { &ascii },
        if ext.is_empty() { "" } else { "." },
        crate::search::urlencode(&meta.file_name)
    );
    h.insert(header::CONTENT_DISPOSITION, HeaderValue::from_str(&disposition).map_err(AppError::internal)?);
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, max-age=3600"));
    Ok(r)
}
