//! The feedback desk (phản ánh, kiến nghị): categories with their deadline
//! rules, items (one record for every channel) with their tracking code,
//! the reporter's personal data kept apart (`feedback_contact`: staff
//! only, erasable), an append-only history, and the attempts a rate limit
//! counts (kept in the database so that it holds across instances).

use sea_orm_migration::{prelude::*, schema::*};

/// The feedback categories every site starts with: name, description,
/// working days, from (`receipt` | `acceptance`). Ten days is the time the
/// Law on Reception of Citizens 2013 (Art. 28) gives to handle or answer a
/// petition or report; matters of public order take five.
const CATEGORIES: &[(&str, &str, i32, &str)] = &[
    ("Hạ tầng, giao thông, chiếu sáng", "Đường sá, cầu cống, điện chiếu sáng công cộng, nước sinh hoạt.", 10, "receipt"),
    ("Môi trường, vệ sinh", "Rác thải, nước thải, ô nhiễm, vệ sinh công cộng.", 10, "receipt"),
    ("An ninh, trật tự", "Trật tự công cộng, an toàn giao thông, tệ nạn xã hội.", 5, "receipt"),
    ("Chính sách, thủ tục hành chính", "Chế độ chính sách, giải quyết thủ tục, thái độ phục vụ của cán bộ.", 10, "acceptance"),
    ("Góp ý, kiến nghị khác", "Các ý kiến, kiến nghị khác với cấp ủy, chính quyền.", 10, "receipt"),
];

#[derive(DeriveMigrationName)]
pub struct Migration;

fn fk(table: &'static str, col: &'static str, to: &'static str) -> ForeignKeyCreateStatement {
    ForeignKey::create().from(table, col).to(to, "id").take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("feedback_category")
                .col(pk_auto("id"))
                .col(string("name"))
                .col(text("description").default(""))
                .col(integer("position").default(0))
                .col(integer("days"))
                .col(string("counting"))
                .col(string("count_from"))
                .col(small_integer("max_extensions").default(1))
                .col(integer_null("unit_id"))
                .col(boolean("is_active").default(true))
                .foreign_key(&mut fk("feedback_category", "unit_id", "org_unit"))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("feedback_item")
                .col(pk_auto("id"))
                .col(string("code"))
                .col(string("receipt_token"))
                .col(string("channel"))
                .col(integer("category_id"))
                .col(string("title"))
                .col(text("content"))
                .col(string("place").default(""))
                .col(string("status"))
                .col(integer_null("unit_id"))
                .col(timestamp_with_time_zone("received_at"))
                .col(timestamp_with_time_zone_null("accepted_at"))
                .col(timestamp_with_time_zone_null("deadline_at"))
                .col(small_integer("extensions").default(0))
                .col(boolean("reopened").default(false))
                .col(integer_null("duplicate_of"))
                .col(text("answer").default(""))
                .col(timestamp_with_time_zone_null("answered_at"))
                .col(boolean("published").default(false))
                .col(small_integer_null("rating"))
                .col(string("logged_by").default(""))
                .col(string("source_hash").default(""))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("feedback_item", "category_id", "feedback_category"))
                .foreign_key(&mut fk("feedback_item", "unit_id", "org_unit"))
                .foreign_key(&mut fk("feedback_item", "duplicate_of", "feedback_item"))
                .take(),
        )
        .await?;
        m.create_index(Index::create().name("feedback_item_code").table("feedback_item").col("code").unique().take()).await?;
        m.create_index(Index::create().name("feedback_item_receipt").table("feedback_item").col("receipt_token").unique().take()).await?;
        // the staff queues: a unit's open items by deadline
        m.create_index(Index::create().name("feedback_item_queue").table("feedback_item").col("unit_id").col("status").col("deadline_at").take()).await?;
        m.create_index(Index::create().name("feedback_item_source").table("feedback_item").col("source_hash").col("received_at").take()).await?;
        m.create_table(
            Table::create()
                .table("feedback_contact")
                .col(integer("item_id").primary_key())
                .col(string("name").default(""))
                .col(string("phone").default(""))
                .col(string("email").default(""))
                .col(boolean("consent").default(false))
                .col(timestamp_with_time_zone_null("erased_at"))
                .foreign_key(&mut fk("feedback_contact", "item_id", "feedback_item"))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("feedback_event")
                .col(pk_auto("id"))
                .col(integer("item_id"))
                .col(timestamp_with_time_zone("at"))
                .col(string("username"))
                .col(string("action"))
                .col(text("params").default("{}"))
                .col(boolean("internal").default(false))
                .foreign_key(&mut fk("feedback_event", "item_id", "feedback_item"))
                .take(),
        )
        .await?;
        m.create_index(Index::create().name("feedback_event_item").table("feedback_event").col("item_id").col("id").take()).await?;
        m.create_table(
            Table::create()
                .table("feedback_attempt")
                .col(pk_auto("id"))
                .col(string("kind"))
                .col(string("key_hash"))
                .col(timestamp_with_time_zone("at"))
                .take(),
        )
        .await?;
        // the categories every site starts with (an administrator edits them)
        for (i, (name, description, days, from)) in CATEGORIES.iter().enumerate() {
            let insert = Query::insert()
                .into_table("feedback_category")
                .columns(["name", "description", "position", "days", "counting", "count_from", "max_extensions", "is_active"])
                .values_panic([
                    (*name).into(),
                    (*description).into(),
                    (i as i32).into(),
                    (*days).into(),
                    "working_days".into(),
                    (*from).into(),
                    1i16.into(),
                    true.into(),
                ])
                .to_owned();
            m.exec_stmt(insert).await?;
        }
        m.create_index(Index::create().name("feedback_attempt_key").table("feedback_attempt").col("kind").col("key_hash").col("at").take()).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["feedback_attempt", "feedback_event", "feedback_contact", "feedback_item", "feedback_category"] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
