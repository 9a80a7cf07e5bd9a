//! A covering index for search candidates: the engine's matches are
//! filtered by kind, publication time and category without reading the
//! rows' text (about 5 KB each, in overflow pages on SQLite).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_index(
            Index::create()
                .name("search_doc_filter")
                .table("search_doc")
                .col("id")
                .col("kind")
                .col("published_at")
                .col("category_id")
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(Index::drop().name("search_doc_filter").table("search_doc").to_owned()).await
    }
}
