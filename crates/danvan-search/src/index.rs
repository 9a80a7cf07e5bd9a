//! The index itself: open or create, write, commit with a watermark, search.

use crate::doc::{Doc, Kind};
use crate::query::Plan;
use crate::rank::{Ranking, build, field_weight};
use crate::schema::TextField;
use crate::schema::{FORMAT, Fields, ID, KIND, PUBLISHED};
use crate::tokenizer::{EXACT, FOLDED, Form, NEAR_REACH, PAIRS, PairTokenizer, VietTokenizer};
use crate::{Error, Result};

/// The first key after every key that begins with `start` (`None` when
/// there is none: `start` is empty or all 0xFF).
fn prefix_end(start: &[u8]) -> Option<Vec<u8>> {
    let mut end = start.to_vec();
    while let Some(last) = end.pop() {
        if last < u8::MAX {
            end.push(last + 1);
            return Some(end);
        }
    }
    None
}
use chrono::{DateTime, Utc};
use danvan_text::Glossary;
use std::ops::Bound;
use std::path::Path;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{Mutex, RwLock};
use tantivy::collector::{Count, TopDocs};
use tantivy::directory::MmapDirectory;
use tantivy::query::{BooleanQuery, ConstScoreQuery, EnableScoring, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocAddress, Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, TantivyDocument, Term};

/// Memory the writer may fill before it writes a segment, in bytes.
const WRITER_MEMORY: usize = 32_000_000;
/// Most results of one page ([`SearchQuery::limit`] is capped to it).
pub const MAX_LIMIT: usize = 100;
/// Most longer words a last word typed without a space after it also
/// matches ([`crate::SearchIndex::search`]).
pub const MAX_COMPLETIONS: usize = 8;
/// Shortest last word (in characters) that is completed: one letter
/// begins too many words to say anything.
pub const MIN_COMPLETED_CHARS: usize = 2;
/// Results read past the page, so that entries tied on score with the
/// page's last one can be ordered by recency.
const TIE_SLACK: usize = 16;

/// What a search asks: the reader's words, filters and the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery {
    /// As the reader typed it (see the crate doc for the query language).
    pub text: String,
    /// Only these kinds; empty for all.
    pub kinds: Vec<Kind>,
    /// Only entries of one of these categories (a category and its
    /// subcategories); empty for all. Entries without a category (documents,
    /// records) never pass a category filter.
    pub category_ids: Vec<i64>,
    /// Only entries of one of these units (a unit's subtree); empty for all.
    pub unit_ids: Vec<i64>,
    /// Published at or after (seconds precision).
    pub from: Option<DateTime<Utc>>,
    /// Published before (seconds precision).
    pub until: Option<DateTime<Utc>>,
    /// Results skipped (page × page size).
    pub offset: usize,
    /// Results wanted, at most [`MAX_LIMIT`]; 0 counts only.
    pub limit: usize,
}

impl SearchQuery {
    /// The first ten results of `text` with no filter.
    pub fn new(text: impl Into<String>) -> SearchQuery {
        SearchQuery { text: text.into(), kinds: Vec::new(), category_ids: Vec::new(), unit_ids: Vec::new(), from: None, until: None, offset: 0, limit: 10 }
    }
}

/// One result.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Hit {
    /// What the result is.
    pub kind: Kind,
    /// Its row id ([`Doc::id`]).
    pub id: i64,
    /// The engine's score: higher is better; comparable within one search only.
    pub score: f32,
}

/// A page of results.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Hits {
    /// How many entries match, exactly (all pages).
    pub total: usize,
    /// The page, best first.
    pub hits: Vec<Hit>,
    /// False when no entry has every word of the query and the results are
    /// those with some of them, most words first (how to say so is the
    /// web's choice).
    pub all_words: bool,
}

/// The commit payload: what the index has caught up with.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct Payload {
    format: u32,
    watermark: i64,
}

/// A search index of articles, documents and registry records, on disk
/// ([`SearchIndex::open`]) or in memory ([`SearchIndex::in_memory`]).
///
/// Writes ([`SearchIndex::upsert`], [`SearchIndex::delete`]) are seen by
/// searches after [`SearchIndex::commit`]. Shared by reference between
/// threads (`Sync`): searches run in parallel, writes are serialised.
pub struct SearchIndex {
    fields: Fields,
    reader: IndexReader,
    writer: Mutex<IndexWriter<TantivyDocument>>,
    watermark: AtomicI64,
    glossary: RwLock<Glossary>,
    /// Searches answered from a level alone ([`ranked`]).
    pruned: AtomicU64,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex").field("count", &self.count()).field("watermark", &self.watermark()).finish()
    }
}

impl SearchIndex {
    /// Opens the index in folder `dir`, creating the folder and an empty
    /// index when there is none. Only one `SearchIndex` may hold a folder at
    /// a time (the engine locks it).
    ///
    /// Errors: [`Error::Folder`] when the folder cannot be made or read,
    /// [`Error::Incompatible`] when it holds an index of another schema or
    /// version (delete the folder and reindex), [`Error::Engine`] otherwise
    /// (lock held, corrupt files).
    pub fn open(dir: impl AsRef<Path>) -> Result<SearchIndex> {
        let dir = dir.as_ref();
        std::fs::create_dir_all(dir).map_err(|source| Error::Folder { path: dir.to_owned(), source })?;
        let directory = MmapDirectory::open(dir)
            .map_err(|e| Error::Folder { path: dir.to_owned(), source: std::io::Error::other(e.to_string()) })?;
        let fields = Fields::new();
        let index = match Index::open_or_create(directory, fields.schema.clone()) {
            Ok(i) => i,
            Err(tantivy::TantivyError::SchemaError(_)) => return Err(Error::Incompatible { found: None }),
            Err(e) => return Err(e.into()),
        };
        SearchIndex::with_index(index, fields)
    }

    /// A new empty index in memory (tests, tools); lost when dropped.
    pub fn in_memory() -> Result<SearchIndex> {
        let fields = Fields::new();
        SearchIndex::with_index(Index::create_in_ram(fields.schema.clone()), fields)
    }

    fn with_index(mut index: Index, fields: Fields) -> Result<SearchIndex> {
        let threads = search_threads();
        if threads > 1 {
            index.set_multithread_executor(threads)?;
        }
        index.tokenizers().register(EXACT, TextAnalyzer::from(VietTokenizer::new(Form::Exact)));
        index.tokenizers().register(FOLDED, TextAnalyzer::from(VietTokenizer::new(Form::Folded)));
        index.tokenizers().register(PAIRS, TextAnalyzer::from(PairTokenizer::new(NEAR_REACH)));
        let watermark = match index.load_metas()?.payload {
            None => 0,
            Some(p) => match serde_json::from_str::<Payload>(&p) {
                Ok(p) if p.format == FORMAT => p.watermark,
                Ok(p) => return Err(Error::Incompatible { found: Some(p.format) }),
                Err(_) => return Err(Error::Incompatible { found: None }),
            },
        };
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        let writer = index.writer_with_num_threads(1, WRITER_MEMORY)?;
        Ok(SearchIndex {
            fields,
            reader,
            writer: Mutex::new(writer),
            watermark: AtomicI64::new(watermark),
            glossary: RwLock::new(Glossary::default()),
            pruned: AtomicU64::new(0),
        })
    }

    /// Replaces the glossary used to expand queries (default:
    /// [`danvan_text::DEFAULT_GLOSSARY`]); takes effect at the next search.
    pub fn set_glossary(&self, glossary: Glossary) {
        *self.glossary.write().unwrap_or_else(|e| e.into_inner()) = glossary;
    }

    fn writer(&self) -> std::sync::MutexGuard<'_, IndexWriter<TantivyDocument>> {
        self.writer.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Adds `doc`, replacing the entry of the same kind and id if there is
    /// one; seen by searches after [`SearchIndex::commit`].
    pub fn upsert(&self, doc: &Doc) -> Result<()> {
        let w = self.writer();
        w.delete_term(Term::from_field_text(self.fields.key, &Doc::key(doc.kind, doc.id)));
        w.add_document(doc.to_tantivy(&self.fields))?;
        Ok(())
    }

    /// Adds `doc` without looking for an entry of the same kind and id: for
    /// filling an index just cleared ([`SearchIndex::clear`]), where
    /// [`SearchIndex::upsert`]'s delete of each key would only cost time.
    /// Seen by searches after [`SearchIndex::commit`].
    pub fn add(&self, doc: &Doc) -> Result<()> {
        self.writer().add_document(doc.to_tantivy(&self.fields))?;
        Ok(())
    }

    /// Removes the entry of `kind` and `id` (nothing when there is none);
    /// seen by searches after [`SearchIndex::commit`].
    pub fn delete(&self, kind: Kind, id: i64) -> Result<()> {
        self.writer().delete_term(Term::from_field_text(self.fields.key, &Doc::key(kind, id)));
        Ok(())
    }

    /// Removes every entry (before a full reindex); seen after commit.
    pub fn clear(&self) -> Result<()> {
        self.writer().delete_all_documents()?;
        Ok(())
    }

    /// Makes every write so far durable (on disk for [`SearchIndex::open`])
    /// and visible to searches, and records `watermark`: the caller's mark
    /// of the last change now in the index (a change-log id, or an
    /// `updated_at` in microseconds; the store chooses). The recorded mark
    /// never goes down: a smaller one keeps the current mark.
    pub fn commit(&self, watermark: i64) -> Result<()> {
        let mut w = self.writer();
        let mark = self.watermark().max(watermark);
        let mut prepared = w.prepare_commit()?;
        prepared.set_payload(&serde_json::json!({ "format": FORMAT, "watermark": mark }).to_string());
        prepared.commit()?;
        self.watermark.store(mark, Ordering::SeqCst);
        self.reader.reload()?;
        Ok(())
    }

    /// Merges the committed segments into [`search_threads`] segments of
    /// about as many entries each, and waits for it (after a rebuild: a
    /// search visits each segment, and a rebuild leaves a dozen, which the
    /// engine's merge policy would merge only partly, and while the first
    /// searches run). A search goes through the segments in parallel, one
    /// thread each, so one segment per thread answers soonest. The
    /// entries, the watermark and what searches find do not change; the
    /// merged segments are seen on return. The engine's own merges are
    /// held meanwhile (those under way are waited for, up to 30 s, then
    /// this gives up without error: the index is as good, only less
    /// merged). Returns the number of segments before.
    ///
    /// Errors: [`Error::Engine`] when a segment cannot be read or written.
    pub fn merge_segments(&self) -> Result<usize> {
        let before = self.segment_count();
        self.writer().set_merge_policy(Box::new(tantivy::merge_policy::NoMergePolicy));
        let merged = self.merge_all();
        self.writer().set_merge_policy(Box::new(tantivy::merge_policy::LogMergePolicy::default()));
        merged?;
        self.reader.reload()?;
        Ok(before)
    }

    fn merge_all(&self) -> Result<()> {
        let index = self.reader.searcher().index().clone();
        let target = search_threads();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        loop {
            let mut metas = index.searchable_segment_metas()?;
            if metas.len() <= target {
                break;
            }
            // largest first, each to the group with the fewest entries so far
            metas.sort_by_key(|m| std::cmp::Reverse(m.num_docs()));
            let mut groups: Vec<(u32, Vec<tantivy::index::SegmentId>)> = vec![(0, Vec::new()); target];
            for m in &metas {
                if let Some(g) = groups.iter_mut().min_by_key(|g| g.0) {
                    g.0 += m.num_docs();
                    g.1.push(m.id());
                }
            }
            let merging: Vec<_> = groups.iter().filter(|g| g.1.len() > 1).map(|g| self.writer().merge(&g.1)).collect();
            let mut held = false;
            for m in merging {
                match m.wait() {
                    Ok(_) => {}
                    // a merge of the engine's own holds some of them: wait for it
                    Err(tantivy::TantivyError::InvalidArgument(_)) => held = true,
                    Err(e) => return Err(e.into()),
                }
            }
            if !held {
                break;
            }
            if std::time::Instant::now() >= deadline {
                return Ok(());
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        let _ = self.writer().garbage_collect_files().wait();
        Ok(())
    }

    /// Segments visible to searches (a search visits each one).
    pub fn segment_count(&self) -> usize {
        self.reader.searcher().segment_readers().len()
    }

    /// Entries visible to searches (committed), all kinds.
    pub fn count(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// The mark recorded by the last [`SearchIndex::commit`] (0 for an index
    /// never committed): compare it with the database's newest change to
    /// tell whether the index is behind.
    pub fn watermark(&self) -> i64 {
        self.watermark.load(Ordering::SeqCst)
    }

    fn filters(&self, q: &SearchQuery) -> Vec<Box<dyn Query>> {
        let f = &self.fields;
        let any = |terms: Vec<Term>| -> Box<dyn Query> {
            Box::new(BooleanQuery::new(
                terms.into_iter().map(|t| (Occur::Should, Box::new(TermQuery::new(t, IndexRecordOption::Basic)) as Box<dyn Query>)).collect(),
            ))
        };
        let mut out = Vec::new();
        if !q.kinds.is_empty() {
            out.push(any(q.kinds.iter().map(|k| Term::from_field_u64(f.kind, k.number())).collect()));
        }
        if !q.category_ids.is_empty() {
            out.push(any(q.category_ids.iter().map(|c| Term::from_field_i64(f.category, *c)).collect()));
        }
        if !q.unit_ids.is_empty() {
            out.push(any(q.unit_ids.iter().map(|u| Term::from_field_i64(f.unit, *u)).collect()));
        }
        if q.from.is_some() || q.until.is_some() {
            let lower = q.from.map_or(Bound::Unbounded, |d| Bound::Included(Term::from_field_i64(f.published, d.timestamp())));
            let upper = q.until.map_or(Bound::Unbounded, |d| Bound::Excluded(Term::from_field_i64(f.published, d.timestamp())));
            out.push(Box::new(RangeQuery::new(lower, upper)));
        }
        out
    }

    /// Searches every committed entry (no candidate cap): the exact number
    /// of matches and the page `offset..offset + limit`, ranked as the
    /// crate doc says. An empty query (no word) matches nothing.
    ///
    /// Errors: [`Error::Engine`] only (an unreadable index file).
    pub fn search(&self, q: &SearchQuery) -> Result<Hits> {
        self.search_pruned(q, true)
    }

    /// [`SearchIndex::search`] scoring every match in full, without the
    /// pruning by tiers: the same hits, slower (for tests that check the
    /// pruning, and profiling).
    #[doc(hidden)]
    pub fn search_exhaustive(&self, q: &SearchQuery) -> Result<Hits> {
        self.search_pruned(q, false)
    }

    fn search_pruned(&self, q: &SearchQuery, prune: bool) -> Result<Hits> {
        let mut plan = Plan::parse(&q.text, &self.glossary.read().unwrap_or_else(|e| e.into_inner()));
        if plan.is_empty() {
            return Ok(Hits { total: 0, hits: Vec::new(), all_words: true });
        }
        let searcher = self.reader.searcher();
        self.complete(&searcher, &mut plan)?;
        let filters = self.filters(q);
        let limit = q.limit.min(MAX_LIMIT);
        // the ranking query matches what the matching query matches: one
        // pass counts and ranks
        // (never more than there are entries: a far page only counts)
        let entries = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX);
        let want = q.offset.saturating_add(limit).saturating_add(TIE_SLACK).min(entries).max(1);
        let mut all_words = true;
        let (mut total, mut top) = self.ranked(&searcher, &build(&self.fields, &plan, &filters, true), want, prune)?;
        if total == 0 && plan.terms.len() > 1 {
            all_words = false;
            (total, top) = self.ranked(&searcher, &build(&self.fields, &plan, &filters, false), want, prune)?;
        }
        if total == 0 || limit == 0 || q.offset >= total {
            return Ok(Hits { total, hits: Vec::new(), all_words });
        }
        let mut ranked = Vec::with_capacity(top.len());
        for (score, addr) in top {
            if let Some(hit) = self.read_hit(&searcher, addr, score)? {
                ranked.push(hit);
            }
        }
        // equal scores (BM25's quantised lengths make them common): newest first
        ranked.sort_by(|a, b| tie_key(b.1.score).cmp(&tie_key(a.1.score)).then(b.0.cmp(&a.0)));
        let hits = ranked.into_iter().skip(q.offset).take(limit).map(|(_, h)| h).collect();
        Ok(Hits { total, hits, all_words })
    }

    /// The exact count of `r`'s matches and its best `want` (score, entry).
    ///
    /// With `prune`, first the matches of each of `r`'s levels (the phrase,
    /// then proximity) that are few enough to be worth it (at most a quarter
    /// of the matches, as the postings estimate them) are ranked alone; when
    /// they give `want` entries and the last scores above the most an entry
    /// outside the level can score ([`Ranking::levels`] plus [`bm25_bound`]),
    /// those are the best of all, and the matches are only counted (without
    /// scores, which skips the ranking's optional clauses). Otherwise every
    /// match is scored.
    fn ranked(&self, searcher: &Searcher, r: &Ranking, want: usize, prune: bool) -> Result<(usize, Vec<(f32, DocAddress)>)> {
        let top_docs = TopDocs::with_limit(want).order_by_score();
        if prune && !r.levels.is_empty() {
            let matches = estimate(searcher, &*r.query)?;
            let mut bound = None;
            for (level, excluded) in &r.levels {
                if estimate(searcher, &**level)?.saturating_mul(4) > matches {
                    continue;
                }
                let within = BooleanQuery::new(vec![(Occur::Must, r.query.box_clone()), (Occur::Must, Box::new(ConstScoreQuery::new(level.box_clone(), 0.0)))]);
                let top = searcher.search(&within, &top_docs)?;
                let Some(&(last, _)) = top.get(want - 1) else { continue };
                let bm25 = match bound {
                    Some(b) => b,
                    None => *bound.insert(bm25_bound(&self.fields, searcher, &*r.query)?),
                };
                if last > r.signals - excluded + bm25 {
                    self.pruned.fetch_add(1, Ordering::Relaxed);
                    return Ok((searcher.search(&*r.query, &Count)?, top));
                }
            }
        }
        Ok(searcher.search(&*r.query, &(Count, top_docs))?)
    }

    /// How many searches were answered by ranking a level alone
    /// ([`SearchIndex::search`]'s pruning) since the index was opened.
    #[doc(hidden)]
    pub fn pruned_searches(&self) -> u64 {
        self.pruned.load(Ordering::Relaxed)
    }

    /// Fills the completions of the plan's last word when the reader may
    /// still be typing it: the [`MAX_COMPLETIONS`] longer words it begins
    /// that stand in the most entries (for a word typed with marks the
    /// exact keys of any field, as the marks field holds them; otherwise
    /// the folded keys of the title, lead or body), for a word of at least
    /// [`MIN_COMPLETED_CHARS`] characters.
    fn complete(&self, searcher: &Searcher, plan: &mut Plan) -> Result<()> {
        use std::collections::HashMap;
        let Some(w) = plan.last_word_mut() else { return Ok(()) };
        let (fields, start) = match &w.exact {
            Some(e) => (vec![self.fields.marks], e.clone()),
            None => ([TextField::Title, TextField::Lead, TextField::Body].map(|f| self.fields.folded(f)).to_vec(), w.folded.clone()),
        };
        if start.chars().count() < MIN_COMPLETED_CHARS {
            return Ok(());
        }
        let mut entries: HashMap<Vec<u8>, u64> = HashMap::new();
        for segment in searcher.segment_readers() {
            for field in &fields {
                let inverted = segment.inverted_index(*field)?;
                let mut range = inverted.terms().range().ge(start.as_bytes());
                if let Some(end) = prefix_end(start.as_bytes()) {
                    range = range.lt(end);
                }
                let mut stream = range.into_stream().map_err(tantivy::TantivyError::from)?;
                while stream.advance() {
                    if stream.key() != start.as_bytes() {
                        *entries.entry(stream.key().to_vec()).or_default() += u64::from(stream.value().doc_freq);
                    }
                }
            }
        }
        let mut ranked: Vec<(Vec<u8>, u64)> = entries.into_iter().collect();
        ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        w.completions = ranked.into_iter().filter_map(|(k, _)| String::from_utf8(k).ok()).take(MAX_COMPLETIONS).collect();
        Ok(())
    }

    /// The entries of `kind` that share the most of `words` (folded
    /// syllables, `[a-z0-9]+`, as [`danvan_text::fold`] gives them), best
    /// first, at most `limit`, without `except` and without entries
    /// published after `until`: the candidates of an article's related
    /// list (which the caller ranks itself). Each word counts its BM25 in
    /// the folded title and in the folded body (a short title gives its
    /// words the higher score); the query is a flat union of term queries
    /// without boosts, so the engine prunes it with block-max WAND and its
    /// cost does not grow with the number of matches.
    ///
    /// Errors: [`Error::Engine`] only.
    pub fn similar(&self, words: &[&str], kind: Kind, except: i64, until: DateTime<Utc>, limit: usize) -> Result<Vec<Hit>> {
        let f = &self.fields;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for w in words.iter().filter(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_alphanumeric())) {
            for field in [TextField::Title, TextField::Body] {
                let q = TermQuery::new(Term::from_field_text(f.folded(field), w), IndexRecordOption::WithFreqs);
                clauses.push((Occur::Should, Box::new(q)));
            }
        }
        if clauses.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let searcher = self.reader.searcher();
        // read past the limit: the entry itself, other kinds and scheduled ones are skipped
        let top = searcher.search(&BooleanQuery::new(clauses), &TopDocs::with_limit(limit * 2 + 8).order_by_score())?;
        let mut out = Vec::with_capacity(limit);
        for (score, addr) in top {
            if let Some((published, hit)) = self.read_hit(&searcher, addr, score)?
                && hit.kind == kind
                && hit.id != except
                && published <= until.timestamp()
            {
                out.push(hit);
                if out.len() == limit {
                    break;
                }
            }
        }
        Ok(out)
    }

    /// The hit at `addr` with its publication time (`i64::MIN` without one).
    fn read_hit(&self, searcher: &Searcher, addr: DocAddress, score: f32) -> Result<Option<(i64, Hit)>> {
        let ff = searcher.segment_reader(addr.segment_ord).fast_fields();
        let kind = ff.u64(KIND)?.first(addr.doc_id).and_then(Kind::from_number);
        let id = ff.i64(ID)?.first(addr.doc_id);
        let published = ff.i64(PUBLISHED)?.first(addr.doc_id).unwrap_or(i64::MIN);
        Ok(kind.zip(id).map(|(kind, id)| (published, Hit { kind, id, score })))
    }
}

/// An estimate of how many entries `q` matches, at least the true number:
/// tantivy's cost of going through them, from the postings' sizes (an
/// intersection that of its smallest part, a union the sum of its parts).
fn estimate(searcher: &Searcher, q: &dyn Query) -> Result<u64> {
    let weight = q.weight(EnableScoring::disabled_from_searcher(searcher))?;
    let mut n = 0u64;
    for segment in searcher.segment_readers() {
        n = n.saturating_add(weight.scorer(segment, 1.0)?.cost());
    }
    Ok(n)
}

/// The most the BM25 part of `q`'s score can be for one entry: for each
/// term of a folded text field (each time it occurs in `q`), its field's
/// weight times BM25's bound for the term, `idf × (k1 + 1)` with tantivy's
/// `idf = ln(1 + (N − n + 0.5) / (n + 0.5))` and `k1 = 1.2` (N entries,
/// deleted ones included as tantivy counts them, n with the term). Every
/// boost of the ranking is a field weight or a fraction of one, and terms
/// of other fields score only constants, so this bounds the entry's BM25;
/// a margin covers rounding.
fn bm25_bound(f: &Fields, searcher: &Searcher, q: &dyn Query) -> Result<f32> {
    let docs: u64 = searcher.segment_readers().iter().map(|s| u64::from(s.max_doc())).sum();
    let mut terms = Vec::new();
    q.query_terms(&mut |t, _| terms.push(t.clone()));
    let mut sum = 0.0f64;
    for t in &terms {
        let Some(field) = TextField::ALL.into_iter().find(|x| f.folded(*x) == t.field()) else { continue };
        let n = searcher.doc_freq(t)?.min(docs);
        if n == 0 {
            continue;
        }
        let idf = (1.0 + ((docs - n) as f64 + 0.5) / (n as f64 + 0.5)).ln();
        sum += f64::from(field_weight(field)) * 2.2 * idf;
    }
    Ok((sum * 1.01 + 1.0) as f32)
}

/// Most threads one search uses.
pub const MAX_SEARCH_THREADS: usize = 4;

/// Threads one search uses, one per segment at a time: the machine's
/// cores, at most [`MAX_SEARCH_THREADS`]; [`SearchIndex::merge_segments`]
/// leaves as many segments. Parallel segments make one search answer
/// sooner on an idle server; under load they add no throughput (each core
/// is busy with some search either way).
pub fn search_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, MAX_SEARCH_THREADS)
}

/// Orders scores as numbers (equal scores, common with BM25's quantised
/// field lengths, compare equal); non-finite ones last.
fn tie_key(score: f32) -> i64 {
    if score.is_finite() { (f64::from(score) * 1e3).round() as i64 } else { i64::MIN }
}

#[cfg(feature = "profile")]
impl SearchIndex {
    /// Times the parts of one search (profiling only).
    #[doc(hidden)]
    pub fn profile(&self, text: &str) -> Result<Vec<(&'static str, std::time::Duration, usize)>> {
        use std::time::Instant;
        let mut plan = Plan::parse(text, &self.glossary.read().unwrap_or_else(|e| e.into_inner()));
        let searcher = self.reader.searcher();
        let mut out = Vec::new();
        let t = Instant::now();
        self.complete(&searcher, &mut plan)?;
        out.push(("complete", t.elapsed(), plan.last_word().map_or(0, |w| w.completions.len())));
        let built = build(&self.fields, &plan, &[], true).query;
        let t = Instant::now();
        let (n, _) = searcher.search(&*built, &(Count, TopDocs::with_limit(26).order_by_score()))?;
        out.push(("full+count", t.elapsed(), n));
        for (name, until, prune) in [("search", None, true), ("exhaustive", None, false), ("search+until", Some(chrono::Utc::now()), true)] {
            let q = SearchQuery { text: text.to_owned(), kinds: Vec::new(), category_ids: Vec::new(), unit_ids: Vec::new(), from: None, until, offset: 0, limit: 10 };
            let t = Instant::now();
            let hits = self.search_pruned(&q, prune)?;
            out.push((name, t.elapsed(), hits.total));
        }
        for (name, part) in crate::rank::parts(&self.fields, &plan) {
            let t = Instant::now();
            let top = searcher.search(&part, &TopDocs::with_limit(26).order_by_score())?;
            out.push((name, t.elapsed(), top.len()));
        }
        Ok(out)
    }
}
