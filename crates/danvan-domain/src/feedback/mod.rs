//! Citizen feedback and the hotline desk ("phản ánh, kiến nghị",
//! DESIGN.md §3.4): one record for every channel, its tracking code, its
//! handling steps, its legal deadline, and what may ever be made public.
//!
//! * this module: channels, statuses and the handling rule
//!   ([`can_step`]), the deadline rule of a category ([`DeadlineRule`]),
//!   and a new item's check ([`check_new_item`]);
//! * [`code`]: tracking codes that can be read over the phone;
//! * [`open311`]: the rules of the Open311 GeoReport v2 interface
//!   (services, statuses, date ranges, API keys);
//! * [`privacy`]: personal data found in a text, and its redaction before
//!   publication (Nghị định 13/2023/NĐ-CP);
//! * [`stats`]: on-time rates, the minimum sample before a unit is ranked,
//!   the median time to answer; [`period`]: the year, quarter, month or
//!   dates the statistics cover.
//!
//! The rules of receiving and answering follow the Law on Reception of
//! Citizens 2013 (Luật Tiếp công dân, Art. 28: a petition is handled or
//! answered within 10 days of receipt) and Nghị định 61/2018/NĐ-CP on the
//! one-stop mechanism; each category's own number of days is data
//! ([`DeadlineRule`]), counted by `danvan-calendar` (Civil Code 2015
//! Art. 147–148).

use danvan_calendar::{CalendarError, Deadline, WorkingCalendar};

pub mod code;
pub mod open311;
pub mod period;
pub mod privacy;
pub mod stats;

coded! {
    /// How an item reached us.
    Channel {
        /// The public form `/phan-anh/gui`.
        Web = "web", "feedback.channel.web";
        /// A hotline call, entered by a coordinator.
        Hotline = "hotline", "feedback.channel.hotline";
        /// In-person reception, entered by a coordinator.
        InPerson = "in_person", "feedback.channel.in_person";
        /// The Open311 GeoReport v2 API.
        Open311 = "open311", "feedback.channel.open311";
    }
}

coded! {
    /// Where an item is in its handling.
    Status {
        /// Received, not yet classified.
        Received = "received", "feedback.status.received";
        /// Accepted and assigned to the responsible unit.
        Accepted = "accepted", "feedback.status.accepted";
        /// Refused with a reason (not within our remit, abusive, …).
        Refused = "refused", "feedback.status.refused";
        /// Answered by the responsible unit.
        Answered = "answered", "feedback.status.answered";
        /// Reopened once by its reporter after the answer.
        Reopened = "reopened", "feedback.status.reopened";
        /// Linked to a main item as its duplicate.
        Duplicate = "duplicate", "feedback.status.duplicate";
    }
}

coded! {
    /// A handling step, each written to the item's history.
    Step {
        /// Accepted and assigned to a unit.
        Accept = "accept", "feedback.step.accept";
        /// Refused, with a reason.
        Refuse = "refuse", "feedback.step.refuse";
        /// Sent on to another unit, with a reason (the deadline stays).
        Forward = "forward", "feedback.step.forward";
        /// The deadline extended once more, with a reason.
        Extend = "extend", "feedback.step.extend";
        /// Answered (the public answer).
        Answer = "answer", "feedback.step.answer";
        /// Reopened by its reporter, with a comment (once).
        Reopen = "reopen", "feedback.step.reopen";
        /// Linked to a main item.
        MarkDuplicate = "mark_duplicate", "feedback.step.mark_duplicate";
    }
}

/// Whether `step` may be taken from `status`. `reopened_before` says the
/// item was reopened once already (a reporter reopens at most once).
///
/// * received: accept, refuse, mark as duplicate;
/// * accepted or reopened: forward, extend, answer, mark as duplicate;
/// * answered: reopen (once);
/// * refused and duplicate are final.
pub fn can_step(status: Status, step: Step, reopened_before: bool) -> bool {
    use Status as S;
    use Step as T;
    match (status, step) {
        (S::Received, T::Accept | T::Refuse | T::MarkDuplicate) => true,
        (S::Accepted | S::Reopened, T::Forward | T::Extend | T::Answer | T::MarkDuplicate) => true,
        (S::Answered, T::Reopen) => !reopened_before,
        _ => false,
    }
}

/// The status after `step`.
pub fn status_after(step: Step) -> Status {
    match step {
        Step::Accept | Step::Forward | Step::Extend => Status::Accepted,
        Step::Refuse => Status::Refused,
        Step::Answer => Status::Answered,
        Step::Reopen => Status::Reopened,
        Step::MarkDuplicate => Status::Duplicate,
    }
}

coded! {
    /// How a category's days are counted.
    Counting {
        /// Working days (days off and swapped Saturdays from the calendar).
        WorkingDays = "working_days", "feedback.counting.working_days";
        /// Calendar days; a deadline on a day off moves to the next working day.
        CalendarDays = "calendar_days", "feedback.counting.calendar_days";
    }
}

coded! {
    /// From when a category's days run.
    CountFrom {
        /// From the day the item was received.
        Receipt = "receipt", "feedback.from.receipt";
        /// From the day it was accepted.
        Acceptance = "acceptance", "feedback.from.acceptance";
    }
}

/// The most days a rule may give (a year of working days).
pub const MAX_RULE_DAYS: u32 = 365;

/// The most extensions a rule may allow.
pub const MAX_EXTENSIONS: u8 = 5;

/// A category's deadline rule: `days` counted as `counting` from `from`,
/// with up to `max_extensions` extensions of the same length (each with a
/// reason and its own new deadline).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct DeadlineRule {
    /// 1 to [`MAX_RULE_DAYS`].
    pub days: u32,
    pub counting: Counting,
    pub from: CountFrom,
    /// 0 to [`MAX_EXTENSIONS`].
    pub max_extensions: u8,
}

impl DeadlineRule {
    /// The rule's problem, as a message code: `feedback.rule.days` (0 or
    /// over [`MAX_RULE_DAYS`]), `feedback.rule.extensions` (over
    /// [`MAX_EXTENSIONS`]).
    pub fn check(&self) -> Result<(), &'static str> {
        if self.days == 0 || self.days > MAX_RULE_DAYS {
            return Err("feedback.rule.days");
        }
        if self.max_extensions > MAX_EXTENSIONS {
            return Err("feedback.rule.extensions");
        }
        Ok(())
    }

    /// The deadline of an item whose days start on `start` (the day of
    /// receipt or of acceptance, in Vietnam, as [`DeadlineRule::from`]
    /// says): the start day is not counted (Civil Code 2015 Art. 147); the
    /// end of the last day, moved to the next working day when it is off.
    /// Each extension counts `days` more from the deadline it extends.
    ///
    /// Errors: the calendar's (a date outside its range).
    pub fn deadline(&self, calendar: &WorkingCalendar, start: chrono::NaiveDate, extensions: u8) -> Result<Deadline, CalendarError> {
        let mut d = self.count(calendar, start)?;
        for _ in 0..extensions {
            d = self.count(calendar, d.date)?;
        }
        Ok(d)
    }

    fn count(&self, calendar: &WorkingCalendar, start: chrono::NaiveDate) -> Result<Deadline, CalendarError> {
        match self.counting {
            Counting::WorkingDays => calendar.add_working_days(start, self.days),
            Counting::CalendarDays => calendar.add_days(start, self.days),
        }
    }
}

/// The longest category name, in characters.
pub const MAX_CATEGORY_NAME_CHARS: usize = 200;

/// A category's name as it is stored (NFC, spaces collapsed), or the
/// problem's code `feedback.category_name` (empty, or over
/// [`MAX_CATEGORY_NAME_CHARS`]).
pub fn category_name(name: &str) -> Result<String, &'static str> {
    let name = danvan_text::collapse_spaces(&danvan_text::normalize_input(name));
    if name.is_empty() || name.chars().count() > MAX_CATEGORY_NAME_CHARS {
        return Err("feedback.category_name");
    }
    Ok(name)
}

/// The longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 200;
/// The longest content, in characters.
pub const MAX_CONTENT_CHARS: usize = 10_000;
/// The longest name, place or address, in characters.
pub const MAX_SHORT_CHARS: usize = 200;

/// An item as submitted (web form, coordinator, Open311), before the store
/// gives it a code. Contact fields are personal data: kept apart and shown
/// only to staff handling the item.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewItem {
    /// `feedback_category.id`.
    pub category_id: Option<i32>,
    pub title: String,
    pub content: String,
    /// Where it happened (a place or an address), free text.
    pub place: String,
    pub name: String,
    pub phone: String,
    pub email: String,
    /// Consent to the personal-data notice (required on the web form).
    pub consent: bool,
}

/// A phone number as people write it, reduced to its digits with a
/// leading `0` for `+84`/`84`: `0912 345 678`, `+84 912.345.678` →
/// `0912345678`. `None` unless a Vietnamese number of the national plan
/// (Thông tư 22/2014/TT-BTTTT, with the 2017–2018 changes): a mobile number
/// of 10 digits `03`, `05`, `07`, `08`, `09`…, or a landline of 11 digits
/// `02…` (`024 3825 1234`); so `0000000000` and `0112345678` are refused.
pub fn normalize_phone(s: &str) -> Option<String> {
    let trimmed = s.trim();
    let digits: String = trimmed.chars().filter(|c| c.is_ascii_digit()).collect();
    if trimmed.chars().any(|c| !(c.is_ascii_digit() || matches!(c, ' ' | '.' | '-' | '+' | '(' | ')'))) {
        return None;
    }
    let national = if trimmed.starts_with('+') {
        digits.strip_prefix("84").map(|r| format!("0{r}"))?
    } else if digits.starts_with("84") && digits.len() == 11 {
        format!("0{}", &digits[2..])
    } else {
        digits
    };
    let planned = match national.len() {
        10 => national.starts_with('0') && national[1..].starts_with(['3', '5', '7', '8', '9']),
        11 => national.starts_with("02"),
        _ => false,
    };
    planned.then_some(national)
}

/// An e-mail address trimmed and lower-cased when it looks like one
/// (`local@domain.tld`, no spaces, at most 254 characters), else `None`.
pub fn normalize_email(s: &str) -> Option<String> {
    let e = s.trim().to_lowercase();
    let (local, domain) = e.split_once('@')?;
    let ok = !local.is_empty()
        && e.len() <= 254
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !e.chars().any(|c| c.is_whitespace() || c == '<' || c == '>' || c == ',')
        && !domain.contains('@');
    ok.then_some(e)
}

/// Checks a new item; every problem as `(field, message code)`, in the
/// form's order: `category_id` (`feedback.category_required`), `title`
/// (`feedback.title_required`, `feedback.title_too_long`), `content`
/// (`feedback.content_required`, `feedback.content_too_long`), `place`,
/// `name` (`feedback.text_too_long`), `phone` (`feedback.phone_invalid`),
/// `email` (`feedback.email_invalid`), `contact`
/// (`feedback.contact_required`: neither a phone nor an e-mail, so the
/// reporter could never follow the item), `consent`
/// (`feedback.consent_required`, when `need_consent`: the web form).
pub fn check_new_item(i: &NewItem, need_consent: bool) -> Vec<(&'static str, &'static str)> {
    let mut p = Vec::new();
    if i.category_id.is_none() {
        p.push(("category_id", "feedback.category_required"));
    }
    let title = i.title.trim().chars().count();
    if title == 0 {
        p.push(("title", "feedback.title_required"));
    } else if title > MAX_TITLE_CHARS {
        p.push(("title", "feedback.title_too_long"));
    }
    let content = i.content.trim().chars().count();
    if content == 0 {
        p.push(("content", "feedback.content_required"));
    } else if content > MAX_CONTENT_CHARS {
        p.push(("content", "feedback.content_too_long"));
    }
    if i.place.chars().count() > MAX_SHORT_CHARS {
        p.push(("place", "feedback.text_too_long"));
    }
    if i.name.chars().count() > MAX_SHORT_CHARS {
        p.push(("name", "feedback.text_too_long"));
    }
    let phone = i.phone.trim();
    if !phone.is_empty() && normalize_phone(phone).is_none() {
        p.push(("phone", "feedback.phone_invalid"));
    }
    let email = i.email.trim();
    if !email.is_empty() && normalize_email(email).is_none() {
        p.push(("email", "feedback.email_invalid"));
    }
    if phone.is_empty() && email.is_empty() {
        p.push(("contact", "feedback.contact_required"));
    }
    if need_consent && !i.consent {
        p.push(("consent", "feedback.consent_required"));
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn calendar() -> WorkingCalendar {
        WorkingCalendar::new(danvan_calendar::HolidayRules::default_rules(), danvan_calendar::shipped_confirmed())
    }

    #[test]
    fn the_deadline_of_the_issue() {
        // received Wednesday 29 April 2026, 3 working days: 30/4 and 1/5 are
        // holidays, 2-3/5 the weekend: 4, 5, 6 May → Wednesday 6 May
        let rule = DeadlineRule { days: 3, counting: Counting::WorkingDays, from: CountFrom::Receipt, max_extensions: 1 };
        let d = rule.deadline(&calendar(), NaiveDate::from_ymd_opt(2026, 4, 29).unwrap(), 0).unwrap();
        assert_eq!(d.date, NaiveDate::from_ymd_opt(2026, 5, 6).unwrap());
        let extended = rule.deadline(&calendar(), NaiveDate::from_ymd_opt(2026, 4, 29).unwrap(), 1).unwrap();
        assert_eq!(extended.date, NaiveDate::from_ymd_opt(2026, 5, 11).unwrap(), "3 more working days: 7, 8, 11 May");
        let calendar_days = DeadlineRule { counting: Counting::CalendarDays, ..rule };
        // 29/4 + 3 days = 2 May, a Saturday → Monday 4 May
        assert_eq!(calendar_days.deadline(&calendar(), NaiveDate::from_ymd_opt(2026, 4, 29).unwrap(), 0).unwrap().date, NaiveDate::from_ymd_opt(2026, 5, 4).unwrap());
        assert_eq!(DeadlineRule { days: 0, ..rule }.check(), Err("feedback.rule.days"));
        assert_eq!(DeadlineRule { max_extensions: 9, ..rule }.check(), Err("feedback.rule.extensions"));
    }

    #[test]
    fn handling_steps() {
        assert!(can_step(Status::Received, Step::Accept, false));
        assert!(!can_step(Status::Received, Step::Answer, false), "accept first");
        assert!(can_step(Status::Accepted, Step::Answer, false));
        assert!(can_step(Status::Answered, Step::Reopen, false));
        assert!(!can_step(Status::Answered, Step::Reopen, true), "once");
        assert!(can_step(Status::Reopened, Step::Answer, true));
        for s in Step::ALL {
            assert!(!can_step(Status::Refused, *s, false) && !can_step(Status::Duplicate, *s, false));
        }
        assert_eq!(status_after(Step::Forward), Status::Accepted);
    }

    #[test]
    fn contacts_as_people_write_them() {
        assert_eq!(normalize_phone("0912 345 678").as_deref(), Some("0912345678"));
        assert_eq!(normalize_phone("+84 912.345.678").as_deref(), Some("0912345678"));
        assert_eq!(normalize_phone("(024) 3825 1234").as_deref(), Some("02438251234"));
        assert_eq!(normalize_phone("12345"), None);
        assert_eq!(normalize_phone("09a2345678"), None);
        for outside_the_plan in ["0000000000", "0112345678", "0612345678", "09130000031", "+84 0912 345 678"] {
            assert_eq!(normalize_phone(outside_the_plan), None, "{outside_the_plan}");
        }
        assert_eq!(normalize_phone("0356 789 012").as_deref(), Some("0356789012"));
        assert_eq!(normalize_phone("84912345678").as_deref(), Some("0912345678"));
        assert_eq!(normalize_email(" An.Nguyen@Example.VN ").as_deref(), Some("an.nguyen@example.vn"));
        assert_eq!(normalize_email("an@localhost"), None);
        assert_eq!(normalize_email("a b@x.vn"), None);
        let ok = NewItem { category_id: Some(1), title: "Đèn đường hỏng".into(), content: "Thôn 3 tối".into(), phone: "0912345678".into(), consent: true, ..Default::default() };
        assert!(check_new_item(&ok, true).is_empty());
        let bad = NewItem { title: "x".repeat(201), ..Default::default() };
        let fields: Vec<&str> = check_new_item(&bad, true).iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, ["category_id", "title", "content", "contact", "consent"]);
    }
}
