//! The public portal's reads: the site, listings (home, category, tag),
//! article pages with their figures, tags and videos, related articles,
//! the sitemap and video clips.

use crate::entity::{article, article_tag, category, figure, related_article, site, tag, video_clip};
use crate::{Store, StoreResult, now};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use crate::views::{ArticleCard, ArticleFull, ArticleStamp, FigureView, Responsive, TagRef, VideoView, published};
use danvan_domain::editorial::ArticleStatus;
use danvan_domain::rating::RatingSummary;

/// Public reads of the portal (`store.portal()`).
#[derive(Clone, Copy)]
pub struct Portal<'a> {
    pub(crate) store: &'a Store,
}

impl Portal<'_> {
    /// The site's details, `None` before the first start.
    pub async fn site(&self) -> StoreResult<Option<site::Model>> {
        Ok(site::Entity::find().order_by_asc(site::Column::Id).one(&self.store.read).await?)
    }

    /// The newest published articles, newest first.
    pub async fn latest_articles(&self, limit: u64) -> StoreResult<Vec<ArticleCard>> {
        Ok(article::Entity::find()
            .filter(published())
            .order_by_desc(article::Column::PublishedAt)
            .order_by_desc(article::Column::Id)
            .limit(limit)
            .all(&self.store.read)
            .await?
            .into_iter()
            .map(Into::into)
            .collect())
    }

    /// One page (1-based) of a category's published articles, newest first,
    /// and the total number of them.
    pub async fn category_articles(&self, category_id: i32, page: u64, per_page: u64) -> StoreResult<(Vec<ArticleCard>, u64)> {
        let q = article::Entity::find().filter(published()).filter(article::Column::CategoryId.eq(category_id));
        let total = q.clone().count(&self.store.read).await?;
        let items = q
            .order_by_desc(article::Column::PublishedAt)
            .order_by_desc(article::Column::Id)
            .offset(page.saturating_sub(1) * per_page)
            .limit(per_page)
            .all(&self.store.read)
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
            .one(&self.store.read)
            .await?;
        Ok(row.map(|(id, version, sum, count)| ArticleStamp { id, version, rating: RatingSummary { sum, count } }))
    }

    /// A published article with its figures and category.
    pub async fn article_by_slug(&self, slug: &str) -> StoreResult<Option<ArticleFull>> {
        let Some(a) = article::Entity::find()
            .filter(article::Column::Slug.eq(slug))
            .filter(published())
            .one(&self.store.read)
            .await?
        else {
            return Ok(None);
        };
        let stored = figure::Entity::find()
            .filter(figure::Column::ArticleId.eq(a.id))
            .order_by_asc(figure::Column::Position)
            .all(&self.store.read)
            .await?;
        let mut media_ids: Vec<i32> = stored.iter().filter_map(|f| f.media_id).collect();
        media_ids.extend(a.featured_media_id);
        let videos_of: Vec<crate::entity::article_video::Model> = crate::entity::article_video::Entity::find()
            .filter(crate::entity::article_video::Column::ArticleId.eq(a.id))
            .order_by_asc(crate::entity::article_video::Column::Position)
            .all(&self.store.read)
            .await?;
        media_ids.extend(videos_of.iter().map(|v| v.media_id));
        let media = self.store.media().media_by_ids(&media_ids).await?;
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
        let tags = self.store.articles().article_tags(a.id).await?.into_iter().map(|(slug, name)| TagRef { slug, name }).collect();
        let category = match a.category_id {
            Some(id) => category::Entity::find_by_id(id).one(&self.store.read).await?.map(Into::into),
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
            .all(&self.store.read)
            .await?;
        if !ranked.is_empty() {
            let ids: Vec<i32> = ranked.iter().map(|r| r.related_id).collect();
            let mut found: Vec<ArticleCard> = article::Entity::find()
                .filter(published())
                .filter(article::Column::Id.is_in(ids.clone()))
                .all(&self.store.read)
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
            .all(&self.store.read)
            .await?
            .into_iter()
            .map(Into::into)
            .collect())
    }

    /// Number of published articles.
    pub async fn published_count(&self) -> StoreResult<u64> {
        Ok(article::Entity::find().filter(published()).count(&self.store.read).await?)
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
            .all(&self.store.read)
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
            .all(&self.store.read)
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

    /// A tag by its address: `(id, name)`.
    pub async fn tag_by_slug(&self, slug: &str) -> StoreResult<Option<(i32, String)>> {
        Ok(tag::Entity::find().filter(tag::Column::Slug.eq(slug)).one(&self.store.read).await?.map(|t| (t.id, t.name)))
    }

    /// Published articles with a tag, newest first; with the total.
    pub async fn tag_articles(&self, tag_id: i32, page: u64, per_page: u64) -> StoreResult<(Vec<crate::ArticleCard>, u64)> {
        let ids: Vec<i32> = article_tag::Entity::find()
            .filter(article_tag::Column::TagId.eq(tag_id))
            .all(&self.store.read)
            .await?
            .into_iter()
            .map(|t| t.article_id)
            .collect();
        let q = article::Entity::find()
            .filter(article::Column::Id.is_in(ids))
            .filter(article::Column::Status.eq(ArticleStatus::Published.as_str()))
            .order_by_desc(article::Column::PublishedAt)
            .order_by_desc(article::Column::Id);
        let total = q.clone().count(&self.store.read).await?;
        let list = q.offset(page.saturating_sub(1).saturating_mul(per_page)).limit(per_page).all(&self.store.read).await?;
        Ok((list.into_iter().map(Into::into).collect(), total))
    }
}
