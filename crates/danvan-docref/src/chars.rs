//! Character-level tolerance shared by the parser and the finder.

/// Longest whitespace run the finder skips in one place (covers a line break
/// followed by indentation). Bounding it keeps the finder linear on hostile
/// input.
pub(crate) const FIND_WS_MAX: usize = 64;

/// Maps typographic look-alikes to the canonical character.
///
/// * `Ð` (U+00D0, Icelandic eth) and `ð` (U+00F0), often typed for `Đ`/`đ`,
///   become `Đ` (U+0110) and `đ` (U+0111);
/// * hyphen, non-breaking hyphen, figure dash, en dash, em dash, horizontal
///   bar, minus sign and the small/full-width hyphen-minus become `-`;
/// * fraction slash, division slash and full-width solidus become `/`.
pub(crate) fn canon(c: char) -> char {
    match c {
        '\u{00D0}' => 'Đ',
        '\u{00F0}' => 'đ',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => '-',
        '\u{2044}' | '\u{2215}' | '\u{FF0F}' => '/',
        _ => c,
    }
}

/// Lower-cases one character when that gives exactly one character.
pub(crate) fn lower(c: char) -> char {
    let mut it = c.to_lowercase();
    match (it.next(), it.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// Letters allowed in a type abbreviation or an issuer code: ASCII letters
/// and `Đ`/`đ` (after [`canon`]).
pub(crate) fn is_code_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || c == 'Đ' || c == 'đ'
}

/// A read position in a `&str` that sees characters through [`canon`].
#[derive(Clone, Copy, Debug)]
pub(crate) struct Cursor<'a> {
    pub(crate) s: &'a str,
    pub(crate) pos: usize,
}

impl<'a> Cursor<'a> {
    pub(crate) fn new(s: &'a str, pos: usize) -> Self {
        Cursor { s, pos }
    }

    /// The next character, canonicalised, without consuming it.
    pub(crate) fn peek(&self) -> Option<char> {
        self.s.get(self.pos..)?.chars().next().map(canon)
    }

    /// Consumes and returns the next character, canonicalised.
    pub(crate) fn bump(&mut self) -> Option<char> {
        let c = self.s.get(self.pos..)?.chars().next()?;
        self.pos += c.len_utf8();
        Some(canon(c))
    }

    pub(crate) fn at_end(&self) -> bool {
        self.pos >= self.s.len()
    }

    /// Consumes `c` if it is next.
    pub(crate) fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.bump();
            true
        } else {
            false
        }
    }

    /// Skips at most `max` whitespace characters; returns how many it skipped.
    pub(crate) fn skip_ws(&mut self, max: usize) -> usize {
        let mut n = 0;
        while n < max && self.peek().is_some_and(char::is_whitespace) {
            self.bump();
            n += 1;
        }
        n
    }

    /// Consumes `word` compared case-insensitively (after [`canon`]); a space
    /// in `word` matches 0..=[`FIND_WS_MAX`] whitespace characters in the text,
    /// so line breaks and missing spaces are tolerated. Leaves the cursor
    /// unchanged and returns false when the word is not next.
    pub(crate) fn eat_word(&mut self, word: &str) -> bool {
        let mut c = *self;
        for w in word.chars() {
            if w == ' ' {
                c.skip_ws(FIND_WS_MAX);
                continue;
            }
            match c.bump() {
                Some(t) if lower(t) == lower(w) => {}
                _ => return false,
            }
        }
        *self = c;
        true
    }

    /// Reads ASCII digits (at most `max + 1`, so the caller can tell "too
    /// many"); returns the digits.
    pub(crate) fn digits(&mut self, max: usize) -> &'a str {
        let start = self.pos;
        let mut n = 0;
        while n <= max && self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.bump();
            n += 1;
        }
        &self.s[start..self.pos]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canon_maps_look_alikes() {
        assert_eq!(canon('Ð'), 'Đ');
        assert_eq!(canon('ð'), 'đ');
        for h in ['‐', '‑', '‒', '–', '—', '―', '−', '﹣', '－'] {
            assert_eq!(canon(h), '-', "{h:?}");
        }
        assert_eq!(canon('Đ'), 'Đ');
        assert_eq!(canon('a'), 'a');
    }

    #[test]
    fn eat_word_tolerates_case_and_breaks() {
        let mut c = Cursor::new("KẾ\nHOẠCH số", 0);
        assert!(c.eat_word("Kế hoạch"));
        assert_eq!(&c.s[c.pos..], " số");
        let mut c = Cursor::new("Quyết Ðịnh", 0);
        assert!(c.eat_word("Quyết định"));
        let mut c = Cursor::new("Kế toán", 0);
        assert!(!c.eat_word("Kế hoạch"));
        assert_eq!(c.pos, 0);
    }
}
