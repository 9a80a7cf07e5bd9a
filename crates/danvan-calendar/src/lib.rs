//! The Vietnamese calendar for danvan: lunar dates at UTC+7, public
//! holidays as data, working days and legal deadlines. Pure: no I/O.
//!
//! * [`lunar`]: solar ↔ lunar dates by the astronomical method published by
//!   Hồ Ngọc Đức ([`to_lunar`], [`to_solar`], [`tet`]), 1900–2199, on the
//!   meridian in force (UTC+8 before 1968, UTC+7 since).
//! * [`holidays`]: the Labour Code 2019 Art. 112 holidays as a TOML document,
//!   each year's proposed calendar (with Art. 111(3) compensatory days) and
//!   the years shipped as confirmed.
//! * [`working`]: deadlines counted per the Civil Code 2015 Art. 147–148, in
//!   working days or calendar days, as instants at UTC+7.
//!
//! DESIGN.md §3.6.

mod astro;
pub mod holidays;
pub mod lunar;
pub mod working;

pub use holidays::{DayOff, DayOffKind, HolidayRule, HolidayRules, WorkingDay, YearCalendar, YearStatus, propose, shipped_confirmed};
pub use lunar::{LunarDate, Meridian, leap_month, month_length, tet, to_lunar, to_solar, year_name};
pub use working::{Deadline, DeadlineState, WorkingCalendar};

use chrono::NaiveDate;

/// What the calendar refuses. [`CalendarError::code`] gives the stable code
/// the message catalogue translates.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// A solar date outside 1900-01-01 – 2199-12-31.
    #[error("{date} is outside the calendar's range (1900-01-01 to 2199-12-31)")]
    OutOfRange {
        /// The date asked for.
        date: NaiveDate,
    },
    /// A year outside 1900–2199.
    #[error("the year {year} is outside the calendar's range (1900 to 2199)")]
    LunarYearOutOfRange {
        /// The year asked for.
        year: i32,
    },
    /// A lunar date that does not exist (day 30 of a 29-day month, a leap
    /// month the year does not have).
    #[error("lunar date {}/{}{}/{} does not exist", date.day, date.month, if date.leap { " (leap)" } else { "" }, date.year)]
    NoSuchLunarDate {
        /// The date asked for.
        date: LunarDate,
    },
    /// A period longer than [`working::MAX_PERIOD_DAYS`].
    #[error("a period of {days} days is longer than {max}")]
    PeriodTooLong {
        /// The period asked for.
        days: u32,
        /// The longest allowed.
        max: u32,
    },
    /// A holiday rules or confirmed-years document that cannot be used.
    #[error("line {line}: {message}")]
    Rules {
        /// The 1-based line (0: not at one place).
        line: usize,
        /// What is wrong.
        message: String,
    },
}

impl CalendarError {
    /// The stable code: `calendar.out_of_range`, `calendar.year_out_of_range`,
    /// `calendar.no_such_lunar_date`,
    /// `calendar.period_too_long`, `calendar.rules_invalid`.
    pub fn code(&self) -> &'static str {
        match self {
            CalendarError::OutOfRange { .. } => "calendar.out_of_range",
            CalendarError::LunarYearOutOfRange { .. } => "calendar.year_out_of_range",
            CalendarError::NoSuchLunarDate { .. } => "calendar.no_such_lunar_date",
            CalendarError::PeriodTooLong { .. } => "calendar.period_too_long",
            CalendarError::Rules { .. } => "calendar.rules_invalid",
        }
    }
}
