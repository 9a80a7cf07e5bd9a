//! Articles linked to the registry records they are about (an editor picks
//! them in the article's editor). Deleting an article drops its links;
//! records are never deleted, and nothing here would delete one (the link
//! to a record refuses its deletion, the default action).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("article_model")
                .col(pk_auto("id"))
                .col(integer("article_id"))
                .col(integer("model_id"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut ForeignKey::create().from("article_model", "article_id").to("article", "id").on_delete(ForeignKeyAction::Cascade).take())
                .foreign_key(&mut ForeignKey::create().from("article_model", "model_id").to("registry_model", "id").take())
                .take(),
        )
        .await?;
        m.create_index(Index::create().name("article_model_unique").table("article_model").col("article_id").col("model_id").unique().take()).await?;
        // a record's page lists its articles
        m.create_index(Index::create().name("article_model_model").table("article_model").col("model_id").col("article_id").take()).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("article_model").to_owned()).await
    }
}
