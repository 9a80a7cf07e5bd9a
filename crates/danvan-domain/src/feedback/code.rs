//! Tracking codes ("mã phản ánh"): what a citizen reads on the receipt,
//! over the phone, and types back to follow an item.
//!
//! # Shape
//!
//! `PA-7K3-MQ9-XHC`: the prefix `PA` (phản ánh), then nine symbols in three
//! groups of three: eight random symbols and one check symbol (the last).
//!
//! # Alphabet
//!
//! The 23 symbols of [`ALPHABET`]: the digits and upper-case letters left
//! once every look-alike group is removed whole: `0`/`O`, `1`/`I`/`L`,
//! `2`/`Z`, `5`/`S`, `8`/`B`, `U`/`V`. Eight random symbols give
//! 23⁸ ≈ 7.8 × 10¹⁰ codes, 36.2 bits.
//!
//! # Check symbol
//!
//! 23 is prime, so a weighted sum modulo 23 works (ISO 7064-style, one
//! check symbol over a prime-sized alphabet): with the symbols' values
//! `v₁ … v₉` (their positions in [`ALPHABET`]), a code is valid when
//! `1·v₁ + 2·v₂ + … + 9·v₉ ≡ 0 (mod 23)`. It detects
//!
//! * every single wrong symbol: the sum changes by `wᵢ·(a − b)`, and
//!   neither factor is a multiple of the prime 23;
//! * every swap of two different symbols, neighbours or not, the check
//!   symbol included: the sum changes by `(wᵢ − wⱼ)·(a − b)`, and the
//!   weights 1 … 9 are distinct and below 23.
//!
//! A random wrong code passes with probability 1/23.
//!
//! # What people type
//!
//! [`parse`] accepts lower case, spaces, dots, missing, extra or other dashes,
//! and the code without its prefix, and maps (see [`parse`] for the
//! table):
//!
//! * full-width forms (`ＰＡ７Ｋ３`) and Cyrillic or Greek capitals that are
//!   the same glyph as exactly one symbol (`А`, `С`, `Е`, `Н`, `К`, `М`,
//!   `Р`, `Т`, `Х`, `У`; `Α`, `Ε`, `Η`, `Κ`, `Μ`, `Ν`, `Ρ`, `Τ`, `Χ`, `Υ`);
//! * what a Vietnamese input method made of the keys (Telex `AX` → `Ã`,
//!   `DD` → `Đ`, `W` → `Ư`; VNI `A4` → `Ã`, `D9` → `Đ`): both readings are
//!   tried and the one whose check symbol holds is kept;
//! * the excluded look-alikes themselves are *not* mapped: each one's
//!   partners were removed with it, so `O` could be `D` or `Q` misread,
//!   `1`, `I`, `L` could be `7`, `J` or `T`, and so on; none resembles
//!   exactly one symbol, and a guess would turn a typing error into
//!   someone else's code. They are refused (`feedback.code.symbol`).
//!
//! # A code is worthless alone
//!
//! A code only finds an item together with the phone number or e-mail
//! address given with it (`/phan-anh/tra-cuu`); the store checks both
//! (comparing [`super::normalize_phone`] / [`super::normalize_email`]
//! forms) and rate-limits wrong attempts. Codes are random, not sequential,
//! so one code says nothing about the next.

use crate::messages::{Lang, t};
use unicode_normalization::UnicodeNormalization;

/// The symbols, in value order (a symbol's value is its index).
pub const ALPHABET: &[u8; 23] = b"34679ACDEFGHJKMNPQRTWXY";

/// The prefix shown before the symbols.
pub const PREFIX: &str = "PA";

/// Random symbols in a code.
pub const RANDOM_SYMBOLS: usize = 8;

/// Symbols in a code, the check symbol included (after the prefix).
pub const SYMBOLS: usize = RANDOM_SYMBOLS + 1;

/// The symbols in a group of the shown form.
pub const GROUP: usize = 3;

const P: u32 = ALPHABET.len() as u32;

/// A valid tracking code, in its shown and stored form `PA-7K3-MQ9-XHC`
/// (14 ASCII characters).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct TrackingCode(String);

impl TrackingCode {
    /// The grouped form, `PA-7K3-MQ9-XHC`, the same as `Display`; what the
    /// store keeps (unique) and the receipt prints.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The nine symbols without prefix or dashes, `7K3MQ9XHC`.
    pub fn symbols(&self) -> String {
        self.0[PREFIX.len()..].chars().filter(|c| *c != '-').collect()
    }

    fn from_values(values: &[u32; SYMBOLS]) -> TrackingCode {
        let mut s = String::with_capacity(PREFIX.len() + SYMBOLS + SYMBOLS / GROUP);
        s.push_str(PREFIX);
        for (i, v) in values.iter().enumerate() {
            if i % GROUP == 0 {
                s.push('-');
            }
            s.push(char::from(ALPHABET[*v as usize]));
        }
        TrackingCode(s)
    }
}

impl std::fmt::Display for TrackingCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Why a typed code was refused; [`CodeError::code`] is its catalogue key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CodeError {
    /// Not nine symbols (after dropping separators and the prefix).
    Length,
    /// A character that is not a symbol and maps to none.
    Symbol,
    /// Nine symbols whose check symbol does not hold: a mistyped code.
    Check,
}

impl CodeError {
    /// Every error, for the catalogue's tests.
    pub const ALL: [CodeError; 3] = [CodeError::Length, CodeError::Symbol, CodeError::Check];

    /// The stable code, a catalogue key: `feedback.code.length`,
    /// `feedback.code.symbol`, `feedback.code.check`.
    pub fn code(self) -> &'static str {
        match self {
            CodeError::Length => "feedback.code.length",
            CodeError::Symbol => "feedback.code.symbol",
            CodeError::Check => "feedback.code.check",
        }
    }
}

impl std::fmt::Display for CodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl std::error::Error for CodeError {}

/// The value of an alphabet symbol (upper-case ASCII).
fn value(c: char) -> Option<u32> {
    ALPHABET.iter().position(|&a| char::from(a) == c).map(|i| i as u32)
}

/// `Σ (i+1)·vᵢ mod 23` over the given values.
fn weighted(values: &[u32]) -> u32 {
    values.iter().enumerate().map(|(i, v)| (i as u32 + 1) * v).sum::<u32>() % P
}

/// The check value completing eight values: `9·c ≡ −Σ (mod 23)`, and 18 is
/// the inverse of 9 modulo 23 (9 · 18 = 162 = 7 · 23 + 1).
fn check_value(values: &[u32; RANDOM_SYMBOLS]) -> u32 {
    (P - weighted(values)) % P * 18 % P
}

/// A new code from 16 random bytes (the caller's CSPRNG, so this stays
/// pure): the bytes as a little-endian `u128` reduced modulo 23⁸ give the
/// eight random symbols (the bias of the reduction is below 2⁻⁹⁰), then the
/// check symbol. The store retries with new bytes on the (rare) collision
/// with an existing code.
pub fn generate(random: [u8; 16]) -> TrackingCode {
    let mut n = u128::from_le_bytes(random) % u128::from(P).pow(RANDOM_SYMBOLS as u32);
    let mut values = [0u32; SYMBOLS];
    for v in values[..RANDOM_SYMBOLS].iter_mut().rev() {
        *v = (n % u128::from(P)) as u32;
        n /= u128::from(P);
    }
    let random: [u32; RANDOM_SYMBOLS] = values[..RANDOM_SYMBOLS].try_into().unwrap_or([0; RANDOM_SYMBOLS]);
    values[RANDOM_SYMBOLS] = check_value(&random);
    TrackingCode::from_values(&values)
}

/// A code as people type it, checked.
///
/// Read, in order:
///
/// 1. separators are dropped: any white space, `-`, `‐`–`―`, `−`, `.`, `_`,
///    `/`, `·`;
/// 2. full-width forms become ASCII, letters upper case;
/// 3. homoglyphs become the one symbol they are drawn like: Cyrillic
///    `А С Е Н К М Р Т Х У` and Greek `Α Ε Η Κ Μ Ν Ρ Τ Χ Υ` (capital or
///    small) → `A C E H K M P T X Y`;
/// 4. Vietnamese letters are read back into the keys that made them, as
///    Telex (`Â` `AA`, `Ê` `EE`, `Ă` `AW`, `Ư` `W`, `Đ` `DD`; tones
///    huyền `F`, hỏi `R`, ngã `X`, nặng `J`, sắc `S`) and as VNI (`6` for
///    the circumflex, `7` horn, `8` breve, `9` đ; tones `2`, `3`, `4`,
///    `5`, `1`), shape before tone; when the readings differ, the one
///    whose check symbol holds is the answer (two that both hold: refused
///    as `Check`, since we cannot tell);
/// 5. eleven symbols starting `PA` lose the prefix; nine remain, or
///    `Length`;
/// 6. each must be in [`ALPHABET`], or `Symbol` (the excluded look-alikes
///    `0 O 1 I L 2 Z 5 S 8 B U V` included; see the module's notes);
/// 7. the check symbol must hold, or `Check`.
pub fn parse(s: &str) -> Result<TrackingCode, CodeError> {
    let (telex, vni) = readings(s);
    let first = parse_symbols(&telex);
    if telex == vni {
        return first;
    }
    match (first, parse_symbols(&vni)) {
        (Ok(a), Ok(b)) if a != b => Err(CodeError::Check),
        (Ok(a), _) => Ok(a),
        (Err(_), Ok(b)) => Ok(b),
        (Err(e), Err(_)) => Err(e),
    }
}

fn parse_symbols(s: &str) -> Result<TrackingCode, CodeError> {
    let chars: Vec<char> = s.chars().collect();
    let body = match chars.len() {
        n if n == SYMBOLS + PREFIX.len() && chars[..PREFIX.len()].iter().copied().eq(PREFIX.chars()) => &chars[PREFIX.len()..],
        n if n == SYMBOLS => &chars[..],
        _ => return Err(CodeError::Length),
    };
    let mut values = [0u32; SYMBOLS];
    for (v, c) in values.iter_mut().zip(body) {
        *v = value(*c).ok_or(CodeError::Symbol)?;
    }
    if weighted(&values) != 0 {
        return Err(CodeError::Check);
    }
    Ok(TrackingCode::from_values(&values))
}

fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '.' | '_' | '/' | '·' | '\u{FF0D}')
}

/// One character as ASCII upper case: full-width forms, then homoglyphs.
fn plain(c: char) -> char {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    match c {
        'А' | 'а' | 'Α' | 'α' => 'A',
        'С' | 'с' => 'C',
        'Е' | 'е' | 'Ε' | 'ε' => 'E',
        'Н' | 'н' | 'Η' => 'H',
        'К' | 'к' | 'Κ' | 'κ' => 'K',
        'М' | 'м' | 'Μ' => 'M',
        'Ν' => 'N',
        'Р' | 'р' | 'Ρ' | 'ρ' => 'P',
        'Т' | 'т' | 'Τ' | 'τ' => 'T',
        'Х' | 'х' | 'Χ' | 'χ' => 'X',
        'У' | 'у' | 'Υ' => 'Y',
        _ => c.to_ascii_uppercase(),
    }
}

/// The input read as Telex and as VNI keys (the same string when it has no
/// Vietnamese letter), separators dropped.
fn readings(s: &str) -> (String, String) {
    let (mut telex, mut vni) = (String::new(), String::new());
    let chars: Vec<char> = s.nfd().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        if is_separator(c) {
            continue;
        }
        if matches!(c, 'đ' | 'Đ' | 'Ð' | 'ð') {
            telex.push_str("DD");
            vni.push_str("D9");
            continue;
        }
        let base = plain(c);
        let mut marks = Vec::new();
        while i < chars.len() && matches!(chars[i], '\u{300}'..='\u{36F}') {
            marks.push(chars[i]);
            i += 1;
        }
        // shape marks are typed before tones, whatever the canonical order
        marks.sort_by_key(|m| !matches!(m, '\u{302}' | '\u{306}' | '\u{31B}'));
        if marks.contains(&'\u{31B}') && base == 'U' {
            telex.push('W');
        } else {
            telex.push(base);
        }
        vni.push(base);
        for m in marks {
            let (t, v) = match m {
                '\u{302}' => (Some(base), '6'),
                '\u{306}' => (Some('W'), '8'),
                '\u{31B}' => (if base == 'U' { None } else { Some('W') }, '7'),
                '\u{300}' => (Some('F'), '2'),
                '\u{301}' => (Some('S'), '1'),
                '\u{309}' => (Some('R'), '3'),
                '\u{303}' => (Some('X'), '4'),
                '\u{323}' => (Some('J'), '5'),
                // any other mark: a character no key sequence gives
                _ => (Some('?'), '?'),
            };
            telex.extend(t);
            vni.push(v);
        }
    }
    (telex, vni)
}

/// How to read `code` over the phone: the nine symbols (the prefix is not
/// read; [`parse`] accepts a code without it), each as the catalogue's
/// `feedback.code.say.*` gives it (Vietnamese: the letter's name and a word
/// that starts with it, "ca – Kiên"; digits as "số bảy"; English: the
/// ICAO spelling alphabet), symbols separated by ", " and groups by "; ".
pub fn spoken(code: &TrackingCode, lang: Lang) -> String {
    let symbols: Vec<&str> = code.symbols().chars().map(|c| t(say_key(c), lang)).collect();
    symbols.chunks(GROUP).map(|g| g.join(", ")).collect::<Vec<_>>().join("; ")
}

fn say_key(c: char) -> &'static str {
    match c {
        '3' => "feedback.code.say.3",
        '4' => "feedback.code.say.4",
        '6' => "feedback.code.say.6",
        '7' => "feedback.code.say.7",
        '9' => "feedback.code.say.9",
        'A' => "feedback.code.say.a",
        'C' => "feedback.code.say.c",
        'D' => "feedback.code.say.d",
        'E' => "feedback.code.say.e",
        'F' => "feedback.code.say.f",
        'G' => "feedback.code.say.g",
        'H' => "feedback.code.say.h",
        'J' => "feedback.code.say.j",
        'K' => "feedback.code.say.k",
        'M' => "feedback.code.say.m",
        'N' => "feedback.code.say.n",
        'P' => "feedback.code.say.p",
        'Q' => "feedback.code.say.q",
        'R' => "feedback.code.say.r",
        'T' => "feedback.code.say.t",
        'W' => "feedback.code.say.w",
        'X' => "feedback.code.say.x",
        _ => "feedback.code.say.y",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A deterministic stream of byte arrays (splitmix64), for samples.
    fn samples(n: usize) -> Vec<[u8; 16]> {
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = x;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        (0..n)
            .map(|_| {
                let mut b = [0u8; 16];
                b[..8].copy_from_slice(&next().to_le_bytes());
                b[8..].copy_from_slice(&next().to_le_bytes());
                b
            })
            .collect()
    }

    /// The code of eight given symbols, with its check symbol.
    fn code_of(eight: &str) -> TrackingCode {
        let mut values = [0u32; SYMBOLS];
        for (v, c) in values.iter_mut().zip(eight.chars()) {
            *v = value(c).unwrap();
        }
        values[RANDOM_SYMBOLS] = check_value(&values[..RANDOM_SYMBOLS].try_into().unwrap());
        TrackingCode::from_values(&values)
    }

    #[test]
    fn the_alphabet_has_no_look_alikes() {
        assert_eq!(ALPHABET.len(), 23);
        for c in "0O1IL2Z5S8BUV".chars() {
            assert_eq!(value(c), None, "{c} is a look-alike");
        }
        let mut sorted = ALPHABET.to_vec();
        sorted.dedup();
        assert_eq!(sorted.len(), 23, "no symbol twice");
        // 23^8 codes: over 36 bits
        assert!((23f64).powi(8).log2() > 36.0);
    }

    #[test]
    fn known_codes() {
        assert_eq!(generate([0; 16]).as_str(), "PA-333-333-333");
        // 1·7 + 2·K + … + 8·H = 429 ≡ 15, and 9·C = 9·6 = 54 ≡ 8 completes it
        let c = code_of("7K3MQ9XH");
        assert_eq!(c.as_str(), "PA-7K3-MQ9-XHC");
        assert_eq!(c.to_string(), c.as_str());
        assert_eq!(c.symbols(), "7K3MQ9XHC");
        assert_eq!(weighted(&c.symbols().chars().map(|ch| value(ch).unwrap()).collect::<Vec<_>>()), 0);
        assert_eq!(generate([0xFF; 16]), generate([0xFF; 16]), "the same bytes, the same code");
    }

    #[test]
    fn generated_codes_round_trip_and_differ() {
        let codes: Vec<TrackingCode> = samples(2000).into_iter().map(generate).collect();
        let mut distinct = std::collections::HashSet::new();
        for c in &codes {
            assert_eq!(c.as_str().len(), 14);
            assert!(c.as_str().starts_with("PA-"));
            assert_eq!(parse(c.as_str()), Ok(c.clone()));
            assert_eq!(parse(&c.symbols()), Ok(c.clone()), "without prefix");
            assert_eq!(parse(&c.as_str().to_lowercase()), Ok(c.clone()));
            distinct.insert(c.clone());
        }
        assert_eq!(distinct.len(), 2000);
        // every symbol shows up in every random position
        for pos in 0..RANDOM_SYMBOLS {
            let seen: std::collections::HashSet<char> = codes.iter().map(|c| c.symbols().chars().nth(pos).unwrap()).collect();
            assert_eq!(seen.len(), 23, "position {pos}");
        }
    }

    #[test]
    fn every_single_error_and_every_swap_is_detected() {
        for bytes in samples(300) {
            let code = generate(bytes);
            let s: Vec<char> = code.symbols().chars().collect();
            for i in 0..SYMBOLS {
                for &a in ALPHABET {
                    let a = char::from(a);
                    if a == s[i] {
                        continue;
                    }
                    let mut wrong = s.clone();
                    wrong[i] = a;
                    let typed: String = wrong.iter().collect();
                    assert_eq!(parse(&typed), Err(CodeError::Check), "{code}: {typed}");
                }
                for j in i + 1..SYMBOLS {
                    if s[i] == s[j] {
                        continue;
                    }
                    let mut swapped = s.clone();
                    swapped.swap(i, j);
                    let typed: String = swapped.iter().collect();
                    assert_eq!(parse(&typed), Err(CodeError::Check), "{code}: {typed}");
                }
            }
        }
    }

    #[test]
    fn sloppy_input() {
        let c = code_of("7K3MQ9XH");
        for typed in [
            "PA-7K3-MQ9-XHC",
            "pa-7k3-mq9-xhc",
            "PA 7K3 MQ9 XHC",
            " pa7k3mq9xhc ",
            "7K3-MQ9-XHC",
            "7k3mq9xhc",
            "PA--7K3--MQ9-XHC-",
            "PA–7K3–MQ9–XHC",
            "PA.7K3.MQ9.XHC",
            "PA\u{a0}7K3\u{3000}MQ9\tXHC",
            "ＰＡ－７Ｋ３－ＭＱ９－ＸＨＣ",
            "PA-7К3-МQ9-ХНС",
        ] {
            assert_eq!(parse(typed), Ok(c.clone()), "{typed:?}");
        }
        assert_eq!(parse(""), Err(CodeError::Length));
        assert_eq!(parse("PA-7K3-MQ9-XH"), Err(CodeError::Length));
        assert_eq!(parse("PA-7K3-MQ9-XHC4"), Err(CodeError::Length));
        assert_eq!(parse("P-7K3-MQ9-XHC"), Err(CodeError::Length));
        assert_eq!(parse("PA-7K3-MO9-XHC"), Err(CodeError::Symbol), "O is not guessed");
        assert_eq!(parse("PA-1K3-MQ9-XHC"), Err(CodeError::Symbol));
        assert_eq!(parse("PA-7K3-MQ9-XH!"), Err(CodeError::Symbol));
        assert_eq!(parse("PA-7K3-MQ9-XHA"), Err(CodeError::Check));
    }

    #[test]
    fn what_a_vietnamese_keyboard_made_of_it() {
        // Telex: A then X gives Ã, D D gives Đ, W alone gives Ư
        let c = code_of("AXDDW7K3");
        assert_eq!(c.symbols()[..8], *"AXDDW7K3");
        assert_eq!(parse(&format!("PA{}", c.symbols().replace("AX", "Ã").replace("DD", "Đ").replace('W', "Ư"))), Ok(c.clone()));
        // the same in NFD
        assert_eq!(parse(&format!("pa {}", c.symbols().replace("AX", "A\u{303}").replace("DD", "đ").replace('W', "ư"))), Ok(c.clone()));
        // Telex circumflex and tone, shape first: A A F → Ầ (NFC) whatever the order of marks
        let c = code_of("MAAFK3QT");
        assert_eq!(parse(&c.symbols().replace("AAF", "Ầ")), Ok(c.clone()));
        let c = code_of("MAWJK3QT");
        assert_eq!(parse(&c.symbols().replace("AWJ", "ặ")), Ok(c.clone()), "ặ decomposes dot-below first");
        // VNI: A then 4 gives Ã, E then 6 gives Ê
        let c = code_of("A4E6D9KT");
        assert_eq!(parse(&c.symbols().replace("A4", "Ã").replace("E6", "Ê").replace("D9", "Đ")), Ok(c.clone()));
        // a mark no key gives
        assert_eq!(parse("PA-7K3-MQ9-XH\u{30A}"), Err(CodeError::Symbol));
    }

    #[test]
    fn read_over_the_phone() {
        let c = code_of("7K3MQ9XH");
        assert_eq!(
            spoken(&c, Lang::Vi),
            "số bảy, ca – Kiên, số ba; em-mờ – Mai, quy – Quang, số chín; ích-xì – Xuân, hát – Hà, xê – Cường"
        );
        assert_eq!(spoken(&c, Lang::En), "seven, Kilo, three; Mike, Quebec, nine; X-ray, Hotel, Charlie");
        // every symbol has its own words
        let mut said = std::collections::HashSet::new();
        for &a in ALPHABET {
            for lang in [Lang::Vi, Lang::En] {
                assert!(said.insert(t(say_key(char::from(a)), lang)), "{} twice", char::from(a));
            }
        }
    }

    #[test]
    fn error_codes_are_catalogue_keys() {
        for e in CodeError::ALL {
            assert!(crate::messages::has(e.code()), "{e}");
            assert!(e.code().starts_with("feedback.code."));
        }
    }
}
