//! Pre-Unicode Vietnamese encodings found in old documents: detection and
//! conversion to Unicode NFC, for imports (DESIGN.md §4).
//!
//! * [`LegacyEncoding::Tcvn3`]: TCVN3/ABC, TCVN 5712:1993 VN3, the
//!   `.VnTime` fonts (module `tcvn3`);
//! * [`LegacyEncoding::Vni`]: VNI Windows, the `VNI-Times` fonts (`vni`);
//! * [`LegacyEncoding::Viqr`]: VIQR, RFC 1456 (`viqr`).
//!
//! TCVN3 and VNI are font encodings: the text is stored as single bytes and
//! only the font made it look Vietnamese. Importers see it either as a
//! string whose characters are the Windows-1252 characters of those bytes
//! ("Ph¸t huy", "Phaùt huy": what a .doc/.rtf/.html keeps once the font is
//! gone), or as bytes that are not UTF-8, which [`decode_windows_1252`]
//! turns into such a string. All functions here work on strings.

mod tcvn3;
mod viqr;
mod vni;

use std::fmt;

use unicode_normalization::{UnicodeNormalization, is_nfc};

use crate::syllable::{is_syllable, letter_runs};

/// A legacy Vietnamese encoding that [`detect_legacy`] recognises and
/// [`convert_legacy`] converts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LegacyEncoding {
    /// TCVN3 (ABC): TCVN 5712:1993 VN3, `.VnTime` fonts.
    Tcvn3,
    /// VNI Windows: `VNI-Times` fonts, vowel + mark character.
    Vni,
    /// VIQR: RFC 1456, ASCII with marks ("Vie^.t Nam").
    Viqr,
}

impl LegacyEncoding {
    /// Every encoding, in the order detection prefers them on a tie.
    pub const ALL: [LegacyEncoding; 3] = [LegacyEncoding::Tcvn3, LegacyEncoding::Vni, LegacyEncoding::Viqr];

    /// Stable lower-case identifier for logs and import reports: `tcvn3`,
    /// `vni`, `viqr`.
    pub fn as_str(self) -> &'static str {
        match self {
            LegacyEncoding::Tcvn3 => "tcvn3",
            LegacyEncoding::Vni => "vni",
            LegacyEncoding::Viqr => "viqr",
        }
    }
}

impl fmt::Display for LegacyEncoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            LegacyEncoding::Tcvn3 => "TCVN3 (ABC)",
            LegacyEncoding::Vni => "VNI",
            LegacyEncoding::Viqr => "VIQR",
        })
    }
}

/// [`encode_legacy`] met a character the encoding cannot represent
/// unambiguously (TCVN3 has no capital toned letters; in TCVN3 and VNI a
/// Latin-1 character such as `¸` or `ø` would read back as a Vietnamese
/// letter or mark; VIQR reads one tone per word).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnencodableChar {
    /// The character.
    pub ch: char,
    /// Its byte offset in the (NFC) input.
    pub offset: usize,
    /// The target encoding.
    pub encoding: LegacyEncoding,
}

impl UnencodableChar {
    /// Stable error code: `text.unencodable_char`.
    pub fn code(&self) -> &'static str {
        "text.unencodable_char"
    }
}

impl fmt::Display for UnencodableChar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} at byte {} has no {} form", self.ch, self.offset, self.encoding)
    }
}

impl std::error::Error for UnencodableChar {}

/// Converts legacy-encoded `text` to Unicode NFC.
///
/// Characters that mean nothing special in `enc` are kept, so ASCII,
/// digits, punctuation and line breaks pass through. The conversion does
/// not check that the text really is in `enc`: use [`detect_legacy`] first,
/// or the user's choice. TCVN3 capitals set with an "H" font come out lower
/// case (see the `tcvn3` module); VIQR's ambiguous full stops are read as in
/// the `viqr` module.
pub fn convert_legacy(text: &str, enc: LegacyEncoding) -> String {
    let out = match enc {
        LegacyEncoding::Tcvn3 => tcvn3::decode(text),
        LegacyEncoding::Vni => vni::decode(text),
        LegacyEncoding::Viqr => viqr::decode(text),
    };
    if is_nfc(&out) { out } else { out.nfc().collect() }
}

/// Encodes Unicode `text` (any normalisation form) in `enc`, the exact
/// reverse of [`convert_legacy`]: `convert_legacy(&encode_legacy(t, e)?, e)`
/// is the NFC form of `t`. For test fixtures and round trips; danvan never
/// stores legacy text.
///
/// # Errors
/// [`UnencodableChar`] for the first character `enc` cannot represent:
/// in TCVN3 a capital toned letter or a Latin-1 character that VN3 uses for
/// a letter; in VNI a Latin-1 character that VNI uses as a mark or letter
/// (`ø`, `ñ` …); in VIQR the second toned vowel of a word, which no
/// Vietnamese syllable has (VIQR escapes its mark characters with `\`).
pub fn encode_legacy(text: &str, enc: LegacyEncoding) -> Result<String, UnencodableChar> {
    let text: String = text.nfc().collect();
    match enc {
        LegacyEncoding::Tcvn3 => tcvn3::encode(&text),
        LegacyEncoding::Vni => vni::encode(&text),
        LegacyEncoding::Viqr => viqr::encode(&text),
    }
}

/// Decodes bytes as Windows-1252 (the WHATWG mapping: the five unassigned
/// bytes 0x81, 0x8D, 0x8F, 0x90, 0x9D become the C1 controls of the same
/// value). Never fails: every byte is a character.
///
/// This is how a TCVN3 or VNI file that is not UTF-8 becomes the string
/// that [`detect_legacy`] and [`convert_legacy`] expect.
pub fn decode_windows_1252(bytes: &[u8]) -> String {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}',
        '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
    ];
    bytes
        .iter()
        .map(|&b| if (0x80..0xA0).contains(&b) { HIGH[usize::from(b - 0x80)] } else { char::from(b) })
        .collect()
}

/// Letters that exist only in Unicode Vietnamese, never in the Latin-1 view
/// of a legacy file: ă đ ĩ ũ ơ ư (both cases), U+1EA0–U+1EF9, and combining
/// marks (decomposed Unicode).
pub(crate) fn is_vietnamese_specific(c: char) -> bool {
    matches!(c, 'ă' | 'Ă' | 'đ' | 'Đ' | 'ĩ' | 'Ĩ' | 'ũ' | 'Ũ' | 'ơ' | 'Ơ' | 'ư' | 'Ư')
        || ('\u{1EA0}'..='\u{1EF9}').contains(&c)
        || ('\u{0300}'..='\u{036F}').contains(&c)
}

#[derive(Debug, Default, Clone, Copy)]
struct Evidence {
    /// Words that conversion changes.
    changed: usize,
    /// Changed words whose every non-ASCII letter run is a Vietnamese
    /// syllable after conversion.
    plausible: usize,
    /// Plausible words that also show a pattern typical of the encoding.
    strong: usize,
}

fn strong(word: &str, enc: LegacyEncoding) -> bool {
    match enc {
        LegacyEncoding::Tcvn3 => tcvn3::strong(word),
        LegacyEncoding::Vni => vni::strong(word),
        LegacyEncoding::Viqr => viqr::strong(word),
    }
}

fn plausible(converted: &str) -> bool {
    let mut any = false;
    for (start, end) in letter_runs(converted) {
        let run = &converted[start..end];
        if !run.is_ascii() {
            if !is_syllable(run) {
                return false;
            }
            any = true;
        }
    }
    any
}

/// Guesses whether `text` is Vietnamese in a legacy encoding; `None` for
/// Unicode (NFC or NFD), plain ASCII or English, and other languages.
///
/// Each whitespace-separated word is converted with each encoding. An
/// encoding is chosen when, among the words with letters,
/// * at least 30% become well-formed Vietnamese syllables
///   ([`crate::is_syllable`]) that they were not before,
/// * at least two thirds of the words it changes do,
/// * at least one of those shows a pattern typical of the encoding and rare
///   elsewhere (TCVN3: "Ph¸t", "hiÖu"; VNI: "Phaùt"; VIQR: "Vie^.t",
///   "cu?a", "dda^n"), and
/// * words containing Unicode-only Vietnamese letters (ă ơ ư đ ạ … or
///   combining marks) are fewer than a quarter of those.
///
/// If several qualify, the one with most such words wins. Reliable on
/// sentences; on one or two words it can err (the French "Où" alone reads as
/// VNI "Ó"), so importers should detect on a whole document.
///
/// ```
/// use danvan_text::{LegacyEncoding, convert_legacy, detect_legacy};
/// let old = "§ång bµo d©n téc thiÓu sè";
/// assert_eq!(detect_legacy(old), Some(LegacyEncoding::Tcvn3));
/// assert_eq!(convert_legacy(old, LegacyEncoding::Tcvn3), "Đồng bào dân tộc thiểu số");
/// assert_eq!(detect_legacy("Đồng bào dân tộc thiểu số"), None);
/// assert_eq!(detect_legacy("Ñoàng baøo daân toäc thieåu soá"), Some(LegacyEncoding::Vni));
/// assert_eq!(detect_legacy("DDo^`ng ba`o da^n to^.c thie^?u so^'"), Some(LegacyEncoding::Viqr));
/// ```
pub fn detect_legacy(text: &str) -> Option<LegacyEncoding> {
    let mut letter_words = 0usize;
    let mut unicode_words = 0usize;
    let mut evidence = [Evidence::default(); 3];
    for word in text.split_whitespace() {
        if !word.chars().any(char::is_alphabetic) {
            continue;
        }
        letter_words += 1;
        if word.chars().any(is_vietnamese_specific) {
            unicode_words += 1;
            continue;
        }
        for (ev, enc) in evidence.iter_mut().zip(LegacyEncoding::ALL) {
            let converted = convert_legacy(word, enc);
            if converted == word {
                continue;
            }
            ev.changed += 1;
            if plausible(&converted) {
                ev.plausible += 1;
                if strong(word, enc) {
                    ev.strong += 1;
                }
            }
        }
    }
    let mut best: Option<(LegacyEncoding, Evidence)> = None;
    for (ev, enc) in evidence.into_iter().zip(LegacyEncoding::ALL) {
        let accepted = ev.strong >= 1
            && ev.plausible * 3 >= ev.changed * 2
            && ev.plausible * 10 >= letter_words * 3
            && ev.plausible > unicode_words * 4;
        let better = best.is_none_or(|(_, b)| (ev.plausible, ev.strong) > (b.plausible, b.strong));
        if accepted && better {
            best = Some((enc, ev));
        }
    }
    best.map(|(enc, _)| enc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use LegacyEncoding::{Tcvn3, Viqr, Vni};
    use proptest::prelude::*;

    const SENTENCES: &[&str] = &[
        "Phát huy hiệu quả từ phong trào thi đua Dân vận khéo trên địa bàn huyện Kon Rẫy",
        "Đồng bào dân tộc thiểu số",
        "Nghị quyết số 25-NQ/TW",
        "Ông Nguyễn Văn Tư, Phó Bí thư Thường trực Huyện ủy, phát biểu tại hội nghị.",
        "Người dân xã Đắk Ruồng đồng thuận hiến đất làm đường giao thông nông thôn mới?",
        "Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Kon Tum thăm hỏi, tặng quà các gia đình chính sách dịp Tết Nguyên đán 2024",
    ];

    #[test]
    fn known_forms() {
        assert_eq!(encode_legacy("Phát huy hiệu quả", Tcvn3).unwrap(), "Ph¸t huy hiÖu qu¶");
        assert_eq!(encode_legacy("Đồng bào", Tcvn3).unwrap(), "§ång bµo");
        assert_eq!(encode_legacy("Phát huy hiệu quả", Vni).unwrap(), "Phaùt huy hieäu quaû");
        assert_eq!(encode_legacy("Đồng người", Vni).unwrap(), "Ñoàng ngöôøi");
        assert_eq!(encode_legacy("Việt Nam đất nước", Viqr).unwrap(), "Vie^.t Nam dda^'t nu+o+'c");
        assert_eq!(convert_legacy("Ha` No^.i la` thu? ddo^ cu?a Vie^.t Nam.", Viqr), "Hà Nội là thủ đô của Việt Nam.");
        assert_eq!(convert_legacy("B¶o Th¾ng, M\u{AD}êng Kh\u{AD}¬ng", Tcvn3), "Bảo Thắng, Mường Khương");
        assert_eq!(convert_legacy("Xin chaøo caùc baïn", Vni), "Xin chào các bạn");
    }

    #[test]
    fn round_trips_detect_and_convert() {
        for s in SENTENCES {
            for enc in LegacyEncoding::ALL {
                let legacy = match encode_legacy(s, enc) {
                    Ok(l) => l,
                    // TCVN3 cannot write the capital Ủ of the last sentence.
                    Err(e) if enc == Tcvn3 && e.ch == 'Ủ' => continue,
                    Err(e) => panic!("{enc}: {e}"),
                };
                assert_ne!(&legacy, s);
                assert_eq!(detect_legacy(&legacy), Some(enc), "{enc}: {legacy}");
                assert_eq!(convert_legacy(&legacy, enc), *s, "{enc}: {legacy}");
            }
        }
    }

    #[test]
    fn tcvn3_lacks_toned_capitals() {
        let e = encode_legacy("Ủy ban", Tcvn3).unwrap_err();
        assert_eq!((e.ch, e.offset, e.code()), ('Ủ', 0, "text.unencodable_char"));
        assert!(encode_legacy("café ¸", Tcvn3).is_err());
        assert!(encode_legacy("smørrebrød", Vni).is_err());
    }

    #[test]
    fn no_detection_on_unicode_or_other_languages() {
        let texts = [
            "Phát huy hiệu quả từ phong trào thi đua Dân vận khéo trên địa bàn huyện Kon Rẫy",
            "Đồng bào dân tộc thiểu số",
            "Nghị quyết số 25-NQ/TW",
            "Tôi là sinh viên. Hoà bình, ông bà, cái áo",
            "Thủy lợi và văn hóa",
            "The quick brown fox jumps over the lazy dog. I'm sure it's fine, isn't it? Go to.",
            "See e.g. https://www.example.com/a.b?c=d and C++ or a^2 + b^2 = c^2.",
            "Use `cargo test` then ~~strike~~ this; don't add 'quotes'. Ready? Yes.",
            "Noël à Paris: où est la gare? L'été est très chaud, naïve Zoë.",
            "Größe, Übung und Ärger in Zürich; España y niño; smørrebrød.",
            "Chapter 1.2 — 25-NQ/TW, 136-KH/HU, 2024-05-01.",
            "",
        ];
        for t in texts {
            assert_eq!(detect_legacy(t), None, "{t}");
            let nfd: String = t.nfd().collect();
            assert_eq!(detect_legacy(&nfd), None, "NFD {t}");
        }
    }

    #[test]
    fn windows_1252_bytes() {
        let bytes = [b'P', b'h', 0xB8, b't', b' ', 0x93, b'x', 0x94, 0x81];
        let s = decode_windows_1252(&bytes);
        assert_eq!(s, "Ph¸t “x”\u{81}");
        assert_eq!(detect_legacy("Ph¸t huy hiÖu qu¶"), Some(Tcvn3));
        assert_eq!(convert_legacy(&s, Tcvn3), "Phát “x”\u{81}");
    }

    /// Common words of the field, lower case or with an ASCII capital (so
    /// TCVN3 can write them).
    const VOCAB: &[&str] = &[
        "và", "của", "các", "những", "được", "trong", "với", "cho", "là", "có", "một", "này",
        "đó", "để", "tại", "theo", "từ", "về", "đã", "sẽ", "công", "tác", "dân", "vận", "khéo",
        "Đảng", "ủy", "ban", "mặt", "trận", "tổ", "quốc", "đồng", "bào", "tộc", "thiểu", "số",
        "huyện", "tỉnh", "xã", "thôn", "làng", "người", "đoàn", "thể", "hội", "nông", "phụ", "nữ",
        "thanh", "niên", "cựu", "chiến", "binh", "phát", "huy", "hiệu", "quả", "phong", "trào",
        "thi", "đua", "kinh", "tế", "văn", "hoá", "giáo", "dục", "quyết", "nghị", "Kon", "Rẫy",
        "Tum", "Đắk", "Lắk", "giữ", "gìn", "an", "ninh", "trật", "tự", "hướng", "dẫn", "kế",
        "hoạch", "xây", "dựng", "đường", "giao", "thông", "mới", "nhân", "chính", "quyền",
        "tuyên", "truyền", "vận", "động", "ở", "năm", "2024", "thuỷ", "lợi", "khoẻ", "quý",
    ];

    fn vietnamese_text() -> impl Strategy<Value = String> {
        "[a-zA-Z0-9 ,.?'()+^`~\\\\\\-àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđĐÀÁẠẢÃÂẦẤĂÈÉÊỆÌÍÒÓÔỘƠỜÙÚỦƯỪỲÝ]{0,60}"
    }

    proptest! {
        #[test]
        fn encode_then_convert_is_identity(s in vietnamese_text()) {
            for enc in LegacyEncoding::ALL {
                match encode_legacy(&s, enc) {
                    Ok(legacy) => prop_assert_eq!(convert_legacy(&legacy, enc), s.clone(), "{} {:?}", enc, legacy),
                    Err(e) => prop_assert!(enc != Vni, "{}", e),
                }
            }
        }

        #[test]
        fn conversion_output_is_nfc(s in "\\PC{0,60}") {
            for enc in LegacyEncoding::ALL {
                prop_assert!(is_nfc(&convert_legacy(&s, enc)));
            }
        }

        #[test]
        fn sentences_detect_in_every_encoding(words in prop::collection::vec(prop::sample::select(VOCAB), 12..30)) {
            let s = words.join(" ");
            prop_assert_eq!(detect_legacy(&s), None);
            for enc in LegacyEncoding::ALL {
                let legacy = encode_legacy(&s, enc).expect("vocabulary is encodable");
                prop_assert_eq!(detect_legacy(&legacy), Some(enc), "{} {}", enc, legacy);
                prop_assert_eq!(convert_legacy(&legacy, enc), s.clone());
            }
        }
    }
}
