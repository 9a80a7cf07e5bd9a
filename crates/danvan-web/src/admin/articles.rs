//! Back-office articles: the list, the editor (rich text with a plain HTML
//! fallback, figures with image, alt text, caption and credit as separate
//! fields), the workflow buttons, preview, revisions with a word diff and
//! restore, and the audit log. The registry records an article is about
//! are picked on the same form ([`super::article_models`]).

use crate::kit::csrf;
use crate::kit::form::FormFields;
use super::article_models::{self, ModelsPosted};
use super::{Staff, form_error, page, staff_context};
use crate::error::{AppError, AppResult};
use crate::kit::visitor::Visitor;
use crate::SharedState;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use danvan_domain::ErrorCode;
use danvan_domain::editorial::{Action, ArticleStatus, Permissions, Transition, offered_transitions};
use danvan_domain::messages::{Lang, t};
use danvan_store::{Actor, ArticleEdit, ArticleInput, FigureInput};
use minijinja::{Value, context};
use serde::{Deserialize, Serialize};

/// Largest editor form, in bytes: room for a body at the store's limit
/// ([`danvan_store::MAX_BODY_BYTES`]) once URL-encoded, so an oversize body
/// gets the store's clear message rather than a bare 413.
const FORM_LIMIT: usize = 3 * danvan_store::MAX_BODY_BYTES + 64 * 1024;

/// Figure rows offered on the form beyond the existing ones.
const BLANK_FIGURES: usize = 2;
/// Articles per page of the list.
const PER_PAGE: u64 = 30;

pub(super) fn router() -> Router<SharedState> {
    Router::new()
        .route("/quan-tri/bai-viet/moi", get(new_page))
        .route("/quan-tri/bai-viet", post(create).layer(DefaultBodyLimit::max(FORM_LIMIT)))
        .route("/quan-tri/bai-viet/{id}", get(edit_page).post(save).layer(DefaultBodyLimit::max(FORM_LIMIT)))
        .route("/quan-tri/bai-viet/{id}/chuyen", post(transition))
        .route("/quan-tri/bai-viet/{id}/xem-truoc", get(preview))
        .route("/quan-tri/bai-viet/{id}/phien-ban", get(revisions))
        .route("/quan-tri/bai-viet/{id}/phien-ban/{n}/khoi-phuc", post(restore))
        .route("/quan-tri/nhat-ky", get(audit_log))
}

#[derive(Deserialize)]
pub(super) struct ListQuery {
    trang_thai: Option<String>,
    trang: Option<String>,
    tb: Option<String>,
}

#[derive(Serialize)]
struct StatusOption {
    value: &'static str,
    label: &'static str,
    selected: bool,
}

/// `/quan-tri`: the articles the user works on, newest change first.
pub(super) async fn list(State(state): State<SharedState>, visitor: Visitor, Staff(actor): Staff, Query(q): Query<ListQuery>) -> AppResult<Response> {
    let status = q.trang_thai.as_deref().and_then(ArticleStatus::parse);
    let page_no = crate::kit::paging::PageNo::parse(q.trang.as_deref())?.get();
    let (rows, total) = state.store.articles().back_office_articles(&actor, status, page_no, PER_PAGE).await?;
    let tree = state.store.units().unit_tree().await?;
    let can_create = Permissions { grants: &actor.grants, tree: &tree }.can(Action::CreateArticle, None);
    let statuses: Vec<StatusOption> = ArticleStatus::ALL
        .into_iter()
        .map(|s| StatusOption { value: s.as_str(), label: t(s.message_key(), Lang::Vi), selected: Some(s) == status })
        .collect();
    let rows: Vec<Value> = rows
        .iter()
        .map(|r| {
            context! { row => r, status_label => ArticleStatus::parse(r.status).map(|s| t(s.message_key(), Lang::Vi)).unwrap_or(r.status) }
        })
        .collect();
    let pages = crate::kit::paging::PageNo::parse(q.trang.as_deref())?.check_within(total, PER_PAGE)?;
    let ctx = context! {
        ..staff_context(&state, &visitor, &actor, "/quan-tri", t("admin.articles.title", Lang::Vi)).await?,
        ..context! { rows => rows, total => total, statuses => statuses, can_create => can_create, page => page_no, pages => pages,
                     current_status => status.map(|s| s.as_str()), notice => q.tb.as_deref().map(notice) }
    };
    Ok(page(StatusCode::OK, state.templates.render("admin/articles.html", ctx)?))
}

/// A notice after a redirect (`?tb=…`); unknown values show nothing.
fn notice(code: &str) -> &'static str {
    match code {
        "da-luu" => t("admin.notice.saved", Lang::Vi),
        "da-tao" => t("admin.notice.created", Lang::Vi),
        "da-chuyen" => t("admin.notice.moved", Lang::Vi),
        "da-khoi-phuc" => t("admin.notice.restored", Lang::Vi),
        _ => "",
    }
}

#[derive(Serialize)]
struct Choice {
    id: i32,
    label: String,
    selected: bool,
}

#[derive(Serialize)]
struct StepButton {
    value: &'static str,
    label: &'static str,
}

/// The values shown in the editor form: a stored article, or what was
/// posted when it must be shown again with an error (nothing typed is lost).
#[derive(Serialize, Default)]
struct FormValues {
    title: String,
    lead: String,
    body_html: String,
    byline: String,
    tags: String,
    category_id: Option<i32>,
    org_unit_id: Option<i32>,
    featured_media_id: Option<i32>,
    figures: Vec<FigureInput>,
    video_media_ids: Vec<i32>,
    version: i64,
    /// The workflow comment typed with a refused step (shown again).
    comment: String,
    /// The linked records' fields as posted (shown again when refused).
    #[serde(skip)]
    models: ModelsPosted,
    /// The refused references of the linked records.
    #[serde(skip)]
    model_problems: Vec<danvan_domain::registry::links::RefProblem>,
}

/// The refused references of a save, told apart from other errors.
fn model_problems(e: danvan_store::StoreError) -> Result<Vec<danvan_domain::registry::links::RefProblem>, danvan_store::StoreError> {
    match e {
        danvan_store::StoreError::Items { problems, .. } => Ok(problems),
        other => Err(other),
    }
}

/// Figure markers (`<figure data-figure="N"></figure>`) shown to editors as
/// `[[hinh-N]]` paragraphs they can move; turned back on save.
fn markers_to_placeholders(html: &str, figures: usize) -> String {
    let mut out = html.to_owned();
    for n in 1..=figures.max(1) as i32 {
        out = out.replace(&danvan_store::figure_marker(n), &format!("<p>[[hinh-{n}]]</p>"));
    }
    out
}

fn placeholders_to_markers(html: &str) -> String {
    let mut out = html.to_owned();
    for n in 1..=50 {
        out = out.replace(&format!("<p>[[hinh-{n}]]</p>"), &danvan_store::figure_marker(n));
    }
    out
}

impl FormValues {
    fn of(a: &ArticleEdit) -> FormValues {
        FormValues {
            title: a.title.clone(),
            lead: a.lead.clone().unwrap_or_default(),
            body_html: markers_to_placeholders(&a.body_html, a.figures.len()),
            byline: a.byline.clone().unwrap_or_default(),
            tags: a.tags.join(", "),
            category_id: a.category_id,
            org_unit_id: Some(a.org_unit_id),
            featured_media_id: a.featured_media_id,
            figures: a.figures.clone(),
            video_media_ids: a.video_media_ids.clone(),
            version: a.version,
            ..Default::default()
        }
    }
}

/// Reads the editor's form into an input for the store, sanitising the body
/// (returns the kinds of things removed, for a notice).
fn read_form(f: &FormFields) -> (ArticleInput, i64, Vec<&'static str>) {
    let sanitized = danvan_import::sanitize::sanitize_with_report(f.get("body_html").unwrap_or(""));
    let mut figures = Vec::new();
    for i in 1..=50 {
        let key = |k: &str| format!("figure_{k}_{i}");
        if f.get(&key("caption")).is_none() && f.get(&key("media")).is_none() {
            continue;
        }
        figures.push(FigureInput {
            media_id: f.id(&key("media")),
            alt: f.text(&key("alt")),
            caption: f.text(&key("caption")),
            credit: f.opt(&key("credit")),
        });
    }
    let input = ArticleInput {
        title: f.text("title"),
        lead: f.opt("lead"),
        body_html: placeholders_to_markers(&sanitized.html),
        byline: f.opt("byline"),
        category_id: f.id("category_id"),
        org_unit_id: f.id("org_unit_id"),
        tags: f.text("tags").split([',', ';']).map(str::to_owned).collect(),
        featured_media_id: f.id("featured_media_id"),
        figures,
        video_media_ids: f.all("video_media_id").iter().filter_map(|v| v.parse().ok()).collect(),
    };
    let version = f.get("version").and_then(|v| v.parse().ok()).unwrap_or(0);
    (input, version, sanitized.removed)
}

fn values_from_input(i: &ArticleInput, version: i64) -> FormValues {
    FormValues {
        title: i.title.clone(),
        lead: i.lead.clone().unwrap_or_default(),
        body_html: markers_to_placeholders(&i.body_html, i.figures.len()),
        byline: i.byline.clone().unwrap_or_default(),
        tags: i.tags.join(", "),
        category_id: i.category_id,
        org_unit_id: i.org_unit_id,
        featured_media_id: i.featured_media_id,
        figures: i.figures.clone(),
        video_media_ids: i.video_media_ids.clone(),
        version,
        ..Default::default()
    }
}

/// Renders the editor for a new (`article` None) or existing article.
#[allow(clippy::too_many_arguments)]
async fn render_editor(
    state: &SharedState,
    visitor: &Visitor,
    actor: &Actor,
    article: Option<&ArticleEdit>,
    mut values: FormValues,
    error: Option<(Option<&'static str>, String)>,
    notice: Option<String>,
    status: StatusCode,
) -> AppResult<Response> {
    let tree = state.store.units().unit_tree().await?;
    let perms = Permissions { grants: &actor.grants, tree: &tree };
    let categories: Vec<Choice> = state
        .store
        .units()
        .categories()
        .await?
        .into_iter()
        .map(|c| Choice { selected: values.category_id == Some(c.id), id: c.id, label: c.name })
        .collect();
    let unit_action = if article.is_some() { Action::EditAnyArticle } else { Action::CreateArticle };
    let units: Vec<Choice> = state
        .store
        .units()
        .org_units()
        .await?
        .into_iter()
        .filter(|u| perms.can(unit_action, Some(u.id)) || values.org_unit_id == Some(u.id))
        .map(|u| Choice { selected: values.org_unit_id == Some(u.id), id: u.id, label: format!("{}{}", "— ".repeat(u.depth), u.name) })
        .collect();
    let (media, _) = state.store.media().media_list(1, 200).await?;
    let images: Vec<Value> = media.iter().filter(|m| m.kind == "image").map(|m| context! { id => m.id, label => format!("#{} {}", m.id, m.original_name), alt => &m.alt }).collect();
    let videos: Vec<Value> = media
        .iter()
        .filter(|m| m.kind == "video")
        .map(|m| context! { id => m.id, label => format!("#{} {}", m.id, if m.caption.is_empty() { &m.original_name } else { &m.caption }), selected => values.video_media_ids.contains(&m.id) })
        .collect();
    values.figures.extend(std::iter::repeat_n(FigureInput::default(), BLANK_FIGURES));
    let models = article_models::editor_context(state, actor, article.map(|a| a.id), &values.models, &values.model_problems).await?;
    let steps: Vec<StepButton> = match article {
        Some(a) => offered_transitions(a.status_value.unwrap_or(ArticleStatus::Draft), a.org_unit_id, &perms)
            .into_iter()
            .map(|s| StepButton { value: s.as_str(), label: t(s.message_key(), Lang::Vi) })
            .collect(),
        None => Vec::new(),
    };
    let can_edit = match article {
        Some(a) => perms.can_edit(a.status_value.unwrap_or(ArticleStatus::Draft), a.org_unit_id, a.author_id, actor.user_id),
        None => true,
    };
    let title = match article {
        Some(a) => danvan_domain::messages::format("admin.editor.edit_title", Lang::Vi, &[("title", &a.title)]),
        None => t("admin.editor.new_title", Lang::Vi).to_owned(),
    };
    let path = article.map(|a| format!("/quan-tri/bai-viet/{}", a.id)).unwrap_or_else(|| "/quan-tri/bai-viet/moi".to_owned());
    let ctx = context! {
        ..staff_context(state, visitor, actor, &path, &title).await?,
        ..context! {
            article => article,
            status_label => article.and_then(|a| a.status_value).map(|s| t(s.message_key(), Lang::Vi)),
            values => values,
            models => models,
            category_choices => categories,
            unit_choices => units,
            images => images,
            videos => videos,
            steps => steps,
            can_edit => can_edit,
            error_field => error.as_ref().and_then(|(f, _)| *f),
            error => error.map(|(_, m)| m),
            notice => notice,
            action => article.map(|a| format!("/quan-tri/bai-viet/{}", a.id)).unwrap_or_else(|| "/quan-tri/bai-viet".to_owned()),
        }
    };
    Ok(page(status, state.templates.render("admin/editor.html", ctx)?))
}

async fn new_page(State(state): State<SharedState>, visitor: Visitor, Staff(actor): Staff) -> AppResult<Response> {
    let values = FormValues { org_unit_id: actor.org_unit_id, ..Default::default() };
    render_editor(&state, &visitor, &actor, None, values, None, None, StatusCode::OK).await
}

fn removed_notice(removed: &[&'static str]) -> Option<String> {
    (!removed.is_empty()).then(|| {
        let list = removed.iter().map(|r| {
                let key = format!("sanitize.{r}");
                t(&key, Lang::Vi).to_owned()
            }).collect::<Vec<_>>().join(", ");
        danvan_domain::messages::format("admin.editor.cleaned", Lang::Vi, &[("list", &list)])
    })
}

async fn create(State(state): State<SharedState>, visitor: Visitor, Staff(actor): Staff, axum::Form(pairs): axum::Form<Vec<(String, String)>>) -> AppResult<Response> {
    let f = FormFields(pairs);
    csrf::check_staff(&actor, f.get("csrf"))?;
    let (input, _, removed) = read_form(&f);
    let posted = ModelsPosted::read(&f);
    let result = match posted.change() {
        Ok(change) => state.store.articles().create_article_with_models(&actor, input.clone(), &change).await,
        Err(problems) => Err(danvan_store::StoreError::Items { field: "models", problems }),
    };
    match result {
        Ok(id) => Ok(Redirect::to(&format!("/quan-tri/bai-viet/{id}?tb=da-tao")).into_response()),
        Err(e) => {
            let mut values = FormValues { models: posted, ..values_from_input(&input, 0) };
            let err = match model_problems(e) {
                Ok(problems) => {
                    values.model_problems = problems;
                    (Some("models"), t("registry.link.invalid", Lang::Vi).to_owned())
                }
                Err(e) => form_error(e)?,
            };
            render_editor(&state, &visitor, &actor, None, values, Some(err), removed_notice(&removed), StatusCode::UNPROCESSABLE_ENTITY).await
        }
    }
}

#[derive(Deserialize)]
struct EditQuery {
    tb: Option<String>,
}

async fn load(state: &SharedState, id: i32) -> AppResult<ArticleEdit> {
    state.store.articles().article_for_edit(id).await?.ok_or(AppError::new(ErrorCode::ArticleNotFound))
}

/// May the actor see this article in the back office at all?
async fn can_view(state: &SharedState, actor: &Actor, a: &ArticleEdit) -> AppResult<bool> {
    let tree = state.store.units().unit_tree().await?;
    let p = Permissions { grants: &actor.grants, tree: &tree };
    Ok(p.can_view_article(a.org_unit_id, a.author_id, actor.user_id))
}

async fn edit_page(State(state): State<SharedState>, visitor: Visitor, Staff(actor): Staff, Path(id): Path<i32>, Query(q): Query<EditQuery>) -> AppResult<Response> {
    let a = load(&state, id).await?;
    if !can_view(&state, &actor, &a).await? {
        return Err(AppError::new(ErrorCode::Forbidden));
    }
    let values = FormValues::of(&a);
    let n = q.tb.as_deref().map(notice).filter(|s| !s.is_empty()).map(str::to_owned);
    render_editor(&state, &visitor, &actor, Some(&a), values, None, n, StatusCode::OK).await
}

async fn save(State(state): State<SharedState>, visitor: Visitor, Staff(actor): Staff, Path(id): Path<i32>, axum::Form(pairs): axum::Form<Vec<(String, String)>>) -> AppResult<Response> {
    let f = FormFields(pairs);
    csrf::check_staff(&actor, f.get("csrf"))?;
    let a = load(&state, id).await?;
    let (input, version, removed) = read_form(&f);
    let posted = ModelsPosted::read(&f);
    let result = match posted.change() {
        Ok(change) => state.store.articles().update_article_with_models(&actor, id, version, input.clone(), &change).await,
        Err(problems) => Err(danvan_store::StoreError::Items { field: "models", problems }),
    };
    match result {
        Ok(()) => {
            if let Some(n) = removed_notice(&removed) {
                let a = load(&state, id).await?;
                return render_editor(&state, &visitor, &actor, Some(&a), FormValues::of(&a), None, Some(n), StatusCode::OK).await;
            }
            state.cache_forget(&a.slug);
            Ok(Redirect::to(&format!("/quan-tri/bai-viet/{id}?tb=da-luu")).into_response())
        }
        Err(danvan_store::StoreError::Rule(ErrorCode::Forbidden)) => Err(AppError::new(ErrorCode::Forbidden)),
        Err(e) => {
            let mut values = FormValues { models: posted, ..values_from_input(&input, version) };
            let err = match model_problems(e) {
                Ok(problems) => {
                    values.model_problems = problems;
                    (Some("models"), t("registry.link.invalid", Lang::Vi).to_owned())
                }
                Err(e) => form_error(e)?,
            };
            let status = if err.0.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::CONFLICT };
            render_editor(&state, &visitor, &actor, Some(&a), values, Some(err), removed_notice(&removed), status).await
        }
    }
}

/// Reads `YYYY-MM-DDTHH:MM` (a `datetime-local` field) as Vietnam time.
fn parse_local_time(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    let naive = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S")).ok()?;
    // the same bound as publication dates elsewhere
    if !(1900..=2200).contains(&chrono::Datelike::year(&naive)) {
        return None;
    }
    crate::templates::vietnam().from_local_datetime(&naive).single().map(|t| t.with_timezone(&Utc))
}

async fn transition(State(state): State<SharedState>, visitor: Visitor, Staff(actor): Staff, Path(id): Path<i32>, axum::Form(pairs): axum::Form<Vec<(String, String)>>) -> AppResult<Response> {
    let f = FormFields(pairs);
    csrf::check_staff(&actor, f.get("csrf"))?;
    let step = f.get("step").and_then(Transition::parse_form).ok_or(AppError::new(ErrorCode::BadRequest))?;
    let comment = f.opt("comment");
    let at = match step {
        Transition::Schedule => match f.opt("at").as_deref().and_then(parse_local_time) {
            Some(t) => Some(t),
            None => {
                let a = load(&state, id).await?;
                let values = FormValues { comment: comment.unwrap_or_default(), ..FormValues::of(&a) };
                let err = (Some("at"), t("workflow.time_invalid", Lang::Vi).to_owned());
                return render_editor(&state, &visitor, &actor, Some(&a), values, Some(err), None, StatusCode::UNPROCESSABLE_ENTITY).await;
            }
        },
        _ => None,
    };
    match state.store.articles().transition_article(&actor, id, step, comment.as_deref(), at).await {
        Ok(_) => {
            if let Ok(a) = load(&state, id).await {
                state.cache_forget(&a.slug);
            }
            Ok(Redirect::to(&format!("/quan-tri/bai-viet/{id}?tb=da-chuyen")).into_response())
        }
        Err(danvan_store::StoreError::Rule(ErrorCode::Forbidden)) => Err(AppError::new(ErrorCode::Forbidden)),
        Err(e) => {
            let err = form_error(e)?;
            let a = load(&state, id).await?;
            let values = FormValues { comment: comment.unwrap_or_default(), ..FormValues::of(&a) };
            render_editor(&state, &visitor, &actor, Some(&a), values, Some(err), None, StatusCode::UNPROCESSABLE_ENTITY).await
        }
    }
}

/// The article as readers will see it, before publication.
async fn preview(State(state): State<SharedState>, visitor: Visitor, Staff(actor): Staff, Path(id): Path<i32>) -> AppResult<Response> {
    let a = load(&state, id).await?;
    if !can_view(&state, &actor, &a).await? {
        return Err(AppError::new(ErrorCode::Forbidden));
    }
    let ids: Vec<i32> = a.figures.iter().filter_map(|f| f.media_id).collect();
    let media = state.store.media().media_by_ids(&ids).await?;
    let figures: Vec<danvan_store::FigureView> = a
        .figures
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let m = f.media_id.and_then(|m| media.iter().find(|x| x.id == m));
            danvan_store::FigureView {
                position: i as i32 + 1,
                image_url: m.map(|m| m.url()),
                responsive: m.and_then(|m| danvan_store::Responsive::of(&m.variants)),
                alt: f.alt.clone(),
                caption: f.caption.clone(),
                credit: f.credit.clone(),
            }
        })
        .collect();
    let body = crate::portal::render_body(&a.body_html, &figures);
    let ctx = context! {
        ..staff_context(&state, &visitor, &actor, &format!("/quan-tri/bai-viet/{id}/xem-truoc"), &a.title).await?,
        ..context! { article => &a, body => Value::from_safe_string(body) }
    };
    Ok(page(StatusCode::OK, state.templates.render("admin/preview.html", ctx)?))
}

#[derive(Deserialize)]
struct RevisionQuery {
    so: Option<i32>,
}

async fn revisions(State(state): State<SharedState>, visitor: Visitor, Staff(actor): Staff, Path(id): Path<i32>, Query(q): Query<RevisionQuery>) -> AppResult<Response> {
    let a = load(&state, id).await?;
    if !can_view(&state, &actor, &a).await? {
        return Err(AppError::new(ErrorCode::Forbidden));
    }
    let revs = state.store.articles().revisions(id).await?;
    // Compare the chosen revision (default: the one before the latest) with the latest.
    let latest = revs.first();
    let chosen = q.so.and_then(|n| revs.iter().find(|r| r.number == n)).or_else(|| revs.get(1));
    let diff = match (chosen, latest) {
        (Some(old), Some(new)) => Some(danvan_domain::diff::diff_words(&danvan_store::revision_text(old), &danvan_store::revision_text(new))),
        _ => None,
    };
    let (log, _) = state.store.audit_log().entries(&actor, Some(("article", id)), 1, 100).await?;
    let title = danvan_domain::messages::format("admin.revisions.title", Lang::Vi, &[("title", &a.title)]);
    let ctx = context! {
        ..staff_context(&state, &visitor, &actor, &format!("/quan-tri/bai-viet/{id}/phien-ban"), &title).await?,
        ..context! { article => &a, revisions => &revs, chosen => chosen.map(|r| r.number), latest => latest.map(|r| r.number), diff => diff, log => log }
    };
    Ok(page(StatusCode::OK, state.templates.render("admin/revisions.html", ctx)?))
}

async fn restore(State(state): State<SharedState>, Staff(actor): Staff, Path((id, n)): Path<(i32, i32)>, axum::Form(pairs): axum::Form<Vec<(String, String)>>) -> AppResult<Response> {
    let f = FormFields(pairs);
    csrf::check_staff(&actor, f.get("csrf"))?;
    state.store.articles().restore_revision(&actor, id, n).await?;
    if let Ok(a) = load(&state, id).await {
        state.cache_forget(&a.slug);
    }
    Ok(Redirect::to(&format!("/quan-tri/bai-viet/{id}?tb=da-khoi-phuc")).into_response())
}

#[derive(Deserialize)]
struct AuditQuery {
    trang: Option<String>,
}

async fn audit_log(State(state): State<SharedState>, visitor: Visitor, Staff(actor): Staff, Query(q): Query<AuditQuery>) -> AppResult<Response> {
    let page_no = crate::kit::paging::PageNo::parse(q.trang.as_deref())?.get();
    let (rows, total) = state.store.audit_log().entries(&actor, None, page_no, 100).await?;
    let pages = crate::kit::paging::PageNo::parse(q.trang.as_deref())?.check_within(total, 100)?;
    let ctx = context! {
        ..staff_context(&state, &visitor, &actor, "/quan-tri/nhat-ky", t("admin.audit.title", Lang::Vi)).await?,
        ..context! { rows => rows, total => total, page => page_no, pages => pages }
    };
    Ok(page(StatusCode::OK, state.templates.render("admin/audit.html", ctx)?))
}
