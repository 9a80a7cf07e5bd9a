//! The search index of `serve` (`<data_dir>/search-index`, or
//! `search_index_dir`): opened, checked against the database and rebuilt
//! or caught up at start; `danvan search reindex` rebuilds it.

use crate::config::Config;
use danvan_search::SearchIndex;
use danvan_store::{EngineCheck, Store};
use indicatif::{ProgressBar, ProgressStyle};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

#[derive(clap::Subcommand, Debug)]
pub(crate) enum SearchAction {
    /// Rebuild the search index from the database (with a progress bar).
    /// Stop `serve` first: only one process may hold the index folder.
    Reindex,
}

/// Opens the index folder `dir`; one of another version (an older build)
/// is deleted and made anew, to be rebuilt from the database.
fn open_folder(dir: &Path) -> anyhow::Result<SearchIndex> {
    match SearchIndex::open(dir) {
        Err(danvan_search::Error::Incompatible { found }) => {
            tracing::warn!(folder = %dir.display(), ?found, "search index of another version: deleted, to be rebuilt");
            std::fs::remove_dir_all(dir).map_err(|e| anyhow::anyhow!("{}: {e}", dir.display()))?;
            Ok(SearchIndex::open(dir)?)
        }
        other => Ok(other?),
    }
}

/// `store` with the on-disk index of `cfg` as its engine. An index ahead
/// of the database (built on another or a restored database) is deleted
/// and made anew.
pub(crate) async fn attach(store: Store, cfg: &Config) -> anyhow::Result<Store> {
    let dir = cfg.search_index_dir();
    let mut index = open_folder(&dir)?;
    let newest = store.search().newest_change().await?;
    if index.watermark() > newest {
        tracing::warn!(folder = %dir.display(), watermark = index.watermark(), newest, "search index ahead of the database: deleted, to be rebuilt");
        drop(index);
        std::fs::remove_dir_all(&dir).map_err(|e| anyhow::anyhow!("{}: {e}", dir.display()))?;
        index = open_folder(&dir)?;
    }
    Ok(store.with_search_index(Arc::new(index)))
}

/// The start of `serve`: the on-disk index attached and checked (rebuilt
/// with a progress line in the log when missing or disagreeing, caught up
/// when behind), then kept current by the follower (changes of other
/// instances and of the command line within [`danvan_store::FOLLOW_EVERY`]).
pub(crate) async fn start(store: Store, cfg: &Config) -> anyhow::Result<Store> {
    let store = attach(store, cfg).await?;
    match store.search().check_engine().await? {
        EngineCheck::Rebuilt { entries } => tracing::info!(entries, folder = %cfg.search_index_dir().display(), "search index rebuilt"),
        EngineCheck::CaughtUp { changes } => tracing::info!(changes, entries = store.search().engine().count(), "search index up to date"),
    }
    store.search().follow_changes(danvan_store::FOLLOW_EVERY);
    Ok(store)
}

pub(crate) async fn run(action: SearchAction, cfg: Config) -> anyhow::Result<ExitCode> {
    match action {
        SearchAction::Reindex => {
            let store = crate::open_store(&cfg, true).await?;
            let store = attach(store, &cfg).await?;
            use std::io::IsTerminal;
            let bar = if std::io::stderr().is_terminal() { ProgressBar::new(0) } else { ProgressBar::hidden() };
            if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}") {
                bar.set_style(style);
            }
            bar.set_message("đang lập chỉ mục / indexing");
            let entries = store
                .search()
                .rebuild_engine(|done, total| {
                    bar.set_length(total as u64);
                    bar.set_position(done as u64);
                })
                .await;
            bar.finish_and_clear();
            let entries = entries?;
            println!("đã lập chỉ mục tìm kiếm / search index rebuilt: {entries} ({})", cfg.search_index_dir().display());
            store.close().await;
            Ok(ExitCode::SUCCESS)
        }
    }
}
