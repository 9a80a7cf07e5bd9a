//! File storage through `object_store`: a local folder by default
//! (`<data_dir>/files`), S3-compatible storage when scaled out.

use object_store::local::LocalFileSystem;
use object_store::path::Path as ObjectPath;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload};
use std::sync::Arc;

/// Where uploaded files live.
#[derive(Clone, Debug)]
pub struct FileStore {
    inner: Arc<dyn ObjectStore>,
}

/// Errors of the file store (logged, shown as internal errors).
#[derive(Debug, thiserror::Error)]
#[error("file storage: {0}")]
pub struct FileError(String);

impl FileStore {
    /// A store in a local folder, created when missing.
    pub fn local(dir: &std::path::Path) -> Result<FileStore, FileError> {
        std::fs::create_dir_all(dir).map_err(|e| FileError(format!("{}: {e}", dir.display())))?;
        let fs = LocalFileSystem::new_with_prefix(dir).map_err(|e| FileError(e.to_string()))?;
        Ok(FileStore { inner: Arc::new(fs) })
    }

    /// Any `object_store` backend.
    pub fn from_store(inner: Arc<dyn ObjectStore>) -> FileStore {
        FileStore { inner }
    }

    pub async fn put(&self, key: &str, bytes: Vec<u8>) -> Result<(), FileError> {
        self.inner.put(&ObjectPath::from(key), PutPayload::from(bytes)).await.map_err(|e| FileError(e.to_string()))?;
        Ok(())
    }

    /// Deletes the file under `key`; a file already gone is not an error.
    pub async fn delete(&self, key: &str) -> Result<(), FileError> {
        match self.inner.delete(&ObjectPath::from(key)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(FileError(e.to_string())),
        }
    }

    /// Whether a file is stored under `key` (its metadata only, the bytes
    /// are not read).
    pub async fn exists(&self, key: &str) -> Result<bool, FileError> {
        match self.inner.head(&ObjectPath::from(key)).await {
            Ok(_) => Ok(true),
            Err(object_store::Error::NotFound { .. }) => Ok(false),
            Err(e) => Err(FileError(e.to_string())),
        }
    }

    /// Every key in the store, sorted.
    pub async fn list(&self) -> Result<Vec<String>, FileError> {
        use futures_util::StreamExt;
        let mut keys = Vec::new();
        let mut listing = self.inner.list(None);
        while let Some(meta) = listing.next().await {
            keys.push(meta.map_err(|e| FileError(e.to_string()))?.location.to_string());
        }
        keys.sort_unstable();
        Ok(keys)
    }

    pub async fn get(&self, key: &str) -> Result<Vec<u8>, FileError> {
        let r = self.inner.get(&ObjectPath::from(key)).await.map_err(|e| FileError(e.to_string()))?;
        Ok(r.bytes().await.map_err(|e| FileError(e.to_string()))?.to_vec())
    }
}

/// Media type of a document file, from its first bytes (never its name):
/// PDF, the ZIP-based Office formats (DOCX, XLSX, ODT), legacy Office (OLE),
/// PNG, JPEG. `None` for anything else.
pub fn sniff_document(bytes: &[u8], file_name: &str) -> Option<&'static str> {
    let ext = file_name.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(b"PK\x03\x04") {
        Some(match ext.as_str() {
            "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "odt" => "application/vnd.oasis.opendocument.text",
            _ => "application/zip",
        })
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Some(if ext == "xls" { "application/vnd.ms-excel" } else { "application/msword" })
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_content() {
        assert_eq!(sniff_document(b"%PDF-1.7\n", "x.doc"), Some("application/pdf"));
        assert_eq!(sniff_document(b"<?php echo 1;", "ke-hoach.pdf"), None);
        assert_eq!(sniff_document(b"PK\x03\x04rest", "a.docx").unwrap(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assert_eq!(sniff_document(b"", "a.pdf"), None);
    }
}
