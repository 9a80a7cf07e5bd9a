//! Repositories of the editorial back office: accounts and sessions, role
//! grants, articles through their workflow, revisions, tags, the audit log,
//! the media library's records and job leases.
//!
//! Every write runs in one transaction with its audit line, so the log never
//! misses a change that happened and never shows one that did not. The rules
//! (who may do what, which step follows which) are the domain's
//! ([`danvan_domain::editorial`]); this module loads what they need and
//! stores the outcome.

use crate::entity::{
    article, article_revision, article_tag, article_video, audit_event, category, figure, job_lease, media, org_unit,
    role_grant, sign_in_failure, tag, user_account, user_session,
};
use crate::portal::unique_slug;
use crate::{Store, StoreError, StoreResult, now};
use chrono::{DateTime, Duration, Utc};
use danvan_domain::ErrorCode;
use danvan_domain::accounts::{hash_password, random_secret, verify_password};
use danvan_domain::editorial::{
    self as rules, Action, ArticleStatus, Grant, LOCK_SECONDS, MAX_FAILED_PER_ADDRESS, MAX_FAILED_SIGN_INS, Permissions,
    Role, SESSION_IDLE_SECONDS, SESSION_MAX_SECONDS, StepContext, Transition, UnitTree,
};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 300;
/// Longest lead, in characters.
pub const MAX_LEAD_CHARS: usize = 2_000;
/// Largest body, in bytes of HTML (2 MiB; images are stored apart).
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;
/// Most tags on one article.
pub const MAX_TAGS: usize = 20;

/// The SHA-256 of a session token, as stored (the token itself never is).
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// The signed-in user as handlers see it.
#[derive(Debug, Clone, Serialize)]
pub struct Actor {
    pub user_id: i32,
    pub username: String,
    pub display_name: String,
    pub org_unit_id: Option<i32>,
    #[serde(skip)]
    pub grants: Vec<Grant>,
    /// The session's form token.
    pub csrf_token: String,
    pub session_id: i32,
    pub must_change_password: bool,
    /// Two-step sign-in is on for this account.
    pub totp_enabled: bool,
}

impl Actor {
    /// The scheduler acting on an approver's earlier decision.
    pub fn scheduler() -> Actor {
        Actor {
            user_id: 0,
            username: "scheduler".to_owned(),
            display_name: "Lịch đăng bài".to_owned(),
            org_unit_id: None,
            grants: Vec::new(),
            csrf_token: String::new(),
            session_id: 0,
            must_change_password: false,
            totp_enabled: false,
        }
    }

    fn user_ref(&self) -> Option<i32> {
        (self.user_id > 0).then_some(self.user_id)
    }
}

/// What a sign-in gives: the cookie's token (shown once) and the actor.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub token: String,
    pub actor: Actor,
}

/// A new account as an administrator enters it.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub username: String,
    pub display_name: String,
    pub password: String,
    pub org_unit_id: Option<i32>,
    pub grants: Vec<Grant>,
}

/// An account in the users list.
#[derive(Debug, Clone, Serialize)]
pub struct UserView {
    pub id: i32,
    pub username: String,
    pub display_name: String,
    pub org_unit_id: Option<i32>,
    pub is_active: bool,
    pub locked: bool,
    pub grants: Vec<GrantView>,
    pub created_at: DateTime<Utc>,
}

/// A grant with names, for pages.
#[derive(Debug, Clone, Serialize)]
pub struct GrantView {
    pub role: &'static str,
    pub unit_id: i32,
}

/// A figure as the editor's form sends it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct FigureInput {
    pub media_id: Option<i32>,
    pub alt: String,
    pub caption: String,
    pub credit: Option<String>,
}

/// The editable fields of an article. `body_html` must already be sanitised
/// (the web layer runs `danvan_import::sanitize`); the store checks sizes.
#[derive(Debug, Clone, Default)]
pub struct ArticleInput {
    pub title: String,
    pub lead: Option<String>,
    pub body_html: String,
    pub byline: Option<String>,
    pub category_id: Option<i32>,
    pub org_unit_id: Option<i32>,
    pub tags: Vec<String>,
    pub featured_media_id: Option<i32>,
    pub figures: Vec<FigureInput>,
    pub video_media_ids: Vec<i32>,
}

/// An article in the back-office list.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleRow {
    pub id: i32,
    pub slug: String,
    pub title: String,
    pub status: &'static str,
    pub category_id: Option<i32>,
    pub org_unit_id: Option<i32>,
    pub author_id: Option<i32>,
    pub published_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
}

/// Everything the edit page needs.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleEdit {
    pub id: i32,
    pub slug: String,
    pub title: String,
    pub lead: Option<String>,
    pub body_html: String,
    pub byline: Option<String>,
    pub category_id: Option<i32>,
    pub org_unit_id: i32,
    pub author_id: Option<i32>,
    pub status: &'static str,
    #[serde(skip)]
    pub status_value: Option<ArticleStatus>,
    pub published_at: Option<DateTime<Utc>>,
    pub return_comment: Option<String>,
    pub tags: Vec<String>,
    pub featured_media_id: Option<i32>,
    pub figures: Vec<FigureInput>,
    pub video_media_ids: Vec<i32>,
    pub version: i64,
}

/// A revision in the history list.
#[derive(Debug, Clone, Serialize)]
pub struct RevisionView {
    pub number: i32,
    pub title: String,
    pub lead: Option<String>,
    pub body_html: String,
    pub byline: Option<String>,
    pub category_id: Option<i32>,
    pub tags: String,
    pub figures: Vec<FigureInput>,
    pub author_name: String,
    pub created_at: DateTime<Utc>,
}

/// A line of the audit log.
#[derive(Debug, Clone, Serialize)]
pub struct AuditView {
    pub at: DateTime<Utc>,
    pub username: String,
    pub action: String,
    pub subject_kind: String,
    pub subject_id: Option<i32>,
    pub summary: String,
}

/// One stored rendition of a media file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct MediaVariant {
    pub width: u32,
    pub height: u32,
    /// `jpeg` or `webp` (images), `mp4` or `webm` (videos).
    pub format: String,
    pub key: String,
    pub size: u64,
}

/// A media record to store (its files are already in the file store).
#[derive(Debug, Clone)]
pub struct NewMedia {
    /// `image` or `video`.
    pub kind: &'static str,
    pub mime_type: &'static str,
    pub storage_key: String,
    pub original_name: String,
    pub size: u64,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub alt: String,
    pub caption: String,
    pub credit: Option<String>,
    pub variants: Vec<MediaVariant>,
    pub sha256: String,
}

/// A media library item, for pages.
#[derive(Debug, Clone, Serialize)]
pub struct MediaView {
    pub id: i32,
    pub kind: String,
    pub mime_type: String,
    pub storage_key: String,
    pub original_name: String,
    pub size: i64,
    pub width: Option<i32>,
    pub height: Option<i32>,
    pub alt: String,
    pub caption: String,
    pub credit: Option<String>,
    pub variants: Vec<MediaVariant>,
    pub created_at: DateTime<Utc>,
}

/// The public address of a stored media file (`/media/KEY`).
pub fn media_url(key: &str) -> String {
    format!("/media/{key}")
}

impl MediaView {
    /// The public address of the main rendition.
    pub fn url(&self) -> String {
        media_url(&self.storage_key)
    }
}

impl From<media::Model> for MediaView {
    fn from(m: media::Model) -> Self {
        MediaView {
            id: m.id,
            variants: serde_json::from_str(&m.variants).unwrap_or_default(),
            kind: m.kind,
            mime_type: m.mime_type,
            storage_key: m.storage_key,
            original_name: m.original_name,
            size: m.size,
            width: m.width,
            height: m.height,
            alt: m.alt,
            caption: m.caption,
            credit: m.credit,
            created_at: m.created_at,
        }
    }
}

/// Checks a user name: 3–40 characters of `a-z 0-9 . _ -`, starting with a
/// letter. Error code `user.bad_username`.
pub fn check_username(name: &str) -> StoreResult<()> {
    let ok = (3..=40).contains(&name.len())
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'));
    if ok { Ok(()) } else { Err(StoreError::Field { field: "username", code: "user.bad_username" }) }
}

fn field(field: &'static str, code: &'static str) -> StoreError {
    StoreError::Field { field, code }
}

fn forbidden() -> StoreError {
    StoreError::Rule(ErrorCode::Forbidden)
}

/// Writes one audit line in the caller's transaction.
pub(crate) async fn audit<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    action: &str,
    subject_kind: &str,
    subject_id: Option<i32>,
    summary: &str,
) -> StoreResult<()> {
    audit_event::ActiveModel {
        at: Set(now()),
        user_id: Set(actor.user_ref()),
        username: Set(actor.username.clone()),
        action: Set(action.to_owned()),
        subject_kind: Set(subject_kind.to_owned()),
        subject_id: Set(subject_id),
        summary: Set(summary.chars().take(500).collect()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

async fn load_tree<C: ConnectionTrait>(db: &C) -> StoreResult<UnitTree> {
    let units = org_unit::Entity::find().all(db).await?;
    Ok(UnitTree::new(units.into_iter().map(|u| (u.id, u.parent_id))))
}

/// The unit of an article; articles from before units existed belong to the
/// first root unit.
async fn article_unit<C: ConnectionTrait>(db: &C, a: &article::Model) -> StoreResult<i32> {
    if let Some(u) = a.org_unit_id {
        return Ok(u);
    }
    root_unit(db).await
}

async fn root_unit<C: ConnectionTrait>(db: &C) -> StoreResult<i32> {
    Ok(org_unit::Entity::find()
        .filter(org_unit::Column::ParentId.is_null())
        .order_by_asc(org_unit::Column::Position)
        .order_by_asc(org_unit::Column::Id)
        .one(db)
        .await?
        .map(|u| u.id)
        .unwrap_or(0))
}

async fn grants_of<C: ConnectionTrait>(db: &C, user_id: i32) -> StoreResult<Vec<Grant>> {
    Ok(role_grant::Entity::find()
        .filter(role_grant::Column::UserId.eq(user_id))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|g| Role::parse(&g.role).map(|role| Grant { role, unit_id: g.unit_id }))
        .collect())
}


/// Refuses with [`ErrorCode::Forbidden`] unless the actor's roles allow
/// `action` in `unit` and its subtree; `None` means "over the whole site"
/// (a grant at a root unit). Returns the tree for further checks.
async fn check_scope<C: ConnectionTrait>(db: &C, actor: &Actor, action: Action, unit: Option<i32>) -> StoreResult<UnitTree> {
    let tree = load_tree(db).await?;
    let p = Permissions { grants: &actor.grants, tree: &tree };
    let ok = match unit {
        Some(u) => p.can(action, Some(u)),
        None => p.can_site_wide(action),
    };
    if ok { Ok(tree) } else { Err(forbidden()) }
}

/// Refuses a text longer than `max` characters in form field `name`.
fn limit(text: &str, max: usize, name: &'static str) -> StoreResult<()> {
    if text.chars().count() > max { Err(field(name, "field.too_long")) } else { Ok(()) }
}

fn clean_opt(s: Option<String>) -> Option<String> {
    s.map(|s| danvan_text::normalize_input(&s).trim().to_owned()).filter(|s| !s.is_empty())
}

fn clean(s: &str) -> String {
    danvan_text::normalize_input(s).trim().to_owned()
}

/// Validates and normalises an article's fields (NFC, trimmed, sizes).
fn checked_input(mut a: ArticleInput) -> StoreResult<ArticleInput> {
    a.title = clean(&a.title);
    if a.title.is_empty() {
        return Err(field("title", "article.title_required"));
    }
    if a.title.chars().count() > MAX_TITLE_CHARS {
        return Err(field("title", "article.title_too_long"));
    }
    a.lead = clean_opt(a.lead);
    if a.lead.as_deref().is_some_and(|l| l.chars().count() > MAX_LEAD_CHARS) {
        return Err(field("lead", "article.lead_too_long"));
    }
    if a.body_html.len() > MAX_BODY_BYTES {
        return Err(field("body_html", "article.body_too_large"));
    }
    a.body_html = danvan_text::normalize_input(&a.body_html);
    a.byline = clean_opt(a.byline);
    limit(a.byline.as_deref().unwrap_or(""), 200, "byline")?;
    let mut tags: Vec<String> = Vec::new();
    for t in &a.tags {
        let t = clean(t);
        if t.is_empty() || danvan_text::slugify(&t).is_empty() {
            continue;
        }
        if t.chars().count() > 60 {
            return Err(field("tags", "article.tag_too_long"));
        }
        if !tags.iter().any(|x| danvan_text::slugify(x) == danvan_text::slugify(&t)) {
            tags.push(t);
        }
    }
    if tags.len() > MAX_TAGS {
        return Err(field("tags", "article.too_many_tags"));
    }
    a.tags = tags;
    for f in &mut a.figures {
        f.alt = clean(&f.alt);
        f.caption = clean(&f.caption);
        f.credit = clean_opt(f.credit.take());
        limit(&f.alt, 300, "figure_alt")?;
        limit(&f.caption, 500, "figure_caption")?;
        limit(f.credit.as_deref().unwrap_or(""), 200, "figure_credit")?;
    }
    if a.figures.len() > 50 {
        return Err(field("figures", "field.too_long"));
    }
    a.figures.retain(|f| f.media_id.is_some() || !f.caption.is_empty());
    Ok(a)
}

/// The JSON of the figures, as kept in revisions.
fn figures_json(figures: &[FigureInput]) -> String {
    serde_json::to_string(figures).unwrap_or_else(|_| "[]".to_owned())
}

impl Store {
    // ------------------------------------------------------------ accounts

    /// Gives the first administrator (and any administrator without grants,
    /// from databases made before roles existed) the administrator, approver
    /// and editor roles over every root unit, creating a root unit named
    /// after the site when there is none. Returns the number of grants added.
    pub async fn ensure_editorial_defaults(&self) -> StoreResult<usize> {
        let tx = self.begin_write().await?;
        let mut root = root_unit(&tx).await?;
        if root == 0 {
            let name = crate::entity::site::Entity::find().one(&tx).await?.map(|s| s.name).unwrap_or_else(|| "Cơ quan".to_owned());
            root = org_unit::ActiveModel {
                parent_id: Set(None),
                name: Set(name),
                short_name: Set(None),
                level: Set("agency".to_owned()),
                position: Set(0),
                ..Default::default()
            }
            .insert(&tx)
            .await?
            .id;
        }
        let mut added = 0;
        for u in user_account::Entity::find().filter(user_account::Column::IsAdmin.eq(true)).all(&tx).await? {
            if role_grant::Entity::find().filter(role_grant::Column::UserId.eq(u.id)).count(&tx).await? > 0 {
                continue;
            }
            for role in [Role::Administrator, Role::Approver, Role::Editor] {
                role_grant::ActiveModel {
                    user_id: Set(u.id),
                    role: Set(role.as_str().to_owned()),
                    unit_id: Set(root),
                    ..Default::default()
                }
                .insert(&tx)
                .await?;
                added += 1;
            }
            if u.org_unit_id.is_none() {
                let mut m: user_account::ActiveModel = u.into();
                m.org_unit_id = Set(Some(root));
                m.update(&tx).await?;
            }
        }
        tx.commit().await?;
        Ok(added)
    }

    /// Creates an account. Errors (`StoreError::Field`): `user.bad_username`,
    /// `user.username_taken`, `password.*` from
    /// [`danvan_domain::editorial::check_new_password`]; `Forbidden` unless
    /// the actor may manage users over every granted unit.
    pub async fn create_user(&self, actor: &Actor, u: &NewUser) -> StoreResult<i32> {
        let username = u.username.trim().to_lowercase();
        check_username(&username)?;
        rules::check_new_password(&u.password, &username).map_err(|e| field("password", e.code()))?;
        let display_name = clean(&u.display_name);
        if display_name.is_empty() || display_name.chars().count() > 120 {
            return Err(field("display_name", "user.display_name_required"));
        }
        let hash = hash_blocking(u.password.clone()).await?;
        let tx = self.begin_write().await?;
        if let Some(unit) = u.org_unit_id
            && org_unit::Entity::find_by_id(unit).one(&tx).await?.is_none()
        {
            return Err(field("org_unit_id", "unit.parent_unknown"));
        }
        let tree = check_scope(&tx, actor, Action::ManageUsers, u.org_unit_id).await?;
        let p = Permissions { grants: &actor.grants, tree: &tree };
        if u.grants.iter().any(|g| !p.can(Action::ManageUsers, Some(g.unit_id))) {
            return Err(forbidden());
        }
        if user_account::Entity::find().filter(user_account::Column::Username.eq(&username)).count(&tx).await? > 0 {
            return Err(field("username", "user.username_taken"));
        }
        let t = now();
        let stored = user_account::ActiveModel {
            username: Set(username.clone()),
            display_name: Set(display_name),
            password_hash: Set(hash),
            is_admin: Set(u.grants.iter().any(|g| g.role == Role::Administrator)),
            created_at: Set(t),
            org_unit_id: Set(u.org_unit_id),
            is_active: Set(true),
            failed_sign_ins: Set(0),
            locked_until: Set(None),
            must_change_password: Set(true),
            password_changed_at: Set(Some(t)),
            ..Default::default()
        }
        .insert(&tx)
        .await?;
        for g in &u.grants {
            insert_grant(&tx, stored.id, *g).await?;
        }
        audit(&tx, actor, "user.create", "user", Some(stored.id), &format!("{username}: {}", describe_grants(&u.grants))).await?;
        tx.commit().await?;
        Ok(stored.id)
    }

    /// Replaces a user's grants. `Forbidden` unless the actor manages users
    /// over every unit named, old and new; an administrator cannot take the
    /// administrator role from themself (so a site always keeps one).
    pub async fn set_grants(&self, actor: &Actor, user_id: i32, grants: &[Grant]) -> StoreResult<()> {
        let tx = self.begin_write().await?;
        let target = user_account::Entity::find_by_id(user_id).one(&tx).await?.ok_or(StoreError::Rule(ErrorCode::RecordNotFound))?;
        // the user must belong to the actor's scope (no unit: site-wide only)
        let tree = check_scope(&tx, actor, Action::ManageUsers, target.org_unit_id).await?;
        let p = Permissions { grants: &actor.grants, tree: &tree };
        let old = grants_of(&tx, user_id).await?;
        if old.iter().chain(grants).any(|g| !p.can(Action::ManageUsers, Some(g.unit_id))) {
            return Err(forbidden());
        }
        // nobody narrows their own administrator grants (the site could be
        // left without anyone able to manage it)
        if user_id == actor.user_id && old.iter().any(|g| g.role == Role::Administrator && !grants.contains(g)) {
            return Err(field("grants", "user.keep_own_admin"));
        }
        role_grant::Entity::delete_many().filter(role_grant::Column::UserId.eq(user_id)).exec(&tx).await?;
        for g in grants {
            insert_grant(&tx, user_id, *g).await?;
        }
        user_account::Entity::update_many()
            .col_expr(user_account::Column::IsAdmin, Expr::value(grants.iter().any(|g| g.role == Role::Administrator)))
            .filter(user_account::Column::Id.eq(user_id))
            .exec(&tx)
            .await?;
        audit(&tx, actor, "user.grants", "user", Some(user_id), &describe_grants(grants)).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Every account with its grants, by user name.
    pub async fn users(&self) -> StoreResult<Vec<UserView>> {
        let t = now();
        let all = user_account::Entity::find().order_by_asc(user_account::Column::Username).all(&self.read).await?;
        let grants = role_grant::Entity::find().all(&self.read).await?;
        Ok(all
            .into_iter()
            .map(|u| UserView {
                grants: grants
                    .iter()
                    .filter(|g| g.user_id == u.id)
                    .filter_map(|g| Role::parse(&g.role).map(|r| GrantView { role: r.as_str(), unit_id: g.unit_id }))
                    .collect(),
                locked: u.locked_until.is_some_and(|l| l > t),
                id: u.id,
                username: u.username,
                display_name: u.display_name,
                org_unit_id: u.org_unit_id,
                is_active: u.is_active,
                created_at: u.created_at,
            })
            .collect())
    }

    /// Sets a new password. For oneself (`actor.user_id == user_id`) the
    /// current password must be given and right (`password.current_wrong`);
    /// for another user the actor must manage users (a reset: the user must
    /// change it at next sign-in). Every session of the user ends, except
    /// the actor's own current one when changing their own.
    pub async fn set_password(&self, actor: &Actor, user_id: i32, current: Option<&str>, new: &str) -> StoreResult<()> {
        let own = actor.user_id == user_id;
        let u = user_account::Entity::find_by_id(user_id).one(&self.read).await?.ok_or(StoreError::Rule(ErrorCode::RecordNotFound))?;
        if own {
            let ok = verify_blocking(current.unwrap_or("").to_owned(), u.password_hash.clone()).await?;
            if !ok {
                return Err(field("current_password", "password.current_wrong"));
            }
        }
        rules::check_new_password(new, &u.username).map_err(|e| field("password", e.code()))?;
        let hash = hash_blocking(new.to_owned()).await?;
        let tx = self.begin_write().await?;
        if !own {
            check_scope(&tx, actor, Action::ManageUsers, u.org_unit_id).await?;
        }
        let mut m: user_account::ActiveModel = u.into();
        m.password_hash = Set(hash);
        m.must_change_password = Set(!own);
        m.password_changed_at = Set(Some(now()));
        m.failed_sign_ins = Set(0);
        m.locked_until = Set(None);
        if !own {
            // A reset is for someone who lost access: their second step too.
            m.totp_enabled = Set(false);
            m.totp_secret = Set(None);
        }
        m.update(&tx).await?;
        let mut del = user_session::Entity::delete_many().filter(user_session::Column::UserId.eq(user_id));
        if own {
            del = del.filter(user_session::Column::Id.ne(actor.session_id));
        }
        del.exec(&tx).await?;
        audit(&tx, actor, if own { "user.password_change" } else { "user.password_reset" }, "user", Some(user_id), "").await?;
        tx.commit().await?;
        Ok(())
    }

    /// Starts setting up two-step sign-in: stores a new secret (not yet
    /// required) and returns it, Base32. Error `totp.already_on`.
    pub async fn start_totp(&self, actor: &Actor) -> StoreResult<String> {
        let tx = self.begin_write().await?;
        let u = user_account::Entity::find_by_id(actor.user_id).one(&tx).await?.ok_or(StoreError::Rule(ErrorCode::RecordNotFound))?;
        if u.totp_enabled {
            return Err(field("code", "totp.already_on"));
        }
        let secret = match u.totp_secret.clone() {
            Some(s) if !s.is_empty() => s,
            _ => danvan_domain::totp::new_secret(),
        };
        let mut m: user_account::ActiveModel = u.into();
        m.totp_secret = Set(Some(secret.clone()));
        m.update(&tx).await?;
        tx.commit().await?;
        Ok(secret)
    }

    /// Turns two-step sign-in on (`on = true`, after [`Store::start_totp`])
    /// or off, each confirmed by a current code (`totp.code_wrong`).
    pub async fn set_totp(&self, actor: &Actor, on: bool, code: &str) -> StoreResult<()> {
        let tx = self.begin_write().await?;
        let u = user_account::Entity::find_by_id(actor.user_id).one(&tx).await?.ok_or(StoreError::Rule(ErrorCode::RecordNotFound))?;
        let secret = u.totp_secret.clone().unwrap_or_default();
        let step = danvan_domain::totp::verify(&secret, code, now().timestamp().max(0) as u64, u.totp_last_step.max(0) as u64)
            .ok_or(field("code", "totp.code_wrong"))?;
        let mut m: user_account::ActiveModel = u.into();
        m.totp_enabled = Set(on);
        m.totp_last_step = Set(step as i64);
        if !on {
            m.totp_secret = Set(None);
        }
        m.update(&tx).await?;
        audit(&tx, actor, if on { "user.totp_on" } else { "user.totp_off" }, "user", Some(actor.user_id), "").await?;
        tx.commit().await?;
        Ok(())
    }

    /// Recovery from the command line (`danvan user recover NAME`): gives
    /// `username` a new generated password (to change at next sign-in),
    /// unlocks it, turns two-step sign-in off and grants the administrator,
    /// approver and editor roles over the first root unit. Returns the
    /// password. Error: [`ErrorCode::RecordNotFound`].
    pub async fn recover_admin(&self, username: &str) -> StoreResult<String> {
        let password = danvan_domain::accounts::generate_password(20);
        let hash = hash_blocking(password.clone()).await?;
        let tx = self.begin_write().await?;
        let u = user_account::Entity::find()
            .filter(user_account::Column::Username.eq(username.trim().to_lowercase()))
            .one(&tx)
            .await?
            .ok_or(StoreError::Rule(ErrorCode::RecordNotFound))?;
        let root = root_unit(&tx).await?;
        let id = u.id;
        let mut m: user_account::ActiveModel = u.into();
        m.password_hash = Set(hash);
        m.must_change_password = Set(true);
        m.is_active = Set(true);
        m.is_admin = Set(true);
        m.failed_sign_ins = Set(0);
        m.locked_until = Set(None);
        m.totp_enabled = Set(false);
        m.totp_secret = Set(None);
        if root > 0 {
            m.org_unit_id = Set(Some(root));
        }
        m.update(&tx).await?;
        if root > 0 {
            for role in [Role::Administrator, Role::Approver, Role::Editor] {
                insert_grant(&tx, id, Grant { role, unit_id: root }).await?;
            }
        }
        user_session::Entity::delete_many().filter(user_session::Column::UserId.eq(id)).exec(&tx).await?;
        let cli = Actor { user_id: 0, username: "cli".to_owned(), display_name: "danvan user recover".to_owned(), ..Actor::scheduler() };
        audit(&tx, &cli, "user.recover", "user", Some(id), username).await?;
        tx.commit().await?;
        Ok(password)
    }

    /// Enables or disables an account; disabling ends its sessions.
    pub async fn set_user_active(&self, actor: &Actor, user_id: i32, active: bool) -> StoreResult<()> {
        if user_id == actor.user_id && !active {
            return Err(field("is_active", "user.keep_own_admin"));
        }
        let tx = self.begin_write().await?;
        let u = user_account::Entity::find_by_id(user_id).one(&tx).await?.ok_or(StoreError::Rule(ErrorCode::RecordNotFound))?;
        check_scope(&tx, actor, Action::ManageUsers, u.org_unit_id).await?;
        let mut m: user_account::ActiveModel = u.into();
        m.is_active = Set(active);
        m.update(&tx).await?;
        if !active {
            user_session::Entity::delete_many().filter(user_session::Column::UserId.eq(user_id)).exec(&tx).await?;
        }
        audit(&tx, actor, if active { "user.enable" } else { "user.disable" }, "user", Some(user_id), "").await?;
        tx.commit().await?;
        Ok(())
    }

    /// Signs in. `address_hash` is a salted hash of the client address (for
    /// the per-address limit; never the address itself).
    ///
    /// Errors: [`ErrorCode::RateLimited`] after [`MAX_FAILED_PER_ADDRESS`]
    /// failures from the address within [`LOCK_SECONDS`];
    /// [`ErrorCode::AccountLocked`] while the account is locked (after
    /// [`MAX_FAILED_SIGN_INS`] failures in a row); [`ErrorCode::SignInFailed`]
    /// for an unknown name, a wrong password or a disabled account (one
    /// answer for all, and the password is hashed in every case so timing
    /// does not tell them apart).
    ///
    /// With two-step sign-in on, `code` must be the current TOTP code:
    /// without one the answer is [`ErrorCode::TotpRequired`] (nothing is
    /// counted), a wrong or reused one counts as a failure.
    pub async fn sign_in(
        &self,
        username: &str,
        password: &str,
        address_hash: &str,
        user_agent: Option<&str>,
        code: Option<&str>,
    ) -> StoreResult<SignedIn> {
        let t = now();
        let username = username.trim().to_lowercase();
        let window = t - Duration::seconds(LOCK_SECONDS);
        let recent = sign_in_failure::Entity::find()
            .filter(sign_in_failure::Column::AddressHash.eq(address_hash))
            .filter(sign_in_failure::Column::At.gt(window))
            .count(&self.read)
            .await?;
        if recent >= MAX_FAILED_PER_ADDRESS as u64 {
            return Err(StoreError::Rule(ErrorCode::RateLimited));
        }
        let user = user_account::Entity::find().filter(user_account::Column::Username.eq(&username)).one(&self.read).await?;
        if let Some(u) = &user
            && u.locked_until.is_some_and(|l| l > t)
        {
            return Err(StoreError::Rule(ErrorCode::AccountLocked));
        }
        // A fixed dummy hash keeps the time of unknown names like known ones.
        let phc = user.as_ref().map(|u| u.password_hash.clone()).unwrap_or_else(|| dummy_hash().to_owned());
        let mut good = verify_blocking(password.to_owned(), phc).await? && user.as_ref().is_some_and(|u| u.is_active);
        let mut totp_step = None;
        if good && let Some(u) = user.as_ref().filter(|u| u.totp_enabled) {
            let code = code.map(str::trim).filter(|c| !c.is_empty());
            let Some(code) = code else {
                return Err(StoreError::Rule(ErrorCode::TotpRequired));
            };
            totp_step = danvan_domain::totp::verify(
                u.totp_secret.as_deref().unwrap_or(""),
                code,
                t.timestamp().max(0) as u64,
                u.totp_last_step.max(0) as u64,
            );
            good = totp_step.is_some();
        }
        let tx = self.begin_write().await?;
        if !good {
            sign_in_failure::ActiveModel {
                address_hash: Set(address_hash.to_owned()),
                username: Set(username.chars().take(60).collect()),
                at: Set(t),
                ..Default::default()
            }
            .insert(&tx)
            .await?;
            if let Some(u) = user {
                let failed = u.failed_sign_ins + 1;
                let mut m: user_account::ActiveModel = u.into();
                m.failed_sign_ins = Set(failed);
                if failed >= MAX_FAILED_SIGN_INS as i32 {
                    m.locked_until = Set(Some(t + Duration::seconds(LOCK_SECONDS)));
                    m.failed_sign_ins = Set(0);
                }
                m.update(&tx).await?;
            }
            // Old failures are of no use after the window.
            sign_in_failure::Entity::delete_many().filter(sign_in_failure::Column::At.lt(window)).exec(&tx).await?;
            tx.commit().await?;
            return Err(StoreError::Rule(ErrorCode::SignInFailed));
        }
        let u = user.ok_or(StoreError::Rule(ErrorCode::SignInFailed))?;
        let mut m: user_account::ActiveModel = u.clone().into();
        m.failed_sign_ins = Set(0);
        m.locked_until = Set(None);
        if let Some(step) = totp_step {
            m.totp_last_step = Set(step as i64);
        }
        m.update(&tx).await?;
        // A new session on every sign-in (no fixation); expired ones go.
        user_session::Entity::delete_many().filter(user_session::Column::ExpiresAt.lt(t)).exec(&tx).await?;
        let token = random_secret();
        let csrf = random_secret();
        let s = user_session::ActiveModel {
            token_hash: Set(token_hash(&token)),
            user_id: Set(u.id),
            csrf_token: Set(csrf.clone()),
            user_agent: Set(user_agent.map(|a| a.chars().take(200).collect())),
            created_at: Set(t),
            last_seen_at: Set(t),
            expires_at: Set(t + Duration::seconds(SESSION_MAX_SECONDS)),
            ..Default::default()
        }
        .insert(&tx)
        .await?;
        let actor = Actor {
            user_id: u.id,
            username: u.username.clone(),
            display_name: u.display_name.clone(),
            org_unit_id: u.org_unit_id,
            grants: grants_of(&tx, u.id).await?,
            csrf_token: csrf,
            session_id: s.id,
            must_change_password: u.must_change_password,
            totp_enabled: u.totp_enabled,
        };
        audit(&tx, &actor, "user.sign_in", "user", Some(u.id), "").await?;
        tx.commit().await?;
        Ok(SignedIn { token, actor })
    }

    /// The actor of a session token, or `None` when the token is unknown,
    /// expired (by [`SESSION_MAX_SECONDS`] or [`SESSION_IDLE_SECONDS`] without
    /// use) or its account disabled. Renews `last_seen_at` at most once a
    /// minute (so reading pages does not write on every request).
    pub async fn session(&self, token: &str) -> StoreResult<Option<Actor>> {
        if token.len() != 64 {
            return Ok(None);
        }
        let t = now();
        let Some(s) = user_session::Entity::find().filter(user_session::Column::TokenHash.eq(token_hash(token))).one(&self.read).await?
        else {
            return Ok(None);
        };
        if s.expires_at <= t || s.last_seen_at + Duration::seconds(SESSION_IDLE_SECONDS) <= t {
            return Ok(None);
        }
        let Some(u) = user_account::Entity::find_by_id(s.user_id).one(&self.read).await? else {
            return Ok(None);
        };
        if !u.is_active {
            return Ok(None);
        }
        if t - s.last_seen_at > Duration::seconds(60) {
            user_session::Entity::update_many()
                .col_expr(user_session::Column::LastSeenAt, Expr::value(t))
                .filter(user_session::Column::Id.eq(s.id))
                .exec(&self.write)
                .await?;
        }
        Ok(Some(Actor {
            user_id: u.id,
            username: u.username,
            display_name: u.display_name,
            org_unit_id: u.org_unit_id,
            grants: grants_of(&self.read, s.user_id).await?,
            csrf_token: s.csrf_token,
            session_id: s.id,
            must_change_password: u.must_change_password,
            totp_enabled: u.totp_enabled,
        }))
    }

    /// Ends one session (sign out).
    pub async fn sign_out(&self, actor: &Actor) -> StoreResult<()> {
        let tx = self.begin_write().await?;
        user_session::Entity::delete_by_id(actor.session_id).exec(&tx).await?;
        audit(&tx, actor, "user.sign_out", "user", Some(actor.user_id), "").await?;
        tx.commit().await?;
        Ok(())
    }

    /// Ends every session of the actor's account, on every device and
    /// instance. Returns how many ended.
    pub async fn sign_out_everywhere(&self, actor: &Actor) -> StoreResult<u64> {
        let tx = self.begin_write().await?;
        let n = user_session::Entity::delete_many().filter(user_session::Column::UserId.eq(actor.user_id)).exec(&tx).await?.rows_affected;
        audit(&tx, actor, "user.sign_out_everywhere", "user", Some(actor.user_id), &format!("{n}")).await?;
        tx.commit().await?;
        Ok(n)
    }

    /// The organisation tree for permission checks.
    pub async fn unit_tree(&self) -> StoreResult<UnitTree> {
        load_tree(&self.read).await
    }

    // ------------------------------------------------------------ units and categories

    /// Adds an organisation unit under `parent_id` (`None`: a new root).
    pub async fn create_unit(&self, actor: &Actor, parent_id: Option<i32>, name: &str, level: &str) -> StoreResult<i32> {
        let name = clean(name);
        if name.is_empty() || name.chars().count() > 200 {
            return Err(field("name", "unit.name_required"));
        }
        let tx = self.begin_write().await?;
        if let Some(p) = parent_id
            && org_unit::Entity::find_by_id(p).one(&tx).await?.is_none()
        {
            return Err(field("parent_id", "unit.parent_unknown"));
        }
        // a new top-level unit needs a site-wide administrator
        check_scope(&tx, actor, Action::ManageUnits, parent_id).await?;
        let position = org_unit::Entity::find().count(&tx).await? as i32;
        let u = org_unit::ActiveModel {
            parent_id: Set(parent_id),
            name: Set(name.clone()),
            short_name: Set(None),
            level: Set(clean(level).chars().take(40).collect()),
            position: Set(position),
            ..Default::default()
        }
        .insert(&tx)
        .await?;
        audit(&tx, actor, "unit.create", "unit", Some(u.id), &name).await?;
        tx.commit().await?;
        Ok(u.id)
    }

    /// Renames a unit or moves it under another; refuses a move under its own
    /// subtree (`unit.cycle`).
    pub async fn update_unit(&self, actor: &Actor, id: i32, parent_id: Option<i32>, name: &str) -> StoreResult<()> {
        let name = clean(name);
        if name.is_empty() || name.chars().count() > 200 {
            return Err(field("name", "unit.name_required"));
        }
        let tx = self.begin_write().await?;
        if let Some(p) = parent_id
            && org_unit::Entity::find_by_id(p).one(&tx).await?.is_none()
        {
            return Err(field("parent_id", "unit.parent_unknown"));
        }
        let tree = check_scope(&tx, actor, Action::ManageUnits, Some(id)).await?;
        // moving needs rights over the new place too (top level: site-wide)
        let current_parent = org_unit::Entity::find_by_id(id).one(&tx).await?.ok_or(StoreError::Rule(ErrorCode::RecordNotFound))?.parent_id;
        if parent_id != current_parent {
            check_scope(&tx, actor, Action::ManageUnits, parent_id).await?;
        }
        if let Some(p) = parent_id
            && tree.is_within(p, id)
        {
            return Err(field("parent_id", "unit.cycle"));
        }
        let u = org_unit::Entity::find_by_id(id).one(&tx).await?.ok_or(StoreError::Rule(ErrorCode::RecordNotFound))?;
        let mut m: org_unit::ActiveModel = u.into();
        m.parent_id = Set(parent_id);
        m.name = Set(name.clone());
        m.update(&tx).await?;
        audit(&tx, actor, "unit.update", "unit", Some(id), &name).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Deletes a unit that has no sub-units, members or articles
    /// ([`ErrorCode::RecordInUse`] otherwise).
    pub async fn delete_unit(&self, actor: &Actor, id: i32) -> StoreResult<()> {
        let tx = self.begin_write().await?;
        let parent = org_unit::Entity::find_by_id(id).one(&tx).await?.ok_or(StoreError::Rule(ErrorCode::RecordNotFound))?.parent_id;
        // deleting a unit needs rights over the place it leaves
        check_scope(&tx, actor, Action::ManageUnits, parent).await?;
        let in_use = org_unit::Entity::find().filter(org_unit::Column::ParentId.eq(id)).count(&tx).await? > 0
            || user_account::Entity::find().filter(user_account::Column::OrgUnitId.eq(id)).count(&tx).await? > 0
            || role_grant::Entity::find().filter(role_grant::Column::UnitId.eq(id)).count(&tx).await? > 0
            || article::Entity::find().filter(article::Column::OrgUnitId.eq(id)).count(&tx).await? > 0;
        if in_use {
            return Err(StoreError::Rule(ErrorCode::RecordInUse));
        }
        let n = org_unit::Entity::delete_by_id(id).exec(&tx).await?.rows_affected;
        if n == 0 {
            return Err(StoreError::Rule(ErrorCode::RecordNotFound));
        }
        audit(&tx, actor, "unit.delete", "unit", Some(id), "").await?;
        tx.commit().await?;
        Ok(())
    }

    /// Adds a category; its address comes from the name (`category.slug_taken`
    /// when another category has it).
    pub async fn create_category(&self, actor: &Actor, name: &str, description: Option<&str>) -> StoreResult<i32> {
        limit(description.unwrap_or(""), 500, "description")?;
        let name = clean(name);
        let slug = danvan_text::slugify(&name);
        if name.is_empty() || slug.is_empty() || name.chars().count() > 120 {
            return Err(field("name", "category.name_required"));
        }
        let tx = self.begin_write().await?;
        check_scope(&tx, actor, Action::ManageCategories, None).await?;
        if category::Entity::find().filter(category::Column::Slug.eq(&slug)).count(&tx).await? > 0 {
            return Err(field("name", "category.slug_taken"));
        }
        let position = category::Entity::find().count(&tx).await? as i32;
        let c = category::ActiveModel {
            slug: Set(slug),
            name: Set(name.clone()),
            description: Set(clean_opt(description.map(str::to_owned))),
            position: Set(position),
            ..Default::default()
        }
        .insert(&tx)
        .await?;
        audit(&tx, actor, "category.create", "category", Some(c.id), &name).await?;
        tx.commit().await?;
        Ok(c.id)
    }

    /// Renames a category (its address stays, so links keep working).
    pub async fn update_category(&self, actor: &Actor, id: i32, name: &str, description: Option<&str>) -> StoreResult<()> {
        limit(description.unwrap_or(""), 500, "description")?;
        let name = clean(name);
        if name.is_empty() || name.chars().count() > 120 {
            return Err(field("name", "category.name_required"));
        }
        let tx = self.begin_write().await?;
        check_scope(&tx, actor, Action::ManageCategories, None).await?;
        let c = category::Entity::find_by_id(id).one(&tx).await?.ok_or(StoreError::Rule(ErrorCode::RecordNotFound))?;
        let mut m: category::ActiveModel = c.into();
        m.name = Set(name.clone());
        m.description = Set(clean_opt(description.map(str::to_owned)));
        m.update(&tx).await?;
        audit(&tx, actor, "category.update", "category", Some(id), &name).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Deletes a category without articles ([`ErrorCode::RecordInUse`]
    /// otherwise: move them first).
    pub async fn delete_category(&self, actor: &Actor, id: i32) -> StoreResult<()> {
        let tx = self.begin_write().await?;
        check_scope(&tx, actor, Action::ManageCategories, None).await?;
        if article::Entity::find().filter(article::Column::CategoryId.eq(id)).count(&tx).await? > 0 {
            return Err(StoreError::Rule(ErrorCode::RecordInUse));
        }
        if category::Entity::delete_by_id(id).exec(&tx).await?.rows_affected == 0 {
            return Err(StoreError::Rule(ErrorCode::RecordNotFound));
        }
        audit(&tx, actor, "category.delete", "category", Some(id), "").await?;
        tx.commit().await?;
        Ok(())
    }

    // ------------------------------------------------------------ articles

    /// Creates a draft in the actor's unit (or `input.org_unit_id`), with
    /// revision 1. Errors: `Forbidden` without [`Action::CreateArticle`]
    /// there; field errors from the checks ([`MAX_TITLE_CHARS`], …).
    pub async fn create_article(&self, actor: &Actor, input: ArticleInput) -> StoreResult<i32> {
        let a = checked_input(input)?;
        let tx = self.begin_write().await?;
        let unit = match a.org_unit_id.or(actor.org_unit_id) {
            Some(u) => u,
            None => root_unit(&tx).await?,
        };
        check_scope(&tx, actor, Action::CreateArticle, Some(unit)).await?;
        check_refs(&tx, &a).await?;
        let t = now();
        let stored = article::ActiveModel {
            slug: Set(unique_slug(&tx, &a.title).await?),
            title: Set(a.title.clone()),
            lead: Set(a.lead.clone()),
            body_html: Set(a.body_html.clone()),
            byline: Set(a.byline.clone()),
            category_id: Set(a.category_id),
            status: Set(ArticleStatus::Draft.as_str().to_owned()),
            published_at: Set(None),
            created_at: Set(t),
            updated_at: Set(t),
            is_sample: Set(false),
            source_hash: Set(None),
            rating_sum: Set(0),
            rating_count: Set(0),
            version: Set(1),
            org_unit_id: Set(Some(unit)),
            author_id: Set(actor.user_ref()),
            featured_media_id: Set(a.featured_media_id),
            return_comment: Set(None),
            ..Default::default()
        }
        .insert(&tx)
        .await?;
        write_parts(&tx, stored.id, &a).await?;
        add_revision(&tx, actor, stored.id, &a).await?;
        audit(&tx, actor, "article.create", "article", Some(stored.id), &a.title).await?;
        tx.commit().await?;
        Ok(stored.id)
    }

    /// Saves an edit as a new revision. `version` is the one the form was
    /// opened with: another save in between gives
    /// [`ErrorCode::ArticleConflict`] and changes nothing. A published
    /// article's search entry, related lists and document links follow.
    pub async fn update_article(&self, actor: &Actor, id: i32, version: i64, input: ArticleInput) -> StoreResult<()> {
        let a = checked_input(input)?;
        let tx = self.begin_write().await?;
        let old = article::Entity::find_by_id(id).one(&tx).await?.ok_or(StoreError::Rule(ErrorCode::ArticleNotFound))?;
        let unit = article_unit(&tx, &old).await?;
        let tree = load_tree(&tx).await?;
        let perms = Permissions { grants: &actor.grants, tree: &tree };
        let status = ArticleStatus::parse(&old.status).unwrap_or(ArticleStatus::Draft);
        if !perms.can_edit(status, unit, old.author_id, actor.user_id) {
            return Err(forbidden());
        }
        let new_unit = a.org_unit_id.unwrap_or(unit);
        if new_unit != unit && !perms.can_edit(status, new_unit, old.author_id, actor.user_id) {
            return Err(forbidden());
        }
        if old.version != version {
            return Err(StoreError::Rule(ErrorCode::ArticleConflict));
        }
        check_refs(&tx, &a).await?;
        let mut m: article::ActiveModel = old.clone().into();
        m.title = Set(a.title.clone());
        m.lead = Set(a.lead.clone());
        m.body_html = Set(a.body_html.clone());
        m.byline = Set(a.byline.clone());
        m.category_id = Set(a.category_id);
        m.org_unit_id = Set(Some(new_unit));
        m.featured_media_id = Set(a.featured_media_id);
        m.updated_at = Set(now());
        m.version = Set(old.version + 1);
        m.update(&tx).await?;
        write_parts(&tx, id, &a).await?;
        let n = add_revision(&tx, actor, id, &a).await?;
        if status == ArticleStatus::Published {
            after_publication_change(&tx, self.backend, id).await?;
        }
        audit(&tx, actor, "article.update", "article", Some(id), &format!("{} (phiên bản {n})", a.title)).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Moves an article one workflow step. Checks the actor's roles in the
    /// article's unit ([`Transition::action`]) and the step's rules
    /// ([`rules::next_status`]); `at` is the publication time for
    /// [`Transition::Schedule`]. Returns the new status.
    pub async fn transition_article(
        &self,
        actor: &Actor,
        id: i32,
        step: Transition,
        comment: Option<&str>,
        at: Option<DateTime<Utc>>,
    ) -> StoreResult<ArticleStatus> {
        let tx = self.begin_write().await?;
        let status = step_in(&tx, self.backend, actor, id, step, comment, at).await?;
        tx.commit().await?;
        Ok(status)
    }

    /// Articles for the back-office list: those in the units where the actor
    /// may edit any article, plus the actor's own; newest change first,
    /// optionally one status only.
    pub async fn back_office_articles(&self, actor: &Actor, status: Option<ArticleStatus>, page: u64, per_page: u64) -> StoreResult<(Vec<ArticleRow>, u64)> {
        let tree = load_tree(&self.read).await?;
        let perms = Permissions { grants: &actor.grants, tree: &tree };
        let root = root_unit(&self.read).await?;
        let mut q = article::Entity::find().order_by_desc(article::Column::UpdatedAt).order_by_desc(article::Column::Id);
        if let Some(s) = status {
            q = q.filter(article::Column::Status.eq(s.as_str()));
        }
        let all = q.all(&self.read).await?;
        let visible: Vec<article::Model> = all
            .into_iter()
            .filter(|a| {
                let unit = a.org_unit_id.unwrap_or(root);
                perms.can(Action::EditAnyArticle, Some(unit))
                    || perms.can(Action::Publish, Some(unit))
                    || (a.author_id == Some(actor.user_id) && actor.user_id > 0)
            })
            .collect();
        let total = visible.len() as u64;
        let rows = visible
            .into_iter()
            .skip((page.saturating_sub(1) * per_page) as usize)
            .take(per_page as usize)
            .map(|a| ArticleRow {
                id: a.id,
                slug: a.slug,
                title: a.title,
                status: ArticleStatus::parse(&a.status).unwrap_or(ArticleStatus::Draft).as_str(),
                category_id: a.category_id,
                org_unit_id: a.org_unit_id,
                author_id: a.author_id,
                published_at: a.published_at,
                updated_at: a.updated_at,
            })
            .collect();
        Ok((rows, total))
    }

    /// One article for the edit page (any status).
    pub async fn article_for_edit(&self, id: i32) -> StoreResult<Option<ArticleEdit>> {
        let Some(a) = article::Entity::find_by_id(id).one(&self.read).await? else {
            return Ok(None);
        };
        let unit = article_unit(&self.read, &a).await?;
        let figures = figure::Entity::find()
            .filter(figure::Column::ArticleId.eq(id))
            .order_by_asc(figure::Column::Position)
            .all(&self.read)
            .await?
            .into_iter()
            .map(|f| FigureInput { media_id: f.media_id, alt: f.alt, caption: f.caption, credit: f.credit })
            .collect();
        let videos = article_video::Entity::find()
            .filter(article_video::Column::ArticleId.eq(id))
            .order_by_asc(article_video::Column::Position)
            .all(&self.read)
            .await?
            .into_iter()
            .map(|v| v.media_id)
            .collect();
        let status = ArticleStatus::parse(&a.status);
        Ok(Some(ArticleEdit {
            tags: self.article_tags(id).await?.into_iter().map(|(_, name)| name).collect(),
            id: a.id,
            slug: a.slug,
            title: a.title,
            lead: a.lead,
            body_html: a.body_html,
            byline: a.byline,
            category_id: a.category_id,
            org_unit_id: unit,
            author_id: a.author_id,
            status: status.unwrap_or(ArticleStatus::Draft).as_str(),
            status_value: status,
            published_at: a.published_at,
            return_comment: a.return_comment,
            featured_media_id: a.featured_media_id,
            figures,
            video_media_ids: videos,
            version: a.version,
        }))
    }

    /// The tags of an article as `(slug, name)`, by name.
    pub async fn article_tags(&self, article_id: i32) -> StoreResult<Vec<(String, String)>> {
        let ids: Vec<i32> = article_tag::Entity::find()
            .filter(article_tag::Column::ArticleId.eq(article_id))
            .all(&self.read)
            .await?
            .into_iter()
            .map(|t| t.tag_id)
            .collect();
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        Ok(tag::Entity::find()
            .filter(tag::Column::Id.is_in(ids))
            .order_by_asc(tag::Column::Name)
            .all(&self.read)
            .await?
            .into_iter()
            .map(|t| (t.slug, t.name))
            .collect())
    }

    /// A tag by its address: `(id, name)`.
    pub async fn tag_by_slug(&self, slug: &str) -> StoreResult<Option<(i32, String)>> {
        Ok(tag::Entity::find().filter(tag::Column::Slug.eq(slug)).one(&self.read).await?.map(|t| (t.id, t.name)))
    }

    /// Published articles with a tag, newest first; with the total.
    pub async fn tag_articles(&self, tag_id: i32, page: u64, per_page: u64) -> StoreResult<(Vec<crate::ArticleCard>, u64)> {
        let ids: Vec<i32> = article_tag::Entity::find()
            .filter(article_tag::Column::TagId.eq(tag_id))
            .all(&self.read)
            .await?
            .into_iter()
            .map(|t| t.article_id)
            .collect();
        let q = article::Entity::find()
            .filter(article::Column::Id.is_in(ids))
            .filter(article::Column::Status.eq(ArticleStatus::Published.as_str()))
            .order_by_desc(article::Column::PublishedAt)
            .order_by_desc(article::Column::Id);
        let total = q.clone().count(&self.read).await?;
        let list = q.offset(page.saturating_sub(1).saturating_mul(per_page)).limit(per_page).all(&self.read).await?;
        Ok((list.into_iter().map(Into::into).collect(), total))
    }

    /// The revisions of an article, newest first.
    pub async fn revisions(&self, article_id: i32) -> StoreResult<Vec<RevisionView>> {
        Ok(article_revision::Entity::find()
            .filter(article_revision::Column::ArticleId.eq(article_id))
            .order_by_desc(article_revision::Column::Number)
            .all(&self.read)
            .await?
            .into_iter()
            .map(revision_view)
            .collect())
    }

    /// Restores revision `number` as a new revision (nothing is lost: the
    /// current text stays in the history). Needs edit rights on the article
    /// and [`Action::RestoreRevision`], or being the author of a draft.
    pub async fn restore_revision(&self, actor: &Actor, article_id: i32, number: i32) -> StoreResult<()> {
        let r = article_revision::Entity::find()
            .filter(article_revision::Column::ArticleId.eq(article_id))
            .filter(article_revision::Column::Number.eq(number))
            .one(&self.read)
            .await?
            .ok_or(StoreError::Rule(ErrorCode::RecordNotFound))?;
        let current = self.article_for_edit(article_id).await?.ok_or(StoreError::Rule(ErrorCode::ArticleNotFound))?;
        let tree = self.unit_tree().await?;
        let perms = Permissions { grants: &actor.grants, tree: &tree };
        let own_draft = current.author_id == Some(actor.user_id)
            && matches!(current.status_value, Some(ArticleStatus::Draft | ArticleStatus::Returned));
        if !perms.can(Action::RestoreRevision, Some(current.org_unit_id)) && !own_draft {
            return Err(forbidden());
        }
        let view = revision_view(r);
        let input = ArticleInput {
            title: view.title,
            lead: view.lead,
            body_html: view.body_html,
            byline: view.byline,
            category_id: view.category_id,
            org_unit_id: Some(current.org_unit_id),
            tags: view.tags.split(", ").map(str::to_owned).filter(|s| !s.is_empty()).collect(),
            featured_media_id: current.featured_media_id,
            figures: view.figures,
            video_media_ids: current.video_media_ids,
        };
        self.update_article(actor, article_id, current.version, input).await?;
        let tx = self.begin_write().await?;
        audit(&tx, actor, "article.restore", "article", Some(article_id), &format!("phiên bản {number}")).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The audit log, newest first; optionally of one subject.
    pub async fn audit_log(&self, subject: Option<(&str, i32)>, page: u64, per_page: u64) -> StoreResult<(Vec<AuditView>, u64)> {
        let mut q = audit_event::Entity::find().order_by_desc(audit_event::Column::Id);
        if let Some((kind, id)) = subject {
            q = q.filter(audit_event::Column::SubjectKind.eq(kind)).filter(audit_event::Column::SubjectId.eq(id));
        }
        let total = q.clone().count(&self.read).await?;
        let rows = q.offset(page.saturating_sub(1).saturating_mul(per_page)).limit(per_page).all(&self.read).await?;
        Ok((
            rows.into_iter()
                .map(|e| AuditView {
                    at: e.at,
                    username: e.username,
                    action: e.action,
                    subject_kind: e.subject_kind,
                    subject_id: e.subject_id,
                    summary: e.summary,
                })
                .collect(),
            total,
        ))
    }

    // ------------------------------------------------------------ scheduler

    /// Takes or renews the lease of job `name` for `holder` for `seconds`;
    /// true when this holder now has it. Another holder's unexpired lease
    /// wins, so across instances one runs the job at a time.
    pub async fn acquire_lease(&self, name: &str, holder: &str, seconds: i64) -> StoreResult<bool> {
        let t = now();
        let until = t + Duration::seconds(seconds);
        let tx = self.begin_write().await?;
        let existing = job_lease::Entity::find_by_id(name.to_owned()).one(&tx).await?;
        let got = match existing {
            None => {
                // A concurrent insert by another instance fails on the
                // primary key; that instance holds the lease then.
                let r = job_lease::ActiveModel { name: Set(name.to_owned()), holder: Set(holder.to_owned()), expires_at: Set(until) }
                    .insert(&tx)
                    .await;
                r.is_ok()
            }
            Some(l) if l.holder == holder || l.expires_at <= t => {
                let n = job_lease::Entity::update_many()
                    .col_expr(job_lease::Column::Holder, Expr::value(holder))
                    .col_expr(job_lease::Column::ExpiresAt, Expr::value(until))
                    .filter(job_lease::Column::Name.eq(name))
                    .filter(job_lease::Column::Holder.eq(l.holder.clone()))
                    .filter(job_lease::Column::ExpiresAt.eq(l.expires_at))
                    .exec(&tx)
                    .await?
                    .rows_affected;
                n == 1
            }
            Some(_) => false,
        };
        if got {
            tx.commit().await?;
        } else {
            let _ = tx.rollback().await;
        }
        Ok(got)
    }

    /// Publishes every scheduled article whose time has come; returns their
    /// slugs. Each is published in its own transaction with its audit line
    /// (by "scheduler"); one that can no longer be published (an image lost
    /// its alt text) stays scheduled and is logged.
    pub async fn publish_due(&self, at: DateTime<Utc>) -> StoreResult<Vec<String>> {
        let due = article::Entity::find()
            .filter(article::Column::Status.eq(ArticleStatus::Scheduled.as_str()))
            .filter(article::Column::PublishedAt.lte(at))
            .all(&self.read)
            .await?;
        let actor = Actor::scheduler();
        let mut done = Vec::new();
        for a in due {
            let tx = self.begin_write().await?;
            match step_in(&tx, self.backend, &actor, a.id, Transition::PublishScheduled, None, None).await {
                Ok(_) => {
                    tx.commit().await?;
                    done.push(a.slug);
                }
                Err(e) => {
                    let _ = tx.rollback().await;
                    tracing::warn!(article = a.id, error = %e, "scheduled article not published");
                }
            }
        }
        Ok(done)
    }

    // ------------------------------------------------------------ media

    /// Records an uploaded media file (its bytes are already stored).
    pub async fn add_media(&self, actor: &Actor, m: NewMedia) -> StoreResult<MediaView> {
        limit(&m.alt, 300, "alt")?;
        limit(&m.caption, 500, "caption")?;
        limit(m.credit.as_deref().unwrap_or(""), 200, "credit")?;
        let tx = self.begin_write().await?;
        // uploading is allowed with the right anywhere (media has no unit)
        if !(Permissions { grants: &actor.grants, tree: &load_tree(&tx).await? }).can(Action::UploadMedia, None) {
            return Err(forbidden());
        }
        let stored = media::ActiveModel {
            kind: Set(m.kind.to_owned()),
            mime_type: Set(m.mime_type.to_owned()),
            storage_key: Set(m.storage_key),
            original_name: Set(clean(&m.original_name).chars().take(200).collect()),
            size: Set(m.size as i64),
            width: Set(m.width.map(|w| w as i32)),
            height: Set(m.height.map(|h| h as i32)),
            alt: Set(clean(&m.alt)),
            caption: Set(clean(&m.caption)),
            credit: Set(clean_opt(m.credit)),
            variants: Set(serde_json::to_string(&m.variants).unwrap_or_else(|_| "[]".to_owned())),
            sha256: Set(m.sha256),
            uploaded_by: Set(actor.user_ref()),
            created_at: Set(now()),
            ..Default::default()
        }
        .insert(&tx)
        .await?;
        audit(&tx, actor, "media.upload", "media", Some(stored.id), &stored.original_name).await?;
        tx.commit().await?;
        Ok(stored.into())
    }

    /// Sets a media item's alt text, caption and credit.
    pub async fn update_media(&self, actor: &Actor, id: i32, alt: &str, caption: &str, credit: Option<&str>) -> StoreResult<()> {
        limit(alt, 300, "alt")?;
        limit(caption, 500, "caption")?;
        limit(credit.unwrap_or(""), 200, "credit")?;
        let tx = self.begin_write().await?;
        let m = media::Entity::find_by_id(id).one(&tx).await?.ok_or(StoreError::Rule(ErrorCode::RecordNotFound))?;
        // the uploader, or an editor of the uploader's unit
        if m.uploaded_by != actor.user_ref() {
            let unit = match m.uploaded_by {
                Some(u) => user_account::Entity::find_by_id(u).one(&tx).await?.and_then(|u| u.org_unit_id),
                None => None,
            };
            check_scope(&tx, actor, Action::EditAnyArticle, unit).await?;
        }
        let mut am: media::ActiveModel = m.into();
        am.alt = Set(clean(alt));
        am.caption = Set(clean(caption));
        am.credit = Set(clean_opt(credit.map(str::to_owned)));
        am.update(&tx).await?;
        audit(&tx, actor, "media.update", "media", Some(id), alt).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The media library, newest first, with the total.
    pub async fn media_list(&self, page: u64, per_page: u64) -> StoreResult<(Vec<MediaView>, u64)> {
        let q = media::Entity::find().order_by_desc(media::Column::Id);
        let total = q.clone().count(&self.read).await?;
        let rows = q.offset(page.saturating_sub(1).saturating_mul(per_page)).limit(per_page).all(&self.read).await?;
        Ok((rows.into_iter().map(Into::into).collect(), total))
    }

    /// One media item.
    pub async fn media(&self, id: i32) -> StoreResult<Option<MediaView>> {
        Ok(media::Entity::find_by_id(id).one(&self.read).await?.map(Into::into))
    }

    /// Media items by id (for an article page's figures), in no order.
    pub async fn media_by_ids(&self, ids: &[i32]) -> StoreResult<Vec<MediaView>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        Ok(media::Entity::find().filter(media::Column::Id.is_in(ids.to_vec())).all(&self.read).await?.into_iter().map(Into::into).collect())
    }

}

/// A hash of a random password, verified when the user name is unknown
/// (same parameters as real hashes, so the same time).
fn dummy_hash() -> &'static str {
    static H: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    H.get_or_init(|| hash_password(&random_secret()))
}

async fn hash_blocking(password: String) -> StoreResult<String> {
    tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(|e| StoreError::Db(sea_orm::DbErr::Custom(format!("hashing task: {e}"))))
}

async fn verify_blocking(password: String, phc: String) -> StoreResult<bool> {
    tokio::task::spawn_blocking(move || verify_password(&password, &phc))
        .await
        .map_err(|e| StoreError::Db(sea_orm::DbErr::Custom(format!("hashing task: {e}"))))
}

async fn insert_grant(tx: &DatabaseTransaction, user_id: i32, g: Grant) -> StoreResult<()> {
    if org_unit::Entity::find_by_id(g.unit_id).one(tx).await?.is_none() {
        return Err(field("grants", "unit.parent_unknown"));
    }
    if role_grant::Entity::find()
        .filter(role_grant::Column::UserId.eq(user_id))
        .filter(role_grant::Column::Role.eq(g.role.as_str()))
        .filter(role_grant::Column::UnitId.eq(g.unit_id))
        .count(tx)
        .await?
        > 0
    {
        return Ok(());
    }
    role_grant::ActiveModel { user_id: Set(user_id), role: Set(g.role.as_str().to_owned()), unit_id: Set(g.unit_id), ..Default::default() }
        .insert(tx)
        .await?;
    Ok(())
}

fn describe_grants(grants: &[Grant]) -> String {
    grants.iter().map(|g| format!("{}@{}", g.role.as_str(), g.unit_id)).collect::<Vec<_>>().join(", ")
}

/// Checks that the category, media and units an input names exist.
async fn check_refs<C: ConnectionTrait>(db: &C, a: &ArticleInput) -> StoreResult<()> {
    if let Some(c) = a.category_id
        && category::Entity::find_by_id(c).one(db).await?.is_none()
    {
        return Err(field("category_id", "article.category_unknown"));
    }
    if let Some(u) = a.org_unit_id
        && org_unit::Entity::find_by_id(u).one(db).await?.is_none()
    {
        return Err(field("org_unit_id", "unit.parent_unknown"));
    }
    let mut ids: Vec<i32> = a.figures.iter().filter_map(|f| f.media_id).collect();
    ids.extend(a.featured_media_id);
    ids.extend(a.video_media_ids.iter().copied());
    for id in ids {
        if media::Entity::find_by_id(id).one(db).await?.is_none() {
            return Err(field("media", "media.not_found"));
        }
    }
    Ok(())
}

/// Replaces the figures, tags and videos of an article.
async fn write_parts(tx: &DatabaseTransaction, article_id: i32, a: &ArticleInput) -> StoreResult<()> {
    figure::Entity::delete_many().filter(figure::Column::ArticleId.eq(article_id)).exec(tx).await?;
    for (i, f) in a.figures.iter().enumerate() {
        let url = match f.media_id {
            Some(id) => media::Entity::find_by_id(id).one(tx).await?.map(|m| media_url(&m.storage_key)),
            None => None,
        };
        figure::ActiveModel {
            article_id: Set(article_id),
            position: Set(i as i32 + 1),
            image_url: Set(url),
            image_source: Set(None),
            alt: Set(f.alt.clone()),
            caption: Set(f.caption.clone()),
            credit: Set(f.credit.clone()),
            media_id: Set(f.media_id),
            ..Default::default()
        }
        .insert(tx)
        .await?;
    }
    article_tag::Entity::delete_many().filter(article_tag::Column::ArticleId.eq(article_id)).exec(tx).await?;
    for name in &a.tags {
        let slug = danvan_text::slugify(name);
        let tag_id = match tag::Entity::find().filter(tag::Column::Slug.eq(&slug)).one(tx).await? {
            Some(t) => t.id,
            None => tag::ActiveModel { slug: Set(slug), name: Set(name.clone()), ..Default::default() }.insert(tx).await?.id,
        };
        article_tag::ActiveModel { article_id: Set(article_id), tag_id: Set(tag_id), ..Default::default() }.insert(tx).await?;
    }
    article_video::Entity::delete_many().filter(article_video::Column::ArticleId.eq(article_id)).exec(tx).await?;
    for (i, m) in a.video_media_ids.iter().enumerate() {
        article_video::ActiveModel { article_id: Set(article_id), media_id: Set(*m), position: Set(i as i32), ..Default::default() }
            .insert(tx)
            .await?;
    }
    Ok(())
}

async fn add_revision(tx: &DatabaseTransaction, actor: &Actor, article_id: i32, a: &ArticleInput) -> StoreResult<i32> {
    let last = article_revision::Entity::find()
        .filter(article_revision::Column::ArticleId.eq(article_id))
        .order_by_desc(article_revision::Column::Number)
        .one(tx)
        .await?
        .map(|r| r.number)
        .unwrap_or(0);
    article_revision::ActiveModel {
        article_id: Set(article_id),
        number: Set(last + 1),
        title: Set(a.title.clone()),
        lead: Set(a.lead.clone()),
        body_html: Set(a.body_html.clone()),
        byline: Set(a.byline.clone()),
        category_id: Set(a.category_id),
        tags: Set(a.tags.join(", ")),
        figures: Set(figures_json(&a.figures)),
        author_id: Set(actor.user_ref()),
        author_name: Set(actor.display_name.clone()),
        created_at: Set(now()),
        ..Default::default()
    }
    .insert(tx)
    .await?;
    Ok(last + 1)
}

fn revision_view(r: article_revision::Model) -> RevisionView {
    RevisionView {
        number: r.number,
        figures: serde_json::from_str(&r.figures).unwrap_or_default(),
        title: r.title,
        lead: r.lead,
        body_html: r.body_html,
        byline: r.byline,
        category_id: r.category_id,
        tags: r.tags,
        author_name: r.author_name,
        created_at: r.created_at,
    }
}

/// Search entry, related lists (its own and its neighbours') and document
/// links of an article whose public state changed.
async fn after_publication_change<C: ConnectionTrait>(db: &C, backend: crate::Backend, id: i32) -> StoreResult<()> {
    let before: Vec<i32> = crate::entity::related_article::Entity::find()
        .filter(crate::entity::related_article::Column::RelatedId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.article_id)
        .collect();
    crate::search::index_article(db, id).await?;
    crate::search::refresh_related(db, backend, id).await?;
    for other in before {
        crate::search::compute_related(db, backend, other).await?;
    }
    if let Some(a) = article::Entity::find_by_id(id).one(db).await? {
        let text = crate::search::plain_text(&a.body_html);
        crate::documents::record_references(db, id, &text).await?;
    }
    Ok(())
}

/// One workflow step inside the caller's transaction.
async fn step_in(
    tx: &DatabaseTransaction,
    backend: crate::Backend,
    actor: &Actor,
    id: i32,
    step: Transition,
    comment: Option<&str>,
    at: Option<DateTime<Utc>>,
) -> StoreResult<ArticleStatus> {
    let a = article::Entity::find_by_id(id).one(tx).await?.ok_or(StoreError::Rule(ErrorCode::ArticleNotFound))?;
    let unit = article_unit(tx, &a).await?;
    if let Some(action) = step.action() {
        check_scope(tx, actor, action, Some(unit)).await?;
    }
    let from = ArticleStatus::parse(&a.status).unwrap_or(ArticleStatus::Draft);
    let images_without_alt = images_without_alt(tx, &a).await?;
    let t = now();
    let cx = StepContext {
        comment,
        at: at.map(|x| x.timestamp()),
        now: t.timestamp(),
        images_without_alt,
        complete: !a.title.trim().is_empty() && !crate::search::plain_text(&a.body_html).trim().is_empty(),
    };
    let to = rules::next_status(from, step, &cx).map_err(StoreError::Workflow)?;
    let mut m: article::ActiveModel = a.clone().into();
    m.status = Set(to.as_str().to_owned());
    m.version = Set(a.version + 1);
    m.updated_at = Set(t);
    match step {
        Transition::Return => m.return_comment = Set(comment.map(clean)),
        Transition::Submit => m.return_comment = Set(None),
        _ => {}
    }
    match to {
        ArticleStatus::Published if step == Transition::Publish => m.published_at = Set(Some(t)),
        ArticleStatus::Scheduled => m.published_at = Set(at),
        _ => {}
    }
    m.update(tx).await?;
    if from == ArticleStatus::Published || to == ArticleStatus::Published {
        after_publication_change(tx, backend, id).await?;
    }
    let summary = match (step, comment.map(clean).filter(|c| !c.is_empty()), at) {
        (Transition::Schedule, _, Some(at)) => format!("{} → {} ({})", from.as_str(), to.as_str(), at.to_rfc3339()),
        (_, Some(c), _) => format!("{} → {}: {}", from.as_str(), to.as_str(), c),
        _ => format!("{} → {}", from.as_str(), to.as_str()),
    };
    audit(tx, actor, &format!("article.{}", step.as_str()), "article", Some(id), &summary).await?;
    Ok(to)
}

/// Images of an article (featured and figures with a media file) whose alt
/// text is empty, in the media record or in the figure.
async fn images_without_alt<C: ConnectionTrait>(db: &C, a: &article::Model) -> StoreResult<usize> {
    let mut n = 0;
    if let Some(m) = a.featured_media_id
        && media::Entity::find_by_id(m).one(db).await?.is_some_and(|m| m.alt.trim().is_empty())
    {
        n += 1;
    }
    for f in figure::Entity::find().filter(figure::Column::ArticleId.eq(a.id)).all(db).await? {
        if (f.media_id.is_some() || f.image_url.is_some()) && f.alt.trim().is_empty() {
            n += 1;
        }
    }
    Ok(n)
}

/// A revision as plain text (title, lead, body, byline, tags, figures),
/// for the diff page.
pub fn revision_text(r: &RevisionView) -> String {
    let mut s = format!("{}\n\n", r.title);
    if let Some(l) = &r.lead {
        s.push_str(l);
        s.push_str("\n\n");
    }
    s.push_str(&crate::search::plain_text(&r.body_html));
    if let Some(b) = &r.byline {
        s.push_str("\n\n");
        s.push_str(b);
    }
    if !r.tags.is_empty() {
        s.push_str("\n\n# ");
        s.push_str(&r.tags);
    }
    for f in &r.figures {
        s.push_str(&format!("\n\n[{}] {}", f.alt, f.caption));
    }
    s
}
