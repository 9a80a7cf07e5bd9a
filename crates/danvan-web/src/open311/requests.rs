//! Requests: the list and its filters, one request, a token, and the POST
//! that receives an item on the Open311 channel.

use super::{Doc, Format, Node, answer, bad_param, error, find_service, internal, not_found, split_file, when};
use crate::SharedState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use danvan_domain::feedback::open311::{DateRange, MAX_DESCRIPTION_CHARS, MAX_REQUESTS, TITLE_ATTRIBUTE, check_location, cut_chars, public_status, statuses_of, title_from};
use danvan_domain::feedback::{DeadlineRule, NewItem, check_new_item};
use danvan_domain::messages::{Lang, format, t};
use danvan_store::{CategoryView, Open311Sent, RequestFilter, RequestView, StoreError};
use std::collections::HashMap;

/// The longest `media_url`, in characters.
const MAX_MEDIA_URL_CHARS: usize = 2000;

/// The first value of parameter `name`, trimmed; `None` when missing or
/// empty.
fn param<'p>(q: &'p [(String, String)], name: &str) -> Option<&'p str> {
    q.iter().find(|(k, _)| k == name).map(|(_, v)| v.trim()).filter(|v| !v.is_empty())
}

fn request_node(r: &RequestView, rules: &HashMap<i32, DeadlineRule>) -> Node {
    let p = &r.public;
    Node::Obj(vec![
        ("service_request_id", Node::s(r.id.to_string())),
        ("status", Node::s(public_status(r.status))),
        ("status_notes", Node::opt(p.status_notes.clone())),
        ("service_name", Node::s(&r.category)),
        ("service_code", Node::s(r.category_id.to_string())),
        ("description", Node::opt(p.description.as_deref().map(|d| cut_chars(d, MAX_DESCRIPTION_CHARS)))),
        ("agency_responsible", Node::opt(r.unit.clone())),
        ("service_notice", Node::opt(rules.get(&r.category_id).map(crate::feedback::rule_words))),
        ("requested_datetime", when(r.received_at)),
        ("updated_datetime", when(r.updated_at)),
        ("expected_datetime", r.deadline_at.map_or(Node::Null, when)),
        ("address", Node::opt(p.address.clone())),
        ("address_id", Node::opt(p.address_id.clone())),
        ("zipcode", Node::Null),
        ("lat", p.lat.map_or(Node::Null, Node::Num)),
        ("long", p.long.map_or(Node::Null, Node::Num)),
        ("media_url", Node::Null),
    ])
}

fn requests_doc(rows: &[RequestView], categories: &[CategoryView]) -> Doc {
    let rules: HashMap<i32, DeadlineRule> = categories.iter().map(|c| (c.id, c.rule)).collect();
    Doc { root: "service_requests", body: Node::List("request", rows.iter().map(|r| request_node(r, &rules)).collect()) }
}

/// `GET /open311/v2/requests.{xml|json}`.
pub(super) async fn list(state: &SharedState, f: Format, q: &[(String, String)]) -> Response {
    let categories = match state.store.feedback().categories(false).await {
        Ok(c) => c,
        Err(e) => return internal(f, e),
    };
    let now = danvan_store::now();
    let range = match DateRange::of(param(q, "start_date"), param(q, "end_date"), now) {
        Ok(r) => r,
        Err((p, key)) => return bad_param(f, p, key),
    };
    let mut filter = RequestFilter { ids: Vec::new(), category_id: None, from: range.from, until: range.until, statuses: Vec::new(), limit: MAX_REQUESTS };
    if let Some(ids) = param(q, "service_request_id") {
        for id in ids.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            match id.parse::<i32>() {
                Ok(n) if n > 0 => filter.ids.push(n),
                _ => return bad_param(f, "service_request_id", "open311.error.request_ids"),
            }
        }
        if filter.ids.len() as u64 > MAX_REQUESTS {
            return bad_param(f, "service_request_id", "open311.error.request_ids");
        }
    }
    if let Some(code) = param(q, "service_code") {
        match find_service(&categories, code) {
            Some(c) => filter.category_id = Some(c.id),
            None => return not_found(f, "service_code", code, "open311.error.service_unknown"),
        }
    }
    if let Some(words) = param(q, "status") {
        for w in words.split(',').filter(|w| !w.trim().is_empty()) {
            match statuses_of(w) {
                Some(s) => filter.statuses.extend_from_slice(s),
                None => return bad_param(f, "status", "open311.error.status"),
            }
        }
    }
    match state.store.open311().requests(&filter).await {
        Ok(rows) => answer(f, &requests_doc(&rows, &categories)),
        Err(e) => internal(f, e),
    }
}

/// The request whose id is the stem of `file`, or the error answer.
async fn request_of(state: &SharedState, file: &str, param: &str, missing: &str) -> Result<(RequestView, Format), Response> {
    let Some((id, f)) = split_file(file) else {
        return Err(not_found(super::format_of_path(file), "path", file, "open311.error.unknown_path"));
    };
    let found = match id.parse::<i32>() {
        Ok(n) if n > 0 => state.store.open311().request(n).await.map_err(|e| internal(f, e))?,
        _ => None,
    };
    found.map(|r| (r, f)).ok_or_else(|| not_found(f, param, id, missing))
}

/// `GET /open311/v2/requests/{id}.{xml|json}`: a list of one.
pub(crate) async fn one(State(state): State<SharedState>, Path(file): Path<String>) -> Response {
    let (r, f) = match request_of(&state, &file, "service_request_id", "open311.error.request_unknown").await {
        Ok(found) => found,
        Err(answer) => return answer,
    };
    match state.store.feedback().categories(false).await {
        Ok(categories) => answer(f, &requests_doc(std::slice::from_ref(&r), &categories)),
        Err(e) => internal(f, e),
    }
}

/// `GET /open311/v2/tokens/{token}.{xml|json}`: a request's token is its
/// id (given at once by the POST).
pub(crate) async fn token(State(state): State<SharedState>, Path(file): Path<String>) -> Response {
    match request_of(&state, &file, "token_id", "open311.error.token_unknown").await {
        Ok((r, f)) => {
            let id = Node::s(r.id.to_string());
            answer(f, &Doc { root: "service_requests", body: Node::List("request", vec![Node::Obj(vec![("service_request_id", id.clone()), ("token", id)])]) })
        }
        Err(answer) => answer,
    }
}

/// The parameter a field of `check_new_item` came from.
fn param_of(field: &str) -> &'static str {
    match field {
        "category_id" => "service_code",
        "title" => "attribute[title]",
        "content" => "description",
        "place" => "address_string",
        "name" => "first_name",
        "phone" => "phone",
        "email" => "email",
        _ => "phone, email",
    }
}

/// 400 for a refused field of the item, its message in English.
fn bad_field(f: Format, field: &str, code: &str) -> Response {
    let description = format("open311.error.field", Lang::En, &[("param", &param_of(field)), ("message", &t(code, Lang::En))]);
    error(f, StatusCode::BAD_REQUEST, &description)
}

/// `POST /open311/v2/requests.{xml|json}`: the parameters of the form
/// (or, as some clients send them, of the query; the form's first).
pub(crate) async fn post_requests(
    State(state): State<SharedState>,
    Path(file): Path<String>,
    Query(query): Query<Vec<(String, String)>>,
    axum::Form(form): axum::Form<Vec<(String, String)>>,
) -> Response {
    let f = match split_file(&file) {
        Some(("requests", f)) => f,
        _ => return error(super::format_of_path(&file), StatusCode::METHOD_NOT_ALLOWED, t("open311.error.method", Lang::En)),
    };
    let q: Vec<(String, String)> = form.into_iter().chain(query).collect();
    // the key first: without one, nothing else is looked at
    let key = match state.store.open311().key(param(&q, "api_key").unwrap_or("")).await {
        Ok(Some(k)) => k,
        Ok(None) => return error(f, StatusCode::FORBIDDEN, t("open311.error.api_key", Lang::En)),
        Err(e) => return internal(f, e),
    };
    let Some(code) = param(&q, "service_code") else { return bad_param(f, "service_code", "open311.error.required") };
    let categories = match state.store.feedback().categories(true).await {
        Ok(c) => c,
        Err(e) => return internal(f, e),
    };
    let Some(category) = find_service(&categories, code) else { return not_found(f, "service_code", code, "open311.error.service_unknown") };
    for (k, _) in &q {
        if let Some(attr) = k.strip_prefix("attribute[").and_then(|a| a.strip_suffix(']'))
            && attr != TITLE_ATTRIBUTE
        {
            return bad_param(f, k, "open311.error.attribute_unknown");
        }
    }
    let address = param(&q, "address_string").unwrap_or("");
    let location = match check_location(param(&q, "lat"), param(&q, "long"), address, param(&q, "address_id").unwrap_or("")) {
        Ok(l) => l,
        Err((p, key)) => return bad_param(f, p, key),
    };
    let Some(description) = param(&q, "description") else { return bad_param(f, "description", "open311.error.required") };
    let media_url = param(&q, "media_url").unwrap_or("");
    if !media_url.is_empty() && (!(media_url.starts_with("https://") || media_url.starts_with("http://")) || media_url.chars().count() > MAX_MEDIA_URL_CHARS) {
        return bad_param(f, "media_url", "open311.error.media_url");
    }
    let name = format!("{} {}", param(&q, "last_name").unwrap_or(""), param(&q, "first_name").unwrap_or(""));
    let item = NewItem {
        category_id: Some(category.id),
        title: param(&q, &format!("attribute[{TITLE_ATTRIBUTE}]")).map_or_else(|| title_from(description), str::to_owned),
        content: description.to_owned(),
        place: location.address.clone(),
        name: name.trim().to_owned(),
        phone: param(&q, "phone").unwrap_or("").to_owned(),
        email: param(&q, "email").unwrap_or("").to_owned(),
        // the key holder's app asked for it: a key is issued on that condition
        consent: true,
    };
    if let Some((field, code)) = check_new_item(&item, false).into_iter().next() {
        return bad_field(f, field, code);
    }
    let sent = Open311Sent { key_id: key.id, key_name: key.name, lat: location.lat, long: location.long, address_id: location.address_id, media_url: media_url.to_owned() };
    let calendar = match state.store.calendar().working_calendar(&state.config.holiday_rules).await {
        Ok(c) => c,
        Err(e) => return internal(f, e),
    };
    match state.store.feedback().submit_open311(&item, &sent, &calendar, danvan_store::now()).await {
        Ok(sub) => {
            let notice = format(
                "open311.service_notice",
                Lang::Vi,
                &[("code", &sub.code), ("url", &format!("{}/phan-anh/tra-cuu", state.config.base_url)), ("rule", &crate::feedback::rule_words(&category.rule))],
            );
            let row = Node::Obj(vec![("service_request_id", Node::s(sub.id.to_string())), ("service_notice", Node::s(notice)), ("account_id", Node::Null)]);
            answer(f, &Doc { root: "service_requests", body: Node::List("request", vec![row]) })
        }
        Err(StoreError::Field { code: "feedback.contact_rate_limited", .. }) => error(f, StatusCode::TOO_MANY_REQUESTS, t("open311.error.rate_limited", Lang::En)),
        Err(StoreError::Field { field, code }) => bad_field(f, field, code),
        Err(e) => internal(f, e),
    }
}
