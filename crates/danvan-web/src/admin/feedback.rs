//! The feedback desk in the back office, `/quan-tri/phan-anh`: the queues
//! (new, being handled, due soon, overdue, all; scoped by the store in
//! SQL), the entry of a hotline call or an in-person reception by a
//! coordinator, and an item's page with the reporter's contact (present
//! only when the store gives it; each view is audited there), its history
//! (internal notes marked), its publication, rating, reopening and
//! duplicates, and the step forms the permission table and
//! `feedback::can_step` allow. Every rule is the store's and the domain's;
//! a refused step shows the page again (422) with the store's message.
//! The publication page, the reminders and a reporter's personal data have
//! files of their own (`feedback_publish.rs`, `feedback_notices.rs`,
//! `feedback_contact.rs`).

use super::{Staff, form_error, page, staff_context};
use crate::SharedState;
use crate::error::{AppError, AppResult};
use crate::feedback::{category_choices, channel_label, deadline_words, new_item, problems, status_label, typed};
use crate::kit::csrf;
use crate::kit::form::FormFields;
use crate::kit::visitor::Visitor;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use danvan_domain::ErrorCode;
use danvan_domain::editorial::{Action, Permissions};
use danvan_domain::feedback::{Channel, Status, Step, can_step, check_new_item};
use danvan_domain::messages::{Lang, format, t};
use danvan_domain::time::vietnam_display;
use danvan_store::{Actor, ItemRow, Queue, StoreError};
use minijinja::{Value, context};
use serde::Serialize;
use std::collections::HashMap;

const PER_PAGE: u64 = 30;

/// The queues: the value of `?hang=`, the store's queue, its label.
const QUEUES: [(&str, Queue, &str); 5] = [
    ("moi", Queue::New, "fbweb.queue.new"),
    ("dang-xu-ly", Queue::Open, "fbweb.queue.open"),
    ("sap-den-han", Queue::DueSoon, "fbweb.queue.due_soon"),
    ("qua-han", Queue::Overdue, "fbweb.queue.overdue"),
    ("tat-ca", Queue::All, "fbweb.queue.all"),
];

/// The channels a coordinator enters.
const ENTERED: [Channel; 2] = [Channel::Hotline, Channel::InPerson];

pub(super) fn router() -> Router<SharedState> {
    Router::new()
        .route("/quan-tri/phan-anh", get(queue))
        .route("/quan-tri/phan-anh/moi", get(new_page).post(create))
        .route("/quan-tri/phan-anh/{id}", get(show))
        .route("/quan-tri/phan-anh/{id}/tep/{file}", get(attachment))
        .route("/quan-tri/phan-anh/{id}/{step}", post(step))
}

#[derive(Serialize)]
struct Tab {
    href: String,
    label: &'static str,
    count: u64,
    current: bool,
}

#[derive(Serialize)]
struct Row {
    id: i32,
    code: String,
    title: String,
    status: String,
    channel: String,
    received: String,
    deadline: Option<String>,
    overdue: bool,
}

fn is_open(status: &str) -> bool {
    matches!(Status::from_code(status), Some(Status::Received | Status::Accepted | Status::Reopened))
}

fn row(r: ItemRow, now: chrono::DateTime<chrono::Utc>) -> Row {
    Row {
        overdue: is_open(&r.status) && r.deadline_at.is_some_and(|d| d < now),
        id: r.id,
        status: status_label(&r.status),
        channel: channel_label(&r.channel),
        received: vietnam_display(r.received_at),
        deadline: r.deadline_at.map(deadline_words),
        code: r.code,
        title: r.title,
    }
}

async fn queue(State(state): State<SharedState>, visitor: Visitor, Staff(actor): Staff, Query(q): Query<HashMap<String, String>>) -> AppResult<Response> {
    let tree = state.store.units().unit_tree().await?;
    let p = Permissions { grants: &actor.grants, tree: &tree };
    if !p.can(Action::ViewFeedback, None) {
        return Err(AppError::new(ErrorCode::Forbidden));
    }
    let chosen = q.get("hang").map(String::as_str).unwrap_or("tat-ca");
    let (slug, which, _) = QUEUES.iter().copied().find(|(s, _, _)| *s == chosen).ok_or_else(AppError::not_found)?;
    let page_no = crate::kit::paging::PageNo::parse(q.get("trang").map(String::as_str))?;
    let calendar = state.store.calendar().working_calendar(&state.config.holiday_rules).await?;
    let now = danvan_store::now();
    let fb = state.store.feedback();
    let (rows, total) = fb.queue(&actor, which, &calendar, now, page_no.get(), PER_PAGE).await?;
    let pages = page_no.check_within(total, PER_PAGE)?;
    let mut tabs = Vec::new();
    for (s, queue, key) in QUEUES {
        // a count is one COUNT query per queue, scoped like the list
        let count = if s == slug { total } else { fb.queue(&actor, queue, &calendar, now, 1, 1).await?.1 };
        tabs.push(Tab { href: format!("/quan-tri/phan-anh?hang={s}"), label: t(key, Lang::Vi), count, current: s == slug });
    }
    let title = t("fbweb.admin.title", Lang::Vi);
    let ctx = context! {
        ..staff_context(&state, &visitor, &actor, "/quan-tri/phan-anh", title).await?,
        ..context! {
            tabs => tabs,
            rows => rows.into_iter().map(|r| row(r, now)).collect::<Vec<_>>(),
            total => format("fbweb.queue.count", Lang::Vi, &[("count", &total)]),
            page => page_no.get(), pages => pages,
            page_base => format!("/quan-tri/phan-anh?hang={slug}"),
            can_enter => p.can(Action::ReceiveFeedback, None),
            notices => super::feedback_notices::rows(&state, &actor).await?,
        }
    };
    Ok(page(StatusCode::OK, state.templates.render("admin/feedback_queue.html", ctx)?))
}

#[derive(Serialize)]
struct ChannelChoice {
    value: &'static str,
    label: &'static str,
}

async fn render_new(state: &SharedState, visitor: &Visitor, actor: &Actor, values: Value, found: &[(&'static str, &'static str)], status: StatusCode) -> AppResult<Response> {
    let tree = state.store.units().unit_tree().await?;
    if !(Permissions { grants: &actor.grants, tree: &tree }).can(Action::ReceiveFeedback, None) {
        return Err(AppError::new(ErrorCode::Forbidden));
    }
    let categories = state.store.feedback().categories(true).await?;
    let title = t("fbweb.admin.enter", Lang::Vi);
    let ctx = context! {
        ..staff_context(state, visitor, actor, "/quan-tri/phan-anh", title).await?,
        ..problems(found),
        ..context! {
            v => values,
            fb_categories => category_choices(&categories),
            channels => ENTERED.iter().map(|c| ChannelChoice { value: c.code(), label: t(c.message_key(), Lang::Vi) }).collect::<Vec<_>>(),
            staff_entry => true,
        }
    };
    Ok(page(status, state.templates.render("admin/feedback_new.html", ctx)?))
}

async fn new_page(State(state): State<SharedState>, visitor: Visitor, Staff(actor): Staff) -> AppResult<Response> {
    render_new(&state, &visitor, &actor, Value::from_serialize(typed(&Default::default(), Channel::Hotline.code())), &[], StatusCode::OK).await
}

async fn create(State(state): State<SharedState>, visitor: Visitor, Staff(actor): Staff, axum::Form(pairs): axum::Form<Vec<(String, String)>>) -> AppResult<Response> {
    let f = FormFields(pairs);
    csrf::check_staff(&actor, f.get("csrf"))?;
    let item = danvan_domain::feedback::NewItem { consent: false, ..new_item(&f) };
    let channel = f.get("channel").and_then(Channel::from_code).filter(|c| ENTERED.contains(c));
    let mut found = Vec::new();
    if channel.is_none() {
        found.push(("channel", "fbweb.admin.channel_required"));
    }
    found.extend(check_new_item(&item, false));
    let values = Value::from_serialize(typed(&item, f.get("channel").unwrap_or("")));
    let Some(channel) = channel.filter(|_| found.is_empty()) else {
        return render_new(&state, &visitor, &actor, values, &found, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    let calendar = state.store.calendar().working_calendar(&state.config.holiday_rules).await?;
    match state.store.feedback().submit(&item, channel, Some(&actor), "", &calendar, danvan_store::now()).await {
        Ok(sub) => Ok(Redirect::to(&format!("/quan-tri/phan-anh/{}?tb=da-luu", sub.id)).into_response()),
        Err(StoreError::Field { field, code }) => render_new(&state, &visitor, &actor, values, &[(field, code)], StatusCode::UNPROCESSABLE_ENTITY).await,
        Err(e) => Err(e.into()),
    }
}

#[derive(Serialize)]
struct UnitChoice {
    id: i32,
    label: String,
}

/// What was typed into a refused step's form, to show it again, and the
/// field the store refused.
#[derive(Serialize, Default)]
struct Retyped {
    step: String,
    text: String,
    /// The main item's code of a refused `gop`.
    main: String,
    field: Option<&'static str>,
}

/// A linked item (main item or duplicate): its id and code.
#[derive(Serialize)]
struct Linked<'a> {
    id: i32,
    code: &'a str,
}

#[allow(clippy::too_many_arguments)]
async fn render_item(state: &SharedState, visitor: &Visitor, actor: &Actor, id: i32, notice: Option<&str>, error: Option<String>, retyped: Retyped, status: StatusCode) -> AppResult<Response> {
    // another unit's item is not there at all for this reader
    let item = state.store.feedback().item(actor, id).await?.ok_or(AppError::new(ErrorCode::RecordNotFound))?;
    let tree = state.store.units().unit_tree().await?;
    let p = Permissions { grants: &actor.grants, tree: &tree };
    let unit = item.row.unit_id;
    let can_receive = p.can(Action::ReceiveFeedback, unit);
    let can_answer = p.can(Action::AnswerFeedback, unit);
    let current = Status::from_code(&item.row.status).unwrap_or(Status::Received);
    let allowed = |step: Step| can_step(current, step, item.reopened);
    // publication is of an answered item (or to edit what is published)
    let can_publish = can_receive && (current == Status::Answered || item.published);
    let units = state.store.units().org_units().await?;
    let unit_name = unit.and_then(|u| units.iter().find(|x| x.id == u)).map(|u| u.name.clone()).unwrap_or_default();
    let receive_units: Vec<UnitChoice> =
        units.iter().filter(|u| p.can(Action::ReceiveFeedback, Some(u.id))).map(|u| UnitChoice { id: u.id, label: format!("{}{}", "— ".repeat(u.depth), u.name) }).collect();
    let history: Vec<Value> = item
        .history
        .iter()
        .map(|h| context! { at => vietnam_display(h.at), by => &h.username, summary => &h.summary, internal => h.internal })
        .collect();
    let contact = item.contact.as_ref().filter(|_| !item.contact_erased).map(|(name, phone, email)| context! { name => name, phone => phone, email => email });
    let rating = item.rating.map(|r| format("fbadmin.item.rating_value", Lang::Vi, &[("rating", &r)]));
    let duplicate_of = item.duplicate_of.as_ref().map(|(id, code)| Linked { id: *id, code });
    let duplicates: Vec<Linked> = item.duplicates.iter().map(|(id, code)| Linked { id: *id, code }).collect();
    let attachments: Vec<Value> = state
        .store
        .feedback()
        .attachments(actor, id)
        .await?
        .into_iter()
        .enumerate()
        .map(|(i, a)| {
            let kind = if a.is_image { t("fbadmin.item.file_photo", Lang::Vi) } else { "PDF" };
            let meta = format("fbadmin.item.file_meta", Lang::Vi, &[("kind", &kind), ("size", &format!("{:.1}", a.size as f64 / 1024.0))]);
            context! { id => a.id, file_name => a.file_name, is_image => a.is_image, width => a.width, height => a.height, meta => meta,
                label => format("fbadmin.item.photo_alt", Lang::Vi, &[("n", &(i + 1))]) }
        })
        .collect();
    // only a web address is a link; anything else an Open311 client sent stays unshown
    let media_link = Some(item.media_url.trim()).filter(|u| (u.starts_with("https://") || u.starts_with("http://")) && !u.contains(char::is_whitespace));
    // an Open311 client's coordinates, as written and as a map link
    let coordinates = item.coordinates.map(|(lat, long)| {
        context! { text => format!("{lat:.6}, {long:.6}"), map => format!("https://www.openstreetmap.org/?mlat={lat:.6}&mlon={long:.6}#map=18/{lat:.6}/{long:.6}") }
    });
    let now = danvan_store::now();
    let title = format!("{} – {}", item.row.code, item.row.title);
    let ctx = context! {
        ..staff_context(state, visitor, actor, "/quan-tri/phan-anh", &title).await?,
        ..context! {
            item => &item,
            status_label => status_label(&item.row.status),
            channel => channel_label(&item.row.channel),
            received => vietnam_display(item.row.received_at),
            deadline => item.row.deadline_at.map(deadline_words),
            overdue => is_open(&item.row.status) && item.row.deadline_at.is_some_and(|d| d < now),
            unit_name => unit_name,
            extensions => format("fbweb.item.extensions", Lang::Vi, &[("used", &item.extensions), ("allowed", &item.max_extensions)]),
            contact => contact,
            attachments => attachments,
            media_link => media_link,
            coordinates => coordinates,
            history => history,
            units => receive_units,
            show_accept => can_receive && allowed(Step::Accept),
            show_refuse => can_receive && allowed(Step::Refuse),
            show_forward => can_receive && allowed(Step::Forward),
            show_extend => can_receive && allowed(Step::Extend),
            extensions_left => i32::from(item.max_extensions) > i32::from(item.extensions),
            show_answer => can_answer && allowed(Step::Answer),
            show_note => can_answer,
            show_duplicate => can_receive && allowed(Step::MarkDuplicate),
            show_unpublish => can_receive && item.published,
            show_publish => can_publish,
            rating => rating,
            duplicate_of => duplicate_of,
            duplicates => duplicates,
            retyped => retyped,
            notice => notice, error => error,
        }
    };
    Ok(page(status, state.templates.render("admin/feedback_item.html", ctx)?))
}

/// GET `/quan-tri/phan-anh/{id}/tep/{file}`: a file the reporter attached,
/// for staff who may see the item (404 for anyone else), audited by the
/// store. A photo is shown inline, a PDF always downloaded; both with
/// `Content-Security-Policy: sandbox`, `nosniff` and `private, no-store`.
async fn attachment(State(state): State<SharedState>, Staff(actor): Staff, Path((id, file)): Path<(String, String)>) -> AppResult<Response> {
    use crate::kit::download::{Disposition, file_response};
    use axum::http::{HeaderValue, header};
    let id = item_id(&id)?;
    let file: i32 = file.parse().map_err(|_| AppError::new(ErrorCode::RecordNotFound))?;
    let files = state.config.files.as_ref().ok_or_else(AppError::not_found)?;
    let (meta, bytes) = state.store.feedback().attachment(&actor, files, id, file).await?.ok_or(AppError::new(ErrorCode::RecordNotFound))?;
    let how = if meta.is_image { Disposition::Inline } else { Disposition::Attachment };
    let mut r = file_response(bytes, &meta.media_type, &meta.file_name, how)?;
    r.headers_mut().insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("sandbox; default-src 'none'; img-src 'self'"));
    Ok(r)
}

pub(super) fn item_id(id: &str) -> AppResult<i32> {
    id.parse().map_err(|_| AppError::new(ErrorCode::RecordNotFound))
}

/// The notices after a step (`?tb=`): the value, its message.
const NOTICES: [(&str, &str); 4] = [
    ("da-luu", "admin.notice.saved"),
    ("da-cong-khai", "fbadmin.notice.published"),
    ("da-thoi-cong-khai", "fbadmin.notice.unpublished"),
    ("da-gop", "fbadmin.notice.duplicate"),
];

async fn show(State(state): State<SharedState>, visitor: Visitor, Staff(actor): Staff, Path(id): Path<String>, Query(q): Query<HashMap<String, String>>) -> AppResult<Response> {
    let tb = q.get("tb").map(String::as_str);
    let notice = NOTICES.iter().find(|(v, _)| Some(*v) == tb).map(|(_, key)| t(key, Lang::Vi));
    render_item(&state, &visitor, &actor, item_id(&id)?, notice, None, Retyped::default(), StatusCode::OK).await
}

fn unit_missing() -> StoreError {
    StoreError::Field { field: "unit_id", code: "feedback.unit_unknown" }
}

/// POST `/quan-tri/phan-anh/{id}/{step}`, `step` one of `thu-ly` (field
/// `unit_id`), `khong-thu-ly` (`reason`), `chuyen` (`unit_id`, `reason`),
/// `gia-han` (`reason`), `ghi-chu` (`text`), `tra-loi` (`text`), `gop`
/// (`main`: the main item's tracking code, `reason`), `thoi-cong-khai`
/// (no field); any other step is a 404.
async fn step(
    State(state): State<SharedState>,
    visitor: Visitor,
    Staff(actor): Staff,
    Path((id, step)): Path<(String, String)>,
    axum::Form(pairs): axum::Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let f = FormFields(pairs);
    csrf::check_staff(&actor, f.get("csrf"))?;
    let id = item_id(&id)?;
    let fb = state.store.feedback();
    let now = danvan_store::now();
    let reason = f.text("reason");
    let text = f.text("text");
    let outcome = match step.as_str() {
        "thu-ly" => match f.id("unit_id") {
            Some(u) => fb.accept(&actor, id, u, &state.store.calendar().working_calendar(&state.config.holiday_rules).await?, now).await,
            None => Err(unit_missing()),
        },
        "khong-thu-ly" => fb.refuse(&actor, id, &reason, now).await,
        "chuyen" => match f.id("unit_id") {
            Some(u) => fb.forward(&actor, id, u, &reason, now).await,
            None => Err(unit_missing()),
        },
        "gia-han" => fb.extend(&actor, id, &reason, &state.store.calendar().working_calendar(&state.config.holiday_rules).await?, now).await,
        "ghi-chu" => fb.note(&actor, id, &text).await,
        "tra-loi" => fb.answer(&actor, id, &text, now).await,
        "gop" => fb.mark_duplicate(&actor, id, f.get("main").unwrap_or(""), &reason, now).await,
        "thoi-cong-khai" => fb.unpublish(&actor, id, now).await,
        _ => return Err(AppError::not_found()),
    };
    let done = match step.as_str() {
        "gop" => "da-gop",
        "thoi-cong-khai" => "da-thoi-cong-khai",
        _ => "da-luu",
    };
    match outcome.map_err(form_error) {
        Ok(()) => Ok(Redirect::to(&format!("/quan-tri/phan-anh/{id}?tb={done}")).into_response()),
        Err(Err(e)) => Err(e),
        Err(Ok((field, message))) => {
            let typed = if text.is_empty() { reason } else { text };
            let retyped = Retyped { step, text: typed, main: f.text("main"), field };
            render_item(&state, &visitor, &actor, id, None, Some(message), retyped, StatusCode::UNPROCESSABLE_ENTITY).await
        }
    }
}
