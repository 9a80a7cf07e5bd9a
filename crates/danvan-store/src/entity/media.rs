//! A file of the media library. `kind` is `image` or `video`; `storage_key` the original's key (images: the largest JPEG variant; the upload itself is not kept, so no EXIF survives); `variants` a JSON list of `{width, height, format, key, size}`; `sha256` of the uploaded bytes (to find duplicates).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "media")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub kind: String,
    pub mime_type: String,
    pub storage_key: String,
    pub original_name: String,
    pub size: i64,
    pub width: Option<i32>,
    pub height: Option<i32>,
    pub alt: String,
    pub caption: String,
    pub credit: Option<String>,
    pub variants: String,
    pub sha256: String,
    pub uploaded_by: Option<i32>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
