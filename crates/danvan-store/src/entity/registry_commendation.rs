//! A commendation of a record: proposed (đề nghị, `proposed_only`) or
//! decided, with its form (`danvan_domain::registry::CommendationForm`
//! code), level, conferring body, decision number (canonical, as
//! `danvan_docref` writes it) and date; `year` is the year it counts in.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "registry_commendation")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub model_id: i32,
    pub proposed_only: bool,
    pub form: String,
    pub level: String,
    pub conferred_by: String,
    pub decision_number: String,
    pub decided_on: Option<Date>,
    pub year: i32,
    pub note: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
