//! The registry statistics' cube: per period kept ready (`y` a year, `p`
//! a five-year plan phase by its first year) and unit, the figures by
//! field × holder × kind, kept by the store from the facts with every
//! change (`registry/cube.rs`); filled here from the facts already stored.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("registry_cube")
                .col(string_len("period_kind", 1))
                .col(integer("period_start"))
                .col(integer("org_unit_id"))
                .col(string("field"))
                .col(string("holder"))
                .col(string("kind"))
                .col(big_integer("registered"))
                .col(big_integer("launched"))
                .col(big_integer("evaluated"))
                .col(big_integer("effective"))
                .col(big_integer("outstanding"))
                .col(big_integer("replicated"))
                .col(big_integer("proposed"))
                .col(big_integer("commended"))
                .primary_key(Index::create().col("period_kind").col("period_start").col("org_unit_id").col("field").col("holder").col("kind"))
                .take(),
        )
        .await?;
        for sql in crate::registry::cube_fill_statements() {
            m.get_connection().execute_unprepared(&sql).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("registry_cube").to_owned()).await?;
        Ok(())
    }
}
