//! The feedback desk's publication and notices: the public texts of an
//! item (what staff confirmed after the personal-data check; the item's
//! own title, content and place are never shown publicly), and the outbox
//! of notices and reminders (one row per recipient and occasion, unique,
//! so that nothing is sent twice; retried until sent).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // SQLite takes one column per ALTER TABLE
        let columns = [
            string("public_title").default("").take(),
            text("public_question").default("").take(),
            string("public_place").default("").take(),
            text("public_answer").default("").take(),
            timestamp_with_time_zone_null("published_at"),
        ];
        for mut c in columns {
            m.alter_table(Table::alter().table("feedback_item").add_column(&mut c).take()).await?;
        }
        m.create_index(Index::create().name("feedback_item_published").table("feedback_item").col("published").col("published_at").take()).await?;
        m.create_index(Index::create().name("feedback_item_duplicate").table("feedback_item").col("duplicate_of").take()).await?;
        m.create_table(
            Table::create()
                .table("feedback_outbox")
                .col(pk_auto("id"))
                .col(string("kind"))
                .col(integer("item_id"))
                .col(string("recipient"))
                .col(string("occasion"))
                .col(timestamp_with_time_zone("created_at"))
                .col(small_integer("attempts").default(0))
                .col(timestamp_with_time_zone_null("next_attempt_at"))
                .col(text("last_error").default(""))
                .col(timestamp_with_time_zone_null("sent_at"))
                .col(string("delivered_by").default(""))
                .col(timestamp_with_time_zone_null("read_at"))
                .foreign_key(&mut ForeignKey::create().from("feedback_outbox", "item_id").to("feedback_item", "id").take())
                .take(),
        )
        .await?;
        m.create_index(
            Index::create().name("feedback_outbox_once").table("feedback_outbox").col("kind").col("item_id").col("recipient").col("occasion").unique().take(),
        )
        .await?;
        m.create_index(Index::create().name("feedback_outbox_pending").table("feedback_outbox").col("sent_at").col("next_attempt_at").take()).await?;
        m.create_index(Index::create().name("feedback_outbox_recipient").table("feedback_outbox").col("recipient").col("read_at").take()).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("feedback_outbox").to_owned()).await?;
        for c in ["published_at", "public_answer", "public_place", "public_question", "public_title"] {
            m.alter_table(Table::alter().table("feedback_item").drop_column(c).take()).await?;
        }
        Ok(())
    }
}
