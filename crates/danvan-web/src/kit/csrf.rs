//! The CSRF checks, one per kind of form: staff forms carry their session's
//! token; public forms (rating, sign-in) the double-submit token of the
//! `dv_csrf` cookie. A missing or wrong token is a 403 that changes nothing.

use crate::kit::cookies::set_cookie;
use crate::kit::visitor::{COOKIE_CSRF, Visitor};
use crate::security::{new_token, tokens_match};
use crate::{AppError, AppResult};
use danvan_domain::ErrorCode;
use danvan_store::Actor;

/// Refuses a staff form whose `csrf` field is not the session's token.
pub(crate) fn check_staff(actor: &Actor, form_token: Option<&str>) -> AppResult<()> {
    match form_token {
        Some(t) if !actor.csrf_token.is_empty() && tokens_match(t, &actor.csrf_token) => Ok(()),
        _ => Err(AppError::new(ErrorCode::CsrfInvalid)),
    }
}

/// Refuses a public form whose `csrf` field is not the visitor's `dv_csrf`
/// cookie (double submit).
pub(crate) fn check_visitor(visitor: &Visitor, form_token: Option<&str>) -> AppResult<()> {
    match (&visitor.csrf, form_token) {
        (Some(cookie), Some(field)) if tokens_match(cookie, field) => Ok(()),
        _ => Err(AppError::new(ErrorCode::CsrfInvalid)),
    }
}

/// The visitor's form token: the `dv_csrf` cookie when the request has one,
/// else a new token whose cookie is pushed onto `cookies`.
pub(crate) fn visitor_token(visitor: &Visitor, secure: bool, cookies: &mut Vec<String>) -> String {
    match &visitor.csrf {
        Some(t) => t.clone(),
        None => {
            let t = new_token();
            cookies.push(set_cookie(COOKIE_CSRF, &t, true, secure));
            t
        }
    }
}
