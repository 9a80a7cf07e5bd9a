//! The statistics of a period for a unit and its whole subtree: one grouped
//! statement (field × holder × kind) over the facts (`facts.rs`) that both
//! backends run, each figure counted as `danvan_domain::registry::stats`
//! defines it; and the naive computation (every record, evaluation,
//! commendation and copy read and tallied one by one) it is tested and
//! benchmarked against.

use super::Registry;
use crate::dialect::{placeholders, sea_backend};
use crate::entity::{registry_commendation, registry_evaluation, registry_model};
use crate::scope::load_tree;
use crate::StoreResult;
use danvan_domain::registry::stats::{Breakdown, Counts, Facts, tally};
use danvan_domain::registry::{Effectiveness, Field, Holder, ModelKind, Period, Status};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Statement, Value};

/// The statement, with its values for `period` (`?` placeholders): for a
/// year or a five-year plan phase, the cube's cells (`registry_cube`, per
/// unit, summed from the facts with every change: at most units × 16
/// rows); for any other phase, over the facts (`registry_fact`): each record's rows of the phase folded here (its latest
/// evaluation in the phase: the largest `year * 10 + result`), counted
/// when one of its years is in its own period.
fn statement(period: Period, units: Option<&[i32]>) -> (String, Vec<Value>) {
    let unit_filter = match units {
        Some(ids) if !ids.is_empty() => {
            format!(" AND org_unit_id IN ({})", ids.iter().map(i32::to_string).collect::<Vec<_>>().join(","))
        }
        Some(_) => " AND 1 = 0".to_owned(),
        None => String::new(),
    };
    let counts = "COUNT(*) AS registered, SUM(l) AS launched, \
         SUM(CASE WHEN e > 0 THEN 1 ELSE 0 END) AS evaluated, SUM(CASE WHEN e >= 2 THEN 1 ELSE 0 END) AS effective, \
         SUM(CASE WHEN e = 3 THEN 1 ELSE 0 END) AS outstanding, SUM(r) AS replicated, SUM(p) AS proposed, SUM(c) AS commended";
    if period.is_year() || period.is_plan_phase() {
        // the cube: a year's or a plan phase's cells, summed over the units
        let kind = if period.is_year() { super::cube::YEAR } else { super::cube::PHASE };
        let sql = format!(
            // (PostgreSQL's SUM of a BIGINT is NUMERIC: cast back)
            "SELECT field, holder, kind, CAST(SUM(registered) AS BIGINT), CAST(SUM(launched) AS BIGINT), \
             CAST(SUM(evaluated) AS BIGINT), CAST(SUM(effective) AS BIGINT), CAST(SUM(outstanding) AS BIGINT), \
             CAST(SUM(replicated) AS BIGINT), CAST(SUM(proposed) AS BIGINT), CAST(SUM(commended) AS BIGINT) FROM registry_cube \
             WHERE period_kind = ? AND period_start = ?{unit_filter} GROUP BY field, holder, kind"
        );
        (sql, vec![Value::from(kind), Value::from(period.start)])
    } else {
        let sql = format!(
            "SELECT field, holder, kind, {counts} FROM \
             (SELECT model_id, field, holder, kind, \
                MAX(CASE WHEN launched THEN 1 ELSE 0 END) AS l, \
                MAX(CASE WHEN effectiveness > 0 THEN year * 10 + effectiveness ELSE 0 END) % 10 AS e, \
                MAX(CASE WHEN replicated THEN 1 ELSE 0 END) AS r, MAX(CASE WHEN proposed THEN 1 ELSE 0 END) AS p, \
                MAX(CASE WHEN commended THEN 1 ELSE 0 END) AS c, MAX(CASE WHEN in_period THEN 1 ELSE 0 END) AS ip \
              FROM registry_fact WHERE year >= ? AND year <= ?{unit_filter} \
              GROUP BY model_id, field, holder, kind) f \
             WHERE ip = 1 GROUP BY field, holder, kind"
        );
        (sql, vec![Value::from(period.start), Value::from(period.end)])
    }
}

impl Registry<'_> {
    /// The units counted for `unit`: it and its whole subtree (`None`: every
    /// unit).
    async fn units_under(&self, unit: Option<i32>) -> StoreResult<Option<Vec<i32>>> {
        let Some(top) = unit else { return Ok(None) };
        let tree = load_tree(&self.store.read).await?;
        let mut ids: Vec<i32> = tree.units().filter(|u| tree.is_within(*u, top)).collect();
        ids.sort_unstable();
        Ok(Some(ids))
    }

    /// The figures of `period` for `unit` with its subtree (`None`: the
    /// whole site), by field × holder × kind.
    pub async fn statistics(&self, period: Period, unit: Option<i32>) -> StoreResult<Breakdown> {
        let units = self.units_under(unit).await?;
        let (sql, values) = statement(period, units.as_deref());
        let sql = placeholders(self.store.backend, &sql);
        let rows = self.store.read.query_all_raw(Statement::from_sql_and_values(sea_backend(self.store.backend), sql, values)).await?;
        let mut b = Breakdown::default();
        for r in rows {
            let text = |i: usize| r.try_get_by_index::<String>(i);
            let n = |i: usize| r.try_get_by_index::<Option<i64>>(i).map(|v| v.unwrap_or(0).max(0) as u64);
            let (Some(field), Some(holder), Some(kind)) =
                (Field::from_code(&text(0)?), Holder::from_code(&text(1)?), ModelKind::from_code(&text(2)?))
            else {
                continue;
            };
            let c = Counts {
                registered: n(3)?,
                launched: n(4)?,
                evaluated: n(5)?,
                effective: n(6)?,
                outstanding: n(7)?,
                replicated: n(8)?,
                proposed: n(9)?,
                commended: n(10)?,
            };
            b.add_cell(field, holder, kind, &c);
        }
        Ok(b)
    }

    /// The same figures computed naively: every record of the period read
    /// with its evaluations, copies and commendations, tallied one by one
    /// (the reference for tests and the baseline of `bench/registry`).
    pub async fn statistics_naive(&self, period: Period, unit: Option<i32>) -> StoreResult<Breakdown> {
        let units = self.units_under(unit).await?;
        let db = &self.store.read;
        let mut q = registry_model::Entity::find()
            .filter(registry_model::Column::PeriodStart.lte(period.end))
            .filter(registry_model::Column::PeriodEnd.gte(period.start));
        if let Some(ids) = &units {
            q = q.filter(registry_model::Column::OrgUnitId.is_in(ids.clone()));
        }
        let models = q.all(db).await?;
        let evaluations = registry_evaluation::Entity::find()
            .filter(registry_evaluation::Column::Year.between(period.start, period.end))
            .all(db)
            .await?;
        let commendations = registry_commendation::Entity::find()
            .filter(registry_commendation::Column::Year.between(period.start, period.end))
            .all(db)
            .await?;
        let copies = registry_model::Entity::find()
            .filter(registry_model::Column::ReplicatedFromId.is_not_null())
            .filter(registry_model::Column::PeriodStart.lte(period.end))
            .filter(registry_model::Column::PeriodEnd.gte(period.start))
            .all(db)
            .await?;
        let facts: Vec<Facts> = models
            .iter()
            .filter_map(|m| {
                let latest = evaluations.iter().filter(|e| e.model_id == m.id).max_by_key(|e| e.year);
                Some(Facts {
                    kind: ModelKind::from_code(&m.kind)?,
                    holder: Holder::from_code(&m.holder)?,
                    field: Field::from_code(&m.field)?,
                    status: Status::from_code(&m.status)?,
                    evaluation: latest.and_then(|e| Effectiveness::from_code(&e.effectiveness)),
                    replicated: copies.iter().any(|c| c.replicated_from_id == Some(m.id)),
                    proposed: commendations.iter().any(|c| c.model_id == m.id),
                    commended: commendations.iter().any(|c| c.model_id == m.id && !c.proposed_only),
                })
            })
            .collect();
        Ok(tally(&facts))
    }
}
