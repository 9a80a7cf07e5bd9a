//! The index's fields: each text field's folded keys (with positions: the
//! BM25 of each field), the exact keys of all of them in one field (doc ids
//! only: the marks-as-typed signal), the word pairs and trios of all of
//! them (adjacent and near, doc ids only: the phrase and proximity signals), and the ids, filters and date as numbers (indexed for
//! filters, fast for reading hits and recency). Nothing else is stored: the
//! database stays the source of every text shown.

use crate::tokenizer::{EXACT, FOLDED, PAIRS};
use tantivy::schema::{FAST, Field, INDEXED, IndexRecordOption, STRING, Schema, TextFieldIndexing, TextOptions};

/// Version of the schema and tokenizers, kept in the commit payload; an
/// index of another version is refused ([`crate::Error::Incompatible`]).
pub const FORMAT: u32 = 4;

/// The weighted text fields, most weighty first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TextField {
    /// [`crate::Doc::title`].
    Title,
    /// [`crate::Doc::lead`].
    Lead,
    /// [`crate::Doc::body`].
    Body,
    /// Photo captions, byline and other words ([`crate::Doc::extra`]).
    Extra,
}

impl TextField {
    /// Every text field, title first.
    pub const ALL: [TextField; 4] = [TextField::Title, TextField::Lead, TextField::Body, TextField::Extra];

    fn name(self) -> &'static str {
        match self {
            TextField::Title => "title",
            TextField::Lead => "lead",
            TextField::Body => "body",
            TextField::Extra => "extra",
        }
    }
}

/// Handles of the schema's fields.
#[derive(Debug, Clone)]
pub(crate) struct Fields {
    pub schema: Schema,
    /// `"article:12"`: the one term that names a document, for deletes.
    pub key: Field,
    /// `Kind::number`.
    pub kind: Field,
    pub id: Field,
    pub category: Field,
    pub unit: Field,
    /// Unix seconds; absent when the document has no date.
    pub published: Field,
    /// `[TextField as index]`: the folded keys, with positions.
    folded: [Field; 4],
    /// The exact keys (marks kept, canonical tones) of every text field:
    /// doc ids only. Which entries have a word with the marks as typed.
    pub marks: Field,
    /// The folded word pairs of every text field, adjacent and near
    /// ([`crate::tokenizer::PairTokenizer`]): doc ids only.
    pub pairs: Field,
}

pub(crate) const KIND: &str = "kind";
pub(crate) const ID: &str = "id";
pub(crate) const PUBLISHED: &str = "published";

fn text_options(tokenizer: &str) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default().set_tokenizer(tokenizer).set_index_option(IndexRecordOption::WithFreqsAndPositions),
    )
}

impl Fields {
    pub fn new() -> Fields {
        let mut b = Schema::builder();
        let key = b.add_text_field("key", STRING);
        let kind = b.add_u64_field(KIND, INDEXED | FAST);
        let id = b.add_i64_field(ID, INDEXED | FAST);
        let category = b.add_i64_field("category", INDEXED);
        let unit = b.add_i64_field("unit", INDEXED);
        let published = b.add_i64_field(PUBLISHED, INDEXED | FAST);
        let folded = TextField::ALL.map(|f| b.add_text_field(&format!("{}_fold", f.name()), text_options(FOLDED)));
        let marks = b.add_text_field(
            "marks",
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default().set_tokenizer(EXACT).set_index_option(IndexRecordOption::Basic).set_fieldnorms(false),
            ),
        );
        let pairs = b.add_text_field(
            "pairs",
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default().set_tokenizer(PAIRS).set_index_option(IndexRecordOption::Basic).set_fieldnorms(false),
            ),
        );
        Fields { schema: b.build(), key, kind, id, category, unit, published, folded, marks, pairs }
    }

    /// The field holding the folded keys of `field`.
    pub fn folded(&self, field: TextField) -> Field {
        let i = TextField::ALL.iter().position(|f| *f == field).unwrap_or(0);
        self.folded[i]
    }
}
