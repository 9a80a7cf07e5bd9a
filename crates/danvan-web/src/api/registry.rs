//! `/api/v1/registry/…`: the public records and the statistics.

use crate::{AppError, AppResult, SharedState};
use axum::Json;
use axum::extract::{Query, State};
use danvan_domain::ErrorCode;
use danvan_domain::messages::{Lang, t};
use danvan_domain::registry::stats::{Counts, scope_phrase, summary};
use danvan_domain::registry::{Field, Period};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// An error answer.
#[derive(Serialize, ToSchema)]
pub struct ErrorJson {
    /// A stable code, e.g. `page.not_found`.
    pub code: String,
    /// The message in Vietnamese.
    pub message: String,
}

/// One public record (an approved record its unit made public). Never
/// carries a person's name or position.
#[derive(Serialize, ToSchema)]
pub struct ModelJson {
    pub id: i32,
    /// The unit's own code.
    pub code: String,
    pub name: String,
    /// `model` or `exemplar`.
    pub kind: String,
    /// `collective` or `individual`.
    pub holder: String,
    /// `economy`, `culture_society`, `defence_security` or `political_system`.
    pub field: String,
    pub unit_id: i32,
    /// `2023` or `2021-2025`.
    pub period: String,
    /// `registered`, `launched`, `operating`, `replicated`, `consolidating`, `converted` or `discontinued`.
    pub status: String,
    /// Its public page.
    pub url: String,
}

/// A page of public records.
#[derive(Serialize, ToSchema)]
pub struct ModelsPage {
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
    pub items: Vec<ModelJson>,
}

/// Filters of the list.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ModelsQuery {
    /// `economy`, `culture_society`, `defence_security` or `political_system`.
    #[param(pattern = "^(economy|culture_society|defence_security|political_system)?$")]
    pub field: Option<String>,
    /// A year (`2023`) or a phase (`2021-2025`): records whose period overlaps it.
    pub period: Option<String>,
    /// A unit's id: it and its subtree.
    pub unit: Option<i32>,
    /// The page, from 1.
    #[param(minimum = 1, maximum = 100000)]
    pub page: Option<u64>,
}

const PER_PAGE: u64 = 50;

fn bad(code: ErrorCode) -> AppError {
    AppError::new(code)
}

/// A query value that is not valid: 400 `request.bad` with the message of
/// `key`, which says what the parameter takes.
fn bad_param(key: &'static str) -> AppError {
    AppError::with_message(ErrorCode::BadRequest, danvan_domain::t(key, Lang::Vi))
}

/// The public records, newest first, 50 a page.
#[utoipa::path(
    get,
    path = "/api/v1/registry/models",
    tag = "registry",
    params(ModelsQuery),
    responses(
        (status = 200, description = "A page of public records", body = ModelsPage),
        (status = 400, description = "A filter that is not valid", body = ErrorJson)
    )
)]
pub async fn models(State(state): State<SharedState>, Query(q): Query<ModelsQuery>) -> AppResult<Json<ModelsPage>> {
    let field = q.field.as_deref().filter(|s| !s.is_empty()).map(|f| Field::from_code(f).ok_or_else(|| bad_param("api.field_invalid"))).transpose()?;
    let period = q.period.as_deref().filter(|s| !s.is_empty()).map(|p| Period::parse(p).ok_or_else(|| bad_param("api.period_invalid"))).transpose()?;
    let page = q.page.unwrap_or(1);
    if !(1..=100_000).contains(&page) {
        return Err(bad_param("api.page_invalid"));
    }
    let filter = danvan_store::RecordFilter { field, status: None, period, unit: q.unit };
    let (rows, total) = state.store.registry().public_records(&filter, page, PER_PAGE).await?;
    let base = &state.config.base_url;
    let items = rows
        .into_iter()
        .map(|r| ModelJson {
            url: format!("{base}/dan-van-kheo/{}", r.id),
            id: r.id,
            code: r.code,
            name: r.name,
            kind: r.kind,
            holder: r.holder,
            field: r.field,
            unit_id: r.unit_id,
            period: r.period,
            status: r.status,
        })
        .collect();
    Ok(Json(ModelsPage { total, page, per_page: PER_PAGE, items }))
}

/// The counts of one set of records.
#[derive(Serialize, ToSchema)]
pub struct CountsJson {
    pub registered: u64,
    pub launched: u64,
    pub evaluated: u64,
    /// Recognised: evaluated effective or outstanding.
    pub effective: u64,
    pub outstanding: u64,
    pub replicated: u64,
    pub proposed: u64,
    pub commended: u64,
}

impl From<&Counts> for CountsJson {
    fn from(c: &Counts) -> Self {
        CountsJson {
            registered: c.registered,
            launched: c.launched,
            evaluated: c.evaluated,
            effective: c.effective,
            outstanding: c.outstanding,
            replicated: c.replicated,
            proposed: c.proposed,
            commended: c.commended,
        }
    }
}

/// The counts of one field.
#[derive(Serialize, ToSchema)]
pub struct FieldCountsJson {
    /// The field's code.
    pub field: String,
    /// Its Vietnamese name.
    pub name: String,
    pub counts: CountsJson,
    /// Registered in the previous period of the same length.
    pub previous_registered: u64,
}

/// The statistics of a period.
#[derive(Serialize, ToSchema)]
pub struct StatisticsJson {
    /// `2023` or `2021-2025`.
    pub period: String,
    pub unit: Option<i32>,
    pub total: CountsJson,
    pub by_field: Vec<FieldCountsJson>,
    /// The summary paragraph in Vietnamese, as reports write it.
    pub summary: String,
}

/// Filters of the statistics.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatisticsQuery {
    /// A year (`2023`) or a phase (`2021-2025`); default: this year.
    pub period: Option<String>,
    /// A unit's id: it and its subtree; default: the whole site.
    pub unit: Option<i32>,
}

/// The statistics of a period for a unit and its subtree.
#[utoipa::path(
    get,
    path = "/api/v1/registry/statistics",
    tag = "registry",
    params(StatisticsQuery),
    responses(
        (status = 200, description = "The period's figures", body = StatisticsJson),
        (status = 400, description = "A period that is not valid", body = ErrorJson),
        (status = 404, description = "No such unit", body = ErrorJson)
    )
)]
pub async fn statistics(State(state): State<SharedState>, Query(q): Query<StatisticsQuery>) -> AppResult<Json<StatisticsJson>> {
    let period = match q.period.as_deref().filter(|s| !s.is_empty()) {
        None => Period::year(chrono::Datelike::year(&danvan_domain::time::vietnam_today())),
        Some(p) => Period::parse(p).ok_or_else(|| bad_param("api.period_invalid"))?,
    };
    let units = state.store.units().org_units().await?;
    let chosen = match q.unit {
        None => None,
        Some(id) => Some(units.iter().find(|u| u.id == id).ok_or_else(|| bad(ErrorCode::PageNotFound))?),
    };
    let scope_unit = chosen.or_else(|| units.iter().find(|u| u.parent_id.is_none()));
    let scope = scope_unit.map(|u| scope_phrase(&u.level, &u.name, Lang::Vi)).unwrap_or_default();
    let b = state.store.registry().statistics(period, q.unit).await?;
    let before = state.store.registry().statistics(period.previous(), q.unit).await?;
    let by_field = Field::ALL
        .iter()
        .map(|f| FieldCountsJson {
            field: f.code().to_owned(),
            name: t(f.message_key(), Lang::Vi).to_owned(),
            counts: (&b.by_field[f.index()]).into(),
            previous_registered: before.by_field[f.index()].registered,
        })
        .collect();
    Ok(Json(StatisticsJson {
        period: period.to_string(),
        unit: q.unit,
        total: (&b.total).into(),
        by_field,
        summary: summary(&period, &scope, &b, Some(&before), Lang::Vi),
    }))
}
