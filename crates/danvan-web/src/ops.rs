//! Health and metrics for operators (issue 15, scope 5):
//!
//! * `/healthz`: the process answers (`ok`), nothing else is checked.
//! * `/readyz`: the database is reachable, its migrations are current and
//!   the file storage takes a write; `200 ready` with one line per check,
//!   otherwise `503` with `Retry-After` and the line of what failed (each
//!   check given up on after [`CHECK_TIMEOUT`]). For a proxy or an
//!   orchestrator deciding where to send traffic.
//! * `/metrics`: the Prometheus text format (OpenMetrics 1.0, as the
//!   `prometheus-client` crate writes it): requests by route, method and
//!   status, latency histograms by route, the database pools' use, runs
//!   and failures of the background jobs, and the feedback outbox backlog.
//!   Routes are the router's patterns (`/bai-viet/{slug}`), never the
//!   addresses asked for, so the series stay few. On the main listener it
//!   answers only clients on the machine itself (the socket's peer, not a
//!   forwarded address); with `metrics_listen` it is served there to
//!   anyone who reaches it, and no longer on the main listener.

use crate::SharedState;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::{Registry, Unit};
use std::net::SocketAddr;
use std::time::{Duration, Instant};

/// How long `/readyz` waits for each check.
pub const CHECK_TIMEOUT: Duration = Duration::from_secs(2);

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    route: String,
    method: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct PoolLabels {
    pool: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct JobLabels {
    job: String,
    outcome: String,
}

/// What one background job run ended as, for [`Metrics::job`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobOutcome {
    Ok,
    Failed,
}

fn latency_histogram() -> Histogram {
    // 1 ms … about 16 s, doubling
    Histogram::new(exponential_buckets(0.001, 2.0, 15))
}

/// The process's metrics (one per [`crate::AppState`]).
pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: Family<RouteLabels, Histogram, fn() -> Histogram>,
    pool_open: Family<PoolLabels, Gauge>,
    pool_idle: Family<PoolLabels, Gauge>,
    pool_max: Family<PoolLabels, Gauge>,
    jobs: Family<JobLabels, Counter>,
    outbox: Gauge,
}

impl Default for Metrics {
    fn default() -> Self {
        let mut registry = Registry::with_prefix("danvan");
        let requests = Family::<RequestLabels, Counter>::default();
        registry.register("http_requests", "HTTP requests answered, by route pattern, method and status", requests.clone());
        let latency = Family::<RouteLabels, Histogram, fn() -> Histogram>::new_with_constructor(latency_histogram as fn() -> Histogram);
        registry.register_with_unit("http_request_duration", "Time to answer an HTTP request, by route pattern", Unit::Seconds, latency.clone());
        let pool_open = Family::<PoolLabels, Gauge>::default();
        registry.register("db_pool_connections", "Database connections open, by pool", pool_open.clone());
        let pool_idle = Family::<PoolLabels, Gauge>::default();
        registry.register("db_pool_idle_connections", "Database connections open and idle, by pool", pool_idle.clone());
        let pool_max = Family::<PoolLabels, Gauge>::default();
        registry.register("db_pool_max_connections", "Most database connections a pool opens", pool_max.clone());
        let jobs = Family::<JobLabels, Counter>::default();
        registry.register("job_runs", "Background job runs, by job and outcome (ok, failed)", jobs.clone());
        let outbox = Gauge::default();
        registry.register("feedback_outbox_backlog", "Feedback notices waiting to be delivered", outbox.clone());
        Metrics { registry, requests, latency, pool_open, pool_idle, pool_max, jobs, outbox }
    }
}

impl Metrics {
    /// Counts one run of background job `job` (`publish_due`, `feedback`,
    /// `scheduler_lease`).
    pub fn job(&self, job: &str, outcome: JobOutcome) {
        let outcome = match outcome {
            JobOutcome::Ok => "ok",
            JobOutcome::Failed => "failed",
        };
        self.jobs.get_or_create(&JobLabels { job: job.to_owned(), outcome: outcome.to_owned() }).inc();
    }

    fn observe(&self, route: &str, method: &str, status: u16, took: Duration) {
        self.requests.get_or_create(&RequestLabels { route: route.to_owned(), method: method.to_owned(), status }).inc();
        self.latency.get_or_create(&RouteLabels { route: route.to_owned() }).observe(took.as_secs_f64());
    }

    /// The text of a scrape, after reading the pools and the backlog.
    async fn render(&self, state: &SharedState) -> String {
        for (pool, open, idle, max) in state.store.pool_use() {
            let l = PoolLabels { pool: pool.to_owned() };
            self.pool_open.get_or_create(&l).set(i64::from(open));
            self.pool_idle.get_or_create(&l).set(i64::from(idle));
            self.pool_max.get_or_create(&l).set(i64::from(max));
        }
        if let Ok(Ok(n)) = tokio::time::timeout(CHECK_TIMEOUT, state.store.feedback().outbox_backlog()).await {
            self.outbox.set(i64::try_from(n).unwrap_or(i64::MAX));
        }
        let mut out = String::new();
        if let Err(e) = prometheus_client::encoding::text::encode(&mut out, &self.registry) {
            tracing::error!(error = %e, "metrics could not be written");
        }
        out
    }
}

/// Middleware: counts and times every request by its route pattern
/// (`unmatched` for addresses no route has).
pub(crate) async fn observe(State(state): State<SharedState>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let route = req.extensions().get::<MatchedPath>().map_or_else(|| "unmatched".to_owned(), |p| p.as_str().to_owned());
    let method = req.method().as_str().to_owned();
    let response = next.run(req).await;
    state.metrics.observe(&route, &method, response.status().as_u16(), started.elapsed());
    response
}

const METRICS_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

fn metrics_response(text: String) -> Response {
    ([(header::CONTENT_TYPE, HeaderValue::from_static(METRICS_TYPE)), (header::CACHE_CONTROL, HeaderValue::from_static("no-store"))], text).into_response()
}

/// `/metrics` on the main listener: clients on this machine only, and
/// none when a separate listener serves it ([`crate::WebConfig::metrics_elsewhere`]).
pub(crate) async fn metrics_local(State(state): State<SharedState>, req: Request) -> Response {
    let peer = req.extensions().get::<axum::extract::ConnectInfo<SocketAddr>>().map(|c| c.0);
    if state.config.metrics_elsewhere || peer.is_some_and(|p| !p.ip().is_loopback()) {
        return crate::error::AppError::not_found().into_response();
    }
    metrics_response(state.metrics.render(&state).await)
}

/// `/metrics` on the separate listener: anyone who reaches it.
async fn metrics_any(State(state): State<SharedState>) -> Response {
    metrics_response(state.metrics.render(&state).await)
}

/// `/readyz`: see the module doc.
pub(crate) async fn readyz(State(state): State<SharedState>) -> Response {
    let mut lines = Vec::new();
    let mut ready = true;
    match tokio::time::timeout(CHECK_TIMEOUT, state.store.pending_migrations()).await {
        Ok(Ok(0)) => lines.push("database: ok\nmigrations: current".to_owned()),
        Ok(Ok(n)) => {
            ready = false;
            lines.push(format!("database: ok\nmigrations: {n} pending (run `danvan migrate`)"));
        }
        Ok(Err(e)) => {
            ready = false;
            lines.push(format!("database: unreachable ({e})"));
        }
        Err(_) => {
            ready = false;
            lines.push(format!("database: no answer within {} s", CHECK_TIMEOUT.as_secs()));
        }
    }
    if let Some(files) = &state.config.files {
        let key = format!(".readyz/{}", danvan_domain::accounts::random_secret());
        let probe = async {
            files.put(&key, b"ok".to_vec()).await?;
            files.delete(&key).await
        };
        match tokio::time::timeout(CHECK_TIMEOUT, probe).await {
            Ok(Ok(())) => lines.push("storage: writable".to_owned()),
            Ok(Err(e)) => {
                ready = false;
                lines.push(format!("storage: not writable ({e})"));
            }
            Err(_) => {
                ready = false;
                lines.push(format!("storage: no answer within {} s", CHECK_TIMEOUT.as_secs()));
            }
        }
    }
    let body = format!("{}\n{}\n", if ready { "ready" } else { "not ready" }, lines.join("\n"));
    let headers = [(header::CACHE_CONTROL, "no-store"), (header::CONTENT_TYPE, "text/plain; charset=utf-8")];
    if ready {
        (StatusCode::OK, headers, body).into_response()
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, headers, [(header::RETRY_AFTER, "5")], body).into_response()
    }
}

/// The router of the separate operations listener (`metrics_listen`):
/// `/metrics`, `/healthz` and `/readyz`, nothing else.
pub fn router(state: SharedState) -> axum::Router {
    use axum::routing::get;
    axum::Router::new()
        .route("/metrics", get(metrics_any))
        .route("/readyz", get(readyz))
        .route("/healthz", get(|| async { "ok" }))
        .with_state(state)
}

/// Serves [`router`] on `listener` until the process ends (errors are
/// logged: the main listener keeps serving).
pub async fn serve(listener: tokio::net::TcpListener, state: SharedState) {
    if let Err(e) = axum::serve(listener, router(state)).await {
        tracing::error!(error = %e, "metrics listener stopped");
    }
}
