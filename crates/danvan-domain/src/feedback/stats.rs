//! On-time statistics of the feedback desk, per responsible unit (issue 13,
//! scope 5): what the public page `/phan-anh/thong-ke`, the back office and
//! the XLSX export show.
//!
//! Two faults of the usual league tables are avoided on purpose:
//!
//! * **open items past their deadline count.** The on-time rate is
//!   answered on time ÷ (answered + open past the deadline): a unit cannot
//!   improve its rate by not answering (FixMyStreet counts answered items
//!   only);
//! * **no ranking on a tiny sample.** A unit with fewer than
//!   [`MIN_SAMPLE`] items owed an answer in the period (configurable) is "too few" and
//!   always listed after every ranked unit (FixMyStreet #1957: one item
//!   answered on time put a body above one with 40 items at 90%).
//!
//! The caller chooses the period and the items (e.g. those received in a
//! year); this module only counts. Pure: the clock is a parameter.

use super::Channel;
use crate::messages::{Lang, format, t};
use chrono::{DateTime, NaiveDate, Utc};

/// The fewest items in the period for a unit to be ranked (issue 13:
/// "a unit is ranked only with at least 5 items"), counting the items owed
/// an answer: refused items and duplicates are left out (see
/// [`UnitFigures::ranked`]).
pub const MIN_SAMPLE: u32 = 5;

/// What the statistics need of one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemFacts {
    /// The responsible unit (`org_unit.id`).
    pub unit_id: i32,
    /// The day it was received, in Vietnam.
    pub received: NaiveDate,
    /// Its current deadline (after extensions); `None` when its category
    /// has no deadline yet (e.g. counted from an acceptance not yet made):
    /// never overdue, and answered on time whenever it is answered.
    pub deadline: Option<DateTime<Utc>>,
    /// When it was answered; `None` while open.
    pub answered_at: Option<DateTime<Utc>>,
    /// Working days from receipt to the answer (counted by
    /// `danvan-calendar`, the store's job); `None` while open.
    pub working_days_to_answer: Option<u32>,
    /// `feedback_category.id`.
    pub category_id: i32,
    pub channel: Channel,
    /// Refused, or linked to a main item as its duplicate: received, but
    /// owing no answer of its own, so neither answered nor open, never
    /// overdue, and outside the on-time rate (the main item carries the
    /// answer; a refusal is a decision, not an answer).
    pub closed: bool,
}

impl ItemFacts {
    /// Answered, and at or before its deadline (or without one).
    pub fn answered_on_time(&self) -> bool {
        match (self.answered_at, self.deadline) {
            (Some(a), Some(d)) => a <= d,
            (Some(_), None) => true,
            (None, _) => false,
        }
    }

    /// Not answered nor closed, and `now` is past its deadline.
    pub fn open_overdue(&self, now: DateTime<Utc>) -> bool {
        self.is_open() && self.deadline.is_some_and(|d| now > d)
    }

    /// Still owed an answer: neither answered nor [`ItemFacts::closed`].
    pub fn is_open(&self) -> bool {
        self.answered_at.is_none() && !self.closed
    }
}

/// One unit's figures for the items given.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct UnitFigures {
    pub unit_id: i32,
    /// Items received (all the unit's items given): answered + open +
    /// closed.
    pub received: u32,
    /// Items with an answer.
    pub answered: u32,
    /// Items answered at or before their deadline.
    pub answered_on_time: u32,
    /// Items still owed an answer.
    pub open: u32,
    /// Open items whose deadline has passed at `now`.
    pub open_overdue: u32,
    /// Items refused or linked as duplicates ([`ItemFacts::closed`]).
    pub closed: u32,
    /// answered on time ÷ (answered + open overdue), in tenths of a
    /// percent rounded half up (`818` is 81,8%); `None` when nothing is
    /// answered or overdue.
    pub on_time_rate: Option<u32>,
    /// The median of the working days to answer, in tenths of a day: the
    /// middle value of an odd count, the mean of the two middle values of
    /// an even count (as a spreadsheet's `MEDIAN` gives it, so the XLSX
    /// export agrees; always a whole or a half day, so exact in tenths);
    /// `None` when no answered item has its working days.
    pub median_working_days_tenths: Option<u32>,
    /// At least the minimum sample of items owed an answer (answered +
    /// open; closed items are left out): ranked among the others. Below
    /// it, "too few" ([`rate_text`]), listed after every ranked unit.
    pub ranked: bool,
}

/// `part ÷ whole` in tenths of a percent, rounded half up; `None` for a
/// zero `whole`.
pub fn tenths_of_percent(part: u32, whole: u32) -> Option<u32> {
    (whole > 0).then(|| ((u64::from(part) * 1000 + u64::from(whole) / 2) / u64::from(whole)) as u32)
}

/// The median of `values` in tenths (see
/// [`UnitFigures::median_working_days_tenths`]).
pub fn median_tenths(values: &mut [u32]) -> Option<u32> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let n = values.len();
    Some(if n % 2 == 1 { values[n / 2] * 10 } else { (values[n / 2 - 1] + values[n / 2]) * 5 })
}

/// Each unit's figures, in order of `unit_id`, for `items` at `now`; a unit
/// is ranked with at least `min_sample` items owed an answer (usually
/// [`MIN_SAMPLE`]; see [`UnitFigures::ranked`]).
pub fn unit_figures(items: &[ItemFacts], now: DateTime<Utc>, min_sample: u32) -> Vec<UnitFigures> {
    let mut units: std::collections::BTreeMap<i32, (UnitFigures, Vec<u32>)> = std::collections::BTreeMap::new();
    for i in items {
        let (u, days) = units.entry(i.unit_id).or_insert_with(|| {
            let empty = UnitFigures {
                unit_id: i.unit_id,
                received: 0,
                answered: 0,
                answered_on_time: 0,
                open: 0,
                open_overdue: 0,
                closed: 0,
                on_time_rate: None,
                median_working_days_tenths: None,
                ranked: false,
            };
            (empty, Vec::new())
        });
        u.received += 1;
        if i.answered_at.is_some() {
            u.answered += 1;
            days.extend(i.working_days_to_answer);
        } else if i.closed {
            u.closed += 1;
        } else {
            u.open += 1;
        }
        u.answered_on_time += u32::from(i.answered_on_time());
        u.open_overdue += u32::from(i.open_overdue(now));
    }
    units
        .into_values()
        .map(|(mut u, mut days)| {
            u.on_time_rate = tenths_of_percent(u.answered_on_time, u.answered + u.open_overdue);
            u.median_working_days_tenths = median_tenths(&mut days);
            // the sample is what the unit owed an answer for: refusals and
            // duplicates do not make a unit's rate trustworthy
            u.ranked = u.answered + u.open >= min_sample;
            u
        })
        .collect()
}

/// The league table: ranked units first, by on-time rate descending (a
/// unit without a rate after those with one), ties by more items received,
/// then by `unit_id`; then the "too few" units by `unit_id`. (Names are the
/// caller's: sort the too-few ones again by name if they are shown so.)
pub fn ranking(mut units: Vec<UnitFigures>) -> Vec<UnitFigures> {
    units.sort_by(|a, b| {
        b.ranked
            .cmp(&a.ranked)
            .then_with(|| if a.ranked { b.on_time_rate.cmp(&a.on_time_rate).then(b.received.cmp(&a.received)) } else { std::cmp::Ordering::Equal })
            .then(a.unit_id.cmp(&b.unit_id))
    });
    units
}

/// Items received per category, in order of `category_id`.
pub fn count_by_category(items: &[ItemFacts]) -> Vec<(i32, u32)> {
    let mut counts = std::collections::BTreeMap::new();
    for i in items {
        *counts.entry(i.category_id).or_insert(0u32) += 1;
    }
    counts.into_iter().collect()
}

/// Items received per channel, every channel in [`Channel::ALL`] order,
/// zeros included.
pub fn count_by_channel(items: &[ItemFacts]) -> Vec<(Channel, u32)> {
    Channel::ALL.iter().map(|c| (*c, items.iter().filter(|i| i.channel == *c).count() as u32)).collect()
}

/// A unit's on-time rate as a table shows it: `81,8%` (`81.8%` in
/// English; `90%` without a decimal when it is whole); "too few" with the
/// minimum sample (`feedback.stats.too_few`) when the unit is not ranked;
/// `feedback.stats.no_rate` when nothing is answered or overdue yet.
pub fn rate_text(u: &UnitFigures, min_sample: u32, lang: Lang) -> String {
    if !u.ranked {
        return format("feedback.stats.too_few", lang, &[("min", &min_sample)]);
    }
    let Some(r) = u.on_time_rate else { return t("feedback.stats.no_rate", lang).to_owned() };
    let mark = if lang == Lang::Vi { ',' } else { '.' };
    if r % 10 == 0 { std::format!("{}%", r / 10) } else { std::format!("{}{mark}{}%", r / 10, r % 10) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    fn at(day: u32, hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 5, day, hour, 0, 0).unwrap()
    }

    /// An item of `unit` due on 6 May 10:00 UTC (17:00 in Vietnam), answered
    /// at `answered` after `days` working days.
    fn item(unit: i32, answered: Option<DateTime<Utc>>, days: Option<u32>) -> ItemFacts {
        ItemFacts {
            unit_id: unit,
            received: NaiveDate::from_ymd_opt(2026, 4, 29).unwrap(),
            deadline: Some(at(6, 10)),
            answered_at: answered,
            working_days_to_answer: days,
            category_id: 1,
            channel: Channel::Web,
            closed: false,
        }
    }

    fn on_time(unit: i32) -> ItemFacts {
        item(unit, Some(at(5, 3)), Some(2))
    }

    fn late(unit: i32) -> ItemFacts {
        item(unit, Some(at(8, 3)), Some(5))
    }

    #[test]
    fn an_open_overdue_item_lowers_the_rate() {
        let now = at(20, 0);
        let mut items: Vec<ItemFacts> = (0..9).map(|_| on_time(7)).collect();
        items.push(late(7));
        let before = &unit_figures(&items, now, MIN_SAMPLE)[0];
        assert_eq!((before.answered, before.answered_on_time, before.on_time_rate), (10, 9, Some(900)));
        items.push(item(7, None, None));
        let after = &unit_figures(&items, now, MIN_SAMPLE)[0];
        assert_eq!(
            (after.received, after.answered, after.answered_on_time, after.open, after.open_overdue, after.on_time_rate),
            (11, 10, 9, 1, 1, Some(818)),
            "9 ÷ (10 + 1) = 81,8%"
        );
        assert_eq!(rate_text(after, MIN_SAMPLE, Lang::Vi), "81,8%");
        assert_eq!(rate_text(after, MIN_SAMPLE, Lang::En), "81.8%");
        assert_eq!(rate_text(before, MIN_SAMPLE, Lang::Vi), "90%");
        // before its deadline an open item is open, not overdue
        let early = &unit_figures(&items, at(6, 9), MIN_SAMPLE)[0];
        assert_eq!((early.open, early.open_overdue, early.on_time_rate), (1, 0, Some(900)));
        // at the deadline exactly: answered on time; one second after: late
        let edge = [item(1, Some(at(6, 10)), Some(3)), item(1, Some(at(6, 10) + Duration::seconds(1)), Some(3))];
        assert_eq!(unit_figures(&edge, now, MIN_SAMPLE)[0].answered_on_time, 1);
    }

    #[test]
    fn one_lucky_item_is_not_ranked_above_forty() {
        let now = at(20, 0);
        let mut items = vec![on_time(2)];
        items.extend((0..36).map(|_| on_time(1)));
        items.extend((0..4).map(|_| late(1)));
        items.extend((0..4).map(|_| on_time(3)));
        let figures = unit_figures(&items, now, MIN_SAMPLE);
        let by_id = |id| figures.iter().find(|u| u.unit_id == id).unwrap();
        assert_eq!((by_id(1).received, by_id(1).on_time_rate, by_id(1).ranked), (40, Some(900), true));
        assert_eq!((by_id(2).received, by_id(2).on_time_rate, by_id(2).ranked), (1, Some(1000), false));
        assert!(!by_id(3).ranked, "4 items, under 5");
        let order: Vec<i32> = ranking(figures.clone()).iter().map(|u| u.unit_id).collect();
        assert_eq!(order, [1, 2, 3]);
        assert_eq!(rate_text(by_id(2), MIN_SAMPLE, Lang::Vi), "chưa xếp hạng (dưới 5 phản ánh)");
        // with a sample of 1, the lucky unit leads
        let order: Vec<i32> = ranking(unit_figures(&items, now, 1)).iter().map(|u| u.unit_id).collect();
        assert_eq!(order, [3, 2, 1], "100% both, 4 items before 1");
    }

    #[test]
    fn ranking_ties_and_units_without_a_rate() {
        let now = at(20, 0);
        let mut items = Vec::new();
        items.extend((0..5).map(|_| on_time(10))); // 100%, 5 items
        items.extend((0..8).map(|_| on_time(11))); // 100%, 8 items
        items.extend((0..6).map(|_| item(12, None, None))); // all open and overdue: 0%
        items.extend((0..6).map(|_| item(13, None, None)));
        let figures = unit_figures(&items, at(1, 0), MIN_SAMPLE); // before any deadline
        let order: Vec<i32> = ranking(figures.clone()).iter().map(|u| u.unit_id).collect();
        assert_eq!(order, [11, 10, 12, 13], "ties by more items; no rate yet last");
        assert_eq!(figures.iter().find(|u| u.unit_id == 12).unwrap().on_time_rate, None);
        assert_eq!(rate_text(&figures[2], MIN_SAMPLE, Lang::Vi), "chưa có số liệu");
        let figures = unit_figures(&items, now, MIN_SAMPLE);
        assert_eq!(figures.iter().find(|u| u.unit_id == 12).unwrap().on_time_rate, Some(0));
    }

    #[test]
    fn medians() {
        assert_eq!(median_tenths(&mut []), None);
        assert_eq!(median_tenths(&mut [4]), Some(40));
        assert_eq!(median_tenths(&mut [9, 1, 4]), Some(40));
        assert_eq!(median_tenths(&mut [5, 2, 3, 9]), Some(40), "(3 + 5) / 2");
        assert_eq!(median_tenths(&mut [2, 3]), Some(25));
        let items = [on_time(1), on_time(1), late(1), item(1, None, None), item(1, Some(at(5, 0)), None)];
        let u = &unit_figures(&items, at(20, 0), MIN_SAMPLE)[0];
        assert_eq!(u.median_working_days_tenths, Some(20), "2, 2, 5: the open item and the one without days left out");
        assert_eq!(unit_figures(&[item(1, None, None)], at(20, 0), MIN_SAMPLE)[0].median_working_days_tenths, None);
        assert_eq!(tenths_of_percent(2, 3), Some(667));
        assert_eq!(tenths_of_percent(0, 0), None);
    }

    #[test]
    fn refused_and_duplicate_items_are_received_but_neither_answered_nor_open() {
        let now = at(20, 0);
        let closed = ItemFacts { closed: true, ..item(1, None, None) };
        assert!(!closed.is_open() && !closed.open_overdue(now) && !closed.answered_on_time());
        let items = [on_time(1), late(1), closed, closed, item(1, None, None)];
        let u = &unit_figures(&items, now, MIN_SAMPLE)[0];
        assert_eq!((u.received, u.answered, u.open, u.open_overdue, u.closed), (5, 2, 1, 1, 2));
        assert_eq!(u.on_time_rate, Some(333), "1 ÷ (2 + 1): the closed items are outside the rate");
        assert!(!u.ranked, "5 received, but only 3 owed an answer: under the sample of 5");
        let more: Vec<ItemFacts> = items.iter().copied().chain([on_time(1), on_time(1)]).collect();
        assert!(unit_figures(&more, now, MIN_SAMPLE)[0].ranked, "5 owed an answer");
    }

    #[test]
    fn items_without_a_deadline() {
        let no_deadline = ItemFacts { deadline: None, ..item(1, None, None) };
        assert!(!no_deadline.open_overdue(at(30, 0)));
        let answered = ItemFacts { answered_at: Some(at(30, 0)), ..no_deadline };
        assert!(answered.answered_on_time());
    }

    #[test]
    fn counts_by_category_and_channel() {
        let mut items = vec![on_time(1), on_time(1), on_time(2)];
        items[1].category_id = 4;
        items[1].channel = Channel::Hotline;
        items[2].channel = Channel::Hotline;
        assert_eq!(count_by_category(&items), [(1, 2), (4, 1)]);
        assert_eq!(
            count_by_channel(&items),
            [(Channel::Web, 1), (Channel::Hotline, 2), (Channel::InPerson, 0), (Channel::Open311, 0)]
        );
    }
}
