//! Full-text search over the folded text (DESIGN.md §4, §5): one row of
//! `search_doc` per searchable item, indexed by FTS5 on SQLite and by a
//! GIN-indexed tsvector on PostgreSQL. The two dialects stand side by side
//! here and in `crate::search`, nowhere else.

use sea_orm::DatabaseBackend;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// SQLite: an external-content FTS5 table kept in step by triggers, so that
/// the index changes in the same transaction as the row.
const SQLITE_UP: &[&str] = &[
    "CREATE VIRTUAL TABLE search_fts USING fts5(title, lead, body, extra, content='search_doc', content_rowid='id', tokenize='unicode61 remove_diacritics 0', prefix='2 3')",
    "CREATE TRIGGER search_doc_ai AFTER INSERT ON search_doc BEGIN INSERT INTO search_fts(rowid, title, lead, body, extra) VALUES (new.id, new.title, new.lead, new.body, new.extra); END",
    "CREATE TRIGGER search_doc_ad AFTER DELETE ON search_doc BEGIN INSERT INTO search_fts(search_fts, rowid, title, lead, body, extra) VALUES ('delete', old.id, old.title, old.lead, old.body, old.extra); END",
    "CREATE TRIGGER search_doc_au AFTER UPDATE ON search_doc BEGIN INSERT INTO search_fts(search_fts, rowid, title, lead, body, extra) VALUES ('delete', old.id, old.title, old.lead, old.body, old.extra); INSERT INTO search_fts(rowid, title, lead, body, extra) VALUES (new.id, new.title, new.lead, new.body, new.extra); END",
];

/// PostgreSQL: a generated tsvector (title A, lead B, body C, abbreviation
/// expansions D) with a GIN index.
const POSTGRES_UP: &[&str] = &[
    "ALTER TABLE search_doc ADD COLUMN tsv tsvector GENERATED ALWAYS AS (\
       setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', lead), 'B') || \
       setweight(to_tsvector('simple', body), 'C') || setweight(to_tsvector('simple', extra), 'D')) STORED",
    "CREATE INDEX search_doc_tsv ON search_doc USING GIN (tsv)",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("search_doc")
                .col(pk_auto("id"))
                .col(string("kind"))
                .col(integer("ref_id"))
                .col(text("title"))
                .col(text("lead"))
                .col(text("body"))
                .col(text("extra"))
                .col(integer_null("category_id"))
                .col(timestamp_with_time_zone_null("published_at"))
                .take(),
        )
        .await?;
        m.create_index(Index::create().name("search_doc_ref").table("search_doc").col("kind").col("ref_id").unique().take())
            .await?;
        let db = m.get_connection();
        let statements = match m.get_database_backend() {
            DatabaseBackend::Sqlite => SQLITE_UP,
            DatabaseBackend::Postgres => POSTGRES_UP,
            other => return Err(DbErr::Migration(format!("unsupported backend {other:?}"))),
        };
        for s in statements {
            db.execute_unprepared(s).await?;
        }
        m.create_table(
            Table::create()
                .table("glossary_entry")
                .col(pk_auto("id"))
                .col(string_uniq("abbreviation"))
                .col(text("expansion"))
                .take(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        if m.get_database_backend() == DatabaseBackend::Sqlite {
            m.get_connection().execute_unprepared("DROP TABLE IF EXISTS search_fts").await?;
        }
        m.drop_table(Table::drop().table("glossary_entry").take()).await?;
        m.drop_table(Table::drop().table("search_doc").take()).await?;
        Ok(())
    }
}
