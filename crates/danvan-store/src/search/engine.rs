//! The search engine beside the database (issue 14): a [`SearchIndex`]
//! that follows the database's `search_change` log. The database commit is
//! the truth; the engine is caught up after it by the store that made it,
//! checked at start and rebuilt from the database when it is missing,
//! incompatible or disagrees. Changes made by another process (another
//! instance, the command line) reach it through the follower
//! ([`Search::follow_changes`], which `serve` starts) or, in a store
//! without one, before every search.

use super::{Search, index::{entries, entry}};
use crate::entity::{search_change, search_doc};
use crate::{StoreError, StoreResult, now};
use chrono::{DateTime, Utc};
use danvan_search::{Kind, SearchIndex};
use sea_orm::{ColumnTrait, Condition, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// How often the follower reads the change log ([`Search::follow_changes`]):
/// a change made on another instance is searchable here within this time
/// and one catch-up (issue 14 asks for 2 s).
pub const FOLLOW_EVERY: Duration = Duration::from_millis(500);

/// Changes this recent are read again at every catch-up even when their id
/// is below the watermark: on PostgreSQL two transactions may commit their
/// change ids out of order, so a change can become visible after a later
/// one was applied. A transaction is expected to commit within this time
/// of writing its change row.
const LOOKBACK: chrono::Duration = chrono::Duration::seconds(60);

/// Entries read from the database per engine write batch while rebuilding.
const REBUILD_BATCH: usize = 500;

/// The engine a [`crate::Store`] owns, with what a catch-up needs.
#[derive(Debug)]
pub(crate) struct Engine {
    pub(crate) index: Arc<SearchIndex>,
    /// Serialises catch-ups; holds the change ids applied within
    /// [`LOOKBACK`] (id → when written), so they are not applied twice.
    applied: tokio::sync::Mutex<BTreeMap<i32, DateTime<Utc>>>,
    /// The glossary the engine expands queries with, as last read.
    glossary: std::sync::Mutex<Option<Vec<(String, String)>>>,
    /// A follower task reads the change log ([`Search::follow_changes`]),
    /// so a search does not.
    following: AtomicBool,
}

impl Engine {
    pub(crate) fn new(index: Arc<SearchIndex>) -> Engine {
        Engine { index, applied: tokio::sync::Mutex::new(BTreeMap::new()), glossary: std::sync::Mutex::new(None), following: AtomicBool::new(false) }
    }

    /// Whether a follower keeps this engine current.
    pub(crate) fn is_followed(&self) -> bool {
        self.following.load(Ordering::Acquire)
    }

    pub(crate) fn in_memory() -> StoreResult<Arc<Engine>> {
        Ok(Arc::new(Engine::new(Arc::new(SearchIndex::in_memory()?))))
    }

    /// Gives the engine the database's glossary when it changed.
    pub(crate) fn use_glossary(&self, entries: Vec<(String, String)>) {
        let mut last = self.glossary.lock().unwrap_or_else(|e| e.into_inner());
        if last.as_ref() != Some(&entries) {
            self.index.set_glossary(danvan_text::Glossary::new(entries.iter().map(|(a, e)| (a.as_str(), e.as_str()))));
            *last = Some(entries);
        }
    }
}

impl From<danvan_search::Error> for StoreError {
    fn from(e: danvan_search::Error) -> Self {
        StoreError::Search(e.to_string())
    }
}

/// What the start-up check did ([`Search::check_engine`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EngineCheck {
    /// The engine agreed with the database (after catching up `changes`).
    CaughtUp { changes: usize },
    /// The engine was rebuilt from the database with `entries` entries.
    Rebuilt { entries: usize },
}

/// [`Search::catch_up`] of `engine` over `read`.
async fn catch_up(read: &DatabaseConnection, engine: &Engine) -> StoreResult<usize> {
    let mut applied = engine.applied.lock().await;
    let mark = engine.index.watermark();
    let since = now() - LOOKBACK;
    let changes = search_change::Entity::find()
        .filter(Condition::any().add(search_change::Column::Id.gt(i32::try_from(mark).unwrap_or(i32::MAX))).add(search_change::Column::At.gte(since)))
        .order_by_asc(search_change::Column::Id)
        .all(read)
        .await?;
    let fresh: Vec<&search_change::Model> = changes.iter().filter(|c| !applied.contains_key(&c.id)).collect();
    if fresh.is_empty() {
        return Ok(0);
    }
    let mut items: Vec<(Kind, i32)> = fresh.iter().filter_map(|c| Kind::from_code(&c.kind).map(|k| (k, c.ref_id))).collect();
    items.sort_unstable();
    items.dedup();
    for (kind, id) in items {
        apply(read, &engine.index, kind, id).await?;
    }
    let newest = fresh.iter().map(|c| i64::from(c.id)).max().unwrap_or(mark);
    commit(&engine.index, newest).await?;
    for c in &fresh {
        applied.insert(c.id, c.at);
    }
    applied.retain(|_, at| *at >= since);
    Ok(fresh.len())
}

/// Writes the engine's entry of `(kind, id)` as the database has it:
/// present when `search_doc` lists it, absent otherwise.
async fn apply(read: &DatabaseConnection, index: &SearchIndex, kind: Kind, id: i32) -> StoreResult<()> {
    let listed = search_doc::Entity::find()
        .filter(search_doc::Column::Kind.eq(kind.code()))
        .filter(search_doc::Column::RefId.eq(id))
        .count(read)
        .await?
        > 0;
    let doc = if listed { entry(read, kind, id).await? } else { None };
    match doc {
        Some(d) => index.upsert(&d)?,
        None => index.delete(kind, i64::from(id))?,
    }
    Ok(())
}

async fn commit(index: &Arc<SearchIndex>, watermark: i64) -> StoreResult<()> {
    let index = index.clone();
    tokio::task::spawn_blocking(move || index.commit(watermark))
        .await
        .map_err(|e| StoreError::Search(e.to_string()))??;
    Ok(())
}

impl Search<'_> {
    /// The engine's index (count, watermark; tests and tools).
    pub fn engine(&self) -> &Arc<SearchIndex> {
        &self.store.engine.index
    }

    /// The newest change id of the log (0 when empty).
    pub async fn newest_change(&self) -> StoreResult<i64> {
        let newest: Option<i32> = search_change::Entity::find()
            .select_only()
            .column_as(search_change::Column::Id.max(), "m")
            .into_tuple::<Option<i32>>()
            .one(&self.store.read)
            .await?
            .flatten();
        Ok(newest.map_or(0, i64::from))
    }

    /// Brings the engine up to date with the change log: every change after
    /// its watermark (and those of the last minute not applied yet) is
    /// applied from the database (the entry written again from its row, or
    /// removed), then committed with the newest change id as watermark;
    /// returns how many changes were applied. Runs one at a time per store.
    pub async fn catch_up(&self) -> StoreResult<usize> {
        catch_up(&self.store.read, &self.store.engine).await
    }

    /// Starts the follower: a task that catches the engine up with the
    /// change log every `every` ([`FOLLOW_EVERY`] in `serve`), so that
    /// changes made by other processes become searchable here without a
    /// search reading the log. Searches of this store stop reading it.
    /// The task ends when the store (every clone of it) is dropped; a
    /// failing catch-up is logged once per failing stretch and retried.
    pub fn follow_changes(&self, every: Duration) -> tokio::task::JoinHandle<()> {
        let engine = Arc::downgrade(&self.store.engine);
        let read = self.store.read.clone();
        self.store.engine.following.store(true, Ordering::Release);
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(every);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            let mut failing = false;
            loop {
                tick.tick().await;
                let Some(engine) = engine.upgrade() else { return };
                match catch_up(&read, &engine).await {
                    Ok(_) if failing => {
                        failing = false;
                        tracing::info!("search index follows the change log again");
                    }
                    Ok(_) => {}
                    Err(e) if !failing => {
                        failing = true;
                        tracing::warn!(error = %e, "search index could not read the change log (retried)");
                    }
                    Err(_) => {}
                }
            }
        })
    }

    /// [`Search::catch_up`] after a commit that changed search entries: the
    /// change is searchable on return. A failure is logged, not returned
    /// (the commit stands; the next catch-up applies the change).
    pub(crate) async fn follow(&self) {
        if let Err(e) = self.catch_up().await {
            tracing::warn!(error = %e, "search index could not follow a change (caught up later)");
        }
    }

    /// Rebuilds the engine from the database: every entry `search_doc`
    /// lists, written from its row, committed with the change log's newest
    /// id (read first, so changes made meanwhile are caught up after).
    /// `progress(done, total)` is called after every batch; returns the
    /// number of entries.
    pub async fn rebuild_engine(&self, mut progress: impl FnMut(usize, usize)) -> StoreResult<usize> {
        let engine = &self.store.engine;
        let mut applied = engine.applied.lock().await;
        let newest = self.newest_change().await?;
        let listed: Vec<(String, i32)> = search_doc::Entity::find()
            .select_only()
            .column(search_doc::Column::Kind)
            .column(search_doc::Column::RefId)
            .order_by_asc(search_doc::Column::Id)
            .into_tuple()
            .all(&self.store.read)
            .await?;
        let total = listed.len();
        engine.index.clear()?;
        let mut done = 0;
        progress(0, total);
        for chunk in listed.chunks(REBUILD_BATCH) {
            for kind in Kind::ALL {
                let ids: Vec<i32> = chunk.iter().filter(|(k, _)| k == kind.code()).map(|(_, id)| *id).collect();
                if ids.is_empty() {
                    continue;
                }
                let docs = entries(&self.store.read, kind, &ids).await?;
                let index = engine.index.clone();
                tokio::task::spawn_blocking(move || docs.iter().try_for_each(|d| index.add(d)))
                    .await
                    .map_err(|e| StoreError::Search(e.to_string()))??;
            }
            done += chunk.len();
            progress(done, total);
        }
        commit(&engine.index, newest).await?;
        applied.clear();
        // one segment: every search visits each, and no merge of the
        // engine's own runs beside the first searches
        let index = engine.index.clone();
        tokio::task::spawn_blocking(move || index.merge_segments()).await.map_err(|e| StoreError::Search(e.to_string()))??;
        Ok(total)
    }

    /// The start-up check: catches the engine up with the change log, and
    /// rebuilds it from the database when it was never built (watermark 0
    /// with entries to hold) or holds another number of entries than
    /// `search_doc`. Logs what it does. An engine ahead of the log (built
    /// on another or a restored database) is an error: its folder must be
    /// replaced ([`crate::StoreError::Search`]).
    pub async fn check_engine(&self) -> StoreResult<EngineCheck> {
        let index = &self.store.engine.index;
        let newest = self.newest_change().await?;
        let listed = search_doc::Entity::find().count(&self.store.read).await?;
        let mark = index.watermark();
        if mark > newest {
            // its watermark never goes down: only a new folder can follow this database
            return Err(StoreError::Search(format!(
                "the search index is ahead of the database (watermark {mark}, newest change {newest}): delete its folder and restart"
            )));
        }
        let reason = if mark == 0 && listed > 0 {
            Some("empty")
        } else {
            None
        };
        let reason = match reason {
            Some(r) => Some(r),
            None => {
                let changes = self.catch_up().await?;
                if index.count() == listed {
                    if changes > 0 {
                        tracing::info!(changes, watermark = index.watermark(), "search index caught up with the database");
                    }
                    return Ok(EngineCheck::CaughtUp { changes });
                }
                Some("a different number of entries")
            }
        };
        tracing::info!(reason = reason.unwrap_or_default(), entries = listed, "search index: rebuilding from the database");
        let mut last_logged = 0;
        let entries = self
            .rebuild_engine(|done, total| {
                if done == total || done >= last_logged + 10_000 {
                    last_logged = done;
                    tracing::info!(done, total, "search index: rebuilding");
                }
            })
            .await?;
        Ok(EngineCheck::Rebuilt { entries })
    }
}
