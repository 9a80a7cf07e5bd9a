//! Static assets embedded in the binary, served under content-hashed names
//! (`/static/site.1a2b3c4d.css`) with a one-year immutable cache lifetime.
//! Files are also reachable by their plain name with a short lifetime (for
//! addresses stored in the database, such as the sample video).

use crate::SharedState;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use rust_embed::RustEmbed;
use std::collections::HashMap;

#[derive(RustEmbed)]
#[folder = "static/"]
struct Embedded;

/// The asset table: plain name → hashed name, and back.
pub struct Assets {
    hashed: HashMap<String, String>,
    plain: HashMap<String, String>,
}

/// `site.css` + hash `1a2b3c4d…` → `site.1a2b3c4d.css`.
fn hashed_name(name: &str, hash: &[u8; 32]) -> String {
    let short = &hex::encode(hash)[..10];
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => format!("{stem}.{short}.{ext}"),
        _ => format!("{name}.{short}"),
    }
}

/// Media type by file extension.
pub fn content_type(name: &str) -> &'static str {
    match name.rsplit('.').next().unwrap_or("") {
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "webm" => "video/webm",
        "mp4" => "video/mp4",
        "vtt" => "text/vtt; charset=utf-8",
        "woff2" => "font/woff2",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

impl Assets {
    pub fn load() -> Assets {
        let mut hashed = HashMap::new();
        let mut plain = HashMap::new();
        for name in Embedded::iter() {
            if let Some(f) = Embedded::get(&name) {
                let h = hashed_name(&name, &f.metadata.sha256_hash());
                plain.insert(h.clone(), name.to_string());
                hashed.insert(name.to_string(), h);
            }
        }
        Assets { hashed, plain }
    }

    /// The public address of an asset: `/static/<hashed name>`; an unknown
    /// name keeps its plain address (and fails a test that checks links).
    pub fn url(&self, name: &str) -> String {
        format!("/static/{}", self.hashed.get(name).map(String::as_str).unwrap_or(name))
    }
}

pub(crate) async fn serve(State(state): State<SharedState>, Path(path): Path<String>) -> Response {
    let (name, immutable) = match state.assets.plain.get(&path) {
        Some(n) => (n.as_str(), true),
        None => (path.as_str(), false),
    };
    let Some(file) = Embedded::get(name) else {
        return crate::AppError::not_found().into_response();
    };
    let mut r = (StatusCode::OK, file.data.into_owned()).into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type(name)));
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(if immutable { "public, max-age=31536000, immutable" } else { "public, max-age=3600" }),
    );
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names() {
        let h = [0xab; 32];
        assert_eq!(hashed_name("site.css", &h), "site.ababababab.css");
        assert_eq!(hashed_name("sample/clip.webm", &h), "sample/clip.ababababab.webm");
        assert_eq!(hashed_name("LICENSE", &h), "LICENSE.ababababab");
    }
}
