//! Vietnamese text handling shared by every danvan crate. Pure: no I/O.
//!
//! DESIGN.md §4: text is normalised to NFC at every boundary (forms, imports,
//! API); matching and addresses use a *folded* key in which every Vietnamese
//! letter is reduced to ASCII (`đ`/`Đ` and the look-alike `Ð` become `d`),
//! while the author's spelling is kept for display.
//!
//! * input and keys: [`normalize_input`], [`has_control_chars`],
//!   [`strip_control_chars`], [`collapse_spaces`], [`fold`],
//!   [`canonical_tones`], [`match_key`], [`is_syllable`];
//! * addresses: [`slugify`], [`is_slug`];
//! * words: [`tokens`] (with byte spans), [`is_stop_word`];
//! * old encodings: [`legacy`] ([`detect_legacy`], [`convert_legacy`] for
//!   TCVN3, VNI, VIQR);
//! * abbreviations: [`abbrev`] (default glossary, `<abbr>` spans, query
//!   expansion);
//! * typing with the input method off: [`typing`] ([`typed_syllables`]
//!   reads Telex "vaanj" and VNI "va6n5" as "vận").

use std::borrow::Cow;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{UnicodeNormalization, is_nfc};

pub mod abbrev;
pub mod legacy;
mod stopwords;
mod syllable;
mod tokens;
pub mod typing;

pub use abbrev::{AbbrUse, DEFAULT_GLOSSARY, Glossary, QueryTerm};
pub use legacy::{
    LegacyEncoding, UnencodableChar, convert_legacy, decode_windows_1252, detect_legacy, encode_legacy,
};
pub use stopwords::{STOP_WORDS, is_stop_word};
pub use syllable::{canonical_tones, is_syllable};
pub use tokens::{Token, Tokens, tokens};
pub use typing::{TYPED_WORD_MAX_LEN, TypingScheme, decode_typed, typed_syllables};

/// Normalises text coming from outside (forms, imports, API) for storage.
///
/// * converts to Unicode NFC, so "ệ" typed as `e + U+0323 + U+0302` is stored
///   as the single code point `U+1EC7`;
/// * turns every no-break or fixed-width space (U+00A0, U+2007, U+202F) into an
///   ordinary space and drops zero-width characters (U+200B, U+FEFF);
/// * drops the bidirectional embedding, override and isolate controls
///   (U+202A–U+202E, U+2066–U+2069): Vietnamese needs none, and an override
///   makes text read otherwise than it is stored ("Trojan Source",
///   CVE-2021-42574), e.g. a title that shows one phone number and holds
///   another;
/// * turns CR LF and lone CR line ends into LF;
/// * drops control characters ([`is_refused_control`]: C0 controls other
///   than tab, LF and CR, DEL, C1 controls such as U+0085), which have no
///   place in stored text and can break logs, terminals and exports.
///
/// Letters are never changed otherwise: "Qúy" stays "Qúy".
pub fn normalize_input(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.nfc().peekable();
    while let Some(c) = chars.next() {
        match c {
            c if is_refused_control(c) => {}
            '\u{00A0}' | '\u{2007}' | '\u{202F}' => out.push(' '),
            '\u{200B}' | '\u{FEFF}' => {}
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {}
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            _ => out.push(c),
        }
    }
    out
}

/// True for the control characters danvan refuses in input: U+0000–U+001F
/// except tab (U+0009), line feed (U+000A) and carriage return (U+000D);
/// U+007F (DEL); U+0080–U+009F (the C1 controls, NEL U+0085 included).
pub fn is_refused_control(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{7F}'..='\u{9F}')
}

/// True when `s` contains a control character [`is_refused_control`]
/// refuses (NUL, ESC, DEL, U+0085, …); tabs and line breaks are allowed.
/// The web layer answers such a path, query or form field with
/// `ErrorCode::InvalidInput` (`input.control_characters`).
pub fn has_control_chars(s: &str) -> bool {
    s.chars().any(is_refused_control)
}

/// `s` without the control characters [`is_refused_control`] refuses;
/// borrowed when there are none. Tabs, LF and CR are kept.
pub fn strip_control_chars(s: &str) -> Cow<'_, str> {
    if has_control_chars(s) { Cow::Owned(s.chars().filter(|c| !is_refused_control(*c)).collect()) } else { Cow::Borrowed(s) }
}

/// Collapses every run of whitespace (Unicode `White_Space`, so also tabs,
/// line breaks and no-break spaces) into one ASCII space and trims both ends.
pub fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Maps one character to its folded form, pushing the result to `out`.
///
/// Letters lose their diacritics, `đ`, `Đ` and the look-alike `Ð` (U+00D0,
/// often typed for `Đ`) become `d`, and everything is lower-cased.
fn fold_char_into(c: char, out: &mut String) {
    match c {
        'đ' | 'Đ' | 'Ð' | 'ð' => out.push('d'),
        _ => {
            for d in std::iter::once(c).nfd() {
                if !is_combining_mark(d) {
                    out.extend(d.to_lowercase());
                }
            }
        }
    }
}

/// The folded key of `s`: decomposed, combining marks dropped, `đ`/`Đ`/`Ð`
/// mapped to `d`, lower-cased. Non-letters are kept as they are.
///
/// `fold("Đinh Thị Qúy") == "dinh thi quy"`; NFC and NFD input fold alike,
/// and so do all tone placements ("hòa"/"hoà", "qúy"/"quý"), since tones
/// are dropped. This is the key of accent-insensitive search.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char_into(c, &mut out);
    }
    out
}

/// The accent-*sensitive* matching key of `s`: NFC, tone marks moved to
/// their canonical vowel ([`canonical_tones`]), lower-cased, and the
/// look-alike `Ð`/`ð` (U+00D0/U+00F0) turned into `đ`. Diacritics are kept,
/// so "văn" and "vân" stay apart while "Văn Hóa", "văn hoá" and
/// "VĂN HOÁ" (or any of them in NFD) share the key "văn hoá".
///
/// Use it to rank exact-diacritic matches above folded ([`fold`]) ones;
/// never show it. Output is NFC; whitespace is untouched (combine with
/// [`collapse_spaces`] if needed).
///
/// ```
/// use danvan_text::{fold, match_key};
/// assert_eq!(match_key("VĂN HÓA"), match_key("văn hoá"));
/// assert_ne!(match_key("văn"), match_key("vân"));
/// assert_eq!(fold("văn"), fold("vân"));
/// ```
pub fn match_key(s: &str) -> String {
    let canonical = canonical_tones(s);
    let mut out = String::with_capacity(canonical.len());
    for c in canonical.chars() {
        match c {
            'Ð' | 'ð' | 'Đ' => out.push('đ'),
            _ => out.extend(c.to_lowercase()),
        }
    }
    // Lower-casing can produce a sequence NFC composes (İ → i + U+0307).
    if is_nfc(&out) { out } else { out.nfc().collect() }
}

/// Longest slug [`slugify`] produces, in bytes (all ASCII).
pub const SLUG_MAX_LEN: usize = 96;

/// A readable web address segment made from a title: folded to ASCII
/// ([`fold`]), every run of other characters turned into one `-`, trimmed, and
/// cut at a word boundary to at most [`SLUG_MAX_LEN`] bytes.
///
/// Returns an empty string when the title has no letter or digit; callers
/// choose a fallback.
///
/// `slugify("Phát huy hiệu quả … Kon Rẫy")` gives
/// `"phat-huy-hieu-qua-…-kon-ray"`.
pub fn slugify(title: &str) -> String {
    let folded = fold(title);
    let mut slug = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    if slug.len() > SLUG_MAX_LEN {
        let cut = slug[..SLUG_MAX_LEN].rfind('-').unwrap_or(SLUG_MAX_LEN);
        slug.truncate(cut);
    }
    slug
}

/// True when `s` is a well-formed slug: non-empty, ASCII lower-case letters,
/// digits and single inner hyphens, at most [`SLUG_MAX_LEN`] + 8 bytes (room
/// for a `-2` style suffix).
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= SLUG_MAX_LEN + 8
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn folds_vietnamese_letters() {
        assert_eq!(fold("Đinh Thị Qúy"), "dinh thi quy");
        assert_eq!(fold("ĐĂK PNE"), "dak pne");
        assert_eq!(fold("Ðảng"), "dang"); // U+00D0 look-alike
        assert_eq!(fold("hoà hòa"), "hoa hoa");
        assert_eq!(fold("Nguyễn Ưng Ơn"), "nguyen ung on");
    }

    #[test]
    fn normalizes_input() {
        let nfd = "Vie\u{0323}\u{0302}t\u{00A0}Nam\r\nx\u{FEFF}";
        assert_eq!(normalize_input(nfd), "Việt Nam\nx");
        assert_eq!(normalize_input("Qúy"), "Qúy");
        // a right-to-left override would show "0912 345 678" for another number
        assert_eq!(normalize_input("Gọi \u{202E}876 543 2190\u{202C} ngay\u{2066}x\u{2069}"), "Gọi 876 543 2190 ngayx");
    }

    #[test]
    fn control_characters() {
        let vi = "Dân vận khéo\tở Kon Rẫy\r\nxã Đăk Pne";
        assert!(!has_control_chars(vi));
        assert!(matches!(strip_control_chars(vi), Cow::Borrowed(_)));
        for (bad, c) in [("a\u{0}b", '\u{0}'), ("a\u{1B}[31mb", '\u{1B}'), ("a\u{7F}b", '\u{7F}'), ("a\u{85}b", '\u{85}'), ("a\u{9F}b", '\u{9F}')] {
            assert!(has_control_chars(bad), "{c:?}");
            assert!(is_refused_control(c));
        }
        assert!(!is_refused_control('\u{A0}'), "no-break space is not a control");
        assert_eq!(strip_control_chars("Việt\u{0}\u{1B}[31m Nam\u{7F}\u{85}"), "Việt[31m Nam");
        assert_eq!(normalize_input("Vi\u{0}ệt\tNam\u{85}\r\nx\u{1B}\r"), "Việt\tNam\nx\n");
        assert_eq!(normalize_input(vi), "Dân vận khéo\tở Kon Rẫy\nxã Đăk Pne");
    }

    #[test]
    fn slug_of_seed_title() {
        assert_eq!(
            slugify("Phát huy hiệu quả từ phong trào thi đua Dân vận khéo trên địa bàn huyện Kon Rẫy"),
            "phat-huy-hieu-qua-tu-phong-trao-thi-dua-dan-van-kheo-tren-dia-ban-huyen-kon-ray"
        );
        assert_eq!(slugify("“Dân vận khéo” — 2023!"), "dan-van-kheo-2023");
        assert_eq!(slugify("?!…"), "");
    }

    #[test]
    fn long_slug_cut_at_word() {
        let t = "đường ".repeat(40);
        let s = slugify(&t);
        assert!(s.len() <= SLUG_MAX_LEN, "{}", s.len());
        assert!(s.ends_with("duong"));
    }

    #[test]
    fn match_keys_meet_across_spellings() {
        let want = match_key("văn hoá");
        assert_eq!(want, "văn hoá");
        for v in ["văn hóa", "Văn Hóa", "VĂN HOÁ", "VĂN HÓA", "văn hoá"] {
            assert_eq!(match_key(v), want, "{v}");
            let nfd: String = v.nfd().collect();
            assert_eq!(match_key(&nfd), want, "NFD {v}");
        }
        assert_eq!(match_key("Thúy"), match_key("thuý"));
        assert_eq!(match_key("Qúy"), "quý");
        assert_eq!(match_key("KHỎE"), "khoẻ");
        assert_eq!(match_key("Ðảng"), "đảng");
        assert_ne!(match_key("văn"), match_key("vân"));
    }

    #[test]
    fn fold_ignores_tone_placement() {
        for (a, b) in [("hoà", "hòa"), ("thuỷ", "thủy"), ("qúy", "quý"), ("khoẻ", "khỏe"), ("Thuý", "Thúy")] {
            assert_eq!(fold(a), fold(b));
            assert_eq!(fold(a), fold(&canonical_tones(b)));
        }
    }

    proptest! {
        #[test]
        fn match_key_is_idempotent_and_folds_alike(s in "[a-zA-Z0-9 ,.àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđĐÐÀÁẠẢÃÂẦẤĂÈÉÊỆÌÍÒÓÔỘƠỜÙÚỦƯỪỲÝ]{0,40}") {
            let key = match_key(&s);
            prop_assert_eq!(match_key(&key), key.clone());
            prop_assert_eq!(fold(&key), fold(&s));
            let nfd: String = s.nfd().collect();
            prop_assert_eq!(match_key(&nfd), key.clone());
            prop_assert_eq!(match_key(&s.to_uppercase()), key);
        }

        #[test]
        fn match_key_any_text(s in "\\PC{0,40}") {
            let key = match_key(&s);
            prop_assert!(is_nfc(&key));
            prop_assert_eq!(match_key(&key), key);
        }

        #[test]
        fn fold_is_idempotent(s in "\\PC{0,40}") {
            let once = fold(&s);
            prop_assert_eq!(fold(&once), once.clone());
        }

        #[test]
        fn nfc_and_nfd_fold_alike(s in "[a-zA-ZàáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđĐ ]{0,30}") {
            let nfd: String = s.nfd().collect();
            prop_assert_eq!(fold(&nfd), fold(&s));
        }

        #[test]
        fn slug_is_well_formed_or_empty(s in "\\PC{0,200}") {
            let slug = slugify(&s);
            prop_assert!(slug.is_empty() || is_slug(&slug), "{:?}", slug);
        }
    }
}
