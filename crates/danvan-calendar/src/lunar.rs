//! Solar (Gregorian) ↔ Vietnamese lunar (âm lịch) dates.
//!
//! Source: Hồ Ngọc Đức, "Thuật toán tính âm lịch" (the algorithm published
//! with his `amlich` programs, 2004–2012), the method of the Vietnamese
//! calendar as computed by the Institute of Physics / Hanoi (Viện Vật lý):
//!
//! * a month begins on the local day of a new moon (see [`crate::astro`]);
//! * the month containing the winter solstice (the Sun at 270°, the start of
//!   major solar term sector 9) is month 11;
//! * a lunar year with 13 months from month 11 to the next month 11 has a
//!   leap month: the first month after month 11 that contains no major
//!   solar term (trung khí) takes the number of the month before it;
//! * days are local days on the meridian in force: 105° E (UTC+7) for new
//!   moons from 1968-01-01 on, as Vietnam's calendar has been computed since
//!   the decision of 8 August 1967; 120° E (UTC+8) before, like the Chinese
//!   calendar. This is why Vietnam's Tết differs from China's in some years
//!   (1985, 2007, 2030, …) and why the North's Tết Mậu Thân was 29 January
//!   1968 while the South kept 30 January.
//!
//! The supported range is 1900-01-01 to 2199-12-31 ([`FIRST_DAY`],
//! [`LAST_DAY`]); outside it every function returns
//! [`CalendarError::OutOfRange`].

use crate::CalendarError;
use crate::astro::{JD_EPOCH_1900, SYNODIC_MONTH, date_of_julian_day, julian_day, new_moon_day, solar_term_sector};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// The first solar day the calendar converts: 1900-01-01.
pub const FIRST_DAY: NaiveDate = NaiveDate::from_ymd_opt(1900, 1, 1).expect("a valid date");
/// The last solar day the calendar converts: 2199-12-31.
pub const LAST_DAY: NaiveDate = NaiveDate::from_ymd_opt(2199, 12, 31).expect("a valid date");
/// The first day whose new moons are reckoned on 105° E (UTC+7): 1968-01-01.
pub const UTC7_FROM: NaiveDate = NaiveDate::from_ymd_opt(1968, 1, 1).expect("a valid date");

/// A date of the Vietnamese lunar calendar.
///
/// `day` is 1–30, `month` 1–12, `year` the solar year in which the lunar
/// year begins (Tết of `year`), `leap` marks the leap month (tháng nhuận)
/// that repeats `month`'s number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct LunarDate {
    /// The lunar year, counted as the solar year of its Tết.
    pub year: i32,
    /// The month number, 1–12 (a leap month repeats the number before it).
    pub month: u8,
    /// Whether this is the leap month (tháng nhuận) `month`.
    pub leap: bool,
    /// The day of the month, 1–29 or 1–30.
    pub day: u8,
}

impl LunarDate {
    /// A lunar date from its parts, unchecked (see [`to_solar`] to check).
    pub const fn new(year: i32, month: u8, day: u8, leap: bool) -> Self {
        Self { year, month, leap, day }
    }

    /// The year's name in the sexagenary cycle (can chi), e.g. `Bính Ngọ`
    /// for 2026: heaven stem `(year + 6) mod 10`, earthly branch
    /// `(year + 8) mod 12`.
    pub fn year_name(&self) -> String {
        year_name(self.year)
    }
}

/// The ten heaven stems (thiên can), from Giáp.
pub const STEMS: [&str; 10] = ["Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý"];
/// The twelve earthly branches (địa chi), from Tý.
pub const BRANCHES: [&str; 12] = ["Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi"];

/// The name of lunar year `year` in the sexagenary cycle, e.g.
/// `year_name(1984) == "Giáp Tý"` (the cycle's first year).
pub fn year_name(year: i32) -> String {
    let stem = STEMS[(year + 6).rem_euclid(10) as usize];
    let branch = BRANCHES[(year + 8).rem_euclid(12) as usize];
    format!("{stem} {branch}")
}

/// The meridian on which a calendar reckons its days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Meridian {
    /// Vietnam's: UTC+8 for new moons before 1968-01-01, UTC+7 from then on.
    Vietnam,
    /// One fixed offset in hours east of Greenwich for every date (8 for the
    /// Chinese calendar's meridian; for comparisons).
    Fixed(i32),
}

impl Meridian {
    fn zone_of_day(self, jd: i64) -> i32 {
        match self {
            Meridian::Vietnam if jd >= julian_day(UTC7_FROM) => 7,
            Meridian::Vietnam => 8,
            Meridian::Fixed(z) => z,
        }
    }

    fn new_moon_day(self, k: i64) -> i64 {
        match self {
            Meridian::Vietnam => {
                let on7 = new_moon_day(k, 7);
                if on7 >= julian_day(UTC7_FROM) { on7 } else { new_moon_day(k, 8) }
            }
            Meridian::Fixed(z) => new_moon_day(k, z),
        }
    }

    fn sector(self, jd: i64) -> u8 {
        solar_term_sector(jd, self.zone_of_day(jd))
    }

    /// The first day of month 11 (the month of the winter solstice) of
    /// solar year `yy`.
    fn month11(self, yy: i32) -> i64 {
        let dec31 = NaiveDate::from_ymd_opt(yy, 12, 31).map(julian_day).unwrap_or(0);
        let k = ((dec31 as f64 - 2_415_021.0) / SYNODIC_MONTH).floor() as i64;
        let nm = self.new_moon_day(k);
        if self.sector(nm) >= 9 { self.new_moon_day(k - 1) } else { nm }
    }

    /// How many months after month 11 (starting at `a11`) the leap month
    /// comes: the first month whose start and the next month's start lie in
    /// the same major solar term sector (it contains no major term).
    fn leap_offset(self, a11: i64) -> i64 {
        let k = ((a11 as f64 - JD_EPOCH_1900) / SYNODIC_MONTH + 0.5).floor() as i64;
        let mut i = 1;
        let mut arc = self.sector(self.new_moon_day(k + i));
        loop {
            let last = arc;
            i += 1;
            arc = self.sector(self.new_moon_day(k + i));
            if arc == last || i >= 14 {
                break;
            }
        }
        i - 1
    }

    /// The lunar date of solar day `jd` (no range check).
    fn lunar_of(self, jd: i64, yy: i32) -> LunarDate {
        // the month of `jd` begins at new moon k with nm(k) <= jd < nm(k+1);
        // the mean-month estimate can be one lunation off either way
        let mut k = ((jd as f64 - JD_EPOCH_1900) / SYNODIC_MONTH).floor() as i64;
        while self.new_moon_day(k) > jd {
            k -= 1;
        }
        while self.new_moon_day(k + 1) <= jd {
            k += 1;
        }
        let month_start = self.new_moon_day(k);
        let mut a11 = self.month11(yy);
        let mut b11 = a11;
        let mut year = if a11 >= month_start {
            a11 = self.month11(yy - 1);
            yy
        } else {
            b11 = self.month11(yy + 1);
            yy + 1
        };
        let day = (jd - month_start + 1) as u8;
        let diff = (month_start - a11).div_euclid(29);
        let mut leap = false;
        let mut month = diff + 11;
        if b11 - a11 > 365 {
            let leap_diff = self.leap_offset(a11);
            if diff >= leap_diff {
                month = diff + 10;
                leap = diff == leap_diff;
            }
        }
        if month > 12 {
            month -= 12;
        }
        if month >= 11 && diff < 4 {
            year -= 1;
        }
        LunarDate { year, month: month as u8, leap, day }
    }

    /// The solar day (Julian day number) of lunar date `d`, or `None` when
    /// the year has no such leap month (no check of the day number).
    fn solar_of(self, d: LunarDate) -> Option<i64> {
        let (a11, b11) = if d.month < 11 {
            (self.month11(d.year - 1), self.month11(d.year))
        } else {
            (self.month11(d.year), self.month11(d.year + 1))
        };
        let mut off = i64::from(d.month) - 11;
        if off < 0 {
            off += 12;
        }
        if b11 - a11 > 365 {
            let leap_off = self.leap_offset(a11);
            let mut leap_month = leap_off - 2;
            if leap_month < 0 {
                leap_month += 12;
            }
            if d.leap && i64::from(d.month) != leap_month {
                return None;
            }
            if d.leap || off >= leap_off {
                off += 1;
            }
        } else if d.leap {
            return None;
        }
        let k = (0.5 + (a11 as f64 - JD_EPOCH_1900) / SYNODIC_MONTH).floor() as i64;
        let month_start = self.new_moon_day(k + off);
        Some(month_start + i64::from(d.day) - 1)
    }
}

fn check_range(d: NaiveDate) -> Result<(), CalendarError> {
    if d < FIRST_DAY || d > LAST_DAY { Err(CalendarError::OutOfRange { date: d }) } else { Ok(()) }
}

/// The Vietnamese lunar date of solar day `d`.
///
/// Errors: [`CalendarError::OutOfRange`] outside 1900-01-01 – 2199-12-31.
pub fn to_lunar(d: NaiveDate) -> Result<LunarDate, CalendarError> {
    to_lunar_on(d, Meridian::Vietnam)
}

/// The lunar date of `d` in the calendar reckoned on `meridian` (the same
/// rules; [`to_lunar`] is `Meridian::Vietnam`).
pub fn to_lunar_on(d: NaiveDate, meridian: Meridian) -> Result<LunarDate, CalendarError> {
    check_range(d)?;
    Ok(meridian.lunar_of(julian_day(d), d.year()))
}

/// The solar day of lunar date `d`.
///
/// Errors: [`CalendarError::NoSuchLunarDate`] when the month has no such
/// day (day 30 of a 29-day month, day 0) or the year has no such leap
/// month; [`CalendarError::OutOfRange`] when the day falls outside
/// 1900-01-01 – 2199-12-31.
pub fn to_solar(d: LunarDate) -> Result<NaiveDate, CalendarError> {
    to_solar_on(d, Meridian::Vietnam)
}

/// [`to_solar`] in the calendar reckoned on `meridian`.
pub fn to_solar_on(d: LunarDate, meridian: Meridian) -> Result<NaiveDate, CalendarError> {
    let no_such = CalendarError::NoSuchLunarDate { date: d };
    if d.day == 0 || d.day > 30 || d.month == 0 || d.month > 12 {
        return Err(no_such);
    }
    // a year whose month 11 falls outside chrono's reach is outside ours
    if !(FIRST_DAY.year() - 1..=LAST_DAY.year()).contains(&d.year) {
        return Err(CalendarError::LunarYearOutOfRange { year: d.year });
    }
    let jd = meridian.solar_of(d).ok_or(no_such.clone())?;
    let solar = date_of_julian_day(jd).ok_or(CalendarError::LunarYearOutOfRange { year: d.year })?;
    check_range(solar)?;
    // day 30 of a 29-day month lands on the next month's first day
    if meridian.lunar_of(jd, solar.year()) != d {
        return Err(no_such);
    }
    Ok(solar)
}

/// The solar date of Tết Nguyên Đán (1/1 lunar) of `year`.
///
/// Errors: [`CalendarError::LunarYearOutOfRange`] outside 1900–2199.
pub fn tet(year: i32) -> Result<NaiveDate, CalendarError> {
    if !(FIRST_DAY.year()..=LAST_DAY.year()).contains(&year) {
        return Err(CalendarError::LunarYearOutOfRange { year });
    }
    to_solar(LunarDate::new(year, 1, 1, false))
}

/// The number of days (29 or 30) of lunar month `month` (leap or not) of
/// `year`.
///
/// Errors as [`to_solar`] for day 1 of that month.
pub fn month_length(year: i32, month: u8, leap: bool) -> Result<u8, CalendarError> {
    to_solar(LunarDate::new(year, month, 1, leap))?;
    Ok(if to_solar(LunarDate::new(year, month, 30, leap)).is_ok() { 30 } else { 29 })
}

/// The leap month of lunar year `year` (the month number it repeats), if
/// the year has 13 months.
///
/// Errors: [`CalendarError::LunarYearOutOfRange`] outside 1900–2199.
pub fn leap_month(year: i32) -> Result<Option<u8>, CalendarError> {
    if !(FIRST_DAY.year()..=LAST_DAY.year()).contains(&year) {
        return Err(CalendarError::LunarYearOutOfRange { year });
    }
    Ok((1..=12u8).find(|&m| to_solar(LunarDate::new(year, m, 1, true)).is_ok()))
}

/// The last day of lunar year `year` (29 or 30 of month 12: "ngày Tất
/// niên", the eve of Tết `year + 1`), as a solar date.
pub fn new_years_eve(year: i32) -> Result<NaiveDate, CalendarError> {
    let next = tet(year + 1)?;
    next.pred_opt().ok_or(CalendarError::OutOfRange { date: next })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn tet_in_recent_years() {
        assert_eq!(tet(2023).unwrap(), ymd(2023, 1, 22));
        assert_eq!(tet(2024).unwrap(), ymd(2024, 2, 10));
        assert_eq!(tet(2025).unwrap(), ymd(2025, 1, 29));
        assert_eq!(tet(2026).unwrap(), ymd(2026, 2, 17));
    }

    #[test]
    fn hung_kings_day_2025_is_the_seventh_of_april() {
        assert_eq!(to_solar(LunarDate::new(2025, 3, 10, false)).unwrap(), ymd(2025, 4, 7));
    }

    #[test]
    fn year_names() {
        assert_eq!(year_name(1984), "Giáp Tý");
        assert_eq!(year_name(2026), "Bính Ngọ");
        assert_eq!(year_name(1968), "Mậu Thân");
        assert_eq!(year_name(1900), "Canh Tý");
    }

    #[test]
    fn outside_the_range_is_a_typed_error() {
        assert_eq!(to_lunar(ymd(1899, 12, 31)), Err(CalendarError::OutOfRange { date: ymd(1899, 12, 31) }));
        assert_eq!(to_lunar(ymd(2200, 1, 1)), Err(CalendarError::OutOfRange { date: ymd(2200, 1, 1) }));
        assert_eq!(tet(2200), Err(CalendarError::LunarYearOutOfRange { year: 2200 }));
        assert!(matches!(to_solar(LunarDate::new(i32::MAX, 1, 1, false)), Err(CalendarError::LunarYearOutOfRange { .. })));
        assert!(matches!(to_solar(LunarDate::new(2026, 13, 1, false)), Err(CalendarError::NoSuchLunarDate { .. })));
        assert!(matches!(to_solar(LunarDate::new(2026, 1, 0, false)), Err(CalendarError::NoSuchLunarDate { .. })));
    }
}
