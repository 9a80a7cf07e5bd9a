//! Page numbers of listings (`?trang=N`): parsed one way everywhere, bounded,
//! only the canonical spelling (`?trang=2`, not `+2`, `02` or ` 2`), 404 for anything else (the store multiplies with saturating arithmetic).

use crate::{AppError, AppResult};

/// Highest page number accepted (offsets stay far from overflow).
pub const MAX_PAGE: u64 = 100_000;

/// A page number from 1 to [`MAX_PAGE`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageNo(u64);

impl PageNo {
    /// Page 1.
    pub const FIRST: PageNo = PageNo(1);

    /// `None` (no `trang`) is page 1; anything but a whole number from 1 to
    /// [`MAX_PAGE`] is a 404 (no such page), never a silent page 1.
    pub fn parse(raw: Option<&str>) -> AppResult<PageNo> {
        match raw {
            None => Ok(PageNo::FIRST),
            // only the canonical spelling: digits, no sign, space or leading zero
            Some(s) if !s.is_empty() && s.len() <= 6 && s.bytes().all(|b| b.is_ascii_digit()) && !s.starts_with('0') => {
                s.parse::<u64>().ok().filter(|p| (1..=MAX_PAGE).contains(p)).map(PageNo).ok_or_else(AppError::not_found)
            }
            Some(_) => Err(AppError::not_found()),
        }
    }

    /// The number.
    pub fn get(self) -> u64 {
        self.0
    }

    /// Refuses (404) a page past the last one of `total` items; page 1 of
    /// an empty list exists. Returns the number of pages.
    pub fn check_within(self, total: u64, per_page: u64) -> AppResult<u64> {
        let pages = total.div_ceil(per_page.max(1)).max(1);
        if self.0 > pages { Err(AppError::not_found()) } else { Ok(pages) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_bounded_and_offsets_checked() {
        assert_eq!(PageNo::parse(None).unwrap().get(), 1);
        assert_eq!(PageNo::parse(Some("3")).unwrap().get(), 3);
        assert_eq!(PageNo::parse(Some("100000")).unwrap().get(), MAX_PAGE);
        for bad in ["0", "-1", "x", "", "100001", "99999999999999999999999", "1.5", "+1", "01", " 1", "1 ", "1e3"] {
            assert_eq!(PageNo::parse(Some(bad)).unwrap_err().code, danvan_domain::ErrorCode::PageNotFound, "{bad}");
        }
        assert_eq!(PageNo::FIRST.check_within(0, 10).unwrap(), 1);
        assert_eq!(PageNo::parse(Some("3")).unwrap().check_within(21, 10).unwrap(), 3);
        assert!(PageNo::parse(Some("4")).unwrap().check_within(21, 10).is_err());
    }
}
