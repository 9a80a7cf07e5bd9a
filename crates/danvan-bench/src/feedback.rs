//! `danvan-bench-feedback`: items received through Open311 GeoReport v2
//! (`POST /open311/v2/requests.json`, form-encoded, one API key) by a
//! release `danvan serve` on loopback, from 64 HTTP/1.1 connections kept
//! alive (a hyper client): acknowledged answers per second and their
//! latency (p50/p95/p99), against the targets ≥ 1 000/s and p99 < 50 ms.
//! Then a second run during which the server is killed with SIGKILL at a
//! random moment and started again on the same database: every item
//! acknowledged before the kill (in both runs; each written to a file as
//! its answer arrives) must be in `feedback_item` with its id and tracking
//! code, and the database must pass its integrity check. SQLite always (a
//! temporary data folder), PostgreSQL when a server URL is given (a fresh
//! `danvan_bench_fb_<random>` database, dropped at the end). Run through
//! `bench/feedback`; `--help` lists the options.

#[allow(dead_code)]
mod common;
#[path = "feedback/check.rs"]
mod check;
#[path = "feedback/server.rs"]
mod server;

use check::Check;
use server::{ServerEnv, first_service, free_addr};

use anyhow::{Context, Result, bail};
use bytes::Bytes;
use common::{Place, elog, emit, percentile, prepare_places, random_hex, sorted, stop_signal};
use http_body_util::{BodyExt, Full};
use hyper::client::conn::http1::SendRequest;
use hyper::{Method, Request, StatusCode, header};
use hyper_util::rt::TokioIo;
use rand::Rng;
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};
use tokio::io::AsyncWriteExt;
use tokio::sync::mpsc;

const USAGE: &str = "\
Usage: danvan-bench-feedback [OPTIONS]

Per backend: a fresh data folder (and a fresh PostgreSQL database), an
Open311 key (danvan open311 key create), then danvan serve on a free
127.0.0.1 port. The load run: --connections HTTP/1.1 connections kept
alive, each sending POST /open311/v2/requests.json (form-encoded: api_key,
service_code of the first service of services.json, lat+long, half with
an address_string, attribute[title], description, first_name, last_name,
a phone of its own 09xxxxxxxx, no e-mail) one after the other, for
--warmup then --duration seconds; an answer is acknowledged when it is
HTTP 200 or 201 with a service_request_id and a tracking code in its
service_notice. Prints acknowledged answers per second and their latency
p50/p95/p99/max (of the requests sent after the warm-up), every other
status and transport error, and PASS/FAIL for >= 1000/s and p99 < 50 ms.
The kill run: the same load; the server is killed with SIGKILL at a random
moment between --kill-from and --kill-to seconds, started again on the
same database, and must acknowledge a new submission; then every
acknowledged id and code of both runs (read back from the files written
as the answers arrived) is looked up in feedback_item, and the database's
integrity is checked (SQLite: PRAGMA integrity_check and
foreign_key_check; PostgreSQL: amcheck's bt_index_check with
heapallindexed on every index; both: every Open311 item whole, with its
contact, Open311 row, history line and audit line). Exits 0 when a target
is missed, 1 when something fails to run, an acknowledged item is missing
or the integrity check fails.

Options:
  --danvan PATH      the danvan binary (default: $DANVAN_BIN, else the
                     danvan next to this binary)
  --connections N    concurrent connections (default 64)
  --duration S       seconds measured in the load run (default 10)
  --warmup S         seconds of load before them, not counted (default 1)
  --kill-from S      the kill comes at a random moment between these
  --kill-to S        seconds into the kill run (defaults 2 and 6)
  --kill-at S        at exactly S seconds instead
  --no-kill          only the load run
  --out DIR          write the acknowledged ids and codes (acks-*.tsv) and
                     the server's log (server-*.log) there (default: the
                     temporary folder, removed at the end)
  --postgres URL     also run on PostgreSQL (default: $DANVAN_TEST_POSTGRES_URL);
                     a database danvan_bench_fb_<random> is created on that
                     server and dropped at the end
  --no-sqlite        skip SQLite
  --keep             keep the data folders and databases (prints where)
  --url URL          no server of our own: only the load run, against the
                     danvan at URL (http://127.0.0.1:PORT), with --key KEY
  --key KEY          the Open311 key for --url
  -h, --help         this text
";

/// Target: acknowledged submissions per second on SQLite.
const TARGET_RPS: f64 = 1000.0;
/// Target: p99 latency of an acknowledged submission on SQLite.
const TARGET_P99_MS: f64 = 50.0;
/// Prefix of the progress lines on stderr.
const TAG: &str = "bench/feedback";
/// Where items are posted.
const POST_PATH: &str = "/open311/v2/requests.json";
/// How long one request may take before it counts as a timeout.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// How long a starting server may take to answer `/healthz`.
const START_TIMEOUT: Duration = Duration::from_secs(120);
/// Phones of the kill run start here, far from the load run's.
const KILL_RUN_PHONES: u64 = 50_000_000;

#[derive(Debug, Clone)]
struct Options {
    danvan: Option<PathBuf>,
    connections: usize,
    duration_s: f64,
    warmup_s: f64,
    kill_from_s: f64,
    kill_to_s: f64,
    kill_at_s: Option<f64>,
    kill: bool,
    out: Option<PathBuf>,
    postgres: Option<String>,
    sqlite: bool,
    keep: bool,
    url: Option<String>,
    key: Option<String>,
}

fn parse_args() -> Result<Options> {
    let mut o = Options {
        danvan: std::env::var_os("DANVAN_BIN").filter(|v| !v.is_empty()).map(PathBuf::from),
        connections: 64,
        duration_s: 10.0,
        warmup_s: 1.0,
        kill_from_s: 2.0,
        kill_to_s: 6.0,
        kill_at_s: None,
        kill: true,
        out: None,
        postgres: std::env::var("DANVAN_TEST_POSTGRES_URL").ok().filter(|u| !u.is_empty()),
        sqlite: true,
        keep: false,
        url: None,
        key: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_owned(), Some(v.to_owned())),
            _ => (a.clone(), None),
        };
        let mut value = |name: &str| -> Result<String> { inline.clone().or_else(|| args.next()).with_context(|| format!("{name} needs a value")) };
        let seconds = |name: &str, v: String| -> Result<f64> {
            let s: f64 = v.parse().with_context(|| format!("{name}: a number of seconds"))?;
            if !s.is_finite() || s < 0.0 {
                bail!("{name}: a number of seconds, 0 or more");
            }
            Ok(s)
        };
        match flag.as_str() {
            "--danvan" => o.danvan = Some(PathBuf::from(value("--danvan")?)),
            "--connections" => o.connections = value("--connections")?.parse().context("--connections")?,
            "--duration" => o.duration_s = seconds("--duration", value("--duration")?)?,
            "--warmup" => o.warmup_s = seconds("--warmup", value("--warmup")?)?,
            "--kill-from" => o.kill_from_s = seconds("--kill-from", value("--kill-from")?)?,
            "--kill-to" => o.kill_to_s = seconds("--kill-to", value("--kill-to")?)?,
            "--kill-at" => o.kill_at_s = Some(seconds("--kill-at", value("--kill-at")?)?),
            "--no-kill" => o.kill = false,
            "--out" => o.out = Some(PathBuf::from(value("--out")?)),
            "--postgres" => o.postgres = Some(value("--postgres")?).filter(|u| !u.is_empty()),
            "--no-sqlite" => o.sqlite = false,
            "--keep" => o.keep = true,
            "--url" => o.url = Some(value("--url")?),
            "--key" => o.key = Some(value("--key")?),
            "-h" | "--help" => {
                emit(USAGE);
                std::process::exit(0);
            }
            other => bail!("unknown argument: {other}\n\n{USAGE}"),
        }
    }
    if o.connections == 0 || o.duration_s <= 0.0 {
        bail!("--connections and --duration must be more than 0");
    }
    if o.kill_to_s < o.kill_from_s {
        bail!("--kill-to must not come before --kill-from");
    }
    if o.url.is_some() != o.key.is_some() {
        bail!("--url and --key go together");
    }
    if o.url.is_none() && !o.sqlite && o.postgres.is_none() {
        bail!("--no-sqlite without --postgres URL (or DANVAN_TEST_POSTGRES_URL): nothing to run");
    }
    Ok(o)
}

fn log(backend: &str, msg: impl AsRef<str>) {
    elog!("[{TAG}] {backend}: {}", msg.as_ref());
}

// ------------------------------------------------------------------ HTTP

/// One HTTP/1.1 connection kept alive, its driver running on its own task.
async fn connect(addr: SocketAddr) -> Result<SendRequest<Full<Bytes>>> {
    let stream = tokio::net::TcpStream::connect(addr).await?;
    stream.set_nodelay(true)?;
    let (sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream)).await?;
    tokio::spawn(async move {
        // ends when the server closes or the sender is dropped
        let _ = conn.await;
    });
    Ok(sender)
}

/// Sends `req` on `sender` and reads the whole answer.
async fn exchange(sender: &mut SendRequest<Full<Bytes>>, req: Request<Full<Bytes>>) -> Result<(StatusCode, Bytes)> {
    sender.ready().await?;
    let resp = sender.send_request(req).await?;
    let status = resp.status();
    let body = resp.into_body().collect().await?.to_bytes();
    Ok((status, body))
}

/// `GET path` on a connection of its own.
async fn get(addr: SocketAddr, path: &str) -> Result<(StatusCode, Bytes)> {
    let mut sender = connect(addr).await?;
    let req = Request::builder().method(Method::GET).uri(path).header(header::HOST, addr.to_string()).body(Full::new(Bytes::new()))?;
    tokio::time::timeout(REQUEST_TIMEOUT, exchange(&mut sender, req)).await.context("timed out")?
}

/// `host:port` of `http://host:port[/]`.
fn addr_of_url(url: &str) -> Result<SocketAddr> {
    let rest = url.strip_prefix("http://").context("the URL must start with http://")?;
    let hostport = rest.split('/').next().unwrap_or(rest);
    let hostport = if hostport.starts_with("localhost:") { hostport.replacen("localhost", "127.0.0.1", 1) } else { hostport.to_owned() };
    hostport.parse().with_context(|| format!("not an address with a port: {hostport}"))
}

// ------------------------------------------------------------- the load

/// Titles of the items (the rotation makes the texts differ a little).
const TITLES: &[&str] = &[
    "Đèn đường hỏng trên đường Nguyễn Trãi",
    "Rác thải tồn đọng ở đầu ngõ",
    "Ổ gà lớn trước cổng trường tiểu học",
    "Cống thoát nước bị tắc sau mưa",
    "Cây xanh nghiêng có nguy cơ đổ",
    "Lấn chiếm vỉa hè buôn bán",
];

/// The form of item `n` (its phone `09` followed by `n` in 8 digits).
fn form(key: &str, service_code: &str, n: u64) -> String {
    let title = TITLES[(n % TITLES.len() as u64) as usize];
    let description = format!(
        "{title}. Người dân phản ánh tình trạng này đã kéo dài nhiều ngày, gây khó khăn cho việc đi lại \
         và ảnh hưởng đến vệ sinh môi trường của khu dân cư; đề nghị cơ quan chức năng sớm kiểm tra, \
         xử lý và thông báo kết quả. Phản ánh số {n}."
    );
    let mut f = form_urlencoded::Serializer::new(String::new());
    f.append_pair("api_key", key)
        .append_pair("service_code", service_code)
        .append_pair("lat", &format!("{:.6}", 21.0 + (n % 1000) as f64 / 10_000.0))
        .append_pair("long", &format!("{:.6}", 105.8 + (n % 997) as f64 / 10_000.0))
        .append_pair("attribute[title]", title)
        .append_pair("description", &description)
        .append_pair("first_name", "An")
        .append_pair("last_name", "Nguyễn Văn")
        .append_pair("phone", &phone(n));
    if n.is_multiple_of(2) {
        f.append_pair("address_string", &format!("Số {} phố Hàng Bông, phường Hoàn Kiếm, Hà Nội", n % 500 + 1));
    }
    f.finish()
}

/// A phone of its own for item `n`: `09` and 8 digits (a phone may send 10
/// items an hour).
fn phone(n: u64) -> String {
    format!("09{:08}", n % 100_000_000)
}

/// The tracking code in a `service_notice`: the first 14 characters after
/// a `PA-` prefix (a code such as `PA-7K3-MQ9-XHC`) that the domain's parser
/// accepts as written.
fn code_in(notice: &str) -> Option<String> {
    notice.match_indices(danvan_domain::feedback::code::PREFIX).find_map(|(i, _)| {
        let candidate = notice.get(i..i + 14)?;
        let code = danvan_domain::feedback::code::parse(candidate).ok()?;
        (code.as_str() == candidate).then(|| candidate.to_owned())
    })
}

/// The `service_request_id` and the tracking code of an answer
/// `[{service_request_id, service_notice, account_id}]`; `None` when it is
/// not one.
fn parse_ack(body: &[u8]) -> Option<(i32, String)> {
    let v: serde_json::Value = serde_json::from_slice(body).ok()?;
    let first = v.as_array()?.first()?;
    let id = first.get("service_request_id")?.as_str()?.parse().ok()?;
    let code = code_in(first.get("service_notice")?.as_str()?)?;
    Some((id, code))
}

/// What a load run sends, where, for how long.
struct Plan {
    addr: SocketAddr,
    key: String,
    service_code: String,
    connections: usize,
    warmup: Duration,
    duration: Duration,
    /// A connection that cannot connect again stops (the kill run), instead
    /// of trying again until the end.
    stop_when_gone: bool,
    /// The next item's number (its phone).
    next: Arc<AtomicU64>,
}

/// One acknowledged item, as written to the file.
#[derive(Debug, Clone, PartialEq)]
struct Ack {
    id: i32,
    code: String,
    /// Since the start of the run.
    at_ms: f64,
    latency_ms: f64,
}

/// What one connection saw.
#[derive(Debug, Default)]
struct Tally {
    /// Acknowledged, of the requests sent after the warm-up: their latency.
    latencies_ms: Vec<f64>,
    /// Every acknowledged answer (warm-up included).
    acked: u64,
    /// 200/201 without an id and a code.
    ok_without_ack: u64,
    /// Every other status.
    statuses: BTreeMap<u16, u64>,
    /// A request sent and no answer (the connection closed or reset).
    transport_errors: u64,
    timeouts: u64,
    connect_errors: u64,
    /// When its last counted answer arrived.
    last: Option<Instant>,
}

/// The whole run.
#[derive(Debug, Default)]
struct LoadResult {
    /// Sorted, ms.
    latencies_ms: Vec<f64>,
    acked: u64,
    ok_without_ack: u64,
    statuses: BTreeMap<u16, u64>,
    transport_errors: u64,
    timeouts: u64,
    connect_errors: u64,
    /// From the end of the warm-up to the last counted answer, s.
    window_s: f64,
}

impl LoadResult {
    fn counted(&self) -> usize {
        self.latencies_ms.len()
    }

    fn rps(&self) -> f64 {
        if self.window_s > 0.0 { self.counted() as f64 / self.window_s } else { f64::NAN }
    }

    fn p(&self, q: f64) -> f64 {
        percentile(&self.latencies_ms, q)
    }

    /// `429: 3, 500: 1, 200 without id: 2` or `none`.
    fn others(&self) -> String {
        let mut v: Vec<String> = self.statuses.iter().map(|(s, n)| format!("{s}: {n}")).collect();
        if self.ok_without_ack > 0 {
            v.push(format!("200 without id and code: {}", self.ok_without_ack));
        }
        if v.is_empty() { "none".to_owned() } else { v.join(", ") }
    }

    /// `transport 64, timeouts 0, connect 64`.
    fn errors(&self) -> String {
        format!("no answer {}, timeouts {}, connections refused {}", self.transport_errors, self.timeouts, self.connect_errors)
    }
}

/// One connection: requests one after the other until the end of the run.
async fn connection(plan: Arc<Plan>, start: Instant, acks: Option<mpsc::UnboundedSender<Ack>>) -> Tally {
    let measured_from = start + plan.warmup;
    let until = measured_from + plan.duration;
    let mut t = Tally::default();
    let mut sender: Option<SendRequest<Full<Bytes>>> = None;
    while Instant::now() < until {
        let s = match sender.as_mut() {
            Some(s) => s,
            None => match connect(plan.addr).await {
                Ok(s) => sender.insert(s),
                Err(_) => {
                    t.connect_errors += 1;
                    if plan.stop_when_gone {
                        break;
                    }
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    continue;
                }
            },
        };
        let n = plan.next.fetch_add(1, Ordering::Relaxed);
        let req = match Request::builder()
            .method(Method::POST)
            .uri(POST_PATH)
            .header(header::HOST, plan.addr.to_string())
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Full::new(Bytes::from(form(&plan.key, &plan.service_code, n))))
        {
            Ok(r) => r,
            Err(_) => break,
        };
        let sent = Instant::now();
        let answered = tokio::time::timeout(REQUEST_TIMEOUT, exchange(s, req)).await;
        let done = Instant::now();
        let latency_ms = (done - sent).as_secs_f64() * 1000.0;
        match answered {
            Ok(Ok((status, body))) => match (matches!(status, StatusCode::OK | StatusCode::CREATED), parse_ack(&body)) {
                (true, Some((id, code))) => {
                    t.acked += 1;
                    if sent >= measured_from {
                        t.latencies_ms.push(latency_ms);
                        t.last = Some(done);
                    }
                    if let Some(tx) = &acks {
                        let _ = tx.send(Ack { id, code, at_ms: (done - start).as_secs_f64() * 1000.0, latency_ms });
                    }
                }
                (true, None) => t.ok_without_ack += 1,
                (false, _) => *t.statuses.entry(status.as_u16()).or_default() += 1,
            },
            Ok(Err(_)) => {
                t.transport_errors += 1;
                sender = None;
            }
            Err(_) => {
                t.timeouts += 1;
                sender = None;
            }
        }
    }
    t
}

/// Runs `plan`; each acknowledged item goes to `acks` as its answer
/// arrives.
async fn run_load(plan: Arc<Plan>, acks: Option<mpsc::UnboundedSender<Ack>>) -> Result<LoadResult> {
    let start = Instant::now();
    let tasks: Vec<_> = (0..plan.connections).map(|_| tokio::spawn(connection(plan.clone(), start, acks.clone()))).collect();
    drop(acks);
    let mut r = LoadResult::default();
    let mut last: Option<Instant> = None;
    for task in tasks {
        let t = task.await.context("a connection's task failed")?;
        r.latencies_ms.extend(t.latencies_ms);
        r.acked += t.acked;
        r.ok_without_ack += t.ok_without_ack;
        for (s, n) in t.statuses {
            *r.statuses.entry(s).or_default() += n;
        }
        r.transport_errors += t.transport_errors;
        r.timeouts += t.timeouts;
        r.connect_errors += t.connect_errors;
        last = last.max(t.last);
    }
    r.latencies_ms = sorted(&r.latencies_ms);
    r.window_s = last.map_or(0.0, |l| l.saturating_duration_since(start + plan.warmup).as_secs_f64());
    Ok(r)
}

/// Writes each acknowledged item to `path` as it arrives (a line
/// `id<TAB>code<TAB>ms since start<TAB>latency ms`, flushed after every
/// batch received), until every sender is gone; returns how many.
async fn write_acks(path: PathBuf, mut rx: mpsc::UnboundedReceiver<Ack>) -> Result<u64> {
    let file = tokio::fs::File::create(&path).await.with_context(|| format!("create {}", path.display()))?;
    let mut w = tokio::io::BufWriter::new(file);
    w.write_all(b"# service_request_id\tcode\tms_since_start\tlatency_ms\n").await?;
    let mut n = 0u64;
    while let Some(a) = rx.recv().await {
        let mut batch = vec![a];
        while let Ok(a) = rx.try_recv() {
            batch.push(a);
        }
        for a in &batch {
            w.write_all(format!("{}\t{}\t{:.3}\t{:.3}\n", a.id, a.code, a.at_ms, a.latency_ms).as_bytes()).await?;
        }
        w.flush().await?;
        n += batch.len() as u64;
    }
    w.flush().await?;
    w.into_inner().sync_all().await?;
    Ok(n)
}

/// The acknowledged `(id, code)` of a file of [`write_acks`].
fn read_acks(path: &Path) -> Result<Vec<(i32, String)>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("read {}", path.display()))?;
    let mut v = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut cols = line.split('\t');
        let id = cols.next().and_then(|c| c.parse().ok()).with_context(|| format!("{}:{}: no id", path.display(), i + 1))?;
        let code = cols.next().filter(|c| !c.is_empty()).with_context(|| format!("{}:{}: no code", path.display(), i + 1))?;
        v.push((id, code.to_owned()));
    }
    Ok(v)
}

// ------------------------------------------------------------ a backend

/// The kill run.
struct KillRun {
    load: LoadResult,
    killed_at_s: f64,
    /// Acknowledged before the kill, written to the file.
    written: u64,
    restarted_in_s: f64,
    /// The id of the submission acknowledged after the restart.
    after_restart_id: i32,
    check: Check,
}

struct Report {
    backend: &'static str,
    connections: usize,
    duration_s: f64,
    started_in_s: Option<f64>,
    load: LoadResult,
    kill: Option<KillRun>,
}

impl Report {
    fn lost(&self) -> bool {
        self.kill.as_ref().is_some_and(|k| !k.check.passed())
    }
}

/// Where a backend's files go: `--out`, else its data folder.
fn out_file(o: &Options, data_dir: &Path, name: &str) -> PathBuf {
    o.out.as_deref().unwrap_or(data_dir).join(name)
}

fn plan(addr: SocketAddr, key: &str, service_code: &str, o: &Options, next: Arc<AtomicU64>, kill_run: bool) -> Arc<Plan> {
    Arc::new(Plan {
        addr,
        key: key.to_owned(),
        service_code: service_code.to_owned(),
        connections: o.connections,
        warmup: if kill_run { Duration::ZERO } else { Duration::from_secs_f64(o.warmup_s) },
        // the kill run ends when the server is gone; this only bounds it
        duration: Duration::from_secs_f64(if kill_run { o.kill_at_s.unwrap_or(o.kill_to_s) + 5.0 } else { o.duration_s }),
        stop_when_gone: kill_run,
        next,
    })
}

/// A load run whose acknowledged items go to `path`.
async fn load_to_file(plan: Arc<Plan>, path: PathBuf) -> Result<(LoadResult, u64)> {
    let (tx, rx) = mpsc::unbounded_channel();
    let writer = tokio::spawn(write_acks(path, rx));
    let load = run_load(plan, Some(tx)).await?;
    let written = writer.await.context("the writer's task failed")??;
    Ok((load, written))
}

fn load_line(label: &str, r: &LoadResult) -> String {
    format!(
        "{label}: {} acknowledged in {:.2} s: {:.0}/s; p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms; other answers: {}; {}",
        r.counted(),
        r.window_s,
        r.rps(),
        r.p(50.0),
        r.p(99.0),
        r.latencies_ms.last().copied().unwrap_or(f64::NAN),
        r.others(),
        r.errors()
    )
}

/// One backend: the data folder is the SQLite place's own folder (its
/// `danvan.db` is the server's), or a temporary one beside a PostgreSQL
/// database (removed at the end unless `--keep`).
async fn run_backend(place: &Place, label: &'static str, o: &Options, danvan: &Path) -> Result<Report> {
    match place {
        Place::Sqlite { dir } => run_backend_in(place, label, o, danvan, dir).await,
        Place::Postgres { .. } => {
            let dir = std::env::temp_dir().join(format!("danvan-bench-feedback-{}", random_hex(12)));
            std::fs::create_dir_all(&dir).with_context(|| format!("create {}", dir.display()))?;
            let result = run_backend_in(place, label, o, danvan, &dir).await;
            if o.keep {
                log(label, format!("kept data folder: {}", dir.display()));
            } else {
                let _ = std::fs::remove_dir_all(&dir);
            }
            result
        }
    }
}

async fn run_backend_in(place: &Place, label: &'static str, o: &Options, danvan: &Path, data_dir: &Path) -> Result<Report> {
    let postgres = matches!(place, Place::Postgres { .. });
    let env = ServerEnv {
        danvan: danvan.to_owned(),
        data_dir: data_dir.to_owned(),
        database_url: postgres.then(|| place.url()),
        listen: free_addr()?,
        log: out_file(o, data_dir, &format!("server-{label}.log")),
    };
    let _ = std::fs::remove_file(&env.log);
    log(label, format!("database {}; server log {}", place.describe(), env.log.display()));
    let key = env.create_key("bench-feedback").await?;
    let mut server = env.start().await?;
    log(label, format!("danvan serve on http://{} ready in {:.1} s", env.listen, server.started_in_s));
    let started_in_s = Some(server.started_in_s);
    let service = first_service(env.listen).await?;
    let next = Arc::new(AtomicU64::new(0));

    log(label, format!("load run: {} connections, {} s warm-up + {} s, service_code {service}", o.connections, o.warmup_s, o.duration_s));
    let load_acks = out_file(o, data_dir, &format!("acks-{label}-load.tsv"));
    let (load, _) = load_to_file(plan(env.listen, &key, &service, o, next.clone(), false), load_acks.clone()).await?;
    log(label, load_line("load run", &load));

    let mut kill = None;
    if o.kill {
        next.store(KILL_RUN_PHONES, Ordering::Relaxed);
        let kill_at = o.kill_at_s.unwrap_or_else(|| if o.kill_to_s > o.kill_from_s { rand::rng().random_range(o.kill_from_s..o.kill_to_s) } else { o.kill_from_s });
        log(label, format!("kill run: {} connections; SIGKILL at {kill_at:.2} s", o.connections));
        let kill_acks = out_file(o, data_dir, &format!("acks-{label}-kill.tsv"));
        let started = Instant::now();
        let run = tokio::spawn(load_to_file(plan(env.listen, &key, &service, o, next.clone(), true), kill_acks.clone()));
        tokio::time::sleep(Duration::from_secs_f64(kill_at)).await;
        server.kill().await?;
        let killed_at_s = started.elapsed().as_secs_f64();
        let (load, written) = run.await.context("the kill run's task failed")??;
        log(label, format!("killed at {killed_at_s:.2} s; {written} acknowledged before; {}", load.errors()));
        log(label, "starting danvan serve again on the same database");
        server = env.start().await?;
        let restarted_in_s = server.started_in_s;
        let after_restart_id = after_restart(env.listen, &key, &service, next.fetch_add(1, Ordering::Relaxed)).await?;
        log(label, format!("ready again in {restarted_in_s:.1} s; a new submission acknowledged (id {after_restart_id})"));
        let runs = [("load run", read_acks(&load_acks)?), ("kill run", read_acks(&kill_acks)?)];
        let check = check::check(&place.url(), postgres, &runs).await?;
        log(label, format!("checked {} acknowledged codes: {} missing", check.total_checked(), check.missing));
        kill = Some(KillRun { load, killed_at_s, written, restarted_in_s, after_restart_id, check });
    }
    server.stop().await;
    Ok(Report { backend: label, connections: o.connections, duration_s: o.duration_s, started_in_s, load, kill })
}

/// One submission after the restart: its id once acknowledged.
async fn after_restart(addr: SocketAddr, key: &str, service_code: &str, n: u64) -> Result<i32> {
    let mut sender = connect(addr).await?;
    let req = Request::builder()
        .method(Method::POST)
        .uri(POST_PATH)
        .header(header::HOST, addr.to_string())
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Full::new(Bytes::from(form(key, service_code, n))))?;
    let (status, body) = tokio::time::timeout(REQUEST_TIMEOUT, exchange(&mut sender, req)).await.context("timed out")??;
    match parse_ack(&body) {
        Some((id, _)) if status.is_success() => Ok(id),
        _ => bail!("the restarted server did not acknowledge a submission: {status} {}", String::from_utf8_lossy(&body)),
    }
}

// ---------------------------------------------------------------- report

fn pass_fail(ok: bool) -> &'static str {
    if ok { "PASS" } else { "FAIL" }
}

fn print_report(r: &Report) {
    let mut out = String::new();
    let mut line = |s: String| {
        out.push_str(&s);
        out.push('\n');
    };
    let l = &r.load;
    line(String::new());
    line(format!("== {} — Open311 POST {POST_PATH}, {} connections, {} s measured ==", r.backend, r.connections, r.duration_s));
    if let Some(s) = r.started_in_s {
        line(format!("server: danvan serve (release), ready in {s:.1} s"));
    }
    line(format!(
        "acknowledged: {} in {:.2} s = {:.0}/s{}",
        l.counted(),
        l.window_s,
        l.rps(),
        if r.backend == "sqlite" { format!(" (target >= {TARGET_RPS:.0}: {})", pass_fail(l.rps() >= TARGET_RPS)) } else { String::new() }
    ));
    line(format!(
        "latency: p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms{}, max {:.1} ms",
        l.p(50.0),
        l.p(95.0),
        l.p(99.0),
        if r.backend == "sqlite" { format!(" (target < {TARGET_P99_MS:.0}: {})", pass_fail(l.p(99.0) < TARGET_P99_MS)) } else { String::new() },
        l.latencies_ms.last().copied().unwrap_or(f64::NAN)
    ));
    line(format!("other answers: {}; {}", l.others(), l.errors()));
    if let Some(k) = &r.kill {
        let c = &k.check;
        line(format!(
            "kill: SIGKILL at {:.2} s, {} acknowledged before it ({} written as they arrived), {} requests without answer; other answers: {}",
            k.killed_at_s,
            k.load.acked,
            k.written,
            k.load.transport_errors + k.load.timeouts,
            k.load.others()
        ));
        line(format!("restart: ready again in {:.1} s on the same database; a new submission acknowledged (id {})", k.restarted_in_s, k.after_restart_id));
        let per_run: Vec<String> = c.checked.iter().map(|(run, n)| format!("{n} of the {run}")).collect();
        line(format!(
            "check: {} acknowledged codes checked ({}): missing {}, under another id {}, acknowledged twice {}; {} Open311 items committed but never acknowledged: {}",
            c.total_checked(),
            per_run.join(", "),
            c.missing,
            c.other_id,
            c.duplicates,
            c.unacknowledged,
            pass_fail(c.missing == 0 && c.other_id == 0 && c.duplicates == 0)
        ));
        for i in &c.integrity {
            line(format!("integrity: {i}"));
        }
        line(format!("integrity: {}", pass_fail(c.integrity_ok)));
    }
    emit(&out);
}

fn print_summary(reports: &[Report]) {
    let mut out = String::new();
    out.push('\n');
    out.push_str("summary (acknowledged Open311 POSTs; targets on SQLite: >= 1000/s, p99 < 50 ms)\n");
    out.push_str(&format!(
        "{:<9} {:>8} {:>8} {:>8} {:>8}  {:<7} {:>9} {:>8} {:<9}\n",
        "backend", "acked/s", "p50 ms", "p99 ms", "max ms", "target", "checked", "missing", "integrity"
    ));
    for r in reports {
        let l = &r.load;
        let target = if r.backend == "sqlite" { pass_fail(l.rps() >= TARGET_RPS && l.p(99.0) < TARGET_P99_MS) } else { "-" };
        let (checked, missing, integrity) = match &r.kill {
            Some(k) => (k.check.total_checked().to_string(), k.check.missing.to_string(), if k.check.integrity_ok { "ok" } else { "FAILED" }),
            None => ("-".to_owned(), "-".to_owned(), "-"),
        };
        out.push_str(&format!(
            "{:<9} {:>8.0} {:>8.1} {:>8.1} {:>8.1}  {:<7} {:>9} {:>8} {:<9}\n",
            r.backend,
            l.rps(),
            l.p(50.0),
            l.p(99.0),
            l.latencies_ms.last().copied().unwrap_or(f64::NAN),
            target,
            checked,
            missing,
            integrity
        ));
    }
    emit(&out);
}

/// The danvan binary: `--danvan`, `$DANVAN_BIN`, else next to this one.
fn danvan_binary(o: &Options) -> Result<PathBuf> {
    let path = match &o.danvan {
        Some(p) => p.clone(),
        None => std::env::current_exe().context("where is this binary")?.with_file_name("danvan"),
    };
    if !path.is_file() {
        bail!("no danvan binary at {} (build it: cargo build --release -p danvan; or give --danvan PATH)", path.display());
    }
    Ok(path)
}

/// `--url URL --key KEY`: the load run only, against a running server.
async fn run_external(o: &Options) -> Result<()> {
    let (Some(url), Some(key)) = (&o.url, &o.key) else { bail!("--url and --key go together") };
    let addr = addr_of_url(url)?;
    let service = first_service(addr).await?;
    log("external", format!("load run against {url}: {} connections, {} s warm-up + {} s", o.connections, o.warmup_s, o.duration_s));
    let load = run_load(plan(addr, key, &service, o, Arc::new(AtomicU64::new(rand::rng().random_range(0..90_000_000))), false), None).await?;
    let r = Report { backend: "external", connections: o.connections, duration_s: o.duration_s, started_in_s: None, load, kill: None };
    print_report(&r);
    Ok(())
}

#[tokio::main]
async fn main() {
    let o = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            elog!("danvan-bench-feedback: {e:#}");
            std::process::exit(2);
        }
    };
    if o.url.is_some() {
        let result = tokio::select! {
            r = run_external(&o) => r,
            _ = stop_signal() => Err(anyhow::anyhow!("interrupted")),
        };
        if let Err(e) = result {
            elog!("danvan-bench-feedback: {e:#}");
            std::process::exit(1);
        }
        return;
    }
    let danvan = match danvan_binary(&o) {
        Ok(p) => p,
        Err(e) => {
            elog!("danvan-bench-feedback: {e:#}");
            std::process::exit(2);
        }
    };
    if let Some(out) = &o.out
        && let Err(e) = std::fs::create_dir_all(out)
    {
        elog!("danvan-bench-feedback: cannot create {}: {e}", out.display());
        std::process::exit(1);
    }
    let places = match prepare_places("danvan-bench-feedback", TAG, "danvan-bench-feedback", "danvan_bench_fb", o.sqlite, o.postgres.as_deref()).await {
        Ok(p) => p,
        Err(e) => {
            elog!("{e}");
            std::process::exit(1);
        }
    };

    let mut failed = false;
    let mut interrupted = false;
    let mut reports = Vec::new();
    for (label, place) in &places {
        if interrupted || failed {
            place.cleanup(false, TAG).await;
            continue;
        }
        // the server is a child killed on drop: an interrupt stops it too
        let result = tokio::select! {
            r = run_backend(place, label, &o, &danvan) => Some(r),
            _ = stop_signal() => None,
        };
        place.cleanup(o.keep, TAG).await;
        match result {
            Some(Ok(r)) => {
                print_report(&r);
                reports.push(r);
            }
            Some(Err(e)) => {
                elog!("danvan-bench-feedback: {label}: {e:#}");
                failed = true;
            }
            None => {
                elog!("danvan-bench-feedback: interrupted");
                interrupted = true;
            }
        }
    }
    if !reports.is_empty() {
        print_summary(&reports);
    }
    if interrupted {
        std::process::exit(130);
    }
    if reports.iter().any(Report::lost) {
        elog!("danvan-bench-feedback: an acknowledged item is missing or the integrity check failed (see above)");
        std::process::exit(1);
    }
    if failed {
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn the_code_is_read_from_the_notice() {
        let code = danvan_domain::feedback::code::generate([7; 16]);
        let notice = format!("Đã tiếp nhận, mã tra cứu {}: theo dõi tại http://x/phan-anh/tra-cuu bằng mã này; 15 ngày làm việc.", code.as_str());
        assert_eq!(code_in(&notice).as_deref(), Some(code.as_str()));
        // a code whose check symbol does not hold is not one
        let mut forged = code.as_str().to_owned();
        let last = forged.pop().unwrap();
        forged.push(if last == '3' { '4' } else { '3' });
        assert_eq!(code_in(&format!("mã tra cứu {forged}: …")), None);
        assert_eq!(code_in("PA-"), None);
    }

    #[test]
    fn an_acknowledgement_has_an_id_and_a_code() {
        let code = danvan_domain::feedback::code::generate([9; 16]);
        let body = format!(r#"[{{"service_request_id":"42","service_notice":"mã tra cứu {}: …","account_id":null}}]"#, code.as_str());
        assert_eq!(parse_ack(body.as_bytes()), Some((42, code.as_str().to_owned())));
        assert_eq!(parse_ack(br#"[{"code":429,"description":"over the limit"}]"#), None);
        assert_eq!(parse_ack(b"not json"), None);
    }

    #[test]
    fn every_item_has_a_valid_phone_of_its_own() {
        let phones: std::collections::HashSet<String> = (0..1000).chain(KILL_RUN_PHONES..KILL_RUN_PHONES + 1000).map(phone).collect();
        assert_eq!(phones.len(), 2000);
        for p in &phones {
            assert_eq!(danvan_domain::feedback::normalize_phone(p).as_deref(), Some(p.as_str()));
        }
        let body = form("k", "3", 7);
        let pairs: HashMap<String, String> = form_urlencoded::parse(body.as_bytes()).into_owned().collect();
        assert_eq!(pairs["phone"], "0900000007");
        assert_eq!(pairs["attribute[title]"], TITLES[1]);
        assert!(!pairs.contains_key("email"));
    }

    #[test]
    fn acks_are_read_back_as_written() {
        let dir = std::env::temp_dir().join(format!("danvan-bench-feedback-test-{}", random_hex(8)));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("acks.tsv");
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let written = rt.block_on(async {
            let (tx, rx) = mpsc::unbounded_channel();
            let writer = tokio::spawn(write_acks(path.clone(), rx));
            for id in 1..=3 {
                tx.send(Ack { id, code: format!("PA-{id}"), at_ms: 1.0, latency_ms: 2.0 }).unwrap();
            }
            drop(tx);
            writer.await.unwrap().unwrap()
        });
        assert_eq!(written, 3);
        assert_eq!(read_acks(&path).unwrap(), vec![(1, "PA-1".to_owned()), (2, "PA-2".to_owned()), (3, "PA-3".to_owned())]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_address_of_a_url() {
        assert_eq!(addr_of_url("http://127.0.0.1:8080/").unwrap(), "127.0.0.1:8080".parse().unwrap());
        assert_eq!(addr_of_url("http://localhost:9000").unwrap(), "127.0.0.1:9000".parse().unwrap());
        assert!(addr_of_url("https://x").is_err());
    }
}
