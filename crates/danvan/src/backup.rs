//! `danvan backup FILE`, `danvan backup check FILE` and
//! `danvan restore FILE [--replace]`: a whole site in one portable archive
//! (see `danvan_store::Store::backup`), also to move it between SQLite and
//! PostgreSQL.

use crate::config::Config;
use danvan_domain::messages::{Lang, format};
use danvan_store::{FileStore, Manifest, RestoreTarget, Store};
use std::path::Path;
use std::process::ExitCode;

fn summary(key: &str, m: &Manifest, file: &Path) -> String {
    let rows: u64 = m.tables.iter().map(|t| t.rows).sum();
    let (tables, files, shown) = (m.tables.len(), m.files.len(), file.display().to_string());
    let args: [(&str, &dyn std::fmt::Display); 6] =
        [("rows", &rows), ("tables", &tables), ("files", &files), ("file", &shown), ("at", &m.created_at), ("backend", &m.backend)];
    format!("{}\n{}", format(key, Lang::Vi, &args), format(key, Lang::En, &args))
}

fn both(key: &str) -> String {
    format!("{} / {}", format(key, Lang::Vi, &[]), format(key, Lang::En, &[]))
}

/// Writes the archive of the site of `cfg` to `out` while it may be
/// serving.
pub async fn backup(store: &Store, cfg: &Config, out: &Path) -> anyhow::Result<ExitCode> {
    let files = FileStore::local(&cfg.files_dir())?;
    match store.backup(&files, out).await {
        Ok(m) => {
            println!("{}", summary("backup.written", &m, out));
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => anyhow::bail!("{}: {e}", both("backup.failed")),
    }
}

/// Checks an archive without a database.
pub fn check(file: &Path) -> anyhow::Result<ExitCode> {
    match Store::check_backup(file) {
        Ok(m) => {
            println!("{}", summary("backup.checked", &m, file));
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => anyhow::bail!("{}: {e}", both("backup.failed")),
    }
}

/// Restores `file`, whose `manifest` `Store::check_backup` has just
/// given, into the database and files of `cfg`; the local search index is
/// removed, so that the next start rebuilds it from the restored rows.
pub async fn restore(store: &Store, cfg: &Config, file: &Path, manifest: Manifest, replace: bool) -> anyhow::Result<ExitCode> {
    let files = FileStore::local(&cfg.files_dir())?;
    let target = if replace { RestoreTarget::Replace } else { RestoreTarget::MustBeEmpty };
    match store.restore_checked(&files, file, manifest, target).await {
        Ok(m) => {
            let index = cfg.search_index_dir();
            if index.exists() {
                std::fs::remove_dir_all(&index).map_err(|e| anyhow::anyhow!("{}: {e}", index.display()))?;
            }
            println!("{}", summary("backup.restored", &m, file));
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => anyhow::bail!("{}: {e}", both("backup.restore_failed")),
    }
}
