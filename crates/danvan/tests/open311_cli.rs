//! `danvan open311 key create|list|revoke` as an administrator runs them:
//! the key printed once (64 hex digits on standard output, the notice on
//! standard error), never stored (only its SHA-256), a name taken once,
//! revocation refused twice, and both in the audit log.

use danvan_store::Store;
use std::path::Path;
use std::process::Command;

fn danvan(data: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_danvan"));
    c.env("DANVAN_DATA_DIR", data).env_remove("DANVAN_DATABASE_URL").env_remove("DANVAN_LISTEN");
    c
}

fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

/// Every byte the database holds (its file and its write-ahead log).
fn database_bytes(data: &Path) -> Vec<u8> {
    let mut all = Vec::new();
    for name in ["danvan.db", "danvan.db-wal"] {
        if let Ok(b) = std::fs::read(data.join(name)) {
            all.extend(b);
        }
    }
    all
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn keys_are_issued_listed_and_revoked() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");

    let (code, out, _) = run(danvan(&data).args(["open311", "key", "list"]));
    assert_eq!(code, 0);
    assert!(out.contains("Chưa có khóa Open311 nào."), "{out}");

    let (code, out, err) = run(danvan(&data).args(["open311", "key", "create", "Ứng dụng  Phường 1"]));
    assert_eq!(code, 0, "{out}{err}");
    let key = out.trim().to_owned();
    assert!(key.len() == 64 && key.bytes().all(|b| b.is_ascii_hexdigit()), "only the key on standard output: {out:?}");
    assert!(err.contains("Đã cấp khóa Open311 “Ứng dụng Phường 1”") && err.contains("shown only this once"), "{err}");
    assert!(!contains(&database_bytes(&data), key.as_bytes()), "the key itself is never stored");

    let (code, _, err) = run(danvan(&data).args(["open311", "key", "create", "Ứng dụng Phường 1"]));
    assert_eq!(code, 2);
    assert!(err.contains("[open311.key_name_taken]"), "{err}");
    let (code, _, err) = run(danvan(&data).args(["open311", "key", "create", "a/b"]));
    assert_eq!(code, 2);
    assert!(err.contains("[open311.key_name_invalid]"), "{err}");
    let (code, out, _) = run(danvan(&data).args(["open311", "key", "create", "thu-nghiem"]));
    assert_eq!(code, 0);
    let second = out.trim().to_owned();
    assert_ne!(second, key);

    let (code, out, _) = run(danvan(&data).args(["open311", "key", "list"]));
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(lines[0].starts_with("Ứng dụng Phường 1\t") && lines[0].ends_with("\tđang dùng"), "{out}");
    assert!(lines[1].starts_with("thu-nghiem\t"), "{out}");
    assert_eq!(lines[2], "Số khóa / Keys: 2");
    assert!(!out.contains(&key) && !out.contains(&second), "the list never shows a key");

    let (code, out, err) = run(danvan(&data).args(["open311", "key", "revoke", "Ứng dụng Phường 1"]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Đã thu hồi khóa Open311 “Ứng dụng Phường 1”."), "{out}");
    let (code, _, err) = run(danvan(&data).args(["open311", "key", "revoke", "Ứng dụng Phường 1"]));
    assert_eq!(code, 2);
    assert!(err.contains("[open311.key_already_revoked]"), "{err}");
    let (code, _, err) = run(danvan(&data).args(["open311", "key", "revoke", "khong-co"]));
    assert_eq!(code, 2);
    assert!(err.contains("[open311.key_unknown]"), "{err}");
    let (_, out, _) = run(danvan(&data).args(["open311", "key", "list"]));
    assert!(out.lines().next().unwrap().contains("\tthu hồi "), "{out}");

    // what the server sees: the revoked key refused, the other in force; both lines audited
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    rt.block_on(async {
        let s = Store::connect(&format!("sqlite://{}", data.join("danvan.db").display())).await.unwrap();
        assert_eq!(s.open311().key(&key).await.unwrap(), None);
        assert_eq!(s.open311().key(&second).await.unwrap().map(|k| k.name).as_deref(), Some("thu-nghiem"));
        assert_eq!(s.open311().key("").await.unwrap(), None);
        use sea_orm::{EntityTrait, QueryOrder};
        let conn = sea_orm::Database::connect(format!("sqlite://{}", data.join("danvan.db").display())).await.unwrap();
        let lines = danvan_store::entity::audit_event::Entity::find().order_by_asc(danvan_store::entity::audit_event::Column::Id).all(&conn).await.unwrap();
        let ours: Vec<(String, String)> = lines.into_iter().filter(|a| a.action.starts_with("open311.")).map(|a| (a.action, a.username)).collect();
        assert_eq!(ours, [("open311.key_create".to_owned(), "cli".to_owned()), ("open311.key_create".into(), "cli".into()), ("open311.key_revoke".into(), "cli".into())]);
        s.close().await;
    });
}
