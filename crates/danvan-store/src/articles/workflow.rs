//! Workflow steps of an article (submit, return, publish, schedule,
//! unpublish), each checked by the domain's rules and audited.

use crate::entity::{article, figure, media};
use crate::{StoreResult, now};
use crate::error::StoreError;
use chrono::{DateTime, Utc};
use danvan_domain::ErrorCode;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter, Set};
use crate::audit::audit;
use danvan_domain::audit::{AuditAction, AuditParams};
use crate::input::clean;
use crate::scope::{article_unit, check_scope};
use crate::views::Actor;
use danvan_domain::editorial::{self as rules, ArticleStatus, StepContext, Transition};
use super::Articles;

impl Articles<'_> {
    /// Moves an article one workflow step. Checks the actor's roles in the
    /// article's unit ([`Transition::action`]) and the step's rules
    /// ([`rules::next_status`]); `at` is the publication time for
    /// [`Transition::Schedule`]. Returns the new status.
    pub async fn transition_article(
        &self,
        actor: &Actor,
        id: i32,
        step: Transition,
        comment: Option<&str>,
        at: Option<DateTime<Utc>>,
    ) -> StoreResult<ArticleStatus> {
        let tx = self.store.begin_write().await?;
        let status = step_in(&tx, self.store, actor, id, step, comment, at).await?;
        tx.commit().await?;
        self.store.search().follow().await;
        Ok(status)
    }
}

/// One workflow step inside the caller's transaction.
pub(crate) async fn step_in(
    tx: &DatabaseTransaction,
    store: &crate::Store,
    actor: &Actor,
    id: i32,
    step: Transition,
    comment: Option<&str>,
    at: Option<DateTime<Utc>>,
) -> StoreResult<ArticleStatus> {
    let a = article::Entity::find_by_id(id).one(tx).await?.ok_or(StoreError::Rule(ErrorCode::ArticleNotFound))?;
    let unit = article_unit(tx, &a).await?;
    if let Some(action) = step.action() {
        check_scope(tx, actor, action, Some(unit)).await?;
    }
    let from = ArticleStatus::parse(&a.status).unwrap_or(ArticleStatus::Draft);
    let images_without_alt = images_without_alt(tx, &a).await?;
    let t = now();
    let cx = StepContext {
        comment,
        at: at.map(|x| x.timestamp()),
        now: t.timestamp(),
        images_without_alt,
        complete: !a.title.trim().is_empty() && !crate::views::plain_text(&a.body_html).trim().is_empty(),
    };
    let to = rules::next_status(from, step, &cx).map_err(StoreError::Workflow)?;
    let mut m: article::ActiveModel = a.clone().into();
    m.status = Set(to.as_str().to_owned());
    m.version = Set(a.version + 1);
    m.updated_at = Set(t);
    match step {
        Transition::Return => m.return_comment = Set(comment.map(clean)),
        Transition::Submit => m.return_comment = Set(None),
        _ => {}
    }
    match to {
        ArticleStatus::Published if step == Transition::Publish => m.published_at = Set(Some(t)),
        ArticleStatus::Scheduled => m.published_at = Set(at),
        _ => {}
    }
    m.update(tx).await?;
    if from == ArticleStatus::Published || to == ArticleStatus::Published {
        crate::published::after_article_change(tx, store, id).await?;
    }
    let mut params = AuditParams::new().with("from", from.as_str()).with("to", to.as_str());
    if let Some(c) = comment.map(clean).filter(|c| !c.is_empty()) {
        params = params.with("comment", c);
    }
    if let (Transition::Schedule, Some(at)) = (step, at) {
        params = params.with("at", danvan_domain::time::vietnam_display(at));
    }
    audit(tx, actor, AuditAction::for_transition(step), "article", Some(id), params).await?;
    Ok(to)
}

/// Images of an article (featured and figures with a media file) whose alt
/// text is empty, in the media record or in the figure.
pub(crate) async fn images_without_alt<C: ConnectionTrait>(db: &C, a: &article::Model) -> StoreResult<usize> {
    let mut n = 0;
    if let Some(m) = a.featured_media_id
        && media::Entity::find_by_id(m).one(db).await?.is_some_and(|m| m.alt.trim().is_empty())
    {
        n += 1;
    }
    for f in figure::Entity::find().filter(figure::Column::ArticleId.eq(a.id)).all(db).await? {
        if (f.media_id.is_some() || f.image_url.is_some()) && f.alt.trim().is_empty() {
            n += 1;
        }
    }
    Ok(n)
}
