//! The working-day calendar as kept by the site (`store.calendar()`): each
//! year's days off and swapped working days, stored when an administrator
//! saves or confirms it (audited in the same transaction), else the year
//! shipped as confirmed with danvan, else the proposal from the holiday
//! rules. [`Calendar::working_calendar`] gives the calendar deadlines are
//! counted with.

use crate::audit::audit;
use crate::entity::calendar_year;
use crate::error::field;
use crate::scope::check_scope;
use crate::{Actor, Store, StoreError, StoreResult};
use chrono::{DateTime, Utc};
use danvan_calendar::{HolidayRules, WorkingCalendar, YearCalendar, YearStatus, propose, shipped_confirmed};
use danvan_domain::audit::{AuditAction, AuditParams};
use danvan_domain::editorial::Action;
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, ModelTrait, QueryOrder, Set};
use serde::Serialize;

/// Where a year's calendar comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum YearOrigin {
    /// Saved by an administrator.
    Stored,
    /// Shipped with danvan from an official decision.
    Shipped,
    /// Computed from the holiday rules.
    Proposed,
}

/// A year's calendar with where it comes from and who saved it.
#[derive(Debug, Clone, Serialize)]
pub struct CalendarYearView {
    /// The days off and working days.
    pub calendar: YearCalendar,
    /// Stored, shipped or proposed.
    pub origin: YearOrigin,
    /// Who saved the stored year last, and when.
    pub updated_by: Option<String>,
    pub updated_at: Option<DateTime<Utc>>,
    /// Who confirmed the stored year, and when.
    pub confirmed_by: Option<String>,
    pub confirmed_at: Option<DateTime<Utc>>,
}

/// The working-day calendar (`store.calendar()`).
#[derive(Clone, Copy)]
pub struct Calendar<'a> {
    pub(crate) store: &'a Store,
}

fn from_row(r: &calendar_year::Model) -> StoreResult<YearCalendar> {
    let bad = |e: serde_json::Error| StoreError::Db(sea_orm::DbErr::Custom(format!("calendar_year {}: {e}", r.year)));
    Ok(YearCalendar {
        year: r.year,
        status: if r.status == YearStatus::Confirmed.code() { YearStatus::Confirmed } else { YearStatus::Proposed },
        days_off: serde_json::from_str(&r.days_off).map_err(bad)?,
        working_days: serde_json::from_str(&r.working_days).map_err(bad)?,
        source: r.source.clone(),
    })
}

fn check_year(year: i32) -> StoreResult<()> {
    if (1900..=2199).contains(&year) { Ok(()) } else { Err(field("year", "calendar.out_of_range")) }
}

impl Calendar<'_> {
    /// Every stored year, in order.
    pub async fn stored_years(&self) -> StoreResult<Vec<YearCalendar>> {
        let rows = calendar_year::Entity::find().order_by_asc(calendar_year::Column::Year).all(&self.store.read).await?;
        rows.iter().map(from_row).collect()
    }

    /// The calendar deadlines are counted with: the shipped confirmed years,
    /// overridden by the stored ones, proposals from `rules` elsewhere.
    /// The stored years are read at most once a second (see [`crate::cache`];
    /// a change through this store is seen at once).
    pub async fn working_calendar(&self, rules: &HolidayRules) -> StoreResult<WorkingCalendar> {
        let stored = self.store.shared.years.get_or_load(|| self.stored_years()).await?;
        Ok(WorkingCalendar::new(rules.clone(), shipped_confirmed().into_iter().chain(stored.iter().cloned())))
    }

    /// The calendar of `year`: stored, else shipped, else proposed.
    ///
    /// Errors: field `year`, `calendar.out_of_range`, outside 1900–2199.
    pub async fn year(&self, year: i32, rules: &HolidayRules) -> StoreResult<CalendarYearView> {
        check_year(year)?;
        if let Some(r) = calendar_year::Entity::find_by_id(year).one(&self.store.read).await? {
            return Ok(CalendarYearView {
                calendar: from_row(&r)?,
                origin: YearOrigin::Stored,
                updated_by: Some(r.updated_by),
                updated_at: Some(r.updated_at),
                confirmed_by: r.confirmed_by,
                confirmed_at: r.confirmed_at,
            });
        }
        let (calendar, origin) = match shipped_confirmed().into_iter().find(|y| y.year == year) {
            Some(y) => (y, YearOrigin::Shipped),
            None => (propose(year, rules).map_err(|_| field("year", "calendar.out_of_range"))?, YearOrigin::Proposed),
        };
        Ok(CalendarYearView { calendar, origin, updated_by: None, updated_at: None, confirmed_by: None, confirmed_at: None })
    }

    /// Stores `cal` (already checked, e.g. by
    /// `danvan_domain::calendar::year_from_rows`) as the year's calendar,
    /// confirmed when `confirm`, else as an unconfirmed proposal. Needs
    /// [`Action::ManageCalendar`] site-wide; audited.
    ///
    /// Errors: `forbidden`; field `year` outside 1900–2199; the calendar's
    /// own check (field `days_off`, its code) as a last guard.
    pub async fn save_year(&self, actor: &Actor, mut cal: YearCalendar, confirm: bool, rules: &HolidayRules) -> StoreResult<()> {
        check_year(cal.year)?;
        if let Some(p) = cal.check(rules).first() {
            return Err(field("days_off", p.code));
        }
        cal.status = if confirm { YearStatus::Confirmed } else { YearStatus::Proposed };
        let now = Utc::now();
        let tx = self.store.begin_write().await?;
        check_scope(&tx, actor, Action::ManageCalendar, None).await?;
        let existing = calendar_year::Entity::find_by_id(cal.year).one(&tx).await?;
        let is_new = existing.is_none();
        let mut m = match existing {
            Some(r) => r.into_active_model(),
            None => calendar_year::ActiveModel { year: Set(cal.year), ..Default::default() },
        };
        m.status = Set(cal.status.code().to_owned());
        m.days_off = Set(to_json(&cal.days_off));
        m.working_days = Set(to_json(&cal.working_days));
        m.source = Set(cal.source.clone());
        m.updated_by = Set(actor.username.clone());
        m.updated_at = Set(now);
        m.confirmed_by = Set(confirm.then(|| actor.username.clone()));
        m.confirmed_at = Set(confirm.then_some(now));
        if is_new {
            m.insert(&tx).await?;
        } else {
            m.update(&tx).await?;
        }
        let action = if confirm { AuditAction::CalendarConfirm } else { AuditAction::CalendarSave };
        let params = AuditParams::new().with("year", cal.year).with("days", cal.days_off.len());
        audit(&tx, actor, action, "calendar_year", Some(cal.year), params).await?;
        tx.commit().await?;
        self.store.shared.years.forget();
        Ok(())
    }

    /// Drops the stored calendar of `year` (back to the shipped or proposed
    /// one); `false` when none was stored. Needs [`Action::ManageCalendar`];
    /// audited.
    pub async fn reset_year(&self, actor: &Actor, year: i32) -> StoreResult<bool> {
        check_year(year)?;
        let tx = self.store.begin_write().await?;
        check_scope(&tx, actor, Action::ManageCalendar, None).await?;
        let Some(r) = calendar_year::Entity::find_by_id(year).one(&tx).await? else { return Ok(false) };
        r.delete(&tx).await?;
        audit(&tx, actor, AuditAction::CalendarReset, "calendar_year", Some(year), AuditParams::new().with("year", year)).await?;
        tx.commit().await?;
        self.store.shared.years.forget();
        Ok(true)
    }
}

/// A list as stored JSON text.
fn to_json<T: Serialize>(v: &[T]) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "[]".to_owned())
}
