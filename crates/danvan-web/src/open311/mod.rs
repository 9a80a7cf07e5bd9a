//! Open311 GeoReport v2 under `/open311/v2/`, as the specification on
//! the Open311 wiki defines it, in XML (required) and JSON:
//!
//! * `discovery.{xml,json}`: the endpoint, its formats and how to get a key;
//! * `services.{xml,json}`: every active feedback category is a service
//!   (`service_code` its id, `type` `realtime`, `metadata` true: each has
//!   the `title` attribute), `services/{code}.{xml,json}` its definition;
//! * `requests.{xml,json}`: GET lists requests (filters
//!   `service_request_id`, `service_code`, `start_date`, `end_date`,
//!   `status`; by default the last 90 days, at most 1 000, newest first);
//!   POST (form-encoded, `api_key` required: missing, unknown or revoked →
//!   403) receives an item on the Open311 channel, committed before the
//!   answer `[{service_request_id, service_notice, account_id}]`;
//! * `requests/{id}.{xml,json}`: one request, a list of one in JSON too;
//! * `tokens/{token}.{xml,json}`: the id is given at once, so a request's
//!   token is its id and this answers `[{service_request_id, token}]`.
//!
//! `jurisdiction_id` is accepted and ignored (one jurisdiction per site).
//! Errors are a list of `{code, description}` (the code is the HTTP
//! status: 400 a parameter missing or not valid, named in the
//! description; 403 the key; 404 an unknown service, request or path;
//! 429 a phone or e-mail over its hourly limit), in the format the path
//! asks for (XML unless it ends in `.json`), descriptions in English from
//! the catalogue (the specification's readers are developers).
//!
//! `service_request_id` is the item's number, not its tracking code: the
//! request list is public, and the code is half of the secret pair (code
//! plus phone or e-mail) that opens the item on `/phan-anh/tra-cuu`; only
//! the POST's answer, to the client that sent the item, carries the code
//! (in `service_notice`, for the reporter to follow the item on the web).
//!
//! No answer ever carries personal data: never a name, phone, e-mail,
//! `device_id` or `account_id` (not even stored: `account_id` answers
//! `null`); what the reporter wrote (description, address, location,
//! the answer as `status_notes`) only once staff have published the item
//! (the store's `public_fields`). Datetimes are Vietnam's, `+07:00`.

mod doc;
mod requests;
mod services;

use crate::SharedState;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use danvan_domain::messages::{Lang, format, t};
pub(crate) use doc::{Doc, Node};

/// Where the interface lives.
pub const BASE_PATH: &str = "/open311/v2";

pub(crate) fn router() -> Router<SharedState> {
    Router::new()
        .route("/open311/v2/{file}", get(top).post(requests::post_requests))
        .route("/open311/v2/services/{file}", get(services::definition))
        .route("/open311/v2/requests/{file}", get(requests::one))
        .route("/open311/v2/tokens/{file}", get(requests::token))
}

/// `GET /open311/v2/{discovery|services|requests}.{xml|json}`.
async fn top(State(state): State<SharedState>, Path(file): Path<String>, Query(q): Query<Vec<(String, String)>>) -> Response {
    match split_file(&file) {
        Some(("discovery", f)) => services::discovery(&state, f).await,
        Some(("services", f)) => services::services(&state, f).await,
        Some(("requests", f)) => requests::list(&state, f, &q).await,
        _ => not_found(format_of_path(&file), "path", &file, "open311.error.unknown_path"),
    }
}

/// The active category whose `service_code` is `code` (its id).
pub(crate) fn find_service<'c>(categories: &'c [danvan_store::CategoryView], code: &str) -> Option<&'c danvan_store::CategoryView> {
    let id: i32 = code.trim().parse().ok()?;
    categories.iter().find(|c| c.id == id)
}

/// A datetime as GeoReport writes it, Vietnam's time, `+07:00`.
pub(crate) fn when(t: chrono::DateTime<chrono::Utc>) -> Node {
    Node::s(danvan_domain::feedback::open311::iso(t))
}

/// The format an answer is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Xml,
    Json,
}

/// `name.xml` or `name.json` → `(name, format)`; `None` otherwise.
pub(crate) fn split_file(file: &str) -> Option<(&str, Format)> {
    let (stem, ext) = file.rsplit_once('.')?;
    let format = match ext {
        "xml" => Format::Xml,
        "json" => Format::Json,
        _ => return None,
    };
    (!stem.is_empty()).then_some((stem, format))
}

/// The format a path asks for: JSON when it ends in `.json`, else XML
/// (the specification's required format).
pub(crate) fn format_of_path(path: &str) -> Format {
    if path.ends_with(".json") { Format::Json } else { Format::Xml }
}

/// `doc` in `format`, with status 200.
pub(crate) fn answer(f: Format, doc: &Doc) -> Response {
    respond(StatusCode::OK, f, doc)
}

fn respond(status: StatusCode, f: Format, doc: &Doc) -> Response {
    let (body, ct) = match f {
        Format::Json => (doc.json(), "application/json; charset=utf-8"),
        Format::Xml => (doc.xml(), "text/xml; charset=utf-8"),
    };
    let mut r = (status, body).into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(ct));
    r
}

/// An error answer: `[{code, description}]` with `status` (its number is
/// the code).
pub(crate) fn error(f: Format, status: StatusCode, description: &str) -> Response {
    let doc = Doc {
        root: "errors",
        body: Node::List("error", vec![Node::Obj(vec![("code", Node::Int(i64::from(status.as_u16()))), ("description", Node::s(description))])]),
    };
    let mut r = respond(status, f, &doc);
    if status == StatusCode::TOO_MANY_REQUESTS {
        r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("3600"));
    }
    r
}

/// 400: `param` is missing or not valid, as the catalogue's `key` (with
/// `{param}`) says.
pub(crate) fn bad_param(f: Format, param: &str, key: &str) -> Response {
    error(f, StatusCode::BAD_REQUEST, &format(key, Lang::En, &[("param", &param)]))
}

/// 404 with the catalogue's `key`, `{param}` and `{value}` filled.
pub(crate) fn not_found(f: Format, param: &str, value: &str, key: &str) -> Response {
    error(f, StatusCode::NOT_FOUND, &format(key, Lang::En, &[("param", &param), ("value", &value)]))
}

/// A 500: logged with its detail, answered with a reference only.
pub(crate) fn internal(f: Format, detail: impl std::fmt::Display) -> Response {
    let reference = crate::security::request_reference();
    tracing::error!(reference = %reference, detail = %detail, "open311 request failed");
    error(f, StatusCode::INTERNAL_SERVER_ERROR, &format("open311.error.internal", Lang::En, &[("reference", &reference)]))
}

/// The answer for an error that came from outside the handlers (a path
/// with no endpoint, a method not allowed, a body that does not parse, a
/// control character refused at the door): the Open311 error list in the
/// path's format, keeping the status; `message` (already translated) when
/// the refusal had one of its own.
pub(crate) fn outer_error(path: &str, status: StatusCode, code: danvan_domain::ErrorCode, message: Option<&str>) -> Response {
    let f = format_of_path(path);
    let description = match status {
        StatusCode::NOT_FOUND => t("open311.error.no_endpoint", Lang::En).to_owned(),
        StatusCode::METHOD_NOT_ALLOWED => t("open311.error.method", Lang::En).to_owned(),
        StatusCode::PAYLOAD_TOO_LARGE => t("open311.error.too_large", Lang::En).to_owned(),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => t("open311.error.form", Lang::En).to_owned(),
        StatusCode::INTERNAL_SERVER_ERROR => return internal(f, code),
        _ => message.map(str::to_owned).unwrap_or_else(|| t(code.as_str(), Lang::En).to_owned()),
    };
    error(f, status, &description)
}
