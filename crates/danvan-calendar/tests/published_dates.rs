//! The calendar against published dates (tests/data/*.tsv): Tết of every
//! year 1900–2199 from Hồ Ngọc Đức's published table (cross-checked with
//! vacanza/holidays' Vietnamese dates for 1901–2100), the years where
//! Vietnam's Tết differs from China's, and 453 other lunar dates (leap
//! months, Giỗ Tổ Hùng Vương, Tết Trung thu, another implementation's
//! fixtures).
//!
//! Known differences, each a day on which no computation can be sure:
//! see [`KNOWN`].

use chrono::NaiveDate;
use danvan_calendar::{LunarDate, Meridian, to_lunar, to_solar};

/// Years whose published Tết our computation does not give, and why.
/// 1916, 1925: before 1968, when the calendar of record (Hiệp Kỷ lịch) was
/// not a computation on one meridian (the table's 1925 date fits neither
/// UTC+7 nor UTC+8; 1916's fits UTC+7 only). (2175 and 2199, whose new
/// moons are 24 s and about 2 min before midnight at UTC+7, match since
/// the new moon uses Meeus's complete series and Espenak–Meeus ΔT; the
/// truncated series of Đức's program gave the next day.)
const KNOWN: [(i32, &str); 2] = [(1916, "1916-02-04"), (1925, "1925-01-24")];

fn rows(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).map(|l| l.split('\t').collect())
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn tet_of_every_year_matches_the_published_table() {
    let mut checked = 0;
    let mut wrong = Vec::new();
    for r in rows(include_str!("data/tet.tsv")) {
        let year: i32 = r[0].parse().unwrap();
        let ours = danvan_calendar::tet(year).unwrap();
        let expected = KNOWN.iter().find(|(y, _)| *y == year).map(|(_, d)| date(d)).unwrap_or_else(|| date(r[1]));
        if ours != expected {
            wrong.push(format!("{year}: published {} ({}), ours {ours}", r[1], r[2]));
        }
        checked += 1;
    }
    assert_eq!(checked, 300);
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn where_vietnam_and_china_differ() {
    for r in rows(include_str!("data/differs.tsv")) {
        let year: i32 = r[0].parse().unwrap();
        if KNOWN.iter().any(|(y, _)| *y == year) {
            continue;
        }
        assert_eq!(danvan_calendar::tet(year).unwrap(), date(r[1]), "{year} in Vietnam");
        let china = to_solar_on_china(year);
        assert_eq!(china, date(r[2]), "{year} on the UTC+8 meridian");
    }
}

fn to_solar_on_china(year: i32) -> NaiveDate {
    danvan_calendar::lunar::to_solar_on(LunarDate::new(year, 1, 1, false), Meridian::Fixed(8)).unwrap()
}

#[test]
fn other_published_lunar_dates() {
    let mut checked = 0;
    let mut wrong = Vec::new();
    for r in rows(include_str!("data/other.tsv")) {
        let solar = date(r[0]);
        let p: Vec<i32> = r[1].split('/').map(|x| x.parse().unwrap()).collect();
        let lunar = LunarDate::new(p[2], p[1] as u8, p[0] as u8, r[2] == "1");
        if to_lunar(solar) != Ok(lunar) || to_solar(lunar) != Ok(solar) {
            wrong.push(format!("{solar} = {} leap {} ({}): ours {:?}", r[1], r[2], r[3], to_lunar(solar)));
        }
        checked += 1;
    }
    assert_eq!(checked, 453);
    assert!(wrong.is_empty(), "{} of {checked}:\n{}", wrong.len(), wrong.join("\n"));
}
