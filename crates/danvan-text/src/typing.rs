//! Vietnamese typed with the input method switched off: a query word such as
//! "daan", "vaanj" or "d9uo7ng2" is the key sequence of a Vietnamese syllable
//! ("dân", "vận", "đường") in one of the two common typing conventions (kiểu
//! gõ), Telex and VNI. [`typed_syllables`] reads such a word back, so that a
//! search can match the syllable as well as the word as typed.
//!
//! Keys, as the Unikey input method (unikey.org) reads them; upper and lower
//! case alike:
//!
//! | gives | Telex | VNI |
//! |---|---|---|
//! | â ê ô | `aa` `ee` `oo` | `a6` `e6` `o6` |
//! | ă | `aw` | `a8` |
//! | ơ ư | `ow` `uw`, or `w` alone for ư | `o7` `u7` |
//! | ươ | `uow` `uwow` `uwo` + `w` | `uo7` `u7o7` |
//! | đ | `dd` | `d9` |
//! | sắc huyền hỏi ngã nặng | `s` `f` `r` `x` `j` | `1` `2` `3` `4` `5` |
//! | no tone (removes one) | `z` | — |
//!
//! Where a key may stand (the common Unikey habits; others read nothing):
//! * a tone key anywhere after the first vowel: among the vowels ("hofa"),
//!   after them ("nasm") or at the very end ("vieetj", "namf");
//! * a mark key acts on an earlier vowel of the word, the one that gives a
//!   syllable: `w` on the `uo` pair ("duowngf", "duongwf" → dường), else on
//!   one u, o or a ("thuowr" → thuở, "muaw" → mưa, "xoawn" → xoăn); the
//!   Telex doubled vowel on that same vowel ("tooi" → tôi, "tieesng" →
//!   tiếng);
//! * the Telex doubled vowel (`aa` `ee` `oo`) only among the vowels, before
//!   any final consonant: Unikey with free marking (bỏ dấu tự do) also reads
//!   "vietej", but then English words would turn Vietnamese ("data" → dât,
//!   "mama" → mâm); `w` and the VNI digits may also come after the final
//!   consonant ("duongwf", "vie6t5");
//! * once a key has come after the final consonant, only keys follow;
//! * `dd` is the initial d doubled and always đ; VNI `9` may stand anywhere
//!   after that d;
//! * `ưo` is completed to `ươ` ("truwongf" → trường), as Unikey's engine
//!   does before a final consonant.
//!
//! Out of scope: a doubled key does not undo ("ass" is not "as"; "ss" is never
//! a literal s), a second tone key does not replace the first (the word reads
//! nothing), Telex `d` after the vowels ("dongd"), `w` turning â into ă, VNI
//! `0`. Words longer than [`TYPED_WORD_MAX_LEN`] bytes read nothing.
//!
//! A reading counts only if it is a syllable ([`is_syllable`]) whose rime
//! (vần) exists in standard Vietnamese, which `is_syllable` does not check
//! (it accepts "tàt", "thă", "quoóc"). The rules, from the rime inventory of
//! standard Vietnamese (Đoàn Thiện Thuật, *Ngữ âm tiếng Việt*) and its
//! spelling (ia/ua/ưa for the open iê/uô/ươ):
//! * after a final p, t, c or ch only sắc or nặng ("tát", "việt"; not
//!   "tàt", "viêt"); the final k of highland names takes any tone ("Đăk");
//! * ă, â, oă, uâ, iê, yê, uô, uyê and ươ need a final consonant ("tân",
//!   "tiên"; not "tâ", "tiê", "thươ");
//! * uơ takes none ("thuở", "huơ"), and oo, never after the glide of qu or
//!   gi, only ng or c ("xoong", "moóc").

use crate::syllable::{Mark, Tone, Vowel, canonical_tones, is_syllable};

/// A convention for typing Vietnamese marks with ASCII keys (see the
/// [module](self) for the keys).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TypingScheme {
    /// Telex: letters as keys (`aa` â, `w` ư, `s` sắc, …).
    Telex,
    /// VNI: digits as keys (`6` circumflex, `7` horn, `1` sắc, …).
    Vni,
}

impl TypingScheme {
    /// Every scheme, in the order [`typed_syllables`] reads them.
    pub const ALL: [TypingScheme; 2] = [TypingScheme::Telex, TypingScheme::Vni];
}

/// Longest word, in bytes, that [`decode_typed`] reads; the longest
/// syllables ("nghiêng", "khuyến") take ten keys.
pub const TYPED_WORD_MAX_LEN: usize = 16;

/// The distinct Vietnamese syllables the ASCII word `word` is the key
/// sequence of, under Telex and then VNI ([`decode_typed`]); empty for a word
/// that has none.
///
/// Each result is lower case, NFC, with the tone on its canonical vowel
/// ([`canonical_tones`]: "hoaf" gives "hoà") and passes [`is_syllable`].
/// The word itself is never among them, so a caller keeps it as a search
/// term of its own: "cos" gives "có" and still means "cos"; "nong" and
/// "nam", already syllables with no key in them, give nothing. Case is
/// ignored ("VIEETJ" gives "việt"). A word that is not ASCII letters and
/// digits ("việt", "dân-vận") gives nothing.
///
/// ```
/// use danvan_text::typed_syllables;
/// assert_eq!(typed_syllables("vaanj"), ["vận"]);
/// assert_eq!(typed_syllables("d9uo7ng2"), ["đường"]);
/// assert_eq!(typed_syllables("Hoaf"), ["hoà"]);
/// assert_eq!(typed_syllables("cos"), ["có"]);
/// assert!(typed_syllables("nam").is_empty());
/// assert!(typed_syllables("hello").is_empty());
/// ```
pub fn typed_syllables(word: &str) -> Vec<String> {
    let mut out = Vec::new();
    for scheme in TypingScheme::ALL {
        for s in decode_typed(word, scheme) {
            if !out.contains(&s) {
                out.push(s);
            }
        }
    }
    out
}

/// The distinct syllables `word` is the key sequence of under `scheme`, in
/// the order found (readings that take a letter as a key come first), with
/// the guarantees of [`typed_syllables`]. Under Telex a digit, under VNI one
/// of the Telex-only keys (`w`, `f`, `j`, `z`) makes a word read nothing.
pub fn decode_typed(word: &str, scheme: TypingScheme) -> Vec<String> {
    let mut out = Vec::new();
    if word.is_empty() || word.len() > TYPED_WORD_MAX_LEN || !word.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return out;
    }
    let lower = word.to_ascii_lowercase();
    read(lower.as_bytes(), scheme, Reading::default(), &lower, &mut out);
    out
}

/// At most this many vowel letters in a syllable (glide included: "quyên").
const MAX_VOWELS: usize = 4;

/// ASCII letters that may stand in a final consonant.
const FINAL_LETTERS: &str = "cghkmnpt";

/// One letter of a reading: a lower-case consonant (ASCII or `đ`) or a
/// vowel, toneless (the tone belongs to the whole [`Reading`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Cons(char),
    Vow(Vowel),
}

/// A word read so far under one choice of which letters are keys.
#[derive(Debug, Clone, Default)]
struct Reading {
    units: Vec<Unit>,
    /// `None` until a tone key; `Some(Tone::Level)` once `z` removed it.
    tone: Option<Tone>,
    /// A key came after the final consonant: only keys may follow.
    tail: bool,
}

impl Reading {
    fn vowels(&self) -> usize {
        self.units.iter().filter(|u| matches!(u, Unit::Vow(_))).count()
    }

    /// True once a consonant follows the vowels.
    fn in_final(&self) -> bool {
        self.vowels() > 0 && matches!(self.units.last(), Some(Unit::Cons(_)))
    }

    /// A copy for a key read here: after the final consonant it starts the tail.
    fn keyed(&self) -> Reading {
        Reading { tail: self.tail || self.in_final(), ..self.clone() }
    }

    fn push(&self, u: Unit) -> Reading {
        let mut r = self.clone();
        r.units.push(u);
        r
    }
}

/// Follows every reading of `keys` from `r`, adding finished syllables
/// to `out`.
fn read(keys: &[u8], scheme: TypingScheme, r: Reading, word: &str, out: &mut Vec<String>) {
    let Some((&k, rest)) = keys.split_first() else {
        if let Some(s) = finish(&r).filter(|s| s != word)
            && !out.contains(&s)
        {
            out.push(s);
        }
        return;
    };
    let mut next = Vec::new();
    as_key(&r, k, scheme, &mut next);
    next.extend(as_letter(&r, k));
    for n in next {
        read(rest, scheme, n, word, out);
    }
}

/// The readings with `k` taken as a key, pushed to `next`.
fn as_key(r: &Reading, k: u8, scheme: TypingScheme, next: &mut Vec<Reading>) {
    use TypingScheme::{Telex, Vni};
    match (scheme, k) {
        (Telex, b'd') if r.units == [Unit::Cons('d')] => next.push(Reading { units: vec![Unit::Cons('đ')], ..r.keyed() }),
        (Vni, b'9') if r.units.first() == Some(&Unit::Cons('d')) => {
            let mut n = r.keyed();
            n.units[0] = Unit::Cons('đ');
            next.push(n);
        }
        (Telex, b's') | (Vni, b'1') => next.extend(toned(r, Tone::Acute)),
        (Telex, b'f') | (Vni, b'2') => next.extend(toned(r, Tone::Grave)),
        (Telex, b'r') | (Vni, b'3') => next.extend(toned(r, Tone::Hook)),
        (Telex, b'x') | (Vni, b'4') => next.extend(toned(r, Tone::Tilde)),
        (Telex, b'j') | (Vni, b'5') => next.extend(toned(r, Tone::Dot)),
        (Telex, b'z') if r.tone.is_some_and(|t| t != Tone::Level) => {
            next.push(Reading { tone: Some(Tone::Level), ..r.keyed() });
        }
        (Telex, b'a' | b'e' | b'o') if !r.in_final() && !r.tail => marked(r, Mark::Circumflex, Some(char::from(k)), next),
        (Vni, b'6') => marked(r, Mark::Circumflex, None, next),
        (Vni, b'8') => marked(r, Mark::Breve, None, next),
        (Telex, b'w') | (Vni, b'7') => {
            marked(r, Mark::Horn, None, next);
            if k == b'w' {
                // Telex w is also the breve (aw) and, alone, the letter ư.
                marked(r, Mark::Breve, None, next);
                if !r.in_final() && !r.tail && r.vowels() < MAX_VOWELS {
                    next.push(r.push(Unit::Vow(Vowel { base: 'u', mark: Some(Mark::Horn), tone: Tone::Level })));
                }
            }
        }
        _ => {}
    }
}

/// `r` with its tone key read, if it has a vowel and no tone key yet (a
/// second one is not read: see the module, "out of scope").
fn toned(r: &Reading, tone: Tone) -> Option<Reading> {
    (r.vowels() > 0 && r.tone.is_none()).then(|| Reading { tone: Some(tone), ..r.keyed() })
}

/// Pushes to `next` each reading of `r` with `mark` put on one unmarked
/// vowel it fits (on the vowel `only`, when given), and for the horn also
/// on an unmarked `uo` pair (ươ).
fn marked(r: &Reading, mark: Mark, only: Option<char>, next: &mut Vec<Reading>) {
    let plain = |u: &Unit| match *u {
        Unit::Vow(v) if v.mark.is_none() => Some(v),
        _ => None,
    };
    for (i, u) in r.units.iter().enumerate() {
        let Some(v) = plain(u) else { continue };
        let with = Vowel { mark: Some(mark), ..v };
        if with.mark_fits() && only.is_none_or(|b| b == v.base) {
            let mut n = r.keyed();
            n.units[i] = Unit::Vow(with);
            next.push(n);
        }
    }
    if mark == Mark::Horn {
        for i in 1..r.units.len() {
            if let (Some(u), Some(o)) = (plain(&r.units[i - 1]), plain(&r.units[i]))
                && u.base == 'u'
                && o.base == 'o'
            {
                let mut n = r.keyed();
                n.units[i - 1] = Unit::Vow(Vowel { mark: Some(mark), ..u });
                n.units[i] = Unit::Vow(Vowel { mark: Some(mark), ..o });
                next.push(n);
            }
        }
    }
}

/// `r` with `k` taken as the letter it is, if the letter can stand there.
fn as_letter(r: &Reading, k: u8) -> Option<Reading> {
    // w f j z are no Vietnamese letters; digits are always keys.
    if r.tail || !k.is_ascii_lowercase() || matches!(k, b'w' | b'f' | b'j' | b'z') {
        return None;
    }
    let c = char::from(k);
    if let Some(v) = Vowel::from_char(c) {
        return (!r.in_final() && r.vowels() < MAX_VOWELS).then(|| r.push(Unit::Vow(v)));
    }
    let consonants = r.units.iter().rev().take_while(|u| matches!(u, Unit::Cons(_))).count();
    let fits = if r.vowels() == 0 {
        // "ngh" is the longest initial; "dd" is always đ.
        consonants < 3 && !(c == 'd' && r.units == [Unit::Cons('d')])
    } else {
        consonants < 2 && FINAL_LETTERS.contains(c)
    };
    fits.then(|| r.push(Unit::Cons(c)))
}

/// The syllable a complete reading spells, if it is one whose rime exists.
fn finish(r: &Reading) -> Option<String> {
    let mut units = r.units.clone();
    // ưo is never a rime: it is ươ with the second horn left out.
    for i in 1..units.len() {
        if let (Unit::Vow(u), Unit::Vow(o)) = (units[i - 1], units[i])
            && u.base == 'u'
            && u.mark == Some(Mark::Horn)
            && o.base == 'o'
            && o.mark.is_none()
        {
            units[i] = Unit::Vow(Vowel { mark: Some(Mark::Horn), ..o });
        }
    }
    spell(&units, r.tone.unwrap_or(Tone::Level))
}

/// `units` (toneless) with `tone`, as a canonical NFC syllable, if it is a
/// syllable ([`is_syllable`]) and its rime fits ([`rime_fits`]).
fn spell(units: &[Unit], tone: Tone) -> Option<String> {
    let first = units.iter().position(|u| matches!(u, Unit::Vow(_)))?;
    let last = units.iter().rposition(|u| matches!(u, Unit::Vow(_)))?;
    let cons = |us: &[Unit]| -> Option<String> {
        us.iter().map(|u| if let Unit::Cons(c) = u { Some(*c) } else { None }).collect()
    };
    let initial = cons(&units[..first])?;
    let fin = cons(&units[last + 1..])?;
    let vowels: Vec<Vowel> =
        units[first..=last].iter().map(|u| if let Unit::Vow(v) = u { Some(*v) } else { None }).collect::<Option<_>>()?;
    // The u of qu and the i of gi before another vowel belong to the
    // initial, as in syllable.rs.
    let glided = vowels.len() >= 2
        && matches!((initial.as_str(), vowels[0].base, vowels[0].mark), ("q", 'u', None) | ("g", 'i', None));
    let nucleus: String = vowels[usize::from(glided)..].iter().map(|v| v.key()).collect();
    if !rime_fits(glided, &nucleus, &fin, tone) {
        return None;
    }
    let mut s = initial;
    for (i, v) in vowels.iter().enumerate() {
        s.push(if i == 0 { v.with_tone(tone) } else { *v }.to_char());
    }
    s.push_str(&fin);
    let s = canonical_tones(&s);
    is_syllable(&s).then_some(s)
}

/// The rime rules of the module doc that [`is_syllable`] leaves out:
/// `nucleus` is the toneless vowel group after any glide (`glided`), `fin`
/// the final consonant ("" for none).
fn rime_fits(glided: bool, nucleus: &str, fin: &str, tone: Tone) -> bool {
    const CLOSED_ONLY: &[&str] = &["ă", "â", "oă", "uâ", "iê", "yê", "uô", "uyê", "ươ"];
    let stop_tone = !matches!(fin, "p" | "t" | "c" | "ch") || matches!(tone, Tone::Acute | Tone::Dot);
    let closed = !fin.is_empty() || !CLOSED_ONLY.contains(&nucleus);
    let open = nucleus != "uơ" || fin.is_empty();
    let oo = nucleus != "oo" || (!glided && matches!(fin, "ng" | "c"));
    stop_tone && closed && open && oo
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn telex(w: &str) -> Vec<String> {
        decode_typed(w, TypingScheme::Telex)
    }

    fn vni(w: &str) -> Vec<String> {
        decode_typed(w, TypingScheme::Vni)
    }

    #[test]
    fn examples_of_the_issue() {
        for (typed, want) in [
            ("daan", "dân"),
            ("vaanj", "vận"),
            ("kheos", "khéo"),
            ("d9uo7ng2", "đường"),
            ("dduowngf", "đường"),
            ("nongs", "nóng"),
            ("tooi", "tôi"),
            ("vieetj", "việt"),
            ("vie65t", "việt"),
            ("quoocs", "quốc"),
            ("gias", "giá"),
            ("thuwowngf", "thường"),
            ("uwf", "ừ"),
        ] {
            assert_eq!(typed_syllables(typed), [want], "{typed}");
        }
        for plain in ["nong", "nam", "hello", "an"] {
            assert_eq!(typed_syllables(plain), Vec::<String>::new(), "{plain}");
        }
    }

    #[test]
    fn tone_goes_where_the_crate_puts_it() {
        assert_eq!(typed_syllables("hoaf"), [canonical_tones("hòa")]);
        assert_eq!(typed_syllables("hoaf"), ["hoà"]);
        assert_eq!(typed_syllables("hofa"), ["hoà"]);
        assert_eq!(typed_syllables("nasm"), ["nám"]);
        assert_eq!(typed_syllables("khoer"), ["khoẻ"]);
        assert_eq!(typed_syllables("thuyr"), ["thuỷ"]);
        assert_eq!(typed_syllables("quys"), ["quý"]);
        assert_eq!(typed_syllables("nguwowif"), ["người"]);
        assert_eq!(typed_syllables("ho2a"), ["hoà"]);
    }

    #[test]
    fn keys_in_a_plain_word_still_read() {
        assert_eq!(typed_syllables("cos"), ["có"]);
        assert_eq!(typed_syllables("ans"), ["án"]);
        assert_eq!(typed_syllables("cats"), ["cát"]);
        assert_eq!(typed_syllables("now"), ["nơ"]);
        // xoong is a word of its own; typed, it is also xông.
        assert_eq!(typed_syllables("xoong"), ["xông"]);
        assert_eq!(typed_syllables("xoongs"), ["xống", "xoóng"]);
    }

    #[test]
    fn horn_variants_that_unikey_accepts() {
        for typed in ["dduowngf", "ddwowngf", "dduongwf", "dduwowngf", "dduwongf", "dduowfng", "d9u7o7ng2", "d9uong72", "du7o7ng29"] {
            assert_eq!(typed_syllables(typed), ["đường"], "{typed}");
        }
        assert_eq!(typed_syllables("duongwf"), ["dường"]);
        assert_eq!(typed_syllables("truongwf"), ["trường"]);
        assert_eq!(typed_syllables("thuowr"), ["thuở"]);
        assert_eq!(typed_syllables("huow"), ["huơ"]);
        assert_eq!(typed_syllables("quow"), ["quơ"]);
        assert_eq!(typed_syllables("muaw"), ["mưa"]);
        assert_eq!(typed_syllables("mwa"), ["mưa"]);
        assert_eq!(typed_syllables("xoawn"), ["xoăn"]);
        assert_eq!(typed_syllables("huuw"), ["hưu"]);
    }

    #[test]
    fn vni_digits() {
        assert_eq!(vni("vie6t5"), ["việt"]);
        assert_eq!(vni("tie61ng"), ["tiếng"]);
        assert_eq!(vni("ta8n"), ["tăn"]);
        assert_eq!(vni("qua6n"), ["quân"]);
        assert_eq!(vni("ca1c"), ["các"]);
        assert_eq!(vni("khuye6n1"), ["khuyến"]);
        assert!(vni("vi6et5").is_empty(), "6 before its vowel");
        assert!(vni("n5am").is_empty(), "tone before any vowel");
        assert!(vni("ba0").is_empty(), "0 is not read");
        assert!(vni("d9").is_empty());
    }

    #[test]
    fn schemes_do_not_mix() {
        assert!(vni("vieetj").is_empty());
        assert!(telex("vie65t").is_empty());
        assert!(typed_syllables("d9uowngf").is_empty());
        assert_eq!(telex("vieetj"), ["việt"]);
    }

    #[test]
    fn stop_finals_take_only_sac_or_nang() {
        // is_syllable spells only: it lets these through, so the module checks.
        assert!(is_syllable("tàt") && is_syllable("viêt"));
        assert_eq!(typed_syllables("tats"), ["tát"]);
        assert_eq!(typed_syllables("tatj"), ["tạt"]);
        for typed in ["tatf", "tatr", "tatx", "vieet", "vieetf", "sachx", "hocf", "ca2c"] {
            assert!(typed_syllables(typed).is_empty(), "{typed}");
        }
        // The k of highland names takes any tone: Đăk, Đắk.
        assert_eq!(typed_syllables("ddawk"), ["đăk"]);
        assert_eq!(typed_syllables("ddawks"), ["đắk"]);
    }

    #[test]
    fn rimes_that_do_not_exist_are_left_out() {
        assert!(is_syllable("thă") && is_syllable("tâ") && is_syllable("thươ") && is_syllable("quoóc"));
        for typed in ["thaw", "saw", "taa", "tiee", "two", "thuwow"] {
            assert!(typed_syllables(typed).is_empty(), "{typed}: {:?}", typed_syllables(typed));
        }
        assert_eq!(typed_syllables("quoocs"), ["quốc"], "not also quoóc");
        assert_eq!(typed_syllables("thuowr"), ["thuở"], "not thưở");
        assert_eq!(typed_syllables("duowngf"), ["dường"], "not duờng");
    }

    #[test]
    fn doubled_vowel_only_among_the_vowels() {
        assert!(typed_syllables("vietej").is_empty());
        assert!(typed_syllables("data").is_empty());
        assert!(typed_syllables("mama").is_empty());
        assert_eq!(typed_syllables("tieengs"), ["tiếng"]);
        assert_eq!(typed_syllables("tieesng"), ["tiếng"]);
    }

    #[test]
    fn out_of_scope_keys_read_nothing() {
        assert!(typed_syllables("ass").is_empty(), "no undo");
        assert!(typed_syllables("asf").is_empty(), "no second tone");
        assert!(typed_syllables("dongd").is_empty());
        assert!(typed_syllables("ddd").is_empty());
        assert!(typed_syllables("namsg").is_empty(), "a letter after a key after the final");
    }

    #[test]
    fn z_removes_the_tone() {
        assert_eq!(typed_syllables("toosz"), ["tô"]);
        assert_eq!(typed_syllables("tooiz"), Vec::<String>::new(), "z with no tone");
        assert!(typed_syllables("naz").is_empty());
    }

    #[test]
    fn case_is_ignored() {
        assert_eq!(typed_syllables("DAAN"), ["dân"]);
        assert_eq!(typed_syllables("Vieetj"), ["việt"]);
        assert_eq!(typed_syllables("DDuowngf"), ["đường"]);
        assert_eq!(typed_syllables("D9UO7NG2"), ["đường"]);
        assert!(typed_syllables("NAM").is_empty());
    }

    #[test]
    fn only_ascii_words_are_read() {
        for w in ["dân", "việt", "đường", "dâan", "vaanj!", "dân-vận", "daan vaan", "", "ñam"] {
            assert!(typed_syllables(w).is_empty(), "{w}");
        }
        assert!(typed_syllables(&"a".repeat(TYPED_WORD_MAX_LEN + 1)).is_empty());
        assert_eq!(typed_syllables("nghieengx"), ["nghiễng"]);
    }

    /// The keys of `word` (a canonical syllable) under `scheme`: marks after
    /// their vowel, the tone at the end.
    fn encode(word: &str, scheme: TypingScheme) -> String {
        let telex = scheme == TypingScheme::Telex;
        let mut out = String::new();
        let mut tone = Tone::Level;
        for c in word.chars() {
            let Some(v) = Vowel::from_char(c) else {
                out.push_str(match c {
                    'đ' if telex => "dd",
                    'đ' => "d9",
                    _ => {
                        out.push(c);
                        continue;
                    }
                });
                continue;
            };
            out.push(v.base);
            if v.tone != Tone::Level {
                tone = v.tone;
            }
            match (v.mark, telex) {
                (Some(Mark::Circumflex), true) => out.push(v.base),
                (Some(_), true) => out.push('w'),
                (Some(Mark::Circumflex), false) => out.push('6'),
                (Some(Mark::Horn), false) => out.push('7'),
                (Some(Mark::Breve), false) => out.push('8'),
                (None, _) => {}
            }
        }
        let keys = if telex { ['s', 'f', 'r', 'x', 'j'] } else { ['1', '2', '3', '4', '5'] };
        let at = [Tone::Acute, Tone::Grave, Tone::Hook, Tone::Tilde, Tone::Dot].iter().position(|&t| t == tone);
        out.extend(at.map(|i| keys[i]));
        out
    }

    /// Syllables the rules accept, marked or toned (so their keys are not
    /// the word itself).
    fn typed_syllable() -> impl Strategy<Value = String> {
        let initials = prop::sample::select(vec![
            "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "kh", "l", "m", "n", "ng", "ngh", "nh", "ph", "qu",
            "r", "s", "t", "th", "tr", "v", "x",
        ]);
        let nuclei = prop::sample::select(vec![
            "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "iê", "yê", "oa", "oă", "oe", "oo", "uâ",
            "uê", "uô", "uơ", "uy", "ươ", "uyê", "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iu", "oi",
            "ôi", "ơi", "ua", "ui", "ưa", "ưi", "ưu", "iêu", "yêu", "oai", "oay", "oeo", "uôi", "ươi", "ươu",
            "uây", "uya", "uyu",
        ]);
        let finals = prop::sample::select(vec!["", "c", "ch", "k", "m", "n", "ng", "nh", "p", "t"]);
        let tones = prop::sample::select(vec![Tone::Level, Tone::Acute, Tone::Grave, Tone::Hook, Tone::Tilde, Tone::Dot]);
        (initials, nuclei, finals, tones).prop_filter_map("a syllable the rules accept", |(i, n, f, tone)| {
            let units: Vec<Unit> = i
                .chars()
                .map(Unit::Cons)
                .chain(n.chars().map(|c| Vowel::from_char(c).map_or(Unit::Cons(c), Unit::Vow)))
                .chain(f.chars().map(Unit::Cons))
                .collect();
            // gi and qu: the vowel letter of the initial is a vowel unit.
            let units: Vec<Unit> = units
                .into_iter()
                .map(|u| match u {
                    Unit::Cons(c @ ('i' | 'u')) => Unit::Vow(Vowel { base: c, mark: None, tone: Tone::Level }),
                    u => u,
                })
                .collect();
            let s = spell(&units, tone)?;
            (!s.is_ascii()).then_some(s)
        })
    }

    proptest! {
        #[test]
        fn no_input_panics_and_every_result_is_a_syllable(s in "\\PC{0,20}") {
            check_results(&s)?;
        }

        #[test]
        fn ascii_words_read_only_syllables(s in "[a-zA-Z0-9]{0,20}") {
            check_results(&s)?;
        }

        #[test]
        fn key_like_words_read_only_syllables(s in "[dtnghqukaeoiywsfrxjz1-9]{1,12}") {
            check_results(&s)?;
        }

        #[test]
        fn every_accepted_syllable_is_read_back(w in typed_syllable()) {
            for scheme in TypingScheme::ALL {
                let keys = encode(&w, scheme);
                let got = decode_typed(&keys, scheme);
                prop_assert!(got.contains(&w), "{} typed {:?} {} read {:?}", w, scheme, keys, got);
                let upper = decode_typed(&keys.to_ascii_uppercase(), scheme);
                prop_assert_eq!(upper, got);
            }
        }
    }

    fn check_results(s: &str) -> Result<(), TestCaseError> {
        let got = typed_syllables(s);
        let lower = s.to_ascii_lowercase();
        for (i, t) in got.iter().enumerate() {
            prop_assert!(is_syllable(t), "{:?} gave {:?}", s, t);
            prop_assert_eq!(&canonical_tones(t), t);
            prop_assert!(unicode_normalization::is_nfc(t));
            prop_assert!(!t.chars().any(char::is_uppercase), "{:?}", t);
            prop_assert!(t != &lower, "{:?} gave itself", s);
            prop_assert!(!got[..i].contains(t), "{:?} twice in {:?}", t, got);
        }
        if !s.is_ascii() {
            prop_assert!(got.is_empty());
        }
        Ok(())
    }
}
