//! The photos and PDF files a reporter attaches to a feedback item on the
//! public form: the bytes in the file storage under `storage_key` (a photo
//! re-encoded from its pixels, so no EXIF or GPS position survives; a PDF
//! as sent, after its content check), one row per file in the order sent.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("feedback_attachment")
                .col(pk_auto("id"))
                .col(integer("item_id"))
                .col(integer("position"))
                .col(string("file_name"))
                .col(string("media_type"))
                .col(big_integer("size"))
                .col(integer_null("width"))
                .col(integer_null("height"))
                .col(string("storage_key"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut ForeignKey::create().from("feedback_attachment", "item_id").to("feedback_item", "id").take())
                .take(),
        )
        .await?;
        m.create_index(Index::create().name("feedback_attachment_item").table("feedback_attachment").col("item_id").take()).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("feedback_attachment").to_owned()).await
    }
}
