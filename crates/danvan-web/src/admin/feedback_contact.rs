//! A reporter's personal data on request (Nghị định 13/2023/NĐ-CP: the data
//! subject's rights to obtain and to delete their data),
//! `/quan-tri/phan-anh/du-lieu-ca-nhan`: a search by phone or e-mail, the
//! items found within the staff member's units, the download of everything
//! stored about the reporter as one JSON file (`…/xuat`), and the erasure
//! after a required confirmation (`…/xoa`), which says how many items were
//! anonymised.
//!
//! The phone or e-mail travels in POST bodies only, the search included
//! (the page's GET shows the empty form): a query string would keep it in
//! the browser's history and in the server's request log. Searching and
//! exporting need [`Action::ViewFeedback`], erasing
//! [`Action::ReceiveFeedback`] (the store limits each to the units where
//! the staff member holds it).

use super::{Staff, form_error, page, staff_context};
use crate::SharedState;
use crate::error::{AppError, AppResult};
use crate::kit::csrf;
use crate::kit::form::FormFields;
use crate::kit::visitor::Visitor;
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use danvan_domain::ErrorCode;
use danvan_domain::editorial::{Action, Permissions};
use danvan_domain::messages::{Lang, format, t};
use danvan_domain::time::vietnam_display;
use danvan_store::Actor;
use minijinja::context;
use serde::Serialize;

const PATH: &str = "/quan-tri/phan-anh/du-lieu-ca-nhan";

pub(super) fn router() -> Router<SharedState> {
    Router::new()
        .route(PATH, get(search_page).post(search))
        .route("/quan-tri/phan-anh/du-lieu-ca-nhan/xuat", post(export))
        .route("/quan-tri/phan-anh/du-lieu-ca-nhan/xoa", post(erase))
}

/// An item found for the contact.
#[derive(Serialize)]
struct Row {
    id: i32,
    code: String,
    received: String,
}

/// What the page shows besides the form.
#[derive(Default)]
struct Shown {
    /// The phone or e-mail as typed.
    contact: String,
    /// The items found (`None`: no search yet).
    items: Option<Vec<Row>>,
    /// A refused field (`contact` or `confirm`) and its message.
    problem: Option<(&'static str, String)>,
    /// After an erasure: how many items were anonymised.
    erased: Option<usize>,
}

/// Whether `actor` may take `action` in some unit.
async fn may(state: &SharedState, actor: &Actor, action: Action) -> AppResult<bool> {
    let tree = state.store.units().unit_tree().await?;
    Ok((Permissions { grants: &actor.grants, tree: &tree }).can(action, None))
}

async fn render(state: &SharedState, visitor: &Visitor, actor: &Actor, shown: Shown, status: StatusCode) -> AppResult<Response> {
    let can_erase = may(state, actor, Action::ReceiveFeedback).await?;
    let title = t("fbadmin.contact.title", Lang::Vi);
    let (field, message) = shown.problem.map_or((None, None), |(f, m)| (Some(f), Some(m)));
    let ctx = context! {
        ..staff_context(state, visitor, actor, "/quan-tri/phan-anh", title).await?,
        ..context! {
            contact => shown.contact,
            searched => shown.items.is_some(),
            items => shown.items.unwrap_or_default(),
            problem_field => field,
            problem => message,
            notice => shown.erased.map(|n| format("fbadmin.contact.erased", Lang::Vi, &[("count", &n)])),
            can_erase => can_erase,
        }
    };
    Ok(page(status, state.templates.render("admin/feedback_contact.html", ctx)?))
}

/// Refuses staff without [`Action::ViewFeedback`] anywhere.
async fn check_view(state: &SharedState, actor: &Actor) -> AppResult<()> {
    if may(state, actor, Action::ViewFeedback).await? { Ok(()) } else { Err(AppError::new(ErrorCode::Forbidden)) }
}

async fn search_page(State(state): State<SharedState>, visitor: Visitor, Staff(actor): Staff) -> AppResult<Response> {
    check_view(&state, &actor).await?;
    render(&state, &visitor, &actor, Shown::default(), StatusCode::OK).await
}

/// The items of `contact` for the page, or the refused field.
async fn found(state: &SharedState, actor: &Actor, contact: &str) -> AppResult<Result<Vec<Row>, (&'static str, String)>> {
    match state.store.feedback().items_of_contact(actor, contact).await {
        Ok(items) => Ok(Ok(items.into_iter().map(|(id, code, at)| Row { id, code, received: vietnam_display(at) }).collect())),
        Err(e) => {
            let (field, message) = form_error(e)?;
            Ok(Err((field.unwrap_or("contact"), message)))
        }
    }
}

/// The search, or the page with the refused field: (what to show, status).
async fn search_result(state: &SharedState, actor: &Actor, contact: String) -> AppResult<(Shown, StatusCode)> {
    Ok(match found(state, actor, &contact).await? {
        Ok(items) => (Shown { contact, items: Some(items), ..Shown::default() }, StatusCode::OK),
        Err(problem) => (Shown { contact, problem: Some(problem), ..Shown::default() }, StatusCode::UNPROCESSABLE_ENTITY),
    })
}

/// POST: field `contact`.
async fn search(State(state): State<SharedState>, visitor: Visitor, Staff(actor): Staff, axum::Form(pairs): axum::Form<Vec<(String, String)>>) -> AppResult<Response> {
    let f = FormFields(pairs);
    csrf::check_staff(&actor, f.get("csrf"))?;
    check_view(&state, &actor).await?;
    let (shown, status) = search_result(&state, &actor, f.text("contact")).await?;
    render(&state, &visitor, &actor, shown, status).await
}

/// POST: field `contact`. The JSON export as a download, never cached.
async fn export(State(state): State<SharedState>, visitor: Visitor, Staff(actor): Staff, axum::Form(pairs): axum::Form<Vec<(String, String)>>) -> AppResult<Response> {
    let f = FormFields(pairs);
    csrf::check_staff(&actor, f.get("csrf"))?;
    check_view(&state, &actor).await?;
    let contact = f.text("contact");
    let now = danvan_store::now();
    let export = match state.store.feedback().export_contact(&actor, &contact, now).await {
        Ok(export) => export,
        Err(e) => {
            let (field, message) = form_error(e)?;
            let shown = Shown { contact, problem: Some((field.unwrap_or("contact"), message)), ..Shown::default() };
            return render(&state, &visitor, &actor, shown, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    let body = serde_json::to_string_pretty(&export).map_err(AppError::internal)?;
    // the time of the export names the file, never the contact
    let stamp = now.with_timezone(&danvan_domain::time::vietnam()).format("%Y%m%d-%H%M%S");
    let mut r = (StatusCode::OK, body).into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json; charset=utf-8"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert("x-robots-tag", HeaderValue::from_static("noindex, nofollow"));
    let disposition = format!("attachment; filename=\"du-lieu-ca-nhan-{stamp}.json\"");
    h.insert(header::CONTENT_DISPOSITION, HeaderValue::from_str(&disposition).map_err(AppError::internal)?);
    Ok(r)
}

/// POST: fields `contact` and `confirm` (`1`, required).
async fn erase(State(state): State<SharedState>, visitor: Visitor, Staff(actor): Staff, axum::Form(pairs): axum::Form<Vec<(String, String)>>) -> AppResult<Response> {
    let f = FormFields(pairs);
    csrf::check_staff(&actor, f.get("csrf"))?;
    if !may(&state, &actor, Action::ReceiveFeedback).await? {
        return Err(AppError::new(ErrorCode::Forbidden));
    }
    let contact = f.text("contact");
    if f.get("confirm") != Some("1") {
        // the items again, with the box's message
        let (mut shown, _) = search_result(&state, &actor, contact).await?;
        shown.problem = shown.problem.or(Some(("confirm", t("fbadmin.contact.erase_confirm_required", Lang::Vi).to_owned())));
        return render(&state, &visitor, &actor, shown, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    match state.store.feedback().erase_contact(&actor, state.config.files.as_ref(), &contact, danvan_store::now()).await {
        Ok(count) => render(&state, &visitor, &actor, Shown { erased: Some(count), ..Shown::default() }, StatusCode::OK).await,
        Err(e) => {
            let (field, message) = form_error(e)?;
            let shown = Shown { contact, problem: Some((field.unwrap_or("contact"), message)), ..Shown::default() };
            render(&state, &visitor, &actor, shown, StatusCode::UNPROCESSABLE_ENTITY).await
        }
    }
}
