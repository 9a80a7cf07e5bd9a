//! An Open311 API key: its `name` (unique, what the administrator calls
//! it), the SHA-256 of the key (`key_hash`; the key itself is shown once
//! and never stored), who issued it and when, and `revoked_at` once
//! revoked (a revoked key is refused; its row stays for the items it
//! brought).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "open311_key")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
    pub key_hash: String,
    pub created_at: DateTimeUtc,
    pub created_by: String,
    pub revoked_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
