//! Configuration: defaults < `danvan.toml` < `DANVAN_*` environment variables
//! < command-line flags.

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The effective configuration.
#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Address and port to listen on (`DANVAN_LISTEN`).
    pub listen: String,
    /// Folder of the SQLite database, theme and media (`DANVAN_DATA_DIR`).
    pub data_dir: PathBuf,
    /// `sqlite://…` or `postgres://…` (`DANVAN_DATABASE_URL`); default: the
    /// SQLite file `danvan.db` in the data folder.
    pub database_url: Option<String>,
    /// Folder of template overrides (`DANVAN_THEME_DIR`); default `<data_dir>/theme`.
    pub theme_dir: Option<PathBuf>,
    /// Folder of the search index of `serve` (`DANVAN_SEARCH_INDEX_DIR`);
    /// default `<data_dir>/search-index`. Rebuilt from the database when
    /// missing; one per instance, never shared.
    pub search_index_dir: Option<PathBuf>,
    /// Trust `X-Forwarded-For` from a reverse proxy (`DANVAN_TRUST_PROXY_HEADERS`).
    pub trust_proxy_headers: bool,
    /// The public address, e.g. `https://danvan.example.vn` (`DANVAN_PUBLIC_URL`);
    /// an https address makes cookies `Secure`.
    pub public_url: Option<String>,
    /// Log filter (`DANVAN_LOG`), e.g. `info` or `danvan=debug`.
    pub log: String,
    /// A TOML file of public-holiday rules replacing the shipped ones
    /// (`DANVAN_HOLIDAY_RULES`; format: `danvan-calendar/data/holidays.toml`).
    pub holiday_rules: Option<PathBuf>,
    /// When the working day ends, `HH:MM` at UTC+7: the instant of a
    /// deadline on its due date (`DANVAN_END_OF_WORKING_DAY`, default 17:00).
    pub end_of_working_day: String,
    /// The SMTP relay for the feedback desk's e-mails,
    /// `smtp://[user:password@]host[:port]` (`DANVAN_SMTP_URL`); without it
    /// notices are shown in the back office and logged.
    pub smtp_url: Option<String>,
    /// The sender of those e-mails (`DANVAN_MAIL_FROM`).
    pub mail_from: String,
    /// A second address for `/metrics`, `/healthz` and `/readyz` alone
    /// (`DANVAN_METRICS_LISTEN`, e.g. `127.0.0.1:9090`); when set, the main
    /// listener no longer serves `/metrics`. Default: none, and the main
    /// listener serves `/metrics` to clients on the machine itself.
    pub metrics_listen: Option<String>,
    /// `text` (default) or `json`: one JSON object per log line
    /// (`DANVAN_LOG_FORMAT`), for a log collector.
    pub log_format: LogFormat,
    /// The feedback desk (`[feedback]` in `danvan.toml`).
    pub feedback: FeedbackConfig,
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// For people: time, level, target, message and fields.
    #[default]
    Text,
    /// One JSON object per line.
    Json,
}

/// The feedback desk's settings.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FeedbackConfig {
    /// The fewest items owed an answer in a period for a unit to be ranked
    /// on the statistics; a unit with fewer is listed as "too few"
    /// (`[feedback] min_sample`, `DANVAN_FEEDBACK_MIN_SAMPLE`; default 5,
    /// `danvan_domain::feedback::stats::MIN_SAMPLE`; at least 1).
    pub min_sample: u32,
}

impl Default for FeedbackConfig {
    fn default() -> Self {
        FeedbackConfig { min_sample: danvan_domain::feedback::stats::MIN_SAMPLE }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            listen: "127.0.0.1:8080".to_owned(),
            data_dir: PathBuf::from("./data"),
            database_url: None,
            theme_dir: None,
            search_index_dir: None,
            trust_proxy_headers: false,
            public_url: None,
            log: "info,sqlx=warn,sea_orm=warn,sea_orm_migration=warn".to_owned(),
            holiday_rules: None,
            end_of_working_day: "17:00".to_owned(),
            smtp_url: None,
            mail_from: "danvan <danvan@localhost>".to_owned(),
            metrics_listen: None,
            log_format: LogFormat::Text,
            feedback: FeedbackConfig::default(),
        }
    }
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("listen", &self.listen)
            .field("data_dir", &self.data_dir)
            .field("database_url", &self.database_url.as_deref().map(redact_url))
            .field("theme_dir", &self.theme_dir)
            .field("search_index_dir", &self.search_index_dir)
            .field("trust_proxy_headers", &self.trust_proxy_headers)
            .field("public_url", &self.public_url)
            .field("log", &self.log)
            .field("holiday_rules", &self.holiday_rules)
            .field("end_of_working_day", &self.end_of_working_day)
            .field("smtp_url", &self.smtp_url.as_deref().map(redact_url))
            .field("mail_from", &self.mail_from)
            .field("metrics_listen", &self.metrics_listen)
            .field("log_format", &self.log_format)
            .field("feedback", &self.feedback)
            .finish()
    }
}

/// Hides the password of a database URL: `postgres://u:secret@h/db` →
/// `postgres://u:***@h/db`.
pub fn redact_url(url: &str) -> String {
    let url = &redact_query_password(url);
    if let Some((scheme, rest)) = url.split_once("://")
        && let Some((cred, host)) = rest.split_once('@')
        && let Some((user, _)) = cred.split_once(':')
    {
        return format!("{scheme}://{user}:***@{host}");
    }
    url.to_owned()
}

/// Hides `password=…` in a URL's query string.
fn redact_query_password(url: &str) -> String {
    let Some((base, query)) = url.split_once('?') else { return url.to_owned() };
    let parts: Vec<String> = query
        .split('&')
        .map(|p| match p.split_once('=') {
            Some((k, _)) if k.eq_ignore_ascii_case("password") => format!("{k}=***"),
            _ => p.to_owned(),
        })
        .collect();
    format!("{base}?{}", parts.join("&"))
}

impl Config {
    /// Loads defaults, then `file` (default `./danvan.toml`, ignored when
    /// missing), then the environment.
    // figment's own error, as large as it is: it names the setting and where
    // it came from, and figment::Jail (the tests) works with it
    #[allow(clippy::result_large_err)]
    pub fn load(file: Option<&Path>) -> Result<Config, figment::Error> {
        let file = file.map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("danvan.toml"));
        Figment::from(Serialized::defaults(Config::default()))
            .merge(Toml::file(file))
            .merge(Env::prefixed("DANVAN_").only(&[
                "listen",
                "data_dir",
                "database_url",
                "theme_dir",
                "search_index_dir",
                "trust_proxy_headers",
                "public_url",
                "log",
                "holiday_rules",
                "end_of_working_day",
                "smtp_url",
                "mail_from",
                "metrics_listen",
                "log_format",
            ]))
            // a nested setting: DANVAN_FEEDBACK_MIN_SAMPLE is [feedback] min_sample
            .merge(Env::prefixed("DANVAN_FEEDBACK_").only(&["min_sample"]).map(|k| format!("feedback.{k}").into()))
            .extract()
    }

    /// The database URL in force.
    pub fn database_url(&self) -> std::io::Result<String> {
        match &self.database_url {
            Some(u) if !u.trim().is_empty() => Ok(u.clone()),
            _ => {
                let dir = std::path::absolute(&self.data_dir)?;
                Ok(format!("sqlite://{}", dir.join("danvan.db").display()))
            }
        }
    }

    pub fn theme_dir(&self) -> PathBuf {
        self.theme_dir.clone().unwrap_or_else(|| self.data_dir.join("theme"))
    }

    /// Folder of the search index: `search_index_dir`, else `<data_dir>/search-index`.
    pub fn search_index_dir(&self) -> PathBuf {
        self.search_index_dir.clone().unwrap_or_else(|| self.data_dir.join("search-index"))
    }

    /// Folder of uploaded files (document files): `<data_dir>/files`.
    pub fn files_dir(&self) -> PathBuf {
        self.data_dir.join("files")
    }

    /// The holiday rules: the file of `holiday_rules`, else the shipped ones.
    ///
    /// Errors: the file cannot be read, or `file:line: what is wrong`.
    pub fn holiday_rules(&self) -> anyhow::Result<danvan_calendar::HolidayRules> {
        let Some(path) = &self.holiday_rules else { return Ok(danvan_calendar::HolidayRules::default_rules()) };
        let what = "tệp quy định ngày nghỉ lễ (holiday_rules) / holiday rules file";
        let text = std::fs::read_to_string(path).map_err(|e| anyhow::anyhow!("{what} {}: {e}", path.display()))?;
        danvan_calendar::HolidayRules::parse(&text).map_err(|e| match e {
            danvan_calendar::CalendarError::Rules { line, message } => anyhow::anyhow!("{what} {}:{line}: {message}", path.display()),
            other => anyhow::anyhow!("{what} {}: {other}", path.display()),
        })
    }

    /// [`Config::end_of_working_day`] as a time.
    ///
    /// Errors: not `HH:MM` (00:00–23:59).
    pub fn end_of_working_day(&self) -> anyhow::Result<chrono::NaiveTime> {
        chrono::NaiveTime::parse_from_str(self.end_of_working_day.trim(), "%H:%M")
            .map_err(|_| {
                anyhow::anyhow!(
                    "end_of_working_day = {:?} (danvan.toml / DANVAN_END_OF_WORKING_DAY): viết HH:MM, ví dụ 17:00 / write HH:MM, e.g. 17:00",
                    self.end_of_working_day
                )
            })
    }

    /// [`FeedbackConfig::min_sample`], checked.
    ///
    /// Errors: 0 (every unit would be ranked on any sample, even none).
    pub fn feedback_min_sample(&self) -> anyhow::Result<u32> {
        match self.feedback.min_sample {
            0 => Err(anyhow::anyhow!(
                "[feedback] min_sample = 0 (danvan.toml / DANVAN_FEEDBACK_MIN_SAMPLE): ít nhất là 1 / at least 1"
            )),
            n => Ok(n),
        }
    }

    pub fn secure_cookies(&self) -> bool {
        self.public_url.as_deref().is_some_and(|u| u.starts_with("https://"))
    }
}

#[cfg(test)]
#[allow(clippy::result_large_err)] // figment::Jail's closures return figment's error
mod tests {
    use super::*;

    #[test]
    fn redacts() {
        assert_eq!(redact_url("postgres://u:secret@h:5432/db"), "postgres://u:***@h:5432/db");
        assert_eq!(redact_url("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(redact_url("sqlite:///x/danvan.db"), "sqlite:///x/danvan.db");
        assert_eq!(redact_url("postgres://u@h/db?password=qwerty&x=1"), "postgres://u@h/db?password=***&x=1");
    }

    #[test]
    fn unknown_settings_are_refused() {
        figment::Jail::expect_with(|jail| {
            jail.create_file("danvan.toml", "holiday_rule = \"x.toml\"")?;
            let e = Config::load(None).expect_err("refused");
            assert!(e.to_string().contains("holiday_rule"), "{e}");
            jail.create_file("danvan.toml", "[calendar]\nholiday_rules = \"x.toml\"")?;
            assert!(Config::load(None).is_err());
            Ok(())
        });
    }

    #[test]
    fn the_feedback_desk_s_minimum_sample() {
        figment::Jail::expect_with(|jail| {
            assert_eq!(Config::load(None)?.feedback_min_sample().unwrap(), 5, "the default");
            jail.create_file("danvan.toml", "[feedback]\nmin_sample = 8")?;
            assert_eq!(Config::load(None)?.feedback.min_sample, 8);
            jail.set_env("DANVAN_FEEDBACK_MIN_SAMPLE", "12");
            assert_eq!(Config::load(None)?.feedback.min_sample, 12, "the environment wins");
            jail.set_env("DANVAN_FEEDBACK_MIN_SAMPLE", "0");
            assert!(Config::load(None)?.feedback_min_sample().is_err(), "0 is refused");
            jail.create_file("danvan.toml", "[feedback]\nmin_samples = 8")?;
            assert!(Config::load(None).is_err(), "an unknown key in [feedback]");
            Ok(())
        });
    }

    #[test]
    fn layers() {
        figment::Jail::expect_with(|jail| {
            jail.create_file("danvan.toml", "listen = \"127.0.0.1:9000\"\ndata_dir = \"/tmp/a\"")?;
            jail.set_env("DANVAN_DATA_DIR", "/tmp/b");
            let c = Config::load(None)?;
            assert_eq!(c.listen, "127.0.0.1:9000");
            assert_eq!(c.data_dir, PathBuf::from("/tmp/b"));
            assert_eq!(c.database_url().unwrap(), "sqlite:///tmp/b/danvan.db");
            Ok(())
        });
    }
}
