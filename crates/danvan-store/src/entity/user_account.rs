//! A back-office account; `password_hash` is an argon2id PHC string.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "user_account")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub username: String,
    pub display_name: String,
    pub password_hash: String,
    pub is_admin: bool,
    pub created_at: DateTimeUtc,
    /// The user's own unit (default scope of new articles).
    pub org_unit_id: Option<i32>,
    /// False once an administrator disables the account.
    pub is_active: bool,
    /// Failed sign-ins in a row; reset by a good one.
    pub failed_sign_ins: i32,
    /// Sign-in refused until then after too many failures.
    pub locked_until: Option<DateTimeUtc>,
    /// Set when an administrator resets the password.
    pub must_change_password: bool,
    pub password_changed_at: Option<DateTimeUtc>,
    /// Base32 TOTP secret; set when two-step sign-in is being set up or on.
    pub totp_secret: Option<String>,
    /// Two-step sign-in required for this account.
    pub totp_enabled: bool,
    /// The last TOTP step accepted (each code works once).
    pub totp_last_step: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
