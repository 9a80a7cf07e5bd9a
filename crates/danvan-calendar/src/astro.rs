//! The astronomy under the lunar calendar: Julian day numbers, the instant of
//! each new moon and the Sun's apparent longitude.
//!
//! Source: Hồ Ngọc Đức, "Thuật toán tính âm lịch" (Computing the Vietnamese
//! lunar calendar, 2004–2012, `informatik.uni-leipzig.de/~duc/amlich`), which
//! takes the formulas from Jean Meeus, *Astronomical Algorithms* (2nd ed.,
//! Willmann-Bell 1998): the mean new moon with its periodic terms (ch. 49,
//! truncated as in Đức's program) and the Sun's apparent longitude (ch. 25,
//! low-precision method). Both are accurate to a few minutes over
//! 1900–2199, which is what the day of a new moon needs; the rare new moon
//! within minutes of midnight is where calendars computed with other
//! formulas may differ, and the tests pin the published dates.

use std::f64::consts::PI;

/// The Julian day number of 1900-01-01 (Gregorian) minus one, as Đức's
/// program uses it for the lunation count: new moon number 0 is the one of
/// 1900-01-01 (JD 2415021.076998695).
pub(crate) const JD_EPOCH_1900: f64 = 2_415_021.076_998_695;

/// The mean synodic month in days (Meeus ch. 49).
pub(crate) const SYNODIC_MONTH: f64 = 29.530_588_853;

const DR: f64 = PI / 180.0;

/// The Julian day number (an integer day count, noon to noon) of a Gregorian
/// date, from chrono's day count (`0001-01-01` is day 1 and JD 1 721 426).
pub(crate) fn julian_day(d: chrono::NaiveDate) -> i64 {
    use chrono::Datelike;
    i64::from(d.num_days_from_ce()) + 1_721_425
}

/// The Gregorian date of Julian day number `jd` (`None` beyond chrono's range).
pub(crate) fn date_of_julian_day(jd: i64) -> Option<chrono::NaiveDate> {
    let days = i32::try_from(jd - 1_721_425).ok()?;
    chrono::NaiveDate::from_num_days_from_ce_opt(days)
}

/// The instant of new moon number `k` (0 = the new moon of 1900-01-01) as a
/// Julian date in Terrestrial Time converted to UTC (Meeus ch. 49, with
/// Đức's ΔT approximation).
pub(crate) fn new_moon(k: i64) -> f64 {
    let k = k as f64;
    let t = k / 1236.85;
    let t2 = t * t;
    let t3 = t2 * t;
    let mut jd1 = 2_415_020.759_33 + 29.530_588_68 * k + 0.000_117_8 * t2 - 0.000_000_155 * t3;
    jd1 += 0.000_33 * ((166.56 + 132.87 * t - 0.009_173 * t2) * DR).sin();
    // mean anomalies of the Sun and the Moon, the Moon's argument of latitude
    let m = 359.2242 + 29.105_356_08 * k - 0.000_033_3 * t2 - 0.000_003_47 * t3;
    let mpr = 306.0253 + 385.816_918_06 * k + 0.010_730_6 * t2 + 0.000_012_36 * t3;
    let f = 21.2964 + 390.670_506_46 * k - 0.001_652_8 * t2 - 0.000_002_39 * t3;
    let mut c1 = (0.1734 - 0.000_393 * t) * (m * DR).sin() + 0.0021 * (2.0 * DR * m).sin();
    c1 = c1 - 0.4068 * (mpr * DR).sin() + 0.0161 * (DR * 2.0 * mpr).sin();
    c1 -= 0.0004 * (DR * 3.0 * mpr).sin();
    c1 = c1 + 0.0104 * (DR * 2.0 * f).sin() - 0.0051 * (DR * (m + mpr)).sin();
    c1 = c1 - 0.0074 * (DR * (m - mpr)).sin() + 0.0004 * (DR * (2.0 * f + m)).sin();
    c1 = c1 - 0.0004 * (DR * (2.0 * f - m)).sin() - 0.0006 * (DR * (2.0 * f + mpr)).sin();
    c1 = c1 + 0.0010 * (DR * (2.0 * f - mpr)).sin() + 0.0005 * (DR * (2.0 * mpr + m)).sin();
    let delta_t = if t < -11.0 {
        0.001 + 0.000_839 * t + 0.000_226_1 * t2 - 0.000_008_45 * t3 - 0.000_000_081 * t * t3
    } else {
        -0.000_278 + 0.000_265 * t + 0.000_262 * t2
    };
    jd1 + c1 - delta_t
}

/// The Sun's apparent longitude in radians, in `[0, 2π)`, at Julian date
/// `jd` (UTC) (Meeus ch. 25, low precision).
pub(crate) fn sun_longitude(jd: f64) -> f64 {
    let t = (jd - 2_451_545.0) / 36_525.0;
    let t2 = t * t;
    let m = 357.529_10 + 35_999.050_30 * t - 0.000_155_9 * t2 - 0.000_000_48 * t * t2;
    let l0 = 280.466_45 + 36_000.769_83 * t + 0.000_303_2 * t2;
    let mut dl = (1.914_600 - 0.004_817 * t - 0.000_014 * t2) * (DR * m).sin();
    dl = dl + (0.019_993 - 0.000_101 * t) * (DR * 2.0 * m).sin() + 0.000_290 * (DR * 3.0 * m).sin();
    let l = (l0 + dl) * DR;
    l.rem_euclid(2.0 * PI)
}

/// The day (Julian day number) of new moon `k` on the meridian `zone_hours`
/// east of Greenwich: the local civil day that contains the instant.
pub(crate) fn new_moon_day(k: i64, zone_hours: i32) -> i64 {
    (new_moon(k) + 0.5 + f64::from(zone_hours) / 24.0).floor() as i64
}

/// The major solar term (trung khí) in force at the start of local day `jd`
/// on meridian `zone_hours`: the Sun's longitude in 30° sectors, `0` (from
/// 0°, the March equinox) to `11`; `9` begins at the winter solstice (270°).
pub(crate) fn solar_term_sector(jd: i64, zone_hours: i32) -> u8 {
    let lon = sun_longitude(jd as f64 - 0.5 - f64::from(zone_hours) / 24.0);
    ((lon / PI * 6.0).floor() as i64).clamp(0, 11) as u8
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn julian_day_numbers_match_meeus() {
        // Meeus example 7.a: 1957-10-04 is JD 2436116 (at noon)
        assert_eq!(julian_day(NaiveDate::from_ymd_opt(1957, 10, 4).unwrap()), 2_436_116);
        assert_eq!(julian_day(NaiveDate::from_ymd_opt(2000, 1, 1).unwrap()), 2_451_545);
        assert_eq!(date_of_julian_day(2_451_545), NaiveDate::from_ymd_opt(2000, 1, 1));
    }

    #[test]
    fn the_new_moon_of_january_2000_is_on_the_sixth() {
        // 2000-01-06 18:14 UTC (published ephemeris); k counts from 1900-01
        let k = ((julian_day(NaiveDate::from_ymd_opt(2000, 1, 6).unwrap()) as f64 - JD_EPOCH_1900) / SYNODIC_MONTH).round() as i64;
        let jd = new_moon(k);
        let minutes_off = ((jd - 2_451_550.26) * 24.0 * 60.0).abs();
        assert!(minutes_off < 10.0, "new moon off by {minutes_off} minutes");
        assert_eq!(new_moon_day(k, 7), 2_451_551, "01:14 on 7 January in Hanoi");
        assert_eq!(new_moon_day(k, 0), 2_451_550);
    }

    #[test]
    fn the_winter_solstice_begins_sector_nine() {
        // the 2023 solstice was 22 December 03:27 UTC, 10:27 in Hanoi
        let d = julian_day(NaiveDate::from_ymd_opt(2023, 12, 22).unwrap());
        assert_eq!(solar_term_sector(d, 7), 8, "at midnight of the 22nd the Sun is still before 270°");
        assert_eq!(solar_term_sector(d + 1, 7), 9);
    }
}
