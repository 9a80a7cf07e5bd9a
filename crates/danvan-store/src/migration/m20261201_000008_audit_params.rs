//! Audit entries as an action code plus parameters (rendered through the
//! message catalogue when shown, in the reader's language); older rows keep
//! their rendered `summary`. Indexes for the back-office list, which filters
//! by unit, author and status in SQL.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table("audit_event").add_column(text("params").default("").take()).take()).await?;
        m.create_index(Index::create().name("article_unit_updated").table("article").col("org_unit_id").col("updated_at").take()).await?;
        m.create_index(Index::create().name("article_author_updated").table("article").col("author_id").col("updated_at").take()).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(Index::drop().name("article_author_updated").table("article").to_owned()).await?;
        m.drop_index(Index::drop().name("article_unit_updated").table("article").to_owned()).await?;
        m.alter_table(Table::alter().table("audit_event").drop_column("params").take()).await?;
        Ok(())
    }
}
