//! Articles linked to the registry records they are about (`article_model`).
//!
//! An editor picks the records in the article's editor, by reference
//! ([`danvan_domain::registry::links`]: `#123` or `unit/code`), and ticks
//! "Bỏ" beside a linked one to remove it. The change is applied in the
//! transaction of the article's save ([`apply`], called by
//! `Articles::create_article_with_models` and
//! `Articles::update_article_with_models` after the article's own checks),
//! each link and unlink with its audit line; one refused reference refuses
//! the whole save, with every refused item named
//! ([`StoreError::Items`]). Linking or unlinking a record needs the right to
//! edit the article (checked by the save) and [`Action::ViewModels`] in the
//! record's unit.
//!
//! Readers: the article's page lists its approved public records
//! ([`Registry::article_models_public`]), the editor the ones the editor
//! may see ([`Registry::article_models_for`]); the record's public page its
//! published articles ([`Registry::model_articles_public`]), its back-office
//! page the articles of any status the reader may see
//! ([`Registry::model_articles_for`]). None of them reads a person's name or
//! position.

use super::Registry;
use crate::audit::audit;
use crate::entity::{article, article_model, org_unit, registry_model};
use crate::error::StoreError;
use crate::scope::{load_tree, root_unit};
use crate::{Actor, StoreResult, now};
use chrono::{DateTime, Utc};
use danvan_domain::audit::{AuditAction, AuditParams};
use danvan_domain::editorial::{Action, ArticleStatus, Permissions};
use danvan_domain::registry::links::{ModelRef, RefProblem};
use danvan_domain::registry::{Field, ModelKind, Period};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder, QuerySelect, Set};
use serde::Serialize;

/// A change of an article's linked records, as the editor's form gives it:
/// references to add and record ids to remove. The default changes nothing.
#[derive(Debug, Clone, Default)]
pub struct ModelLinkChange {
    pub add: Vec<ModelRef>,
    pub remove: Vec<i32>,
}

/// A record linked to an article, as pages show it (never personal data).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct LinkedModel {
    pub id: i32,
    pub name: String,
    /// The field's name ("kinh tế").
    pub field: String,
    /// The kind's name ("mô hình").
    pub kind: String,
    pub unit_name: String,
    /// `2023` or `2021-2025`.
    pub period: String,
}

/// An article linked to a record.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct LinkedArticle {
    pub id: i32,
    pub slug: String,
    pub title: String,
    /// [`ArticleStatus::as_str`].
    pub status: &'static str,
    pub published_at: Option<DateTime<Utc>>,
}

/// `#id name`, as the audit line names a record.
fn audit_name(m: &registry_model::Model) -> String {
    format!("#{} {}", m.id, m.name)
}

/// The units a typed unit (slug, name or short name, any marks) may mean.
fn units_matching(units: &[org_unit::Model], typed: &str) -> Vec<i32> {
    let folded = danvan_text::fold(typed);
    let slug = danvan_text::slugify(typed);
    units
        .iter()
        .filter(|u| {
            danvan_text::slugify(&u.name) == slug
                || danvan_text::fold(&u.name) == folded
                || u.short_name.as_deref().is_some_and(|s| danvan_text::fold(s) == folded || danvan_text::slugify(s) == slug)
        })
        .map(|u| u.id)
        .collect()
}

/// The record a reference names, or why not.
async fn resolve<C: ConnectionTrait>(db: &C, units: &[org_unit::Model], r: &ModelRef) -> StoreResult<Result<registry_model::Model, &'static str>> {
    match r {
        ModelRef::Id { id, .. } => Ok(registry_model::Entity::find_by_id(*id).one(db).await?.ok_or("registry.link.not_found")),
        ModelRef::UnitCode { unit, code, .. } => {
            let unit = match units_matching(units, unit).as_slice() {
                [] => return Ok(Err("registry.link.unit_unknown")),
                [u] => *u,
                _ => return Ok(Err("registry.link.unit_ambiguous")),
            };
            let code = danvan_text::collapse_spaces(&danvan_text::normalize_input(code));
            // codes are stored as written ("MH-01"); typed in lower case they still match
            let mut codes = vec![code.clone()];
            if code.to_uppercase() != code {
                codes.push(code.to_uppercase());
            }
            let found = registry_model::Entity::find()
                .filter(registry_model::Column::OrgUnitId.eq(unit))
                .filter(registry_model::Column::Code.is_in(codes))
                .order_by_asc(registry_model::Column::Id)
                .one(db)
                .await?;
            Ok(found.ok_or("registry.link.not_found"))
        }
    }
}

/// Applies `change` to the links of `article_id` in the caller's
/// transaction, with an audit line per link and unlink (see the module
/// doc). Adding a record already linked, or removing one that is not,
/// changes nothing.
///
/// Errors: [`StoreError::Items`] (field `models`) naming each refused item:
/// `registry.link.not_found`, `registry.link.unit_unknown`,
/// `registry.link.unit_ambiguous`, `registry.link.forbidden` (no
/// [`Action::ViewModels`] in the record's unit), `registry.link.too_many`.
pub(crate) async fn apply<C: ConnectionTrait>(db: &C, actor: &Actor, article_id: i32, change: &ModelLinkChange) -> StoreResult<()> {
    if change.add.is_empty() && change.remove.is_empty() {
        return Ok(());
    }
    let tree = load_tree(db).await?;
    let perms = Permissions { grants: &actor.grants, tree: &tree };
    let units = org_unit::Entity::find().all(db).await?;
    let linked: Vec<i32> = article_model::Entity::find()
        .filter(article_model::Column::ArticleId.eq(article_id))
        .all(db)
        .await?
        .into_iter()
        .map(|l| l.model_id)
        .collect();
    let mut problems = Vec::new();
    let mut to_add: Vec<registry_model::Model> = Vec::new();
    for r in &change.add {
        match resolve(db, &units, r).await? {
            Err(code) => problems.push(RefProblem { item: r.text().to_owned(), code }),
            Ok(m) if !perms.can(Action::ViewModels, Some(m.org_unit_id)) => {
                problems.push(RefProblem { item: r.text().to_owned(), code: "registry.link.forbidden" })
            }
            Ok(m) => {
                if !linked.contains(&m.id) && !to_add.iter().any(|x| x.id == m.id) {
                    to_add.push(m);
                }
            }
        }
    }
    let mut to_remove: Vec<registry_model::Model> = Vec::new();
    for id in change.remove.iter().filter(|id| linked.contains(id)) {
        let Some(m) = registry_model::Entity::find_by_id(*id).one(db).await? else { continue };
        if !perms.can(Action::ViewModels, Some(m.org_unit_id)) {
            problems.push(RefProblem { item: format!("#{id}"), code: "registry.link.forbidden" });
        } else if !to_remove.iter().any(|x| x.id == m.id) {
            to_remove.push(m);
        }
    }
    let kept = linked.iter().filter(|id| !to_remove.iter().any(|m| m.id == **id)).count();
    if kept + to_add.len() > danvan_domain::registry::links::MAX_LINKS
        && let Some(first) = to_add.get(danvan_domain::registry::links::MAX_LINKS.saturating_sub(kept))
    {
        problems.push(RefProblem { item: format!("#{}", first.id), code: "registry.link.too_many" });
    }
    if !problems.is_empty() {
        return Err(StoreError::Items { field: "models", problems });
    }
    for m in &to_remove {
        article_model::Entity::delete_many()
            .filter(article_model::Column::ArticleId.eq(article_id))
            .filter(article_model::Column::ModelId.eq(m.id))
            .exec(db)
            .await?;
        audit(db, actor, AuditAction::ArticleModelUnlink, "article", Some(article_id), AuditParams::new().with("model", audit_name(m))).await?;
    }
    for m in &to_add {
        article_model::ActiveModel { article_id: Set(article_id), model_id: Set(m.id), created_at: Set(now()), ..Default::default() }.insert(db).await?;
        audit(db, actor, AuditAction::ArticleModelLink, "article", Some(article_id), AuditParams::new().with("model", audit_name(m))).await?;
    }
    Ok(())
}

/// The name of a coded value, or the code itself.
fn name_of(key: Option<&'static str>, code: &str) -> String {
    key.map(|k| danvan_domain::messages::t(k, danvan_domain::messages::Lang::Vi).to_owned()).unwrap_or_else(|| code.to_owned())
}

/// The columns of an article that a list of links shows (never the body).
#[derive(Debug, FromQueryResult)]
struct ListedArticle {
    id: i32,
    slug: String,
    title: String,
    status: String,
    org_unit_id: Option<i32>,
    author_id: Option<i32>,
    published_at: Option<DateTime<Utc>>,
}

impl Registry<'_> {
    /// The records linked to `article_id`, in the order they were linked.
    async fn linked_models(&self, article_id: i32) -> StoreResult<Vec<registry_model::Model>> {
        let db = &self.store.read;
        let ids: Vec<i32> = article_model::Entity::find()
            .filter(article_model::Column::ArticleId.eq(article_id))
            .order_by_asc(article_model::Column::Id)
            .all(db)
            .await?
            .into_iter()
            .map(|l| l.model_id)
            .collect();
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut models = registry_model::Entity::find().filter(registry_model::Column::Id.is_in(ids.clone())).all(db).await?;
        models.sort_by_key(|m| ids.iter().position(|i| *i == m.id));
        Ok(models)
    }

    async fn shown(&self, models: Vec<registry_model::Model>) -> StoreResult<Vec<LinkedModel>> {
        let units = org_unit::Entity::find().all(&self.store.read).await?;
        Ok(models
            .into_iter()
            .map(|m| LinkedModel {
                id: m.id,
                field: name_of(Field::from_code(&m.field).map(Field::message_key), &m.field),
                kind: name_of(ModelKind::from_code(&m.kind).map(ModelKind::message_key), &m.kind),
                unit_name: units.iter().find(|u| u.id == m.org_unit_id).map(|u| u.name.clone()).unwrap_or_default(),
                period: Period { start: m.period_start, end: m.period_end }.to_string(),
                name: m.name,
            })
            .collect())
    }

    /// The approved public records linked to `article_id` (for its public
    /// page), in the order they were linked.
    pub async fn article_models_public(&self, article_id: i32) -> StoreResult<Vec<LinkedModel>> {
        let models = self.linked_models(article_id).await?.into_iter().filter(|m| m.approved && m.is_public).collect();
        self.shown(models).await
    }

    /// The records linked to `article_id` that `actor` may see
    /// ([`Action::ViewModels`] in their unit), and how many others are
    /// linked (kept by a save, not shown).
    pub async fn article_models_for(&self, actor: &Actor, article_id: i32) -> StoreResult<(Vec<LinkedModel>, usize)> {
        let tree = load_tree(&self.store.read).await?;
        let perms = Permissions { grants: &actor.grants, tree: &tree };
        let (seen, hidden): (Vec<_>, Vec<_>) = self.linked_models(article_id).await?.into_iter().partition(|m| perms.can(Action::ViewModels, Some(m.org_unit_id)));
        Ok((self.shown(seen).await?, hidden.len()))
    }

    /// The articles linked to record `model_id`, newest publication (then
    /// newest id) first.
    async fn linked_articles(&self, model_id: i32, published_only: bool) -> StoreResult<Vec<ListedArticle>> {
        let db = &self.store.read;
        let ids: Vec<i32> = article_model::Entity::find()
            .filter(article_model::Column::ModelId.eq(model_id))
            .all(db)
            .await?
            .into_iter()
            .map(|l| l.article_id)
            .collect();
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut q = article::Entity::find().filter(article::Column::Id.is_in(ids));
        if published_only {
            q = q.filter(article::Column::Status.eq(ArticleStatus::Published.as_str())).filter(article::Column::PublishedAt.lte(now()));
        }
        Ok(q.select_only()
            .columns([
                article::Column::Id,
                article::Column::Slug,
                article::Column::Title,
                article::Column::Status,
                article::Column::OrgUnitId,
                article::Column::AuthorId,
                article::Column::PublishedAt,
            ])
            .order_by_desc(article::Column::PublishedAt)
            .order_by_desc(article::Column::Id)
            .into_model::<ListedArticle>()
            .all(db)
            .await?)
    }

    /// The published articles about record `model_id` (for its public
    /// page), newest first; empty unless the record is approved and public.
    pub async fn model_articles_public(&self, model_id: i32) -> StoreResult<Vec<LinkedArticle>> {
        let Some(m) = registry_model::Entity::find_by_id(model_id).one(&self.store.read).await? else { return Ok(Vec::new()) };
        if !(m.approved && m.is_public) {
            return Ok(Vec::new());
        }
        Ok(self.linked_articles(model_id, true).await?.into_iter().map(view).collect())
    }

    /// The articles about record `model_id` of any status that `actor` may
    /// see in the back office ([`Permissions::can_view_article`]), newest
    /// publication first (drafts, never published, last).
    pub async fn model_articles_for(&self, actor: &Actor, model_id: i32) -> StoreResult<Vec<LinkedArticle>> {
        let tree = load_tree(&self.store.read).await?;
        let perms = Permissions { grants: &actor.grants, tree: &tree };
        let root = root_unit(&self.store.read).await?;
        let mut rows = self.linked_articles(model_id, false).await?;
        rows.retain(|a| perms.can_view_article(a.org_unit_id.unwrap_or(root), a.author_id, actor.user_id));
        // NULL sorts differently on the two backends: the unpublished go last on both
        rows.sort_by(|a, b| b.published_at.is_some().cmp(&a.published_at.is_some()).then(b.published_at.cmp(&a.published_at)).then(b.id.cmp(&a.id)));
        Ok(rows.into_iter().map(view).collect())
    }
}

fn view(a: ListedArticle) -> LinkedArticle {
    LinkedArticle {
        id: a.id,
        slug: a.slug,
        title: a.title,
        status: ArticleStatus::parse(&a.status).unwrap_or(ArticleStatus::Draft).as_str(),
        published_at: a.published_at,
    }
}
