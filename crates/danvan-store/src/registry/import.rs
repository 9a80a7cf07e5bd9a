//! Importing existing lists of records: rows read and checked by
//! `danvan_domain::registry::values`, units resolved by name, each record
//! found by its unit and code (re-importing updates, never duplicates),
//! with its latest evaluation and a commendation. A dry run does all of it
//! in a transaction and rolls it back, so its report is exactly what a real
//! run would do.

use super::{Registry, record_with};
use crate::entity::{org_unit, registry_commendation, registry_evaluation, registry_model};
use crate::{Actor, StoreResult};
use chrono::Utc;
use danvan_domain::audit::{AuditAction, AuditParams};
use danvan_domain::registry::values::{CellProblem, ImportRow, duplicate_codes};
use danvan_domain::registry::{Effectiveness, Status};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, Set};

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

/// Records created or changed by one import from which the planner's
/// statistics are refreshed afterwards.
const ANALYZE_AFTER_ROWS: usize = 1000;

/// What a unit's name as written names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitMatch {
    One(i32),
    Many,
    None,
}

/// The unit `written` names among `units`: the one whose name or short
/// name is exactly that (NFC, any case, spaces collapsed); failing that,
/// the one whose folded name or slug is (marks ignored: "Dang uy xa Mau
/// Son"); `Many` when several match at the first level that matches, so
/// that "xã Mậu Sơn" and "xã Mẫu Sơn" are told apart when written with
/// their marks.
pub fn match_unit<'a>(units: impl IntoIterator<Item = (i32, &'a str, Option<&'a str>)> + Clone, written: &str) -> UnitMatch {
    let exact = |s: &str| danvan_text::collapse_spaces(&danvan_text::normalize_input(s)).to_lowercase();
    let want = exact(written);
    if want.is_empty() {
        return UnitMatch::None;
    }
    let pick = |ids: Vec<i32>| match ids.as_slice() {
        [] => UnitMatch::None,
        [one] => UnitMatch::One(*one),
        _ => UnitMatch::Many,
    };
    let named = |test: &dyn Fn(&str) -> bool| -> Vec<i32> {
        units.clone().into_iter().filter(|(_, name, short)| test(name) || short.is_some_and(test)).map(|(id, _, _)| id).collect()
    };
    let by_exact = named(&|n| exact(n) == want);
    if !by_exact.is_empty() {
        return pick(by_exact);
    }
    let (folded, slug) = (danvan_text::fold(&want), danvan_text::slugify(&want));
    pick(named(&|n| danvan_text::fold(n) == folded || danvan_text::slugify(n) == slug))
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
        // the units whose cube cells are recomputed once, at the end
        let mut touched: std::collections::BTreeSet<i32> = std::collections::BTreeSet::new();
        let tx = self.store.begin_write().await?;
        let units = org_unit::Entity::find().all(&tx).await?;
        let this_year = chrono::Datelike::year(&danvan_domain::time::vietnam_today());
        for (done, r) in rows.into_iter().filter(|r| !twice.contains(&r.row)).enumerate() {
            progress(done);
            let unit = match match_unit(units.iter().map(|u| (u.id, u.name.as_str(), u.short_name.as_deref())), &r.unit) {
                UnitMatch::One(id) => id,
                UnitMatch::Many => {
                    report.problems.push(CellProblem { row: r.row, column: "don_vi", code: "registry.import.unit_ambiguous" });
                    continue;
                }
                UnitMatch::None => {
                    report.problems.push(CellProblem { row: r.row, column: "don_vi", code: "registry.import.unit_unknown" });
                    continue;
                }
            };
            if let Err((f, code)) = danvan_domain::registry::check_dates(r.registered_on, r.launched_on, danvan_domain::time::vietnam_today()) {
                let column = if f == "registered_on" { "ngay_dang_ky" } else { "ngay_ra_mat" };
                report.problems.push(CellProblem { row: r.row, column, code });
                continue;
            }
            if let Some((_, year)) = r.evaluation
                && year > this_year
            {
                report.problems.push(CellProblem { row: r.row, column: "nam_danh_gia", code: "registry.evaluation_in_future" });
                continue;
            }
            let now = Utc::now();
            // the unit's own code, in any case (MH-01 and mh-01 are one)
            use sea_orm::sea_query::ExprTrait;
            let existing = registry_model::Entity::find()
                .filter(registry_model::Column::OrgUnitId.eq(unit))
                .filter(sea_orm::sea_query::Expr::expr(sea_orm::sea_query::Func::lower(sea_orm::sea_query::Expr::col(registry_model::Column::Code))).eq(r.code.to_lowercase()))
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
                    record_with(&tx, actor, m.id, AuditAction::RegistryImportCreate, AuditParams::new().with("code", &r.code).with("name", &r.name), false).await?;
                    touched.insert(unit);
                    (m.id, false, true)
                }
                Some(m) => {
                    let same = m.name == r.name
                        && m.kind == r.kind.code()
                        && m.holder == r.holder.code()
                        && m.field == r.field.code()
                        && (m.period_start, m.period_end) == (r.period.start, r.period.end)
                        && r.registered_on.is_none_or(|d| m.registered_on == Some(d))
                        && r.launched_on.is_none_or(|d| m.launched_on == Some(d))
                        && r.public.is_none_or(|p| m.is_public == p);
                    let id = m.id;
                    touched.insert(m.org_unit_id);
                    if !same {
                        let mut a = m.into_active_model();
                        a.name = Set(r.name.clone());
                        a.kind = Set(r.kind.code().to_owned());
                        a.holder = Set(r.holder.code().to_owned());
                        a.field = Set(r.field.code().to_owned());
                        a.period_start = Set(r.period.start);
                        a.period_end = Set(r.period.end);
                        // an empty date cell leaves the stored date as it is
                        if r.registered_on.is_some() {
                            a.registered_on = Set(r.registered_on);
                        }
                        if r.launched_on.is_some() {
                            a.launched_on = Set(r.launched_on);
                        }
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
                changed |= put_evaluation(&tx, actor, id, year, effectiveness, false).await?;
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
                    record_with(&tx, actor, id, action, params, false).await?;
                    changed = true;
                }
            }
            if created {
                report.created += 1;
            } else if changed {
                record_with(&tx, actor, id, AuditAction::RegistryImportUpdate, AuditParams::new().with("code", &r.code), false).await?;
                report.updated += 1;
            } else {
                report.unchanged += 1;
            }
        }
        super::cube::recompute_units(&tx, &touched).await?;
        if dry_run {
            tx.rollback().await?;
        } else {
            tx.commit().await?;
            self.store.search().follow().await;
            // a large import changes the tables' shape: plan with fresh statistics
            if report.created + report.updated >= ANALYZE_AFTER_ROWS {
                self.analyze_facts().await?;
            }
        }
        report.problems.sort_by_key(|p| p.row);
        Ok(report)
    }
}

/// Sets the evaluation of `year` (one per record and year); `true` when it
/// changed anything.
pub(super) async fn put_evaluation<C: sea_orm::ConnectionTrait>(db: &C, actor: &Actor, id: i32, year: i32, e: Effectiveness, cube: bool) -> StoreResult<bool> {
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
    record_with(db, actor, id, AuditAction::RegistryEvaluate, AuditParams::new().with("year", year).with("result", e.code()), cube).await?;
    Ok(true)
}
