//! The photos and PDF files a reporter attaches on the public form.
//!
//! The web layer checks each file by its content and re-encodes photos
//! (`danvan_media::process_image`: only pixels survive, so no EXIF, GPS
//! position or hidden payload is kept); the store receives the result as
//! [`NewAttachment`]s, puts the bytes into the file storage before the
//! item's transaction (a row never points at a file that is not there) and
//! writes one `feedback_attachment` row per file in that transaction.
//! A photo of a street can show faces, number plates and house numbers, so
//! attachments are treated as personal data: only staff who may see the
//! item get them, every download is audited, and erasing the reporter's
//! data removes them.

use super::Feedback;
use crate::audit::audit;
use crate::entity::{feedback_attachment, feedback_item};
use crate::error::{StoreError, field};
use crate::scope::load_tree;
use crate::{Actor, FileStore, StoreResult};
use chrono::{DateTime, Utc};
use danvan_domain::audit::{AuditAction, AuditParams};
use danvan_domain::editorial::{Action, Permissions};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde::Serialize;

/// The most files one item may carry.
pub const MAX_ATTACHMENTS: usize = 5;

/// The largest file a reporter may attach, in bytes (10 MiB), before
/// re-encoding (a re-encoded photo is smaller).
pub const MAX_ATTACHMENT_BYTES: usize = 10 * 1024 * 1024;

/// A checked file ready to be stored with a new item: a re-encoded photo
/// (`image/jpeg`, with its size in pixels) or a PDF (`application/pdf`,
/// no size).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAttachment {
    /// The name the reporter's device gave, for staff (cleaned and cut to
    /// 200 characters here).
    pub file_name: String,
    /// `image/jpeg` or `application/pdf`.
    pub media_type: &'static str,
    pub bytes: Vec<u8>,
    /// Pixels, for a photo.
    pub width: Option<u32>,
    pub height: Option<u32>,
}

/// An attachment as staff see it listed on the item's page.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct AttachmentView {
    pub id: i32,
    pub file_name: String,
    pub media_type: String,
    /// Bytes.
    pub size: i64,
    pub width: Option<i32>,
    pub height: Option<i32>,
    pub is_image: bool,
}

fn view(a: &feedback_attachment::Model) -> AttachmentView {
    AttachmentView {
        id: a.id,
        file_name: a.file_name.clone(),
        media_type: a.media_type.clone(),
        size: a.size,
        width: a.width,
        height: a.height,
        is_image: a.media_type.starts_with("image/"),
    }
}

/// The file name as kept: the last part of a path, without control
/// characters, quotes or angle brackets, at most 200 characters; `tep` when
/// nothing is left.
fn clean_name(name: &str) -> String {
    let name: String = name.rsplit(['/', '\\']).next().unwrap_or("").chars().filter(|c| !c.is_control() && !matches!(c, '"' | '<' | '>')).take(200).collect();
    let name = name.trim();
    if name.is_empty() { "tep".to_owned() } else { name.to_owned() }
}

/// Checks the count and the sizes of `files` (the web layer has checked
/// their content).
///
/// Errors: field `files`: `feedback.files_too_many` (over
/// [`MAX_ATTACHMENTS`]), `feedback.file_too_large` (a file over
/// [`MAX_ATTACHMENT_BYTES`]), `feedback.file_empty`.
pub(super) fn check_files(files: &[NewAttachment]) -> StoreResult<()> {
    if files.len() > MAX_ATTACHMENTS {
        return Err(field("files", "feedback.files_too_many"));
    }
    for f in files {
        if f.bytes.is_empty() {
            return Err(field("files", "feedback.file_empty"));
        }
        if f.bytes.len() > MAX_ATTACHMENT_BYTES {
            return Err(field("files", "feedback.file_too_large"));
        }
    }
    Ok(())
}

/// Puts the bytes of `files` into `store` under fresh random keys, before
/// the item's transaction; returns the keys in order.
pub(super) async fn put_files(store: &FileStore, files: &[NewAttachment], now: DateTime<Utc>) -> StoreResult<Vec<String>> {
    let mut keys = Vec::with_capacity(files.len());
    for f in files {
        let key = format!("feedback/{}/{}", now.format("%Y/%m"), danvan_domain::accounts::random_secret());
        store.put(&key, f.bytes.clone()).await.map_err(|e| StoreError::Db(sea_orm::DbErr::Custom(e.to_string())))?;
        keys.push(key);
    }
    Ok(keys)
}

/// The rows of `files` (stored under `keys`), for the item's
/// transaction to give their `item_id` and write.
pub(super) fn attachment_rows(files: &[NewAttachment], keys: &[String], now: DateTime<Utc>) -> Vec<feedback_attachment::ActiveModel> {
    files
        .iter()
        .zip(keys)
        .enumerate()
        .map(|(i, (f, key))| feedback_attachment::ActiveModel {
            position: Set(i as i32),
            file_name: Set(clean_name(&f.file_name)),
            media_type: Set(f.media_type.to_owned()),
            size: Set(f.bytes.len() as i64),
            width: Set(f.width.map(|w| w as i32)),
            height: Set(f.height.map(|h| h as i32)),
            storage_key: Set(key.clone()),
            created_at: Set(now),
            ..Default::default()
        })
        .collect()
}

/// Deletes the rows of item `item_id`'s attachments (in the caller's
/// transaction) and returns their storage keys, for the caller to delete
/// the bytes after the commit.
pub(super) async fn delete_rows<C: ConnectionTrait>(db: &C, item_id: i32) -> StoreResult<Vec<String>> {
    let rows = feedback_attachment::Entity::find().filter(feedback_attachment::Column::ItemId.eq(item_id)).all(db).await?;
    feedback_attachment::Entity::delete_many().filter(feedback_attachment::Column::ItemId.eq(item_id)).exec(db).await?;
    Ok(rows.into_iter().map(|r| r.storage_key).collect())
}

impl Feedback<'_> {
    /// The attachments of item `item_id` in the order sent, for staff who
    /// may see the item ([`Action::ViewFeedback`] on its unit); empty for
    /// anyone else and for an unknown item.
    pub async fn attachments(&self, reader: &Actor, item_id: i32) -> StoreResult<Vec<AttachmentView>> {
        let db = &self.store.read;
        let Some(item) = feedback_item::Entity::find_by_id(item_id).one(db).await? else { return Ok(Vec::new()) };
        let tree = load_tree(db).await?;
        if !(Permissions { grants: &reader.grants, tree: &tree }).can(Action::ViewFeedback, item.unit_id) {
            return Ok(Vec::new());
        }
        let rows = feedback_attachment::Entity::find()
            .filter(feedback_attachment::Column::ItemId.eq(item_id))
            .order_by_asc(feedback_attachment::Column::Position)
            .all(db)
            .await?;
        Ok(rows.iter().map(view).collect())
    }

    /// Attachment `id` of item `item_id` with its bytes, for staff who may
    /// see the item; each download is a line in the audit log
    /// ([`AuditAction::FeedbackViewAttachment`]). `None` for anyone else
    /// and for an unknown item or attachment.
    pub async fn attachment(&self, reader: &Actor, files: &FileStore, item_id: i32, id: i32) -> StoreResult<Option<(AttachmentView, Vec<u8>)>> {
        if !self.attachments(reader, item_id).await?.iter().any(|a| a.id == id) {
            return Ok(None);
        }
        let Some(row) = feedback_attachment::Entity::find_by_id(id).one(&self.store.read).await? else { return Ok(None) };
        let bytes = files.get(&row.storage_key).await.map_err(|e| StoreError::Db(sea_orm::DbErr::Custom(e.to_string())))?;
        let tx = self.store.begin_write().await?;
        audit(&tx, reader, AuditAction::FeedbackViewAttachment, "feedback_item", Some(item_id), AuditParams::new().with("file", row.position + 1)).await?;
        tx.commit().await?;
        Ok(Some((view(&row), bytes)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_cleaned() {
        assert_eq!(clean_name("C:\\Users\\An\\ảnh <1>.jpg"), "ảnh 1.jpg");
        assert_eq!(clean_name("/tmp/\"a\".pdf"), "a.pdf");
        assert_eq!(clean_name("  "), "tep");
        assert_eq!(clean_name(&"x".repeat(300)).chars().count(), 200);
    }

    fn file(len: usize) -> NewAttachment {
        NewAttachment { file_name: "a.jpg".into(), media_type: "image/jpeg", bytes: vec![1; len], width: Some(1), height: Some(1) }
    }

    #[test]
    fn counts_and_sizes_are_checked() {
        assert!(check_files(&[]).is_ok());
        assert!(check_files(&vec![file(3); MAX_ATTACHMENTS]).is_ok());
        let code = |r: StoreResult<()>| match r {
            Err(StoreError::Field { field, code }) => (field, code),
            other => panic!("{other:?}"),
        };
        assert_eq!(code(check_files(&vec![file(3); MAX_ATTACHMENTS + 1])), ("files", "feedback.files_too_many"));
        assert_eq!(code(check_files(&[file(MAX_ATTACHMENT_BYTES + 1)])), ("files", "feedback.file_too_large"));
        assert_eq!(code(check_files(&[file(0)])), ("files", "feedback.file_empty"));
    }
}
