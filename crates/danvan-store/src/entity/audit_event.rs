//! One line of the audit log: who (`username` copied so it survives the account), when, what (`action`, e.g. `article.publish`), on what (`subject_kind`, `subject_id`), its parameters (JSON) and, for rows written before parameters existed, a rendered summary.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
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
    /// The parameters of the action's catalogue message, as a JSON object
    /// (`danvan_domain::audit::AuditParams`); empty for rows written before.
    pub params: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
