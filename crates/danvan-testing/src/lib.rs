//! Test support for danvan: a fresh, migrated database per test, on SQLite
//! always and on PostgreSQL when [`POSTGRES_ENV`] names a server.
//!
//! Used only as a dev-dependency, so none of it is compiled into the
//! production store.
//!
//! [`backend_tests!`] turns each `async fn name(db: TestDb) { … }` into a
//! module `name` with two tests, `name::sqlite` and `name::postgres`, each
//! with a database of its own. Either can fail without stopping the other,
//! and each database is removed when its [`TestDb`] is dropped: at the end of
//! the test, and also when the test panics.
//!
//! ```no_run
//! use danvan_store::bootstrap_site;
//! use danvan_testing::{TestDb, backend_tests};
//!
//! backend_tests! {
//!     /// Doc comments and other attributes go on the generated module.
//!     async fn operator_starts_with_an_empty_site(db: TestDb) {
//!         bootstrap_site(&db.store, false).await.unwrap();
//!         assert!(db.store.portal().latest_articles(10).await.unwrap().is_empty(), "{}", db.label);
//!     }
//! }
//! # fn main() {}
//! ```
//!
//! `cargo test operator_starts` then reports
//! `operator_starts_with_an_empty_site::sqlite` and
//! `operator_starts_with_an_empty_site::postgres`. The bodies see the items
//! of the file they are written in (the module does `use super::*`).
//!
//! PostgreSQL: with [`POSTGRES_ENV`] unset, each `…::postgres` test writes one
//! line saying it was skipped and returns. When it is set, each test creates
//! its own database next to the one the URL names (`danvan_t_<pid>_<random>`) and
//! drops it afterwards with `DROP DATABASE … WITH (FORCE)`; a server that
//! cannot be reached fails the test.

use danvan_store::{Backend, Store};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbErr};
use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

/// The environment variable that enables the PostgreSQL tests, e.g.
/// `postgres://postgres@127.0.0.1:5432/test`.
pub const POSTGRES_ENV: &str = "DANVAN_TEST_POSTGRES_URL";

/// A migrated, empty database for one test. Dropping it removes the
/// database; [`TestDb::finish`] does the same after closing the store.
pub struct TestDb {
    pub store: Store,
    /// `"sqlite"` or `"postgres"`, for assertion messages.
    pub label: &'static str,
    url: String,
    // Declared after `store` so that the store's connections are dropped
    // before the database is removed.
    cleanup: Cleanup,
}

impl TestDb {
    /// A fresh SQLite database in its own temporary folder.
    pub async fn sqlite() -> TestDb {
        let dir = std::env::temp_dir().join(unique("danvan-test"));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let cleanup = Cleanup(Some(Target::Dir(dir.clone())));
        let url = format!("sqlite://{}", dir.join("danvan.db").display());
        let store = Store::connect(&url).await.expect("open the SQLite test database");
        store.migrate().await.expect("migrate sqlite");
        TestDb { store, label: "sqlite", url, cleanup }
    }

    /// A fresh PostgreSQL database, or `None` when [`POSTGRES_ENV`] is not
    /// set. Panics when it is set and the server refuses.
    pub async fn postgres() -> Option<TestDb> {
        let db = TestDb::postgres_empty().await?;
        db.store.migrate().await.expect("migrate postgres");
        Some(db)
    }

    /// A fresh PostgreSQL database with nothing in it, not even the
    /// migrations (for tests of [`Store::migrate`] itself), or `None` when
    /// [`POSTGRES_ENV`] is not set. Panics when it is set and the server
    /// refuses.
    pub async fn postgres_empty() -> Option<TestDb> {
        let admin_url = std::env::var(POSTGRES_ENV).ok().filter(|u| !u.is_empty())?;
        let db = unique("danvan_t");
        let admin = admin_connection(&admin_url)
            .await
            .unwrap_or_else(|e| panic!("cannot connect to {POSTGRES_ENV} (at {}): {e}", server(&admin_url)));
        admin.execute_unprepared(&format!("CREATE DATABASE \"{db}\"")).await.expect("create the test database");
        let _ = admin.close().await;
        let url = with_database(&admin_url, &db);
        let cleanup = Cleanup(Some(Target::Postgres { admin_url, db }));
        let store = Store::connect(&url).await.expect("connect to the PostgreSQL test database");
        assert_eq!(store.backend(), Backend::Postgres);
        Some(TestDb { store, label: "postgres", url, cleanup })
    }

    /// The URL of this test's database, for a second connection that reaches
    /// rows the store's API does not.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Closes the store, then removes the database.
    pub async fn finish(self) {
        let TestDb { store, mut cleanup, .. } = self;
        store.close().await;
        if let Some(target) = cleanup.0.take()
            && let Err(e) = target.remove().await
        {
            panic!("{e}");
        }
    }
}

/// Used by [`backend_tests!`]: a PostgreSQL database for `test`, or `None`
/// after writing one line that says the test is skipped.
#[doc(hidden)]
pub async fn postgres_or_skip(test: &str) -> Option<TestDb> {
    let db = TestDb::postgres().await;
    if db.is_none() {
        // Straight to stderr, past the test harness's capture, so the skip is
        // seen in a normal run.
        let _ = writeln!(std::io::stderr(), "{test}::postgres skipped: {POSTGRES_ENV} is not set");
    }
    db
}

/// Used by [`backend_tests!`]: runs one test on a current-thread runtime, as
/// `#[tokio::test]` does.
#[doc(hidden)]
pub fn run(test: impl Future<Output = ()>) {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("test runtime").block_on(test)
}

/// Generates, for each `async fn name(db: TestDb) { … }`, a module `name`
/// holding the tests `sqlite` and `postgres`; see the [crate] docs.
#[macro_export]
macro_rules! backend_tests {
    ($(
        $(#[$attr:meta])*
        async fn $name:ident($db:ident : $ty:ty) $body:block
    )*) => {$(
        $(#[$attr])*
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn body($db: $ty) $body

            #[test]
            fn sqlite() {
                $crate::run(async { body($crate::TestDb::sqlite().await).await })
            }

            #[test]
            fn postgres() {
                $crate::run(async {
                    if let Some(db) = $crate::postgres_or_skip(module_path!()).await {
                        body(db).await
                    }
                })
            }
        }
    )*};
}

/// Removes a test database when dropped, unless already taken.
struct Cleanup(Option<Target>);

enum Target {
    Dir(PathBuf),
    Postgres { admin_url: String, db: String },
}

impl Target {
    async fn remove(self) -> Result<(), String> {
        match self {
            Target::Dir(dir) => std::fs::remove_dir_all(&dir).map_err(|e| format!("cannot remove {}: {e}", dir.display())),
            Target::Postgres { admin_url, db } => {
                let admin = admin_connection(&admin_url).await.map_err(|e| format!("cannot drop {db}: {e}"))?;
                let dropped = admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{db}\" WITH (FORCE)")).await;
                let _ = admin.close().await;
                dropped.map(|_| ()).map_err(|e| format!("cannot drop {db}: {e}"))
            }
        }
    }
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        let Some(target) = self.0.take() else { return };
        // Drop cannot await, and the test's own runtime may be unwinding:
        // remove the database on a thread with a runtime of its own.
        let done = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| e.to_string())?;
            rt.block_on(target.remove())
        })
        .join();
        // Never panic here: this may run while a failing test unwinds.
        match done {
            Ok(Ok(())) => {}
            Ok(Err(e)) => eprintln!("danvan-testing: {e}"),
            Err(_) => eprintln!("danvan-testing: the clean-up thread panicked"),
        }
    }
}

/// One connection to the server's administrative database, given up on
/// after 5 s (a server that is down fails the test quickly).
async fn admin_connection(url: &str) -> Result<DatabaseConnection, DbErr> {
    let mut opts = ConnectOptions::new(url.to_owned());
    opts.max_connections(1).connect_timeout(Duration::from_secs(5)).acquire_timeout(Duration::from_secs(5)).sqlx_logging(false);
    Database::connect(opts).await
}

/// `prefix_<process id>_<random>`: unique, and a leftover names its run.
fn unique(prefix: &str) -> String {
    format!("{prefix}_{}_{:016x}", std::process::id(), rand::random::<u64>())
}

/// `postgres://u@h:5432/test?x=y` with the database replaced by `db`.
fn with_database(url: &str, db: &str) -> String {
    let (base, query) = url.split_once('?').map(|(b, q)| (b, Some(q))).unwrap_or((url, None));
    let (prefix, _) = base.rsplit_once('/').unwrap_or((base, ""));
    match query {
        Some(q) => format!("{prefix}/{db}?{q}"),
        None => format!("{prefix}/{db}"),
    }
}

/// `host:port/db` of a URL, without the user, password or query.
fn server(url: &str) -> &str {
    let base = url.split_once('?').map_or(url, |(base, _)| base);
    let base = base.rsplit_once('@').map_or(base, |(_, host)| host);
    base.split_once("://").map_or(base, |(_, host)| host)
}

#[cfg(test)]
mod tests {
    #[test]
    fn replaces_database() {
        assert_eq!(super::with_database("postgres://u@h:5432/test", "x"), "postgres://u@h:5432/x");
        assert_eq!(super::with_database("postgres://u@h/test?sslmode=disable", "x"), "postgres://u@h/x?sslmode=disable");
    }

    #[test]
    fn server_hides_the_password() {
        assert_eq!(super::server("postgres://u:secret@h:5432/test?password=x"), "h:5432/test");
        assert_eq!(super::server("postgres://h/test"), "h/test");
    }
}
