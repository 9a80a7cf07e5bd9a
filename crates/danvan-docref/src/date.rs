//! Calendar dates of issue, without a date-time dependency.

use std::fmt;

/// A date of issue (ngày ban hành) in the proleptic Gregorian calendar.
///
/// Always valid: `month` in 1..=12, `day` within the month (leap years
/// counted), `year` in 1900..=2200. Orders chronologically. `Display` writes
/// ISO 8601 (`2023-07-25`); [`DocDate::to_vietnamese`] writes `25/7/2023`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocDate {
    year: u16,
    month: u8,
    day: u8,
}

/// Earliest and latest year accepted in dates and in State numbers.
pub(crate) const YEARS: std::ops::RangeInclusive<u16> = 1900..=2200;

impl DocDate {
    /// The date `year-month-day`, or `None` when it does not exist or the year
    /// is outside 1900..=2200.
    pub fn new(year: u16, month: u8, day: u8) -> Option<DocDate> {
        if !YEARS.contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        if day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(DocDate { year, month, day })
    }

    /// Year, e.g. 2023.
    pub fn year(self) -> u16 {
        self.year
    }

    /// Month, 1..=12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// Day of the month, 1..=31.
    pub fn day(self) -> u8 {
        self.day
    }

    /// The Vietnamese short form `d/m/yyyy`, e.g. `25/7/2023`.
    pub fn to_vietnamese(self) -> String {
        format!("{}/{}/{}", self.day, self.month, self.year)
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for DocDate {
    /// ISO 8601, `yyyy-mm-dd`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validates() {
        assert!(DocDate::new(2023, 7, 25).is_some());
        assert!(DocDate::new(2024, 2, 29).is_some());
        assert!(DocDate::new(2000, 2, 29).is_some());
        assert!(DocDate::new(1900, 2, 29).is_none());
        assert!(DocDate::new(2023, 2, 29).is_none());
        assert!(DocDate::new(2023, 4, 31).is_none());
        assert!(DocDate::new(2023, 13, 1).is_none());
        assert!(DocDate::new(2023, 0, 1).is_none());
        assert!(DocDate::new(2023, 1, 0).is_none());
        assert!(DocDate::new(1899, 1, 1).is_none());
    }

    #[test]
    fn formats() {
        let d = DocDate::new(2013, 10, 8).unwrap();
        assert_eq!(d.to_string(), "2013-10-08");
        assert_eq!(d.to_vietnamese(), "8/10/2013");
        assert!(DocDate::new(2013, 6, 3).unwrap() < d);
    }
}
