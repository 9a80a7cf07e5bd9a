//! One searchable item (a published article, a library document, a public
//! registry record) with its folded fields: what the search engine must
//! hold, and the text related articles are scored on.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "search_doc")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub kind: String,
    pub ref_id: i32,
    pub title: String,
    pub lead: String,
    pub body: String,
    pub extra: String,
    pub category_id: Option<i32>,
    pub published_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
