//! What an Open311 client sent with an item beyond the common fields: the
//! key it came with, the WGS 84 `lat`/`long` (both or neither), the
//! client's `address_id`, and a `media_url` (kept for staff, never shown
//! in an answer: the media is not ours to vouch for). A location can say
//! where someone lives, so it is shown only for a published item.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "feedback_open311")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub item_id: i32,
    pub key_id: i32,
    pub lat: Option<f64>,
    pub long: Option<f64>,
    pub address_id: String,
    pub media_url: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
