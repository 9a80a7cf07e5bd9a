//! The database's full-text index of `search_doc` is dropped (issue 14):
//! search and related articles both ask the search engine
//! ([`danvan_search`]) now, so the FTS5 table and its triggers (SQLite)
//! and the generated tsvector with its GIN index (PostgreSQL) only cost
//! every write. `search_doc` stays: the folded fields the related lists
//! are scored on, and the list of what the engine must hold.

use sea_orm::{ConnectionTrait, DatabaseBackend};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const SQLITE_UP: &[&str] = &[
    "DROP TRIGGER IF EXISTS search_doc_ai",
    "DROP TRIGGER IF EXISTS search_doc_ad",
    "DROP TRIGGER IF EXISTS search_doc_au",
    "DROP TABLE IF EXISTS search_fts",
];

const POSTGRES_UP: &[&str] = &["DROP INDEX IF EXISTS search_doc_tsv", "ALTER TABLE search_doc DROP COLUMN IF EXISTS tsv"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let statements = match m.get_database_backend() {
            DatabaseBackend::Sqlite => SQLITE_UP,
            DatabaseBackend::Postgres => POSTGRES_UP,
            other => return Err(DbErr::Migration(format!("unsupported backend {other:?}"))),
        };
        for s in statements {
            m.get_connection().execute_unprepared(s).await?;
        }
        Ok(())
    }

    async fn down(&self, _m: &SchemaManager) -> Result<(), DbErr> {
        // the engine never reads the old index: nothing to bring back
        Ok(())
    }
}
