//! A "Dân vận khéo" record: a model (mô hình) or exemplar (điển hình).
//! Codes of `kind`, `holder`, `field`, `status` are those of
//! `danvan_domain::registry`; `code` is the unit's own code (unique per
//! unit); `person_name` and `person_position` are personal data, shown to
//! staff only; `registration` is the JSON object of the form's ten parts.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "registry_model")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub code: String,
    pub name: String,
    pub kind: String,
    pub holder: String,
    pub field: String,
    pub org_unit_id: i32,
    pub area: String,
    pub period_start: i32,
    pub period_end: i32,
    pub status: String,
    pub registered_on: Option<Date>,
    pub launched_on: Option<Date>,
    pub person_name: String,
    pub person_position: String,
    pub registration: String,
    pub is_public: bool,
    pub approved: bool,
    pub replicated_from_id: Option<i32>,
    pub converted_to_id: Option<i32>,
    pub discontinued_reason: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
