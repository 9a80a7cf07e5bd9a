//! The statistics' cube: for each period kept ready (a year, or a
//! five-year plan phase) and each unit, the figures by field × holder ×
//! kind, summed from the facts (`facts.rs`). A unit's cells of a period
//! are recomputed from its facts in the transaction of every change that
//! touches them, so the statistics of a period over any subtree read at
//! most (units × 16) rows instead of one row per record
//! (`bench/registry`).

use crate::StoreResult;
use crate::dialect::{placeholders, sea_backend};
use sea_orm::{ConnectionTrait, Statement, Value};
use std::collections::BTreeSet;

/// `registry_cube.period_kind` of a year's cells.
pub(crate) const YEAR: &str = "y";
/// `registry_cube.period_kind` of a plan phase's cells (`period_start` is
/// the phase's first year).
pub(crate) const PHASE: &str = "p";

/// What a cell sums, over the rows of a fact table aliased `f` with the
/// evaluation result in `f.effectiveness`.
const SUMS: &str = "COUNT(*), SUM(CASE WHEN launched THEN 1 ELSE 0 END), \
     SUM(CASE WHEN effectiveness > 0 THEN 1 ELSE 0 END), SUM(CASE WHEN effectiveness >= 2 THEN 1 ELSE 0 END), \
     SUM(CASE WHEN effectiveness = 3 THEN 1 ELSE 0 END), SUM(CASE WHEN replicated THEN 1 ELSE 0 END), \
     SUM(CASE WHEN proposed THEN 1 ELSE 0 END), SUM(CASE WHEN commended THEN 1 ELSE 0 END)";

const COLUMNS: &str = "period_kind, period_start, org_unit_id, field, holder, kind, registered, launched, evaluated, effective, \
     outstanding, replicated, proposed, commended";

/// Fills the whole cube from the facts (the cube must be empty): what
/// migration 15 does for the records stored before it, and
/// [`super::Registry::rebuild_facts`] after rebuilding the facts.
pub(crate) fn fill_statements() -> [String; 2] {
    [
        format!(
            "INSERT INTO registry_cube ({COLUMNS}) SELECT '{YEAR}', year, org_unit_id, field, holder, kind, {SUMS} \
             FROM registry_fact WHERE in_period GROUP BY year, org_unit_id, field, holder, kind"
        ),
        format!(
            "INSERT INTO registry_cube ({COLUMNS}) SELECT '{PHASE}', phase_start, org_unit_id, field, holder, kind, {SUMS} \
             FROM registry_phase_fact GROUP BY phase_start, org_unit_id, field, holder, kind"
        ),
    ]
}

/// Recomputes the cells of `cells` (period kind, period start, unit) from
/// the facts, in the caller's transaction.
pub(crate) async fn recompute<C: ConnectionTrait>(db: &C, cells: &BTreeSet<(&'static str, i32, i32)>) -> StoreResult<()> {
    let backend = if db.get_database_backend() == sea_orm::DatabaseBackend::Postgres { crate::Backend::Postgres } else { crate::Backend::Sqlite };
    for (kind, start, unit) in cells {
        let run = |sql: String, values: Vec<Value>| Statement::from_sql_and_values(sea_backend(backend), placeholders(backend, &sql), values);
        db.execute_raw(run(
            "DELETE FROM registry_cube WHERE period_kind = ? AND period_start = ? AND org_unit_id = ?".to_owned(),
            vec![(*kind).into(), (*start).into(), (*unit).into()],
        ))
        .await?;
        let sql = if *kind == YEAR {
            format!(
                "INSERT INTO registry_cube ({COLUMNS}) SELECT '{YEAR}', year, org_unit_id, field, holder, kind, {SUMS} \
                 FROM registry_fact WHERE year = ? AND org_unit_id = ? AND in_period GROUP BY year, org_unit_id, field, holder, kind"
            )
        } else {
            format!(
                "INSERT INTO registry_cube ({COLUMNS}) SELECT '{PHASE}', phase_start, org_unit_id, field, holder, kind, {SUMS} \
                 FROM registry_phase_fact WHERE phase_start = ? AND org_unit_id = ? GROUP BY phase_start, org_unit_id, field, holder, kind"
            )
        };
        db.execute_raw(run(sql, vec![(*start).into(), (*unit).into()])).await?;
    }
    Ok(())
}

/// Recomputes every cell of the units `units` (every period) from the
/// facts, in the caller's transaction: what an import does once at its end.
pub(crate) async fn recompute_units<C: ConnectionTrait>(db: &C, units: &BTreeSet<i32>) -> StoreResult<()> {
    for chunk in units.iter().copied().collect::<Vec<_>>().chunks(500) {
        let list = chunk.iter().map(i32::to_string).collect::<Vec<_>>().join(",");
        db.execute_unprepared(&format!("DELETE FROM registry_cube WHERE org_unit_id IN ({list})")).await?;
        db.execute_unprepared(&format!(
            "INSERT INTO registry_cube ({COLUMNS}) SELECT '{YEAR}', year, org_unit_id, field, holder, kind, {SUMS} \
             FROM registry_fact WHERE in_period AND org_unit_id IN ({list}) GROUP BY year, org_unit_id, field, holder, kind"
        ))
        .await?;
        db.execute_unprepared(&format!(
            "INSERT INTO registry_cube ({COLUMNS}) SELECT '{PHASE}', phase_start, org_unit_id, field, holder, kind, {SUMS} \
             FROM registry_phase_fact WHERE org_unit_id IN ({list}) GROUP BY phase_start, org_unit_id, field, holder, kind"
        ))
        .await?;
    }
    Ok(())
}
