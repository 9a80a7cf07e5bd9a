//! SQLite only: the query plan SQLite picks for the store's search statement
//! and one capped timing of that statement, before and after `ANALYZE`.
//!
//! Without statistics (the store never runs `ANALYZE`), SQLite may take
//! `search_doc` (through its `(kind, ref_id)` index) as the outer loop and
//! probe the FTS5 table once per row: the MATCH, and bm25's statistics, are
//! then evaluated once per indexed item, which grows with the square of the
//! number of articles. The statement below is the store's candidate query
//! (`Store::search`, no filter) as written in `danvan-store/src/search.rs`;
//! if the store changes it, this copy only informs, it measures nothing that
//! the report's search figures depend on.

use anyhow::Result;
use sea_orm::sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use sea_orm::sqlx::{Connection, Row};
use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection, Statement, Value};
use std::path::Path;
use std::time::{Duration, Instant};

/// The store's SQLite candidate statement for a search without filter.
pub const STORE_SEARCH_SQL: &str = "SELECT d.id, d.kind, d.ref_id, d.title, d.lead, d.body, d.extra, d.published_at \
     FROM search_fts f JOIN search_doc d ON d.id = f.rowid WHERE search_fts MATCH $1 \
     AND d.kind IN ('article', 'document') AND d.published_at <= $2 \
     ORDER BY bm25(search_fts, 10.0, 4.0, 1.0, 0.5) LIMIT 300";

/// The FTS5 expression the store builds for the query "dân".
pub const PROBE_MATCH: &str = "(\"dan\")";
const FAR_FUTURE: &str = "9999-12-31T00:00:00+00:00";

/// `EXPLAIN QUERY PLAN` of [`STORE_SEARCH_SQL`], one line per step.
pub async fn plan(conn: &DatabaseConnection) -> Result<Vec<String>> {
    let rows = conn
        .query_all_raw(Statement::from_sql_and_values(
            DatabaseBackend::Sqlite,
            format!("EXPLAIN QUERY PLAN {STORE_SEARCH_SQL}"),
            [Value::from(PROBE_MATCH), Value::from(FAR_FUTURE)],
        ))
        .await?;
    rows.iter().map(|r| Ok(r.try_get::<String>("", "detail")?)).collect()
}

/// True when the plan starts from the FTS5 table (one MATCH per search).
pub fn fts_first(plan: &[String]) -> bool {
    plan.first().is_some_and(|l| l.starts_with("SCAN f VIRTUAL TABLE"))
}

/// Runs [`STORE_SEARCH_SQL`] for "dân" on its own read-only connection,
/// interrupted after `timeout`; the time in ms, or `None` when interrupted.
pub async fn timed(db_file: &Path, timeout: Duration) -> Result<Option<f64>> {
    let opts = SqliteConnectOptions::new().filename(db_file).read_only(true);
    let mut conn = SqliteConnection::connect_with(&opts).await?;
    let deadline = Instant::now() + timeout;
    conn.lock_handle().await?.set_progress_handler(10_000, move || Instant::now() < deadline);
    let t = Instant::now();
    let result = sea_orm::sqlx::query(STORE_SEARCH_SQL).bind(PROBE_MATCH).bind(FAR_FUTURE).fetch_all(&mut conn).await;
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    let _ = conn.close().await;
    match result {
        Ok(rows) => {
            let _ = rows.first().map(|r| r.try_get::<i64, _>(0));
            Ok(Some(ms))
        }
        Err(e) if e.to_string().contains("interrupt") => Ok(None),
        Err(e) => Err(e.into()),
    }
}
