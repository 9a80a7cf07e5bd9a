//! The statistics of the five-year plan phases kept ready: one row per
//! record and plan phase its own period overlaps (2021–2025 for a record
//! of 2023), holding what the phase's statistics count of it (its latest
//! evaluation in the phase, and whether it was replicated, proposed or
//! commended in any year of it). Kept by the store with the year facts
//! (`registry/facts.rs`); filled here from the year facts already stored.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("registry_phase_fact")
                .col(integer("model_id"))
                .col(integer("phase_start"))
                .col(integer("org_unit_id"))
                .col(string("field"))
                .col(string("holder"))
                .col(string("kind"))
                .col(boolean("launched"))
                .col(small_integer("effectiveness"))
                .col(boolean("replicated"))
                .col(boolean("proposed"))
                .col(boolean("commended"))
                .primary_key(Index::create().col("model_id").col("phase_start"))
                .foreign_key(&mut ForeignKey::create().from("registry_phase_fact", "model_id").to("registry_model", "id").take())
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("registry_phase_fact_stats")
                .table("registry_phase_fact")
                .col("phase_start")
                .col("org_unit_id")
                .col("field")
                .col("holder")
                .col("kind")
                .col("launched")
                .col("effectiveness")
                .col("replicated")
                .col("proposed")
                .col("commended")
                .col("model_id")
                .take(),
        )
        .await?;
        // The rows of the records already stored, folded from their year
        // facts exactly as the store folds them (`registry/facts.rs`).
        m.get_connection().execute_unprepared(crate::registry::PHASE_FACTS_FROM_YEAR_FACTS).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("registry_phase_fact").to_owned()).await?;
        Ok(())
    }
}
