//! Errors of the storage layer, and the one place where database refusals
//! (unique and foreign-key violations) become stable codes.

use danvan_domain::ErrorCode;
use sea_orm::{DbErr, SqlErr};

/// Errors of the storage layer.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database failed or refused a statement (logged, shown as a 500).
    #[error("database error: {0}")]
    Db(DbErr),
    /// A domain rule refused the change (e.g. `rating.already_voted`).
    #[error("{0}")]
    Rule(ErrorCode),
    /// The database URL is neither `sqlite:` nor `postgres:`.
    #[error("unsupported database URL (use sqlite:… or postgres://…)")]
    UnsupportedUrl,
    /// A form field is not acceptable: `field` names it (as the form does),
    /// `code` says why (a catalogue key such as `password.too_short`).
    #[error("{field}: {code}")]
    Field { field: &'static str, code: &'static str },
    /// Items of a list field were refused (references to registry records
    /// typed in the article editor): `field` names the form field, each
    /// problem the item as typed and the catalogue key of why.
    #[error("{field}: {} items refused", problems.len())]
    Items { field: &'static str, problems: Vec<danvan_domain::registry::links::RefProblem> },
    /// A workflow step refused by the domain rules.
    #[error("{0}")]
    Workflow(danvan_domain::editorial::WorkflowError),
    /// `--category` named a category that does not exist.
    #[error("no category with address {0:?}")]
    UnknownCategory(String),
    /// The SQLite file is damaged (SQLite says "malformed" or "not a
    /// database"): `problem` is what SQLite reports. Nothing was written.
    #[error("the database file is damaged: {problem}")]
    Damaged { problem: String },
    /// The database server cannot be reached at connection: why, as the
    /// driver says it (connection refused, no answer within
    /// [`crate::CONNECT_TIMEOUT`], authentication failed, no such database).
    #[error("the database cannot be reached: {0}")]
    Unreachable(String),
    /// A backup archive cannot be written or restored: what is wrong and
    /// where (the entry of the archive, the table, the line). Nothing of
    /// the target was changed.
    #[error("backup: {0}")]
    Backup(String),
    /// The search engine failed (its index folder unreadable or locked);
    /// the database is unchanged by it.
    #[error("search engine: {0}")]
    Search(String),
}

impl StoreError {
    /// The stable error code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::Rule(c) => c.as_str(),
            StoreError::UnknownCategory(_) => "import.unknown_category",
            StoreError::Field { code, .. } => code,
            StoreError::Items { .. } => "registry.link.invalid",
            StoreError::Workflow(w) => w.code(),
            _ => ErrorCode::Internal.as_str(),
        }
    }
}

pub type StoreResult<T> = Result<T, StoreError>;

/// A refused form field.
pub(crate) fn field(field: &'static str, code: &'static str) -> StoreError {
    StoreError::Field { field, code }
}

/// The actor's roles do not allow this here.
pub(crate) fn forbidden() -> StoreError {
    StoreError::Rule(ErrorCode::Forbidden)
}

/// Unique indexes whose violation has a code of its own: a concurrent second
/// vote of one visitor (the index `rating_vote_visitor`) is
/// `rating.already_voted`, a taken user name `user.username_taken`. Any
/// other unique violation is [`ErrorCode::Duplicate`].
const UNIQUE_CODES: &[(&str, ErrorCode)] = &[("rating_vote", ErrorCode::RatingAlreadyVoted)];

/// The one place where database refusals become stable codes: unique
/// violations as in [`UNIQUE_CODES`] (else [`ErrorCode::Duplicate`], 409),
/// foreign-key violations as [`ErrorCode::RecordInUse`] (409). Everything
/// else stays [`StoreError::Db`] (logged, 500).
impl From<DbErr> for StoreError {
    fn from(e: DbErr) -> Self {
        match e.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(m)) => {
                let code = UNIQUE_CODES.iter().find(|(name, _)| m.contains(name)).map_or(ErrorCode::Duplicate, |(_, c)| *c);
                StoreError::Rule(code)
            }
            Some(SqlErr::ForeignKeyConstraintViolation(_)) => StoreError::Rule(ErrorCode::RecordInUse),
            _ => StoreError::Db(e),
        }
    }
}
