//! The feedback desk's statistics (issue 13, scope 5): for a period and
//! optionally a unit with its subtree, the items *received* in the period,
//! read in one query of the seven columns the figures need (never a title,
//! a text or anything of `feedback_contact`), turned into the domain's
//! [`ItemFacts`] and counted by `danvan_domain::feedback::stats`.
//!
//! How each status counts:
//!
//! * answered: answered (on time when at or before its current deadline,
//!   extensions included), with its working days from receipt to the
//!   answer counted by the [`WorkingCalendar`] (Civil Code 2015 Art. 147:
//!   the day of receipt is not counted, so an answer on the next working
//!   day took 1);
//! * received, accepted, reopened: open, and overdue once `now` is past its
//!   deadline (a reopened item owes an answer again: its first answer no
//!   longer counts);
//! * refused, duplicate: *received* but neither answered nor open
//!   ([`ItemFacts::closed`]): a refusal is a decision and not an answer, and
//!   a duplicate's answer is its main item's, which is counted once there;
//!   they are left out of the on-time rate and of the sample a unit needs
//!   to be ranked, and shown in a column of their own;
//! * a status this version does not know: answered when it has an answer
//!   time, open otherwise.
//!
//! The figures are those of the moment `now`: an item received in the
//! period and answered after it is answered.

use super::Feedback;
use crate::entity::{feedback_category, feedback_item, org_unit};
use crate::scope::load_tree;
use crate::{Actor, StoreResult};
use chrono::{DateTime, Utc};
use danvan_calendar::WorkingCalendar;
use danvan_domain::editorial::{Action, Permissions};
use danvan_domain::feedback::period::StatsPeriod;
use danvan_domain::feedback::stats::{ItemFacts, UnitFigures, count_by_category, count_by_channel, ranking, unit_figures};
use danvan_domain::feedback::{Channel, Status};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;

/// One unit's line: its name and figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitStats {
    pub name: String,
    pub figures: UnitFigures,
}

/// Items received in one category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CategoryCount {
    pub id: i32,
    pub name: String,
    pub count: u32,
}

/// The statistics of a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FeedbackStats {
    pub period: StatsPeriod,
    /// The fewest items owed an answer for a unit to be ranked.
    pub min_sample: u32,
    /// Every unit with items received in the period, as the league table
    /// lists them: the ranked units by on-time rate (see
    /// `danvan_domain::feedback::stats::ranking`), then the "too few" ones
    /// by name.
    pub units: Vec<UnitStats>,
    /// All those items together (`unit_id` 0).
    pub total: UnitFigures,
    /// Items per category: every active category (zeros included) and any
    /// inactive one with items, in the categories' order.
    pub by_category: Vec<CategoryCount>,
    /// Items per channel, every channel.
    pub by_channel: Vec<(Channel, u32)>,
}

/// The row the statistics read of an item: unit, received, deadline,
/// answered, status, category, channel.
type FactRow = (Option<i32>, DateTime<Utc>, Option<DateTime<Utc>>, Option<DateTime<Utc>>, String, i32, String);

fn vietnam_date(t: DateTime<Utc>) -> chrono::NaiveDate {
    t.with_timezone(&danvan_domain::time::vietnam()).date_naive()
}

/// The facts of one item (see the module's list of how a status counts).
fn facts(row: FactRow, calendar: &WorkingCalendar) -> Option<ItemFacts> {
    let (unit_id, received_at, deadline, answered_at, status, category_id, channel) = row;
    let (answered, closed) = match Status::from_code(&status) {
        Some(Status::Answered) => (answered_at.is_some(), false),
        Some(Status::Refused | Status::Duplicate) => (false, true),
        Some(Status::Received | Status::Accepted | Status::Reopened) => (false, false),
        None => (answered_at.is_some(), false),
    };
    let answered_at = answered_at.filter(|_| answered);
    let received = vietnam_date(received_at);
    Some(ItemFacts {
        unit_id: unit_id?,
        received,
        deadline,
        answered_at,
        working_days_to_answer: answered_at.and_then(|a| calendar.working_days_between(received, vietnam_date(a)).ok()),
        category_id,
        // a channel this version does not know counts as the web form's
        channel: Channel::from_code(&channel).unwrap_or(Channel::Web),
        closed,
    })
}

/// All `items` together, as one unit 0.
fn total(items: &[ItemFacts], now: DateTime<Utc>, min_sample: u32) -> UnitFigures {
    let all: Vec<ItemFacts> = items.iter().map(|i| ItemFacts { unit_id: 0, ..*i }).collect();
    unit_figures(&all, now, min_sample).pop().unwrap_or(UnitFigures {
        unit_id: 0,
        received: 0,
        answered: 0,
        answered_on_time: 0,
        open: 0,
        open_overdue: 0,
        closed: 0,
        on_time_rate: None,
        median_working_days_tenths: None,
        ranked: false,
    })
}

impl Feedback<'_> {
    /// The statistics of the items received in `period` (Vietnam's days),
    /// at `now`, counted with `calendar`; a unit is ranked with at least
    /// `min_sample` items owed an answer
    /// (`danvan_domain::feedback::stats::MIN_SAMPLE` unless configured).
    ///
    /// * `viewer` `None`: the public figures, every unit's;
    ///   `Some(actor)`: only the units where `actor` has
    ///   [`Action::ViewFeedback`] (filtered in SQL; none at all gives empty
    ///   figures);
    /// * `unit` `Some(u)`: only `u` and the units below it (intersected
    ///   with the viewer's; an unknown unit gives empty figures).
    ///
    /// No personal data is read. Errors: the database's.
    #[allow(clippy::too_many_arguments)]
    pub async fn statistics(
        &self,
        viewer: Option<&Actor>,
        period: &StatsPeriod,
        unit: Option<i32>,
        min_sample: u32,
        calendar: &WorkingCalendar,
        now: DateTime<Utc>,
    ) -> StoreResult<FeedbackStats> {
        let db = &self.store.read;
        let (start, end) = period.instants();
        let mut q = feedback_item::Entity::find()
            .select_only()
            .columns([
                feedback_item::Column::UnitId,
                feedback_item::Column::ReceivedAt,
                feedback_item::Column::DeadlineAt,
                feedback_item::Column::AnsweredAt,
                feedback_item::Column::Status,
                feedback_item::Column::CategoryId,
                feedback_item::Column::Channel,
            ])
            .filter(feedback_item::Column::ReceivedAt.gte(start))
            .filter(feedback_item::Column::ReceivedAt.lt(end))
            .filter(feedback_item::Column::UnitId.is_not_null());
        if viewer.is_some() || unit.is_some() {
            let tree = load_tree(db).await?;
            let seen: Vec<i32> = tree
                .units()
                .filter(|u| viewer.is_none_or(|a| (Permissions { grants: &a.grants, tree: &tree }).can(Action::ViewFeedback, Some(*u))))
                .filter(|u| unit.is_none_or(|top| tree.is_within(*u, top)))
                .collect();
            q = q.filter(feedback_item::Column::UnitId.is_in(seen));
        }
        let rows: Vec<FactRow> = q.into_tuple().all(db).await?;
        let items: Vec<ItemFacts> = rows.into_iter().filter_map(|r| facts(r, calendar)).collect();

        let names: std::collections::HashMap<i32, String> =
            org_unit::Entity::find().select_only().columns([org_unit::Column::Id, org_unit::Column::Name]).into_tuple::<(i32, String)>().all(db).await?.into_iter().collect();
        let mut units: Vec<UnitStats> = ranking(unit_figures(&items, now, min_sample))
            .into_iter()
            .map(|f| UnitStats { name: names.get(&f.unit_id).cloned().unwrap_or_default(), figures: f })
            .collect();
        // the too-few units, after the ranked ones, by name as people look them up
        let first_unranked = units.iter().position(|u| !u.figures.ranked).unwrap_or(units.len());
        units[first_unranked..].sort_by(|a, b| danvan_text::fold(&a.name).cmp(&danvan_text::fold(&b.name)).then(a.figures.unit_id.cmp(&b.figures.unit_id)));

        let counts: std::collections::HashMap<i32, u32> = count_by_category(&items).into_iter().collect();
        let categories = feedback_category::Entity::find()
            .select_only()
            .columns([feedback_category::Column::Id, feedback_category::Column::Name, feedback_category::Column::IsActive])
            .order_by_asc(feedback_category::Column::Position)
            .order_by_asc(feedback_category::Column::Id)
            .into_tuple::<(i32, String, bool)>()
            .all(db)
            .await?;
        let by_category = categories
            .into_iter()
            .map(|(id, name, active)| (CategoryCount { id, name, count: counts.get(&id).copied().unwrap_or(0) }, active))
            .filter(|(c, active)| *active || c.count > 0)
            .map(|(c, _)| c)
            .collect();

        Ok(FeedbackStats {
            period: *period,
            min_sample,
            total: total(&items, now, min_sample),
            by_channel: count_by_channel(&items),
            by_category,
            units,
        })
    }
}
