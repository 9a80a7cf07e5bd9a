//! Open311 GeoReport v2: the API keys an administrator issues
//! (`open311_key`: a name, the SHA-256 of the key, never the key; when it
//! was issued and revoked) and what an Open311 client sends beyond the
//! common item (`feedback_open311`: the key it came with, the WGS 84
//! latitude and longitude, the client's address id, a media URL), one row
//! per item received on the Open311 channel. The request list is read by
//! time of receipt, hence the index on `feedback_item.received_at`.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("open311_key")
                .col(pk_auto("id"))
                .col(string("name"))
                .col(string("key_hash"))
                .col(timestamp_with_time_zone("created_at"))
                .col(string("created_by").default(""))
                .col(timestamp_with_time_zone_null("revoked_at"))
                .take(),
        )
        .await?;
        m.create_index(Index::create().name("open311_key_name").table("open311_key").col("name").unique().take()).await?;
        m.create_index(Index::create().name("open311_key_hash").table("open311_key").col("key_hash").unique().take()).await?;
        m.create_table(
            Table::create()
                .table("feedback_open311")
                .col(integer("item_id").primary_key())
                .col(integer("key_id"))
                .col(double_null("lat"))
                .col(double_null("long"))
                .col(string("address_id").default(""))
                .col(string_len("media_url", 2000).default(""))
                .foreign_key(ForeignKey::create().from("feedback_open311", "item_id").to("feedback_item", "id"))
                .foreign_key(ForeignKey::create().from("feedback_open311", "key_id").to("open311_key", "id"))
                .take(),
        )
        .await?;
        m.create_index(Index::create().name("feedback_item_received").table("feedback_item").col("received_at").take()).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(Index::drop().name("feedback_item_received").table("feedback_item").to_owned()).await?;
        for t in ["feedback_open311", "open311_key"] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
