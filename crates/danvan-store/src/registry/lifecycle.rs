//! A record's steps after registration: approval, the lifecycle
//! (launched, operating, replicated, consolidating, converted,
//! discontinued), the yearly evaluation, commendations, replication and
//! conversion. Each is one transaction that writes the record's history,
//! the audit log and its statistics' facts (through [`super::record`]);
//! permissions are the domain's table (`Action::ApproveModel`,
//! `EvaluateModel`, `CommendModel`, `RegisterModel`).

use super::records::insert_record;
use super::{Registry, record};
use crate::entity::{registry_commendation, registry_evaluation, registry_model};
use crate::error::{StoreError, field};
use crate::scope::check_scope;
use crate::{Actor, StoreResult};
use chrono::{NaiveDate, Utc};
use danvan_domain::ErrorCode;
use danvan_domain::audit::{AuditAction, AuditParams};
use danvan_domain::editorial::Action;
use danvan_domain::registry::{Effectiveness, Field, NewRecord, Period, Status, can_evaluate};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

impl Registry<'_> {
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
        self.store.search().follow().await;
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
        if to == Status::Converted {
            return Err(field("status", "registry.convert_needs_successor"));
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
        self.store.search().follow().await;
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
    /// (`registry.decision_invalid`: not a document number, or
    /// `registry.decision_required` for a decision without a number); field
    /// `year` (`registry.evaluation_before_period`,
    /// `registry.evaluation_in_future`); field `decided_on`
    /// (`registry.commendation_date_future`).
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
        let today = danvan_domain::time::vietnam_today();
        if decided_on.is_some_and(|d| d > today) {
            return Err(field("decided_on", "registry.commendation_date_future"));
        }
        let number = match decision_number.trim() {
            "" if proposed_only => String::new(),
            "" => return Err(field("decision_number", "registry.decision_required")),
            n => danvan_docref::DocNumber::parse(decision_number_part(n)).map_err(|_| field("decision_number", "registry.decision_invalid"))?.to_string(),
        };
        let conferred_by = danvan_text::collapse_spaces(&danvan_text::normalize_input(conferred_by));
        if conferred_by.chars().count() > 200 {
            return Err(field("conferred_by", "registry.text_too_long"));
        }
        let tx = self.store.begin_write().await?;
        let m = registry_model::Entity::find_by_id(id).one(&tx).await?.ok_or(StoreError::Rule(ErrorCode::RecordNotFound))?;
        check_scope(&tx, actor, Action::CommendModel, Some(m.org_unit_id)).await?;
        // a commendation counts in a year of the record's period or later, never one not begun
        danvan_domain::registry::check_evaluation_year(Period { start: m.period_start, end: m.period_end }, year, chrono::Datelike::year(&today))
            .map_err(|code| field("year", code))?;
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
        self.store.search().follow().await;
        Ok(())
    }

    /// Replicates record `id` (nhân rộng) as a new record of unit `unit`:
    /// the copy keeps the name, kind, field and registration parts, takes
    /// `code` and `period` (not before the source's), the new holder's
    /// `person` (name, position: for an individual, required; the
    /// source's person is never copied), links to its source (shown both ways), and both
    /// histories say so; the source moves to "replicated" when its
    /// lifecycle allows. Needs [`Action::RegisterModel`] on `unit` and the
    /// right to see the source. Returns the copy's id.
    ///
    /// Errors: as [`Registry::register`]; `record.not_found`.
    pub async fn replicate(&self, actor: &Actor, id: i32, unit: i32, code: &str, period: Period, person: (&str, &str)) -> StoreResult<i32> {
        let source = self.record_view(Some(actor), id).await?.filter(|r| r.person_name.is_some()).ok_or(StoreError::Rule(ErrorCode::RecordNotFound))?;
        if Period::parse(&source.period).is_some_and(|p| period.start < p.start) {
            return Err(field("period", "registry.copy_before_source"));
        }
        let new = NewRecord {
            code: code.to_owned(),
            name: source.name.clone(),
            kind: danvan_domain::registry::ModelKind::from_code(&source.kind),
            holder: danvan_domain::registry::Holder::from_code(&source.holder),
            field: Field::from_code(&source.field),
            unit_id: Some(unit),
            period: Some(period),
            // a copy is another holder: the source's person is never copied
            person_name: person.0.to_owned(),
            person_position: person.1.to_owned(),
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
        self.store.search().follow().await;
        Ok(copy)
    }

    /// Converts record `id` (chuyển đổi) into a new record `successor`,
    /// registered like any other (its unit, code and period its own): the
    /// record moves to "converted" and links to its successor, which links
    /// back (shown both ways); both histories say so; one transaction.
    /// Needs [`Action::ApproveModel`] on the record's unit (a lifecycle
    /// step) and [`Action::RegisterModel`] on the successor's unit. Returns
    /// the successor's id.
    ///
    /// Errors: `record.not_found`; `forbidden`; field `status`
    /// (`registry.move_refused`: the lifecycle does not allow converting
    /// from the record's status); as [`Registry::register`] for the
    /// successor.
    pub async fn convert(&self, actor: &Actor, id: i32, successor: &NewRecord) -> StoreResult<i32> {
        let tx = self.store.begin_write().await?;
        let m = registry_model::Entity::find_by_id(id).one(&tx).await?.ok_or(StoreError::Rule(ErrorCode::RecordNotFound))?;
        check_scope(&tx, actor, Action::ApproveModel, Some(m.org_unit_id)).await?;
        let from = Status::from_code(&m.status).unwrap_or(Status::Registered);
        if !danvan_domain::registry::can_move(from, Status::Converted) {
            return Err(field("status", "registry.move_refused"));
        }
        if successor.period.is_some_and(|p| p.start < m.period_start) {
            return Err(field("period", "registry.copy_before_source"));
        }
        let next = insert_record(&tx, actor, successor, None).await?;
        let name = m.name.clone();
        let mut a: registry_model::ActiveModel = m.into();
        a.status = Set(Status::Converted.code().to_owned());
        a.converted_to_id = Set(Some(next));
        a.updated_at = Set(Utc::now());
        a.update(&tx).await?;
        let code = danvan_text::collapse_spaces(&danvan_text::normalize_input(&successor.code));
        record(&tx, actor, id, AuditAction::RegistryConverted, AuditParams::new().with("code", &code)).await?;
        record(&tx, actor, next, AuditAction::RegistryConvertedFrom, AuditParams::new().with("name", &name)).await?;
        tx.commit().await?;
        self.store.search().follow().await;
        Ok(next)
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
        let this_year = chrono::Datelike::year(&danvan_domain::time::vietnam_today());
        danvan_domain::registry::check_evaluation_year(Period { start: m.period_start, end: m.period_end }, year, this_year)
            .map_err(|code| field("year", code))?;
        super::import::put_evaluation(&tx, actor, id, year, e, true).await?;
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
        self.store.search().follow().await;
        Ok(())
    }
}

/// The number and symbol of a decision as people write it: "Số 45/QĐ-UBND
/// ngày 15/3/2025" → "45/QĐ-UBND" (a leading "số" and a trailing date
/// dropped).
fn decision_number_part(s: &str) -> &str {
    let s = s.trim();
    let s = match s.char_indices().nth(2) {
        // "Số", "số", "so" followed by a space or a colon
        Some((i, c)) if matches!(c, ' ' | ':') && danvan_text::fold(&s[..i]) == "so" => s[i..].trim_start_matches([' ', ':']),
        _ => s,
    };
    match s.to_lowercase().find(" ngày") {
        Some(i) => s[..i].trim_end().trim_end_matches(','),
        None => s,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn decision_numbers_as_written() {
        assert_eq!(super::decision_number_part("Số 45/QĐ-UBND ngày 15/3/2025"), "45/QĐ-UBND");
        assert_eq!(super::decision_number_part("số: 12-QĐ/HU, ngày 2/1/2024"), "12-QĐ/HU");
        assert_eq!(super::decision_number_part("45/QĐ-UBND"), "45/QĐ-UBND");
    }
}
