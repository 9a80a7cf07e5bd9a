//! Writing cookies: every `Set-Cookie` of danvan is made here (SameSite=Lax,
//! HttpOnly where scripts need not read it, Secure over TLS).

use axum::http::{HeaderValue, header};
use axum::response::Response;

/// The session cookie's name.
pub const COOKIE_SESSION: &str = "dv_session";

/// A `Set-Cookie` value: path `/`, SameSite=Lax, one year unless `max_age`
/// says otherwise, `HttpOnly` when asked, `Secure` when configured.
pub fn set_cookie(name: &str, value: &str, http_only: bool, secure: bool) -> String {
    let mut c = format!("{name}={value}; Path=/; Max-Age=31536000; SameSite=Lax");
    if http_only {
        c.push_str("; HttpOnly");
    }
    if secure {
        c.push_str("; Secure");
    }
    c
}

/// The session cookie: HttpOnly, SameSite=Lax, path `/quan-tri` (public
/// pages never see it), Secure over TLS.
pub(crate) fn session_cookie(value: &str, max_age: i64, secure: bool) -> String {
    let mut c = format!("{COOKIE_SESSION}={value}; Path=/quan-tri; Max-Age={max_age}; HttpOnly; SameSite=Lax");
    if secure {
        c.push_str("; Secure");
    }
    c
}

/// Appends `cookies` (ready `Set-Cookie` values) to a response; a value
/// that is not a valid header (never made here) is skipped.
pub(crate) fn append_cookies(r: &mut Response, cookies: &[String]) {
    for c in cookies {
        if let Ok(v) = HeaderValue::from_str(c) {
            r.headers_mut().append(header::SET_COOKIE, v);
        }
    }
}

/// A response with `cookies` appended.
pub(crate) fn with_cookies(mut r: Response, cookies: &[String]) -> Response {
    append_cookies(&mut r, cookies);
    r
}
