//! The media library: upload (checked by content, images re-encoded into
//! responsive JPEG and WebP widths so no EXIF or GPS position survives),
//! alt text, caption and credit; and `/media/…`, which serves the stored
//! renditions with long cache lifetimes.

use crate::kit::csrf;
use crate::kit::form::FormFields;
use super::{Staff, page, staff_context};
use crate::SharedState;
use crate::error::{AppError, AppResult};
use crate::kit::visitor::Visitor;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use danvan_domain::ErrorCode;
use danvan_domain::messages::{Lang, format, t};
use danvan_media::{Limits, MediaError, MediaKind};
use danvan_store::{Actor, MediaVariant, NewMedia};
use minijinja::context;
use serde::Deserialize;
use sha2::{Digest, Sha256};

pub(super) fn router() -> Router<SharedState> {
    let limit = Limits::default().max_upload_bytes() as usize + 64 * 1024;
    Router::new()
        .route("/quan-tri/thu-vien", get(library).post(upload).layer(DefaultBodyLimit::max(limit)))
        .route("/quan-tri/thu-vien/{id}", post(update))
        .route("/media/{*key}", get(serve))
}

#[derive(Deserialize)]
struct LibraryQuery {
    trang: Option<String>,
    tb: Option<String>,
}

async fn library(State(state): State<SharedState>, visitor: Visitor, Staff(actor): Staff, Query(q): Query<LibraryQuery>) -> AppResult<Response> {
    let notice = match q.tb.as_deref() {
        Some("da-tai") => Some(t("admin.media.uploaded", Lang::Vi).to_owned()),
        Some("da-luu") => Some(t("admin.notice.saved", Lang::Vi).to_owned()),
        _ => None,
    };
    let page_no = crate::kit::paging::PageNo::parse(q.trang.as_deref())?.get();
    render(&state, &visitor, &actor, page_no, None, notice, StatusCode::OK).await
}

async fn render(
    state: &SharedState,
    visitor: &Visitor,
    actor: &Actor,
    page_no: u64,
    error: Option<String>,
    notice: Option<String>,
    status: StatusCode,
) -> AppResult<Response> {
    let (items, total) = state.store.media().media_list(page_no, 48).await?;
    if page_no > total.div_ceil(48).max(1) {
        return Err(AppError::not_found());
    }
    let limits = Limits::default();
    let ctx = context! {
        ..staff_context(state, visitor, actor, "/quan-tri/thu-vien", t("admin.media.title", Lang::Vi)).await?,
        ..context! {
            items => items, total => total, page => page_no, pages => total.div_ceil(48).max(1),
            error => error, notice => notice,
            limit_text => format("admin.media.limits", Lang::Vi, &[
                ("image_mb", &(limits.max_image_bytes / (1024 * 1024))),
                ("video_mb", &(limits.max_video_bytes / (1024 * 1024))),
                ("megapixels", &(limits.max_pixels / 1_000_000)),
            ]),
        }
    };
    Ok(page(status, state.templates.render("admin/media.html", ctx)?))
}

/// The catalogue message of a refused upload, with its figures.
pub(crate) fn media_message(e: &MediaError) -> String {
    // two decimals, so 20.03 MB over a 20.00 MB limit reads as over it
    let mb = |b: &u64| format!("{:.2}", *b as f64 / (1024.0 * 1024.0));
    match e {
        MediaError::TooLarge { size, limit } => format(e.code(), Lang::Vi, &[("size", &mb(size)), ("limit", &mb(limit))]),
        MediaError::TooManyPixels { width, height, max_pixels, .. } => format(
            e.code(),
            Lang::Vi,
            &[("width", width), ("height", height), ("megapixels", &(max_pixels / 1_000_000))],
        ),
        MediaError::Unsupported { detected } => format(e.code(), Lang::Vi, &[("detected", detected)]),
        _ => t(e.code(), Lang::Vi).to_owned(),
    }
}

struct Upload {
    csrf: Option<String>,
    file_name: String,
    bytes: Vec<u8>,
    alt: String,
    caption: String,
    credit: Option<String>,
}

async fn read_multipart(mut mp: Multipart) -> AppResult<Upload> {
    let mut u = Upload { csrf: None, file_name: String::new(), bytes: Vec::new(), alt: String::new(), caption: String::new(), credit: None };
    while let Some(field) = mp.next_field().await.map_err(|_| AppError::new(ErrorCode::BadRequest))? {
        let name = field.name().unwrap_or("").to_owned();
        if name == "file" {
            u.file_name = danvan_text::strip_control_chars(field.file_name().unwrap_or("")).chars().take(200).collect();
            u.bytes = field.bytes().await.map_err(|_| AppError::new(ErrorCode::BadRequest))?.to_vec();
        } else {
            let v = field.text().await.map_err(|_| AppError::new(ErrorCode::BadRequest))?;
            if danvan_text::has_control_chars(&v) {
                return Err(AppError::new(ErrorCode::InvalidInput));
            }
            match name.as_str() {
                "csrf" => u.csrf = Some(v),
                "alt" => u.alt = v,
                "caption" => u.caption = v,
                "credit" => u.credit = Some(v).filter(|s| !s.trim().is_empty()),
                _ => {}
            }
        }
    }
    Ok(u)
}

async fn upload(State(state): State<SharedState>, visitor: Visitor, Staff(actor): Staff, mp: Multipart) -> AppResult<Response> {
    let u = read_multipart(mp).await?;
    csrf::check_staff(&actor, u.csrf.as_deref())?;
    let files = state.config.files.clone().ok_or_else(|| AppError::internal("no file store configured"))?;
    let limits = Limits::default();
    let kind = match danvan_media::check(&u.bytes, &limits) {
        Ok(k) => k,
        Err(e) => {
            return render(&state, &visitor, &actor, 1, Some(media_message(&e)), None, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    let sha = hex::encode(Sha256::digest(&u.bytes));
    let base = format!("{}/{}", chrono::Utc::now().format("%Y/%m"), &sha[..16]);
    let original_name = if u.file_name.is_empty() { format!("tep.{}", kind.extension()) } else { u.file_name.clone() };
    let record = if kind.is_image() {
        let bytes = u.bytes;
        // Decoding is CPU work: off the async threads; a decoder panic
        // becomes an error, not a crash.
        let processed = match crate::kit::images::process_image(bytes, limits).await {
            Ok(p) => p,
            Err(None) => return Err(AppError::internal("image task: the decoder failed")),
            Err(Some(e)) => return render(&state, &visitor, &actor, 1, Some(media_message(&e)), None, StatusCode::UNPROCESSABLE_ENTITY).await,
        };
        let mut variants = Vec::new();
        for v in &processed.variants {
            // Lossless WebP beats JPEG on drawings and screenshots but is
            // several times larger on photos: keep it only when smaller.
            if v.kind == MediaKind::Webp {
                let jpeg = processed.variants.iter().find(|j| j.kind == MediaKind::Jpeg && j.width == v.width);
                if jpeg.is_some_and(|j| j.bytes.len() <= v.bytes.len()) {
                    continue;
                }
            }
            let key = format!("{base}/{}.{}", v.width, v.kind.extension());
            files.put(&key, v.bytes.clone()).await.map_err(AppError::internal)?;
            variants.push(MediaVariant { width: v.width, height: v.height, format: v.kind.extension().to_owned(), key, size: v.bytes.len() as u64 });
        }
        let largest_jpeg = variants.iter().filter(|v| v.format == "jpg").max_by_key(|v| v.width).map(|v| v.key.clone()).unwrap_or_default();
        NewMedia {
            kind: "image",
            mime_type: "image/jpeg",
            storage_key: largest_jpeg,
            original_name,
            size: variants.iter().map(|v| v.size).sum(),
            width: Some(processed.original_width),
            height: Some(processed.original_height),
            alt: u.alt,
            caption: u.caption,
            credit: u.credit,
            variants,
            sha256: sha,
        }
    } else {
        let key = format!("{base}/video.{}", kind.extension());
        let size = u.bytes.len() as u64;
        files.put(&key, u.bytes).await.map_err(AppError::internal)?;
        NewMedia {
            kind: "video",
            mime_type: kind.mime(),
            storage_key: key.clone(),
            original_name,
            size,
            width: None,
            height: None,
            alt: u.alt,
            caption: u.caption,
            credit: u.credit,
            variants: vec![MediaVariant { width: 0, height: 0, format: kind.extension().to_owned(), key, size }],
            sha256: sha,
        }
    };
    state.store.media().add_media(&actor, record).await?;
    Ok(Redirect::to("/quan-tri/thu-vien?tb=da-tai").into_response())
}

async fn update(State(state): State<SharedState>, Staff(actor): Staff, Path(id): Path<i32>, axum::Form(pairs): axum::Form<Vec<(String, String)>>) -> AppResult<Response> {
    let f = FormFields(pairs);
    csrf::check_staff(&actor, f.get("csrf"))?;
    state.store.media().update_media(&actor, id, &f.text("alt"), &f.text("caption"), f.get("credit")).await?;
    Ok(Redirect::to("/quan-tri/thu-vien?tb=da-luu").into_response())
}

/// Serves a stored rendition. Keys are content-addressed, so they never
/// change: cached for a year.
async fn serve(State(state): State<SharedState>, Path(key): Path<String>) -> AppResult<Response> {
    let ok = !key.is_empty()
        && !key.contains("..")
        && key.split('/').count() <= 4
        && key.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'.' | b'-' | b'_'));
    if !ok {
        return Err(AppError::not_found());
    }
    let files = state.config.files.clone().ok_or_else(AppError::not_found)?;
    let bytes = files.get(&key).await.map_err(|_| AppError::not_found())?;
    let mime = match key.rsplit('.').next() {
        Some("jpg") => "image/jpeg",
        Some("webp") => "image/webp",
        Some("mp4") => "video/mp4",
        Some("webm") => "video/webm",
        Some("png") => "image/png",
        _ => return Err(AppError::not_found()),
    };
    let mut r = bytes.into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=31536000, immutable"));
    Ok(r)
}
