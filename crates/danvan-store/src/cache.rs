//! Short-lived copies of the few rows every public submission reads and
//! staff change rarely: the site's salt, the root unit, the feedback
//! categories, the stored calendar years, the Open311 keys and the
//! abbreviation glossary. Without
//! them an Open311 POST made six reads before its write (the bench/feedback
//! profile of session 8); with them it makes none.
//!
//! A copy is dropped at once when this store changes its rows (after the
//! commit), and at the latest [`SHARED_ROWS_TTL`] after it was read, so a
//! change made through another instance on the same database (or by hand)
//! is seen within that time: a revoked Open311 key may be accepted for up
//! to one more second on the other instances, as an edited article may be
//! served from their one-second page cache.

use crate::StoreResult;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// How long a copy is used before it is read again.
pub const SHARED_ROWS_TTL: Duration = Duration::from_secs(1);

/// One cached value: read through [`Shelf::get_or_load`], dropped by
/// [`Shelf::forget`]. A load that started before a `forget` is returned to
/// its caller but not kept, so a change is never hidden by a slow reader.
pub(crate) struct Shelf<T> {
    slot: RwLock<Option<(Instant, Arc<T>)>>,
    generation: AtomicU64,
}

impl<T> Default for Shelf<T> {
    fn default() -> Self {
        Self { slot: RwLock::new(None), generation: AtomicU64::new(0) }
    }
}

impl<T> Shelf<T> {
    /// The kept value when it is younger than [`SHARED_ROWS_TTL`], else the
    /// value `load` reads (kept unless forgotten meanwhile).
    ///
    /// Errors: those of `load` (nothing is kept then).
    pub(crate) async fn get_or_load<F, Fut>(&self, load: F) -> StoreResult<Arc<T>>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = StoreResult<T>>,
    {
        if let Some((at, v)) = self.slot.read().unwrap_or_else(|p| p.into_inner()).as_ref()
            && at.elapsed() < SHARED_ROWS_TTL
        {
            return Ok(v.clone());
        }
        let generation = self.generation.load(Ordering::Acquire);
        let value = Arc::new(load().await?);
        let mut slot = self.slot.write().unwrap_or_else(|p| p.into_inner());
        if self.generation.load(Ordering::Acquire) == generation {
            *slot = Some((Instant::now(), value.clone()));
        }
        Ok(value)
    }

    /// Drops the kept value: the next read loads it again.
    pub(crate) fn forget(&self) {
        let mut slot = self.slot.write().unwrap_or_else(|p| p.into_inner());
        self.generation.fetch_add(1, Ordering::AcqRel);
        *slot = None;
    }
}

/// The copies a [`crate::Store`] keeps (one set per store, shared by its
/// clones).
#[derive(Default)]
pub(crate) struct SharedRows {
    /// `site.vote_salt` (empty before the site row exists).
    pub(crate) salt: Shelf<String>,
    /// The first unit without a parent, `None` when there is no unit.
    pub(crate) root_unit: Shelf<Option<i32>>,
    /// Every feedback category, in the order of the public list.
    pub(crate) categories: Shelf<Vec<crate::entity::feedback_category::Model>>,
    /// The stored calendar years.
    pub(crate) years: Shelf<Vec<danvan_calendar::YearCalendar>>,
    /// The Open311 keys not revoked, by the hash of the key: their id and
    /// name.
    pub(crate) open311_keys: Shelf<std::collections::HashMap<String, (i32, String)>>,
    /// The abbreviation glossary (abbreviation, expansion), in alphabetical
    /// order: read by every page and every search.
    pub(crate) glossary: Shelf<Vec<(String, String)>>,
}

impl std::fmt::Debug for SharedRows {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SharedRows")
    }
}

impl SharedRows {
    /// Drops every copy (after a commit that wrote many of these rows, such
    /// as the site's creation).
    pub(crate) fn forget_all(&self) {
        self.salt.forget();
        self.root_unit.forget();
        self.categories.forget();
        self.years.forget();
        self.open311_keys.forget();
        self.glossary.forget();
    }

    /// The site's salt for hashing contacts and addresses.
    pub(crate) async fn salt(&self, db: &sea_orm::DatabaseConnection) -> StoreResult<Arc<String>> {
        use crate::entity::site;
        use sea_orm::{EntityTrait, QueryOrder};
        self.salt
            .get_or_load(|| async { Ok(site::Entity::find().order_by_asc(site::Column::Id).one(db).await?.map(|s| s.vote_salt).unwrap_or_default()) })
            .await
    }

    /// The top of the organisation tree (the first unit without a parent).
    ///
    /// Errors: `record.not_found` when there is no unit.
    pub(crate) async fn root_unit(&self, db: &sea_orm::DatabaseConnection) -> StoreResult<i32> {
        use crate::entity::org_unit;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
        let root = self
            .root_unit
            .get_or_load(|| async {
                Ok(org_unit::Entity::find().filter(org_unit::Column::ParentId.is_null()).order_by_asc(org_unit::Column::Id).one(db).await?.map(|u| u.id))
            })
            .await?;
        (*root).ok_or(crate::StoreError::Rule(danvan_domain::ErrorCode::RecordNotFound))
    }

    /// Every feedback category, by position then id.
    pub(crate) async fn categories(&self, db: &sea_orm::DatabaseConnection) -> StoreResult<Arc<Vec<crate::entity::feedback_category::Model>>> {
        use crate::entity::feedback_category;
        use sea_orm::{EntityTrait, QueryOrder};
        self.categories
            .get_or_load(|| async {
                Ok(feedback_category::Entity::find().order_by_asc(feedback_category::Column::Position).order_by_asc(feedback_category::Column::Id).all(db).await?)
            })
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_kept_value_is_used_until_forgotten_and_a_load_across_a_forget_is_not_kept() {
        let shelf: Shelf<u32> = Shelf::default();
        let calls = std::sync::atomic::AtomicU32::new(0);
        let load = || async {
            calls.fetch_add(1, Ordering::SeqCst);
            Ok(7)
        };
        assert_eq!(*shelf.get_or_load(load).await.unwrap(), 7);
        assert_eq!(*shelf.get_or_load(|| async { Ok(8) }).await.unwrap(), 7, "the kept value");
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        shelf.forget();
        assert_eq!(*shelf.get_or_load(|| async { Ok(9) }).await.unwrap(), 9, "read again after forget");
        // a load that overlaps a forget answers its caller but is not kept
        shelf.forget();
        let v = shelf
            .get_or_load(|| async {
                shelf.forget();
                Ok(10)
            })
            .await
            .unwrap();
        assert_eq!(*v, 10);
        assert_eq!(*shelf.get_or_load(|| async { Ok(11) }).await.unwrap(), 11, "the overlapping load was not kept");
    }

    #[tokio::test]
    async fn a_failed_load_keeps_nothing() {
        let shelf: Shelf<u32> = Shelf::default();
        let failed = shelf.get_or_load(|| async { Err(crate::StoreError::UnsupportedUrl) }).await;
        assert!(failed.is_err());
        assert_eq!(*shelf.get_or_load(|| async { Ok(3) }).await.unwrap(), 3);
    }
}
