//! `danvan-bench-search`: loads synthetic Vietnamese articles into a fresh
//! database (through `Store::import_article` as long as that keeps up, then
//! through the bench's bulk loader), then times a fixed query mix through
//! `Store::search` (the search engine, built from the database on disk and
//! timed) and, as the baseline, through a naive `LIKE` scan of the folded
//! columns; then recall@10 of phrases planted in single articles and the
//! time to publish one article on the full database. SQLite always (a temporary folder), PostgreSQL when
//! a server URL is given (a fresh `danvan_bench_<random>` database, dropped at
//! the end). Run through `bench/search`; `--help` lists the options.

mod baseline;
mod bulk;
#[allow(dead_code)]
mod common;
mod engine;
mod generator;
mod words;

use anyhow::{Context, Result, bail};
use chrono::{DateTime, Duration, SubsecRound, Utc};
use danvan_store::{Backend, ImportOptions, ImportOutcome, SearchFilter, Store, bootstrap_site};
use common::{Place, db_size_mb, elog, emit, percentile, random_hex, redact, sorted, stop_signal};
use generator::Generator;
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseBackend};
use std::collections::HashMap;
use std::time::Instant;

const USAGE: &str = "\
Usage: danvan-bench-search [OPTIONS]

Loads synthetic Vietnamese articles into a fresh database, then measures
search latency (Store::search, page 1 of 10) against a naive LIKE scan, on
SQLite and, when a server is given, on PostgreSQL. Prints a table per
backend; exits 0 even when the target is missed, non-zero when something
fails to run.

Loading: the first articles go through Store::import_article one by one
(as the portal imports them); the rest through the bench's bulk loader (the
same rows, a thousand per transaction, without related lists), because
import_article grows slower with every article (see bench/README.md). Then a
few more go through Store::import_article on the full database.

Options:
  --articles N         articles to load (default 100000)
  --seed S             generator seed (default 1)
  --import-articles K  at most K of them through Store::import_article
                       (default: all of them ...
  --import-budget S    ... until S seconds have passed; default 30)
  --tail-imports M     then M more through Store::import_article on the full
                       database (default 3 ...
  --tail-budget S      ... or until S seconds have passed; default 30)
  --rounds R           timed rounds of the query mix through Store::search
                       (default 20: 20 x 28 queries = 560 searches ...
  --search-budget S    ... or stop after the round that passes S seconds;
                       default 90; at least one full round runs)
  --like-rounds R      timed rounds of the LIKE baseline (default: as --rounds)
  --like-budget S      stop the LIKE baseline after the round that passes S
                       seconds (default 60); at least one full round runs
  --no-analyze         search without the statistics upkeep (SQLite ANALYZE,
                       PostgreSQL VACUUM ANALYZE) run after loading
  --planted P          articles given a phrase of their own, each searched
                       with and without marks for recall@10 (default 100)
  --publish N          articles published one by one on the full database,
                       timed (default 5)
  --postgres URL       also run on PostgreSQL (default: $DANVAN_TEST_POSTGRES_URL);
                       a database danvan_bench_<random> is created on that
                       server and dropped at the end
  --no-sqlite          skip SQLite
  --keep               keep the databases (prints where they are)
  -h, --help           this text
";

/// Targets (issue 14): Store::search p95 at 100 000 articles, and at
/// 1 000 000; recall@10 of planted phrases; publishing one article.
const TARGET_P95_MS: f64 = 20.0;
const TARGET_ARTICLES: u64 = 100_000;
const TARGET_P95_MS_1M: f64 = 50.0;
const TARGET_ARTICLES_1M: u64 = 1_000_000;
const TARGET_RECALL: f64 = 0.99;
const TARGET_PUBLISH_MS: f64 = 100.0;

#[derive(Debug, Clone)]
struct Options {
    articles: u64,
    seed: u64,
    rounds: usize,
    search_budget_s: f64,
    like_rounds: usize,
    like_budget_s: f64,
    postgres: Option<String>,
    sqlite: bool,
    keep: bool,
    import_articles: u64,
    import_budget_s: f64,
    tail_imports: u64,
    tail_budget_s: f64,
    analyze: bool,
    planted: usize,
    publish: usize,
}

fn parse_args() -> Result<Options> {
    let mut o = Options {
        articles: 100_000,
        seed: 1,
        rounds: 20,
        search_budget_s: 90.0,
        like_rounds: 0,
        like_budget_s: 60.0,
        postgres: std::env::var("DANVAN_TEST_POSTGRES_URL").ok().filter(|u| !u.is_empty()),
        sqlite: true,
        keep: false,
        import_articles: 100_000,
        import_budget_s: 30.0,
        tail_imports: 3,
        tail_budget_s: 30.0,
        analyze: true,
        planted: 100,
        publish: 5,
    };
    let mut like_rounds = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_owned(), Some(v.to_owned())),
            _ => (a.clone(), None),
        };
        let mut value = |name: &str| -> Result<String> {
            inline.clone().or_else(|| args.next()).with_context(|| format!("{name} needs a value"))
        };
        match flag.as_str() {
            "--articles" => o.articles = value("--articles")?.replace('_', "").parse().context("--articles")?,
            "--seed" => o.seed = value("--seed")?.parse().context("--seed")?,
            "--rounds" => o.rounds = value("--rounds")?.parse().context("--rounds")?,
            "--search-budget" => o.search_budget_s = value("--search-budget")?.parse().context("--search-budget")?,
            "--like-rounds" => like_rounds = Some(value("--like-rounds")?.parse().context("--like-rounds")?),
            "--like-budget" => o.like_budget_s = value("--like-budget")?.parse().context("--like-budget")?,
            "--postgres" => o.postgres = Some(value("--postgres")?).filter(|u| !u.is_empty()),
            "--no-sqlite" => o.sqlite = false,
            "--import-articles" => o.import_articles = value("--import-articles")?.replace('_', "").parse().context("--import-articles")?,
            "--import-budget" => o.import_budget_s = value("--import-budget")?.parse().context("--import-budget")?,
            "--tail-imports" => o.tail_imports = value("--tail-imports")?.parse().context("--tail-imports")?,
            "--tail-budget" => o.tail_budget_s = value("--tail-budget")?.parse().context("--tail-budget")?,
            "--no-analyze" => o.analyze = false,
            "--planted" => o.planted = value("--planted")?.parse().context("--planted")?,
            "--publish" => o.publish = value("--publish")?.parse().context("--publish")?,
            "--keep" => o.keep = true,
            "-h" | "--help" => {
                emit(USAGE);
                std::process::exit(0);
            }
            other => bail!("unknown argument: {other}\n\n{USAGE}"),
        }
    }
    o.like_rounds = like_rounds.unwrap_or(o.rounds);
    if o.rounds == 0 || o.like_rounds == 0 {
        bail!("--rounds and --like-rounds must be at least 1");
    }
    if o.articles == 0 {
        bail!("--articles must be at least 1");
    }
    for (name, v) in [
        ("--search-budget", o.search_budget_s),
        ("--like-budget", o.like_budget_s),
        ("--import-budget", o.import_budget_s),
        ("--tail-budget", o.tail_budget_s),
    ] {
        if !v.is_finite() || v < 0.0 {
            bail!("{name} must be a number of seconds, 0 or more");
        }
    }
    if !o.sqlite && o.postgres.is_none() {
        bail!("--no-sqlite without --postgres URL (or DANVAN_TEST_POSTGRES_URL): nothing to run");
    }
    Ok(o)
}

/// A filter of the query mix, resolved per backend.
#[derive(Debug, Clone, Copy)]
enum MixFilter {
    None,
    Category(&'static str),
    /// Published from `.0` days before the anchor until `.1` days before it.
    DaysAgo(i64, i64),
}

/// The fixed query mix: (query as typed, filter, what it exercises).
const MIX: &[(&str, MixFilter, &str)] = &[
    ("dân", MixFilter::None, "common word"),
    ("dan van", MixFilter::None, "2 words, no marks"),
    ("dân vận", MixFilter::None, "2 words"),
    ("DÂN VẬN KHÉO", MixFilter::None, "3 words, capitals"),
    ("dan van kheo", MixFilter::None, "3 words, no marks"),
    ("\"dân vận khéo\"", MixFilter::None, "quoted phrase"),
    ("DTTS", MixFilter::None, "abbreviation"),
    ("đồng bào dân tộc thiểu số", MixFilter::None, "expansion of DTTS"),
    ("nông th", MixFilter::None, "prefix while typing"),
    ("nông thôn mới", MixFilter::None, "3 words (NTM)"),
    ("Mặt trận Tổ quốc", MixFilter::None, "3 words (MTTQ)"),
    ("MTTQ", MixFilter::None, "abbreviation"),
    ("hội nghị", MixFilter::None, "2 words"),
    ("tuyên truyền", MixFilter::None, "2 words"),
    ("KT-XH", MixFilter::None, "hyphenated abbreviation"),
    ("quốc phòng an ninh", MixFilter::None, "expansion of QP-AN"),
    ("kon ray", MixFilter::None, "place, no marks"),
    ("Kon Rẫy", MixFilter::None, "place"),
    ("Brâu", MixFilter::None, "rare word"),
    ("hoà giải", MixFilter::None, "old tone placement"),
    ("văn hoá", MixFilter::None, "old tone placement"),
    ("thuỷ lợi", MixFilter::None, "old tone placement"),
    ("Nguyễn Thị Qúy", MixFilter::None, "byline, misspelt tone"),
    ("metaverse", MixFilter::None, "no result"),
    ("hiến đất làm đường", MixFilter::Category("dan-van-kheo"), "category filter"),
    ("trả lời kiến nghị cử tri", MixFilter::Category("doi-thoai-voi-nhan-dan"), "category filter"),
    ("mô hình", MixFilter::DaysAgo(730, 365), "date range (one year)"),
    ("giảm nghèo", MixFilter::DaysAgo(180, 0), "date range (last 6 months)"),
];

fn filter_label(f: MixFilter) -> String {
    match f {
        MixFilter::None => String::new(),
        MixFilter::Category(s) => format!("category {s}"),
        MixFilter::DaysAgo(a, b) => format!("{a}..{b} days ago"),
    }
}

/// Figures of one backend.
struct Report {
    backend: &'static str,
    articles: u64,
    /// Store::import_article on the fresh database: per-article ms.
    import_ms: Vec<f64>,
    unchanged: u64,
    bulk_articles: u64,
    bulk_secs: f64,
    check: (usize, Vec<String>),
    upkeep: String,
    /// The engine built from the database: entries, seconds, bytes on disk.
    index_entries: usize,
    index_secs: f64,
    index_bytes: u64,
    /// Planted phrases found on the first page, of those asked.
    recall: (usize, usize),
    /// Publishing one article on the full database: ms each, found after.
    publish_ms: Vec<f64>,
    publish_found: usize,
    db_mb: f64,
    search: Vec<Vec<f64>>,
    search_rounds_done: usize,
    hits: Vec<usize>,
    like: Vec<Vec<f64>>,
    like_rows: Vec<usize>,
    like_rounds_done: usize,
    /// Store::import_article once the database is full: per-article ms.
    tail_ms: Vec<f64>,
}

impl Report {
    fn all(v: &[Vec<f64>]) -> Vec<f64> {
        sorted(&v.iter().flatten().copied().collect::<Vec<_>>())
    }
}

fn log(backend: &str, msg: impl AsRef<str>) {
    elog!("[bench/search] {backend}: {}", msg.as_ref());
}

fn mean(v: &[f64]) -> f64 {
    if v.is_empty() { f64::NAN } else { v.iter().sum::<f64>() / v.len() as f64 }
}

/// Imports articles `from..` one by one through `Store::import_article`
/// while fewer than `max` and `budget_s` has not passed (at least one);
/// returns per-article ms, the number recognised as unchanged, and the
/// slugs of the first 50.
async fn import_one_by_one(
    store: &Store,
    g: &Generator,
    label: &str,
    from: u64,
    max: u64,
    budget_s: f64,
) -> Result<(Vec<f64>, u64, Vec<String>)> {
    let mut ms = Vec::new();
    let mut unchanged = 0;
    let mut slugs = Vec::new();
    let started = Instant::now();
    let mut last = Instant::now();
    for i in from..from + max {
        if i > from && started.elapsed().as_secs_f64() >= budget_s {
            break;
        }
        let a = g.article(i);
        let opts = ImportOptions { category_slug: Some(a.category_slug.to_owned()), published_at: Some(a.published_at) };
        let t = Instant::now();
        let out = store.imports().import_article(&a.article, &opts).await.with_context(|| format!("import article {i}"))?;
        ms.push(t.elapsed().as_secs_f64() * 1000.0);
        match out {
            ImportOutcome::Imported { slug } if slugs.len() < 50 => slugs.push(slug),
            ImportOutcome::Imported { .. } => {}
            ImportOutcome::Unchanged { .. } => unchanged += 1,
        }
        if last.elapsed().as_secs_f64() >= 15.0 {
            log(label, format!("Store::import_article: {} imported, last one {:.0} ms", ms.len(), ms[ms.len() - 1]));
            last = Instant::now();
        }
    }
    Ok((ms, unchanged, slugs))
}

async fn run_backend(place: &Place, label: &'static str, o: &Options, g: &Generator, anchor: DateTime<Utc>) -> Result<Report> {
    let url = place.url();
    log(label, format!("fresh database {}", place.describe()));
    // the engine's folder, as `serve` keeps it beside the database
    let index_dir = std::env::temp_dir().join(format!("danvan-bench-search-index-{}", random_hex(12)));
    let index = std::sync::Arc::new(danvan_search::SearchIndex::open(&index_dir).context("open the search index")?);
    let mut store = Store::connect(&url).await.context("connect")?.with_search_index(index.clone());
    store.migrate().await.context("migrate")?;
    let site = bootstrap_site(&store, true).await.context("bootstrap the sample site")?.context("a fresh database has no site")?;
    let admin = store.accounts().sign_in(&site.admin_username, &site.admin_password, "bench", None, None).await.context("sign in")?.actor;
    store.glossary().ensure_glossary(danvan_text::abbrev::DEFAULT_GLOSSARY).await.context("glossary")?;
    let categories: HashMap<String, i32> = store.units().categories().await?.into_iter().map(|c| (c.slug, c.id)).collect();

    // ------------------------------------- 1. Store::import_article, fresh
    let first = o.import_articles.min(o.articles);
    log(
        label,
        format!("Store::import_article one by one: up to {first} articles or {:.0} s", o.import_budget_s),
    );
    let (import_ms, unchanged, slugs) = import_one_by_one(&store, g, label, 0, first, o.import_budget_s).await?;
    let imported = import_ms.len() as u64;
    log(label, format!("{imported} articles imported in {:.1} s", import_ms.iter().sum::<f64>() / 1000.0));

    // ----------------------------------------------- 2. bulk, the rest
    let (conn, backend) = match place {
        Place::Sqlite { dir } => {
            let mut c = ConnectOptions::new(format!("sqlite://{}", dir.join("danvan.db").display()));
            c.max_connections(1).min_connections(1).sqlx_logging(false);
            (Database::connect(c).await.context("open the SQLite file")?, DatabaseBackend::Sqlite)
        }
        Place::Postgres { .. } => {
            let mut c = ConnectOptions::new(url.clone());
            c.max_connections(1).min_connections(1).sqlx_logging(false);
            (Database::connect(c).await.context("connect")?, DatabaseBackend::Postgres)
        }
    };
    let rest = imported..o.articles;
    log(label, format!("bulk loader: articles {}..{} ({} per transaction)", rest.start, rest.end, bulk::BATCH));
    let bulk_started = Instant::now();
    let mut last = Instant::now();
    let total = rest.end - rest.start;
    let bulk_articles = bulk::load(&conn, g, rest, &categories, |done| {
        if last.elapsed().as_secs_f64() >= 15.0 || done == total {
            log(label, format!("bulk: {done}/{total}, {:.0} articles/s", done as f64 / bulk::secs(bulk_started)));
            last = Instant::now();
        }
    })
    .await?;
    let bulk_secs = bulk::secs(bulk_started);
    let check = bulk::check_against_store(&conn, &slugs).await?;
    for d in &check.1 {
        log(label, format!("warning: the bulk loader's search fields differ from the store's: {d}"));
    }

    // ------------------------------------------- 3. planted phrases
    let (first_id, last_id): (i32, i32) = {
        let row = conn
            .query_one_raw(sea_orm::Statement::from_string(backend, "SELECT MIN(id) AS lo, MAX(id) AS hi FROM article"))
            .await?
            .context("no articles")?;
        (row.try_get("", "lo")?, row.try_get("", "hi")?)
    };
    let planted = engine::plant(&conn, backend, first_id, last_id, o.planted, o.seed).await?;
    log(label, format!("planted {} phrases in articles {first_id}..{last_id}", planted.len()));

    // ------------------------------------------------------- 4. upkeep
    let upkeep = match (place, store.backend()) {
        (Place::Sqlite { .. }, Backend::Sqlite) => {
            if o.analyze {
                store.close().await;
                let t = Instant::now();
                conn.execute_unprepared("ANALYZE").await.context("ANALYZE")?;
                let took = t.elapsed().as_secs_f64();
                store = Store::connect(&url).await.context("reconnect")?.with_search_index(index.clone());
                format!("ANALYZE ({took:.1} s; the store never runs it), then the store reconnected")
            } else {
                "none (--no-analyze: as shipped)".to_owned()
            }
        }
        _ => {
            if o.analyze {
                // what autovacuum does shortly after a bulk load
                let t = Instant::now();
                conn.execute_unprepared("VACUUM ANALYZE").await.context("VACUUM ANALYZE")?;
                format!("VACUUM ANALYZE ({:.1} s; what autovacuum does after a bulk load)", t.elapsed().as_secs_f64())
            } else {
                "none (--no-analyze)".to_owned()
            }
        }
    };
    log(label, format!("upkeep: {upkeep}"));

    // ------------------------------------- 5. the engine, from the database
    log(label, "building the search engine from the database (danvan search reindex does the same)");
    let t = Instant::now();
    let mut last = Instant::now();
    let index_entries = store
        .search()
        .rebuild_engine(|done, total| {
            if last.elapsed().as_secs_f64() >= 15.0 || done == total {
                log(label, format!("engine: {done}/{total} entries, {:.0}/s", done as f64 / bulk::secs(t)));
                last = Instant::now();
            }
        })
        .await
        .context("build the engine")?;
    let index_secs = bulk::secs(t);
    // as `serve` runs it: a follower reads the change log, searches do not
    let _follower = store.search().follow_changes(danvan_store::FOLLOW_EVERY);
    let index_bytes = engine::folder_bytes(&index_dir);
    let db_mb = db_size_mb(place, &conn).await?;

    // -------------------------------------------- 4. Store::search, mix
    let filters: Vec<SearchFilter> = MIX
        .iter()
        .map(|(_, f, _)| match *f {
            MixFilter::None => Ok(SearchFilter::default()),
            MixFilter::Category(slug) => Ok(SearchFilter {
                category_id: Some(*categories.get(slug).with_context(|| format!("no category {slug}"))?),
                ..Default::default()
            }),
            MixFilter::DaysAgo(from, until) => Ok(SearchFilter {
                from: Some(anchor - Duration::days(from)),
                until: Some(anchor - Duration::days(until) + Duration::seconds(1)),
                ..Default::default()
            }),
        })
        .collect::<Result<_>>()?;

    log(
        label,
        format!(
            "Store::search: 1 warm-up round + up to {} timed rounds of {} queries (budget {:.0} s, at least one round)",
            o.rounds,
            MIX.len(),
            o.search_budget_s
        ),
    );
    let mut hits = vec![0usize; MIX.len()];
    let warm = Instant::now();
    for (k, (q, _, _)) in MIX.iter().enumerate() {
        hits[k] = store.search().query(q, &filters[k], 1, 10).await.with_context(|| format!("search {q:?}"))?.total;
    }
    log(label, format!("warm-up round: {:.1} s", bulk::secs(warm)));
    let mut search = vec![Vec::with_capacity(o.rounds); MIX.len()];
    let started = Instant::now();
    let mut last = Instant::now();
    let mut search_rounds_done = 0;
    for round in 0..o.rounds {
        for (k, (q, _, _)) in MIX.iter().enumerate() {
            let t = Instant::now();
            let page = store.search().query(q, &filters[k], 1, 10).await.with_context(|| format!("search {q:?}"))?;
            search[k].push(t.elapsed().as_secs_f64() * 1000.0);
            std::hint::black_box(page);
        }
        search_rounds_done = round + 1;
        if last.elapsed().as_secs_f64() >= 15.0 {
            log(label, format!("Store::search round {search_rounds_done} done, {:.0} s", bulk::secs(started)));
            last = Instant::now();
        }
        if bulk::secs(started) >= o.search_budget_s {
            break;
        }
    }
    log(label, format!("Store::search: {search_rounds_done} rounds in {:.1} s", bulk::secs(started)));
    let recall = engine::recall(&store, &planted).await?;
    log(label, format!("recall@10 of planted phrases: {}/{}", recall.0, recall.1));

    // ------------------------------------------------ 5. LIKE baseline
    log(
        label,
        format!(
            "LIKE scan: 1 warm-up query + up to {} timed rounds (budget {:.0} s, at least one round)",
            o.like_rounds, o.like_budget_s
        ),
    );
    let now = danvan_store::now();
    baseline::like_search(&conn, backend, MIX[0].0, &filters[0], now).await.context("LIKE warm-up")?;
    let mut like = vec![Vec::new(); MIX.len()];
    let mut like_rows = vec![0usize; MIX.len()];
    let started = Instant::now();
    let mut like_rounds_done = 0;
    for round in 0..o.like_rounds {
        for (k, (q, _, _)) in MIX.iter().enumerate() {
            let t = Instant::now();
            let rows = baseline::like_search(&conn, backend, q, &filters[k], now)
                .await
                .with_context(|| format!("LIKE {q:?}"))?;
            like[k].push(t.elapsed().as_secs_f64() * 1000.0);
            like_rows[k] = rows.len();
        }
        like_rounds_done = round + 1;
        log(label, format!("LIKE round {} done, {:.0} s", like_rounds_done, started.elapsed().as_secs_f64()));
        if started.elapsed().as_secs_f64() >= o.like_budget_s {
            break;
        }
    }
    let _ = conn.close().await;

    // ------------------- 6. Store::import_article, full database
    let mut tail_ms = Vec::new();
    if o.tail_imports > 0 {
        log(
            label,
            format!(
                "Store::import_article on the full database: up to {} articles or {:.0} s",
                o.tail_imports, o.tail_budget_s
            ),
        );
        let (ms, _, _) = import_one_by_one(&store, g, label, o.articles, o.tail_imports, o.tail_budget_s).await?;
        tail_ms = ms;
    }
    log(label, format!("publishing {} articles one by one on the full database", o.publish));
    let (publish_ms, publish_found) = engine::publish(&store, &admin, o.publish).await?;
    store.close().await;
    drop(index);
    if o.keep {
        elog!("[bench/search] {label}: search index kept in {}", index_dir.display());
    } else {
        let _ = std::fs::remove_dir_all(&index_dir);
    }

    Ok(Report {
        backend: label,
        articles: imported + bulk_articles - unchanged,
        import_ms,
        unchanged,
        bulk_articles,
        bulk_secs,
        check,
        upkeep,
        index_entries,
        index_secs,
        index_bytes,
        recall,
        publish_ms,
        publish_found,
        db_mb,
        search,
        search_rounds_done,
        hits,
        like,
        like_rows,
        like_rounds_done,
        tail_ms,
    })
}

fn print_report(r: &Report, o: &Options) {
    let s = Report::all(&r.search);
    let l = Report::all(&r.like);
    let (s50, s95, l50, l95) = (percentile(&s, 50.0), percentile(&s, 95.0), percentile(&l, 50.0), percentile(&l, 95.0));
    let mut out = String::new();
    let mut line = |t: String| {
        out.push_str(&t);
        out.push('\n');
    };
    let row = |name: &str, value: String| format!("{name:<46} {value:>14}");
    line(String::new());
    line(format!(
        "bench/search — {}: {} synthetic articles (seed {}), {} CPUs, {}",
        r.backend,
        o.articles,
        o.seed,
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
        Utc::now().format("%Y-%m-%d %H:%M:%SZ")
    ));
    line(String::new());
    line("load".to_owned());
    let n_imp = r.import_ms.len();
    let imp_secs = r.import_ms.iter().sum::<f64>() / 1000.0;
    line(row("  Store::import_article on the fresh database", format!("{n_imp} articles")));
    line(row("    articles/s", format!("{:.1}", n_imp as f64 / imp_secs.max(1e-9))));
    let tenth = (n_imp / 10).max(1);
    if n_imp > 0 {
        line(row(
            &format!("    ms per article, first {tenth} / last {tenth}"),
            format!("{:.1} / {:.1}", mean(&r.import_ms[..tenth.min(n_imp)]), mean(&r.import_ms[n_imp - tenth.min(n_imp)..])),
        ));
    }
    line(row("  bench bulk loader (the rest)", format!("{} articles", r.bulk_articles)));
    line(row("    articles/s", format!("{:.1}", r.bulk_articles as f64 / r.bulk_secs.max(1e-9))));
    line(row(
        "    search fields = the store's (checked)",
        if r.check.1.is_empty() { format!("yes ({} articles)", r.check.0) } else { format!("NO: {} differences", r.check.1.len()) },
    ));
    if !r.tail_ms.is_empty() {
        line(row(
            &format!("  Store::import_article at {} articles", r.articles),
            format!("{} articles", r.tail_ms.len()),
        ));
        line(row("    ms per article (mean)", format!("{:.1}", mean(&r.tail_ms))));
        line(row("    articles/s", format!("{:.2}", 1000.0 / mean(&r.tail_ms))));
    }
    line(row("  articles in the database", format!("{}", r.articles)));
    line(row("  database size on disk (MB)", format!("{:.1}", r.db_mb)));
    line(format!("upkeep before searching: {}", r.upkeep));
    line(String::new());
    line("search engine (built from the database, on disk)".to_owned());
    line(row("  entries", format!("{}", r.index_entries)));
    line(row("  entries/s", format!("{:.0}", r.index_entries as f64 / r.index_secs.max(1e-9))));
    line(row("  index size on disk (MB)", format!("{:.1}", r.index_bytes as f64 / 1e6)));
    line(String::new());
    line(format!("{:<46} {:>14}   {:<8} {}", "measure", "value", "target", "result"));
    line(format!("{:<46} {:>14}   {:<8} {}", "-".repeat(46), "-".repeat(14), "-".repeat(8), "------"));
    line(row("Store::search timed searches", format!("{} ({} rounds)", s.len(), r.search_rounds_done)));
    line(row("Store::search p50 (ms)", format!("{s50:.3}")));
    let (limit, at) = if o.articles >= TARGET_ARTICLES_1M { (TARGET_P95_MS_1M, TARGET_ARTICLES_1M) } else { (TARGET_P95_MS, TARGET_ARTICLES) };
    let verdict = if s95 < limit { "PASS" } else { "FAIL" };
    let result = if o.articles == at { verdict.to_owned() } else { format!("{verdict} (the target is at {at} articles)") };
    line(format!("{}   {:<8} {}", row("Store::search p95 (ms)", format!("{s95:.3}")), format!("< {limit:.0}"), result));
    let recall = r.recall.0 as f64 / r.recall.1.max(1) as f64;
    line(format!(
        "{}   {:<8} {}",
        row("recall@10 of planted phrases", format!("{:.3} ({}/{})", recall, r.recall.0, r.recall.1)),
        format!(">= {TARGET_RECALL}"),
        if recall >= TARGET_RECALL { "PASS" } else { "FAIL" }
    ));
    if !r.publish_ms.is_empty() {
        let p = sorted(&r.publish_ms);
        let median = percentile(&p, 50.0);
        line(format!(
            "{}   {:<8} {}",
            row(&format!("publish one article, median of {} (ms)", p.len()), format!("{median:.1} (max {:.1})", p[p.len() - 1])),
            format!("< {TARGET_PUBLISH_MS:.0}"),
            if median < TARGET_PUBLISH_MS { "PASS" } else { "FAIL" }
        ));
        line(row("  found by search right after publishing", format!("{}/{}", r.publish_found, p.len())));
    }
    line(row("LIKE scan timed searches", format!("{} ({} rounds)", l.len(), r.like_rounds_done)));
    line(row("LIKE scan p50 (ms)", format!("{l50:.3}")));
    line(row("LIKE scan p95 (ms)", format!("{l95:.3}")));
    line(row("ratio LIKE p50 / search p50", format!("{:.1}", l50 / s50)));
    line(row("ratio LIKE p95 / search p95", format!("{:.1}", l95 / s95)));
    line(String::new());
    line(format!(
        "{:<28} {:<26} {:>5} {:>9} {:>9} {:>10} {:>4}",
        "query", "filter / what", "hits", "p50 ms", "p95 ms", "LIKE p50", "rows"
    ));
    for (k, (q, f, what)) in MIX.iter().enumerate() {
        let ss = sorted(&r.search[k]);
        let ls = sorted(&r.like[k]);
        let fl = filter_label(*f);
        let desc = if fl.is_empty() { (*what).to_owned() } else { fl };
        line(format!(
            "{:<28} {:<26} {:>5} {:>9.3} {:>9.3} {:>10.1} {:>4}",
            q,
            desc,
            r.hits[k],
            percentile(&ss, 50.0),
            percentile(&ss, 95.0),
            percentile(&ls, 50.0),
            r.like_rows[k]
        ));
    }
    line("(hits: Store::search total, exact; rows: rows of the LIKE scan, at most 10)".to_owned());
    if r.unchanged > 0 {
        line(format!("warning: {} generated articles were recognised as duplicates", r.unchanged));
    }
    emit(&out);
}

#[tokio::main]
async fn main() {
    let o = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            elog!("danvan-bench-search: {e:#}");
            std::process::exit(2);
        }
    };
    let anchor = Utc::now().trunc_subsecs(0);
    let g = Generator::new(o.seed, anchor);
    let mut places: Vec<(&'static str, Place)> = Vec::new();
    if o.sqlite {
        let dir = std::env::temp_dir().join(format!("danvan-bench-search-{}", random_hex(12)));
        if let Err(e) = std::fs::create_dir_all(&dir) {
            elog!("danvan-bench-search: cannot create {}: {e}", dir.display());
            std::process::exit(1);
        }
        places.push(("sqlite", Place::Sqlite { dir }));
    }
    if let Some(admin_url) = &o.postgres {
        let db = format!("danvan_bench_{}", random_hex(12));
        match Database::connect(admin_url.as_str()).await {
            Ok(admin) => {
                let created = admin.execute_unprepared(&format!("CREATE DATABASE \"{db}\"")).await;
                let _ = admin.close().await;
                if let Err(e) = created {
                    elog!("danvan-bench-search: cannot create database {db} on {}: {e}", redact(admin_url));
                    std::process::exit(1);
                }
            }
            Err(e) => {
                elog!("danvan-bench-search: cannot connect to {}: {e}", redact(admin_url));
                std::process::exit(1);
            }
        }
        places.push(("postgres", Place::Postgres { admin_url: admin_url.clone(), db }));
    } else {
        elog!("[bench/search] PostgreSQL skipped: give --postgres URL or DANVAN_TEST_POSTGRES_URL");
    }

    let mut failed = false;
    let mut interrupted = false;
    let mut reports = Vec::new();
    for (label, place) in &places {
        if interrupted || failed {
            place.cleanup(false, "bench/search").await;
            continue;
        }
        let result = tokio::select! {
            r = run_backend(place, label, &o, &g, anchor) => Some(r),
            _ = stop_signal() => None,
        };
        place.cleanup(o.keep, "bench/search").await;
        match result {
            Some(Ok(r)) => {
                print_report(&r, &o);
                reports.push(r);
            }
            Some(Err(e)) => {
                elog!("danvan-bench-search: {label}: {e:#}");
                failed = true;
            }
            None => {
                elog!("danvan-bench-search: interrupted");
                interrupted = true;
            }
        }
    }
    if reports.len() > 1 {
        let mut out = String::new();
        out.push('\n');
        out.push_str(&format!("summary ({} articles)\n", o.articles));
        out.push_str(&format!(
            "{:<9} {:>11} {:>11} {:>9} {:>9} {:>9} {:>10} {:>10} {:>9} {:>9}\n",
            "backend", "import/s *", "import/s N", "bulk/s", "p50 ms", "p95 ms", "LIKE p50", "LIKE p95", "LIKE/p50", "LIKE/p95"
        ));
        for r in &reports {
            let s = Report::all(&r.search);
            let l = Report::all(&r.like);
            out.push_str(&format!(
                "{:<9} {:>11.1} {:>11.2} {:>9.0} {:>9.3} {:>9.3} {:>10.1} {:>10.1} {:>9.1} {:>9.1}\n",
                r.backend,
                r.import_ms.len() as f64 * 1000.0 / r.import_ms.iter().sum::<f64>().max(1e-9),
                if r.tail_ms.is_empty() { f64::NAN } else { 1000.0 / mean(&r.tail_ms) },
                r.bulk_articles as f64 / r.bulk_secs.max(1e-9),
                percentile(&s, 50.0),
                percentile(&s, 95.0),
                percentile(&l, 50.0),
                percentile(&l, 95.0),
                percentile(&l, 50.0) / percentile(&s, 50.0),
                percentile(&l, 95.0) / percentile(&s, 95.0)
            ));
        }
        out.push_str("(* Store::import_article on the fresh database; N: on the full database; bulk: the bench's bulk loader)\n");
        emit(&out);
    }
    if interrupted {
        std::process::exit(130);
    }
    if failed {
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::common::with_database;

    #[test]
    fn percentiles_by_nearest_rank() {
        let v: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(percentile(&v, 50.0), 50.0);
        assert_eq!(percentile(&v, 95.0), 95.0);
        assert_eq!(percentile(&[3.0], 95.0), 3.0);
    }

    #[test]
    fn urls() {
        assert_eq!(with_database("postgres://u@h:5432/test?sslmode=disable", "x"), "postgres://u@h:5432/x?sslmode=disable");
        assert_eq!(redact("postgres://u:secret@h/db"), "postgres://u:***@h/db");
        assert_eq!(redact("postgres://postgres@127.0.0.1:5432/test"), "postgres://postgres@127.0.0.1:5432/test");
    }

    #[test]
    fn mix_is_large_enough() {
        assert!(MIX.len() * 20 >= 500);
    }
}
