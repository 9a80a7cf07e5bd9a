//! The reporter's personal data of one item (Nghị định 13/2023/NĐ-CP):
//! name, phone (digits, `0…`) and e-mail (lower case) as normalized by
//! `danvan_domain::feedback`; shown only to staff handling the item;
//! `erased_at` once erased on request (the fields are then empty).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "feedback_contact")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub item_id: i32,
    pub name: String,
    pub phone: String,
    pub email: String,
    pub consent: bool,
    pub erased_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
