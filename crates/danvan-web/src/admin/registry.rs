//! The "Dân vận khéo" registry in the back office, `/quan-tri/dan-van-kheo`:
//! the list of the records one may see (filters by field, status, period,
//! unit; export of the period's statistics as XLSX or DOCX), registering a
//! record, and a record's page with its evaluations, copies, history and
//! the evaluation form. Every rule is the store's and the domain's; every
//! form works without JavaScript.

use super::{Staff, form_error, page, staff_context};
use crate::SharedState;
use crate::error::{AppError, AppResult};
use crate::kit::csrf;
use crate::kit::form::FormFields;
use crate::kit::visitor::Visitor;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use danvan_domain::ErrorCode;
use danvan_domain::editorial::{Action, Permissions};
use danvan_domain::messages::{Lang, t};
use danvan_domain::registry::{Effectiveness, Field, Holder, ModelKind, NewRecord, Period, REGISTRATION_PARTS, Status};
use danvan_store::{Actor, RecordFilter};
use minijinja::{Value, context};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

const PER_PAGE: u64 = 30;

pub(super) fn router() -> Router<SharedState> {
    Router::new()
        .route("/quan-tri/dan-van-kheo", get(list))
        .route("/quan-tri/dan-van-kheo/xuat", get(export))
        .route("/quan-tri/dan-van-kheo/xuat-danh-sach", get(export_list))
        .route("/quan-tri/dan-van-kheo/{id}", get(show))
        .route("/quan-tri/dan-van-kheo/{id}/danh-gia", post(evaluate))
        .route("/quan-tri/dan-van-kheo/{id}/duyet", post(approve))
        .route("/quan-tri/dan-van-kheo/{id}/trang-thai", post(move_to))
        .route("/quan-tri/dan-van-kheo/{id}/khen-thuong", post(commend))
        .route("/quan-tri/dan-van-kheo/{id}/nhan-rong", post(replicate))
        .route("/quan-tri/dan-van-kheo/{id}/chuyen-doi", post(convert))
}

#[derive(Serialize)]
pub(super) struct Choice {
    pub(super) value: String,
    pub(super) label: String,
}

pub(super) fn choices<T: Copy>(all: &[T], code: impl Fn(T) -> &'static str, key: impl Fn(T) -> &'static str) -> Vec<Choice> {
    all.iter().map(|v| Choice { value: code(*v).to_owned(), label: t(key(*v), Lang::Vi).to_owned() }).collect()
}

fn name_of(code: &str, f: impl Fn(&str) -> Option<&'static str>) -> String {
    f(code).map(|k| t(k, Lang::Vi).to_owned()).unwrap_or_else(|| code.to_owned())
}

fn field_name(c: &str) -> String {
    name_of(c, |c| Field::from_code(c).map(Field::message_key))
}
fn status_name(c: &str) -> String {
    name_of(c, |c| Status::from_code(c).map(Status::message_key))
}
fn kind_name(c: &str) -> String {
    name_of(c, |c| ModelKind::from_code(c).map(ModelKind::message_key))
}
fn holder_name(c: &str) -> String {
    name_of(c, |c| Holder::from_code(c).map(Holder::message_key))
}
fn effectiveness_name(c: &str) -> String {
    name_of(c, |c| Effectiveness::from_code(c).map(Effectiveness::message_key))
}

pub(super) async fn permissions(state: &SharedState, actor: &Actor, action: Action) -> AppResult<Vec<(i32, String)>> {
    let tree = state.store.units().unit_tree().await?;
    let p = Permissions { grants: &actor.grants, tree: &tree };
    if !p.can(action, None) {
        return Err(AppError::new(ErrorCode::Forbidden));
    }
    let units = state.store.units().org_units().await?;
    Ok(units.into_iter().filter(|u| p.can(action, Some(u.id))).map(|u| (u.id, format!("{}{}", "— ".repeat(u.depth), u.name))).collect())
}

#[derive(Serialize)]
struct Row {
    id: i32,
    code: String,
    name: String,
    field: String,
    kind: String,
    holder: String,
    unit: String,
    period: String,
    status: String,
}

/// The list's filters from its query (`linh-vuc`, `trang-thai`, `ky`,
/// `don-vi`); a value that does not parse is a 404, as a wrong address.
fn read_filter(q: &HashMap<String, String>) -> AppResult<RecordFilter> {
    let get = |k: &str| q.get(k).map(|v| v.trim()).filter(|v| !v.is_empty());
    let bad = || AppError::new(ErrorCode::PageNotFound);
    Ok(RecordFilter {
        field: get("linh-vuc").map(|v| Field::from_code(v).ok_or_else(bad)).transpose()?,
        status: get("trang-thai").map(|v| Status::from_code(v).ok_or_else(bad)).transpose()?,
        period: get("ky").map(|v| Period::parse(v).ok_or_else(bad)).transpose()?,
        unit: get("don-vi").map(|v| v.parse::<i32>().map_err(|_| bad())).transpose()?,
    })
}

/// The most rows of a list export (Excel's limit is 1 048 576).
const EXPORT_MAX_ROWS: u64 = 1_000_000;

/// The filtered list as XLSX, in the import's columns: edited and imported
/// again, it updates the same records (same unit and code).
async fn export_list(State(state): State<SharedState>, Staff(actor): Staff, Query(q): Query<HashMap<String, String>>) -> AppResult<Response> {
    permissions(&state, &actor, Action::ViewModels).await?;
    let filter = read_filter(&q)?;
    let rows = state.store.registry().records_for_export(Some(&actor), &filter, EXPORT_MAX_ROWS).await?;
    let bytes = crate::exports::registry_list_xlsx(&rows).map_err(AppError::internal)?;
    let mut r = (StatusCode::OK, bytes).into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
    h.insert(header::CONTENT_DISPOSITION, HeaderValue::from_static("attachment; filename=\"dan-van-kheo-danh-sach.xlsx\""));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(r)
}

async fn list(State(state): State<SharedState>, visitor: Visitor, Staff(actor): Staff, Query(q): Query<HashMap<String, String>>) -> AppResult<Response> {
    let units = permissions(&state, &actor, Action::ViewModels).await?;
    let get = |k: &str| q.get(k).map(|v| v.trim()).filter(|v| !v.is_empty());
    let filter = read_filter(&q)?;
    let page_no = crate::kit::paging::PageNo::parse(q.get("trang").map(String::as_str))?;
    let (rows, total) = state.store.registry().records(&actor, &filter, page_no.get(), PER_PAGE).await?;
    let pages = page_no.check_within(total, PER_PAGE)?;
    let all_units = state.store.units().org_units().await?;
    let unit_name = |id: i32| all_units.iter().find(|u| u.id == id).map(|u| u.name.clone()).unwrap_or_default();
    let rows: Vec<Row> = rows
        .into_iter()
        .map(|r| Row {
            id: r.id,
            field: field_name(&r.field),
            kind: kind_name(&r.kind),
            holder: holder_name(&r.holder),
            unit: unit_name(r.unit_id),
            status: status_name(&r.status),
            code: r.code,
            name: r.name,
            period: r.period,
        })
        .collect();
    let tree = state.store.units().unit_tree().await?;
    let can_register = (Permissions { grants: &actor.grants, tree: &tree }).can(Action::RegisterModel, None);
    let mut query = Vec::new();
    for k in ["linh-vuc", "trang-thai", "ky", "don-vi"] {
        if let Some(v) = get(k) {
            query.push(format!("{k}={}", crate::search::urlencode(v)));
        }
    }
    let title = t("admin.registry.title", Lang::Vi);
    let ctx = context! {
        ..staff_context(&state, &visitor, &actor, "/quan-tri/dan-van-kheo", title).await?,
        ..context! {
            rows => rows, total => total, page => page_no.get(), pages => pages,
            page_base => format!("/quan-tri/dan-van-kheo?{}", query.join("&")),
            list_export => format!("/quan-tri/dan-van-kheo/xuat-danh-sach?{}", query.join("&")),
            fields => choices(Field::ALL, Field::code, Field::message_key),
            statuses => choices(Status::ALL, Status::code, Status::message_key),
            units => units.iter().map(|(id, label)| Choice { value: id.to_string(), label: label.clone() }).collect::<Vec<_>>(),
            sel_field => get("linh-vuc").unwrap_or_default(), sel_status => get("trang-thai").unwrap_or_default(),
            sel_period => get("ky").unwrap_or_default(), sel_unit => get("don-vi").unwrap_or_default(),
            export_period => get("ky").map(str::to_owned).unwrap_or_else(|| chrono::Datelike::year(&danvan_domain::time::vietnam_today()).to_string()),
            can_register => can_register,
            notice => get("tb").filter(|v| *v == "da-luu").map(|_| t("admin.notice.saved", Lang::Vi)),
        }
    };
    Ok(page(StatusCode::OK, state.templates.render("admin/registry_list.html", ctx)?))
}

async fn show(State(state): State<SharedState>, visitor: Visitor, Staff(actor): Staff, Path(id): Path<String>, Query(q): Query<HashMap<String, String>>) -> AppResult<Response> {
    let id: i32 = id.parse().map_err(|_| AppError::new(ErrorCode::PageNotFound))?;
    render_record(&state, &visitor, &actor, id, q.get("tb").filter(|v| *v == "da-luu").map(|_| t("admin.notice.saved", Lang::Vi).to_owned()), None, StatusCode::OK).await
}

async fn render_record(state: &SharedState, visitor: &Visitor, actor: &Actor, id: i32, notice: Option<String>, error: Option<String>, status: StatusCode) -> AppResult<Response> {
    let r = state.store.registry().record_view(Some(actor), id).await?.ok_or(AppError::new(ErrorCode::RecordNotFound))?;
    // staff outside the record's scope see what the public sees: treat as not found here
    if r.person_name.is_none() {
        return Err(AppError::new(ErrorCode::RecordNotFound));
    }
    let tree = state.store.units().unit_tree().await?;
    let perms = Permissions { grants: &actor.grants, tree: &tree };
    let can_evaluate = perms.can(Action::EvaluateModel, Some(r.unit_id));
    let can_approve = perms.can(Action::ApproveModel, Some(r.unit_id));
    let can_commend = perms.can(Action::CommendModel, Some(r.unit_id));
    let register_units: Vec<Choice> = state
        .store
        .units()
        .org_units()
        .await?
        .into_iter()
        .filter(|u| perms.can(Action::RegisterModel, Some(u.id)))
        .map(|u| Choice { value: u.id.to_string(), label: format!("{}{}", "— ".repeat(u.depth), u.name) })
        .collect();
    let from = Status::from_code(&r.status).unwrap_or(Status::Registered);
    // converting has its own form: it needs the successor
    let moves: Vec<Choice> = Status::ALL
        .iter()
        .filter(|to| **to != Status::Converted && danvan_domain::registry::can_move(from, **to))
        .map(|to| Choice { value: to.code().to_owned(), label: t(to.message_key(), Lang::Vi).to_owned() })
        .collect();
    let evaluations: Vec<Value> = r
        .evaluations
        .iter()
        .map(|e| context! { year => e.year, result => effectiveness_name(&e.effectiveness), findings => &e.findings, by => &e.evaluated_by })
        .collect();
    let commendations: Vec<Value> = r
        .commendations
        .iter()
        .map(|c| {
            let form = name_of(&c.form, |f| danvan_domain::registry::CommendationForm::from_code(f).map(danvan_domain::registry::CommendationForm::message_key));
            context! { year => c.year, form => form, decision => &c.decision_number, proposed => c.proposed_only }
        })
        .collect();
    let parts: Vec<Value> = REGISTRATION_PARTS
        .iter()
        .filter_map(|p| r.parts.get(*p).map(|v| context! { label => t(danvan_domain::registry::part_key(p), Lang::Vi), text => v }))
        .collect();
    let title = r.name.clone();
    let photos = state.store.registry().photos(id).await?;
    let chosen: Vec<i32> = photos.iter().map(|p| p.id).collect();
    // the photos chosen, then the library's latest images to choose from
    let (latest, _) = state.store.media().media_list(1, 24).await?;
    let choosable: Vec<danvan_store::MediaView> = photos.iter().cloned().chain(latest.into_iter().filter(|m| m.kind == "image" && !chosen.contains(&m.id))).collect();
    let files = state.store.registry().files(actor, id).await?;
    let linked = linked_articles(state, actor, &r).await?;
    let ctx = context! {
        ..staff_context(state, visitor, actor, "/quan-tri/dan-van-kheo", &title).await?,
        ..linked,
        ..context! {
            r => &r,
            field => field_name(&r.field), kind => kind_name(&r.kind), holder => holder_name(&r.holder), status_label => status_name(&r.status),
            evaluations => evaluations, parts => parts, commendations => commendations,
            can_evaluate => can_evaluate && danvan_domain::registry::can_evaluate(from),
            can_approve => can_approve && !r.approved,
            moves => if can_approve { moves } else { Vec::new() },
            can_commend => can_commend,
            can_edit => perms.can(Action::RegisterModel, Some(r.unit_id)),
            photos => photos, choosable => choosable, chosen => chosen, files => files,
            files_on => state.config.files.is_some(),
            can_convert => can_approve && danvan_domain::registry::can_move(from, Status::Converted) && !register_units.is_empty(),
            fields => choices(Field::ALL, Field::code, Field::message_key),
            forms => choices(danvan_domain::registry::CommendationForm::ALL, danvan_domain::registry::CommendationForm::code, danvan_domain::registry::CommendationForm::message_key),
            register_units => register_units,
            results => choices(Effectiveness::ALL, Effectiveness::code, Effectiveness::message_key),
            this_year => chrono::Datelike::year(&danvan_domain::time::vietnam_today()),
            notice => notice, error => error,
        }
    };
    Ok(page(status, state.templates.render("admin/registry_record.html", ctx)?))
}

/// The articles about record `r` that `actor` may see (any status), and
/// the record's reference for the article editor (`#id · unit-slug/code`).
async fn linked_articles(state: &SharedState, actor: &Actor, r: &danvan_store::RecordView) -> AppResult<Value> {
    let articles: Vec<Value> = state
        .store
        .registry()
        .model_articles_for(actor, r.id)
        .await?
        .into_iter()
        .map(|a| context! { status_label => danvan_domain::editorial::ArticleStatus::parse(a.status).map(|s| t(s.message_key(), Lang::Vi)), a => a })
        .collect();
    Ok(context! { linked_articles => articles, reference => format!("#{} · {}/{}", r.id, danvan_text::slugify(&r.unit_name), r.code) })
}

/// A step's form posted from a record's page: the CSRF token checked
/// first, then the record's id from the address (404 when not a number).
pub(super) fn step_form(actor: &Actor, id: &str, pairs: Vec<(String, String)>) -> AppResult<(i32, FormFields)> {
    let f = FormFields(pairs);
    csrf::check_staff(actor, f.get("csrf"))?;
    let id = id.parse().map_err(|_| AppError::new(ErrorCode::PageNotFound))?;
    Ok((id, f))
}

/// What a step on a record's page came to: the record to show next, or the
/// refusal to show on the page (field, message), or an error page.
pub(super) type Step = Result<i32, Result<(Option<&'static str>, String), AppError>>;

/// After a step posted from record `id`'s page: to the record it names
/// (with "saved"), or `id`'s page again with the refusal (422).
pub(super) async fn after_step(state: &SharedState, visitor: &Visitor, actor: &Actor, id: i32, outcome: Step) -> AppResult<Response> {
    match outcome {
        Ok(next) => Ok(Redirect::to(&format!("/quan-tri/dan-van-kheo/{next}?tb=da-luu")).into_response()),
        Err(Err(e)) => Err(e),
        Err(Ok((_, message))) => render_record(state, visitor, actor, id, None, Some(message), StatusCode::UNPROCESSABLE_ENTITY).await,
    }
}

async fn evaluate(
    State(state): State<SharedState>,
    visitor: Visitor,
    Staff(actor): Staff,
    Path(id): Path<String>,
    axum::Form(pairs): axum::Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let (id, f) = step_form(&actor, &id, pairs)?;
    let year = f.get("year").map(str::trim).filter(|y| y.len() == 4).and_then(|y| y.parse::<i32>().ok());
    let result = f.get("result").and_then(Effectiveness::from_code);
    let outcome = match (year, result) {
        (Some(year), Some(result)) => state.store.registry().evaluate(&actor, id, year, result, &f.text("findings")).await.map_err(form_error),
        (None, _) => Err(Ok((Some("year"), t("registry.import.year_invalid", Lang::Vi).to_owned()))),
        (_, None) => Err(Ok((Some("result"), t("registry.import.evaluation_unknown", Lang::Vi).to_owned()))),
    };
    after_step(&state, &visitor, &actor, id, outcome.map(|()| id)).await
}

async fn approve(State(state): State<SharedState>, Staff(actor): Staff, Path(id): Path<String>, axum::Form(pairs): axum::Form<Vec<(String, String)>>) -> AppResult<Response> {
    let (id, _) = step_form(&actor, &id, pairs)?;
    state.store.registry().approve(&actor, id).await?;
    Ok(Redirect::to(&format!("/quan-tri/dan-van-kheo/{id}?tb=da-luu")).into_response())
}

async fn move_to(
    State(state): State<SharedState>,
    visitor: Visitor,
    Staff(actor): Staff,
    Path(id): Path<String>,
    axum::Form(pairs): axum::Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let (id, f) = step_form(&actor, &id, pairs)?;
    let outcome = match f.get("to").and_then(Status::from_code) {
        Some(to) => state.store.registry().move_to(&actor, id, to, &f.text("reason")).await.map_err(form_error),
        None => Err(Ok((Some("to"), t("registry.move_refused", Lang::Vi).to_owned()))),
    };
    after_step(&state, &visitor, &actor, id, outcome.map(|()| id)).await
}

async fn commend(
    State(state): State<SharedState>,
    visitor: Visitor,
    Staff(actor): Staff,
    Path(id): Path<String>,
    axum::Form(pairs): axum::Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let (id, f) = step_form(&actor, &id, pairs)?;
    let year = f.get("year").map(str::trim).filter(|y| y.len() == 4).and_then(|y| y.parse::<i32>().ok());
    let form = f.get("form").and_then(danvan_domain::registry::CommendationForm::from_code);
    let decided_on = match f.opt("decided_on") {
        None => Ok(None),
        Some(v) => danvan_domain::registry::values::parse_date(&v).map(Some).ok_or("registry.import.date_invalid"),
    };
    let outcome = match (year, form, decided_on) {
        (Some(year), Some(form), Ok(decided_on)) => state
            .store
            .registry()
            .commend(&actor, id, f.get("stage") != Some("decided"), form, year, &f.text("decision_number"), decided_on, &f.text("conferred_by"))
            .await
            .map_err(form_error),
        (None, _, _) => Err(Ok((Some("year"), t("registry.import.year_invalid", Lang::Vi).to_owned()))),
        (_, None, _) => Err(Ok((Some("form"), t("registry.import.commendation_unknown", Lang::Vi).to_owned()))),
        (_, _, Err(code)) => Err(Ok((Some("decided_on"), t(code, Lang::Vi).to_owned()))),
    };
    after_step(&state, &visitor, &actor, id, outcome.map(|()| id)).await
}

async fn replicate(
    State(state): State<SharedState>,
    visitor: Visitor,
    Staff(actor): Staff,
    Path(id): Path<String>,
    axum::Form(pairs): axum::Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let (id, f) = step_form(&actor, &id, pairs)?;
    let unit = f.get("unit_id").and_then(|v| v.trim().parse::<i32>().ok());
    let period = f.get("period").and_then(Period::parse);
    let outcome = match (unit, period) {
        (Some(unit), Some(period)) => state.store.registry().replicate(&actor, id, unit, &f.text("code"), period, (&f.text("person_name"), &f.text("person_position"))).await.map_err(form_error),
        (None, _) => Err(Ok((Some("unit_id"), t("registry.import.unit_missing", Lang::Vi).to_owned()))),
        (_, None) => Err(Ok((Some("period"), t("registry.import.period_invalid", Lang::Vi).to_owned()))),
    };
    after_step(&state, &visitor, &actor, id, outcome).await
}

/// Converts the record into a successor registered from the form (its
/// code, name, field, unit and period; kind, holder, area, person and the
/// registration's parts are the record's own).
async fn convert(
    State(state): State<SharedState>,
    visitor: Visitor,
    Staff(actor): Staff,
    Path(id): Path<String>,
    axum::Form(pairs): axum::Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let (id, f) = step_form(&actor, &id, pairs)?;
    let source = state.store.registry().record_view(Some(&actor), id).await?.filter(|r| r.person_name.is_some()).ok_or(AppError::new(ErrorCode::RecordNotFound))?;
    let successor = NewRecord {
        code: f.text("code"),
        name: f.text("name"),
        kind: ModelKind::from_code(&source.kind),
        holder: Holder::from_code(&source.holder),
        field: f.get("field").and_then(Field::from_code),
        unit_id: f.get("unit_id").and_then(|v| v.trim().parse().ok()),
        area: source.area.clone(),
        period: f.get("period").and_then(Period::parse),
        person_name: source.person_name.clone().unwrap_or_default(),
        person_position: source.person_position.clone().unwrap_or_default(),
        parts: source.parts.clone(),
        is_public: source.is_public,
        ..Default::default()
    };
    let outcome = state.store.registry().convert(&actor, id, &successor).await.map_err(form_error);
    after_step(&state, &visitor, &actor, id, outcome).await
}

#[derive(Deserialize)]
struct ExportQuery {
    #[serde(rename = "dinh-dang")]
    dinh_dang: Option<String>,
    ky: Option<String>,
    #[serde(rename = "don-vi")]
    don_vi: Option<String>,
    /// The report's number ("Số 15-BC/BDVHU"); blank to fill in by hand.
    so: Option<String>,
    /// The place of the place-date line (default: the unit's name).
    #[serde(rename = "dia-danh")]
    dia_danh: Option<String>,
    /// The issuing body (default: the unit's name).
    #[serde(rename = "co-quan")]
    co_quan: Option<String>,
    /// The superior body (default: the parent unit's name).
    #[serde(rename = "cap-tren")]
    cap_tren: Option<String>,
}

/// A heading field as typed, or `default` when blank; at most 200
/// characters, control characters dropped.
fn heading_text(v: Option<&str>, default: &str) -> String {
    let v = danvan_text::collapse_spaces(&danvan_text::normalize_input(v.unwrap_or("")));
    if v.is_empty() { default.to_owned() } else { v.chars().take(200).collect() }
}

/// The period's statistics of the units one may see, as a file.
async fn export(State(state): State<SharedState>, Staff(actor): Staff, Query(q): Query<ExportQuery>) -> AppResult<Response> {
    let units = permissions(&state, &actor, Action::ViewModels).await?;
    let bad = || AppError::new(ErrorCode::PageNotFound);
    let period = q.ky.as_deref().and_then(Period::parse).ok_or_else(bad)?;
    // the unit asked for, or the top of the reader's first scope
    let unit = match q.don_vi.as_deref().filter(|v| !v.is_empty()) {
        Some(v) => v.parse::<i32>().map_err(|_| bad())?,
        None => units.first().map(|(id, _)| *id).ok_or_else(bad)?,
    };
    if !units.iter().any(|(id, _)| *id == unit) {
        return Err(AppError::new(ErrorCode::Forbidden));
    }
    let all = state.store.units().org_units().await?;
    let u = all.iter().find(|x| x.id == unit).ok_or_else(bad)?;
    let parent = u.parent_id.and_then(|p| all.iter().find(|x| x.id == p)).map(|x| x.name.clone()).unwrap_or_default();
    let now = state.store.registry().statistics(period, Some(unit)).await?;
    let before = state.store.registry().statistics(period.previous(), Some(unit)).await?;
    let scope = danvan_domain::registry::stats::scope_phrase(&u.level, &u.name, Lang::Vi);
    let (bytes, media, ext) = match q.dinh_dang.as_deref() {
        Some("xlsx") => (
            crate::exports::registry_xlsx(&period, &now, &before).map_err(AppError::internal)?,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
        Some("docx") => {
            let heading = crate::exports::ReportHeading {
                superior: heading_text(q.cap_tren.as_deref(), &parent),
                issuer: heading_text(q.co_quan.as_deref(), &u.name),
                number: heading_text(q.so.as_deref(), ""),
                place: heading_text(q.dia_danh.as_deref(), &u.name),
                date: danvan_domain::time::vietnam_today(),
            };
            (
                crate::exports::registry_docx(&heading, &period, &scope, &now, &before).map_err(AppError::internal)?,
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "docx",
            )
        }
        _ => return Err(bad()),
    };
    let mut r = (StatusCode::OK, bytes).into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(media));
    let name = format!("attachment; filename=\"dan-van-kheo-{period}.{ext}\"");
    h.insert(header::CONTENT_DISPOSITION, HeaderValue::from_str(&name).map_err(AppError::internal)?);
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(r)
}
