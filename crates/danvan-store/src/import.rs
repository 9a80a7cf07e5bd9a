//! Importing articles saved from a portal page or an HTML page.

use crate::entity::{article, category, figure};
use crate::{Store, StoreResult, now};
use crate::error::StoreError;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use crate::articles::unique_slug;
use crate::views::body_html_from_blocks;
use danvan_domain::editorial::ArticleStatus;
use danvan_import::{Block, ImportedArticle};

/// The article importer (`store.imports()`).
#[derive(Clone, Copy)]
pub struct Imports<'a> {
    pub(crate) store: &'a Store,
}

/// What [`Imports::import_article`] did.
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

impl Imports<'_> {
    /// Stores an imported article, or recognises it as imported before (by
    /// [`ImportedArticle::content_hash`]). All or nothing: the article and its
    /// figures are written in one transaction.
    ///
    /// The slug comes from the title ([`danvan_text::slugify`]); a taken slug
    /// gets `-2`, `-3`, … Errors: [`StoreError::UnknownCategory`].
    pub async fn import_article(&self, a: &ImportedArticle, opts: &ImportOptions) -> StoreResult<ImportOutcome> {
        let hash = a.content_hash();
        let tx = self.store.begin_write().await?;
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
            status: Set(ArticleStatus::Published.as_str().to_owned()),
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
        crate::published::after_article_change(&tx, self.store, stored.id).await?;
        tx.commit().await?;
        self.store.search().follow().await;
        Ok(ImportOutcome::Imported { slug })
    }
}
