//! The search page: `/tim-kiem?q=…&loai=bai-viet|van-ban|mo-hinh&chuyen-muc=…&tu=YYYY-MM-DD&den=YYYY-MM-DD&trang=N`:
//! articles, library documents and the registry's approved public records
//! ranked together, or one kind only.
//! Works without JavaScript (a GET form); dates are days in Vietnam (UTC+7),
//! `den` inclusive.

use crate::kit::page::{base_context, public_page, site_info};
use crate::kit::visitor::Visitor;
use crate::{AppResult, SharedState};
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use danvan_store::{SearchFilter, SearchKind};
use minijinja::context;
use serde::Serialize;
use std::collections::HashMap;

/// Results per page.
pub const PER_PAGE: u64 = 10;

pub fn router() -> Router<SharedState> {
    Router::new().route("/tim-kiem", get(search))
}

/// Start of a day in Vietnam, as UTC; `None` for anything but `YYYY-MM-DD`.
fn day_start(s: &str) -> Option<DateTime<Utc>> {
    let d = NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()?;
    crate::templates::vietnam().from_local_datetime(&d.and_hms_opt(0, 0, 0)?).single().map(|t| t.with_timezone(&Utc))
}

/// The `loai` value of a kind, and back (anything else: both kinds).
fn kind_param(kind: SearchKind) -> &'static str {
    match kind {
        SearchKind::Article => "bai-viet",
        SearchKind::Document => "van-ban",
        SearchKind::Model => "mo-hinh",
    }
}

fn parse_kind(s: &str) -> Option<SearchKind> {
    [SearchKind::Article, SearchKind::Document, SearchKind::Model].into_iter().find(|k| kind_param(*k) == s)
}

#[derive(Serialize)]
struct HitView<'a> {
    #[serde(flatten)]
    hit: &'a danvan_store::SearchHit,
    category_name: Option<&'a str>,
}

async fn search(State(state): State<SharedState>, Query(params): Query<HashMap<String, String>>, visitor: Visitor) -> AppResult<Response> {
    let info = site_info(&state).await?;
    let q = danvan_text::collapse_spaces(&danvan_text::normalize_input(params.get("q").map(String::as_str).unwrap_or("")));
    // control characters (NUL included) are never part of a query
    let q: String = q.chars().filter(|c| !c.is_control()).take(danvan_domain::search::MAX_QUERY_CHARS).collect();
    let kind = params.get("loai").and_then(|k| parse_kind(k.trim()));
    let kind_value = kind.map(kind_param).unwrap_or("").to_owned();
    let category = params.get("chuyen-muc").cloned().unwrap_or_default();
    let from = params.get("tu").cloned().unwrap_or_default();
    let until = params.get("den").cloned().unwrap_or_default();
    let from_at = (!from.is_empty()).then(|| day_start(&from));
    let until_at = (!until.is_empty()).then(|| day_start(&until).map(|d| d + chrono::Duration::days(1)));
    let from_error = matches!(from_at, Some(None));
    let until_error = matches!(until_at, Some(None));
    let page = crate::kit::paging::PageNo::parse(params.get("trang").map(String::as_str))?.get();
    let category_id = info.categories.iter().find(|c| c.slug == category).map(|c| c.id);
    let filter = SearchFilter { kind, category_id, from: from_at.flatten(), until: until_at.flatten() };
    let result = if q.is_empty() {
        danvan_store::SearchPage { hits: Vec::new(), total: 0 }
    } else {
        state.store.search().query(&q, &filter, page, PER_PAGE).await?
    };
    let pages = (result.total as u64).div_ceil(PER_PAGE).max(1);
    if page > pages {
        // past the last page: no such page (not "nothing found")
        return Err(crate::AppError::not_found());
    }
    let hits: Vec<HitView<'_>> = result
        .hits
        .iter()
        .map(|h| HitView {
            hit: h,
            category_name: h
                .article()
                .and_then(|a| a.category_id)
                .and_then(|id| info.categories.iter().find(|c| c.id == id))
                .map(|c| c.name.as_str()),
        })
        .collect();
    let mut page_base = format!("/tim-kiem?q={}", urlencode(&q));
    for (k, v) in [("loai", &kind_value), ("chuyen-muc", &category), ("tu", &from), ("den", &until)] {
        if !v.is_empty() {
            page_base.push_str(&format!("&{k}={}", urlencode(v)));
        }
    }
    let current = if q.is_empty() { "/tim-kiem".to_owned() } else { format!("{page_base}&trang={page}") };
    let status = if from_error || until_error { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let ctx = context! {
        ..base_context(&info, &visitor.prefs, &current),
        ..context! {
            q => &q,
            folded => danvan_text::fold(&q),
            kind => &kind_value,
            category => &category,
            from => &from,
            until => &until,
            from_error => from_error,
            until_error => until_error,
            filtered => kind.is_some() || category_id.is_some() || filter.from.is_some() || filter.until.is_some(),
            hits => hits,
            total => result.total,
            page => page,
            pages => pages,
            first_rank => (page - 1) * PER_PAGE + 1,
            page_base => page_base,
        }
    };
    Ok(public_page(status, state.templates.render("search.html", ctx)?, &visitor.prefs))
}

/// Percent-encodes a query-string value (RFC 3986 unreserved kept).
pub(crate) fn urlencode(s: &str) -> String {
    percent_encode(s, b"")
}

/// Percent-encodes `s`, keeping RFC 3986 unreserved characters and the
/// bytes of `also_keep` (e.g. `/`, allowed in a query value).
pub(crate) fn percent_encode(s: &str, also_keep: &[u8]) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') || also_keep.contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_encoding() {
        assert_eq!(day_start("2023-07-25").unwrap().to_rfc3339(), "2023-07-24T17:00:00+00:00");
        assert!(day_start("25/07/2023").is_none());
        assert_eq!(urlencode("dân vận&x"), "d%C3%A2n%20v%E1%BA%ADn%26x");
        assert_eq!(parse_kind("van-ban"), Some(SearchKind::Document));
        assert_eq!(parse_kind("bai-viet"), Some(SearchKind::Article));
        assert_eq!(parse_kind("mo-hinh"), Some(SearchKind::Model));
        assert_eq!(parse_kind("khac"), None);
    }
}
