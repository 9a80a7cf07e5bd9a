//! Backup and restore: one portable archive of a whole site, the same for
//! SQLite and PostgreSQL, so it also moves a site from one to the other.
//!
//! The archive is a ZIP file (any unzip tool opens it) holding
//! - `manifest.json`: the [`Manifest`] (format, the migrations the data is
//!   at, each table's row count and SHA-256, each file's size and SHA-256);
//! - `tables/<table>.jsonl`: the table's rows in primary-key order, one
//!   JSON object per line, the columns by name (backend-neutral: times in
//!   RFC 3339, numbers as numbers);
//! - `files/<key>`: every stored file (media, documents, attachments).
//!
//! A backup reads one consistent snapshot while the site keeps serving: one
//! read transaction on SQLite (WAL mode: writers go on), one `REPEATABLE
//! READ, READ ONLY` transaction on PostgreSQL. Files are immutable under
//! their keys, so those the snapshot names are all there.
//!
//! A restore checks the manifest and every checksum before it writes
//! anything, refuses a target that already holds a site unless told to
//! replace it, and writes the rows in one transaction: it never
//! half-restores (files it put are removed again when the rows fail).

use crate::migration::Migrator;
use crate::{Backend, FileStore, Store, StoreError, StoreResult, entity};
use sea_orm::sea_query::Expr;
use sea_orm::{
    AccessMode, ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, IsolationLevel, Iterable, PaginatorTrait,
    PrimaryKeyToColumn, QueryFilter, QueryOrder, TransactionTrait, Value,
};
use sea_orm_migration::MigratorTrait;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::str::FromStr;

/// `manifest.json`'s `format`.
pub const FORMAT: &str = "danvan-backup";
/// The archive layout's version; a restore refuses another.
pub const FORMAT_VERSION: u32 = 1;
/// Rows per `INSERT` on restore (well under SQLite's 32 766 and
/// PostgreSQL's 65 535 bound parameters for the widest table).
const BATCH: usize = 200;
/// The start of the error of a backup whose `.partial` file exists.
const PARTIAL_TAKEN: &str = "the partial archive exists:";
/// Rows read per query on backup.
const PAGE: u64 = 1000;

/// Tables a backup leaves out: the sign-in sessions (who is signed in on
/// the machine being backed up; staff sign in again after a move), the job
/// leases (which instance runs the scheduler now), and the registry's
/// statistics cube (derived from the facts, refilled by the restore).
pub const NOT_BACKED_UP: &[&str] = &["user_session", "job_lease", "registry_cube", "seaql_migrations"];

/// Columns that refer to a row of their own table: restored empty first,
/// then set once the whole table is in (a unit may be moved under a newer
/// one, a record converted into a later one).
pub const SELF_REFERENCES: &[(&str, &str)] = &[
    ("org_unit", "parent_id"),
    ("feedback_item", "duplicate_of"),
    ("registry_model", "converted_to_id"),
    ("registry_model", "replicated_from_id"),
];

macro_rules! tables {
    ($($t:ident),* $(,)?) => {
        /// Every backed-up table, each after the tables it refers to (the
        /// order rows are restored in).
        pub const TABLES: &[&str] = &[$(stringify!($t)),*];

        async fn dump_table<C: ConnectionTrait>(c: &C, name: &str, out: &mut dyn Write) -> StoreResult<u64> {
            match name {
                $(stringify!($t) => dump::<entity::$t::Entity, C>(c, out).await,)*
                _ => Err(StoreError::Backup(format!("no table {name}"))),
            }
        }

        async fn restore_table<C: ConnectionTrait>(c: &C, name: &str, rows: &mut dyn BufRead) -> StoreResult<u64> {
            match name {
                $(stringify!($t) => restore::<entity::$t::Entity, C>(c, name, rows).await,)*
                _ => Err(StoreError::Backup(format!("no table {name}"))),
            }
        }
    };
}

tables![
    site,
    category,
    tag,
    document,
    glossary_entry,
    calendar_year,
    audit_event,
    feedback_attempt,
    open311_key,
    search_doc,
    search_change,
    sign_in_failure,
    video_clip,
    user_account,
    org_unit,
    role_grant,
    media,
    article,
    article_revision,
    article_tag,
    article_video,
    article_reference,
    figure,
    rating_vote,
    related_article,
    document_file,
    document_relation,
    registry_model,
    article_model,
    registry_commendation,
    registry_evaluation,
    registry_event,
    registry_fact,
    registry_file,
    registry_phase_fact,
    registry_photo,
    feedback_category,
    feedback_item,
    feedback_attachment,
    feedback_contact,
    feedback_event,
    feedback_open311,
    feedback_outbox,
];

/// What an archive holds (`manifest.json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Always [`FORMAT`].
    pub format: String,
    /// [`FORMAT_VERSION`] of the danvan that wrote it.
    pub format_version: u32,
    /// The version of the danvan that wrote it (`CARGO_PKG_VERSION`).
    pub danvan_version: String,
    /// When the snapshot was taken, RFC 3339 UTC.
    pub created_at: String,
    /// `sqlite` or `postgres`: where it was taken from.
    pub backend: String,
    /// The migrations the data is at, oldest first.
    pub migrations: Vec<String>,
    /// Every table of [`TABLES`], in that order.
    pub tables: Vec<TableEntry>,
    /// Every stored file, by key.
    pub files: Vec<FileEntry>,
}

/// One table of a [`Manifest`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableEntry {
    pub name: String,
    pub rows: u64,
    /// SHA-256 (hex) of `tables/<name>.jsonl`.
    pub sha256: String,
}

/// One stored file of a [`Manifest`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    pub key: String,
    pub bytes: u64,
    /// SHA-256 (hex) of the file.
    pub sha256: String,
}

impl Manifest {
    /// Whether two archives hold the same site: the same migrations, tables
    /// (counts and checksums) and files, wherever and whenever made.
    pub fn same_content(&self, other: &Manifest) -> bool {
        self.migrations == other.migrations && self.tables == other.tables && self.files == other.files
    }
}

/// How a restore treats a target that already holds a site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Refuse it (the default).
    MustBeEmpty,
    /// Replace everything in it by the archive's content.
    Replace,
}

/// A writer that counts and hashes what goes through it.
struct Hashing<'a> {
    inner: &'a mut dyn Write,
    hash: Sha256,
    bytes: u64,
}

impl Write for Hashing<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hash.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

fn io(what: impl std::fmt::Display) -> impl FnOnce(std::io::Error) -> StoreError {
    move |e| StoreError::Backup(format!("{what}: {e}"))
}

fn zip_err(what: impl std::fmt::Display) -> impl FnOnce(zip::result::ZipError) -> StoreError {
    move |e| StoreError::Backup(format!("{what}: {e}"))
}

async fn dump<E, C>(c: &C, out: &mut dyn Write) -> StoreResult<u64>
where
    E: EntityTrait,
    E::Model: Serialize + Sync,
    C: ConnectionTrait,
{
    let mut q = E::find();
    for pk in E::PrimaryKey::iter() {
        q = q.order_by_asc(pk.into_column());
    }
    let mut pages = q.paginate(c, PAGE);
    let mut n = 0;
    while let Some(rows) = pages.fetch_and_next().await? {
        for row in rows {
            serde_json::to_writer(&mut *out, &row).map_err(|e| StoreError::Backup(format!("table {}: {e}", E::default().table_name())))?;
            out.write_all(b"\n").map_err(io("writing the archive"))?;
            n += 1;
        }
    }
    Ok(n)
}

async fn restore<E, C>(c: &C, table: &str, rows: &mut dyn BufRead) -> StoreResult<u64>
where
    E: EntityTrait,
    E::Model: serde::de::DeserializeOwned + IntoActiveModel<E::ActiveModel>,
    E::ActiveModel: ActiveModelTrait<Entity = E> + Send,
    C: ConnectionTrait,
{
    let entry = format!("tables/{table}.jsonl");
    let own: Vec<E::Column> = SELF_REFERENCES
        .iter()
        .filter(|(t, _)| *t == table)
        .map(|(_, col)| E::Column::from_str(col).map_err(|_| StoreError::Backup(format!("{table} has no column {col}"))))
        .collect::<StoreResult<_>>()?;
    let key = E::PrimaryKey::iter().next().map(|k| k.into_column());
    let mut later: Vec<(Value, E::Column, Value)> = Vec::new();
    let mut batch: Vec<E::ActiveModel> = Vec::with_capacity(BATCH);
    let (mut n, mut line_no) = (0u64, 0usize);
    let mut line = String::new();
    loop {
        line.clear();
        let read = rows.read_line(&mut line).map_err(io(format!("{entry} line {}", line_no + 1)))?;
        if read > 0 {
            line_no += 1;
            if line.trim().is_empty() {
                continue;
            }
            let model: E::Model = serde_json::from_str(&line).map_err(|e| StoreError::Backup(format!("{entry} line {line_no}: {e}")))?;
            let mut am = model.into_active_model().reset_all();
            for col in &own {
                if let Some(v) = am.get(*col).into_value()
                    && v != v.as_null()
                {
                    let Some(k) = key.and_then(|k| am.get(k).into_value()) else {
                        return Err(StoreError::Backup(format!("{entry} line {line_no}: no key")));
                    };
                    am.set(*col, v.as_null());
                    later.push((k, *col, v));
                }
            }
            batch.push(am);
            n += 1;
        }
        if batch.len() >= BATCH || (read == 0 && !batch.is_empty()) {
            E::insert_many(std::mem::take(&mut batch))
                .exec_without_returning(c)
                .await
                .map_err(|e| StoreError::Backup(format!("{entry} up to line {line_no}: {e}")))?;
        }
        if read == 0 {
            break;
        }
    }
    if let Some(k) = key {
        for (id, col, v) in later {
            E::update_many().col_expr(col, Expr::value(v)).filter(k.eq(id)).exec(c).await?;
        }
    }
    Ok(n)
}

impl Store {
    /// Writes the whole site, database and `files`, to a new archive at
    /// `out` (see the module) from one consistent snapshot, while the site
    /// keeps serving. A file the rows no longer need may have gone between
    /// the snapshot and its copy; it is left out (and logged).
    ///
    /// Errors: [`StoreError::Backup`] when `out` cannot be written (it is
    /// not left half-written: the archive is written under a temporary
    /// name and renamed at the end), [`StoreError::Db`] when the database
    /// fails.
    pub async fn backup(&self, files: &FileStore, out: &Path) -> StoreResult<Manifest> {
        let shown = out.display();
        if out.as_os_str().to_string_lossy().ends_with(std::path::MAIN_SEPARATOR) || out.is_dir() {
            return Err(StoreError::Backup(format!("{shown} is a folder: name the archive's file, e.g. {}", out.join("danvan.zip").display())));
        }
        if out.symlink_metadata().is_ok() {
            return Err(StoreError::Backup(format!("{shown} exists: an archive is never overwritten; name a new file or remove it first")));
        }
        let mut partial = out.as_os_str().to_owned();
        partial.push(".partial");
        let tmp = std::path::PathBuf::from(partial);
        let result = self.backup_into(files, &tmp).await;
        match result {
            Ok(m) => {
                // a link, not a rename: never replaces a file made meanwhile
                let linked = std::fs::hard_link(&tmp, out);
                let _ = std::fs::remove_file(&tmp);
                linked.map_err(io(shown))?;
                Ok(m)
            }
            Err(e) => {
                if !matches!(&e, StoreError::Backup(m) if m.starts_with(PARTIAL_TAKEN)) {
                    let _ = std::fs::remove_file(&tmp);
                }
                Err(e)
            }
        }
    }

    async fn backup_into(&self, files: &FileStore, path: &Path) -> StoreResult<Manifest> {
        let file = match std::fs::OpenOptions::new().write(true).create_new(true).open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                return Err(StoreError::Backup(format!(
                    "{PARTIAL_TAKEN} {}: another backup is writing it now (or one was stopped: remove it)",
                    path.display()
                )));
            }
            Err(e) => return Err(io(path.display())(e)),
        };
        let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(file));
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated).large_file(true);
        let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored).large_file(true);
        let txn = match self.backend {
            Backend::Sqlite => self.read.begin().await?,
            Backend::Postgres => self.write.begin_with_config(Some(IsolationLevel::RepeatableRead), Some(AccessMode::ReadOnly)).await?,
        };
        let created_at = crate::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
        // read as rows: the migrator's own query would create its table,
        // which a read-only transaction refuses
        let migrations = txn
            .query_all_raw(sea_orm::Statement::from_string(txn.get_database_backend(), "SELECT version FROM seaql_migrations ORDER BY version"))
            .await?
            .iter()
            .map(|r| r.try_get_by_index::<String>(0))
            .collect::<Result<Vec<_>, _>>()?;
        let mut tables = Vec::with_capacity(TABLES.len());
        for name in TABLES {
            let entry = format!("tables/{name}.jsonl");
            zip.start_file(entry.as_str(), options).map_err(zip_err(&entry))?;
            let mut w = Hashing { inner: &mut zip, hash: Sha256::new(), bytes: 0 };
            let rows = dump_table(&txn, name, &mut w).await?;
            let sha256 = hex::encode(w.hash.finalize());
            tables.push(TableEntry { name: (*name).to_owned(), rows, sha256 });
        }
        txn.commit().await?;
        let mut kept = Vec::new();
        for key in files.list().await.map_err(|e| StoreError::Backup(e.to_string()))? {
            let bytes = match files.get(&key).await {
                Ok(b) => b,
                Err(e) => {
                    tracing::warn!(file = %key, error = %e, "a file went between the snapshot and its copy; left out");
                    continue;
                }
            };
            let entry = format!("files/{key}");
            // media and documents are compressed formats already
            zip.start_file(entry.as_str(), stored).map_err(zip_err(&entry))?;
            zip.write_all(&bytes).map_err(io(&entry))?;
            kept.push(FileEntry { key, bytes: bytes.len() as u64, sha256: hex::encode(Sha256::digest(&bytes)) });
        }
        let manifest = Manifest {
            format: FORMAT.to_owned(),
            format_version: FORMAT_VERSION,
            danvan_version: env!("CARGO_PKG_VERSION").to_owned(),
            created_at,
            backend: match self.backend {
                Backend::Sqlite => "sqlite",
                Backend::Postgres => "postgres",
            }
            .to_owned(),
            migrations,
            tables,
            files: kept,
        };
        zip.start_file("manifest.json", options).map_err(zip_err("manifest.json"))?;
        serde_json::to_writer_pretty(&mut zip, &manifest).map_err(|e| StoreError::Backup(format!("manifest.json: {e}")))?;
        let inner = zip.finish().map_err(zip_err(path.display()))?;
        let file = inner.into_inner().map_err(|e| StoreError::Backup(format!("{}: {}", path.display(), e.error())))?;
        file.sync_all().map_err(io(path.display()))?;
        Ok(manifest)
    }

    /// Reads and checks an archive without changing anything: the
    /// manifest's format, and every table and file against its checksum.
    ///
    /// Errors: [`StoreError::Backup`] naming the entry that is missing,
    /// damaged or does not match.
    pub fn check_backup(archive: &Path) -> StoreResult<Manifest> {
        let file = std::fs::File::open(archive).map_err(io(archive.display()))?;
        let mut zip = zip::ZipArchive::new(BufReader::new(file)).map_err(zip_err(archive.display()))?;
        let manifest: Manifest = {
            let entry = zip.by_name("manifest.json").map_err(zip_err("manifest.json"))?;
            serde_json::from_reader(entry).map_err(|e| StoreError::Backup(format!("manifest.json: {e}")))?
        };
        if manifest.format != FORMAT || manifest.format_version != FORMAT_VERSION {
            return Err(StoreError::Backup(format!(
                "manifest.json: format {} version {}, this danvan reads {FORMAT} version {FORMAT_VERSION}",
                manifest.format, manifest.format_version
            )));
        }
        let names: Vec<&str> = manifest.tables.iter().map(|t| t.name.as_str()).collect();
        if names != TABLES {
            return Err(StoreError::Backup(format!("manifest.json: the tables are not those of format {FORMAT_VERSION}: {names:?}")));
        }
        let known: Vec<String> = Migrator::migrations().iter().map(|m| m.name().to_owned()).collect();
        if manifest.migrations.len() > known.len() || known[..manifest.migrations.len()] != manifest.migrations[..] {
            return Err(StoreError::Backup(format!(
                "manifest.json: the archive is at migrations this danvan does not have (made by danvan {}): restore it with that version or a newer one",
                manifest.danvan_version
            )));
        }
        for f in &manifest.files {
            let bad = f.key.is_empty()
                || f.key.starts_with('/')
                || f.key.contains('\\')
                || f.key.split('/').any(|part| part.is_empty() || part == "." || part == "..");
            if bad {
                return Err(StoreError::Backup(format!("manifest.json: the file key {:?} is not a stored file's key", f.key)));
            }
        }
        let mut listed: std::collections::HashSet<String> = manifest.tables.iter().map(|t| format!("tables/{}.jsonl", t.name)).collect();
        listed.extend(manifest.files.iter().map(|f| format!("files/{}", f.key)));
        listed.insert("manifest.json".to_owned());
        for name in zip.file_names() {
            let name = name.map_err(zip_err(archive.display()))?;
            if !listed.contains(name.as_ref()) {
                return Err(StoreError::Backup(format!("{name}: in the archive but not in its manifest")));
            }
        }
        let check = |zip: &mut zip::ZipArchive<BufReader<std::fs::File>>, entry: &str, sha256: &str| -> StoreResult<()> {
            let mut r = zip.by_name(entry).map_err(zip_err(entry))?;
            let mut hash = Sha256::new();
            let mut buf = vec![0u8; 64 * 1024];
            loop {
                let n = r.read(&mut buf).map_err(io(entry))?;
                if n == 0 {
                    break;
                }
                hash.update(&buf[..n]);
            }
            if hex::encode(hash.finalize()) != sha256 {
                return Err(StoreError::Backup(format!("{entry}: the checksum does not match the manifest (the archive is damaged)")));
            }
            Ok(())
        };
        for t in &manifest.tables {
            check(&mut zip, &format!("tables/{}.jsonl", t.name), &t.sha256)?;
        }
        for f in &manifest.files {
            check(&mut zip, &format!("files/{}", f.key), &f.sha256)?;
        }
        Ok(manifest)
    }

    /// Restores the archive at `archive` into this store's database (of
    /// either backend) and `files`: checks it whole first
    /// ([`Store::check_backup`]), brings the schema to the archive's
    /// migrations, writes every row in one transaction, then applies the
    /// migrations this danvan has beyond the archive's.
    ///
    /// Errors: [`StoreError::Backup`] when the archive is damaged, made by
    /// a newer danvan (migrations this one does not know), or the target
    /// already holds a site and `target` is [`Target::MustBeEmpty`]; the
    /// target is then unchanged. A failure while writing rows rolls them
    /// back and removes the files this restore added. With
    /// [`Target::Replace`], the files of the replaced site that the archive
    /// does not hold are removed once the rows are in.
    pub async fn restore(&self, files: &FileStore, archive: &Path, target: Target) -> StoreResult<Manifest> {
        let manifest = Store::check_backup(archive)?;
        self.restore_checked(files, archive, manifest, target).await
    }

    /// [`Store::restore`] of an archive whose `manifest` the caller has
    /// just had from [`Store::check_backup`] (so a large archive is read
    /// and hashed once, not twice).
    pub async fn restore_checked(&self, files: &FileStore, archive: &Path, manifest: Manifest, target: Target) -> StoreResult<Manifest> {
        let applied: Vec<String> = Migrator::get_applied_migrations(&self.write).await?.into_iter().map(|m| m.name().to_owned()).collect();
        if applied.len() > manifest.migrations.len() {
            let has_site = entity::site::Entity::find().count(&self.write).await? > 0;
            if has_site && target == Target::MustBeEmpty {
                return Err(self.not_empty());
            }
            return Err(StoreError::Backup(format!(
                "the target database is at a newer schema ({} migrations) than the archive ({}): restore into a new, empty database",
                applied.len(),
                manifest.migrations.len()
            )));
        }
        let behind = manifest.migrations.len() - applied.len();
        if behind > 0 {
            Migrator::up(&self.write, Some(behind as u32)).await?;
        }
        if target == Target::MustBeEmpty && entity::site::Entity::find().count(&self.write).await? > 0 {
            return Err(self.not_empty());
        }
        let mut added = Vec::new();
        let result = self.restore_content(files, archive, &manifest, &mut added).await;
        if let Err(e) = result {
            for key in &added {
                let _ = files.delete(key).await;
            }
            return Err(e);
        }
        if target == Target::Replace {
            // the replaced site's files (feedback photos among them) must
            // not stay reachable
            let kept: std::collections::HashSet<&str> = manifest.files.iter().map(|f| f.key.as_str()).collect();
            for key in files.list().await.map_err(|e| StoreError::Backup(e.to_string()))? {
                if !kept.contains(key.as_str()) {
                    files.delete(&key).await.map_err(|e| StoreError::Backup(format!("removing the replaced site's {key}: {e}")))?;
                }
            }
        }
        Migrator::up(&self.write, None).await?;
        self.shared.forget_all();
        Ok(manifest)
    }

    fn not_empty(&self) -> StoreError {
        StoreError::Backup("the target database already holds a site: restore into an empty one, or replace it (--replace)".to_owned())
    }

    async fn restore_content(&self, files: &FileStore, archive: &Path, manifest: &Manifest, added: &mut Vec<String>) -> StoreResult<()> {
        let file = std::fs::File::open(archive).map_err(io(archive.display()))?;
        let mut zip = zip::ZipArchive::new(BufReader::new(file)).map_err(zip_err(archive.display()))?;
        for f in &manifest.files {
            let entry = format!("files/{}", f.key);
            let mut bytes = Vec::with_capacity(f.bytes as usize);
            zip.by_name(&entry).map_err(zip_err(&entry))?.read_to_end(&mut bytes).map_err(io(&entry))?;
            let existed = files.exists(&f.key).await.map_err(|e| StoreError::Backup(format!("{entry}: {e}")))?;
            files.put(&f.key, bytes).await.map_err(|e| StoreError::Backup(format!("{entry}: {e}")))?;
            if !existed {
                added.push(f.key.clone());
            }
        }
        let txn = self.write.begin().await?;
        // what the migrations seeded and, when replacing, the old site
        for name in ["user_session", "job_lease", "registry_cube"].iter().chain(TABLES.iter().rev()) {
            txn.execute_unprepared(&format!("DELETE FROM {name}")).await?;
        }
        for t in &manifest.tables {
            let entry = format!("tables/{}.jsonl", t.name);
            let mut rows = BufReader::new(zip.by_name(&entry).map_err(zip_err(&entry))?);
            let n = restore_table(&txn, &t.name, &mut rows).await?;
            if n != t.rows {
                return Err(StoreError::Backup(format!("{entry}: {n} rows, the manifest says {}", t.rows)));
            }
        }
        for sql in crate::registry::cube_fill_statements() {
            txn.execute_unprepared(&sql).await?;
        }
        if self.backend == Backend::Postgres {
            // the next id of every table after the restored ones
            let with_id: Vec<String> = txn
                .query_all_raw(sea_orm::Statement::from_string(
                    sea_orm::DbBackend::Postgres,
                    "SELECT table_name::text FROM information_schema.columns WHERE table_schema = current_schema() AND column_name = 'id'",
                ))
                .await?
                .iter()
                .filter_map(|r| r.try_get_by_index::<String>(0).ok())
                .collect();
            for name in TABLES.iter().filter(|t| with_id.iter().any(|w| w == *t)) {
                txn.execute_unprepared(&format!("SELECT setval(pg_get_serial_sequence('{name}', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM {name}")).await?;
            }
        }
        txn.commit().await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_is_backed_up_or_said_not_to_be() {
        let mut all: Vec<&str> = TABLES.iter().chain(NOT_BACKED_UP).copied().collect();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), TABLES.len() + NOT_BACKED_UP.len(), "a table listed twice");
        for (t, _) in SELF_REFERENCES {
            assert!(TABLES.contains(t), "{t}");
        }
    }
}
