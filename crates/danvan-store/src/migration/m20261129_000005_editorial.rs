//! The editorial back office: accounts with roles scoped to units, sessions
//! kept in the database (so instances share them), sign-in failures, the
//! article workflow's columns, tags, revisions, the audit log, the media
//! library, and job leases (so that one instance runs the scheduler).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn fk(table: &'static str, col: &'static str, to: &'static str, cascade: bool) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, col)
        .to(to, "id")
        .on_delete(if cascade { ForeignKeyAction::Cascade } else { ForeignKeyAction::SetNull })
        .take()
}

/// SQLite takes one change per `ALTER TABLE`.
async fn add_column(m: &SchemaManager<'_>, table: &'static str, col: ColumnDef) -> Result<(), DbErr> {
    m.alter_table(Table::alter().table(table).add_column(col).take()).await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // Accounts.
        add_column(m, "user_account", integer_null("org_unit_id")).await?;
        add_column(m, "user_account", boolean("is_active").default(true).take()).await?;
        add_column(m, "user_account", integer("failed_sign_ins").default(0).take()).await?;
        add_column(m, "user_account", timestamp_with_time_zone_null("locked_until")).await?;
        add_column(m, "user_account", boolean("must_change_password").default(false).take()).await?;
        add_column(m, "user_account", timestamp_with_time_zone_null("password_changed_at")).await?;
        m.create_table(
            Table::create()
                .table("role_grant")
                .col(pk_auto("id"))
                .col(integer("user_id"))
                .col(string("role"))
                .col(integer("unit_id"))
                .foreign_key(&mut fk("role_grant", "user_id", "user_account", true))
                .foreign_key(&mut fk("role_grant", "unit_id", "org_unit", true))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create().name("role_grant_unique").table("role_grant").col("user_id").col("role").col("unit_id").unique().take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("user_session")
                .col(pk_auto("id"))
                .col(string_uniq("token_hash"))
                .col(integer("user_id"))
                .col(string("csrf_token"))
                .col(text_null("user_agent"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("last_seen_at"))
                .col(timestamp_with_time_zone("expires_at"))
                .foreign_key(&mut fk("user_session", "user_id", "user_account", true))
                .take(),
        )
        .await?;
        m.create_index(Index::create().name("user_session_user").table("user_session").col("user_id").take()).await?;
        m.create_table(
            Table::create()
                .table("sign_in_failure")
                .col(pk_auto("id"))
                .col(string("address_hash"))
                .col(string("username"))
                .col(timestamp_with_time_zone("at"))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create().name("sign_in_failure_address").table("sign_in_failure").col("address_hash").col("at").take(),
        )
        .await?;

        // Media library (before article, which points at it).
        m.create_table(
            Table::create()
                .table("media")
                .col(pk_auto("id"))
                .col(string("kind"))
                .col(string("mime_type"))
                .col(string("storage_key"))
                .col(string("original_name"))
                .col(big_integer("size"))
                .col(integer_null("width"))
                .col(integer_null("height"))
                .col(text("alt"))
                .col(text("caption"))
                .col(text_null("credit"))
                .col(text("variants"))
                .col(string("sha256"))
                .col(integer_null("uploaded_by"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("media", "uploaded_by", "user_account", false))
                .take(),
        )
        .await?;
        m.create_index(Index::create().name("media_sha256").table("media").col("sha256").take()).await?;

        // Articles.
        add_column(m, "article", integer_null("org_unit_id")).await?;
        add_column(m, "article", integer_null("author_id")).await?;
        add_column(m, "article", integer_null("featured_media_id")).await?;
        add_column(m, "article", text_null("return_comment")).await?;
        add_column(m, "figure", integer_null("media_id")).await?;
        m.create_table(
            Table::create()
                .table("tag")
                .col(pk_auto("id"))
                .col(string_uniq("slug"))
                .col(string("name"))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("article_tag")
                .col(pk_auto("id"))
                .col(integer("article_id"))
                .col(integer("tag_id"))
                .foreign_key(&mut fk("article_tag", "article_id", "article", true))
                .foreign_key(&mut fk("article_tag", "tag_id", "tag", true))
                .take(),
        )
        .await?;
        m.create_index(Index::create().name("article_tag_unique").table("article_tag").col("article_id").col("tag_id").unique().take())
            .await?;
        m.create_index(Index::create().name("article_tag_tag").table("article_tag").col("tag_id").take()).await?;
        m.create_table(
            Table::create()
                .table("article_video")
                .col(pk_auto("id"))
                .col(integer("article_id"))
                .col(integer("media_id"))
                .col(integer("position"))
                .foreign_key(&mut fk("article_video", "article_id", "article", true))
                .foreign_key(&mut fk("article_video", "media_id", "media", true))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("article_revision")
                .col(pk_auto("id"))
                .col(integer("article_id"))
                .col(integer("number"))
                .col(text("title"))
                .col(text_null("lead"))
                .col(text("body_html"))
                .col(text_null("byline"))
                .col(integer_null("category_id"))
                .col(text("tags"))
                .col(text("figures"))
                .col(integer_null("author_id"))
                .col(string("author_name"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("article_revision", "article_id", "article", true))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create().name("article_revision_number").table("article_revision").col("article_id").col("number").unique().take(),
        )
        .await?;

        // Audit log: who, when, what. The user's name is copied so the log
        // stays readable after an account is deleted.
        m.create_table(
            Table::create()
                .table("audit_event")
                .col(pk_auto("id"))
                .col(timestamp_with_time_zone("at"))
                .col(integer_null("user_id"))
                .col(string("username"))
                .col(string("action"))
                .col(string("subject_kind"))
                .col(integer_null("subject_id"))
                .col(text("summary"))
                .take(),
        )
        .await?;
        m.create_index(Index::create().name("audit_event_at").table("audit_event").col("at").take()).await?;
        m.create_index(
            Index::create().name("audit_event_subject").table("audit_event").col("subject_kind").col("subject_id").take(),
        )
        .await?;

        // Leases of background jobs: one holder at a time across instances.
        m.create_table(
            Table::create()
                .table("job_lease")
                .col(string("name").primary_key())
                .col(string("holder"))
                .col(timestamp_with_time_zone("expires_at"))
                .take(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "job_lease",
            "audit_event",
            "article_revision",
            "article_video",
            "article_tag",
            "tag",
            "media",
            "sign_in_failure",
            "user_session",
            "role_grant",
        ] {
            m.drop_table(Table::drop().table(t).take()).await?;
        }
        Ok(())
    }
}
