//! A record's photos and files in the back office: choosing photos from
//! the media library (`/quan-tri/dan-van-kheo/{id}/anh`: checkboxes, in
//! the order ticked; new photos are uploaded in the library first, where
//! they are checked and re-encoded), attaching a file
//! (`/quan-tri/dan-van-kheo/{id}/tep`, multipart, content-checked) and
//! downloading one (staff who may see the record only: a scanned form
//! carries signatures and personal data). Works without JavaScript.

use super::Staff;
use super::form_error;
use crate::SharedState;
use crate::error::{AppError, AppResult};
use crate::kit::csrf;
use crate::kit::visitor::Visitor;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::response::Response;
use axum::routing::{get, post};
use danvan_domain::ErrorCode;

pub(super) fn router() -> Router<SharedState> {
    Router::new()
        .route("/quan-tri/dan-van-kheo/{id}/anh", post(set_photos))
        .route(
            "/quan-tri/dan-van-kheo/{id}/tep",
            post(attach).layer(DefaultBodyLimit::max(danvan_store::MAX_RECORD_FILE_BYTES + 64 * 1024)),
        )
        .route("/quan-tri/dan-van-kheo/{id}/tep/{file}", get(download))
}

fn record_id(id: &str) -> AppResult<i32> {
    id.parse().map_err(|_| AppError::new(ErrorCode::PageNotFound))
}

async fn set_photos(
    State(state): State<SharedState>,
    visitor: Visitor,
    Staff(actor): Staff,
    Path(id): Path<String>,
    axum::Form(pairs): axum::Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let (id, f) = super::registry::step_form(&actor, &id, pairs)?;
    let mut ids = Vec::new();
    for v in f.all("photo") {
        match v.trim().parse::<i32>() {
            Ok(n) => ids.push(n),
            Err(_) => return Err(AppError::new(ErrorCode::BadRequest)),
        }
    }
    let outcome = state.store.registry().set_photos(&actor, id, &ids).await.map(|()| id).map_err(form_error);
    super::registry::after_step(&state, &visitor, &actor, id, outcome).await
}

async fn attach(State(state): State<SharedState>, visitor: Visitor, Staff(actor): Staff, Path(id): Path<String>, mut mp: Multipart) -> AppResult<Response> {
    let id = record_id(&id)?;
    let mut token = None;
    let mut file: Option<(String, Vec<u8>)> = None;
    while let Some(field) = mp.next_field().await.map_err(|_| AppError::new(ErrorCode::BadRequest))? {
        match field.name().unwrap_or("") {
            "csrf" => token = Some(field.text().await.map_err(|_| AppError::new(ErrorCode::BadRequest))?),
            "file" => {
                let name = danvan_text::strip_control_chars(field.file_name().unwrap_or("")).chars().take(200).collect();
                let bytes = field.bytes().await.map_err(|_| AppError::new(ErrorCode::BadRequest))?.to_vec();
                file = Some((name, bytes));
            }
            _ => {}
        }
    }
    csrf::check_staff(&actor, token.as_deref())?;
    let files = state.config.files.as_ref().ok_or(AppError::not_found())?;
    let (name, bytes) = file.unwrap_or_default();
    let outcome = state.store.registry().attach_file(&actor, files, id, &name, bytes).await.map(|_| id).map_err(form_error);
    super::registry::after_step(&state, &visitor, &actor, id, outcome).await
}

async fn download(State(state): State<SharedState>, Staff(actor): Staff, Path((id, file)): Path<(String, String)>) -> AppResult<Response> {
    let id = record_id(&id)?;
    let file: i32 = file.parse().map_err(|_| AppError::new(ErrorCode::PageNotFound))?;
    let files = state.config.files.as_ref().ok_or(AppError::not_found())?;
    let (meta, bytes) = state.store.registry().file(&actor, files, id, file).await?.ok_or(AppError::new(ErrorCode::RecordNotFound))?;
    crate::kit::download::file_response(bytes, &meta.media_type, &meta.file_name, crate::kit::download::Disposition::Attachment)
}
