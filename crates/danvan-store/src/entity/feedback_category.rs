//! A feedback category (lĩnh vực phản ánh) with its deadline rule: `days`
//! counted as `counting` (`working_days` | `calendar_days`) from
//! `count_from` (`receipt` | `acceptance`), `max_extensions`, and the unit
//! that handles it by default.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "feedback_category")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
    pub description: String,
    pub position: i32,
    pub days: i32,
    pub counting: String,
    pub count_from: String,
    pub max_extensions: i16,
    pub unit_id: Option<i32>,
    pub is_active: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
