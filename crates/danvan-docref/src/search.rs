//! Spelling-tolerant search by number ("136-KH/HU", "136/HU", "KH 136").

use std::collections::BTreeSet;

use crate::chars::canon;
use crate::number::{DocNumber, MAX_DIGITS};

/// Search tokens of a string: maximal runs of ASCII digits (leading zeros
/// dropped) and maximal runs of letters. Letters are folded (`Đ`, `Ð`, `đ` →
/// `D`, then upper case); a run that still has a non-ASCII letter (a
/// Vietnamese word such as "số" or "hoạch") is dropped. Everything else
/// separates tokens.
fn tokens(s: &str) -> Vec<String> {
    #[derive(PartialEq)]
    enum Kind {
        Digit,
        Letter,
    }
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut kind = None;
    let mut flush = |cur: &mut String, kind: &Option<Kind>| {
        if cur.is_empty() {
            return;
        }
        match kind {
            Some(Kind::Digit) => {
                let t = cur.trim_start_matches('0');
                out.push(if t.is_empty() {
                    "0".to_string()
                } else {
                    t.to_string()
                });
            }
            _ => {
                if cur.is_ascii() {
                    out.push(cur.clone());
                }
            }
        }
        cur.clear();
    };
    for c in s.chars().map(canon) {
        let k = if c.is_ascii_digit() {
            Some(Kind::Digit)
        } else if c.is_alphabetic() {
            Some(Kind::Letter)
        } else {
            None
        };
        if k != kind {
            flush(&mut cur, &kind);
            kind = k;
        }
        match kind {
            Some(Kind::Digit) => cur.push(c),
            Some(Kind::Letter) => match c {
                'Đ' | 'đ' => cur.push('D'),
                _ => cur.extend(c.to_uppercase()),
            },
            None => {}
        }
    }
    flush(&mut cur, &kind);
    out
}

/// A search by document number, typed in any common spelling.
///
/// Rule: the query is cut into tokens (digit runs and letter runs;
/// `Đ` folds to `D`, case is ignored, Vietnamese words with diacritics such
/// as "số" are ignored). The first digit token is the number (leading zeros
/// ignored); a stored number matches when its number is equal and every other
/// query token is one of the stored number's tokens: its type abbreviation
/// (any accepted spelling, so `QDI` and `QYD` both find a *Quy định*), its
/// issuer codes and its year. Order and punctuation do not matter, so
/// `136-KH/HU`, `136/HU`, `KH 136`, `kh136` and `số 136` all find
/// `136-KH/HU`, while `136-KH/TU` and `137/HU` do not. A query without
/// digits is not a number search.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SearchQuery {
    number: u32,
    rest: BTreeSet<String>,
}

impl SearchQuery {
    /// Reads a query; `None` when it has no number, or a number of more than
    /// 7 digits (then search the summaries instead).
    pub fn parse(q: &str) -> Option<SearchQuery> {
        let mut toks = tokens(q).into_iter();
        let number = toks
            .by_ref()
            .find(|t| t.bytes().all(|b| b.is_ascii_digit()))
            .filter(|t| t.len() <= MAX_DIGITS)?
            .parse()
            .ok()?;
        Some(SearchQuery {
            number,
            rest: toks.collect(),
        })
    }

    /// The number searched for, to pre-select candidates by an indexed column.
    pub fn number(&self) -> u32 {
        self.number
    }

    /// Whether `doc` matches this query (rule in the type's documentation).
    pub fn matches(&self, doc: &DocNumber) -> bool {
        self.number == doc.number() && {
            let have = doc.search_tokens();
            self.rest.iter().all(|t| have.contains(t))
        }
    }

    /// The query as one key, `"136 HU KH"`: the number, then the other
    /// tokens sorted, separated by single spaces. Equal to one of
    /// [`DocNumber::search_keys`] exactly when the query matches.
    pub fn key(&self) -> String {
        key(self.number, self.rest.iter())
    }
}

fn key<'a>(number: u32, rest: impl Iterator<Item = &'a String>) -> String {
    let mut k = number.to_string();
    for t in rest {
        k.push(' ');
        k.push_str(t);
    }
    k
}

/// Beyond this many tokens [`DocNumber::search_keys`] stops listing every
/// combination (2^8 = 256 keys).
const FULL_KEYS_MAX_TOKENS: usize = 8;

impl DocNumber {
    /// The tokens a query may use besides the number: folded type
    /// abbreviations (every accepted spelling), issuer codes (split into
    /// letter and digit runs, `QH14` → `QH`, `14`) and the year.
    pub fn search_tokens(&self) -> BTreeSet<String> {
        let mut set: BTreeSet<String> = tokens(&self.to_string()).into_iter().skip(1).collect();
        if let Some(t) = self.symbol_type() {
            for a in t.abbreviations() {
                set.extend(tokens(a));
            }
        }
        set
    }

    /// Every [`SearchQuery::key`] that matches this number, for an
    /// equality lookup in a key table: the number followed by each subset of
    /// [`DocNumber::search_tokens`], e.g. for `136-KH/HU`: `"136"`,
    /// `"136 HU"`, `"136 KH"`, `"136 HU KH"`.
    ///
    /// Complete when there are at most 8 tokens (every realistic number:
    /// `123/2015/TTLT-BTC-BLĐTBXH` has 4); beyond that only subsets of up to
    /// two tokens, the full set and the number as written (in each spelling
    /// of its type) are listed, to stay small. For an exact
    /// answer in every case select by [`DocNumber::number`] and filter with
    /// [`SearchQuery::matches`].
    pub fn search_keys(&self) -> Vec<String> {
        let toks: Vec<String> = self.search_tokens().into_iter().collect();
        let n = toks.len();
        let mut keys = Vec::new();
        if n <= FULL_KEYS_MAX_TOKENS {
            for mask in 0u32..(1 << n) {
                keys.push(key(
                    self.number(),
                    toks.iter()
                        .enumerate()
                        .filter(|(i, _)| mask & (1 << i) != 0)
                        .map(|(_, t)| t),
                ));
            }
        } else {
            keys.push(key(self.number(), std::iter::empty()));
            for i in 0..n {
                keys.push(key(self.number(), std::iter::once(&toks[i])));
                for j in i + 1..n {
                    keys.push(key(self.number(), [&toks[i], &toks[j]].into_iter()));
                }
            }
            keys.push(key(self.number(), toks.iter()));
            // The whole number as written, in each spelling of its type.
            let spellings: Vec<&'static str> = match self.symbol_type() {
                Some(t) => t.abbreviations().collect(),
                None => vec![""],
            };
            for a in spellings {
                let written: BTreeSet<String> = tokens(&self.respelled(a).to_string())
                    .into_iter()
                    .skip(1)
                    .collect();
                keys.push(key(self.number(), written.iter()));
            }
            keys.sort();
            keys.dedup();
        }
        keys
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> SearchQuery {
        SearchQuery::parse(s).unwrap_or_else(|| panic!("{s}"))
    }

    #[test]
    fn tokenises() {
        assert_eq!(tokens("136-KH/HU"), ["136", "KH", "HU"]);
        assert_eq!(tokens("số136 kh"), ["136", "KH"]);
        assert_eq!(tokens("45/2019/QH14"), ["45", "2019", "QH", "14"]);
        assert_eq!(tokens("05-QĐi/TW"), ["5", "QDI", "TW"]);
        assert_eq!(tokens("00"), ["0"]);
        assert!(tokens("").is_empty());
    }

    #[test]
    fn common_spellings_match() {
        let d = DocNumber::parse("136-KH/HU").unwrap();
        for s in [
            "136-KH/HU",
            "136/HU",
            "KH 136",
            "kh136",
            "số 136",
            "136",
            "0136-KH",
            "Kế hoạch 136-KH/HU",
            "136 KH HU",
        ] {
            assert!(q(s).matches(&d), "{s}");
            assert!(d.search_keys().contains(&q(s).key()), "{s}");
        }
        for s in ["137-KH/HU", "136-KH/TU", "136-NQ/HU", "136/2023/KH-HU"] {
            assert!(!q(s).matches(&d), "{s}");
            assert!(!d.search_keys().contains(&q(s).key()), "{s}");
        }
        assert_eq!(SearchQuery::parse("KH/HU"), None);
        assert_eq!(SearchQuery::parse("12345678"), None);
    }

    #[test]
    fn folding_and_spellings() {
        let d = DocNumber::parse("217-QĐ/TW").unwrap();
        assert!(q("217-QD/TW").matches(&d));
        assert!(q("217-QÐ/TW").matches(&d));
        let d = DocNumber::parse("01-QĐi/TW").unwrap();
        assert!(q("1-QyĐ/TW").matches(&d));
        let d = DocNumber::parse("12/2023/NĐ-CP").unwrap();
        assert!(q("12/2023").matches(&d));
        assert!(q("NĐ 12 CP").matches(&d));
        assert!(!q("12/2022/NĐ-CP").matches(&d));
        let d = DocNumber::parse("05-QC/BTCTU-BDVTU").unwrap();
        assert!(q("5 BDVTU").matches(&d));
        assert_eq!(q("05-QC/BTCTU-BDVTU").key(), "5 BDVTU BTCTU QC");
    }

    #[test]
    fn keys() {
        let d = DocNumber::parse("136-KH/HU").unwrap();
        assert_eq!(d.search_keys(), ["136", "136 HU", "136 KH", "136 HU KH"]);
        let d = DocNumber::parse("1-QC/A1B2C3D4E5").unwrap();
        assert!(d.search_tokens().len() > FULL_KEYS_MAX_TOKENS);
        assert!(d.search_keys().contains(&q("1-QC/A1B2C3D4E5").key()));
    }
}
