//! The ranking, as tantivy queries. The engine sums the scores of the
//! clauses that match; the signals of DESIGN.md §4, in their order of
//! weight, are realised as constant-score tiers far apart, and BM25 (per
//! field, with the field's own statistics, weighed by [`field_weight`])
//! orders the entries within a tier.
//!
//! * **All words present**: the matching query requires every term (each an
//!   OR of its forms). When no entry has them all, the search falls back to
//!   entries with any of them, and [`COVERAGE`] per matched term puts those
//!   with more words first.
//! * **Phrase, then proximity**: over the whole query (each reading of it:
//!   as typed, with the glossary's other side, with Telex/VNI decoded), in
//!   any field: [`PHRASE`] for the words in order and adjacent, [`NEAR`] for
//!   each next word at most [`crate::tokenizer::NEAR_REACH`] positions after
//!   the one before it, and [`PAIR`] for every adjacent pair of query words
//!   standing together. These are read from the index's word-pair fields
//!   (one term per pair: [`crate::tokenizer::PairTokenizer`]), not from
//!   positions, so they cost a term lookup even for words in most entries;
//!   for three words "the phrase" is their trio term (the three standing
//!   together), for more each adjacent three standing together somewhere,
//!   which almost always means the phrase itself. Words that must stand
//!   together (a glossary phrase, a quoted phrase) match by their pair or
//!   trios too; a quoted phrase of four words or more also has its
//!   positions checked.
//! * **Marks as typed**: [`MARKS`] for every word typed with marks that
//!   stands with the same marks (canonical tone placement, so "hòa" is
//!   "hoà") in some field (one term of the marks field), so "nóng" is above
//!   "nông"; the word's BM25 is that of its folded key, all its forms alike
//!   (so each word costs one scorer per field, not two). A word typed
//!   without marks matches all its forms equally. A Telex/VNI word
//!   also matches the syllables it spells, at [`TYPED`] of the weight of the
//!   word as typed, in BM25 and in the marks tier, where the word as typed
//!   counts [`MARKS`] ("cos" above "có" where "cos" is written).
//! * **Unfinished last word**: a last word typed without a space after it
//!   also matches the longer words it begins (its completions, at
//!   [`COMPLETION`] of its weight), the whole query counts as a phrase when
//!   its last word is begun ("nông th" stands in "nông thôn"), and the word
//!   itself, whole, scores [`WHOLE`] above its completions. A word typed
//!   with marks is completed with the same marks ("vậ" → "vận"), and those
//!   count as its marks as typed.
//! * **Field**: BM25 of each word in each field times [`field_weight`]:
//!   title > lead > body > captions and byline.
//! * **Recency**: [`crate::SearchIndex::search`] orders equal scores by
//!   publication time, newest first.
//!
//! Cost: every clause but a quoted phrase is a term query, so scoring an
//! entry reads postings and never positions. tantivy's block-max WAND
//! applies only to a flat union or intersection of term queries, and this
//! one nests them; instead the search prunes by tiers
//! ([`crate::SearchIndex::search`]): it ranks first only the entries
//! with the phrase (then those with the words near each other), which are
//! usually few, and keeps that page when its last entry scores above the
//! most any other entry could (every other signal plus a bound of BM25
//! from each term's document frequency); otherwise it scores every entry
//! of the intersection, keeping only a heap of the best.

use crate::query::{Plan, Term, WordForms};
use crate::schema::{Fields, TextField};
use crate::tokenizer::{near_key, pair_key, trio_key};
use danvan_text::fold;
use tantivy::Term as TTerm;
use tantivy::query::{BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::IndexRecordOption;

/// Weight of a match in each field.
pub fn field_weight(f: TextField) -> f32 {
    match f {
        TextField::Title => 4.0,
        TextField::Lead => 2.0,
        TextField::Body => 1.0,
        TextField::Extra => 0.5,
    }
}

/// Weight of a Telex/VNI reading relative to the word as typed.
pub const TYPED: f32 = 0.7;
/// Score of the whole query standing as a phrase (adjacent, in order).
pub const PHRASE: f32 = 8_000.0;
/// Score of the whole query in order within a slop of two per gap.
pub const NEAR: f32 = 4_000.0;
/// Score of each adjacent pair of query words standing together.
pub const PAIR: f32 = 1_000.0;
/// Score of each word typed with marks found with the same marks.
pub const MARKS: f32 = 300.0;
/// Weight of a completion of the last word relative to the word as typed.
pub const COMPLETION: f32 = 0.5;
/// Score of the last word found whole when it is also completed.
pub const WHOLE: f32 = 300.0;
/// Score of each matched term in the any-word fallback.
pub const COVERAGE: f32 = 100_000.0;
/// Most readings of the whole query used for phrase signals.
const MAX_READINGS: usize = 4;

type Q = Box<dyn Query>;

fn term(f: &Fields, field: TextField, key: &str) -> TTerm {
    TTerm::from_field_text(f.folded(field), key)
}

fn boosted(q: Q, weight: f32) -> Q {
    Box::new(BoostQuery::new(q, weight))
}

fn should(clauses: Vec<Q>) -> Q {
    Box::new(BooleanQuery::new(clauses.into_iter().map(|c| (Occur::Should, c)).collect()))
}

/// One word in every field and form it may match.
fn word_query(f: &Fields, w: &WordForms) -> Q {
    let mut clauses: Vec<Q> = vec![position_query(f, &Pos::of(w))];
    let mut typed_folded: Vec<String> = w.typed.iter().map(|s| fold(s)).filter(|s| *s != w.folded).collect();
    typed_folded.dedup();
    let mut completed: Vec<String> = w.completions.iter().map(|c| fold(c)).filter(|c| *c != w.folded).collect();
    completed.sort_unstable();
    completed.dedup();
    for field in TextField::ALL {
        let b = field_weight(field);
        let t = |key: &str| -> Q { Box::new(TermQuery::new(term(f, field, key), IndexRecordOption::WithFreqs)) };
        for s in &typed_folded {
            clauses.push(boosted(t(s), b * TYPED));
        }
        for c in &completed {
            clauses.push(boosted(t(c), b * COMPLETION));
        }
    }
    should(clauses)
}

/// One position of a reading: its folded key (the marks as typed count in
/// the marks tier, per word).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Pos {
    folded: String,
}

impl Pos {
    /// The word as typed.
    fn of(w: &WordForms) -> Pos {
        Pos { folded: w.folded.clone() }
    }
}

/// The words as typed, and (when some word is a Telex/VNI sequence) with
/// each such word read as its first syllable.
fn readings(words: &[&WordForms]) -> Vec<Vec<Pos>> {
    let plain: Vec<Pos> = words.iter().map(|w| Pos::of(w)).collect();
    let mut out = vec![plain];
    if words.iter().any(|w| !w.typed.is_empty()) {
        out.push(
            words
                .iter()
                .map(|w| match w.typed.first() {
                    Some(s) => Pos { folded: fold(s) },
                    None => Pos::of(w),
                })
                .collect(),
        );
    }
    out
}

/// The folded words `a` then `b` next to each other, or with `near` also
/// near each other ([`Fields::pairs`]).
fn pair(f: &Fields, a: &str, b: &str, near: bool) -> Q {
    let t = |key: String| -> Q { Box::new(TermQuery::new(TTerm::from_field_text(f.pairs, &key), IndexRecordOption::Basic)) };
    if near { should(vec![t(pair_key(a, b)), t(near_key(a, b))]) } else { t(pair_key(a, b)) }
}

/// Every adjacent pair of `positions` ([`pair`]): the words in order, each
/// next to (with `near`, or near) the one before it. With `completions`,
/// the last word may also be any of them (folded keys).
fn chain(f: &Fields, positions: &[Pos], completions: &[String], near: bool) -> Q {
    let n = positions.len();
    let clauses = positions
        .windows(2)
        .enumerate()
        .map(|(i, w)| {
            let q = if i + 2 == n && !completions.is_empty() {
                should(std::iter::once(w[1].folded.as_str()).chain(completions.iter().map(String::as_str)).map(|c| pair(f, &w[0].folded, c, near)).collect())
            } else {
                pair(f, &w[0].folded, &w[1].folded, near)
            };
            (Occur::Must, q)
        })
        .collect();
    Box::new(BooleanQuery::new(clauses))
}

/// The words of `positions` standing together in order, from the pairs
/// field: two words by their pair ([`pair_key`]), more by every three
/// adjacent ones ([`trio_key`]), so that three words are exactly the
/// phrase and more are each part of it somewhere. With `completions`, the
/// last word may also be any of them (folded keys).
fn phrase_chain(f: &Fields, positions: &[Pos], completions: &[String]) -> Q {
    let n = positions.len();
    if n < 3 {
        return chain(f, positions, completions, false);
    }
    let t = |key: String| -> Q { Box::new(TermQuery::new(TTerm::from_field_text(f.pairs, &key), IndexRecordOption::Basic)) };
    let clauses = positions
        .windows(3)
        .enumerate()
        .map(|(i, w)| {
            let (a, b) = (&w[0].folded, &w[1].folded);
            let q = if i + 3 == n && !completions.is_empty() {
                should(std::iter::once(w[2].folded.as_str()).chain(completions.iter().map(String::as_str)).map(|c| t(trio_key(a, b, c))).collect())
            } else {
                t(trio_key(a, b, &w[2].folded))
            };
            (Occur::Must, q)
        })
        .collect();
    Box::new(BooleanQuery::new(clauses))
}

/// One position's BM25 in every field (its folded key; the marks as typed
/// are the marks tier's).
fn position_query(f: &Fields, p: &Pos) -> Q {
    let clauses = TextField::ALL
        .into_iter()
        .map(|field| boosted(Box::new(TermQuery::new(term(f, field, &p.folded), IndexRecordOption::WithFreqs)), field_weight(field)))
        .collect();
    should(clauses)
}

/// Words that must stand together: their pair or trios in the pairs field
/// ([`phrase_chain`]; and, `exact`ly with four words or more, their
/// positions in one field), scored by the BM25 of each word.
fn together(f: &Fields, positions: &[Pos], exact: bool) -> Q {
    let mut clauses: Vec<(Occur, Q)> = vec![(Occur::Must, constant(phrase_chain(f, positions, &[]), 0.0))];
    if exact && positions.len() > 3 {
        let phrases = TextField::ALL
            .into_iter()
            .map(|field| {
                let terms = positions.iter().enumerate().map(|(i, p)| (i, term(f, field, &p.folded))).collect();
                Box::new(PhraseQuery::new_with_offset(terms)) as Q
            })
            .collect();
        clauses.push((Occur::Must, constant(should(phrases), 0.0)));
    }
    clauses.extend(positions.iter().map(|p| (Occur::Should, position_query(f, p))));
    Box::new(BooleanQuery::new(clauses))
}

/// The query of one term: any of its alternatives (a word, or words that
/// stand together, in any reading).
fn term_query(f: &Fields, t: &Term) -> Q {
    let mut clauses = Vec::new();
    for alt in &t.alternatives {
        match alt.as_slice() {
            [] => {}
            [w] => clauses.push(word_query(f, w)),
            words => {
                let refs: Vec<&WordForms> = words.iter().collect();
                for r in readings(&refs) {
                    clauses.push(together(f, &r, t.quoted));
                }
            }
        }
    }
    should(clauses)
}

/// The whole query read term after term, taking each term's first
/// alternative and, while there is room, its second (the glossary's other
/// side) too.
fn whole_readings(plan: &Plan) -> Vec<Vec<Pos>> {
    let mut variants: Vec<Vec<&WordForms>> = vec![Vec::new()];
    for t in &plan.terms {
        if let (Some(second), true) = (t.alternatives.get(1), variants.len() * 2 <= MAX_READINGS) {
            let mut other = variants.clone();
            other.iter_mut().for_each(|v| v.extend(second.iter()));
            variants.iter_mut().for_each(|v| v.extend(t.alternatives[0].iter()));
            variants.extend(other);
        } else if let Some(first) = t.alternatives.first() {
            variants.iter_mut().for_each(|v| v.extend(first.iter()));
        }
    }
    let mut out: Vec<Vec<Pos>> = Vec::new();
    for v in &variants {
        for r in readings(v) {
            if !out.contains(&r) && out.len() < MAX_READINGS * 2 {
                out.push(r);
            }
        }
    }
    out
}

fn constant(q: Q, score: f32) -> Q {
    Box::new(ConstScoreQuery::new(q, score))
}

/// The phrase and proximity tiers of the whole query: each signal counts
/// once whichever reading matches it. The phrase is the query's words
/// standing together in the pairs field ([`phrase_chain`]: for two or
/// three words exactly the phrase; for more, each three in some place), the proximity
/// every pair near each other ([`crate::tokenizer::NEAR_REACH`]), so that
/// no signal reads positions.
fn proximity_clauses(f: &Fields, plan: &Plan) -> Tiers {
    let mut phrase = Vec::new();
    let mut near = Vec::new();
    let mut pairs: Vec<&[Pos]> = Vec::new();
    let readings = whole_readings(plan);
    // the last word begins longer words of the index: they may end the phrase too
    let completions: Vec<String> = plan.last_word().map(|w| w.completions.iter().map(|c| fold(c)).collect()).unwrap_or_default();
    for r in &readings {
        let n = r.len();
        if n < 2 {
            continue;
        }
        phrase.push(phrase_chain(f, r, &completions));
        near.push(chain(f, r, &completions, true));
        for p in r.windows(2) {
            if n >= 3 && !pairs.iter().any(|q| q.iter().zip(p).all(|(a, b)| a.folded == b.folded)) {
                pairs.push(p);
            }
        }
    }
    let mut out = Tiers::default();
    if !phrase.is_empty() {
        out.phrase = Some(should(phrase));
        out.near = Some(should(near));
    }
    let last_pairs: Vec<&[Pos]> = if completions.is_empty() { Vec::new() } else { readings.iter().filter(|r| r.len() >= 3).map(|r| &r[r.len() - 2..]).collect() };
    for p in pairs {
        let with = if last_pairs.contains(&p) { completions.as_slice() } else { &[] };
        out.others.push((chain(f, p, with, false), PAIR));
    }
    out
}

/// The constant-score signals of a query, unwrapped: the phrase and
/// proximity tiers apart (the search may restrict itself to them first),
/// the others with their scores.
#[derive(Default)]
struct Tiers {
    /// The whole query standing together ([`PHRASE`]), in some reading.
    phrase: Option<Q>,
    /// The whole query near together ([`NEAR`]), in some reading: every
    /// entry with the phrase has it too (a trio or pair standing together
    /// is a pair standing near).
    near: Option<Q>,
    /// Pairs ([`PAIR`]) and marks ([`MARKS`], [`WHOLE`]).
    others: Vec<(Q, f32)>,
}

/// The marks tier: each word typed with marks (or spelled in Telex/VNI)
/// that stands with the same marks in some field.
fn marks_clauses(f: &Fields, plan: &Plan) -> Vec<(Q, f32)> {
    let mut out = Vec::new();
    let folded_anywhere = |key: &str| -> Q {
        should(TextField::ALL.into_iter().map(|field| Box::new(TermQuery::new(term(f, field, key), IndexRecordOption::Basic)) as Q).collect())
    };
    let marked = |key: &str| -> Q { Box::new(TermQuery::new(TTerm::from_field_text(f.marks, key), IndexRecordOption::Basic)) };
    for w in plan.terms.iter().filter_map(|t| t.alternatives.first()).flatten() {
        if let Some(e) = &w.exact {
            // a begun word's completions carry its marks as typed too
            let forms: Vec<Q> = std::iter::once(e).chain(&w.completions).map(|k| marked(k)).collect();
            out.push((should(forms), MARKS));
        } else if !w.completions.is_empty() {
            out.push((folded_anywhere(&w.folded), WHOLE));
        }
        if !w.typed.is_empty() {
            // the word as typed ("cos") above the syllable it spells ("có")
            out.push((folded_anywhere(&w.folded), MARKS));
            out.push((should(w.typed.iter().map(|s| marked(s)).collect()), MARKS * TYPED));
        }
    }
    out
}

/// A search's query and what it may be restricted to first.
pub(crate) struct Ranking {
    /// Matches the entries of the search (its count is the total) and
    /// scores them.
    pub query: Q,
    /// The sum of every constant-score signal's score: the most an entry
    /// gets from them.
    pub signals: f32,
    /// Clauses the best entries are likely to match, strongest first, each
    /// with the score of the signals an entry outside it cannot have: the
    /// phrase (outside it, no [`PHRASE`]), then proximity (outside it,
    /// neither [`NEAR`] nor [`PHRASE`]). Empty when the query has no such
    /// signal (one word, the any-word fallback).
    pub levels: Vec<(Q, f32)>,
}

/// The ranking of `plan` under `filter` (clauses every entry must match,
/// scoring nothing). With `all_terms` every term is required; without it
/// any term will do and [`COVERAGE`] ranks by how many match.
pub(crate) fn build(f: &Fields, plan: &Plan, filter: &[Q], all_terms: bool) -> Ranking {
    let mut ranking: Vec<(Occur, Q)> = filter.iter().map(|q| (Occur::Must, Box::new(ConstScoreQuery::new(q.box_clone(), 0.0)) as Q)).collect();
    let terms: Vec<Q> = plan.terms.iter().map(|t| term_query(f, t)).collect();
    if all_terms {
        ranking.extend(terms.into_iter().map(|q| (Occur::Must, q)));
    } else {
        let mut any: Vec<Q> = Vec::new();
        for q in terms {
            any.push(constant(q.box_clone(), COVERAGE));
            any.push(q);
        }
        ranking.push((Occur::Must, should(any)));
    }
    let tiers = proximity_clauses(f, plan);
    let mut signals = 0.0;
    let mut levels = Vec::new();
    for (q, score) in [(tiers.phrase, PHRASE), (tiers.near, NEAR)].into_iter().filter_map(|(q, s)| q.map(|q| (q, s))) {
        signals += score;
        if all_terms {
            levels.push((q.box_clone(), signals));
        }
        ranking.push((Occur::Should, constant(q, score)));
    }
    for (q, score) in tiers.others.into_iter().chain(marks_clauses(f, plan)) {
        signals += score;
        ranking.push((Occur::Should, constant(q, score)));
    }
    Ranking { query: Box::new(BooleanQuery::new(ranking)), signals, levels }
}

/// The ranking's parts alone (profiling only).
#[cfg(feature = "profile")]
pub(crate) fn parts(f: &Fields, plan: &Plan) -> Vec<(&'static str, Q)> {
    let terms: Vec<(Occur, Q)> = plan.terms.iter().map(|t| (Occur::Must, term_query(f, t))).collect();
    let clone = |v: &Vec<(Occur, Q)>| v.iter().map(|(o, q)| (*o, q.box_clone())).collect::<Vec<_>>();
    let mut with_marks = clone(&terms);
    with_marks.extend(marks_clauses(f, plan).into_iter().map(|(q, s)| (Occur::Should, constant(q, s))));
    let prox = || {
        let t = proximity_clauses(f, plan);
        t.phrase.into_iter().chain(t.near).map(|q| (q, PHRASE)).chain(t.others).map(|(q, s)| (Occur::Should, constant(q, s))).collect::<Vec<_>>()
    };
    let mut with_prox = clone(&terms);
    with_prox.extend(prox());
    let prox_only: Vec<(Occur, Q)> = prox();
    vec![
        ("terms", Box::new(BooleanQuery::new(terms)) as Q),
        ("terms+marks", Box::new(BooleanQuery::new(with_marks))),
        ("terms+prox", Box::new(BooleanQuery::new(with_prox))),
        ("prox alone", Box::new(BooleanQuery::new(prox_only))),
    ]
}
