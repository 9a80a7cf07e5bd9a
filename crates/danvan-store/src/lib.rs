//! danvan's storage over SQLite or PostgreSQL, chosen by the database URL.
//!
//! * SQLite: WAL journal, 5 s busy timeout, foreign keys on, one writer
//!   connection (writes start with `BEGIN IMMEDIATE`) and a pool of
//!   read-only connections;
//! * PostgreSQL: one pool for both.
//!
//! One set of migrations ([`migration::Migrator`]) serves both. Each
//! capability has its module and a repository handle reached from [`Store`]
//! (`store.articles()`, `store.accounts()`, …), so a call names its file;
//! view types shared between capabilities are in `views`, every SQLite and
//! PostgreSQL difference in `dialect`. No SQL lives outside this crate.

pub mod entity;
pub mod migration;

mod accounts;
mod articles;
mod audit;
mod backup;
mod cache;
mod calendar;
mod dialect;
mod documents;
mod error;
mod feedback;
mod files;
mod glossary;
mod group;
mod import;
mod input;
mod media;
mod open311;
mod portal;
mod published;
mod ratings;
mod registry;
mod sample;
mod scheduler;
mod scope;
mod search;
mod units;
mod views;

pub use accounts::{Accounts, GrantView, NewUser, SignedIn, UserView, check_username, token_hash};
pub use articles::{ArticleEdit, ArticleInput, ArticleRow, Articles, FigureInput, MAX_BODY_BYTES, MAX_LEAD_CHARS, MAX_TAGS, MAX_TITLE_CHARS, RevisionView, revision_text};
pub use audit::{AuditLog, AuditView};
pub use backup::{FORMAT_VERSION as BACKUP_FORMAT_VERSION, FileEntry, Manifest, NOT_BACKED_UP, SELF_REFERENCES, TABLES as BACKED_UP_TABLES, TableEntry, Target as RestoreTarget};
pub use calendar::{Calendar, CalendarYearView, YearOrigin};
pub use documents::{DocumentFilter, DocumentFull, Documents, FileView, MAX_FILE_BYTES, MissingDocument, NewDocument, RelationView};
pub use error::{StoreError, StoreResult};
pub use feedback::{
    CategoryView, Feedback, ItemRow, ItemView, LOOKUP_FAILURES_PER_WINDOW, LookupView, Open311Sent, Queue, RECEIPT_HOURS, Receipt,
    SUBMISSIONS_PER_CONTACT_PER_HOUR, SUBMISSIONS_PER_HOUR, StepView, Submitted,
};
pub use feedback::{ContactExport, Delivery, Found, Notice, NoticeKind, PUBLIC_FIELDS, PublicItem, PublicRow, PublicTexts, PublicationDraft, PublishOutcome};
pub use feedback::{AttachmentView, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, NewAttachment};
pub use feedback::{CategoryCount, FeedbackStats, UnitStats};
pub use files::{FileError, FileStore, sniff_document};
pub use glossary::Glossary;
pub use import::{ImportOptions, ImportOutcome, Imports};
pub use media::{Media, NewMedia};
pub use open311::{KeyRef, KeyView, Open311, PublicFields, RequestFilter, RequestView};
pub use portal::Portal;
pub use ratings::Ratings;
pub use registry::{CommendationView, EvaluationView, ImportReport, MAX_PHOTOS, MAX_RECORD_FILE_BYTES, RecordFileView, RecordFilter, RecordRow, RecordView, Registry};
pub use registry::{LinkedArticle, LinkedModel, ModelLinkChange, UnitMatch, match_unit};
pub use sample::{SampleSite, bootstrap_site};
pub use scheduler::Scheduler;
pub use search::{EngineCheck, FOLLOW_EVERY, KIND_ARTICLE, KIND_DOCUMENT, KIND_MODEL, ModelCard, Search, SearchFilter, SearchHit, SearchKind, SearchPage};
pub use units::Units;
pub use views::{
    Actor, ArticleCard, ArticleFull, ArticleStamp, CategoryRef, DocumentView, FigureView, MediaVariant, MediaView, OrgUnitView,
    Responsive, TagRef, VideoView, body_html_from_blocks, escape_html, figure_marker, media_url, plain_text, type_code,
    type_from_code,
};

use sea_orm::sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DatabaseTransaction, DbErr, SqlxSqliteConnector};
use sea_orm_migration::MigratorTrait;
use std::str::FromStr;
use std::time::Duration;

/// How long [`Store::connect`] waits for PostgreSQL to answer before it
/// says the server cannot be reached (issue 15: within 5 s, with the cause).
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// Which database engine a [`Store`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}



/// A handle to the database; cheap to clone.
#[derive(Clone, Debug)]
pub struct Store {
    read: DatabaseConnection,
    write: DatabaseConnection,
    backend: Backend,
    /// The search engine (in memory until [`Store::with_search_index`]).
    engine: std::sync::Arc<search::Engine>,
    /// The writer task that commits feedback submissions in groups.
    intake: std::sync::Arc<group::GroupCommit<feedback::ItemWrite, Submitted>>,
    /// Copies of the rows every submission reads (see [`cache`]).
    shared: std::sync::Arc<cache::SharedRows>,
}

/// Why a SQLite file could not be opened: [`StoreError::Damaged`] when
/// SQLite finds it corrupt (`SQLITE_CORRUPT`, 11, and its extended codes)
/// or not a database (`SQLITE_NOTADB`, 26), a connection error otherwise.
fn sqlite_open_error(url: &str, e: sea_orm::sqlx::Error) -> StoreError {
    let code = e.as_database_error().and_then(|d| d.code()).and_then(|c| c.parse::<i32>().ok());
    match code.map(|c| c & 0xff) {
        Some(11 | 26) => StoreError::Damaged { problem: e.as_database_error().map_or_else(|| e.to_string(), |d| d.message().to_owned()) },
        _ => DbErr::Conn(sea_orm::RuntimeErr::Internal(format!("cannot open {url}: {e}"))).into(),
    }
}

/// The key of the PostgreSQL advisory lock held while an instance sets up
/// the database at start ([`Store::setting_up`]): "danvan-s".
pub const SETUP_LOCK: i64 = 0x6461_6e76_616e_2d73;

/// Held while this instance sets up the database at start (PostgreSQL: a
/// session advisory lock on a connection of its own, released by
/// [`SetupLock::release`], or by the server if this process dies).
pub struct SetupLock {
    conn: Option<sea_orm::sqlx::pool::PoolConnection<sea_orm::sqlx::Postgres>>,
}

impl SetupLock {
    /// Lets the next instance set up (it finds everything done).
    pub async fn release(mut self) -> StoreResult<()> {
        if let Some(mut conn) = self.conn.take() {
            sea_orm::sqlx::query("SELECT pg_advisory_unlock($1)")
                .bind(SETUP_LOCK)
                .execute(&mut *conn)
                .await
                .map_err(|e| DbErr::Conn(sea_orm::RuntimeErr::Internal(format!("advisory unlock: {e}"))))?;
        }
        Ok(())
    }
}

/// The key of the PostgreSQL advisory lock held while migrating
/// ([`Store::migrate`]): "danvan" in ASCII, so that it meets no other
/// application's lock on a shared server.
pub const MIGRATION_LOCK: i64 = 0x0064_616e_7661_6e;

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
                .map_err(|e| sqlite_open_error(url, e))?;
            let readers = SqlitePoolOptions::new()
                .max_connections(8)
                .min_connections(1)
                .connect_with(opts.read_only(true).create_if_missing(false))
                .await
                .map_err(|e| sqlite_open_error(url, e))?;
            Ok(Store {
                read: SqlxSqliteConnector::from_sqlx_sqlite_pool(readers),
                write: SqlxSqliteConnector::from_sqlx_sqlite_pool(writer),
                backend: Backend::Sqlite,
                engine: search::Engine::in_memory()?,
                intake: feedback::intake_group(),
                shared: Default::default(),
            })
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            // one connection first, to say why the server cannot be reached
            // (refused, no answer, authentication) within CONNECT_TIMEOUT;
            // the pool alone would retry for 30 s and say "pool timed out"
            {
                use sea_orm::sqlx::Connection;
                match tokio::time::timeout(CONNECT_TIMEOUT, sea_orm::sqlx::PgConnection::connect(url)).await {
                    Err(_) => return Err(StoreError::Unreachable(format!("no answer within {} s (timed out)", CONNECT_TIMEOUT.as_secs()))),
                    Ok(Err(e)) => return Err(StoreError::Unreachable(e.to_string())),
                    Ok(Ok(c)) => {
                        let _ = c.close().await;
                    }
                }
            }
            let mut opts = ConnectOptions::new(url.to_owned());
            opts.max_connections(16).min_connections(1).connect_timeout(CONNECT_TIMEOUT).sqlx_logging(false);
            let conn = Database::connect(opts).await?;
            Ok(Store { read: conn.clone(), write: conn, backend: Backend::Postgres, engine: search::Engine::in_memory()?, intake: feedback::intake_group(), shared: Default::default() })
        } else {
            Err(StoreError::UnsupportedUrl)
        }
    }

    /// This store with `index` as its search engine (the on-disk index of
    /// `serve`, `<data_dir>/search-index`); [`Store::connect`] gives a new
    /// empty index in memory. Check it with
    /// [`search::Search::check_engine`] before serving.
    pub fn with_search_index(mut self, index: std::sync::Arc<danvan_search::SearchIndex>) -> Store {
        self.engine = std::sync::Arc::new(search::Engine::new(index));
        self
    }

    /// Applies every pending migration.
    ///
    /// On PostgreSQL all of them run in one transaction that first takes a
    /// transaction-scoped advisory lock ([`MIGRATION_LOCK`]): instances
    /// started at the same moment on an empty database wait for each other
    /// (the second finds nothing pending) instead of failing on a duplicate
    /// key in `pg_type`, and a migration that fails leaves the schema as it
    /// was. On SQLite the one writer connection serialises them already.
    pub async fn migrate(&self) -> StoreResult<()> {
        match self.backend {
            Backend::Sqlite => migration::Migrator::up(&self.write, None).await?,
            Backend::Postgres => {
                use sea_orm::{ConnectionTrait, TransactionTrait};
                let txn = self.write.begin().await?;
                txn.execute_unprepared(&format!("SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")).await?;
                migration::Migrator::up(&txn, None).await?;
                txn.commit().await?;
            }
        }
        Ok(())
    }

    /// Waits until no other instance is setting up the database and holds
    /// it until [`SetupLock::release`]: the start-up steps (migrations, the
    /// glossary, the first site, the editorial defaults) each check what is
    /// there before adding, and instances started at the same moment on
    /// one PostgreSQL database would otherwise add the same rows twice.
    /// On SQLite (one process per file, see `serve`) it holds nothing.
    ///
    /// Errors: [`StoreError::Db`] when no connection can be had.
    pub async fn setting_up(&self) -> StoreResult<SetupLock> {
        if self.backend != Backend::Postgres {
            return Ok(SetupLock { conn: None });
        }
        let pool = self.write.get_postgres_connection_pool();
        let fail = |e: sea_orm::sqlx::Error| StoreError::from(DbErr::Conn(sea_orm::RuntimeErr::Internal(format!("advisory lock: {e}"))));
        let mut conn = pool.acquire().await.map_err(fail)?;
        sea_orm::sqlx::query("SELECT pg_advisory_lock($1)").bind(SETUP_LOCK).execute(&mut *conn).await.map_err(fail)?;
        Ok(SetupLock { conn: Some(conn) })
    }

    /// Migrations this build knows that the database has not applied (0
    /// when current): what `/readyz` checks. Reaches the database, so it
    /// also fails when the database cannot be reached.
    pub async fn pending_migrations(&self) -> StoreResult<usize> {
        Ok(migration::Migrator::get_pending_migrations(&self.read).await?.len())
    }

    /// The connection pools' use now: (`"read"` or `"write"`, connections
    /// open, of which idle, most allowed). PostgreSQL has one pool for both
    /// and reports it once as `"write"`.
    pub fn pool_use(&self) -> Vec<(&'static str, u32, u32, u32)> {
        match self.backend {
            Backend::Sqlite => {
                let (r, w) = (self.read.get_sqlite_connection_pool(), self.write.get_sqlite_connection_pool());
                vec![
                    ("read", r.size(), r.num_idle() as u32, r.options().get_max_connections()),
                    ("write", w.size(), w.num_idle() as u32, w.options().get_max_connections()),
                ]
            }
            Backend::Postgres => {
                let p = self.write.get_postgres_connection_pool();
                vec![("write", p.size(), p.num_idle() as u32, p.options().get_max_connections())]
            }
        }
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
    pub(crate) async fn begin_write(&self) -> StoreResult<DatabaseTransaction> {
        Ok(group::begin_write(&self.write, self.backend).await?)
    }

    /// Writes a prepared feedback item with the others waiting at the same
    /// moment (see [`group`]) and answers once it is committed.
    pub(crate) async fn write_intake(&self, item: feedback::ItemWrite) -> StoreResult<Submitted> {
        self.intake.run(&self.write, self.backend, item).await
    }

    /// Accounts, grants and sessions.
    pub fn accounts(&self) -> Accounts<'_> {
        Accounts { store: self }
    }
    /// Articles through the editorial workflow, with revisions.
    pub fn articles(&self) -> Articles<'_> {
        Articles { store: self }
    }
    /// The working-day calendar: stored years, confirmation.
    pub fn calendar(&self) -> Calendar<'_> {
        Calendar { store: self }
    }

    /// The "Dân vận khéo" registry: records, import, statistics.
    pub fn registry(&self) -> Registry<'_> {
        Registry { store: self }
    }

    /// The feedback desk: categories, intake, lookup, handling.
    pub fn feedback(&self) -> Feedback<'_> {
        Feedback { store: self }
    }

    /// Open311 GeoReport v2: API keys and the public request list.
    pub fn open311(&self) -> Open311<'_> {
        Open311 { store: self }
    }

    /// The audit log.
    pub fn audit_log(&self) -> AuditLog<'_> {
        AuditLog { store: self }
    }
    /// The document library.
    pub fn documents(&self) -> Documents<'_> {
        Documents { store: self }
    }
    /// The abbreviation glossary.
    pub fn glossary(&self) -> Glossary<'_> {
        Glossary { store: self }
    }
    /// The article importer.
    pub fn imports(&self) -> Imports<'_> {
        Imports { store: self }
    }
    /// Media records.
    pub fn media(&self) -> Media<'_> {
        Media { store: self }
    }
    /// Public reads of the portal.
    pub fn portal(&self) -> Portal<'_> {
        Portal { store: self }
    }
    /// Article ratings.
    pub fn ratings(&self) -> Ratings<'_> {
        Ratings { store: self }
    }
    /// Job leases and scheduled publishing.
    pub fn scheduler(&self) -> Scheduler<'_> {
        Scheduler { store: self }
    }
    /// Site search.
    pub fn search(&self) -> Search<'_> {
        Search { store: self }
    }
    /// Units and categories.
    pub fn units(&self) -> Units<'_> {
        Units { store: self }
    }

    /// The writer connection, for tools and tests that need SQL of their own
    /// (the application itself goes through the repository handles).
    pub fn connection(&self) -> &DatabaseConnection {
        &self.write
    }

    /// Checks the database file with SQLite's `PRAGMA quick_check` (every
    /// page and index entry read, without comparing indexes with their
    /// tables: about a second per gigabyte): `None` when it is sound (and
    /// always on PostgreSQL, which checks its own pages), otherwise what
    /// SQLite reports, its first lines joined. A file SQLite cannot even
    /// read as a database is reported the same way.
    ///
    /// Errors: only when the check itself cannot run (the connection lost).
    pub async fn damage(&self) -> StoreResult<Option<String>> {
        use sea_orm::{ConnectionTrait, Statement};
        if self.backend != Backend::Sqlite {
            return Ok(None);
        }
        let rows = match self.write.query_all_raw(Statement::from_string(sea_orm::DatabaseBackend::Sqlite, "PRAGMA quick_check(5)")).await {
            Ok(rows) => rows,
            Err(DbErr::Query(e) | DbErr::Exec(e)) => return Ok(Some(e.to_string())),
            Err(e) => return Err(e.into()),
        };
        let lines: Vec<String> = rows.iter().filter_map(|r| r.try_get_by_index::<String>(0).ok()).collect();
        Ok(if lines.len() == 1 && lines[0] == "ok" { None } else { Some(lines.join("; ")) })
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
