//! danvan's storage over SQLite or PostgreSQL, chosen by the database URL.
//!
//! * SQLite: WAL journal, 5 s busy timeout, foreign keys on, one writer
//!   connection (writes start with `BEGIN IMMEDIATE`) and a pool of
//!   read-only connections;
//! * PostgreSQL: one pool for both.
//!
//! One set of migrations ([`migration::Migrator`]) serves both. Handlers call
//! the repository methods on [`Store`]; no SQL lives outside this crate.

pub mod entity;
pub mod migration;
mod portal;
mod documents;
mod files;
mod glossary;
mod sample;
mod editorial;
pub use editorial::*;
mod search;
pub use search::{KIND_ARTICLE, KIND_DOCUMENT, SearchFilter, SearchHit, SearchKind, SearchPage, plain_text};
pub mod testing;

pub use portal::*;
pub use documents::*;
pub use files::{FileError, FileStore, sniff_document};
pub use sample::{SampleSite, bootstrap_site};

use danvan_domain::ErrorCode;
use sea_orm::sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, Database, DatabaseConnection, DatabaseTransaction, DbErr, SqlxSqliteConnector,
    SqliteTransactionMode, TransactionOptions, TransactionTrait,
};
use sea_orm_migration::MigratorTrait;
use std::str::FromStr;
use std::time::Duration;

/// Which database engine a [`Store`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Errors of the storage layer.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database failed or refused a statement (logged, shown as a 500).
    #[error("database error: {0}")]
    Db(#[from] DbErr),
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
    /// A workflow step refused by the domain rules.
    #[error("{0}")]
    Workflow(danvan_domain::editorial::WorkflowError),
    /// `--category` named a category that does not exist.
    #[error("no category with address {0:?}")]
    UnknownCategory(String),
}

impl StoreError {
    /// The stable error code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::Rule(c) => c.as_str(),
            StoreError::UnknownCategory(_) => "import.unknown_category",
            StoreError::Field { code, .. } => code,
            StoreError::Workflow(w) => w.code(),
            _ => ErrorCode::Internal.as_str(),
        }
    }
}

pub type StoreResult<T> = Result<T, StoreError>;

/// A handle to the database; cheap to clone.
#[derive(Clone, Debug)]
pub struct Store {
    read: DatabaseConnection,
    write: DatabaseConnection,
    backend: Backend,
}

impl Store {
    /// Connects to `url`: `sqlite://PATH` (the file is created when missing)
    /// or `postgres://…`. Does not migrate; call [`Store::migrate`].
    pub async fn connect(url: &str) -> StoreResult<Store> {
        if url.starts_with("sqlite:") {
            let opts = SqliteConnectOptions::from_str(url)
                .map_err(|e| DbErr::Custom(format!("bad SQLite URL: {e}")))?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(5))
                .foreign_keys(true)
                .pragma("temp_store", "memory");
            let writer = SqlitePoolOptions::new()
                .max_connections(1)
                .min_connections(1)
                .connect_with(opts.clone())
                .await
                .map_err(|e| DbErr::Conn(sea_orm::RuntimeErr::Internal(format!("cannot open {url}: {e}"))))?;
            let readers = SqlitePoolOptions::new()
                .max_connections(8)
                .min_connections(1)
                .connect_with(opts.read_only(true).create_if_missing(false))
                .await
                .map_err(|e| DbErr::Conn(sea_orm::RuntimeErr::Internal(format!("cannot open {url}: {e}"))))?;
            Ok(Store {
                read: SqlxSqliteConnector::from_sqlx_sqlite_pool(readers),
                write: SqlxSqliteConnector::from_sqlx_sqlite_pool(writer),
                backend: Backend::Sqlite,
            })
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let mut opts = ConnectOptions::new(url.to_owned());
            opts.max_connections(16).min_connections(1).sqlx_logging(false);
            let conn = Database::connect(opts).await?;
            Ok(Store { read: conn.clone(), write: conn, backend: Backend::Postgres })
        } else {
            Err(StoreError::UnsupportedUrl)
        }
    }

    /// Applies every pending migration.
    pub async fn migrate(&self) -> StoreResult<()> {
        migration::Migrator::up(&self.write, None).await?;
        Ok(())
    }

    /// Names of the migrations applied so far, oldest first.
    pub async fn applied_migrations(&self) -> StoreResult<Vec<String>> {
        Ok(migration::Migrator::get_applied_migrations(&self.write)
            .await?
            .into_iter()
            .map(|m| m.name().to_owned())
            .collect())
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Starts a write transaction (`BEGIN IMMEDIATE` on SQLite, so that a
    /// busy database is waited for instead of failing half-way).
    async fn begin_write(&self) -> StoreResult<DatabaseTransaction> {
        let mut o = TransactionOptions::default();
        if self.backend == Backend::Sqlite {
            o.sqlite_transaction_mode = Some(SqliteTransactionMode::Immediate);
        }
        Ok(self.write.begin_with_options(o).await?)
    }

    /// Closes all connections.
    pub async fn close(self) {
        let _ = self.read.close().await;
        let _ = self.write.close().await;
    }
}

/// The current time, truncated to whole microseconds (what PostgreSQL keeps).
pub fn now() -> chrono::DateTime<chrono::Utc> {
    use chrono::SubsecRound;
    chrono::Utc::now().trunc_subsecs(6)
}
