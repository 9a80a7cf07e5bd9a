//! Vietnam's time: UTC+7 all year (Indochina Time, no daylight saving;
//! the country's legal time since 1975, Decision 121/1967 and after). Every
//! local date and time shown or parsed by danvan goes through here.

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone, Utc};

/// The offset of Vietnam's legal time from UTC, in seconds (7 hours).
pub const VIETNAM_UTC_OFFSET_SECONDS: i32 = 7 * 3600;

/// Vietnam's time zone as a fixed offset (UTC+7).
pub fn vietnam() -> FixedOffset {
    FixedOffset::east_opt(VIETNAM_UTC_OFFSET_SECONDS).expect("UTC+7 is a valid offset")
}

/// 00:00 of day `d` in Vietnam, as UTC (the previous day, 17:00 UTC).
pub fn vietnam_day_start(d: NaiveDate) -> DateTime<Utc> {
    vietnam().from_local_datetime(&d.and_hms_opt(0, 0, 0).expect("midnight exists")).single().expect("a fixed offset has no gaps").with_timezone(&Utc)
}

/// Today's date in Vietnam.
pub fn vietnam_today() -> NaiveDate {
    Utc::now().with_timezone(&vietnam()).date_naive()
}

/// `t` in Vietnam, written `dd/mm/yyyy HH:MM` as Vietnamese documents do.
pub fn vietnam_display(t: DateTime<Utc>) -> String {
    t.with_timezone(&vietnam()).format("%d/%m/%Y %H:%M").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn midnight_in_hanoi_is_five_pm_utc_the_day_before() {
        let d = NaiveDate::from_ymd_opt(2023, 7, 25).unwrap();
        assert_eq!(vietnam_day_start(d).to_rfc3339(), "2023-07-24T17:00:00+00:00");
        assert_eq!(vietnam_display(vietnam_day_start(d)), "25/07/2023 00:00");
    }
}
