//! Revisions of an article: every save adds one; restoring one saves it again
//! as a new revision, so nothing is lost.

use crate::entity::{article, article_revision, article_video};
use crate::scope::article_unit;
use crate::{StoreResult, now};
use crate::error::{StoreError, forbidden};
use chrono::{DateTime, Utc};
use danvan_domain::ErrorCode;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, Set};
use serde::Serialize;
use crate::audit::audit;
use danvan_domain::audit::{AuditAction, AuditParams};
use crate::scope::load_tree;
use crate::views::Actor;
use danvan_domain::editorial::{ArticleStatus, Permissions};
use super::{ArticleInput, Articles, FigureInput, checked_input, figures_json};

/// A revision in the history list.
#[derive(Debug, Clone, Serialize)]
pub struct RevisionView {
    pub number: i32,
    pub title: String,
    pub lead: Option<String>,
    pub body_html: String,
    pub byline: Option<String>,
    pub category_id: Option<i32>,
    pub tags: String,
    pub figures: Vec<FigureInput>,
    pub author_name: String,
    pub created_at: DateTime<Utc>,
}

impl Articles<'_> {
    /// The revisions of an article, newest first.
    pub async fn revisions(&self, article_id: i32) -> StoreResult<Vec<RevisionView>> {
        Ok(article_revision::Entity::find()
            .filter(article_revision::Column::ArticleId.eq(article_id))
            .order_by_desc(article_revision::Column::Number)
            .all(&self.store.read)
            .await?
            .into_iter()
            .map(revision_view)
            .collect())
    }

    /// Restores revision `number` as a new revision (nothing is lost: the
    /// current text stays in the history), with its audit lines, in one
    /// transaction. Who may is the domain's rule
    /// ([`Permissions::can_restore`]). A revision whose text today's rules
    /// refuse (a title now too long, …) gives that field error and changes
    /// nothing.
    pub async fn restore_revision(&self, actor: &Actor, article_id: i32, number: i32) -> StoreResult<()> {
        let tx = self.store.begin_write().await?;
        let r = article_revision::Entity::find()
            .filter(article_revision::Column::ArticleId.eq(article_id))
            .filter(article_revision::Column::Number.eq(number))
            .one(&tx)
            .await?
            .ok_or(StoreError::Rule(ErrorCode::RecordNotFound))?;
        let current = article::Entity::find_by_id(article_id).one(&tx).await?.ok_or(StoreError::Rule(ErrorCode::ArticleNotFound))?;
        let unit = article_unit(&tx, &current).await?;
        let tree = load_tree(&tx).await?;
        let perms = Permissions { grants: &actor.grants, tree: &tree };
        let status = ArticleStatus::parse(&current.status).unwrap_or(ArticleStatus::Draft);
        if !perms.can_restore(status, unit, current.author_id, actor.user_id) {
            return Err(forbidden());
        }
        let videos = article_video::Entity::find()
            .filter(article_video::Column::ArticleId.eq(article_id))
            .order_by_asc(article_video::Column::Position)
            .all(&tx)
            .await?
            .into_iter()
            .map(|v| v.media_id)
            .collect();
        let view = revision_view(r);
        let input = checked_input(ArticleInput {
            title: view.title,
            lead: view.lead,
            body_html: view.body_html,
            byline: view.byline,
            category_id: view.category_id,
            org_unit_id: Some(unit),
            tags: view.tags.split(", ").map(str::to_owned).filter(|s| !s.is_empty()).collect(),
            featured_media_id: current.featured_media_id,
            figures: view.figures,
            video_media_ids: videos,
        })?;
        self.update_in(&tx, actor, article_id, current.version, &input).await?;
        audit(&tx, actor, AuditAction::ArticleRestore, "article", Some(article_id), AuditParams::new().with("revision", number)).await?;
        tx.commit().await?;
        Ok(())
    }
}

pub(crate) async fn add_revision(tx: &DatabaseTransaction, actor: &Actor, article_id: i32, a: &ArticleInput) -> StoreResult<i32> {
    let last = article_revision::Entity::find()
        .filter(article_revision::Column::ArticleId.eq(article_id))
        .order_by_desc(article_revision::Column::Number)
        .one(tx)
        .await?
        .map(|r| r.number)
        .unwrap_or(0);
    article_revision::ActiveModel {
        article_id: Set(article_id),
        number: Set(last + 1),
        title: Set(a.title.clone()),
        lead: Set(a.lead.clone()),
        body_html: Set(a.body_html.clone()),
        byline: Set(a.byline.clone()),
        category_id: Set(a.category_id),
        tags: Set(a.tags.join(", ")),
        figures: Set(figures_json(&a.figures)),
        author_id: Set(actor.user_ref()),
        author_name: Set(actor.display_name.clone()),
        created_at: Set(now()),
        ..Default::default()
    }
    .insert(tx)
    .await?;
    Ok(last + 1)
}

pub(crate) fn revision_view(r: article_revision::Model) -> RevisionView {
    RevisionView {
        number: r.number,
        figures: serde_json::from_str(&r.figures).unwrap_or_default(),
        title: r.title,
        lead: r.lead,
        body_html: r.body_html,
        byline: r.byline,
        category_id: r.category_id,
        tags: r.tags,
        author_name: r.author_name,
        created_at: r.created_at,
    }
}

/// A revision as plain text (title, lead, body, byline, tags, figures),
/// for the diff page.
pub fn revision_text(r: &RevisionView) -> String {
    let mut s = format!("{}\n\n", r.title);
    if let Some(l) = &r.lead {
        s.push_str(l);
        s.push_str("\n\n");
    }
    s.push_str(&crate::views::plain_text(&r.body_html));
    if let Some(b) = &r.byline {
        s.push_str("\n\n");
        s.push_str(b);
    }
    if !r.tags.is_empty() {
        s.push_str("\n\n# ");
        s.push_str(&r.tags);
    }
    for f in &r.figures {
        s.push_str(&format!("\n\n[{}] {}", f.alt, f.caption));
    }
    s
}
