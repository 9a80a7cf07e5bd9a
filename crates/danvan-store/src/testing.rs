//! Test databases for the store and HTTP suites: a fresh SQLite file always,
//! and a fresh PostgreSQL database when `DANVAN_TEST_POSTGRES_URL` is set
//! (created next to the database that URL names, dropped afterwards).

use crate::{Backend, Store};
use sea_orm::{ConnectionTrait, Database};

/// The environment variable that enables the PostgreSQL runs.
pub const POSTGRES_ENV: &str = "DANVAN_TEST_POSTGRES_URL";

/// A migrated, empty database for one test.
pub struct TestDb {
    pub store: Store,
    /// `"sqlite"` or `"postgres"`, for assertion messages.
    pub label: &'static str,
    cleanup: Cleanup,
}

enum Cleanup {
    Dir(std::path::PathBuf),
    Postgres { admin_url: String, db: String },
}

fn unique(prefix: &str) -> String {
    format!("{prefix}_{}", &danvan_domain::accounts::random_secret()[..16])
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

impl TestDb {
    /// A fresh SQLite database in its own temporary folder.
    pub async fn sqlite() -> TestDb {
        let dir = std::env::temp_dir().join(unique("danvan-test"));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let store = Store::connect(&format!("sqlite://{}", dir.join("danvan.db").display())).await.expect("sqlite");
        store.migrate().await.expect("migrate sqlite");
        TestDb { store, label: "sqlite", cleanup: Cleanup::Dir(dir) }
    }

    /// A fresh PostgreSQL database, when [`POSTGRES_ENV`] is set.
    pub async fn postgres() -> Option<TestDb> {
        let admin_url = std::env::var(POSTGRES_ENV).ok().filter(|u| !u.is_empty())?;
        let db = unique("danvan_t");
        let admin = Database::connect(&admin_url).await.expect("connect to DANVAN_TEST_POSTGRES_URL");
        admin.execute_unprepared(&format!("CREATE DATABASE \"{db}\"")).await.expect("create test database");
        let _ = admin.close().await;
        let store = Store::connect(&with_database(&admin_url, &db)).await.expect("postgres");
        assert_eq!(store.backend(), Backend::Postgres);
        store.migrate().await.expect("migrate postgres");
        Some(TestDb { store, label: "postgres", cleanup: Cleanup::Postgres { admin_url, db } })
    }

    /// SQLite, plus PostgreSQL when configured.
    pub async fn all() -> Vec<TestDb> {
        let mut v = vec![TestDb::sqlite().await];
        if let Some(pg) = TestDb::postgres().await {
            v.push(pg);
        }
        v
    }

    /// Closes the store and removes the database.
    pub async fn finish(self) {
        self.store.close().await;
        match self.cleanup {
            Cleanup::Dir(d) => {
                let _ = std::fs::remove_dir_all(d);
            }
            Cleanup::Postgres { admin_url, db } => {
                if let Ok(admin) = Database::connect(&admin_url).await {
                    let _ = admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{db}\" WITH (FORCE)")).await;
                    let _ = admin.close().await;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn replaces_database() {
        assert_eq!(super::with_database("postgres://u@h:5432/test", "x"), "postgres://u@h:5432/x");
        assert_eq!(super::with_database("postgres://u@h/test?sslmode=disable", "x"), "postgres://u@h/x?sslmode=disable");
    }
}
