//! Small in-process caches. Each entry is checked against the database's
//! own version numbers (article pages) or lives a few seconds (site details),
//! so several instances never disagree for longer than that.

use danvan_store::{ArticleStamp, CategoryRef, entity::site};
use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// How long site details and listings embedded in cached pages may be stale.
pub const TTL: Duration = Duration::from_secs(10);

/// How long an article's version and rating totals are taken from memory
/// before the database is asked again. A vote on this instance refreshes
/// them at once; a vote on another instance shows within this time.
pub const STAMP_TTL: Duration = Duration::from_secs(1);

/// Site details and navigation, shared by every page.
#[derive(Debug, Clone)]
pub struct SiteInfo {
    pub site: site::Model,
    pub categories: Vec<CategoryRef>,
    /// [`crate::WebConfig::base_url`], for absolute links.
    pub base_url: String,
    /// The abbreviation glossary, for `<abbr title>`.
    pub glossary: danvan_text::abbrev::Glossary,
}

/// Key of a rendered article page: article id and display preferences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PageKey {
    pub article_id: i32,
    pub text_step: u8,
    pub contrast: bool,
    pub print: bool,
}

/// A cached article page: when it was rendered, from which version.
type CachedPage = (Instant, i64, Arc<PageParts>);

#[derive(Default)]
pub struct Caches {
    pub(crate) site: RwLock<Option<(Instant, Arc<SiteInfo>)>>,
    pub(crate) pages: RwLock<HashMap<PageKey, CachedPage>>,
    pub(crate) stamps: RwLock<HashMap<String, (Instant, ArticleStamp)>>,
}

/// A rendered article page cut at the two places that differ per request:
/// the CSRF token and the rating message.
#[derive(Debug)]
pub struct PageParts {
    pub parts: [String; 3],
    /// The page every reader gets (the article's form token, no message),
    /// made once, with its tag ([`crate::wire::tag_of`]).
    public: std::sync::OnceLock<(axum::body::Bytes, String)>,
}

impl PageParts {
    /// Cuts `html` at `token_mark` and then `message_mark`; `None` when a
    /// mark is missing (a theme template without the rating form).
    pub fn split(html: &str, token_mark: &str, message_mark: &str) -> Option<PageParts> {
        let (a, rest) = html.split_once(token_mark)?;
        let (b, c) = rest.split_once(message_mark)?;
        Some(PageParts { parts: [a.to_owned(), b.to_owned(), c.to_owned()], public: std::sync::OnceLock::new() })
    }

    /// The page with `token` and no message, and its tag: assembled and
    /// hashed on the first call only (`token` is the article's, the same
    /// on every call).
    pub fn public_body(&self, token: &str) -> (axum::body::Bytes, String) {
        self.public
            .get_or_init(|| {
                let body = self.assemble(token, "");
                let tag = crate::wire::tag_of(body.as_bytes());
                (axum::body::Bytes::from(body), tag)
            })
            .clone()
    }

    /// The page with `token` and `message` (already escaped) put in.
    pub fn assemble(&self, token: &str, message: &str) -> String {
        let [a, b, c] = &self.parts;
        let mut out = String::with_capacity(a.len() + b.len() + c.len() + token.len() + message.len());
        out.push_str(a);
        out.push_str(token);
        out.push_str(b);
        out.push_str(message);
        out.push_str(c);
        out
    }
}

impl Caches {
    pub fn site(&self) -> Option<Arc<SiteInfo>> {
        let g = self.site.read().unwrap_or_else(|e| e.into_inner());
        g.as_ref().filter(|(t, _)| t.elapsed() < TTL).map(|(_, s)| s.clone())
    }

    pub fn put_site(&self, s: Arc<SiteInfo>) {
        *self.site.write().unwrap_or_else(|e| e.into_inner()) = Some((Instant::now(), s));
    }

    /// The cached page for `key` if it was rendered from `version` less than
    /// [`TTL`] ago.
    pub fn page(&self, key: &PageKey, version: i64) -> Option<Arc<PageParts>> {
        let g = self.pages.read().unwrap_or_else(|e| e.into_inner());
        g.get(key).filter(|(t, v, _)| *v == version && t.elapsed() < TTL).map(|(_, _, p)| p.clone())
    }

    pub fn put_page(&self, key: PageKey, version: i64, html: Arc<PageParts>) {
        let mut g = self.pages.write().unwrap_or_else(|e| e.into_inner());
        if g.len() >= 4096 {
            g.clear();
        }
        g.insert(key, (Instant::now(), version, html));
    }
}

impl Caches {
    /// The article's stamp if read from the database less than
    /// [`STAMP_TTL`] ago.
    pub fn stamp(&self, slug: &str) -> Option<ArticleStamp> {
        let g = self.stamps.read().unwrap_or_else(|e| e.into_inner());
        g.get(slug).filter(|(t, _)| t.elapsed() < STAMP_TTL).map(|(_, s)| *s)
    }

    pub fn put_stamp(&self, slug: &str, stamp: ArticleStamp) {
        let mut g = self.stamps.write().unwrap_or_else(|e| e.into_inner());
        if g.len() >= 16_384 {
            g.retain(|_, (t, _)| t.elapsed() < STAMP_TTL);
        }
        g.insert(slug.to_owned(), (Instant::now(), stamp));
    }

    /// Forgets the stamp of `slug` (after a change made by this instance).
    pub fn forget_stamp(&self, slug: &str) {
        self.stamps.write().unwrap_or_else(|e| e.into_inner()).remove(slug);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_parts_round_trip() {
        let p = PageParts::split("a<T>b<M>c", "<T>", "<M>").unwrap();
        assert_eq!(p.assemble("tok", "msg"), "atokbmsgc");
        assert!(PageParts::split("no marks", "<T>", "<M>").is_none());
    }
}
