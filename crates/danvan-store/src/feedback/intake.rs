//! Intake: an item from any channel becomes one committed record with its
//! tracking code before anything is acknowledged; its receipt page is
//! reached by a random token for [`RECEIPT_HOURS`]; the reporter follows it
//! with the code plus the phone or e-mail given (the code alone is worth
//! nothing). Submissions and failed lookups are rate-limited by the salted
//! hash of the sender's address, counted in the database so that the limit
//! holds across instances.

use super::{Feedback, record, rule_of};
use crate::entity::{feedback_attempt, feedback_category, feedback_contact, feedback_item};
use crate::error::{StoreError, field};
use crate::scope::check_scope;
use crate::{Actor, StoreResult};
use chrono::{DateTime, Duration, Utc};
use danvan_calendar::WorkingCalendar;
use danvan_domain::ErrorCode;
use danvan_domain::audit::{AuditAction, AuditParams};
use danvan_domain::editorial::Action;
use danvan_domain::feedback::code::{TrackingCode, generate};
use danvan_domain::feedback::{Channel, CountFrom, NewItem, Status, check_new_item, normalize_email, normalize_phone};
use rand::Rng;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use serde::Serialize;

/// Submissions one address may make in an hour on the public channels.
pub const SUBMISSIONS_PER_HOUR: u64 = 10;

/// How long a receipt page can be opened after the item was received.
pub const RECEIPT_HOURS: i64 = 24;

/// What the submitter is given once the item is committed.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Submitted {
    pub id: i32,
    pub code: TrackingCode,
    /// Opens the receipt page (`/phan-anh/bien-nhan/{token}`).
    pub receipt_token: String,
}

/// The printable receipt: what was received, when, its code and the
/// deadline when it runs from receipt. No personal data.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Receipt {
    pub code: String,
    pub title: String,
    pub category: String,
    pub channel: String,
    pub received_at: DateTime<Utc>,
    pub deadline_at: Option<DateTime<Utc>>,
    /// Whether the reporter gave a phone, an e-mail (to say which one the
    /// lookup takes, without showing it).
    pub has_phone: bool,
    pub has_email: bool,
}

/// The top of the organisation tree: where an item of a category without
/// a unit waits to be assigned.
pub(super) async fn root_unit<C: ConnectionTrait>(db: &C) -> StoreResult<i32> {
    use crate::entity::org_unit;
    use sea_orm::QueryOrder;
    org_unit::Entity::find()
        .filter(org_unit::Column::ParentId.is_null())
        .order_by_asc(org_unit::Column::Id)
        .one(db)
        .await?
        .map(|u| u.id)
        .ok_or(StoreError::Rule(ErrorCode::RecordNotFound))
}

/// Counts attempts of `kind` by `key_hash` since `since`.
pub(super) async fn attempts<C: ConnectionTrait>(db: &C, kind: &str, key_hash: &str, since: DateTime<Utc>) -> StoreResult<u64> {
    Ok(feedback_attempt::Entity::find()
        .filter(feedback_attempt::Column::Kind.eq(kind))
        .filter(feedback_attempt::Column::KeyHash.eq(key_hash))
        .filter(feedback_attempt::Column::At.gt(since))
        .count(db)
        .await?)
}

pub(super) async fn note_attempt<C: ConnectionTrait>(db: &C, kind: &str, key_hash: &str, at: DateTime<Utc>) -> StoreResult<()> {
    feedback_attempt::ActiveModel { kind: Set(kind.to_owned()), key_hash: Set(key_hash.to_owned()), at: Set(at), ..Default::default() }.insert(db).await?;
    Ok(())
}

impl Feedback<'_> {
    /// Records a new item received on `channel` at `now`, with its code,
    /// its deadline when the category's days run from receipt, its
    /// reporter's contact (kept apart) and the first line of its history,
    /// in one transaction; only then is anything returned.
    ///
    /// The web form (`logged_by` `None`) needs the reporter's consent and
    /// is limited to [`SUBMISSIONS_PER_HOUR`] per `source_hash` (the salted
    /// hash of the address). A hotline call or in-person reception is
    /// entered by `logged_by`, who needs [`Action::ReceiveFeedback`].
    ///
    /// Errors: a field of `check_new_item` (the first); field
    /// `category_id` `feedback.category_required` (no such active
    /// category); `request.rate_limited`; `forbidden`.
    pub async fn submit(
        &self,
        item: &NewItem,
        channel: Channel,
        logged_by: Option<&Actor>,
        source_hash: &str,
        calendar: &WorkingCalendar,
        now: DateTime<Utc>,
    ) -> StoreResult<Submitted> {
        if let Some((f, code)) = check_new_item(item, logged_by.is_none()).into_iter().next() {
            return Err(field(f, code));
        }
        let tx = self.store.begin_write().await?;
        match logged_by {
            Some(actor) => {
                check_scope(&tx, actor, Action::ReceiveFeedback, None).await?;
            }
            None => {
                if attempts(&tx, "submit", source_hash, now - Duration::hours(1)).await? >= SUBMISSIONS_PER_HOUR {
                    return Err(StoreError::Rule(ErrorCode::RateLimited));
                }
                note_attempt(&tx, "submit", source_hash, now).await?;
            }
        }
        let category = feedback_category::Entity::find_by_id(item.category_id.unwrap_or(0))
            .filter(feedback_category::Column::IsActive.eq(true))
            .one(&tx)
            .await?
            .ok_or_else(|| field("category_id", "feedback.category_required"))?;
        let rule = rule_of(&category);
        let deadline_at = match rule.from {
            CountFrom::Receipt => {
                let day = now.with_timezone(&danvan_domain::time::vietnam()).date_naive();
                let d = rule.deadline(calendar, day, 0).map_err(|_| field("category_id", "feedback.deadline_out_of_range"))?;
                Some(d.at.with_timezone(&Utc))
            }
            CountFrom::Acceptance => None,
        };
        // a fresh code (36 bits: a clash is rare; try again if one happens)
        let mut code = generate(rand::rng().random());
        for _ in 0..8 {
            let taken = feedback_item::Entity::find().filter(feedback_item::Column::Code.eq(code.as_str())).count(&tx).await? > 0;
            if !taken {
                break;
            }
            code = generate(rand::rng().random());
        }
        let token = danvan_domain::accounts::random_secret();
        let clean = |s: &str| danvan_text::collapse_spaces(&danvan_text::normalize_input(s));
        let stored = feedback_item::ActiveModel {
            code: Set(code.as_str().to_owned()),
            receipt_token: Set(token.clone()),
            channel: Set(channel.code().to_owned()),
            category_id: Set(category.id),
            title: Set(clean(&item.title)),
            content: Set(danvan_text::normalize_input(item.content.trim())),
            place: Set(clean(&item.place)),
            status: Set(Status::Received.code().to_owned()),
            unit_id: Set(Some(match category.unit_id {
                Some(u) => u,
                None => root_unit(&tx).await?,
            })),
            received_at: Set(now),
            accepted_at: Set(None),
            deadline_at: Set(deadline_at),
            extensions: Set(0),
            reopened: Set(false),
            duplicate_of: Set(None),
            answer: Set(String::new()),
            answered_at: Set(None),
            published: Set(false),
            rating: Set(None),
            logged_by: Set(logged_by.map(|a| a.username.clone()).unwrap_or_default()),
            source_hash: Set(source_hash.to_owned()),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&tx)
        .await?;
        feedback_contact::ActiveModel {
            item_id: Set(stored.id),
            name: Set(clean(&item.name)),
            phone: Set(normalize_phone(&item.phone).unwrap_or_default()),
            email: Set(normalize_email(&item.email).unwrap_or_default()),
            consent: Set(item.consent),
            erased_at: Set(None),
        }
        .insert(&tx)
        .await?;
        let who = logged_by.cloned().unwrap_or_else(citizen);
        record(&tx, &who, stored.id, AuditAction::FeedbackReceive, AuditParams::new().with("code", code.as_str()).with("channel", channel.code()), false).await?;
        tx.commit().await?;
        Ok(Submitted { id: stored.id, code, receipt_token: token })
    }

    /// The receipt of the item whose receipt token is `token`, within
    /// [`RECEIPT_HOURS`] of its receipt; `None` otherwise.
    pub async fn receipt(&self, token: &str, now: DateTime<Utc>) -> StoreResult<Option<Receipt>> {
        if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Ok(None);
        }
        let db = &self.store.read;
        let Some(item) = feedback_item::Entity::find().filter(feedback_item::Column::ReceiptToken.eq(token)).one(db).await? else { return Ok(None) };
        if now - item.received_at > Duration::hours(RECEIPT_HOURS) {
            return Ok(None);
        }
        let category = feedback_category::Entity::find_by_id(item.category_id).one(db).await?.map(|c| c.name).unwrap_or_default();
        let contact = feedback_contact::Entity::find_by_id(item.id).one(db).await?;
        Ok(Some(Receipt {
            code: item.code,
            title: item.title,
            category,
            channel: item.channel,
            received_at: item.received_at,
            deadline_at: item.deadline_at,
            has_phone: contact.as_ref().is_some_and(|c| !c.phone.is_empty()),
            has_email: contact.as_ref().is_some_and(|c| !c.email.is_empty()),
        }))
    }

}

/// The citizen who wrote in on the web form, as the history names them
/// (never by name: "người dân").
pub(super) fn citizen() -> Actor {
    Actor {
        username: "nguoi-dan".to_owned(),
        display_name: danvan_domain::messages::t("feedback.citizen", danvan_domain::messages::Lang::Vi).to_owned(),
        ..Actor::scheduler()
    }
}
