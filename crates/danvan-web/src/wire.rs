//! What goes on the wire: validators and compression, for every answer.
//!
//! - A `GET`/`HEAD` answer `200` that sets no cookie and may be stored
//!   (its `Cache-Control` has no `no-store`) gets a strong `ETag`, the
//!   first 20 hex digits of the SHA-256 of its body, unless its handler set
//!   one; a request whose `If-None-Match` names it is answered `304` with no
//!   body (RFC 9110 §13.1.2, weak comparison).
//! - A text answer (HTML, CSS, JavaScript, SVG, XML, JSON, plain text) of at
//!   least [`MIN_COMPRESSED`] bytes is sent compressed, brotli or gzip as
//!   the client's `Accept-Encoding` prefers (brotli on a tie), with
//!   `Vary: Accept-Encoding`. The compressed representation's tag carries
//!   the coding (`"…-br"`, `"…-gz"`), as Apache does, so a cache never
//!   mixes the two.
//! - An answer with a tag is compressed once: the compressed bytes are kept
//!   by tag and coding ([`Compressed`], at most [`COMPRESSED_BUDGET`]
//!   bytes, oldest out first), so static files and the pages every
//!   visitor gets cost one compression per version, not one per request.
//!   Other answers (private pages) are compressed per request at a faster
//!   level.
//!
//! Bodies of unknown or large size (downloads, exports, media over
//! [`MAX_BUFFERED`]) pass through untouched.

use crate::SharedState;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::body::HttpBody as _;
use std::collections::{HashMap, VecDeque};
use std::io::Write;
use std::sync::Mutex;

/// Smaller bodies are sent as they are (compression would save little
/// more than its own header).
pub const MIN_COMPRESSED: usize = 512;
/// Bodies up to this size are read to be tagged or compressed; larger ones
/// pass through.
pub const MAX_BUFFERED: u64 = 4 * 1024 * 1024;
/// The most compressed bytes kept for reuse (64 MiB).
pub const COMPRESSED_BUDGET: usize = 64 * 1024 * 1024;

/// A content coding this server sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Coding {
    Brotli,
    Gzip,
}

impl Coding {
    fn token(self) -> &'static str {
        match self {
            Coding::Brotli => "br",
            Coding::Gzip => "gzip",
        }
    }

    fn tag_suffix(self) -> &'static str {
        match self {
            Coding::Brotli => "-br",
            Coding::Gzip => "-gz",
        }
    }

    /// The coding `accept_encoding` prefers (RFC 9110 §12.5.3): the highest
    /// `q` among `br`, `gzip` (or `x-gzip`) and `*`; brotli on a tie; none
    /// when both are refused (`q=0`) or the header is absent.
    pub fn preferred(accept_encoding: Option<&str>) -> Option<Coding> {
        let header = accept_encoding?;
        let (mut br, mut gzip, mut star): (Option<f32>, Option<f32>, Option<f32>) = (None, None, None);
        for item in header.split(',') {
            let mut parts = item.split(';');
            let name = parts.next().unwrap_or("").trim().to_ascii_lowercase();
            let q = parts
                .filter_map(|p| p.trim().strip_prefix("q=").or_else(|| p.trim().strip_prefix("Q=")))
                .find_map(|v| v.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            match name.as_str() {
                "br" => br = Some(q),
                "gzip" | "x-gzip" => gzip = Some(q),
                "*" => star = Some(q),
                _ => {}
            }
        }
        let br = br.or(star).unwrap_or(0.0);
        let gzip = gzip.or(star).unwrap_or(0.0);
        if br <= 0.0 && gzip <= 0.0 {
            None
        } else if br >= gzip {
            Some(Coding::Brotli)
        } else {
            Some(Coding::Gzip)
        }
    }

    /// `body` compressed; `thorough` for bytes compressed once and kept
    /// (brotli 10, gzip 9), else a level quick enough for every request
    /// (brotli 5, gzip 6).
    pub fn compress(self, body: &[u8], thorough: bool) -> Vec<u8> {
        let mut out = Vec::with_capacity(body.len() / 3 + 64);
        match self {
            Coding::Brotli => {
                let quality = if thorough { 10 } else { 5 };
                // a window no larger than the body: the encoder's tables grow
                // with it (at 22 bits a page made the process ~20 MB bigger)
                let window = (usize::BITS - body.len().max(1).leading_zeros()).clamp(16, 22);
                let mut w = brotli::CompressorWriter::new(&mut out, 4096, quality, window);
                // writing into a Vec cannot fail
                let _ = w.write_all(body);
                drop(w);
            }
            Coding::Gzip => {
                let level = if thorough { 9 } else { 6 };
                let mut w = flate2::write::GzEncoder::new(&mut out, flate2::Compression::new(level));
                let _ = w.write_all(body);
                let _ = w.finish();
            }
        }
        out
    }
}

/// Whether a `Content-Type` is text worth compressing.
pub fn compressible(content_type: &str) -> bool {
    let t = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    t.starts_with("text/")
        || matches!(
            t.as_str(),
            "application/json"
                | "application/javascript"
                | "application/xml"
                | "application/rss+xml"
                | "application/atom+xml"
                | "application/manifest+json"
                | "application/geo+json"
                | "image/svg+xml"
        )
        || t.ends_with("+json")
        || t.ends_with("+xml")
}

/// Compressed bodies kept by (tag, coding), oldest out first when over
/// [`COMPRESSED_BUDGET`].
#[derive(Default)]
pub struct Compressed {
    inner: Mutex<CompressedInner>,
}

#[derive(Default)]
struct CompressedInner {
    by_key: HashMap<(String, Coding), Bytes>,
    order: VecDeque<(String, Coding)>,
    bytes: usize,
}

impl Compressed {
    /// The compressed body for `tag` in `coding`, made from `body` the
    /// first time.
    pub fn get_or_make(&self, tag: &str, coding: Coding, body: &[u8]) -> Bytes {
        let key = (tag.to_owned(), coding);
        if let Some(b) = self.inner.lock().unwrap_or_else(|e| e.into_inner()).by_key.get(&key) {
            return b.clone();
        }
        // made outside the lock: two requests racing on a new page may both
        // compress it, which is harmless
        let made = Bytes::from(coding.compress(body, true));
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if !inner.by_key.contains_key(&key) && made.len() <= COMPRESSED_BUDGET {
            inner.bytes += made.len();
            inner.by_key.insert(key.clone(), made.clone());
            inner.order.push_back(key);
            while inner.bytes > COMPRESSED_BUDGET {
                let Some(old) = inner.order.pop_front() else { break };
                if let Some(b) = inner.by_key.remove(&old) {
                    inner.bytes -= b.len();
                }
            }
        }
        made
    }

    /// How many bodies are kept (for tests).
    pub fn len(&self) -> usize {
        self.inner.lock().unwrap_or_else(|e| e.into_inner()).by_key.len()
    }

    /// Whether none is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The strong tag of `body`: `"` + 20 hex digits of its SHA-256 + `"`.
pub fn tag_of(body: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let d = Sha256::digest(body);
    format!("\"{}\"", &hex::encode(d)[..20])
}

/// Whether `if_none_match` (a list of tags or `*`) names `tag` or one of
/// its compressed representations (weak comparison: `W/` and the coding
/// suffix are ignored).
pub fn names_tag(if_none_match: &str, tag: &str) -> bool {
    let bare = |t: &str| -> String {
        let t = t.trim().trim_start_matches("W/").trim_matches('"');
        let t = t.strip_suffix("-br").or_else(|| t.strip_suffix("-gz")).unwrap_or(t);
        t.to_owned()
    };
    let wanted = bare(tag);
    if_none_match.split(',').any(|t| t.trim() == "*" || bare(t) == wanted)
}

fn add_vary(h: &mut HeaderMap, name: &str) {
    let present = h
        .get_all(header::VARY)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|v| v.trim().eq_ignore_ascii_case(name) || v.trim() == "*");
    if !present && let Ok(v) = HeaderValue::from_str(name) {
        h.append(header::VARY, v);
    }
}

/// The middleware (see the module's documentation).
pub async fn layer(State(state): State<SharedState>, req: Request, next: Next) -> Response {
    let cacheable_method = matches!(*req.method(), Method::GET | Method::HEAD);
    let if_none_match = req.headers().get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let coding = Coding::preferred(req.headers().get(header::ACCEPT_ENCODING).and_then(|v| v.to_str().ok()));
    let r = next.run(req).await;
    let h = r.headers();
    if h.contains_key(header::CONTENT_ENCODING) || r.status() == StatusCode::PARTIAL_CONTENT {
        return r;
    }
    let text = h.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(compressible);
    let storable = !h.get_all(header::CACHE_CONTROL).iter().filter_map(|v| v.to_str().ok()).any(|v| v.contains("no-store"));
    let tagged = cacheable_method && r.status() == StatusCode::OK && storable && !h.contains_key(header::SET_COOKIE);
    if !text && !tagged {
        return r;
    }
    let fits = r.body().size_hint().upper().is_some_and(|n| n <= MAX_BUFFERED);
    if !fits {
        return r;
    }
    let (mut parts, body) = r.into_parts();
    let bytes = match axum::body::to_bytes(body, MAX_BUFFERED as usize).await {
        Ok(b) => b,
        Err(e) => {
            tracing::error!(error = %e, "reading an answer's body failed");
            return crate::AppError::internal("reading an answer's body failed").into_response();
        }
    };
    let tag = if tagged {
        match parts.headers.get(header::ETAG).and_then(|v| v.to_str().ok()) {
            Some(t) => Some(t.to_owned()),
            None => Some(tag_of(&bytes)),
        }
    } else {
        None
    };
    let coding = coding.filter(|_| text && bytes.len() >= MIN_COMPRESSED);
    if text {
        add_vary(&mut parts.headers, "Accept-Encoding");
    }
    let sent_tag = tag.as_ref().map(|t| match coding {
        Some(c) => format!("{}{}\"", t.trim_end_matches('"'), c.tag_suffix()),
        None => t.clone(),
    });
    if let Some(t) = &sent_tag
        && let Ok(v) = HeaderValue::from_str(t)
    {
        parts.headers.insert(header::ETAG, v);
    }
    if let (Some(tag), Some(inm)) = (&tag, &if_none_match)
        && names_tag(inm, tag)
    {
        parts.status = StatusCode::NOT_MODIFIED;
        parts.headers.remove(header::CONTENT_LENGTH);
        parts.headers.remove(header::CONTENT_TYPE);
        return Response::from_parts(parts, Body::empty());
    }
    let Some(coding) = coding else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    let compressed = match &tag {
        Some(t) => state.compressed.get_or_make(t, coding, &bytes),
        None => Bytes::from(coding.compress(&bytes, false)),
    };
    parts.headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(coding.token()));
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(compressed))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn the_preferred_coding_follows_the_weights() {
        assert_eq!(Coding::preferred(None), None);
        assert_eq!(Coding::preferred(Some("gzip, deflate, br, zstd")), Some(Coding::Brotli));
        assert_eq!(Coding::preferred(Some("gzip, deflate")), Some(Coding::Gzip));
        assert_eq!(Coding::preferred(Some("br;q=0.5, gzip;q=0.8")), Some(Coding::Gzip));
        assert_eq!(Coding::preferred(Some("br;q=0, gzip;q=0")), None);
        assert_eq!(Coding::preferred(Some("identity")), None);
        assert_eq!(Coding::preferred(Some("*")), Some(Coding::Brotli));
        assert_eq!(Coding::preferred(Some("*;q=0.1, br;q=0")), Some(Coding::Gzip));
        assert_eq!(Coding::preferred(Some("x-gzip")), Some(Coding::Gzip));
    }

    #[test]
    fn text_types_are_compressed_and_media_are_not() {
        for t in ["text/html; charset=utf-8", "text/css", "application/json", "image/svg+xml", "application/rss+xml", "application/problem+json"] {
            assert!(compressible(t), "{t}");
        }
        for t in ["image/jpeg", "video/mp4", "application/pdf", "application/octet-stream", "application/zip", ""] {
            assert!(!compressible(t), "{t}");
        }
    }

    #[test]
    fn both_codings_round_trip() {
        let body = "<p>Tổng số điểm của bài viết là: 5 trong 1 đánh giá</p>\n".repeat(200);
        for thorough in [true, false] {
            let br = Coding::Brotli.compress(body.as_bytes(), thorough);
            let mut back = String::new();
            brotli::Decompressor::new(&br[..], 4096).read_to_string(&mut back).unwrap();
            assert_eq!(back, body);
            assert!(br.len() < body.len() / 20, "{} of {}", br.len(), body.len());
            let gz = Coding::Gzip.compress(body.as_bytes(), thorough);
            let mut back = String::new();
            flate2::read::GzDecoder::new(&gz[..]).read_to_string(&mut back).unwrap();
            assert_eq!(back, body);
        }
    }

    #[test]
    fn tags_compare_weakly_and_across_codings() {
        let t = tag_of(b"abc");
        assert_eq!(t.len(), 22);
        assert_eq!(t, "\"ba7816bf8f01cfea4141\"");
        let bare = t.trim_matches('"');
        assert!(names_tag(&t, &t));
        assert!(names_tag(&format!("\"{bare}-br\""), &t));
        assert!(names_tag(&format!("W/\"{bare}-gz\""), &t));
        assert!(names_tag(&format!("\"other\", \"{bare}\""), &t));
        assert!(names_tag("*", &t));
        assert!(!names_tag("\"ba7816bf8f01cfea4142\"", &t));
        assert!(!names_tag("", &t));
    }

    #[test]
    fn kept_bodies_stay_within_the_budget() {
        let kept = Compressed::default();
        let body = b"x".repeat(10_000);
        let a = kept.get_or_make("\"a\"", Coding::Gzip, &body);
        let again = kept.get_or_make("\"a\"", Coding::Gzip, b"not looked at: the tag is known");
        assert_eq!(a, again, "the kept bytes, not a new compression");
        kept.get_or_make("\"a\"", Coding::Brotli, &body);
        assert_eq!(kept.len(), 2);
        let inner = kept.inner.lock().unwrap();
        assert_eq!(inner.bytes, inner.by_key.values().map(Bytes::len).sum::<usize>());
    }
}
