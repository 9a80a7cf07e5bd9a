//! What every page starts from: the site's details (cached), the context
//! every template gets, and the HTML answer with its headers and cookies.

use crate::cache::SiteInfo;
use crate::kit::cookies::append_cookies;
use crate::kit::visitor::Prefs;
use crate::{AppError, AppResult, SharedState};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use danvan_domain::messages::Lang;
use minijinja::{Value, context};
use serde::Serialize;
use std::sync::Arc;

/// The site's details, categories and glossary, from memory when cached.
pub(crate) async fn site_info(state: &SharedState) -> AppResult<Arc<SiteInfo>> {
    if let Some(s) = state.cache.site() {
        return Ok(s);
    }
    let site = state.store.portal().site().await?.ok_or_else(|| AppError::internal("the site has not been created"))?;
    let categories = state.store.units().categories().await?;
    let glossary = danvan_text::abbrev::Glossary::new(state.store.glossary().entries().await?);
    let info = Arc::new(SiteInfo { site, categories, base_url: state.config.base_url.clone(), glossary });
    state.cache.put_site(info.clone());
    Ok(info)
}

#[derive(Serialize)]
struct PrefsView {
    text_step: u8,
    percent: u16,
    largest: bool,
    smallest: bool,
    contrast: bool,
}

fn prefs_view(p: &Prefs) -> PrefsView {
    PrefsView {
        text_step: p.text.step(),
        percent: p.text.percent(),
        largest: p.text.is_largest(),
        smallest: p.text.is_default(),
        contrast: p.contrast,
    }
}

#[derive(Serialize)]
struct SiteView<'a> {
    name: &'a str,
    tagline: &'a str,
    address: &'a str,
    phone: &'a str,
    email: &'a str,
    is_sample: bool,
}

/// Today in Vietnam as the header shows it: the solar date in words and
/// the lunar date (`Thứ Ba, 01/12/2026`, `12/10 Bính Ngọ`), as Vietnamese
/// portals do.
#[derive(Serialize)]
struct TodayView {
    iso: String,
    solar: String,
    lunar: String,
}

fn today_view() -> TodayView {
    let d = danvan_domain::time::vietnam_today();
    let lunar = danvan_calendar::to_lunar(d).map(|l| danvan_domain::calendar::lunar_short(&l, Lang::Vi)).unwrap_or_default();
    TodayView { iso: d.to_string(), solar: danvan_domain::calendar::solar_long(d, Lang::Vi), lunar }
}

/// The context every page template gets.
pub(crate) fn base_context(info: &SiteInfo, prefs: &Prefs, current_path: &str) -> Value {
    let s = &info.site;
    context! {
        today => today_view(),
        base_url => info.base_url.as_str(),
        lang => Lang::Vi.tag(),
        site => SiteView { name: &s.name, tagline: &s.tagline, address: &s.address, phone: &s.phone, email: &s.email, is_sample: s.is_sample },
        categories => &info.categories,
        prefs => prefs_view(prefs),
        current_path => current_path,
    }
}

/// How long a shared cache (a proxy, a CDN) or a browser may use a public
/// page without asking again, in seconds; after that it may still answer
/// with its copy for [`PUBLIC_STALE_SECONDS`] while it asks (RFC 5861).
pub const PUBLIC_MAX_AGE_SECONDS: u32 = 60;
/// See [`PUBLIC_MAX_AGE_SECONDS`].
pub const PUBLIC_STALE_SECONDS: u32 = 600;

/// A public page (HTML) that any reader may be given. When `status` is
/// `200`, for a reader
/// without display preferences `Cache-Control: public` for
/// [`PUBLIC_MAX_AGE_SECONDS`] with `stale-while-revalidate`, no cookie, so
/// a shared cache can keep it (the wire layer adds its `ETag`); for a
/// reader whose cookies ask for larger text or high contrast, the page made
/// for them, `private, no-cache`. Both carry `Vary: Cookie`: the page
/// depends on the preference cookies, and a browser must not reuse the
/// plain copy after its reader changed them. (A cache that ignores `Vary`
/// still serves readers with JavaScript rightly: `prefs.js` applies the
/// cookies before the page is drawn; `docs/deploy.md` has the nginx keys.)
/// Another status is answered as [`html_response`] does.
pub(crate) fn public_page(status: StatusCode, body: impl Into<axum::body::Body>, prefs: &Prefs) -> Response {
    let mut r = html_response(status, body, &[]);
    if status != StatusCode::OK {
        return r;
    }
    if *prefs == Prefs::default()
        && let Ok(v) = HeaderValue::from_str(&format!("public, max-age={PUBLIC_MAX_AGE_SECONDS}, stale-while-revalidate={PUBLIC_STALE_SECONDS}"))
    {
        r.headers_mut().insert(header::CACHE_CONTROL, v);
    } else {
        r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-cache"));
    }
    r
}

/// An HTML answer: `no-cache`, varying by cookie, with `cookies` set.
pub(crate) fn html_response(status: StatusCode, body: impl Into<axum::body::Body>, cookies: &[String]) -> Response {
    let mut r = (status, body.into()).into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    h.insert(header::VARY, HeaderValue::from_static("Cookie"));
    append_cookies(&mut r, cookies);
    r
}


/// The salted hash of a client address, for per-address limits
/// ([`danvan_domain::rating::salted_hash`], kind `address`); the address
/// itself is never stored.
pub(crate) async fn address_hash(state: &SharedState, addr: &str) -> AppResult<String> {
    let info = site_info(state).await?;
    Ok(danvan_domain::rating::salted_hash(&info.site.vote_salt, "address", &[addr]))
}
