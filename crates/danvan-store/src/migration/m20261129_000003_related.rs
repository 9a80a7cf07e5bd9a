//! The cached "Bài viết liên quan" lists, computed on publish.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("related_article")
                .col(pk_auto("id"))
                .col(integer("article_id"))
                .col(integer("related_id"))
                .col(integer("position"))
                .col(double("score"))
                .foreign_key(ForeignKey::create().from("related_article", "article_id").to("article", "id").on_delete(ForeignKeyAction::Cascade))
                .foreign_key(ForeignKey::create().from("related_article", "related_id").to("article", "id").on_delete(ForeignKeyAction::Cascade))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create().name("related_article_position").table("related_article").col("article_id").col("position").unique().take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("related_article").take()).await
    }
}
