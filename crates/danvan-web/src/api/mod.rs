//! The JSON API under `/api/v1`, described by an OpenAPI 3.1 document at
//! `/api/v1/openapi.json` (generated with utoipa from the handlers and
//! types below, so it cannot drift from them). Public and read-only: the
//! registry's approved public records (never personal data) and the
//! statistics of a period. Errors are the site's JSON errors (`code`,
//! `message`).

mod registry;

use crate::SharedState;
use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use utoipa::OpenApi;

/// The OpenAPI document's source.
#[derive(OpenApi)]
#[openapi(
    info(title = "danvan API", description = "Cổng thông tin công tác dân vận: dữ liệu công khai / the mass-mobilization portal's public data", version = "1"),
    paths(registry::models, registry::statistics),
    components(schemas(registry::ModelsPage, registry::ModelJson, registry::StatisticsJson, registry::CountsJson, registry::FieldCountsJson, registry::ErrorJson)),
    tags((name = "registry", description = "“Dân vận khéo” models and exemplars"))
)]
pub struct ApiDoc;

/// The OpenAPI document as pretty JSON (what `/api/v1/openapi.json` serves).
pub fn openapi_json() -> String {
    ApiDoc::openapi().to_pretty_json().unwrap_or_else(|_| "{}".to_owned())
}

async fn openapi() -> Response {
    let mut r = openapi_json().into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    r
}

pub(crate) fn router() -> Router<SharedState> {
    Router::new()
        .route("/api/v1/openapi.json", get(openapi))
        .route("/api/v1/registry/models", get(registry::models))
        .route("/api/v1/registry/statistics", get(registry::statistics))
}
