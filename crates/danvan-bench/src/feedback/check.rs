//! The check after the kill: every acknowledged `(id, code)` looked up in
//! `feedback_item`, then the database's integrity (SQLite
//! `integrity_check` and `foreign_key_check`; PostgreSQL amcheck on every
//! B-tree index; both: each Open311 item whole).

use anyhow::{Context, Result};
use danvan_domain::audit::AuditAction;
use danvan_domain::feedback::Channel;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, Statement};
use std::collections::HashMap;

/// What the check after the kill found.
#[derive(Debug, Default)]
pub(crate) struct Check {
    /// Acknowledged items looked up, per run.
    pub(crate) checked: Vec<(&'static str, usize)>,
    /// Acknowledged and not in `feedback_item` (by code).
    pub(crate) missing: u64,
    /// Acknowledged, the code present under another id.
    pub(crate) other_id: u64,
    /// The same code acknowledged twice.
    pub(crate) duplicates: u64,
    /// Open311 items in the database that were never acknowledged: those
    /// committed whose answer the kill cut off, and the one sent after the
    /// restart.
    pub(crate) unacknowledged: u64,
    /// What the integrity check ran and found; `ok` whether it passed.
    pub(crate) integrity: Vec<String>,
    pub(crate) integrity_ok: bool,
}

impl Check {
    pub(crate) fn total_checked(&self) -> usize {
        self.checked.iter().map(|(_, n)| n).sum()
    }

    pub(crate) fn passed(&self) -> bool {
        self.missing == 0 && self.other_id == 0 && self.duplicates == 0 && self.integrity_ok
    }
}

async fn count(db: &DatabaseConnection, sql: &str) -> Result<i64> {
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), format!("SELECT COUNT(*) AS n FROM ({sql}) AS q")))
        .await?
        .context("no count")?;
    Ok(row.try_get::<i64>("", "n")?)
}

/// Every acknowledged `(id, code)` of `runs` looked up in `feedback_item`,
/// then the integrity of the database.
pub(crate) async fn check(url: &str, postgres: bool, runs: &[(&'static str, Vec<(i32, String)>)]) -> Result<Check> {
    let db = Database::connect(url).await.context("connect for the check")?;
    let backend = db.get_database_backend();
    let open311 = Channel::Open311.code();
    let rows = db
        .query_all_raw(Statement::from_string(backend, format!("SELECT id, code FROM feedback_item WHERE channel = '{open311}'")))
        .await?;
    let mut stored: HashMap<String, i32> = HashMap::with_capacity(rows.len());
    for r in &rows {
        stored.insert(r.try_get::<String>("", "code")?, r.try_get::<i32>("", "id")?);
    }
    let mut c = Check::default();
    let mut seen: HashMap<&str, i32> = HashMap::new();
    for (run, acks) in runs {
        c.checked.push((run, acks.len()));
        for (id, code) in acks {
            if seen.insert(code, *id).is_some() {
                c.duplicates += 1;
            }
            match stored.get(code) {
                None => c.missing += 1,
                Some(s) if s != id => c.other_id += 1,
                Some(_) => {}
            }
        }
    }
    c.unacknowledged = stored.keys().filter(|k| !seen.contains_key(k.as_str())).count() as u64;

    c.integrity_ok = true;
    if postgres {
        match db.execute_unprepared("CREATE EXTENSION IF NOT EXISTS amcheck").await {
            Ok(_) => {
                let indexes = db
                    .query_all_raw(Statement::from_string(
                        backend,
                        "SELECT c.oid::bigint AS oid, c.relname AS name FROM pg_index i \
                         JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam \
                         JOIN pg_namespace n ON n.oid = c.relnamespace \
                         WHERE a.amname = 'btree' AND n.nspname = 'public' ORDER BY c.relname",
                    ))
                    .await?;
                let mut failed = Vec::new();
                for ix in &indexes {
                    let oid: i64 = ix.try_get("", "oid")?;
                    let name: String = ix.try_get("", "name")?;
                    if let Err(e) = db.execute_unprepared(&format!("SELECT bt_index_check({oid}::oid, true)")).await {
                        failed.push(format!("{name}: {e}"));
                    }
                }
                c.integrity.push(format!(
                    "amcheck bt_index_check(heapallindexed) on {} B-tree indexes: {}",
                    indexes.len(),
                    if failed.is_empty() { "ok".to_owned() } else { failed.join("; ") }
                ));
                c.integrity_ok &= failed.is_empty();
            }
            Err(e) => c.integrity.push(format!("amcheck not available ({e}): index check skipped")),
        }
    } else {
        let rows = db.query_all_raw(Statement::from_string(backend, "PRAGMA integrity_check")).await?;
        let lines: Vec<String> = rows.iter().filter_map(|r| r.try_get::<String>("", "integrity_check").ok()).collect();
        let ok = lines == ["ok"];
        c.integrity.push(format!("PRAGMA integrity_check: {}", if ok { "ok".to_owned() } else { lines.join("; ") }));
        c.integrity_ok &= ok;
        let fk = db.query_all_raw(Statement::from_string(backend, "PRAGMA foreign_key_check")).await?;
        c.integrity.push(format!("PRAGMA foreign_key_check: {} rows", fk.len()));
        c.integrity_ok &= fk.is_empty();
    }
    // what one transaction writes for an Open311 item is there whole
    let receive = AuditAction::FeedbackReceive.code();
    let items = format!("SELECT id FROM feedback_item i WHERE i.channel = '{open311}'");
    let whole = [
        ("without contact", format!("{items} AND NOT EXISTS (SELECT 1 FROM feedback_contact c WHERE c.item_id = i.id)")),
        ("without Open311 row", format!("{items} AND NOT EXISTS (SELECT 1 FROM feedback_open311 o WHERE o.item_id = i.id)")),
        (
            "without history line",
            format!("{items} AND NOT EXISTS (SELECT 1 FROM feedback_event e WHERE e.item_id = i.id AND e.action = '{receive}')"),
        ),
        (
            "without audit line",
            format!(
                "{items} AND NOT EXISTS (SELECT 1 FROM audit_event a WHERE a.subject_kind = 'feedback_item' AND a.subject_id = i.id AND a.action = '{receive}')"
            ),
        ),
        ("Open311 rows without item", "SELECT item_id FROM feedback_open311 o WHERE NOT EXISTS (SELECT 1 FROM feedback_item i WHERE i.id = o.item_id)".to_owned()),
        ("contacts without item", "SELECT item_id FROM feedback_contact c WHERE NOT EXISTS (SELECT 1 FROM feedback_item i WHERE i.id = c.item_id)".to_owned()),
        ("codes twice", "SELECT code FROM feedback_item GROUP BY code HAVING COUNT(*) > 1".to_owned()),
    ];
    let mut problems = Vec::new();
    for (what, sql) in &whole {
        let n = count(&db, sql).await.with_context(|| format!("count items {what}"))?;
        if n > 0 {
            problems.push(format!("{n} {what}"));
        }
    }
    c.integrity.push(format!(
        "{} Open311 items whole (contact, Open311 row, history and audit line; no orphan, no code twice): {}",
        stored.len(),
        if problems.is_empty() { "ok".to_owned() } else { problems.join(", ") }
    ));
    c.integrity_ok &= problems.is_empty();
    let _ = db.close().await;
    Ok(c)
}

