//! A registry record's photos (items of the media library, in order) and
//! files (a scanned registration form, a report: kept in the document
//! storage, shown to staff only).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("registry_photo")
                .col(integer("model_id"))
                .col(integer("media_id"))
                .col(integer("position"))
                .primary_key(Index::create().col("model_id").col("media_id"))
                .foreign_key(&mut ForeignKey::create().from("registry_photo", "model_id").to("registry_model", "id").take())
                .foreign_key(&mut ForeignKey::create().from("registry_photo", "media_id").to("media", "id").take())
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("registry_file")
                .col(pk_auto("id"))
                .col(integer("model_id"))
                .col(string("file_name"))
                .col(string("media_type"))
                .col(big_integer("size"))
                .col(string("storage_key"))
                .col(string("uploaded_by"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut ForeignKey::create().from("registry_file", "model_id").to("registry_model", "id").take())
                .take(),
        )
        .await?;
        m.create_index(Index::create().name("registry_file_model").table("registry_file").col("model_id").take()).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["registry_file", "registry_photo"] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
