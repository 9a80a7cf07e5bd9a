//! Public holidays as data, and the calendar of days off of each year.
//!
//! The rules (which holidays, how many days, solar or lunar) are a TOML
//! document ([`HolidayRules::parse`]; the shipped one is
//! [`HolidayRules::default_rules`], `data/holidays.toml`, from the Labour
//! Code 2019 Art. 112(1)). From them [`propose`] builds a year's calendar,
//! with the compensatory days of Art. 111(3). The exact days are fixed each
//! year by the Prime Minister's decision (days around Tết and 2 September,
//! swapped working Saturdays), so a year is [`YearStatus::Proposed`] until
//! an administrator confirms it; [`shipped_confirmed`] holds the years whose
//! decisions are known (`data/confirmed.toml`).

use crate::CalendarError;
use crate::lunar::{LunarDate, to_solar};
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

const DEFAULT_RULES: &str = include_str!("../data/holidays.toml");
const SHIPPED_CONFIRMED: &str = include_str!("../data/confirmed.toml");

/// Whether `d` is a weekly rest day of state offices: Saturday or Sunday
/// (the 40-hour week of Decision 188/1999/QĐ-TTg, Art. 1).
pub fn is_weekly_rest(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// On which side of a holiday its adjacent day lies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// The day before.
    Before,
    /// The day after.
    After,
}

/// The side of the adjacent day for each weekday of the holiday's date.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AdjacentRule {
    /// When the date is a Monday.
    pub monday: Side,
    /// Tuesday.
    pub tuesday: Side,
    /// Wednesday.
    pub wednesday: Side,
    /// Thursday.
    pub thursday: Side,
    /// Friday.
    pub friday: Side,
    /// Saturday.
    pub saturday: Side,
    /// Sunday.
    pub sunday: Side,
}

impl AdjacentRule {
    fn side(&self, w: Weekday) -> Side {
        match w {
            Weekday::Mon => self.monday,
            Weekday::Tue => self.tuesday,
            Weekday::Wed => self.wednesday,
            Weekday::Thu => self.thursday,
            Weekday::Fri => self.friday,
            Weekday::Sat => self.saturday,
            Weekday::Sun => self.sunday,
        }
    }
}

/// One holiday rule (a `[[holiday]]` of the rules document).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct HolidayRule {
    /// Stable code: ASCII letters, digits and `_` (e.g. `tet`).
    pub key: String,
    /// The Vietnamese name (e.g. `Tết Âm lịch`).
    pub name: String,
    /// The English name.
    pub name_en: String,
    /// `MM-DD` of the solar calendar.
    #[serde(default)]
    pub solar: Option<String>,
    /// `MM-DD` of the lunar calendar, in the lunar year of the same number.
    #[serde(default)]
    pub lunar: Option<String>,
    /// How many days off (1–10).
    #[serde(default = "one")]
    pub days: u8,
    /// How many of the days come before the date (Tết's eve: 1).
    #[serde(default)]
    pub days_before: u8,
    /// For a two-day holiday, the side of the second day by weekday.
    #[serde(default)]
    pub adjacent: Option<AdjacentRule>,
    /// The first year the rule applies.
    #[serde(default)]
    pub since: Option<i32>,
    /// The last year the rule applies.
    #[serde(default)]
    pub until: Option<i32>,
    /// Whether a day on a weekly rest day gives a compensatory day.
    #[serde(default = "yes")]
    pub compensate: bool,
}

fn one() -> u8 {
    1
}
fn yes() -> bool {
    true
}

impl HolidayRule {
    fn applies(&self, year: i32) -> bool {
        self.since.is_none_or(|s| year >= s) && self.until.is_none_or(|u| year <= u)
    }

    fn month_day(text: &str) -> Option<(u32, u32)> {
        let (m, d) = text.split_once('-')?;
        if m.len() != 2 || d.len() != 2 {
            return None;
        }
        Some((m.parse().ok()?, d.parse().ok()?))
    }

    /// The holiday's own date in `year` (solar or lunar), before any block;
    /// `None` when the year has no such day (a 29 February rule outside
    /// leap years). A lunar day 30 in a 29-day month 12 is the month's last
    /// day (29), as the eve of Tết is.
    fn date_in(&self, year: i32) -> Result<Option<NaiveDate>, CalendarError> {
        let bad = || CalendarError::Rules { line: 0, message: format!("holiday `{}`: no date in {year}", self.key) };
        match (&self.solar, &self.lunar) {
            (Some(s), None) => {
                let (m, d) = Self::month_day(s).ok_or_else(bad)?;
                Ok(NaiveDate::from_ymd_opt(year, m, d))
            }
            (None, Some(l)) => {
                let (m, d) = Self::month_day(l).ok_or_else(bad)?;
                let m = u8::try_from(m).map_err(|_| bad())?;
                let d = u8::try_from(d).map_err(|_| bad())?;
                to_solar(LunarDate::new(year, m, d, false))
                    .or_else(|e| match e {
                        CalendarError::NoSuchLunarDate { .. } if d == 30 => to_solar(LunarDate::new(year, m, 29, false)),
                        e => Err(e),
                    })
                    .map(Some)
            }
            _ => Err(bad()),
        }
    }

    /// The proposed days of this holiday in `year`, in date order.
    fn days_in(&self, year: i32) -> Result<Vec<NaiveDate>, CalendarError> {
        let Some(date) = self.date_in(year)? else { return Ok(Vec::new()) };
        if self.days == 2
            && let Some(adj) = &self.adjacent
        {
            let other = match adj.side(date.weekday()) {
                Side::Before => date - Duration::days(1),
                Side::After => date + Duration::days(1),
            };
            let mut v = vec![date, other];
            v.sort();
            return Ok(v);
        }
        let first = date - Duration::days(i64::from(self.days_before));
        Ok((0..i64::from(self.days)).map(|i| first + Duration::days(i)).collect())
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesDoc {
    holiday: Vec<HolidayRule>,
}

/// The set of holiday rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HolidayRules {
    rules: Vec<HolidayRule>,
}

fn line_of(text: &str, span: Option<std::ops::Range<usize>>) -> usize {
    span.map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1).unwrap_or(0)
}

impl HolidayRules {
    /// The rules shipped with danvan (`data/holidays.toml`, Labour Code
    /// 2019 Art. 112(1)).
    pub fn default_rules() -> Self {
        static RULES: std::sync::LazyLock<HolidayRules> =
            std::sync::LazyLock::new(|| HolidayRules::parse(DEFAULT_RULES).expect("the shipped holiday rules parse"));
        RULES.clone()
    }

    /// Parses a rules document (TOML with `[[holiday]]` tables, see
    /// `data/holidays.toml`).
    ///
    /// Errors: [`CalendarError::Rules`] with the line (1-based; 0 when the
    /// problem is not at one place) and what is wrong: TOML syntax, an
    /// unknown field, a key that is not `[a-z0-9_]+`, neither or both of
    /// `solar` and `lunar`, a `MM-DD` that is no date, `days` outside 1–10,
    /// `days_before >= days`, `adjacent` without `days = 2`.
    pub fn parse(text: &str) -> Result<Self, CalendarError> {
        let doc: RulesDoc = toml::from_str(text)
            .map_err(|e| CalendarError::Rules { line: line_of(text, e.span()), message: e.message().to_owned() })?;
        for r in &doc.holiday {
            let at = text.find(&format!("\"{}\"", r.key)).map(|i| i..i + 1);
            let fail = |message: String| CalendarError::Rules { line: line_of(text, at.clone()), message };
            if r.key.is_empty() || !r.key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') {
                return Err(fail(format!("key `{}`: use a-z, 0-9 and _", r.key)));
            }
            match (&r.solar, &r.lunar) {
                (Some(s), None) => {
                    let ok = HolidayRule::month_day(s).is_some_and(|(m, d)| NaiveDate::from_ymd_opt(2024, m, d).is_some());
                    if !ok {
                        return Err(fail(format!("holiday `{}`: solar = \"{s}\" is not a MM-DD date", r.key)));
                    }
                }
                (None, Some(l)) => {
                    let ok = HolidayRule::month_day(l).is_some_and(|(m, d)| (1..=12).contains(&m) && (1..=30).contains(&d));
                    if !ok {
                        return Err(fail(format!("holiday `{}`: lunar = \"{l}\" is not a lunar MM-DD (month 1-12, day 1-30)", r.key)));
                    }
                }
                _ => return Err(fail(format!("holiday `{}`: give exactly one of solar and lunar", r.key))),
            }
            if !(1..=10).contains(&r.days) {
                return Err(fail(format!("holiday `{}`: days must be 1-10", r.key)));
            }
            if r.days_before >= r.days {
                return Err(fail(format!("holiday `{}`: days_before must be less than days", r.key)));
            }
            if r.adjacent.is_some() && r.days != 2 {
                return Err(fail(format!("holiday `{}`: adjacent needs days = 2", r.key)));
            }
        }
        Ok(Self { rules: doc.holiday })
    }

    /// The rules in document order.
    pub fn rules(&self) -> &[HolidayRule] {
        &self.rules
    }

    /// The rule of `key` that applies in `year`, if any.
    pub fn rule(&self, key: &str, year: i32) -> Option<&HolidayRule> {
        self.rules.iter().find(|r| r.key == key && r.applies(year)).or_else(|| self.rules.iter().find(|r| r.key == key))
    }

    /// Whether some rule has `key`.
    pub fn has_key(&self, key: &str) -> bool {
        self.rules.iter().any(|r| r.key == key)
    }
}

/// Why a day is off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DayOffKind {
    /// A public holiday (Labour Code Art. 112), including the weekend days
    /// inside its block.
    Holiday,
    /// A compensatory day (nghỉ bù) for a holiday on a weekly rest day
    /// (Art. 111(3)).
    Compensatory,
    /// A working day moved (hoán đổi) to make a block, worked on a weekend
    /// day instead.
    Swapped,
    /// An extra day off decided for that year.
    Extra,
}

impl DayOffKind {
    /// The stored code: `holiday`, `compensatory`, `swapped`, `extra`.
    pub fn code(self) -> &'static str {
        match self {
            DayOffKind::Holiday => "holiday",
            DayOffKind::Compensatory => "compensatory",
            DayOffKind::Swapped => "swapped",
            DayOffKind::Extra => "extra",
        }
    }

    /// The kind of a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        [DayOffKind::Holiday, DayOffKind::Compensatory, DayOffKind::Swapped, DayOffKind::Extra].into_iter().find(|k| k.code() == code)
    }

    /// Every kind, in display order.
    pub const ALL: [DayOffKind; 4] = [DayOffKind::Holiday, DayOffKind::Compensatory, DayOffKind::Swapped, DayOffKind::Extra];
}

/// A day off of a year's calendar.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct DayOff {
    /// The day.
    pub date: NaiveDate,
    /// Why it is off.
    pub kind: DayOffKind,
    /// The holiday it belongs to (a rule key), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holiday: Option<String>,
    /// A free note (e.g. which Saturday is worked instead).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// A weekend day that is a working day (làm bù).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct WorkingDay {
    /// The day (a Saturday or Sunday).
    pub date: NaiveDate,
    /// A free note (e.g. which day off it pays for).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// Whether a year's calendar is fixed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum YearStatus {
    /// Built from the rules; not yet confirmed against the year's decision.
    Proposed,
    /// Confirmed (shipped from an official decision, or by an administrator).
    Confirmed,
}

impl YearStatus {
    /// `proposed` or `confirmed`.
    pub fn code(self) -> &'static str {
        match self {
            YearStatus::Proposed => "proposed",
            YearStatus::Confirmed => "confirmed",
        }
    }
}

/// The days off and swapped working days of one solar year.
///
/// Invariants (checked by [`YearCalendar::check`]): every date lies in
/// `year`; no date is twice in `days_off`, nor in both lists; every working
/// day is a Saturday or Sunday. `days_off` and `working_days` are sorted.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct YearCalendar {
    /// The solar year.
    pub year: i32,
    /// Proposed or confirmed.
    pub status: YearStatus,
    /// The days off besides ordinary weekends (holiday days on a weekend
    /// are listed too).
    pub days_off: Vec<DayOff>,
    /// Weekend days worked instead of a swapped day.
    pub working_days: Vec<WorkingDay>,
    /// The decision the year follows, when confirmed.
    #[serde(default)]
    pub source: String,
}

/// A problem with one entry of a year's calendar, by list and position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryProblem {
    /// `days_off` or `working_days`.
    pub list: &'static str,
    /// The entry's position in the list as given (0-based).
    pub index: usize,
    /// `calendar.date_outside_year`, `calendar.date_twice`,
    /// `calendar.working_day_not_weekend`, `calendar.unknown_holiday`,
    /// `calendar.working_day_is_off`.
    pub code: &'static str,
}

impl YearCalendar {
    /// Whether `d` is off in this year's calendar (weekend rules aside).
    fn day_off(&self, d: NaiveDate) -> Option<&DayOff> {
        self.days_off.iter().find(|o| o.date == d)
    }

    /// Checks the invariants, returning every problem (empty: valid), with
    /// positions as given; then sorts both lists.
    pub fn check(&mut self, rules: &HolidayRules) -> Vec<EntryProblem> {
        let mut problems = Vec::new();
        let mut seen = BTreeSet::new();
        for (index, o) in self.days_off.iter().enumerate() {
            let code = if o.date.year() != self.year {
                Some("calendar.date_outside_year")
            } else if !seen.insert(o.date) {
                Some("calendar.date_twice")
            } else if o.holiday.as_deref().is_some_and(|h| !rules.has_key(h)) {
                Some("calendar.unknown_holiday")
            } else {
                None
            };
            if let Some(code) = code {
                problems.push(EntryProblem { list: "days_off", index, code });
            }
        }
        let mut seen_work = BTreeSet::new();
        for (index, w) in self.working_days.iter().enumerate() {
            let code = if w.date.year() != self.year {
                Some("calendar.date_outside_year")
            } else if !is_weekly_rest(w.date) {
                Some("calendar.working_day_not_weekend")
            } else if seen.contains(&w.date) {
                Some("calendar.working_day_is_off")
            } else if !seen_work.insert(w.date) {
                Some("calendar.date_twice")
            } else {
                None
            };
            if let Some(code) = code {
                problems.push(EntryProblem { list: "working_days", index, code });
            }
        }
        self.days_off.sort_by_key(|o| o.date);
        self.working_days.sort_by_key(|w| w.date);
        problems
    }

    /// Whether `d` (a day of this year) is a working day: a swapped working
    /// day is; a listed day off or a weekend day is not; any other day is.
    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        if self.working_days.iter().any(|w| w.date == d) {
            return true;
        }
        self.day_off(d).is_none() && !is_weekly_rest(d)
    }
}

/// The proposed calendar of `year` from `rules`: every applicable holiday's
/// days, then a compensatory day (Art. 111(3)) for each holiday day on a
/// Saturday or Sunday, on the next day that is neither a weekend day nor
/// already off. Days are placed by their date: a holiday block of the year
/// before that runs into `year` (a lunar 30/12 in January, a block from 31
/// December), or a compensatory day for one, belongs to `year`'s calendar.
/// No swapped days are proposed.
///
/// Errors: [`CalendarError::LunarYearOutOfRange`] outside 1900–2199.
pub fn propose(year: i32, rules: &HolidayRules) -> Result<YearCalendar, CalendarError> {
    if !(1900..=2199).contains(&year) {
        return Err(CalendarError::LunarYearOutOfRange { year });
    }
    let mut off: BTreeMap<NaiveDate, DayOff> = BTreeMap::new();
    for y in (year - 1).max(1900)..=(year + 1).min(2199) {
        for r in rules.rules.iter().filter(|r| r.applies(y)) {
            for d in r.days_in(y)? {
                off.entry(d).or_insert(DayOff { date: d, kind: DayOffKind::Holiday, holiday: Some(r.key.clone()), note: String::new() });
            }
        }
    }
    let on_weekend: Vec<(NaiveDate, String)> = off
        .values()
        .filter(|o| is_weekly_rest(o.date))
        .filter_map(|o| {
            let key = o.holiday.clone()?;
            rules.rule(&key, o.date.year()).filter(|r| r.compensate).map(|_| (o.date, key))
        })
        .collect();
    for (date, key) in on_weekend {
        let mut d = date + Duration::days(1);
        while is_weekly_rest(d) || off.contains_key(&d) {
            d += Duration::days(1);
        }
        off.insert(d, DayOff { date: d, kind: DayOffKind::Compensatory, holiday: Some(key), note: String::new() });
    }
    let days_off = off.into_values().filter(|o| o.date.year() == year).collect();
    Ok(YearCalendar { year, status: YearStatus::Proposed, days_off, working_days: Vec::new(), source: String::new() })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ShippedDoc {
    year: Vec<ShippedYear>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ShippedYear {
    year: i32,
    source: String,
    off: Vec<ShippedOff>,
    #[serde(default)]
    work: Vec<WorkingDay>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ShippedOff {
    #[serde(default)]
    date: Option<NaiveDate>,
    #[serde(default)]
    from: Option<NaiveDate>,
    #[serde(default)]
    to: Option<NaiveDate>,
    #[serde(default)]
    holiday: Option<String>,
    #[serde(default)]
    kind: Option<DayOffKind>,
    #[serde(default)]
    note: String,
}

/// Parses a document of confirmed years (see `data/confirmed.toml`).
///
/// Errors: [`CalendarError::Rules`] with the line and the problem (TOML, an
/// entry with neither `date` nor `from`/`to`, a range over 31 days, or a
/// year that fails [`YearCalendar::check`]).
pub fn parse_confirmed(text: &str, rules: &HolidayRules) -> Result<Vec<YearCalendar>, CalendarError> {
    let doc: ShippedDoc =
        toml::from_str(text).map_err(|e| CalendarError::Rules { line: line_of(text, e.span()), message: e.message().to_owned() })?;
    let mut years = Vec::new();
    for y in doc.year {
        let at = text.find(&format!("year = {}", y.year)).map(|i| i..i + 1);
        let fail = |message: String| CalendarError::Rules { line: line_of(text, at.clone()), message };
        let mut days_off = Vec::new();
        for o in y.off {
            let (from, to) = match (o.date, o.from, o.to) {
                (Some(d), None, None) => (d, d),
                (None, Some(f), Some(t)) if f <= t && (t - f).num_days() <= 31 => (f, t),
                _ => return Err(fail(format!("year {}: an `off` entry needs `date`, or `from` <= `to` within 31 days", y.year))),
            };
            let kind = o.kind.unwrap_or(DayOffKind::Holiday);
            let mut d = from;
            while d <= to {
                days_off.push(DayOff { date: d, kind, holiday: o.holiday.clone(), note: o.note.clone() });
                d += Duration::days(1);
            }
        }
        let mut cal = YearCalendar { year: y.year, status: YearStatus::Confirmed, days_off, working_days: y.work, source: y.source };
        if let Some(p) = cal.check(rules).first() {
            return Err(fail(format!("year {}: {} entry {}: {}", y.year, p.list, p.index + 1, p.code)));
        }
        years.push(cal);
    }
    Ok(years)
}

/// The years shipped as confirmed (`data/confirmed.toml`): 2025 and 2026.
pub fn shipped_confirmed() -> Vec<YearCalendar> {
    // parsed once: every deadline computed on a request starts from them
    static YEARS: std::sync::LazyLock<Vec<YearCalendar>> = std::sync::LazyLock::new(|| {
        parse_confirmed(SHIPPED_CONFIRMED, &HolidayRules::default_rules()).expect("the shipped confirmed years parse")
    });
    YEARS.clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn off_dates(c: &YearCalendar) -> Vec<String> {
        c.days_off.iter().map(|o| format!("{} {}", o.date.format("%m-%d"), o.kind.code())).collect()
    }

    #[test]
    fn the_proposal_for_2026_follows_the_code() {
        let c = propose(2026, &HolidayRules::default_rules()).unwrap();
        assert_eq!(c.status, YearStatus::Proposed);
        assert_eq!(
            off_dates(&c),
            [
                "01-01 holiday",
                // Tết 17/2: the eve (16/2) and mùng 1–4
                "02-16 holiday",
                "02-17 holiday",
                "02-18 holiday",
                "02-19 holiday",
                "02-20 holiday",
                // Hùng Kings 10/3 lunar = Sunday 26/4: nghỉ bù on Monday
                "04-26 holiday",
                "04-27 compensatory",
                "04-30 holiday",
                "05-01 holiday",
                // 2/9 is a Wednesday: the day before
                "09-01 holiday",
                "09-02 holiday",
            ]
        );
    }

    #[test]
    fn a_holiday_on_saturday_gives_the_next_monday() {
        // 2023: 2/9 Saturday, the adjacent day Friday 1/9, nghỉ bù Monday 4/9
        let c = propose(2023, &HolidayRules::default_rules()).unwrap();
        let sept: Vec<_> = c.days_off.iter().filter(|o| o.date.month() == 9).map(|o| (o.date.day(), o.kind)).collect();
        assert_eq!(sept, [(1, DayOffKind::Holiday), (2, DayOffKind::Holiday), (4, DayOffKind::Compensatory)]);
        // 1 January 2022 was a Saturday: Monday 3/1 off
        let c = propose(2022, &HolidayRules::default_rules()).unwrap();
        assert_eq!(c.days_off[0].date, ymd(2022, 1, 1));
        assert_eq!((c.days_off[1].date, c.days_off[1].kind), (ymd(2022, 1, 3), DayOffKind::Compensatory));
    }

    #[test]
    fn national_day_was_one_day_before_2021() {
        let c = propose(2019, &HolidayRules::default_rules()).unwrap();
        let sept: Vec<_> = c.days_off.iter().filter(|o| o.date.month() == 9).map(|o| o.date.day()).collect();
        assert_eq!(sept, [2]);
    }

    #[test]
    fn shipped_years_hold_the_decisions() {
        let years = shipped_confirmed();
        assert_eq!(years.iter().map(|y| y.year).collect::<Vec<_>>(), [2025, 2026]);
        let y26 = &years[1];
        assert!(!y26.is_working_day(ymd(2026, 1, 2)));
        assert!(y26.is_working_day(ymd(2026, 1, 10)), "Saturday 10/1/2026 is worked");
        assert!(!y26.is_working_day(ymd(2026, 2, 20)));
        assert!(y26.is_working_day(ymd(2026, 2, 23)));
        assert!(!y26.is_working_day(ymd(2026, 4, 27)));
        let y25 = &years[0];
        assert!(y25.is_working_day(ymd(2025, 4, 26)));
        assert!(!y25.is_working_day(ymd(2025, 5, 2)));
        assert_eq!(y25.days_off.iter().filter(|o| o.holiday.as_deref() == Some("tet")).count(), 9);
    }

    #[test]
    fn a_new_holiday_is_data() {
        let text = format!(
            "{DEFAULT_RULES}\n[[holiday]]\nkey = \"culture_day\"\nname = \"Ngày Văn hóa Việt Nam\"\nname_en = \"Vietnam Culture Day\"\nsolar = \"11-24\"\nsince = 2026\n"
        );
        let rules = HolidayRules::parse(&text).unwrap();
        let c = propose(2026, &rules).unwrap();
        assert!(c.days_off.iter().any(|o| o.date == ymd(2026, 11, 24) && o.holiday.as_deref() == Some("culture_day")));
        let c = propose(2025, &rules).unwrap();
        assert!(!c.days_off.iter().any(|o| o.date == ymd(2025, 11, 24)));
    }

    #[test]
    fn a_block_running_into_the_next_year_belongs_to_it() {
        let text = "[[holiday]]\nkey = \"x\"\nname = \"X\"\nname_en = \"X\"\nsolar = \"12-31\"\ndays = 3\n";
        let rules = HolidayRules::parse(text).unwrap();
        let y27 = propose(2027, &rules).unwrap();
        assert_eq!(y27.days_off.iter().map(|o| o.date).collect::<Vec<_>>(), [ymd(2027, 1, 1), ymd(2027, 1, 2), ymd(2027, 1, 4), ymd(2027, 12, 31)]);
        let cal = crate::WorkingCalendar::new(rules, []);
        // 31/12/2027 Friday, 1/1 and 2/1/2028 (Sat, Sun) off, nghỉ bù Monday 3 and Tuesday 4
        assert!(!cal.is_working_day(ymd(2028, 1, 3)).unwrap());
        assert!(!cal.is_working_day(ymd(2028, 1, 4)).unwrap());
        assert_eq!(cal.add_working_days(ymd(2027, 12, 30), 1).unwrap().date, ymd(2028, 1, 5));
    }

    #[test]
    fn a_29_february_holiday_applies_in_leap_years() {
        let text = "[[holiday]]\nkey = \"x\"\nname = \"X\"\nname_en = \"X\"\nsolar = \"02-29\"\n";
        let rules = HolidayRules::parse(text).unwrap();
        assert!(propose(2027, &rules).unwrap().days_off.is_empty());
        assert_eq!(propose(2028, &rules).unwrap().days_off[0].date, ymd(2028, 2, 29));
    }

    #[test]
    fn bad_rules_say_where() {
        let e = HolidayRules::parse("[[holiday]]\nkey = \"x\"\nname = \"X\"\nname_en = \"X\"\nsolar = \"02-30\"\n").unwrap_err();
        assert_eq!(e, CalendarError::Rules { line: 2, message: "holiday `x`: solar = \"02-30\" is not a MM-DD date".into() });
        let e = HolidayRules::parse("[[holiday]]\nkey = \"x\"\nname = \"X\"\nname_en = \"X\"\nsolar = \"01-02\"\ncolour = 1\n").unwrap_err();
        assert!(matches!(&e, CalendarError::Rules { line: 6, message } if message.contains("colour")), "{e:?}");
        let e = HolidayRules::parse("[[holiday]]\nkey = \"x\"\nname = \"X\"\nname_en = \"X\"\nsolar = \"01-02\"\nlunar = \"01-02\"\n").unwrap_err();
        assert!(matches!(&e, CalendarError::Rules { line: 2, message } if message.contains("exactly one")), "{e:?}");
    }

    #[test]
    fn the_checks_name_each_bad_entry() {
        let rules = HolidayRules::default_rules();
        let mut c = YearCalendar {
            year: 2026,
            status: YearStatus::Proposed,
            days_off: vec![
                DayOff { date: ymd(2026, 3, 2), kind: DayOffKind::Extra, holiday: None, note: String::new() },
                DayOff { date: ymd(2027, 1, 1), kind: DayOffKind::Holiday, holiday: Some("new_year".into()), note: String::new() },
                DayOff { date: ymd(2026, 3, 2), kind: DayOffKind::Extra, holiday: None, note: String::new() },
                DayOff { date: ymd(2026, 3, 3), kind: DayOffKind::Holiday, holiday: Some("nope".into()), note: String::new() },
            ],
            working_days: vec![
                WorkingDay { date: ymd(2026, 3, 4), note: String::new() },
                WorkingDay { date: ymd(2026, 3, 7), note: String::new() },
            ],
            source: String::new(),
        };
        let p: Vec<_> = c.check(&rules).into_iter().map(|p| (p.list, p.index, p.code)).collect();
        assert_eq!(
            p,
            [
                ("days_off", 1, "calendar.date_outside_year"),
                ("days_off", 2, "calendar.date_twice"),
                ("days_off", 3, "calendar.unknown_holiday"),
                ("working_days", 0, "calendar.working_day_not_weekend"),
            ]
        );
    }
}
