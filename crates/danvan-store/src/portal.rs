//! Repositories of the public portal: site, categories, articles, figures,
//! ratings, video clips, and the article importer.

use crate::entity::{article, category, figure, org_unit, rating_vote, related_article, site, video_clip};
use crate::{Store, StoreError, StoreResult, now};
use chrono::{DateTime, Utc};
use danvan_domain::ErrorCode;
use danvan_domain::rating::{RatingSummary, Score, VoterKeys, check_new_vote};
use danvan_import::{Block, ImportedArticle};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    Set,
};
use serde::Serialize;

/// Article status values stored in `article.status`.
pub const STATUS_PUBLISHED: &str = "published";
pub const STATUS_DRAFT: &str = "draft";

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

/// What [`Store::import_article`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportOutcome {
    /// A new article was stored with this slug.
    Imported { slug: String },
    /// The same content was imported before, under this slug.
    Unchanged { slug: String },
}

/// Options of an import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Slug of the category; default: the first category, if any.
    pub category_slug: Option<String>,
    /// Publication time; default: now.
    pub published_at: Option<DateTime<Utc>>,
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

fn published() -> sea_orm::Condition {
    sea_orm::Condition::all()
        .add(article::Column::Status.eq(STATUS_PUBLISHED))
        .add(article::Column::PublishedAt.lte(now()))
}

impl Store {
    /// The site's details, `None` before the first start.
    pub async fn site(&self) -> StoreResult<Option<site::Model>> {
        Ok(site::Entity::find().order_by_asc(site::Column::Id).one(&self.read).await?)
    }

    /// Categories in display order.
    pub async fn categories(&self) -> StoreResult<Vec<CategoryRef>> {
        Ok(category::Entity::find()
            .order_by_asc(category::Column::Position)
            .order_by_asc(category::Column::Id)
            .all(&self.read)
            .await?
            .into_iter()
            .map(Into::into)
            .collect())
    }

    pub async fn category_by_slug(&self, slug: &str) -> StoreResult<Option<CategoryRef>> {
        Ok(category::Entity::find().filter(category::Column::Slug.eq(slug)).one(&self.read).await?.map(Into::into))
    }

    /// The newest published articles, newest first.
    pub async fn latest_articles(&self, limit: u64) -> StoreResult<Vec<ArticleCard>> {
        Ok(article::Entity::find()
            .filter(published())
            .order_by_desc(article::Column::PublishedAt)
            .order_by_desc(article::Column::Id)
            .limit(limit)
            .all(&self.read)
            .await?
            .into_iter()
            .map(Into::into)
            .collect())
    }

    /// One page (1-based) of a category's published articles, newest first,
    /// and the total number of them.
    pub async fn category_articles(&self, category_id: i32, page: u64, per_page: u64) -> StoreResult<(Vec<ArticleCard>, u64)> {
        let q = article::Entity::find().filter(published()).filter(article::Column::CategoryId.eq(category_id));
        let total = q.clone().count(&self.read).await?;
        let items = q
            .order_by_desc(article::Column::PublishedAt)
            .order_by_desc(article::Column::Id)
            .offset(page.saturating_sub(1) * per_page)
            .limit(per_page)
            .all(&self.read)
            .await?;
        Ok((items.into_iter().map(Into::into).collect(), total))
    }

    /// The id, version and rating totals of a published article, by slug: one
    /// indexed query, used to check a cached page.
    pub async fn article_stamp(&self, slug: &str) -> StoreResult<Option<ArticleStamp>> {
        let row: Option<(i32, i64, i64, i64)> = article::Entity::find()
            .select_only()
            .column(article::Column::Id)
            .column(article::Column::Version)
            .column(article::Column::RatingSum)
            .column(article::Column::RatingCount)
            .filter(article::Column::Slug.eq(slug))
            .filter(published())
            .into_tuple()
            .one(&self.read)
            .await?;
        Ok(row.map(|(id, version, sum, count)| ArticleStamp { id, version, rating: RatingSummary { sum, count } }))
    }

    /// A published article with its figures and category.
    pub async fn article_by_slug(&self, slug: &str) -> StoreResult<Option<ArticleFull>> {
        let Some(a) = article::Entity::find()
            .filter(article::Column::Slug.eq(slug))
            .filter(published())
            .one(&self.read)
            .await?
        else {
            return Ok(None);
        };
        let stored = figure::Entity::find()
            .filter(figure::Column::ArticleId.eq(a.id))
            .order_by_asc(figure::Column::Position)
            .all(&self.read)
            .await?;
        let mut media_ids: Vec<i32> = stored.iter().filter_map(|f| f.media_id).collect();
        media_ids.extend(a.featured_media_id);
        let videos_of: Vec<crate::entity::article_video::Model> = crate::entity::article_video::Entity::find()
            .filter(crate::entity::article_video::Column::ArticleId.eq(a.id))
            .order_by_asc(crate::entity::article_video::Column::Position)
            .all(&self.read)
            .await?;
        media_ids.extend(videos_of.iter().map(|v| v.media_id));
        let media = self.media_by_ids(&media_ids).await?;
        let find = |id: Option<i32>| id.and_then(|id| media.iter().find(|m| m.id == id));
        let figures = stored
            .into_iter()
            .map(|f| FigureView {
                position: f.position,
                responsive: find(f.media_id).and_then(|m| Responsive::of(&m.variants)),
                image_url: f.image_url,
                alt: f.alt,
                caption: f.caption,
                credit: f.credit,
            })
            .collect();
        let featured = find(a.featured_media_id).map(|m| FigureView {
            position: 0,
            image_url: Some(m.url()),
            alt: m.alt.clone(),
            caption: m.caption.clone(),
            credit: m.credit.clone(),
            responsive: Responsive::of(&m.variants),
        });
        let videos = videos_of
            .iter()
            .filter_map(|v| find(Some(v.media_id)))
            .filter(|m| m.kind == "video")
            .map(|m| VideoView {
                id: m.id,
                title: if m.caption.is_empty() { m.original_name.clone() } else { m.caption.clone() },
                description: m.credit.clone(),
                video_url: m.url(),
                mime_type: m.mime_type.clone(),
                poster_url: None,
                captions_url: None,
            })
            .collect();
        let tags = self.article_tags(a.id).await?.into_iter().map(|(slug, name)| TagRef { slug, name }).collect();
        let category = match a.category_id {
            Some(id) => category::Entity::find_by_id(id).one(&self.read).await?.map(Into::into),
            None => None,
        };
        Ok(Some(ArticleFull {
            id: a.id,
            slug: a.slug,
            title: a.title,
            lead: a.lead,
            body_html: a.body_html,
            byline: a.byline,
            published_at: a.published_at,
            updated_at: a.updated_at,
            category,
            figures,
            rating: RatingSummary { sum: a.rating_sum, count: a.rating_count },
            version: a.version,
            is_sample: a.is_sample,
            tags,
            featured,
            videos,
        }))
    }

    /// "Bài viết liên quan": the cached related list computed on publish
    /// (shared words and category, [`danvan_domain::related`]); when it is
    /// empty, the newest articles of the same category.
    pub async fn related_articles(&self, article_id: i32, category_id: Option<i32>, limit: u64) -> StoreResult<Vec<ArticleCard>> {
        let ranked = related_article::Entity::find()
            .filter(related_article::Column::ArticleId.eq(article_id))
            .order_by_asc(related_article::Column::Position)
            .limit(limit)
            .all(&self.read)
            .await?;
        if !ranked.is_empty() {
            let ids: Vec<i32> = ranked.iter().map(|r| r.related_id).collect();
            let mut found: Vec<ArticleCard> = article::Entity::find()
                .filter(published())
                .filter(article::Column::Id.is_in(ids.clone()))
                .all(&self.read)
                .await?
                .into_iter()
                .map(Into::into)
                .collect();
            found.sort_by_key(|a| ids.iter().position(|&i| i == a.id));
            if !found.is_empty() {
                return Ok(found);
            }
        }
        self.newest_in_category(article_id, category_id, limit).await
    }

    /// The newest other published articles of the same category (articles
    /// without a category relate to each other).
    pub async fn newest_in_category(&self, article_id: i32, category_id: Option<i32>, limit: u64) -> StoreResult<Vec<ArticleCard>> {
        let mut q = article::Entity::find().filter(published()).filter(article::Column::Id.ne(article_id));
        q = match category_id {
            Some(c) => q.filter(article::Column::CategoryId.eq(c)),
            None => q.filter(article::Column::CategoryId.is_null()),
        };
        Ok(q.order_by_desc(article::Column::PublishedAt)
            .order_by_desc(article::Column::Id)
            .limit(limit)
            .all(&self.read)
            .await?
            .into_iter()
            .map(Into::into)
            .collect())
    }

    /// Number of published articles.
    pub async fn published_count(&self) -> StoreResult<u64> {
        Ok(article::Entity::find().filter(published()).count(&self.read).await?)
    }

    /// Slugs and last changes of published articles, oldest first, for the
    /// sitemap: `limit` entries from `offset`.
    pub async fn sitemap_entries(&self, offset: u64, limit: u64) -> StoreResult<Vec<(String, DateTime<Utc>)>> {
        let rows: Vec<(String, DateTime<Utc>)> = article::Entity::find()
            .select_only()
            .column(article::Column::Slug)
            .column(article::Column::UpdatedAt)
            .filter(published())
            .order_by_asc(article::Column::Id)
            .offset(offset)
            .limit(limit)
            .into_tuple()
            .all(&self.read)
            .await?;
        Ok(rows)
    }

    /// Published video clips in display order.
    pub async fn video_clips(&self, limit: u64) -> StoreResult<Vec<VideoView>> {
        Ok(video_clip::Entity::find()
            .filter(video_clip::Column::PublishedAt.lte(now()))
            .order_by_asc(video_clip::Column::Position)
            .order_by_desc(video_clip::Column::PublishedAt)
            .limit(limit)
            .all(&self.read)
            .await?
            .into_iter()
            .map(|v| VideoView {
                id: v.id,
                title: v.title,
                description: v.description,
                video_url: v.video_url,
                mime_type: v.mime_type,
                poster_url: v.poster_url,
                captions_url: v.captions_url,
            })
            .collect())
    }

    /// Organisation units in tree order (depth-first, by position).
    pub async fn org_units(&self) -> StoreResult<Vec<OrgUnitView>> {
        let all = org_unit::Entity::find().order_by_asc(org_unit::Column::Position).all(&self.read).await?;
        let mut out = Vec::with_capacity(all.len());
        fn visit(all: &[org_unit::Model], parent: Option<i32>, depth: usize, out: &mut Vec<OrgUnitView>) {
            for u in all.iter().filter(|u| u.parent_id == parent) {
                out.push(OrgUnitView { id: u.id, parent_id: u.parent_id, name: u.name.clone(), level: u.level.clone(), depth });
                if depth < 32 {
                    visit(all, Some(u.id), depth + 1, out);
                }
            }
        }
        visit(&all, None, 0, &mut out);
        Ok(out)
    }

    /// Records one rating and returns the new totals, in one transaction.
    ///
    /// Errors: [`ErrorCode::ArticleNotFound`] when no published article has
    /// this id; [`ErrorCode::RatingAlreadyVoted`] when the visitor cookie or
    /// the client hash already voted for it (nothing changes then).
    pub async fn rate_article(&self, article_id: i32, score: Score, keys: &VoterKeys) -> StoreResult<RatingSummary> {
        let tx = self.begin_write().await?;
        let exists = article::Entity::find_by_id(article_id).filter(published()).count(&tx).await? > 0;
        if !exists {
            return Err(StoreError::Rule(ErrorCode::ArticleNotFound));
        }
        let cookie_voted = rating_vote::Entity::find()
            .filter(rating_vote::Column::ArticleId.eq(article_id))
            .filter(rating_vote::Column::VisitorHash.eq(&keys.visitor_hash))
            .count(&tx)
            .await?
            > 0;
        let client_voted = rating_vote::Entity::find()
            .filter(rating_vote::Column::ArticleId.eq(article_id))
            .filter(rating_vote::Column::ClientHash.eq(&keys.client_hash))
            .count(&tx)
            .await?
            > 0;
        check_new_vote(cookie_voted, client_voted).map_err(StoreError::Rule)?;
        rating_vote::ActiveModel {
            article_id: Set(article_id),
            score: Set(score.get() as i16),
            visitor_hash: Set(keys.visitor_hash.clone()),
            client_hash: Set(keys.client_hash.clone()),
            created_at: Set(now()),
            ..Default::default()
        }
        .insert(&tx)
        .await?;
        article::Entity::update_many()
            .col_expr(article::Column::RatingSum, Expr::col(article::Column::RatingSum).add(score.get() as i64))
            .col_expr(article::Column::RatingCount, Expr::col(article::Column::RatingCount).add(1))
            .col_expr(article::Column::Version, Expr::col(article::Column::Version).add(1))
            .filter(article::Column::Id.eq(article_id))
            .exec(&tx)
            .await?;
        let a = article::Entity::find_by_id(article_id).one(&tx).await?.ok_or(StoreError::Rule(ErrorCode::ArticleNotFound))?;
        tx.commit().await?;
        Ok(RatingSummary { sum: a.rating_sum, count: a.rating_count })
    }

    /// Stores an imported article, or recognises it as imported before (by
    /// [`ImportedArticle::content_hash`]). All or nothing: the article and its
    /// figures are written in one transaction.
    ///
    /// The slug comes from the title ([`danvan_text::slugify`]); a taken slug
    /// gets `-2`, `-3`, … Errors: [`StoreError::UnknownCategory`].
    pub async fn import_article(&self, a: &ImportedArticle, opts: &ImportOptions) -> StoreResult<ImportOutcome> {
        let hash = a.content_hash();
        let tx = self.begin_write().await?;
        if let Some(existing) = article::Entity::find().filter(article::Column::SourceHash.eq(&hash)).one(&tx).await? {
            return Ok(ImportOutcome::Unchanged { slug: existing.slug });
        }
        let category_id = match &opts.category_slug {
            Some(slug) => Some(
                category::Entity::find()
                    .filter(category::Column::Slug.eq(slug))
                    .one(&tx)
                    .await?
                    .ok_or_else(|| StoreError::UnknownCategory(slug.clone()))?
                    .id,
            ),
            None => category::Entity::find()
                .order_by_asc(category::Column::Position)
                .order_by_asc(category::Column::Id)
                .one(&tx)
                .await?
                .map(|c| c.id),
        };
        let slug = unique_slug(&tx, &a.title).await?;
        let t = now();
        let stored = article::ActiveModel {
            slug: Set(slug.clone()),
            title: Set(a.title.clone()),
            lead: Set(a.lead.clone()),
            body_html: Set(body_html_from_blocks(&a.blocks)),
            byline: Set(a.byline.clone()),
            category_id: Set(category_id),
            status: Set(STATUS_PUBLISHED.to_owned()),
            published_at: Set(Some(opts.published_at.unwrap_or(t))),
            created_at: Set(t),
            updated_at: Set(t),
            is_sample: Set(false),
            source_hash: Set(Some(hash)),
            rating_sum: Set(0),
            rating_count: Set(0),
            version: Set(1),
            ..Default::default()
        }
        .insert(&tx)
        .await?;
        let mut n = 0;
        for b in &a.blocks {
            if let Block::Figure { caption, alt, image_source } = b {
                n += 1;
                figure::ActiveModel {
                    article_id: Set(stored.id),
                    position: Set(n),
                    image_url: Set(None),
                    image_source: Set(image_source.clone()),
                    alt: Set(alt.clone()),
                    caption: Set(caption.clone()),
                    credit: Set(None),
                    ..Default::default()
                }
                .insert(&tx)
                .await?;
            }
        }
        crate::search::index_article(&tx, stored.id).await?;
        crate::search::refresh_related(&tx, self.backend, stored.id).await?;
        let text = crate::search::plain_text(&body_html_from_blocks(&a.blocks));
        crate::documents::record_references(&tx, stored.id, &text).await?;
        tx.commit().await?;
        Ok(ImportOutcome::Imported { slug })
    }
}

/// A slug from `title` that no article has yet.
pub(crate) async fn unique_slug<C: ConnectionTrait>(db: &C, title: &str) -> StoreResult<String> {
    let mut base = danvan_text::slugify(title);
    if base.is_empty() {
        base = "bai-viet".to_owned();
    }
    let mut candidate = base.clone();
    let mut n = 1;
    while article::Entity::find().filter(article::Column::Slug.eq(&candidate)).count(db).await? > 0 {
        n += 1;
        candidate = format!("{base}-{n}");
    }
    Ok(candidate)
}
