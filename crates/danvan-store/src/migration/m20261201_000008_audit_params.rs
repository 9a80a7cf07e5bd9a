//! Audit entries as an action code plus parameters (rendered through the
//! message catalogue when shown, in the reader's language); older rows keep
//! their rendered `summary`. Two covering indexes for the back-office list,
//! which filters by unit or author, and status, in SQL: every column the list
//! shows is in the index, so neither backend reads a row (on SQLite the
//! columns added by later migrations sit after the 5 KB body in the row, and
//! a plan that reads the row reads the body), and with the status as second
//! key SQLite prefers them to `article_published` even without statistics.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table("audit_event").add_column(text("params").default("").take()).take()).await?;
        m.create_index(Index::create().name("article_unit_list").table("article").col("org_unit_id").col("status").col("updated_at").col("id").col("slug").col("title").col("category_id").col("published_at").col("author_id").take()).await?;
        m.create_index(Index::create().name("article_author_list").table("article").col("author_id").col("status").col("updated_at").col("id").col("slug").col("title").col("category_id").col("published_at").col("org_unit_id").take()).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(Index::drop().name("article_author_list").table("article").to_owned()).await?;
        m.drop_index(Index::drop().name("article_unit_list").table("article").to_owned()).await?;
        m.alter_table(Table::alter().table("audit_event").drop_column("params").take()).await?;
        Ok(())
    }
}
