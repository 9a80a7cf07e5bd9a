//! What the statistics count of one record in one year (see
//! `crate::registry` facts): `in_period` when the year is in the record's
//! own period, `effectiveness` 0 (none), 1 not yet effective, 2 effective,
//! 3 outstanding (that year's evaluation), and whether a copy, a
//! commendation proposal or decision belongs to that year.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "registry_fact")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub model_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub year: i32,
    pub org_unit_id: i32,
    pub field: String,
    pub holder: String,
    pub kind: String,
    pub in_period: bool,
    pub launched: bool,
    pub effectiveness: i16,
    pub replicated: bool,
    pub proposed: bool,
    pub commended: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
