//! danvan's HTTP layer: the axum router, templates, static assets, cookies
//! and security headers. Handlers are thin: parse the request, call one
//! store or domain function, render a template.

mod admin;
pub mod api;
mod assets;
mod cache;
mod documents;
mod error;
pub mod exports;
mod feedback;
mod feedback_files;
mod feedback_public;
pub mod mail;
mod feedback_stats;
mod feeds;
pub mod open311;
mod portal;
mod registry;
mod search;
mod security;
mod kit;
pub mod ops;
mod templates;
pub mod wire;

pub use assets::Assets;
pub use error::{AppError, AppResult};
pub use templates::Templates;

use axum::Router;
use axum::routing::get;
use danvan_store::Store;
use std::path::PathBuf;
use std::sync::Arc;

/// Settings of the web layer.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Folder whose files override the embedded templates one by one
    /// (`base.html`, `article.html`, …). Missing folder: embedded only.
    pub theme_dir: Option<PathBuf>,
    /// Take the client address from `X-Forwarded-For` (only behind a proxy
    /// you run). Default false: the socket's peer address.
    pub trust_proxy_headers: bool,
    /// Mark cookies `Secure` (set when the public URL is https).
    pub secure_cookies: bool,
    /// Public ratings accepted per client (address and browser) per minute,
    /// over all articles: a burst limit above the domain's per-article
    /// `CLIENT_VOTES_PER_HOUR` (20), so readers behind one address are told
    /// that rule's own message first.
    pub rating_limit_per_minute: u32,
    /// Absolute address of the site without a trailing slash, for feeds,
    /// the sitemap, canonical links and Open Graph (e.g.
    /// `https://danvan.example.vn`).
    pub base_url: String,
    /// Where document files live; without it downloads answer 404.
    pub files: Option<danvan_store::FileStore>,
    /// The public holidays the calendar proposes each year from (default:
    /// the Labour Code 2019 rules shipped in `danvan-calendar`).
    pub holiday_rules: Arc<danvan_calendar::HolidayRules>,
    /// When a deadline ends on its due day (local time, UTC+7; default
    /// 17:00).
    pub end_of_working_day: chrono::NaiveTime,
    /// The SMTP relay notices are e-mailed through,
    /// `smtp://[user:password@]host[:port]` (`mail::parse_relay`); without
    /// it they are shown in the back office and logged.
    pub smtp_url: Option<String>,
    /// The sender of those e-mails, e.g. `Ban Dân vận <danvan@example.vn>`.
    pub mail_from: String,
    /// The fewest items owed an answer in a period for a unit to be ranked
    /// on the feedback statistics (default
    /// `danvan_domain::feedback::stats::MIN_SAMPLE`, 5).
    pub feedback_min_sample: u32,
    /// `/metrics` is served by a listener of its own ([`ops::router`],
    /// `metrics_listen`), so the main one answers it 404. Default false:
    /// the main listener serves it to clients on this machine.
    pub metrics_elsewhere: bool,
}

impl Default for WebConfig {
    fn default() -> Self {
        WebConfig {
            theme_dir: None,
            trust_proxy_headers: false,
            secure_cookies: false,
            rating_limit_per_minute: 30,
            base_url: "http://127.0.0.1:8080".to_owned(),
            files: None,
            holiday_rules: Arc::new(danvan_calendar::HolidayRules::default_rules()),
            end_of_working_day: chrono::NaiveTime::from_hms_opt(17, 0, 0).unwrap_or_default(),
            smtp_url: None,
            mail_from: "danvan <danvan@localhost>".to_owned(),
            feedback_min_sample: danvan_domain::feedback::stats::MIN_SAMPLE,
            metrics_elsewhere: false,
        }
    }
}

/// Shared state of every handler.
pub struct AppState {
    pub store: Store,
    pub templates: Templates,
    pub assets: Assets,
    pub config: WebConfig,
    pub(crate) cache: cache::Caches,
    pub(crate) limiter: security::RateLimiter,
    /// Ratings per client address whatever the browser: three times the
    /// per-client limit (several people behind one NAT stay able to vote).
    pub(crate) address_limiter: security::RateLimiter,
    /// Counters and histograms of `/metrics`.
    pub metrics: ops::Metrics,
    /// Compressed answers kept by tag ([`wire`]).
    pub compressed: wire::Compressed,
}

pub type SharedState = Arc<AppState>;

/// Builds the state: loads templates and hashes static assets.
pub fn state(store: Store, config: WebConfig) -> anyhow::Result<SharedState> {
    let assets = Assets::load();
    let templates = Templates::new(config.theme_dir.clone(), &assets)?;
    let limiter = security::RateLimiter::new(config.rating_limit_per_minute);
    let address_limiter = security::RateLimiter::new(config.rating_limit_per_minute.saturating_mul(3));
    Ok(Arc::new(AppState { store, templates, assets, config, cache: cache::Caches::default(), limiter, address_limiter, metrics: ops::Metrics::default(), compressed: wire::Compressed::default() }))
}

impl AppState {
    /// Forgets the cached stamp of an article, so its page is rebuilt on
    /// the next request on this instance (others see it within a second).
    pub(crate) fn cache_forget(&self, slug: &str) {
        self.cache.forget_stamp(slug);
    }

    /// Forgets the cached site details (categories changed).
    pub(crate) fn cache_forget_site(&self) {
        *self.cache.site.write().unwrap_or_else(|e| e.into_inner()) = None;
    }
}

/// How often the scheduler looks for articles whose time has come.
pub const SCHEDULER_TICK: std::time::Duration = std::time::Duration::from_secs(5);

/// Runs the scheduled-publishing job until `shutdown` resolves: every
/// [`SCHEDULER_TICK`] it takes (or renews) the `scheduler` lease in the
/// database and, holding it, publishes the articles that are due. Only one
/// instance holds the lease at a time, so an article is published once;
/// publication never waits for a page visit. The same holder runs the
/// feedback desk's reminders and notices ([`mail::FeedbackJobs`]).
pub async fn run_scheduler(state: SharedState, shutdown: impl std::future::Future<Output = ()>) {
    let holder = format!("{}-{}", std::process::id(), &danvan_domain::accounts::random_secret()[..8]);
    let mut tick = tokio::time::interval(SCHEDULER_TICK);
    let mut feedback = mail::FeedbackJobs::default();
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            _ = &mut shutdown => return,
            _ = tick.tick() => {}
        }
        match state.store.scheduler().acquire_lease("scheduler", &holder, 30).await {
            Ok(true) => {
                match state.store.scheduler().publish_due(danvan_store::now()).await {
                    Ok(slugs) => {
                        state.metrics.job("publish_due", ops::JobOutcome::Ok);
                        for slug in &slugs {
                            state.cache_forget(slug);
                            tracing::info!(article = %slug, "scheduled article published");
                        }
                    }
                    Err(e) => {
                        state.metrics.job("publish_due", ops::JobOutcome::Failed);
                        tracing::error!(error = %e, "scheduler failed");
                    }
                }
                feedback.run(&state).await;
            }
            Ok(false) => {}
            Err(e) => {
                state.metrics.job("scheduler_lease", ops::JobOutcome::Failed);
                tracing::error!(error = %e, "scheduler lease failed");
            }
        }
    }
}

/// The whole application router.
pub fn router(state: SharedState) -> Router {
    Router::new()
        .merge(portal::router())
        .merge(search::router())
        .merge(feeds::router())
        .merge(documents::router())
        .merge(registry::router())
        .merge(feedback::router())
        .merge(feedback_public::router())
        .merge(feedback_stats::router())
        .merge(api::router())
        .merge(open311::router())
        .merge(admin::router())
        .route("/static/{*path}", get(assets::serve))
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(ops::readyz))
        .route("/metrics", get(ops::metrics_local))
        // browsers ask for it whatever the page says
        .route(
            "/favicon.ico",
            get(|axum::extract::State(s): axum::extract::State<SharedState>| async move {
                axum::response::Redirect::permanent(&s.assets.url("favicon.svg"))
            }),
        )
        .fallback(portal::not_found)
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(error::panic_response))
        .layer(axum::middleware::from_fn(kit::input::refuse_control_characters))
        .layer(axum::middleware::from_fn_with_state(state.clone(), error::render_errors))
        .layer(axum::middleware::from_fn(security::headers))
        .layer(axum::middleware::from_fn_with_state(state.clone(), wire::layer))
        .layer(axum::middleware::from_fn_with_state(state.clone(), ops::observe))
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .with_state(state)
}

/// A client must send its request headers within this time, or the
/// connection is closed (a slow-headers client cannot hold connections).
pub const HEADER_READ_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);
/// How long shutdown waits for requests in flight.
pub const SHUTDOWN_GRACE: std::time::Duration = std::time::Duration::from_secs(30);

/// Serves the router on `listener` (HTTP/1.1 with keep-alive, headers read
/// within [`HEADER_READ_TIMEOUT`]) until `shutdown` completes; then stops
/// accepting and lets requests in flight finish, at most [`SHUTDOWN_GRACE`].
/// Each request carries the peer address as `ConnectInfo<SocketAddr>`.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: SharedState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use hyper_util::server::graceful::GracefulShutdown;
    use hyper_util::service::TowerToHyperService;
    use tower::ServiceExt;
    let app = router(state);
    let graceful = GracefulShutdown::new();
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    // e.g. too many open files: wait a little, keep serving
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = &mut shutdown => break,
        };
        let app = app.clone();
        let svc = tower::service_fn(move |mut req: axum::http::Request<hyper::body::Incoming>| {
            req.extensions_mut().insert(axum::extract::ConnectInfo(peer));
            app.clone().oneshot(req.map(axum::body::Body::new))
        });
        let conn = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(HEADER_READ_TIMEOUT)
            .serve_connection(TokioIo::new(stream), TowerToHyperService::new(svc));
        let conn = graceful.watch(conn);
        tokio::spawn(async move {
            if let Err(e) = conn.await {
                tracing::debug!(error = %e, "connection closed with an error");
            }
        });
    }
    drop(listener);
    tokio::select! {
        _ = graceful.shutdown() => {}
        _ = tokio::time::sleep(SHUTDOWN_GRACE) => tracing::warn!("requests still running after the grace period; stopping"),
    }
    Ok(())
}
