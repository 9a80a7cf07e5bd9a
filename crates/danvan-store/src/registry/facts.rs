//! The statistics' facts: for each record, one row per year of its own
//! period and per year in which it has an evaluation, a commendation or a
//! copy, holding what [`super::stats`] counts, and one row per five-year
//! plan phase its own period overlaps (`Period::plan_phase_of`), the
//! phase's years folded. They are rebuilt for a
//! record (and for the record it copies) in the transaction of every
//! change, through [`super::record`], so they never disagree with the
//! records; [`rebuild`] rebuilds them all (after a bulk load, or to repair).

use crate::StoreResult;
use crate::entity::{registry_commendation, registry_evaluation, registry_fact, registry_model, registry_phase_fact};
use danvan_domain::registry::{Effectiveness, Period, Status};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use std::collections::{BTreeMap, BTreeSet};

/// Fills `registry_phase_fact` from `registry_fact` in one statement, the
/// fold [`refresh`] does (each record's latest evaluation with a result in
/// the phase; a flag set in any year of it), for every record and plan
/// phase with a year of its own period in the year facts. Migration 11
/// runs it for the records stored before it; the table must be empty.
pub const PHASE_FACTS_FROM_YEAR_FACTS: &str = "INSERT INTO registry_phase_fact (model_id, phase_start, org_unit_id, field, holder, kind, launched, \
       effectiveness, replicated, proposed, commended) \
     SELECT model_id, ((year - 1) / 5) * 5 + 1, MIN(org_unit_id), MIN(field), MIN(holder), MIN(kind), \
       MAX(CASE WHEN launched THEN 1 ELSE 0 END) = 1, \
       CAST(MAX(CASE WHEN effectiveness > 0 THEN year * 10 + effectiveness ELSE 0 END) % 10 AS SMALLINT), \
       MAX(CASE WHEN replicated THEN 1 ELSE 0 END) = 1, MAX(CASE WHEN proposed THEN 1 ELSE 0 END) = 1, \
       MAX(CASE WHEN commended THEN 1 ELSE 0 END) = 1 \
     FROM registry_fact GROUP BY model_id, ((year - 1) / 5) * 5 + 1 \
     HAVING MAX(CASE WHEN in_period THEN 1 ELSE 0 END) = 1";

/// The stored number of an evaluation result (0: none).
pub(crate) fn effectiveness_number(code: &str) -> i16 {
    match Effectiveness::from_code(code) {
        Some(Effectiveness::NotYetEffective) => 1,
        Some(Effectiveness::Effective) => 2,
        Some(Effectiveness::Outstanding) => 3,
        None => 0,
    }
}

/// Rebuilds the facts of the records `ids` (and of the records they copy)
/// and, when `cube`, the cube's cells they are counted in.
pub(crate) async fn refresh<C: ConnectionTrait>(db: &C, ids: &[i32], cube: bool) -> StoreResult<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let mut models = registry_model::Entity::find().filter(registry_model::Column::Id.is_in(ids.to_vec())).all(db).await?;
    let sources: Vec<i32> = models.iter().filter_map(|m| m.replicated_from_id).filter(|s| !ids.contains(s)).collect();
    if !sources.is_empty() {
        models.extend(registry_model::Entity::find().filter(registry_model::Column::Id.is_in(sources)).all(db).await?);
    }
    let all: Vec<i32> = models.iter().map(|m| m.id).collect();
    let evaluations = registry_evaluation::Entity::find().filter(registry_evaluation::Column::ModelId.is_in(all.clone())).all(db).await?;
    let commendations = registry_commendation::Entity::find().filter(registry_commendation::Column::ModelId.is_in(all.clone())).all(db).await?;
    let copies = registry_model::Entity::find().filter(registry_model::Column::ReplicatedFromId.is_in(all.clone())).all(db).await?;
    // the cube's cells these records are counted in, before and after
    let mut cells: BTreeSet<(&'static str, i32, i32)> = BTreeSet::new();
    let before: Vec<(i32, i32)> = registry_fact::Entity::find()
        .select_only()
        .column(registry_fact::Column::Year)
        .column(registry_fact::Column::OrgUnitId)
        .filter(registry_fact::Column::ModelId.is_in(all.clone()))
        .into_tuple()
        .all(db)
        .await?;
    cells.extend(before.into_iter().map(|(y, u)| (super::cube::YEAR, y, u)));
    let before: Vec<(i32, i32)> = registry_phase_fact::Entity::find()
        .select_only()
        .column(registry_phase_fact::Column::PhaseStart)
        .column(registry_phase_fact::Column::OrgUnitId)
        .filter(registry_phase_fact::Column::ModelId.is_in(all.clone()))
        .into_tuple()
        .all(db)
        .await?;
    cells.extend(before.into_iter().map(|(p, u)| (super::cube::PHASE, p, u)));
    registry_fact::Entity::delete_many().filter(registry_fact::Column::ModelId.is_in(all.clone())).exec(db).await?;
    registry_phase_fact::Entity::delete_many().filter(registry_phase_fact::Column::ModelId.is_in(all)).exec(db).await?;
    let mut rows = Vec::new();
    let mut phase_rows = Vec::new();
    for m in &models {
        let mut eff: BTreeMap<i32, i16> = BTreeMap::new();
        for e in evaluations.iter().filter(|e| e.model_id == m.id) {
            eff.insert(e.year, effectiveness_number(&e.effectiveness));
        }
        let proposed: BTreeSet<i32> = commendations.iter().filter(|c| c.model_id == m.id).map(|c| c.year).collect();
        let commended: BTreeSet<i32> = commendations.iter().filter(|c| c.model_id == m.id && !c.proposed_only).map(|c| c.year).collect();
        let replicated: BTreeSet<i32> =
            copies.iter().filter(|c| c.replicated_from_id == Some(m.id)).flat_map(|c| c.period_start..=c.period_end).collect();
        let mut years: BTreeSet<i32> = (m.period_start..=m.period_end).collect();
        years.extend(eff.keys().copied());
        years.extend(proposed.iter().copied());
        years.extend(replicated.iter().copied());
        let launched = m.status != Status::Registered.code();
        let mut phase = Period::plan_phase_of(m.period_start);
        while phase.start <= m.period_end {
            let within = |y: &i32| (phase.start..=phase.end).contains(y);
            // the latest evaluation of the phase with a result
            let latest = eff.iter().rev().find(|(y, e)| within(y) && **e > 0).map(|(_, e)| *e).unwrap_or(0);
            phase_rows.push(registry_phase_fact::ActiveModel {
                model_id: Set(m.id),
                phase_start: Set(phase.start),
                org_unit_id: Set(m.org_unit_id),
                field: Set(m.field.clone()),
                holder: Set(m.holder.clone()),
                kind: Set(m.kind.clone()),
                launched: Set(launched),
                effectiveness: Set(latest),
                replicated: Set(replicated.iter().any(within)),
                proposed: Set(proposed.iter().any(within)),
                commended: Set(commended.iter().any(within)),
            });
            phase = Period::plan_phase_of(phase.end + 1);
        }
        for y in years {
            rows.push(registry_fact::ActiveModel {
                model_id: Set(m.id),
                year: Set(y),
                org_unit_id: Set(m.org_unit_id),
                field: Set(m.field.clone()),
                holder: Set(m.holder.clone()),
                kind: Set(m.kind.clone()),
                in_period: Set((m.period_start..=m.period_end).contains(&y)),
                launched: Set(launched),
                effectiveness: Set(eff.get(&y).copied().unwrap_or(0)),
                replicated: Set(replicated.contains(&y)),
                proposed: Set(proposed.contains(&y)),
                commended: Set(commended.contains(&y)),
            });
        }
    }
    for chunk in rows.chunks(500) {
        registry_fact::Entity::insert_many(chunk.to_vec()).exec(db).await?;
    }
    for r in &rows {
        if let (sea_orm::ActiveValue::Set(y), sea_orm::ActiveValue::Set(u)) = (&r.year, &r.org_unit_id) {
            cells.insert((super::cube::YEAR, *y, *u));
        }
    }
    for r in &phase_rows {
        if let (sea_orm::ActiveValue::Set(p), sea_orm::ActiveValue::Set(u)) = (&r.phase_start, &r.org_unit_id) {
            cells.insert((super::cube::PHASE, *p, *u));
        }
    }
    for chunk in phase_rows.chunks(500) {
        registry_phase_fact::Entity::insert_many(chunk.to_vec()).exec(db).await?;
    }
    if cube {
        super::cube::recompute(db, &cells).await?;
    }
    Ok(())
}

/// Rebuilds every record's facts, 1 000 records at a time; returns how
/// many records.
pub(crate) async fn rebuild<C: ConnectionTrait>(db: &C) -> StoreResult<usize> {
    let mut after = 0;
    let mut done = 0;
    loop {
        let ids: Vec<i32> = registry_model::Entity::find()
            .select_only()
            .column(registry_model::Column::Id)
            .filter(registry_model::Column::Id.gt(after))
            .order_by_asc(registry_model::Column::Id)
            .limit(1000)
            .into_tuple()
            .all(db)
            .await?;
        let Some(last) = ids.last().copied() else {
            // the whole cube again, from the rebuilt facts
            db.execute_unprepared("DELETE FROM registry_cube").await?;
            for sql in super::cube::fill_statements() {
                db.execute_unprepared(&sql).await?;
            }
            return Ok(done);
        };
        refresh(db, &ids, false).await?;
        done += ids.len();
        after = last;
    }
}
