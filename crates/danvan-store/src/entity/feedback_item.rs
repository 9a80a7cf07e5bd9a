//! A feedback item from any channel: its tracking `code`, the
//! `receipt_token` of its receipt page, what was reported (no personal
//! data: that is `feedback_contact`), its status, the unit handling it,
//! the deadline (`deadline_at`, an instant; `None` until it is counted),
//! the public answer, and `source_hash` (the salted hash of the sender's
//! address, for the rate limit).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "feedback_item")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub code: String,
    pub receipt_token: String,
    pub channel: String,
    pub category_id: i32,
    pub title: String,
    pub content: String,
    pub place: String,
    pub status: String,
    pub unit_id: Option<i32>,
    pub received_at: DateTimeUtc,
    pub accepted_at: Option<DateTimeUtc>,
    pub deadline_at: Option<DateTimeUtc>,
    pub extensions: i16,
    pub reopened: bool,
    pub duplicate_of: Option<i32>,
    pub answer: String,
    pub answered_at: Option<DateTimeUtc>,
    pub published: bool,
    pub rating: Option<i16>,
    pub logged_by: String,
    pub source_hash: String,
    pub updated_at: DateTimeUtc,
    /// The texts staff published after the personal-data check (the only
    /// texts of an item ever shown publicly).
    pub public_title: String,
    pub public_question: String,
    pub public_place: String,
    pub public_answer: String,
    pub published_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
