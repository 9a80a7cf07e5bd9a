//! What the index holds of one article, document or registry record.

use crate::schema::{Fields, TextField};
use crate::tokenizer::{Form, NEAR_REACH, pair_tokens, word_tokens, words};
use chrono::{DateTime, Utc};
use tantivy::TantivyDocument;
use tantivy::tokenizer::PreTokenizedString;

/// What a search result is; the same codes as `search_doc.kind` in the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A published article.
    Article,
    /// A library document (văn bản).
    Document,
    /// An approved public registry record (mô hình, điển hình).
    Model,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 3] = [Kind::Article, Kind::Document, Kind::Model];

    /// `"article"`, `"document"` or `"model"`.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Article => "article",
            Kind::Document => "document",
            Kind::Model => "model",
        }
    }

    /// The kind of a [`Kind::code`]; `None` for any other text.
    pub fn from_code(code: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The number the index stores (1, 2, 3).
    pub(crate) fn number(self) -> u64 {
        match self {
            Kind::Article => 1,
            Kind::Document => 2,
            Kind::Model => 3,
        }
    }

    pub(crate) fn from_number(n: u64) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.number() == n)
    }
}

/// One entry of the index, built by the store from the database (the
/// database is the source of truth; the index holds no text to show).
///
/// Texts are plain text (no HTML), in any normalisation form and case. The
/// fields weigh, from most to least: `title`, `lead`, `body`, then
/// `captions`, `byline` and `extra` together. What the store puts where
/// today (`search_doc`): an article its title, lead ("sapo"), body text,
/// photo captions and byline; a library document "<type name> <number>",
/// the issuer as lead, the summary as body and the number's search tokens as
/// extra; a registry record its name, "field, kind, unit" as lead, the
/// registration parts as body and area and period as extra.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doc {
    /// What the entry is.
    pub kind: Kind,
    /// The row id in the database; (`kind`, `id`) names the entry.
    pub id: i64,
    /// The title (weighs most).
    pub title: String,
    /// The lead ("sapo"); empty when none.
    pub lead: String,
    /// The body as plain text (paragraphs one per line).
    pub body: String,
    /// Photo captions, one per figure.
    pub captions: Vec<String>,
    /// "Bài, ảnh: …"; empty when none.
    pub byline: String,
    /// Other words worth finding, weighed like captions.
    pub extra: String,
    /// The article's category (filter); `None` for documents and records.
    pub category_id: Option<i64>,
    /// The organisation unit (filter), when the entry has one.
    pub unit_id: Option<i64>,
    /// Publication (or issue, registration) time: the date filter and the
    /// recency tie-breaker. Without one the entry passes no date filter and
    /// ranks as the oldest.
    pub published_at: Option<DateTime<Utc>>,
}

impl Doc {
    /// An entry of `kind` and `id` with the given title and every other
    /// field empty.
    pub fn new(kind: Kind, id: i64, title: impl Into<String>) -> Doc {
        Doc {
            kind,
            id,
            title: title.into(),
            lead: String::new(),
            body: String::new(),
            captions: Vec::new(),
            byline: String::new(),
            extra: String::new(),
            category_id: None,
            unit_id: None,
            published_at: None,
        }
    }

    /// The term naming the entry: `"article:12"`.
    pub(crate) fn key(kind: Kind, id: i64) -> String {
        format!("{}:{id}", kind.code())
    }

    pub(crate) fn to_tantivy(&self, f: &Fields) -> TantivyDocument {
        let mut d = TantivyDocument::new();
        d.add_text(f.key, Doc::key(self.kind, self.id));
        d.add_u64(f.kind, self.kind.number());
        d.add_i64(f.id, self.id);
        if let Some(c) = self.category_id {
            d.add_i64(f.category, c);
        }
        if let Some(u) = self.unit_id {
            d.add_i64(f.unit, u);
        }
        if let Some(p) = self.published_at {
            d.add_i64(f.published, p.timestamp());
        }
        // each text is split into words once, for its three fields (the
        // tokens are the registered tokenizers', which read queries)
        let extra = self.captions.iter().map(String::as_str).chain([self.byline.as_str(), self.extra.as_str()]);
        let texts = [(TextField::Title, self.title.as_str()), (TextField::Lead, self.lead.as_str()), (TextField::Body, self.body.as_str())]
            .into_iter()
            .chain(extra.map(|e| (TextField::Extra, e)));
        let tokenized = |tokens| PreTokenizedString { text: String::new(), tokens };
        for (field, text) in texts {
            let ws = words(text);
            if ws.is_empty() && field == TextField::Extra {
                continue;
            }
            d.add_pre_tokenized_text(f.folded(field), tokenized(word_tokens(&ws, Form::Folded)));
            d.add_pre_tokenized_text(f.marks, tokenized(word_tokens(&ws, Form::Exact)));
            // one value per text: no pair straddles two of them
            d.add_pre_tokenized_text(f.pairs, tokenized(pair_tokens(&ws, NEAR_REACH)));
        }
        d
    }
}
