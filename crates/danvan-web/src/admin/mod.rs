//! The editorial back office under `/quan-tri`: sign-in, the article list,
//! the editor with its workflow buttons, revisions, the audit log, the media
//! library, and the administration of users, units and categories.
//!
//! Every state-changing form carries the session's CSRF token (checked
//! before anything else; a missing or wrong token is a 403 that changes
//! nothing); the sign-in form, which has no session yet, uses the
//! double-submit cookie of the public site. The session cookie is HttpOnly,
//! SameSite=Lax, limited to `/quan-tri`, and Secure when the site is served
//! over TLS. Permission checks are the domain's, called by the store.

mod article_models;
mod articles;
mod calendar;
mod feedback;
mod feedback_contact;
mod feedback_notices;
mod feedback_publish;
mod feedback_categories;
mod feedback_stats;
mod media;
pub(crate) use media::media_message;
mod people;
mod registry;
mod registry_files;
mod registry_form;

use crate::error::{AppError, AppResult};
use crate::kit::page::{base_context, html_response, site_info};
use crate::kit::cookies::{COOKIE_SESSION, session_cookie, with_cookies};
use crate::kit::csrf;
use crate::kit::visitor::{Visitor, cookie};
use crate::SharedState;
use axum::Router;
use axum::extract::{FromRequestParts, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use danvan_domain::editorial::{Action, Permissions, SESSION_MAX_SECONDS};
use danvan_domain::messages::{Lang, t};
use danvan_domain::ErrorCode;
use danvan_store::{Actor, StoreError};
use minijinja::{Value, context};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Where the back office lives.
pub const BASE: &str = "/quan-tri";

pub(crate) fn router() -> Router<SharedState> {
    Router::new()
        .route("/quan-tri", get(articles::list))
        .route("/quan-tri/dang-nhap", get(sign_in_page).post(sign_in))
        .route("/quan-tri/dang-xuat", post(sign_out))
        .route("/quan-tri/dang-xuat-moi-noi", post(sign_out_everywhere))
        .merge(articles::router())
        .merge(media::router())
        .merge(people::router())
        .merge(calendar::router())
        .merge(registry::router())
        .merge(registry_form::router())
        .merge(registry_files::router())
        .merge(feedback::router())
        .merge(feedback_publish::router())
        .merge(feedback_notices::router())
        .merge(feedback_contact::router())
        .merge(feedback_stats::router())
        .merge(feedback_categories::router())
}

/// A signed-in staff member. Extracting it from a request without a valid
/// session answers with a redirect to the sign-in page (for pages) or 401.
pub(crate) struct Staff(pub Actor);

impl FromRequestParts<SharedState> for Staff {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &SharedState) -> Result<Self, Self::Rejection> {
        let token = cookie(&parts.headers, COOKIE_SESSION).unwrap_or("").to_owned();
        let actor = state.store.accounts().session(&token).await.map_err(|e| AppError::from(e).into_response())?;
        match actor {
            Some(a) => {
                let path = parts.uri.path();
                // a temporary password allows nothing but choosing one's own
                // (and signing out): pages and forms alike
                let allowed = matches!(path, "/quan-tri/mat-khau" | "/quan-tri/dang-xuat" | "/quan-tri/dang-xuat-moi-noi");
                if a.must_change_password && !allowed {
                    return Err(Redirect::to("/quan-tri/mat-khau").into_response());
                }
                Ok(Staff(a))
            }
            None if parts.method == axum::http::Method::GET => {
                let back = parts.uri.path_and_query().map(|p| p.as_str()).unwrap_or(BASE);
                let target = format!("/quan-tri/dang-nhap?tiep={}", crate::search::percent_encode(back, b"/"));
                Err(Redirect::to(&target).into_response())
            }
            None => Err(AppError::new(ErrorCode::SignInRequired).into_response()),
        }
    }
}

/// Navigation entries of the back office, shown when the user may use them.
#[derive(Serialize)]
struct NavItem {
    href: &'static str,
    label: &'static str,
    current: bool,
}

/// The context every back-office page starts from.
pub(crate) async fn staff_context(state: &SharedState, visitor: &Visitor, actor: &Actor, path: &str, title: &str) -> AppResult<Value> {
    let info = site_info(state).await?;
    let tree = state.store.units().unit_tree().await?;
    let p = Permissions { grants: &actor.grants, tree: &tree };
    let entries: [(&str, &str, Option<Action>); 10] = [
        ("/quan-tri", "admin.nav.articles", None),
        ("/quan-tri/thu-vien", "admin.nav.media", Some(Action::UploadMedia)),
        ("/quan-tri/dan-van-kheo", "admin.nav.registry", Some(Action::ViewModels)),
        ("/quan-tri/phan-anh", "fbweb.admin.title", Some(Action::ViewFeedback)),
        ("/quan-tri/phan-anh/linh-vuc", "fbcat.nav", Some(Action::ManageFeedback)),
        ("/quan-tri/nhat-ky", "admin.nav.audit", Some(Action::ViewAudit)),
        ("/quan-tri/nguoi-dung", "admin.nav.users", Some(Action::ManageUsers)),
        ("/quan-tri/don-vi", "admin.nav.units", Some(Action::ManageUnits)),
        ("/quan-tri/chuyen-muc", "admin.nav.categories", Some(Action::ManageCategories)),
        ("/quan-tri/lich", "admin.nav.calendar", Some(Action::ManageCalendar)),
    ];
    let shown: Vec<&(&str, &str, Option<Action>)> = entries.iter().filter(|(_, _, a)| a.is_none_or(|a| p.can(a, None))).collect();
    // the entry whose address is the longest start of the path is the
    // current one (`/quan-tri/phan-anh/linh-vuc` within `/quan-tri/phan-anh`)
    let longest = shown.iter().filter(|(href, _, _)| *href != BASE && path.starts_with(href)).map(|(href, _, _)| href.len()).max();
    let nav: Vec<NavItem> = shown
        .iter()
        .map(|(href, key, _)| NavItem {
            href,
            label: t(key, Lang::Vi),
            current: if *href == BASE { path == BASE || path.starts_with("/quan-tri/bai-viet") } else { Some(href.len()) == longest },
        })
        .collect();
    Ok(context! {
        ..base_context(&info, &visitor.prefs, path),
        ..context! {
            page_title => title,
            staff => actor,
            csrf => actor.csrf_token.as_str(),
            admin_nav => nav,
        }
    })
}

/// A back-office page: never cached, never indexed.
pub(crate) fn page(status: StatusCode, html: String) -> Response {
    let mut r = html_response(status, html, &[]);
    let h = r.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert("x-robots-tag", HeaderValue::from_static("noindex, nofollow"));
    r
}

/// The message shown for a store error in a form (field errors and workflow
/// refusals are shown on the form; others become error pages).
pub(crate) fn form_error(e: StoreError) -> Result<(Option<&'static str>, String), AppError> {
    match e {
        StoreError::Field { field, code } => Ok((Some(field), t(code, Lang::Vi).to_owned())),
        StoreError::Workflow(w) => Ok((None, crate::error::workflow_message(&w))),
        StoreError::Rule(code @ (ErrorCode::ArticleConflict | ErrorCode::RecordInUse)) => Ok((None, t(code.as_str(), Lang::Vi).to_owned())),
        other => Err(other.into()),
    }
}

#[derive(Deserialize)]
struct SignInQuery {
    tiep: Option<String>,
}

/// Only back-office paths are followed after sign-in (no open redirect).
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n)
            if n.starts_with("/quan-tri")
                && !n.starts_with("//")
                && !n.contains('\\')
                && !n.contains("dang-nhap")
                && n.len() <= 500
                && n.bytes().all(|b| b.is_ascii_graphic()) =>
        {
            n.to_owned()
        }
        _ => BASE.to_owned(),
    }
}

async fn sign_in_page(State(state): State<SharedState>, visitor: Visitor, Query(q): Query<SignInQuery>) -> AppResult<Response> {
    render_sign_in(&state, &visitor, q.tiep.as_deref(), "", None, StatusCode::OK).await
}

async fn render_sign_in(
    state: &SharedState,
    visitor: &Visitor,
    next: Option<&str>,
    username: &str,
    error: Option<String>,
    status: StatusCode,
) -> AppResult<Response> {
    let info = site_info(state).await?;
    let mut cookies = Vec::new();
    let token = csrf::visitor_token(visitor, state.config.secure_cookies, &mut cookies);
    let ctx = context! {
        ..base_context(&info, &visitor.prefs, "/quan-tri/dang-nhap"),
        ..context! { csrf => token, next => safe_next(next), username => username, error => error }
    };
    Ok(with_cookies(page(status, state.templates.render("admin/sign_in.html", ctx)?), &cookies))
}

async fn sign_in(State(state): State<SharedState>, visitor: Visitor, axum::Form(form): axum::Form<HashMap<String, String>>) -> AppResult<Response> {
    csrf::check_visitor(&visitor, form.get("csrf").map(String::as_str))?;
    let username = form.get("username").map(String::as_str).unwrap_or("").trim();
    let password = form.get("password").map(String::as_str).unwrap_or("");
    let next = form.get("next").map(String::as_str);
    let address_hash = crate::kit::page::address_hash(&state, &visitor.addr).await?;
    let code = form.get("code").map(String::as_str);
    match state.store.accounts().sign_in(username, password, &address_hash, Some(&visitor.user_agent), code).await {
        Ok(signed) => {
            let target = if signed.actor.must_change_password { "/quan-tri/mat-khau".to_owned() } else { safe_next(next) };
            let c = session_cookie(&signed.token, SESSION_MAX_SECONDS, state.config.secure_cookies);
            Ok(with_cookies(Redirect::to(&target).into_response(), &[c]))
        }
        Err(StoreError::Rule(code @ (ErrorCode::SignInFailed | ErrorCode::AccountLocked | ErrorCode::RateLimited | ErrorCode::TotpRequired))) => {
            let status = StatusCode::from_u16(code.http_status()).unwrap_or(StatusCode::UNAUTHORIZED);
            let mut r = render_sign_in(&state, &visitor, next, username, Some(t(code.as_str(), Lang::Vi).to_owned()), status).await?;
            if matches!(code, ErrorCode::AccountLocked | ErrorCode::RateLimited) {
                r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("900"));
            }
            Ok(r)
        }
        Err(e) => Err(e.into()),
    }
}

async fn sign_out(State(state): State<SharedState>, Staff(actor): Staff, axum::Form(form): axum::Form<HashMap<String, String>>) -> AppResult<Response> {
    csrf::check_staff(&actor, form.get("csrf").map(String::as_str))?;
    state.store.accounts().sign_out(&actor).await?;
    signed_out_response(&state)
}

async fn sign_out_everywhere(
    State(state): State<SharedState>,
    Staff(actor): Staff,
    axum::Form(form): axum::Form<HashMap<String, String>>,
) -> AppResult<Response> {
    csrf::check_staff(&actor, form.get("csrf").map(String::as_str))?;
    state.store.accounts().sign_out_everywhere(&actor).await?;
    signed_out_response(&state)
}

fn signed_out_response(state: &SharedState) -> AppResult<Response> {
    let c = session_cookie("", 0, state.config.secure_cookies);
    Ok(with_cookies(Redirect::to("/quan-tri/dang-nhap").into_response(), &[c]))
}
