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
use danvan_domain::registry::{Field, Holder, ModelKind, NewRecord, Period, RECORD_FIELDS, Status, check_new_record};
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
    /// The record it was converted into (chuyển đổi), when converted.
    pub converted_to: Option<(i32, String)>,
    /// The records converted into this one.
    pub converted_from: Vec<(i32, String)>,
    /// Why it was discontinued (empty otherwise).
    pub discontinued_reason: String,
    /// `updated_at` in microseconds: what an edit form sends back
    /// ([`Registry::update`]).
    pub version: i64,
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
    /// `registry.code_taken` when the unit already has the code (in any
    /// case); `registry.date_in_future`; `forbidden`.
    pub async fn register(&self, actor: &Actor, r: &NewRecord) -> StoreResult<i32> {
        let tx = self.store.begin_write().await?;
        let id = insert_record(&tx, actor, r, None).await?;
        tx.commit().await?;
        self.store.search().follow().await;
        Ok(id)
    }


    /// Edits record `id` to `r` (every field of a registration). Needs
    /// [`Action::RegisterModel`] on the record's unit, and on the new unit
    /// when it moves. `version` is the record's `updated_at` in
    /// microseconds as the form showed it ([`RecordView::version`]): when
    /// someone changed the record since, nothing is saved. The history
    /// names the fields that changed; an edit that changes nothing writes
    /// nothing. The status, approval and links are not edited here (see
    /// the lifecycle steps).
    ///
    /// Errors: `record.not_found`; `forbidden`; a field refused by
    /// `check_new_record` or `check_dates`; field `code` `registry.code_taken` (the unit has the
    /// code); field `version` `registry.edited_elsewhere`.
    pub async fn update(&self, actor: &Actor, id: i32, r: &NewRecord, version: i64) -> StoreResult<()> {
        check_new_record(r).map_err(|(f, code)| field(f, code))?;
        danvan_domain::registry::check_dates(r.registered_on, r.launched_on, danvan_domain::time::vietnam_today()).map_err(|(f, code)| field(f, code))?;
        let (Some(kind), Some(holder), Some(fld), Some(unit), Some(period)) = (r.kind, r.holder, r.field, r.unit_id, r.period) else {
            return Err(field("name", "registry.import.row_invalid"));
        };
        let tx = self.store.begin_write().await?;
        let m = registry_model::Entity::find_by_id(id).one(&tx).await?.ok_or(StoreError::Rule(ErrorCode::RecordNotFound))?;
        let tree = check_scope(&tx, actor, Action::RegisterModel, Some(m.org_unit_id)).await?;
        if unit != m.org_unit_id {
            if org_unit::Entity::find_by_id(unit).one(&tx).await?.is_none() {
                return Err(field("unit_id", "registry.import.unit_unknown"));
            }
            check_scope(&tx, actor, Action::RegisterModel, Some(unit)).await?;
        }
        if m.updated_at.timestamp_micros() != version {
            return Err(field("version", "registry.edited_elsewhere"));
        }
        let v = Values::of(r, kind, holder, fld, unit, period);
        if (v.code.as_str(), unit) != (m.code.as_str(), m.org_unit_id) && code_taken(&tx, unit, &v.code).await? {
            return Err(field("code", "registry.code_taken"));
        }
        let before = Values::from_model(&m);
        let changed = before.differences(&v);
        if changed.is_empty() {
            return Ok(());
        }
        // an approved record edited by someone who may not approve it waits
        // for approval again: what is public is what was approved
        let may_approve = (Permissions { grants: &actor.grants, tree: &tree }).can(Action::ApproveModel, Some(unit));
        let was_approved = m.approved;
        let mut a: registry_model::ActiveModel = m.into();
        v.apply(&mut a);
        if was_approved && !may_approve {
            a.approved = Set(false);
        }
        a.updated_at = Set(Utc::now());
        a.update(&tx).await?;
        let mut params = AuditParams::new().with("fields", changed.join(","));
        if was_approved && !may_approve {
            params = params.with("reason", danvan_domain::messages::t("registry.approval_again", danvan_domain::Lang::Vi));
        }
        record(&tx, actor, id, AuditAction::RegistryUpdate, params).await?;
        tx.commit().await?;
        self.store.search().follow().await;
        Ok(())
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
        let visible = staff || (m.is_public && m.approved);
        if !visible {
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
        let converted_to = match m.converted_to_id {
            Some(to) => registry_model::Entity::find_by_id(to).one(db).await?.filter(visible).map(|s| (s.id, s.name)),
            None => None,
        };
        let converted_from = registry_model::Entity::find()
            .filter(registry_model::Column::ConvertedToId.eq(id))
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
            converted_to,
            converted_from,
            discontinued_reason: m.discontinued_reason,
            version: m.updated_at.timestamp_micros(),
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

    /// Every record `actor` may see under filter `f` (as [`Registry::records`];
    /// `None`: the server's operator at the command line, every record),
    /// oldest first, at most `limit`, as import rows: the unit by its name,
    /// the latest evaluation with its year, no commendation and no personal
    /// data. Written out by `danvan_domain::registry::values::write_row`,
    /// such a list imports again unchanged.
    pub async fn records_for_export(&self, actor: Option<&Actor>, f: &RecordFilter, limit: u64) -> StoreResult<Vec<danvan_domain::registry::values::ImportRow>> {
        use sea_orm::QuerySelect;
        let db = &self.store.read;
        let tree = load_tree(db).await?;
        let mut units: Vec<i32> = match actor {
            Some(a) => {
                let p = Permissions { grants: &a.grants, tree: &tree };
                tree.units().filter(|u| p.can(Action::ViewModels, Some(*u))).collect()
            }
            None => tree.units().collect(),
        };
        if let Some(top) = f.unit {
            units.retain(|u| tree.is_within(*u, top));
        }
        let q = registry_model::Entity::find().filter(registry_model::Column::OrgUnitId.is_in(units));
        let models = filtered(q, f).order_by_asc(registry_model::Column::Id).limit(limit).all(db).await?;
        let names: std::collections::HashMap<i32, String> = org_unit::Entity::find().all(db).await?.into_iter().map(|u| (u.id, u.name)).collect();
        let mut latest: std::collections::HashMap<i32, (i32, String)> = std::collections::HashMap::new();
        for chunk in models.chunks(1000) {
            let ids: Vec<i32> = chunk.iter().map(|m| m.id).collect();
            for e in registry_evaluation::Entity::find().filter(registry_evaluation::Column::ModelId.is_in(ids)).all(db).await? {
                let slot = latest.entry(e.model_id).or_insert((i32::MIN, String::new()));
                if e.year > slot.0 {
                    *slot = (e.year, e.effectiveness);
                }
            }
        }
        Ok(models
            .into_iter()
            .enumerate()
            .filter_map(|(i, m)| {
                Some(danvan_domain::registry::values::ImportRow {
                    row: i + 2,
                    kind: danvan_domain::registry::ModelKind::from_code(&m.kind)?,
                    holder: danvan_domain::registry::Holder::from_code(&m.holder)?,
                    field: Field::from_code(&m.field)?,
                    unit: names.get(&m.org_unit_id).cloned().unwrap_or_default(),
                    period: Period { start: m.period_start, end: m.period_end },
                    registered_on: m.registered_on,
                    launched_on: m.launched_on,
                    evaluation: latest.get(&m.id).and_then(|(y, e)| Some((danvan_domain::registry::Effectiveness::from_code(e)?, *y))),
                    commendation: None,
                    public: Some(m.is_public),
                    code: m.code,
                    name: m.name,
                })
            })
            .collect())
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
}

/// Registers record `r` in `tx` (see [`Registry::register`]), as a copy of
/// `replicated_from` when given.
pub(super) async fn insert_record(tx: &sea_orm::DatabaseTransaction, actor: &Actor, r: &NewRecord, replicated_from: Option<i32>) -> StoreResult<i32> {
    check_new_record(r).map_err(|(f, code)| field(f, code))?;
    danvan_domain::registry::check_dates(r.registered_on, r.launched_on, danvan_domain::time::vietnam_today()).map_err(|(f, code)| field(f, code))?;
    let (Some(kind), Some(holder), Some(fld), Some(unit), Some(period)) = (r.kind, r.holder, r.field, r.unit_id, r.period) else {
        return Err(field("name", "registry.import.row_invalid"));
    };
    if org_unit::Entity::find_by_id(unit).one(tx).await?.is_none() {
        return Err(field("unit_id", "registry.import.unit_unknown"));
    }
    let tree = check_scope(tx, actor, Action::RegisterModel, Some(unit)).await?;
    let approved = (Permissions { grants: &actor.grants, tree: &tree }).can(Action::ApproveModel, Some(unit));
    let v = Values::of(r, kind, holder, fld, unit, period);
    if code_taken(tx, unit, &v.code).await? {
        return Err(field("code", "registry.code_taken"));
    }
    let now = Utc::now();
    let status = if r.launched_on.is_some() { Status::Launched } else { Status::Registered };
    let mut a = registry_model::ActiveModel {
        status: Set(status.code().to_owned()),
        approved: Set(approved),
        replicated_from_id: Set(replicated_from),
        converted_to_id: Set(None),
        discontinued_reason: Set(String::new()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    v.apply(&mut a);
    let code = v.code;
    let m = a
    .insert(tx)
    .await?;
    record(tx, actor, m.id, AuditAction::RegistryRegister, AuditParams::new().with("code", &code).with("name", &m.name)).await?;
    Ok(m.id)
}

/// Whether unit `unit` already has a record with `code` (in any case:
/// the import takes `MH-01` and `mh-01` for one code).
async fn code_taken(tx: &sea_orm::DatabaseTransaction, unit: i32, code: &str) -> StoreResult<bool> {
    use sea_orm::sea_query::{Expr, ExprTrait, Func};
    Ok(registry_model::Entity::find()
        .filter(registry_model::Column::OrgUnitId.eq(unit))
        .filter(Expr::expr(Func::lower(Expr::col(registry_model::Column::Code))).eq(code.to_lowercase()))
        .count(tx)
        .await?
        > 0)
}

/// A record's editable values as stored (cleaned: spaces collapsed, text
/// normalized, empty parts dropped), in the order of `RECORD_FIELDS`.
#[derive(PartialEq)]
struct Values {
    code: String,
    name: String,
    kind: String,
    holder: String,
    field: String,
    unit: i32,
    area: String,
    period: (i32, i32),
    registered_on: Option<NaiveDate>,
    launched_on: Option<NaiveDate>,
    person_name: String,
    person_position: String,
    parts: String,
    is_public: bool,
}

impl Values {
    fn of(r: &NewRecord, kind: ModelKind, holder: Holder, fld: Field, unit: i32, period: Period) -> Values {
        let clean = |s: &str| danvan_text::collapse_spaces(&danvan_text::normalize_input(s));
        let parts: std::collections::BTreeMap<String, String> =
            r.parts.iter().filter(|(_, v)| !v.trim().is_empty()).map(|(k, v)| (k.clone(), danvan_text::normalize_input(v.trim()))).collect();
        Values {
            code: clean(&r.code),
            name: clean(&r.name),
            kind: kind.code().to_owned(),
            holder: holder.code().to_owned(),
            field: fld.code().to_owned(),
            unit,
            area: clean(&r.area),
            period: (period.start, period.end),
            registered_on: r.registered_on,
            launched_on: r.launched_on,
            person_name: clean(&r.person_name),
            person_position: clean(&r.person_position),
            parts: serde_json::to_string(&parts).unwrap_or_else(|_| "{}".to_owned()),
            is_public: r.is_public,
        }
    }

    fn from_model(m: &registry_model::Model) -> Values {
        Values {
            code: m.code.clone(),
            name: m.name.clone(),
            kind: m.kind.clone(),
            holder: m.holder.clone(),
            field: m.field.clone(),
            unit: m.org_unit_id,
            area: m.area.clone(),
            period: (m.period_start, m.period_end),
            registered_on: m.registered_on,
            launched_on: m.launched_on,
            person_name: m.person_name.clone(),
            person_position: m.person_position.clone(),
            // stored JSON is re-read so that key order and spacing never count as a change
            parts: serde_json::from_str::<std::collections::BTreeMap<String, String>>(&m.registration)
                .ok()
                .and_then(|p| serde_json::to_string(&p).ok())
                .unwrap_or_else(|| m.registration.clone()),
            is_public: m.is_public,
        }
    }

    /// The names (`RECORD_FIELDS`) of the fields that differ in `new`.
    fn differences(&self, new: &Values) -> Vec<&'static str> {
        let same = [
            self.code == new.code,
            self.name == new.name,
            self.kind == new.kind,
            self.holder == new.holder,
            self.field == new.field,
            self.unit == new.unit,
            self.area == new.area,
            self.period == new.period,
            self.registered_on == new.registered_on,
            self.launched_on == new.launched_on,
            self.person_name == new.person_name,
            self.person_position == new.person_position,
            self.parts == new.parts,
            self.is_public == new.is_public,
        ];
        RECORD_FIELDS.iter().zip(same).filter(|(_, same)| !same).map(|(f, _)| *f).collect()
    }

    fn apply(&self, a: &mut registry_model::ActiveModel) {
        a.code = Set(self.code.clone());
        a.name = Set(self.name.clone());
        a.kind = Set(self.kind.clone());
        a.holder = Set(self.holder.clone());
        a.field = Set(self.field.clone());
        a.org_unit_id = Set(self.unit);
        a.area = Set(self.area.clone());
        a.period_start = Set(self.period.0);
        a.period_end = Set(self.period.1);
        a.registered_on = Set(self.registered_on);
        a.launched_on = Set(self.launched_on);
        a.person_name = Set(self.person_name.clone());
        a.person_position = Set(self.person_position.clone());
        a.registration = Set(self.parts.clone());
        a.is_public = Set(self.is_public);
    }
}
