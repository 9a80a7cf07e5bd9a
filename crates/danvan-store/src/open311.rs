//! Open311 GeoReport v2 (`store.open311()`): the API keys an administrator
//! issues and revokes (the key shown once, only its SHA-256 stored), the
//! check of a key on each POST, and the public request list. An item
//! posted through Open311 is received by `store.feedback().submit_open311`
//! (`feedback/intake.rs`).
//!
//! What of an item an answer may carry is decided in one place,
//! [`public_fields`]: nothing of what the reporter wrote (description,
//! place, location, answer) until staff have published the item, and then
//! only the public texts they confirmed. The
//! reporter's contact (`feedback_contact`) is never read here.

use crate::audit::audit;
use crate::entity::{feedback_category, feedback_item, feedback_open311, open311_key, org_unit};
use crate::error::field;
use crate::{Actor, Store, StoreResult};
use chrono::{DateTime, Utc};
use danvan_domain::audit::{AuditAction, AuditParams};
use danvan_domain::feedback::Status;
use danvan_domain::feedback::open311::{check_key_name, key_hash, new_key};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use serde::Serialize;
use std::collections::HashMap;

/// Open311 (`store.open311()`).
#[derive(Clone, Copy)]
pub struct Open311<'a> {
    pub(crate) store: &'a Store,
}

/// A key as `danvan open311 key list` shows it (never the key).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct KeyView {
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// A key that is in force: what an item posted with it records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyRef {
    pub id: i32,
    pub name: String,
}

/// What an answer may say of what the reporter wrote: all `None` until
/// staff have published the item (see [`public_fields`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PublicFields {
    pub description: Option<String>,
    pub address: Option<String>,
    pub address_id: Option<String>,
    pub lat: Option<f64>,
    pub long: Option<f64>,
    /// The published answer.
    pub status_notes: Option<String>,
}

/// One request as Open311 lists it: no personal data, ever.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RequestView {
    /// The item's id (the `service_request_id`).
    pub id: i32,
    pub status: Status,
    /// The category's id (the `service_code`) and name.
    pub category_id: i32,
    pub category: String,
    /// The name of the unit handling it (`agency_responsible`).
    pub unit: Option<String>,
    pub received_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The deadline (`expected_datetime`), once counted.
    pub deadline_at: Option<DateTime<Utc>>,
    pub public: PublicFields,
}

/// The filters of a request list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestFilter {
    /// When not empty, exactly these items (every other filter ignored,
    /// as the specification says of `service_request_id`).
    pub ids: Vec<i32>,
    pub category_id: Option<i32>,
    /// Received at or after `from`, before `until`.
    pub from: DateTime<Utc>,
    pub until: DateTime<Utc>,
    /// Empty: every status.
    pub statuses: Vec<Status>,
    /// At most this many rows, newest first.
    pub limit: u64,
}

/// The one place that decides what of an item an Open311 answer may show
/// beyond its status, category, unit and dates: nothing before staff
/// publish it (`published`); then only the texts they published after the
/// personal-data check (`public_question` as the description,
/// `public_place` as the address, `public_answer` as the status notes),
/// never the item's own title, content, place or answer. The client's
/// coordinates and address id were not part of that check: they are shown
/// only when staff published a place, so that blanking the place hides
/// the location too.
pub(crate) fn public_fields(item: &feedback_item::Model, sent: Option<&feedback_open311::Model>) -> PublicFields {
    if !item.published {
        return PublicFields::default();
    }
    let some = |s: &str| (!s.trim().is_empty()).then(|| s.to_owned());
    let place = some(&item.public_place);
    let located = sent.filter(|_| place.is_some());
    PublicFields {
        description: some(&item.public_question),
        address: place,
        address_id: located.and_then(|s| some(&s.address_id)),
        lat: located.and_then(|s| s.lat),
        long: located.and_then(|s| s.long),
        status_notes: some(&item.public_answer),
    }
}

impl Open311<'_> {
    /// Issues a key named `name` and returns it: shown once, only its
    /// SHA-256 is kept. For the server's operator (`danvan open311 key
    /// create`, no role check); audited as the command line.
    ///
    /// Errors: field `name` (`open311.key_name_invalid`,
    /// `open311.key_name_taken`: any key, revoked or not, has it).
    pub async fn create_key(&self, name: &str, now: DateTime<Utc>) -> StoreResult<String> {
        let name = check_key_name(name).map_err(|c| field("name", c))?;
        let tx = self.store.begin_write().await?;
        if open311_key::Entity::find().filter(open311_key::Column::Name.eq(&name)).one(&tx).await?.is_some() {
            return Err(field("name", "open311.key_name_taken"));
        }
        let key = new_key();
        let actor = Actor::command_line();
        let row = open311_key::ActiveModel {
            name: Set(name.clone()),
            key_hash: Set(key_hash(&key)),
            created_at: Set(now),
            created_by: Set(actor.username.clone()),
            revoked_at: Set(None),
            ..Default::default()
        }
        .insert(&tx)
        .await?;
        audit(&tx, &actor, AuditAction::Open311KeyCreate, "open311_key", Some(row.id), AuditParams::new().with("name", &name)).await?;
        tx.commit().await?;
        self.store.shared.open311_keys.forget();
        Ok(key)
    }

    /// Revokes the key named `name` (from `now` it is refused; its row
    /// stays for the items it brought). For the operator, audited.
    ///
    /// Errors: field `name` (`open311.key_unknown`,
    /// `open311.key_already_revoked`).
    pub async fn revoke_key(&self, name: &str, now: DateTime<Utc>) -> StoreResult<()> {
        let name = check_key_name(name).map_err(|_| field("name", "open311.key_unknown"))?;
        let tx = self.store.begin_write().await?;
        let row = open311_key::Entity::find().filter(open311_key::Column::Name.eq(&name)).one(&tx).await?.ok_or_else(|| field("name", "open311.key_unknown"))?;
        if row.revoked_at.is_some() {
            return Err(field("name", "open311.key_already_revoked"));
        }
        let id = row.id;
        let mut a: open311_key::ActiveModel = row.into();
        a.revoked_at = Set(Some(now));
        a.update(&tx).await?;
        audit(&tx, &Actor::command_line(), AuditAction::Open311KeyRevoke, "open311_key", Some(id), AuditParams::new().with("name", &name)).await?;
        tx.commit().await?;
        self.store.shared.open311_keys.forget();
        Ok(())
    }

    /// Every key, oldest first.
    pub async fn keys(&self) -> StoreResult<Vec<KeyView>> {
        let rows = open311_key::Entity::find().order_by_asc(open311_key::Column::Id).all(&self.store.read).await?;
        Ok(rows.into_iter().map(|k| KeyView { name: k.name, created_at: k.created_at, created_by: k.created_by, revoked_at: k.revoked_at }).collect())
    }

    /// The key in force whose secret is `key`; `None` for an empty, unknown
    /// or revoked one. The keys are read at most once a second (see
    /// [`crate::cache`]): a key revoked through this store is refused at
    /// once, one revoked from the command line or another instance within
    /// a second.
    pub async fn key(&self, key: &str) -> StoreResult<Option<KeyRef>> {
        if key.trim().is_empty() {
            return Ok(None);
        }
        let db = &self.store.read;
        let keys = self
            .store
            .shared
            .open311_keys
            .get_or_load(|| async {
                let rows = open311_key::Entity::find().filter(open311_key::Column::RevokedAt.is_null()).all(db).await?;
                Ok(rows.into_iter().map(|k| (k.key_hash, (k.id, k.name))).collect())
            })
            .await?;
        Ok(keys.get(&key_hash(key)).map(|(id, name)| KeyRef { id: *id, name: name.clone() }))
    }

    /// The requests of `f`, newest first (every channel: an item carries
    /// no personal data here, see [`public_fields`]).
    pub async fn requests(&self, f: &RequestFilter) -> StoreResult<Vec<RequestView>> {
        let db = &self.store.read;
        let mut q = feedback_item::Entity::find();
        if f.ids.is_empty() {
            q = q.filter(feedback_item::Column::ReceivedAt.gte(f.from)).filter(feedback_item::Column::ReceivedAt.lt(f.until));
            if let Some(c) = f.category_id {
                q = q.filter(feedback_item::Column::CategoryId.eq(c));
            }
            if !f.statuses.is_empty() {
                q = q.filter(feedback_item::Column::Status.is_in(f.statuses.iter().map(|s| s.code())));
            }
        } else {
            q = q.filter(feedback_item::Column::Id.is_in(f.ids.iter().copied()));
        }
        let items = q.order_by_desc(feedback_item::Column::ReceivedAt).order_by_desc(feedback_item::Column::Id).limit(f.limit).all(db).await?;
        if items.is_empty() {
            return Ok(Vec::new());
        }
        let categories: HashMap<i32, String> = feedback_category::Entity::find().all(db).await?.into_iter().map(|c| (c.id, c.name)).collect();
        let mut unit_ids: Vec<i32> = items.iter().filter_map(|i| i.unit_id).collect();
        unit_ids.sort_unstable();
        unit_ids.dedup();
        let units: HashMap<i32, String> = org_unit::Entity::find().filter(org_unit::Column::Id.is_in(unit_ids)).all(db).await?.into_iter().map(|u| (u.id, u.name)).collect();
        // locations only of the published items: the others show none
        let published: Vec<i32> = items.iter().filter(|i| i.published).map(|i| i.id).collect();
        let sent: HashMap<i32, feedback_open311::Model> = if published.is_empty() {
            HashMap::new()
        } else {
            feedback_open311::Entity::find().filter(feedback_open311::Column::ItemId.is_in(published)).all(db).await?.into_iter().map(|s| (s.item_id, s)).collect()
        };
        Ok(items
            .iter()
            .map(|i| RequestView {
                id: i.id,
                status: Status::from_code(&i.status).unwrap_or(Status::Received),
                category_id: i.category_id,
                category: categories.get(&i.category_id).cloned().unwrap_or_default(),
                unit: i.unit_id.and_then(|u| units.get(&u).cloned()),
                received_at: i.received_at,
                updated_at: i.updated_at,
                deadline_at: i.deadline_at,
                public: public_fields(i, sent.get(&i.id)),
            })
            .collect())
    }

    /// Request `id`, as [`Open311::requests`] shows it; `None` when there
    /// is no such item.
    pub async fn request(&self, id: i32) -> StoreResult<Option<RequestView>> {
        let now = crate::now();
        let f = RequestFilter { ids: vec![id], category_id: None, from: now, until: now, statuses: Vec::new(), limit: 1 };
        Ok(self.requests(&f).await?.into_iter().next())
    }
}
