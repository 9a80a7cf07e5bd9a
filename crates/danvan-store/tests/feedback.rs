//! The feedback desk's store on SQLite and PostgreSQL: an item is committed
//! with its code before the receipt; the code alone finds nothing, the
//! code with the phone or e-mail given does; failed lookups and
//! submissions are rate-limited in the database; the deadline
//! (received Wednesday 29 April 2026, 3 working days → Wednesday 6 May at
//! the end of the working day) with "due soon" and "overdue" as the clock
//! passes; scopes; and the reporter's personal data in no history line nor
//! audit entry.

use chrono::{DateTime, TimeZone, Utc};
use danvan_domain::editorial::{Grant, Role};
use danvan_domain::feedback::{Channel, CountFrom, Counting, DeadlineRule, NewItem};
use danvan_store::entity::{audit_event, feedback_event};
use danvan_store::{Actor, NewUser, Queue, Store, StoreError, bootstrap_site};
use danvan_testing::{TestDb, backend_tests};
use sea_orm::EntityTrait;

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

/// 10:00 in Vietnam on `d`/`m`/2026.
fn vn(d: u32, m: u32, h: u32) -> DateTime<Utc> {
    danvan_domain::time::vietnam().with_ymd_and_hms(2026, m, d, h, 0, 0).unwrap().with_timezone(&Utc)
}

fn item(category: i32) -> NewItem {
    NewItem {
        category_id: Some(category),
        title: "Đèn đường thôn 3 hỏng".into(),
        content: "Ba tuần nay đèn đường thôn 3 không sáng, đi lại ban đêm nguy hiểm.".into(),
        place: "Thôn 3, xã Mẫu Sơn".into(),
        name: "Lê Thị Riêng Tư".into(),
        phone: "0912 345 678".into(),
        email: "rieng.tu@example.vn".into(),
        consent: true,
    }
}

backend_tests! {
    async fn intake_lookup_deadlines_and_scopes(db: TestDb) {
        let site = bootstrap_site(&db.store, true).await.unwrap().unwrap();
        let s = &db.store;
        let l = db.label;
        let admin = s.accounts().sign_in(&site.admin_username, &site.admin_password, "a", None, None).await.unwrap().actor;
        let units = s.units().org_units().await.unwrap();
        let root = units.iter().find(|u| u.parent_id.is_none()).unwrap().id;
        let commune = units.iter().find(|u| u.name == "Đảng ủy xã Mẫu Sơn").unwrap().id;
        let other = s.units().create_unit(&admin, Some(root), "Đảng ủy xã Bình An", "commune").await.unwrap();
        let calendar = s.calendar().working_calendar(&danvan_calendar::HolidayRules::default_rules()).await.unwrap();

        // every site starts with the default categories
        let categories = s.feedback().categories(true).await.unwrap();
        assert_eq!(categories.len(), 5, "{l}");
        assert_eq!(categories[0].rule, DeadlineRule { days: 10, counting: Counting::WorkingDays, from: CountFrom::Receipt, max_extensions: 1 });
        let rule = DeadlineRule { days: 3, counting: Counting::WorkingDays, from: CountFrom::Receipt, max_extensions: 1 };
        let lights = s.feedback().save_category(&admin, None, "Điện chiếu sáng", "", rule, None, true).await.unwrap();
        let coordinator = staff(s, &admin, "tiepnhan", Role::FeedbackCoordinator, root).await;
        assert!(matches!(s.feedback().save_category(&coordinator, None, "X", "", rule, None, true).await, Err(StoreError::Rule(danvan_domain::ErrorCode::Forbidden))));

        // the web form: committed with its code and deadline
        let received = vn(29, 4, 10);
        let sub = s.feedback().submit(&item(lights), Channel::Web, None, "dia-chi-1", &calendar, received).await.unwrap();
        assert!(sub.code.as_str().starts_with("PA-"), "{}", sub.code);
        let receipt = s.feedback().receipt(&sub.receipt_token, received).await.unwrap().unwrap();
        assert_eq!(receipt.deadline_at, Some(vn(6, 5, 17)), "{l}: Wednesday 6 May 2026 at 17:00");
        assert!(receipt.has_phone && receipt.has_email);
        assert!(s.feedback().receipt(&sub.receipt_token, vn(1, 5, 10)).await.unwrap().is_none(), "the receipt page lasts a day");
        // a missing consent, a bad phone: nothing stored
        let no_consent = NewItem { consent: false, ..item(lights) };
        assert!(matches!(s.feedback().submit(&no_consent, Channel::Web, None, "dia-chi-1", &calendar, received).await, Err(StoreError::Field { field: "consent", .. })));

        // the lookup: code + phone (as typed any way) or e-mail; never the code alone
        let code = sub.code.to_string();
        let seen = s.feedback().lookup(&code.to_lowercase().replace('-', " "), "+84 912.345.678", "dia-chi-2", received).await.unwrap().unwrap();
        assert_eq!((seen.status.as_str(), seen.answer.as_deref()), ("received", None), "{l}");
        assert!(s.feedback().lookup(&code, "RIENG.TU@example.vn", "dia-chi-2", received).await.unwrap().is_some());
        assert!(s.feedback().lookup(&code, "0912 000 000", "dia-chi-3", received).await.unwrap().is_none(), "wrong phone");
        assert!(s.feedback().lookup(&code, "", "dia-chi-3", received).await.unwrap().is_none(), "code alone");
        for _ in 0..8 {
            assert!(s.feedback().lookup("PA-7K3-MQ9-XHC", "0912345678", "dia-chi-3", received).await.unwrap().is_none());
        }
        let r = s.feedback().lookup(&code, "0912345678", "dia-chi-3", received).await;
        assert!(matches!(r, Err(StoreError::Rule(danvan_domain::ErrorCode::RateLimited))), "{l}: ten failures stop this address, right or wrong: {r:?}");
        assert!(s.feedback().lookup(&code, "0912345678", "dia-chi-4", received).await.unwrap().is_some(), "another address is not stopped");

        // ten submissions an hour from one address on the web form
        for i in 1..10 {
            s.feedback().submit(&item(lights), Channel::Web, None, "dia-chi-1", &calendar, received + chrono::Duration::minutes(i)).await.unwrap();
        }
        let r = s.feedback().submit(&item(lights), Channel::Web, None, "dia-chi-1", &calendar, received + chrono::Duration::minutes(20)).await;
        assert!(matches!(r, Err(StoreError::Rule(danvan_domain::ErrorCode::RateLimited))), "{l}: {r:?}");
        // a hotline call entered by the coordinator is not limited, and a stranger may not enter one
        let call = s.feedback().submit(&NewItem { consent: false, ..item(lights) }, Channel::Hotline, Some(&coordinator), "", &calendar, received).await.unwrap();
        let handler = staff(s, &admin, "xuly", Role::FeedbackHandler, commune).await;
        let stranger = staff(s, &admin, "xuly-khac", Role::FeedbackHandler, other).await;
        assert!(matches!(s.feedback().submit(&item(lights), Channel::Hotline, Some(&handler), "", &calendar, received).await, Err(StoreError::Rule(danvan_domain::ErrorCode::Forbidden))));

        // queues: new for the coordinator; accepted into the commune; due soon, then overdue
        let (new, total) = s.feedback().queue(&coordinator, Queue::New, &calendar, received, 1, 50).await.unwrap();
        assert_eq!(total, 11, "{l}");
        assert!(new.iter().any(|r| r.id == sub.id));
        assert_eq!(s.feedback().queue(&handler, Queue::All, &calendar, received, 1, 50).await.unwrap().1, 0, "not yet the commune's");
        s.feedback().accept(&coordinator, sub.id, commune, &calendar, vn(29, 4, 11)).await.unwrap();
        assert!(matches!(s.feedback().accept(&handler, call.id, commune, &calendar, received).await, Err(StoreError::Rule(danvan_domain::ErrorCode::Forbidden))), "a handler does not assign");
        let (open, _) = s.feedback().queue(&handler, Queue::Open, &calendar, vn(30, 4, 9), 1, 50).await.unwrap();
        assert_eq!(open.iter().map(|r| r.id).collect::<Vec<_>>(), [sub.id], "{l}");
        assert_eq!(open[0].deadline_at, Some(vn(6, 5, 17)), "accepting keeps a deadline counted from receipt");
        assert!(s.feedback().queue(&handler, Queue::DueSoon, &calendar, vn(30, 4, 9), 1, 50).await.unwrap().0.is_empty(), "30 April: three working days left");
        assert_eq!(s.feedback().queue(&handler, Queue::DueSoon, &calendar, vn(5, 5, 9), 1, 50).await.unwrap().0.len(), 1, "{l}: 5 May: due soon");
        assert!(s.feedback().queue(&handler, Queue::Overdue, &calendar, vn(6, 5, 16), 1, 50).await.unwrap().0.is_empty(), "6 May 16:00: still on time");
        assert_eq!(s.feedback().queue(&handler, Queue::Overdue, &calendar, vn(6, 5, 18), 1, 50).await.unwrap().0.len(), 1, "{l}: 6 May 18:00: overdue");

        // the item page: the contact for its handlers only
        let page = s.feedback().item(&handler, sub.id).await.unwrap().unwrap();
        assert_eq!(page.contact, Some(("Lê Thị Riêng Tư".to_owned(), "0912345678".to_owned(), "rieng.tu@example.vn".to_owned())));
        assert!(s.feedback().item(&stranger, sub.id).await.unwrap().is_none(), "another commune");
        // extension (once), a note, the answer
        s.feedback().extend(&coordinator, sub.id, "Chờ điện lực kiểm tra", &calendar, vn(5, 5, 9)).await.unwrap();
        let r = s.feedback().extend(&coordinator, sub.id, "Lần nữa", &calendar, vn(5, 5, 10)).await;
        assert!(matches!(r, Err(StoreError::Field { field: "step", code: "feedback.no_more_extensions" })), "{r:?}");
        assert_eq!(s.feedback().queue(&handler, Queue::Open, &calendar, vn(5, 5, 9), 1, 50).await.unwrap().0[0].deadline_at, Some(vn(11, 5, 17)), "{l}: 3 more working days");
        s.feedback().note(&handler, sub.id, "Đã gọi điện lực").await.unwrap();
        assert!(matches!(s.feedback().answer(&handler, sub.id, "  ", vn(7, 5, 9)).await, Err(StoreError::Field { field: "text", .. })));
        s.feedback().answer(&handler, sub.id, "Điện lực đã thay bóng đèn ngày 7/5/2026.", vn(7, 5, 9)).await.unwrap();
        let seen = s.feedback().lookup(&code, "0912345678", "dia-chi-5", vn(7, 5, 10)).await.unwrap().unwrap();
        assert_eq!(seen.answer.as_deref(), Some("Điện lực đã thay bóng đèn ngày 7/5/2026."), "{l}");
        assert!(matches!(s.feedback().answer(&handler, sub.id, "Lại", vn(7, 5, 9)).await, Err(StoreError::Field { field: "step", .. })), "answered already");

        let page = s.feedback().item(&coordinator, sub.id).await.unwrap().unwrap();
        let lines: Vec<&str> = page.history.iter().map(|h| h.summary.as_str()).collect();
        assert_eq!(lines.len(), 5, "{lines:?}");
        assert!(lines[0] == "Trả lời" && lines[1] == "Ghi chú nội bộ: Đã gọi điện lực" && lines[2].starts_with("Gia hạn đến 17:00 11/05/2026"), "{lines:?}");
        assert!(lines[3].starts_with("Thụ lý, giao Đảng ủy xã Mẫu Sơn; hạn 17:00 06/05/2026") && lines[4].starts_with(&format!("Tiếp nhận {code}")), "{lines:?}");
        assert!(page.history[1].internal && !page.history[0].internal);

        // personal data is in no history line and no audit entry
        let events = feedback_event::Entity::find().all(s.connection()).await.unwrap();
        let audits = audit_event::Entity::find().all(s.connection()).await.unwrap();
        for text in events.iter().map(|e| e.params.clone()).chain(audits.iter().map(|a| format!("{} {}", a.params, a.summary))) {
            for secret in ["Riêng Tư", "0912345678", "912 345", "rieng.tu"] {
                assert!(!text.contains(secret), "{l}: {secret} in {text}");
            }
        }
        assert!(audits.iter().any(|a| a.action == "feedback.view_contact"), "every view of the contact is recorded");
    }
}
