//! The input boundary: control characters (NUL above all) never get past
//! the door. A path that holds one, once percent-decoded, is a 404; a query
//! or an urlencoded form field that holds one is refused with
//! `input.control_characters` (400). Nothing reaches a handler, a store or
//! the database with such a character (PostgreSQL refuses NUL in text; SQLite
//! would store it). Tab, line feed and carriage return are ordinary text.
//! Multipart forms are checked field by field where they are read.

use crate::AppError;
use axum::body::Body;
use axum::extract::Request;
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use danvan_domain::ErrorCode;
use danvan_text::has_control_chars;

/// Largest urlencoded form read by the boundary, in bytes: above every
/// route's own limit (the article editor's is about 6.4 MB), so each route's
/// limit still decides its own 413.
pub const FORM_READ_LIMIT: usize = 8 * 1024 * 1024;

/// The bytes of a percent-encoded string, decoded (`%00` → 0; a `%` not
/// followed by two hex digits is kept as it is).
fn percent_decode(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && let (Some(h), Some(l)) = ((b[i + 1] as char).to_digit(16), (b[i + 2] as char).to_digit(16))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

/// True when the percent-decoded path holds a control character.
pub fn path_has_controls(path: &str) -> bool {
    has_control_chars(&String::from_utf8_lossy(&percent_decode(path)))
}

/// True when a name or value of an `application/x-www-form-urlencoded`
/// string (a query or a form body) holds a control character.
pub fn urlencoded_has_controls(bytes: &[u8]) -> bool {
    form_urlencoded::parse(bytes).any(|(k, v)| has_control_chars(&k) || has_control_chars(&v))
}

fn is_urlencoded(req: &Request) -> bool {
    req.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.trim_start().to_ascii_lowercase().starts_with("application/x-www-form-urlencoded"))
}

/// The middleware: refuses paths, queries and urlencoded forms with control
/// characters before any handler runs (see the module's documentation).
pub async fn refuse_control_characters(req: Request, next: Next) -> Response {
    if path_has_controls(req.uri().path()) {
        return AppError::not_found().into_response();
    }
    if req.uri().query().is_some_and(|q| urlencoded_has_controls(q.as_bytes())) {
        return AppError::new(ErrorCode::InvalidInput).into_response();
    }
    if !is_urlencoded(&req) {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    let bytes = match axum::body::to_bytes(body, FORM_READ_LIMIT).await {
        Ok(b) => b,
        Err(_) => return (axum::http::StatusCode::PAYLOAD_TOO_LARGE, "").into_response(),
    };
    if urlencoded_has_controls(&bytes) {
        return AppError::new(ErrorCode::InvalidInput).into_response();
    }
    next.run(Request::from_parts(parts, Body::from(bytes))).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nul_and_other_controls_are_found_however_encoded() {
        assert!(path_has_controls("/bai-viet/%00"));
        assert!(path_has_controls("/van-ban/a%1Bb"));
        assert!(!path_has_controls("/bai-viet/d%C3%A2n-v%E1%BA%ADn"));
        assert!(!path_has_controls("/tim-kiem/100%"));
        assert!(urlencoded_has_controls(b"username=ad%00min&password=x"));
        assert!(urlencoded_has_controls(b"q=%7F"));
        assert!(urlencoded_has_controls(b"a%00=1"));
        assert!(!urlencoded_has_controls(b"body=d%C3%B2ng+1%0D%0Ad%C3%B2ng+2%09x"));
    }
}
