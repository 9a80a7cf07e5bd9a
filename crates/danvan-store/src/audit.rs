//! The audit log: one line per change, written in the change's own
//! transaction ([`audit`]), read newest first ([`AuditLog::entries`]).

use crate::entity::audit_event;
use crate::{Store, StoreResult, now};
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use serde::Serialize;
use crate::views::Actor;

/// The audit log (`store.audit_log()`).
#[derive(Clone, Copy)]
pub struct AuditLog<'a> {
    pub(crate) store: &'a Store,
}

/// A line of the audit log.
#[derive(Debug, Clone, Serialize)]
pub struct AuditView {
    pub at: DateTime<Utc>,
    pub username: String,
    pub action: String,
    pub subject_kind: String,
    pub subject_id: Option<i32>,
    pub summary: String,
}

/// Writes one audit line in the caller's transaction.
pub(crate) async fn audit<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    action: &str,
    subject_kind: &str,
    subject_id: Option<i32>,
    summary: &str,
) -> StoreResult<()> {
    audit_event::ActiveModel {
        at: Set(now()),
        user_id: Set(actor.user_ref()),
        username: Set(actor.username.clone()),
        action: Set(action.to_owned()),
        subject_kind: Set(subject_kind.to_owned()),
        subject_id: Set(subject_id),
        summary: Set(summary.chars().take(500).collect()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

impl AuditLog<'_> {
    /// The audit log, newest first; optionally of one subject.
    pub async fn entries(&self, subject: Option<(&str, i32)>, page: u64, per_page: u64) -> StoreResult<(Vec<AuditView>, u64)> {
        let mut q = audit_event::Entity::find().order_by_desc(audit_event::Column::Id);
        if let Some((kind, id)) = subject {
            q = q.filter(audit_event::Column::SubjectKind.eq(kind)).filter(audit_event::Column::SubjectId.eq(id));
        }
        let total = q.clone().count(&self.store.read).await?;
        let rows = q.offset(page.saturating_sub(1).saturating_mul(per_page)).limit(per_page).all(&self.store.read).await?;
        Ok((
            rows.into_iter()
                .map(|e| AuditView {
                    at: e.at,
                    username: e.username,
                    action: e.action,
                    subject_kind: e.subject_kind,
                    subject_id: e.subject_id,
                    summary: e.summary,
                })
                .collect(),
            total,
        ))
    }
}
