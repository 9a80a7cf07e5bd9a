//! Reader input → the terms of a search: each term a set of alternatives
//! that match equally (a word, a quoted phrase, or a glossary abbreviation
//! and its expansion), each word with its forms (folded; exact when typed
//! with marks; the syllables a Telex or VNI sequence spells).

use crate::tokenizer::{Word, words_keeping};
use danvan_text::{Glossary, fold, match_key, normalize_input, typed_syllables};

/// Longest query read, in characters; the rest is ignored.
pub const MAX_QUERY_CHARS: usize = 256;
/// Most terms (words, quoted phrases, glossary phrases) used from one query.
pub const MAX_TERMS: usize = 12;
/// Most words of one quoted phrase.
pub const MAX_PHRASE_WORDS: usize = 8;

/// The forms one query word matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct WordForms {
    /// Folded key ([`danvan_text::fold`]): matches every spelling.
    pub folded: String,
    /// Exact key ([`danvan_text::match_key`]) when the word was typed with
    /// marks: the same marks rank above their folded look-alikes.
    pub exact: Option<String>,
    /// Exact keys of the syllables the word spells in Telex or VNI
    /// ("nongs" → "nóng"), ranked below the word as typed.
    pub typed: Vec<String>,
    /// Longer words of the index this one begins (the last word of a query
    /// typed without a space after it: "nông th" → "thon", "thanh"…):
    /// exact keys when the word has marks ("vậ" → "vận"), folded keys
    /// otherwise; filled by the index ([`Plan::last_word_mut`]), ranked
    /// below the word itself.
    pub completions: Vec<String>,
}

impl WordForms {
    fn of(w: &Word) -> WordForms {
        let exact = w.has_marks().then(|| w.exact.clone());
        let typed = if w.has_marks() {
            Vec::new()
        } else {
            typed_syllables(&w.text).into_iter().map(|s| match_key(&s)).filter(|s| *s != w.exact).collect()
        };
        WordForms { folded: w.folded.clone(), exact, typed, completions: Vec::new() }
    }

    /// A word known only by its folded key (a glossary side).
    fn folded(key: &str) -> WordForms {
        WordForms { folded: fold(key), exact: None, typed: Vec::new(), completions: Vec::new() }
    }
}

/// One way to match a term: a word, or words that must stand together.
pub(crate) type Alternative = Vec<WordForms>;

/// A part of the query; the first alternative is what the reader typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Term {
    pub alternatives: Vec<Alternative>,
    /// Typed between quotes: its words must stand together exactly (their
    /// positions are checked), where a glossary phrase is matched by its
    /// word pairs alone.
    pub quoted: bool,
}

/// A parsed query: every term should match.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Plan {
    pub terms: Vec<Term>,
    /// The query ends in a word with no space or quote after it, and that
    /// word is a term alone: the reader may still be typing it, so it also
    /// matches the longer words it begins.
    pub prefix: bool,
}

impl Plan {
    /// Parses reader input: NFC or NFD, any case, any tone placement;
    /// control characters are dropped, `"quoted words"` stand together, and
    /// glossary abbreviations and their expansions find each other both ways
    /// ([`Glossary::expand_query`]). Never fails: input with no word gives
    /// an empty plan.
    pub fn parse(raw: &str, glossary: &Glossary) -> Plan {
        let raw: String = raw.chars().take(MAX_QUERY_CHARS).collect();
        let text = normalize_input(&raw);
        let mut terms = Vec::new();
        for (i, part) in text.split('"').enumerate() {
            // a VNI sequence ("d9uo7ng2") stays one word; other runs of
            // letters and digits split as the index splits them ("số136")
            let ws = words_keeping(part, |t| t.bytes().any(|b| b.is_ascii_digit()) && !typed_syllables(t).is_empty());
            if ws.is_empty() {
                continue;
            }
            if i % 2 == 1 {
                let phrase: Alternative = ws.iter().take(MAX_PHRASE_WORDS).map(WordForms::of).collect();
                terms.push(Term { alternatives: vec![phrase], quoted: true });
            } else {
                loose_terms(&ws, glossary, &mut terms);
            }
        }
        let ends_in_word = text.chars().last().is_some_and(char::is_alphanumeric);
        let prefix = ends_in_word && terms.len() <= MAX_TERMS && terms.last().is_some_and(|t| t.alternatives.len() == 1 && t.alternatives[0].len() == 1);
        terms.truncate(MAX_TERMS);
        Plan { terms, prefix }
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The last word, when the reader may still be typing it ([`Plan::prefix`]).
    pub fn last_word_mut(&mut self) -> Option<&mut WordForms> {
        if !self.prefix {
            return None;
        }
        self.terms.last_mut().and_then(|t| t.alternatives.first_mut()).and_then(|a| a.first_mut())
    }

    /// The last word, when the reader may still be typing it.
    pub fn last_word(&self) -> Option<&WordForms> {
        if !self.prefix {
            return None;
        }
        self.terms.last().and_then(|t| t.alternatives.first()).and_then(|a| a.first())
    }
}

/// Terms of unquoted words: one per word, except that a glossary phrase
/// (or abbreviation) is one term with both sides as alternatives.
fn loose_terms(ws: &[Word], glossary: &Glossary, out: &mut Vec<Term>) {
    // The glossary reads the words as written (capitals decide whether "HU"
    // is an abbreviation), one space apart, so its terms line up with `ws`.
    let joined = ws.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ");
    let mut i = 0;
    for qt in glossary.expand_query(&joined) {
        let Some(first) = qt.alternatives.first() else { continue };
        let n = first.split(' ').count().max(1);
        if i + n > ws.len() {
            break;
        }
        let typed: Alternative = ws[i..i + n].iter().map(WordForms::of).collect();
        if qt.alternatives.len() == 1 {
            out.extend(typed.into_iter().map(|w| Term { alternatives: vec![vec![w]], quoted: false }));
        } else {
            let mut alternatives = vec![typed];
            for other in &qt.alternatives[1..] {
                alternatives.push(other.split(' ').map(WordForms::folded).collect());
            }
            out.push(Term { alternatives, quoted: false });
        }
        i += n;
    }
    // words the glossary did not return (it never drops any; kept for safety)
    out.extend(ws[i..].iter().map(|w| Term { alternatives: vec![vec![WordForms::of(w)]], quoted: false }));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glossary() -> Glossary {
        Glossary::new([("DTTS", "dân tộc thiểu số"), ("HU", "Huyện ủy"), ("MTTQ", "Mặt trận Tổ quốc")])
    }

    fn folded(alt: &Alternative) -> Vec<&str> {
        alt.iter().map(|w| w.folded.as_str()).collect()
    }

    #[test]
    fn words_with_and_without_marks() {
        let p = Plan::parse("Đường dây nong", &Glossary::default());
        assert_eq!(p.terms.len(), 3);
        let w = &p.terms[0].alternatives[0][0];
        assert_eq!((w.folded.as_str(), w.exact.as_deref()), ("duong", Some("đường")));
        assert_eq!(p.terms[2].alternatives[0][0].exact, None, "typed without marks");
    }

    #[test]
    fn telex_and_vni_words_spell_syllables() {
        let p = Plan::parse("dduowngf daay nongs d9uo7ng2 dan", &Glossary::default());
        let typed: Vec<Vec<&str>> = p.terms.iter().map(|t| t.alternatives[0][0].typed.iter().map(String::as_str).collect()).collect();
        assert_eq!(typed, [vec!["đường"], vec!["dây"], vec!["nóng"], vec!["đường"], vec![]]);
        assert_eq!(p.terms[0].alternatives[0][0].folded, "dduowngf", "the word as typed is kept");
        let tone = Plan::parse("hoaf", &Glossary::default());
        assert_eq!(tone.terms[0].alternatives[0][0].typed, ["hoà"]);
    }

    #[test]
    fn glossary_both_ways() {
        let g = glossary();
        let p = Plan::parse("đồng bào DTTS", &g);
        assert_eq!(p.terms.len(), 3);
        assert_eq!(p.terms[2].alternatives.iter().map(folded).collect::<Vec<_>>(), [vec!["dtts"], vec!["dan", "toc", "thieu", "so"]]);
        let p = Plan::parse("dan toc thieu so vuon len", &g);
        assert_eq!(p.terms.len(), 3);
        assert_eq!(folded(&p.terms[0].alternatives[1]), ["dtts"]);
        assert_eq!(Plan::parse("hư hỏng", &g).terms[0].alternatives.len(), 1, "hư is a word");
        assert_eq!(Plan::parse("136-KH/HU", &g).terms[2].alternatives.len(), 2, "HU in capitals");
    }

    #[test]
    fn quoted_phrase_is_one_term() {
        let p = Plan::parse("\"dân vận khéo\" Kon", &Glossary::default());
        assert_eq!(p.terms.len(), 2);
        assert_eq!(folded(&p.terms[0].alternatives[0]), ["dan", "van", "kheo"]);
    }

    #[test]
    fn spellings_parse_alike() {
        let g = Glossary::default();
        let a = Plan::parse("văn hóa", &g);
        assert_eq!(a, Plan::parse("VĂN HOÁ", &g));
        assert_eq!(a, Plan::parse("va\u{0306}n ho\u{0301}a", &g), "NFD input");
    }

    #[test]
    fn the_last_word_may_be_unfinished_unless_a_space_or_quote_follows() {
        let g = glossary();
        let mut p = Plan::parse("nông th", &g);
        assert!(p.prefix);
        assert_eq!(p.last_word_mut().map(|w| w.folded.clone()).as_deref(), Some("th"));
        assert!(!Plan::parse("nông th ", &g).prefix);
        assert!(!Plan::parse("\"dân vận\"", &g).prefix);
        assert!(!Plan::parse("nông th.", &g).prefix);
        assert!(!Plan::parse("đồng bào DTTS", &g).prefix, "a glossary term has two sides");
        assert!(Plan::parse("vậ", &g).prefix);
        assert!(!Plan::parse(&"dân vận ".repeat(20).trim_end(), &g).prefix, "the last word was cut off");
    }

    #[test]
    fn odd_input() {
        let g = Glossary::default();
        assert!(Plan::parse("", &g).is_empty());
        assert!(Plan::parse(" \"\" ?! \u{0}\u{1B}", &g).is_empty());
        assert_eq!(Plan::parse(&"dân vận ".repeat(2_000), &g).terms.len(), MAX_TERMS);
        assert_eq!(Plan::parse(&format!("\"{}\"", "a ".repeat(100)), &g).terms[0].alternatives[0].len(), MAX_PHRASE_WORDS);
        assert_eq!(Plan::parse("d\u{0}a\u{7F}n", &g).terms[0].alternatives[0][0].folded, "dan");
    }
}
