//! VNI, the encoding of the `VNI-Times` family of fonts (VNI Software,
//! "VNI for Windows"): a Windows-1252 font in which a toned or marked vowel is
//! the plain vowel followed by one *mark character*, e.g. "Vieät" for
//! "Việt", "ñoàng" for "đồng".
//!
//! Letters (shown lower case; capitals use the capital of each character):
//!
//! | letter | written | letter | written |
//! |---|---|---|---|
//! | ơ, ư | `ô`, `ö` | đ | `ñ` |
//! | ì í ỉ ĩ ị | `ì í æ ó ò` | ỵ | `î` |
//!
//! Marks after a vowel (level, acute, grave, hook, tilde, dot):
//!
//! | on | marks |
//! |---|---|
//! | a e o u y ơ ư (tone only) | —, `ù`, `ø`, `û`, `õ`, `ï` |
//! | a e o → â ê ô | `â`, `á`, `à`, `å`, `ã`, `ä` |
//! | a → ă | `ê`, `é`, `è`, `ú`, `ü`, `ë` |
//!
//! (`y` with dot below is the single letter `î`; `i` never takes mark
//! characters.) The table is that of the VNI Windows code page as shipped
//! with the VNI fonts and reproduced by every Vietnamese keyboard driver.

use crate::legacy::{LegacyEncoding, UnencodableChar};
use crate::syllable::{Mark, Tone, Vowel};

const TONES: [Tone; 6] = [Tone::Level, Tone::Acute, Tone::Grave, Tone::Hook, Tone::Tilde, Tone::Dot];

/// Mark characters, lower case, in the order of [`TONES`]; `None` where the
/// row has no character (a bare vowel).
const TONE_ONLY: [Option<char>; 6] = [None, Some('ù'), Some('ø'), Some('û'), Some('õ'), Some('ï')];
const CIRCUMFLEX: [char; 6] = ['â', 'á', 'à', 'å', 'ã', 'ä'];
const BREVE: [char; 6] = ['ê', 'é', 'è', 'ú', 'ü', 'ë'];
/// The letter i with each tone (level i is ASCII).
const I_TONED: [char; 6] = ['i', 'í', 'ì', 'æ', 'ó', 'ò'];

fn tone_index(t: Tone) -> usize {
    TONES.iter().position(|&x| x == t).unwrap_or(0)
}

fn lower(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

fn cased(c: char, upper: bool) -> char {
    if upper { c.to_uppercase().next().unwrap_or(c) } else { c }
}

/// The vowel a VNI base character stands for before any mark.
fn base_vowel(c: char) -> Option<Vowel> {
    let (base, mark) = match c {
        'ô' => ('o', Some(Mark::Horn)),
        'Ô' => ('O', Some(Mark::Horn)),
        'ö' => ('u', Some(Mark::Horn)),
        'Ö' => ('U', Some(Mark::Horn)),
        'a' | 'e' | 'o' | 'u' | 'y' | 'A' | 'E' | 'O' | 'U' | 'Y' => (c, None),
        _ => return None,
    };
    Some(Vowel { base, mark, tone: Tone::Level })
}

/// Applies the mark character `m` to `v`, if it fits.
fn apply(v: Vowel, m: char) -> Option<Vowel> {
    let m = lower(m);
    let b = v.base.to_ascii_lowercase();
    if v.mark.is_none()
        && matches!(b, 'a' | 'e' | 'o')
        && let Some(i) = CIRCUMFLEX.iter().position(|&x| x == m)
    {
        return Some(Vowel { mark: Some(Mark::Circumflex), tone: TONES[i], ..v });
    }
    if v.mark.is_none()
        && b == 'a'
        && let Some(i) = BREVE.iter().position(|&x| x == m)
    {
        return Some(Vowel { mark: Some(Mark::Breve), tone: TONES[i], ..v });
    }
    let i = TONE_ONLY.iter().position(|&x| x == Some(m))?;
    Some(v.with_tone(TONES[i]))
}

/// Single characters that are whole letters.
fn single(c: char) -> Option<char> {
    Some(match c {
        'ñ' => 'đ',
        'Ñ' => 'Đ',
        'æ' => 'ỉ',
        'Æ' => 'Ỉ',
        'ó' => 'ĩ',
        'Ó' => 'Ĩ',
        'ò' => 'ị',
        'Ò' => 'Ị',
        'î' => 'ỵ',
        'Î' => 'Ỵ',
        'ô' => 'ơ',
        'Ô' => 'Ơ',
        'ö' => 'ư',
        'Ö' => 'Ư',
        _ => return None,
    })
}

pub(super) fn decode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if let Some(v) = base_vowel(c) {
            match chars.peek().and_then(|&m| apply(v, m)) {
                Some(marked) => {
                    chars.next();
                    out.push(marked.to_char());
                }
                None => out.push(v.to_char()),
            }
        } else {
            out.push(single(c).unwrap_or(c));
        }
    }
    out
}

/// Whether `c` means something in VNI beyond itself (a mark or a letter).
fn is_special(c: char) -> bool {
    let m = lower(c);
    single(c).is_some()
        || CIRCUMFLEX.contains(&m)
        || BREVE.contains(&m)
        || TONE_ONLY.contains(&Some(m))
        || I_TONED.contains(&m)
}

pub(super) fn encode(s: &str) -> Result<String, UnencodableChar> {
    let mut out = String::with_capacity(s.len() + s.len() / 2);
    for (offset, c) in s.char_indices() {
        match c {
            'đ' => out.push('ñ'),
            'Đ' => out.push('Ñ'),
            _ if c.is_ascii() => out.push(c),
            _ => {
                let Some(v) = Vowel::from_char(c) else {
                    if is_special(c) {
                        return Err(UnencodableChar { ch: c, offset, encoding: LegacyEncoding::Vni });
                    }
                    out.push(c);
                    continue;
                };
                let upper = v.base.is_ascii_uppercase();
                let b = v.base.to_ascii_lowercase();
                let t = tone_index(v.tone);
                match (b, v.mark) {
                    ('i', _) => out.push(cased(I_TONED[t], upper)),
                    ('y', _) if v.tone == Tone::Dot => out.push(cased('î', upper)),
                    (_, Some(Mark::Horn)) => {
                        out.push(cased(if b == 'o' { 'ô' } else { 'ö' }, upper));
                        out.extend(TONE_ONLY[t].map(|m| cased(m, upper)));
                    }
                    (_, Some(Mark::Circumflex)) => {
                        out.push(v.base);
                        out.push(cased(CIRCUMFLEX[t], upper));
                    }
                    (_, Some(Mark::Breve)) => {
                        out.push(v.base);
                        out.push(cased(BREVE[t], upper));
                    }
                    (_, None) => {
                        out.push(v.base);
                        out.extend(TONE_ONLY[t].map(|m| cased(m, upper)));
                    }
                }
            }
        }
    }
    Ok(out)
}

/// Evidence that `word` is VNI: a vowel followed by a mark character, except
/// `o` + `à á ã`, which also occur in Unicode Vietnamese ("hoà", "hoá").
pub(super) fn strong(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    chars.windows(2).any(|w| {
        base_vowel(w[0]).and_then(|v| apply(v, w[1])).is_some()
            && !(w[0].eq_ignore_ascii_case(&'o') && matches!(lower(w[1]), 'à' | 'á' | 'ã'))
    })
}
