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

mod articles;
mod media;
mod people;

use crate::error::{AppError, AppResult};
use crate::portal::{base_context, html_response, site_info};
use crate::security::tokens_match;
use crate::visitor::{COOKIE_CSRF, Visitor, cookie, set_cookie};
use crate::{SharedState, security};
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

/// The session cookie's name.
pub const COOKIE_SESSION: &str = "dv_session";
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

/// Refuses a form whose `csrf` field is not the session's token (403,
/// nothing changed).
pub(crate) fn check_csrf(actor: &Actor, form_token: Option<&str>) -> AppResult<()> {
    match form_token {
        Some(t) if !actor.csrf_token.is_empty() && tokens_match(t, &actor.csrf_token) => Ok(()),
        _ => Err(AppError::new(ErrorCode::CsrfInvalid)),
    }
}

/// The fields of a posted form, keeping repeated names in order.
pub(crate) struct FormFields(pub Vec<(String, String)>);

impl FormFields {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0.iter().filter(|(k, _)| k == name).map(|(_, v)| v.as_str()).collect()
    }
    pub fn text(&self, name: &str) -> String {
        self.get(name).unwrap_or("").to_owned()
    }
    pub fn opt(&self, name: &str) -> Option<String> {
        self.get(name).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned)
    }
    pub fn id(&self, name: &str) -> Option<i32> {
        self.get(name).and_then(|s| s.trim().parse().ok()).filter(|n: &i32| *n > 0)
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
    let entries: [(&str, &str, Option<Action>); 6] = [
        ("/quan-tri", "admin.nav.articles", None),
        ("/quan-tri/thu-vien", "admin.nav.media", Some(Action::UploadMedia)),
        ("/quan-tri/nhat-ky", "admin.nav.audit", Some(Action::ViewAudit)),
        ("/quan-tri/nguoi-dung", "admin.nav.users", Some(Action::ManageUsers)),
        ("/quan-tri/don-vi", "admin.nav.units", Some(Action::ManageUnits)),
        ("/quan-tri/chuyen-muc", "admin.nav.categories", Some(Action::ManageCategories)),
    ];
    let nav: Vec<NavItem> = entries
        .iter()
        .filter(|(_, _, a)| a.is_none_or(|a| p.can(a, None)))
        .map(|(href, key, _)| NavItem {
            href,
            label: t(key, Lang::Vi),
            current: if *href == BASE { path == BASE || path.starts_with("/quan-tri/bai-viet") } else { path.starts_with(href) },
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
    let token = match &visitor.csrf {
        Some(t) => t.clone(),
        None => {
            let t = security::new_token();
            cookies.push(set_cookie(COOKIE_CSRF, &t, true, state.config.secure_cookies));
            t
        }
    };
    let ctx = context! {
        ..base_context(&info, &visitor.prefs, "/quan-tri/dang-nhap"),
        ..context! { csrf => token, next => safe_next(next), username => username, error => error }
    };
    let mut r = page(status, state.templates.render("admin/sign_in.html", ctx)?);
    for c in cookies {
        if let Ok(v) = HeaderValue::from_str(&c) {
            r.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    Ok(r)
}

/// The session cookie: HttpOnly, SameSite=Lax, path `/quan-tri` (public
/// pages never see it), Secure over TLS.
fn session_cookie(value: &str, max_age: i64, secure: bool) -> String {
    let mut c = format!("{COOKIE_SESSION}={value}; Path=/quan-tri; Max-Age={max_age}; HttpOnly; SameSite=Lax");
    if secure {
        c.push_str("; Secure");
    }
    c
}

async fn sign_in(State(state): State<SharedState>, visitor: Visitor, axum::Form(form): axum::Form<HashMap<String, String>>) -> AppResult<Response> {
    let posted = form.get("csrf").map(String::as_str).unwrap_or("");
    if !visitor.csrf.as_deref().is_some_and(|c| tokens_match(c, posted)) {
        return Err(AppError::new(ErrorCode::CsrfInvalid));
    }
    let username = form.get("username").map(String::as_str).unwrap_or("").trim();
    let password = form.get("password").map(String::as_str).unwrap_or("");
    let next = form.get("next").map(String::as_str);
    let address_hash = crate::visitor::address_hash(&state, &visitor.addr).await?;
    let code = form.get("code").map(String::as_str);
    match state.store.accounts().sign_in(username, password, &address_hash, Some(&visitor.user_agent), code).await {
        Ok(signed) => {
            let target = if signed.actor.must_change_password { "/quan-tri/mat-khau".to_owned() } else { safe_next(next) };
            let mut r = Redirect::to(&target).into_response();
            let c = session_cookie(&signed.token, SESSION_MAX_SECONDS, state.config.secure_cookies);
            r.headers_mut().append(header::SET_COOKIE, HeaderValue::from_str(&c).map_err(AppError::internal)?);
            Ok(r)
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
    check_csrf(&actor, form.get("csrf").map(String::as_str))?;
    state.store.accounts().sign_out(&actor).await?;
    signed_out_response(&state)
}

async fn sign_out_everywhere(
    State(state): State<SharedState>,
    Staff(actor): Staff,
    axum::Form(form): axum::Form<HashMap<String, String>>,
) -> AppResult<Response> {
    check_csrf(&actor, form.get("csrf").map(String::as_str))?;
    state.store.accounts().sign_out_everywhere(&actor).await?;
    signed_out_response(&state)
}

fn signed_out_response(state: &SharedState) -> AppResult<Response> {
    let mut r = Redirect::to("/quan-tri/dang-nhap").into_response();
    let c = session_cookie("", 0, state.config.secure_cookies);
    r.headers_mut().append(header::SET_COOKIE, HeaderValue::from_str(&c).map_err(AppError::internal)?);
    Ok(r)
}
