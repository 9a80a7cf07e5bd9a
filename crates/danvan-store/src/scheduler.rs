//! Background jobs: leases held in the database (one instance runs a job at a
//! time) and scheduled publishing.

use crate::entity::{article, job_lease};
use crate::{Store, StoreResult, now};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use crate::articles::step_in;
use crate::views::Actor;
use danvan_domain::editorial::{ArticleStatus, Transition};

/// Job leases and scheduled publishing (`store.scheduler()`).
#[derive(Clone, Copy)]
pub struct Scheduler<'a> {
    pub(crate) store: &'a Store,
}

impl Scheduler<'_> {
    /// Takes or renews the lease of job `name` for `holder` for `seconds`;
    /// true when this holder now has it. Another holder's unexpired lease
    /// wins, so across instances one runs the job at a time.
    pub async fn acquire_lease(&self, name: &str, holder: &str, seconds: i64) -> StoreResult<bool> {
        let t = now();
        let until = t + Duration::seconds(seconds);
        let tx = self.store.begin_write().await?;
        let existing = job_lease::Entity::find_by_id(name.to_owned()).one(&tx).await?;
        let got = match existing {
            None => {
                // A concurrent insert by another instance fails on the
                // primary key; that instance holds the lease then.
                let r = job_lease::ActiveModel { name: Set(name.to_owned()), holder: Set(holder.to_owned()), expires_at: Set(until) }
                    .insert(&tx)
                    .await;
                r.is_ok()
            }
            Some(l) if l.holder == holder || l.expires_at <= t => {
                let n = job_lease::Entity::update_many()
                    .col_expr(job_lease::Column::Holder, Expr::value(holder))
                    .col_expr(job_lease::Column::ExpiresAt, Expr::value(until))
                    .filter(job_lease::Column::Name.eq(name))
                    .filter(job_lease::Column::Holder.eq(l.holder.clone()))
                    .filter(job_lease::Column::ExpiresAt.eq(l.expires_at))
                    .exec(&tx)
                    .await?
                    .rows_affected;
                n == 1
            }
            Some(_) => false,
        };
        if got {
            tx.commit().await?;
        } else {
            let _ = tx.rollback().await;
        }
        Ok(got)
    }

    /// Publishes every scheduled article whose time has come; returns their
    /// slugs. Each is published in its own transaction with its audit line
    /// (by "scheduler"); one that can no longer be published (an image lost
    /// its alt text) stays scheduled and is logged.
    pub async fn publish_due(&self, at: DateTime<Utc>) -> StoreResult<Vec<String>> {
        let due = article::Entity::find()
            .filter(article::Column::Status.eq(ArticleStatus::Scheduled.as_str()))
            .filter(article::Column::PublishedAt.lte(at))
            .all(&self.store.read)
            .await?;
        let actor = Actor::scheduler();
        let mut done = Vec::new();
        for a in due {
            let tx = self.store.begin_write().await?;
            match step_in(&tx, self.store, &actor, a.id, Transition::PublishScheduled, None, None).await {
                Ok(_) => {
                    tx.commit().await?;
                    self.store.search().follow().await;
                    done.push(a.slug);
                }
                Err(e) => {
                    let _ = tx.rollback().await;
                    tracing::warn!(article = a.id, error = %e, "scheduled article not published");
                }
            }
        }
        Ok(done)
    }
}
