//! Arbitrary input: no panic anywhere, typed errors outside the range.

use chrono::{Duration, NaiveDate};
use danvan_calendar::lunar::{FIRST_DAY, LAST_DAY};
use danvan_calendar::{CalendarError, LunarDate, WorkingCalendar, to_lunar, to_solar};
use proptest::prelude::*;

fn day(offset: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2000, 1, 1)?.checked_add_signed(Duration::days(i64::from(offset)))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_solar_date_converts_or_is_out_of_range(offset in -400_000i32..400_000) {
        let Some(d) = day(offset) else { return Ok(()) };
        match to_lunar(d) {
            Ok(l) => {
                prop_assert!((FIRST_DAY..=LAST_DAY).contains(&d));
                prop_assert_eq!(to_solar(l), Ok(d));
            }
            Err(e) => {
                prop_assert!(!(FIRST_DAY..=LAST_DAY).contains(&d));
                prop_assert_eq!(e, CalendarError::OutOfRange { date: d });
            }
        }
    }

    #[test]
    fn any_lunar_date_is_a_day_or_a_typed_error(year in any::<i32>(), month in any::<u8>(), day in any::<u8>(), leap in any::<bool>()) {
        let l = LunarDate::new(year, month, day, leap);
        match to_solar(l) {
            Ok(d) => prop_assert_eq!(to_lunar(d), Ok(l)),
            Err(e) => prop_assert!(matches!(e, CalendarError::NoSuchLunarDate { .. } | CalendarError::OutOfRange { .. } | CalendarError::LunarYearOutOfRange { .. }), "{e:?}"),
        }
    }

    #[test]
    fn lunar_dates_in_range_mostly_exist(year in 1900i32..2200, month in 1u8..=12, day in 1u8..=29) {
        // days 1-29 of every ordinary month exist (1899 and late 2199 aside)
        let l = LunarDate::new(year, month, day, false);
        if let Ok(d) = to_solar(l) {
            prop_assert_eq!(to_lunar(d), Ok(l));
        } else {
            prop_assert!(year == 2199 || year == 2200, "{l:?}");
        }
    }

    #[test]
    fn deadlines_never_panic_and_come_after_receipt(offset in -60_000i32..80_000, n in 0u32..4000, calendar_days in any::<bool>()) {
        let cal = WorkingCalendar::default();
        let Some(received) = day(offset) else { return Ok(()) };
        let r = if calendar_days { cal.add_days(received, n) } else { cal.add_working_days(received, n) };
        match r {
            Ok(due) => {
                prop_assert!(due.date >= received);
                prop_assert!(cal.is_working_day(due.date).unwrap());
                if !calendar_days && n > 0 {
                    prop_assert_eq!(cal.working_days_between(received, due.date).unwrap(), n);
                }
            }
            Err(e) => prop_assert!(matches!(e, CalendarError::OutOfRange { .. } | CalendarError::PeriodTooLong { .. }), "{e:?}"),
        }
    }
}
