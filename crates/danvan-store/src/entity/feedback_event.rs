//! One line of an item's append-only history: who, when, the action code
//! (`danvan_domain::audit::AuditAction`) with its parameters as JSON, and
//! whether it is internal (a note: never shown to the reporter).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "feedback_event")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub item_id: i32,
    pub at: DateTimeUtc,
    pub username: String,
    pub action: String,
    pub params: String,
    pub internal: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
