//! The feedback desk's statistics on SQLite and PostgreSQL, with items
//! received in June 2025 (away from today, so that sample items do not
//! mix in) in a category of 3 working days: a unit with 1 item answered on
//! time is not ranked above one with 40 items at 90%; an open item past its
//! deadline lowers the on-time rate; refused and duplicate items are
//! received but neither answered nor open; the median of the working days
//! to answer; counts by category and channel; the year, quarter, month and
//! from–to periods at Vietnam's midnights; a unit's subtree; a staff
//! member's scope; and no personal data in the figures.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use danvan_domain::editorial::{Grant, Role};
use danvan_domain::feedback::period::StatsPeriod;
use danvan_domain::feedback::stats::MIN_SAMPLE;
use danvan_domain::feedback::{Channel, CountFrom, Counting, DeadlineRule, NewItem};
use danvan_store::entity::feedback_item;
use danvan_store::{Actor, FeedbackStats, NewUser, Store, bootstrap_site};
use danvan_testing::{TestDb, backend_tests};
use sea_orm::{ActiveModelTrait, Set};

async fn staff(s: &Store, admin: &Actor, name: &str, role: Role, unit: i32) -> Actor {
    let id = s
        .accounts()
        .create_user(admin, &NewUser { username: name.into(), display_name: name.into(), password: "mat-khau-tam-thoi-dai".into(), org_unit_id: Some(unit), grants: vec![Grant { role, unit_id: unit }] })
        .await
        .unwrap();
    let a = s.accounts().sign_in(name, "mat-khau-tam-thoi-dai", "addr", None, None).await.unwrap().actor;
    s.accounts().set_password(&a, id, Some("mat-khau-tam-thoi-dai"), "mat-khau-rieng-cua-toi").await.unwrap();
    s.accounts().sign_in(name, "mat-khau-rieng-cua-toi", "addr", None, None).await.unwrap().actor
}

/// `h:min` in Vietnam on `d`/`m`/2025.
fn vn(d: u32, m: u32, h: u32, min: u32) -> DateTime<Utc> {
    danvan_domain::time::vietnam().with_ymd_and_hms(2025, m, d, h, min, 0).unwrap().with_timezone(&Utc)
}

const NAME: &str = "Trần Văn Thống Kê";
const PHONE: &str = "0966 123 789";
const EMAIL: &str = "thong.ke.rieng@example.vn";

fn new_item(category: i32) -> NewItem {
    NewItem {
        category_id: Some(category),
        title: "Rác thải ở chợ".into(),
        content: "Rác ở chợ không được thu gom.".into(),
        place: "Chợ xã".into(),
        name: NAME.into(),
        phone: PHONE.into(),
        email: EMAIL.into(),
        consent: true,
    }
}

/// Receives items as the coordinator (or the web form) does.
struct Desk<'a> {
    s: &'a Store,
    coordinator: &'a Actor,
    calendar: &'a danvan_calendar::WorkingCalendar,
}

impl Desk<'_> {
    async fn receive(&self, category: i32, channel: Channel, received: DateTime<Utc>) -> i32 {
        let fb = self.s.feedback();
        match channel {
            Channel::Web => fb.submit(&new_item(category), Channel::Web, None, &format!("web-{received}"), self.calendar, received).await.unwrap().id,
            c => fb.submit(&NewItem { consent: false, ..new_item(category) }, c, Some(self.coordinator), "", self.calendar, received).await.unwrap().id,
        }
    }

    /// An item received on Monday 2 June 2025 at 10:00 (due Thursday 5
    /// June at 17:00), accepted into `unit` at once, answered at `answered`.
    async fn item(&self, unit: i32, category: i32, channel: Channel, answered: Option<DateTime<Utc>>) -> i32 {
        let received = vn(2, 6, 10, 0);
        let id = self.receive(category, channel, received).await;
        self.s.feedback().accept(self.coordinator, id, unit, self.calendar, received).await.unwrap();
        if let Some(at) = answered {
            self.s.feedback().answer(self.coordinator, id, "Đã xử lý xong.", at).await.unwrap();
        }
        id
    }
}

fn unit_of<'a>(stats: &'a FeedbackStats, name: &str) -> &'a danvan_store::UnitStats {
    stats.units.iter().find(|u| u.name == name).unwrap_or_else(|| panic!("{name} in {:?}", stats.units.iter().map(|u| &u.name).collect::<Vec<_>>()))
}

fn names(stats: &FeedbackStats) -> Vec<&str> {
    stats.units.iter().map(|u| u.name.as_str()).collect()
}

backend_tests! {
    async fn on_time_rates_ranking_and_periods(db: TestDb) {
        let l = db.label;
        let site = bootstrap_site(&db.store, true).await.unwrap().unwrap();
        let s = &db.store;
        let admin = s.accounts().sign_in(&site.admin_username, &site.admin_password, "a", None, None).await.unwrap().actor;
        let units = s.units().org_units().await.unwrap();
        let id_of = |name: &str| units.iter().find(|u| u.name == name).unwrap().id;
        let root = units.iter().find(|u| u.parent_id.is_none()).unwrap().id;
        let (commune, farmers, youth, veterans) =
            (id_of("Đảng ủy xã Mẫu Sơn"), id_of("Hội Nông dân xã Mẫu Sơn"), id_of("Đoàn Thanh niên xã Mẫu Sơn"), id_of("Hội Cựu chiến binh xã Mẫu Sơn"));
        let other = s.units().create_unit(&admin, Some(root), "Đảng ủy xã Bình An", "commune").await.unwrap();
        let calendar = s.calendar().working_calendar(&danvan_calendar::HolidayRules::default_rules()).await.unwrap();
        let rule = DeadlineRule { days: 3, counting: Counting::WorkingDays, from: CountFrom::Receipt, max_extensions: 1 };
        let lights = s.feedback().save_category(&admin, None, "Điện chiếu sáng", "", rule, None, true).await.unwrap();
        let waste = s.feedback().save_category(&admin, None, "Rác thải", "", rule, Some(farmers), true).await.unwrap();
        let coordinator = staff(s, &admin, "tiepnhan", Role::FeedbackCoordinator, root).await;
        let desk = Desk { s, coordinator: &coordinator, calendar: &calendar };
        let (tue, wed, thu, mon) = (vn(3, 6, 9, 0), vn(4, 6, 9, 0), vn(5, 6, 16, 0), vn(9, 6, 9, 0));

        // the commune: 40 items, 36 answered on time (20 after 2 working days, 16 after 3), 4 late (after 5)
        for i in 0..40 {
            let at = match i { 0..20 => wed, 20..36 => thu, _ => mon };
            desk.item(commune, lights, Channel::Hotline, Some(at)).await;
        }
        // Bình An: one item answered the next day
        desk.item(other, lights, Channel::Hotline, Some(tue)).await;
        // the farmers' association: 4 answered on time, 1 open, 1 refused, 1 duplicate
        for _ in 0..4 {
            desk.item(farmers, waste, Channel::InPerson, Some(tue)).await;
        }
        let open = desk.item(farmers, waste, Channel::InPerson, None).await;
        // (the category's unit is the association's: the refused item stays there)
        let refused = desk.receive(waste, Channel::Hotline, vn(2, 6, 10, 0)).await;
        s.feedback().refuse(&coordinator, refused, "Không thuộc thẩm quyền", vn(2, 6, 11, 0)).await.unwrap();
        let duplicate = desk.item(farmers, waste, Channel::Hotline, None).await;
        feedback_item::ActiveModel { id: Set(duplicate), status: Set("duplicate".into()), duplicate_of: Set(Some(open)), ..Default::default() }.update(s.connection()).await.unwrap();
        // the youth union: two items, one from the web form
        desk.item(youth, lights, Channel::Web, Some(tue)).await;
        desk.item(youth, lights, Channel::InPerson, Some(tue)).await;
        // the veterans: one item on each side of Vietnam's midnight between June and July
        let late_june = desk.receive(lights, Channel::Hotline, vn(30, 6, 23, 30)).await;
        let early_july = desk.receive(lights, Channel::Hotline, vn(1, 7, 0, 30)).await;
        for id in [late_june, early_july] {
            s.feedback().accept(&coordinator, id, veterans, &calendar, vn(1, 7, 8, 0)).await.unwrap();
        }

        let now = vn(20, 7, 12, 0);
        let year = s.feedback().statistics(None, &StatsPeriod::Year(2025), None, MIN_SAMPLE, &calendar, now).await.unwrap();
        let a = &unit_of(&year, "Đảng ủy xã Mẫu Sơn").figures;
        assert_eq!((a.received, a.answered, a.answered_on_time, a.open, a.open_overdue, a.closed), (40, 40, 36, 0, 0, 0), "{l}");
        assert_eq!((a.on_time_rate, a.ranked), (Some(900), true));
        assert_eq!(a.median_working_days_tenths, Some(25), "{l}: 20 × 2 days, 16 × 3, 4 × 5: the middle two are 2 and 3");
        let b = &unit_of(&year, "Đảng ủy xã Bình An").figures;
        assert_eq!((b.received, b.answered_on_time, b.on_time_rate, b.ranked, b.median_working_days_tenths), (1, 1, Some(1000), false, Some(10)), "{l}");
        let c = &unit_of(&year, "Hội Nông dân xã Mẫu Sơn").figures;
        assert_eq!((c.received, c.answered, c.open, c.open_overdue, c.closed), (7, 4, 1, 1, 2), "{l}: refused and duplicate are received, neither answered nor open");
        assert_eq!((c.on_time_rate, c.ranked), (Some(800), true), "{l}: the open overdue item: 4 ÷ (4 + 1)");
        // the league table: ranked by rate, then the too-few by name (Bình An first, though created last)
        assert_eq!(names(&year), ["Đảng ủy xã Mẫu Sơn", "Hội Nông dân xã Mẫu Sơn", "Đảng ủy xã Bình An", "Đoàn Thanh niên xã Mẫu Sơn", "Hội Cựu chiến binh xã Mẫu Sơn"], "{l}");
        assert_eq!(year.units.iter().filter(|u| u.figures.ranked).count(), 2);
        assert_eq!(year.min_sample, 5);
        // before its deadline the open item is only open: the rate is 100%
        let early = s.feedback().statistics(None, &StatsPeriod::Year(2025), Some(farmers), MIN_SAMPLE, &calendar, vn(5, 6, 12, 0)).await.unwrap();
        let c = &early.units[0].figures;
        assert_eq!((c.open, c.open_overdue, c.on_time_rate), (1, 0, Some(1000)), "{l}");
        // with a sample of 1, the lucky unit leads
        let any = s.feedback().statistics(None, &StatsPeriod::Year(2025), None, 1, &calendar, now).await.unwrap();
        assert_eq!(names(&any)[..3], ["Đoàn Thanh niên xã Mẫu Sơn", "Đảng ủy xã Bình An", "Đảng ủy xã Mẫu Sơn"], "{l}: 100% both, 2 items before 1; then 90%");

        // the totals, by category and by channel
        let t = &year.total;
        assert_eq!((t.received, t.answered, t.answered_on_time, t.open, t.closed), (52, 47, 43, 3, 2), "{l}");
        let by_cat: Vec<(&str, u32)> = year.by_category.iter().map(|c| (c.name.as_str(), c.count)).collect();
        assert!(by_cat.contains(&("Điện chiếu sáng", 45)) && by_cat.contains(&("Rác thải", 7)), "{l}: {by_cat:?}");
        assert!(by_cat.contains(&("Môi trường, vệ sinh", 0)), "the active categories without items show 0: {by_cat:?}");
        assert_eq!(year.by_channel, [(Channel::Web, 1), (Channel::Hotline, 45), (Channel::InPerson, 6), (Channel::Open311, 0)], "{l}");

        // the periods: Vietnam's midnight between June and July
        let cal = &calendar;
        let received = |p: StatsPeriod| async move { s.feedback().statistics(None, &p, None, MIN_SAMPLE, cal, now).await.unwrap().total.received };
        assert_eq!(received(StatsPeriod::Month(2025, 6)).await, 51, "{l}");
        assert_eq!(received(StatsPeriod::Month(2025, 7)).await, 1, "{l}: 00:30 on 1 July in Vietnam is still 30 June in UTC");
        assert_eq!(received(StatsPeriod::Quarter(2025, 2)).await, 51);
        assert_eq!(received(StatsPeriod::Quarter(2025, 3)).await, 1);
        let d = |m, d| NaiveDate::from_ymd_opt(2025, m, d).unwrap();
        assert_eq!(received(StatsPeriod::Range(d(6, 30), d(6, 30))).await, 1, "{l}: 23:30 on 30 June");
        assert_eq!(received(StatsPeriod::Range(d(6, 3), d(6, 29))).await, 0);
        let none = s.feedback().statistics(None, &StatsPeriod::Year(2024), None, MIN_SAMPLE, &calendar, now).await.unwrap();
        assert!(none.units.is_empty() && none.total.received == 0 && none.total.on_time_rate.is_none());
        assert!(none.by_channel.iter().all(|(_, n)| *n == 0));

        // a unit's subtree; a staff member's scope
        let sub = s.feedback().statistics(None, &StatsPeriod::Year(2025), Some(commune), MIN_SAMPLE, &calendar, now).await.unwrap();
        assert!(!names(&sub).contains(&"Đảng ủy xã Bình An") && sub.units.len() == 4, "{l}: {:?}", names(&sub));
        let handler = staff(s, &admin, "xuly-nong-dan", Role::FeedbackHandler, farmers).await;
        let theirs = s.feedback().statistics(Some(&handler), &StatsPeriod::Year(2025), None, MIN_SAMPLE, &calendar, now).await.unwrap();
        assert_eq!(names(&theirs), ["Hội Nông dân xã Mẫu Sơn"], "{l}");
        assert_eq!(theirs.total.received, 7);
        let outside = s.feedback().statistics(Some(&handler), &StatsPeriod::Year(2025), Some(other), MIN_SAMPLE, &calendar, now).await.unwrap();
        assert!(outside.units.is_empty(), "another unit than one's own: nothing");
        let all = s.feedback().statistics(Some(&coordinator), &StatsPeriod::Year(2025), None, MIN_SAMPLE, &calendar, now).await.unwrap();
        assert_eq!(all, year, "{l}: the coordinator at the top sees the public figures");

        // no personal data in the figures
        let json = serde_json::to_string(&year).unwrap();
        for secret in ["Thống Kê", "0966123789", "966 123", "thong.ke.rieng", "Rác ở chợ"] {
            assert!(!json.contains(secret), "{l}: {secret}");
        }
    }
}
