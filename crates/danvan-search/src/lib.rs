//! danvan's search engine: a [tantivy] index of published articles, library
//! documents and approved public registry records, with the ranking of
//! DESIGN.md §4. No database and no web: the store feeds it [`Doc`]s and
//! asks it [`SearchQuery`]s; it answers ids ([`Hits`]) that the store reads
//! from the database.
//!
//! * **Every match considered.** A search counts every matching entry
//!   exactly ([`Hits::total`]) and ranks all of them with tantivy's top-k
//!   collector (pruning with block-max WAND where the query shape allows:
//!   see [`rank`]); there is no candidate cap.
//! * **Two keys of every word** ([`tokenizer`]): folded (no marks), per
//!   field with positions (the BM25 of each field, quoted phrases of four
//!   words or more), and exact (marks kept, canonical tone placement, so
//!   "hoà" and "hòa" are one word) in one field for all texts (the marks
//!   as typed); and the folded **word pairs** next to and near each other
//!   and **trios** of adjacent words, one term each
//!   ([`tokenizer::PairTokenizer`]), for the phrase and proximity signals.
//! * **Query language**: words (any case, any normalisation form, with or
//!   without marks), `"quoted words"` that must stand together, glossary
//!   abbreviations and their expansions both ways (DTTS ⇄ dân tộc thiểu
//!   số), Telex and VNI sequences typed with the input method off ("daan
//!   vaanj kheos", "d9uo7ng2") that also match the syllables they spell.
//!   Control characters are dropped, input past [`query::MAX_QUERY_CHARS`]
//!   characters and terms past [`query::MAX_TERMS`] are ignored; no input
//!   makes a search fail or panic.
//! * **Consistency with the database** is the caller's: [`SearchIndex::commit`]
//!   records a watermark (the last change included) and
//!   [`SearchIndex::count`] the entries, so that a start-up check can tell
//!   an index that is behind.

#![warn(missing_docs)]

mod doc;
mod index;
pub mod query;
pub mod rank;
pub mod schema;
pub mod tokenizer;

pub use doc::{Doc, Kind};
pub use index::{Hit, Hits, MAX_COMPLETIONS, MAX_LIMIT, MAX_SEARCH_THREADS, MIN_COMPLETED_CHARS, SearchIndex, SearchQuery, search_threads};
pub use schema::{FORMAT, TextField};

use std::path::PathBuf;

/// Errors of the search index.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The index folder could not be created or opened.
    #[error("search index folder {path}: {source}")]
    Folder {
        /// The folder given to [`SearchIndex::open`].
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The folder holds an index of another schema or format version
    /// (`found`, when it says); delete the folder and reindex.
    #[error("search index of another version (format {found:?}, this build reads {FORMAT}): delete its folder and reindex")]
    Incompatible {
        /// The format version the folder's index says it has, when it says one.
        found: Option<u32>,
    },
    /// The engine failed (a locked folder, an unreadable or corrupt file).
    #[error("search engine: {0}")]
    Engine(#[from] tantivy::TantivyError),
}

/// The result type of this crate.
pub type Result<T> = std::result::Result<T, Error>;
