//! Intake: an item from any channel becomes one committed record with its
//! tracking code before anything is acknowledged; its receipt page is
//! reached by a random token for [`RECEIPT_HOURS`]; the reporter follows it
//! with the code plus the phone or e-mail given (the code alone is worth
//! nothing). Web submissions and failed lookups are rate-limited by the
//! salted hash of the sender's address, and submissions on every public
//! channel (the web form, Open311) by the salted hashes of the phone and
//! the e-mail given, counted in the database so that the limits hold
//! across instances.

use super::attachments::{NewAttachment, attachment_rows, check_files, put_files};
use super::{Feedback, rule_of};
use crate::entity::{feedback_attempt, feedback_category, feedback_contact, feedback_item, feedback_open311};
use crate::error::{StoreError, field};
use crate::scope::check_scope;
use crate::{Actor, FileStore, StoreResult};
use chrono::{DateTime, Duration, Utc};
use danvan_calendar::WorkingCalendar;
use danvan_domain::ErrorCode;
use danvan_domain::audit::{AuditAction, AuditParams};
use danvan_domain::editorial::Action;
use danvan_domain::feedback::code::{TrackingCode, generate};
use danvan_domain::feedback::{Channel, CountFrom, NewItem, Status, check_new_item, normalize_email, normalize_phone};
use rand::Rng;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect, Set};
use std::future::Future;
use std::pin::Pin;
use serde::Serialize;

/// Submissions one address may make in an hour on the web form.
pub const SUBMISSIONS_PER_HOUR: u64 = 10;

/// Submissions one phone number, and one e-mail address, may make in an
/// hour on the public channels (the web form and Open311).
pub const SUBMISSIONS_PER_CONTACT_PER_HOUR: u64 = 10;

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
    /// How many files were attached.
    pub attachments: u64,
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

/// Who sent an item: it decides the checks and the limits.
#[derive(Clone, Copy)]
enum Sender<'s> {
    /// The public web form, from the salted hash of an address, with the
    /// files attached (already in the file storage under `keys`).
    Web { source_hash: &'s str, files: &'s [NewAttachment], keys: &'s [String] },
    /// A coordinator entering a hotline call or an in-person reception.
    Staff(&'s Actor),
    /// An Open311 client, with what it sent beyond the common item.
    Open311(&'s Open311Sent),
}

/// Everything an item's transaction writes, prepared before it waits for
/// the writer (it travels to the group commit's task, so it owns its data).
pub(crate) struct ItemWrite {
    /// The web form's address hash, limited per hour.
    source_hash: Option<String>,
    /// The salted hashes of the phone and e-mail given, with their fields.
    contact_keys: Vec<(&'static str, String)>,
    item: feedback_item::ActiveModel,
    contact: feedback_contact::ActiveModel,
    open311: Option<feedback_open311::ActiveModel>,
    attachments: Vec<crate::entity::feedback_attachment::ActiveModel>,
    who: Actor,
    /// The channel's code and how many files came with the item (for the
    /// history line).
    channel: &'static str,
    files: usize,
    now: DateTime<Utc>,
}

/// What an Open311 client sends beyond the common item: the key it came
/// with (already checked), where (WGS 84; both or neither), its own
/// address id, and a media URL (kept for staff, never shown in an answer).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Open311Sent {
    pub key_id: i32,
    pub key_name: String,
    pub lat: Option<f64>,
    pub long: Option<f64>,
    pub address_id: String,
    pub media_url: String,
}

/// The keys a submission on a public channel (the web form, Open311) is
/// limited by: the salted hashes (the site's salt) of the normalized
/// phone and e-mail, so that the attempts table holds no personal data.
fn contact_keys(salt: &str, item: &NewItem) -> Vec<(&'static str, String)> {
    let mut keys = Vec::with_capacity(2);
    if let Some(p) = normalize_phone(&item.phone) {
        keys.push(("phone", danvan_domain::rating::salted_hash(salt, "contact", &[&p])));
    }
    if let Some(e) = normalize_email(&item.email) {
        keys.push(("email", danvan_domain::rating::salted_hash(salt, "contact", &[&e])));
    }
    keys
}

/// The group commit of feedback submissions ([`crate::group`]), for
/// [`crate::Store`] to hold.
pub(crate) fn intake_group() -> std::sync::Arc<crate::group::GroupCommit<ItemWrite, Submitted>> {
    std::sync::Arc::new(crate::group::GroupCommit::new(write_batch))
}

fn write_batch<'t>(tx: &'t DatabaseTransaction, items: Vec<ItemWrite>) -> Pin<Box<dyn Future<Output = StoreResult<Vec<StoreResult<Submitted>>>> + Send + 't>> {
    Box::pin(write_items(tx, items))
}

/// The group's answers in order; a job left without one (none is) is an
/// error rather than a lost acknowledgement.
fn answered(answers: Vec<Option<StoreResult<Submitted>>>) -> Vec<StoreResult<Submitted>> {
    answers.into_iter().map(|a| a.unwrap_or_else(|| Err(StoreError::Db(sea_orm::DbErr::Custom("feedback: no answer".into()))))).collect()
}

/// Writes a group of prepared items in `tx`, in order, each as if alone:
/// an item is refused when its address has sent [`SUBMISSIONS_PER_HOUR`]
/// items in the hour before its `now` (`request.rate_limited`) or its
/// phone or e-mail [`SUBMISSIONS_PER_CONTACT_PER_HOUR`] (field `phone` or
/// `email`, `feedback.contact_rate_limited`), counting the items of the
/// group before it; an accepted one gets a fresh code, and its attempts,
/// the item, its contact, its Open311 details or attachments and its first
/// history and audit lines are written with one multi-row statement per
/// table for the whole group. Counted in the database, the limits hold
/// across instances (on PostgreSQL, where transactions run side by side,
/// under a transaction-scoped advisory lock per key).
///
/// Errors (of the whole group, nothing to commit): a database error.
async fn write_items(tx: &DatabaseTransaction, items: Vec<ItemWrite>) -> StoreResult<Vec<StoreResult<Submitted>>> {
    use std::collections::{HashMap, HashSet};
    let Some(earliest) = items.iter().map(|w| w.now).min() else { return Ok(Vec::new()) };
    // every attempt of the group's keys in the hour before its earliest item
    let keys: HashSet<&str> = items.iter().flat_map(|w| w.source_hash.iter().map(String::as_str).chain(w.contact_keys.iter().map(|(_, k)| k.as_str()))).collect();
    if tx.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        // transactions run side by side there: one at a time per key (in
        // one order, so two never wait for each other), until the commit
        let mut ordered: Vec<&str> = keys.iter().copied().collect();
        ordered.sort_unstable();
        for key in ordered {
            let lock = sea_orm::Statement::from_sql_and_values(sea_orm::DatabaseBackend::Postgres, "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [key.into()]);
            tx.query_one_raw(lock).await?;
        }
    }
    let mut seen: HashMap<(String, String), Vec<DateTime<Utc>>> = HashMap::new();
    if !keys.is_empty() {
        let rows = feedback_attempt::Entity::find()
            .filter(feedback_attempt::Column::Kind.is_in(["submit", "submit_contact"]))
            .filter(feedback_attempt::Column::KeyHash.is_in(keys.iter().copied()))
            .filter(feedback_attempt::Column::At.gt(earliest - Duration::hours(1)))
            .all(tx)
            .await?;
        for r in rows {
            seen.entry((r.kind, r.key_hash)).or_default().push(r.at);
        }
    }
    let count = |seen: &HashMap<(String, String), Vec<DateTime<Utc>>>, kind: &str, key: &str, since: DateTime<Utc>| -> u64 {
        seen.get(&(kind.to_owned(), key.to_owned())).map_or(0, |v| v.iter().filter(|at| **at > since).count() as u64)
    };
    let mut answers: Vec<Option<StoreResult<Submitted>>> = Vec::with_capacity(items.len());
    let mut attempts_rows = Vec::new();
    let mut accepted = Vec::new();
    for (i, w) in items.into_iter().enumerate() {
        let since = w.now - Duration::hours(1);
        let refusal = if w.source_hash.as_deref().is_some_and(|h| count(&seen, "submit", h, since) >= SUBMISSIONS_PER_HOUR) {
            Some(StoreError::Rule(ErrorCode::RateLimited))
        } else {
            w.contact_keys.iter().find(|(_, k)| count(&seen, "submit_contact", k, since) >= SUBMISSIONS_PER_CONTACT_PER_HOUR).map(|(f, _)| field(f, "feedback.contact_rate_limited"))
        };
        if let Some(e) = refusal {
            answers.push(Some(Err(e)));
            continue;
        }
        let noted = w.contact_keys.iter().map(|(_, k)| ("submit_contact", k.clone())).chain(w.source_hash.iter().map(|h| ("submit", h.clone())));
        for (kind, key) in noted {
            seen.entry((kind.to_owned(), key.clone())).or_default().push(w.now);
            attempts_rows.push(feedback_attempt::ActiveModel { kind: Set(kind.to_owned()), key_hash: Set(key), at: Set(w.now), ..Default::default() });
        }
        answers.push(None);
        accepted.push((i, w));
    }
    // fresh codes (36 bits: a clash is rare; drawn again when one happens)
    let mut codes: Vec<TrackingCode> = accepted.iter().map(|_| generate(rand::rng().random())).collect();
    for _ in 0..8 {
        let taken: HashSet<String> = if codes.is_empty() {
            HashSet::new()
        } else {
            feedback_item::Entity::find()
                .select_only()
                .column(feedback_item::Column::Code)
                .filter(feedback_item::Column::Code.is_in(codes.iter().map(|c| c.as_str().to_owned())))
                .into_tuple::<String>()
                .all(tx)
                .await?
                .into_iter()
                .collect()
        };
        let mut mine = HashSet::new();
        let mut clash = false;
        for c in codes.iter_mut() {
            if taken.contains(c.as_str()) || !mine.insert(c.as_str().to_owned()) {
                *c = generate(rand::rng().random());
                clash = true;
            }
        }
        if !clash {
            break;
        }
    }
    if accepted.is_empty() {
        return Ok(answered(answers));
    }
    if !attempts_rows.is_empty() {
        feedback_attempt::Entity::insert_many(attempts_rows).exec(tx).await?;
    }
    let rows: Vec<feedback_item::ActiveModel> = accepted
        .iter()
        .zip(&codes)
        .map(|((_, w), code)| {
            let mut row = w.item.clone();
            row.code = Set(code.as_str().to_owned());
            row
        })
        .collect();
    feedback_item::Entity::insert_many(rows).exec(tx).await?;
    let ids: HashMap<String, i32> = feedback_item::Entity::find()
        .select_only()
        .column(feedback_item::Column::Code)
        .column(feedback_item::Column::Id)
        .filter(feedback_item::Column::Code.is_in(codes.iter().map(|c| c.as_str().to_owned())))
        .into_tuple::<(String, i32)>()
        .all(tx)
        .await?
        .into_iter()
        .collect();
    let (mut contacts, mut open311, mut files, mut events, mut audits) = (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for ((i, w), code) in accepted.into_iter().zip(codes) {
        let id = *ids.get(code.as_str()).ok_or_else(|| StoreError::Db(sea_orm::DbErr::Custom(format!("feedback: item {code} not found after its insert"))))?;
        let token = match &w.item.receipt_token {
            sea_orm::ActiveValue::Set(t) | sea_orm::ActiveValue::Unchanged(t) => t.clone(),
            sea_orm::ActiveValue::NotSet => String::new(),
        };
        let mut contact = w.contact;
        contact.item_id = Set(id);
        contacts.push(contact);
        if let Some(mut o) = w.open311 {
            o.item_id = Set(id);
            open311.push(o);
        }
        for mut a in w.attachments {
            a.item_id = Set(id);
            files.push(a);
        }
        let mut params = AuditParams::new().with("code", code.as_str()).with("channel", w.channel);
        if w.files > 0 {
            params = params.with("files", w.files);
        }
        events.push(super::event_row(&w.who, id, AuditAction::FeedbackReceive, &params, false));
        audits.push(crate::audit::audit_row(&w.who, AuditAction::FeedbackReceive, "feedback_item", Some(id), &params));
        answers[i] = Some(Ok(Submitted { id, code, receipt_token: token }));
    }
    feedback_contact::Entity::insert_many(contacts).exec(tx).await?;
    if !open311.is_empty() {
        feedback_open311::Entity::insert_many(open311).exec(tx).await?;
    }
    if !files.is_empty() {
        crate::entity::feedback_attachment::Entity::insert_many(files).exec(tx).await?;
    }
    crate::entity::feedback_event::Entity::insert_many(events).exec(tx).await?;
    crate::entity::audit_event::Entity::insert_many(audits).exec(tx).await?;
    Ok(answered(answers))
}

impl Feedback<'_> {
    /// Records a new item received on `channel` at `now`, with its code,
    /// its deadline when the category's days run from receipt, its
    /// reporter's contact (kept apart) and the first line of its history,
    /// in one transaction; only then is anything returned.
    ///
    /// The web form (`logged_by` `None`) needs the reporter's consent and
    /// is limited to [`SUBMISSIONS_PER_HOUR`] per `source_hash` (the salted
    /// hash of the address) and to [`SUBMISSIONS_PER_CONTACT_PER_HOUR`] per
    /// phone and per e-mail. A hotline call or in-person reception is
    /// entered by `logged_by`, who needs [`Action::ReceiveFeedback`].
    ///
    /// Errors: a field of `check_new_item` (the first); field
    /// `category_id` `feedback.category_required` (no such active
    /// category); `request.rate_limited` (the address); field `phone` or
    /// `email` `feedback.contact_rate_limited`; `forbidden`.
    pub async fn submit(
        &self,
        item: &NewItem,
        channel: Channel,
        logged_by: Option<&Actor>,
        source_hash: &str,
        calendar: &WorkingCalendar,
        now: DateTime<Utc>,
    ) -> StoreResult<Submitted> {
        let sender = match logged_by {
            Some(actor) => Sender::Staff(actor),
            None => Sender::Web { source_hash, files: &[], keys: &[] },
        };
        self.receive(item, channel, sender, calendar, now).await
    }

    /// Records an item sent on the public web form with the photos and PDF
    /// files attached to it ([`NewAttachment`]s the web layer has checked
    /// and re-encoded), as [`Feedback::submit`] does for the web form. The
    /// bytes go to `files` first, then the item and one
    /// `feedback_attachment` row per file are committed together; when the
    /// item is refused, the bytes just stored are deleted again.
    ///
    /// Errors: those of [`Feedback::submit`]; field `files`
    /// (`feedback.files_too_many`, `feedback.file_too_large`,
    /// `feedback.file_empty`); `feedback.files_unavailable` when files are
    /// given and the site has no file storage.
    pub async fn submit_with_files(
        &self,
        item: &NewItem,
        attached: &[NewAttachment],
        files: Option<&FileStore>,
        source_hash: &str,
        calendar: &WorkingCalendar,
        now: DateTime<Utc>,
    ) -> StoreResult<Submitted> {
        if attached.is_empty() {
            return self.submit(item, Channel::Web, None, source_hash, calendar, now).await;
        }
        if let Some((f, code)) = check_new_item(item, true).into_iter().next() {
            return Err(field(f, code));
        }
        check_files(attached)?;
        let files = files.ok_or_else(|| field("files", "feedback.files_unavailable"))?;
        let keys = put_files(files, attached, now).await?;
        let outcome = self.receive(item, Channel::Web, Sender::Web { source_hash, files: attached, keys: &keys }, calendar, now).await;
        if outcome.is_err() {
            for key in &keys {
                if let Err(e) = files.delete(key).await {
                    tracing::warn!(key, error = %e, "feedback: a refused item's file could not be deleted");
                }
            }
        }
        outcome
    }

    /// Records an item an Open311 client posted (`sent.key_id` already
    /// checked by [`crate::Open311::key`]) as [`Feedback::submit`] does,
    /// with its location in `feedback_open311`, in the same transaction.
    /// The client's app collected the reporter's consent (a key is issued
    /// only on that condition), so `item.consent` is not asked for. Limited
    /// per phone and per e-mail like the web form; not per address (one
    /// client sends for many people).
    ///
    /// Errors: as [`Feedback::submit`], without `request.rate_limited`.
    pub async fn submit_open311(&self, item: &NewItem, sent: &Open311Sent, calendar: &WorkingCalendar, now: DateTime<Utc>) -> StoreResult<Submitted> {
        self.receive(item, Channel::Open311, Sender::Open311(sent), calendar, now).await
    }

    /// Checks and prepares an item outside the writer (the category, its
    /// deadline, the unit, the staff's scope, on the read connection), then
    /// writes it in the next group commit ([`write_item`]) and returns once
    /// it is committed.
    async fn receive(&self, item: &NewItem, channel: Channel, sender: Sender<'_>, calendar: &WorkingCalendar, now: DateTime<Utc>) -> StoreResult<Submitted> {
        if let Some((f, code)) = check_new_item(item, matches!(sender, Sender::Web { .. })).into_iter().next() {
            return Err(field(f, code));
        }
        let db = &self.store.read;
        if let Sender::Staff(actor) = sender {
            check_scope(db, actor, Action::ReceiveFeedback, None).await?;
        }
        let categories = self.store.shared.categories(db).await?;
        let category = categories
            .iter()
            .find(|c| Some(c.id) == item.category_id && c.is_active)
            .ok_or_else(|| field("category_id", "feedback.category_required"))?;
        let rule = rule_of(category);
        let deadline_at = match rule.from {
            CountFrom::Receipt => {
                let day = now.with_timezone(&danvan_domain::time::vietnam()).date_naive();
                let d = rule.deadline(calendar, day, 0).map_err(|_| field("category_id", "feedback.deadline_out_of_range"))?;
                Some(d.at.with_timezone(&Utc))
            }
            CountFrom::Acceptance => None,
        };
        let unit_id = match category.unit_id {
            Some(u) => u,
            None => self.store.shared.root_unit(db).await?,
        };
        let clean = |s: &str| danvan_text::collapse_spaces(&danvan_text::normalize_input(s));
        let (logged_by, source_hash) = match sender {
            Sender::Staff(actor) => (actor.username.clone(), String::new()),
            Sender::Web { source_hash, .. } => (String::new(), source_hash.to_owned()),
            Sender::Open311(_) => (String::new(), String::new()),
        };
        let stored = feedback_item::ActiveModel {
            receipt_token: Set(danvan_domain::accounts::random_secret()),
            channel: Set(channel.code().to_owned()),
            category_id: Set(category.id),
            title: Set(clean(&item.title)),
            content: Set(danvan_text::normalize_input(item.content.trim())),
            place: Set(clean(&item.place)),
            status: Set(Status::Received.code().to_owned()),
            unit_id: Set(Some(unit_id)),
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
            logged_by: Set(logged_by),
            source_hash: Set(source_hash.clone()),
            updated_at: Set(now),
            ..Default::default()
        };
        let contact = feedback_contact::ActiveModel {
            name: Set(clean(&item.name)),
            phone: Set(normalize_phone(&item.phone).unwrap_or_default()),
            email: Set(normalize_email(&item.email).unwrap_or_default()),
            consent: Set(item.consent || matches!(sender, Sender::Open311(_))),
            erased_at: Set(None),
            ..Default::default()
        };
        let (who, open311, attachments) = match sender {
            Sender::Staff(actor) => (actor.clone(), None, Vec::new()),
            Sender::Web { files, keys, .. } => (citizen(), None, attachment_rows(files, keys, now)),
            Sender::Open311(sent) => {
                let row = feedback_open311::ActiveModel {
                    key_id: Set(sent.key_id),
                    lat: Set(sent.lat),
                    long: Set(sent.long),
                    address_id: Set(clean(&sent.address_id)),
                    media_url: Set(sent.media_url.trim().to_owned()),
                    ..Default::default()
                };
                // the history names the client's key, never the reporter
                let who = Actor { username: format!("open311:{}", sent.key_name), display_name: sent.key_name.clone(), ..citizen() };
                (who, Some(row), Vec::new())
            }
        };
        let contact_keys = match sender {
            Sender::Staff(_) => Vec::new(),
            _ => contact_keys(&self.store.shared.salt(db).await?, item),
        };
        let w = ItemWrite {
            source_hash: matches!(sender, Sender::Web { .. }).then_some(source_hash),
            contact_keys,
            item: stored,
            contact,
            open311,
            files: attachments.len(),
            attachments,
            who,
            channel: channel.code(),
            now,
        };
        self.store.write_intake(w).await
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
            attachments: crate::entity::feedback_attachment::Entity::find()
                .filter(crate::entity::feedback_attachment::Column::ItemId.eq(item.id))
                .count(db)
                .await?,
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
