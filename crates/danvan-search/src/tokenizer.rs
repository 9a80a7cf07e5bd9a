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
/// Name of the tokenizer of word pairs ([`PairTokenizer`] of reach
/// [`NEAR_REACH`]).
pub const PAIRS: &str = "vi_pairs";
/// Most positions apart the two words of a near pair stand (3: up to two
/// words between them), in order.
pub const NEAR_REACH: usize = 3;
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

/// The tokens of [`VietTokenizer`] of `form` for the words `ws`.
pub(crate) fn word_tokens(ws: &[Word], form: Form) -> Vec<Token> {
    ws.iter()
        .map(|w| Token { offset_from: w.start, offset_to: w.end, position: w.position, text: w.key(form).to_owned(), position_length: 1 })
        .collect()
}

/// The tokens of [`PairTokenizer`] of `reach` for the words `ws`.
pub(crate) fn pair_tokens(ws: &[Word], reach: usize) -> Vec<Token> {
    let mut tokens = Vec::new();
    for (i, a) in ws.iter().enumerate() {
        for b in ws[i + 1..].iter().take_while(|b| b.position - a.position <= reach) {
            let position = tokens.len();
            let text = if b.position - a.position == 1 { pair_key(&a.folded, &b.folded) } else { near_key(&a.folded, &b.folded) };
            tokens.push(Token { offset_from: a.start, offset_to: b.end, position, text, position_length: 1 });
        }
        if let [b, c, ..] = &ws[i + 1..]
            && b.position == a.position + 1
            && c.position == a.position + 2
        {
            let position = tokens.len();
            tokens.push(Token { offset_from: a.start, offset_to: c.end, position, text: trio_key(&a.folded, &b.folded, &c.folded), position_length: 1 });
        }
    }
    tokens
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
        VecTokenStream { tokens: word_tokens(&words(text), self.form), next: 0, empty: Token::default() }
    }
}

/// The key of the folded words `a` then `b` standing next to each other:
/// `"a b"`.
pub fn pair_key(a: &str, b: &str) -> String {
    format!("{a} {b}")
}

/// The key of the folded words `a`, `b` and `c` standing next to each
/// other in this order: `"a b c"` (two spaces, where a pair has one).
pub fn trio_key(a: &str, b: &str, c: &str) -> String {
    format!("{a} {b} {c}")
}

/// The key of the folded words `a` then `b` standing near each other
/// (2 to [`NEAR_REACH`] positions apart): `"a~b"`.
pub fn near_key(a: &str, b: &str) -> String {
    format!("{a}~{b}")
}

/// The tantivy tokenizer of word pairs: for each word, one token of its
/// folded key and that of every later word at most `reach` positions after
/// it, [`pair_key`] for the next word and [`near_key`] for the others, and
/// one [`trio_key`] of it and the next two words when they stand next to
/// it. Indexed without positions or frequencies, a pair field answers "do
/// these two words stand together (or near each other) in this order?"
/// and "do these three words stand together?" with one term lookup, where
/// a phrase query reads the positions of every word in every entry that
/// has them: the word-pair proximity of Meilisearch, which keeps the
/// phrase and proximity signals cheap for words found in most entries.
#[derive(Debug, Clone, Copy)]
pub struct PairTokenizer {
    reach: usize,
}

impl PairTokenizer {
    /// Pairs of words at most `reach` (≥ 1) positions apart, and trios of
    /// adjacent words.
    pub fn new(reach: usize) -> PairTokenizer {
        PairTokenizer { reach: reach.max(1) }
    }
}

impl Tokenizer for PairTokenizer {
    type TokenStream<'a> = VecTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        VecTokenStream { tokens: pair_tokens(&words(text), self.reach), next: 0, empty: Token::default() }
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
    fn pairs_of_words_in_reach_in_order() {
        let pairs = |reach, text: &str| {
            let mut t = PairTokenizer::new(reach);
            let mut s = t.token_stream(text);
            let mut out = Vec::new();
            while s.advance() {
                out.push(s.token().text.clone());
            }
            out
        };
        assert_eq!(pairs(1, "Đường dây nóng"), ["duong day", "duong day nong", "day nong"]);
        assert_eq!(
            pairs(3, "dân vận rất khéo léo"),
            [
                "dan van", "dan~rat", "dan~kheo", "dan van rat", "van rat", "van~kheo", "van~leo", "van rat kheo", "rat kheo", "rat~leo", "rat kheo leo",
                "kheo leo"
            ]
        );
        let long = "a".repeat(MAX_WORD_BYTES + 1);
        assert_eq!(pairs(1, &format!("dân {long} vận")), Vec::<String>::new(), "a skipped word keeps them apart");
        assert_eq!(pairs(2, &format!("dân {long} vận")), ["dan~van"]);
        assert_eq!(pairs(1, &format!("dân vận {long} khéo")), ["dan van"], "no trio across a skipped word");
        assert!(pairs(3, "").is_empty() && pairs(3, "một").is_empty());
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
