//! The `danvan` binary as a user runs it: import with good and bad files,
//! options, and `serve` starting, answering and stopping gracefully.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const SEED: &str = "../../../shared/seeds/000_717bb114bfc50511.txt";
const SEED_PATH: &str = "/bai-viet/phat-huy-hieu-qua-tu-phong-trao-thi-dua-dan-van-kheo-tren-dia-ban-huyen-kon-ray";

fn danvan(data: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_danvan"));
    c.env("DANVAN_DATA_DIR", data).env_remove("DANVAN_DATABASE_URL").env_remove("DANVAN_LISTEN");
    c
}

fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn import_seed_then_unchanged() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let (code, out, err) = run(danvan(&data).args(["import", SEED]));
    assert_eq!(code, 0, "{out}{err}");
    let first = out.lines().next().unwrap();
    assert!(first.starts_with("imported") && first.contains(SEED_PATH), "{first}");
    assert!(out.contains("Total: 1 imported, 0 unchanged, 0 failed"), "{out}");
    assert!(err.contains("password:"), "first use prints the administrator password once");
    assert!(data.join("danvan.db").is_file());
    let (code, out, err) = run(danvan(&data).args(["import", SEED]));
    assert_eq!(code, 0);
    assert!(out.lines().next().unwrap().starts_with("unchanged"), "{out}");
    assert!(out.contains(SEED_PATH));
    assert!(!err.contains("password:"), "shown only once");
}

#[test]
fn bad_files_fail_alone_with_reasons() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let empty = write(d, "rong.txt", b"");
    let latin1 = write(d, "latin1.txt", b"Ti\xeau \xf0\xe8\n\nDo\xe0n v\xe3n.\n");
    let binary = write(d, "anh.jpg", b"\xff\xd8\xff\xe0\0\x10JFIF\0");
    let chrome = write(d, "chrome.txt", "• :\nA- A A+ | Tăng tương phản Giảm tương phản\n".as_bytes());
    let html = write(
        d,
        "bai.html",
        "<!doctype html><html lang=\"vi\"><body><article><h1>Tin HTML mẫu</h1><p>Đoạn một.</p><p class=\"author\">Bài: A</p></article></body></html>".as_bytes(),
    );
    let missing = d.join("khong-co.txt");
    let (code, out, _) = run(danvan(&d.join("data")).arg("import").args([
        empty.as_path(),
        latin1.as_path(),
        Path::new(SEED),
        binary.as_path(),
        chrome.as_path(),
        missing.as_path(),
        d,
        html.as_path(),
    ]));
    assert_eq!(code, 1, "{out}");
    let lines: Vec<&str> = out.lines().collect();
    let line = |p: &Path| *lines.iter().find(|l| l.contains(&*p.display().to_string())).unwrap_or_else(|| panic!("{} missing in {out}", p.display()));
    assert!(line(&empty).starts_with("failed") && line(&empty).contains("[import.empty]"));
    assert!(line(&latin1).contains("[import.not_utf8]") && line(&latin1).contains("line 1, column 3"), "{}", line(&latin1));
    assert!(line(&binary).contains("[import.binary]"));
    assert!(line(&chrome).contains("[import.no_title]"));
    assert!(line(&missing).contains("[import.unreadable]"));
    assert!(lines.iter().any(|l| l.starts_with("failed") && l.contains("not a regular file")));
    assert!(line(Path::new(SEED)).starts_with("imported"));
    assert!(line(&html).starts_with("imported") && line(&html).contains("/bai-viet/tin-html-mau"));
    assert!(out.contains("Total: 2 imported, 0 unchanged, 6 failed"), "{out}");
    assert!(out.contains("Tổng cộng: 2 đã nhập, 0 không đổi, 6 lỗi"));
}

#[test]
fn import_options_are_checked() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let (code, _, err) = run(danvan(&data).args(["import", "--published-at", "hôm qua", SEED]));
    assert_eq!(code, 2);
    assert!(err.contains("--published-at") && err.contains("2023-07-25"), "{err}");
    let (code, out, _) = run(danvan(&data).args(["import", "--category", "khong-co", SEED]));
    assert_eq!(code, 1);
    assert!(out.contains("[import.unknown_category]"), "{out}");
    let (code, out, _) =
        run(danvan(&data).args(["import", "--category", "dan-van-kheo", "--published-at", "25/07/2023", SEED]));
    assert_eq!(code, 0, "{out}");
}

fn http_get(addr: &str, path: &str) -> String {
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out
}

#[test]
fn serve_prints_its_url_answers_and_stops_gracefully() {
    let tmp = tempfile::tempdir().unwrap();
    let mut child = danvan(&tmp.path().join("data"))
        .args(["serve", "--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    let url = line.trim().rsplit(' ').next().unwrap().to_owned();
    assert!(url.starts_with("http://127.0.0.1:"), "{line}");
    let addr = url.trim_start_matches("http://");
    assert!(http_get(addr, "/healthz").starts_with("HTTP/1.1 200"));
    let home = http_get(addr, "/");
    assert!(home.contains("Cổng thông tin Dân vận (mẫu)"), "sample site");
    Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "graceful stop: {status:?}");
}

/// Starts `serve` on a free port of `data`; returns the child and its address.
fn start_serve(data: &Path) -> (std::process::Child, String) {
    let mut child = danvan(data).args(["serve", "--listen", "127.0.0.1:0"]).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    let url = line.trim().rsplit(' ').next().unwrap().to_owned();
    assert!(url.starts_with("http://127.0.0.1:"), "{line}");
    (child, url.trim_start_matches("http://").to_owned())
}

/// Issue 15: a second `serve` on the data folder of a running one refuses
/// to start, saying why, and the first keeps serving; once the first has
/// stopped the folder can be served again.
#[test]
fn a_second_serve_on_the_same_data_folder_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let (mut first, addr) = start_serve(&data);
    let (code, _, err) = run(danvan(&data).args(["serve", "--listen", "127.0.0.1:0"]));
    assert_ne!(code, 0, "{err}");
    assert!(err.contains("đang được một tiến trình “danvan serve” khác dùng") && err.contains("is in use by another “danvan serve”"), "{err}");
    assert!(err.contains(&data.display().to_string()), "names the folder: {err}");
    assert!(http_get(&addr, "/healthz").starts_with("HTTP/1.1 200"), "the first still serves");
    Command::new("kill").args(["-TERM", &first.id().to_string()]).status().unwrap();
    let stopped = first.wait().unwrap();
    assert!(stopped.success(), "graceful stop: {stopped:?}");
    let (mut again, addr) = start_serve(&data);
    assert!(http_get(&addr, "/healthz").starts_with("HTTP/1.1 200"));
    Command::new("kill").args(["-TERM", &again.id().to_string()]).status().unwrap();
    let stopped = again.wait().unwrap();
    assert!(stopped.success(), "graceful stop: {stopped:?}");
}

/// Issue 15: `serve` checks the SQLite file at start and refuses a damaged
/// one with a clear message (a torn copy used to start silently).
#[test]
fn serve_refuses_a_damaged_database_file() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let (code, out, err) = run(danvan(&data).args(["import", "--category", "dan-van-kheo", SEED]));
    assert_eq!(code, 0, "{out}{err}");
    let db = data.join("danvan.db");
    // as a torn copy would be: the main file alone
    let _ = std::fs::remove_file(data.join("danvan.db-wal"));
    let _ = std::fs::remove_file(data.join("danvan.db-shm"));
    let mut bytes = std::fs::read(&db).unwrap();
    let page = 4096;
    assert!(bytes.len() > 8 * page, "{} bytes", bytes.len());
    // pages 3 and onwards but the last: garbage, the header kept
    let end = bytes.len() - page;
    for (i, b) in bytes[2 * page..end].iter_mut().enumerate() {
        *b = (i * 7 + 13) as u8;
    }
    std::fs::write(&db, &bytes).unwrap();
    let (code, _, err) = run(danvan(&data).args(["serve", "--listen", "127.0.0.1:0"]));
    assert_ne!(code, 0, "{err}");
    assert!(err.contains("bị hỏng") && err.contains("is damaged") && err.contains("restore it from a backup"), "{err}");
}

/// Issue 15: instances started at the same moment on an empty PostgreSQL
/// database all come up (before the advisory lock, all but one failed on a
/// duplicate key in `pg_type`): three `danvan serve` processes, each with
/// its own data folder, at once, ten rounds, each on a new database; all
/// serve, one site and one administrator are created.
#[test]
fn instances_started_at_once_on_an_empty_postgres_database_all_come_up() {
    danvan_testing::run(async {
        for round in 0..10 {
            let Some(db) = danvan_testing::TestDb::postgres_empty().await else {
                eprintln!("skipped: {} is not set", danvan_testing::POSTGRES_ENV);
                return;
            };
            let tmp = tempfile::tempdir().unwrap();
            let children: Vec<_> = (0..3)
                .map(|i| {
                    danvan(&tmp.path().join(format!("data{i}")))
                        .env("DANVAN_DATABASE_URL", db.url())
                        .args(["serve", "--listen", "127.0.0.1:0"])
                        .stdout(Stdio::piped())
                        .stderr(Stdio::piped())
                        .spawn()
                        .unwrap()
                })
                .collect();
            let mut admins = 0;
            for (i, mut child) in children.into_iter().enumerate() {
                let mut line = String::new();
                BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
                if let Some(addr) = line.trim().rsplit(' ').next().and_then(|u| u.strip_prefix("http://")) {
                    assert!(http_get(addr, "/healthz").starts_with("HTTP/1.1 200"), "round {round}, instance {i}");
                }
                Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
                let out = child.wait_with_output().unwrap();
                let err = String::from_utf8_lossy(&out.stderr);
                assert!(line.contains("http://127.0.0.1:"), "round {round}, instance {i} did not serve: {err}");
                assert!(out.status.success(), "round {round}, instance {i}: {err}");
                admins += err.matches("password: ").count();
            }
            assert_eq!(admins, 1, "round {round}: one administrator created");
            assert_eq!(db.store.applied_migrations().await.unwrap().len(), 20, "round {round}");
            db.finish().await;
        }
    });
}

#[test]
fn config_hides_passwords() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, out, _) = run(danvan(tmp.path()).env("DANVAN_DATABASE_URL", "postgres://u:geheim@127.0.0.1/x").arg("config"));
    assert_eq!(code, 0);
    assert!(out.contains("postgres://u:***@127.0.0.1/x") && !out.contains("geheim"), "{out}");
}

#[test]
fn glossary_is_editable() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let (code, out, _) = run(danvan(&data).args(["glossary", "list"]));
    assert_eq!(code, 0);
    assert!(out.contains("DTTS\tdân tộc thiểu số"), "defaults: {out}");
    let (code, _, _) = run(danvan(&data).args(["glossary", "set", "BDV", "Ban Dân vận"]));
    assert_eq!(code, 0);
    assert!(run(danvan(&data).args(["glossary", "list"])).1.contains("BDV\tBan Dân vận"));
    let (code, _, err) = run(danvan(&data).args(["glossary", "set", "hai từ", "x"]));
    assert_eq!(code, 2);
    assert!(err.contains("[glossary.invalid]"));
    assert_eq!(run(danvan(&data).args(["glossary", "remove", "BDV"])).0, 0);
    assert_eq!(run(danvan(&data).args(["glossary", "remove", "BDV"])).0, 1);
    assert!(!run(danvan(&data).args(["glossary", "list"])).1.contains("BDV"));
}

/// Issue 15: `danvan backup` while `serve` runs, `backup check`, and
/// `restore` into a new data folder, which then serves the same site; a
/// second restore into it is refused, as is a restore while it is served.
#[test]
fn backup_while_serving_then_restore_into_a_new_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    let (code, out, err) = run(danvan(&a).args(["import", "--category", "dan-van-kheo", SEED]));
    assert_eq!(code, 0, "{out}{err}");
    std::fs::create_dir_all(a.join("files/documents")).unwrap();
    std::fs::write(a.join("files/documents/136-KH-HU.pdf"), b"%PDF-1.4 136-KH/HU").unwrap();
    let (mut serving, addr) = start_serve(&a);
    let archive = tmp.path().join("site.zip");
    let (code, out, err) = run(danvan(&a).arg("backup").arg(&archive));
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("Đã sao lưu") && out.contains("Backed up") && out.contains("và 1 tệp"), "{out}");
    assert!(!tmp.path().join("site.partial").exists());
    let (code, out, err) = run(danvan(&a).args(["backup", "check"]).arg(&archive));
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("nguyên vẹn") && out.contains("sqlite"), "{out}");
    assert!(http_get(&addr, "/healthz").starts_with("HTTP/1.1 200"), "served all along");

    let (code, out, err) = run(danvan(&b).arg("restore").arg(&archive));
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("Đã khôi phục") && out.contains("Restored"), "{out}");
    assert_eq!(std::fs::read(b.join("files/documents/136-KH-HU.pdf")).unwrap(), b"%PDF-1.4 136-KH/HU");
    let (code, _, err) = run(danvan(&b).arg("restore").arg(&archive));
    assert_ne!(code, 0);
    assert!(err.contains("Không khôi phục được") && err.contains("already holds a site"), "{err}");

    let (mut restored, addr_b) = start_serve(&b);
    let page = http_get(&addr_b, SEED_PATH);
    assert!(page.starts_with("HTTP/1.1 200"), "{}", &page[..page.len().min(300)]);
    assert!(page.contains("Dân vận khéo"));
    let found = http_get(&addr_b, "/tim-kiem?q=d%C6%B0%E1%BB%9Dng%20d%C3%A2y%20n%C3%B3ng");
    assert!(found.contains(SEED_PATH), "the search index was rebuilt from the restored rows");
    let (code, _, err) = run(danvan(&b).arg("restore").arg("--replace").arg(&archive));
    assert_ne!(code, 0, "not while it is served");
    assert!(err.contains("is in use by another"), "{err}");
    for child in [&mut serving, &mut restored] {
        Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
        let stopped = child.wait().unwrap();
        assert!(stopped.success(), "graceful stop: {stopped:?}");
    }
    // nothing to back up: said, and no empty database made
    let nowhere = tmp.path().join("nowhere");
    let (code, _, err) = run(danvan(&nowhere).arg("backup").arg(tmp.path().join("x.zip")));
    assert_ne!(code, 0);
    assert!(err.contains("no database there"), "{err}");
    assert!(!nowhere.join("danvan.db").exists());
    // a missing archive: said, and no target folder made
    let c = tmp.path().join("c");
    let (code, _, err) = run(danvan(&c).arg("restore").arg(tmp.path().join("missing.zip")));
    assert_ne!(code, 0);
    assert!(err.contains("missing.zip"), "{err}");
    assert!(!c.exists(), "nothing made for a bad archive");
    // a file that is not an archive
    let (code, _, err) = run(danvan(&b).args(["backup", "check"]).arg(SEED));
    assert_ne!(code, 0);
    assert!(err.contains("000_717bb114bfc50511.txt"), "names the file: {err}");
}

/// Issue 15: an unreachable PostgreSQL is reported at once with its cause,
/// not after 30 s as "pool timed out".
#[test]
fn an_unreachable_database_is_reported_with_its_cause_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let started = std::time::Instant::now();
    let (code, out, err) = run(danvan(&tmp.path().join("data")).args(["migrate", "--database-url", "postgres://postgres@127.0.0.1:1/danvan"]));
    let took = started.elapsed();
    assert_ne!(code, 0, "{out}");
    assert!(err.contains("cannot be reached") && err.to_lowercase().contains("refused"), "{err}");
    assert!(took < std::time::Duration::from_secs(6), "took {took:?}: {err}");
}
