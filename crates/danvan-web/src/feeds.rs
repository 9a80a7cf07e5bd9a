//! Machine-readable views of the portal: RSS 2.0 and Atom feeds of the site
//! and of each category, `sitemap.xml` (an index and its parts) and
//! `robots.txt`. Absolute addresses use [`crate::WebConfig::base_url`].

use crate::kit::page::site_info;
use crate::portal::article_path;
use crate::{AppError, AppResult, SharedState};
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use danvan_domain::ErrorCode;
use danvan_store::{ArticleCard, escape_html};

/// Items in a feed.
pub const FEED_ITEMS: u64 = 30;
/// Addresses in one sitemap part (the protocol allows 50 000).
pub const SITEMAP_PART: u64 = 10_000;

pub fn router() -> Router<SharedState> {
    Router::new()
        .route("/rss.xml", get(site_rss))
        .route("/atom.xml", get(site_atom))
        .route("/chuyen-muc/{slug}/rss.xml", get(category_rss))
        .route("/chuyen-muc/{slug}/atom.xml", get(category_atom))
        .route("/the/{slug}/rss.xml", get(tag_rss))
        .route("/the/{slug}/atom.xml", get(tag_atom))
        .route("/sitemap.xml", get(sitemap_index))
        .route("/sitemap/trang.xml", get(sitemap_pages))
        .route("/sitemap/bai-viet/{file}", get(sitemap_articles))
        .route("/robots.txt", get(robots))
}

fn xml(body: String, content_type: &'static str) -> Response {
    let mut r = (StatusCode::OK, body).into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=300"));
    r
}

struct FeedInput {
    title: String,
    description: String,
    /// Site-relative page the feed belongs to (`/`, `/chuyen-muc/x`).
    page: String,
    /// Site-relative Atom feed address (its `self` link).
    atom: String,
    items: Vec<ArticleCard>,
}

async fn feed_input(state: &SharedState, category: Option<&str>) -> AppResult<FeedInput> {
    let info = site_info(state).await?;
    match category {
        None => Ok(FeedInput {
            title: info.site.name.clone(),
            description: info.site.tagline.clone(),
            page: "/".to_owned(),
            atom: "/atom.xml".to_owned(),
            items: state.store.portal().latest_articles(FEED_ITEMS).await?,
        }),
        Some(slug) => {
            let c = info.categories.iter().find(|c| c.slug == slug).ok_or(AppError::new(ErrorCode::CategoryNotFound))?;
            let (items, _) = state.store.portal().category_articles(c.id, 1, FEED_ITEMS).await?;
            Ok(FeedInput {
                title: format!("{} – {}", c.name, info.site.name),
                description: c.description.clone().unwrap_or_default(),
                page: format!("/chuyen-muc/{}", c.slug),
                atom: format!("/chuyen-muc/{}/atom.xml", c.slug),
                items,
            })
        }
    }
}

fn rss(base: &str, f: FeedInput) -> String {
    let items = f
        .items
        .into_iter()
        .map(|a| {
            let link = format!("{base}{}", article_path(&a.slug));
            rss::Item {
                title: Some(a.title),
                link: Some(link.clone()),
                // RSS 2.0 descriptions are read as HTML by feed readers; our
                // lead is plain text, so it is escaped (no markup gets in).
                description: a.lead.as_deref().map(danvan_store::escape_html),
                guid: Some(rss::Guid { value: link, permalink: true }),
                pub_date: a.published_at.map(|d| d.to_rfc2822()),
                ..Default::default()
            }
        })
        .collect();
    let ch = rss::Channel {
        title: f.title,
        link: format!("{base}{}", f.page),
        description: f.description,
        language: Some("vi".to_owned()),
        generator: Some("danvan".to_owned()),
        items,
        ..Default::default()
    };
    ch.to_string()
}

fn atom(base: &str, f: FeedInput) -> String {
    use atom_syndication::{Entry, Feed, Link, Text};
    let link = |href: String, rel: &str| Link { href, rel: rel.to_owned(), ..Default::default() };
    let updated = f.items.iter().filter_map(|a| a.published_at).max().unwrap_or_else(chrono::Utc::now);
    let entries = f
        .items
        .into_iter()
        .map(|a| {
            let url = format!("{base}{}", article_path(&a.slug));
            let when = a.published_at.unwrap_or(updated).fixed_offset();
            Entry {
                id: url.clone(),
                title: Text::plain(a.title),
                updated: when,
                published: Some(when),
                links: vec![link(url, "alternate")],
                summary: a.lead.map(Text::plain),
                ..Default::default()
            }
        })
        .collect();
    let feed = Feed {
        id: format!("{base}{}", f.atom),
        title: Text::plain(f.title),
        subtitle: (!f.description.is_empty()).then(|| Text::plain(f.description)),
        updated: updated.fixed_offset(),
        links: vec![link(format!("{base}{}", f.atom), "self"), link(format!("{base}{}", f.page), "alternate")],
        lang: Some("vi".to_owned()),
        entries,
        ..Default::default()
    };
    feed.to_string()
}

/// The feed of a tag's newest articles.
async fn tag_feed_input(state: &SharedState, slug: &str) -> AppResult<FeedInput> {
    let info = site_info(state).await?;
    let (id, name) = state.store.portal().tag_by_slug(slug).await?.ok_or_else(AppError::not_found)?;
    let (items, _) = state.store.portal().tag_articles(id, 1, FEED_ITEMS).await?;
    Ok(FeedInput {
        title: format!("{} – {}", danvan_domain::messages::format("tag.title", danvan_domain::Lang::Vi, &[("name", &name)]), info.site.name),
        description: String::new(),
        page: format!("/the/{slug}"),
        atom: format!("/the/{slug}/atom.xml"),
        items,
    })
}

async fn tag_rss(State(s): State<SharedState>, Path(slug): Path<String>) -> AppResult<Response> {
    Ok(xml(rss(&s.config.base_url, tag_feed_input(&s, &slug).await?), "application/rss+xml; charset=utf-8"))
}
async fn tag_atom(State(s): State<SharedState>, Path(slug): Path<String>) -> AppResult<Response> {
    Ok(xml(atom(&s.config.base_url, tag_feed_input(&s, &slug).await?), "application/atom+xml; charset=utf-8"))
}

async fn site_rss(State(s): State<SharedState>) -> AppResult<Response> {
    Ok(xml(rss(&s.config.base_url, feed_input(&s, None).await?), "application/rss+xml; charset=utf-8"))
}
async fn site_atom(State(s): State<SharedState>) -> AppResult<Response> {
    Ok(xml(atom(&s.config.base_url, feed_input(&s, None).await?), "application/atom+xml; charset=utf-8"))
}
async fn category_rss(State(s): State<SharedState>, Path(slug): Path<String>) -> AppResult<Response> {
    Ok(xml(rss(&s.config.base_url, feed_input(&s, Some(&slug)).await?), "application/rss+xml; charset=utf-8"))
}
async fn category_atom(State(s): State<SharedState>, Path(slug): Path<String>) -> AppResult<Response> {
    Ok(xml(atom(&s.config.base_url, feed_input(&s, Some(&slug)).await?), "application/atom+xml; charset=utf-8"))
}

const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

async fn sitemap_index(State(s): State<SharedState>) -> AppResult<Response> {
    let base = &s.config.base_url;
    let parts = s.store.portal().published_count().await?.div_ceil(SITEMAP_PART).max(1);
    let mut out = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"{SITEMAP_NS}\">\n");
    out.push_str(&format!("<sitemap><loc>{}/sitemap/trang.xml</loc></sitemap>\n", escape_html(base)));
    for n in 1..=parts {
        out.push_str(&format!("<sitemap><loc>{}/sitemap/bai-viet/{n}.xml</loc></sitemap>\n", escape_html(base)));
    }
    out.push_str("</sitemapindex>\n");
    Ok(xml(out, "application/xml; charset=utf-8"))
}

async fn sitemap_pages(State(s): State<SharedState>) -> AppResult<Response> {
    let info = site_info(&s).await?;
    let base = escape_html(&s.config.base_url);
    let mut out = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"{SITEMAP_NS}\">\n<url><loc>{base}/</loc></url>\n");
    for c in &info.categories {
        out.push_str(&format!("<url><loc>{base}/chuyen-muc/{}</loc></url>\n", escape_html(&c.slug)));
    }
    // the published answers to feedback: their address and date only
    out.push_str(&format!("<url><loc>{base}/phan-anh</loc></url>\n"));
    for (id, at) in s.store.feedback().published_ids().await? {
        out.push_str(&format!("<url><loc>{base}/phan-anh/{id}</loc><lastmod>{}</lastmod></url>\n", at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)));
    }
    out.push_str("</urlset>\n");
    Ok(xml(out, "application/xml; charset=utf-8"))
}

/// `/sitemap/bai-viet/{n}.xml`, n from 1.
async fn sitemap_articles(State(s): State<SharedState>, Path(n): Path<String>) -> AppResult<Response> {
    let n: u64 = n
        .strip_suffix(".xml")
        .and_then(|n| n.parse().ok())
        .filter(|&n| (1..=100_000).contains(&n))
        .ok_or(AppError::not_found())?;
    let entries = s.store.portal().sitemap_entries((n - 1) * SITEMAP_PART, SITEMAP_PART).await?;
    if entries.is_empty() && n > 1 {
        return Err(AppError::not_found());
    }
    let base = escape_html(&s.config.base_url);
    let mut out = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"{SITEMAP_NS}\">\n");
    for (slug, updated) in entries {
        out.push_str(&format!(
            "<url><loc>{base}{}</loc><lastmod>{}</lastmod></url>\n",
            escape_html(&article_path(&slug)),
            updated.format("%Y-%m-%d")
        ));
    }
    out.push_str("</urlset>\n");
    Ok(xml(out, "application/xml; charset=utf-8"))
}

async fn robots(State(s): State<SharedState>) -> Response {
    let body = format!(
        "User-agent: *\nAllow: /\nDisallow: /tuy-chon\nDisallow: /tim-kiem\nDisallow: /bai-viet/*/danh-gia\n\nSitemap: {}/sitemap.xml\n",
        s.config.base_url
    );
    let mut r = (StatusCode::OK, body).into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
    r
}
