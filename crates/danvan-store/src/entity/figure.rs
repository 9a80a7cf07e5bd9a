//! A figure of an article: image (missing until an editor attaches one), caption, credit and alt text as separate fields.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "figure")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub article_id: i32,
    pub position: i32,
    pub image_url: Option<String>,
    pub image_source: Option<String>,
    pub alt: String,
    pub caption: String,
    pub credit: Option<String>,
    /// `media.id` of the image from the media library, when attached there.
    pub media_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
