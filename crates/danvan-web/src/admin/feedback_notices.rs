//! The feedback desk's reminders in the back office (issue 13, scope 3):
//! the signed-in staff member's notices "due soon" and "overdue", queued by
//! the reminder job through the outbox, listed on the queue page with a
//! "Đã xem" button each (POST `/quan-tri/phan-anh/nhac-viec/{id}/da-xem`).
//! A notice of an item answered since is no longer listed (the store's
//! rule); dismissing another's notice does nothing.

use super::Staff;
use crate::SharedState;
use crate::error::{AppError, AppResult};
use crate::feedback::deadline_words;
use crate::kit::csrf;
use crate::kit::form::FormFields;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use danvan_domain::ErrorCode;
use danvan_domain::messages::{Lang, format, t};
use danvan_store::Actor;
use serde::Serialize;

pub(super) fn router() -> Router<SharedState> {
    Router::new().route("/quan-tri/phan-anh/nhac-viec/{id}/da-xem", post(dismiss))
}

/// A reminder as the queue page lists it.
#[derive(Serialize)]
pub(super) struct NoticeRow {
    id: i32,
    kind: &'static str,
    overdue: bool,
    item_id: i32,
    code: String,
    title: String,
    deadline: Option<String>,
}

/// `actor`'s reminders not yet dismissed, newest first.
pub(super) async fn rows(state: &SharedState, actor: &Actor) -> AppResult<Vec<NoticeRow>> {
    let notices = state.store.feedback().notices(actor).await?;
    Ok(notices
        .into_iter()
        .map(|n| NoticeRow {
            id: n.id,
            kind: t(n.kind.message_key(), Lang::Vi),
            overdue: n.kind == danvan_store::NoticeKind::Overdue,
            item_id: n.item_id,
            code: n.code,
            title: n.title,
            deadline: n.deadline_at.map(|d| format("fbadmin.notices.deadline", Lang::Vi, &[("deadline", &deadline_words(d))])),
        })
        .collect())
}

async fn dismiss(State(state): State<SharedState>, Staff(actor): Staff, Path(id): Path<String>, axum::Form(pairs): axum::Form<Vec<(String, String)>>) -> AppResult<Response> {
    let f = FormFields(pairs);
    csrf::check_staff(&actor, f.get("csrf"))?;
    let id: i32 = id.parse().map_err(|_| AppError::new(ErrorCode::RecordNotFound))?;
    state.store.feedback().dismiss_notice(&actor, id, danvan_store::now()).await?;
    Ok(Redirect::to("/quan-tri/phan-anh").into_response())
}
