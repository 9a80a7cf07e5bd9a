//! Publication of a question and its answer (`/phan-anh`), without
//! personal data (issue 13, scope 4; Nghị định 13/2023/NĐ-CP).
//!
//! The public page never shows an item's own title, content or place:
//! only the texts staff published (`public_*`). Before they are stored the
//! texts are checked with [`find_personal_data`] against the reporter's
//! own name, phone and e-mail and for any phone number, e-mail address and
//! ID number. The reporter's own data refuses publication outright; any
//! other finding (an office's hotline, say) is shown to staff with the
//! proposed redaction and publication waits until they confirm.

use super::{Feedback, record};
use crate::entity::{feedback_category, feedback_contact, feedback_item, org_unit};
use crate::error::{StoreError, field};
use crate::scope::check_scope;
use crate::{Actor, StoreResult};
use chrono::{DateTime, Utc};
use danvan_domain::ErrorCode;
use danvan_domain::audit::{AuditAction, AuditParams};
use danvan_domain::editorial::Action;
use danvan_domain::feedback::Status;
use danvan_domain::feedback::privacy::{FindingKind, Known, find_personal_data, is_own, redact};
use danvan_domain::messages::Lang;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set};
use serde::Serialize;

/// The texts of a published item, as staff confirmed them.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct PublicTexts {
    pub title: String,
    pub question: String,
    pub place: String,
    pub answer: String,
}

/// The fields of [`PublicTexts`], in order, as the form names them.
pub const PUBLIC_FIELDS: [&str; 4] = ["title", "question", "place", "answer"];

impl PublicTexts {
    fn get(&self, name: &str) -> &str {
        match name {
            "title" => &self.title,
            "question" => &self.question,
            "place" => &self.place,
            _ => &self.answer,
        }
    }

    fn map(&self, f: impl Fn(&str, &str) -> String) -> PublicTexts {
        PublicTexts { title: f("title", &self.title), question: f("question", &self.question), place: f("place", &self.place), answer: f("answer", &self.answer) }
    }
}

/// One piece of personal data found in a text.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Found {
    /// The form's field: `title`, `question`, `place` or `answer`.
    pub field: &'static str,
    pub kind: FindingKind,
    /// The text found (shown to staff only).
    pub text: String,
    /// The reporter's own data: never publishable.
    pub own: bool,
}

/// What the publication form starts from: the texts with every finding
/// redacted (the proposal), and what was found in the item's texts.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct PublicationDraft {
    pub proposed: PublicTexts,
    pub found: Vec<Found>,
    /// Already published (the form then starts from the published texts).
    pub published: bool,
}

/// What [`Feedback::publish`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PublishOutcome {
    Published,
    /// Other personal data remain (no own data): shown to staff, published
    /// once they confirm.
    NeedsConfirmation(Vec<Found>),
}

/// A published item in the public list.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct PublicRow {
    pub id: i32,
    pub title: String,
    pub category_id: i32,
    pub category: String,
    pub unit_id: Option<i32>,
    pub unit: String,
    pub received_at: DateTime<Utc>,
    pub answered_at: Option<DateTime<Utc>>,
    pub published_at: Option<DateTime<Utc>>,
}

/// A published item's public page: its row and the public texts.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct PublicItem {
    pub row: PublicRow,
    pub question: String,
    pub place: String,
    pub answer: String,
}

/// The longest public title, in characters.
pub const MAX_PUBLIC_TITLE_CHARS: usize = 300;

/// The reporter's data a text is checked against (empty once erased).
pub(super) async fn known<C: ConnectionTrait>(db: &C, item_id: i32) -> StoreResult<Known> {
    Ok(feedback_contact::Entity::find_by_id(item_id)
        .one(db)
        .await?
        .map(|c| Known { name: c.name, phone: c.phone, email: c.email, id_number: String::new() })
        .unwrap_or_default())
}

/// Every finding in `texts`, field by field.
pub(super) fn check_texts(texts: &PublicTexts, known: &Known) -> Vec<Found> {
    let mut out = Vec::new();
    for name in PUBLIC_FIELDS {
        let text = texts.get(name);
        for f in find_personal_data(text, known) {
            out.push(Found { field: name, kind: f.kind, text: text[f.start..f.end].to_owned(), own: is_own(text, &f, known) });
        }
    }
    out
}

/// `texts` with every finding masked.
pub(super) fn redact_texts(texts: &PublicTexts, known: &Known) -> PublicTexts {
    texts.map(|_, text| redact(text, &find_personal_data(text, known), Lang::Vi))
}

async fn public_row<C: ConnectionTrait>(db: &C, m: &feedback_item::Model) -> StoreResult<PublicRow> {
    let category = feedback_category::Entity::find_by_id(m.category_id).one(db).await?.map(|c| c.name).unwrap_or_default();
    let unit = match m.unit_id {
        Some(u) => org_unit::Entity::find_by_id(u).one(db).await?.map(|u| u.name).unwrap_or_default(),
        None => String::new(),
    };
    Ok(PublicRow {
        id: m.id,
        title: m.public_title.clone(),
        category_id: m.category_id,
        category,
        unit_id: m.unit_id,
        unit,
        received_at: m.received_at,
        answered_at: m.answered_at,
        published_at: m.published_at,
    })
}

impl Feedback<'_> {
    /// The publication form's start for item `id`: its texts (or the
    /// published ones) with every finding redacted, and the findings. Needs
    /// [`Action::ReceiveFeedback`] on its unit; the item must be answered.
    ///
    /// Errors: `record.not_found`; `forbidden`; field `step`
    /// (`feedback.publish_needs_answer`).
    pub async fn publication_draft(&self, actor: &Actor, id: i32) -> StoreResult<PublicationDraft> {
        let db = &self.store.read;
        let m = feedback_item::Entity::find_by_id(id).one(db).await?.ok_or(StoreError::Rule(ErrorCode::RecordNotFound))?;
        check_scope(db, actor, Action::ReceiveFeedback, m.unit_id).await?;
        if Status::from_code(&m.status) != Some(Status::Answered) && !m.published {
            return Err(field("step", "feedback.publish_needs_answer"));
        }
        let texts = if m.published {
            PublicTexts { title: m.public_title, question: m.public_question, place: m.public_place, answer: m.public_answer }
        } else {
            PublicTexts { title: m.title, question: m.content, place: m.place, answer: m.answer }
        };
        let known = known(db, id).await?;
        Ok(PublicationDraft { found: check_texts(&texts, &known), proposed: redact_texts(&texts, &known), published: m.published })
    }

    /// Publishes item `id` with `texts` (what staff confirmed on the form).
    /// The texts are checked again: the reporter's own name, phone or
    /// e-mail refuses publication; other findings wait for `confirmed`.
    /// Needs [`Action::ReceiveFeedback`] on its unit; the item must be
    /// answered. Publishing again replaces the public texts.
    ///
    /// Errors: `record.not_found`; `forbidden`; field `step`
    /// (`feedback.publish_needs_answer`); field `title`
    /// (`feedback.public_title_required`, `feedback.public_title_too_long`);
    /// field `question` or `answer` (`feedback.public_text_required`); the
    /// field of the first own finding (`feedback.own_data_present`);
    /// `feedback.text_too_long`.
    pub async fn publish(&self, actor: &Actor, id: i32, texts: &PublicTexts, confirmed: bool, now: DateTime<Utc>) -> StoreResult<PublishOutcome> {
        let clean = texts.map(|name, t| {
            let t = danvan_text::normalize_input(t.trim());
            if name == "title" || name == "place" { danvan_text::collapse_spaces(&t) } else { t }
        });
        if clean.title.is_empty() {
            return Err(field("title", "feedback.public_title_required"));
        }
        if clean.title.chars().count() > MAX_PUBLIC_TITLE_CHARS {
            return Err(field("title", "feedback.public_title_too_long"));
        }
        for name in ["question", "answer"] {
            if clean.get(name).is_empty() {
                return Err(field(name, "feedback.public_text_required"));
            }
        }
        for name in PUBLIC_FIELDS {
            if clean.get(name).chars().count() > super::handling::MAX_TEXT_CHARS {
                return Err(field(name, "feedback.text_too_long"));
            }
        }
        let tx = self.store.begin_write().await?;
        let m = feedback_item::Entity::find_by_id(id).one(&tx).await?.ok_or(StoreError::Rule(ErrorCode::RecordNotFound))?;
        check_scope(&tx, actor, Action::ReceiveFeedback, m.unit_id).await?;
        if Status::from_code(&m.status) != Some(Status::Answered) && !m.published {
            return Err(field("step", "feedback.publish_needs_answer"));
        }
        let original = PublicTexts { title: m.title.clone(), question: m.content.clone(), place: m.place.clone(), answer: m.answer.clone() };
        let known = known(&tx, id).await?;
        let found = check_texts(&clean, &known);
        if let Some(own) = found.iter().find(|f| f.own) {
            return Err(field(own.field, "feedback.own_data_present"));
        }
        if !found.is_empty() && !confirmed {
            return Ok(PublishOutcome::NeedsConfirmation(found));
        }
        // what the check found in the item's own texts and staff removed
        let redacted = check_texts(&original, &known).len().saturating_sub(found.len());
        let mut a: feedback_item::ActiveModel = m.into();
        a.public_title = Set(clean.title);
        a.public_question = Set(clean.question);
        a.public_place = Set(clean.place);
        a.public_answer = Set(clean.answer);
        a.published = Set(true);
        a.published_at = Set(Some(now));
        a.updated_at = Set(now);
        a.update(&tx).await?;
        record(&tx, actor, id, AuditAction::FeedbackPublish, AuditParams::new().with("count", redacted.to_string()), false).await?;
        tx.commit().await?;
        Ok(PublishOutcome::Published)
    }

    /// Takes item `id` off the public list (its public texts are cleared).
    /// Needs [`Action::ReceiveFeedback`] on its unit.
    ///
    /// Errors: `record.not_found`; `forbidden`; field `step`
    /// (`feedback.not_published`).
    pub async fn unpublish(&self, actor: &Actor, id: i32, now: DateTime<Utc>) -> StoreResult<()> {
        let tx = self.store.begin_write().await?;
        let m = feedback_item::Entity::find_by_id(id).one(&tx).await?.ok_or(StoreError::Rule(ErrorCode::RecordNotFound))?;
        check_scope(&tx, actor, Action::ReceiveFeedback, m.unit_id).await?;
        if !m.published {
            return Err(field("step", "feedback.not_published"));
        }
        let mut a: feedback_item::ActiveModel = m.into();
        clear_public(&mut a);
        a.updated_at = Set(now);
        a.update(&tx).await?;
        record(&tx, actor, id, AuditAction::FeedbackUnpublish, AuditParams::new(), false).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The published items, newest publication first, optionally of one
    /// category and one unit, page `page` (1-based), with the total.
    pub async fn published(&self, category: Option<i32>, unit: Option<i32>, page: u64, per_page: u64) -> StoreResult<(Vec<PublicRow>, u64)> {
        let db = &self.store.read;
        let mut q = feedback_item::Entity::find().filter(feedback_item::Column::Published.eq(true));
        if let Some(c) = category {
            q = q.filter(feedback_item::Column::CategoryId.eq(c));
        }
        if let Some(u) = unit {
            q = q.filter(feedback_item::Column::UnitId.eq(u));
        }
        let q = q.order_by_desc(feedback_item::Column::PublishedAt).order_by_desc(feedback_item::Column::Id);
        let total = q.clone().count(db).await?;
        let models = q.paginate(db, per_page.max(1)).fetch_page(page.saturating_sub(1)).await?;
        let mut rows = Vec::with_capacity(models.len());
        for m in &models {
            rows.push(public_row(db, m).await?);
        }
        Ok((rows, total))
    }

    /// Published item `id`'s public page; `None` when it is not published.
    pub async fn published_item(&self, id: i32) -> StoreResult<Option<PublicItem>> {
        let db = &self.store.read;
        let Some(m) = feedback_item::Entity::find_by_id(id).filter(feedback_item::Column::Published.eq(true)).one(db).await? else { return Ok(None) };
        let row = public_row(db, &m).await?;
        Ok(Some(PublicItem { row, question: m.public_question, place: m.public_place, answer: m.public_answer }))
    }

    /// Every published item's id and time of publication, for the sitemap.
    pub async fn published_ids(&self) -> StoreResult<Vec<(i32, DateTime<Utc>)>> {
        let rows = feedback_item::Entity::find()
            .filter(feedback_item::Column::Published.eq(true))
            .order_by_asc(feedback_item::Column::Id)
            .all(&self.store.read)
            .await?;
        Ok(rows.into_iter().map(|m| (m.id, m.published_at.unwrap_or(m.updated_at))).collect())
    }
}

/// Clears an item's publication (unpublished, or erased).
pub(super) fn clear_public(a: &mut feedback_item::ActiveModel) {
    a.published = Set(false);
    a.published_at = Set(None);
    a.public_title = Set(String::new());
    a.public_question = Set(String::new());
    a.public_place = Set(String::new());
    a.public_answer = Set(String::new());
}
