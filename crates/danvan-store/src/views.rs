//! View types shared by several capabilities (article cards and pages,
//! categories, media, documents, the signed-in actor) and the small text
//! helpers they need. A leaf: it imports no other module of the store but the
//! entities, so every capability may use it.

use crate::entity::{article, category, document, media};
use chrono::{DateTime, NaiveDate, Utc};
use danvan_docref::DocType;
use danvan_domain::editorial::{ArticleStatus, Grant};
use danvan_import::Block;
use serde::{Deserialize, Serialize};
use danvan_domain::rating::RatingSummary;
use crate::now;
use danvan_domain::documents::DocStatus;
use sea_orm::ColumnTrait;

/// The signed-in user as handlers see it.
#[derive(Debug, Clone, Serialize)]
pub struct Actor {
    pub user_id: i32,
    pub username: String,
    pub display_name: String,
    pub org_unit_id: Option<i32>,
    #[serde(skip)]
    pub grants: Vec<Grant>,
    /// The session's form token.
    pub csrf_token: String,
    pub session_id: i32,
    pub must_change_password: bool,
    /// Two-step sign-in is on for this account.
    pub totp_enabled: bool,
}

impl Actor {
    /// The scheduler acting on an approver's earlier decision.
    pub fn scheduler() -> Actor {
        Actor {
            user_id: 0,
            username: "scheduler".to_owned(),
            display_name: danvan_domain::messages::t("staff.scheduler", danvan_domain::messages::Lang::Vi).to_owned(),
            org_unit_id: None,
            grants: Vec::new(),
            csrf_token: String::new(),
            session_id: 0,
            must_change_password: false,
            totp_enabled: false,
        }
    }

    /// The server's operator at the command line (`danvan registry import`,
    /// …): recorded as `cli` in histories and the audit log.
    pub fn command_line() -> Actor {
        Actor { username: "cli".to_owned(), display_name: danvan_domain::messages::t("staff.command_line", danvan_domain::messages::Lang::Vi).to_owned(), ..Actor::scheduler() }
    }

    pub(crate) fn user_ref(&self) -> Option<i32> {
        (self.user_id > 0).then_some(self.user_id)
    }
}

/// A category as listed in navigation.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct CategoryRef {
    pub id: i32,
    pub slug: String,
    pub name: String,
    pub description: Option<String>,
}

impl From<category::Model> for CategoryRef {
    fn from(c: category::Model) -> Self {
        CategoryRef { id: c.id, slug: c.slug, name: c.name, description: c.description }
    }
}

/// An article in a listing.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleCard {
    pub id: i32,
    pub slug: String,
    pub title: String,
    pub lead: Option<String>,
    pub published_at: Option<DateTime<Utc>>,
    pub category_id: Option<i32>,
    pub is_sample: bool,
}

impl From<article::Model> for ArticleCard {
    fn from(a: article::Model) -> Self {
        ArticleCard {
            id: a.id,
            slug: a.slug,
            title: a.title,
            lead: a.lead,
            published_at: a.published_at,
            category_id: a.category_id,
            is_sample: a.is_sample,
        }
    }
}

/// A figure as shown on the article page.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct FigureView {
    pub position: i32,
    /// `None` until an editor attaches a photo: the page shows a placeholder.
    pub image_url: Option<String>,
    pub alt: String,
    pub caption: String,
    pub credit: Option<String>,
    /// For media-library images: the renditions as `srcset` values
    /// (`"/media/…/480.jpg 480w, …"`), WebP empty when none was kept, and the
    /// intrinsic size of the largest (for `width`/`height`, no layout shift).
    pub responsive: Option<Responsive>,
}

/// The renditions of a media-library image for `srcset`.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Default)]
pub struct Responsive {
    pub jpeg: String,
    pub webp: String,
    pub width: u32,
    pub height: u32,
}

impl Responsive {
    /// Builds the `srcset` lists from a media item's variants; `None` when it
    /// has no JPEG rendition.
    pub fn of(variants: &[crate::MediaVariant]) -> Option<Responsive> {
        let list = |format: &str| {
            let mut v: Vec<&crate::MediaVariant> = variants.iter().filter(|x| x.format == format).collect();
            v.sort_by_key(|x| x.width);
            v.iter().map(|x| format!("{} {}w", crate::media_url(&x.key), x.width)).collect::<Vec<_>>().join(", ")
        };
        let largest = variants.iter().filter(|x| x.format == "jpg").max_by_key(|x| x.width)?;
        Some(Responsive { jpeg: list("jpg"), webp: list("webp"), width: largest.width, height: largest.height })
    }
}

/// A tag as linked from an article.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TagRef {
    pub slug: String,
    pub name: String,
}

/// Everything the article page needs about one article.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleFull {
    pub id: i32,
    pub slug: String,
    pub title: String,
    pub lead: Option<String>,
    pub body_html: String,
    pub byline: Option<String>,
    pub published_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
    pub category: Option<CategoryRef>,
    pub figures: Vec<FigureView>,
    pub rating: RatingSummary,
    pub version: i64,
    pub is_sample: bool,
    pub tags: Vec<TagRef>,
    /// The featured image (Open Graph, cards), when one is set.
    pub featured: Option<FigureView>,
    /// Videos attached to this article, in order.
    pub videos: Vec<VideoView>,
}

/// The article fields that decide whether a cached page is still fresh.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArticleStamp {
    pub id: i32,
    pub version: i64,
    pub rating: RatingSummary,
}

/// A video clip of the "Video Clip" section.
#[derive(Debug, Clone, Serialize)]
pub struct VideoView {
    pub id: i32,
    pub title: String,
    pub description: Option<String>,
    pub video_url: String,
    pub mime_type: String,
    pub poster_url: Option<String>,
    pub captions_url: Option<String>,
}

/// An organisation unit with its depth in the tree (0 = root).
#[derive(Debug, Clone, Serialize)]
pub struct OrgUnitView {
    pub id: i32,
    pub parent_id: Option<i32>,
    pub name: String,
    pub level: String,
    pub depth: usize,
}

/// One stored rendition of a media file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct MediaVariant {
    pub width: u32,
    pub height: u32,
    /// `jpeg` or `webp` (images), `mp4` or `webm` (videos).
    pub format: String,
    pub key: String,
    pub size: u64,
}

/// A media library item, for pages.
#[derive(Debug, Clone, Serialize)]
pub struct MediaView {
    pub id: i32,
    pub kind: String,
    pub mime_type: String,
    pub storage_key: String,
    pub original_name: String,
    pub size: i64,
    pub width: Option<i32>,
    pub height: Option<i32>,
    pub alt: String,
    pub caption: String,
    pub credit: Option<String>,
    pub variants: Vec<MediaVariant>,
    pub created_at: DateTime<Utc>,
}

/// The public address of a stored media file (`/media/KEY`).
pub fn media_url(key: &str) -> String {
    format!("/media/{key}")
}

impl MediaView {
    /// The public address of the main rendition.
    pub fn url(&self) -> String {
        media_url(&self.storage_key)
    }
}

impl From<media::Model> for MediaView {
    fn from(m: media::Model) -> Self {
        MediaView {
            id: m.id,
            variants: serde_json::from_str(&m.variants).unwrap_or_default(),
            kind: m.kind,
            mime_type: m.mime_type,
            storage_key: m.storage_key,
            original_name: m.original_name,
            size: m.size,
            width: m.width,
            height: m.height,
            alt: m.alt,
            caption: m.caption,
            credit: m.credit,
            created_at: m.created_at,
        }
    }
}

/// The stored code of a document type: its Vietnamese name as a slug
/// ("Kế hoạch" → `ke-hoach`).
pub fn type_code(t: DocType) -> String {
    danvan_text::slugify(t.name())
}

/// The type of a stored code.
pub fn type_from_code(code: &str) -> Option<DocType> {
    DocType::ALL.into_iter().find(|t| type_code(*t) == code)
}

/// A document as pages show it.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentView {
    pub id: i32,
    pub slug: String,
    pub type_name: String,
    pub type_code: String,
    pub number_text: String,
    pub issuers: String,
    pub year: Option<i32>,
    pub issuer_name: String,
    pub signer: Option<String>,
    pub issued_on: Option<NaiveDate>,
    pub effective_on: Option<NaiveDate>,
    pub summary: String,
    pub status: String,
    pub status_label_key: &'static str,
}

impl From<document::Model> for DocumentView {
    fn from(d: document::Model) -> Self {
        let status = DocStatus::parse(&d.status).unwrap_or(DocStatus::InForce);
        DocumentView {
            id: d.id,
            slug: d.slug,
            type_name: type_from_code(&d.doc_type).map(|t| t.name().to_owned()).unwrap_or_else(|| d.doc_type.clone()),
            type_code: d.doc_type,
            number_text: d.number_text,
            issuers: d.issuers,
            year: d.year,
            issuer_name: d.issuer_name,
            signer: d.signer,
            issued_on: d.issued_on,
            effective_on: d.effective_on,
            summary: d.summary,
            status: d.status,
            status_label_key: status.label_key(),
        }
    }
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The marker that stands for figure `position` inside `article.body_html`.
pub fn figure_marker(position: i32) -> String {
    format!("<figure data-figure=\"{position}\"></figure>")
}

/// Builds `body_html` from imported blocks: `<p>`, `<h2>` and figure markers
/// ([`figure_marker`]), figures numbered from 1 in reading order.
pub fn body_html_from_blocks(blocks: &[Block]) -> String {
    let mut html = String::new();
    let mut n = 0;
    for b in blocks {
        match b {
            Block::Paragraph(p) => html.push_str(&format!("<p>{}</p>\n", escape_html(p))),
            Block::Heading(h) => html.push_str(&format!("<h2>{}</h2>\n", escape_html(h))),
            Block::Figure { .. } => {
                n += 1;
                html.push_str(&figure_marker(n));
                html.push('\n');
            }
        }
    }
    html
}

/// Plain text of our stored body HTML: tags dropped (block ends become line
/// breaks), the five entities we write decoded.
pub fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                if !out.ends_with(['\n', ' ']) {
                    out.push(' ');
                }
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
        .trim()
        .to_owned()
}

pub(crate) fn published() -> sea_orm::Condition {
    sea_orm::Condition::all()
        .add(article::Column::Status.eq(ArticleStatus::Published.as_str()))
        .add(article::Column::PublishedAt.lte(now()))
}
