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
use crate::{Backend, Store, StoreResult, now};
use crate::error::{StoreError, field, forbidden};
use chrono::{DateTime, Utc};
use danvan_domain::ErrorCode;
use sea_orm::{Condition, FromQueryResult, QuerySelect, ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set};
use serde::Serialize;
use crate::audit::audit;
use danvan_domain::audit::{AuditAction, AuditParams};
use crate::scope::{article_unit, check_scope, load_tree, root_unit};
use crate::views::{Actor, media_url};
use crate::registry::ModelLinkChange;
use danvan_domain::editorial::{Action, ArticleStatus, Permissions};

/// Articles through the editorial workflow (`store.articles()`).
#[derive(Clone, Copy)]
pub struct Articles<'a> {
    pub(crate) store: &'a Store,
}

pub use danvan_domain::article::{ArticleInput, FigureInput, MAX_BODY_BYTES, MAX_LEAD_CHARS, MAX_TAGS, MAX_TITLE_CHARS};

/// The columns of the back-office list, as read.
#[derive(Debug, FromQueryResult)]
struct ListedArticle {
    id: i32,
    slug: String,
    title: String,
    status: String,
    category_id: Option<i32>,
    org_unit_id: Option<i32>,
    author_id: Option<i32>,
    published_at: Option<DateTime<Utc>>,
    updated_at: DateTime<Utc>,
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
        self.create_article_with_models(actor, input, &ModelLinkChange::default()).await
    }

    /// [`Articles::create_article`] with the registry records it is about
    /// linked in the same transaction (`crate::registry::links`: each
    /// record needs [`Action::ViewModels`] in its unit; a refused reference
    /// refuses the whole save with [`StoreError::Items`]).
    pub async fn create_article_with_models(&self, actor: &Actor, input: ArticleInput, models: &ModelLinkChange) -> StoreResult<i32> {
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
        audit(&tx, actor, AuditAction::ArticleCreate, "article", Some(stored.id), AuditParams::new().with("title", &a.title)).await?;
        crate::registry::links::apply(&tx, actor, stored.id, models).await?;
        tx.commit().await?;
        Ok(stored.id)
    }

    /// Saves an edit as a new revision. `version` is the one the form was
    /// opened with: another save in between gives
    /// [`ErrorCode::ArticleConflict`] and changes nothing. A published
    /// article's search entry, related lists and document links follow.
    pub async fn update_article(&self, actor: &Actor, id: i32, version: i64, input: ArticleInput) -> StoreResult<()> {
        self.update_article_with_models(actor, id, version, input, &ModelLinkChange::default()).await
    }

    /// [`Articles::update_article`] with a change of the registry records
    /// it is about in the same transaction (see
    /// [`Articles::create_article_with_models`]).
    pub async fn update_article_with_models(&self, actor: &Actor, id: i32, version: i64, input: ArticleInput, models: &ModelLinkChange) -> StoreResult<()> {
        let a = checked_input(input)?;
        let tx = self.store.begin_write().await?;
        self.update_in(&tx, actor, id, version, &a).await?;
        crate::registry::links::apply(&tx, actor, id, models).await?;
        tx.commit().await?;
        self.store.search().follow().await;
        Ok(())
    }

    /// [`Articles::update_article`] inside the caller's transaction, with
    /// its audit line; `a` has passed [`checked_input`]. Returns the new
    /// revision's number.
    pub(crate) async fn update_in(&self, tx: &DatabaseTransaction, actor: &Actor, id: i32, version: i64, a: &ArticleInput) -> StoreResult<i32> {
        let old = article::Entity::find_by_id(id).one(tx).await?.ok_or(StoreError::Rule(ErrorCode::ArticleNotFound))?;
        let unit = article_unit(tx, &old).await?;
        let tree = load_tree(tx).await?;
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
        check_refs(tx, a).await?;
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
        m.update(tx).await?;
        write_parts(tx, id, a).await?;
        let n = add_revision(tx, actor, id, a).await?;
        if status == ArticleStatus::Published {
            crate::published::after_article_change(tx, self.store, id).await?;
        }
        audit(tx, actor, AuditAction::ArticleUpdate, "article", Some(id), AuditParams::new().with("title", &a.title).with("revision", n)).await?;
        Ok(n)
    }

    /// Articles for the back-office list: those in the units where the actor
    /// may edit any article or publish, plus the actor's own
    /// ([`Permissions::can_view_article`]); newest change first, optionally
    /// one status only; with the total. Scope, status and page are filtered
    /// in SQL, and only the list's columns are read (never the body).
    pub async fn back_office_articles(&self, actor: &Actor, status: Option<ArticleStatus>, page: u64, per_page: u64) -> StoreResult<(Vec<ArticleRow>, u64)> {
        let db = &self.store.read;
        let tree = load_tree(db).await?;
        let perms = Permissions { grants: &actor.grants, tree: &tree };
        let root = root_unit(db).await?;
        // the units whose articles the actor sees whoever wrote them
        let units: Vec<i32> = tree.units().filter(|&u| perms.can_view_article(u, None, actor.user_id)).collect();
        let q = list_filter(self.store.backend, &units, units.contains(&root), actor.user_id, status);
        let total = q.clone().count(db).await?;
        let rows = list_columns(q)
            .offset(page.saturating_sub(1).saturating_mul(per_page))
            .limit(per_page)
            .into_model::<ListedArticle>()
            .all(db)
            .await?;
        let rows = rows
            .into_iter()
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

/// The back-office list's filter: articles of `units` (and those without a
/// unit when `with_unitless`: they belong to the first root), or written by
/// `user_id`; of one status when given.
fn list_filter(backend: Backend, units: &[i32], with_unitless: bool, user_id: i32, status: Option<ArticleStatus>) -> sea_orm::Select<article::Entity> {
    let mut scope = Condition::any().add(article::Column::OrgUnitId.is_in(units.to_vec()));
    if with_unitless {
        scope = scope.add(article::Column::OrgUnitId.is_null());
    }
    if user_id > 0 {
        scope = scope.add(article::Column::AuthorId.eq(user_id));
    }
    let mut q = article::Entity::find().filter(scope);
    if let Some(s) = status {
        q = q.filter(crate::dialect::list_status_is(backend, s.as_str()));
    }
    q
}

/// The columns the list shows, newest change first: never the body, lead
/// or anything large.
fn list_columns(q: sea_orm::Select<article::Entity>) -> sea_orm::Select<article::Entity> {
    q.select_only()
        .columns([
            article::Column::Id,
            article::Column::Slug,
            article::Column::Title,
            article::Column::Status,
            article::Column::CategoryId,
            article::Column::OrgUnitId,
            article::Column::AuthorId,
            article::Column::PublishedAt,
            article::Column::UpdatedAt,
        ])
        .order_by_desc(article::Column::UpdatedAt)
        .order_by_desc(article::Column::Id)
}

/// The domain's article rule ([`danvan_domain::article::check_article`]),
/// its refusal as a field error.
pub(crate) fn checked_input(a: ArticleInput) -> StoreResult<ArticleInput> {
    danvan_domain::article::check_article(a).map_err(|e| field(e.field, e.code))
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

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::{DbBackend, QueryTrait};

    #[test]
    fn the_back_office_list_filters_in_sql_and_never_reads_bodies() {
        for (ours, backend) in [(crate::Backend::Sqlite, DbBackend::Sqlite), (crate::Backend::Postgres, DbBackend::Postgres)] {
            let q = list_columns(list_filter(ours, &[4, 7], false, 12, Some(ArticleStatus::Draft))).offset(30).limit(30);
            let sql = q.build(backend).to_string();
            assert!(!sql.contains("body_html") && !sql.contains("\"lead\""), "{backend:?}: {sql}");
            assert!(sql.contains("\"org_unit_id\" IN (4, 7)"), "{sql}");
            assert!(sql.contains("\"author_id\" = 12"), "{sql}");
            assert!(sql.contains("\"status\" = 'draft'"), "{sql}");
            assert!(sql.contains("LIMIT 30") && sql.contains("OFFSET 30"), "{sql}");
        }
    }
}
