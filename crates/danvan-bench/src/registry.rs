//! `danvan-bench-registry`: the statistics of a period of the "Dân vận
//! khéo" registry (`store.registry().statistics`, one grouped statement by
//! field × holder × kind over a unit's subtree) over 100 000 records with
//! five yearly evaluations each, against the naive computation of the same
//! run (`store.registry().statistics_naive`: every record, evaluation,
//! copy and commendation of the period read and tallied in Rust). Times
//! the year 2023 for the whole site, one district and one commune, and the
//! phase 2021–2025 for the whole site (p50/p95/max), checks that both
//! computations give the same figures, and reports PASS/FAIL for the target
//! p95 < 50 ms. SQLite always (a temporary folder), PostgreSQL when a
//! server URL is given (a fresh `danvan_bench_reg_<random>` database,
//! dropped at the end). Run through `bench/registry`; `--help` lists the
//! options.

mod common;
#[allow(dead_code)]
mod words;

use anyhow::{Context, Result, bail};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use common::{Place, db_size_mb, elog, emit, percentile, prepare_places, sorted, stop_signal};
use danvan_domain::registry::stats::{Breakdown, Counts};
use danvan_domain::registry::{CommendationForm, Effectiveness, Field, Holder, ModelKind, Period, Status};
use danvan_store::entity::{registry_commendation, registry_evaluation, registry_model};
use danvan_store::{Actor, Store, bootstrap_site};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, EntityTrait, Set, TransactionTrait};
use std::time::Instant;

const USAGE: &str = "\
Usage: danvan-bench-registry [OPTIONS]

Builds a fresh site (bootstrap_site without samples) and an organisation
tree under its root unit (20 districts of 20 communes, through
store.units().create_unit), then bulk-loads registry records over the
communes (field, holder and kind evenly mixed; the period a year 2019-2023,
or the phase 2021-2025 for about 1 in 7; mostly operating; about 2% copies
of an earlier record), five yearly evaluations per record (2019-2023) and
commendations over those years (proposed only or decided). Times
store.registry().statistics for 2023 (whole site, one district, one
commune) and 2021-2025 (whole site) and, as the baseline,
store.registry().statistics_naive for the same; checks that both give the
same figures. Prints p50/p95/max per query, naive/grouped and PASS/FAIL for
p95 < 50 ms, per backend, as shipped and after ANALYZE; exits 0 even when
the target is missed, 1 when something fails to run or the figures differ.

Options:
  --models N         records to load (default 100000)
  --districts D      districts under the root unit (default 20)
  --communes C       communes under each district (default 20)
  --commendations K  commendations to load (default: a fifth of --models)
  --runs R           timed runs of each grouped query (default 100)
  --warmup W         untimed runs before them (default 5)
  --ref-runs R       timed runs of each naive query (default 5 ...
  --ref-budget S     ... or until S seconds have passed for that query;
                     default 30; at least one run; no warm-up)
  --seed S           generator seed (default 1)
  --no-analyze       skip the second pass after ANALYZE
  --postgres URL     also run on PostgreSQL (default: $DANVAN_TEST_POSTGRES_URL);
                     a database danvan_bench_reg_<random> is created on that
                     server and dropped at the end
  --no-sqlite        skip SQLite
  --keep             keep the databases (prints where they are)
  -h, --help         this text
";

/// Target: statistics of one period p95, on each backend.
const TARGET_P95_MS: f64 = 50.0;
/// Prefix of the progress lines on stderr.
const TAG: &str = "bench/registry";
/// The client address of the administrator's sign-in.
const ADDR: &str = "bench-registry";
/// The years of the records and their evaluations.
const FIRST_YEAR: i32 = 2019;
const LAST_YEAR: i32 = 2023;
/// The phase a record may belong to instead of one year.
const PHASE: Period = Period { start: 2021, end: 2025 };
/// Records per load transaction (with their evaluations).
const BATCH: u64 = 2000;

#[derive(Debug, Clone)]
struct Options {
    models: u64,
    districts: usize,
    communes: usize,
    commendations: Option<u64>,
    runs: usize,
    warmup: usize,
    ref_runs: usize,
    ref_budget_s: f64,
    seed: u64,
    analyze: bool,
    postgres: Option<String>,
    sqlite: bool,
    keep: bool,
}

impl Options {
    fn commendations(&self) -> u64 {
        self.commendations.unwrap_or(self.models / 5)
    }
}

fn parse_args() -> Result<Options> {
    let mut o = Options {
        models: 100_000,
        districts: 20,
        communes: 20,
        commendations: None,
        runs: 100,
        warmup: 5,
        ref_runs: 5,
        ref_budget_s: 30.0,
        seed: 1,
        analyze: true,
        postgres: std::env::var("DANVAN_TEST_POSTGRES_URL").ok().filter(|u| !u.is_empty()),
        sqlite: true,
        keep: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_owned(), Some(v.to_owned())),
            _ => (a.clone(), None),
        };
        let mut value = |name: &str| -> Result<String> {
            inline.clone().or_else(|| args.next()).map(|v| v.replace('_', "")).with_context(|| format!("{name} needs a value"))
        };
        match flag.as_str() {
            "--models" => o.models = value("--models")?.parse().context("--models")?,
            "--districts" => o.districts = value("--districts")?.parse().context("--districts")?,
            "--communes" => o.communes = value("--communes")?.parse().context("--communes")?,
            "--commendations" => o.commendations = Some(value("--commendations")?.parse().context("--commendations")?),
            "--runs" => o.runs = value("--runs")?.parse().context("--runs")?,
            "--warmup" => o.warmup = value("--warmup")?.parse().context("--warmup")?,
            "--ref-runs" => o.ref_runs = value("--ref-runs")?.parse().context("--ref-runs")?,
            "--ref-budget" => o.ref_budget_s = value("--ref-budget")?.parse().context("--ref-budget")?,
            "--seed" => o.seed = value("--seed")?.parse().context("--seed")?,
            "--no-analyze" => o.analyze = false,
            "--postgres" => o.postgres = Some(inline.clone().or_else(|| args.next()).context("--postgres needs a value")?).filter(|u| !u.is_empty()),
            "--no-sqlite" => o.sqlite = false,
            "--keep" => o.keep = true,
            "-h" | "--help" => {
                emit(USAGE);
                std::process::exit(0);
            }
            other => bail!("unknown argument: {other}\n\n{USAGE}"),
        }
    }
    if o.models == 0 || o.districts == 0 || o.communes == 0 || o.runs == 0 || o.ref_runs == 0 {
        bail!("--models, --districts, --communes, --runs and --ref-runs must be at least 1");
    }
    if o.models > i32::MAX as u64 {
        bail!("--models must fit the record ids (at most {})", i32::MAX);
    }
    if !o.ref_budget_s.is_finite() || o.ref_budget_s < 0.0 {
        bail!("--ref-budget must be a number of seconds, 0 or more");
    }
    if !o.sqlite && o.postgres.is_none() {
        bail!("--no-sqlite without --postgres URL (or DANVAN_TEST_POSTGRES_URL): nothing to run");
    }
    Ok(o)
}

fn log(backend: &str, msg: impl AsRef<str>) {
    elog!("[{TAG}] {backend}: {}", msg.as_ref());
}

/// Which unit a timed query counts.
#[derive(Debug, Clone, Copy)]
enum Scope {
    /// Every unit (`unit: None`).
    Site,
    /// The first district and its communes.
    District,
    /// The first commune of the first district.
    Commune,
}

/// The timed queries: (label, period, scope).
const QUERIES: &[(&str, Period, Scope)] = &[
    ("2023, whole site", Period { start: 2023, end: 2023 }, Scope::Site),
    ("2023, one district", Period { start: 2023, end: 2023 }, Scope::District),
    ("2023, one commune", Period { start: 2023, end: 2023 }, Scope::Commune),
    ("2021-2025, whole site", PHASE, Scope::Site),
];

/// The organisation of one backend's site.
struct Site {
    districts: Vec<i32>,
    /// The communes of each district, in the order of `districts`.
    communes: Vec<Vec<i32>>,
}

impl Site {
    fn unit(&self, scope: Scope) -> Option<i32> {
        match scope {
            Scope::Site => None,
            Scope::District => Some(self.districts[0]),
            Scope::Commune => Some(self.communes[0][0]),
        }
    }
}

/// `names[i]`, with a number once the list is used up (names stay distinct).
fn nth_name(names: &[&str], i: usize) -> String {
    let name = names[i % names.len()];
    if i < names.len() { name.to_owned() } else { format!("{name} {}", i / names.len() + 1) }
}

/// The site, its administrator and the tree: districts under the root unit,
/// communes under each, through the store's API.
async fn build_site(store: &Store, o: &Options) -> Result<Site> {
    let site = bootstrap_site(store, false).await.context("bootstrap_site")?.context("the site existed already")?;
    let admin: Actor = store
        .accounts()
        .sign_in(&site.admin_username, &site.admin_password, ADDR, Some("bench"), None)
        .await
        .context("admin signs in")?
        .actor;
    let root = admin.org_unit_id.context("the administrator has no unit")?;
    let mut districts = Vec::new();
    let mut communes = Vec::new();
    for d in 0..o.districts {
        let name = format!("Huyện ủy {}", nth_name(words::DISTRICTS, d));
        let district = store.units().create_unit(&admin, Some(root), &name, "district").await.context("create district")?;
        let mut under = Vec::new();
        for c in 0..o.communes {
            let name = format!("Đảng ủy xã {}", nth_name(words::COMMUNES, d * o.communes + c));
            under.push(store.units().create_unit(&admin, Some(district), &name, "commune").await.context("create commune")?);
        }
        districts.push(district);
        communes.push(under);
    }
    Ok(Site { districts, communes })
}

/// What was loaded.
#[derive(Debug, Default)]
struct Loaded {
    models: u64,
    /// Records of the phase 2021-2025 (the others are of one year).
    phase: u64,
    /// Records copying an earlier one (`replicated_from_id`).
    copies: u64,
    evaluations: u64,
    commendations: u64,
    /// Commendations proposed only (not decided).
    proposed_only: u64,
}

impl Loaded {
    fn rows(&self) -> u64 {
        self.models + self.evaluations + self.commendations
    }
}

/// What the records do (first words of a record's name).
const TOPICS: &[&str] = &[
    "Dân vận khéo trong xây dựng nông thôn mới",
    "Dân vận khéo trong giảm nghèo bền vững",
    "Chung tay xóa nhà tạm, nhà dột nát",
    "Tổ tự quản giữ gìn an ninh trật tự",
    "Dân vận khéo trong chuyển đổi số",
    "Đường hoa nông thôn, xóm làng sáng – xanh – sạch – đẹp",
    "Hỗ trợ đồng bào dân tộc thiểu số phát triển sinh kế",
    "Dân vận chính quyền trong cải cách hành chính",
    "Phụ nữ tiết kiệm giúp nhau phát triển kinh tế",
    "Cựu chiến binh giúp nhau thoát nghèo",
];

/// A status, mostly operating, as a registry's records are.
fn pick_status(rng: &mut StdRng) -> Status {
    match rng.random_range(0..100) {
        0..5 => Status::Registered,
        5..13 => Status::Launched,
        13..80 => Status::Operating,
        80..87 => Status::Replicated,
        87..92 => Status::Consolidating,
        92..95 => Status::Converted,
        _ => Status::Discontinued,
    }
}

/// An evaluation result: mixed, effective the most common.
fn pick_effectiveness(rng: &mut StdRng) -> Effectiveness {
    match rng.random_range(0..4) {
        0 => Effectiveness::NotYetEffective,
        1 | 2 => Effectiveness::Effective,
        _ => Effectiveness::Outstanding,
    }
}

fn day(year: i32, ordinal: u32) -> NaiveDate {
    NaiveDate::from_yo_opt(year, ordinal.clamp(1, 365)).unwrap_or_default()
}

fn at(year: i32, month: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(year, month, d, 8, 0, 0).single().unwrap_or_default()
}

/// Inserts `rows` in statements of `per_statement` rows.
async fn insert_chunks<A, C>(tx: &C, mut rows: Vec<A>, per_statement: usize) -> Result<()>
where
    A: sea_orm::ActiveModelTrait,
    C: ConnectionTrait,
{
    while !rows.is_empty() {
        let rest = rows.split_off(rows.len().min(per_statement));
        let chunk = std::mem::replace(&mut rows, rest);
        <A::Entity as EntityTrait>::insert_many(chunk).exec_without_returning(tx).await?;
    }
    Ok(())
}

/// Loads the records (ids 1..=models, so that a copy names an earlier id),
/// their evaluations and the commendations straight into the registry
/// tables: `BATCH` records with their evaluations per transaction, several
/// hundred rows per INSERT (within the bind-parameter limits of both
/// backends). Deterministic for the seed.
async fn load(conn: &DatabaseConnection, o: &Options, site: &Site, postgres: bool, label: &str) -> Result<Loaded> {
    let mut rng = StdRng::seed_from_u64(o.seed ^ 0x05EC_0D0C);
    let communes: Vec<i32> = site.communes.iter().flatten().copied().collect();
    let mut l = Loaded::default();
    let mut i = 0u64;
    while i < o.models {
        let end = (i + BATCH).min(o.models);
        let tx = conn.begin().await?;
        let mut models = Vec::with_capacity((end - i) as usize);
        let mut evaluations = Vec::with_capacity(5 * (end - i) as usize);
        for n in i..end {
            let id = n as i32 + 1;
            let unit = communes[rng.random_range(0..communes.len())];
            let field = Field::ALL[rng.random_range(0..Field::ALL.len())];
            let holder = Holder::ALL[rng.random_range(0..Holder::ALL.len())];
            let kind = ModelKind::ALL[rng.random_range(0..ModelKind::ALL.len())];
            let period = if rng.random_range(0..7) == 0 {
                l.phase += 1;
                PHASE
            } else {
                Period::year(rng.random_range(FIRST_YEAR..=LAST_YEAR))
            };
            let status = pick_status(&mut rng);
            let replicated_from = (n > 0 && rng.random_range(0..50) == 0).then(|| rng.random_range(1..id));
            l.copies += u64::from(replicated_from.is_some());
            let registered_on = day(period.start, rng.random_range(1..120));
            let individual = holder == Holder::Individual;
            let topic = TOPICS[rng.random_range(0..TOPICS.len())];
            models.push(registry_model::ActiveModel {
                id: Set(id),
                code: Set(format!("DVK-{id:06}")),
                name: Set(match kind {
                    ModelKind::Model => format!("Mô hình “{topic}” số {id}"),
                    ModelKind::Exemplar => format!("Điển hình “{topic}” số {id}"),
                }),
                kind: Set(kind.code().to_owned()),
                holder: Set(holder.code().to_owned()),
                field: Set(field.code().to_owned()),
                org_unit_id: Set(unit),
                area: Set(String::new()),
                period_start: Set(period.start),
                period_end: Set(period.end),
                status: Set(status.code().to_owned()),
                registered_on: Set(Some(registered_on)),
                launched_on: Set((status != Status::Registered).then(|| registered_on + chrono::Duration::days(rng.random_range(10..90)))),
                person_name: Set(if individual { format!("Nguyễn Văn {id}") } else { String::new() }),
                person_position: Set(if individual { "Bí thư chi bộ".to_owned() } else { String::new() }),
                registration: Set("{}".to_owned()),
                is_public: Set(rng.random_range(0..2) == 0),
                approved: Set(rng.random_range(0..10) < 9),
                replicated_from_id: Set(replicated_from),
                converted_to_id: Set(None),
                discontinued_reason: Set(if status == Status::Discontinued { "Không còn phù hợp".to_owned() } else { String::new() }),
                created_at: Set(at(period.start, 1, 15)),
                updated_at: Set(at(period.start.min(LAST_YEAR), 12, 20)),
            });
            for year in FIRST_YEAR..=LAST_YEAR {
                evaluations.push(registry_evaluation::ActiveModel {
                    model_id: Set(id),
                    year: Set(year),
                    effectiveness: Set(pick_effectiveness(&mut rng).code().to_owned()),
                    findings: Set(String::new()),
                    evaluated_by: Set("Ban Dân vận".to_owned()),
                    evaluated_at: Set(at(year, 12, 15)),
                    ..Default::default()
                });
            }
        }
        l.models += models.len() as u64;
        l.evaluations += evaluations.len() as u64;
        insert_chunks(&tx, models, 500).await.context("insert records")?;
        insert_chunks(&tx, evaluations, 2000).await.context("insert evaluations")?;
        tx.commit().await?;
        i = end;
        if i.is_multiple_of(20_000) || i == o.models {
            log(label, format!("  {i} records"));
        }
    }
    let levels = ["xã", "huyện", "tỉnh"];
    let total = o.commendations();
    let mut k = 0u64;
    while k < total {
        let end = (k + 5000).min(total);
        let tx = conn.begin().await?;
        let mut rows = Vec::with_capacity((end - k) as usize);
        for n in k..end {
            let year = rng.random_range(FIRST_YEAR..=LAST_YEAR);
            let proposed_only = rng.random_range(0..10) < 4;
            l.proposed_only += u64::from(proposed_only);
            rows.push(registry_commendation::ActiveModel {
                model_id: Set(rng.random_range(1..=o.models as i32)),
                proposed_only: Set(proposed_only),
                form: Set(CommendationForm::ALL[rng.random_range(0..CommendationForm::ALL.len())].code().to_owned()),
                level: Set(levels[rng.random_range(0..levels.len())].to_owned()),
                conferred_by: Set("Ban Thường vụ Huyện ủy".to_owned()),
                decision_number: Set(if proposed_only { String::new() } else { format!("{}/QĐ-HU", n + 1) }),
                decided_on: Set((!proposed_only).then(|| day(year, rng.random_range(150..360)))),
                year: Set(year),
                note: Set(String::new()),
                created_at: Set(at(year, 11, 1)),
                ..Default::default()
            });
        }
        l.commendations += rows.len() as u64;
        insert_chunks(&tx, rows, 1000).await.context("insert commendations")?;
        tx.commit().await?;
        k = end;
    }
    if postgres {
        // the ids were given: move the sequence past them
        conn.execute_unprepared("SELECT setval(pg_get_serial_sequence('registry_model', 'id'), (SELECT MAX(id) FROM registry_model))")
            .await
            .context("setval")?;
    }
    Ok(l)
}

/// Timings of one query, grouped and naive.
struct Timed {
    label: String,
    /// Records of the period in the scope.
    records: u64,
    /// Sorted, ms.
    grouped_ms: Vec<f64>,
    /// Sorted, ms.
    naive_ms: Vec<f64>,
    /// The totals of both, when they differ somewhere.
    differs: Option<(Counts, Counts)>,
}

impl Timed {
    fn p95(&self) -> f64 {
        percentile(&self.grouped_ms, 95.0)
    }

    fn ratio(&self) -> f64 {
        percentile(&self.naive_ms, 50.0) / percentile(&self.grouped_ms, 50.0)
    }
}

/// `statistics` `o.warmup` times untimed, then `o.runs` times timed.
async fn time_grouped(store: &Store, period: Period, unit: Option<i32>, o: &Options) -> Result<(Breakdown, Vec<f64>)> {
    let mut last = Breakdown::default();
    for _ in 0..o.warmup.max(1) {
        last = store.registry().statistics(period, unit).await.context("statistics")?;
    }
    let mut ms = Vec::with_capacity(o.runs);
    for _ in 0..o.runs {
        let t = Instant::now();
        let r = store.registry().statistics(period, unit).await.context("statistics")?;
        ms.push(t.elapsed().as_secs_f64() * 1000.0);
        std::hint::black_box(&r);
    }
    Ok((last, sorted(&ms)))
}

/// `statistics_naive` `o.ref_runs` times, or until `o.ref_budget_s` have
/// passed (at least once).
async fn time_naive(store: &Store, period: Period, unit: Option<i32>, o: &Options) -> Result<(Breakdown, Vec<f64>)> {
    let mut last = Breakdown::default();
    let mut ms = Vec::new();
    let started = Instant::now();
    while ms.len() < o.ref_runs && (ms.is_empty() || started.elapsed().as_secs_f64() < o.ref_budget_s) {
        let t = Instant::now();
        last = store.registry().statistics_naive(period, unit).await.context("statistics_naive")?;
        ms.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    Ok((last, sorted(&ms)))
}

/// One pass of measurements (as shipped, or after ANALYZE).
struct Pass {
    name: String,
    queries: Vec<Timed>,
}

impl Pass {
    fn worst_p95(&self) -> f64 {
        self.queries.iter().map(Timed::p95).fold(0.0, f64::max)
    }
}

async fn measure(store: &Store, site: &Site, o: &Options, label: &str, name: &str) -> Result<Pass> {
    let mut queries = Vec::new();
    for (qlabel, period, scope) in QUERIES {
        let unit = site.unit(*scope);
        log(label, format!("{name}: {qlabel}: {} warm-up + {} timed runs", o.warmup, o.runs));
        let (grouped, grouped_ms) = time_grouped(store, *period, unit, o).await?;
        log(
            label,
            format!(
                "{name}: {qlabel}: p50 {:.1} ms; naive: up to {} runs or {:.0} s",
                percentile(&grouped_ms, 50.0),
                o.ref_runs,
                o.ref_budget_s
            ),
        );
        let (naive, naive_ms) = time_naive(store, *period, unit, o).await?;
        log(label, format!("{name}: {qlabel}: naive p50 {:.0} ms over {} runs", percentile(&naive_ms, 50.0), naive_ms.len()));
        queries.push(Timed {
            label: (*qlabel).to_owned(),
            records: grouped.total.registered,
            grouped_ms,
            naive_ms,
            differs: (grouped != naive).then_some((grouped.total, naive.total)),
        });
    }
    Ok(Pass { name: name.to_owned(), queries })
}

struct Report {
    backend: &'static str,
    units: usize,
    loaded: Loaded,
    load_s: f64,
    db_mb: f64,
    passes: Vec<Pass>,
}

impl Report {
    fn differs(&self) -> bool {
        self.passes.iter().flat_map(|p| &p.queries).any(|q| q.differs.is_some())
    }
}

async fn run_backend(place: &Place, label: &'static str, o: &Options) -> Result<Report> {
    let url = place.url();
    log(label, format!("fresh database {}", place.describe()));
    let mut store = Store::connect(&url).await.context("connect")?;
    store.migrate().await.context("migrate")?;
    let site = build_site(&store, o).await?;
    let units = site.districts.len() + site.communes.iter().map(Vec::len).sum::<usize>();
    log(label, format!("site: {} districts of {} communes under the root unit", site.districts.len(), o.communes));

    let mut c = ConnectOptions::new(url.clone());
    c.max_connections(1).min_connections(1).sqlx_logging(false);
    let conn = Database::connect(c).await.context("bench connection")?;
    log(
        label,
        format!("loading {} records with 5 evaluations each, {} commendations ({BATCH} records per transaction)", o.models, o.commendations()),
    );
    let t = Instant::now();
    let loaded = load(&conn, o, &site, matches!(place, Place::Postgres { .. }), label).await?;
    let load_s = t.elapsed().as_secs_f64();
    log(label, format!("loaded {} rows in {load_s:.1} s", loaded.rows()));
    // the rows went in behind the store's back: its statistics' facts are
    // rebuilt the way a repair would (timed: part of what a bulk load costs)
    let t = Instant::now();
    let facts = store.registry().rebuild_facts().await.context("rebuild the statistics' facts")?;
    log(label, format!("facts of {facts} records rebuilt in {:.1} s", t.elapsed().as_secs_f64()));
    let db_mb = db_size_mb(place, &conn).await?;

    let mut passes = vec![measure(&store, &site, o, label, "as shipped").await?];
    if o.analyze {
        let t = Instant::now();
        conn.execute_unprepared("ANALYZE").await.context("ANALYZE")?;
        let took = t.elapsed().as_secs_f64();
        // fresh connections, so that the statistics are read
        store.close().await;
        store = Store::connect(&url).await.context("reconnect")?;
        log(label, format!("ANALYZE ({took:.1} s), store reconnected"));
        passes.push(measure(&store, &site, o, label, "after ANALYZE").await?);
    }
    store.close().await;
    let _ = conn.close().await;
    Ok(Report { backend: label, units, loaded, load_s, db_mb, passes })
}

fn pass_fail(p95: f64) -> &'static str {
    if p95 < TARGET_P95_MS { "PASS" } else { "FAIL" }
}

fn print_report(r: &Report) {
    let l = &r.loaded;
    let mut out = String::new();
    let mut line = |s: String| {
        out.push_str(&s);
        out.push('\n');
    };
    line(String::new());
    line(format!("== {} — registry statistics, {} records ==", r.backend, l.models));
    line(format!(
        "data: {} records over {} units under the root ({} of the phase {PHASE}, {} copies), {} evaluations, {} commendations ({} proposed only); \
         loaded in {:.1} s ({:.0} rows/s); database {:.0} MB",
        l.models,
        r.units,
        l.phase,
        l.copies,
        l.evaluations,
        l.commendations,
        l.proposed_only,
        r.load_s,
        l.rows() as f64 / r.load_s,
        r.db_mb
    ));
    for p in &r.passes {
        line(format!("-- {} (grouped: p50/p95/max over the timed runs; naive: statistics_naive) --", p.name));
        line(format!(
            "{:<22} {:>7} {:>8} {:>8} {:>8} {:>10} {:>10} {:>5} {:>9} {:>5}  {}",
            "query", "records", "p50 ms", "p95 ms", "max ms", "naive p50", "naive max", "runs", "naive/grp", "same", "p95 < 50 ms"
        ));
        for q in &p.queries {
            line(format!(
                "{:<22} {:>7} {:>8.2} {:>8.2} {:>8.2} {:>10.0} {:>10.0} {:>5} {:>8.0}x {:>5}  {}",
                q.label,
                q.records,
                percentile(&q.grouped_ms, 50.0),
                q.p95(),
                q.grouped_ms.last().copied().unwrap_or(f64::NAN),
                percentile(&q.naive_ms, 50.0),
                q.naive_ms.last().copied().unwrap_or(f64::NAN),
                q.naive_ms.len(),
                q.ratio(),
                if q.differs.is_some() { "NO" } else { "yes" },
                pass_fail(q.p95())
            ));
        }
        line(format!(
            "target: statistics p95 < {TARGET_P95_MS:.0} ms (worst of the {} queries: {:.2} ms): {}",
            p.queries.len(),
            p.worst_p95(),
            pass_fail(p.worst_p95())
        ));
        for q in p.queries.iter().filter(|q| q.differs.is_some()) {
            if let Some((grouped, naive)) = &q.differs {
                line(format!("error: {}: grouped and naive figures differ; totals grouped {grouped:?}, naive {naive:?}", q.label));
            }
        }
    }
    emit(&out);
}

fn print_summary(reports: &[Report], o: &Options) {
    let mut out = String::new();
    out.push('\n');
    out.push_str(&format!("summary ({} records, 5 evaluations each; grouped p95 per query, ms)\n", o.models));
    out.push_str(&format!(
        "{:<9} {:<14} {:>9} {:>9} {:>9} {:>9} {:>14}  {}\n",
        "backend", "pass", "2023 site", "district", "commune", "phase", "naive/grp p50", "target p95 < 50 ms"
    ));
    for r in reports {
        for p in &r.passes {
            let q = |i: usize| p.queries.get(i).map(Timed::p95).unwrap_or(f64::NAN);
            let ratios: Vec<String> = p.queries.iter().map(|q| format!("{:.0}", q.ratio())).collect();
            out.push_str(&format!(
                "{:<9} {:<14} {:>9.2} {:>9.2} {:>9.2} {:>9.2} {:>14}  {}\n",
                r.backend,
                p.name,
                q(0),
                q(1),
                q(2),
                q(3),
                ratios.join("/"),
                pass_fail(p.worst_p95())
            ));
        }
    }
    out.push_str("(site: 2023, whole site; district: 2023, one district's subtree; commune: 2023, one commune; phase: 2021-2025, whole site)\n");
    emit(&out);
}

#[tokio::main]
async fn main() {
    let o = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            elog!("danvan-bench-registry: {e:#}");
            std::process::exit(2);
        }
    };
    let places = match prepare_places("danvan-bench-registry", TAG, "danvan-bench-registry", "danvan_bench_reg", o.sqlite, o.postgres.as_deref()).await {
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
        let result = tokio::select! {
            r = run_backend(place, label, &o) => Some(r),
            _ = stop_signal() => None,
        };
        place.cleanup(o.keep, TAG).await;
        match result {
            Some(Ok(r)) => {
                print_report(&r);
                reports.push(r);
            }
            Some(Err(e)) => {
                elog!("danvan-bench-registry: {label}: {e:#}");
                failed = true;
            }
            None => {
                elog!("danvan-bench-registry: interrupted");
                interrupted = true;
            }
        }
    }
    if !reports.is_empty() {
        print_summary(&reports, &o);
    }
    if interrupted {
        std::process::exit(130);
    }
    if reports.iter().any(Report::differs) {
        elog!("danvan-bench-registry: the grouped and naive figures differ (see the NO above)");
        std::process::exit(1);
    }
    if failed {
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_stay_distinct_past_the_list() {
        let names: Vec<String> = (0..2 * words::COMMUNES.len()).map(|i| nth_name(words::COMMUNES, i)).collect();
        let distinct: std::collections::HashSet<&String> = names.iter().collect();
        assert_eq!(distinct.len(), names.len());
    }

    #[test]
    fn statuses_are_mostly_operating() {
        let mut rng = StdRng::seed_from_u64(1);
        let operating = (0..10_000).filter(|_| pick_status(&mut rng) == Status::Operating).count();
        assert!((6_000..7_500).contains(&operating), "{operating}");
    }
}
