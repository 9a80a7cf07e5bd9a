//! One line of the audit log: who (`username` copied so it survives the account), when, what (`action`, e.g. `article.publish`), on what (`subject_kind`, `subject_id`), and a readable summary.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_event")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub at: DateTimeUtc,
    pub user_id: Option<i32>,
    pub username: String,
    pub action: String,
    pub subject_kind: String,
    pub subject_id: Option<i32>,
    pub summary: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
