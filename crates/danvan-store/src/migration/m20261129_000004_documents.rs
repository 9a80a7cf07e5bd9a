//! The document library (Decree 42/2022/NĐ-CP Art. 4: type, number and
//! symbol, issuer, dates, summary, file), relations between documents, and
//! the references that articles make to documents.

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

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("document")
                .col(pk_auto("id"))
                .col(string_uniq("slug"))
                .col(string("doc_type"))
                .col(string("number_text"))
                .col(integer("number"))
                .col(string("issuers"))
                .col(integer_null("year"))
                .col(string("issuer_name"))
                .col(string_null("signer"))
                .col(date_null("issued_on"))
                .col(date_null("effective_on"))
                .col(text("summary"))
                .col(string("status"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .take(),
        )
        .await?;
        m.create_index(Index::create().name("document_number").table("document").col("number").take()).await?;
        m.create_table(
            Table::create()
                .table("document_file")
                .col(pk_auto("id"))
                .col(integer("document_id"))
                .col(string("file_name"))
                .col(string("media_type"))
                .col(big_integer("size"))
                .col(string("storage_key"))
                .foreign_key(&mut fk("document_file", "document_id", "document", true))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("document_relation")
                .col(pk_auto("id"))
                .col(integer("from_id"))
                .col(integer("to_id"))
                .col(string("kind"))
                .foreign_key(&mut fk("document_relation", "from_id", "document", true))
                .foreign_key(&mut fk("document_relation", "to_id", "document", true))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create().name("document_relation_unique").table("document_relation").col("from_id").col("to_id").col("kind").unique().take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("article_reference")
                .col(pk_auto("id"))
                .col(integer("article_id"))
                .col(string("doc_type"))
                .col(string("number_text"))
                .col(date_null("dated"))
                .col(text("quote"))
                .col(integer_null("document_id"))
                .foreign_key(&mut fk("article_reference", "article_id", "article", true))
                .foreign_key(&mut fk("article_reference", "document_id", "document", false))
                .take(),
        )
        .await?;
        m.create_index(Index::create().name("article_reference_article").table("article_reference").col("article_id").take()).await?;
        m.create_index(Index::create().name("article_reference_document").table("article_reference").col("document_id").take()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["article_reference", "document_relation", "document_file", "document"] {
            m.drop_table(Table::drop().table(t).take()).await?;
        }
        Ok(())
    }
}
