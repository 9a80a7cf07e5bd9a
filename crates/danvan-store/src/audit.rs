//! The audit log: one line per change, written in the change's own
//! transaction ([`audit`]) as an action code plus parameters, read newest
//! first by those allowed to ([`AuditLog::entries`]) and rendered through
//! the catalogue when shown ([`AuditView::text`]).

use crate::entity::{article, audit_event};
use crate::error::{StoreError, forbidden};
use crate::scope::{article_unit, load_tree};
use crate::views::Actor;
use crate::{Store, StoreResult, now};
use chrono::{DateTime, Utc};
use danvan_domain::ErrorCode;
use danvan_domain::audit::{AuditAction, AuditParams, render_audit};
use danvan_domain::editorial::Permissions;
use danvan_domain::messages::Lang;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use serde::Serialize;

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
    /// The action code (`article.publish`, …: [`AuditAction::code`]).
    pub action: String,
    pub subject_kind: String,
    pub subject_id: Option<i32>,
    /// The line in Vietnamese ([`AuditView::text`]), for templates.
    pub summary: String,
    #[serde(skip)]
    pub params: String,
    #[serde(skip)]
    pub legacy_summary: String,
}

impl AuditView {
    /// The line in `lang`: the action's catalogue message filled with its
    /// parameters; rows from before parameters existed show their stored
    /// summary.
    pub fn text(&self, lang: Lang) -> String {
        render_audit(&self.action, &self.params, &self.legacy_summary, lang)
    }
}

/// Writes one audit line in the caller's transaction (so a change and its
/// line commit or roll back together).
pub(crate) async fn audit<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    action: AuditAction,
    subject_kind: &str,
    subject_id: Option<i32>,
    params: AuditParams,
) -> StoreResult<()> {
    audit_row(actor, action, subject_kind, subject_id, &params).insert(db).await?;
    Ok(())
}

/// The row of one audit line, for a caller that writes many at once.
pub(crate) fn audit_row(actor: &Actor, action: AuditAction, subject_kind: &str, subject_id: Option<i32>, params: &AuditParams) -> audit_event::ActiveModel {
    audit_event::ActiveModel {
        at: Set(now()),
        user_id: Set(actor.user_ref()),
        username: Set(actor.username.clone()),
        action: Set(action.code().to_owned()),
        subject_kind: Set(subject_kind.to_owned()),
        subject_id: Set(subject_id),
        summary: Set(String::new()),
        params: Set(params.to_json()),
        ..Default::default()
    }
}

impl AuditLog<'_> {
    /// The audit log, newest first, with the total; optionally of one
    /// subject. Who may read it is the domain's rule: the whole log, or the
    /// lines of a user, unit, category or media item, needs
    /// [`Permissions::can_read_audit`]; an article's lines go with viewing
    /// the article ([`Permissions::can_view_article`]). `Forbidden` otherwise.
    pub async fn entries(&self, actor: &Actor, subject: Option<(&str, i32)>, page: u64, per_page: u64) -> StoreResult<(Vec<AuditView>, u64)> {
        let db = &self.store.read;
        let tree = load_tree(db).await?;
        let perms = Permissions { grants: &actor.grants, tree: &tree };
        let allowed = match subject {
            Some(("article", id)) => {
                let a = article::Entity::find_by_id(id).one(db).await?.ok_or(StoreError::Rule(ErrorCode::ArticleNotFound))?;
                perms.can_view_article(article_unit(db, &a).await?, a.author_id, actor.user_id)
            }
            _ => perms.can_read_audit(None),
        };
        if !allowed {
            return Err(forbidden());
        }
        let mut q = audit_event::Entity::find().order_by_desc(audit_event::Column::Id);
        if let Some((kind, id)) = subject {
            q = q.filter(audit_event::Column::SubjectKind.eq(kind)).filter(audit_event::Column::SubjectId.eq(id));
        }
        let total = q.clone().count(db).await?;
        let rows = q.offset(page.saturating_sub(1).saturating_mul(per_page)).limit(per_page).all(db).await?;
        Ok((
            rows.into_iter()
                .map(|e| {
                    let mut v = AuditView {
                        at: e.at,
                        username: e.username,
                        action: e.action,
                        subject_kind: e.subject_kind,
                        subject_id: e.subject_id,
                        summary: String::new(),
                        params: e.params,
                        legacy_summary: e.summary,
                    };
                    v.summary = v.text(Lang::Vi);
                    v
                })
                .collect(),
            total,
        ))
    }
}
