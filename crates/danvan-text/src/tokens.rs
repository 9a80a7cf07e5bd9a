//! Splitting text into words (in Vietnamese, syllables) with byte spans.

use std::ops::Range;

use unicode_normalization::char::is_combining_mark;

/// One word of a text: a maximal run of letters and digits.
///
/// Written Vietnamese separates syllables with spaces, so a token is a
/// syllable ("Dân", "vận", "khéo"); compounds are sequences of tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    /// The token as written (case and diacritics kept).
    pub text: &'a str,
    /// Byte offset of the first byte in the tokenised text.
    pub start: usize,
    /// Byte offset just past the last byte.
    pub end: usize,
}

impl Token<'_> {
    /// `start..end`, for slicing the original text or wrapping it in `<mark>`.
    pub fn span(&self) -> Range<usize> {
        self.start..self.end
    }

    /// True when the token is made of digits only ("2024", "25").
    pub fn is_number(&self) -> bool {
        self.text.chars().all(|c| c.is_numeric())
    }
}

/// Iterator returned by [`tokens`].
#[derive(Debug, Clone)]
pub struct Tokens<'a> {
    text: &'a str,
    pos: usize,
}

/// Splits `s` into [`Token`]s: maximal runs of letters and digits
/// (`char::is_alphanumeric`), with any combining marks that follow a letter
/// kept in the token, so NFD text tokenises like NFC text (same tokens, the
/// spans covering the marks).
///
/// Everything else separates tokens: whitespace, punctuation, symbols,
/// hyphens, slashes, apostrophes. So a document reference "136-KH/HU" gives
/// "136", "KH", "HU"; "KT-XH" gives "KT", "XH"; "25,5%" gives "25", "5";
/// "M'Drắk" gives "M", "Drắk". This is, in substance, the rule of SQLite
/// FTS5's default `unicode61` tokenizer (letters and numbers are token
/// characters, everything else separates), so spans found here line up with
/// what the full-text index matched; a query is tokenised the same way, so
/// "136-KH/HU" as a phrase still finds the reference.
///
/// Spans are byte offsets into `s`, in order, never overlapping.
///
/// ```
/// use danvan_text::tokens;
/// let s = "Kế hoạch 136-KH/HU";
/// let words: Vec<&str> = tokens(s).map(|t| t.text).collect();
/// assert_eq!(words, ["Kế", "hoạch", "136", "KH", "HU"]);
/// assert_eq!(&s[tokens(s).nth(1).unwrap().span()], "hoạch");
/// ```
pub fn tokens(s: &str) -> Tokens<'_> {
    Tokens { text: s, pos: 0 }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        let rest = &self.text[self.pos..];
        let (offset, _) = rest.char_indices().find(|&(_, c)| c.is_alphanumeric())?;
        let start = self.pos + offset;
        let end = self.text[start..]
            .char_indices()
            .find(|&(_, c)| !(c.is_alphanumeric() || is_combining_mark(c)))
            .map_or(self.text.len(), |(i, _)| start + i);
        self.pos = end;
        Some(Token { text: &self.text[start..end], start, end })
    }
}

impl std::iter::FusedIterator for Tokens<'_> {}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use unicode_normalization::UnicodeNormalization;

    fn texts(s: &str) -> Vec<&str> {
        tokens(s).map(|t| t.text).collect()
    }

    #[test]
    fn splits_on_spaces_and_punctuation() {
        assert_eq!(
            texts("Phát huy “Dân vận khéo” ở Kon Rẫy, năm 2024!"),
            ["Phát", "huy", "Dân", "vận", "khéo", "ở", "Kon", "Rẫy", "năm", "2024"]
        );
        assert_eq!(texts("Kế hoạch 136-KH/HU"), ["Kế", "hoạch", "136", "KH", "HU"]);
        assert_eq!(texts("KT-XH; M'Drắk"), ["KT", "XH", "M", "Drắk"]);
        assert!(texts(" \n—…").is_empty());
    }

    #[test]
    fn spans_point_into_text() {
        let s = "Đồng bào DTTS";
        let t: Vec<_> = tokens(s).collect();
        assert_eq!(t[0].span(), 0..7);
        assert_eq!(&s[t[2].span()], "DTTS");
        assert!(t[2].end == s.len());
        assert!(tokens("Nghị quyết số 25").last().is_some_and(|t| t.is_number()));
    }

    #[test]
    fn nfd_marks_stay_in_token() {
        let nfd: String = "Việt Nam".nfd().collect();
        let t: Vec<_> = tokens(&nfd).collect();
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].text.nfc().collect::<String>(), "Việt");
    }

    proptest! {
        #[test]
        fn spans_are_ordered_and_cover_tokens(s in "\\PC{0,60}") {
            let mut last = 0;
            for t in tokens(&s) {
                prop_assert!(t.start >= last && t.end > t.start);
                prop_assert_eq!(&s[t.span()], t.text);
                prop_assert!(t.text.chars().next().is_some_and(char::is_alphanumeric));
                last = t.end;
            }
            // Nothing alphanumeric is left between tokens.
            let mut covered = vec![false; s.len()];
            for t in tokens(&s) {
                covered[t.span()].iter_mut().for_each(|b| *b = true);
            }
            for (i, c) in s.char_indices() {
                prop_assert!(covered[i] || !c.is_alphanumeric());
            }
        }

        #[test]
        fn nfc_and_nfd_give_same_words(s in "[a-zA-Z0-9 ,.àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễđĐ-]{0,40}") {
            let nfd: String = s.nfd().collect();
            let a: Vec<String> = tokens(&s).map(|t| t.text.to_string()).collect();
            let b: Vec<String> = tokens(&nfd).map(|t| t.text.nfc().collect()).collect();
            prop_assert_eq!(a, b);
        }
    }
}
