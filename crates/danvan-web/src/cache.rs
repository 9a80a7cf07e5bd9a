//! Small in-process caches. Each entry is checked against the database's
//! own version numbers (article pages) or lives a few seconds (site details),
//! so several instances never disagree for longer than that.

use danvan_store::{CategoryRef, entity::site};
use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// How long site details and listings embedded in cached pages may be stale.
pub const TTL: Duration = Duration::from_secs(10);

/// Site details and navigation, shared by every page.
#[derive(Debug, Clone)]
pub struct SiteInfo {
    pub site: site::Model,
    pub categories: Vec<CategoryRef>,
}

/// Key of a rendered article page: article id and display preferences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PageKey {
    pub article_id: i32,
    pub text_step: u8,
    pub contrast: bool,
    pub print: bool,
}

#[derive(Default)]
pub struct Caches {
    pub(crate) site: RwLock<Option<(Instant, Arc<SiteInfo>)>>,
    pub(crate) pages: RwLock<HashMap<PageKey, (Instant, i64, Arc<str>)>>,
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
    pub fn page(&self, key: &PageKey, version: i64) -> Option<Arc<str>> {
        let g = self.pages.read().unwrap_or_else(|e| e.into_inner());
        g.get(key).filter(|(t, v, _)| *v == version && t.elapsed() < TTL).map(|(_, _, p)| p.clone())
    }

    pub fn put_page(&self, key: PageKey, version: i64, html: Arc<str>) {
        let mut g = self.pages.write().unwrap_or_else(|e| e.into_inner());
        if g.len() >= 4096 {
            g.clear();
        }
        g.insert(key, (Instant::now(), version, html));
    }
}
