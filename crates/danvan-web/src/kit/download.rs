//! A stored file sent back to staff: its content type, its name as typed
//! by the uploader (RFC 6266 `filename` in ASCII with `_` for the rest,
//! and `filename*` percent-encoded UTF-8 per RFC 5987), `private,
//! no-store` and `nosniff`.

use crate::error::{AppError, AppResult};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// How the browser should take the file.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Disposition {
    /// Shown in the page (a photo).
    Inline,
    /// Saved as a file (a PDF, an Office file).
    Attachment,
}

/// The response carrying `bytes` of `media_type`, named `file_name`.
/// Errors: internal, when `media_type` is not a valid header value.
pub(crate) fn file_response(bytes: Vec<u8>, media_type: &str, file_name: &str, how: Disposition) -> AppResult<Response> {
    let mut r = (StatusCode::OK, bytes).into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_str(media_type).map_err(AppError::internal)?);
    let safe = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_');
    let ascii: String = file_name.chars().map(|c| if safe(c) { c } else { '_' }).collect();
    let encoded: String = file_name.bytes().map(|b| if safe(b as char) && b.is_ascii() { (b as char).to_string() } else { format!("%{b:02X}") }).collect();
    let how = match how {
        Disposition::Inline => "inline",
        Disposition::Attachment => "attachment",
    };
    let disposition = format!("{how}; filename=\"{ascii}\"; filename*=UTF-8''{encoded}");
    h.insert(header::CONTENT_DISPOSITION, HeaderValue::from_str(&disposition).map_err(AppError::internal)?);
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    Ok(r)
}
