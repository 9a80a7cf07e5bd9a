//! Vietnamese letters and syllables: the spelling model behind tone
//! placement ([`canonical_tones`]), syllable checks ([`is_syllable`]) and
//! legacy-encoding detection.
//!
//! A written Vietnamese syllable is *initial consonant* + *vowel nucleus*
//! (one to three vowel letters, possibly opened by the glide `u` of `qu` or
//! the `i` of `gi`) + *final consonant*, with at most one tone mark on one of
//! the vowels. The inventories below are those of the standard orthography
//! (the 29-letter alphabet and the digraphs `ch gh gi kh ng ngh nh ph qu th
//! tr`), plus the final `k` of Central Highlands place names (Đắk Lắk).

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::decompose_canonical;
use unicode_normalization::is_nfc;

/// A vowel-quality mark: part of the letter (`ă`, `â`, `ơ` …), not a tone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mark {
    /// `ă` (U+0306).
    Breve,
    /// `â ê ô` (U+0302).
    Circumflex,
    /// `ơ ư` (U+031B).
    Horn,
}

impl Mark {
    fn combining(self) -> char {
        match self {
            Mark::Breve => '\u{0306}',
            Mark::Circumflex => '\u{0302}',
            Mark::Horn => '\u{031B}',
        }
    }
}

/// One of the six tones; `Level` (thanh ngang) carries no mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tone {
    Level,
    /// huyền, U+0300.
    Grave,
    /// sắc, U+0301.
    Acute,
    /// hỏi, U+0309.
    Hook,
    /// ngã, U+0303.
    Tilde,
    /// nặng, U+0323.
    Dot,
}

impl Tone {
    fn combining(self) -> Option<char> {
        match self {
            Tone::Level => None,
            Tone::Grave => Some('\u{0300}'),
            Tone::Acute => Some('\u{0301}'),
            Tone::Hook => Some('\u{0309}'),
            Tone::Tilde => Some('\u{0303}'),
            Tone::Dot => Some('\u{0323}'),
        }
    }
}

/// A Vietnamese vowel letter taken apart: ASCII base (case kept), quality
/// mark, tone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Vowel {
    pub base: char,
    pub mark: Option<Mark>,
    pub tone: Tone,
}

impl Vowel {
    /// Takes a precomposed (NFC) vowel letter apart; `None` for anything that
    /// is not one of the 134 Vietnamese vowel letters (12 vowels × 6 tones,
    /// both cases).
    pub fn from_char(c: char) -> Option<Vowel> {
        if c.is_ascii() {
            return is_ascii_vowel(c).then_some(Vowel { base: c, mark: None, tone: Tone::Level });
        }
        let mut base = None;
        let mut mark = None;
        let mut tone = Tone::Level;
        let mut ok = true;
        let mut first = true;
        decompose_canonical(c, |d| {
            if first {
                first = false;
                if is_ascii_vowel(d) {
                    base = Some(d);
                } else {
                    ok = false;
                }
                return;
            }
            let (m, t) = match d {
                '\u{0306}' => (Some(Mark::Breve), None),
                '\u{0302}' => (Some(Mark::Circumflex), None),
                '\u{031B}' => (Some(Mark::Horn), None),
                '\u{0300}' => (None, Some(Tone::Grave)),
                '\u{0301}' => (None, Some(Tone::Acute)),
                '\u{0309}' => (None, Some(Tone::Hook)),
                '\u{0303}' => (None, Some(Tone::Tilde)),
                '\u{0323}' => (None, Some(Tone::Dot)),
                _ => (None, None),
            };
            match (m, t) {
                (Some(m), _) if mark.is_none() => mark = Some(m),
                (_, Some(t)) if tone == Tone::Level => tone = t,
                _ => ok = false,
            }
        });
        let base = base.filter(|_| ok)?;
        let v = Vowel { base, mark, tone };
        v.mark_fits().then_some(v)
    }

    /// Whether the quality mark may sit on this base (`ă â ê ô ơ ư` only).
    pub fn mark_fits(self) -> bool {
        match self.mark {
            None => true,
            Some(Mark::Breve) => self.base.eq_ignore_ascii_case(&'a'),
            Some(Mark::Circumflex) => matches!(self.base.to_ascii_lowercase(), 'a' | 'e' | 'o'),
            Some(Mark::Horn) => matches!(self.base.to_ascii_lowercase(), 'o' | 'u'),
        }
    }

    /// The precomposed letter (always a single NFC code point).
    pub fn to_char(self) -> char {
        if self.mark.is_none() && self.tone == Tone::Level {
            return self.base;
        }
        let mut buf = [self.base, '\0', '\0'];
        let mut n = 1;
        if let Some(m) = self.mark {
            buf[n] = m.combining();
            n += 1;
        }
        if let Some(t) = self.tone.combining() {
            buf[n] = t;
            n += 1;
        }
        // NFC reorders the marks canonically (ậ is ạ + ̂, not â + ̣) and
        // composes them; every Vietnamese letter has a precomposed form.
        let mut composed = buf[..n].iter().copied().nfc();
        let c = composed.next().unwrap_or(self.base);
        debug_assert!(composed.next().is_none());
        c
    }

    /// The vowel without its tone, lower-cased: one of `a ă â e ê i o ô ơ u ư y`.
    pub fn key(self) -> char {
        Vowel { base: self.base.to_ascii_lowercase(), mark: self.mark, tone: Tone::Level }.to_char()
    }

    pub fn with_tone(self, tone: Tone) -> Vowel {
        Vowel { tone, ..self }
    }
}

fn is_ascii_vowel(c: char) -> bool {
    matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// One letter of a syllable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Letter {
    Vowel(Vowel),
    /// Lower-cased consonant: an ASCII letter or `đ` (also for `Đ` and the
    /// look-alike `Ð`).
    Consonant(char),
}

fn letter(c: char) -> Option<Letter> {
    match c {
        'đ' | 'Đ' | 'Ð' | 'ð' => Some(Letter::Consonant('đ')),
        _ if c.is_ascii_alphabetic() && !is_ascii_vowel(c) => {
            Some(Letter::Consonant(c.to_ascii_lowercase()))
        }
        _ => Vowel::from_char(c).map(Letter::Vowel),
    }
}

/// Initial consonants (phụ âm đầu) as written, lower case; `qu` and `gi`
/// are handled as `q`/`g` plus a glide vowel.
const INITIALS: &[&str] = &[
    "", "b", "c", "ch", "d", "đ", "g", "gh", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh", "p",
    "ph", "q", "r", "s", "t", "th", "tr", "v", "x",
];

/// Final consonants (âm cuối), plus `k` of Central Highlands names.
const FINALS: &[&str] = &["", "c", "ch", "k", "m", "n", "ng", "nh", "p", "t"];

/// Vowel nuclei (vần without final) that take a final consonant or none.
const NUCLEI: &[&str] = &[
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "iê", "yê", "oa", "oă", "oe", "oo",
    "uâ", "uê", "uô", "uơ", "uy", "ươ", "uyê",
];

/// Vowel nuclei ending in a semivowel or `a`: never followed by a final
/// consonant.
const OPEN_NUCLEI: &[&str] = &[
    "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iu", "oi", "ôi", "ơi", "ua", "ui", "ưa",
    "ưi", "ưu", "iêu", "yêu", "oai", "oay", "oeo", "uôi", "ươi", "ươu", "uây", "uya", "uyu",
];

/// A syllable taken apart; indices are char positions in the word.
struct Parsed {
    vowels: Vec<(usize, Vowel)>,
    /// Index into `vowels` of the first nucleus vowel (1 after the glide of
    /// `qu`/`gi`, else 0).
    nucleus_from: usize,
    has_final: bool,
}

impl Parsed {
    /// Index into `vowels` of the toned vowel, `None` when the tone is level.
    /// Callers have checked there is at most one.
    fn toned(&self) -> Option<usize> {
        self.vowels.iter().position(|(_, v)| v.tone != Tone::Level)
    }

    /// Index into `vowels` where the tone belongs (see [`canonical_tones`]).
    fn tone_slot(&self) -> usize {
        let nucleus = &self.vowels[self.nucleus_from..];
        let at = if let Some(i) = nucleus.iter().rposition(|(_, v)| v.mark.is_some()) {
            // ă â ê ô ơ ư carry the tone; in ươ it is the ơ.
            i
        } else {
            match nucleus.len() {
                1 => 0,
                2 => {
                    let key: String = nucleus.iter().map(|(_, v)| v.key()).collect();
                    if self.has_final || matches!(key.as_str(), "oa" | "oe" | "uy" | "oo") {
                        1
                    } else {
                        0
                    }
                }
                _ => 1,
            }
        };
        self.nucleus_from + at
    }
}

/// Parses one word (letters only) as a Vietnamese syllable.
fn parse(chars: &[char]) -> Option<Parsed> {
    let mut initial = String::new();
    let mut vowels = Vec::new();
    let mut fin = String::new();
    for (i, &c) in chars.iter().enumerate() {
        match letter(c)? {
            Letter::Consonant(k) if vowels.is_empty() => initial.push(k),
            Letter::Consonant(k) => fin.push(k),
            Letter::Vowel(v) if fin.is_empty() => vowels.push((i, v)),
            Letter::Vowel(_) => return None,
        }
    }
    if vowels.is_empty() || !INITIALS.contains(&initial.as_str()) || !FINALS.contains(&fin.as_str())
    {
        return None;
    }
    if vowels.iter().filter(|(_, v)| v.tone != Tone::Level).count() > 1 {
        return None;
    }
    let first = vowels[0].1;
    let glide = match initial.as_str() {
        // qu: the u belongs to the initial, so "qúy" is a misplaced "quý".
        "q" => {
            if !first.base.eq_ignore_ascii_case(&'u') || first.mark.is_some() || vowels.len() < 2 {
                return None;
            }
            1
        }
        // gi before another vowel: the i belongs to the initial (già, giữ,
        // giường); alone it is the nucleus (gì, gìn).
        "g" if first.base.eq_ignore_ascii_case(&'i') && vowels.len() >= 2 => 1,
        _ => 0,
    };
    let key: String = vowels[glide..].iter().map(|(_, v)| v.key()).collect();
    let has_final = !fin.is_empty();
    let known = NUCLEI.contains(&key.as_str()) || (!has_final && OPEN_NUCLEI.contains(&key.as_str()));
    known.then_some(Parsed { vowels, nucleus_from: glide, has_final })
}

/// True when `word` is spelled like one Vietnamese syllable: a known initial
/// consonant, vowel nucleus and final consonant, and at most one tone mark
/// (on any of its vowels, so old-style "hòa" and the misspelling "qúy" pass).
///
/// This is a spelling check, not a dictionary: "ban" and "bun" pass,
/// "bank", "café" and "Pleiku" do not. Case is ignored; `word` must be NFC
/// and contain letters only.
pub fn is_syllable(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    parse(&chars).is_some()
}

/// Moves the tone mark of a word to its canonical vowel, `None` when the
/// word is not a syllable or already canonical.
fn retone(word: &str) -> Option<String> {
    let chars: Vec<char> = word.chars().collect();
    let parsed = parse(&chars)?;
    let from = parsed.toned()?;
    let to = parsed.tone_slot();
    if from == to {
        return None;
    }
    let (from_at, from_v) = parsed.vowels[from];
    let (to_at, to_v) = parsed.vowels[to];
    let mut out = chars;
    out[from_at] = from_v.with_tone(Tone::Level).to_char();
    out[to_at] = to_v.with_tone(from_v.tone).to_char();
    Some(out.into_iter().collect())
}

/// Rewrites every Vietnamese syllable of `s` with its tone mark on the vowel
/// chosen by the "new style" rule, so that spelling variants compare equal:
/// "hòa"/"hoà" → "hoà", "thủy"/"thuỷ" → "thuỷ", "khỏe" → "khoẻ",
/// "Thúy" → "Thuý", and the misspelling "qúy" → "quý", "gìa" → "già".
///
/// **Rule** (Bộ Giáo dục và Đào tạo, Quyết định 1989/QĐ-BGDĐT of 25 May
/// 2018 on spelling in school textbooks, Art. 8): the tone mark goes on the
/// letter of the *main vowel* (âm chính) — its examples are "hoà nhạc, quý
/// hoá, thuỷ thủ, mạnh khoẻ, trí tuệ", "bìa, lụa, lửa" for ia/ua/ưa and
/// "biển, thuyền, nhuộm, được" for iê/yê/uô/ươ. Spelled out:
/// * `u` of `qu` and `i` of `gi` + vowel are part of the initial and never
///   carry the tone (quý, quả, già, giữ, giường);
/// * otherwise a vowel with a quality mark (ă â ê ô ơ ư) carries it, the
///   second one in ươ (được, người, tuệ, thuở, khuấy);
/// * otherwise, with a final consonant, the last vowel (toán, huỳnh, xoóng);
/// * otherwise, in `oa`, `oe`, `uy` the second vowel (hoà, khoẻ, thuỷ) and
///   in the other pairs the first (bìa, của, tài, hỏi, chịu);
/// * in unmarked triples the middle one (ngoài, khuỷu, ngoẹo).
///
/// A single fixed rule is what matters for matching; this one is the current
/// school standard. Words that are not Vietnamese syllables (see
/// [`is_syllable`]: "café", "Pokémon", two tone marks …) and words without a
/// tone are left as they are. Letters keep their case and nothing else
/// changes, so the output has the same chars as the input except that tone
/// marks move within a syllable. Input in any normalisation form is accepted;
/// the output is NFC.
///
/// This is for matching keys only; display keeps the author's spelling.
///
/// ```
/// use danvan_text::canonical_tones;
/// assert_eq!(canonical_tones("Hòa Bình, thủy lợi"), "Hoà Bình, thuỷ lợi");
/// assert_eq!(canonical_tones("Qúy"), canonical_tones("Quý"));
/// assert_eq!(canonical_tones("café"), "café");
/// ```
pub fn canonical_tones(s: &str) -> String {
    let s: Cow<'_, str> = if is_nfc(s) { Cow::Borrowed(s) } else { Cow::Owned(s.nfc().collect()) };
    let mut out = String::with_capacity(s.len());
    let mut copied = 0;
    for (start, end) in letter_runs(&s) {
        let word = &s[start..end];
        // A tone can only move in a word with a non-ASCII letter and at
        // least two vowel letters (most words have one).
        let maybe_vowels = word.chars().filter(|&c| !c.is_ascii() || is_ascii_vowel(c)).count();
        if word.is_ascii() || maybe_vowels < 2 {
            continue;
        }
        if let Some(new) = retone(word) {
            out.push_str(&s[copied..start]);
            out.push_str(&new);
            copied = end;
        }
    }
    out.push_str(&s[copied..]);
    out
}

/// Byte ranges of the maximal runs of alphabetic chars in `s`.
pub(crate) fn letter_runs(s: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut it = s.char_indices().peekable();
    std::iter::from_fn(move || {
        let start = loop {
            let (i, c) = it.next()?;
            if c.is_alphabetic() {
                break i;
            }
        };
        let mut end = s.len();
        while let Some(&(i, c)) = it.peek() {
            if !c.is_alphabetic() {
                end = i;
                break;
            }
            it.next();
        }
        Some((start, end))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn variants_meet() {
        for (a, b) in [
            ("hoà", "hòa"),
            ("thuỷ", "thủy"),
            ("quý", "qúy"),
            ("khoẻ", "khỏe"),
            ("Thuý", "Thúy"),
            ("HOÀ", "HÒA"),
            ("già", "gìa"),
            ("giữ", "gĩư"),
            ("giường", "gìương"),
            ("hoá", "hóa"),
            ("quả", "qủa"),
            ("ngoài", "ngòai"),
            ("khuỷu", "khủyu"),
            ("tuệ", "tụê"),
            ("Quyết", "Qúyêt"),
            ("được", "đựơc"),
            ("người", "ngừơi"),
        ] {
            assert_eq!(canonical_tones(a), canonical_tones(b), "{a} / {b}");
            assert_eq!(canonical_tones(b), a, "{b}");
        }
    }

    #[test]
    fn canonical_words_are_kept() {
        for w in [
            "của", "bìa", "lụa", "lửa", "tài", "hỏi", "chịu", "biển", "thuyền", "nhuộm", "toán",
            "huỳnh", "thuở", "khuấy", "Nguyễn", "Đắk", "Lắk", "Rẫy", "gì", "gìn", "quốc", "Quảng",
            "giếng", "mía", "xoóng", "yêu", "ở", "ý", "uống", "rượu",
        ] {
            assert_eq!(canonical_tones(w), w);
            assert!(is_syllable(w), "{w}");
        }
    }

    #[test]
    fn foreign_words_untouched() {
        for w in ["café", "Pokémon", "résumé", "où", "naïve", "Pleiku", "José", "hòà", "Zürich"] {
            assert_eq!(canonical_tones(w), w);
        }
        assert!(!is_syllable("bank"));
        assert!(!is_syllable("café"));
        assert!(!is_syllable("hòà"));
        assert!(!is_syllable("qa"));
    }

    #[test]
    fn sentence_keeps_everything_else() {
        let s = "Ông Nguyễn Văn Thủy (xã Hòa Bình) khỏe, “qúy” 2024 — OK!";
        assert_eq!(canonical_tones(s), "Ông Nguyễn Văn Thuỷ (xã Hoà Bình) khoẻ, “quý” 2024 — OK!");
    }

    #[test]
    fn nfd_input_gives_nfc_output() {
        let nfd: String = "Thủy hòa".nfd().collect();
        assert_eq!(canonical_tones(&nfd), "Thuỷ hoà");
    }

    fn syllable() -> impl Strategy<Value = String> {
        let initials = prop::sample::select(vec![
            "", "b", "ch", "đ", "gh", "h", "kh", "l", "ngh", "nh", "ph", "qu", "gi", "th", "tr", "x",
        ]);
        let nuclei = prop::sample::select(vec![
            "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "iê", "oa", "oă", "oe",
            "uâ", "uê", "uô", "uy", "ươ", "uyê", "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu",
            "ia", "iu", "oi", "ôi", "ơi", "ua", "ui", "ưa", "ưi", "ưu", "iêu", "oai", "oay", "uôi",
            "ươi", "ươu", "uya", "uyu",
        ]);
        let finals = prop::sample::select(vec!["", "c", "ch", "m", "n", "ng", "nh", "p", "t"]);
        (initials, nuclei, finals, 0usize..6, 0usize..3, any::<bool>()).prop_filter_map(
            "well-formed",
            |(i, n, f, tone, pos, upper)| {
                let n_chars: Vec<char> = n.chars().collect();
                if !f.is_empty() && OPEN_NUCLEI.contains(&n) {
                    return None;
                }
                let pos = pos % n_chars.len();
                let tone = [Tone::Level, Tone::Grave, Tone::Acute, Tone::Hook, Tone::Tilde, Tone::Dot][tone];
                let mut chars: Vec<char> = i.chars().chain(n_chars.iter().copied()).chain(f.chars()).collect();
                let at = i.chars().count() + pos;
                chars[at] = Vowel::from_char(chars[at])?.with_tone(tone).to_char();
                if upper {
                    chars[0] = chars[0].to_uppercase().next()?;
                }
                let w: String = chars.into_iter().collect();
                is_syllable(&w).then_some(w)
            },
        )
    }

    /// The same syllable with its tone moved to every vowel position.
    fn all_placements(word: &str) -> Vec<String> {
        let chars: Vec<char> = word.chars().collect();
        let parsed = parse(&chars).expect("syllable");
        let Some(t) = parsed.toned() else { return vec![word.to_string()] };
        let tone = parsed.vowels[t].1.tone;
        (0..parsed.vowels.len())
            .map(|k| {
                let mut c = chars.clone();
                for (j, (at, v)) in parsed.vowels.iter().enumerate() {
                    c[*at] = v.with_tone(if j == k { tone } else { Tone::Level }).to_char();
                }
                c.into_iter().collect()
            })
            .collect()
    }

    proptest! {
        #[test]
        fn every_placement_meets(w in syllable()) {
            let want = canonical_tones(&w);
            for v in all_placements(&w) {
                prop_assert_eq!(canonical_tones(&v), want.clone(), "{} from {}", v, w);
            }
        }

        #[test]
        fn idempotent_and_nfc(s in "[a-zA-Z0-9 ,.àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđĐÀÁẠẢÃÈÉÌÍÒÓÙÚÝỦỨ]{0,40}") {
            let once = canonical_tones(&s);
            prop_assert_eq!(canonical_tones(&once), once.clone());
            prop_assert!(is_nfc(&once));
            prop_assert_eq!(crate::fold(&once), crate::fold(&s));
            prop_assert_eq!(once.chars().count(), s.chars().count());
            let case = |t: &str| t.chars().map(char::is_uppercase).collect::<Vec<_>>();
            prop_assert_eq!(case(&once), case(&s));
        }

        #[test]
        fn any_text_survives(s in "\\PC{0,40}") {
            let once = canonical_tones(&s);
            prop_assert_eq!(canonical_tones(&once), once.clone());
            prop_assert!(is_nfc(&once));
        }
    }

    #[test]
    fn vowel_table_round_trips() {
        let all = "aàáạảãâầấậẩẫăằắặẳẵeèéẹẻẽêềếệểễiìíịỉĩoòóọỏõôồốộổỗơờớợởỡuùúụủũưừứựửữyỳýỵỷỹ";
        let upper: String = all.chars().flat_map(char::to_uppercase).collect();
        for c in all.chars().chain(upper.chars()) {
            let v = Vowel::from_char(c).unwrap_or_else(|| panic!("{c}"));
            assert_eq!(v.to_char(), c);
        }
        assert_eq!(all.chars().count(), 72);
        for c in ['ñ', 'ü', 'ç', 'b', 'ǎ', 'ȁ'] {
            assert!(Vowel::from_char(c).is_none(), "{c}");
        }
    }
}
