//! The working-day calendar of each year as stored by an administrator:
//! the days off and swapped working days (JSON lists of
//! `danvan_calendar::DayOff` and `WorkingDay`), whether the year is
//! confirmed, and who saved and confirmed it. A year without a row uses the
//! calendar shipped with danvan or, failing that, the proposal computed
//! from the holiday rules.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("calendar_year")
                .col(integer("year").primary_key())
                .col(string("status"))
                .col(text("days_off"))
                .col(text("working_days"))
                .col(text("source"))
                .col(string("updated_by"))
                .col(timestamp_with_time_zone("updated_at"))
                .col(string_null("confirmed_by"))
                .col(timestamp_with_time_zone_null("confirmed_at"))
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("calendar_year").to_owned()).await
    }
}
