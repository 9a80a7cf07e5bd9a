//! Site search over articles, documents and the approved public records of
//! the registry: the engine ([`danvan_search`], one for both backends)
//! finds and ranks every match and counts them exactly; the page's cards
//! and snippets are read from the database. `search_doc` lists what is
//! indexed (its folded text is what related articles are scored on, the
//! engine giving the candidates); `search_change` logs every change of it,
//! and the engine follows that log ([`engine`]).

mod engine;
mod index;
pub(crate) use engine::Engine;
pub use engine::{EngineCheck, FOLLOW_EVERY};
pub(crate) use index::{compute_related, index_article, index_document, index_model, refresh_related};

use crate::entity::{article, document, org_unit, registry_model, search_doc};
use crate::{Store, StoreResult, now};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde::Serialize;
use crate::views::{ArticleCard, DocumentView, plain_text};
use danvan_domain::editorial::ArticleStatus;
use danvan_domain::search::{FoldedAbbreviation, Query, SnippetPart, snippet};

/// Site search (`store.search()`).
#[derive(Clone, Copy)]
pub struct Search<'a> {
    pub(crate) store: &'a Store,
}

/// `search_doc.kind` of articles.
pub const KIND_ARTICLE: &str = "article";

/// `search_doc.kind` of library documents.
pub const KIND_DOCUMENT: &str = "document";

/// `search_doc.kind` of registry records (approved and public only).
pub const KIND_MODEL: &str = "model";


/// What a search looks in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SearchKind {
    Article,
    Document,
    /// Registry records (mô hình, điển hình).
    Model,
}

impl SearchKind {
    /// The engine's kind.
    pub fn engine_kind(self) -> danvan_search::Kind {
        match self {
            SearchKind::Article => danvan_search::Kind::Article,
            SearchKind::Document => danvan_search::Kind::Document,
            SearchKind::Model => danvan_search::Kind::Model,
        }
    }

    /// The `search_doc.kind` of this kind.
    pub fn code(self) -> &'static str {
        match self {
            SearchKind::Article => KIND_ARTICLE,
            SearchKind::Document => KIND_DOCUMENT,
            SearchKind::Model => KIND_MODEL,
        }
    }
}

/// Filters of a search.
#[derive(Debug, Clone, Default)]
pub struct SearchFilter {
    /// Only articles, only documents or only registry records; `None` for all.
    pub kind: Option<SearchKind>,
    /// Only articles of this category (documents have none, so a category
    /// leaves them out).
    pub category_id: Option<i32>,
    /// Published at or after.
    pub from: Option<DateTime<Utc>>,
    /// Published before.
    pub until: Option<DateTime<Utc>>,
}

/// A registry record in search results (never personal data).
#[derive(Debug, Clone, Serialize)]
pub struct ModelCard {
    pub id: i32,
    pub name: String,
    /// The field's name ("kinh tế").
    pub field: String,
    /// The kind's name ("mô hình").
    pub kind: String,
    pub unit_name: String,
    /// `2023` or `2021-2025`.
    pub period: String,
}

/// One result: an article, a library document or a registry record, with
/// its snippet (the article's lead and text, the document's summary, the
/// record's registration parts) and the engine's score; all kinds are
/// ranked together. Serialized with `kind` (`"article"` /
/// `"document"` / `"model"`) beside the fields.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SearchHit {
    Article { article: ArticleCard, snippet: Vec<SnippetPart>, score: f64 },
    Document { document: DocumentView, snippet: Vec<SnippetPart>, score: f64 },
    Model { model: ModelCard, snippet: Vec<SnippetPart>, score: f64 },
}

impl SearchHit {
    /// What the hit is.
    pub fn kind(&self) -> SearchKind {
        match self {
            SearchHit::Article { .. } => SearchKind::Article,
            SearchHit::Document { .. } => SearchKind::Document,
            SearchHit::Model { .. } => SearchKind::Model,
        }
    }

    /// The article, when the hit is one.
    pub fn article(&self) -> Option<&ArticleCard> {
        match self {
            SearchHit::Article { article, .. } => Some(article),
            SearchHit::Document { .. } | SearchHit::Model { .. } => None,
        }
    }

    /// The document, when the hit is one.
    pub fn document(&self) -> Option<&DocumentView> {
        match self {
            SearchHit::Document { document, .. } => Some(document),
            SearchHit::Article { .. } | SearchHit::Model { .. } => None,
        }
    }

    /// The registry record, when the hit is one.
    pub fn model(&self) -> Option<&ModelCard> {
        match self {
            SearchHit::Model { model, .. } => Some(model),
            SearchHit::Article { .. } | SearchHit::Document { .. } => None,
        }
    }

    /// The text shown under the title, with the query's words marked.
    pub fn snippet(&self) -> &[SnippetPart] {
        match self {
            SearchHit::Article { snippet, .. } | SearchHit::Document { snippet, .. } | SearchHit::Model { snippet, .. } => snippet,
        }
    }

    /// The engine's score (higher is better; comparable within one search).
    pub fn score(&self) -> f64 {
        match self {
            SearchHit::Article { score, .. } | SearchHit::Document { score, .. } | SearchHit::Model { score, .. } => *score,
        }
    }
}

/// A page of results and the exact number of all results.
#[derive(Debug, Clone, Serialize)]
pub struct SearchPage {
    pub hits: Vec<SearchHit>,
    pub total: usize,
}

impl Search<'_> {
    /// Indexes every published article, library document and approved
    /// public registry record that has no search entry yet (after an
    /// upgrade), and removes the entries of records no longer approved and
    /// public (changed behind the store's back); returns how many entries
    /// were written or removed.
    pub async fn ensure_search_index(&self) -> StoreResult<usize> {
        let models = self.ensure_model_index().await?;
        let documents_indexed: std::collections::HashSet<i32> = search_doc::Entity::find()
            .filter(search_doc::Column::Kind.eq(KIND_DOCUMENT))
            .all(&self.store.read)
            .await?
            .into_iter()
            .map(|d| d.ref_id)
            .collect();
        let missing_documents: Vec<i32> = document::Entity::find()
            .all(&self.store.read)
            .await?
            .into_iter()
            .map(|d| d.id)
            .filter(|id| !documents_indexed.contains(id))
            .collect();
        for chunk in missing_documents.chunks(200) {
            let tx = self.store.begin_write().await?;
            for id in chunk {
                index_document(&tx, *id).await?;
            }
            tx.commit().await?;
        }
        let indexed: std::collections::HashSet<i32> = search_doc::Entity::find()
            .filter(search_doc::Column::Kind.eq(KIND_ARTICLE))
            .all(&self.store.read)
            .await?
            .into_iter()
            .map(|d| d.ref_id)
            .collect();
        let missing: Vec<i32> = article::Entity::find()
            .filter(article::Column::Status.eq(ArticleStatus::Published.as_str()))
            .all(&self.store.read)
            .await?
            .into_iter()
            .map(|a| a.id)
            .filter(|id| !indexed.contains(id))
            .collect();
        for chunk in missing.chunks(200) {
            let tx = self.store.begin_write().await?;
            for id in chunk {
                index_article(&tx, *id).await?;
            }
            tx.commit().await?;
        }
        // the related lists ask the engine, which follows after the commits
        self.follow().await;
        for chunk in missing.chunks(200) {
            let tx = self.store.begin_write().await?;
            for id in chunk {
                compute_related(&tx, self.store, *id).await?;
            }
            tx.commit().await?;
        }
        Ok(missing.len() + missing_documents.len() + models)
    }

    /// The registry part of [`Search::ensure_search_index`]: ids only are
    /// compared, 200 records written per transaction.
    async fn ensure_model_index(&self) -> StoreResult<usize> {
        use sea_orm::QuerySelect;
        let db = &self.store.read;
        let indexed: std::collections::HashSet<i32> = search_doc::Entity::find()
            .select_only()
            .column(search_doc::Column::RefId)
            .filter(search_doc::Column::Kind.eq(KIND_MODEL))
            .into_tuple::<i32>()
            .all(db)
            .await?
            .into_iter()
            .collect();
        let shown: std::collections::HashSet<i32> = registry_model::Entity::find()
            .select_only()
            .column(registry_model::Column::Id)
            .filter(registry_model::Column::Approved.eq(true))
            .filter(registry_model::Column::IsPublic.eq(true))
            .into_tuple::<i32>()
            .all(db)
            .await?
            .into_iter()
            .collect();
        let mut changed: Vec<i32> = shown.symmetric_difference(&indexed).copied().collect();
        changed.sort_unstable();
        for chunk in changed.chunks(200) {
            let tx = self.store.begin_write().await?;
            for id in chunk {
                index_model(&tx, *id).await?;
            }
            tx.commit().await?;
        }
        Ok(changed.len())
    }

    /// Searches published articles, library documents and approved public
    /// registry records, ranked together by the engine over every match;
    /// `total` is exact. `page` is 1-based; `per_page` results per page (at
    /// most [`danvan_search::MAX_LIMIT`]). An empty query gives no results.
    /// A change this store committed before the call is seen (the store
    /// caught the engine up after its commit); one made by another process
    /// is seen within [`FOLLOW_EVERY`] when the follower runs
    /// ([`Search::follow_changes`]), and otherwise because the engine is
    /// caught up with the change log first.
    pub async fn query(&self, raw: &str, filter: &SearchFilter, page: u64, per_page: u64) -> StoreResult<SearchPage> {
        let entries = self.store.glossary().entries().await?;
        let glossary: Vec<FoldedAbbreviation> = entries.iter().map(|(a, e)| FoldedAbbreviation::new(a, e)).collect();
        let q = Query::parse(raw, &glossary);
        if q.is_empty() {
            return Ok(SearchPage { hits: Vec::new(), total: 0 });
        }
        if !self.store.engine.is_followed()
            && let Err(e) = self.catch_up().await
        {
            // the database is fine: answer from the engine as it is
            tracing::warn!(error = %e, "search index could not catch up");
        }
        self.store.engine.use_glossary(entries);
        // scheduled items (published later) are not shown yet
        let shown_until = now() + chrono::Duration::seconds(1);
        let sq = danvan_search::SearchQuery {
            text: raw.to_owned(),
            kinds: filter.kind.map(|k| vec![k.engine_kind()]).unwrap_or_default(),
            category_ids: filter.category_id.map(|c| vec![i64::from(c)]).unwrap_or_default(),
            unit_ids: Vec::new(),
            from: filter.from,
            until: Some(filter.until.map_or(shown_until, |u| u.min(shown_until))),
            offset: ((page.max(1) - 1) * per_page) as usize,
            limit: per_page as usize,
        };
        let index = self.store.engine.index.clone();
        let found = tokio::task::spawn_blocking(move || index.search(&sq)).await.map_err(|e| crate::StoreError::Search(e.to_string()))??;
        if !found.all_words {
            // the page lists entries with every word of the query, as it
            // always has (the engine's "some of the words" answer is unused)
            return Ok(SearchPage { hits: Vec::new(), total: 0 });
        }
        // the page's articles in one read (checked again as read: the engine follows the database after its commit)
        let article_ids: Vec<i32> = found.hits.iter().filter(|h| h.kind == danvan_search::Kind::Article).map(|h| h.id as i32).collect();
        let mut articles: std::collections::HashMap<i32, article::Model> = if article_ids.is_empty() {
            std::collections::HashMap::new()
        } else {
            article::Entity::find()
                .filter(article::Column::Id.is_in(article_ids))
                .filter(article::Column::Status.eq(ArticleStatus::Published.as_str()))
                .all(&self.store.read)
                .await?
                .into_iter()
                .map(|a| (a.id, a))
                .collect()
        };
        let mut hits = Vec::with_capacity(found.hits.len());
        for hit in found.hits {
            let (id, s) = (hit.id as i32, f64::from(hit.score));
            match hit.kind {
                danvan_search::Kind::Article => {
                    if let Some(a) = articles.remove(&id) {
                        let text = format!("{} {}", a.lead.clone().unwrap_or_default(), plain_text(&a.body_html));
                        hits.push(SearchHit::Article { snippet: snippet(text.trim(), &q, 30), article: ArticleCard::from(a), score: s });
                    }
                }
                danvan_search::Kind::Document => {
                    if let Some(d) = document::Entity::find_by_id(id).one(&self.store.read).await? {
                        hits.push(SearchHit::Document { snippet: snippet(d.summary.trim(), &q, 30), document: DocumentView::from(d), score: s });
                    }
                }
                danvan_search::Kind::Model => {
                    if let Some(m) = registry_model::Entity::find_by_id(id).one(&self.store.read).await?.filter(|m| m.approved && m.is_public) {
                        let unit_name = org_unit::Entity::find_by_id(m.org_unit_id).one(&self.store.read).await?.map(|u| u.name).unwrap_or_default();
                        let text = index::registration_text(&m.registration);
                        hits.push(SearchHit::Model { snippet: snippet(text.trim(), &q, 30), model: model_card(m, unit_name), score: s });
                    }
                }
            }
        }
        Ok(SearchPage { hits, total: found.total })
    }
}

/// The card of a record (no personal data is read from it).
fn model_card(m: registry_model::Model, unit_name: String) -> ModelCard {
    use danvan_domain::registry::{Field, ModelKind, Period};
    let name = |key: Option<&'static str>, code: &str| key.map(|k| danvan_domain::messages::t(k, danvan_domain::messages::Lang::Vi).to_owned()).unwrap_or_else(|| code.to_owned());
    ModelCard {
        id: m.id,
        field: name(Field::from_code(&m.field).map(Field::message_key), &m.field),
        kind: name(ModelKind::from_code(&m.kind).map(ModelKind::message_key), &m.kind),
        period: Period { start: m.period_start, end: m.period_end }.to_string(),
        unit_name,
        name: m.name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_of_body() {
        assert_eq!(plain_text("<p>A &amp; B</p>\n<figure data-figure=\"1\"></figure>\n<p>C&lt;D</p>"), "A & B \n\nC<D");
    }
}
