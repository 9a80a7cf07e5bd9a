//! The period of the feedback desk's statistics: a year, a quarter, a
//! month, or the days from one date to another, all in Vietnam's time
//! (UTC+7). An item belongs to the period in which it was *received*; its
//! answer may come later (the figures say what became of the items received
//! in the period, as of the moment they are drawn).
//!
//! The statistics page's GET form sends `nam` (year), `quy` (1–4), `thang`
//! (1–12), `tu` and `den` (dates, `YYYY-MM-DD` or `D/M/YYYY`);
//! [`StatsPeriod::from_form`] reads them.

use crate::messages::{Lang, format};
use chrono::{DateTime, Datelike, Months, NaiveDate, Utc};

/// The years a period may name.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// The longest from–to period, in days (ten years; a longer span is a
/// typing mistake more often than a question).
pub const MAX_RANGE_DAYS: i64 = 3_660;

/// A period of the statistics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum StatsPeriod {
    /// A calendar year.
    Year(i32),
    /// A quarter (1–4) of a year: quý I = January to March.
    Quarter(i32, u32),
    /// A month (1–12) of a year.
    Month(i32, u32),
    /// From the first date to the second, both included.
    Range(NaiveDate, NaiveDate),
}

/// What the period form's fields hold, as typed (empty when not given).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct PeriodForm {
    pub year: String,
    pub quarter: String,
    pub month: String,
    pub from: String,
    pub to: String,
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")
}

impl StatsPeriod {
    /// The first day of the period.
    pub fn first_day(&self) -> NaiveDate {
        match *self {
            StatsPeriod::Year(y) => date(y, 1, 1),
            StatsPeriod::Quarter(y, q) => date(y, 3 * q - 2, 1),
            StatsPeriod::Month(y, m) => date(y, m, 1),
            StatsPeriod::Range(from, _) => from,
        }
    }

    /// The last day of the period (included).
    pub fn last_day(&self) -> NaiveDate {
        let months = match *self {
            StatsPeriod::Year(_) => 12,
            StatsPeriod::Quarter(..) => 3,
            StatsPeriod::Month(..) => 1,
            StatsPeriod::Range(_, to) => return to,
        };
        (self.first_day() + Months::new(months)).pred_opt().expect("a day before")
    }

    /// The instants `[start, end)` of the period: 00:00 of its first day
    /// in Vietnam up to 00:00 of the day after its last.
    pub fn instants(&self) -> (DateTime<Utc>, DateTime<Utc>) {
        let after = self.last_day().succ_opt().expect("a day after");
        (crate::time::vietnam_day_start(self.first_day()), crate::time::vietnam_day_start(after))
    }

    /// The period in words: "năm 2026", "quý II năm 2026", "tháng 5 năm
    /// 2026", "từ ngày 01/04/2026 đến ngày 31/05/2026".
    pub fn words(&self, lang: Lang) -> String {
        match *self {
            StatsPeriod::Year(y) => format("fbstats.period.year", lang, &[("year", &y)]),
            StatsPeriod::Quarter(y, q) => format("fbstats.period.quarter", lang, &[("year", &y), ("quarter", &roman(q))]),
            StatsPeriod::Month(y, m) => format("fbstats.period.month", lang, &[("year", &y), ("month", &m)]),
            StatsPeriod::Range(a, b) => format("fbstats.period.range", lang, &[("from", &a.format("%d/%m/%Y")), ("to", &b.format("%d/%m/%Y"))]),
        }
    }

    /// The form's values that choose this period again.
    pub fn form(&self) -> PeriodForm {
        let mut f = PeriodForm::default();
        match *self {
            StatsPeriod::Year(y) => f.year = y.to_string(),
            StatsPeriod::Quarter(y, q) => (f.year, f.quarter) = (y.to_string(), q.to_string()),
            StatsPeriod::Month(y, m) => (f.year, f.month) = (y.to_string(), m.to_string()),
            StatsPeriod::Range(a, b) => (f.from, f.to) = (a.format("%Y-%m-%d").to_string(), b.format("%Y-%m-%d").to_string()),
        }
        f
    }

    /// The period the form chooses, `this_year` when it chooses none:
    ///
    /// * `tu` and `den` (both): the days between them, which win over the
    ///   year, quarter and month;
    /// * else `thang` with `nam`: that month (a `quy` given too must hold
    ///   it);
    /// * else `quy` with `nam`: that quarter;
    /// * else `nam`: that year (`this_year` when blank).
    ///
    /// Errors, as `(field, message code)`: `nam` (`fbstats.bad_year`: not a
    /// year in [`YEARS`]), `quy` (`fbstats.bad_quarter`), `thang`
    /// (`fbstats.bad_month`, `fbstats.month_not_in_quarter`), `tu` / `den`
    /// (`fbstats.bad_date`: not a date in [`YEARS`]; `fbstats.range_half`:
    /// one of the two only), `den` (`fbstats.range_backwards`,
    /// `fbstats.range_too_long`).
    pub fn from_form(f: &PeriodForm, this_year: i32) -> Result<StatsPeriod, (&'static str, &'static str)> {
        let blank = |s: &str| s.trim().is_empty();
        if !blank(&f.from) || !blank(&f.to) {
            let read = |s: &str, field| match crate::calendar::parse_date(s) {
                Some(d) if YEARS.contains(&d.year()) => Ok(d),
                _ if blank(s) => Err((field, "fbstats.range_half")),
                _ => Err((field, "fbstats.bad_date")),
            };
            let (from, to) = (read(&f.from, "tu")?, read(&f.to, "den")?);
            if to < from {
                return Err(("den", "fbstats.range_backwards"));
            }
            if (to - from).num_days() >= MAX_RANGE_DAYS {
                return Err(("den", "fbstats.range_too_long"));
            }
            return Ok(StatsPeriod::Range(from, to));
        }
        let year = if blank(&f.year) { this_year } else { f.year.trim().parse().ok().filter(|y| YEARS.contains(y)).ok_or(("nam", "fbstats.bad_year"))? };
        let small = |s: &str, max: u32, field, code| if blank(s) { Ok(None) } else { s.trim().parse().ok().filter(|n| (1..=max).contains(n)).map(Some).ok_or((field, code)) };
        let quarter = small(&f.quarter, 4, "quy", "fbstats.bad_quarter")?;
        let month = small(&f.month, 12, "thang", "fbstats.bad_month")?;
        Ok(match (quarter, month) {
            (Some(q), Some(m)) if m.div_ceil(3) != q => return Err(("thang", "fbstats.month_not_in_quarter")),
            (_, Some(m)) => StatsPeriod::Month(year, m),
            (Some(q), None) => StatsPeriod::Quarter(year, q),
            (None, None) => StatsPeriod::Year(year),
        })
    }
}

/// I, II, III, IV: quarters are written in Roman numerals in Vietnamese
/// reports ("quý II năm 2026").
fn roman(q: u32) -> &'static str {
    ["I", "II", "III", "IV"].get(q.saturating_sub(1) as usize).copied().unwrap_or("?")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(year: &str, quarter: &str, month: &str, from: &str, to: &str) -> PeriodForm {
        PeriodForm { year: year.into(), quarter: quarter.into(), month: month.into(), from: from.into(), to: to.into() }
    }

    #[test]
    fn periods_and_their_days() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let q2 = StatsPeriod::Quarter(2026, 2);
        assert_eq!((q2.first_day(), q2.last_day()), (d(2026, 4, 1), d(2026, 6, 30)));
        assert_eq!(StatsPeriod::Month(2024, 2).last_day(), d(2024, 2, 29), "a leap year");
        assert_eq!(StatsPeriod::Quarter(2026, 4).last_day(), d(2026, 12, 31));
        let (start, end) = StatsPeriod::Month(2026, 5).instants();
        assert_eq!((start.to_rfc3339(), end.to_rfc3339()), ("2026-04-30T17:00:00+00:00".into(), "2026-05-31T17:00:00+00:00".into()), "Vietnam's midnights");
        assert_eq!(q2.words(Lang::Vi), "quý II năm 2026");
        assert_eq!(StatsPeriod::Month(2026, 5).words(Lang::Vi), "tháng 5 năm 2026");
        assert_eq!(StatsPeriod::Range(d(2026, 4, 1), d(2026, 5, 31)).words(Lang::Vi), "từ ngày 01/04/2026 đến ngày 31/05/2026");
        for p in [StatsPeriod::Year(2025), q2, StatsPeriod::Month(2026, 11), StatsPeriod::Range(d(2026, 1, 2), d(2026, 3, 4))] {
            assert_eq!(StatsPeriod::from_form(&p.form(), 2000), Ok(p), "{p:?} round-trips through the form");
        }
    }

    #[test]
    fn the_form() {
        let read = |f: PeriodForm| StatsPeriod::from_form(&f, 2026);
        assert_eq!(read(PeriodForm::default()), Ok(StatsPeriod::Year(2026)));
        assert_eq!(read(form("2025", "", "", "", "")), Ok(StatsPeriod::Year(2025)));
        assert_eq!(read(form("2025", "3", "", "", "")), Ok(StatsPeriod::Quarter(2025, 3)));
        assert_eq!(read(form("", "", "5", "", "")), Ok(StatsPeriod::Month(2026, 5)));
        assert_eq!(read(form("2026", "2", "5", "", "")), Ok(StatsPeriod::Month(2026, 5)), "May is in the second quarter");
        assert_eq!(read(form("2026", "1", "5", "", "")), Err(("thang", "fbstats.month_not_in_quarter")));
        assert_eq!(read(form("20x6", "", "", "", "")), Err(("nam", "fbstats.bad_year")));
        assert_eq!(read(form("1999", "", "", "", "")), Err(("nam", "fbstats.bad_year")));
        assert_eq!(read(form("2026", "5", "", "", "")), Err(("quy", "fbstats.bad_quarter")));
        assert_eq!(read(form("2026", "", "13", "", "")), Err(("thang", "fbstats.bad_month")));
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(read(form("2025", "1", "", "2026-04-29", "6/5/2026")), Ok(StatsPeriod::Range(d(2026, 4, 29), d(2026, 5, 6))), "dates win");
        assert_eq!(read(form("", "", "", "2026-04-29", "")), Err(("den", "fbstats.range_half")));
        assert_eq!(read(form("", "", "", "29/4", "2026-05-01")), Err(("tu", "fbstats.bad_date")));
        assert_eq!(read(form("", "", "", "2026-05-02", "2026-05-01")), Err(("den", "fbstats.range_backwards")));
        assert_eq!(read(form("", "", "", "2010-01-01", "2026-05-01")), Err(("den", "fbstats.range_too_long")));
        assert_eq!(read(form("", "", "", "2026-05-01", "2026-05-01")), Ok(StatsPeriod::Range(d(2026, 5, 1), d(2026, 5, 1))), "one day");
    }
}
