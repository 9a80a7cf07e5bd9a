//! The outbox of the feedback desk's notices and reminders (issue 13,
//! scope 3): one row per recipient and occasion (unique, so that the same
//! notice is never queued twice), written in the transaction of the step
//! that causes it (an answer) or by the reminder job (a deadline coming or
//! passed), and delivered at most once: a row is claimed before it is
//! sent, marked sent when the SMTP server took it, released with its error
//! for a later try when it did not. Rows without an e-mail address (staff
//! reminders, a reporter who gave only a phone), or when no SMTP server is
//! configured, are delivered to the back office (and the log) instead.

use super::{DUE_SOON_WORKING_DAYS, Feedback, OPEN};
use crate::entity::{feedback_contact, feedback_item, feedback_outbox, role_grant, user_account};
use crate::scope::load_tree;
use crate::{Actor, StoreResult};
use chrono::{DateTime, Duration, Utc};
use danvan_calendar::WorkingCalendar;
use danvan_domain::editorial::{Action, Grant, Permissions, Role};
use danvan_domain::messages::{Lang, format};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set};
use serde::Serialize;

/// The recipient code of an item's reporter.
pub const REPORTER: &str = "reporter";

/// Tries before a notice is left to the back office.
pub const MAX_ATTEMPTS: i16 = 5;

/// Minutes before a failed delivery is tried again (times the attempts).
pub const RETRY_MINUTES: i64 = 10;

/// What a notice says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum NoticeKind {
    /// To the reporter: the item was answered.
    Answered,
    /// To a duplicate's reporter: the main item was answered.
    MainAnswered,
    /// To the handling staff: the deadline is near.
    DueSoon,
    /// To the handling staff: the deadline has passed.
    Overdue,
}

impl NoticeKind {
    /// Every kind.
    pub const ALL: [NoticeKind; 4] = [NoticeKind::Answered, NoticeKind::MainAnswered, NoticeKind::DueSoon, NoticeKind::Overdue];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            NoticeKind::Answered => "answered",
            NoticeKind::MainAnswered => "main_answered",
            NoticeKind::DueSoon => "reminder_due_soon",
            NoticeKind::Overdue => "reminder_overdue",
        }
    }

    /// The catalogue key of its name.
    pub fn message_key(self) -> &'static str {
        match self {
            NoticeKind::Answered => "fbnotice.kind.answered",
            NoticeKind::MainAnswered => "fbnotice.kind.main_answered",
            NoticeKind::DueSoon => "fbnotice.kind.due_soon",
            NoticeKind::Overdue => "fbnotice.kind.overdue",
        }
    }

    /// The kind of a stored code.
    pub fn from_code(code: &str) -> Option<NoticeKind> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// A notice in the back office.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Notice {
    pub id: i32,
    pub kind: NoticeKind,
    pub item_id: i32,
    pub code: String,
    pub title: String,
    pub deadline_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// A notice claimed for e-mail delivery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub id: i32,
    pub to: String,
    pub subject: String,
    pub body: String,
}

/// Queues notice `kind` of item `item_id` for `recipient` (`REPORTER` or
/// `user:NAME`) on `occasion`, unless that very notice is queued already.
pub(super) async fn queue<C: ConnectionTrait>(db: &C, kind: NoticeKind, item_id: i32, recipient: &str, occasion: &str, now: DateTime<Utc>) -> StoreResult<()> {
    let row = feedback_outbox::ActiveModel {
        kind: Set(kind.code().to_owned()),
        item_id: Set(item_id),
        recipient: Set(recipient.to_owned()),
        occasion: Set(occasion.to_owned()),
        created_at: Set(now),
        attempts: Set(0),
        next_attempt_at: Set(None),
        last_error: Set(String::new()),
        sent_at: Set(None),
        delivered_by: Set(String::new()),
        read_at: Set(None),
        ..Default::default()
    };
    let keys = [feedback_outbox::Column::Kind, feedback_outbox::Column::ItemId, feedback_outbox::Column::Recipient, feedback_outbox::Column::Occasion];
    feedback_outbox::Entity::insert(row).on_conflict_do_nothing_on(keys).exec(db).await?;
    Ok(())
}

/// The staff who handle items of `unit`: every active account whose
/// feedback roles reach it (a grant at the unit or above).
async fn handlers<C: ConnectionTrait>(db: &C, unit: i32, tree: &danvan_domain::unit_tree::UnitTree) -> StoreResult<Vec<String>> {
    let roles = [Role::FeedbackCoordinator.as_str(), Role::FeedbackHandler.as_str()];
    let grants = role_grant::Entity::find().filter(role_grant::Column::Role.is_in(roles)).all(db).await?;
    let mut names = Vec::new();
    for g in grants {
        let Some(role) = Role::ALL.into_iter().find(|r| r.as_str() == g.role) else { continue };
        let one = [Grant { role, unit_id: g.unit_id }];
        if !(Permissions { grants: &one, tree }).can(Action::AnswerFeedback, Some(unit)) {
            continue;
        }
        if let Some(u) = user_account::Entity::find_by_id(g.user_id).one(db).await?
            && u.is_active
            && !names.contains(&u.username)
        {
            names.push(u.username);
        }
    }
    Ok(names)
}

fn subject_and_body(kind: NoticeKind, code: &str, public_url: &str) -> (String, String) {
    let lang = Lang::Vi;
    let subject = format("fbnotice.subject", lang, &[("code", &code)]);
    let key = match kind {
        NoticeKind::MainAnswered => "fbnotice.body.main_answered",
        _ => "fbnotice.body.answered",
    };
    let url = format!("{}/phan-anh/tra-cuu", public_url.trim_end_matches('/'));
    (subject, format(key, lang, &[("code", &code), ("url", &url)]))
}

impl Feedback<'_> {
    /// Queues the reminders that are due at `now`: for every open item
    /// whose deadline is within [`DUE_SOON_WORKING_DAYS`] working days, one
    /// "due soon" per handling staff member, and once it has passed, one
    /// "overdue"; each once per deadline (an extension gives new ones).
    /// Returns how many were queued. Run by one instance at a time (the
    /// scheduler's lease).
    pub async fn queue_reminders(&self, calendar: &WorkingCalendar, now: DateTime<Utc>) -> StoreResult<u64> {
        let today = now.with_timezone(&danvan_domain::time::vietnam()).date_naive();
        let soon = calendar.add_working_days(today, DUE_SOON_WORKING_DAYS).map(|d| d.at.with_timezone(&Utc)).unwrap_or(now);
        let open: Vec<&str> = OPEN.iter().map(|s| s.code()).collect();
        let items = feedback_item::Entity::find()
            .filter(feedback_item::Column::Status.is_in(open))
            .filter(feedback_item::Column::DeadlineAt.lte(soon))
            .order_by_asc(feedback_item::Column::Id)
            .all(&self.store.read)
            .await?;
        if items.is_empty() {
            return Ok(0);
        }
        let before = feedback_outbox::Entity::find().count(&self.store.read).await?;
        let tx = self.store.begin_write().await?;
        let tree = load_tree(&tx).await?;
        for item in &items {
            let (Some(deadline), Some(unit)) = (item.deadline_at, item.unit_id) else { continue };
            let kind = if deadline < now { NoticeKind::Overdue } else { NoticeKind::DueSoon };
            for name in handlers(&tx, unit, &tree).await? {
                queue(&tx, kind, item.id, &format!("user:{name}"), &deadline.timestamp().to_string(), now).await?;
            }
        }
        tx.commit().await?;
        let after = feedback_outbox::Entity::find().count(&self.store.read).await?;
        Ok(after.saturating_sub(before))
    }

    /// Claims up to `limit` notices waiting at `now` and returns those to
    /// e-mail (when `smtp` is configured and the reporter gave an e-mail
    /// address, read now so that an erasure reaches the outbox). The others
    /// are delivered to the back office at once. A claimed row counts as
    /// sent until [`Feedback::delivery_failed`] releases it, so a crash
    /// between the two never sends a notice twice.
    pub async fn claim_deliveries(&self, smtp: bool, public_url: &str, now: DateTime<Utc>, limit: u64) -> StoreResult<Vec<Delivery>> {
        let tx = self.store.begin_write().await?;
        let rows = feedback_outbox::Entity::find()
            .filter(feedback_outbox::Column::SentAt.is_null())
            .filter(sea_orm::Condition::any().add(feedback_outbox::Column::NextAttemptAt.is_null()).add(feedback_outbox::Column::NextAttemptAt.lte(now)))
            .order_by_asc(feedback_outbox::Column::Id)
            .paginate(&tx, limit.max(1))
            .fetch_page(0)
            .await?;
        let mut out = Vec::new();
        for row in rows {
            let Some(kind) = NoticeKind::from_code(&row.kind) else { continue };
            let email = if smtp && row.recipient == REPORTER && row.attempts < MAX_ATTEMPTS {
                feedback_contact::Entity::find_by_id(row.item_id).one(&tx).await?.map(|c| c.email).filter(|e| !e.is_empty())
            } else {
                None
            };
            let code = feedback_item::Entity::find_by_id(row.item_id).one(&tx).await?.map(|i| i.code).unwrap_or_default();
            let id = row.id;
            let attempts = row.attempts;
            let mut a: feedback_outbox::ActiveModel = row.into();
            a.sent_at = Set(Some(now));
            match email {
                Some(to) => {
                    a.delivered_by = Set("sending".to_owned());
                    a.attempts = Set(attempts + 1);
                    let (subject, body) = subject_and_body(kind, &code, public_url);
                    out.push(Delivery { id, to, subject, body });
                }
                None => {
                    a.delivered_by = Set("back_office".to_owned());
                    tracing::info!(notice = id, kind = kind.code(), item = %code, "feedback notice shown in the back office");
                }
            }
            a.update(&tx).await?;
        }
        tx.commit().await?;
        Ok(out)
    }

    /// Notices waiting to be delivered (not yet claimed), whatever their
    /// next try: the outbox backlog of `/metrics`.
    pub async fn outbox_backlog(&self) -> StoreResult<u64> {
        Ok(feedback_outbox::Entity::find().filter(feedback_outbox::Column::SentAt.is_null()).count(&self.store.read).await?)
    }

    /// Marks claimed notice `id` as e-mailed.
    pub async fn delivered(&self, id: i32) -> StoreResult<()> {
        let tx = self.store.begin_write().await?;
        if let Some(row) = feedback_outbox::Entity::find_by_id(id).one(&tx).await? {
            let mut a: feedback_outbox::ActiveModel = row.into();
            a.delivered_by = Set("smtp".to_owned());
            a.update(&tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Releases claimed notice `id` after a failed delivery, with `error`,
    /// for another try [`RETRY_MINUTES`] × attempts later (after
    /// [`MAX_ATTEMPTS`] it goes to the back office).
    pub async fn delivery_failed(&self, id: i32, error: &str, now: DateTime<Utc>) -> StoreResult<()> {
        let tx = self.store.begin_write().await?;
        if let Some(row) = feedback_outbox::Entity::find_by_id(id).one(&tx).await? {
            let wait = RETRY_MINUTES * i64::from(row.attempts.max(1));
            let mut a: feedback_outbox::ActiveModel = row.into();
            a.sent_at = Set(None);
            a.delivered_by = Set(String::new());
            a.last_error = Set(error.chars().take(500).collect());
            a.next_attempt_at = Set(Some(now + Duration::minutes(wait)));
            a.update(&tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// `actor`'s reminders in the back office not yet dismissed, newest
    /// first (at most 50).
    pub async fn notices(&self, actor: &Actor) -> StoreResult<Vec<Notice>> {
        let db = &self.store.read;
        let rows = feedback_outbox::Entity::find()
            .filter(feedback_outbox::Column::Recipient.eq(format!("user:{}", actor.username)))
            .filter(feedback_outbox::Column::ReadAt.is_null())
            .order_by_desc(feedback_outbox::Column::Id)
            .paginate(db, 50)
            .fetch_page(0)
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let Some(kind) = NoticeKind::from_code(&r.kind) else { continue };
            let Some(item) = feedback_item::Entity::find_by_id(r.item_id).one(db).await? else { continue };
            // a reminder of an item answered since is no longer news
            if !OPEN.iter().any(|s| s.code() == item.status) {
                continue;
            }
            out.push(Notice { id: r.id, kind, item_id: item.id, code: item.code, title: item.title, deadline_at: item.deadline_at, created_at: r.created_at });
        }
        Ok(out)
    }

    /// Dismisses `actor`'s notice `id` (another's is left alone).
    pub async fn dismiss_notice(&self, actor: &Actor, id: i32, now: DateTime<Utc>) -> StoreResult<()> {
        let tx = self.store.begin_write().await?;
        if let Some(row) = feedback_outbox::Entity::find_by_id(id).one(&tx).await?
            && row.recipient == format!("user:{}", actor.username)
        {
            let mut a: feedback_outbox::ActiveModel = row.into();
            a.read_at = Set(Some(now));
            a.update(&tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
