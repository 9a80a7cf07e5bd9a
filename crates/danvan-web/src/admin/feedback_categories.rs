//! The feedback categories in the back office, `/quan-tri/phan-anh/linh-vuc`
//! (needs [`Action::ManageFeedback`] over the whole site): the list with
//! each category's deadline rule in words ("10 ngày làm việc kể từ ngày
//! tiếp nhận"), its extensions, unit and state; the form that adds one; and
//! each category's own page with the form that changes it
//! (`/quan-tri/phan-anh/linh-vuc/{id}`). Every form carries the session's
//! CSRF token; what was typed is checked on the server (every problem at
//! once, each next to its field, what was typed kept, 422) and saved
//! through `store.feedback().save_category`.

use super::{Staff, page, staff_context};
use crate::SharedState;
use crate::error::{AppError, AppResult};
use crate::kit::csrf;
use crate::kit::form::FormFields;
use crate::kit::visitor::Visitor;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use danvan_domain::ErrorCode;
use danvan_domain::editorial::{Action, Permissions};
use danvan_domain::feedback::{CountFrom, Counting, DeadlineRule, category_name};
use danvan_domain::messages::{Lang, format, t};
use danvan_store::{Actor, CategoryView, StoreError};
use minijinja::{Value, context};
use serde::Serialize;
use std::collections::HashMap;

const PATH: &str = "/quan-tri/phan-anh/linh-vuc";

pub(super) fn router() -> Router<SharedState> {
    Router::new().route(PATH, get(list).post(create)).route("/quan-tri/phan-anh/linh-vuc/{id}", get(edit).post(update))
}

/// Refuses (403) a staff member who may not manage the categories.
async fn require(state: &SharedState, actor: &Actor) -> AppResult<()> {
    let tree = state.store.units().unit_tree().await?;
    if (Permissions { grants: &actor.grants, tree: &tree }).can_site_wide(Action::ManageFeedback) { Ok(()) } else { Err(AppError::new(ErrorCode::Forbidden)) }
}

/// A category's form, as typed (or as stored).
#[derive(Serialize, Default)]
struct Typed {
    name: String,
    description: String,
    days: String,
    counting: String,
    from: String,
    max_extensions: String,
    unit_id: String,
    is_active: bool,
}

impl Typed {
    fn of(c: &CategoryView) -> Typed {
        Typed {
            name: c.name.clone(),
            description: c.description.clone(),
            days: c.rule.days.to_string(),
            counting: c.rule.counting.code().to_owned(),
            from: c.rule.from.code().to_owned(),
            max_extensions: c.rule.max_extensions.to_string(),
            unit_id: c.unit_id.map(|u| u.to_string()).unwrap_or_default(),
            is_active: c.is_active,
        }
    }

    fn blank() -> Typed {
        Typed { days: "10".into(), counting: Counting::WorkingDays.code().into(), from: CountFrom::Receipt.code().into(), max_extensions: "1".into(), is_active: true, ..Typed::default() }
    }

    fn posted(f: &FormFields) -> Typed {
        Typed {
            name: f.text("name"),
            description: f.text("description"),
            days: f.text("days"),
            counting: f.text("counting"),
            from: f.text("from"),
            max_extensions: f.text("max_extensions"),
            unit_id: f.text("unit_id"),
            is_active: f.get("is_active") == Some("1"),
        }
    }
}

/// What a posted form saves: its name, description, rule and unit.
struct Checked {
    name: String,
    rule: DeadlineRule,
    unit_id: Option<i32>,
}

/// Every problem of the typed form, as `(field, message code)` in the
/// form's order, or what it saves. The rules themselves are the domain's
/// (`category_name`, `DeadlineRule::check`); here only the typing.
fn check(v: &Typed, units: &[i32]) -> Result<Checked, Vec<(&'static str, &'static str)>> {
    let mut found = Vec::new();
    let name = category_name(&v.name).map_err(|code| found.push(("name", code))).ok();
    let days: Option<u32> = v.days.trim().parse().map_err(|_| found.push(("days", "fbcat.days_invalid"))).ok();
    let counting = Counting::from_code(&v.counting).or_else(|| {
        found.push(("counting", "fbcat.counting_invalid"));
        None
    });
    let from = CountFrom::from_code(&v.from).or_else(|| {
        found.push(("from", "fbcat.from_invalid"));
        None
    });
    let max_extensions: Option<u8> = v.max_extensions.trim().parse().map_err(|_| found.push(("max_extensions", "fbcat.extensions_invalid"))).ok();
    let unit_id = match v.unit_id.trim() {
        "" => Some(None),
        u => u.parse::<i32>().ok().filter(|u| units.contains(u)).map(Some).or_else(|| {
            found.push(("unit_id", "feedback.unit_unknown"));
            None
        }),
    };
    if let (Some(days), Some(counting), Some(from), Some(max_extensions)) = (days, counting, from, max_extensions) {
        let rule = DeadlineRule { days, counting, from, max_extensions };
        match rule.check() {
            Err(code @ "feedback.rule.extensions") => found.push(("max_extensions", code)),
            Err(code) => found.push(("days", code)),
            Ok(()) if found.is_empty() => return Ok(Checked { name: name.unwrap_or_default(), rule, unit_id: unit_id.flatten() }),
            Ok(()) => {}
        }
    }
    // the form's order
    let order = ["name", "days", "counting", "from", "max_extensions", "unit_id"];
    found.sort_by_key(|(f, _)| order.iter().position(|o| o == f));
    Err(found)
}

#[derive(Serialize)]
struct Choice {
    value: String,
    label: String,
}

#[derive(Serialize)]
struct Row {
    id: i32,
    name: String,
    description: String,
    rule: String,
    extensions: String,
    unit: String,
    active: bool,
}

/// "10 ngày làm việc kể từ ngày tiếp nhận".
fn rule_words(r: &DeadlineRule) -> String {
    format("fbcat.rule", Lang::Vi, &[("days", &r.days), ("counting", &t(r.counting.message_key(), Lang::Vi)), ("from", &t(r.from.message_key(), Lang::Vi))])
}

/// The context every page here needs: the units and the choices.
async fn choices(state: &SharedState) -> AppResult<(Value, Vec<(i32, String)>)> {
    let units: Vec<(i32, String)> = state.store.units().org_units().await?.into_iter().map(|u| (u.id, format!("{}{}", "— ".repeat(u.depth), u.name))).collect();
    let ctx = context! {
        unit_choices => units.iter().map(|(id, label)| Choice { value: id.to_string(), label: label.clone() }).collect::<Vec<_>>(),
        countings => Counting::ALL.iter().map(|c| Choice { value: c.code().into(), label: t(c.message_key(), Lang::Vi).into() }).collect::<Vec<_>>(),
        froms => CountFrom::ALL.iter().map(|c| Choice { value: c.code().into(), label: t(c.message_key(), Lang::Vi).into() }).collect::<Vec<_>>(),
    };
    Ok((ctx, units))
}

async fn render_list(state: &SharedState, visitor: &Visitor, actor: &Actor, v: Typed, found: &[(&'static str, &'static str)], notice: Option<&str>, status: StatusCode) -> AppResult<Response> {
    let (choices, units) = choices(state).await?;
    let unit_name = |id: Option<i32>| id.and_then(|id| units.iter().find(|(u, _)| *u == id)).map(|(_, n)| n.trim_start_matches("— ").to_owned());
    let rows: Vec<Row> = state
        .store
        .feedback()
        .categories(false)
        .await?
        .into_iter()
        .map(|c| Row {
            rule: rule_words(&c.rule),
            extensions: match c.rule.max_extensions {
                0 => t("fbcat.no_extension", Lang::Vi).to_owned(),
                n => format("fbcat.extensions", Lang::Vi, &[("count", &n)]),
            },
            unit: unit_name(c.unit_id).unwrap_or_else(|| t("fbcat.no_unit", Lang::Vi).to_owned()),
            id: c.id,
            name: c.name,
            description: c.description,
            active: c.is_active,
        })
        .collect();
    let ctx = context! {
        ..staff_context(state, visitor, actor, PATH, t("fbcat.title", Lang::Vi)).await?,
        ..crate::feedback::problems(found),
        ..choices,
        ..context! { rows => rows, v => v, action => PATH, notice => notice }
    };
    Ok(page(status, state.templates.render("admin/feedback_categories.html", ctx)?))
}

async fn render_edit(state: &SharedState, visitor: &Visitor, actor: &Actor, c: &CategoryView, v: Typed, found: &[(&'static str, &'static str)], status: StatusCode) -> AppResult<Response> {
    let (choices, _) = choices(state).await?;
    let title = format("fbcat.edit", Lang::Vi, &[("name", &c.name)]);
    let ctx = context! {
        ..staff_context(state, visitor, actor, PATH, &title).await?,
        ..crate::feedback::problems(found),
        ..choices,
        ..context! { v => v, action => format!("{PATH}/{}", c.id), category => c }
    };
    Ok(page(status, state.templates.render("admin/feedback_category.html", ctx)?))
}

async fn list(State(state): State<SharedState>, visitor: Visitor, Staff(actor): Staff, Query(q): Query<HashMap<String, String>>) -> AppResult<Response> {
    require(&state, &actor).await?;
    let notice = q.get("tb").filter(|v| *v == "da-luu").map(|_| t("admin.notice.saved", Lang::Vi));
    render_list(&state, &visitor, &actor, Typed::blank(), &[], notice, StatusCode::OK).await
}

async fn category(state: &SharedState, id: &str) -> AppResult<CategoryView> {
    let id: i32 = id.parse().map_err(|_| AppError::not_found())?;
    state.store.feedback().categories(false).await?.into_iter().find(|c| c.id == id).ok_or_else(AppError::not_found)
}

async fn edit(State(state): State<SharedState>, visitor: Visitor, Staff(actor): Staff, Path(id): Path<String>) -> AppResult<Response> {
    require(&state, &actor).await?;
    let c = category(&state, &id).await?;
    render_edit(&state, &visitor, &actor, &c, Typed::of(&c), &[], StatusCode::OK).await
}

/// Saves the posted form as category `id` (`None`: a new one); on a
/// problem, `Err` with the problems and what was typed.
async fn save(state: &SharedState, actor: &Actor, id: Option<i32>, f: &FormFields) -> AppResult<Result<(), (Typed, Vec<(&'static str, &'static str)>)>> {
    let v = Typed::posted(f);
    let units: Vec<i32> = state.store.units().org_units().await?.iter().map(|u| u.id).collect();
    let checked = match check(&v, &units) {
        Ok(c) => c,
        Err(found) => return Ok(Err((v, found))),
    };
    match state.store.feedback().save_category(actor, id, &checked.name, &v.description, checked.rule, checked.unit_id, v.is_active).await {
        Ok(_) => Ok(Ok(())),
        // the store's own refusals of a field (a name taken since, …)
        Err(StoreError::Field { field, code }) => Ok(Err((v, vec![(field, code)]))),
        Err(e) => Err(e.into()),
    }
}

async fn create(State(state): State<SharedState>, visitor: Visitor, Staff(actor): Staff, axum::Form(pairs): axum::Form<Vec<(String, String)>>) -> AppResult<Response> {
    let f = FormFields(pairs);
    csrf::check_staff(&actor, f.get("csrf"))?;
    require(&state, &actor).await?;
    match save(&state, &actor, None, &f).await? {
        Ok(()) => Ok(Redirect::to(&format!("{PATH}?tb=da-luu")).into_response()),
        Err((v, found)) => render_list(&state, &visitor, &actor, v, &found, None, StatusCode::UNPROCESSABLE_ENTITY).await,
    }
}

async fn update(State(state): State<SharedState>, visitor: Visitor, Staff(actor): Staff, Path(id): Path<String>, axum::Form(pairs): axum::Form<Vec<(String, String)>>) -> AppResult<Response> {
    let f = FormFields(pairs);
    csrf::check_staff(&actor, f.get("csrf"))?;
    require(&state, &actor).await?;
    let c = category(&state, &id).await?;
    match save(&state, &actor, Some(c.id), &f).await? {
        Ok(()) => Ok(Redirect::to(&format!("{PATH}?tb=da-luu")).into_response()),
        Err((v, found)) => render_edit(&state, &visitor, &actor, &c, v, &found, StatusCode::UNPROCESSABLE_ENTITY).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(days: &str, extensions: &str, unit: &str) -> Typed {
        Typed { name: "Điện chiếu sáng".into(), days: days.into(), counting: "working_days".into(), from: "receipt".into(), max_extensions: extensions.into(), unit_id: unit.into(), ..Typed::default() }
    }

    #[test]
    fn every_problem_named_by_its_field_in_the_form_order() {
        let ok = check(&typed("3", "1", "7"), &[7]).unwrap();
        assert_eq!((ok.rule.days, ok.unit_id), (3, Some(7)));
        assert_eq!(check(&typed("3", "0", ""), &[7]).unwrap().unit_id, None);
        let bad = Typed { name: " ".into(), counting: "weeks".into(), ..typed("ba", "x", "99") };
        let found = check(&bad, &[7]).err().unwrap();
        assert_eq!(
            found,
            [
                ("name", "feedback.category_name"),
                ("days", "fbcat.days_invalid"),
                ("counting", "fbcat.counting_invalid"),
                ("max_extensions", "fbcat.extensions_invalid"),
                ("unit_id", "feedback.unit_unknown")
            ]
        );
        assert_eq!(check(&typed("0", "1", ""), &[]).err().unwrap(), [("days", "feedback.rule.days")]);
        assert_eq!(check(&typed("400", "1", ""), &[]).err().unwrap(), [("days", "feedback.rule.days")]);
        assert_eq!(check(&typed("3", "9", ""), &[]).err().unwrap(), [("max_extensions", "feedback.rule.extensions")]);
    }
}
