//! Articles in the back office: create and edit (each save a revision, with
//! optimistic versions), the scoped list, the edit view, tags. The workflow
//! steps are in [`workflow`], revisions in [`revisions`]; what follows a
//! change of a published article is [`crate::published::after_article_change`].

mod revisions;
mod workflow;

pub use revisions::{RevisionView, revision_text};
pub(crate) use workflow::step_in;
use revisions::add_revision;

use crate::entity::{article, article_tag, article_video, category, figure, media, org_unit, tag};
use crate::{Store, StoreResult, now};
use crate::error::{StoreError, field, forbidden};
use chrono::{DateTime, Utc};
use danvan_domain::ErrorCode;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set};
use serde::{Deserialize, Serialize};
use crate::audit::audit;
use crate::input::{clean, clean_opt, limit};
use crate::scope::{article_unit, check_scope, load_tree, root_unit};
use crate::views::{Actor, media_url};
use danvan_domain::editorial::{Action, ArticleStatus, Permissions};

/// Articles through the editorial workflow (`store.articles()`).
#[derive(Clone, Copy)]
pub struct Articles<'a> {
    pub(crate) store: &'a Store,
}

/// Longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 300;

/// Longest lead, in characters.
pub const MAX_LEAD_CHARS: usize = 2_000;

/// Largest body, in bytes of HTML (2 MiB; images are stored apart).
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

/// Most tags on one article.
pub const MAX_TAGS: usize = 20;

/// A figure as the editor's form sends it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct FigureInput {
    pub media_id: Option<i32>,
    pub alt: String,
    pub caption: String,
    pub credit: Option<String>,
}

/// The editable fields of an article. `body_html` must already be sanitised
/// (the web layer runs `danvan_import::sanitize`); the store checks sizes.
#[derive(Debug, Clone, Default)]
pub struct ArticleInput {
    pub title: String,
    pub lead: Option<String>,
    pub body_html: String,
    pub byline: Option<String>,
    pub category_id: Option<i32>,
    pub org_unit_id: Option<i32>,
    pub tags: Vec<String>,
    pub featured_media_id: Option<i32>,
    pub figures: Vec<FigureInput>,
    pub video_media_ids: Vec<i32>,
}

/// An article in the back-office list.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleRow {
    pub id: i32,
    pub slug: String,
    pub title: String,
    pub status: &'static str,
    pub category_id: Option<i32>,
    pub org_unit_id: Option<i32>,
    pub author_id: Option<i32>,
    pub published_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
}

/// Everything the edit page needs.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleEdit {
    pub id: i32,
    pub slug: String,
    pub title: String,
    pub lead: Option<String>,
    pub body_html: String,
    pub byline: Option<String>,
    pub category_id: Option<i32>,
    pub org_unit_id: i32,
    pub author_id: Option<i32>,
    pub status: &'static str,
    #[serde(skip)]
    pub status_value: Option<ArticleStatus>,
    pub published_at: Option<DateTime<Utc>>,
    pub return_comment: Option<String>,
    pub tags: Vec<String>,
    pub featured_media_id: Option<i32>,
    pub figures: Vec<FigureInput>,
    pub video_media_ids: Vec<i32>,
    pub version: i64,
}

impl Articles<'_> {
    /// Creates a draft in the actor's unit (or `input.org_unit_id`), with
    /// revision 1. Errors: `Forbidden` without [`Action::CreateArticle`]
    /// there; field errors from the checks ([`MAX_TITLE_CHARS`], …).
    pub async fn create_article(&self, actor: &Actor, input: ArticleInput) -> StoreResult<i32> {
        let a = checked_input(input)?;
        let tx = self.store.begin_write().await?;
        let unit = match a.org_unit_id.or(actor.org_unit_id) {
            Some(u) => u,
            None => root_unit(&tx).await?,
        };
        check_scope(&tx, actor, Action::CreateArticle, Some(unit)).await?;
        check_refs(&tx, &a).await?;
        let t = now();
        let stored = article::ActiveModel {
            slug: Set(unique_slug(&tx, &a.title).await?),
            title: Set(a.title.clone()),
            lead: Set(a.lead.clone()),
            body_html: Set(a.body_html.clone()),
            byline: Set(a.byline.clone()),
            category_id: Set(a.category_id),
            status: Set(ArticleStatus::Draft.as_str().to_owned()),
            published_at: Set(None),
            created_at: Set(t),
            updated_at: Set(t),
            is_sample: Set(false),
            source_hash: Set(None),
            rating_sum: Set(0),
            rating_count: Set(0),
            version: Set(1),
            org_unit_id: Set(Some(unit)),
            author_id: Set(actor.user_ref()),
            featured_media_id: Set(a.featured_media_id),
            return_comment: Set(None),
            ..Default::default()
        }
        .insert(&tx)
        .await?;
        write_parts(&tx, stored.id, &a).await?;
        add_revision(&tx, actor, stored.id, &a).await?;
        audit(&tx, actor, "article.create", "article", Some(stored.id), &a.title).await?;
        tx.commit().await?;
        Ok(stored.id)
    }

    /// Saves an edit as a new revision. `version` is the one the form was
    /// opened with: another save in between gives
    /// [`ErrorCode::ArticleConflict`] and changes nothing. A published
    /// article's search entry, related lists and document links follow.
    pub async fn update_article(&self, actor: &Actor, id: i32, version: i64, input: ArticleInput) -> StoreResult<()> {
        let a = checked_input(input)?;
        let tx = self.store.begin_write().await?;
        let old = article::Entity::find_by_id(id).one(&tx).await?.ok_or(StoreError::Rule(ErrorCode::ArticleNotFound))?;
        let unit = article_unit(&tx, &old).await?;
        let tree = load_tree(&tx).await?;
        let perms = Permissions { grants: &actor.grants, tree: &tree };
        let status = ArticleStatus::parse(&old.status).unwrap_or(ArticleStatus::Draft);
        if !perms.can_edit(status, unit, old.author_id, actor.user_id) {
            return Err(forbidden());
        }
        let new_unit = a.org_unit_id.unwrap_or(unit);
        if new_unit != unit && !perms.can_edit(status, new_unit, old.author_id, actor.user_id) {
            return Err(forbidden());
        }
        if old.version != version {
            return Err(StoreError::Rule(ErrorCode::ArticleConflict));
        }
        check_refs(&tx, &a).await?;
        let mut m: article::ActiveModel = old.clone().into();
        m.title = Set(a.title.clone());
        m.lead = Set(a.lead.clone());
        m.body_html = Set(a.body_html.clone());
        m.byline = Set(a.byline.clone());
        m.category_id = Set(a.category_id);
        m.org_unit_id = Set(Some(new_unit));
        m.featured_media_id = Set(a.featured_media_id);
        m.updated_at = Set(now());
        m.version = Set(old.version + 1);
        m.update(&tx).await?;
        write_parts(&tx, id, &a).await?;
        let n = add_revision(&tx, actor, id, &a).await?;
        if status == ArticleStatus::Published {
            crate::published::after_article_change(&tx, self.store.backend, id).await?;
        }
        audit(&tx, actor, "article.update", "article", Some(id), &format!("{} (phiên bản {n})", a.title)).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Articles for the back-office list: those in the units where the actor
    /// may edit any article, plus the actor's own; newest change first,
    /// optionally one status only.
    pub async fn back_office_articles(&self, actor: &Actor, status: Option<ArticleStatus>, page: u64, per_page: u64) -> StoreResult<(Vec<ArticleRow>, u64)> {
        let tree = load_tree(&self.store.read).await?;
        let perms = Permissions { grants: &actor.grants, tree: &tree };
        let root = root_unit(&self.store.read).await?;
        let mut q = article::Entity::find().order_by_desc(article::Column::UpdatedAt).order_by_desc(article::Column::Id);
        if let Some(s) = status {
            q = q.filter(article::Column::Status.eq(s.as_str()));
        }
        let all = q.all(&self.store.read).await?;
        let visible: Vec<article::Model> = all
            .into_iter()
            .filter(|a| {
                let unit = a.org_unit_id.unwrap_or(root);
                perms.can(Action::EditAnyArticle, Some(unit))
                    || perms.can(Action::Publish, Some(unit))
                    || (a.author_id == Some(actor.user_id) && actor.user_id > 0)
            })
            .collect();
        let total = visible.len() as u64;
        let rows = visible
            .into_iter()
            .skip((page.saturating_sub(1) * per_page) as usize)
            .take(per_page as usize)
            .map(|a| ArticleRow {
                id: a.id,
                slug: a.slug,
                title: a.title,
                status: ArticleStatus::parse(&a.status).unwrap_or(ArticleStatus::Draft).as_str(),
                category_id: a.category_id,
                org_unit_id: a.org_unit_id,
                author_id: a.author_id,
                published_at: a.published_at,
                updated_at: a.updated_at,
            })
            .collect();
        Ok((rows, total))
    }

    /// One article for the edit page (any status).
    pub async fn article_for_edit(&self, id: i32) -> StoreResult<Option<ArticleEdit>> {
        let Some(a) = article::Entity::find_by_id(id).one(&self.store.read).await? else {
            return Ok(None);
        };
        let unit = article_unit(&self.store.read, &a).await?;
        let figures = figure::Entity::find()
            .filter(figure::Column::ArticleId.eq(id))
            .order_by_asc(figure::Column::Position)
            .all(&self.store.read)
            .await?
            .into_iter()
            .map(|f| FigureInput { media_id: f.media_id, alt: f.alt, caption: f.caption, credit: f.credit })
            .collect();
        let videos = article_video::Entity::find()
            .filter(article_video::Column::ArticleId.eq(id))
            .order_by_asc(article_video::Column::Position)
            .all(&self.store.read)
            .await?
            .into_iter()
            .map(|v| v.media_id)
            .collect();
        let status = ArticleStatus::parse(&a.status);
        Ok(Some(ArticleEdit {
            tags: self.article_tags(id).await?.into_iter().map(|(_, name)| name).collect(),
            id: a.id,
            slug: a.slug,
            title: a.title,
            lead: a.lead,
            body_html: a.body_html,
            byline: a.byline,
            category_id: a.category_id,
            org_unit_id: unit,
            author_id: a.author_id,
            status: status.unwrap_or(ArticleStatus::Draft).as_str(),
            status_value: status,
            published_at: a.published_at,
            return_comment: a.return_comment,
            featured_media_id: a.featured_media_id,
            figures,
            video_media_ids: videos,
            version: a.version,
        }))
    }

    /// The tags of an article as `(slug, name)`, by name.
    pub async fn article_tags(&self, article_id: i32) -> StoreResult<Vec<(String, String)>> {
        let ids: Vec<i32> = article_tag::Entity::find()
            .filter(article_tag::Column::ArticleId.eq(article_id))
            .all(&self.store.read)
            .await?
            .into_iter()
            .map(|t| t.tag_id)
            .collect();
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        Ok(tag::Entity::find()
            .filter(tag::Column::Id.is_in(ids))
            .order_by_asc(tag::Column::Name)
            .all(&self.store.read)
            .await?
            .into_iter()
            .map(|t| (t.slug, t.name))
            .collect())
    }
}

/// Validates and normalises an article's fields (NFC, trimmed, sizes).
pub(crate) fn checked_input(mut a: ArticleInput) -> StoreResult<ArticleInput> {
    a.title = clean(&a.title);
    if a.title.is_empty() {
        return Err(field("title", "article.title_required"));
    }
    if a.title.chars().count() > MAX_TITLE_CHARS {
        return Err(field("title", "article.title_too_long"));
    }
    a.lead = clean_opt(a.lead);
    if a.lead.as_deref().is_some_and(|l| l.chars().count() > MAX_LEAD_CHARS) {
        return Err(field("lead", "article.lead_too_long"));
    }
    if a.body_html.len() > MAX_BODY_BYTES {
        return Err(field("body_html", "article.body_too_large"));
    }
    a.body_html = danvan_text::normalize_input(&a.body_html);
    a.byline = clean_opt(a.byline);
    limit(a.byline.as_deref().unwrap_or(""), 200, "byline")?;
    let mut tags: Vec<String> = Vec::new();
    for t in &a.tags {
        let t = clean(t);
        if t.is_empty() || danvan_text::slugify(&t).is_empty() {
            continue;
        }
        if t.chars().count() > 60 {
            return Err(field("tags", "article.tag_too_long"));
        }
        if !tags.iter().any(|x| danvan_text::slugify(x) == danvan_text::slugify(&t)) {
            tags.push(t);
        }
    }
    if tags.len() > MAX_TAGS {
        return Err(field("tags", "article.too_many_tags"));
    }
    a.tags = tags;
    for f in &mut a.figures {
        f.alt = clean(&f.alt);
        f.caption = clean(&f.caption);
        f.credit = clean_opt(f.credit.take());
        limit(&f.alt, 300, "figure_alt")?;
        limit(&f.caption, 500, "figure_caption")?;
        limit(f.credit.as_deref().unwrap_or(""), 200, "figure_credit")?;
    }
    if a.figures.len() > 50 {
        return Err(field("figures", "field.too_long"));
    }
    a.figures.retain(|f| f.media_id.is_some() || !f.caption.is_empty());
    Ok(a)
}

/// The JSON of the figures, as kept in revisions.
pub(crate) fn figures_json(figures: &[FigureInput]) -> String {
    serde_json::to_string(figures).unwrap_or_else(|_| "[]".to_owned())
}

/// Checks that the category, media and units an input names exist.
pub(crate) async fn check_refs<C: ConnectionTrait>(db: &C, a: &ArticleInput) -> StoreResult<()> {
    if let Some(c) = a.category_id
        && category::Entity::find_by_id(c).one(db).await?.is_none()
    {
        return Err(field("category_id", "article.category_unknown"));
    }
    if let Some(u) = a.org_unit_id
        && org_unit::Entity::find_by_id(u).one(db).await?.is_none()
    {
        return Err(field("org_unit_id", "unit.parent_unknown"));
    }
    let mut ids: Vec<i32> = a.figures.iter().filter_map(|f| f.media_id).collect();
    ids.extend(a.featured_media_id);
    ids.extend(a.video_media_ids.iter().copied());
    for id in ids {
        if media::Entity::find_by_id(id).one(db).await?.is_none() {
            return Err(field("media", "media.not_found"));
        }
    }
    Ok(())
}

/// Replaces the figures, tags and videos of an article.
pub(crate) async fn write_parts(tx: &DatabaseTransaction, article_id: i32, a: &ArticleInput) -> StoreResult<()> {
    figure::Entity::delete_many().filter(figure::Column::ArticleId.eq(article_id)).exec(tx).await?;
    for (i, f) in a.figures.iter().enumerate() {
        let url = match f.media_id {
            Some(id) => media::Entity::find_by_id(id).one(tx).await?.map(|m| media_url(&m.storage_key)),
            None => None,
        };
        figure::ActiveModel {
            article_id: Set(article_id),
            position: Set(i as i32 + 1),
            image_url: Set(url),
            image_source: Set(None),
            alt: Set(f.alt.clone()),
            caption: Set(f.caption.clone()),
            credit: Set(f.credit.clone()),
            media_id: Set(f.media_id),
            ..Default::default()
        }
        .insert(tx)
        .await?;
    }
    article_tag::Entity::delete_many().filter(article_tag::Column::ArticleId.eq(article_id)).exec(tx).await?;
    for name in &a.tags {
        let slug = danvan_text::slugify(name);
        let tag_id = match tag::Entity::find().filter(tag::Column::Slug.eq(&slug)).one(tx).await? {
            Some(t) => t.id,
            None => tag::ActiveModel { slug: Set(slug), name: Set(name.clone()), ..Default::default() }.insert(tx).await?.id,
        };
        article_tag::ActiveModel { article_id: Set(article_id), tag_id: Set(tag_id), ..Default::default() }.insert(tx).await?;
    }
    article_video::Entity::delete_many().filter(article_video::Column::ArticleId.eq(article_id)).exec(tx).await?;
    for (i, m) in a.video_media_ids.iter().enumerate() {
        article_video::ActiveModel { article_id: Set(article_id), media_id: Set(*m), position: Set(i as i32), ..Default::default() }
            .insert(tx)
            .await?;
    }
    Ok(())
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
