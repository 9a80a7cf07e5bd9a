//! `danvan`: the portal and back office of mass-mobilization work in one
//! binary. `danvan serve` (also with no subcommand) runs the portal;
//! `danvan import FILE…` imports articles; `danvan migrate` applies
//! migrations; `danvan config` prints the effective configuration.

mod backup;
mod calendar;
mod config;
mod documents;
mod glossary;
mod import;
mod open311;
mod registry;
mod search;
mod sheet;

use clap::{Args, Parser, Subcommand};
use config::Config;
use danvan_domain::messages::{Lang, t};
use danvan_store::Store;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "danvan", version, about = "Cổng thông tin và nghiệp vụ công tác dân vận / Mass-mobilization portal")]
struct Cli {
    /// Configuration file (default: ./danvan.toml; env DANVAN_CONFIG).
    #[arg(long, global = true, env = "DANVAN_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

/// Flags shared by every command that opens the database.
#[derive(Args, Clone, Default)]
struct StoreArgs {
    /// Data folder (SQLite database, theme, media) [env: DANVAN_DATA_DIR] [default: ./data]
    #[arg(long, global = true)]
    data_dir: Option<PathBuf>,
    /// Database URL: sqlite://… or postgres://… [env: DANVAN_DATABASE_URL]
    #[arg(long, global = true)]
    database_url: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the portal (default command).
    Serve {
        #[command(flatten)]
        store: StoreArgs,
        /// Address to listen on [env: DANVAN_LISTEN] [default: 127.0.0.1:8080]
        #[arg(long)]
        listen: Option<String>,
        /// On a new data folder, do not create the sample site.
        #[arg(long)]
        no_sample: bool,
    },
    /// Import articles from saved portal pages (text) or HTML pages.
    Import {
        #[command(flatten)]
        store: StoreArgs,
        /// Category (its address, e.g. tin-tuc-su-kien); default: the first category.
        #[arg(long)]
        category: Option<String>,
        /// Publication time: 2023-07-25, 25/07/2023 or 2023-07-25T08:00:00+07:00; default: now.
        #[arg(long)]
        published_at: Option<String>,
        /// On a new data folder, do not create the sample site.
        #[arg(long)]
        no_sample: bool,
        /// Files to import.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Apply database migrations and exit.
    Migrate {
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Print the effective configuration (passwords hidden).
    Config {
        #[command(flatten)]
        store: StoreArgs,
    },
    /// The search index: `search reindex` rebuilds it from the database.
    Search {
        #[command(flatten)]
        store: StoreArgs,
        #[command(subcommand)]
        action: search::SearchAction,
    },
    /// The abbreviation glossary: list, set, remove.
    Glossary {
        #[command(flatten)]
        store: StoreArgs,
        #[command(subcommand)]
        action: glossary::GlossaryAction,
    },
    /// Accounts: `user recover NAME` gives NAME a new temporary password and
    /// the administrator role over the whole site (for a lost password or
    /// lost rights).
    User {
        #[command(flatten)]
        store: StoreArgs,
        #[command(subcommand)]
        action: UserAction,
    },
    /// The "Dân vận khéo" registry: import a sheet, statistics.
    Registry {
        #[command(flatten)]
        store: StoreArgs,
        #[command(subcommand)]
        action: registry::RegistryAction,
    },
    /// The lunar calendar and working days: lunar, tet, holidays, deadline.
    Calendar {
        #[command(flatten)]
        store: StoreArgs,
        #[command(subcommand)]
        action: calendar::CalendarAction,
    },
    /// Open311 GeoReport v2: `open311 key create NAME` issues an API key
    /// (printed once), `open311 key revoke NAME`, `open311 key list`.
    Open311 {
        #[command(flatten)]
        store: StoreArgs,
        #[command(subcommand)]
        action: open311::Open311Action,
    },
    /// Back up the whole site (database and files) to one archive while it
    /// serves; `backup check FILE` verifies an archive.
    Backup {
        #[command(flatten)]
        store: StoreArgs,
        /// The archive to write (e.g. danvan-2026-12-04.zip), or `check`.
        file: PathBuf,
        /// With `check`: the archive to verify.
        archive: Option<PathBuf>,
    },
    /// Restore a backup into an empty database (SQLite or PostgreSQL) and
    /// its files; also moves a site between the two.
    Restore {
        #[command(flatten)]
        store: StoreArgs,
        /// The archive made by `danvan backup`.
        file: PathBuf,
        /// Replace a site already in the target (its content is lost).
        #[arg(long)]
        replace: bool,
    },
    /// Document library: import a sheet, list the documents to add, add one.
    Documents {
        #[command(subcommand)]
        action: documents::DocumentsAction,
    },
}

#[derive(clap::Subcommand, Debug)]
enum UserAction {
    /// New temporary password, unlocked, two-step sign-in off, and the
    /// administrator, approver, editor and registry officer roles over the first root unit.
    Recover {
        /// The user name (e.g. admin).
        username: String,
    },
}

fn apply(cfg: &mut Config, s: &StoreArgs) {
    if let Some(d) = &s.data_dir {
        cfg.data_dir = d.clone();
    }
    if let Some(u) = &s.database_url {
        cfg.database_url = Some(u.clone());
    }
}

/// Opens the store, creating the data folder, migrating, and creating the
/// site (with samples unless `no_sample`) on first use. The administrator's
/// generated password is printed once.
pub(crate) async fn open_store(cfg: &Config, with_samples: bool) -> anyhow::Result<Store> {
    let store = connect_store(cfg).await?;
    set_up_store(store, with_samples).await
}

/// Creates the data folder and connects to the database, without
/// migrating.
async fn connect_store(cfg: &Config) -> anyhow::Result<Store> {
    std::fs::create_dir_all(&cfg.data_dir)
        .map_err(|e| anyhow::anyhow!("cannot create data folder {}: {e}", cfg.data_dir.display()))?;
    let url = cfg.database_url()?;
    match Store::connect(&url).await {
        Ok(store) => Ok(store),
        Err(danvan_store::StoreError::Damaged { problem }) => Err(damaged(cfg, &problem)),
        Err(e) => Err(anyhow::anyhow!("{}: {e}", config::redact_url(&url))),
    }
}

/// The message for a damaged database file, in both languages.
fn damaged(cfg: &Config, problem: &str) -> anyhow::Error {
    let file = cfg.database_url().map(|u| config::redact_url(&u)).unwrap_or_default();
    let args: [(&str, &dyn std::fmt::Display); 2] = [("file", &file), ("problem", &problem)];
    anyhow::anyhow!(
        "{} / {}",
        danvan_domain::messages::format("serve.database_damaged", Lang::Vi, &args),
        danvan_domain::messages::format("serve.database_damaged", Lang::En, &args)
    )
}

/// Holds the data folder for this `serve` until the process ends: an
/// exclusive lock on `<data_dir>/danvan-serve.lock` (released by the system when
/// the process ends, also on a crash). A second `serve` on the same folder
/// (and so on the same SQLite file and search index) is refused with a
/// clear message instead of sharing them.
fn hold_data_folder(dir: &std::path::Path) -> anyhow::Result<std::fs::File> {
    std::fs::create_dir_all(dir).map_err(|e| anyhow::anyhow!("cannot create data folder {}: {e}", dir.display()))?;
    let path = dir.join("danvan-serve.lock");
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| anyhow::anyhow!("cannot open {}: {e}", path.display()))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => {
            let shown = dir.display().to_string();
            let args: [(&str, &dyn std::fmt::Display); 1] = [("dir", &shown)];
            anyhow::bail!(
                "{} / {}",
                danvan_domain::messages::format("serve.data_in_use", Lang::Vi, &args),
                danvan_domain::messages::format("serve.data_in_use", Lang::En, &args)
            )
        }
        Err(std::fs::TryLockError::Error(e)) => anyhow::bail!("cannot lock {}: {e}", path.display()),
    }
}

/// Refuses a damaged SQLite file ([`Store::damage`]) before anything
/// writes to it.
async fn refuse_damaged(store: &Store, cfg: &Config) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    if let Some(problem) = store.damage().await? {
        return Err(damaged(cfg, &problem));
    }
    if store.backend() == danvan_store::Backend::Sqlite {
        tracing::info!(ms = started.elapsed().as_millis() as u64, "{}", t("serve.database_checked", Lang::En));
    }
    Ok(())
}

/// Migrates, fills the glossary, brings the search index up to date and
/// creates the site on first use.
async fn set_up_store(store: Store, with_samples: bool) -> anyhow::Result<Store> {
    // one instance at a time on a shared database
    let lock = store.setting_up().await?;
    let store = set_up_store_held(store, with_samples).await?;
    lock.release().await?;
    Ok(store)
}

async fn set_up_store_held(store: Store, with_samples: bool) -> anyhow::Result<Store> {
    store.migrate().await?;
    store.glossary().ensure_glossary(danvan_text::abbrev::DEFAULT_GLOSSARY).await?;
    let indexed = store.search().ensure_search_index().await?;
    if indexed > 0 {
        tracing::info!(indexed, "search index brought up to date");
    }
    if let Some(created) = danvan_store::bootstrap_site(&store, with_samples).await? {
        eprintln!("{}", t("serve.admin_created", Lang::Vi));
        eprintln!("{}", t("serve.admin_created", Lang::En));
        eprintln!("  username: {}", created.admin_username);
        eprintln!("  password: {}", created.admin_password);
        if with_samples {
            let rules = danvan_calendar::HolidayRules::default_rules();
            let calendar = store.calendar().working_calendar(&rules).await?;
            store.feedback().seed_samples(&calendar, danvan_store::now()).await?;
        }
    }
    store.accounts().ensure_editorial_defaults().await?;
    Ok(store)
}

/// The log format of this process (`log_format`), set once after the
/// configuration is read.
static LOG_FORMAT: std::sync::OnceLock<config::LogFormat> = std::sync::OnceLock::new();

fn init_logging(filter: &str) {
    let filter = tracing_subscriber::EnvFilter::try_new(filter)
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    use std::io::IsTerminal;
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    let _ = match LOG_FORMAT.get().copied().unwrap_or_default() {
        config::LogFormat::Json => builder.json().flatten_event(true).try_init(),
        config::LogFormat::Text => builder.with_ansi(std::io::stderr().is_terminal()).try_init(),
    };
}

/// Installs the handlers for Ctrl-C and (on Unix) SIGTERM at once and
/// returns the future that ends on the first of them.
///
/// Called before the "listening" line is printed: a signal sent as soon as
/// that line is read must stop the server gracefully, not kill it with the
/// default action (the handlers used to be installed on the first poll of
/// the accept loop, which a busy machine could reach after the signal).
fn shutdown_signal() -> std::io::Result<impl std::future::Future<Output = ()> + Send + 'static> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut int = signal(SignalKind::interrupt())?;
        let mut term = signal(SignalKind::terminate())?;
        Ok(async move {
            tokio::select! { _ = int.recv() => {}, _ = term.recv() => {} }
            eprintln!("{} / {}", t("serve.stopping", Lang::Vi), t("serve.stopping", Lang::En));
        })
    }
    #[cfg(not(unix))]
    {
        Ok(async {
            let _ = tokio::signal::ctrl_c().await;
            eprintln!("{} / {}", t("serve.stopping", Lang::Vi), t("serve.stopping", Lang::En));
        })
    }
}

async fn serve(cfg: Config, with_samples: bool) -> anyhow::Result<()> {
    // the address first: a start that cannot listen creates nothing (and does
    // not use up the one-time administrator password)
    // settings that cannot be used stop the start before anything is created
    let holiday_rules = std::sync::Arc::new(cfg.holiday_rules()?);
    let end_of_working_day = cfg.end_of_working_day()?;
    let feedback_min_sample = cfg.feedback_min_sample()?;
    let listener = tokio::net::TcpListener::bind(&cfg.listen)
        .await
        .map_err(|e| anyhow::anyhow!("không nghe được trên / cannot listen on {}: {e}", cfg.listen))?;
    let ops_listener = match cfg.metrics_listen.as_deref().filter(|a| !a.trim().is_empty()) {
        Some(a) => Some(
            tokio::net::TcpListener::bind(a)
                .await
                .map_err(|e| anyhow::anyhow!("không nghe được trên / cannot listen on {a} (metrics_listen): {e}"))?,
        ),
        None => None,
    };
    let _held = hold_data_folder(&cfg.data_dir)?;
    let store = connect_store(&cfg).await?;
    refuse_damaged(&store, &cfg).await?;
    let store = set_up_store(store, with_samples).await?;
    let store = search::start(store, &cfg).await?;
    let addr = listener.local_addr()?;
    let web = danvan_web::WebConfig {
        theme_dir: Some(cfg.theme_dir()),
        trust_proxy_headers: cfg.trust_proxy_headers,
        secure_cookies: cfg.secure_cookies(),
        base_url: cfg.public_url.as_deref().map(|u| u.trim_end_matches('/').to_owned()).unwrap_or_else(|| format!("http://{addr}")),
        files: Some(danvan_store::FileStore::local(&cfg.files_dir())?),
        holiday_rules,
        end_of_working_day,
        smtp_url: cfg.smtp_url.clone().filter(|u| !u.trim().is_empty()),
        mail_from: cfg.mail_from.clone(),
        feedback_min_sample,
        metrics_elsewhere: ops_listener.is_some(),
        ..Default::default()
    };
    if let Some(url) = &web.smtp_url
        && danvan_web::mail::parse_relay(url).is_none()
    {
        anyhow::bail!("{}: smtp_url = {}", t("serve.smtp_url_invalid", Lang::Vi), config::redact_url(url));
    }
    let state = danvan_web::state(store.clone(), web)?;
    if let Some(listener) = ops_listener {
        let ops_addr = listener.local_addr()?;
        tokio::spawn(danvan_web::ops::serve(listener, state.clone()));
        tracing::info!(addr = %ops_addr, "metrics, healthz and readyz listening");
    }
    let stop = shutdown_signal()?;
    println!("{} http://{addr}", t("serve.listening", Lang::Vi));
    tracing::info!(%addr, "listening");
    let scheduler = tokio::spawn(danvan_web::run_scheduler(state.clone(), std::future::pending()));
    let served = danvan_web::serve(listener, state, stop).await;
    scheduler.abort();
    served?;
    store.close().await;
    Ok(())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut cfg = match Config::load(cli.config.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("danvan: cấu hình không hợp lệ / invalid configuration: {e}");
            return ExitCode::from(2);
        }
    };
    let _ = LOG_FORMAT.set(cfg.log_format);
    let rt = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("danvan: {e}");
            return ExitCode::FAILURE;
        }
    };
    let command = cli.command.unwrap_or(Command::Serve { store: StoreArgs::default(), listen: None, no_sample: false });
    let result: anyhow::Result<ExitCode> = rt.block_on(async move {
        match command {
            Command::Serve { store, listen, no_sample } => {
                apply(&mut cfg, &store);
                if let Some(l) = listen {
                    cfg.listen = l;
                }
                init_logging(&cfg.log);
                serve(cfg, !no_sample).await.map(|_| ExitCode::SUCCESS)
            }
            Command::Import { store, category, published_at, no_sample, files } => {
                apply(&mut cfg, &store);
                init_logging("warn,sqlx=error,sea_orm=error,sea_orm_migration=error");
                let opts = match import::options(category, published_at.as_deref()) {
                    Ok(o) => o,
                    Err(msg) => {
                        eprintln!("danvan import: {msg}");
                        return Ok(ExitCode::from(2));
                    }
                };
                let s = open_store(&cfg, !no_sample).await?;
                let code = import::run(&s, &files, &opts).await;
                s.close().await;
                Ok(code)
            }
            Command::Migrate { store } => {
                apply(&mut cfg, &store);
                init_logging(&cfg.log);
                let url = cfg.database_url()?;
                std::fs::create_dir_all(&cfg.data_dir)?;
                let s = Store::connect(&url).await?;
                s.migrate().await?;
                for m in s.applied_migrations().await? {
                    println!("{m}");
                }
                Ok(ExitCode::SUCCESS)
            }
            Command::Config { store } => {
                apply(&mut cfg, &store);
                println!("{cfg:#?}");
                println!("effective database: {}", config::redact_url(&cfg.database_url()?));
                Ok(ExitCode::SUCCESS)
            }
            Command::Documents { action } => documents::run(action, cfg).await,
            Command::Registry { store, action } => {
                apply(&mut cfg, &store);
                init_logging("warn,sqlx=error,sea_orm=error,sea_orm_migration=error");
                registry::run(action, &cfg).await
            }
            Command::Calendar { store, action } => {
                apply(&mut cfg, &store);
                init_logging("warn,sqlx=error,sea_orm=error,sea_orm_migration=error");
                calendar::run(action, &cfg).await
            }
            Command::User { store, action: UserAction::Recover { username } } => {
                apply(&mut cfg, &store);
                init_logging("warn,sqlx=error,sea_orm=error,sea_orm_migration=error");
                let s = open_store(&cfg, true).await?;
                let r = s.accounts().recover_admin(&username).await;
                s.close().await;
                match r {
                    Ok(password) => {
                        println!("{}", danvan_domain::messages::format("usercli.recovered", Lang::Vi, &[("username", &username)]));
                        println!("{password}");
                        Ok(ExitCode::SUCCESS)
                    }
                    Err(e) => {
                        eprintln!("{}: {username} [{}]", t(e.code(), Lang::Vi), e.code());
                        Ok(ExitCode::from(1))
                    }
                }
            }
            Command::Open311 { store, action } => {
                apply(&mut cfg, &store);
                init_logging("warn,sqlx=error,sea_orm=error,sea_orm_migration=error");
                let s = open_store(&cfg, true).await?;
                let code = open311::run(&s, action).await;
                s.close().await;
                code
            }
            Command::Backup { store, file, archive } => {
                apply(&mut cfg, &store);
                init_logging("warn,sqlx=error,sea_orm=error,sea_orm_migration=error");
                if file.as_os_str() == "check" {
                    let Some(archive) = archive else { anyhow::bail!("danvan backup check FILE") };
                    return backup::check(&archive);
                }
                if let Some(extra) = archive {
                    anyhow::bail!("danvan backup FILE: one archive, not {}", extra.display());
                }
                let url = cfg.database_url()?;
                if let Some(path) = url.strip_prefix("sqlite://")
                    && !Path::new(path).exists()
                {
                    // connecting would create an empty database to back up
                    anyhow::bail!("{}: {path}: không có cơ sở dữ liệu / no database there", t("backup.failed", Lang::Vi));
                }
                let s = connect_store(&cfg).await?;
                let code = backup::backup(&s, &cfg, &file).await;
                s.close().await;
                code
            }
            Command::Restore { store, file, replace } => {
                apply(&mut cfg, &store);
                init_logging("warn,sqlx=error,sea_orm=error,sea_orm_migration=error");
                // a bad archive is told before anything of the target is made
                let manifest = match danvan_store::Store::check_backup(&file) {
                    Ok(m) => m,
                    Err(e) => anyhow::bail!("{} / {}: {e}", t("backup.restore_failed", Lang::Vi), t("backup.restore_failed", Lang::En)),
                };
                // not while a server uses this data folder
                let _held = hold_data_folder(&cfg.data_dir)?;
                let s = connect_store(&cfg).await?;
                let code = backup::restore(&s, &cfg, &file, manifest, replace).await;
                s.close().await;
                code
            }
            Command::Search { store, action } => {
                apply(&mut cfg, &store);
                init_logging(&cfg.log);
                search::run(action, cfg).await
            }
            Command::Glossary { store, action } => {
                apply(&mut cfg, &store);
                init_logging("warn,sqlx=error,sea_orm=error,sea_orm_migration=error");
                let s = open_store(&cfg, true).await?;
                let code = glossary::run(&s, action).await;
                s.close().await;
                code
            }
        }
    });
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("danvan: {e:#}");
            ExitCode::FAILURE
        }
    }
}
