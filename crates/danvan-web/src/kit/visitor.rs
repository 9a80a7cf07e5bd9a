//! What a request tells about its visitor: display preferences and tokens
//! from cookies, and the client's address and user agent (hashed before any
//! use in storage).

use axum::extract::FromRequestParts;
use axum::http::HeaderMap;
use axum::http::request::Parts;
use danvan_domain::reader::TextSize;
use std::net::SocketAddr;

/// Cookie names.
pub const COOKIE_TEXT: &str = "dv_text";
pub const COOKIE_CONTRAST: &str = "dv_contrast";
pub const COOKIE_CSRF: &str = "dv_csrf";
pub const COOKIE_VISITOR: &str = "dv_vid";

/// The value of cookie `name`, if the request has it.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim())
}

/// Display preferences: text size step and high contrast.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Prefs {
    pub text: TextSize,
    pub contrast: bool,
}

impl Prefs {
    pub fn from_headers(h: &HeaderMap) -> Prefs {
        Prefs { text: TextSize::from_cookie(cookie(h, COOKIE_TEXT)), contrast: cookie(h, COOKIE_CONTRAST) == Some("1") }
    }
}

/// A token is 64 hex characters; anything else from a cookie is ignored.
pub fn valid_token(t: &str) -> bool {
    t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Everything a handler needs to know about the visitor.
#[derive(Debug, Clone)]
pub struct Visitor {
    pub prefs: Prefs,
    /// The CSRF cookie, when the request carries a well-formed one.
    pub csrf: Option<String>,
    /// The visitor-id cookie, when well-formed.
    pub visitor_id: Option<String>,
    /// Client address (peer, or `X-Forwarded-For` when trusted).
    pub addr: String,
    pub user_agent: String,
    /// The request wants JSON (`Accept: application/json`).
    pub wants_json: bool,
}

impl FromRequestParts<crate::SharedState> for Visitor {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &crate::SharedState) -> Result<Self, Self::Rejection> {
        let h = &parts.headers;
        let peer = parts.extensions.get::<axum::extract::ConnectInfo<SocketAddr>>().map(|c| c.0.ip().to_string());
        let forwarded = state
            .config
            .trust_proxy_headers
            .then(|| h.get("x-forwarded-for").and_then(|v| v.to_str().ok()))
            .flatten()
            .and_then(|v| v.split(',').next())
            .map(|s| s.trim().to_owned());
        Ok(Visitor {
            prefs: Prefs::from_headers(h),
            csrf: cookie(h, COOKIE_CSRF).filter(|t| valid_token(t)).map(str::to_owned),
            visitor_id: cookie(h, COOKIE_VISITOR).filter(|t| valid_token(t)).map(str::to_owned),
            addr: forwarded.or(peer).unwrap_or_else(|| "unknown".to_owned()),
            user_agent: h
                .get(axum::http::header::USER_AGENT)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .chars()
                .take(512)
                .collect(),
            wants_json: h
                .get(axum::http::header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|a| a.contains("application/json")),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_cookies() {
        let mut h = HeaderMap::new();
        h.insert("cookie", "a=1; dv_text=3; dv_contrast=1".parse().unwrap());
        assert_eq!(cookie(&h, "dv_text"), Some("3"));
        assert_eq!(cookie(&h, "b"), None);
        let p = Prefs::from_headers(&h);
        assert_eq!(p.text.percent(), 175);
        assert!(p.contrast);
    }
}
