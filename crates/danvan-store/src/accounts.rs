//! Accounts and sessions: users with argon2id passwords, role grants, TOTP,
//! sign-in with its limits and locks, database sessions. Every change is
//! audited in its own transaction; the rules (password policy, lock times,
//! who manages whom) are the domain's ([`danvan_domain::editorial`]).

use crate::entity::{org_unit, role_grant, sign_in_failure, user_account, user_session};
use crate::{Store, StoreResult, now};
use crate::error::{StoreError, field, forbidden};
use chrono::{DateTime, Duration, Utc};
use danvan_domain::ErrorCode;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set};
use serde::Serialize;
use crate::audit::audit;
use danvan_domain::audit::{AuditAction, AuditParams, encode_grants};
use crate::input::clean;
use crate::scope::{check_scope, grants_of, root_unit};
use crate::views::Actor;
use danvan_domain::accounts::{hash_password, random_secret, verify_password};
use danvan_domain::editorial::{self as rules, Action, Grant, LOCK_SECONDS, MAX_FAILED_PER_ADDRESS, MAX_FAILED_SIGN_INS, Permissions, Role, SESSION_IDLE_SECONDS, SESSION_MAX_SECONDS};
use sha2::{Digest, Sha256};

/// Accounts, grants and sessions (`store.accounts()`).
#[derive(Clone, Copy)]
pub struct Accounts<'a> {
    pub(crate) store: &'a Store,
}

/// The SHA-256 of a session token, as stored (the token itself never is).
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
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

/// Checks a user name: 3–40 characters of `a-z 0-9 . _ -`, starting with a
/// letter. Error code `user.bad_username`.
pub fn check_username(name: &str) -> StoreResult<()> {
    let ok = (3..=40).contains(&name.len())
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'));
    if ok { Ok(()) } else { Err(StoreError::Field { field: "username", code: "user.bad_username" }) }
}

impl Accounts<'_> {
    /// Gives the first administrator (and any administrator without grants,
    /// from databases made before roles existed) the administrator, approver
    /// and editor roles over every root unit, creating a root unit named
    /// after the site when there is none. Returns the number of grants added.
    pub async fn ensure_editorial_defaults(&self) -> StoreResult<usize> {
        let tx = self.store.begin_write().await?;
        let mut root = root_unit(&tx).await?;
        if root == 0 {
            let name = crate::entity::site::Entity::find().one(&tx).await?.map(|s| s.name).unwrap_or_else(|| danvan_domain::messages::t("unit.default_name", danvan_domain::messages::Lang::Vi).to_owned());
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
            for role in [Role::Administrator, Role::Approver, Role::Editor, Role::RegistryOfficer] {
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
        self.store.shared.root_unit.forget();
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
        let tx = self.store.begin_write().await?;
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
        audit(&tx, actor, AuditAction::UserCreate, "user", Some(stored.id), AuditParams::new().with("username", &username).with("grants", encode_grants(&u.grants))).await?;
        tx.commit().await?;
        Ok(stored.id)
    }

    /// Replaces a user's grants. `Forbidden` unless the actor manages users
    /// over every unit named, old and new; an administrator cannot take the
    /// administrator role from themself (so a site always keeps one).
    pub async fn set_grants(&self, actor: &Actor, user_id: i32, grants: &[Grant]) -> StoreResult<()> {
        let tx = self.store.begin_write().await?;
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
        audit(&tx, actor, AuditAction::UserGrants, "user", Some(user_id), AuditParams::new().with("grants", encode_grants(grants))).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Every account with its grants, by user name.
    pub async fn users(&self) -> StoreResult<Vec<UserView>> {
        let t = now();
        let all = user_account::Entity::find().order_by_asc(user_account::Column::Username).all(&self.store.read).await?;
        let grants = role_grant::Entity::find().all(&self.store.read).await?;
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
        let u = user_account::Entity::find_by_id(user_id).one(&self.store.read).await?.ok_or(StoreError::Rule(ErrorCode::RecordNotFound))?;
        if own {
            let ok = verify_blocking(current.unwrap_or("").to_owned(), u.password_hash.clone()).await?;
            if !ok {
                return Err(field("current_password", "password.current_wrong"));
            }
        }
        rules::check_new_password(new, &u.username).map_err(|e| field("password", e.code()))?;
        let hash = hash_blocking(new.to_owned()).await?;
        let tx = self.store.begin_write().await?;
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
        audit(&tx, actor, if own { AuditAction::UserPasswordChange } else { AuditAction::UserPasswordReset }, "user", Some(user_id), AuditParams::new()).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Starts setting up two-step sign-in: stores a new secret (not yet
    /// required) and returns it, Base32. Error `totp.already_on`.
    pub async fn start_totp(&self, actor: &Actor) -> StoreResult<String> {
        let tx = self.store.begin_write().await?;
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

    /// Turns two-step sign-in on (`on = true`, after [`Accounts::start_totp`])
    /// or off, each confirmed by a current code (`totp.code_wrong`).
    pub async fn set_totp(&self, actor: &Actor, on: bool, code: &str) -> StoreResult<()> {
        let tx = self.store.begin_write().await?;
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
        audit(&tx, actor, if on { AuditAction::UserTotpOn } else { AuditAction::UserTotpOff }, "user", Some(actor.user_id), AuditParams::new()).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Recovery from the command line (`danvan user recover NAME`): gives
    /// `username` a new generated password (to change at next sign-in),
    /// unlocks it, turns two-step sign-in off and grants the administrator,
    /// approver, editor and registry officer roles over the first root unit. Returns the
    /// password. Error: [`ErrorCode::RecordNotFound`].
    pub async fn recover_admin(&self, username: &str) -> StoreResult<String> {
        let password = danvan_domain::accounts::generate_password(20);
        let hash = hash_blocking(password.clone()).await?;
        let tx = self.store.begin_write().await?;
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
            for role in [Role::Administrator, Role::Approver, Role::Editor, Role::RegistryOfficer] {
                insert_grant(&tx, id, Grant { role, unit_id: root }).await?;
            }
        }
        user_session::Entity::delete_many().filter(user_session::Column::UserId.eq(id)).exec(&tx).await?;
        let cli = Actor { user_id: 0, username: "cli".to_owned(), display_name: "danvan user recover".to_owned(), ..Actor::scheduler() };
        audit(&tx, &cli, AuditAction::UserRecover, "user", Some(id), AuditParams::new().with("username", username)).await?;
        tx.commit().await?;
        Ok(password)
    }

    /// Enables or disables an account; disabling ends its sessions.
    pub async fn set_user_active(&self, actor: &Actor, user_id: i32, active: bool) -> StoreResult<()> {
        if user_id == actor.user_id && !active {
            return Err(field("is_active", "user.keep_own_admin"));
        }
        let tx = self.store.begin_write().await?;
        let u = user_account::Entity::find_by_id(user_id).one(&tx).await?.ok_or(StoreError::Rule(ErrorCode::RecordNotFound))?;
        check_scope(&tx, actor, Action::ManageUsers, u.org_unit_id).await?;
        let mut m: user_account::ActiveModel = u.into();
        m.is_active = Set(active);
        m.update(&tx).await?;
        if !active {
            user_session::Entity::delete_many().filter(user_session::Column::UserId.eq(user_id)).exec(&tx).await?;
        }
        audit(&tx, actor, if active { AuditAction::UserEnable } else { AuditAction::UserDisable }, "user", Some(user_id), AuditParams::new()).await?;
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
            .count(&self.store.read)
            .await?;
        if recent >= MAX_FAILED_PER_ADDRESS as u64 {
            return Err(StoreError::Rule(ErrorCode::RateLimited));
        }
        let user = user_account::Entity::find().filter(user_account::Column::Username.eq(&username)).one(&self.store.read).await?;
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
        let tx = self.store.begin_write().await?;
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
        audit(&tx, &actor, AuditAction::UserSignIn, "user", Some(u.id), AuditParams::new()).await?;
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
        let Some(s) = user_session::Entity::find().filter(user_session::Column::TokenHash.eq(token_hash(token))).one(&self.store.read).await?
        else {
            return Ok(None);
        };
        if s.expires_at <= t || s.last_seen_at + Duration::seconds(SESSION_IDLE_SECONDS) <= t {
            return Ok(None);
        }
        let Some(u) = user_account::Entity::find_by_id(s.user_id).one(&self.store.read).await? else {
            return Ok(None);
        };
        if !u.is_active {
            return Ok(None);
        }
        if t - s.last_seen_at > Duration::seconds(60) {
            user_session::Entity::update_many()
                .col_expr(user_session::Column::LastSeenAt, Expr::value(t))
                .filter(user_session::Column::Id.eq(s.id))
                .exec(&self.store.write)
                .await?;
        }
        Ok(Some(Actor {
            user_id: u.id,
            username: u.username,
            display_name: u.display_name,
            org_unit_id: u.org_unit_id,
            grants: grants_of(&self.store.read, s.user_id).await?,
            csrf_token: s.csrf_token,
            session_id: s.id,
            must_change_password: u.must_change_password,
            totp_enabled: u.totp_enabled,
        }))
    }

    /// Ends one session (sign out).
    pub async fn sign_out(&self, actor: &Actor) -> StoreResult<()> {
        let tx = self.store.begin_write().await?;
        user_session::Entity::delete_by_id(actor.session_id).exec(&tx).await?;
        audit(&tx, actor, AuditAction::UserSignOut, "user", Some(actor.user_id), AuditParams::new()).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Ends every session of the actor's account, on every device and
    /// instance. Returns how many ended.
    pub async fn sign_out_everywhere(&self, actor: &Actor) -> StoreResult<u64> {
        let tx = self.store.begin_write().await?;
        let n = user_session::Entity::delete_many().filter(user_session::Column::UserId.eq(actor.user_id)).exec(&tx).await?.rows_affected;
        audit(&tx, actor, AuditAction::UserSignOutEverywhere, "user", Some(actor.user_id), AuditParams::new().with("count", n)).await?;
        tx.commit().await?;
        Ok(n)
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
