//! One record at a time: registration, its page (with evaluations,
//! commendations, copies and history), the scoped list, and the yearly
//! evaluation. Permissions are the domain's: a unit officer registers in
//! the unit's subtree, a registry officer also evaluates; personal data
//! (a person's name and position) reaches only staff who may see the
//! record; the public sees approved public records without it.

use super::{Registry, record};
use crate::entity::{org_unit, registry_commendation, registry_evaluation, registry_event, registry_model};
use crate::error::{StoreError, field};
use crate::scope::{check_scope, load_tree};
use crate::{Actor, AuditView, StoreResult};
use chrono::{NaiveDate, Utc};
use danvan_domain::ErrorCode;
use danvan_domain::audit::{AuditAction, AuditParams};
use danvan_domain::editorial::{Action, Permissions};
use danvan_domain::registry::{Effectiveness, Field, NewRecord, Period, Status, can_evaluate, check_new_record};
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set};
use serde::Serialize;

/// One evaluation as shown.
#[derive(Debug, Clone, Serialize)]
pub struct EvaluationView {
    pub year: i32,
    pub effectiveness: String,
    pub findings: String,
    pub evaluated_by: String,
}

/// One commendation as shown.
#[derive(Debug, Clone, Serialize)]
pub struct CommendationView {
    pub year: i32,
    pub proposed_only: bool,
    pub form: String,
    pub decision_number: String,
}

/// A record's page.
#[derive(Debug, Clone, Serialize)]
pub struct RecordView {
    pub id: i32,
    pub code: String,
    pub name: String,
    pub kind: String,
    pub holder: String,
    pub field: String,
    pub unit_id: i32,
    pub unit_name: String,
    pub area: String,
    /// `2023` or `2021-2025`.
    pub period: String,
    pub status: String,
    pub registered_on: Option<NaiveDate>,
    pub launched_on: Option<NaiveDate>,
    /// Personal data: `None` unless the reader is staff who may see it.
    pub person_name: Option<String>,
    pub person_position: Option<String>,
    pub parts: std::collections::BTreeMap<String, String>,
    pub is_public: bool,
    pub approved: bool,
    pub replicated_from: Option<(i32, String)>,
    pub copies: Vec<(i32, String)>,
    pub evaluations: Vec<EvaluationView>,
    pub commendations: Vec<CommendationView>,
    /// Its own history, newest first (staff only; empty for the public).
    pub history: Vec<AuditView>,
}

/// A row of the back-office list.
#[derive(Debug, Clone, Serialize)]
pub struct RecordRow {
    pub id: i32,
    pub code: String,
    pub name: String,
    pub kind: String,
    pub holder: String,
    pub field: String,
    pub unit_id: i32,
    pub period: String,
    pub status: String,
}

/// The back-office list's filters (all optional).
#[derive(Debug, Clone, Default)]
pub struct RecordFilter {
    pub field: Option<Field>,
    pub status: Option<Status>,
    pub period: Option<Period>,
    /// Only this unit and its subtree (within the reader's scope).
    pub unit: Option<i32>,
}

fn period_of(m: &registry_model::Model) -> String {
    Period { start: m.period_start, end: m.period_end }.to_string()
}

/// `q` with the filter's field, status and period (the unit is the
/// caller's: it depends on the reader's scope).
fn filtered(mut q: sea_orm::Select<registry_model::Entity>, f: &RecordFilter) -> sea_orm::Select<registry_model::Entity> {
    if let Some(fl) = f.field {
        q = q.filter(registry_model::Column::Field.eq(fl.code()));
    }
    if let Some(s) = f.status {
        q = q.filter(registry_model::Column::Status.eq(s.code()));
    }
    if let Some(per) = f.period {
        q = q.filter(Condition::all().add(registry_model::Column::PeriodStart.lte(per.end)).add(registry_model::Column::PeriodEnd.gte(per.start)));
    }
    q
}

/// Page `page` (1-based) of `q`, newest first, as list rows, with the total.
async fn page_of<C: sea_orm::ConnectionTrait>(db: &C, q: sea_orm::Select<registry_model::Entity>, page: u64, per_page: u64) -> StoreResult<(Vec<RecordRow>, u64)> {
    let q = q.order_by_desc(registry_model::Column::Id);
    let total = q.clone().count(db).await?;
    let rows = q.paginate(db, per_page.max(1)).fetch_page(page.saturating_sub(1)).await?;
    let rows = rows
        .into_iter()
        .map(|m| RecordRow {
            id: m.id,
            period: period_of(&m),
            code: m.code,
            name: m.name,
            kind: m.kind,
            holder: m.holder,
            field: m.field,
            unit_id: m.org_unit_id,
            status: m.status,
        })
        .collect();
    Ok((rows, total))
}

impl Registry<'_> {
    /// Registers a record in its unit (needs [`Action::RegisterModel`]
    /// there); a registry officer's registration is approved at once, a
    /// unit officer's waits for approval. Returns its id.
    ///
    /// Errors: a field refused by `check_new_record` (field, code);
    /// `record.duplicate` when the unit already has the code; `forbidden`.
    pub async fn register(&self, actor: &Actor, r: &NewRecord) -> StoreResult<i32> {
        let tx = self.store.begin_write().await?;
        let id = insert_record(&tx, actor, r, None).await?;
        tx.commit().await?;
        Ok(id)
    }


    /// The record `id` as `reader` may see it: staff who may view the
    /// record's unit see everything; anyone else (`None`, or staff outside
    /// its scope) sees it only when approved and public, without personal
    /// data or history. `None` when it does not exist or may not be seen.
    pub async fn record_view(&self, reader: Option<&Actor>, id: i32) -> StoreResult<Option<RecordView>> {
        let db = &self.store.read;
        let Some(m) = registry_model::Entity::find_by_id(id).one(db).await? else { return Ok(None) };
        let tree = load_tree(db).await?;
        let staff = reader.is_some_and(|a| (Permissions { grants: &a.grants, tree: &tree }).can(Action::ViewModels, Some(m.org_unit_id)));
        if !staff && !(m.is_public && m.approved) {
            return Ok(None);
        }
        let unit_name = org_unit::Entity::find_by_id(m.org_unit_id).one(db).await?.map(|u| u.name).unwrap_or_default();
        let evaluations = registry_evaluation::Entity::find()
            .filter(registry_evaluation::Column::ModelId.eq(id))
            .order_by_desc(registry_evaluation::Column::Year)
            .all(db)
            .await?
            .into_iter()
            .map(|e| EvaluationView { year: e.year, effectiveness: e.effectiveness, findings: e.findings, evaluated_by: if staff { e.evaluated_by } else { String::new() } })
            .collect();
        let commendations = registry_commendation::Entity::find()
            .filter(registry_commendation::Column::ModelId.eq(id))
            .order_by_desc(registry_commendation::Column::Year)
            .all(db)
            .await?
            .into_iter()
            .map(|c| CommendationView { year: c.year, proposed_only: c.proposed_only, form: c.form, decision_number: c.decision_number })
            .collect();
        let visible = |c: &registry_model::Model| staff || (c.is_public && c.approved);
        let replicated_from = match m.replicated_from_id {
            Some(src) => registry_model::Entity::find_by_id(src).one(db).await?.filter(visible).map(|s| (s.id, s.name)),
            None => None,
        };
        let copies = registry_model::Entity::find()
            .filter(registry_model::Column::ReplicatedFromId.eq(id))
            .order_by_asc(registry_model::Column::Id)
            .all(db)
            .await?
            .into_iter()
            .filter(visible)
            .map(|c| (c.id, c.name))
            .collect();
        let history = if staff {
            registry_event::Entity::find()
                .filter(registry_event::Column::ModelId.eq(id))
                .order_by_desc(registry_event::Column::Id)
                .all(db)
                .await?
                .into_iter()
                .map(|e| {
                    let summary = danvan_domain::audit::render_audit(&e.action, &e.params, "", danvan_domain::Lang::Vi);
                    AuditView {
                        at: e.at,
                        username: e.username,
                        action: e.action,
                        subject_kind: "registry_model".to_owned(),
                        subject_id: Some(id),
                        summary,
                        params: e.params,
                        legacy_summary: String::new(),
                    }
                })
                .collect()
        } else {
            Vec::new()
        };
        Ok(Some(RecordView {
            id: m.id,
            period: period_of(&m),
            code: m.code,
            name: m.name,
            kind: m.kind,
            holder: m.holder,
            field: m.field,
            unit_id: m.org_unit_id,
            unit_name,
            area: m.area,
            status: m.status,
            registered_on: m.registered_on,
            launched_on: m.launched_on,
            person_name: staff.then_some(m.person_name),
            person_position: staff.then_some(m.person_position),
            parts: serde_json::from_str(&m.registration).unwrap_or_default(),
            is_public: m.is_public,
            approved: m.approved,
            replicated_from,
            copies,
            evaluations,
            commendations,
            history,
        }))
    }

    /// The records `actor` may see ([`Action::ViewModels`] scopes),
    /// filtered in SQL, newest first, `per_page` from page `page` (1-based),
    /// with the total.
    pub async fn records(&self, actor: &Actor, f: &RecordFilter, page: u64, per_page: u64) -> StoreResult<(Vec<RecordRow>, u64)> {
        let db = &self.store.read;
        let tree = load_tree(db).await?;
        let p = Permissions { grants: &actor.grants, tree: &tree };
        let mut units: Vec<i32> = tree.units().filter(|u| p.can(Action::ViewModels, Some(*u))).collect();
        if let Some(top) = f.unit {
            units.retain(|u| tree.is_within(*u, top));
        }
        let q = registry_model::Entity::find().filter(registry_model::Column::OrgUnitId.is_in(units));
        page_of(db, filtered(q, f), page, per_page).await
    }

    /// Approves a unit officer's registration (needs [`Action::ApproveModel`]
    /// on the record's unit); approving an approved record changes nothing.
    pub async fn approve(&self, actor: &Actor, id: i32) -> StoreResult<()> {
        let tx = self.store.begin_write().await?;
        let m = registry_model::Entity::find_by_id(id).one(&tx).await?.ok_or(StoreError::Rule(ErrorCode::RecordNotFound))?;
        check_scope(&tx, actor, Action::ApproveModel, Some(m.org_unit_id)).await?;
        if m.approved {
            return Ok(());
        }
        let mut a: registry_model::ActiveModel = m.into();
        a.approved = Set(true);
        a.updated_at = Set(Utc::now());
        a.update(&tx).await?;
        record(&tx, actor, id, AuditAction::RegistryApprove, AuditParams::new()).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Moves a record to `to` when the lifecycle allows it
    /// (`danvan_domain::registry::can_move`), with `reason` required for
    /// discontinuing; launching sets the launch date when none is known.
    /// Needs [`Action::ApproveModel`] on the record's unit. Never deletes.
    ///
    /// Errors: `record.not_found`; `forbidden`; field `status`
    /// (`registry.move_refused`); field `reason` (`registry.reason_required`).
    pub async fn move_to(&self, actor: &Actor, id: i32, to: Status, reason: &str) -> StoreResult<()> {
        let reason = danvan_text::collapse_spaces(&danvan_text::normalize_input(reason));
        if reason.chars().count() > 500 {
            return Err(field("reason", "registry.text_too_long"));
        }
        let tx = self.store.begin_write().await?;
        let m = registry_model::Entity::find_by_id(id).one(&tx).await?.ok_or(StoreError::Rule(ErrorCode::RecordNotFound))?;
        check_scope(&tx, actor, Action::ApproveModel, Some(m.org_unit_id)).await?;
        let from = Status::from_code(&m.status).unwrap_or(Status::Registered);
        if !danvan_domain::registry::can_move(from, to) {
            return Err(field("status", "registry.move_refused"));
        }
        if to == Status::Discontinued && reason.is_empty() {
            return Err(field("reason", "registry.reason_required"));
        }
        let launched = m.launched_on;
        let mut a: registry_model::ActiveModel = m.into();
        a.status = Set(to.code().to_owned());
        if to == Status::Launched && launched.is_none() {
            a.launched_on = Set(Some(danvan_domain::time::vietnam_today()));
        }
        if to == Status::Discontinued {
            a.discontinued_reason = Set(reason.clone());
        }
        a.updated_at = Set(Utc::now());
        a.update(&tx).await?;
        let mut params = AuditParams::new().with("from", from.code()).with("to", to.code());
        if !reason.is_empty() {
            params = params.with("reason", &reason);
        }
        record(&tx, actor, id, AuditAction::RegistryMove, params).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Records a commendation of record `id`: proposed (`proposed_only`) or
    /// decided, with its form, level, conferring body, decision number
    /// (parsed and written canonically by `danvan-docref`; optional for a
    /// proposal), date and the year it counts in. Needs
    /// [`Action::CommendModel`] on the record's unit; audited. A record may
    /// have several.
    ///
    /// Errors: `record.not_found`; `forbidden`; field `decision_number`
    /// (the docref code, e.g. `docref.missing_type`, or
    /// `registry.decision_required` for a decision without a number); field
    /// `year`.
    #[allow(clippy::too_many_arguments)]
    pub async fn commend(
        &self,
        actor: &Actor,
        id: i32,
        proposed_only: bool,
        form: danvan_domain::registry::CommendationForm,
        year: i32,
        decision_number: &str,
        decided_on: Option<NaiveDate>,
        conferred_by: &str,
    ) -> StoreResult<()> {
        if !danvan_domain::registry::YEARS.contains(&year) {
            return Err(field("year", "registry.import.year_invalid"));
        }
        let number = match decision_number.trim() {
            "" if proposed_only => String::new(),
            "" => return Err(field("decision_number", "registry.decision_required")),
            n => danvan_docref::DocNumber::parse(n).map_err(|e| field("decision_number", e.code()))?.to_string(),
        };
        let conferred_by = danvan_text::collapse_spaces(&danvan_text::normalize_input(conferred_by));
        if conferred_by.chars().count() > 200 {
            return Err(field("conferred_by", "registry.text_too_long"));
        }
        let tx = self.store.begin_write().await?;
        let m = registry_model::Entity::find_by_id(id).one(&tx).await?.ok_or(StoreError::Rule(ErrorCode::RecordNotFound))?;
        check_scope(&tx, actor, Action::CommendModel, Some(m.org_unit_id)).await?;
        registry_commendation::ActiveModel {
            model_id: Set(id),
            proposed_only: Set(proposed_only),
            form: Set(form.code().to_owned()),
            level: Set(String::new()),
            conferred_by: Set(conferred_by),
            decision_number: Set(number.clone()),
            decided_on: Set(decided_on),
            year: Set(year),
            note: Set(String::new()),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(&tx)
        .await?;
        let action = if proposed_only { AuditAction::RegistryCommendationProposed } else { AuditAction::RegistryCommended };
        record(&tx, actor, id, action, AuditParams::new().with("form", form.code()).with("decision", &number)).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Replicates record `id` (nhân rộng) as a new record of unit `unit`:
    /// the copy keeps the name, kind, field and registration parts, takes
    /// `code` and `period`, links to its source (shown both ways), and both
    /// histories say so; the source moves to "replicated" when its
    /// lifecycle allows. Needs [`Action::RegisterModel`] on `unit` and the
    /// right to see the source. Returns the copy's id.
    ///
    /// Errors: as [`Registry::register`]; `record.not_found`.
    pub async fn replicate(&self, actor: &Actor, id: i32, unit: i32, code: &str, period: Period) -> StoreResult<i32> {
        let source = self.record_view(Some(actor), id).await?.filter(|r| r.person_name.is_some()).ok_or(StoreError::Rule(ErrorCode::RecordNotFound))?;
        let new = NewRecord {
            code: code.to_owned(),
            name: source.name.clone(),
            kind: danvan_domain::registry::ModelKind::from_code(&source.kind),
            holder: danvan_domain::registry::Holder::from_code(&source.holder),
            field: Field::from_code(&source.field),
            unit_id: Some(unit),
            period: Some(period),
            person_name: source.person_name.clone().unwrap_or_default(),
            person_position: source.person_position.clone().unwrap_or_default(),
            parts: source.parts.clone(),
            ..Default::default()
        };
        // the copy, its link and the source's new status commit together
        let tx = self.store.begin_write().await?;
        let copy = insert_record(&tx, actor, &new, Some(id)).await?;
        if let Some(m) = registry_model::Entity::find_by_id(id).one(&tx).await? {
            let from = Status::from_code(&m.status).unwrap_or(Status::Registered);
            if from != Status::Replicated && danvan_domain::registry::can_move(from, Status::Replicated) {
                let mut a: registry_model::ActiveModel = m.into();
                a.status = Set(Status::Replicated.code().to_owned());
                a.updated_at = Set(Utc::now());
                a.update(&tx).await?;
            }
        }
        record(&tx, actor, copy, AuditAction::RegistryReplicatedFrom, AuditParams::new().with("name", &source.name)).await?;
        record(&tx, actor, id, AuditAction::RegistryReplicated, AuditParams::new().with("code", code)).await?;
        tx.commit().await?;
        Ok(copy)
    }

    /// The public showcase: approved public records, filtered in SQL (a
    /// unit with its subtree), newest first, with the total. No personal
    /// data is read.
    pub async fn public_records(&self, f: &RecordFilter, page: u64, per_page: u64) -> StoreResult<(Vec<RecordRow>, u64)> {
        let db = &self.store.read;
        let mut q = registry_model::Entity::find()
            .filter(registry_model::Column::IsPublic.eq(true))
            .filter(registry_model::Column::Approved.eq(true));
        if let Some(top) = f.unit {
            let tree = load_tree(db).await?;
            let units: Vec<i32> = tree.units().filter(|u| tree.is_within(*u, top)).collect();
            q = q.filter(registry_model::Column::OrgUnitId.is_in(units));
        }
        // the public filter has no status: the showcase shows every approved public record
        page_of(db, filtered(q, &RecordFilter { status: None, ..f.clone() }), page, per_page).await
    }

    /// Records the evaluation of `year` (one per record and year; a second
    /// one for the same year replaces it, both in the history). Needs
    /// [`Action::EvaluateModel`] on the record's unit, and the record
    /// launched and running (`danvan_domain::registry::can_evaluate`); the
    /// first evaluation moves a launched record to operating.
    ///
    /// Errors: `record.not_found`; `forbidden`; field `status`
    /// (`registry.not_evaluable`); field `year` (`registry.import.year_invalid`).
    pub async fn evaluate(&self, actor: &Actor, id: i32, year: i32, e: Effectiveness, findings: &str) -> StoreResult<()> {
        if !danvan_domain::registry::YEARS.contains(&year) {
            return Err(field("year", "registry.import.year_invalid"));
        }
        if findings.chars().count() > danvan_domain::registry::MAX_PART_CHARS {
            return Err(field("findings", "registry.text_too_long"));
        }
        let tx = self.store.begin_write().await?;
        let m = registry_model::Entity::find_by_id(id).one(&tx).await?.ok_or(StoreError::Rule(ErrorCode::RecordNotFound))?;
        check_scope(&tx, actor, Action::EvaluateModel, Some(m.org_unit_id)).await?;
        let status = Status::from_code(&m.status).unwrap_or(Status::Registered);
        if !can_evaluate(status) {
            return Err(field("status", "registry.not_evaluable"));
        }
        super::import::put_evaluation(&tx, actor, id, year, e).await?;
        let findings = danvan_text::normalize_input(findings.trim());
        if let Some(ev) = registry_evaluation::Entity::find()
            .filter(registry_evaluation::Column::ModelId.eq(id))
            .filter(registry_evaluation::Column::Year.eq(year))
            .one(&tx)
            .await?
            && ev.findings != findings
        {
            let mut a: registry_evaluation::ActiveModel = ev.into();
            a.findings = Set(findings);
            a.update(&tx).await?;
        }
        if status == Status::Launched {
            let mut a: registry_model::ActiveModel = m.into();
            a.status = Set(Status::Operating.code().to_owned());
            a.updated_at = Set(Utc::now());
            a.update(&tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

/// Registers record `r` in `tx` (see [`Registry::register`]), as a copy of
/// `replicated_from` when given.
async fn insert_record(tx: &sea_orm::DatabaseTransaction, actor: &Actor, r: &NewRecord, replicated_from: Option<i32>) -> StoreResult<i32> {
    check_new_record(r).map_err(|(f, code)| field(f, code))?;
    let (Some(kind), Some(holder), Some(fld), Some(unit), Some(period)) = (r.kind, r.holder, r.field, r.unit_id, r.period) else {
        return Err(field("name", "registry.import.row_invalid"));
    };
    if org_unit::Entity::find_by_id(unit).one(tx).await?.is_none() {
        return Err(field("unit_id", "registry.import.unit_unknown"));
    }
    let tree = check_scope(tx, actor, Action::RegisterModel, Some(unit)).await?;
    let approved = (Permissions { grants: &actor.grants, tree: &tree }).can(Action::ApproveModel, Some(unit));
    let code = danvan_text::collapse_spaces(&danvan_text::normalize_input(&r.code));
    let exists = registry_model::Entity::find()
        .filter(registry_model::Column::OrgUnitId.eq(unit))
        .filter(registry_model::Column::Code.eq(&code))
        .count(tx)
        .await?
        > 0;
    if exists {
        return Err(field("code", "record.duplicate"));
    }
    let clean = |s: &str| danvan_text::collapse_spaces(&danvan_text::normalize_input(s));
    let parts: std::collections::BTreeMap<String, String> =
        r.parts.iter().filter(|(_, v)| !v.trim().is_empty()).map(|(k, v)| (k.clone(), danvan_text::normalize_input(v.trim()))).collect();
    let now = Utc::now();
    let status = if r.launched_on.is_some() { Status::Launched } else { Status::Registered };
    let m = registry_model::ActiveModel {
        code: Set(code.clone()),
        name: Set(clean(&r.name)),
        kind: Set(kind.code().to_owned()),
        holder: Set(holder.code().to_owned()),
        field: Set(fld.code().to_owned()),
        org_unit_id: Set(unit),
        area: Set(clean(&r.area)),
        period_start: Set(period.start),
        period_end: Set(period.end),
        status: Set(status.code().to_owned()),
        registered_on: Set(r.registered_on),
        launched_on: Set(r.launched_on),
        person_name: Set(clean(&r.person_name)),
        person_position: Set(clean(&r.person_position)),
        registration: Set(serde_json::to_string(&parts).unwrap_or_else(|_| "{}".to_owned())),
        is_public: Set(r.is_public),
        approved: Set(approved),
        replicated_from_id: Set(replicated_from),
        converted_to_id: Set(None),
        discontinued_reason: Set(String::new()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(tx)
    .await?;
    record(tx, actor, m.id, AuditAction::RegistryRegister, AuditParams::new().with("code", &code).with("name", &m.name)).await?;
    Ok(m.id)
}
