//! A document of the library. `doc_type` is the type's code ([`crate::documents::type_code`]), `number_text` the canonical number and symbol ("136-KH/HU"), `issuers` the issuer codes joined by '-', `status` one of `in_force`, `amended`, `replaced`, `expired`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "document")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub slug: String,
    pub doc_type: String,
    pub number_text: String,
    pub number: i32,
    pub issuers: String,
    pub year: Option<i32>,
    pub issuer_name: String,
    pub signer: Option<String>,
    pub issued_on: Option<Date>,
    pub effective_on: Option<Date>,
    pub summary: String,
    pub status: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
