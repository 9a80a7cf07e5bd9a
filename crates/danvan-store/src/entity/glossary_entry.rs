//! An abbreviation of the field and its expansion ("DTTS" → "dân tộc thiểu
//! số"), shown as `<abbr title>` and expanded in search both ways.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "glossary_entry")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub abbreviation: String,
    pub expansion: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
