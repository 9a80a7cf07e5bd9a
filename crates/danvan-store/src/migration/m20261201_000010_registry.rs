//! The "Dân vận khéo" registry: records (models and exemplars), their
//! yearly evaluations, commendations and history. Records are never
//! deleted (no ON DELETE anywhere): a record that stops is discontinued,
//! one that becomes another links to its successor.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// A reference that refuses deletion of what it points to (the default).
fn fk(table: &'static str, col: &'static str, to: &'static str) -> ForeignKeyCreateStatement {
    ForeignKey::create().from(table, col).to(to, "id").take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("registry_model")
                .col(pk_auto("id"))
                .col(string("code"))
                .col(string("name"))
                .col(string("kind"))
                .col(string("holder"))
                .col(string("field"))
                .col(integer("org_unit_id"))
                .col(string("area").default(""))
                .col(integer("period_start"))
                .col(integer("period_end"))
                .col(string("status"))
                .col(date_null("registered_on"))
                .col(date_null("launched_on"))
                .col(string("person_name").default(""))
                .col(string("person_position").default(""))
                .col(text("registration").default("{}"))
                .col(boolean("is_public").default(false))
                .col(boolean("approved").default(false))
                .col(integer_null("replicated_from_id"))
                .col(integer_null("converted_to_id"))
                .col(text("discontinued_reason").default(""))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("registry_model", "org_unit_id", "org_unit"))
                .foreign_key(&mut fk("registry_model", "replicated_from_id", "registry_model"))
                .foreign_key(&mut fk("registry_model", "converted_to_id", "registry_model"))
                .take(),
        )
        .await?;
        m.create_index(Index::create().name("registry_model_unit_code").table("registry_model").col("org_unit_id").col("code").unique().take()).await?;
        m.create_index(
            Index::create()
                .name("registry_model_stats")
                .table("registry_model")
                .col("org_unit_id")
                .col("period_start")
                .col("period_end")
                .col("field")
                .col("holder")
                .col("kind")
                .col("status")
                .take(),
        )
        .await?;
        m.create_index(Index::create().name("registry_model_copies").table("registry_model").col("replicated_from_id").take()).await?;
        // the whole site's statistics: the period first, every counted column after
        m.create_index(
            Index::create()
                .name("registry_model_period")
                .table("registry_model")
                .col("period_start")
                .col("period_end")
                .col("field")
                .col("holder")
                .col("kind")
                .col("status")
                .col("org_unit_id")
                .col("id")
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("registry_evaluation")
                .col(pk_auto("id"))
                .col(integer("model_id"))
                .col(integer("year"))
                .col(string("effectiveness"))
                .col(text("findings").default(""))
                .col(string("evaluated_by"))
                .col(timestamp_with_time_zone("evaluated_at"))
                .foreign_key(&mut fk("registry_evaluation", "model_id", "registry_model"))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create().name("registry_evaluation_model_year").table("registry_evaluation").col("model_id").col("year").unique().take(),
        )
        .await?;
        // the statistics read a record's evaluation of a year from the index alone
        m.create_index(
            Index::create()
                .name("registry_evaluation_stats")
                .table("registry_evaluation")
                .col("model_id")
                .col("year")
                .col("effectiveness")
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("registry_commendation")
                .col(pk_auto("id"))
                .col(integer("model_id"))
                .col(boolean("proposed_only"))
                .col(string("form"))
                .col(string("level").default(""))
                .col(string("conferred_by").default(""))
                .col(string("decision_number").default(""))
                .col(date_null("decided_on"))
                .col(integer("year"))
                .col(text("note").default(""))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("registry_commendation", "model_id", "registry_model"))
                .take(),
        )
        .await?;
        m.create_index(Index::create().name("registry_commendation_model").table("registry_commendation").col("model_id").col("year").take()).await?;
        m.create_index(
            Index::create().name("registry_commendation_year").table("registry_commendation").col("year").col("model_id").col("proposed_only").take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("registry_event")
                .col(pk_auto("id"))
                .col(integer("model_id"))
                .col(timestamp_with_time_zone("at"))
                .col(string("username"))
                .col(string("action"))
                .col(text("params").default("{}"))
                .foreign_key(&mut fk("registry_event", "model_id", "registry_model"))
                .take(),
        )
        .await?;
        m.create_index(Index::create().name("registry_event_model").table("registry_event").col("model_id").col("at").take()).await?;

        // What the statistics count, one row per record and year: kept by
        // the store in the transaction of every change (see
        // `registry/facts.rs`), so a year's statistics read one index.
        m.create_table(
            Table::create()
                .table("registry_fact")
                .col(integer("model_id"))
                .col(integer("year"))
                .col(integer("org_unit_id"))
                .col(string("field"))
                .col(string("holder"))
                .col(string("kind"))
                .col(boolean("in_period"))
                .col(boolean("launched"))
                .col(small_integer("effectiveness"))
                .col(boolean("replicated"))
                .col(boolean("proposed"))
                .col(boolean("commended"))
                .primary_key(Index::create().col("model_id").col("year"))
                .foreign_key(&mut fk("registry_fact", "model_id", "registry_model"))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("registry_fact_stats")
                .table("registry_fact")
                .col("year")
                .col("org_unit_id")
                .col("field")
                .col("holder")
                .col("kind")
                .col("in_period")
                .col("launched")
                .col("effectiveness")
                .col("replicated")
                .col("proposed")
                .col("commended")
                .col("model_id")
                .take(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["registry_fact", "registry_event", "registry_commendation", "registry_evaluation", "registry_model"] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
