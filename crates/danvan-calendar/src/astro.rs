//! The astronomy under the lunar calendar: Julian day numbers, the instant of
//! each new moon and the Sun's apparent longitude.
//!
//! Method: Hồ Ngọc Đức, "Thuật toán tính âm lịch" (Computing the Vietnamese
//! lunar calendar, 2004–2012, `informatik.uni-leipzig.de/~duc/amlich`), which
//! takes the formulas from Jean Meeus, *Astronomical Algorithms* (2nd ed.,
//! Willmann-Bell 1998). Đức's program truncates Meeus's new-moon series and
//! uses a rough ΔT, which puts new moons up to about 5 minutes off over
//! 1900–2199; here the new moon is Meeus's complete ch. 49 method (all
//! periodic terms, the eccentricity factor E and the 14 planetary
//! arguments) in Terrestrial Time, converted to Universal Time with the ΔT
//! polynomials of Espenak and Meeus (2006, NASA's eclipse site). Over
//! 1900–2199 this agrees with PyEphem's new moons to within 20 s before
//! 2025 and after 2150, and within 40 s between, where the two programs'
//! ΔT extrapolations differ most. It gives every Tết of Đức's published
//! year table from 1968 on, including 2175 and 2199, which the truncated
//! series put a day late, and every month start of the table from 1968 on
//! but one: the table begins month 4 of 2054 on 05-07, this gives 05-08
//! (the new moon is about 20 s after midnight at UTC+7; PyEphem also gives
//! 05-08). Beyond about 2020, ΔT itself is an extrapolation uncertain by minutes,
//! so a new moon within a minute or two of local midnight (2054-05,
//! 2077-11, 2175-01, …) can never be certain. The Sun's apparent longitude
//! is Meeus's low-precision method (ch. 25), enough for the day of a major
//! solar term.

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

/// Meeus's lunation number of new moon number 0 here (the new moon of
/// 1900-01-01): Meeus counts `k` from the new moon of 2000-01-06.
const MEEUS_K_OF_1900: f64 = -1237.0;

/// The instant of new moon number `k` (0 = the new moon of 1900-01-01) as a
/// Julian date in Universal Time: [`new_moon_tt`] minus ΔT
/// ([`delta_t_seconds`]).
pub(crate) fn new_moon(k: i64) -> f64 {
    let jde = new_moon_tt(k);
    jde - delta_t_seconds(decimal_year(jde)) / 86_400.0
}

/// The instant of new moon number `k` (0 = the new moon of 1900-01-01) as a
/// Julian Ephemeris Day (Terrestrial Time): the complete method of Meeus,
/// ch. 49 (the mean phase, the 25 periodic terms of the new moon with the
/// eccentricity factor `E`, and the 14 planetary arguments A1–A14); the
/// test reproduces Meeus's example 49.a to 1 s.
pub(crate) fn new_moon_tt(k: i64) -> f64 {
    let k = k as f64 + MEEUS_K_OF_1900;
    let t = k / 1236.85;
    let (t2, t3, t4) = (t * t, t * t * t, t * t * t * t);
    // the mean phase (49.1)
    let jde = 2_451_550.097_66 + 29.530_588_861 * k + 0.000_154_37 * t2 - 0.000_000_150 * t3 + 0.000_000_000_73 * t4;
    // the eccentricity of the Earth's orbit (47.6), the Sun's and the Moon's
    // mean anomalies, the Moon's argument of latitude and the longitude of
    // its ascending node (49.4–49.7), in radians
    let e = 1.0 - 0.002_516 * t - 0.000_007_4 * t2;
    let m = (2.5534 + 29.105_356_70 * k - 0.000_001_4 * t2 - 0.000_000_11 * t3) * DR;
    let mp = (201.5643 + 385.816_935_28 * k + 0.010_758_2 * t2 + 0.000_012_38 * t3 - 0.000_000_058 * t4) * DR;
    let f = (160.7108 + 390.670_502_84 * k - 0.001_611_8 * t2 - 0.000_002_27 * t3 + 0.000_000_011 * t4) * DR;
    let om = (124.7746 - 1.563_755_88 * k + 0.002_067_2 * t2 + 0.000_002_15 * t3) * DR;
    // the periodic terms of the new moon, in days
    let periodic: [(f64, f64); 25] = [
        (-0.407_20, mp.sin()),
        (0.172_41 * e, m.sin()),
        (0.016_08, (2.0 * mp).sin()),
        (0.010_39, (2.0 * f).sin()),
        (0.007_39 * e, (mp - m).sin()),
        (-0.005_14 * e, (mp + m).sin()),
        (0.002_08 * e * e, (2.0 * m).sin()),
        (-0.001_11, (mp - 2.0 * f).sin()),
        (-0.000_57, (mp + 2.0 * f).sin()),
        (0.000_56 * e, (2.0 * mp + m).sin()),
        (-0.000_42, (3.0 * mp).sin()),
        (0.000_42 * e, (m + 2.0 * f).sin()),
        (0.000_38 * e, (m - 2.0 * f).sin()),
        (-0.000_24 * e, (2.0 * mp - m).sin()),
        (-0.000_17, om.sin()),
        (-0.000_07, (mp + 2.0 * m).sin()),
        (0.000_04, (2.0 * mp - 2.0 * f).sin()),
        (0.000_04, (3.0 * m).sin()),
        (0.000_03, (mp + m - 2.0 * f).sin()),
        (0.000_03, (2.0 * mp + 2.0 * f).sin()),
        (-0.000_03, (mp + m + 2.0 * f).sin()),
        (0.000_03, (mp - m + 2.0 * f).sin()),
        (-0.000_02, (mp - m - 2.0 * f).sin()),
        (-0.000_02, (3.0 * mp + m).sin()),
        (0.000_02, (4.0 * mp).sin()),
    ];
    // the planetary arguments A1–A14: (coefficient in days, A at k = 0 in
    // degrees, degrees per lunation); A1 also has −0.009173 T²
    let planetary: [(f64, f64, f64); 14] = [
        (0.000_325, 299.77, 0.107_408),
        (0.000_165, 251.88, 0.016_321),
        (0.000_164, 251.83, 26.651_886),
        (0.000_126, 349.42, 36.412_478),
        (0.000_110, 84.66, 18.206_239),
        (0.000_062, 141.74, 53.303_771),
        (0.000_060, 207.14, 2.453_732),
        (0.000_056, 154.84, 7.306_860),
        (0.000_047, 34.52, 27.261_239),
        (0.000_042, 207.19, 0.121_824),
        (0.000_040, 291.34, 1.844_379),
        (0.000_037, 161.72, 24.198_154),
        (0.000_035, 239.56, 25.513_099),
        (0.000_023, 331.55, 3.592_518),
    ];
    let terms: f64 = periodic.iter().map(|(c, s)| c * s).sum();
    let planets: f64 = planetary
        .iter()
        .enumerate()
        .map(|(i, (c, a0, rate))| {
            let a1_t2 = if i == 0 { -0.009_173 * t2 } else { 0.0 };
            c * ((a0 + rate * k + a1_t2) * DR).sin()
        })
        .sum();
    jde + terms + planets
}

/// The decimal year (e.g. 2000.0 at the start of 2000) of Julian date `jd`,
/// accurate to a day or so, which is all ΔT needs.
fn decimal_year(jd: f64) -> f64 {
    2000.0 + (jd - 2_451_544.5) / 365.2425
}

/// ΔT = TT − UT in seconds for decimal year `y`: the polynomials of
/// F. Espenak and J. Meeus, *Five Millennium Canon of Solar Eclipses:
/// −1999 to +3000* (NASA/TP-2006-214141), as published on NASA's eclipse
/// web site ("Polynomial expressions for Delta T"), for 1800 to 2150 and
/// the long-term parabola −20 + 32 u² (u in centuries from 1820) beyond.
/// Before 1800 (never needed here) the long-term parabola is used too.
/// Past about 2020 these are extrapolations: their uncertainty grows to
/// a few minutes by 2199.
pub(crate) fn delta_t_seconds(y: f64) -> f64 {
    let long_term = |y: f64| {
        let u = (y - 1820.0) / 100.0;
        -20.0 + 32.0 * u * u
    };
    if y < 1800.0 {
        long_term(y)
    } else if y < 1860.0 {
        let t = y - 1800.0;
        13.72 - 0.332_447 * t + 0.006_861_2 * t.powi(2) + 0.004_111_6 * t.powi(3) - 0.000_374_36 * t.powi(4)
            + 0.000_012_127_2 * t.powi(5)
            - 0.000_000_169_9 * t.powi(6)
            + 0.000_000_000_875 * t.powi(7)
    } else if y < 1900.0 {
        let t = y - 1860.0;
        7.62 + 0.573_7 * t - 0.251_754 * t.powi(2) + 0.016_806_68 * t.powi(3) - 0.000_447_362_4 * t.powi(4) + t.powi(5) / 233_174.0
    } else if y < 1920.0 {
        let t = y - 1900.0;
        -2.79 + 1.494_119 * t - 0.059_893_9 * t.powi(2) + 0.006_196_6 * t.powi(3) - 0.000_197 * t.powi(4)
    } else if y < 1941.0 {
        let t = y - 1920.0;
        21.20 + 0.844_93 * t - 0.076_100 * t.powi(2) + 0.002_093_6 * t.powi(3)
    } else if y < 1961.0 {
        let t = y - 1950.0;
        29.07 + 0.407 * t - t.powi(2) / 233.0 + t.powi(3) / 2547.0
    } else if y < 1986.0 {
        let t = y - 1975.0;
        45.45 + 1.067 * t - t.powi(2) / 260.0 - t.powi(3) / 718.0
    } else if y < 2005.0 {
        let t = y - 2000.0;
        63.86 + 0.3345 * t - 0.060_374 * t.powi(2) + 0.001_727_5 * t.powi(3) + 0.000_651_814 * t.powi(4)
            + 0.000_023_735_99 * t.powi(5)
    } else if y < 2050.0 {
        let t = y - 2000.0;
        62.92 + 0.322_17 * t + 0.005_589 * t.powi(2)
    } else if y < 2150.0 {
        long_term(y) - 0.5628 * (2150.0 - y)
    } else {
        long_term(y)
    }
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
        // 2000-01-06 18:14 UT (published ephemeris); k counts from 1900-01
        let k = ((julian_day(NaiveDate::from_ymd_opt(2000, 1, 6).unwrap()) as f64 - JD_EPOCH_1900) / SYNODIC_MONTH).round() as i64;
        let jd = new_moon(k);
        let minutes_off = ((jd - 2_451_550.259_7) * 24.0 * 60.0).abs();
        assert!(minutes_off < 1.0, "new moon off by {minutes_off} minutes");
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

    #[test]
    fn meeus_example_49_a() {
        // the new moon of February 1977 (Meeus's k = -283): JDE 2443192.65118
        let k = -283 - MEEUS_K_OF_1900 as i64;
        let seconds_off = (new_moon_tt(k) - 2_443_192.651_18) * 86_400.0;
        assert!(seconds_off.abs() < 1.0, "off by {seconds_off} s");
    }

    #[test]
    fn delta_t_is_continuous_and_matches_nasa() {
        for (y, dt) in [(1900.0, -2.79), (1950.0, 29.07), (1975.0, 45.45), (2000.0, 63.86)] {
            assert!((delta_t_seconds(y) - dt).abs() < 0.01, "{y}");
        }
        // the long-term parabola from 2150: −20 + 32 · 3.3² s
        assert!((delta_t_seconds(2150.0) - 328.48).abs() < 0.01);
        // no jump of more than a second where one polynomial hands over
        for y in [1860.0, 1900.0, 1920.0, 1941.0, 1961.0, 1986.0, 2005.0, 2050.0, 2150.0] {
            let jump = delta_t_seconds(y) - delta_t_seconds(y - 1e-9);
            assert!(jump.abs() < 1.0, "ΔT jumps by {jump} s at {y}");
        }
    }
}
