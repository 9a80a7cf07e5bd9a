//! Registering and editing a record of the "Dân vận khéo" registry:
//! `/quan-tri/dan-van-kheo/moi` and `/quan-tri/dan-van-kheo/{id}/sua`, one
//! form (every field of a registration, the nine parts included). The form
//! is read here, every rule is the domain's and the store's; a refused form
//! comes back (422) with what was typed and the field's message. An edit
//! carries the record's version: when someone saved the record since the
//! form was opened, nothing is saved and the form says so.

use super::registry::{Choice, choices, permissions};
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
use danvan_domain::editorial::Action;
use danvan_domain::messages::{Lang, t};
use danvan_domain::registry::{Field, Holder, ModelKind, NewRecord, Period, REGISTRATION_PARTS};
use danvan_store::{Actor, RecordView};
use minijinja::{Value, context};
use std::collections::HashMap;

pub(super) fn router() -> Router<SharedState> {
    Router::new()
        .route("/quan-tri/dan-van-kheo/moi", get(new_form).post(create))
        .route("/quan-tri/dan-van-kheo/{id}/sua", get(edit_form).post(save))
}

/// The choices of the form's selects and the parts' labels.
fn form_context(units: &[(i32, String)]) -> Value {
    context! {
        kinds => choices(ModelKind::ALL, ModelKind::code, ModelKind::message_key),
        holders => choices(Holder::ALL, Holder::code, Holder::message_key),
        fields => choices(Field::ALL, Field::code, Field::message_key),
        units => units.iter().map(|(id, label)| Choice { value: id.to_string(), label: label.clone() }).collect::<Vec<_>>(),
        parts => REGISTRATION_PARTS.iter().map(|p| Choice { value: (*p).to_owned(), label: t(danvan_domain::registry::part_key(p), Lang::Vi).to_owned() }).collect::<Vec<_>>(),
    }
}

/// Reads the form as a registration; the first value that cannot be read
/// as `(field, message code)` (a date that is not a date). Everything else
/// is checked by the store.
pub(super) fn read_record(f: &FormFields) -> Result<NewRecord, (&'static str, &'static str)> {
    let date = |k: &'static str| -> Result<Option<chrono::NaiveDate>, (&'static str, &'static str)> {
        match f.opt(k) {
            None => Ok(None),
            Some(v) => danvan_domain::registry::values::parse_date(&v).map(Some).ok_or((k, "registry.import.date_invalid")),
        }
    };
    let mut parts = std::collections::BTreeMap::new();
    for p in REGISTRATION_PARTS {
        if let Some(v) = f.opt(&format!("part-{p}")) {
            parts.insert(p.to_owned(), v);
        }
    }
    if f.opt("period").is_some() && f.get("period").and_then(Period::parse).is_none() {
        return Err(("period", "registry.import.period_invalid"));
    }
    Ok(NewRecord {
        code: f.text("code"),
        name: f.text("name"),
        kind: f.get("kind").and_then(ModelKind::from_code),
        holder: f.get("holder").and_then(Holder::from_code),
        field: f.get("field").and_then(Field::from_code),
        unit_id: f.get("unit_id").and_then(|v| v.trim().parse().ok()),
        area: f.text("area"),
        period: f.get("period").and_then(Period::parse),
        registered_on: date("registered_on")?,
        launched_on: date("launched_on")?,
        person_name: f.text("person_name"),
        person_position: f.text("person_position"),
        parts,
        is_public: f.get("is_public") == Some("1"),
    })
}

/// The form's values of a stored record (dates as dd/mm/yyyy).
fn values_of(r: &RecordView) -> HashMap<String, String> {
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.format("%d/%m/%Y").to_string()).unwrap_or_default();
    let mut v: HashMap<String, String> = [
        ("code", r.code.clone()),
        ("name", r.name.clone()),
        ("kind", r.kind.clone()),
        ("holder", r.holder.clone()),
        ("field", r.field.clone()),
        ("unit_id", r.unit_id.to_string()),
        ("area", r.area.clone()),
        ("period", r.period.clone()),
        ("registered_on", date(r.registered_on)),
        ("launched_on", date(r.launched_on)),
        ("person_name", r.person_name.clone().unwrap_or_default()),
        ("person_position", r.person_position.clone().unwrap_or_default()),
        ("is_public", if r.is_public { "1" } else { "" }.to_owned()),
        ("version", r.version.to_string()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    for (k, text) in &r.parts {
        v.insert(format!("part-{k}"), text.clone());
    }
    v
}

/// Which form: a new registration or the edit of record `id`.
#[derive(Clone, Copy)]
enum Target {
    New,
    Edit(i32),
}

#[allow(clippy::too_many_arguments)]
async fn render(
    state: &SharedState,
    visitor: &Visitor,
    actor: &Actor,
    units: &[(i32, String)],
    target: Target,
    form: HashMap<String, String>,
    error: Option<String>,
    status: StatusCode,
) -> AppResult<Response> {
    let (title, action) = match target {
        Target::New => (t("admin.registry.new", Lang::Vi).to_owned(), "/quan-tri/dan-van-kheo/moi".to_owned()),
        Target::Edit(id) => (t("admin.registry.edit", Lang::Vi).to_owned(), format!("/quan-tri/dan-van-kheo/{id}/sua")),
    };
    let period_default = match target {
        Target::New if error.is_none() => chrono::Datelike::year(&danvan_domain::time::vietnam_today()).to_string(),
        _ => String::new(),
    };
    let ctx = context! {
        ..staff_context(state, visitor, actor, "/quan-tri/dan-van-kheo", &title).await?,
        ..form_context(units),
        ..context! {
            form => form, error => error, period_default => period_default, action => action,
            editing => matches!(target, Target::Edit(_)),
            back => match target { Target::Edit(id) => Some(format!("/quan-tri/dan-van-kheo/{id}")), Target::New => None },
        }
    };
    Ok(page(status, state.templates.render("admin/registry_form.html", ctx)?))
}

async fn new_form(State(state): State<SharedState>, visitor: Visitor, Staff(actor): Staff) -> AppResult<Response> {
    let units = permissions(&state, &actor, Action::RegisterModel).await?;
    render(&state, &visitor, &actor, &units, Target::New, HashMap::new(), None, StatusCode::OK).await
}

/// The record `id` as its editor may see it (404 outside the reader's
/// scope, as on its page).
async fn editable(state: &SharedState, actor: &Actor, id: &str) -> AppResult<RecordView> {
    let id: i32 = id.parse().map_err(|_| AppError::new(ErrorCode::PageNotFound))?;
    let r = state.store.registry().record_view(Some(actor), id).await?.filter(|r| r.person_name.is_some());
    r.ok_or(AppError::new(ErrorCode::RecordNotFound))
}

async fn edit_form(State(state): State<SharedState>, visitor: Visitor, Staff(actor): Staff, Path(id): Path<String>) -> AppResult<Response> {
    let r = editable(&state, &actor, &id).await?;
    let units = permissions(&state, &actor, Action::RegisterModel).await?;
    if !units.iter().any(|(u, _)| *u == r.unit_id) {
        return Err(AppError::new(ErrorCode::Forbidden));
    }
    render(&state, &visitor, &actor, &units, Target::Edit(r.id), values_of(&r), None, StatusCode::OK).await
}

/// After a post of the form: to the record's page, or the form again with
/// what was typed and the refusal.
async fn outcome(
    state: &SharedState,
    visitor: &Visitor,
    actor: &Actor,
    units: &[(i32, String)],
    target: Target,
    f: &FormFields,
    result: Result<i32, Result<(Option<&'static str>, String), AppError>>,
) -> AppResult<Response> {
    match result {
        Ok(id) => Ok(Redirect::to(&format!("/quan-tri/dan-van-kheo/{id}?tb=da-luu")).into_response()),
        Err(Err(e)) => Err(e),
        Err(Ok((_, message))) => {
            let form: HashMap<String, String> = f.0.iter().cloned().collect();
            render(state, visitor, actor, units, target, form, Some(message), StatusCode::UNPROCESSABLE_ENTITY).await
        }
    }
}

async fn create(State(state): State<SharedState>, visitor: Visitor, Staff(actor): Staff, axum::Form(pairs): axum::Form<Vec<(String, String)>>) -> AppResult<Response> {
    let f = FormFields(pairs);
    csrf::check_staff(&actor, f.get("csrf"))?;
    let units = permissions(&state, &actor, Action::RegisterModel).await?;
    let result = match read_record(&f) {
        Ok(r) => state.store.registry().register(&actor, &r).await.map_err(form_error),
        Err((field, code)) => Err(Ok((Some(field), t(code, Lang::Vi).to_owned()))),
    };
    outcome(&state, &visitor, &actor, &units, Target::New, &f, result).await
}

async fn save(
    State(state): State<SharedState>,
    visitor: Visitor,
    Staff(actor): Staff,
    Path(id): Path<String>,
    axum::Form(pairs): axum::Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let f = FormFields(pairs);
    csrf::check_staff(&actor, f.get("csrf"))?;
    let id: i32 = id.parse().map_err(|_| AppError::new(ErrorCode::PageNotFound))?;
    let units = permissions(&state, &actor, Action::RegisterModel).await?;
    let version = f.get("version").and_then(|v| v.trim().parse::<i64>().ok());
    let result = match (read_record(&f), version) {
        (Ok(r), Some(version)) => state.store.registry().update(&actor, id, &r, version).await.map(|()| id).map_err(form_error),
        (Err((field, code)), _) => Err(Ok((Some(field), t(code, Lang::Vi).to_owned()))),
        (_, None) => Err(Ok((Some("version"), t("registry.edited_elsewhere", Lang::Vi).to_owned()))),
    };
    outcome(&state, &visitor, &actor, &units, Target::Edit(id), &f, result).await
}
