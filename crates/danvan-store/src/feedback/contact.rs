//! A reporter's personal data on request (Nghị định 13/2023/NĐ-CP, Art. 9,
//! 14 and 16: the data subject's rights to obtain and to delete their
//! data): the items a phone or e-mail gave, found within the units the
//! staff member handles; their export as one JSON document; and their
//! erasure, after which each item stays, anonymised, for the statistics.

use super::publish::{PublicTexts, redact_texts};
use super::{Feedback, record};
use crate::entity::{audit_event, feedback_category, feedback_contact, feedback_event, feedback_item, feedback_open311, feedback_outbox};
use crate::error::field;
use crate::scope::load_tree;
use crate::{Actor, FileStore, StoreResult};
use chrono::{DateTime, Utc};
use danvan_domain::audit::{AuditAction, AuditParams, render_audit};
use danvan_domain::editorial::{Action, Permissions};
use danvan_domain::feedback::privacy::{Known, find_personal_data, redact};
use danvan_domain::feedback::{normalize_email, normalize_phone};
use danvan_domain::messages::Lang;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde::Serialize;

/// One item of a reporter's export.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ExportedItem {
    pub code: String,
    pub received_at: DateTime<Utc>,
    pub channel: String,
    pub category: String,
    pub title: String,
    pub content: String,
    pub place: String,
    pub name: String,
    pub phone: String,
    pub email: String,
    pub consent: bool,
    pub status: String,
    pub answer: String,
    /// The history lines the reporter may read (internal notes left out).
    pub history: Vec<(DateTime<Utc>, String)>,
    /// What an Open311 client sent with it beyond the common fields.
    pub open311: Option<ExportedOpen311>,
}

/// An Open311 item's location and media as its client sent them (the
/// coordinates as text, empty when none).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ExportedOpen311 {
    pub lat: String,
    pub long: String,
    pub address_id: String,
    pub media_url: String,
}

/// Everything stored about a reporter, as exported on request.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ContactExport {
    /// The phone or e-mail asked for, as normalized.
    pub contact: String,
    pub exported_at: DateTime<Utc>,
    pub items: Vec<ExportedItem>,
}

/// The phone or e-mail `s` as stored, or the field error.
fn contact_key(s: &str) -> StoreResult<(Option<String>, Option<String>)> {
    let phone = normalize_phone(s);
    let email = if phone.is_none() { normalize_email(s) } else { None };
    if phone.is_none() && email.is_none() {
        return Err(field("contact", "feedback.contact_invalid"));
    }
    Ok((phone, email))
}

impl Feedback<'_> {
    /// The items whose reporter gave phone or e-mail `contact`, within the
    /// units where `actor` may take `action`, oldest first, with their
    /// contact rows.
    async fn by_contact<C: ConnectionTrait>(
        &self,
        db: &C,
        actor: &Actor,
        action: Action,
        contact: &str,
    ) -> StoreResult<(String, Vec<(feedback_item::Model, feedback_contact::Model)>)> {
        let (phone, email) = contact_key(contact)?;
        let mut q = feedback_contact::Entity::find();
        let key = match (&phone, &email) {
            (Some(p), _) => {
                q = q.filter(feedback_contact::Column::Phone.eq(p.as_str()));
                p.clone()
            }
            (None, Some(e)) => {
                q = q.filter(feedback_contact::Column::Email.eq(e.as_str()));
                e.clone()
            }
            (None, None) => return Err(field("contact", "feedback.contact_invalid")),
        };
        let contacts = q.order_by_asc(feedback_contact::Column::ItemId).all(db).await?;
        let tree = load_tree(db).await?;
        let p = Permissions { grants: &actor.grants, tree: &tree };
        let mut out = Vec::new();
        for c in contacts {
            if let Some(item) = feedback_item::Entity::find_by_id(c.item_id).one(db).await?
                && p.can(action, item.unit_id)
            {
                out.push((item, c));
            }
        }
        Ok((key, out))
    }

    /// The items of the reporter with phone or e-mail `contact` that
    /// `actor` handles ([`Action::ViewFeedback`]): (id, code, received).
    ///
    /// Errors: field `contact` (`feedback.contact_invalid`).
    pub async fn items_of_contact(&self, actor: &Actor, contact: &str) -> StoreResult<Vec<(i32, String, DateTime<Utc>)>> {
        let (_, items) = self.by_contact(&self.store.read, actor, Action::ViewFeedback, contact).await?;
        Ok(items.into_iter().map(|(i, _)| (i.id, i.code, i.received_at)).collect())
    }

    /// Everything stored about the reporter with phone or e-mail `contact`
    /// in the items `actor` handles ([`Action::ViewFeedback`]); each item's
    /// export is written to its history and the audit log.
    ///
    /// Errors: field `contact` (`feedback.contact_invalid`).
    pub async fn export_contact(&self, actor: &Actor, contact: &str, now: DateTime<Utc>) -> StoreResult<ContactExport> {
        let tx = self.store.begin_write().await?;
        let (key, items) = self.by_contact(&tx, actor, Action::ViewFeedback, contact).await?;
        let mut out = Vec::with_capacity(items.len());
        for (item, c) in items {
            let category = feedback_category::Entity::find_by_id(item.category_id).one(&tx).await?.map(|c| c.name).unwrap_or_default();
            let history = feedback_event::Entity::find()
                .filter(feedback_event::Column::ItemId.eq(item.id))
                .filter(feedback_event::Column::Internal.eq(false))
                .order_by_asc(feedback_event::Column::Id)
                .all(&tx)
                .await?
                .into_iter()
                .map(|e| (e.at, render_audit(&e.action, &e.params, "", Lang::Vi)))
                .collect();
            record(&tx, actor, item.id, AuditAction::FeedbackExportContact, AuditParams::new(), false).await?;
            let text = |x: Option<f64>| x.map(|x| x.to_string()).unwrap_or_default();
            let open311 = feedback_open311::Entity::find_by_id(item.id)
                .one(&tx)
                .await?
                .map(|o| ExportedOpen311 { lat: text(o.lat), long: text(o.long), address_id: o.address_id, media_url: o.media_url });
            out.push(ExportedItem {
                code: item.code,
                received_at: item.received_at,
                channel: item.channel,
                category,
                title: item.title,
                content: item.content,
                place: item.place,
                name: c.name,
                phone: c.phone,
                email: c.email,
                consent: c.consent,
                status: item.status,
                answer: item.answer,
                history,
                open311,
            });
        }
        tx.commit().await?;
        Ok(ContactExport { contact: key, exported_at: now, items: out })
    }

    /// Erases the personal data of the reporter with phone or e-mail
    /// `contact` from the items `actor` may receive
    /// ([`Action::ReceiveFeedback`]), in one transaction: the contact
    /// (name, phone, e-mail) is emptied and marked erased, and so is what
    /// an Open311 client sent (coordinates, address id, media URL); the item's
    /// texts, its history and its audit lines have the reporter's name,
    /// phone and e-mail (and any other phone, e-mail or ID number) masked;
    /// the notices not yet sent to the reporter are dropped, and the photos
    /// and files they attached are deleted (their rows in the transaction,
    /// their bytes from `files` after it). The items
    /// stay, with their category, unit, dates and status, for the
    /// statistics. Returns how many items were anonymised.
    ///
    /// Errors: field `contact` (`feedback.contact_invalid`).
    pub async fn erase_contact(&self, actor: &Actor, files: Option<&FileStore>, contact: &str, now: DateTime<Utc>) -> StoreResult<usize> {
        let tx = self.store.begin_write().await?;
        let mut stored_keys = Vec::new();
        let (_, items) = self.by_contact(&tx, actor, Action::ReceiveFeedback, contact).await?;
        let count = items.len();
        for (item, c) in items {
            let known = Known { name: c.name.clone(), phone: c.phone.clone(), email: c.email.clone(), id_number: String::new() };
            let texts = redact_texts(&PublicTexts { title: item.title.clone(), question: item.content.clone(), place: item.place.clone(), answer: item.answer.clone() }, &known);
            let id = item.id;
            let mut a: feedback_item::ActiveModel = item.into();
            a.title = Set(texts.title);
            a.content = Set(texts.question);
            a.place = Set(texts.place);
            a.answer = Set(texts.answer);
            a.source_hash = Set(String::new());
            a.updated_at = Set(now);
            a.update(&tx).await?;
            let mut ca: feedback_contact::ActiveModel = c.into();
            ca.name = Set(String::new());
            ca.phone = Set(String::new());
            ca.email = Set(String::new());
            ca.erased_at = Set(Some(now));
            ca.update(&tx).await?;
            // where an Open311 client said it was, and its media, go too
            feedback_open311::Entity::update_many()
                .col_expr(feedback_open311::Column::Lat, sea_orm::sea_query::Expr::value(Option::<f64>::None))
                .col_expr(feedback_open311::Column::Long, sea_orm::sea_query::Expr::value(Option::<f64>::None))
                .col_expr(feedback_open311::Column::AddressId, sea_orm::sea_query::Expr::value(""))
                .col_expr(feedback_open311::Column::MediaUrl, sea_orm::sea_query::Expr::value(""))
                .filter(feedback_open311::Column::ItemId.eq(id))
                .exec(&tx)
                .await?;
            for e in feedback_event::Entity::find().filter(feedback_event::Column::ItemId.eq(id)).all(&tx).await? {
                if let Some(params) = masked_json(&e.params, &known) {
                    let mut ea: feedback_event::ActiveModel = e.into();
                    ea.params = Set(params);
                    ea.update(&tx).await?;
                }
            }
            let lines = audit_event::Entity::find()
                .filter(audit_event::Column::SubjectKind.eq("feedback_item"))
                .filter(audit_event::Column::SubjectId.eq(id))
                .all(&tx)
                .await?;
            for e in lines {
                if let Some(params) = masked_json(&e.params, &known) {
                    let mut ea: audit_event::ActiveModel = e.into();
                    ea.params = Set(params);
                    ea.update(&tx).await?;
                }
            }
            feedback_outbox::Entity::delete_many()
                .filter(feedback_outbox::Column::ItemId.eq(id))
                .filter(feedback_outbox::Column::Recipient.eq(super::outbox::REPORTER))
                .filter(feedback_outbox::Column::SentAt.is_null())
                .exec(&tx)
                .await?;
            stored_keys.extend(super::attachments::delete_rows(&tx, id).await?);
            record(&tx, actor, id, AuditAction::FeedbackEraseContact, AuditParams::new(), false).await?;
        }
        tx.commit().await?;
        for key in &stored_keys {
            match files {
                Some(files) => {
                    if let Err(e) = files.delete(key).await {
                        tracing::warn!(key, error = %e, "feedback: an erased attachment's file could not be deleted");
                    }
                }
                None => tracing::warn!(key, "feedback: an erased attachment's file stays: no file storage given"),
            }
        }
        Ok(count)
    }
}

/// `json` (a history line's parameters) with every string value masked;
/// `None` when nothing changed or it is not a JSON object.
fn masked_json(json: &str, known: &Known) -> Option<String> {
    let mut v: serde_json::Value = serde_json::from_str(json).ok()?;
    let mut changed = false;
    if let Some(map) = v.as_object_mut() {
        for value in map.values_mut() {
            if let Some(s) = value.as_str() {
                let found = find_personal_data(s, known);
                if !found.is_empty() {
                    *value = serde_json::Value::String(redact(s, &found, Lang::Vi));
                    changed = true;
                }
            }
        }
    }
    changed.then(|| v.to_string())
}
