//! The two Vietnamese tokenizers of the index, registered under [`EXACT`] and
//! [`FOLDED`]: both split text into the same words at the same positions, so
//! that phrase and proximity queries work on either field.
//!
//! A word is a run of letters and digits ([`danvan_text::tokens`]), cut again
//! where letters and digits meet, so that "số136-KH/HU" (a missing space,
//! common in portal text) gives "số", "136", "KH", "HU" as
//! `danvan_domain::search::search_fold` does. Each word is then keyed:
//! * exact: [`danvan_text::match_key`]: NFC, lower case, tone mark on its
//!   canonical vowel ("Hòa" and "hoà" both give "hoà"), `Ð` read as `đ`;
//! * folded: [`danvan_text::fold`]: no marks, `đ` → `d` ("đường" → "duong").
//!
//! Words longer than [`MAX_WORD_BYTES`] (after keying) are skipped, keeping
//! their position, so that no input can make a term too long for the engine.

use danvan_text::{fold, match_key, tokens};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Name of the exact tokenizer (marks kept, canonical tones).
pub const EXACT: &str = "vi_exact";
/// Name of the folded tokenizer (marks dropped).
pub const FOLDED: &str = "vi_fold";
/// Longest word indexed or searched, in bytes of its key; the longest
/// Vietnamese syllable ("nghiêng") takes 10, document numbers and names stay
/// far below.
pub const MAX_WORD_BYTES: usize = 64;

/// Which key of a word a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Form {
    /// [`danvan_text::match_key`].
    Exact,
    /// [`danvan_text::fold`].
    Folded,
}

/// One word of a text as the index sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Byte offset of the word's first byte in the text given to [`words`].
    pub start: usize,
    /// Byte offset just past its last byte.
    pub end: usize,
    /// 0 for the first word, 1 for the next, … (skipped long words count).
    pub position: usize,
    /// The word as written.
    pub text: String,
    /// Its exact key ([`Form::Exact`]).
    pub exact: String,
    /// Its folded key ([`Form::Folded`]).
    pub folded: String,
}

impl Word {
    /// The key of the word in `form`.
    pub fn key(&self, form: Form) -> &str {
        match form {
            Form::Exact => &self.exact,
            Form::Folded => &self.folded,
        }
    }

    /// True when the word carries a mark its folded key drops ("dân", "đi");
    /// a word typed without marks ("dan") matches every form equally.
    pub fn has_marks(&self) -> bool {
        self.exact != self.folded
    }
}

/// Splits `s` at every place where a letter and a digit meet (combining
/// marks stay with the letter before them).
fn split_letters_digits(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut prev_digit: Option<bool> = None;
    for (i, c) in s.char_indices() {
        if !c.is_alphanumeric() {
            continue; // a combining mark
        }
        let digit = c.is_numeric();
        if prev_digit.is_some_and(|p| p != digit) {
            pieces.push((start, &s[start..i]));
            start = i;
        }
        prev_digit = Some(digit);
    }
    if start < s.len() {
        pieces.push((start, &s[start..]));
    }
    pieces.into_iter()
}

/// The words of `text`, in order, with both keys; words whose exact or
/// folded key is longer than [`MAX_WORD_BYTES`] are left out (their
/// position is not reused).
pub fn words(text: &str) -> Vec<Word> {
    words_keeping(text, |_| false)
}

/// [`words`], except that a run of letters and digits for which `whole`
/// is true stays one word (a query keeps a VNI sequence such as "d9uo7ng2"
/// whole, so that it can be read as the syllable it spells).
pub fn words_keeping(text: &str, whole: impl Fn(&str) -> bool) -> Vec<Word> {
    let mut out = Vec::new();
    let mut position = 0;
    for t in tokens(text) {
        let pieces: Vec<(usize, &str)> = if whole(t.text) { vec![(0, t.text)] } else { split_letters_digits(t.text).collect() };
        for (offset, piece) in pieces {
            let exact = match_key(piece);
            let folded = fold(piece);
            if exact.len() <= MAX_WORD_BYTES && folded.len() <= MAX_WORD_BYTES && !folded.is_empty() {
                let start = t.start + offset;
                out.push(Word { start, end: start + piece.len(), position, text: piece.to_owned(), exact, folded });
            }
            position += 1;
        }
    }
    out
}

/// The tantivy tokenizer of one [`Form`].
#[derive(Debug, Clone, Copy)]
pub struct VietTokenizer {
    form: Form,
}

impl VietTokenizer {
    /// The tokenizer that emits keys of `form`.
    pub fn new(form: Form) -> VietTokenizer {
        VietTokenizer { form }
    }
}

/// The tokens of one text, computed up front.
pub struct VecTokenStream {
    tokens: Vec<Token>,
    /// Index of the current token plus one (0 before the first advance).
    next: usize,
    empty: Token,
}

impl Tokenizer for VietTokenizer {
    type TokenStream<'a> = VecTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        let tokens = words(text)
            .into_iter()
            .map(|w| Token {
                offset_from: w.start,
                offset_to: w.end,
                position: w.position,
                text: match self.form {
                    Form::Exact => w.exact,
                    Form::Folded => w.folded,
                },
                position_length: 1,
            })
            .collect();
        VecTokenStream { tokens, next: 0, empty: Token::default() }
    }
}

impl TokenStream for VecTokenStream {
    fn advance(&mut self) -> bool {
        if self.next < self.tokens.len() {
            self.next += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &Token {
        self.next.checked_sub(1).and_then(|i| self.tokens.get(i)).unwrap_or(&self.empty)
    }

    fn token_mut(&mut self) -> &mut Token {
        match self.next.checked_sub(1) {
            Some(i) if i < self.tokens.len() => &mut self.tokens[i],
            _ => &mut self.empty,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stream(form: Form, text: &str) -> Vec<(String, usize)> {
        let mut t = VietTokenizer::new(form);
        let mut s = t.token_stream(text);
        let mut out = Vec::new();
        while s.advance() {
            out.push((s.token().text.clone(), s.token().position));
        }
        out
    }

    fn texts(form: Form, text: &str) -> Vec<String> {
        stream(form, text).into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn exact_keeps_marks_with_canonical_tones() {
        assert_eq!(texts(Form::Exact, "Đường dây NÓNG"), ["đường", "dây", "nóng"]);
        assert_eq!(texts(Form::Exact, "Hòa thủy Qúy"), ["hoà", "thuỷ", "quý"]);
        assert_eq!(texts(Form::Exact, "hoà thuỷ quý"), ["hoà", "thuỷ", "quý"]);
        assert_eq!(texts(Form::Exact, "Ðảng"), ["đảng"], "U+00D0 look-alike");
        let nfd = "Vie\u{0323}\u{0302}t Nam";
        assert_eq!(texts(Form::Exact, nfd), ["việt", "nam"]);
    }

    #[test]
    fn folded_drops_marks() {
        assert_eq!(texts(Form::Folded, "Đường dây nóng"), ["duong", "day", "nong"]);
        assert_eq!(texts(Form::Folded, "Hội Nông dân"), ["hoi", "nong", "dan"]);
        assert_eq!(texts(Form::Folded, "Ðảng"), ["dang"]);
    }

    #[test]
    fn same_positions_in_both_forms() {
        let text = "Kế hoạch số136-KH/HU, ngày 25/7/2023 “Dân vận khéo”";
        let e = stream(Form::Exact, text);
        let f = stream(Form::Folded, text);
        assert_eq!(e.iter().map(|x| x.1).collect::<Vec<_>>(), f.iter().map(|x| x.1).collect::<Vec<_>>());
        assert_eq!(
            texts(Form::Folded, text),
            ["ke", "hoach", "so", "136", "kh", "hu", "ngay", "25", "7", "2023", "dan", "van", "kheo"]
        );
        assert_eq!(e.last().unwrap(), &("khéo".to_owned(), 12));
    }

    #[test]
    fn long_words_skipped_keeping_positions() {
        let long = "a".repeat(MAX_WORD_BYTES + 1);
        let s = stream(Form::Folded, &format!("dân {long} vận"));
        assert_eq!(s, [("dan".to_owned(), 0), ("van".to_owned(), 2)]);
    }

    #[test]
    fn spans_point_into_text() {
        let text = "Bài, ảnh: Nguyễn Thị Qúy";
        let w = words(text);
        assert_eq!(&text[w[4].start..w[4].end], "Qúy");
        assert!(w[4].has_marks() && !words("dan")[0].has_marks());
    }

    #[test]
    fn odd_input_gives_no_panic() {
        for s in ["", " ", "\u{0}\u{1B}[31m", "—…“”", &"đ".repeat(10_000), "\u{0301}\u{0301}a", "x\u{FEFF}y"] {
            let _ = texts(Form::Exact, s);
            let _ = texts(Form::Folded, s);
        }
        let mut t = VietTokenizer::new(Form::Folded);
        let mut s = t.token_stream("");
        assert!(s.token().text.is_empty(), "token() before advance");
        assert!(!s.advance());
    }
}
