//! The "Dân vận khéo" registry (`store.registry()`): records of models and
//! exemplars, their evaluations, commendations and history; the import of
//! existing lists (`import.rs`) and the statistics of a period (`stats.rs`).
//! Records are never deleted. Every change writes a line in the record's
//! own history (`registry_event`) and in the audit log, in one transaction.

mod attachments;
mod cube;
mod facts;
mod import;
mod lifecycle;
pub(crate) mod links;
mod records;
mod stats;

pub use attachments::{MAX_PHOTOS, MAX_RECORD_FILE_BYTES, RecordFileView};
pub use facts::PHASE_FACTS_FROM_YEAR_FACTS;

/// The statements that fill the statistics' cube from the facts (used by
/// migration 15).
pub(crate) fn cube_fill_statements() -> [String; 2] {
    cube::fill_statements()
}
pub use import::{ImportReport, UnitMatch, match_unit};
pub use links::{LinkedArticle, LinkedModel, ModelLinkChange};
pub use records::{CommendationView, EvaluationView, RecordFilter, RecordRow, RecordView};

use crate::audit::audit;
use crate::entity::registry_event;
use crate::{Actor, Store, StoreResult};
use danvan_domain::audit::{AuditAction, AuditParams};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};

/// The registry (`store.registry()`).
#[derive(Clone, Copy)]
pub struct Registry<'a> {
    pub(crate) store: &'a Store,
}

/// Writes one change of record `model_id` to its history and the audit log
/// and rebuilds its statistics' facts and cube cells (in the caller's
/// transaction).
pub(crate) async fn record<C: ConnectionTrait>(db: &C, actor: &Actor, model_id: i32, action: AuditAction, params: AuditParams) -> StoreResult<()> {
    record_with(db, actor, model_id, action, params, true).await
}

/// [`record`], with the cube's cells left to the caller when `cube` is
/// false (an import recomputes its units' cells once, at its end).
pub(crate) async fn record_with<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    model_id: i32,
    action: AuditAction,
    params: AuditParams,
    cube: bool,
) -> StoreResult<()> {
    registry_event::ActiveModel {
        model_id: Set(model_id),
        at: Set(chrono::Utc::now()),
        username: Set(actor.username.clone()),
        action: Set(action.code().to_owned()),
        params: Set(params.to_json()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    facts::refresh(db, &[model_id], cube).await?;
    crate::search::index_model(db, model_id).await?;
    audit(db, actor, action, "registry_model", Some(model_id), params).await
}

impl Registry<'_> {
    /// Rebuilds the statistics' facts of every record (after a bulk load
    /// that bypassed the store, or to repair); returns how many records.
    pub async fn rebuild_facts(&self) -> StoreResult<usize> {
        let tx = self.store.begin_write().await?;
        let n = facts::rebuild(&tx).await?;
        tx.commit().await?;
        self.analyze_facts().await?;
        Ok(n)
    }

    /// Refreshes the planner's statistics of the fact tables (`ANALYZE`,
    /// the same statement on SQLite and PostgreSQL) after a bulk change,
    /// so that a freshly loaded site plans the statistics' statements as
    /// well as one that has run for a while (`bench/registry`: SQLite's
    /// whole-site phase p95 was about 63 ms before and 38 ms after).
    pub(crate) async fn analyze_facts(&self) -> StoreResult<()> {
        use sea_orm::ConnectionTrait;
        for table in ["registry_model", "registry_fact", "registry_phase_fact", "registry_cube"] {
            self.store.write.execute_unprepared(&format!("ANALYZE {table}")).await?;
        }
        Ok(())
    }

    /// Refills the plan-phase facts from the year facts in one statement
    /// ([`PHASE_FACTS_FROM_YEAR_FACTS`], what migration 11 does for the
    /// records stored before it); returns how many rows.
    pub async fn fold_phase_facts(&self) -> StoreResult<u64> {
        use sea_orm::EntityTrait;
        let tx = self.store.begin_write().await?;
        crate::entity::registry_phase_fact::Entity::delete_many().exec(&tx).await?;
        let n = tx.execute_unprepared(PHASE_FACTS_FROM_YEAR_FACTS).await?.rows_affected();
        tx.commit().await?;
        Ok(n)
    }
}
