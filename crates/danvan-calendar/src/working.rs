//! Working days and deadlines, counted as the Civil Code 2015 counts them.
//!
//! * Art. 147(1): a period counted in days starts on the day after the
//!   event (the day of receipt is not counted).
//! * Art. 148(1): a period in days ends at the end of its last day; Art.
//!   148(4): when that day is a weekly rest day or a holiday, the period
//!   ends at the end of the next working day.
//! * A period in working days (e.g. Luật Tố cáo 2018 Art. 24: 7 working
//!   days to log and classify a denunciation) counts working days only.
//!
//! A deadline is a point in time in Asia/Ho_Chi_Minh (UTC+7): the end of the
//! working day on the due date, 17:00 by default
//! ([`WorkingCalendar::with_end_of_day`]).

use crate::CalendarError;
use crate::holidays::{HolidayRules, YearCalendar, YearStatus, propose};
use crate::lunar::{FIRST_DAY, LAST_DAY};
use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};
use std::collections::BTreeMap;

/// The longest period counted, in days of either kind (10 years of
/// working days is far beyond any legal period).
pub const MAX_PERIOD_DAYS: u32 = 3650;

/// Vietnam's offset from UTC (7 hours, no daylight saving).
pub fn vietnam_offset() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).expect("UTC+7 is a valid offset")
}

/// A due date with its instant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    /// The due date (the last day of the period, moved to a working day).
    pub date: NaiveDate,
    /// The end of the working day on `date`, at UTC+7.
    pub at: DateTime<FixedOffset>,
    /// The years counted through that are not confirmed (their proposed
    /// calendar was used): a deadline over them may move when confirmed.
    pub unconfirmed_years: Vec<i32>,
}

/// Where a deadline stands at a given instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadlineState {
    /// More working days left than the warning threshold.
    OnTime,
    /// At most the threshold's working days left (or due today).
    DueSoon,
    /// The deadline has passed.
    Overdue,
}

/// The working calendar over every supported year: stored (confirmed or
/// edited) years where given, the proposal from the rules elsewhere.
#[derive(Debug, Clone)]
pub struct WorkingCalendar {
    rules: HolidayRules,
    years: BTreeMap<i32, YearCalendar>,
    end_of_day: NaiveTime,
}

impl Default for WorkingCalendar {
    /// The shipped rules and confirmed years, working day ending at 17:00.
    fn default() -> Self {
        Self::new(HolidayRules::default_rules(), crate::holidays::shipped_confirmed())
    }
}

impl WorkingCalendar {
    /// A calendar from `rules` and the years given (a later year of the same
    /// number replaces an earlier one); the working day ends at 17:00.
    pub fn new(rules: HolidayRules, years: impl IntoIterator<Item = YearCalendar>) -> Self {
        let years = years.into_iter().map(|y| (y.year, y)).collect();
        Self { rules, years, end_of_day: NaiveTime::from_hms_opt(17, 0, 0).expect("17:00 exists") }
    }

    /// The same calendar with the working day ending at `t` (local time).
    pub fn with_end_of_day(mut self, t: NaiveTime) -> Self {
        self.end_of_day = t;
        self
    }

    /// The end of the working day.
    pub fn end_of_day(&self) -> NaiveTime {
        self.end_of_day
    }

    /// The rules the proposals come from.
    pub fn rules(&self) -> &HolidayRules {
        &self.rules
    }

    /// The calendar of `year`: the stored one, or the proposal.
    ///
    /// Errors: [`CalendarError::LunarYearOutOfRange`] outside 1900–2199.
    pub fn year(&self, year: i32) -> Result<YearCalendar, CalendarError> {
        match self.years.get(&year) {
            Some(y) => Ok(y.clone()),
            None => propose(year, &self.rules),
        }
    }

    fn counter(&self) -> Counter<'_> {
        Counter { cal: self, cache: BTreeMap::new() }
    }

    /// Whether `d` is a working day.
    ///
    /// Errors: [`CalendarError::OutOfRange`] outside 1900-01-01 – 2199-12-31.
    pub fn is_working_day(&self, d: NaiveDate) -> Result<bool, CalendarError> {
        self.counter().is_working(d)
    }

    /// The deadline `n` working days after `received` (the day of receipt is
    /// not counted; `n = 0` is the end of `received` if it is a working day,
    /// else of the next one).
    ///
    /// Errors: [`CalendarError::PeriodTooLong`] over [`MAX_PERIOD_DAYS`];
    /// [`CalendarError::OutOfRange`] when the count leaves 1900–2199.
    pub fn add_working_days(&self, received: NaiveDate, n: u32) -> Result<Deadline, CalendarError> {
        check_period(n)?;
        let mut c = self.counter();
        c.is_working(received)?;
        let mut d = received;
        if n == 0 {
            while !c.is_working(d)? {
                d = c.next(d)?;
            }
        }
        let mut left = n;
        while left > 0 {
            d = c.next(d)?;
            if c.is_working(d)? {
                left -= 1;
            }
        }
        Ok(c.deadline(d))
    }

    /// The deadline `n` calendar days after `received` (Art. 147–148): the
    /// day `received + n`, or the next working day when that one is off.
    ///
    /// Errors as [`WorkingCalendar::add_working_days`].
    pub fn add_days(&self, received: NaiveDate, n: u32) -> Result<Deadline, CalendarError> {
        check_period(n)?;
        let mut c = self.counter();
        c.is_working(received)?;
        let mut d = received.checked_add_signed(Duration::days(i64::from(n))).ok_or(CalendarError::OutOfRange { date: received })?;
        while !c.is_working(d)? {
            d = c.next(d)?;
        }
        Ok(c.deadline(d))
    }

    /// The number of working days `d` with `from < d <= to` (0 when
    /// `to <= from`).
    ///
    /// Errors: [`CalendarError::OutOfRange`] outside 1900–2199.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> Result<u32, CalendarError> {
        let mut c = self.counter();
        c.is_working(from)?;
        c.is_working(to)?;
        let mut d = from;
        let mut count = 0;
        while d < to {
            d = c.next(d)?;
            if c.is_working(d)? {
                count += 1;
            }
        }
        Ok(count)
    }

    /// Where `deadline` stands at `now`: overdue after its instant; due soon
    /// when at most `soon_working_days` working days are left after today
    /// (today being `now`'s date at UTC+7); on time otherwise.
    ///
    /// Errors: [`CalendarError::OutOfRange`] outside 1900–2199.
    pub fn state(&self, deadline: &Deadline, now: DateTime<Utc>, soon_working_days: u32) -> Result<DeadlineState, CalendarError> {
        if now > deadline.at {
            return Ok(DeadlineState::Overdue);
        }
        let today = now.with_timezone(&vietnam_offset()).date_naive();
        let left = self.working_days_between(today, deadline.date)?;
        Ok(if left <= soon_working_days { DeadlineState::DueSoon } else { DeadlineState::OnTime })
    }
}

fn check_period(n: u32) -> Result<(), CalendarError> {
    if n > MAX_PERIOD_DAYS { Err(CalendarError::PeriodTooLong { days: n, max: MAX_PERIOD_DAYS }) } else { Ok(()) }
}

/// Walks days with each year's calendar built once.
struct Counter<'a> {
    cal: &'a WorkingCalendar,
    cache: BTreeMap<i32, YearCalendar>,
}

impl Counter<'_> {
    fn is_working(&mut self, d: NaiveDate) -> Result<bool, CalendarError> {
        if d < FIRST_DAY || d > LAST_DAY {
            return Err(CalendarError::OutOfRange { date: d });
        }
        if !self.cache.contains_key(&d.year()) {
            let y = self.cal.year(d.year())?;
            self.cache.insert(d.year(), y);
        }
        Ok(self.cache[&d.year()].is_working_day(d))
    }

    /// The day after `d`; past the range, the error names that day.
    fn next(&self, d: NaiveDate) -> Result<NaiveDate, CalendarError> {
        let n = d.succ_opt().ok_or(CalendarError::OutOfRange { date: d })?;
        if n > LAST_DAY { Err(CalendarError::OutOfRange { date: n }) } else { Ok(n) }
    }

    fn deadline(&self, date: NaiveDate) -> Deadline {
        let at = vietnam_offset().from_local_datetime(&date.and_time(self.cal.end_of_day)).single().expect("a fixed offset has no gaps");
        let unconfirmed_years = self.cache.values().filter(|y| y.status != YearStatus::Confirmed).map(|y| y.year).collect();
        Deadline { date, at, unconfirmed_years }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn three_working_days_from_the_eve_of_30_april_2026() {
        let cal = WorkingCalendar::default();
        let due = cal.add_working_days(ymd(2026, 4, 29), 3).unwrap();
        assert_eq!(due.date, ymd(2026, 5, 6));
        assert_eq!(due.at.to_rfc3339(), "2026-05-06T17:00:00+07:00");
        assert!(due.unconfirmed_years.is_empty());
    }

    #[test]
    fn five_working_days_across_tet_2026() {
        let cal = WorkingCalendar::default();
        assert_eq!(cal.add_working_days(ymd(2026, 2, 13), 5).unwrap().date, ymd(2026, 2, 27));
    }

    #[test]
    fn ten_calendar_days_ending_on_a_holiday_move_on() {
        let cal = WorkingCalendar::default();
        let due = cal.add_days(ymd(2026, 4, 20), 10).unwrap();
        assert_eq!(due.date, ymd(2026, 5, 4));
        // ending on a working day stays
        assert_eq!(cal.add_days(ymd(2026, 4, 20), 3).unwrap().date, ymd(2026, 4, 23));
    }

    #[test]
    fn a_swapped_saturday_counts() {
        let cal = WorkingCalendar::default();
        // received Thursday 8/1/2026: Fri 9 (1), Sat 10 is worked (2), Mon 12 (3)
        assert_eq!(cal.add_working_days(ymd(2026, 1, 8), 2).unwrap().date, ymd(2026, 1, 10));
        assert_eq!(cal.add_working_days(ymd(2026, 1, 8), 3).unwrap().date, ymd(2026, 1, 12));
        // received on the last working day of 2025, due over New Year
        assert_eq!(cal.add_working_days(ymd(2025, 12, 31), 1).unwrap().date, ymd(2026, 1, 5));
    }

    #[test]
    fn unconfirmed_years_are_named() {
        let cal = WorkingCalendar::default();
        let due = cal.add_working_days(ymd(2026, 12, 28), 7).unwrap();
        assert_eq!(due.unconfirmed_years, [2027]);
        // 2027: 1/1 Friday off, so 29, 30, 31 Dec, 4, 5, 6, 7 Jan
        assert_eq!(due.date, ymd(2027, 1, 7));
    }

    #[test]
    fn counting_between_dates() {
        let cal = WorkingCalendar::default();
        assert_eq!(cal.working_days_between(ymd(2026, 4, 29), ymd(2026, 5, 6)).unwrap(), 3);
        assert_eq!(cal.working_days_between(ymd(2026, 5, 6), ymd(2026, 4, 29)).unwrap(), 0);
        assert_eq!(cal.working_days_between(ymd(2026, 2, 13), ymd(2026, 2, 22)).unwrap(), 0);
    }

    #[test]
    fn states_of_a_deadline() {
        let cal = WorkingCalendar::default();
        let due = cal.add_working_days(ymd(2026, 4, 29), 3).unwrap(); // Wed 6/5 17:00
        let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        assert_eq!(cal.state(&due, at("2026-04-30T09:00:00+07:00"), 1).unwrap(), DeadlineState::OnTime);
        assert_eq!(cal.state(&due, at("2026-05-05T09:00:00+07:00"), 1).unwrap(), DeadlineState::DueSoon);
        assert_eq!(cal.state(&due, at("2026-05-06T16:59:00+07:00"), 1).unwrap(), DeadlineState::DueSoon);
        assert_eq!(cal.state(&due, at("2026-05-06T17:01:00+07:00"), 1).unwrap(), DeadlineState::Overdue);
    }

    #[test]
    fn end_of_day_is_configurable_and_zero_days_is_today() {
        let cal = WorkingCalendar::default().with_end_of_day(NaiveTime::from_hms_opt(16, 30, 0).unwrap());
        let due = cal.add_working_days(ymd(2026, 4, 30), 0).unwrap();
        assert_eq!(due.at.to_rfc3339(), "2026-05-04T16:30:00+07:00");
    }

    #[test]
    fn limits_are_typed_errors() {
        let cal = WorkingCalendar::default();
        assert_eq!(cal.add_working_days(ymd(2026, 1, 1), 3651), Err(CalendarError::PeriodTooLong { days: 3651, max: 3650 }));
        assert!(matches!(cal.add_days(ymd(2199, 12, 30), 5), Err(CalendarError::OutOfRange { .. })));
        assert!(matches!(cal.add_working_days(ymd(1899, 12, 30), 1), Err(CalendarError::OutOfRange { .. })));
        assert_eq!(cal.add_working_days(ymd(1899, 12, 31), 1), Err(CalendarError::OutOfRange { date: ymd(1899, 12, 31) }));
        assert_eq!(cal.add_working_days(ymd(2199, 12, 31), 1), Err(CalendarError::OutOfRange { date: ymd(2200, 1, 1) }));
    }
}
