//! A record's photos and files. Photos are items of the media library
//! (uploaded, checked and re-encoded there), chosen for the record in
//! order and shown wherever the record is shown. Files (a scanned
//! registration form, a report) go to the document storage after the
//! same content check as the library's documents; they often carry
//! signatures and personal data, so only staff who may see the record get
//! them. Changing either is a line in the record's history.

use super::{Registry, record};
use crate::entity::{media, registry_file, registry_model, registry_photo};
use crate::error::{StoreError, field};
use crate::scope::{check_scope, load_tree};
use crate::{Actor, FileStore, MediaView, StoreResult, sniff_document};
use danvan_domain::ErrorCode;
use danvan_domain::audit::{AuditAction, AuditParams};
use danvan_domain::editorial::{Action, Permissions};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde::Serialize;

/// The most photos of one record.
pub const MAX_PHOTOS: usize = 12;

/// The largest file of a record, in bytes (as the library's documents).
pub const MAX_RECORD_FILE_BYTES: usize = crate::MAX_FILE_BYTES;

/// A file of a record as listed.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct RecordFileView {
    pub id: i32,
    pub file_name: String,
    pub media_type: String,
    /// Bytes.
    pub size: i64,
    pub uploaded_by: String,
}

impl Registry<'_> {
    /// Sets the photos of record `id` to the media library's images
    /// `media_ids`, in that order (duplicates dropped). Needs
    /// [`Action::RegisterModel`] on the record's unit; a change writes the
    /// history, the same list writes nothing.
    ///
    /// Errors: `record.not_found`; `forbidden`; field `photos`:
    /// `registry.photos_too_many` (over [`MAX_PHOTOS`]),
    /// `registry.photo_unknown` (an id that is not an image of the library).
    pub async fn set_photos(&self, actor: &Actor, id: i32, media_ids: &[i32]) -> StoreResult<()> {
        let mut ids: Vec<i32> = Vec::new();
        for m in media_ids {
            if !ids.contains(m) {
                ids.push(*m);
            }
        }
        if ids.len() > MAX_PHOTOS {
            return Err(field("photos", "registry.photos_too_many"));
        }
        let tx = self.store.begin_write().await?;
        let m = registry_model::Entity::find_by_id(id).one(&tx).await?.ok_or(StoreError::Rule(ErrorCode::RecordNotFound))?;
        check_scope(&tx, actor, Action::RegisterModel, Some(m.org_unit_id)).await?;
        let images = media::Entity::find().filter(media::Column::Id.is_in(ids.clone())).filter(media::Column::Kind.eq("image")).all(&tx).await?;
        if images.len() != ids.len() {
            return Err(field("photos", "registry.photo_unknown"));
        }
        let before: Vec<i32> = registry_photo::Entity::find()
            .filter(registry_photo::Column::ModelId.eq(id))
            .order_by_asc(registry_photo::Column::Position)
            .all(&tx)
            .await?
            .into_iter()
            .map(|p| p.media_id)
            .collect();
        if before == ids {
            return Ok(());
        }
        registry_photo::Entity::delete_many().filter(registry_photo::Column::ModelId.eq(id)).exec(&tx).await?;
        for (i, media_id) in ids.iter().enumerate() {
            registry_photo::ActiveModel { model_id: Set(id), media_id: Set(*media_id), position: Set(i as i32) }.insert(&tx).await?;
        }
        record(&tx, actor, id, AuditAction::RegistryPhotos, AuditParams::new().with("count", ids.len())).await?;
        tx.commit().await?;
        self.store.search().follow().await;
        Ok(())
    }

    /// The photos of record `id`, in order (the caller has checked that the
    /// reader may see the record).
    pub async fn photos(&self, id: i32) -> StoreResult<Vec<MediaView>> {
        let ids: Vec<i32> = registry_photo::Entity::find()
            .filter(registry_photo::Column::ModelId.eq(id))
            .order_by_asc(registry_photo::Column::Position)
            .all(&self.store.read)
            .await?
            .into_iter()
            .map(|p| p.media_id)
            .collect();
        let mut found = self.store.media().media_by_ids(&ids).await?;
        found.sort_by_key(|m| ids.iter().position(|i| *i == m.id));
        Ok(found)
    }

    /// Stores a file of record `id` after checking its content (PDF,
    /// Office formats, PNG, JPEG, from its first bytes, never its name) and
    /// size. Needs [`Action::RegisterModel`] on the record's unit.
    ///
    /// Errors: `record.not_found`; `forbidden`; field `file`:
    /// `registry.file_empty`, `registry.file_too_large` (over
    /// [`MAX_RECORD_FILE_BYTES`]), `registry.file_type` (not a document).
    pub async fn attach_file(&self, actor: &Actor, files: &FileStore, id: i32, file_name: &str, bytes: Vec<u8>) -> StoreResult<RecordFileView> {
        if bytes.is_empty() {
            return Err(field("file", "registry.file_empty"));
        }
        if bytes.len() > MAX_RECORD_FILE_BYTES {
            return Err(field("file", "registry.file_too_large"));
        }
        let media_type = sniff_document(&bytes, file_name).ok_or_else(|| field("file", "registry.file_type"))?;
        {
            let m = registry_model::Entity::find_by_id(id).one(&self.store.read).await?.ok_or(StoreError::Rule(ErrorCode::RecordNotFound))?;
            check_scope(&self.store.read, actor, Action::RegisterModel, Some(m.org_unit_id)).await?;
        }
        let name: String = file_name
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or("")
            .chars()
            .filter(|c| !c.is_control() && !matches!(c, '"' | '<' | '>'))
            .take(200)
            .collect();
        let name = if name.trim().is_empty() { "tep".to_owned() } else { name.trim().to_owned() };
        // the bytes first: a row never points at a file that is not there
        let key = format!("registry/{id}/{}", danvan_domain::accounts::random_secret());
        let size = bytes.len() as i64;
        files.put(&key, bytes).await.map_err(|e| StoreError::Db(sea_orm::DbErr::Custom(e.to_string())))?;
        let tx = self.store.begin_write().await?;
        let f = registry_file::ActiveModel {
            model_id: Set(id),
            file_name: Set(name.clone()),
            media_type: Set(media_type.to_owned()),
            size: Set(size),
            storage_key: Set(key),
            uploaded_by: Set(actor.username.clone()),
            created_at: Set(chrono::Utc::now()),
            ..Default::default()
        }
        .insert(&tx)
        .await?;
        record(&tx, actor, id, AuditAction::RegistryFileAdded, AuditParams::new().with("name", &name)).await?;
        tx.commit().await?;
        self.store.search().follow().await;
        Ok(RecordFileView { id: f.id, file_name: f.file_name, media_type: f.media_type, size: f.size, uploaded_by: f.uploaded_by })
    }

    /// The files of record `id` for `reader`: staff who may see the record
    /// ([`Action::ViewModels`] on its unit), else none.
    pub async fn files(&self, reader: &Actor, id: i32) -> StoreResult<Vec<RecordFileView>> {
        let db = &self.store.read;
        let Some(m) = registry_model::Entity::find_by_id(id).one(db).await? else { return Ok(Vec::new()) };
        let tree = load_tree(db).await?;
        if !(Permissions { grants: &reader.grants, tree: &tree }).can(Action::ViewModels, Some(m.org_unit_id)) {
            return Ok(Vec::new());
        }
        Ok(registry_file::Entity::find()
            .filter(registry_file::Column::ModelId.eq(id))
            .order_by_asc(registry_file::Column::Id)
            .all(db)
            .await?
            .into_iter()
            .map(|f| RecordFileView { id: f.id, file_name: f.file_name, media_type: f.media_type, size: f.size, uploaded_by: f.uploaded_by })
            .collect())
    }

    /// File `file_id` of record `id` with its bytes, for staff who may see
    /// the record; `None` otherwise or when there is no such file.
    pub async fn file(&self, reader: &Actor, files: &FileStore, id: i32, file_id: i32) -> StoreResult<Option<(RecordFileView, Vec<u8>)>> {
        let listed = self.files(reader, id).await?;
        let Some(v) = listed.into_iter().find(|f| f.id == file_id) else { return Ok(None) };
        let Some(row) = registry_file::Entity::find_by_id(file_id).one(&self.store.read).await? else { return Ok(None) };
        let bytes = files.get(&row.storage_key).await.map_err(|e| StoreError::Db(sea_orm::DbErr::Custom(e.to_string())))?;
        Ok(Some((v, bytes)))
    }
}
