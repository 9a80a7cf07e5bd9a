//! Site search over articles, documents and the approved public records of
//! the registry: the engine (FTS5 or tsvector, see [`crate::dialect`])
//! finds candidates, the domain ranks them.

mod index;
pub(crate) use index::{compute_related, index_article, index_document, index_model, refresh_related};

use crate::entity::{article, document, org_unit, registry_model, search_doc};
use crate::{Store, StoreResult, now};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Statement};
use serde::Serialize;
use sea_orm::Value;
use crate::dialect::sea_backend;
use crate::views::{ArticleCard, DocumentView, plain_text};
use danvan_domain::editorial::ArticleStatus;
use danvan_domain::search::{Fields, FoldedAbbreviation, Query, SnippetPart, score, snippet};

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

/// Most candidates taken from the engine for ranking, per candidate set
/// (title matches, matches anywhere): the newest matches, so that a common
/// word costs no more than a rare one (bench/search: p95 over 400 ms at
/// 100 000 articles when every match was ranked).
pub const MAX_CANDIDATES: u64 = 100;

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
/// record's registration parts) and its score; all kinds are ranked
/// together by [`score`]. Serialized with `kind` (`"article"` /
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

    /// The domain's score ([`score`]).
    pub fn score(&self) -> f64 {
        match self {
            SearchHit::Article { score, .. } | SearchHit::Document { score, .. } | SearchHit::Model { score, .. } => *score,
        }
    }
}

/// A page of results and the number of all results (at most
/// [`MAX_CANDIDATES`]).
#[derive(Debug, Clone, Serialize)]
pub struct SearchPage {
    pub hits: Vec<SearchHit>,
    pub total: usize,
    /// True when a candidate set was full ([`MAX_CANDIDATES`]): more
    /// articles match than `total` counts ("hơn N kết quả").
    pub more: bool,
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
        for chunk in missing.chunks(200) {
            let tx = self.store.begin_write().await?;
            for id in chunk {
                compute_related(&tx, self.store.backend, *id).await?;
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

    /// Searches published articles and library documents, ranked together.
    /// `page` is 1-based; `per_page` results per page. An empty query gives
    /// no results.
    pub async fn query(&self, raw: &str, filter: &SearchFilter, page: u64, per_page: u64) -> StoreResult<SearchPage> {
        let glossary: Vec<FoldedAbbreviation> =
            self.store.glossary().entries().await?.iter().map(|(a, e)| FoldedAbbreviation::new(a, e)).collect();
        let q = Query::parse(raw, &glossary);
        if q.is_empty() {
            return Ok(SearchPage { hits: Vec::new(), total: 0, more: false });
        }
        let mut values: Vec<Value> = Vec::new();
        let mut conds = String::from(match filter.kind {
            None => " AND d.kind IN ('article', 'document', 'model') AND d.published_at <= ",
            Some(SearchKind::Article) => " AND d.kind = 'article' AND d.published_at <= ",
            Some(SearchKind::Document) => " AND d.kind = 'document' AND d.published_at <= ",
            Some(SearchKind::Model) => " AND d.kind = 'model' AND d.published_at <= ",
        });
        // Two candidate sets, each the newest MAX_CANDIDATES matches (the
        // engines can stop there instead of ranking every match of a common
        // word): matches in the title, and matches anywhere. The domain
        // ranks their union, so both backends order alike.
        let (engine_query, title_query) = crate::dialect::match_queries(self.store.backend, &q);
        values.push(engine_query.into());
        values.push(now().into());
        conds.push_str(&format!("${}", values.len()));
        // documents have no category: a category leaves them out
        if let Some(c) = filter.category_id {
            values.push(c.into());
            conds.push_str(&format!(" AND d.category_id = ${}", values.len()));
        }
        if let Some(f) = filter.from {
            values.push(f.into());
            conds.push_str(&format!(" AND d.published_at >= ${}", values.len()));
        }
        if let Some(u) = filter.until {
            values.push(u.into());
            conds.push_str(&format!(" AND d.published_at < ${}", values.len()));
        }
        let sql = crate::dialect::search_candidates_sql(self.store.backend, &conds, MAX_CANDIDATES);
        let mut rows = self.store.read.query_all_raw(Statement::from_sql_and_values(sea_backend(self.store.backend), sql.clone(), values.clone())).await?;
        let more = rows.len() as u64 >= MAX_CANDIDATES;
        values[0] = title_query.into();
        let mut seen: std::collections::HashSet<i32> = rows.iter().filter_map(|r| r.try_get::<i32>("", "id").ok()).collect();
        for r in self.store.read.query_all_raw(Statement::from_sql_and_values(sea_backend(self.store.backend), sql, values)).await? {
            if seen.insert(r.try_get("", "id")?) {
                rows.push(r);
            }
        }
        let mut ranked: Vec<(f64, Option<DateTime<Utc>>, i32, SearchKind)> = Vec::with_capacity(rows.len());
        for r in rows {
            let title: String = r.try_get("", "title")?;
            let lead: String = r.try_get("", "lead")?;
            let body: String = r.try_get("", "body")?;
            let extra: String = r.try_get("", "extra")?;
            let s = score(&q, Fields { title: &title, lead: &lead, body: &body, extra: &extra });
            if s > 0.0 {
                let kind: String = r.try_get("", "kind")?;
                let kind = match kind.as_str() {
                    KIND_DOCUMENT => SearchKind::Document,
                    KIND_MODEL => SearchKind::Model,
                    _ => SearchKind::Article,
                };
                ranked.push((s, r.try_get("", "published_at")?, r.try_get("", "ref_id")?, kind));
            }
        }
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)).then(b.2.cmp(&a.2)).then(a.3.code().cmp(b.3.code())));
        let total = ranked.len();
        let start = ((page.max(1) - 1) * per_page) as usize;
        let mut hits = Vec::new();
        for (s, _, id, kind) in ranked.into_iter().skip(start).take(per_page as usize) {
            match kind {
                SearchKind::Article => {
                    if let Some(a) = article::Entity::find_by_id(id).one(&self.store.read).await? {
                        let text = format!("{} {}", a.lead.clone().unwrap_or_default(), plain_text(&a.body_html));
                        hits.push(SearchHit::Article { snippet: snippet(text.trim(), &q, 30), article: ArticleCard::from(a), score: s });
                    }
                }
                SearchKind::Document => {
                    if let Some(d) = document::Entity::find_by_id(id).one(&self.store.read).await? {
                        hits.push(SearchHit::Document { snippet: snippet(d.summary.trim(), &q, 30), document: DocumentView::from(d), score: s });
                    }
                }
                SearchKind::Model => {
                    // the index holds approved public records only; checked again as they are read
                    if let Some(m) = registry_model::Entity::find_by_id(id).one(&self.store.read).await?.filter(|m| m.approved && m.is_public) {
                        let unit_name = org_unit::Entity::find_by_id(m.org_unit_id).one(&self.store.read).await?.map(|u| u.name).unwrap_or_default();
                        let text = index::registration_text(&m.registration);
                        hits.push(SearchHit::Model { snippet: snippet(text.trim(), &q, 30), model: model_card(m, unit_name), score: s });
                    }
                }
            }
        }
        Ok(SearchPage { hits, total, more })
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
    use crate::dialect::{fts5_match, tsquery, tsquery_weighted};
    use super::*;

    #[test]
    fn engine_queries() {
        let g = vec![FoldedAbbreviation::new("DTTS", "dân tộc thiểu số")];
        let q = Query::parse("\"dân vận\" DTTS kon ra", &g);
        assert_eq!(fts5_match(&q), "(\"dan van\") AND (\"dtts\" OR \"dan toc thieu so\") AND (\"kon\") AND (\"ra\"*)");
        assert_eq!(tsquery(&q), "((dan <-> van)) & ((dtts) | (dan <-> toc <-> thieu <-> so)) & ((kon)) & ((ra:*))");
        assert_eq!(
            tsquery_weighted(&q, 'A'),
            "((dan:A <-> van:A)) & ((dtts:A) | (dan:A <-> toc:A <-> thieu:A <-> so:A)) & ((kon:A)) & ((ra:*A))"
        );
    }

    #[test]
    fn plain_text_of_body() {
        assert_eq!(plain_text("<p>A &amp; B</p>\n<figure data-figure=\"1\"></figure>\n<p>C&lt;D</p>"), "A & B \n\nC<D");
    }
}
