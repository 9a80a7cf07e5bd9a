//! A notice or reminder to deliver: `kind` (`reminder_due_soon`,
//! `reminder_overdue`, `answered`, `main_answered`), the item, the
//! `recipient` (`reporter`: the item's reporter, whose e-mail is read from
//! `feedback_contact` when it is sent, so that an erasure reaches the
//! outbox too; `user:NAME`: a staff member), and the `occasion` that makes
//! the row unique (the deadline it reminds of, the answer's time), so that
//! the same notice is never queued, nor sent, twice.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "feedback_outbox")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub kind: String,
    pub item_id: i32,
    pub recipient: String,
    pub occasion: String,
    pub created_at: DateTimeUtc,
    pub attempts: i16,
    pub next_attempt_at: Option<DateTimeUtc>,
    pub last_error: String,
    pub sent_at: Option<DateTimeUtc>,
    /// `smtp` (e-mailed) or `back_office` (shown to the staff member there
    /// and written to the log: no SMTP server, or no e-mail address).
    pub delivered_by: String,
    /// When a staff member dismissed it in the back office.
    pub read_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
