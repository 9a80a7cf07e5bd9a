//! Abbreviations of mass-mobilization work (DESIGN.md §4): the default
//! glossary, marking the first use of each in a text (`<abbr title>` on
//! pages) and expanding search queries both ways ("dân tộc thiểu số" ⇄
//! "DTTS").
//!
//! The glossary proper is a table administrators edit; [`DEFAULT_GLOSSARY`]
//! fills it at first start and [`Glossary::new`] builds the matcher from
//! whatever the table holds.
//!
//! ```
//! use danvan_text::Glossary;
//! let glossary = Glossary::default();
//! let text = "Đồng bào DTTS tin tưởng MTTQ; DTTS …";
//! let uses = glossary.first_uses(text);
//! assert_eq!(&text[uses[0].span.clone()], "DTTS");
//! assert_eq!(uses[0].expansion, "dân tộc thiểu số");
//! assert_eq!(uses.len(), 2);
//!
//! let terms = glossary.expand_query("đồng bào dân tộc thiểu số");
//! assert_eq!(terms[2].alternatives, ["dan toc thieu so", "dtts"]);
//! ```

use std::borrow::Cow;
use std::ops::Range;

use unicode_normalization::char::is_combining_mark;

use crate::syllable::is_syllable;
use crate::tokens::tokens;
use crate::{collapse_spaces, fold, normalize_input};

/// (abbreviation, expansion) pairs in common use in Party, Front and
/// mass-organisation documents, with the capitalisation of their official
/// names (Ủy ban, Ban Thường vụ, Hội Liên hiệp Phụ nữ …) and the spelling of
/// those documents ("Ủy", "hóa").
///
/// Only unambiguous ones are listed; "TU" is Tỉnh ủy (a city Party
/// committee, Thành ủy, uses it too — administrators may edit the title).
pub const DEFAULT_GLOSSARY: &[(&str, &str)] = &[
    ("ANTT", "an ninh trật tự"),
    ("ATGT", "an toàn giao thông"),
    ("BCĐ", "Ban Chỉ đạo"),
    ("BCH", "Ban Chấp hành"),
    ("BDV", "Ban Dân vận"),
    ("BHXH", "bảo hiểm xã hội"),
    ("BHYT", "bảo hiểm y tế"),
    ("BTV", "Ban Thường vụ"),
    ("CAND", "Công an nhân dân"),
    ("CBCC", "cán bộ, công chức"),
    ("CCB", "Cựu chiến binh"),
    ("CNH-HĐH", "công nghiệp hóa, hiện đại hóa"),
    ("CNXH", "chủ nghĩa xã hội"),
    ("CVĐ", "Cuộc vận động"),
    ("DTTS", "dân tộc thiểu số"),
    ("DV", "Dân vận"),
    ("ĐBKK", "đặc biệt khó khăn"),
    ("ĐBQH", "đại biểu Quốc hội"),
    ("ĐTN", "Đoàn Thanh niên"),
    ("ĐU", "Đảng ủy"),
    ("GPMB", "giải phóng mặt bằng"),
    ("HCCB", "Hội Cựu chiến binh"),
    ("HĐND", "Hội đồng nhân dân"),
    ("HLHPN", "Hội Liên hiệp Phụ nữ"),
    ("HND", "Hội Nông dân"),
    ("HTCT", "hệ thống chính trị"),
    ("HTX", "hợp tác xã"),
    ("HU", "Huyện ủy"),
    ("KT-XH", "kinh tế - xã hội"),
    ("LĐLĐ", "Liên đoàn Lao động"),
    ("LLVT", "lực lượng vũ trang"),
    ("MTTQ", "Mặt trận Tổ quốc"),
    ("MTTQVN", "Mặt trận Tổ quốc Việt Nam"),
    ("NTM", "nông thôn mới"),
    ("PBT", "Phó Bí thư"),
    ("PCCC", "phòng cháy, chữa cháy"),
    ("QCDC", "Quy chế dân chủ"),
    ("QCDCCS", "Quy chế dân chủ ở cơ sở"),
    ("QP-AN", "quốc phòng - an ninh"),
    ("TDTT", "thể dục thể thao"),
    ("TU", "Tỉnh ủy"),
    ("TW", "Trung ương"),
    ("UBMTTQ", "Ủy ban Mặt trận Tổ quốc"),
    ("UBMTTQVN", "Ủy ban Mặt trận Tổ quốc Việt Nam"),
    ("UBND", "Ủy ban nhân dân"),
    ("UVBTV", "Ủy viên Ban Thường vụ"),
    ("VH-XH", "văn hóa - xã hội"),
    ("XĐGN", "xóa đói, giảm nghèo"),
    ("XHCN", "xã hội chủ nghĩa"),
];

#[derive(Debug, Clone)]
struct Entry {
    /// NFC, `Ð` (U+00D0) replaced by `Đ`.
    abbr: String,
    expansion: String,
    abbr_tokens: Vec<String>,
    expansion_tokens: Vec<String>,
    /// Every token of the abbreviation folds to a Vietnamese syllable
    /// ("TU" → "tu", like từ, tư): only taken as the abbreviation when
    /// written in capitals and not inside capitalised prose.
    ambiguous: bool,
}

/// A glossary ready for matching. Build it once per glossary change and
/// share it: matching does not allocate per entry.
#[derive(Debug, Clone)]
pub struct Glossary {
    entries: Vec<Entry>,
    /// Entry indices, longest abbreviation first.
    by_length: Vec<usize>,
    /// (folded tokens, entry, is the abbreviation side), longest first.
    phrases: Vec<(Vec<String>, usize, bool)>,
}

/// The first use of an abbreviation in a text, for `<abbr title="…">`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AbbrUse<'g> {
    /// Byte range of the abbreviation in the text.
    pub span: Range<usize>,
    /// The abbreviation as in the glossary.
    pub abbr: &'g str,
    /// Its expansion, the `title`.
    pub expansion: &'g str,
}

/// One position of an expanded query: alternatives that should match
/// equally, each a folded phrase ([`crate::fold`], tokens joined by one
/// space). The first alternative is what the reader typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryTerm {
    pub alternatives: Vec<String>,
}

impl Default for Glossary {
    /// The glossary of [`DEFAULT_GLOSSARY`].
    fn default() -> Glossary {
        Glossary::new(DEFAULT_GLOSSARY.iter().copied())
    }
}

fn folded_tokens(s: &str) -> Vec<String> {
    tokens(s).map(|t| fold(t.text)).collect()
}

fn normalise(s: &str) -> String {
    collapse_spaces(&normalize_input(s)).replace('Ð', "Đ")
}

impl Glossary {
    /// Builds a glossary from (abbreviation, expansion) pairs. Both sides are
    /// normalised ([`normalize_input`], spaces collapsed, `Ð` → `Đ`); pairs
    /// with an empty side or without a letter are skipped, and of two pairs
    /// with the same abbreviation the first wins. Abbreviations are matched
    /// case-sensitively in texts, so write them as they are written
    /// (normally in capitals).
    pub fn new<I, A, E>(pairs: I) -> Glossary
    where
        I: IntoIterator<Item = (A, E)>,
        A: AsRef<str>,
        E: AsRef<str>,
    {
        let mut entries: Vec<Entry> = Vec::new();
        for (a, e) in pairs {
            let abbr = normalise(a.as_ref());
            let expansion = normalise(e.as_ref());
            let abbr_tokens = folded_tokens(&abbr);
            let expansion_tokens = folded_tokens(&expansion);
            if abbr_tokens.is_empty() || expansion_tokens.is_empty() || entries.iter().any(|x| x.abbr == abbr) {
                continue;
            }
            let ambiguous = abbr_tokens.iter().all(|t| is_syllable(t));
            entries.push(Entry { abbr, expansion, abbr_tokens, expansion_tokens, ambiguous });
        }
        let mut by_length: Vec<usize> = (0..entries.len()).collect();
        by_length.sort_by_key(|&i| std::cmp::Reverse(entries[i].abbr.len()));
        let mut phrases = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            phrases.push((e.abbr_tokens.clone(), i, true));
            phrases.push((e.expansion_tokens.clone(), i, false));
        }
        phrases.sort_by_key(|p| std::cmp::Reverse(p.0.len()));
        Glossary { entries, by_length, phrases }
    }

    /// The (abbreviation, expansion) pairs, in the order given to [`Glossary::new`].
    pub fn entries(&self) -> impl Iterator<Item = (&str, &str)> {
        self.entries.iter().map(|e| (e.abbr.as_str(), e.expansion.as_str()))
    }

    /// The expansion of `abbr` (exact, case-sensitive; `Ð` counts as `Đ`).
    pub fn expansion(&self, abbr: &str) -> Option<&str> {
        let abbr = normalise(abbr);
        self.entries.iter().find(|e| e.abbr == abbr).map(|e| e.expansion.as_str())
    }

    /// The first use of each abbreviation in `text` (NFC), ordered by
    /// position, as byte spans into `text`.
    ///
    /// A use is the exact, case-sensitive abbreviation (`Ð` counts as `Đ`)
    /// standing as a whole word: no letter, digit or combining mark touches
    /// it, while punctuation may ("25-NQ/TW", "(DTTS)", "KT-XH,"). An
    /// abbreviation inside a longer one is not a use (MTTQ in UBMTTQVN is
    /// already excluded by the whole-word rule; KT-XH blocks a glossary
    /// "XH"). The ambiguous ones ("TU", "HU", "ĐU": Vietnamese syllables in
    /// capitals) are not taken next to a capitalised Vietnamese word, as in a
    /// heading "TU BỔ ĐƯỜNG".
    pub fn first_uses(&self, text: &str) -> Vec<AbbrUse<'_>> {
        let text: Cow<'_, str> =
            if text.contains('Ð') { Cow::Owned(text.replace('Ð', "Đ")) } else { Cow::Borrowed(text) };
        let mut taken: Vec<Range<usize>> = Vec::new();
        let mut found = Vec::new();
        for &k in &self.by_length {
            let e = &self.entries[k];
            let mut first = None;
            for (at, _) in text.match_indices(e.abbr.as_str()) {
                let end = at + e.abbr.len();
                if !whole_word(&text, at, end)
                    || taken.iter().any(|r| r.start < end && at < r.end)
                    || (e.ambiguous && self.next_to_capitals(&text, at, end))
                {
                    continue;
                }
                taken.push(at..end);
                first.get_or_insert(at);
            }
            if let Some(at) = first {
                found.push(AbbrUse { span: at..at + e.abbr.len(), abbr: &e.abbr, expansion: &e.expansion });
            }
        }
        found.sort_by_key(|u| u.span.start);
        found
    }

    /// Expands a search query both ways: a run of words that is an
    /// expansion also matches its abbreviation, and an abbreviation also
    /// matches its expansion. Works on folded forms, so case, diacritics and
    /// tone placement do not matter ("dan toc thieu so", "DTTS", "dtts").
    /// Ambiguous abbreviations (see [`Glossary::first_uses`]) are expanded
    /// only when typed in capitals: "TU" yes, "tu" (từ) no.
    ///
    /// Returns one [`QueryTerm`] per query word, except that a matched
    /// phrase is one term; the longest phrase wins where several start at
    /// the same word. "đồng bào dân tộc thiểu số" gives
    /// `[dong] [bao] [dan toc thieu so | dtts]`; the search layer ORs the
    /// alternatives of a term and ANDs the terms.
    pub fn expand_query(&self, query: &str) -> Vec<QueryTerm> {
        let query = normalize_input(query);
        let words: Vec<(String, bool)> = tokens(&query)
            .map(|t| {
                let upper = t.text.chars().any(char::is_alphabetic) && !t.text.chars().any(char::is_lowercase);
                (fold(t.text), upper)
            })
            .collect();
        let mut terms = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let hit = self.phrases.iter().find(|(p, k, is_abbr)| {
                words.len() - i >= p.len()
                    && p.iter().zip(&words[i..]).all(|(a, (w, upper))| {
                        a == w && (!*is_abbr || !self.entries[*k].ambiguous || *upper)
                    })
            });
            let Some((phrase, _, _)) = hit else {
                terms.push(QueryTerm { alternatives: vec![words[i].0.clone()] });
                i += 1;
                continue;
            };
            let mut alternatives = vec![phrase.join(" ")];
            for e in &self.entries {
                let other = if &e.abbr_tokens == phrase {
                    &e.expansion_tokens
                } else if &e.expansion_tokens == phrase {
                    &e.abbr_tokens
                } else {
                    continue;
                };
                let other = other.join(" ");
                if !alternatives.contains(&other) {
                    alternatives.push(other);
                }
            }
            i += phrase.len();
            terms.push(QueryTerm { alternatives });
        }
        terms
    }
}

impl Glossary {
    /// Whether the whitespace-separated word before or after `start..end`
    /// is a Vietnamese syllable in capitals ("BỔ" in "TU BỔ"), other than
    /// a plain-ASCII glossary abbreviation ("HU" in "HU, TU").
    fn next_to_capitals(&self, text: &str, start: usize, end: usize) -> bool {
        let shouting = |w: Option<&str>| {
            let Some(w) = w.map(|w| w.trim_matches(|c: char| !c.is_alphabetic())) else {
                return false;
            };
            w.chars().count() >= 2
                && !w.chars().any(char::is_lowercase)
                && is_syllable(w)
                && !(w.is_ascii() && self.entries.iter().any(|e| e.abbr == w))
        };
        shouting(text[..start].split_whitespace().next_back()) || shouting(text[end..].split_whitespace().next())
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

fn whole_word(text: &str, start: usize, end: usize) -> bool {
    !text[..start].chars().next_back().is_some_and(is_word_char)
        && !text[end..].chars().next().is_some_and(is_word_char)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn g() -> Glossary {
        Glossary::default()
    }

    #[test]
    fn default_glossary_is_clean() {
        let n = DEFAULT_GLOSSARY.len();
        assert!((30..=50).contains(&n), "{n}");
        let glossary = g();
        assert_eq!(glossary.entries().count(), n, "no duplicates, nothing skipped");
        for (a, e) in DEFAULT_GLOSSARY {
            assert_eq!(normalise(a), *a);
            assert_eq!(normalise(e), *e);
            assert!(!a.chars().any(char::is_lowercase), "{a}");
            assert_eq!(glossary.expansion(a), Some(*e));
        }
        for a in ["DTTS", "CVĐ", "MTTQ", "UBMTTQVN", "UVBTV", "PBT", "DV", "QCDC", "NTM", "KT-XH", "HĐND", "UBND", "BTV", "BCH", "HU", "TU", "ĐU", "HLHPN", "ĐTN", "CCB", "HND", "QP-AN", "ANTT"] {
            assert!(glossary.expansion(a).is_some(), "{a}");
        }
        assert_eq!(glossary.expansion("ÐU"), Some("Đảng ủy"));
    }

    #[test]
    fn first_uses_marks_each_once() {
        let text = "Ban Dân vận HU phối hợp UBMTTQVN huyện, MTTQ xã và đồng bào DTTS; DTTS được hỗ trợ. Kế hoạch 136-KH/HU về KT-XH.";
        let glossary = g();
        let uses = glossary.first_uses(text);
        let got: Vec<(&str, &str)> = uses.iter().map(|u| (&text[u.span.clone()], u.expansion)).collect();
        assert_eq!(
            got,
            [
                ("HU", "Huyện ủy"),
                ("UBMTTQVN", "Ủy ban Mặt trận Tổ quốc Việt Nam"),
                ("MTTQ", "Mặt trận Tổ quốc"),
                ("DTTS", "dân tộc thiểu số"),
                ("KT-XH", "kinh tế - xã hội"),
            ]
        );
        for u in &uses {
            assert_eq!(&text[u.span.clone()], u.abbr);
        }
    }

    #[test]
    fn first_uses_respects_words_and_capitals() {
        let glossary = g();
        assert!(glossary.first_uses("DTTSX, xDTTS, HUẤN, hu, Tu").is_empty());
        assert!(glossary.first_uses("TU BỔ ĐƯỜNG LÀNG").is_empty());
        let text = "Thường trực TU, ÐU xã";
        let uses = glossary.first_uses(text);
        assert_eq!(uses.iter().map(|u| u.abbr).collect::<Vec<_>>(), ["TU", "ĐU"]);
        let at = text.find("ÐU").unwrap();
        assert_eq!(uses[1].span, at..at + "ÐU".len());
        let custom = Glossary::new([("KT-XH", "kinh tế - xã hội"), ("XH", "xã hội")]);
        let uses = custom.first_uses("KT-XH và XH");
        assert_eq!(uses.iter().map(|u| u.span.clone()).collect::<Vec<_>>(), [0..5, 10..12]);
    }

    fn alts(terms: &[QueryTerm]) -> Vec<Vec<&str>> {
        terms.iter().map(|t| t.alternatives.iter().map(String::as_str).collect()).collect()
    }

    #[test]
    fn expands_both_ways() {
        let glossary = g();
        assert_eq!(
            alts(&glossary.expand_query("đồng bào dân tộc thiểu số")),
            [vec!["dong"], vec!["bao"], vec!["dan toc thieu so", "dtts"]]
        );
        assert_eq!(alts(&glossary.expand_query("DTTS")), [vec!["dtts", "dan toc thieu so"]]);
        assert_eq!(alts(&glossary.expand_query("dtts")), [vec!["dtts", "dan toc thieu so"]]);
        assert_eq!(alts(&glossary.expand_query("Dân Tộc Thiểu Số")), [vec!["dan toc thieu so", "dtts"]]);
        assert_eq!(
            alts(&glossary.expand_query("uỷ ban mặt trận tổ quốc việt nam")),
            [vec!["uy ban mat tran to quoc viet nam", "ubmttqvn"]]
        );
        assert_eq!(alts(&glossary.expand_query("phát triển KT-XH")), [vec!["phat"], vec!["trien"], vec!["kt xh", "kinh te xa hoi"]]);
        assert_eq!(alts(&glossary.expand_query("kinh tế – xã hội")), [vec!["kinh te xa hoi", "kt xh"]]);
    }

    #[test]
    fn ambiguous_abbreviations_need_capitals_in_queries() {
        let glossary = g();
        assert_eq!(alts(&glossary.expand_query("tu thiện")), [vec!["tu"], vec!["thien"]]);
        assert_eq!(alts(&glossary.expand_query("TU")), [vec!["tu", "tinh uy"]]);
        assert_eq!(alts(&glossary.expand_query("tỉnh ủy")), [vec!["tinh uy", "tu"]]);
    }

    proptest! {
        #[test]
        fn every_entry_expands_both_ways(k in 0..DEFAULT_GLOSSARY.len()) {
            let glossary = g();
            let (a, e) = DEFAULT_GLOSSARY[k];
            let from_abbr = glossary.expand_query(a);
            prop_assert_eq!(from_abbr.len(), 1);
            prop_assert!(from_abbr[0].alternatives.contains(&folded_tokens(e).join(" ")));
            let from_expansion = glossary.expand_query(&e.to_uppercase());
            prop_assert!(from_expansion.iter().any(|t| t.alternatives.contains(&folded_tokens(a).join(" "))), "{:?}", from_expansion);
            let text = format!("Trong văn bản, {a} và {a}.");
            let uses = glossary.first_uses(&text);
            prop_assert_eq!(uses.len(), 1);
            prop_assert_eq!(&text[uses[0].span.clone()], a);
        }

        #[test]
        fn spans_are_valid_on_any_text(s in "\\PC{0,80}") {
            let glossary = g();
            let mut last = 0;
            for u in glossary.first_uses(&s) {
                prop_assert!(u.span.start >= last);
                prop_assert!(s.is_char_boundary(u.span.start) && s.is_char_boundary(u.span.end));
                last = u.span.end;
            }
            let terms = glossary.expand_query(&s);
            prop_assert!(terms.iter().all(|t| !t.alternatives.is_empty()));
        }
    }
}
