//! Administration: users and their roles, organisation units, categories;
//! and every user's own password page.

use crate::kit::csrf;
use crate::kit::form::FormFields;
use super::{Staff, form_error, page, staff_context};
use crate::SharedState;
use crate::error::{AppError, AppResult};
use crate::kit::visitor::Visitor;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use danvan_domain::ErrorCode;
use danvan_domain::accounts::generate_password;
use danvan_domain::editorial::{Action, Grant, Permissions, Role};
use danvan_domain::messages::{Lang, t};
use danvan_store::{Actor, NewUser};
use minijinja::{Value, context};
use serde::{Deserialize, Serialize};

pub(super) fn router() -> Router<SharedState> {
    Router::new()
        .route("/quan-tri/nguoi-dung", get(users).post(create_user))
        .route("/quan-tri/nguoi-dung/{id}/vai-tro", post(set_roles))
        .route("/quan-tri/nguoi-dung/{id}/mat-khau", post(reset_password))
        .route("/quan-tri/nguoi-dung/{id}/trang-thai", post(set_active))
        .route("/quan-tri/don-vi", get(units).post(create_unit))
        .route("/quan-tri/don-vi/{id}", post(update_unit))
        .route("/quan-tri/chuyen-muc", get(categories).post(create_category))
        .route("/quan-tri/chuyen-muc/{id}", post(update_category))
        .route("/quan-tri/mat-khau", get(password_page).post(change_password))
        .route("/quan-tri/hai-buoc", get(totp_page).post(set_totp))
        .route("/quan-tri/hai-buoc/bat-dau", post(start_totp))
}

async fn require(state: &SharedState, actor: &Actor, action: Action) -> AppResult<()> {
    let tree = state.store.units().unit_tree().await?;
    if (Permissions { grants: &actor.grants, tree: &tree }).can(action, None) { Ok(()) } else { Err(AppError::new(ErrorCode::Forbidden)) }
}

#[derive(Deserialize)]
struct Notice {
    tb: Option<String>,
}

#[derive(Serialize)]
struct RoleOption {
    value: &'static str,
    label: &'static str,
}

fn role_options() -> Vec<RoleOption> {
    Role::ALL.into_iter().map(|r| RoleOption { value: r.as_str(), label: t(r.message_key(), Lang::Vi) }).collect()
}

/// Grants from a form: fields `grant` with values `role@unit_id`.
fn grants_from(f: &FormFields) -> Result<Vec<Grant>, AppError> {
    let mut out = Vec::new();
    for v in f.all("grant") {
        let (role, unit) = v.split_once('@').ok_or(AppError::new(ErrorCode::BadRequest))?;
        let role = Role::parse(role).ok_or(AppError::new(ErrorCode::BadRequest))?;
        let unit_id = unit.parse().map_err(|_| AppError::new(ErrorCode::BadRequest))?;
        out.push(Grant { role, unit_id });
    }
    Ok(out)
}

async fn render_users(state: &SharedState, visitor: &Visitor, actor: &Actor, extra: Value, status: StatusCode) -> AppResult<Response> {
    let users = state.store.accounts().users().await?;
    let units = state.store.units().org_units().await?;
    let ctx = context! {
        ..staff_context(state, visitor, actor, "/quan-tri/nguoi-dung", t("admin.users.title", Lang::Vi)).await?,
        ..extra,
        ..context! { users => users, units => units, roles => role_options() }
    };
    Ok(page(status, state.templates.render("admin/users.html", ctx)?))
}

async fn users(State(state): State<SharedState>, visitor: Visitor, Staff(actor): Staff, Query(q): Query<Notice>) -> AppResult<Response> {
    require(&state, &actor, Action::ManageUsers).await?;
    let notice = q.tb.as_deref().filter(|s| *s == "da-luu").map(|_| t("admin.notice.saved", Lang::Vi));
    render_users(&state, &visitor, &actor, context! { notice => notice }, StatusCode::OK).await
}

async fn create_user(State(state): State<SharedState>, visitor: Visitor, Staff(actor): Staff, axum::Form(pairs): axum::Form<Vec<(String, String)>>) -> AppResult<Response> {
    let f = FormFields(pairs);
    csrf::check_staff(&actor, f.get("csrf"))?;
    require(&state, &actor, Action::ManageUsers).await?;
    let unit = f.id("org_unit_id");
    let role = f.get("role").and_then(Role::parse);
    if role.is_none() {
        let extra = context! { error => t("user.role_unknown", Lang::Vi), error_field => "role", form => context! { username => f.text("username"), display_name => f.text("display_name") } };
        return render_users(&state, &visitor, &actor, extra, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let password = generate_password(16);
    let new = NewUser {
        username: f.text("username"),
        display_name: f.text("display_name"),
        password: password.clone(),
        org_unit_id: unit,
        grants: match (role, unit) {
            (Some(role), Some(unit_id)) => vec![Grant { role, unit_id }],
            _ => Vec::new(),
        },
    };
    match state.store.accounts().create_user(&actor, &new).await {
        Ok(_) => {
            let shown = context! { created => context! { username => new.username.trim().to_lowercase(), password => password } };
            render_users(&state, &visitor, &actor, shown, StatusCode::OK).await
        }
        Err(e) => {
            let (field, msg) = form_error(e)?;
            let extra = context! { error => msg, error_field => field, form => context! { username => new.username, display_name => new.display_name } };
            render_users(&state, &visitor, &actor, extra, StatusCode::UNPROCESSABLE_ENTITY).await
        }
    }
}

async fn set_roles(State(state): State<SharedState>, visitor: Visitor, Staff(actor): Staff, Path(id): Path<i32>, axum::Form(pairs): axum::Form<Vec<(String, String)>>) -> AppResult<Response> {
    let f = FormFields(pairs);
    csrf::check_staff(&actor, f.get("csrf"))?;
    let mut grants = grants_from(&f)?;
    if let (Some(role), Some(unit_id)) = (f.get("add_role").and_then(Role::parse), f.id("add_unit")) {
        grants.push(Grant { role, unit_id });
    }
    match state.store.accounts().set_grants(&actor, id, &grants).await {
        Ok(()) => Ok(Redirect::to("/quan-tri/nguoi-dung?tb=da-luu").into_response()),
        Err(e) => {
            let (_, msg) = form_error(e)?;
            render_users(&state, &visitor, &actor, context! { error => msg }, StatusCode::UNPROCESSABLE_ENTITY).await
        }
    }
}

async fn reset_password(State(state): State<SharedState>, visitor: Visitor, Staff(actor): Staff, Path(id): Path<i32>, axum::Form(pairs): axum::Form<Vec<(String, String)>>) -> AppResult<Response> {
    let f = FormFields(pairs);
    csrf::check_staff(&actor, f.get("csrf"))?;
    if id == actor.user_id {
        return Ok(Redirect::to("/quan-tri/mat-khau").into_response());
    }
    let password = generate_password(16);
    state.store.accounts().set_password(&actor, id, None, &password).await?;
    let name = state.store.accounts().users().await?.into_iter().find(|u| u.id == id).map(|u| u.username).unwrap_or_default();
    render_users(&state, &visitor, &actor, context! { reset => context! { username => name, password => password } }, StatusCode::OK).await
}

async fn set_active(State(state): State<SharedState>, visitor: Visitor, Staff(actor): Staff, Path(id): Path<i32>, axum::Form(pairs): axum::Form<Vec<(String, String)>>) -> AppResult<Response> {
    let f = FormFields(pairs);
    csrf::check_staff(&actor, f.get("csrf"))?;
    match state.store.accounts().set_user_active(&actor, id, f.get("active") == Some("1")).await {
        Ok(()) => Ok(Redirect::to("/quan-tri/nguoi-dung?tb=da-luu").into_response()),
        Err(e) => {
            let (_, msg) = form_error(e)?;
            render_users(&state, &visitor, &actor, context! { error => msg }, StatusCode::UNPROCESSABLE_ENTITY).await
        }
    }
}

async fn render_units(state: &SharedState, visitor: &Visitor, actor: &Actor, extra: Value, status: StatusCode) -> AppResult<Response> {
    let units = state.store.units().org_units().await?;
    let ctx = context! {
        ..staff_context(state, visitor, actor, "/quan-tri/don-vi", t("admin.units.title", Lang::Vi)).await?,
        ..extra,
        ..context! { units => units }
    };
    Ok(page(status, state.templates.render("admin/units.html", ctx)?))
}

async fn units(State(state): State<SharedState>, visitor: Visitor, Staff(actor): Staff, Query(q): Query<Notice>) -> AppResult<Response> {
    require(&state, &actor, Action::ManageUnits).await?;
    let notice = q.tb.as_deref().filter(|s| *s == "da-luu").map(|_| t("admin.notice.saved", Lang::Vi));
    render_units(&state, &visitor, &actor, context! { notice => notice }, StatusCode::OK).await
}

async fn create_unit(State(state): State<SharedState>, visitor: Visitor, Staff(actor): Staff, axum::Form(pairs): axum::Form<Vec<(String, String)>>) -> AppResult<Response> {
    let f = FormFields(pairs);
    csrf::check_staff(&actor, f.get("csrf"))?;
    match state.store.units().create_unit(&actor, f.id("parent_id"), &f.text("name"), &f.text("level")).await {
        Ok(_) => Ok(Redirect::to("/quan-tri/don-vi?tb=da-luu").into_response()),
        Err(e) => {
            let (_, msg) = form_error(e)?;
            render_units(&state, &visitor, &actor, context! { error => msg, form_name => f.text("name") }, StatusCode::UNPROCESSABLE_ENTITY).await
        }
    }
}

async fn update_unit(State(state): State<SharedState>, visitor: Visitor, Staff(actor): Staff, Path(id): Path<i32>, axum::Form(pairs): axum::Form<Vec<(String, String)>>) -> AppResult<Response> {
    let f = FormFields(pairs);
    csrf::check_staff(&actor, f.get("csrf"))?;
    let r = if f.get("delete") == Some("1") {
        state.store.units().delete_unit(&actor, id).await
    } else {
        state.store.units().update_unit(&actor, id, f.id("parent_id"), &f.text("name")).await
    };
    match r {
        Ok(()) => Ok(Redirect::to("/quan-tri/don-vi?tb=da-luu").into_response()),
        Err(e) => {
            let (_, msg) = form_error(e)?;
            render_units(&state, &visitor, &actor, context! { error => msg }, StatusCode::UNPROCESSABLE_ENTITY).await
        }
    }
}

async fn render_categories(state: &SharedState, visitor: &Visitor, actor: &Actor, extra: Value, status: StatusCode) -> AppResult<Response> {
    let cats = state.store.units().categories().await?;
    let ctx = context! {
        ..staff_context(state, visitor, actor, "/quan-tri/chuyen-muc", t("admin.categories.title", Lang::Vi)).await?,
        ..extra,
        ..context! { items => cats }
    };
    Ok(page(status, state.templates.render("admin/categories.html", ctx)?))
}

async fn categories(State(state): State<SharedState>, visitor: Visitor, Staff(actor): Staff, Query(q): Query<Notice>) -> AppResult<Response> {
    require(&state, &actor, Action::ManageCategories).await?;
    let notice = q.tb.as_deref().filter(|s| *s == "da-luu").map(|_| t("admin.notice.saved", Lang::Vi));
    render_categories(&state, &visitor, &actor, context! { notice => notice }, StatusCode::OK).await
}

async fn create_category(State(state): State<SharedState>, visitor: Visitor, Staff(actor): Staff, axum::Form(pairs): axum::Form<Vec<(String, String)>>) -> AppResult<Response> {
    let f = FormFields(pairs);
    csrf::check_staff(&actor, f.get("csrf"))?;
    match state.store.units().create_category(&actor, &f.text("name"), f.get("description")).await {
        Ok(_) => {
            state.cache_forget_site();
            Ok(Redirect::to("/quan-tri/chuyen-muc?tb=da-luu").into_response())
        }
        Err(e) => {
            let (_, msg) = form_error(e)?;
            render_categories(&state, &visitor, &actor, context! { error => msg, form_name => f.text("name") }, StatusCode::UNPROCESSABLE_ENTITY).await
        }
    }
}

async fn update_category(State(state): State<SharedState>, visitor: Visitor, Staff(actor): Staff, Path(id): Path<i32>, axum::Form(pairs): axum::Form<Vec<(String, String)>>) -> AppResult<Response> {
    let f = FormFields(pairs);
    csrf::check_staff(&actor, f.get("csrf"))?;
    let r = if f.get("delete") == Some("1") {
        state.store.units().delete_category(&actor, id).await
    } else {
        state.store.units().update_category(&actor, id, &f.text("name"), f.get("description")).await
    };
    match r {
        Ok(()) => {
            state.cache_forget_site();
            Ok(Redirect::to("/quan-tri/chuyen-muc?tb=da-luu").into_response())
        }
        Err(e) => {
            let (_, msg) = form_error(e)?;
            render_categories(&state, &visitor, &actor, context! { error => msg }, StatusCode::UNPROCESSABLE_ENTITY).await
        }
    }
}

async fn password_page(State(state): State<SharedState>, visitor: Visitor, Staff(actor): Staff, Query(q): Query<Notice>) -> AppResult<Response> {
    let notice = q.tb.as_deref().filter(|s| *s == "da-luu").map(|_| t("admin.password.changed", Lang::Vi));
    let ctx = context! {
        ..staff_context(&state, &visitor, &actor, "/quan-tri/mat-khau", t("admin.password.title", Lang::Vi)).await?,
        ..context! { notice => notice, must_change => actor.must_change_password }
    };
    Ok(page(StatusCode::OK, state.templates.render("admin/password.html", ctx)?))
}

async fn change_password(State(state): State<SharedState>, visitor: Visitor, Staff(actor): Staff, axum::Form(pairs): axum::Form<Vec<(String, String)>>) -> AppResult<Response> {
    let f = FormFields(pairs);
    csrf::check_staff(&actor, f.get("csrf"))?;
    let new = f.text("password");
    let err = if new != f.text("password_again") {
        Some((Some("password_again"), t("password.mismatch", Lang::Vi).to_owned()))
    } else {
        match state.store.accounts().set_password(&actor, actor.user_id, f.get("current_password"), &new).await {
            Ok(()) => None,
            Err(e) => Some(form_error(e)?),
        }
    };
    match err {
        None => Ok(Redirect::to("/quan-tri/mat-khau?tb=da-luu").into_response()),
        Some((field, msg)) => {
            let ctx = context! {
                ..staff_context(&state, &visitor, &actor, "/quan-tri/mat-khau", t("admin.password.title", Lang::Vi)).await?,
                ..context! { error => msg, error_field => field, must_change => actor.must_change_password }
            };
            Ok(page(StatusCode::UNPROCESSABLE_ENTITY, state.templates.render("admin/password.html", ctx)?))
        }
    }
}

/// The two-step sign-in page: status, and while setting up, the secret to
/// type or the `otpauth://` address to open in an authenticator app.
async fn render_totp(state: &SharedState, visitor: &Visitor, actor: &Actor, secret: Option<String>, extra: Value, status: StatusCode) -> AppResult<Response> {
    let info = crate::kit::page::site_info(state).await?;
    let uri = secret.as_deref().map(|s| danvan_domain::totp::uri(&info.site.name, &actor.username, s));
    // Groups of four characters are easier to type.
    let grouped = secret.as_deref().map(|s| s.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join(" "));
    let ctx = context! {
        ..staff_context(state, visitor, actor, "/quan-tri/hai-buoc", t("admin.totp.title", Lang::Vi)).await?,
        ..extra,
        ..context! { enabled => actor.totp_enabled, secret => grouped, uri => uri }
    };
    Ok(page(status, state.templates.render("admin/totp.html", ctx)?))
}

async fn totp_page(State(state): State<SharedState>, visitor: Visitor, Staff(actor): Staff, Query(q): Query<Notice>) -> AppResult<Response> {
    let notice = match q.tb.as_deref() {
        Some("bat") => Some(t("admin.totp.turned_on", Lang::Vi)),
        Some("tat") => Some(t("admin.totp.turned_off", Lang::Vi)),
        _ => None,
    };
    render_totp(&state, &visitor, &actor, None, context! { notice => notice }, StatusCode::OK).await
}

async fn start_totp(State(state): State<SharedState>, visitor: Visitor, Staff(actor): Staff, axum::Form(pairs): axum::Form<Vec<(String, String)>>) -> AppResult<Response> {
    let f = FormFields(pairs);
    csrf::check_staff(&actor, f.get("csrf"))?;
    match state.store.accounts().start_totp(&actor).await {
        Ok(secret) => render_totp(&state, &visitor, &actor, Some(secret), context! {}, StatusCode::OK).await,
        Err(e) => {
            let (_, msg) = form_error(e)?;
            render_totp(&state, &visitor, &actor, None, context! { error => msg }, StatusCode::UNPROCESSABLE_ENTITY).await
        }
    }
}

async fn set_totp(State(state): State<SharedState>, visitor: Visitor, Staff(actor): Staff, axum::Form(pairs): axum::Form<Vec<(String, String)>>) -> AppResult<Response> {
    let f = FormFields(pairs);
    csrf::check_staff(&actor, f.get("csrf"))?;
    let on = f.get("on") == Some("1");
    match state.store.accounts().set_totp(&actor, on, &f.text("code")).await {
        Ok(()) => Ok(Redirect::to(if on { "/quan-tri/hai-buoc?tb=bat" } else { "/quan-tri/hai-buoc?tb=tat" }).into_response()),
        Err(e) => {
            let (_, msg) = form_error(e)?;
            // While setting up, show the same secret again so the user can retry.
            let secret = if on { state.store.accounts().start_totp(&actor).await.ok() } else { None };
            render_totp(&state, &visitor, &actor, secret, context! { error => msg }, StatusCode::UNPROCESSABLE_ENTITY).await
        }
    }
}
