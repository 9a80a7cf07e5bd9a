//! The feedback desk's public pages (DESIGN.md §3.4), all without
//! JavaScript:
//!
//! * `GET/POST /phan-anh/gui`: the form. Every problem of
//!   `check_new_item` is shown at once next to its field (422) with what was
//!   typed; on success the store commits the item first, then the answer is
//!   a 303 to its receipt. Public CSRF (the `dv_csrf` double-submit cookie).
//!   The honeypot field `website` (visually hidden, `aria-hidden`, out of
//!   the tab order, labelled "leave this empty") must stay empty: a form
//!   that fills it is refused with 400 and a neutral "could not be sent,
//!   send it again" page, and nothing is stored. We refuse rather than fake
//!   a success: a fake receipt would need a fake code a real person (whose
//!   browser filled the field) could never follow.
//! * `GET /phan-anh/bien-nhan/{token}`: the printable receipt (the site's
//!   print stylesheet; the browser's Print), `no-store`, 404 after
//!   `RECEIPT_HOURS`.
//! * `GET/POST /phan-anh/tra-cuu`: the lookup by code plus phone or e-mail
//!   (POST, so neither is in an address or a log). A wrong pair and a
//!   guessed code get the same neutral message; after too many failures
//!   the store refuses (429).
//!
//! No page here ever shows personal data: the receipt says only which kinds
//! of contact were given, the lookup shows what the store's `LookupView`
//! holds (no contact).

use crate::kit::csrf;
use crate::kit::form::{FormFields, Posted};
use crate::kit::page::{address_hash, base_context, html_response, site_info};
use crate::kit::visitor::Visitor;
use crate::{AppError, AppResult, SharedState};
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use chrono::{DateTime, Utc};
use danvan_domain::ErrorCode;
use danvan_domain::feedback::{Channel, DeadlineRule, NewItem, Status, check_new_item};
use danvan_domain::messages::{Lang, format, t};
use danvan_store::{CategoryView, StoreError};
use minijinja::{Value, context};
use serde::Serialize;
use std::collections::BTreeMap;

/// The honeypot field's name: a text input people never see nor fill.
pub(crate) const HONEYPOT: &str = "website";

pub fn router() -> Router<SharedState> {
    Router::new()
        .route("/phan-anh/gui", get(form_page).post(submit).layer(axum::extract::DefaultBodyLimit::max(crate::feedback_files::FORM_BODY_LIMIT)))
        .route("/phan-anh/bien-nhan/{token}", get(receipt))
        .route("/phan-anh/tra-cuu", get(lookup_page).post(lookup))
}

/// A category's rule in words: "giải quyết trong 10 ngày làm việc kể từ
/// ngày tiếp nhận".
pub(crate) fn rule_words(rule: &DeadlineRule) -> String {
    format("fbweb.rule", Lang::Vi, &[("days", &rule.days), ("counting", &t(rule.counting.message_key(), Lang::Vi)), ("from", &t(rule.from.message_key(), Lang::Vi))])
}

/// A deadline in words, Vietnam time: "17:00, Thứ Tư, 06/05/2026".
pub(crate) fn deadline_words(at: DateTime<Utc>) -> String {
    let local = at.with_timezone(&danvan_domain::time::vietnam());
    let date = danvan_domain::calendar::solar_long(local.date_naive(), Lang::Vi);
    format("fbweb.deadline_words", Lang::Vi, &[("time", &local.format("%H:%M")), ("date", &date)])
}

/// The label of a status code (the code itself when unknown).
pub(crate) fn status_label(code: &str) -> String {
    Status::from_code(code).map(|s| t(s.message_key(), Lang::Vi).to_owned()).unwrap_or_else(|| code.to_owned())
}

/// The label of a channel code (the code itself when unknown).
pub(crate) fn channel_label(code: &str) -> String {
    Channel::from_code(code).map(|c| t(c.message_key(), Lang::Vi).to_owned()).unwrap_or_else(|| code.to_owned())
}

/// A category as the form's select shows it.
#[derive(Serialize)]
pub(crate) struct CategoryChoice {
    id: i32,
    name: String,
    rule: String,
}

pub(crate) fn category_choices(categories: &[CategoryView]) -> Vec<CategoryChoice> {
    categories.iter().map(|c| CategoryChoice { id: c.id, name: c.name.clone(), rule: rule_words(&c.rule) }).collect()
}

/// The item typed into a form (web or coordinator); `consent` is the
/// checkbox `consent=1`.
pub(crate) fn new_item(f: &FormFields) -> NewItem {
    NewItem {
        category_id: f.id("category_id"),
        title: f.text("title"),
        content: f.text("content"),
        place: f.text("place"),
        name: f.text("name"),
        phone: f.text("phone"),
        email: f.text("email"),
        consent: f.get("consent") == Some("1"),
    }
}

/// The form's values, for showing them again.
#[derive(Serialize, Default)]
pub(crate) struct Typed {
    category_id: Option<i32>,
    title: String,
    content: String,
    place: String,
    name: String,
    phone: String,
    email: String,
    consent: bool,
    channel: String,
}

pub(crate) fn typed(i: &NewItem, channel: &str) -> Typed {
    Typed {
        category_id: i.category_id,
        title: i.title.clone(),
        content: i.content.clone(),
        place: i.place.clone(),
        name: i.name.clone(),
        phone: i.phone.clone(),
        email: i.email.clone(),
        consent: i.consent,
        channel: channel.to_owned(),
    }
}

/// A form's problems: `errors` by field (for the message next to it and
/// `aria-invalid`) and `problems` in the form's order (for the summary at
/// the top, each linking to its field).
pub(crate) fn problems(list: &[(&'static str, &'static str)]) -> Value {
    problem_messages(&written(list))
}

/// As [`problems`], with messages already written (a refused file names
/// itself); a field with several messages shows them all.
pub(crate) fn problem_messages(list: &[(&'static str, String)]) -> Value {
    let mut errors: BTreeMap<&str, String> = BTreeMap::new();
    let mut summary = Vec::new();
    for (field, message) in list {
        errors.entry(*field).and_modify(|m| { m.push(' '); m.push_str(message) }).or_insert_with(|| message.clone());
        summary.push(context! { field => field, message => message });
    }
    context! { errors => errors, problems => summary }
}

/// The form page; `files_again` says the files chosen were not sent (a
/// browser never fills a file input again).
async fn render_form(state: &SharedState, visitor: &Visitor, values: Typed, problem_list: &[(&'static str, String)], files_again: bool, status: StatusCode) -> AppResult<Response> {
    let info = site_info(state).await?;
    let categories = state.store.feedback().categories(true).await?;
    let mut cookies = Vec::new();
    let token = csrf::visitor_token(visitor, state.config.secure_cookies, &mut cookies);
    let ctx = context! {
        ..base_context(&info, &visitor.prefs, "/phan-anh/gui"),
        ..problem_messages(problem_list),
        ..context! {
            csrf => token, fb_categories => category_choices(&categories), v => values, honeypot => HONEYPOT,
            files_again => files_again,
            files_accepted => state.config.files.is_some(),
            max_files => danvan_store::MAX_ATTACHMENTS,
        }
    };
    Ok(no_store(html_response(status, state.templates.render("feedback_form.html", ctx)?, &cookies)))
}

/// Marks a page `no-store`: it holds what one person typed or a code.
fn no_store(mut r: Response) -> Response {
    r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

async fn form_page(State(state): State<SharedState>, visitor: Visitor) -> AppResult<Response> {
    render_form(&state, &visitor, Typed::default(), &[], false, StatusCode::OK).await
}

/// `code` problems as written messages.
fn written(list: &[(&'static str, &'static str)]) -> Vec<(&'static str, String)> {
    list.iter().map(|(field, code)| (*field, t(code, Lang::Vi).to_owned())).collect()
}

/// POST `/phan-anh/gui`: `multipart/form-data` from the page (with the
/// files of `files`), or a plain form without files.
async fn submit(State(state): State<SharedState>, visitor: Visitor, posted: Posted) -> AppResult<Response> {
    let Posted { fields: f, files } = posted;
    let item = new_item(&f);
    let sent_files = !files.is_empty();
    // an expired form (its token gone with the cookie, a page left open for
    // days) comes back with what was typed and a fresh token: a citizen
    // never loses a long text to it; nothing is stored
    if csrf::check_visitor(&visitor, f.get("csrf")).is_err() {
        let expired = [("form", t("fbweb.form.expired", Lang::Vi).to_owned())];
        return render_form(&state, &visitor, typed(&item, ""), &expired, sent_files, StatusCode::FORBIDDEN).await;
    }
    if f.get(HONEYPOT).is_some_and(|v| !v.trim().is_empty()) {
        tracing::info!("feedback form with its honeypot filled: refused, nothing stored");
        return Err(AppError::with_message(ErrorCode::BadRequest, t("fbweb.honeypot", Lang::Vi)));
    }
    let mut found = written(&check_new_item(&item, true));
    let (attached, refused) = crate::feedback_files::prepare(files).await;
    found.extend(refused.into_iter().map(|m| ("files", m)));
    if !found.is_empty() {
        return render_form(&state, &visitor, typed(&item, ""), &found, sent_files, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let source = address_hash(&state, &visitor.addr).await?;
    let calendar = state.store.calendar().working_calendar(&state.config.holiday_rules).await?;
    match state.store.feedback().submit_with_files(&item, &attached, state.config.files.as_ref(), &source, &calendar, danvan_store::now()).await {
        Ok(sub) => Ok(Redirect::to(&format!("/phan-anh/bien-nhan/{}", sub.receipt_token)).into_response()),
        Err(StoreError::Field { code: "feedback.contact_rate_limited", .. }) => rate_limited(&state, &visitor, &item, "feedback.contact_rate_limited", sent_files).await,
        Err(StoreError::Field { field, code }) => {
            render_form(&state, &visitor, typed(&item, ""), &written(&[(field, code)]), sent_files, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(StoreError::Rule(ErrorCode::RateLimited)) => rate_limited(&state, &visitor, &item, "fbweb.submit_rate_limited", sent_files).await,
        Err(e) => Err(e.into()),
    }
}

/// A submission over a limit: 429 with `Retry-After` (an hour), and the form
/// again with what was typed and why, so the text can be sent later or read
/// out on the hotline.
async fn rate_limited(state: &SharedState, visitor: &Visitor, item: &NewItem, key: &'static str, sent_files: bool) -> AppResult<Response> {
    let mut r = render_form(state, visitor, typed(item, ""), &[("form", t(key, Lang::Vi).to_owned())], sent_files, StatusCode::TOO_MANY_REQUESTS).await?;
    r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("3600"));
    Ok(r)
}

async fn receipt(State(state): State<SharedState>, visitor: Visitor, Path(token): Path<String>) -> AppResult<Response> {
    let r = state.store.feedback().receipt(&token, danvan_store::now()).await?.ok_or_else(AppError::not_found)?;
    let info = site_info(&state).await?;
    let code = danvan_domain::feedback::code::parse(&r.code).ok();
    let contact = match (r.has_phone, r.has_email) {
        (true, true) => "fbweb.receipt.with_both",
        (false, true) => "fbweb.receipt.with_email",
        _ => "fbweb.receipt.with_phone",
    };
    let ctx = context! {
        // the receipt's address is a secret of its own: never the canonical link
        ..base_context(&info, &visitor.prefs, "/phan-anh/bien-nhan"),
        ..context! {
            code => &r.code,
            spoken => code.map(|c| danvan_domain::feedback::code::spoken(&c, Lang::Vi)),
            title => &r.title,
            category => &r.category,
            channel => channel_label(&r.channel),
            received_at => danvan_domain::time::vietnam_display(r.received_at),
            received_iso => r.received_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            deadline => r.deadline_at.map(deadline_words),
            follow => format("fbweb.receipt.follow", Lang::Vi, &[("contact", &t(contact, Lang::Vi))]),
            attachments => (r.attachments > 0).then(|| format("fbweb.receipt.attachments", Lang::Vi, &[("count", &r.attachments)])),
        }
    };
    Ok(no_store(html_response(StatusCode::OK, state.templates.render("feedback_receipt.html", ctx)?, &[])))
}

pub(crate) async fn render_lookup(state: &SharedState, visitor: &Visitor, code: &str, found: Option<Value>, message: Option<&str>, errors: Value, status: StatusCode) -> AppResult<Response> {
    let info = site_info(state).await?;
    let mut cookies = Vec::new();
    let token = csrf::visitor_token(visitor, state.config.secure_cookies, &mut cookies);
    let ctx = context! {
        ..base_context(&info, &visitor.prefs, "/phan-anh/tra-cuu"),
        ..errors,
        ..context! { csrf => token, code => code, found => found, message => message }
    };
    Ok(no_store(html_response(status, state.templates.render("feedback_lookup.html", ctx)?, &cookies)))
}

/// What the lookup page shows of an item (no contact: the rating and
/// reopening forms carry the lookup's ticket); `comment` is a refused
/// reopening's text, shown again.
pub(crate) fn found_view(v: &danvan_store::LookupView, comment: &str) -> Value {
    context! {
        code => &v.code,
        title => &v.title,
        category => &v.category,
        status => status_label(&v.status),
        received_at => danvan_domain::time::vietnam_display(v.received_at),
        deadline => v.deadline_at.map(deadline_words),
        answer => &v.answer,
        answered_at => v.answered_at.map(danvan_domain::time::vietnam_display),
        duplicate => v.duplicate,
        rating => v.rating,
        can_rate => v.can_rate,
        can_reopen => v.can_reopen,
        ticket => &v.ticket,
        comment => comment,
    }
}

async fn lookup_page(State(state): State<SharedState>, visitor: Visitor) -> AppResult<Response> {
    render_lookup(&state, &visitor, "", None, None, problems(&[]), StatusCode::OK).await
}

async fn lookup(State(state): State<SharedState>, visitor: Visitor, axum::Form(pairs): axum::Form<Vec<(String, String)>>) -> AppResult<Response> {
    let f = FormFields(pairs);
    csrf::check_visitor(&visitor, f.get("csrf"))?;
    let code = f.text("code").trim().to_owned();
    let contact = f.text("contact");
    let mut missing = Vec::new();
    if code.is_empty() {
        missing.push(("code", "fbweb.lookup.code_required"));
    }
    if contact.trim().is_empty() {
        missing.push(("contact", "fbweb.lookup.contact_required"));
    }
    if !missing.is_empty() {
        return render_lookup(&state, &visitor, &code, None, None, problems(&missing), StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let source = address_hash(&state, &visitor.addr).await?;
    // the contact typed is never shown again, not even on this page
    match state.store.feedback().lookup(&code, &contact, &source, danvan_store::now()).await {
        Ok(Some(v)) => render_lookup(&state, &visitor, "", Some(found_view(&v, "")), None, problems(&[]), StatusCode::OK).await,
        // one message whichever part is wrong (the code, the contact, or both)
        Ok(None) => render_lookup(&state, &visitor, &code, None, Some(t("fbweb.lookup.not_found", Lang::Vi)), problems(&[]), StatusCode::OK).await,
        Err(StoreError::Rule(ErrorCode::RateLimited)) => Err(AppError::with_message(ErrorCode::RateLimited, t("fbweb.lookup.rate_limited", Lang::Vi))),
        Err(e) => Err(e.into()),
    }
}
