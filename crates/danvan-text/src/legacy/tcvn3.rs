//! TCVN3, also called ABC: the VN3 single-byte code of the Vietnamese
//! standard TCVN 5712:1993, used by the `.VnTime`/`.VnArial` fonts (and
//! their capitals-only twins `.VnTimeH`, `.VnArialH`).
//!
//! VN3 keeps ASCII and places the 67 lower-case Vietnamese letters that are
//! not ASCII plus the seven capitals `Ă Â Ê Ô Ơ Ư Đ` in 0xA1–0xFE. It has no
//! capital *toned* letters: documents set capitals by switching to an "H"
//! font, so the bytes are those of the lower-case letters and conversion
//! yields lower case there (a capitals-only heading "®¹i héi" comes out as
//! "đại hội"). The table below agrees with the high half of glibc's
//! `TCVN5712-1` converter for these 74 positions.
//!
//! When TCVN3 text reaches us as a string, each byte has been read as the
//! Windows-1252 (= Latin-1 from 0xA0 up) character of the same value, so the
//! table maps those characters.

use crate::legacy::{LegacyEncoding, UnencodableChar};

/// (byte, Unicode letter) for every letter of VN3.
pub(super) const TABLE: [(u8, char); 74] = [
    (0xA1, 'Ă'), (0xA2, 'Â'), (0xA3, 'Ê'), (0xA4, 'Ô'), (0xA5, 'Ơ'), (0xA6, 'Ư'), (0xA7, 'Đ'),
    (0xA8, 'ă'), (0xA9, 'â'), (0xAA, 'ê'), (0xAB, 'ô'), (0xAC, 'ơ'), (0xAD, 'ư'), (0xAE, 'đ'),
    // a: grave, hook, tilde, acute, dot
    (0xB5, 'à'), (0xB6, 'ả'), (0xB7, 'ã'), (0xB8, 'á'), (0xB9, 'ạ'),
    // ă
    (0xBB, 'ằ'), (0xBC, 'ẳ'), (0xBD, 'ẵ'), (0xBE, 'ắ'), (0xC6, 'ặ'),
    // â
    (0xC7, 'ầ'), (0xC8, 'ẩ'), (0xC9, 'ẫ'), (0xCA, 'ấ'), (0xCB, 'ậ'),
    // e
    (0xCC, 'è'), (0xCE, 'ẻ'), (0xCF, 'ẽ'), (0xD0, 'é'), (0xD1, 'ẹ'),
    // ê
    (0xD2, 'ề'), (0xD3, 'ể'), (0xD4, 'ễ'), (0xD5, 'ế'), (0xD6, 'ệ'),
    // i
    (0xD7, 'ì'), (0xD8, 'ỉ'), (0xDC, 'ĩ'), (0xDD, 'í'), (0xDE, 'ị'),
    // o
    (0xDF, 'ò'), (0xE1, 'ỏ'), (0xE2, 'õ'), (0xE3, 'ó'), (0xE4, 'ọ'),
    // ô
    (0xE5, 'ồ'), (0xE6, 'ổ'), (0xE7, 'ỗ'), (0xE8, 'ố'), (0xE9, 'ộ'),
    // ơ
    (0xEA, 'ờ'), (0xEB, 'ở'), (0xEC, 'ỡ'), (0xED, 'ớ'), (0xEE, 'ợ'),
    // u
    (0xEF, 'ù'), (0xF1, 'ủ'), (0xF2, 'ũ'), (0xF3, 'ú'), (0xF4, 'ụ'),
    // ư
    (0xF5, 'ừ'), (0xF6, 'ử'), (0xF7, 'ữ'), (0xF8, 'ứ'), (0xF9, 'ự'),
    // y
    (0xFA, 'ỳ'), (0xFB, 'ỷ'), (0xFC, 'ỹ'), (0xFD, 'ý'), (0xFE, 'ỵ'),
];

/// Index `byte - 0xA0`; `'\0'` where VN3 has no letter.
const DECODE: [char; 96] = {
    let mut t = ['\0'; 96];
    let mut i = 0;
    while i < TABLE.len() {
        t[(TABLE[i].0 - 0xA0) as usize] = TABLE[i].1;
        i += 1;
    }
    t
};

/// The Vietnamese letter that the Latin-1 char `c` stands for in TCVN3.
pub(super) fn decode_char(c: char) -> Option<char> {
    let i = (c as u32).checked_sub(0xA0)? as usize;
    DECODE.get(i).copied().filter(|&d| d != '\0')
}

pub(super) fn decode(s: &str) -> String {
    s.chars().map(|c| decode_char(c).unwrap_or(c)).collect()
}

pub(super) fn encode(s: &str) -> Result<String, UnencodableChar> {
    let mut out = String::with_capacity(s.len());
    for (offset, c) in s.char_indices() {
        if let Some(&(b, _)) = TABLE.iter().find(|&&(_, u)| u == c) {
            out.push(char::from(b));
        } else if decode_char(c).is_some() || crate::legacy::is_vietnamese_specific(c) {
            // Either the char would read back as another letter, or it is a
            // Vietnamese letter VN3 lacks (capital toned letters).
            return Err(UnencodableChar { ch: c, offset, encoding: LegacyEncoding::Tcvn3 });
        } else {
            out.push(c);
        }
    }
    Ok(out)
}

/// Evidence that `word` is TCVN3 rather than Latin-1 text: a VN3 code that
/// is a symbol in Latin-1 (`¸ µ ¶ © ® ¬ × ÷`, the soft hyphen …) inside a word with ASCII
/// letters ("Ph¸t", "®i"), or a Latin-1 capital right after an ASCII
/// lower-case letter ("hiÖu", "NghÞ"): VN3 puts lower-case letters there.
pub(super) fn strong(word: &str) -> bool {
    let has_ascii_letter = word.chars().any(|c| c.is_ascii_alphabetic());
    let mut prev = ' ';
    for c in word.chars() {
        let is_code = decode_char(c).is_some();
        let symbol = is_code && (('\u{A1}'..='\u{BF}').contains(&c) || c == '×' || c == '÷');
        if symbol && has_ascii_letter {
            return true;
        }
        if is_code && ('\u{C0}'..='\u{DE}').contains(&c) && prev.is_ascii_lowercase() {
            return true;
        }
        prev = c;
    }
    false
}
