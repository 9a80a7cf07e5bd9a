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

/// The rating form's token of article `article_id`: the salted hash of the
/// site's secret salt, the form's kind and the article
/// ([`danvan_domain::rating::salted_hash`], kind `rating-form`), 64 hex
/// characters. The same for every reader, so the article page sets no
/// cookie and a shared cache can keep it; a post must also come from this
/// site ([`same_origin`]).
pub(crate) fn article_token(vote_salt: &str, article_id: i32) -> String {
    danvan_domain::rating::salted_hash(vote_salt, "rating-form", &[&article_id.to_string()])
}

/// Whether a post comes from a page of this site, as the browser tells
/// (the Fetch Metadata and Origin headers, sent by every current browser
/// on a form post): `Sec-Fetch-Site` must be `same-origin` (or `none`, a
/// post the user made themselves); without it, an `Origin` must be the
/// site's public address (`base_url`) or the address the request was sent
/// to (`Host`). A request with neither header (a client that is not a
/// browser, which no other site can make send a reader's cookies) passes
/// this check and must still carry the form's token.
pub(crate) fn same_origin(headers: &axum::http::HeaderMap, base_url: &str) -> bool {
    let get = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::trim);
    if let Some(site) = get("sec-fetch-site") {
        return matches!(site, "same-origin" | "none");
    }
    let Some(origin) = get("origin") else { return true };
    let origin = origin.trim_end_matches('/');
    if origin.eq_ignore_ascii_case(origin_of(base_url)) {
        return true;
    }
    match get("host") {
        Some(host) => {
            let host = host.to_ascii_lowercase();
            let o = origin.to_ascii_lowercase();
            o == format!("http://{host}") || o == format!("https://{host}")
        }
        None => false,
    }
}

/// `scheme://host[:port]` of an absolute address.
fn origin_of(url: &str) -> &str {
    let after_scheme = url.find("://").map(|i| i + 3).unwrap_or(0);
    match url[after_scheme..].find('/') {
        Some(i) => &url[..after_scheme + i],
        None => url,
    }
}

/// Refuses a rating post that does not come from this site
/// ([`same_origin`]) or whose `csrf` field is not the article's
/// [`article_token`].
pub(crate) fn check_article_post(headers: &axum::http::HeaderMap, base_url: &str, form_token: Option<&str>, expected: &str) -> AppResult<()> {
    match form_token {
        Some(t) if same_origin(headers, base_url) && tokens_match(t, expected) => Ok(()),
        _ => Err(AppError::new(ErrorCode::CsrfInvalid)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderMap;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn posts_from_other_sites_are_told_apart() {
        let base = "https://danvan.example.vn";
        assert!(same_origin(&headers(&[("sec-fetch-site", "same-origin")]), base));
        assert!(!same_origin(&headers(&[("sec-fetch-site", "cross-site"), ("origin", base)]), base), "fetch metadata first");
        assert!(!same_origin(&headers(&[("sec-fetch-site", "same-site")]), base), "a sibling subdomain is another site");
        assert!(same_origin(&headers(&[("origin", "https://danvan.example.vn")]), base));
        assert!(same_origin(&headers(&[("origin", "http://127.0.0.1:8080"), ("host", "127.0.0.1:8080")]), base), "the address it was sent to");
        assert!(!same_origin(&headers(&[("origin", "https://evil.example"), ("host", "danvan.example.vn")]), base));
        assert!(!same_origin(&headers(&[("origin", "null")]), base), "a sandboxed or file page");
        assert!(same_origin(&HeaderMap::new(), base), "not a browser: the token decides");
        assert_eq!(origin_of("https://a.vn:8443/x/y"), "https://a.vn:8443");
        assert_eq!(origin_of("http://a.vn"), "http://a.vn");
    }

    #[test]
    fn the_article_token_is_bound_to_the_article_and_the_site() {
        let t = article_token("salt", 7);
        assert_eq!(t.len(), 64);
        assert_eq!(t, article_token("salt", 7));
        assert_ne!(t, article_token("salt", 8));
        assert_ne!(t, article_token("other salt", 7));
        let h = HeaderMap::new();
        assert!(check_article_post(&h, "http://x", Some(&t), &t).is_ok());
        assert!(check_article_post(&h, "http://x", Some(&article_token("salt", 8)), &t).is_err());
        assert!(check_article_post(&h, "http://x", None, &t).is_err());
        assert!(check_article_post(&headers(&[("origin", "https://evil.example")]), "http://x", Some(&t), &t).is_err());
    }
}
