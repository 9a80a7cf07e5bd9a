//! The feedback desk (`store.feedback()`, DESIGN.md §3.4): categories and
//! their deadline rules (here), intake from every channel with its code and
//! receipt, and the citizen's lookup (`intake.rs`), the staff's queues, the
//! item page and the handling steps (`handling.rs`), the statistics per
//! unit and period (`stats.rs`).
//!
//! The reporter's personal data lives in `feedback_contact` only, never in
//! the item, its history or the audit log; it is read by staff who may
//! handle the item, and each such read is audited. Every step is one
//! transaction that writes the item, its history and the audit log.

mod attachments;
mod contact;
mod handling;
mod intake;
mod outbox;
mod publish;
mod reporter;
mod sample;
mod stats;

pub use attachments::{AttachmentView, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, NewAttachment};
pub use handling::{ItemRow, ItemView, Queue, StepView};
pub use stats::{CategoryCount, FeedbackStats, UnitStats};
pub use contact::ContactExport;
pub(crate) use intake::{ItemWrite, intake_group};
pub use intake::{Open311Sent, RECEIPT_HOURS, Receipt, SUBMISSIONS_PER_CONTACT_PER_HOUR, SUBMISSIONS_PER_HOUR, Submitted};
pub use outbox::{Delivery, Notice, NoticeKind};
pub use publish::{Found, PUBLIC_FIELDS, PublicItem, PublicRow, PublicTexts, PublicationDraft, PublishOutcome};
pub use reporter::{LOOKUP_FAILURES_PER_WINDOW, LookupView};

use crate::audit::audit;
use crate::entity::{feedback_category, feedback_event};
use crate::error::field;
use crate::scope::check_scope;
use crate::{Actor, Store, StoreResult};
use danvan_domain::audit::{AuditAction, AuditParams};
use danvan_domain::editorial::Action;
use danvan_domain::feedback::{CountFrom, Counting, DeadlineRule};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, Set};
use serde::Serialize;

/// Working days before the deadline from which an item is "due soon" (in
/// the queue, and for the reminders).
pub const DUE_SOON_WORKING_DAYS: u32 = 2;

/// The open statuses (an answer is still owed).
pub(super) const OPEN: [danvan_domain::feedback::Status; 3] =
    [danvan_domain::feedback::Status::Received, danvan_domain::feedback::Status::Accepted, danvan_domain::feedback::Status::Reopened];

/// The feedback desk (`store.feedback()`).
#[derive(Clone, Copy)]
pub struct Feedback<'a> {
    pub(crate) store: &'a Store,
}

/// A category as listed on the form and in the back office.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct CategoryView {
    pub id: i32,
    pub name: String,
    pub description: String,
    pub rule: DeadlineRule,
    /// The unit that handles it unless a coordinator assigns another.
    pub unit_id: Option<i32>,
    pub is_active: bool,
}

fn category_view(c: feedback_category::Model) -> CategoryView {
    CategoryView {
        rule: rule_of(&c),
        id: c.id,
        name: c.name,
        description: c.description,
        unit_id: c.unit_id,
        is_active: c.is_active,
    }
}

/// The deadline rule stored with a category (unknown codes read as
/// working days from receipt: the stricter reading).
pub(crate) fn rule_of(c: &feedback_category::Model) -> DeadlineRule {
    DeadlineRule {
        days: c.days.max(1) as u32,
        counting: Counting::from_code(&c.counting).unwrap_or(Counting::WorkingDays),
        from: CountFrom::from_code(&c.count_from).unwrap_or(CountFrom::Receipt),
        max_extensions: c.max_extensions.clamp(0, i16::from(u8::MAX)) as u8,
    }
}

/// Writes one line of item `item_id`'s history and of the audit log (in
/// the caller's transaction). `internal` lines (notes) are never shown to
/// the reporter.
pub(crate) async fn record<C: ConnectionTrait>(db: &C, actor: &Actor, item_id: i32, action: AuditAction, params: AuditParams, internal: bool) -> StoreResult<()> {
    event_row(actor, item_id, action, &params, internal).insert(db).await?;
    audit(db, actor, action, "feedback_item", Some(item_id), params).await
}

/// The history row [`record`] writes (its audit line is
/// [`crate::audit::audit_row`] of `"feedback_item"`), for a caller that
/// writes many at once.
pub(crate) fn event_row(actor: &Actor, item_id: i32, action: AuditAction, params: &AuditParams, internal: bool) -> feedback_event::ActiveModel {
    feedback_event::ActiveModel {
        item_id: Set(item_id),
        at: Set(crate::now()),
        username: Set(actor.username.clone()),
        action: Set(action.code().to_owned()),
        params: Set(params.to_json()),
        internal: Set(internal),
        ..Default::default()
    }
}

impl Feedback<'_> {
    /// The categories, in order (`active_only`: those the form offers).
    /// Read at most once a second (see [`crate::cache`]; a change through
    /// this store is seen at once).
    pub async fn categories(&self, active_only: bool) -> StoreResult<Vec<CategoryView>> {
        let all = self.store.shared.categories(&self.store.read).await?;
        Ok(all.iter().filter(|c| c.is_active || !active_only).cloned().map(category_view).collect())
    }

    /// Creates (`id` `None`) or changes a category. Needs
    /// [`Action::ManageFeedback`] (site-wide).
    ///
    /// Errors: `forbidden`; field `name` (`feedback.category_name`: empty or
    /// over 200 characters); field `days` or `max_extensions` (the rule's
    /// code, see `DeadlineRule::check`); `record.not_found`.
    #[allow(clippy::too_many_arguments)]
    pub async fn save_category(
        &self,
        actor: &Actor,
        id: Option<i32>,
        name: &str,
        description: &str,
        rule: DeadlineRule,
        unit_id: Option<i32>,
        is_active: bool,
    ) -> StoreResult<i32> {
        let name = danvan_domain::feedback::category_name(name).map_err(|code| field("name", code))?;
        rule.check().map_err(|code| field(if code == "feedback.rule.extensions" { "max_extensions" } else { "days" }, code))?;
        let tx = self.store.begin_write().await?;
        check_scope(&tx, actor, Action::ManageFeedback, None).await?;
        let mut a = match id {
            Some(id) => feedback_category::Entity::find_by_id(id)
                .one(&tx)
                .await?
                .ok_or(crate::StoreError::Rule(danvan_domain::ErrorCode::RecordNotFound))?
                .into(),
            None => feedback_category::ActiveModel { position: Set(0), ..Default::default() },
        };
        a.name = Set(name.clone());
        a.description = Set(danvan_text::normalize_input(description.trim()));
        a.days = Set(rule.days as i32);
        a.counting = Set(rule.counting.code().to_owned());
        a.count_from = Set(rule.from.code().to_owned());
        a.max_extensions = Set(i16::from(rule.max_extensions));
        a.unit_id = Set(unit_id);
        a.is_active = Set(is_active);
        let saved = a.save(&tx).await?;
        let id = match saved.id {
            sea_orm::ActiveValue::Set(v) | sea_orm::ActiveValue::Unchanged(v) => v,
            sea_orm::ActiveValue::NotSet => 0,
        };
        audit(&tx, actor, AuditAction::CategoryUpdate, "feedback_category", Some(id), AuditParams::new().with("name", &name)).await?;
        tx.commit().await?;
        self.store.shared.categories.forget();
        Ok(id)
    }
}
