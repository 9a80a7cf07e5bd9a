//! Importing existing lists of records: rows read and checked by
//! `danvan_domain::registry::values`, units resolved by name, each record
//! found by its unit and code (re-importing updates, never duplicates),
//! with its latest evaluation and a commendation. A dry run does all of it
//! in a transaction and rolls it back, so its report is exactly what a real
//! run would do.

use super::{Registry, record};
use crate::entity::{org_unit, registry_commendation, registry_evaluation, registry_model};
use crate::{Actor, StoreResult};
use chrono::Utc;
use danvan_domain::audit::{AuditAction, AuditParams};
use danvan_domain::registry::values::{CellProblem, ImportRow, duplicate_codes};
use danvan_domain::registry::{Effectiveness, Status};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, Set};
use std::collections::HashMap;

/// What an import did (or, in a dry run, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Records created.
    pub created: usize,
    /// Records whose fields, evaluation or commendations changed.
    pub updated: usize,
    /// Rows that matched a record exactly.
    pub unchanged: usize,
    /// Rows refused here (unknown or ambiguous unit, a code twice in the
    /// file), in row order.
    pub problems: Vec<CellProblem>,
}

/// Units by the folded forms of their name and short name.
fn unit_index(units: &[org_unit::Model]) -> HashMap<String, Vec<i32>> {
    let mut m: HashMap<String, Vec<i32>> = HashMap::new();
    for u in units {
        let mut keys = vec![danvan_text::fold(&u.name), danvan_text::slugify(&u.name)];
        if let Some(s) = &u.short_name {
            keys.push(danvan_text::fold(s));
        }
        keys.sort();
        keys.dedup();
        for k in keys {
            m.entry(k).or_default().push(u.id);
        }
    }
    m
}

fn status_of(r: &ImportRow) -> Status {
    match (r.evaluation, r.launched_on) {
        (Some(_), _) => Status::Operating,
        (None, Some(_)) => Status::Launched,
        (None, None) => Status::Registered,
    }
}

impl Registry<'_> {
    /// Imports good rows (see the module doc). `rows` are the rows the
    /// domain read without problems; the report adds the problems found
    /// here; `progress` hears how many rows are done. The command line is
    /// the server's operator: no permission check.
    pub async fn import_rows(&self, actor: &Actor, rows: Vec<ImportRow>, dry_run: bool, progress: &mut dyn FnMut(usize)) -> StoreResult<ImportReport> {
        let mut report = ImportReport { problems: duplicate_codes(&rows), ..Default::default() };
        let twice: Vec<usize> = report.problems.iter().map(|p| p.row).collect();
        let tx = self.store.begin_write().await?;
        let units = org_unit::Entity::find().all(&tx).await?;
        let index = unit_index(&units);
        for (done, r) in rows.into_iter().filter(|r| !twice.contains(&r.row)).enumerate() {
            progress(done);
            let unit = match index.get(&danvan_text::fold(&r.unit)).or_else(|| index.get(&danvan_text::slugify(&r.unit))).map(Vec::as_slice) {
                Some([id]) => *id,
                Some(_) => {
                    report.problems.push(CellProblem { row: r.row, column: "don_vi", code: "registry.import.unit_ambiguous" });
                    continue;
                }
                None => {
                    report.problems.push(CellProblem { row: r.row, column: "don_vi", code: "registry.import.unit_unknown" });
                    continue;
                }
            };
            let now = Utc::now();
            let existing = registry_model::Entity::find()
                .filter(registry_model::Column::OrgUnitId.eq(unit))
                .filter(registry_model::Column::Code.eq(&r.code))
                .one(&tx)
                .await?;
            let (id, mut changed, created) = match existing {
                None => {
                    let m = registry_model::ActiveModel {
                        code: Set(r.code.clone()),
                        name: Set(r.name.clone()),
                        kind: Set(r.kind.code().to_owned()),
                        holder: Set(r.holder.code().to_owned()),
                        field: Set(r.field.code().to_owned()),
                        org_unit_id: Set(unit),
                        area: Set(String::new()),
                        period_start: Set(r.period.start),
                        period_end: Set(r.period.end),
                        status: Set(status_of(&r).code().to_owned()),
                        registered_on: Set(r.registered_on),
                        launched_on: Set(r.launched_on),
                        person_name: Set(String::new()),
                        person_position: Set(String::new()),
                        registration: Set("{}".to_owned()),
                        is_public: Set(r.public.unwrap_or(false)),
                        approved: Set(true),
                        replicated_from_id: Set(None),
                        converted_to_id: Set(None),
                        discontinued_reason: Set(String::new()),
                        created_at: Set(now),
                        updated_at: Set(now),
                        ..Default::default()
                    }
                    .insert(&tx)
                    .await?;
                    record(&tx, actor, m.id, AuditAction::RegistryImportCreate, AuditParams::new().with("code", &r.code).with("name", &r.name)).await?;
                    (m.id, false, true)
                }
                Some(m) => {
                    let same = m.name == r.name
                        && m.kind == r.kind.code()
                        && m.holder == r.holder.code()
                        && m.field == r.field.code()
                        && (m.period_start, m.period_end) == (r.period.start, r.period.end)
                        && m.registered_on == r.registered_on
                        && m.launched_on == r.launched_on
                        && r.public.is_none_or(|p| m.is_public == p);
                    let id = m.id;
                    if !same {
                        let mut a = m.into_active_model();
                        a.name = Set(r.name.clone());
                        a.kind = Set(r.kind.code().to_owned());
                        a.holder = Set(r.holder.code().to_owned());
                        a.field = Set(r.field.code().to_owned());
                        a.period_start = Set(r.period.start);
                        a.period_end = Set(r.period.end);
                        a.registered_on = Set(r.registered_on);
                        a.launched_on = Set(r.launched_on);
                        if let Some(p) = r.public {
                            a.is_public = Set(p);
                        }
                        a.updated_at = Set(now);
                        a.update(&tx).await?;
                    }
                    (id, !same, false)
                }
            };
            if let Some((effectiveness, year)) = r.evaluation {
                changed |= put_evaluation(&tx, actor, id, year, effectiveness).await?;
            }
            if let Some(c) = &r.commendation {
                // it counts in the year of the evaluation it follows, else the period's last
                let year = r.evaluation.map_or(r.period.end, |(_, y)| y);
                let decision = c.decision.clone().unwrap_or_default();
                let exists = registry_commendation::Entity::find()
                    .filter(registry_commendation::Column::ModelId.eq(id))
                    .filter(registry_commendation::Column::Form.eq(c.form.code()))
                    .filter(registry_commendation::Column::ProposedOnly.eq(c.proposed))
                    .filter(registry_commendation::Column::DecisionNumber.eq(&decision))
                    .filter(registry_commendation::Column::Year.eq(year))
                    .count(&tx)
                    .await?
                    > 0;
                if !exists {
                    registry_commendation::ActiveModel {
                        model_id: Set(id),
                        proposed_only: Set(c.proposed),
                        form: Set(c.form.code().to_owned()),
                        level: Set(String::new()),
                        conferred_by: Set(String::new()),
                        decision_number: Set(decision.clone()),
                        decided_on: Set(None),
                        year: Set(year),
                        note: Set(c.text.clone()),
                        created_at: Set(now),
                        ..Default::default()
                    }
                    .insert(&tx)
                    .await?;
                    let params = AuditParams::new().with("form", c.form.code()).with("decision", &decision);
                    let action = if c.proposed { AuditAction::RegistryCommendationProposed } else { AuditAction::RegistryCommended };
                    record(&tx, actor, id, action, params).await?;
                    changed = true;
                }
            }
            if created {
                report.created += 1;
            } else if changed {
                record(&tx, actor, id, AuditAction::RegistryImportUpdate, AuditParams::new().with("code", &r.code)).await?;
                report.updated += 1;
            } else {
                report.unchanged += 1;
            }
        }
        if dry_run {
            tx.rollback().await?;
        } else {
            tx.commit().await?;
        }
        report.problems.sort_by_key(|p| p.row);
        Ok(report)
    }
}

/// Sets the evaluation of `year` (one per record and year); `true` when it
/// changed anything.
pub(super) async fn put_evaluation<C: sea_orm::ConnectionTrait>(db: &C, actor: &Actor, id: i32, year: i32, e: Effectiveness) -> StoreResult<bool> {
    let existing = registry_evaluation::Entity::find()
        .filter(registry_evaluation::Column::ModelId.eq(id))
        .filter(registry_evaluation::Column::Year.eq(year))
        .one(db)
        .await?;
    let now = Utc::now();
    match existing {
        Some(ev) if ev.effectiveness == e.code() => return Ok(false),
        Some(ev) => {
            let mut a = ev.into_active_model();
            a.effectiveness = Set(e.code().to_owned());
            a.evaluated_by = Set(actor.username.clone());
            a.evaluated_at = Set(now);
            a.update(db).await?;
        }
        None => {
            registry_evaluation::ActiveModel {
                model_id: Set(id),
                year: Set(year),
                effectiveness: Set(e.code().to_owned()),
                findings: Set(String::new()),
                evaluated_by: Set(actor.username.clone()),
                evaluated_at: Set(now),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
    }
    record(db, actor, id, AuditAction::RegistryEvaluate, AuditParams::new().with("year", year).with("result", e.code())).await?;
    Ok(true)
}
