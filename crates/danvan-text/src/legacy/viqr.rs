//! VIQR (VIetnamese Quoted-Readable), RFC 1456 (1993): Vietnamese in plain
//! ASCII, each mark written as an ASCII character after its vowel.
//!
//! | mark | char | | tone | char |
//! |---|---|---|---|---|
//! | breve (ă) | `(` | | acute (sắc) | `'` |
//! | circumflex (â ê ô) | `^` | | grave (huyền) | `` ` `` |
//! | horn (ơ ư) | `+` | | hook (hỏi) | `?` |
//! | | | | tilde (ngã) | `~` |
//! | | | | dot below (nặng) | `.` |
//!
//! `dd`/`DD` (also `Dd`) is đ/Đ; a backslash makes the next mark character
//! literal ("ddi\." is "đi."). The quality mark comes before the tone
//! ("Vie^.t"); the reverse order is accepted too.
//!
//! Reading rules beyond the RFC, for text written without escapes: a
//! syllable takes at most one tone, so in "No^.i." the final full stop stays
//! a full stop. A full stop or question mark after an *untoned* final vowel
//! ("... ra.") is still read as a tone, as the RFC says; such text needs
//! the escape. A backslash between two `d`s only separates them ("d\d" is
//! "dd", "d\dd" is "dđ").

use crate::legacy::{LegacyEncoding, UnencodableChar};
use crate::syllable::{Mark, Tone, Vowel};

fn quality(c: char) -> Option<Mark> {
    match c {
        '(' => Some(Mark::Breve),
        '^' => Some(Mark::Circumflex),
        '+' => Some(Mark::Horn),
        _ => None,
    }
}

fn quality_char(m: Mark) -> char {
    match m {
        Mark::Breve => '(',
        Mark::Circumflex => '^',
        Mark::Horn => '+',
    }
}

fn tone(c: char) -> Option<Tone> {
    match c {
        '\'' => Some(Tone::Acute),
        '`' => Some(Tone::Grave),
        '?' => Some(Tone::Hook),
        '~' => Some(Tone::Tilde),
        '.' => Some(Tone::Dot),
        _ => None,
    }
}

fn tone_char(t: Tone) -> Option<char> {
    match t {
        Tone::Level => None,
        Tone::Acute => Some('\''),
        Tone::Grave => Some('`'),
        Tone::Hook => Some('?'),
        Tone::Tilde => Some('~'),
        Tone::Dot => Some('.'),
    }
}

/// Characters that a backslash escapes.
fn is_special(c: char) -> bool {
    quality(c).is_some() || tone(c).is_some() || c == '\\'
}

fn is_vowel(c: char) -> bool {
    matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

fn is_d(c: char) -> bool {
    c == 'd' || c == 'D'
}

pub(super) fn decode(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    // Whether the current letter run already has its tone.
    let mut toned = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '\\' {
            match next {
                Some(n) if is_special(n) => {
                    out.push(n);
                    i += 2;
                    toned = false;
                    continue;
                }
                Some(n) if is_d(n) && i > 0 && is_d(chars[i - 1]) => {
                    i += 1;
                    continue;
                }
                _ => {}
            }
        }
        if is_d(c) && next.is_some_and(is_d) && !(c == 'd' && next == Some('D')) {
            out.push(if c == 'd' { 'đ' } else { 'Đ' });
            i += 2;
            continue;
        }
        if is_vowel(c) {
            let mut v = Vowel { base: c, mark: None, tone: Tone::Level };
            i += 1;
            while let Some(&m) = chars.get(i) {
                if let Some(q) = quality(m).filter(|_| v.mark.is_none()) {
                    let marked = Vowel { mark: Some(q), ..v };
                    if marked.mark_fits() {
                        v = marked;
                        i += 1;
                        continue;
                    }
                }
                if let Some(t) = tone(m).filter(|_| v.tone == Tone::Level && !toned) {
                    v = v.with_tone(t);
                    toned = true;
                    i += 1;
                    continue;
                }
                break;
            }
            out.push(v.to_char());
            continue;
        }
        if !c.is_alphabetic() {
            toned = false;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Encodes Unicode as VIQR. Characters outside ASCII that are not
/// Vietnamese letters are kept as they are (VIQR readers pass them on).
/// Fails only on a word with two tone marks, which the one-tone reading rule
/// could not give back (no Vietnamese syllable has two).
pub(super) fn encode(s: &str) -> Result<String, UnencodableChar> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + s.len() / 2);
    let mut toned = false;
    for ((k, &c), (offset, _)) in chars.iter().enumerate().zip(s.char_indices()) {
        let next = chars.get(k + 1).copied();
        if !c.is_alphabetic() {
            toned = false;
        }
        if Vowel::from_char(c).is_some_and(|v| v.tone != Tone::Level) {
            if toned {
                return Err(UnencodableChar { ch: c, offset, encoding: LegacyEncoding::Viqr });
            }
            toned = true;
        }
        match c {
            'đ' => out.push_str("dd"),
            'Đ' => out.push_str("DD"),
            'd' | 'D' => {
                out.push(c);
                if next.is_some_and(|n| matches!(n, 'd' | 'D' | 'đ' | 'Đ')) {
                    out.push('\\');
                }
            }
            _ if is_special(c) => {
                let after_vowel = k > 0 && Vowel::from_char(chars[k - 1]).is_some();
                if after_vowel || c == '\\' {
                    out.push('\\');
                }
                out.push(c);
            }
            _ => match Vowel::from_char(c) {
                Some(v) => {
                    out.push(v.base);
                    out.extend(v.mark.map(quality_char));
                    out.extend(tone_char(v.tone));
                }
                None => out.push(c),
            },
        }
    }
    Ok(out)
}

/// Evidence that `word` is VIQR and not English: a vowel followed by `^`,
/// `(` or `+` (where that mark fits), a vowel or quality mark followed by
/// `` ` `` or `~`, a vowel followed by `?` or `.` and then a letter
/// ("cu?a", "ho.c"), or a word starting with `dd` + vowel. The apostrophe
/// alone is no evidence: English contractions ("I'm") look the same.
pub(super) fn strong(word: &str) -> bool {
    let c: Vec<char> = word.chars().collect();
    let at = |i: usize| c.get(i).copied().unwrap_or(' ');
    if c.len() >= 3 && is_d(c[0]) && is_d(c[1]) && is_vowel(c[2]) {
        return true;
    }
    (0..c.len()).any(|i| {
        let (a, b) = (at(i), at(i + 1));
        let quality_fits = quality(b).is_some_and(|q| {
            is_vowel(a) && Vowel { base: a, mark: Some(q), tone: Tone::Level }.mark_fits()
        });
        let grave_tilde = (is_vowel(a) || quality(a).is_some()) && matches!(b, '`' | '~');
        let inner = is_vowel(a) && matches!(b, '?' | '.') && at(i + 2).is_ascii_alphabetic();
        quality_fits || grave_tilde || inner
    })
}
