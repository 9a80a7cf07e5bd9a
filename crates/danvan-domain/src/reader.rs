//! The reader's display preferences: text size (A- / A / A+) and contrast
//! (Tăng tương phản / Giảm tương phản), kept in cookies so that they work
//! without JavaScript and persist across pages (DESIGN.md §3.1).

/// Text size steps in percent of the browser's own base size. Sizes are
/// applied in `rem` on the root element, so the browser's zoom still works.
pub const TEXT_SIZE_STEPS: [u16; 5] = [100, 125, 150, 175, 200];

/// Index into [`TEXT_SIZE_STEPS`]; 0 is the default size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TextSize(u8);

impl TextSize {
    /// Reads a cookie value (`"0"`…`"4"`); anything else is the default.
    pub fn from_cookie(v: Option<&str>) -> TextSize {
        v.and_then(|v| v.parse::<u8>().ok())
            .filter(|&i| (i as usize) < TEXT_SIZE_STEPS.len())
            .map(TextSize)
            .unwrap_or_default()
    }
    pub fn step(self) -> u8 {
        self.0
    }
    pub fn percent(self) -> u16 {
        TEXT_SIZE_STEPS[self.0 as usize]
    }
    /// One step larger (A+), stopping at 200 %.
    pub fn larger(self) -> TextSize {
        TextSize((self.0 + 1).min(TEXT_SIZE_STEPS.len() as u8 - 1))
    }
    /// One step smaller (A-), stopping at 100 %.
    pub fn smaller(self) -> TextSize {
        TextSize(self.0.saturating_sub(1))
    }
    pub fn is_largest(self) -> bool {
        self.0 as usize == TEXT_SIZE_STEPS.len() - 1
    }
    pub fn is_default(self) -> bool {
        self.0 == 0
    }
}

/// A text-size change asked for by the A- / A / A+ controls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextSizeChange {
    Smaller,
    Reset,
    Larger,
}

impl TextSizeChange {
    /// `"smaller" | "reset" | "larger"`.
    pub fn parse(s: &str) -> Option<TextSizeChange> {
        match s {
            "smaller" => Some(TextSizeChange::Smaller),
            "reset" => Some(TextSizeChange::Reset),
            "larger" => Some(TextSizeChange::Larger),
            _ => None,
        }
    }
    pub fn apply(self, size: TextSize) -> TextSize {
        match self {
            TextSizeChange::Smaller => size.smaller(),
            TextSizeChange::Reset => TextSize::default(),
            TextSizeChange::Larger => size.larger(),
        }
    }
}

/// Only a same-site path may be the target of a "go back" redirect: it must
/// start with one `/`, and contain no backslash or control character
/// (prevents open redirects such as `//evil.example`).
pub fn safe_return_path(p: &str) -> Option<&str> {
    let ok = p.starts_with('/')
        && !p.starts_with("//")
        && !p.contains('\\')
        && !p.chars().any(|c| c.is_control())
        && p.len() <= 2048;
    ok.then_some(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps() {
        let s = TextSize::from_cookie(None);
        assert_eq!(s.percent(), 100);
        assert_eq!(s.smaller().percent(), 100);
        let big = s.larger().larger().larger().larger().larger();
        assert_eq!(big.percent(), 200);
        assert!(big.is_largest());
        assert_eq!(TextSize::from_cookie(Some("3")).percent(), 175);
        assert_eq!(TextSize::from_cookie(Some("9")).percent(), 100);
        assert_eq!(TextSize::from_cookie(Some("x")).percent(), 100);
        assert_eq!(TextSizeChange::parse("larger").unwrap().apply(big), big);
        assert_eq!(TextSizeChange::Reset.apply(big), TextSize::default());
    }

    #[test]
    fn return_paths() {
        assert_eq!(safe_return_path("/bai-viet/x?a=1"), Some("/bai-viet/x?a=1"));
        for bad in ["//evil.example", "https://evil.example", "/\\evil", "", "x", "/a\nb"] {
            assert_eq!(safe_return_path(bad), None, "{bad:?}");
        }
    }
}
