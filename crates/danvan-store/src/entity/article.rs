//! An article (bài viết). `body_html` is sanitised HTML in which `<figure data-figure="N"></figure>` marks where figure N (by position) stands. `status` is one of `danvan_domain::editorial::ArticleStatus` (`draft`, `submitted`, `returned`, `scheduled`, `published`, `unpublished`); for `scheduled`, `published_at` is the time the scheduler publishes it; `rating_sum`/`rating_count` are the running totals of `rating_vote`; `version` grows on every change (page caches compare it).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "article")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub slug: String,
    pub title: String,
    pub lead: Option<String>,
    pub body_html: String,
    pub byline: Option<String>,
    pub category_id: Option<i32>,
    pub status: String,
    pub published_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub is_sample: bool,
    pub source_hash: Option<String>,
    pub rating_sum: i64,
    pub rating_count: i64,
    pub version: i64,
    /// The unit the article belongs to (scopes the editors' rights).
    pub org_unit_id: Option<i32>,
    /// The user who created it.
    pub author_id: Option<i32>,
    /// `media.id` of the featured image.
    pub featured_media_id: Option<i32>,
    /// The approver's comment when the article was returned.
    pub return_comment: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
