//! Handling: the staff's queues (filtered by scope in SQL), an item's page
//! with its history and, for staff who may handle it, the reporter's
//! contact (each such read audited), and the steps: accept and assign,
//! refuse, forward, extend, answer, note. Each step is checked by
//! `danvan_domain::feedback::can_step` and the permission table, and is one
//! transaction with its history line.

use super::outbox::NoticeKind;
use super::{DUE_SOON_WORKING_DAYS, Feedback, OPEN, record, rule_of};
use crate::entity::{feedback_category, feedback_contact, feedback_event, feedback_item, org_unit};
use crate::error::{StoreError, field};
use crate::scope::{check_scope, load_tree};
use crate::{Actor, StoreResult};
use chrono::{DateTime, Utc};
use danvan_calendar::WorkingCalendar;
use danvan_domain::ErrorCode;
use danvan_domain::audit::{AuditAction, AuditParams};
use danvan_domain::editorial::{Action, Permissions};
use danvan_domain::feedback::{CountFrom, Status, Step, can_step, status_after};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set};
use serde::Serialize;

/// The longest reason, note or answer, in characters.
pub const MAX_TEXT_CHARS: usize = 10_000;


/// A staff queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Queue {
    /// Received, waiting to be accepted or refused.
    New,
    /// Being handled (accepted or reopened).
    Open,
    /// Open and due within [`DUE_SOON_WORKING_DAYS`] working days.
    DueSoon,
    /// Open (or received) past its deadline.
    Overdue,
    /// Everything.
    All,
}

/// A row of a queue.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ItemRow {
    pub id: i32,
    pub code: String,
    pub title: String,
    pub status: String,
    pub channel: String,
    pub unit_id: Option<i32>,
    pub received_at: DateTime<Utc>,
    pub deadline_at: Option<DateTime<Utc>>,
}

/// One line of an item's history.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct StepView {
    pub at: DateTime<Utc>,
    pub username: String,
    pub summary: String,
    pub internal: bool,
}

/// An item's page for staff.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ItemView {
    pub row: ItemRow,
    pub content: String,
    pub place: String,
    pub category_id: i32,
    pub category: String,
    pub answer: String,
    pub extensions: i16,
    pub max_extensions: u8,
    pub logged_by: String,
    /// The reporter's name, phone and e-mail: only for staff who may
    /// handle the item ([`Action::ViewFeedback`] on its unit).
    pub contact: Option<(String, String, String)>,
    /// The reporter's personal data was erased on request.
    pub contact_erased: bool,
    pub history: Vec<StepView>,
    pub published: bool,
    /// The reporter's rating of the answer, 1–5.
    pub rating: Option<i16>,
    pub reopened: bool,
    /// The main item (id, code) of a duplicate.
    pub duplicate_of: Option<(i32, String)>,
    /// The duplicates linked to this item (id, code).
    pub duplicates: Vec<(i32, String)>,
    /// The media URL an Open311 client sent (empty when none or erased);
    /// staff only, never in an answer.
    pub media_url: String,
    /// Where an Open311 client said the item is: latitude and longitude
    /// (WGS 84, degrees) and its own address id (empty when none or
    /// erased); staff only.
    pub coordinates: Option<(f64, f64)>,
    pub address_id: String,
}

fn row_of(m: &feedback_item::Model) -> ItemRow {
    ItemRow {
        id: m.id,
        code: m.code.clone(),
        title: m.title.clone(),
        status: m.status.clone(),
        channel: m.channel.clone(),
        unit_id: m.unit_id,
        received_at: m.received_at,
        deadline_at: m.deadline_at,
    }
}


fn clean_text(s: &str) -> Result<String, StoreError> {
    let t = danvan_text::normalize_input(s.trim());
    if t.chars().count() > MAX_TEXT_CHARS {
        return Err(field("text", "feedback.text_too_long"));
    }
    Ok(t)
}

fn vietnam_date(t: DateTime<Utc>) -> chrono::NaiveDate {
    t.with_timezone(&danvan_domain::time::vietnam()).date_naive()
}

fn shown_deadline(t: DateTime<Utc>) -> String {
    t.with_timezone(&danvan_domain::time::vietnam()).format("%H:%M %d/%m/%Y").to_string()
}

impl Feedback<'_> {
    /// Queue `q` of the items `actor` may see ([`Action::ViewFeedback`]
    /// scopes, in SQL), soonest deadline first, page `page` (1-based), with
    /// the total; `calendar` and `now` place "due soon" and "overdue".
    pub async fn queue(&self, actor: &Actor, q: Queue, calendar: &WorkingCalendar, now: DateTime<Utc>, page: u64, per_page: u64) -> StoreResult<(Vec<ItemRow>, u64)> {
        let db = &self.store.read;
        let tree = load_tree(db).await?;
        let p = Permissions { grants: &actor.grants, tree: &tree };
        let units: Vec<i32> = tree.units().filter(|u| p.can(Action::ViewFeedback, Some(*u))).collect();
        let open: Vec<&str> = OPEN.iter().map(|s| s.code()).collect();
        let mut s = feedback_item::Entity::find().filter(feedback_item::Column::UnitId.is_in(units));
        s = match q {
            Queue::New => s.filter(feedback_item::Column::Status.eq(Status::Received.code())),
            Queue::Open => s.filter(feedback_item::Column::Status.is_in([Status::Accepted.code(), Status::Reopened.code()])),
            Queue::DueSoon => {
                let soon = calendar.add_working_days(vietnam_date(now), DUE_SOON_WORKING_DAYS).map(|d| d.at.with_timezone(&Utc)).unwrap_or(now);
                s.filter(feedback_item::Column::Status.is_in(open.clone()))
                    .filter(feedback_item::Column::DeadlineAt.gte(now))
                    .filter(feedback_item::Column::DeadlineAt.lte(soon))
            }
            Queue::Overdue => s.filter(feedback_item::Column::Status.is_in(open.clone())).filter(feedback_item::Column::DeadlineAt.lt(now)),
            Queue::All => s,
        };
        let s = s.order_by_asc(feedback_item::Column::DeadlineAt).order_by_asc(feedback_item::Column::Id);
        let total = s.clone().count(db).await?;
        let rows = s.paginate(db, per_page.max(1)).fetch_page(page.saturating_sub(1)).await?;
        Ok((rows.iter().map(row_of).collect(), total))
    }

    /// Item `id` for `actor`, with its history (internal notes included)
    /// and the reporter's contact; `None` unless `actor` may see it
    /// ([`Action::ViewFeedback`] on its unit). Opening the contact is
    /// written to the audit log.
    pub async fn item(&self, actor: &Actor, id: i32) -> StoreResult<Option<ItemView>> {
        let db = &self.store.read;
        let Some(m) = feedback_item::Entity::find_by_id(id).one(db).await? else { return Ok(None) };
        let tree = load_tree(db).await?;
        if !(Permissions { grants: &actor.grants, tree: &tree }).can(Action::ViewFeedback, m.unit_id) {
            return Ok(None);
        }
        let category = feedback_category::Entity::find_by_id(m.category_id).one(db).await?;
        let contact_row = feedback_contact::Entity::find_by_id(id).one(db).await?;
        let contact_erased = contact_row.as_ref().is_some_and(|c| c.erased_at.is_some());
        let contact = contact_row.map(|c| (c.name, c.phone, c.email));
        let duplicate_of = match m.duplicate_of {
            Some(main) => feedback_item::Entity::find_by_id(main).one(db).await?.map(|x| (x.id, x.code)),
            None => None,
        };
        let duplicates = feedback_item::Entity::find()
            .filter(feedback_item::Column::DuplicateOf.eq(id))
            .order_by_asc(feedback_item::Column::Id)
            .all(db)
            .await?
            .into_iter()
            .map(|x| (x.id, x.code))
            .collect();
        let history = feedback_event::Entity::find()
            .filter(feedback_event::Column::ItemId.eq(id))
            .order_by_desc(feedback_event::Column::Id)
            .all(db)
            .await?
            .into_iter()
            .map(|e| StepView { at: e.at, summary: danvan_domain::audit::render_audit(&e.action, &e.params, "", danvan_domain::Lang::Vi), username: e.username, internal: e.internal })
            .collect();
        let open311 = crate::entity::feedback_open311::Entity::find_by_id(id).one(db).await?;
        let coordinates = open311.as_ref().and_then(|o| o.lat.zip(o.long));
        let (media_url, address_id) = open311.map(|o| (o.media_url, o.address_id)).unwrap_or_default();
        let tx = self.store.begin_write().await?;
        crate::audit::audit(&tx, actor, AuditAction::FeedbackViewContact, "feedback_item", Some(id), AuditParams::new()).await?;
        tx.commit().await?;
        Ok(Some(ItemView {
            row: row_of(&m),
            content: m.content,
            place: m.place,
            category_id: m.category_id,
            category: category.as_ref().map(|c| c.name.clone()).unwrap_or_default(),
            answer: m.answer,
            extensions: m.extensions,
            max_extensions: category.as_ref().map(|c| rule_of(c).max_extensions).unwrap_or(0),
            logged_by: m.logged_by,
            contact,
            contact_erased,
            history,
            published: m.published,
            rating: m.rating,
            reopened: m.reopened,
            duplicate_of,
            duplicates,
            media_url,
            coordinates,
            address_id,
        }))
    }

    /// The item for a step: it exists, `actor` may take `action` on its
    /// unit, and the domain allows `step` from its status.
    async fn for_step(&self, tx: &sea_orm::DatabaseTransaction, actor: &Actor, id: i32, action: Action, step: Step) -> StoreResult<feedback_item::Model> {
        let m = feedback_item::Entity::find_by_id(id).one(tx).await?.ok_or(StoreError::Rule(ErrorCode::RecordNotFound))?;
        check_scope(tx, actor, action, m.unit_id).await?;
        let status = Status::from_code(&m.status).unwrap_or(Status::Received);
        if !can_step(status, step, m.reopened) {
            return Err(field("step", "feedback.step_refused"));
        }
        Ok(m)
    }

    async fn unit_name(tx: &sea_orm::DatabaseTransaction, unit: i32) -> StoreResult<String> {
        org_unit::Entity::find_by_id(unit).one(tx).await?.map(|u| u.name).ok_or_else(|| field("unit_id", "feedback.unit_unknown"))
    }

    /// Accepts item `id` and assigns it to `unit` (needs
    /// [`Action::ReceiveFeedback`] on the item's unit and on `unit`); when
    /// the category's days run from acceptance the deadline is counted now.
    ///
    /// Errors: `record.not_found`; `forbidden`; field `step`
    /// (`feedback.step_refused`); field `unit_id` (`feedback.unit_unknown`).
    pub async fn accept(&self, actor: &Actor, id: i32, unit: i32, calendar: &WorkingCalendar, now: DateTime<Utc>) -> StoreResult<()> {
        let tx = self.store.begin_write().await?;
        let m = self.for_step(&tx, actor, id, Action::ReceiveFeedback, Step::Accept).await?;
        let name = Self::unit_name(&tx, unit).await?;
        check_scope(&tx, actor, Action::ReceiveFeedback, Some(unit)).await?;
        let category = feedback_category::Entity::find_by_id(m.category_id).one(&tx).await?.ok_or(StoreError::Rule(ErrorCode::RecordNotFound))?;
        let rule = rule_of(&category);
        let deadline = match (rule.from, m.deadline_at) {
            (CountFrom::Acceptance, _) | (_, None) => {
                Some(rule.deadline(calendar, vietnam_date(now), 0).map_err(|_| field("unit_id", "feedback.deadline_out_of_range"))?.at.with_timezone(&Utc))
            }
            (CountFrom::Receipt, Some(d)) => Some(d),
        };
        let mut a: feedback_item::ActiveModel = m.into();
        a.status = Set(status_after(Step::Accept).code().to_owned());
        a.unit_id = Set(Some(unit));
        a.accepted_at = Set(Some(now));
        a.deadline_at = Set(deadline);
        a.updated_at = Set(now);
        a.update(&tx).await?;
        let shown = deadline.map(shown_deadline).unwrap_or_default();
        record(&tx, actor, id, AuditAction::FeedbackAccept, AuditParams::new().with("unit", &name).with("deadline", &shown), false).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Refuses item `id` with `reason` (required). Needs
    /// [`Action::ReceiveFeedback`] on its unit.
    ///
    /// Errors: `record.not_found`; `forbidden`; field `step`; field
    /// `reason` (`feedback.reason_required`).
    pub async fn refuse(&self, actor: &Actor, id: i32, reason: &str, now: DateTime<Utc>) -> StoreResult<()> {
        let reason = clean_text(reason)?;
        if reason.is_empty() {
            return Err(field("reason", "feedback.reason_required"));
        }
        let tx = self.store.begin_write().await?;
        let m = self.for_step(&tx, actor, id, Action::ReceiveFeedback, Step::Refuse).await?;
        let mut a: feedback_item::ActiveModel = m.into();
        a.status = Set(status_after(Step::Refuse).code().to_owned());
        a.updated_at = Set(now);
        a.update(&tx).await?;
        record(&tx, actor, id, AuditAction::FeedbackRefuse, AuditParams::new().with("reason", &reason), false).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Forwards item `id` to `unit` with `reason` (required); the deadline
    /// stays. Needs [`Action::ReceiveFeedback`] on its unit and on `unit`.
    ///
    /// Errors: as [`Feedback::accept`]; field `reason`.
    pub async fn forward(&self, actor: &Actor, id: i32, unit: i32, reason: &str, now: DateTime<Utc>) -> StoreResult<()> {
        let reason = clean_text(reason)?;
        if reason.is_empty() {
            return Err(field("reason", "feedback.reason_required"));
        }
        let tx = self.store.begin_write().await?;
        let m = self.for_step(&tx, actor, id, Action::ReceiveFeedback, Step::Forward).await?;
        let name = Self::unit_name(&tx, unit).await?;
        check_scope(&tx, actor, Action::ReceiveFeedback, Some(unit)).await?;
        let mut a: feedback_item::ActiveModel = m.into();
        a.unit_id = Set(Some(unit));
        a.updated_at = Set(now);
        a.update(&tx).await?;
        record(&tx, actor, id, AuditAction::FeedbackForward, AuditParams::new().with("unit", &name).with("reason", &reason), false).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Extends item `id`'s deadline once more (the category's days counted
    /// from the current deadline), with `reason` (required), up to the
    /// category's number of extensions. Needs [`Action::ReceiveFeedback`].
    ///
    /// Errors: as [`Feedback::refuse`]; field `step`
    /// (`feedback.no_more_extensions`).
    pub async fn extend(&self, actor: &Actor, id: i32, reason: &str, calendar: &WorkingCalendar, now: DateTime<Utc>) -> StoreResult<()> {
        let reason = clean_text(reason)?;
        if reason.is_empty() {
            return Err(field("reason", "feedback.reason_required"));
        }
        let tx = self.store.begin_write().await?;
        let m = self.for_step(&tx, actor, id, Action::ReceiveFeedback, Step::Extend).await?;
        let category = feedback_category::Entity::find_by_id(m.category_id).one(&tx).await?.ok_or(StoreError::Rule(ErrorCode::RecordNotFound))?;
        let rule = rule_of(&category);
        if m.extensions >= i16::from(rule.max_extensions) {
            return Err(field("step", "feedback.no_more_extensions"));
        }
        let from = vietnam_date(m.deadline_at.unwrap_or(now));
        let deadline = rule.deadline(calendar, from, 0).map_err(|_| field("step", "feedback.deadline_out_of_range"))?.at.with_timezone(&Utc);
        let extensions = m.extensions + 1;
        let mut a: feedback_item::ActiveModel = m.into();
        a.deadline_at = Set(Some(deadline));
        a.extensions = Set(extensions);
        a.updated_at = Set(now);
        a.update(&tx).await?;
        record(&tx, actor, id, AuditAction::FeedbackExtend, AuditParams::new().with("deadline", shown_deadline(deadline)).with("reason", &reason), false).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Answers item `id` with `answer` (required; what the reporter reads).
    /// Needs [`Action::AnswerFeedback`] on its unit.
    ///
    /// Errors: `record.not_found`; `forbidden`; field `step`; field `text`
    /// (`feedback.answer_required`, `feedback.text_too_long`).
    pub async fn answer(&self, actor: &Actor, id: i32, answer: &str, now: DateTime<Utc>) -> StoreResult<()> {
        let answer = clean_text(answer)?;
        if answer.is_empty() {
            return Err(field("text", "feedback.answer_required"));
        }
        let tx = self.store.begin_write().await?;
        let m = self.for_step(&tx, actor, id, Action::AnswerFeedback, Step::Answer).await?;
        let mut a: feedback_item::ActiveModel = m.into();
        a.status = Set(status_after(Step::Answer).code().to_owned());
        a.answer = Set(answer);
        a.answered_at = Set(Some(now));
        a.updated_at = Set(now);
        a.update(&tx).await?;
        record(&tx, actor, id, AuditAction::FeedbackAnswer, AuditParams::new(), false).await?;
        // the reporter, and every reporter of a duplicate, is told
        let occasion = now.timestamp().to_string();
        super::outbox::queue(&tx, NoticeKind::Answered, id, super::outbox::REPORTER, &occasion, now).await?;
        let duplicates = feedback_item::Entity::find().filter(feedback_item::Column::DuplicateOf.eq(id)).all(&tx).await?;
        for d in duplicates {
            record(&tx, actor, d.id, AuditAction::FeedbackMainAnswered, AuditParams::new(), false).await?;
            super::outbox::queue(&tx, NoticeKind::MainAnswered, d.id, super::outbox::REPORTER, &occasion, now).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Links item `id` to main item `main_code` (a tracking code) as its
    /// duplicate, with `reason` (required): it is closed, its reporter
    /// follows the main item's answer and is told when it comes. Both
    /// histories say so. Needs [`Action::ReceiveFeedback`] on both items'
    /// units; the main item may not itself be a duplicate, refused or the
    /// item itself. The item's own duplicates are linked to the main item
    /// with it (each history says so).
    ///
    /// Errors: `record.not_found`; `forbidden`; field `step`; field
    /// `reason`; field `main` (`feedback.main_unknown`,
    /// `feedback.main_invalid`).
    pub async fn mark_duplicate(&self, actor: &Actor, id: i32, main_code: &str, reason: &str, now: DateTime<Utc>) -> StoreResult<()> {
        let reason = clean_text(reason)?;
        if reason.is_empty() {
            return Err(field("reason", "feedback.reason_required"));
        }
        let main_code = danvan_domain::feedback::code::parse(main_code).map_err(|_| field("main", "feedback.main_unknown"))?;
        let tx = self.store.begin_write().await?;
        let m = self.for_step(&tx, actor, id, Action::ReceiveFeedback, Step::MarkDuplicate).await?;
        let main = feedback_item::Entity::find()
            .filter(feedback_item::Column::Code.eq(main_code.as_str()))
            .one(&tx)
            .await?
            .ok_or_else(|| field("main", "feedback.main_unknown"))?;
        check_scope(&tx, actor, Action::ReceiveFeedback, main.unit_id).await.map_err(|_| field("main", "feedback.main_unknown"))?;
        let main_status = Status::from_code(&main.status);
        if main.id == m.id || matches!(main_status, Some(Status::Duplicate | Status::Refused)) {
            return Err(field("main", "feedback.main_invalid"));
        }
        let code = m.code.clone();
        let mut a: feedback_item::ActiveModel = m.into();
        a.status = Set(status_after(Step::MarkDuplicate).code().to_owned());
        a.duplicate_of = Set(Some(main.id));
        a.updated_at = Set(now);
        a.update(&tx).await?;
        record(&tx, actor, id, AuditAction::FeedbackDuplicate, AuditParams::new().with("code", &main.code).with("reason", &reason), false).await?;
        record(&tx, actor, main.id, AuditAction::FeedbackDuplicateAdded, AuditParams::new().with("code", &code), false).await?;
        // the item's own duplicates follow it to the main item, so that
        // their reporters too are told when it is answered
        let mut linked = vec![id];
        for d in feedback_item::Entity::find().filter(feedback_item::Column::DuplicateOf.eq(id)).all(&tx).await? {
            let (d_id, d_code) = (d.id, d.code.clone());
            let mut da: feedback_item::ActiveModel = d.into();
            da.duplicate_of = Set(Some(main.id));
            da.updated_at = Set(now);
            da.update(&tx).await?;
            record(&tx, actor, d_id, AuditAction::FeedbackDuplicate, AuditParams::new().with("code", &main.code).with("reason", &reason), false).await?;
            record(&tx, actor, main.id, AuditAction::FeedbackDuplicateAdded, AuditParams::new().with("code", &d_code), false).await?;
            linked.push(d_id);
        }
        if main_status == Some(Status::Answered) {
            // answered already: told at once
            let occasion = main.answered_at.unwrap_or(now).timestamp().to_string();
            for d in linked {
                record(&tx, actor, d, AuditAction::FeedbackMainAnswered, AuditParams::new(), false).await?;
                super::outbox::queue(&tx, NoticeKind::MainAnswered, d, super::outbox::REPORTER, &occasion, now).await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    /// Adds an internal note to item `id` (never shown to the reporter nor
    /// published). Needs [`Action::AnswerFeedback`] on its unit; any
    /// status.
    ///
    /// Errors: `record.not_found`; `forbidden`; field `text`
    /// (`feedback.note_required`, `feedback.text_too_long`).
    pub async fn note(&self, actor: &Actor, id: i32, note: &str) -> StoreResult<()> {
        let note = clean_text(note)?;
        if note.is_empty() {
            return Err(field("text", "feedback.note_required"));
        }
        let tx = self.store.begin_write().await?;
        let m = feedback_item::Entity::find_by_id(id).one(&tx).await?.ok_or(StoreError::Rule(ErrorCode::RecordNotFound))?;
        check_scope(&tx, actor, Action::AnswerFeedback, m.unit_id).await?;
        record(&tx, actor, id, AuditAction::FeedbackNote, AuditParams::new().with("note", &note), true).await?;
        tx.commit().await?;
        Ok(())
    }
}
