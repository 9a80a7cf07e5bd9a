//! Every day of the supported range: solar → lunar → solar is the identity,
//! months have 29 or 30 days, years 12 or 13 months with at most one leap
//! month, and day 1 of each month is the day after the previous month's
//! last day.

use chrono::{Duration, NaiveDate};
use danvan_calendar::lunar::{FIRST_DAY, LAST_DAY};
use danvan_calendar::{LunarDate, leap_month, month_length, to_lunar, to_solar};
use std::collections::BTreeMap;

#[test]
fn every_day_from_1900_to_2199_round_trips() {
    let mut d = FIRST_DAY;
    let mut prev: Option<LunarDate> = None;
    // (year) -> months seen, in order; (year, month, leap) -> days
    let mut months: BTreeMap<i32, Vec<(u8, bool)>> = BTreeMap::new();
    let mut lengths: BTreeMap<(i32, u8, bool), u8> = BTreeMap::new();
    let mut days = 0u32;
    while d <= LAST_DAY {
        let l = to_lunar(d).unwrap_or_else(|e| panic!("{d}: {e}"));
        assert_eq!(to_solar(l), Ok(d), "{d} → {l:?} does not come back");
        if let Some(p) = prev {
            if l.day == 1 {
                assert!(p.day == 29 || p.day == 30, "{d}: month {:?} ended on day {}", (p.year, p.month, p.leap), p.day);
            } else {
                assert_eq!((l.year, l.month, l.leap, l.day), (p.year, p.month, p.leap, p.day + 1), "{d}: days do not follow");
            }
        }
        if l.day == 1 || prev.is_none() {
            months.entry(l.year).or_default().push((l.month, l.leap));
        }
        let e = lengths.entry((l.year, l.month, l.leap)).or_default();
        *e = (*e).max(l.day);
        prev = Some(l);
        d += Duration::days(1);
        days += 1;
    }
    assert_eq!(days, 109_573);
    // the first and last lunar years are partial
    let first = *months.keys().next().unwrap();
    let last = *months.keys().last().unwrap();
    for (year, ms) in &months {
        if *year == first || *year == last {
            continue;
        }
        let leaps: Vec<_> = ms.iter().filter(|(_, leap)| *leap).collect();
        assert!(ms.len() == 12 || ms.len() == 13, "{year}: {} months", ms.len());
        assert_eq!(leaps.len(), ms.len() - 12, "{year}: a 13-month year has one leap month");
        let numbers: Vec<u8> = ms.iter().filter(|(_, leap)| !leap).map(|(m, _)| *m).collect();
        assert_eq!(numbers, (1..=12).collect::<Vec<u8>>(), "{year}: months 1-12 in order");
        assert_eq!(leap_month(*year).unwrap(), leaps.first().map(|(m, _)| *m), "{year}");
    }
    for ((year, month, leap), n) in &lengths {
        if *year == first || *year == last {
            continue;
        }
        assert!(*n == 29 || *n == 30, "{year}/{month}{}: {n} days", if *leap { "n" } else { "" });
        assert_eq!(month_length(*year, *month, *leap).unwrap(), *n);
    }
    // the lunar date of the first day: 1/12 of Kỷ Hợi (1899)
    assert_eq!(to_lunar(NaiveDate::from_ymd_opt(1900, 1, 1).unwrap()).unwrap(), LunarDate::new(1899, 12, 1, false));
}
