//! Issue 15, backup and restore: a backup taken while votes are being
//! written is one consistent snapshot; restored into PostgreSQL, backed up
//! again and restored into SQLite, the archives hold the same content
//! (table counts and checksums, every file); a target that holds a site is
//! refused and left as it was; a damaged archive is refused before
//! anything is written.

use danvan_domain::rating::{Score, VoterKeys};
use danvan_store::{FileStore, ImportOptions, Manifest, RestoreTarget, Store, StoreError, bootstrap_site};
use danvan_testing::TestDb;
use std::io::Read;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

const SEED: &str = "../../../shared/seeds/000_717bb114bfc50511.txt";

fn rows_of(archive: &Path, table: &str) -> Vec<serde_json::Value> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(archive).unwrap()).unwrap();
    let mut text = String::new();
    zip.by_name(&format!("tables/{table}.jsonl")).unwrap().read_to_string(&mut text).unwrap();
    text.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn count(m: &Manifest, table: &str) -> u64 {
    m.tables.iter().find(|t| t.name == table).unwrap().rows
}

/// A fresh SQLite store in `dir` with nothing in it (not even the schema).
async fn empty_sqlite(dir: &Path) -> Store {
    std::fs::create_dir_all(dir).unwrap();
    Store::connect(&format!("sqlite://{}", dir.join("danvan.db").display())).await.unwrap()
}

#[test]
fn a_site_moves_from_sqlite_to_postgres_and_back_unchanged() {
    danvan_testing::run(async {
        let tmp = tempfile::tempdir().unwrap();
        let source = TestDb::sqlite().await;
        bootstrap_site(&source.store, true).await.unwrap();
        let seed = danvan_import::parse(&std::fs::read(SEED).unwrap()).unwrap();
        source.store.imports().import_article(&seed, &ImportOptions::default()).await.unwrap();
        let files = FileStore::local(&tmp.path().join("files-a")).unwrap();
        files.put("media/2026/12/anh-hoi-nghi.jpg", (0..50_000u32).map(|i| (i * 7 % 251) as u8).collect()).await.unwrap();
        files.put("documents/136-KH-HU.pdf", b"%PDF-1.4 ke hoach 136-KH/HU".to_vec()).await.unwrap();
        let articles: Vec<i32> = article_ids(&source).await;
        assert!(articles.len() >= 6);

        // votes go on while the backup is taken
        let stop = Arc::new(AtomicBool::new(false));
        let cast = Arc::new(AtomicU32::new(0));
        let voter = {
            let (store, stop, cast, articles) = (source.store.clone(), stop.clone(), cast.clone(), articles.clone());
            tokio::spawn(async move {
                let mut i = 0u32;
                while !stop.load(Ordering::Relaxed) || i < 20 {
                    let keys = VoterKeys::derive("salt", &format!("visitor-{i}"), &format!("10.0.{}.{}", i / 250, i % 250), "agent");
                    store.ratings().rate_article(articles[i as usize % articles.len()], Score::parse("4").unwrap(), &keys).await.unwrap();
                    cast.fetch_add(1, Ordering::Relaxed);
                    i += 1;
                    tokio::task::yield_now().await;
                }
            })
        };
        while cast.load(Ordering::Relaxed) < 10 {
            tokio::task::yield_now().await;
        }
        let a_path = tmp.path().join("a.zip");
        let a = source.store.backup(&files, &a_path).await.unwrap();
        stop.store(true, Ordering::Relaxed);
        voter.await.unwrap();
        let total = cast.load(Ordering::Relaxed);
        assert!(count(&a, "rating_vote") >= 10 && count(&a, "rating_vote") < u64::from(total) + 1);
        // one snapshot: every article's running total is its votes in the archive
        let votes = rows_of(&a_path, "rating_vote");
        for art in rows_of(&a_path, "article") {
            let id = art["id"].as_i64().unwrap();
            let n = votes.iter().filter(|v| v["article_id"].as_i64() == Some(id)).count() as i64;
            assert_eq!(art["rating_count"].as_i64().unwrap(), n, "article {id}: its total and its votes are of one moment");
        }
        assert_eq!(a.files.len(), 2);
        assert_eq!(a.backend, "sqlite");
        assert_eq!(Store::check_backup(&a_path).unwrap(), a);

        // into PostgreSQL (when there is one), else into another SQLite
        let (middle, middle_files) = match TestDb::postgres_empty().await {
            Some(pg) => (pg, FileStore::local(&tmp.path().join("files-b")).unwrap()),
            None => {
                eprintln!("backup::postgres leg skipped: {} is not set", danvan_testing::POSTGRES_ENV);
                (TestDb::sqlite().await, FileStore::local(&tmp.path().join("files-b")).unwrap())
            }
        };
        let restored = middle.store.restore(&middle_files, &a_path, RestoreTarget::MustBeEmpty).await.unwrap();
        assert_eq!(restored, a);
        let b_path = tmp.path().join("b.zip");
        let b = middle.store.backup(&middle_files, &b_path).await.unwrap();
        assert!(a.same_content(&b), "{}: sqlite → {}:\n{:?}\n{:?}", middle.label, middle.label, a.tables, b.tables);
        // the restored site works: a new vote gets a new id (the sequences follow the rows)
        let keys = VoterKeys::derive("salt", "after-restore", "10.9.9.9", "agent");
        let summary = middle.store.ratings().rate_article(articles[0], Score::parse("5").unwrap(), &keys).await.unwrap();
        let before = rows_of(&b_path, "article").into_iter().find(|r| r["id"].as_i64() == Some(i64::from(articles[0]))).unwrap();
        assert_eq!(summary.count, before["rating_count"].as_i64().unwrap() + 1);
        assert_eq!(middle_files.get("media/2026/12/anh-hoi-nghi.jpg").await.unwrap(), files.get("media/2026/12/anh-hoi-nghi.jpg").await.unwrap());

        // a target that holds a site: refused, unchanged
        let refused = middle.store.restore(&middle_files, &a_path, RestoreTarget::MustBeEmpty).await.unwrap_err();
        assert!(matches!(&refused, StoreError::Backup(m) if m.contains("already holds a site")), "{refused}");
        let still = middle.store.ratings().rate_article(articles[0], Score::parse("5").unwrap(), &VoterKeys::derive("salt", "again", "10.9.9.8", "agent")).await.unwrap();
        assert_eq!(still.count, summary.count + 1, "nothing was removed");

        // back into SQLite, from the PostgreSQL archive
        let c_dir = tmp.path().join("c");
        let target = empty_sqlite(&c_dir).await;
        let c_files = FileStore::local(&c_dir.join("files")).unwrap();
        target.restore(&c_files, &b_path, RestoreTarget::MustBeEmpty).await.unwrap();
        let c = target.backup(&c_files, &tmp.path().join("c.zip")).await.unwrap();
        assert!(b.same_content(&c), "{} → sqlite", middle.label);
        assert_eq!(target.pending_migrations().await.unwrap(), 0);
        let seed_page = target.portal().article_by_slug("phat-huy-hieu-qua-tu-phong-trao-thi-dua-dan-van-kheo-tren-dia-ban-huyen-kon-ray").await.unwrap();
        assert!(seed_page.is_some(), "the seed reads back");
        // replacing works, and gives the archive's content again, without
        // the replaced site's files
        c_files.put("feedback/2026/anh-cu-cua-nguoi-phan-anh.jpg", vec![1, 2, 3]).await.unwrap();
        target.restore(&c_files, &a_path, RestoreTarget::Replace).await.unwrap();
        assert!(c_files.get("feedback/2026/anh-cu-cua-nguoi-phan-anh.jpg").await.is_err(), "a replaced site's file is gone");
        let again = target.backup(&c_files, &tmp.path().join("d.zip")).await.unwrap();
        assert!(a.same_content(&again));
        target.close().await;
        middle.finish().await;
        source.finish().await;
    });
}

/// The ids of every article, through a second connection.
async fn article_ids(db: &TestDb) -> Vec<i32> {
    use sea_orm::{EntityTrait, QueryOrder};
    let conn = sea_orm::Database::connect(db.url()).await.unwrap();
    let ids = danvan_store::entity::article::Entity::find()
        .order_by_asc(danvan_store::entity::article::Column::Id)
        .all(&conn)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.id)
        .collect();
    conn.close().await.unwrap();
    ids
}

#[test]
fn a_damaged_archive_is_refused_before_anything_is_written() {
    danvan_testing::run(async {
        let tmp = tempfile::tempdir().unwrap();
        let source = TestDb::sqlite().await;
        bootstrap_site(&source.store, true).await.unwrap();
        let files = FileStore::local(&tmp.path().join("files")).unwrap();
        files.put("documents/a.pdf", b"%PDF-1.4 a".to_vec()).await.unwrap();
        let good = tmp.path().join("good.zip");
        source.store.backup(&files, &good).await.unwrap();

        // one table's content changed, the manifest kept: the checksum says so
        let damaged = tmp.path().join("damaged.zip");
        {
            let mut src = zip::ZipArchive::new(std::fs::File::open(&good).unwrap()).unwrap();
            let mut out = zip::ZipWriter::new(std::fs::File::create(&damaged).unwrap());
            for i in 0..src.len() {
                let mut e = src.by_index(i).unwrap();
                let name = e.name().unwrap().into_owned();
                let mut bytes = Vec::new();
                e.read_to_end(&mut bytes).unwrap();
                if name == "tables/category.jsonl" {
                    bytes.extend_from_slice(b"{\"id\": 999}\n");
                }
                out.start_file(name.as_str(), zip::write::SimpleFileOptions::default()).unwrap();
                std::io::Write::write_all(&mut out, &bytes).unwrap();
            }
            out.finish().unwrap();
        }
        let err = Store::check_backup(&damaged).unwrap_err().to_string();
        assert!(err.contains("tables/category.jsonl") && err.contains("checksum"), "{err}");
        let dir = tmp.path().join("target");
        let target = empty_sqlite(&dir).await;
        let target_files = FileStore::local(&dir.join("files")).unwrap();
        let err = target.restore(&target_files, &damaged, RestoreTarget::MustBeEmpty).await.unwrap_err().to_string();
        assert!(err.contains("tables/category.jsonl"), "{err}");
        assert!(target_files.list().await.unwrap().is_empty(), "no file written");
        assert_eq!(target.applied_migrations().await.unwrap_or_default().len(), 0, "nothing written");

        // an archive is never overwritten, nor a folder taken for one
        let err = source.store.backup(&files, &good).await.unwrap_err().to_string();
        assert!(err.contains("exists"), "{err}");
        let err = source.store.backup(&files, tmp.path()).await.unwrap_err().to_string();
        assert!(err.contains("is a folder"), "{err}");
        // an entry the manifest does not list, a key that climbs out of the files
        for (extra, expected) in [("files/extra.txt", "not in its manifest"), ("tables/x.jsonl", "not in its manifest")] {
            let path = tmp.path().join("extra.zip");
            let _ = std::fs::remove_file(&path);
            let mut src = zip::ZipArchive::new(std::fs::File::open(&good).unwrap()).unwrap();
            let mut out = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
            for i in 0..src.len() {
                out.raw_copy_file(src.by_index_raw(i).unwrap()).unwrap();
            }
            out.start_file(extra, zip::write::SimpleFileOptions::default()).unwrap();
            std::io::Write::write_all(&mut out, b"x").unwrap();
            out.finish().unwrap();
            let err = Store::check_backup(&path).unwrap_err().to_string();
            assert!(err.contains(extra) && err.contains(expected), "{err}");
        }
        // not an archive at all
        std::fs::write(tmp.path().join("notes.zip"), "ghi chú").unwrap();
        let err = Store::check_backup(&tmp.path().join("notes.zip")).unwrap_err().to_string();
        assert!(err.contains("notes.zip"), "{err}");
        // the good one restores
        target.restore(&target_files, &good, RestoreTarget::MustBeEmpty).await.unwrap();
        assert_eq!(target_files.list().await.unwrap(), vec!["documents/a.pdf".to_owned()]);
        target.close().await;
        source.finish().await;
    });
}

/// Every table of the schema is backed up or said not to be, and each
/// backed-up table comes after those its foreign keys name (the order rows
/// are restored in), self-references apart.
#[test]
fn the_backup_knows_every_table_in_restore_order() {
    danvan_testing::run(async {
        use sea_orm::{ConnectionTrait, Statement};
        let db = TestDb::sqlite().await;
        let conn = sea_orm::Database::connect(db.url()).await.unwrap();
        let sqlite = sea_orm::DbBackend::Sqlite;
        let tables: Vec<String> = conn
            .query_all_raw(Statement::from_string(sqlite, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"))
            .await
            .unwrap()
            .iter()
            .map(|r| r.try_get_by_index::<String>(0).unwrap())
            .collect();
        for t in &tables {
            assert!(
                danvan_store::BACKED_UP_TABLES.contains(&t.as_str()) || danvan_store::NOT_BACKED_UP.contains(&t.as_str()),
                "table {t} is in neither list of backup.rs"
            );
            let Some(at) = danvan_store::BACKED_UP_TABLES.iter().position(|x| x == t) else { continue };
            let refs = conn.query_all_raw(Statement::from_string(sqlite, format!("SELECT \"table\", \"from\" FROM pragma_foreign_key_list('{t}')"))).await.unwrap();
            for r in refs {
                let to: String = r.try_get_by_index(0).unwrap();
                let column: String = r.try_get_by_index(1).unwrap();
                if &to == t {
                    assert!(danvan_store::SELF_REFERENCES.contains(&(t.as_str(), column.as_str())), "{t}.{column} refers to its own table: list it in SELF_REFERENCES");
                    continue;
                }
                let before = danvan_store::BACKED_UP_TABLES.iter().position(|x| *x == to).unwrap_or_else(|| panic!("{t} refers to {to}, not backed up"));
                assert!(before < at, "{t} refers to {to}, which is restored after it");
            }
        }
        for t in danvan_store::BACKED_UP_TABLES {
            assert!(tables.iter().any(|x| x == t), "{t} is no table of the schema");
        }
        conn.close().await.unwrap();
        db.finish().await;
    });
}
