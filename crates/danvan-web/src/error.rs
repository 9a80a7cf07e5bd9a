//! One error type for every handler. A user sees a calm page (or JSON) with
//! a translated message; internal details are logged with a reference, never
//! shown.

use crate::SharedState;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use danvan_domain::ErrorCode;
use danvan_domain::messages::{Lang, t};

/// An error a handler returns.
#[derive(Debug)]
pub struct AppError {
    pub code: ErrorCode,
    /// Logged, never shown.
    pub detail: Option<String>,
    /// The message shown instead of the code's own (already translated),
    /// e.g. the field message of a refused form field.
    pub message: Option<String>,
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    pub fn new(code: ErrorCode) -> AppError {
        AppError { code, detail: None, message: None }
    }
    /// A refusal shown with its own message (already translated).
    pub fn with_message(code: ErrorCode, message: impl Into<String>) -> AppError {
        AppError { code, detail: None, message: Some(message.into()) }
    }
    pub fn not_found() -> AppError {
        AppError::new(ErrorCode::PageNotFound)
    }
    pub fn internal(detail: impl std::fmt::Display) -> AppError {
        AppError { code: ErrorCode::Internal, detail: Some(detail.to_string()), message: None }
    }
}

/// Store refusals keep their codes and 4xx statuses on every path: a rule's
/// code as it is, a refused field as `field.invalid` (422) with the field's
/// message, a refused workflow step as `field.invalid` (422) with the step's
/// message. Only database failures become 500s.
impl From<danvan_store::StoreError> for AppError {
    fn from(e: danvan_store::StoreError) -> Self {
        use danvan_store::StoreError;
        match e {
            StoreError::Rule(code) => AppError::new(code),
            StoreError::Field { field, code } => AppError {
                code: ErrorCode::FieldInvalid,
                detail: Some(format!("{field}: {code}")),
                message: Some(t(code, Lang::Vi).to_owned()),
            },
            StoreError::Workflow(w) => AppError::with_message(ErrorCode::FieldInvalid, workflow_message(&w)),
            StoreError::Items { field, problems } => AppError {
                code: ErrorCode::FieldInvalid,
                detail: Some(format!("{field}: {} items refused", problems.len())),
                message: Some(items_message(&problems)),
            },
            StoreError::UnknownCategory(_) => AppError::new(ErrorCode::BadRequest),
            other @ (StoreError::Db(_) | StoreError::UnsupportedUrl | StoreError::Search(_) | StoreError::Damaged { .. } | StoreError::Backup(_) | StoreError::Unreachable(_)) => AppError::internal(other),
        }
    }
}

/// The message of refused items of a list field: the field's line, then
/// "«item»: why" for each, one per line.
pub(crate) fn items_message(problems: &[danvan_domain::registry::links::RefProblem]) -> String {
    let mut lines = vec![t("registry.link.invalid", Lang::Vi).to_owned()];
    lines.extend(problems.iter().map(item_message));
    lines.join("\n")
}

/// "«item»: why" for one refused item.
pub(crate) fn item_message(p: &danvan_domain::registry::links::RefProblem) -> String {
    danvan_domain::messages::format("registry.link.problem", Lang::Vi, &[("item", &p.item), ("reason", &t(p.code, Lang::Vi))])
}

/// The message of a refused workflow step (with its count when it has one).
pub(crate) fn workflow_message(w: &danvan_domain::editorial::WorkflowError) -> String {
    match w {
        danvan_domain::editorial::WorkflowError::MissingAltText(n) => danvan_domain::messages::format(w.code(), Lang::Vi, &[("count", n)]),
        _ => t(w.code(), Lang::Vi).to_owned(),
    }
}

impl From<minijinja::Error> for AppError {
    fn from(e: minijinja::Error) -> Self {
        AppError::internal(format!("template: {e:#}"))
    }
}

/// Marker left on an error response for [`render_errors`] to fill in.
#[derive(Clone, Debug)]
pub(crate) struct ErrorMarker(pub ErrorCode, pub Option<std::sync::Arc<str>>);

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if self.code == ErrorCode::Internal {
            tracing::error!(code = self.code.as_str(), detail = self.detail.as_deref().unwrap_or(""), "request failed");
        }
        let status = StatusCode::from_u16(self.code.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut r = (status, self.code.as_str()).into_response();
        if self.code == ErrorCode::RateLimited {
            // RFC 9110 §10.2.3: when to try again (the limiter's window).
            r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
        }
        r.extensions_mut().insert(ErrorMarker(self.code, self.message.map(Into::into)));
        r
    }
}

/// Replaces the body of error responses with the error page (HTML), under
/// `/api/` with the JSON error `{"code", "message"}`, under `/open311/v2/`
/// with Open311's error list, keeping the status. JSON answers (already complete) pass through.
pub(crate) async fn render_errors(State(state): State<SharedState>, req: Request, next: Next) -> Response {
    let prefs = crate::kit::visitor::Prefs::from_headers(req.headers());
    let path = req.uri().path().to_owned();
    let response = next.run(req).await;
    let (code, message) = match response.extensions().get::<ErrorMarker>().cloned() {
        Some(ErrorMarker(code, message)) => (code, message),
        // axum's own rejections (a path that is not UTF-8, a body of the
        // wrong type, a form that does not parse) answer in plain English
        // text: show our page instead, keeping the status.
        None if is_plain_rejection(&response) => match response.status() {
            StatusCode::NOT_FOUND => (ErrorCode::PageNotFound, None),
            _ => (ErrorCode::BadRequest, None),
        },
        None => return response,
    };
    let status = response.status();
    // a rate limit's Retry-After survives the page drawn for it
    let retry_after = response.headers().get(header::RETRY_AFTER).cloned();
    let keep = |mut r: Response| {
        if let Some(v) = &retry_after {
            r.headers_mut().insert(header::RETRY_AFTER, v.clone());
        }
        r
    };
    // Open311 answers its errors as the specification does, in the path's format
    if path.starts_with(crate::open311::BASE_PATH) {
        return keep(crate::open311::outer_error(&path, status, code, message.as_deref()));
    }
    // the JSON API answers its errors in JSON: {"code", "message"}
    if path.starts_with("/api/") {
        let text = message.as_deref().map(str::to_owned).unwrap_or_else(|| t(code.as_str(), Lang::Vi).to_owned());
        let body = serde_json::json!({ "code": code.as_str(), "message": text }).to_string();
        let mut r = (status, body).into_response();
        r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
        return keep(r);
    }
    let reference = crate::security::request_reference();
    if code == ErrorCode::Internal {
        tracing::error!(reference = %reference, path = %path, "internal error page shown");
    }
    match crate::portal::render_error_page(&state, code, message.as_deref(), &prefs, &reference).await {
        Ok(html) => {
            let mut r = (status, html).into_response();
            r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
            keep(r)
        }
        Err(e) => {
            tracing::error!(error = ?e.detail, "error page failed to render");
            (status, format!("{} / {}", t("internal_title", Lang::Vi), t("internal_title", Lang::En))).into_response()
        }
    }
}

/// A 4xx answer with a plain-text or empty body (405 has none) that none of
/// our handlers made.
fn is_plain_rejection(r: &Response) -> bool {
    r.status().is_client_error()
        && r.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_none_or(|ct| ct.starts_with("text/plain"))
}

/// A panic in a handler becomes a 500 whose page is drawn by
/// [`render_errors`]; the panic message is logged.
pub(crate) fn panic_response(err: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let msg = err
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| err.downcast_ref::<&str>().copied())
        .unwrap_or("panic");
    AppError::internal(format!("panic: {msg}")).into_response()
}
