//! What `danvan-bench-backoffice` and `danvan-bench-registry` share: where a
//! backend's scratch database lives (a temporary SQLite folder, or a fresh
//! PostgreSQL database created on a server and dropped at the end), URL
//! helpers, nearest-rank percentiles, output that survives a closed pipe,
//! and the stop signal.

use anyhow::{Context, Result};
use rand::Rng;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use std::path::PathBuf;

/// `eprintln!` that does not panic when stderr is closed.
macro_rules! elog {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}
pub(crate) use elog;

/// Where a backend's database lives, to remove it at the end.
pub enum Place {
    /// A temporary folder holding `danvan.db`.
    Sqlite { dir: PathBuf },
    /// Database `db` on the server of `admin_url`.
    Postgres { admin_url: String, db: String },
}

impl Place {
    /// The URL the store connects to.
    pub fn url(&self) -> String {
        match self {
            Place::Sqlite { dir } => format!("sqlite://{}", dir.join("danvan.db").display()),
            Place::Postgres { admin_url, db } => with_database(admin_url, db),
        }
    }

    /// Where it is, for printing (no password).
    pub fn describe(&self) -> String {
        match self {
            Place::Sqlite { dir } => dir.join("danvan.db").display().to_string(),
            Place::Postgres { admin_url, db } => redact(&with_database(admin_url, db)),
        }
    }

    /// Removes the folder or drops the database (with `keep`, only says
    /// where it is); `tag` prefixes the lines on stderr
    /// (`bench/backoffice`).
    pub async fn cleanup(&self, keep: bool, tag: &str) {
        if keep {
            elog!("[{tag}] kept database: {}", self.describe());
            return;
        }
        match self {
            Place::Sqlite { dir } => {
                let _ = std::fs::remove_dir_all(dir);
            }
            Place::Postgres { admin_url, db } => match Database::connect(admin_url.as_str()).await {
                Ok(admin) => {
                    if let Err(e) = admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{db}\" WITH (FORCE)")).await {
                        elog!("[{tag}] warning: could not drop database {db}: {e}");
                    }
                    let _ = admin.close().await;
                }
                Err(e) => elog!("[{tag}] warning: could not connect to drop database {db}: {e}"),
            },
        }
    }
}

/// The places of a run: with `sqlite`, a fresh folder
/// `<temp>/<sqlite_prefix>-<random>`; with `postgres`, a fresh database
/// `<pg_prefix>_<random>` created on that server. Without a server a line
/// on stderr says PostgreSQL is skipped. On an error what was created is
/// removed again and the message names `bin`.
pub async fn prepare_places(
    bin: &str,
    tag: &str,
    sqlite_prefix: &str,
    pg_prefix: &str,
    sqlite: bool,
    postgres: Option<&str>,
) -> Result<Vec<(&'static str, Place)>, String> {
    let mut places: Vec<(&'static str, Place)> = Vec::new();
    if sqlite {
        let dir = std::env::temp_dir().join(format!("{sqlite_prefix}-{}", random_hex(12)));
        std::fs::create_dir_all(&dir).map_err(|e| format!("{bin}: cannot create {}: {e}", dir.display()))?;
        places.push(("sqlite", Place::Sqlite { dir }));
    }
    let Some(admin_url) = postgres else {
        elog!("[{tag}] PostgreSQL skipped: give --postgres URL or DANVAN_TEST_POSTGRES_URL");
        return Ok(places);
    };
    let db = format!("{pg_prefix}_{}", random_hex(12));
    let created = match Database::connect(admin_url).await {
        Ok(admin) => {
            let r = admin.execute_unprepared(&format!("CREATE DATABASE \"{db}\"")).await;
            let _ = admin.close().await;
            r.map_err(|e| format!("{bin}: cannot create database {db} on {}: {e}", redact(admin_url)))
        }
        Err(e) => Err(format!("{bin}: cannot connect to {}: {e}", redact(admin_url))),
    };
    if let Err(e) = created {
        for (_, p) in &places {
            p.cleanup(false, tag).await;
        }
        return Err(e);
    }
    places.push(("postgres", Place::Postgres { admin_url: admin_url.to_owned(), db }));
    Ok(places)
}

/// `postgres://u@h:5432/test?x=y` with the database replaced by `db`.
pub fn with_database(url: &str, db: &str) -> String {
    let (base, query) = url.split_once('?').map(|(b, q)| (b, Some(q))).unwrap_or((url, None));
    let (prefix, _) = base.rsplit_once('/').unwrap_or((base, ""));
    match query {
        Some(q) => format!("{prefix}/{db}?{q}"),
        None => format!("{prefix}/{db}"),
    }
}

/// The URL without a password, for printing.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.find('@')) {
        (Some(s), Some(at)) if at > s => {
            let cred = &url[s + 3..at];
            match cred.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..s + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// `n` random lowercase hex digits (names of scratch databases).
pub fn random_hex(n: usize) -> String {
    let mut rng = rand::rng();
    (0..n).map(|_| char::from_digit(rng.random_range(0..16), 16).unwrap_or('0')).collect()
}

/// Nearest-rank percentile of sorted samples.
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// The samples, sorted.
pub fn sorted(v: &[f64]) -> Vec<f64> {
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    s
}

/// Writes to stdout; a closed stdout (`| head`) does not stop the run, so
/// that its databases are still removed.
pub fn emit(text: &str) {
    use std::io::Write as _;
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush());
}

/// Ctrl-C or SIGTERM: the run stops and the database is removed.
pub async fn stop_signal() {
    let mut term = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
        Ok(t) => t,
        Err(_) => {
            let _ = tokio::signal::ctrl_c().await;
            return;
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = term.recv() => {}
    }
}

/// The size of the database in MB: the files of the SQLite folder, or
/// `pg_database_size`.
pub async fn db_size_mb(place: &Place, conn: &DatabaseConnection) -> Result<f64> {
    Ok(match place {
        Place::Sqlite { dir } => {
            let mut bytes = 0u64;
            for e in std::fs::read_dir(dir)? {
                bytes += e?.metadata()?.len();
            }
            bytes as f64 / 1_048_576.0
        }
        Place::Postgres { .. } => {
            let row = conn
                .query_one_raw(sea_orm::Statement::from_string(
                    sea_orm::DatabaseBackend::Postgres,
                    "SELECT pg_database_size(current_database())::bigint AS size",
                ))
                .await?
                .context("no size row")?;
            row.try_get::<i64>("", "size")? as f64 / 1_048_576.0
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_by_nearest_rank() {
        let v: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(percentile(&v, 50.0), 50.0);
        assert_eq!(percentile(&v, 95.0), 95.0);
        assert!(percentile(&[], 50.0).is_nan());
    }

    #[test]
    fn database_in_the_url_is_replaced_and_passwords_hidden() {
        assert_eq!(with_database("postgres://u@h:5432/test", "x"), "postgres://u@h:5432/x");
        assert_eq!(with_database("postgres://u@h/test?sslmode=disable", "x"), "postgres://u@h/x?sslmode=disable");
        assert_eq!(redact("postgres://u:secret@h/x"), "postgres://u:***@h/x");
        assert_eq!(redact("postgres://u@h/x"), "postgres://u@h/x");
    }
}
