//! The portal foundation: site, organisation units, categories, articles
//! with figures, ratings, video clips, user accounts.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn fk(from: (&'static str, &'static str), to: &'static str, cascade: bool) -> ForeignKeyCreateStatement {
    let mut f = ForeignKey::create();
    f.from(from.0, from.1).to(to, "id");
    if cascade {
        f.on_delete(ForeignKeyAction::Cascade);
    } else {
        f.on_delete(ForeignKeyAction::SetNull);
    }
    f.take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("site")
                .col(pk_auto("id"))
                .col(string("name"))
                .col(string("tagline"))
                .col(string("address"))
                .col(string("phone"))
                .col(string("email"))
                .col(string("vote_salt"))
                .col(boolean("is_sample"))
                .col(timestamp_with_time_zone("created_at"))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("org_unit")
                .col(pk_auto("id"))
                .col(integer_null("parent_id"))
                .col(string("name"))
                .col(string_null("short_name"))
                .col(string("level"))
                .col(integer("position"))
                .foreign_key(&mut fk(("org_unit", "parent_id"), "org_unit", true))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("category")
                .col(pk_auto("id"))
                .col(string_uniq("slug"))
                .col(string("name"))
                .col(text_null("description"))
                .col(integer("position"))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("article")
                .col(pk_auto("id"))
                .col(string_uniq("slug"))
                .col(text("title"))
                .col(text_null("lead"))
                .col(text("body_html"))
                .col(text_null("byline"))
                .col(integer_null("category_id"))
                .col(string("status"))
                .col(timestamp_with_time_zone_null("published_at"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .col(boolean("is_sample"))
                .col(string_null("source_hash"))
                .col(big_integer("rating_sum"))
                .col(big_integer("rating_count"))
                .col(big_integer("version"))
                .foreign_key(&mut fk(("article", "category_id"), "category", false))
                .take(),
        )
        .await?;
        m.create_index(Index::create().name("article_source_hash").table("article").col("source_hash").unique().take())
            .await?;
        m.create_index(
            Index::create().name("article_published").table("article").col("status").col("published_at").take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("article_category_published")
                .table("article")
                .col("category_id")
                .col("published_at")
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("figure")
                .col(pk_auto("id"))
                .col(integer("article_id"))
                .col(integer("position"))
                .col(text_null("image_url"))
                .col(text_null("image_source"))
                .col(text("alt"))
                .col(text("caption"))
                .col(text_null("credit"))
                .foreign_key(&mut fk(("figure", "article_id"), "article", true))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create().name("figure_article_position").table("figure").col("article_id").col("position").unique().take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("rating_vote")
                .col(pk_auto("id"))
                .col(integer("article_id"))
                .col(small_integer("score"))
                .col(string("visitor_hash"))
                .col(string("client_hash"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk(("rating_vote", "article_id"), "article", true))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("rating_vote_visitor")
                .table("rating_vote")
                .col("article_id")
                .col("visitor_hash")
                .unique()
                .take(),
        )
        .await?;
        m.create_index(
            Index::create().name("rating_vote_client").table("rating_vote").col("article_id").col("client_hash").take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("video_clip")
                .col(pk_auto("id"))
                .col(text("title"))
                .col(text_null("description"))
                .col(text("video_url"))
                .col(string("mime_type"))
                .col(text_null("poster_url"))
                .col(text_null("captions_url"))
                .col(integer("position"))
                .col(boolean("is_sample"))
                .col(timestamp_with_time_zone("published_at"))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("user_account")
                .col(pk_auto("id"))
                .col(string_uniq("username"))
                .col(string("display_name"))
                .col(string("password_hash"))
                .col(boolean("is_admin"))
                .col(timestamp_with_time_zone("created_at"))
                .take(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["user_account", "video_clip", "rating_vote", "figure", "article", "category", "org_unit", "site"] {
            m.drop_table(Table::drop().table(t).take()).await?;
        }
        Ok(())
    }
}
