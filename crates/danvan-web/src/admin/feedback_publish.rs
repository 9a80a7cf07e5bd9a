//! An item's publication page, `/quan-tri/phan-anh/{id}/cong-khai`
//! (issue 13, scope 4; Nghị định 13/2023/NĐ-CP): the public title,
//! question, place and answer, starting from the store's proposal (every
//! piece of personal data found masked), with the list of what was found
//! in the item's own texts. A POST is checked again by the store: the
//! reporter's own name, phone or e-mail refuses it (422, next to its
//! field); any other finding (an office's hotline) is listed with a
//! required "Tôi xác nhận…" box, and the confirmation counts only for the
//! very findings it was shown with (`shown`: one `field:kind:text` each),
//! so a text changed after the box was ticked is shown again. Everything
//! typed is kept on any refusal. Needs [`Action::ReceiveFeedback`] on the
//! item's unit (the store's check; a handler gets 403, another unit's staff
//! 404).
//!
//! [`Action::ReceiveFeedback`]: danvan_domain::editorial::Action::ReceiveFeedback

use super::feedback::item_id;
use super::{Staff, form_error, page, staff_context};
use crate::SharedState;
use crate::error::{AppError, AppResult};
use crate::kit::csrf;
use crate::kit::form::FormFields;
use crate::kit::visitor::Visitor;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use danvan_domain::ErrorCode;
use danvan_domain::feedback::privacy::FindingKind;
use danvan_domain::messages::{Lang, format, t};
use danvan_store::{Actor, Found, PUBLIC_FIELDS, PublicTexts, PublishOutcome};
use minijinja::context;
use serde::Serialize;
use std::collections::BTreeMap;

pub(super) fn router() -> Router<SharedState> {
    Router::new().route("/quan-tri/phan-anh/{id}/cong-khai", get(form_page).post(publish))
}

fn kind_label(kind: FindingKind) -> &'static str {
    let key = match kind {
        FindingKind::Name => "fbadmin.kind.name",
        FindingKind::Phone => "fbadmin.kind.phone",
        FindingKind::Email => "fbadmin.kind.email",
        FindingKind::IdNumber => "fbadmin.kind.id_number",
    };
    t(key, Lang::Vi)
}

fn field_label(field: &str) -> &'static str {
    let key = match field {
        "title" => "fbadmin.publish.field.title",
        "question" => "fbadmin.publish.field.question",
        "place" => "fbadmin.publish.field.place",
        _ => "fbadmin.publish.field.answer",
    };
    t(key, Lang::Vi)
}

/// A finding as the page lists it.
#[derive(Serialize)]
struct FoundRow {
    field: &'static str,
    /// "Trả lời, số điện thoại".
    place: String,
    text: String,
    own: bool,
    /// What the confirmation box stands for: `field:kind:text`.
    signature: String,
}

fn signature(f: &Found) -> String {
    format!("{}:{}:{}", f.field, f.kind.code(), f.text)
}

fn rows(found: &[Found]) -> Vec<FoundRow> {
    found
        .iter()
        .map(|f| FoundRow {
            field: f.field,
            place: format("fbadmin.publish.in_field", Lang::Vi, &[("field", &field_label(f.field)), ("kind", &kind_label(f.kind))]),
            text: f.text.clone(),
            own: f.own,
            signature: signature(f),
        })
        .collect()
}

/// The findings `found` are exactly those the box was ticked for.
fn same_findings(found: &[Found], shown: &[&str]) -> bool {
    let mut a: Vec<String> = found.iter().map(signature).collect();
    let mut b: Vec<&str> = shown.to_vec();
    a.sort_unstable();
    b.sort_unstable();
    a.len() == b.len() && a.iter().zip(&b).all(|(x, y)| x == y)
}

/// A problem of the form: its field (`None`: the whole form) and message.
type Problem = (Option<&'static str>, String);

/// A posted form shown again: the texts typed, the findings waiting for
/// the confirmation, the problem.
#[derive(Default)]
struct Posted {
    texts: Option<PublicTexts>,
    pending: Vec<Found>,
    problem: Option<Problem>,
}

async fn render(state: &SharedState, visitor: &Visitor, actor: &Actor, id: i32, posted: Posted, status: StatusCode) -> AppResult<Response> {
    let fb = state.store.feedback();
    // another unit's item is not there at all; a handler's is forbidden (the draft's check)
    let item = fb.item(actor, id).await?.ok_or(AppError::new(ErrorCode::RecordNotFound))?;
    let draft = fb.publication_draft(actor, id).await?;
    let mut errors = BTreeMap::new();
    let mut summary = Vec::new();
    if let Some((field, message)) = &posted.problem {
        if let Some(f) = field {
            errors.insert(*f, message.as_str());
        }
        summary.push(context! { field => field, message => message });
    }
    let title = format("fbadmin.publish.title", Lang::Vi, &[("code", &item.row.code)]);
    let ctx = context! {
        ..staff_context(state, visitor, actor, "/quan-tri/phan-anh", &title).await?,
        ..context! {
            id => id,
            code => &item.row.code,
            published => draft.published,
            v => posted.texts.as_ref().unwrap_or(&draft.proposed),
            found => rows(&draft.found),
            pending => rows(&posted.pending),
            errors => errors,
            problems => summary,
        }
    };
    Ok(page(status, state.templates.render("admin/feedback_publish.html", ctx)?))
}

async fn form_page(State(state): State<SharedState>, visitor: Visitor, Staff(actor): Staff, Path(id): Path<String>) -> AppResult<Response> {
    render(&state, &visitor, &actor, item_id(&id)?, Posted::default(), StatusCode::OK).await
}

/// POST: fields `title`, `question`, `place`, `answer`; `confirm` (`1`)
/// and `shown` (repeated) once findings were listed.
async fn publish(State(state): State<SharedState>, visitor: Visitor, Staff(actor): Staff, Path(id): Path<String>, axum::Form(pairs): axum::Form<Vec<(String, String)>>) -> AppResult<Response> {
    let f = FormFields(pairs);
    csrf::check_staff(&actor, f.get("csrf"))?;
    let id = item_id(&id)?;
    let texts = PublicTexts { title: f.text("title"), question: f.text("question"), place: f.text("place"), answer: f.text("answer") };
    let shown = f.all("shown");
    let ticked = f.get("confirm") == Some("1");
    let fb = state.store.feedback();
    let now = danvan_store::now();
    let outcome = match fb.publish(&actor, id, &texts, false, now).await {
        Ok(PublishOutcome::NeedsConfirmation(found)) if ticked && same_findings(&found, &shown) => fb.publish(&actor, id, &texts, true, now).await,
        other => other,
    };
    let problem: Problem = match outcome {
        Ok(PublishOutcome::Published) => return Ok(Redirect::to(&format!("/quan-tri/phan-anh/{id}?tb=da-cong-khai")).into_response()),
        Ok(PublishOutcome::NeedsConfirmation(found)) => {
            let problem = if !ticked && same_findings(&found, &shown) {
                (Some("confirm"), t("fbadmin.publish.confirm_required", Lang::Vi).to_owned())
            } else {
                (None, t("fbadmin.publish.pending_error", Lang::Vi).to_owned())
            };
            let posted = Posted { texts: Some(texts), pending: found, problem: Some(problem) };
            return render(&state, &visitor, &actor, id, posted, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
        Err(e) => match form_error(e)? {
            // `step`: not answered (any more); shown for the whole form
            (Some(field), message) if PUBLIC_FIELDS.contains(&field) => (Some(field), message),
            (_, message) => (None, message),
        },
    };
    let posted = Posted { texts: Some(texts), problem: Some(problem), ..Posted::default() };
    render(&state, &visitor, &actor, id, posted, StatusCode::UNPROCESSABLE_ENTITY).await
}
