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
//!   them in order within a slop of two per gap, and [`PAIR`] for every
//!   adjacent pair of query words standing together.
//! * **Marks as typed**: [`MARKS`] for every word typed with marks that
//!   stands with the same marks (canonical tone placement, so "hòa" is
//!   "hoà"), so "nóng" is above "nông"; the word's BM25 also counts the exact
//!   field beside the folded one ([`EXACT`]). A word typed without marks
//!   matches the folded fields only: all its forms alike. A Telex/VNI word
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
//! Pruning: tantivy's block-max WAND applies to a flat union or
//! intersection of term queries; this query nests phrases and constant
//! tiers, so the top-k collector scores every entry of the intersection
//! (the intersection itself skips through the postings' skip lists), keeping
//! only a heap of the best.

use crate::query::{Plan, Term, WordForms};
use crate::schema::{Fields, TextField};
use crate::tokenizer::Form;
use danvan_text::fold;
use tantivy::Term as TTerm;
use tantivy::query::{BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhrasePrefixQuery, PhraseQuery, Query, TermQuery};
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

/// Extra weight of the exact field for a word typed with marks, relative
/// to its folded match (the two add up).
pub const EXACT: f32 = 1.0;
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
/// Most words of the index the begun last word of a phrase may stand for.
const PHRASE_EXPANSIONS: u32 = 200;
/// Score of each matched term in the any-word fallback.
pub const COVERAGE: f32 = 100_000.0;
/// Most readings of the whole query used for phrase signals.
const MAX_READINGS: usize = 4;

type Q = Box<dyn Query>;

fn term(f: &Fields, field: TextField, form: Form, key: &str) -> TTerm {
    TTerm::from_field_text(f.text(field, form), key)
}

fn boosted(q: Q, weight: f32) -> Q {
    Box::new(BoostQuery::new(q, weight))
}

fn should(clauses: Vec<Q>) -> Q {
    Box::new(BooleanQuery::new(clauses.into_iter().map(|c| (Occur::Should, c)).collect()))
}

/// One word in every field and form it may match.
fn word_query(f: &Fields, w: &WordForms) -> Q {
    let mut clauses: Vec<Q> = Vec::new();
    let mut typed_folded: Vec<String> = w.typed.iter().map(|s| fold(s)).filter(|s| *s != w.folded).collect();
    typed_folded.dedup();
    for field in TextField::ALL {
        let b = field_weight(field);
        let t = |form, key: &str| -> Q { Box::new(TermQuery::new(term(f, field, form, key), IndexRecordOption::WithFreqs)) };
        clauses.push(boosted(t(Form::Folded, &w.folded), b));
        if let Some(e) = &w.exact {
            clauses.push(boosted(t(Form::Exact, e), b * EXACT));
        }
        for s in &typed_folded {
            clauses.push(boosted(t(Form::Folded, s), b * TYPED));
        }
        for s in &w.typed {
            clauses.push(boosted(t(Form::Exact, s), b * TYPED * EXACT));
        }
        for c in &w.completions {
            if w.exact.is_some() {
                clauses.push(boosted(t(Form::Exact, c), b * COMPLETION * EXACT));
                clauses.push(boosted(t(Form::Folded, &fold(c)), b * COMPLETION));
            } else {
                clauses.push(boosted(t(Form::Folded, c), b * COMPLETION));
            }
        }
    }
    should(clauses)
}

/// `positions` as a phrase whose last word is only begun, in every field's
/// folded form (the same weight as the phrase: it includes it).
fn phrase_prefix_clauses(f: &Fields, positions: &[Pos], out: &mut Vec<Q>) {
    if positions.len() < 2 {
        return;
    }
    for field in TextField::ALL {
        let terms = positions.iter().enumerate().map(|(i, p)| (i, term(f, field, Form::Folded, &p.folded))).collect();
        let mut q = PhrasePrefixQuery::new_with_offset(terms);
        q.set_max_expansions(PHRASE_EXPANSIONS);
        out.push(boosted(Box::new(q), field_weight(field)));
    }
}

/// One position of a reading: the folded key and, when typed with marks
/// (or decoded from Telex/VNI), the exact key.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Pos {
    folded: String,
    exact: Option<String>,
}

/// The words as typed, and (when some word is a Telex/VNI sequence) with
/// each such word read as its first syllable.
fn readings(words: &[&WordForms]) -> Vec<Vec<Pos>> {
    let plain: Vec<Pos> = words.iter().map(|w| Pos { folded: w.folded.clone(), exact: w.exact.clone() }).collect();
    let mut out = vec![plain];
    if words.iter().any(|w| !w.typed.is_empty()) {
        out.push(
            words
                .iter()
                .map(|w| match w.typed.first() {
                    Some(s) => Pos { folded: fold(s), exact: Some(s.clone()) },
                    None => Pos { folded: w.folded.clone(), exact: w.exact.clone() },
                })
                .collect(),
        );
    }
    out
}

/// `positions` as a phrase with `slop` in every field, weighed `weight`;
/// with marks also in the exact fields when every position has them.
fn phrase_clauses(f: &Fields, positions: &[Pos], slop: u32, weight: f32, with_exact: bool, out: &mut Vec<Q>) {
    if positions.len() < 2 {
        return;
    }
    let exact: Option<Vec<&str>> = positions.iter().map(|p| p.exact.as_deref()).collect();
    for field in TextField::ALL {
        let b = field_weight(field) * weight;
        let terms = positions.iter().enumerate().map(|(i, p)| (i, term(f, field, Form::Folded, &p.folded))).collect();
        out.push(boosted(Box::new(PhraseQuery::new_with_offset_and_slop(terms, slop)), b));
        if let (true, Some(e)) = (with_exact, &exact) {
            let terms = e.iter().enumerate().map(|(i, k)| (i, term(f, field, Form::Exact, k))).collect();
            out.push(boosted(Box::new(PhraseQuery::new_with_offset_and_slop(terms, slop)), b * EXACT));
        }
    }
}

/// The query of one term: any of its alternatives (a word, or words as a
/// phrase in any reading).
fn term_query(f: &Fields, t: &Term) -> Q {
    let mut clauses = Vec::new();
    for alt in &t.alternatives {
        match alt.as_slice() {
            [] => {}
            [w] => clauses.push(word_query(f, w)),
            words => {
                let refs: Vec<&WordForms> = words.iter().collect();
                for r in readings(&refs) {
                    phrase_clauses(f, &r, 0, 1.0, true, &mut clauses);
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
/// once whichever reading and field match it.
fn proximity_clauses(f: &Fields, plan: &Plan) -> Vec<Q> {
    let mut phrase = Vec::new();
    let mut near = Vec::new();
    let mut pairs: Vec<&[Pos]> = Vec::new();
    let readings = whole_readings(plan);
    // the last word begins longer words of the index (else the phrase is the phrase)
    let begun = plan.last_word().is_some_and(|w| !w.completions.is_empty());
    for r in &readings {
        let n = r.len();
        if n < 2 {
            continue;
        }
        phrase_clauses(f, r, 0, 1.0, false, &mut phrase);
        if begun {
            // standing together is also standing near
            phrase_prefix_clauses(f, r, &mut phrase);
            phrase_prefix_clauses(f, r, &mut near);
        }
        if n >= 3 {
            phrase_clauses(f, r, 2 * (n as u32 - 1), 1.0, false, &mut near);
        } else {
            phrase_clauses(f, r, 2, 1.0, false, &mut near);
        }
        for pair in r.windows(2) {
            if n >= 3 && !pairs.iter().any(|p| p.iter().zip(pair).all(|(a, b)| a.folded == b.folded)) {
                pairs.push(pair);
            }
        }
    }
    let mut out = Vec::new();
    if !phrase.is_empty() {
        out.push(constant(should(phrase), PHRASE));
        out.push(constant(should(near), NEAR));
    }
    let last_pairs: Vec<&[Pos]> = if begun { readings.iter().filter(|r| r.len() >= 3).map(|r| &r[r.len() - 2..]).collect() } else { Vec::new() };
    for pair in pairs {
        let mut clauses = Vec::new();
        phrase_clauses(f, pair, 0, 1.0, false, &mut clauses);
        if last_pairs.contains(&pair) {
            phrase_prefix_clauses(f, pair, &mut clauses);
        }
        out.push(constant(should(clauses), PAIR));
    }
    out
}

/// The marks tier: each word typed with marks (or spelled in Telex/VNI)
/// that stands with the same marks in some field.
fn marks_clauses(f: &Fields, plan: &Plan) -> Vec<Q> {
    let mut out = Vec::new();
    let anywhere = |form: Form, key: &str| -> Q {
        should(
            TextField::ALL
                .into_iter()
                .map(|field| Box::new(TermQuery::new(term(f, field, form, key), IndexRecordOption::Basic)) as Q)
                .collect(),
        )
    };
    for w in plan.terms.iter().filter_map(|t| t.alternatives.first()).flatten() {
        if let Some(e) = &w.exact {
            // a begun word's completions carry its marks as typed too
            let forms: Vec<Q> = std::iter::once(e).chain(&w.completions).map(|k| anywhere(Form::Exact, k)).collect();
            out.push(constant(should(forms), MARKS));
        } else if !w.completions.is_empty() {
            out.push(constant(anywhere(Form::Folded, &w.folded), WHOLE));
        }
        if !w.typed.is_empty() {
            // the word as typed ("cos") above the syllable it spells ("có")
            out.push(constant(anywhere(Form::Folded, &w.folded), MARKS));
            out.push(constant(should(w.typed.iter().map(|s| anywhere(Form::Exact, s)).collect()), MARKS * TYPED));
        }
    }
    out
}

/// What to search with: `matching` finds the entries (its count is the
/// total), `ranking` matches the same entries and scores them.
pub(crate) struct Built {
    pub matching: Q,
    pub ranking: Q,
}

/// The queries of `plan` under `filter` (clauses every entry must match,
/// scoring nothing). With `all_terms` every term is required; without it
/// any term will do and [`COVERAGE`] ranks by how many match.
pub(crate) fn build(f: &Fields, plan: &Plan, filter: &[Q], all_terms: bool) -> Built {
    let filters = || filter.iter().map(|q| (Occur::Must, Box::new(ConstScoreQuery::new(q.box_clone(), 0.0)) as Q));
    let terms: Vec<Q> = plan.terms.iter().map(|t| term_query(f, t)).collect();
    let mut matching: Vec<(Occur, Q)> = filters().collect();
    let mut ranking: Vec<(Occur, Q)> = filters().collect();
    if all_terms {
        matching.extend(terms.iter().map(|q| (Occur::Must, q.box_clone())));
        ranking.extend(terms.into_iter().map(|q| (Occur::Must, q)));
    } else {
        matching.push((Occur::Must, should(terms.iter().map(|q| q.box_clone()).collect())));
        let mut any: Vec<Q> = Vec::new();
        for q in terms {
            any.push(constant(q.box_clone(), COVERAGE));
            any.push(q);
        }
        ranking.push((Occur::Must, should(any)));
    }
    ranking.extend(proximity_clauses(f, plan).into_iter().chain(marks_clauses(f, plan)).map(|q| (Occur::Should, q)));
    Built { matching: Box::new(BooleanQuery::new(matching)), ranking: Box::new(BooleanQuery::new(ranking)) }
}
