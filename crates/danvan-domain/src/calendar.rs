//! The working-day calendar's rules for the back office: reading an
//! administrator's edit of a year (days off, swapped working days) into a
//! [`YearCalendar`], with a message per bad row, and the names shown for
//! weekdays, kinds and lunar dates. The calendar itself (lunar dates,
//! holidays, deadlines) is the `danvan-calendar` crate (DESIGN.md §3.6).

use crate::messages::{Lang, format, t};
use chrono::{Datelike, NaiveDate, Weekday};
use danvan_calendar::{DayOff, DayOffKind, HolidayRules, LunarDate, WorkingDay, YearCalendar, YearStatus};

/// The longest note on a day, in characters.
pub const MAX_NOTE_CHARS: usize = 200;
/// The most rows a year's edit may have in each list.
pub const MAX_ROWS: usize = 120;

/// One row of the "days off" table as posted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffRow {
    /// `YYYY-MM-DD` (a date input) or `DD/MM/YYYY`.
    pub date: String,
    /// A [`DayOffKind::code`].
    pub kind: String,
    /// A holiday rule key, or empty.
    pub holiday: String,
    /// Free text.
    pub note: String,
}

/// One row of the "working weekend days" table as posted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkRow {
    /// `YYYY-MM-DD` or `DD/MM/YYYY`.
    pub date: String,
    /// Free text.
    pub note: String,
}

/// A refused row: which table (`off` or `work`), the row number as shown
/// (1-based), the field (`date`, `kind`, `holiday`, `note`) and the message
/// code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    /// `off` or `work`.
    pub table: &'static str,
    /// 1-based row number.
    pub row: usize,
    /// The field at fault.
    pub field: &'static str,
    /// The catalogue key of the message.
    pub code: &'static str,
}

impl RowProblem {
    /// The message: `Ngày nghỉ, dòng 3 (Ngày): …`.
    pub fn message(&self, lang: Lang) -> String {
        let table = t(if self.table == "off" { "calendar.table.off" } else { "calendar.table.work" }, lang);
        let field = t(
            match self.field {
                "kind" => "calendar.field.kind",
                "holiday" => "calendar.field.holiday",
                "note" => "calendar.field.note",
                _ => "calendar.field.date",
            },
            lang,
        );
        format("calendar.row_problem", lang, &[("table", &table), ("row", &self.row), ("field", &field), ("message", &t(self.code, lang))])
    }
}

/// A date as typed: `YYYY-MM-DD` (what a date input sends) or
/// `D/M/YYYY` (Vietnamese order, what one types where date inputs are
/// plain text).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(d);
    }
    let mut parts = s.split('/');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || d.is_empty() || d.len() > 2 || m.is_empty() || m.len() > 2 {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// Reads an edited year: blank rows (no date, no note) are skipped; every
/// problem is reported (not only the first), by table and row; with none,
/// the calendar is returned sorted with `status`.
///
/// Checks: a date that parses and lies in `year`, given once in the days
/// off and not also a working day; a known kind; a holiday key of `rules`
/// (required for a holiday or a compensatory day, else optional); a note of at most [`MAX_NOTE_CHARS`]; working days on a
/// Saturday or Sunday; at most [`MAX_ROWS`] rows a table.
pub fn year_from_rows(
    year: i32,
    status: YearStatus,
    source: &str,
    off: &[OffRow],
    work: &[WorkRow],
    rules: &HolidayRules,
) -> Result<YearCalendar, Vec<RowProblem>> {
    let mut problems = Vec::new();
    let mut days_off = Vec::new();
    let mut off_rows = Vec::new();
    for (i, r) in off.iter().enumerate().take(MAX_ROWS) {
        if r.date.trim().is_empty() && r.note.trim().is_empty() {
            continue;
        }
        let row = i + 1;
        let p = |field, code| RowProblem { table: "off", row, field, code };
        let date = parse_date(&r.date);
        let kind = DayOffKind::from_code(r.kind.trim());
        let holiday = Some(r.holiday.trim()).filter(|h| !h.is_empty()).map(str::to_owned);
        let mut ok = true;
        if date.is_none() {
            problems.push(p("date", "calendar.date_invalid"));
            ok = false;
        }
        if kind.is_none() {
            problems.push(p("kind", "calendar.kind_invalid"));
            ok = false;
        }
        if holiday.as_deref().is_some_and(|h| !rules.has_key(h)) {
            problems.push(p("holiday", "calendar.unknown_holiday"));
            ok = false;
        } else if holiday.is_none() && matches!(kind, Some(DayOffKind::Holiday | DayOffKind::Compensatory)) {
            problems.push(p("holiday", "calendar.holiday_missing"));
            ok = false;
        }
        if r.note.trim().chars().count() > MAX_NOTE_CHARS {
            problems.push(p("note", "calendar.note_too_long"));
            ok = false;
        }
        if let (true, Some(date), Some(kind)) = (ok, date, kind) {
            days_off.push(DayOff { date, kind, holiday, note: danvan_text::normalize_input(r.note.trim()) });
            off_rows.push(row);
        }
    }
    let mut working_days = Vec::new();
    let mut work_rows = Vec::new();
    for (i, r) in work.iter().enumerate().take(MAX_ROWS) {
        if r.date.trim().is_empty() && r.note.trim().is_empty() {
            continue;
        }
        let row = i + 1;
        match parse_date(&r.date) {
            None => problems.push(RowProblem { table: "work", row, field: "date", code: "calendar.date_invalid" }),
            Some(_) if r.note.trim().chars().count() > MAX_NOTE_CHARS => {
                problems.push(RowProblem { table: "work", row, field: "note", code: "calendar.note_too_long" })
            }
            Some(date) => {
                working_days.push(WorkingDay { date, note: danvan_text::normalize_input(r.note.trim()) });
                work_rows.push(row);
            }
        }
    }
    for (table, rows) in [("off", off.len()), ("work", work.len())] {
        if rows > MAX_ROWS {
            problems.push(RowProblem { table, row: MAX_ROWS + 1, field: "date", code: "calendar.too_many_rows" });
        }
    }
    let mut cal = YearCalendar { year, status, days_off, working_days, source: source.to_owned() };
    for e in cal.check(rules) {
        let (table, row) = if e.list == "days_off" { ("off", off_rows[e.index]) } else { ("work", work_rows[e.index]) };
        problems.push(RowProblem { table, row, field: "date", code: e.code });
    }
    if problems.is_empty() {
        Ok(cal)
    } else {
        problems.sort_by_key(|p| (p.table != "off", p.row));
        Err(problems)
    }
}

/// The catalogue key of a weekday's name (`calendar.weekday.mon`, …).
pub fn weekday_key(d: NaiveDate) -> &'static str {
    match d.weekday() {
        Weekday::Mon => "calendar.weekday.mon",
        Weekday::Tue => "calendar.weekday.tue",
        Weekday::Wed => "calendar.weekday.wed",
        Weekday::Thu => "calendar.weekday.thu",
        Weekday::Fri => "calendar.weekday.fri",
        Weekday::Sat => "calendar.weekday.sat",
        Weekday::Sun => "calendar.weekday.sun",
    }
}

/// The catalogue key of a kind of day off.
pub fn kind_key(k: DayOffKind) -> &'static str {
    match k {
        DayOffKind::Holiday => "calendar.kind.holiday",
        DayOffKind::Compensatory => "calendar.kind.compensatory",
        DayOffKind::Swapped => "calendar.kind.swapped",
        DayOffKind::Extra => "calendar.kind.extra",
    }
}

/// A lunar date as Vietnamese calendars print it: `12/10` with ` nhuận`
/// (`leap`) after a leap month, then the year's name: `12/10 Bính Ngọ`.
pub fn lunar_short(l: &LunarDate, lang: Lang) -> String {
    let leap = if l.leap { format!(" {}", t("calendar.leap", lang)) } else { String::new() };
    format!("{}/{}{leap} {}", l.day, l.month, l.year_name())
}

/// The date in words, for the portal's header: `Thứ Ba, 01/12/2026`.
pub fn solar_long(d: NaiveDate, lang: Lang) -> String {
    format!("{}, {}", t(weekday_key(d), lang), d.format("%d/%m/%Y"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn off(date: &str, kind: &str, holiday: &str) -> OffRow {
        OffRow { date: date.into(), kind: kind.into(), holiday: holiday.into(), note: String::new() }
    }

    #[test]
    fn dates_in_both_spellings() {
        let d = NaiveDate::from_ymd_opt(2026, 9, 2).unwrap();
        assert_eq!(parse_date("2026-09-02"), Some(d));
        assert_eq!(parse_date(" 2/9/2026 "), Some(d));
        assert_eq!(parse_date("02/09/2026"), Some(d));
        assert_eq!(parse_date("31/02/2026"), None);
        assert_eq!(parse_date("2/9/26"), None);
        assert_eq!(parse_date("2/9/2026/1"), None);
        assert_eq!(parse_date(""), None);
    }

    #[test]
    fn a_good_edit_reads_sorted() {
        let rules = HolidayRules::default_rules();
        let rows = [off("02/09/2026", "holiday", "national_day"), off("", "", ""), off("2026-09-01", "holiday", "national_day")];
        let work = [WorkRow { date: "2026-09-05".into(), note: "Làm bù".into() }];
        let cal = year_from_rows(2026, YearStatus::Confirmed, "", &rows, &work, &rules).unwrap();
        assert_eq!(cal.days_off.iter().map(|o| o.date.day()).collect::<Vec<_>>(), [1, 2]);
        assert!(cal.is_working_day(NaiveDate::from_ymd_opt(2026, 9, 5).unwrap()));
    }

    #[test]
    fn every_bad_row_is_named() {
        let rules = HolidayRules::default_rules();
        let rows = [
            off("2026-09-02", "holiday", "national_day"),
            off("30/02/2026", "extra", ""),
            off("2026-09-02", "extra", ""),
            off("2026-03-03", "bogus", "nope"),
            off("2027-01-01", "holiday", "new_year"),
            off("2026-03-10", "holiday", ""),
        ];
        let work = [WorkRow { date: "2026-09-03".into(), note: String::new() }, WorkRow { date: "x".into(), note: String::new() }];
        let p = year_from_rows(2026, YearStatus::Proposed, "", &rows, &work, &rules).unwrap_err();
        let got: Vec<_> = p.iter().map(|p| (p.table, p.row, p.field, p.code)).collect();
        assert_eq!(
            got,
            [
                ("off", 2, "date", "calendar.date_invalid"),
                ("off", 3, "date", "calendar.date_twice"),
                ("off", 4, "kind", "calendar.kind_invalid"),
                ("off", 4, "holiday", "calendar.unknown_holiday"),
                ("off", 5, "date", "calendar.date_outside_year"),
                ("off", 6, "holiday", "calendar.holiday_missing"),
                ("work", 1, "date", "calendar.working_day_not_weekend"),
                ("work", 2, "date", "calendar.date_invalid"),
            ]
        );
        assert_eq!(p[0].message(Lang::Vi), "Ngày nghỉ, dòng 2 (Ngày): ngày không hợp lệ; viết YYYY-MM-DD hoặc DD/MM/YYYY.");
    }

    #[test]
    fn lunar_and_solar_names() {
        let l = LunarDate::new(2025, 6, 1, true);
        assert_eq!(lunar_short(&l, Lang::Vi), "1/6 nhuận Ất Tỵ");
        assert_eq!(solar_long(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(), Lang::Vi), "Thứ Ba, 01/12/2026");
    }
}
