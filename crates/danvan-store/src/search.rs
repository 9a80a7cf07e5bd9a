//! Full-text search. The engine (FTS5 on SQLite, a GIN-indexed tsvector on
//! PostgreSQL) finds candidates on the folded text; ranking and snippets are
//! computed in [`danvan_domain::search`], so both backends give the same
//! order. The two SQL dialects stand side by side in this module only.

use crate::documents::{DocumentView, type_from_code};
use crate::entity::{article, document, figure, glossary_entry, related_article, search_doc};
use crate::portal::{ArticleCard, STATUS_PUBLISHED};
use crate::{Backend, Store, StoreResult, now};
use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use danvan_docref::DocNumber;
use danvan_domain::related::{Keywords, relatedness, top};
use danvan_domain::search::{search_fold, Fields, FoldedAbbreviation, Query, SnippetPart, score, snippet};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter,
    QueryOrder, Set, Statement, Value,
};
use serde::Serialize;

/// `search_doc.kind` of articles.
pub const KIND_ARTICLE: &str = "article";
/// `search_doc.kind` of library documents.
pub const KIND_DOCUMENT: &str = "document";
/// Most candidates taken from the engine for ranking, per candidate set
/// (title matches, matches anywhere): the newest matches, so that a common
/// word costs no more than a rare one (bench/search: p95 over 400 ms at
/// 100 000 articles when every match was ranked).
pub const MAX_CANDIDATES: u64 = 100;

/// Plain text of our stored body HTML: tags dropped (block ends become line
/// breaks), the five entities we write decoded.
pub fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                if !out.ends_with(['\n', ' ']) {
                    out.push(' ');
                }
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
        .trim()
        .to_owned()
}

/// What a search looks in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SearchKind {
    Article,
    Document,
}

impl SearchKind {
    /// The `search_doc.kind` of this kind.
    pub fn code(self) -> &'static str {
        match self {
            SearchKind::Article => KIND_ARTICLE,
            SearchKind::Document => KIND_DOCUMENT,
        }
    }
}

/// Filters of a search.
#[derive(Debug, Clone, Default)]
pub struct SearchFilter {
    /// Only articles or only documents; `None` for both.
    pub kind: Option<SearchKind>,
    /// Only articles of this category (documents have none, so a category
    /// leaves them out).
    pub category_id: Option<i32>,
    /// Published at or after.
    pub from: Option<DateTime<Utc>>,
    /// Published before.
    pub until: Option<DateTime<Utc>>,
}

/// One result: an article or a library document, with its snippet (the
/// article's lead and text, or the document's summary) and its score; both
/// kinds are ranked together by [`score`]. Serialized with `kind`
/// (`"article"` / `"document"`) beside the fields.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SearchHit {
    Article { article: ArticleCard, snippet: Vec<SnippetPart>, score: f64 },
    Document { document: DocumentView, snippet: Vec<SnippetPart>, score: f64 },
}

impl SearchHit {
    pub fn kind(&self) -> SearchKind {
        match self {
            SearchHit::Article { .. } => SearchKind::Article,
            SearchHit::Document { .. } => SearchKind::Document,
        }
    }

    /// The article, when the hit is one.
    pub fn article(&self) -> Option<&ArticleCard> {
        match self {
            SearchHit::Article { article, .. } => Some(article),
            SearchHit::Document { .. } => None,
        }
    }

    /// The document, when the hit is one.
    pub fn document(&self) -> Option<&DocumentView> {
        match self {
            SearchHit::Document { document, .. } => Some(document),
            SearchHit::Article { .. } => None,
        }
    }

    pub fn snippet(&self) -> &[SnippetPart] {
        match self {
            SearchHit::Article { snippet, .. } | SearchHit::Document { snippet, .. } => snippet,
        }
    }

    pub fn score(&self) -> f64 {
        match self {
            SearchHit::Article { score, .. } | SearchHit::Document { score, .. } => *score,
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

/// FTS5 MATCH expression: groups AND-ed, alternatives OR-ed, words quoted
/// (only `[a-z0-9]` reach here, so quoting is enough), `*` for a prefix.
fn fts5_match(q: &Query) -> String {
    q.groups
        .iter()
        .map(|g| {
            let alts: Vec<String> = g
                .alternatives
                .iter()
                .map(|a| format!("\"{}\"{}", a.words.join(" "), if a.prefix { "*" } else { "" }))
                .collect();
            format!("({})", alts.join(" OR "))
        })
        .collect::<Vec<_>>()
        .join(" AND ")
}

/// tsquery text: `&` between groups, `|` between alternatives, `<->` within
/// phrases, `:*` for a prefix.
fn tsquery(q: &Query) -> String {
    q.groups
        .iter()
        .map(|g| {
            let alts: Vec<String> = g
                .alternatives
                .iter()
                .map(|a| {
                    let mut s = a.words.join(" <-> ");
                    if a.prefix {
                        s.push_str(":*");
                    }
                    format!("({s})")
                })
                .collect();
            format!("({})", alts.join(" | "))
        })
        .collect::<Vec<_>>()
        .join(" & ")
}

/// [`tsquery`] restricted to lexemes of one weight (`A`: the title).
fn tsquery_weighted(q: &Query, weight: char) -> String {
    q.groups
        .iter()
        .map(|g| {
            let alts: Vec<String> = g
                .alternatives
                .iter()
                .map(|a| {
                    let n = a.words.len();
                    let words: Vec<String> = a
                        .words
                        .iter()
                        .enumerate()
                        .map(|(i, w)| if a.prefix && i + 1 == n { format!("{w}:*{weight}") } else { format!("{w}:{weight}") })
                        .collect();
                    format!("({})", words.join(" <-> "))
                })
                .collect();
            format!("({})", alts.join(" | "))
        })
        .collect::<Vec<_>>()
        .join(" & ")
}

fn sea_backend(b: Backend) -> sea_orm::DatabaseBackend {
    match b {
        Backend::Sqlite => sea_orm::DatabaseBackend::Sqlite,
        Backend::Postgres => sea_orm::DatabaseBackend::Postgres,
    }
}

/// Published articles (other than `except`) whose folded text has any of
/// `words` (each `[a-z0-9]+`): `(id, folded title, folded body, category)`,
/// best engine rank first, at most `limit`.
async fn articles_with_any<C: ConnectionTrait>(
    db: &C,
    backend: Backend,
    words: &[&str],
    except: i32,
    limit: u64,
    title_only: bool,
) -> StoreResult<Vec<(i32, String, String, Option<i32>)>> {
    let words: Vec<&str> = words.iter().copied().filter(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_alphanumeric())).collect();
    if words.is_empty() {
        return Ok(Vec::new());
    }
    // Newest matches first, so the engine stops after `limit` rows instead
    // of ranking every article that shares a common word (the domain ranks
    // the candidates). `title_only` looks in titles only.
    let (sql, q) = match backend {
        Backend::Sqlite => (
            "SELECT d.ref_id, d.title, d.body, d.category_id FROM \
             (SELECT f.rowid AS id FROM search_fts f CROSS JOIN search_doc d INDEXED BY search_doc_filter ON d.id = f.rowid \
              WHERE search_fts MATCH $1 AND d.kind = 'article' AND d.published_at <= $3 ORDER BY f.rowid DESC LIMIT {limit}) c \
             CROSS JOIN search_doc d ON d.id = c.id WHERE d.ref_id <> $2",
            {
                let any = words.iter().map(|w| format!("\"{w}\"")).collect::<Vec<_>>().join(" OR ");
                if title_only { format!("title : ({any})") } else { any }
            },
        ),
        Backend::Postgres => (
            "SELECT d.ref_id, d.title, d.body, d.category_id FROM search_doc d \
             WHERE d.tsv @@ to_tsquery('simple', $1) AND d.kind = 'article' AND d.ref_id <> $2 AND d.published_at <= $3 \
             ORDER BY d.id DESC",
            if title_only { words.iter().map(|w| format!("{w}:A")).collect::<Vec<_>>().join(" | ") } else { words.join(" | ") },
        ),
    };
    let stmt = Statement::from_sql_and_values(
        sea_backend(backend),
        format!("{} LIMIT {limit}", sql.replace("{limit}", &limit.to_string())),
        [Value::from(q), Value::from(except), Value::from(now())],
    );
    let mut out = Vec::new();
    for r in db.query_all_raw(stmt).await? {
        out.push((r.try_get("", "ref_id")?, r.try_get("", "title")?, r.try_get("", "body")?, r.try_get("", "category_id")?));
    }
    Ok(out)
}

/// Candidates examined when computing a related list.
pub const RELATED_CANDIDATES: u64 = 100;

/// Computes and stores the related list of `article_id` (DESIGN.md §3.1:
/// shared words and category, cached, recomputed on publish); returns the
/// ids now listed.
pub(crate) async fn compute_related<C: ConnectionTrait>(db: &C, backend: Backend, article_id: i32) -> StoreResult<Vec<i32>> {
    related_article::Entity::delete_many().filter(related_article::Column::ArticleId.eq(article_id)).exec(db).await?;
    let Some(doc) = search_doc::Entity::find()
        .filter(search_doc::Column::Kind.eq(KIND_ARTICLE))
        .filter(search_doc::Column::RefId.eq(article_id))
        .one(db)
        .await?
    else {
        return Ok(Vec::new());
    };
    let mine = Keywords::of(&doc.title, &doc.body);
    let words: Vec<&str> = mine.all().into_iter().collect();
    // Articles sharing a title word (the strongest signal), then the newest
    // sharing any keyword.
    let title_words: Vec<&str> = mine.title.iter().map(String::as_str).collect();
    let mut candidates = articles_with_any(db, backend, &title_words, article_id, RELATED_CANDIDATES, true).await?;
    for c in articles_with_any(db, backend, &words, article_id, RELATED_CANDIDATES / 2, false).await? {
        if !candidates.iter().any(|x| x.0 == c.0) {
            candidates.push(c);
        }
    }
    // Shared tags (DESIGN.md §3.1): the article's tags against each candidate's.
    let mut ids: Vec<i32> = candidates.iter().map(|c| c.0).collect();
    ids.push(article_id);
    let links = crate::entity::article_tag::Entity::find()
        .filter(crate::entity::article_tag::Column::ArticleId.is_in(ids))
        .all(db)
        .await?;
    let my_tags: Vec<i32> = links.iter().filter(|l| l.article_id == article_id).map(|l| l.tag_id).collect();
    let shared = |id: i32| links.iter().filter(|l| l.article_id == id && my_tags.contains(&l.tag_id)).count();
    let scored = candidates
        .iter()
        .map(|(id, title, body, cat)| {
            let theirs = Keywords::of(title, body);
            (*id, relatedness(&mine, &theirs, doc.category_id.is_some() && *cat == doc.category_id, shared(*id)))
        })
        .collect();
    let best = top(scored);
    for (position, (related_id, score)) in best.iter().enumerate() {
        related_article::ActiveModel {
            article_id: Set(article_id),
            related_id: Set(*related_id),
            position: Set(position as i32),
            score: Set(*score),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(best.into_iter().map(|(id, _)| id).collect())
}

/// Computes the related list of a newly published article and refreshes
/// the lists of the articles it is related to, so that they list it too.
pub(crate) async fn refresh_related<C: ConnectionTrait>(db: &C, backend: Backend, article_id: i32) -> StoreResult<()> {
    for neighbour in compute_related(db, backend, article_id).await? {
        compute_related(db, backend, neighbour).await?;
    }
    Ok(())
}

/// Builds the folded search fields of an article and writes them, in the
/// caller's transaction (so the index changes with the article).
pub(crate) async fn index_article<C: ConnectionTrait>(db: &C, article_id: i32) -> StoreResult<()> {
    let Some(a) = article::Entity::find_by_id(article_id).one(db).await? else {
        return Ok(());
    };
    let existing = search_doc::Entity::find()
        .filter(search_doc::Column::Kind.eq(KIND_ARTICLE))
        .filter(search_doc::Column::RefId.eq(article_id))
        .one(db)
        .await?;
    if a.status != STATUS_PUBLISHED {
        if let Some(d) = existing {
            search_doc::Entity::delete_by_id(d.id).exec(db).await?;
        }
        return Ok(());
    }
    let figures = figure::Entity::find().filter(figure::Column::ArticleId.eq(article_id)).all(db).await?;
    let mut extra = a.byline.clone().unwrap_or_default();
    for f in &figures {
        extra.push('\n');
        extra.push_str(&f.caption);
    }
    let doc = search_doc::ActiveModel {
        kind: Set(KIND_ARTICLE.to_owned()),
        ref_id: Set(article_id),
        title: Set(search_fold(&a.title)),
        lead: Set(search_fold(a.lead.as_deref().unwrap_or(""))),
        body: Set(search_fold(&plain_text(&a.body_html))),
        extra: Set(search_fold(&extra)),
        category_id: Set(a.category_id),
        published_at: Set(a.published_at),
        ..Default::default()
    };
    match existing {
        Some(d) => {
            let mut m = doc;
            m.id = Set(d.id);
            m.update(db).await?;
        }
        None => {
            doc.insert(db).await?;
        }
    }
    Ok(())
}

/// Start of a day in Vietnam (UTC+7), as UTC.
fn vietnam_day_start(d: chrono::NaiveDate) -> Option<DateTime<Utc>> {
    let vn = FixedOffset::east_opt(7 * 3600)?;
    vn.from_local_datetime(&d.and_hms_opt(0, 0, 0)?).single().map(|t| t.with_timezone(&Utc))
}

/// Builds the folded search fields of a library document and writes them,
/// in the caller's transaction: title "<type name> <number>", lead the
/// issuer, body the summary, extra the number's search tokens ("136 hu kh",
/// so that every spelling of the number finds it); dated by the issue day
/// (00:00 in Vietnam) or, without one, by when it was added.
pub(crate) async fn index_document<C: ConnectionTrait>(db: &C, document_id: i32) -> StoreResult<()> {
    let Some(d) = document::Entity::find_by_id(document_id).one(db).await? else {
        return Ok(());
    };
    let existing = search_doc::Entity::find()
        .filter(search_doc::Column::Kind.eq(KIND_DOCUMENT))
        .filter(search_doc::Column::RefId.eq(document_id))
        .one(db)
        .await?;
    let type_name = type_from_code(&d.doc_type).map(|t| t.name().to_owned()).unwrap_or_else(|| d.doc_type.clone());
    let mut tokens = vec![d.number.to_string()];
    if let Ok(n) = DocNumber::parse(&d.number_text) {
        tokens.extend(n.search_tokens());
    }
    let doc = search_doc::ActiveModel {
        kind: Set(KIND_DOCUMENT.to_owned()),
        ref_id: Set(document_id),
        title: Set(search_fold(&format!("{type_name} {}", d.number_text))),
        lead: Set(search_fold(&d.issuer_name)),
        body: Set(search_fold(&d.summary)),
        extra: Set(search_fold(&tokens.join(" "))),
        category_id: Set(None),
        published_at: Set(Some(d.issued_on.and_then(vietnam_day_start).unwrap_or(d.created_at))),
        ..Default::default()
    };
    match existing {
        Some(e) => {
            let mut m = doc;
            m.id = Set(e.id);
            m.update(db).await?;
        }
        None => {
            doc.insert(db).await?;
        }
    }
    Ok(())
}

impl Store {
    /// Indexes every published article and every library document that has
    /// no search entry yet (after an upgrade); returns how many were indexed.
    pub async fn ensure_search_index(&self) -> StoreResult<usize> {
        let documents_indexed: std::collections::HashSet<i32> = search_doc::Entity::find()
            .filter(search_doc::Column::Kind.eq(KIND_DOCUMENT))
            .all(&self.read)
            .await?
            .into_iter()
            .map(|d| d.ref_id)
            .collect();
        let missing_documents: Vec<i32> = document::Entity::find()
            .all(&self.read)
            .await?
            .into_iter()
            .map(|d| d.id)
            .filter(|id| !documents_indexed.contains(id))
            .collect();
        for chunk in missing_documents.chunks(200) {
            let tx = self.begin_write().await?;
            for id in chunk {
                index_document(&tx, *id).await?;
            }
            tx.commit().await?;
        }
        let indexed: std::collections::HashSet<i32> = search_doc::Entity::find()
            .filter(search_doc::Column::Kind.eq(KIND_ARTICLE))
            .all(&self.read)
            .await?
            .into_iter()
            .map(|d| d.ref_id)
            .collect();
        let missing: Vec<i32> = article::Entity::find()
            .filter(article::Column::Status.eq(STATUS_PUBLISHED))
            .all(&self.read)
            .await?
            .into_iter()
            .map(|a| a.id)
            .filter(|id| !indexed.contains(id))
            .collect();
        for chunk in missing.chunks(200) {
            let tx = self.begin_write().await?;
            for id in chunk {
                index_article(&tx, *id).await?;
            }
            tx.commit().await?;
        }
        for chunk in missing.chunks(200) {
            let tx = self.begin_write().await?;
            for id in chunk {
                compute_related(&tx, self.backend, *id).await?;
            }
            tx.commit().await?;
        }
        Ok(missing.len() + missing_documents.len())
    }

    /// The abbreviation glossary, abbreviations in alphabetical order.
    pub async fn glossary(&self) -> StoreResult<Vec<(String, String)>> {
        Ok(glossary_entry::Entity::find()
            .order_by_asc(glossary_entry::Column::Abbreviation)
            .all(&self.read)
            .await?
            .into_iter()
            .map(|g| (g.abbreviation, g.expansion))
            .collect())
    }

    /// Adds or replaces glossary entries (abbreviation → expansion).
    pub async fn put_glossary(&self, entries: &[(&str, &str)]) -> StoreResult<()> {
        let tx = self.begin_write().await?;
        for (abbr, exp) in entries {
            let existing =
                glossary_entry::Entity::find().filter(glossary_entry::Column::Abbreviation.eq(*abbr)).one(&tx).await?;
            match existing {
                Some(e) => {
                    let mut m = e.into_active_model();
                    m.expansion = Set((*exp).to_owned());
                    m.update(&tx).await?;
                }
                None => {
                    glossary_entry::ActiveModel {
                        abbreviation: Set((*abbr).to_owned()),
                        expansion: Set((*exp).to_owned()),
                        ..Default::default()
                    }
                    .insert(&tx)
                    .await?;
                }
            }
        }
        tx.commit().await?;
        Ok(())
    }

    /// Fills an empty glossary with `defaults`; returns how many were added.
    pub async fn ensure_glossary(&self, defaults: &[(&str, &str)]) -> StoreResult<usize> {
        if glossary_entry::Entity::find().count(&self.read).await? > 0 {
            return Ok(0);
        }
        self.put_glossary(defaults).await?;
        Ok(defaults.len())
    }

    /// Searches published articles and library documents, ranked together.
    /// `page` is 1-based; `per_page` results per page. An empty query gives
    /// no results.
    pub async fn search(&self, raw: &str, filter: &SearchFilter, page: u64, per_page: u64) -> StoreResult<SearchPage> {
        let glossary: Vec<FoldedAbbreviation> =
            self.glossary().await?.iter().map(|(a, e)| FoldedAbbreviation::new(a, e)).collect();
        let q = Query::parse(raw, &glossary);
        if q.is_empty() {
            return Ok(SearchPage { hits: Vec::new(), total: 0, more: false });
        }
        let mut values: Vec<Value> = Vec::new();
        let mut conds = String::from(match filter.kind {
            None => " AND d.kind IN ('article', 'document') AND d.published_at <= ",
            Some(SearchKind::Article) => " AND d.kind = 'article' AND d.published_at <= ",
            Some(SearchKind::Document) => " AND d.kind = 'document' AND d.published_at <= ",
        });
        // Two candidate sets, each the newest MAX_CANDIDATES matches (the
        // engines can stop there instead of ranking every match of a common
        // word): matches in the title, and matches anywhere. The domain
        // ranks their union, so both backends order alike.
        let (engine_query, title_query) = match self.backend {
            Backend::Sqlite => (fts5_match(&q), format!("title : ({})", fts5_match(&q))),
            Backend::Postgres => (tsquery(&q), tsquery_weighted(&q, 'A')),
        };
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
        let sql = match self.backend {
            // The inner query walks the full-text index newest first and
            // filters through the covering index `search_doc_filter` (no row
            // text read), stopping after MAX_CANDIDATES; CROSS JOIN keeps
            // the FTS table outside without ANALYZE. Then the rows are read.
            Backend::Sqlite => format!(
                "SELECT d.id, d.kind, d.ref_id, d.title, d.lead, d.body, d.extra, d.published_at FROM \
                 (SELECT f.rowid AS id FROM search_fts f CROSS JOIN search_doc d INDEXED BY search_doc_filter ON d.id = f.rowid \
                  WHERE search_fts MATCH $1{conds} ORDER BY f.rowid DESC LIMIT {MAX_CANDIDATES}) c \
                 CROSS JOIN search_doc d ON d.id = c.id"
            ),
            Backend::Postgres => format!(
                "SELECT d.id, d.kind, d.ref_id, d.title, d.lead, d.body, d.extra, d.published_at FROM search_doc d \
                 WHERE d.tsv @@ to_tsquery('simple', $1){conds} ORDER BY d.id DESC LIMIT {MAX_CANDIDATES}"
            ),
        };
        let mut rows = self.read.query_all_raw(Statement::from_sql_and_values(sea_backend(self.backend), sql.clone(), values.clone())).await?;
        let more = rows.len() as u64 >= MAX_CANDIDATES;
        values[0] = title_query.into();
        let mut seen: std::collections::HashSet<i32> = rows.iter().filter_map(|r| r.try_get::<i32>("", "id").ok()).collect();
        for r in self.read.query_all_raw(Statement::from_sql_and_values(sea_backend(self.backend), sql, values)).await? {
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
                let kind = if kind == KIND_DOCUMENT { SearchKind::Document } else { SearchKind::Article };
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
                    if let Some(a) = article::Entity::find_by_id(id).one(&self.read).await? {
                        let text = format!("{} {}", a.lead.clone().unwrap_or_default(), plain_text(&a.body_html));
                        hits.push(SearchHit::Article { snippet: snippet(text.trim(), &q, 30), article: ArticleCard::from(a), score: s });
                    }
                }
                SearchKind::Document => {
                    if let Some(d) = document::Entity::find_by_id(id).one(&self.read).await? {
                        hits.push(SearchHit::Document { snippet: snippet(d.summary.trim(), &q, 30), document: DocumentView::from(d), score: s });
                    }
                }
            }
        }
        Ok(SearchPage { hits, total, more })
    }
}

#[cfg(test)]
mod tests {
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

    /// A library from before documents were searchable: its documents are
    /// indexed by `ensure_search_index`.
    #[tokio::test]
    async fn existing_documents_get_indexed() {
        use crate::NewDocument;
        use danvan_docref::DocType;
        use danvan_domain::documents::DocStatus;
        for db in crate::testing::TestDb::all().await {
            let s = &db.store;
            let d = s
                .add_document(&NewDocument {
                    number: DocNumber::parse("136-KH/HU").unwrap(),
                    doc_type: DocType::KeHoach,
                    issuer_name: "Ban Thường vụ Huyện ủy".into(),
                    signer: None,
                    issued_on: chrono::NaiveDate::from_ymd_opt(2023, 7, 25),
                    effective_on: None,
                    summary: "Thực hiện phong trào thi đua “Dân vận khéo”".into(),
                    status: DocStatus::InForce,
                })
                .await
                .unwrap();
            let row = search_doc::Entity::find().filter(search_doc::Column::Kind.eq(KIND_DOCUMENT)).one(&s.read).await.unwrap().unwrap();
            assert_eq!((row.title.as_str(), row.lead.as_str(), row.extra.as_str()), ("ke hoach 136 kh hu", "ban thuong vu huyen uy", "136 hu kh"));
            assert_eq!(row.category_id, None);
            assert_eq!(row.published_at.unwrap().to_rfc3339(), "2023-07-24T17:00:00+00:00");
            search_doc::Entity::delete_many().exec(&s.write).await.unwrap();
            assert!(s.search("136-KH/HU", &SearchFilter::default(), 1, 10).await.unwrap().hits.is_empty(), "{}", db.label);
            assert_eq!(s.ensure_search_index().await.unwrap(), 1, "{}", db.label);
            assert_eq!(s.ensure_search_index().await.unwrap(), 0, "{}", db.label);
            let found = s.search("136-KH/HU", &SearchFilter::default(), 1, 10).await.unwrap();
            assert_eq!(found.hits.iter().filter_map(|h| h.document()).map(|x| x.id).collect::<Vec<_>>(), [d.id], "{}", db.label);
            db.finish().await;
        }
    }

    #[test]
    fn plain_text_of_body() {
        assert_eq!(plain_text("<p>A &amp; B</p>\n<figure data-figure=\"1\"></figure>\n<p>C&lt;D</p>"), "A & B \n\nC<D");
    }
}
