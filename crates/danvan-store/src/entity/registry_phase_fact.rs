//! What the statistics of a five-year plan phase count of one record
//! (kept with the year facts): one row per record and plan phase its
//! own period overlaps, `phase_start` the phase's first year (2021 for
//! 2021–2025); `effectiveness` is its latest evaluation in the phase (0
//! none, 1 not yet effective, 2 effective, 3 outstanding), and the flags
//! say whether a copy, a proposal or a decision belongs to a year of it.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "registry_phase_fact")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub model_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub phase_start: i32,
    pub org_unit_id: i32,
    pub field: String,
    pub holder: String,
    pub kind: String,
    pub launched: bool,
    pub effectiveness: i16,
    pub replicated: bool,
    pub proposed: bool,
    pub commended: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
