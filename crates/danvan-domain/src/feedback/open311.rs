//! Open311 GeoReport v2 (the specification on the Open311 wiki: services,
//! service definitions, requests, tokens; XML required, JSON optional):
//! the rules that hold whatever the transport.
//!
//! * a feedback category is a service; its `service_code` is the
//!   category's id, written in decimal (stable while names change);
//! * every service has one attribute, [`TITLE_ATTRIBUTE`]: our items have
//!   a title and GeoReport has none; without it the title is the start of
//!   the description ([`title_from`]);
//! * `status` is `open` while an answer is owed (received, accepted,
//!   reopened) and `closed` once answered, refused or linked as a
//!   duplicate ([`public_status`]);
//! * a request list covers at most [`MAX_DAYS`] days ([`DateRange`],
//!   default: the last 90 days) and [`MAX_REQUESTS`] rows;
//! * datetimes are ISO 8601 in Vietnam's time, `+07:00` ([`iso`]);
//! * API keys: 32 random bytes shown once as 64 hex digits, stored as
//!   their SHA-256 ([`new_key`], [`key_hash`]). A key is 256 bits of
//!   randomness, so a fast hash is enough (no password stretching) and is
//!   cheap on every POST.
//!
//! Personal data never leaves through Open311: see the web module
//! `open311` and the store's `public_fields`.

use super::Status;
use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};

/// The code of the one attribute every service has: a short title.
pub const TITLE_ATTRIBUTE: &str = "title";

/// The longest request list, in rows (the specification's default limit).
pub const MAX_REQUESTS: u64 = 1000;

/// The longest span of a request list, in days (the specification's).
pub const MAX_DAYS: i64 = 90;

/// The longest `description` in an answer, in characters (the shared
/// schema's `maxLength`); longer published texts are cut with `…`.
pub const MAX_DESCRIPTION_CHARS: usize = 4000;

/// A generated title's length, in characters at most (cut at a word).
pub const GENERATED_TITLE_CHARS: usize = 100;

/// The longest API key name, in characters.
pub const MAX_KEY_NAME_CHARS: usize = 100;

/// `open` or `closed` as GeoReport says: closed once nothing more is owed
/// to the reporter (answered, refused, a duplicate of another item).
pub fn public_status(s: Status) -> &'static str {
    match s {
        Status::Received | Status::Accepted | Status::Reopened => "open",
        Status::Answered | Status::Refused | Status::Duplicate => "closed",
    }
}

/// The statuses of `open` or `closed` (`None` for any other word).
pub fn statuses_of(word: &str) -> Option<&'static [Status]> {
    match word.trim() {
        "open" => Some(&[Status::Received, Status::Accepted, Status::Reopened]),
        "closed" => Some(&[Status::Answered, Status::Refused, Status::Duplicate]),
        _ => None,
    }
}

/// `t` in Vietnam's time, ISO 8601 with its offset:
/// `2026-04-29T10:00:00+07:00` (whole seconds).
pub fn iso(t: DateTime<Utc>) -> String {
    t.with_timezone(&crate::time::vietnam()).format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// A datetime as a client writes it: RFC 3339 / ISO 8601 with an offset
/// or `Z` (`2026-04-29T10:00:00+07:00`), without one (Vietnam's time), or a
/// date alone (`2026-04-29`: 00:00 in Vietnam; with `end_of_day`, 00:00 of
/// the next day, so the whole day is in). `None` when it is none of these.
pub fn parse_datetime(s: &str, end_of_day: bool) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    let vn = crate::time::vietnam();
    if let Ok(t) = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S") {
        return vn.from_local_datetime(&t).single().map(|t| t.with_timezone(&Utc));
    }
    let d = NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()?;
    let d = if end_of_day { d.succ_opt()? } else { d };
    Some(crate::time::vietnam_day_start(d))
}

/// The span a request list covers: `[from, until)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateRange {
    pub from: DateTime<Utc>,
    pub until: DateTime<Utc>,
}

impl DateRange {
    /// The span of `start_date` and `end_date` at `now`: both given, as
    /// given (at most [`MAX_DAYS`]); one given, [`MAX_DAYS`] from or to
    /// it; neither, the last [`MAX_DAYS`] days.
    ///
    /// Errors, as `(parameter, message key)`: `start_date` or `end_date`
    /// (`open311.error.datetime`: not a datetime), `end_date`
    /// (`open311.error.range_order`: before the start;
    /// `open311.error.range_span`: over [`MAX_DAYS`]).
    pub fn of(start: Option<&str>, end: Option<&str>, now: DateTime<Utc>) -> Result<DateRange, (&'static str, &'static str)> {
        let span = chrono::Duration::days(MAX_DAYS);
        let parse = |v: Option<&str>, name: &'static str, end: bool| match v.map(str::trim).filter(|v| !v.is_empty()) {
            None => Ok(None),
            Some(v) => parse_datetime(v, end).map(Some).ok_or((name, "open311.error.datetime")),
        };
        let (from, until) = (parse(start, "start_date", false)?, parse(end, "end_date", true)?);
        let r = match (from, until) {
            (Some(from), Some(until)) => DateRange { from, until },
            (Some(from), None) => DateRange { from, until: from + span },
            (None, Some(until)) => DateRange { from: until - span, until },
            (None, None) => DateRange { from: now - span, until: now + chrono::Duration::seconds(1) },
        };
        if r.until < r.from {
            return Err(("end_date", "open311.error.range_order"));
        }
        if r.until - r.from > span + chrono::Duration::days(1) {
            return Err(("end_date", "open311.error.range_span"));
        }
        Ok(r)
    }
}

/// A title from a description when the client sent none: its first line,
/// cut at a word within [`GENERATED_TITLE_CHARS`] characters (with `…`
/// when cut).
pub fn title_from(description: &str) -> String {
    let line = description.trim().lines().next().unwrap_or("").trim();
    if line.chars().count() <= GENERATED_TITLE_CHARS {
        return line.to_owned();
    }
    let cut: String = line.chars().take(GENERATED_TITLE_CHARS - 1).collect();
    let at_word = match cut.rfind(' ') {
        Some(i) if i > GENERATED_TITLE_CHARS / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", at_word.trim_end())
}

/// `text` cut to `max` characters, the last one `…` when cut.
pub fn cut_chars(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
    s.push('…');
    s
}

/// Where a request is, as posted: a latitude and longitude (WGS 84), an
/// address, or an address id (at least one of the three).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Location {
    pub lat: Option<f64>,
    pub long: Option<f64>,
    pub address: String,
    pub address_id: String,
}

/// Longest `address_id` taken, in characters (as the web form's place).
pub const MAX_ADDRESS_ID_CHARS: usize = 200;

/// Checks a posted location. Errors, as `(parameter, message key)`:
/// `lat` or `long` (`open311.error.coordinate`: not a number in range, or
/// one without the other), `lat` (`open311.error.location`: no location at
/// all), `address_id` (`open311.error.address_id`: over
/// [`MAX_ADDRESS_ID_CHARS`]).
pub fn check_location(lat: Option<&str>, long: Option<&str>, address: &str, address_id: &str) -> Result<Location, (&'static str, &'static str)> {
    let num = |v: Option<&str>, name: &'static str, max: f64| -> Result<Option<f64>, (&'static str, &'static str)> {
        match v.map(str::trim).filter(|v| !v.is_empty()) {
            None => Ok(None),
            Some(v) => match v.parse::<f64>() {
                Ok(x) if x.is_finite() && x.abs() <= max => Ok(Some(x)),
                _ => Err((name, "open311.error.coordinate")),
            },
        }
    };
    let (la, lo) = (num(lat, "lat", 90.0)?, num(long, "long", 180.0)?);
    match (la, lo) {
        (Some(_), None) => return Err(("long", "open311.error.coordinate")),
        (None, Some(_)) => return Err(("lat", "open311.error.coordinate")),
        _ => {}
    }
    let (address, address_id) = (address.trim().to_owned(), address_id.trim().to_owned());
    if address_id.chars().count() > MAX_ADDRESS_ID_CHARS {
        return Err(("address_id", "open311.error.address_id"));
    }
    if la.is_none() && address.is_empty() && address_id.is_empty() {
        return Err(("lat", "open311.error.location"));
    }
    Ok(Location { lat: la, long: lo, address, address_id })
}

/// A new API key: 32 random bytes as 64 lower-case hex digits (shown
/// once; only [`key_hash`] of it is kept).
pub fn new_key() -> String {
    crate::accounts::random_secret()
}

/// What is stored of a key: its SHA-256, hex.
pub fn key_hash(key: &str) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(key.trim().as_bytes()))
}

/// A key's name as an administrator types it, trimmed; `Err` with
/// `open311.key_name_invalid` when empty, over [`MAX_KEY_NAME_CHARS`], or
/// holding anything but letters, digits, spaces and `-_.`.
pub fn check_key_name(name: &str) -> Result<String, &'static str> {
    let n = danvan_text::collapse_spaces(&danvan_text::normalize_input(name));
    let ok = !n.is_empty() && n.chars().count() <= MAX_KEY_NAME_CHARS && n.chars().all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.'));
    if ok { Ok(n) } else { Err("open311.key_name_invalid") }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vn(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        crate::time::vietnam().with_ymd_and_hms(y, m, d, h, 0, 0).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn status_and_datetimes() {
        assert_eq!(public_status(Status::Reopened), "open");
        assert_eq!(public_status(Status::Duplicate), "closed");
        assert_eq!(statuses_of("closed").unwrap().len(), 3);
        assert_eq!(statuses_of("pending"), None);
        assert_eq!(iso(vn(2026, 4, 29, 10)), "2026-04-29T10:00:00+07:00");
        assert_eq!(parse_datetime("2026-04-29T03:00:00Z", false), Some(vn(2026, 4, 29, 10)));
        assert_eq!(parse_datetime("2026-04-29T10:00:00", false), Some(vn(2026, 4, 29, 10)));
        assert_eq!(parse_datetime("2026-04-29", false), Some(vn(2026, 4, 29, 0)));
        assert_eq!(parse_datetime("2026-04-29", true), Some(vn(2026, 4, 30, 0)));
        assert_eq!(parse_datetime("29/04/2026", false), None);
    }

    #[test]
    fn date_ranges() {
        let now = vn(2026, 5, 6, 12);
        let r = DateRange::of(None, None, now).unwrap();
        assert_eq!((r.until - r.from).num_days(), 90);
        assert!(r.until > now);
        let r = DateRange::of(Some("2026-04-01"), None, now).unwrap();
        assert_eq!((r.from, r.until), (vn(2026, 4, 1, 0), vn(2026, 6, 30, 0)));
        assert_eq!(DateRange::of(Some("x"), None, now), Err(("start_date", "open311.error.datetime")));
        assert_eq!(DateRange::of(Some("2026-05-01"), Some("2026-04-01"), now), Err(("end_date", "open311.error.range_order")));
        assert_eq!(DateRange::of(Some("2026-01-01"), Some("2026-05-01"), now), Err(("end_date", "open311.error.range_span")));
        assert!(DateRange::of(Some("2026-01-01"), Some("2026-03-31"), now).is_ok(), "90 whole days");
    }

    #[test]
    fn titles_locations_and_keys() {
        assert_eq!(title_from("Đèn đường hỏng\nBa tuần nay"), "Đèn đường hỏng");
        let long = "từ ".repeat(60);
        let t = title_from(&long);
        assert!(t.ends_with('…') && t.chars().count() <= GENERATED_TITLE_CHARS, "{t}");
        assert_eq!(cut_chars("abcdef", 4), "abc…");
        assert_eq!(check_location(Some("10.76"), Some("106.66"), "", "").unwrap().lat, Some(10.76));
        assert_eq!(check_location(Some("10.76"), None, "", ""), Err(("long", "open311.error.coordinate")));
        assert_eq!(check_location(Some("91"), Some("1"), "", ""), Err(("lat", "open311.error.coordinate")));
        assert_eq!(check_location(Some("NaN"), Some("1"), "", ""), Err(("lat", "open311.error.coordinate")));
        assert_eq!(check_location(None, None, " ", ""), Err(("lat", "open311.error.location")));
        assert_eq!(check_location(None, None, "Thôn 3", "").unwrap().address, "Thôn 3");
        assert_eq!(check_location(None, None, "", &"x".repeat(MAX_ADDRESS_ID_CHARS)).unwrap().address_id.len(), MAX_ADDRESS_ID_CHARS);
        assert_eq!(check_location(None, None, "", &"x".repeat(2_000_000)), Err(("address_id", "open311.error.address_id")));
        let k = new_key();
        assert_eq!(k.len(), 64);
        assert_eq!(key_hash(&k), key_hash(&format!(" {k}\n")));
        assert_ne!(key_hash(&k), k);
        assert_eq!(check_key_name("  Ứng dụng  Phường 1 "), Ok("Ứng dụng Phường 1".to_owned()));
        assert_eq!(check_key_name("a/b"), Err("open311.key_name_invalid"));
        assert_eq!(check_key_name(""), Err("open311.key_name_invalid"));
    }
}
