//! minijinja templates, embedded in the binary and overridable file by file
//! from a theme folder (`<theme_dir>/article.html` replaces the embedded
//! `article.html`).
//!
//! Template helpers:
//! * `t("key", name=value…)`: a catalogue message with placeholders filled;
//! * `asset("site.css")`: the content-hashed address of a static file;
//! * `|vn_datetime`: an RFC 3339 time shown as `25/07/2023 08:30` (UTC+7);
//! * `|vn_date`: the same, date only; `|iso`: RFC 3339 for `<time datetime>`.

use crate::assets::Assets;
use chrono::{DateTime, FixedOffset, Utc};
use danvan_domain::messages::{Lang, format};
use minijinja::value::Kwargs;
use minijinja::{Environment, Error, ErrorKind, Value};
use rust_embed::RustEmbed;
use std::collections::HashMap;
use std::path::PathBuf;

#[derive(RustEmbed)]
#[folder = "templates/"]
struct Embedded;

/// Vietnam's time zone, UTC+7, for every date shown.
pub fn vietnam() -> FixedOffset {
    danvan_domain::time::vietnam()
}

fn parse_time(v: &str) -> Result<DateTime<FixedOffset>, Error> {
    DateTime::parse_from_rfc3339(v)
        .map(|d| d.with_timezone(&vietnam()))
        .map_err(|e| Error::new(ErrorKind::InvalidOperation, format!("not a time: {v:?}: {e}")))
}

/// The template environment.
pub struct Templates {
    env: Environment<'static>,
}

impl Templates {
    /// Loads templates lazily (embedded, or from `theme_dir` when that folder
    /// has a file of the same name).
    pub fn new(theme_dir: Option<PathBuf>, assets: &Assets) -> anyhow::Result<Templates> {
        let mut env = Environment::new();
        env.set_loader(move |name| {
            if name.contains("..") {
                return Ok(None);
            }
            if let Some(dir) = &theme_dir {
                let p = dir.join(name);
                if p.is_file() {
                    return std::fs::read_to_string(&p).map(Some).map_err(|e| {
                        Error::new(ErrorKind::InvalidOperation, format!("cannot read theme file {}: {e}", p.display()))
                    });
                }
            }
            Ok(Embedded::get(name).map(|f| String::from_utf8_lossy(&f.data).into_owned()))
        });
        // HTML-escape like the default formatter, but leave '/' alone so that
        // addresses stay readable in the markup.
        env.set_formatter(|out, state, value| {
            if state.auto_escape() != minijinja::AutoEscape::None && !value.is_safe() {
                if value.is_undefined() || value.is_none() {
                    return Ok(());
                }
                if let Some(s) = value.as_str() {
                    return out.write_str(&danvan_store::escape_html(s)).map_err(Error::from);
                }
            }
            minijinja::escape_formatter(out, state, value)
        });
        env.add_function("t", |key: &str, kwargs: Kwargs| -> Result<String, Error> {
            let mut args: Vec<(String, String)> = Vec::new();
            for k in kwargs.args() {
                let v: Value = kwargs.get(k)?;
                args.push((k.to_owned(), v.to_string()));
            }
            let refs: Vec<(&str, &dyn std::fmt::Display)> =
                args.iter().map(|(k, v)| (k.as_str(), v as &dyn std::fmt::Display)).collect();
            Ok(format(key, Lang::Vi, &refs))
        });
        let asset_urls: HashMap<&'static str, String> = ["site.css", "site.js", "prefs.js", "print.css", "favicon.svg", "admin.css", "editor.js", "editor.css"]
            .into_iter()
            .map(|n| (n, assets.url(n)))
            .collect();
        env.add_function("asset", move |name: &str| -> Result<String, Error> {
            asset_urls
                .get(name)
                .cloned()
                .ok_or_else(|| Error::new(ErrorKind::InvalidOperation, format!("unknown asset {name:?}")))
        });
        env.add_filter("vn_datetime", |v: &str| -> Result<String, Error> {
            Ok(parse_time(v)?.format("%d/%m/%Y %H:%M").to_string())
        });
        env.add_filter("vn_day", |v: &str| -> Result<String, Error> {
            chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d")
                .map(|d| d.format("%d/%m/%Y").to_string())
                .map_err(|e| Error::new(ErrorKind::InvalidOperation, format!("not a date: {v:?}: {e}")))
        });
        env.add_filter("vn_date", |v: &str| -> Result<String, Error> { Ok(parse_time(v)?.format("%d/%m/%Y").to_string()) });
        env.add_filter("iso", |v: &str| -> Result<String, Error> {
            Ok(parse_time(v)?.with_timezone(&Utc).to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        });
        Ok(Templates { env })
    }

    /// Renders template `name` with `ctx`.
    pub fn render(&self, name: &str, ctx: Value) -> Result<String, Error> {
        self.env.get_template(name)?.render(ctx)
    }

    /// Names of the embedded templates (for tests).
    pub fn embedded_names() -> Vec<String> {
        Embedded::iter().map(|n| n.to_string()).collect()
    }

    /// Source of an embedded template (for tests).
    pub fn embedded_source(name: &str) -> Option<String> {
        Embedded::get(name).map(|f| String::from_utf8_lossy(&f.data).into_owned())
    }
}
