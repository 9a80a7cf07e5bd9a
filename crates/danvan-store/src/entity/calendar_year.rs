//! One year's stored working-day calendar (see migration 9).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "calendar_year")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub year: i32,
    /// `proposed` or `confirmed` (`danvan_calendar::YearStatus::code`).
    pub status: String,
    /// JSON list of `danvan_calendar::DayOff`.
    pub days_off: String,
    /// JSON list of `danvan_calendar::WorkingDay`.
    pub working_days: String,
    /// The decision the year follows (free text).
    pub source: String,
    /// The user name of whoever saved it last.
    pub updated_by: String,
    pub updated_at: DateTimeUtc,
    pub confirmed_by: Option<String>,
    pub confirmed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
