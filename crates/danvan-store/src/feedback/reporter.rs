//! The reporter's side after intake: following an item with its code plus
//! the phone or e-mail given (the code alone is worth nothing), rating the
//! answer (1–5) and reopening it once with a comment, both with the
//! short-lived ticket the lookup gave. Every failed lookup counts against
//! the sender's address, so codes cannot be guessed.

use super::intake::{attempts, citizen, note_attempt};
use super::{Feedback, record, rule_of};
use crate::entity::{feedback_category, feedback_contact, feedback_item};
use crate::error::{StoreError, field};
use crate::StoreResult;
use chrono::{DateTime, Duration, Utc};
use danvan_calendar::WorkingCalendar;
use danvan_domain::ErrorCode;
use danvan_domain::audit::{AuditAction, AuditParams};
use danvan_domain::feedback::code::{TrackingCode, parse};
use danvan_domain::feedback::{Status, Step, can_step, normalize_email, normalize_phone, status_after};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde::Serialize;

/// Failed lookups one address may make in [`LOOKUP_WINDOW_MINUTES`].
pub const LOOKUP_FAILURES_PER_WINDOW: u64 = 10;

/// The window of the lookup limit, in minutes.
pub const LOOKUP_WINDOW_MINUTES: i64 = 15;

/// The longest reopening comment, in characters.
pub const MAX_COMMENT_CHARS: usize = 2_000;

/// What the reporter sees when following an item: its status, deadline
/// and, once answered, the answer (a duplicate shows its main item's
/// answer). No personal data, no internal notes.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct LookupView {
    pub code: String,
    pub title: String,
    pub category: String,
    pub status: String,
    pub received_at: DateTime<Utc>,
    pub deadline_at: Option<DateTime<Utc>>,
    pub answer: Option<String>,
    pub answered_at: Option<DateTime<Utc>>,
    /// The reporter's rating of the answer, 1–5.
    pub rating: Option<i16>,
    /// The answer can be rated now.
    pub can_rate: bool,
    /// The item can be reopened now (answered, never reopened).
    pub can_reopen: bool,
    /// Linked to a main item with the same matter.
    pub duplicate: bool,
    /// Proves, for [`TICKET_MINUTES`], that the bearer gave the code with
    /// its phone or e-mail: the rating and reopening forms carry it, so
    /// the contact is never written into a page.
    pub ticket: String,
}

/// How long a lookup's ticket is good for, in minutes.
pub const TICKET_MINUTES: i64 = 60;

/// The ticket of item `id` good until `expires` (Unix seconds):
/// `ID.EXPIRES.MAC`, the MAC a salted SHA-256 with the site's secret salt.
fn ticket_for(salt: &str, id: i32, expires: i64) -> String {
    let mac = danvan_domain::rating::salted_hash(salt, "feedback-ticket", &[&id.to_string(), &expires.to_string()]);
    format!("{id}.{expires}.{mac}")
}

/// Equal, compared in time that does not depend on where they differ.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

impl Feedback<'_> {
    /// The item with tracking code `code` when `contact` is the phone or
    /// the e-mail its reporter gave (compared as normalized); `None`
    /// otherwise, and the failure counts against `source_hash`: after
    /// [`LOOKUP_FAILURES_PER_WINDOW`] failures in
    /// [`LOOKUP_WINDOW_MINUTES`] every lookup from it is refused, right or
    /// wrong, so codes cannot be guessed.
    ///
    /// Errors: `request.rate_limited`.
    pub async fn lookup(&self, code: &str, contact: &str, source_hash: &str, now: DateTime<Utc>) -> StoreResult<Option<LookupView>> {
        match self.reporter_item(code, contact, source_hash, now).await? {
            Some(m) => Ok(Some(self.lookup_view(m, now).await?)),
            None => Ok(None),
        }
    }

    /// The item `code` + `contact` name, counting a failure against
    /// `source_hash` (see [`Feedback::lookup`]).
    async fn reporter_item(&self, code: &str, contact: &str, source_hash: &str, now: DateTime<Utc>) -> StoreResult<Option<feedback_item::Model>> {
        let since = now - Duration::minutes(LOOKUP_WINDOW_MINUTES);
        if attempts(&self.store.read, "lookup_failure", source_hash, since).await? >= LOOKUP_FAILURES_PER_WINDOW {
            return Err(StoreError::Rule(ErrorCode::RateLimited));
        }
        let found = match parse(code) {
            Ok(code) => self.matching(&code, contact).await?,
            Err(_) => None,
        };
        if found.is_none() {
            let tx = self.store.begin_write().await?;
            note_attempt(&tx, "lookup_failure", source_hash, now).await?;
            tx.commit().await?;
        }
        Ok(found)
    }

    async fn matching(&self, code: &TrackingCode, contact: &str) -> StoreResult<Option<feedback_item::Model>> {
        let db = &self.store.read;
        let Some(item) = feedback_item::Entity::find().filter(feedback_item::Column::Code.eq(code.as_str())).one(db).await? else { return Ok(None) };
        let Some(c) = feedback_contact::Entity::find_by_id(item.id).one(db).await? else { return Ok(None) };
        let phone = normalize_phone(contact);
        let email = normalize_email(contact);
        let matches = phone.is_some_and(|p| !c.phone.is_empty() && same(&p, &c.phone))
            || email.is_some_and(|e| !c.email.is_empty() && same(&e, &c.email));
        Ok(matches.then_some(item))
    }

    async fn salt(&self) -> StoreResult<String> {
        use sea_orm::QueryOrder;
        Ok(crate::entity::site::Entity::find().order_by_asc(crate::entity::site::Column::Id).one(&self.store.read).await?.map(|s| s.vote_salt).unwrap_or_default())
    }

    /// The item a ticket of [`LookupView::ticket`] names, when it is
    /// genuine and not expired at `now`.
    ///
    /// Errors: field `ticket` (`feedback.ticket_invalid`).
    async fn ticket_item(&self, ticket: &str, now: DateTime<Utc>) -> StoreResult<feedback_item::Model> {
        let bad = || field("ticket", "feedback.ticket_invalid");
        let mut parts = ticket.splitn(3, '.');
        let id: i32 = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
        let expires: i64 = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
        let salt = self.salt().await?;
        if salt.is_empty() || expires < now.timestamp() || !same(&ticket_for(&salt, id, expires), ticket) {
            return Err(bad());
        }
        feedback_item::Entity::find_by_id(id).one(&self.store.read).await?.ok_or_else(bad)
    }

    async fn lookup_view(&self, item: feedback_item::Model, now: DateTime<Utc>) -> StoreResult<LookupView> {
        let db = &self.store.read;
        let ticket = ticket_for(&self.salt().await?, item.id, now.timestamp() + TICKET_MINUTES * 60);
        let category = feedback_category::Entity::find_by_id(item.category_id).one(db).await?.map(|c| c.name).unwrap_or_default();
        let status = Status::from_code(&item.status);
        let (answer, answered_at) = match status {
            Some(Status::Answered) => (Some(item.answer.clone()), item.answered_at),
            Some(Status::Duplicate) => match item.duplicate_of {
                Some(main) => match feedback_item::Entity::find_by_id(main).one(db).await? {
                    Some(m) if m.status == Status::Answered.code() => (Some(m.answer), m.answered_at),
                    _ => (None, None),
                },
                None => (None, None),
            },
            _ => (None, None),
        };
        Ok(LookupView {
            can_rate: status == Some(Status::Answered),
            can_reopen: status.is_some_and(|s| can_step(s, Step::Reopen, item.reopened)),
            duplicate: status == Some(Status::Duplicate),
            code: item.code,
            title: item.title,
            category,
            status: item.status,
            received_at: item.received_at,
            deadline_at: item.deadline_at,
            answer,
            answered_at,
            rating: item.rating,
            ticket,
        })
    }

    /// The item as its reporter sees it, for the holder of a genuine,
    /// unexpired `ticket`; `None` otherwise.
    pub async fn follow(&self, ticket: &str, now: DateTime<Utc>) -> StoreResult<Option<LookupView>> {
        match self.ticket_item(ticket, now).await {
            Ok(m) => Ok(Some(self.lookup_view(m, now).await?)),
            Err(StoreError::Field { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// The reporter who holds `ticket` (from [`Feedback::lookup`]) rates
    /// the answer `rating` (1–5); a later rating replaces the earlier one.
    /// Returns the item as the reporter now sees it.
    ///
    /// Errors: field `rating` (`feedback.rating_range`); field `ticket`
    /// (`feedback.ticket_invalid`); field `step`
    /// (`feedback.rate_needs_answer`).
    pub async fn rate(&self, ticket: &str, rating: u8, now: DateTime<Utc>) -> StoreResult<LookupView> {
        if !(1..=5).contains(&rating) {
            return Err(field("rating", "feedback.rating_range"));
        }
        let m = self.ticket_item(ticket, now).await?;
        let tx = self.store.begin_write().await?;
        let m = feedback_item::Entity::find_by_id(m.id).one(&tx).await?.ok_or(StoreError::Rule(ErrorCode::RecordNotFound))?;
        if Status::from_code(&m.status) != Some(Status::Answered) {
            return Err(field("step", "feedback.rate_needs_answer"));
        }
        let id = m.id;
        let mut a: feedback_item::ActiveModel = m.into();
        a.rating = Set(Some(i16::from(rating)));
        a.updated_at = Set(now);
        let m = a.update(&tx).await?;
        record(&tx, &citizen(), id, AuditAction::FeedbackRate, AuditParams::new().with("rating", rating.to_string()), false).await?;
        tx.commit().await?;
        self.lookup_view(m, now).await
    }

    /// The reporter who holds `ticket` reopens the answered item once, with
    /// `comment` (required): the item is open again, with a new deadline
    /// counted from today by its category's rule, and back in the unit's
    /// queue. Returns the item as the reporter now sees it.
    ///
    /// Errors: field `comment` (`feedback.comment_required`,
    /// `feedback.comment_too_long`); field `ticket`; field `step`
    /// (`feedback.reopen_refused`: not answered, or reopened before).
    pub async fn reopen(&self, ticket: &str, comment: &str, calendar: &WorkingCalendar, now: DateTime<Utc>) -> StoreResult<LookupView> {
        let comment = danvan_text::normalize_input(comment.trim());
        if comment.is_empty() {
            return Err(field("comment", "feedback.comment_required"));
        }
        if comment.chars().count() > MAX_COMMENT_CHARS {
            return Err(field("comment", "feedback.comment_too_long"));
        }
        let m = self.ticket_item(ticket, now).await?;
        let tx = self.store.begin_write().await?;
        let m = feedback_item::Entity::find_by_id(m.id).one(&tx).await?.ok_or(StoreError::Rule(ErrorCode::RecordNotFound))?;
        let status = Status::from_code(&m.status).unwrap_or(Status::Received);
        if !can_step(status, Step::Reopen, m.reopened) {
            return Err(field("step", "feedback.reopen_refused"));
        }
        let category = feedback_category::Entity::find_by_id(m.category_id).one(&tx).await?.ok_or(StoreError::Rule(ErrorCode::RecordNotFound))?;
        let today = now.with_timezone(&danvan_domain::time::vietnam()).date_naive();
        let deadline = rule_of(&category).deadline(calendar, today, 0).map_err(|_| field("step", "feedback.deadline_out_of_range"))?.at.with_timezone(&Utc);
        let id = m.id;
        let mut a: feedback_item::ActiveModel = m.into();
        a.status = Set(status_after(Step::Reopen).code().to_owned());
        a.reopened = Set(true);
        a.deadline_at = Set(Some(deadline));
        a.updated_at = Set(now);
        let m = a.update(&tx).await?;
        let shown = deadline.with_timezone(&danvan_domain::time::vietnam()).format("%H:%M %d/%m/%Y").to_string();
        record(&tx, &citizen(), id, AuditAction::FeedbackReopen, AuditParams::new().with("deadline", &shown).with("comment", &comment), false).await?;
        tx.commit().await?;
        self.lookup_view(m, now).await
    }
}
