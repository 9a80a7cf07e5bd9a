//! The public portal: home, category listing, article page (with reader
//! controls, rating, related articles and video clips), print view, the
//! reader-preference links and the error pages.

use crate::cache::{PageKey, PageParts, SiteInfo};
use crate::kit::cookies::{set_cookie, with_cookies};
use crate::kit::page::{base_context, html_response, public_page, site_info};
use crate::kit::paging::PageNo;
use crate::kit::visitor::{COOKIE_CONTRAST, COOKIE_TEXT, COOKIE_VISITOR, Prefs, Visitor};
use crate::kit::csrf;
use crate::{AppError, AppResult, SharedState, security};
use axum::Router;
use axum::extract::{Form, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use danvan_domain::ErrorCode;
use danvan_domain::messages::{Lang, format, t};
use danvan_domain::rating::{RatingSummary, Score, VoterKeys};
use danvan_domain::reader::{TextSizeChange, safe_return_path};
use danvan_store::{ArticleCard, ArticleFull, ArticleStamp, FigureView, StoreError, escape_html, figure_marker};
use minijinja::{Value, context};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;

/// Articles per page of a category listing.
pub const PER_PAGE: u64 = 10;
/// Articles on the home page.
pub const HOME_ARTICLES: u64 = 12;
/// Related articles under an article.
pub const RELATED: u64 = 5;
/// Video clips in a "Video Clip" section.
pub const VIDEOS: u64 = 3;

const CSRF_PLACEHOLDER: &str = "__DANVAN_CSRF_TOKEN__";
const MESSAGE_PLACEHOLDER: &str = "<!--DANVAN_RATING_MESSAGE-->";

pub fn router() -> Router<SharedState> {
    Router::new()
        .route("/", get(home))
        .route("/chuyen-muc/{slug}", get(category))
        .route("/the/{slug}", get(tag_page))
        .route("/bai-viet/{slug}", get(article))
        .route("/bai-viet/{slug}/in", get(print))
        .route("/bai-viet/{slug}/danh-gia", post(rate))
        .route("/tuy-chon", get(reader_prefs))
}

/// Public path of an article.
pub fn article_path(slug: &str) -> String {
    format!("/bai-viet/{slug}")
}

#[derive(Serialize)]
struct CardView<'a> {
    #[serde(flatten)]
    card: &'a ArticleCard,
    path: String,
    category_name: Option<&'a str>,
    category_slug: Option<&'a str>,
}

fn cards<'a>(info: &'a SiteInfo, list: &'a [ArticleCard]) -> Vec<CardView<'a>> {
    list.iter()
        .map(|c| {
            let cat = c.category_id.and_then(|id| info.categories.iter().find(|k| k.id == id));
            CardView {
                card: c,
                path: article_path(&c.slug),
                category_name: cat.map(|k| k.name.as_str()),
                category_slug: cat.map(|k| k.slug.as_str()),
            }
        })
        .collect()
}

async fn home(State(state): State<SharedState>, visitor: Visitor) -> AppResult<Response> {
    let info = site_info(&state).await?;
    let latest = state.store.portal().latest_articles(HOME_ARTICLES).await?;
    let videos = state.store.portal().video_clips(VIDEOS).await?;
    let units = state.store.units().org_units().await?;
    let ctx = context! {
        ..base_context(&info, &visitor.prefs, "/"),
        ..context! { articles => cards(&info, &latest), videos => videos, org_units => units }
    };
    Ok(public_page(StatusCode::OK, state.templates.render("home.html", ctx)?, &visitor.prefs))
}

async fn category(
    State(state): State<SharedState>,
    Path(slug): Path<String>,
    Query(q): Query<HashMap<String, String>>,
    visitor: Visitor,
) -> AppResult<Response> {
    let info = site_info(&state).await?;
    let cat = info
        .categories
        .iter()
        .find(|c| c.slug == slug)
        .cloned()
        .ok_or(AppError::new(ErrorCode::CategoryNotFound))?;
    let page = PageNo::parse(q.get("trang").map(String::as_str))?;
    let (list, total) = state.store.portal().category_articles(cat.id, page.get(), PER_PAGE).await?;
    let pages = page.check_within(total, PER_PAGE)?;
    let page = page.get();
    let path = format!("/chuyen-muc/{}", cat.slug);
    let current = if page > 1 { format!("{path}?trang={page}") } else { path.clone() };
    let ctx = context! {
        ..base_context(&info, &visitor.prefs, &current),
        ..context! { category => &cat, articles => cards(&info, &list), page => page, pages => pages, total => total, path => path }
    };
    Ok(public_page(StatusCode::OK, state.templates.render("category.html", ctx)?, &visitor.prefs))
}

/// The `sizes` of article figures: the body column is at most 48rem wide.
const FIGURE_SIZES: &str = "(min-width: 52rem) 48rem, 100vw";

/// `/the/{slug}`: the published articles with a tag, newest first (the
/// category page's template, titled "Thẻ: …").
async fn tag_page(
    State(state): State<SharedState>,
    Path(slug): Path<String>,
    Query(q): Query<HashMap<String, String>>,
    visitor: Visitor,
) -> AppResult<Response> {
    let info = site_info(&state).await?;
    let (id, name) = state.store.portal().tag_by_slug(&slug).await?.ok_or_else(AppError::not_found)?;
    let page = PageNo::parse(q.get("trang").map(String::as_str))?;
    let (list, total) = state.store.portal().tag_articles(id, page.get(), PER_PAGE).await?;
    let pages = page.check_within(total, PER_PAGE)?;
    let page = page.get();
    let path = format!("/the/{slug}");
    let current = if page > 1 { format!("{path}?trang={page}") } else { path.clone() };
    let title = format("tag.title", Lang::Vi, &[("name", &name)]);
    let ctx = context! {
        ..base_context(&info, &visitor.prefs, &current),
        ..context! { category => context! { name => title, slug => slug }, articles => cards(&info, &list), page => page, pages => pages, total => total, path => path }
    };
    Ok(public_page(StatusCode::OK, state.templates.render("category.html", ctx)?, &visitor.prefs))
}

/// Expands the figure markers of `body_html` into figures: the image when
/// attached, else a neutral placeholder; caption and credit below.
pub(crate) fn render_body(body_html: &str, figures: &[FigureView]) -> String {
    let mut out = body_html.to_owned();
    for f in figures {
        let img = match (&f.image_url, &f.responsive) {
            (Some(url), Some(r)) => {
                let webp = if r.webp.is_empty() {
                    String::new()
                } else {
                    format!("<source type=\"image/webp\" srcset=\"{}\" sizes=\"{FIGURE_SIZES}\">", escape_html(&r.webp))
                };
                format!(
                    "<picture>{webp}<img src=\"{}\" srcset=\"{}\" sizes=\"{FIGURE_SIZES}\" alt=\"{}\" loading=\"lazy\" width=\"{}\" height=\"{}\"></picture>",
                    escape_html(url),
                    escape_html(&r.jpeg),
                    escape_html(&f.alt),
                    r.width,
                    r.height
                )
            }
            (Some(url), None) => format!(
                "<img src=\"{}\" alt=\"{}\" loading=\"lazy\" width=\"800\" height=\"533\">",
                escape_html(url),
                escape_html(&f.alt)
            ),
            (None, _) => format!(
                "<div class=\"article-figure__placeholder\"><span>{}</span></div>",
                escape_html(t("article.figure_missing", Lang::Vi))
            ),
        };
        let credit = f
            .credit
            .as_deref()
            .map(|c| format!(" <span class=\"article-figure__credit\">{}</span>", escape_html(c)))
            .unwrap_or_default();
        let html = format!(
            "<figure class=\"article-figure\">{img}<figcaption class=\"article-figure__caption\">{}{credit}</figcaption></figure>",
            escape_html(&f.caption)
        );
        let marker = figure_marker(f.position);
        if out.contains(&marker) {
            out = out.replace(&marker, &html);
        } else {
            // A figure whose place the body does not mark comes at the end.
            out.push_str(&html);
        }
    }
    out
}

/// The author's name from a byline: "Bài, ảnh: Nguyễn Thị Qúy" → "Nguyễn Thị Qúy".
fn author_from_byline(byline: &str) -> &str {
    byline.split_once(':').map(|(_, name)| name.trim()).filter(|n| !n.is_empty()).unwrap_or(byline.trim())
}

/// schema.org `NewsArticle` as JSON-LD, with `AggregateRating` once rated;
/// every `<` is escaped so the data cannot end its `<script>` element.
fn json_ld(a: &ArticleFull, base_url: &str, site_name: &str) -> String {
    let url = format!("{base_url}{}", article_path(&a.slug));
    let mut v = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": a.title,
        "mainEntityOfPage": url,
        "url": url,
        "inLanguage": "vi",
        "datePublished": a.published_at.map(|d| d.to_rfc3339()),
        "dateModified": a.updated_at.to_rfc3339(),
        "publisher": { "@type": "Organization", "name": site_name },
    });
    if let Some(b) = &a.byline {
        v["author"] = serde_json::json!({ "@type": "Person", "name": author_from_byline(b) });
    }
    if let Some(l) = &a.lead {
        v["description"] = serde_json::json!(l);
    }
    if let Some(c) = &a.category {
        v["articleSection"] = serde_json::json!(c.name);
    }
    if let Some(url) = a.featured.as_ref().and_then(|f| f.image_url.as_ref()) {
        v["image"] = serde_json::json!(format!("{base_url}{url}"));
    }
    if !a.tags.is_empty() {
        v["keywords"] = serde_json::json!(a.tags.iter().map(|t| t.name.as_str()).collect::<Vec<_>>());
    }
    if let Some(avg) = a.rating.average() {
        v["aggregateRating"] = serde_json::json!({
            "@type": "AggregateRating",
            "ratingValue": avg,
            "ratingCount": a.rating.count,
            "bestRating": 5,
            "worstRating": 1,
        });
    }
    // `<` as \u003c: neither `</script>` nor `<!--` can end or bend the
    // script element, whatever a title or byline contains.
    v.to_string().replace('<', "\\u003c")
}

/// A plain-text description of about 160 characters for meta tags.
fn description(a: &ArticleFull) -> String {
    let text = a.lead.clone().unwrap_or_else(|| danvan_store::plain_text(&a.body_html));
    let text = danvan_text::collapse_spaces(&text);
    if text.chars().count() <= 160 {
        return text;
    }
    let cut: String = text.chars().take(160).collect();
    format!("{}…", cut.rsplit_once(' ').map(|(a, _)| a).unwrap_or(&cut))
}

/// Wraps the first use of each glossary abbreviation in the text of `html`
/// (never inside a tag) in `<abbr title="expansion">`.
fn mark_abbreviations(html: &str, glossary: &danvan_text::abbrev::Glossary) -> String {
    let mut out = String::with_capacity(html.len() + 256);
    let mut seen = std::collections::HashSet::new();
    let mut rest = html;
    while !rest.is_empty() {
        if rest.starts_with('<') {
            let end = rest.find('>').map_or(rest.len(), |i| i + 1);
            out.push_str(&rest[..end]);
            rest = &rest[end..];
            continue;
        }
        let end = rest.find('<').unwrap_or(rest.len());
        let text = &rest[..end];
        let mut cursor = 0;
        for u in glossary.first_uses(text) {
            if u.span.start >= cursor && seen.insert(u.abbr) {
                out.push_str(&text[cursor..u.span.start]);
                out.push_str(&format!("<abbr title=\"{}\">{}</abbr>", escape_html(u.expansion), &text[u.span.clone()]));
                cursor = u.span.end;
            }
        }
        out.push_str(&text[cursor..]);
        rest = &rest[end..];
    }
    out
}

/// Turns the document references of the text of `html` (never inside a tag)
/// into links to the library, for those the library has: `links` holds
/// `(number_text, date, document slug)` from the store.
fn link_references(html: &str, links: &[(String, Option<chrono::NaiveDate>, String)]) -> String {
    if links.is_empty() {
        return html.to_owned();
    }
    let mut out = String::with_capacity(html.len() + 512);
    let mut rest = html;
    while !rest.is_empty() {
        if rest.starts_with('<') {
            let end = rest.find('>').map_or(rest.len(), |i| i + 1);
            out.push_str(&rest[..end]);
            rest = &rest[end..];
            continue;
        }
        let end = rest.find('<').unwrap_or(rest.len());
        let text = &rest[..end];
        let mut cursor = 0;
        for r in danvan_docref::find_references(text) {
            let number = r.number.to_string();
            let date = r.date.and_then(|d| chrono::NaiveDate::from_ymd_opt(d.year() as i32, d.month() as u32, d.day() as u32));
            let Some((_, _, slug)) = links.iter().find(|(n, d, _)| *n == number && (d.is_none() || *d == date)) else {
                continue;
            };
            let stop = r.date_span.as_ref().map_or(r.span.end, |d| d.end);
            if r.span.start < cursor {
                continue;
            }
            out.push_str(&text[cursor..r.span.start]);
            out.push_str(&format!("<a class=\"doc-ref\" href=\"/van-ban/{}\">{}</a>", escape_html(slug), &text[r.span.start..stop]));
            cursor = stop;
        }
        out.push_str(&text[cursor..]);
        rest = &rest[end..];
    }
    out
}

type DocLinks = [(String, Option<chrono::NaiveDate>, String)];

fn article_context(a: &ArticleFull, glossary: &danvan_text::abbrev::Glossary, links: &DocLinks) -> Value {
    let body = mark_abbreviations(&link_references(&render_body(&a.body_html, &a.figures), links), glossary);
    context! {
        description => description(a),
        article => a,
        path => article_path(&a.slug),
        body => Value::from_safe_string(body),
        rating_summary => rating_line(a.rating),
    }
}

fn rating_line(r: RatingSummary) -> String {
    format("rating.summary", Lang::Vi, &[("sum", &r.sum), ("count", &r.count)])
}

/// Fetches a published article or answers 404.
async fn load_article(state: &SharedState, slug: &str) -> AppResult<ArticleFull> {
    state.store.portal().article_by_slug(slug).await?.ok_or(AppError::new(ErrorCode::ArticleNotFound))
}

/// The article's stamp, from memory when fresh, else from the database.
async fn article_stamp(state: &SharedState, slug: &str) -> AppResult<ArticleStamp> {
    if let Some(s) = state.cache.stamp(slug) {
        return Ok(s);
    }
    let s = state.store.portal().article_stamp(slug).await?.ok_or(AppError::new(ErrorCode::ArticleNotFound))?;
    state.cache.put_stamp(slug, s);
    Ok(s)
}

async fn render_article_page(state: &SharedState, info: &SiteInfo, slug: &str, prefs: &Prefs) -> AppResult<(i64, Arc<PageParts>)> {
    let a = load_article(state, slug).await?;
    let category_id = a.category.as_ref().map(|c| c.id);
    let related = state.store.portal().related_articles(a.id, category_id, RELATED).await?;
    let mut videos = a.videos.clone();
    videos.extend(state.store.portal().video_clips(VIDEOS).await?);
    let links = state.store.documents().article_document_links(a.id).await?;
    // the registry records it is about: approved public ones only, never personal data
    let models = state.store.registry().article_models_public(a.id).await?;
    let ctx = context! {
        ..base_context(info, prefs, &article_path(&a.slug)),
        ..article_context(&a, &info.glossary, &links),
        ..context! {
            json_ld => Value::from_safe_string(json_ld(&a, &info.base_url, &info.site.name)),
            related => cards(info, &related),
            models => models,
            videos => videos,
            csrf_token => CSRF_PLACEHOLDER,
            rating_message => Value::from_safe_string(MESSAGE_PLACEHOLDER.to_owned()),
        }
    };
    let html = state.templates.render("article.html", ctx)?;
    let parts = PageParts::split(&html, CSRF_PLACEHOLDER, MESSAGE_PLACEHOLDER)
        .ok_or_else(|| AppError::internal("article.html lacks the csrf_token or rating_message placeholder"))?;
    Ok((a.version, Arc::new(parts)))
}

async fn article(
    State(state): State<SharedState>,
    Path(slug): Path<String>,
    Query(q): Query<HashMap<String, String>>,
    visitor: Visitor,
) -> AppResult<Response> {
    let stamp = article_stamp(&state, &slug).await?;
    let key = PageKey { article_id: stamp.id, text_step: visitor.prefs.text.step(), contrast: visitor.prefs.contrast, print: false };
    let info = site_info(&state).await?;
    let html = match state.cache.page(&key, stamp.version) {
        Some(h) => h,
        None => {
            let (version, html) = render_article_page(&state, &info, &slug, &visitor.prefs).await?;
            state.cache.put_page(key, version, html.clone());
            html
        }
    };
    // the same token for every reader: the page sets no cookie
    let token = csrf::article_token(&info.site.vote_salt, stamp.id);
    let message = match q.get("danh-gia").map(String::as_str) {
        Some("ok") => t("rating.thanks", Lang::Vi),
        Some("trung") => t("rating.already_voted", Lang::Vi),
        _ => "",
    };
    if message.is_empty() {
        // the same bytes for every reader of this version: made and tagged once
        let (body, tag) = html.public_body(&token);
        let mut r = public_page(StatusCode::OK, body, &visitor.prefs);
        if let Ok(v) = HeaderValue::from_str(&tag) {
            r.headers_mut().insert(header::ETAG, v);
        }
        Ok(r)
    } else {
        let body = html.assemble(&token, &escape_html(message));
        // the answer to one reader's vote: not for a shared cache
        Ok(html_response(StatusCode::OK, body, &[]))
    }
}

async fn print(State(state): State<SharedState>, Path(slug): Path<String>, visitor: Visitor) -> AppResult<Response> {
    let info = site_info(&state).await?;
    let a = load_article(&state, &slug).await?;
    let links = state.store.documents().article_document_links(a.id).await?;
    let ctx = context! { ..base_context(&info, &visitor.prefs, &format!("{}/in", article_path(&a.slug))), ..article_context(&a, &info.glossary, &links) };
    Ok(public_page(StatusCode::OK, state.templates.render("print.html", ctx)?, &visitor.prefs))
}

#[derive(Serialize)]
struct RateAnswer<'a> {
    ok: bool,
    code: Option<&'a str>,
    message: &'a str,
    sum: i64,
    count: i64,
    summary: String,
}

fn json_answer(status: StatusCode, a: &RateAnswer<'_>, cookies: &[String]) -> Response {
    let mut r = (status, axum::Json(a)).into_response();
    r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    with_cookies(r, cookies)
}

fn json_error(code: ErrorCode, rating: RatingSummary) -> Response {
    let status = StatusCode::from_u16(code.http_status()).unwrap_or(StatusCode::BAD_REQUEST);
    let mut r = json_answer(
        status,
        &RateAnswer {
            ok: false,
            code: Some(code.as_str()),
            message: t(code.as_str(), Lang::Vi),
            sum: rating.sum,
            count: rating.count,
            summary: rating_line(rating),
        },
        &[],
    );
    if code == ErrorCode::RateLimited {
        r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
    }
    r
}

/// POST `/bai-viet/{slug}/danh-gia` with form fields `diem` (1–5) and
/// `csrf` (the article's form token, [`csrf::article_token`]), from a page
/// of this site ([`csrf::same_origin`]). Answers JSON when asked (`Accept: application/json`), else
/// redirects back to the article (303) with a message.
async fn rate(
    State(state): State<SharedState>,
    Path(slug): Path<String>,
    visitor: Visitor,
    headers: HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> AppResult<Response> {
    let stamp = state.store.portal().article_stamp(&slug).await?.ok_or(AppError::new(ErrorCode::ArticleNotFound))?;
    let fail = |code: ErrorCode| -> AppResult<Response> {
        if visitor.wants_json { Ok(json_error(code, stamp.rating)) } else { Err(AppError::new(code)) }
    };
    let info = site_info(&state).await?;
    let expected = csrf::article_token(&info.site.vote_salt, stamp.id);
    if csrf::check_article_post(&headers, &state.config.base_url, form.get("csrf").map(String::as_str), &expected).is_err() {
        return fail(ErrorCode::CsrfInvalid);
    }
    let mut cookies = Vec::new();
    let visitor_id = match &visitor.visitor_id {
        Some(v) => v.clone(),
        None => {
            let v = security::new_token();
            cookies.push(set_cookie(COOKIE_VISITOR, &v, true, state.config.secure_cookies));
            v
        }
    };
    let keys = VoterKeys::derive(&info.site.vote_salt, &visitor_id, &visitor.addr, &visitor.user_agent);
    // Per client (address + browser) and, more loosely, per address, so a
    // script rotating its User-Agent from one address is limited too.
    let per_address = format!("addr:{}", crate::kit::page::address_hash(&state, &visitor.addr).await?);
    if !state.limiter.allow(&keys.client_hash) || !state.address_limiter.allow(&per_address) {
        return fail(ErrorCode::RateLimited);
    }
    let score = match Score::parse(form.get("diem").map(String::as_str).unwrap_or("")) {
        Ok(s) => s,
        Err(code) => return fail(code),
    };
    let back = format!("{}?danh-gia=", article_path(&slug));
    let result = state.store.ratings().rate_article(stamp.id, score, &keys).await;
    state.cache.forget_stamp(&slug);
    match result {
        Ok(summary) => {
            if visitor.wants_json {
                let a = RateAnswer {
                    ok: true,
                    code: None,
                    message: t("rating.thanks", Lang::Vi),
                    sum: summary.sum,
                    count: summary.count,
                    summary: rating_line(summary),
                };
                Ok(json_answer(StatusCode::OK, &a, &cookies))
            } else {
                Ok(with_cookies(Redirect::to(&format!("{back}ok#danh-gia")).into_response(), &cookies))
            }
        }
        Err(StoreError::Rule(ErrorCode::RatingAlreadyVoted)) => {
            if visitor.wants_json {
                Ok(json_error(ErrorCode::RatingAlreadyVoted, stamp.rating))
            } else {
                Ok(Redirect::to(&format!("{back}trung#danh-gia")).into_response())
            }
        }
        Err(StoreError::Rule(ErrorCode::RateLimited)) => {
            // many votes from this address and browser in the last hour
            let message = t(danvan_domain::rating::RATE_LIMITED_MESSAGE, Lang::Vi);
            if visitor.wants_json {
                let a = RateAnswer {
                    ok: false,
                    code: Some(ErrorCode::RateLimited.as_str()),
                    message,
                    sum: stamp.rating.sum,
                    count: stamp.rating.count,
                    summary: rating_line(stamp.rating),
                };
                let mut r = json_answer(StatusCode::TOO_MANY_REQUESTS, &a, &cookies);
                r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("3600"));
                Ok(r)
            } else {
                Err(AppError::with_message(ErrorCode::RateLimited, message))
            }
        }
        Err(e) => Err(e.into()),
    }
}

/// GET `/tuy-chon?co-chu=smaller|reset|larger&tuong-phan=cao|thuong&quay-lai=/path`:
/// stores the reader's choice in cookies and goes back (303). Only a
/// same-site path is followed back.
async fn reader_prefs(State(state): State<SharedState>, Query(q): Query<HashMap<String, String>>, visitor: Visitor) -> Response {
    let mut cookies = Vec::new();
    if let Some(change) = q.get("co-chu").and_then(|v| TextSizeChange::parse(v)) {
        let size = change.apply(visitor.prefs.text);
        cookies.push(set_cookie(COOKIE_TEXT, &size.step().to_string(), false, state.config.secure_cookies));
    }
    match q.get("tuong-phan").map(String::as_str) {
        Some("cao") => cookies.push(set_cookie(COOKIE_CONTRAST, "1", false, state.config.secure_cookies)),
        Some("thuong") => cookies.push(set_cookie(COOKIE_CONTRAST, "0", false, state.config.secure_cookies)),
        _ => {}
    }
    let back = q.get("quay-lai").and_then(|p| safe_return_path(p)).unwrap_or("/");
    with_cookies(Redirect::to(back).into_response(), &cookies)
}

pub(crate) async fn not_found() -> AppError {
    AppError::not_found()
}

/// The error page for `code` (Vietnamese), used by the error middleware.
pub(crate) async fn render_error_page(state: &SharedState, code: ErrorCode, message: Option<&str>, prefs: &Prefs, reference: &str) -> AppResult<String> {
    let info = match code {
        ErrorCode::Internal => None, // the database may be what failed
        _ => site_info(state).await.ok(),
    };
    let fallback;
    let info = match &info {
        Some(i) => i.as_ref(),
        None => {
            fallback = SiteInfo {
                site: danvan_store::entity::site::Model {
                    id: 0,
                    name: t("site.default_name", Lang::Vi).to_owned(),
                    tagline: String::new(),
                    address: String::new(),
                    phone: String::new(),
                    email: String::new(),
                    vote_salt: String::new(),
                    is_sample: false,
                    created_at: chrono::Utc::now(),
                },
                categories: Vec::new(),
                base_url: state.config.base_url.clone(),
                glossary: danvan_text::abbrev::Glossary::new(Vec::<(String, String)>::new()),
            };
            &fallback
        }
    };
    let not_found = code.http_status() == 404;
    let title_key = match code {
        ErrorCode::Internal => "internal_title",
        _ if not_found => "page.not_found_title",
        _ => "error.title",
    };
    let ctx = context! {
        ..base_context(info, prefs, "/"),
        ..context! {
            code => code.as_str(),
            title => t(title_key, Lang::Vi),
            message => message.unwrap_or_else(|| t(code.as_str(), Lang::Vi)),
            not_found => not_found,
            reference => (code == ErrorCode::Internal).then_some(reference),
        }
    };
    Ok(state.templates.render("error.html", ctx)?)
}
