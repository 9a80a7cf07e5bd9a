//! The search change log (issue 14): one row per change of a search entry
//! (written in the change's transaction), whose id is the watermark the
//! search engine commits with; an instance catches its engine up by
//! replaying the rows after its watermark. Every entry already indexed
//! gets one row here, so that the log alone rebuilds the engine.

use sea_orm::ConnectionTrait;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("search_change")
                .col(pk_auto("id"))
                .col(string("kind"))
                .col(integer("ref_id"))
                .col(timestamp_with_time_zone("at"))
                .take(),
        )
        .await?;
        m.create_index(Index::create().name("search_change_at").table("search_change").col("at").take()).await?;
        let db = m.get_connection();
        db.execute_raw(sea_orm::Statement::from_sql_and_values(
            m.get_database_backend(),
            "INSERT INTO search_change (kind, ref_id, at) SELECT kind, ref_id, $1 FROM search_doc ORDER BY id",
            [chrono::Utc::now().into()],
        ))
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("search_change").take()).await
    }
}
