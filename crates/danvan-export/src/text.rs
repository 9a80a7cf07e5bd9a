//! Small shared helpers: units and text that XML can carry.

/// Millimetres → twips (1/20 pt; 1 inch = 25.4 mm = 1440 twips), rounded.
/// 25 mm → 1417, 35 mm → 1984, 15 mm → 850, 210 mm → 11906, 297 mm → 16838.
pub(crate) fn mm_to_twips(mm: f32) -> u32 {
    let t = (f64::from(mm) * 1440.0 / 25.4).round();
    if t.is_finite() && t > 0.0 {
        // A width past u32 is nonsense; clamp rather than wrap.
        t.min(f64::from(u32::MAX)) as u32
    } else {
        0
    }
}

/// Drops the characters XML 1.0 cannot carry (C0 controls other than tab,
/// line feed and carriage return; U+FFFE, U+FFFF); Word refuses a document
/// that has one. Carriage returns are dropped too: a line break is `\n`.
pub(crate) fn xml_safe(s: &str) -> String {
    s.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n')
                || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}' && c != '\u{7F}')
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twips_of_the_party_margins() {
        assert_eq!(mm_to_twips(25.0), 1417);
        assert_eq!(mm_to_twips(35.0), 1984);
        assert_eq!(mm_to_twips(15.0), 850);
        assert_eq!(mm_to_twips(210.0), 11906);
        assert_eq!(mm_to_twips(297.0), 16838);
        assert_eq!(mm_to_twips(-3.0), 0);
        assert_eq!(mm_to_twips(f32::NAN), 0);
        assert_eq!(mm_to_twips(f32::INFINITY), 0);
    }

    #[test]
    fn control_characters_dropped() {
        assert_eq!(xml_safe("a\u{0}b\u{1B}c\r\nd\te"), "abc\nd\te");
        assert_eq!(xml_safe("Đảng"), "Đảng");
    }
}
