//! The media library's records (the files themselves are in the file store).

use crate::entity::{media, user_account};
use crate::{Store, StoreResult, now};
use crate::error::{StoreError, forbidden};
use danvan_domain::ErrorCode;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use crate::audit::audit;
use danvan_domain::audit::{AuditAction, AuditParams};
use crate::input::{clean, clean_opt, limit};
use crate::scope::{check_scope, load_tree};
use crate::views::{Actor, MediaVariant, MediaView};
use danvan_domain::editorial::{Action, Permissions};

/// Media records (`store.media()`).
#[derive(Clone, Copy)]
pub struct Media<'a> {
    pub(crate) store: &'a Store,
}

/// A media record to store (its files are already in the file store).
#[derive(Debug, Clone)]
pub struct NewMedia {
    /// `image` or `video`.
    pub kind: &'static str,
    pub mime_type: &'static str,
    pub storage_key: String,
    pub original_name: String,
    pub size: u64,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub alt: String,
    pub caption: String,
    pub credit: Option<String>,
    pub variants: Vec<MediaVariant>,
    pub sha256: String,
}

impl Media<'_> {
    /// Records an uploaded media file (its bytes are already stored).
    pub async fn add_media(&self, actor: &Actor, m: NewMedia) -> StoreResult<MediaView> {
        limit(&m.alt, 300, "alt")?;
        limit(&m.caption, 500, "caption")?;
        limit(m.credit.as_deref().unwrap_or(""), 200, "credit")?;
        let tx = self.store.begin_write().await?;
        // uploading is allowed with the right anywhere (media has no unit)
        if !(Permissions { grants: &actor.grants, tree: &load_tree(&tx).await? }).can(Action::UploadMedia, None) {
            return Err(forbidden());
        }
        let stored = media::ActiveModel {
            kind: Set(m.kind.to_owned()),
            mime_type: Set(m.mime_type.to_owned()),
            storage_key: Set(m.storage_key),
            original_name: Set(clean(&m.original_name).chars().take(200).collect()),
            size: Set(m.size as i64),
            width: Set(m.width.map(|w| w as i32)),
            height: Set(m.height.map(|h| h as i32)),
            alt: Set(clean(&m.alt)),
            caption: Set(clean(&m.caption)),
            credit: Set(clean_opt(m.credit)),
            variants: Set(serde_json::to_string(&m.variants).unwrap_or_else(|_| "[]".to_owned())),
            sha256: Set(m.sha256),
            uploaded_by: Set(actor.user_ref()),
            created_at: Set(now()),
            ..Default::default()
        }
        .insert(&tx)
        .await?;
        audit(&tx, actor, AuditAction::MediaUpload, "media", Some(stored.id), AuditParams::new().with("name", &stored.original_name)).await?;
        tx.commit().await?;
        Ok(stored.into())
    }

    /// Sets a media item's alt text, caption and credit.
    pub async fn update_media(&self, actor: &Actor, id: i32, alt: &str, caption: &str, credit: Option<&str>) -> StoreResult<()> {
        limit(alt, 300, "alt")?;
        limit(caption, 500, "caption")?;
        limit(credit.unwrap_or(""), 200, "credit")?;
        let tx = self.store.begin_write().await?;
        let m = media::Entity::find_by_id(id).one(&tx).await?.ok_or(StoreError::Rule(ErrorCode::RecordNotFound))?;
        // the uploader, or an editor of the uploader's unit
        if m.uploaded_by != actor.user_ref() {
            let unit = match m.uploaded_by {
                Some(u) => user_account::Entity::find_by_id(u).one(&tx).await?.and_then(|u| u.org_unit_id),
                None => None,
            };
            check_scope(&tx, actor, Action::EditAnyArticle, unit).await?;
        }
        let mut am: media::ActiveModel = m.into();
        am.alt = Set(clean(alt));
        am.caption = Set(clean(caption));
        am.credit = Set(clean_opt(credit.map(str::to_owned)));
        am.update(&tx).await?;
        audit(&tx, actor, AuditAction::MediaUpdate, "media", Some(id), AuditParams::new().with("alt", clean(alt))).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The media library, newest first, with the total.
    pub async fn media_list(&self, page: u64, per_page: u64) -> StoreResult<(Vec<MediaView>, u64)> {
        let q = media::Entity::find().order_by_desc(media::Column::Id);
        let total = q.clone().count(&self.store.read).await?;
        let rows = q.offset(page.saturating_sub(1).saturating_mul(per_page)).limit(per_page).all(&self.store.read).await?;
        Ok((rows.into_iter().map(Into::into).collect(), total))
    }

    /// One media item.
    pub async fn by_id(&self, id: i32) -> StoreResult<Option<MediaView>> {
        Ok(media::Entity::find_by_id(id).one(&self.store.read).await?.map(Into::into))
    }

    /// Media items by id (for an article page's figures), in no order.
    pub async fn media_by_ids(&self, ids: &[i32]) -> StoreResult<Vec<MediaView>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        Ok(media::Entity::find().filter(media::Column::Id.is_in(ids.to_vec())).all(&self.store.read).await?.into_iter().map(Into::into).collect())
    }
}
