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

    async fn publication_duplicates_rating_reopening_notices_and_erasure(db: TestDb) {
        let site = bootstrap_site(&db.store, true).await.unwrap().unwrap();
        let s = &db.store;
        let l = db.label;
        let admin = s.accounts().sign_in(&site.admin_username, &site.admin_password, "a", None, None).await.unwrap().actor;
        let units = s.units().org_units().await.unwrap();
        let root = units.iter().find(|u| u.parent_id.is_none()).unwrap().id;
        let commune = units.iter().find(|u| u.name == "Đảng ủy xã Mẫu Sơn").unwrap().id;
        let calendar = s.calendar().working_calendar(&danvan_calendar::HolidayRules::default_rules()).await.unwrap();
        let rule = DeadlineRule { days: 3, counting: Counting::WorkingDays, from: CountFrom::Receipt, max_extensions: 1 };
        let lights = s.feedback().save_category(&admin, None, "Điện chiếu sáng", "", rule, None, true).await.unwrap();
        let coordinator = staff(s, &admin, "tiepnhan", Role::FeedbackCoordinator, root).await;
        let handler = staff(s, &admin, "xuly", Role::FeedbackHandler, commune).await;
        let f = s.feedback();

        let main = f.submit(&item(lights), Channel::Web, None, "dia-chi-1", &calendar, vn(29, 4, 10)).await.unwrap();
        let other = NewItem { name: "Trần Văn Khác".into(), phone: "0987 654 321".into(), email: String::new(), ..item(lights) };
        let dup = f.submit(&other, Channel::Web, None, "dia-chi-2", &calendar, vn(29, 4, 11)).await.unwrap();
        f.accept(&coordinator, main.id, commune, &calendar, vn(29, 4, 12)).await.unwrap();
        // a duplicate: its main item must be another, known item
        let r = f.mark_duplicate(&coordinator, dup.id, dup.code.as_str(), "Cùng đèn", vn(29, 4, 13)).await;
        assert!(matches!(r, Err(StoreError::Field { field: "main", code: "feedback.main_invalid" })), "{r:?}");
        let r = f.mark_duplicate(&coordinator, dup.id, "PA-7K3-MQ9-XHC", "Cùng đèn", vn(29, 4, 13)).await;
        assert!(matches!(r, Err(StoreError::Field { field: "main", .. })), "{r:?}");
        // a duplicate of the duplicate follows it to the main item
        let third = NewItem { name: "Phạm Thị Ba".into(), phone: "0977 111 222".into(), email: String::new(), ..item(lights) };
        let third = f.submit(&third, Channel::Web, None, "dia-chi-4", &calendar, vn(29, 4, 11)).await.unwrap();
        f.mark_duplicate(&coordinator, third.id, dup.code.as_str(), "Cùng đèn", vn(29, 4, 12)).await.unwrap();
        f.mark_duplicate(&coordinator, dup.id, main.code.as_str(), "Cùng đèn thôn 3", vn(29, 4, 13)).await.unwrap();
        let seen = f.lookup(dup.code.as_str(), "0987654321", "x", vn(29, 4, 14)).await.unwrap().unwrap();
        assert!(seen.duplicate && seen.answer.is_none(), "{l}: {seen:?}");

        // publication waits for the answer
        let r = f.publication_draft(&coordinator, main.id).await;
        assert!(matches!(r, Err(StoreError::Field { field: "step", code: "feedback.publish_needs_answer" })), "{r:?}");
        let answer = "Kính gửi bà Lê Thị Riêng Tư (0912 345 678): điện lực đã thay bóng đèn ngày 7/5/2026. Cần thêm thông tin xin gọi đường dây nóng 0234 3822 123.";
        f.answer(&handler, main.id, answer, vn(7, 5, 9)).await.unwrap();
        // the duplicate's reporter follows the main answer and is told
        let seen = f.lookup(dup.code.as_str(), "0987654321", "x", vn(7, 5, 10)).await.unwrap().unwrap();
        assert_eq!(seen.answer.as_deref(), Some(answer), "{l}");
        let outbox = danvan_store::entity::feedback_outbox::Entity::find().all(s.connection()).await.unwrap();
        let mut queued: Vec<(i32, String)> = outbox.iter().map(|o| (o.item_id, o.kind.clone())).collect();
        queued.sort();
        assert_eq!(queued, vec![(main.id, "answered".to_owned()), (dup.id, "main_answered".to_owned()), (third.id, "main_answered".to_owned())], "{l}");
        let seen = f.lookup(third.code.as_str(), "0977111222", "x", vn(7, 5, 10)).await.unwrap().unwrap();
        assert_eq!(seen.answer.as_deref(), Some(answer), "{l}: the duplicate of the duplicate follows the main answer");

        // the draft proposes the redaction; the reporter's own data refuses publication
        let draft = f.publication_draft(&coordinator, main.id).await.unwrap();
        assert!(draft.proposed.answer.starts_with("Kính gửi [họ tên đã ẩn] ([số điện thoại đã ẩn]): điện lực"), "{l}: {}", draft.proposed.answer);
        let own: Vec<(&str, bool)> = draft.found.iter().map(|x| (x.text.as_str(), x.own)).collect();
        assert!(own.contains(&("bà Lê Thị Riêng Tư", true)) && own.contains(&("0912 345 678", true)) && own.contains(&("0234 3822 123", false)), "{own:?}");
        let as_typed = danvan_store::PublicTexts { title: "Đèn đường thôn 3".into(), question: "Đèn đường thôn 3 không sáng.".into(), place: "Thôn 3".into(), answer: answer.into() };
        let r = f.publish(&coordinator, main.id, &as_typed, true, vn(7, 5, 11)).await;
        assert!(matches!(r, Err(StoreError::Field { field: "answer", code: "feedback.own_data_present" })), "{l}: even confirmed: {r:?}");
        assert!(draft.proposed.answer.ends_with("đường dây nóng [số điện thoại đã ẩn]."), "{}", draft.proposed.answer);
        // staff put the office's hotline back: shown, and publication waits for the confirmation
        let answer_kept = draft.proposed.answer.replace("đường dây nóng [số điện thoại đã ẩn].", "đường dây nóng 0234 3822 123.");
        let proposed = danvan_store::PublicTexts { title: "Đèn đường thôn 3".into(), answer: answer_kept, ..draft.proposed.clone() };
        match f.publish(&coordinator, main.id, &proposed, false, vn(7, 5, 11)).await.unwrap() {
            danvan_store::PublishOutcome::NeedsConfirmation(found) => assert_eq!(found.iter().map(|x| x.text.as_str()).collect::<Vec<_>>(), ["0234 3822 123"], "{l}"),
            other => panic!("{l}: {other:?}"),
        }
        assert!(f.published_item(main.id).await.unwrap().is_none(), "not yet");
        assert!(matches!(f.publish(&handler, main.id, &proposed, true, vn(7, 5, 11)).await, Err(StoreError::Rule(danvan_domain::ErrorCode::Forbidden))), "a handler does not publish");
        assert_eq!(f.publish(&coordinator, main.id, &proposed, true, vn(7, 5, 11)).await.unwrap(), danvan_store::PublishOutcome::Published);
        let public = f.published_item(main.id).await.unwrap().unwrap();
        assert_eq!((public.row.title.as_str(), public.row.unit.as_str()), ("Đèn đường thôn 3", "Đảng ủy xã Mẫu Sơn"), "{l}");
        assert!(!format!("{public:?}").contains("Riêng Tư") && !format!("{public:?}").contains("345 678"), "{public:?}");
        let (list, total) = f.published(Some(lights), None, 1, 20).await.unwrap();
        assert_eq!((total, list[0].id), (1, main.id), "{l}");
        assert_eq!(f.published(Some(lights), Some(root), 1, 20).await.unwrap().1, 0, "the unit filter");
        assert!(f.published_item(dup.id).await.unwrap().is_none(), "only what staff published");

        // the reporter rates and reopens once, with the ticket of a lookup; a forged or stale ticket does neither
        let ticket = f.lookup(main.code.as_str(), "0912345678", "y", vn(8, 5, 9)).await.unwrap().unwrap().ticket;
        // the MAC's last hex digit changed (to another digit, whatever it was)
        let last = if ticket.ends_with('0') { '1' } else { '0' };
        let forged = format!("{}{last}", &ticket[..ticket.len() - 1]);
        assert!(matches!(f.rate(&forged, 5, vn(8, 5, 9)).await, Err(StoreError::Field { field: "ticket", .. })), "{l}");
        assert!(matches!(f.rate(&format!("{}.{}", dup.id, &ticket[ticket.find('.').unwrap() + 1..]), 5, vn(8, 5, 9)).await, Err(StoreError::Field { field: "ticket", .. })), "{l}: another item");
        assert!(matches!(f.rate(&ticket, 5, vn(8, 5, 11)).await, Err(StoreError::Field { field: "ticket", .. })), "{l}: two hours later");
        assert!(matches!(f.rate(&ticket, 6, vn(8, 5, 9)).await, Err(StoreError::Field { field: "rating", .. })));
        let rated = f.rate(&ticket, 2, vn(8, 5, 9)).await.unwrap();
        assert_eq!((rated.rating, rated.can_reopen), (Some(2), true), "{l}");
        assert!(matches!(f.reopen(&ticket, " ", &calendar, vn(8, 5, 9)).await, Err(StoreError::Field { field: "comment", .. })));
        let reopened = f.reopen(&rated.ticket, "Đèn lại hỏng sau hai ngày", &calendar, vn(8, 5, 10)).await.unwrap();
        assert_eq!((reopened.status.as_str(), reopened.can_reopen, reopened.deadline_at), ("reopened", false, Some(vn(13, 5, 17))), "{l}: 3 working days from Friday 8 May");
        assert_eq!(f.queue(&handler, Queue::Open, &calendar, vn(8, 5, 11), 1, 50).await.unwrap().0[0].id, main.id, "back in the unit's queue");
        f.answer(&handler, main.id, "Đã thay bộ đèn mới.", vn(11, 5, 9)).await.unwrap();
        let r = f.reopen(&f.lookup(main.code.as_str(), "0912345678", "y", vn(11, 5, 10)).await.unwrap().unwrap().ticket, "Lần nữa", &calendar, vn(11, 5, 10)).await;
        assert!(matches!(r, Err(StoreError::Field { field: "step", code: "feedback.reopen_refused" })), "{l}: once: {r:?}");
        let lines: Vec<String> = f.item(&coordinator, main.id).await.unwrap().unwrap().history.iter().map(|h| h.summary.clone()).collect();
        for want in ["Công khai câu hỏi và trả lời (2 chỗ đã ẩn)", "Người gửi đánh giá 2/5", "Người gửi đề nghị xem xét lại; hạn mới 17:00 13/05/2026: Đèn lại hỏng sau hai ngày", &format!("Phản ánh trùng {} được gộp vào", dup.code)] {
            assert!(lines.iter().any(|x| x == want), "{l}: {want:?} in {lines:?}");
        }

        // reminders: one per handler and deadline, never twice; dismissed in the back office
        let late = f.submit(&item(lights), Channel::Web, None, "dia-chi-3", &calendar, vn(4, 5, 10)).await.unwrap();
        f.accept(&coordinator, late.id, commune, &calendar, vn(4, 5, 11)).await.unwrap();
        assert_eq!(f.queue_reminders(&calendar, vn(4, 5, 12)).await.unwrap(), 0, "{l}: due Thursday 7 May: not yet due soon on Monday");
        let first = f.queue_reminders(&calendar, vn(5, 5, 9)).await.unwrap();
        assert_eq!(first, 2, "{l}: two working days left: the coordinator above and the commune's handler");
        assert_eq!(f.queue_reminders(&calendar, vn(6, 5, 10)).await.unwrap(), 0, "{l}: never twice");
        assert_eq!(f.queue_reminders(&calendar, vn(8, 5, 9)).await.unwrap(), 2, "{l}: overdue: one more each");
        let notices = f.notices(&handler).await.unwrap();
        assert_eq!(notices.iter().map(|n| n.kind).collect::<Vec<_>>(), [danvan_store::NoticeKind::Overdue, danvan_store::NoticeKind::DueSoon], "{l}");
        f.dismiss_notice(&coordinator, notices[0].id, vn(8, 5, 9)).await.unwrap();
        assert_eq!(f.notices(&handler).await.unwrap().len(), 2, "another's dismissal does nothing");
        f.dismiss_notice(&handler, notices[0].id, vn(8, 5, 9)).await.unwrap();
        assert_eq!(f.notices(&handler).await.unwrap().len(), 1);

        // delivery: e-mail to a reporter who gave one, at most once; the rest to the back office
        let sent = f.claim_deliveries(true, "https://danvan.example.vn", vn(11, 5, 12), 100).await.unwrap();
        let to: Vec<&str> = sent.iter().map(|d| d.to.as_str()).collect();
        assert_eq!(to, ["rieng.tu@example.vn", "rieng.tu@example.vn"], "{l}: the two answers; the duplicate's reporter gave no e-mail");
        assert!(sent[0].body.contains("https://danvan.example.vn/phan-anh/tra-cuu") && sent[0].body.contains(main.code.as_str()), "{}", sent[0].body);
        assert!(!sent[0].body.contains("Riêng Tư"), "no name in the mail");
        f.delivered(sent[0].id).await.unwrap();
        f.delivery_failed(sent[1].id, "421 try later", vn(11, 5, 12)).await.unwrap();
        assert!(f.claim_deliveries(true, "", vn(11, 5, 12), 100).await.unwrap().is_empty(), "{l}: nothing twice, the failed one waits");
        assert_eq!(f.claim_deliveries(true, "", vn(11, 5, 13), 100).await.unwrap().len(), 1, "{l}: tried again later");

        // export and erasure on request; the item stays, anonymised
        assert!(matches!(f.export_contact(&coordinator, "không phải số", vn(12, 5, 9)).await, Err(StoreError::Field { field: "contact", .. })));
        let export = f.export_contact(&coordinator, "+84 912 345 678", vn(12, 5, 9)).await.unwrap();
        assert_eq!(export.items.len(), 2, "{l}: main and late");
        assert_eq!((export.items[0].name.as_str(), export.items[0].email.as_str()), ("Lê Thị Riêng Tư", "rieng.tu@example.vn"));
        assert_eq!(f.export_contact(&handler, "0912345678", vn(12, 5, 9)).await.unwrap().items.len(), 2, "the handler's commune has both");
        assert_eq!(f.erase_contact(&handler, None, "0912345678", vn(12, 5, 9)).await.unwrap(), 0, "{l}: a handler may not erase");
        assert_eq!(f.erase_contact(&coordinator, None, "0912345678", vn(12, 5, 9)).await.unwrap(), 2, "{l}");
        assert!(f.export_contact(&coordinator, "0912345678", vn(12, 5, 10)).await.unwrap().items.is_empty());
        let page = f.item(&coordinator, main.id).await.unwrap().unwrap();
        assert_eq!(page.contact, Some((String::new(), String::new(), String::new())));
        assert!(page.contact_erased && page.published && page.answer == "Đã thay bộ đèn mới.", "{l}");
        let items = danvan_store::entity::feedback_item::Entity::find().all(s.connection()).await.unwrap();
        let main_row = items.iter().find(|i| i.id == main.id).unwrap();
        assert!(main_row.status == "answered" && main_row.public_title == "Đèn đường thôn 3", "{l}: kept for the statistics and the public page");
        assert!(f.lookup(main.code.as_str(), "0912345678", "z", vn(12, 5, 11)).await.unwrap().is_none(), "{l}: erased: nothing to follow with");
        let events = feedback_event::Entity::find().all(s.connection()).await.unwrap();
        let audits = audit_event::Entity::find().all(s.connection()).await.unwrap();
        for text in events.iter().map(|e| e.params.clone()).chain(audits.iter().map(|a| a.params.clone())).chain(items.iter().map(|i| format!("{} {} {}", i.title, i.content, i.answer))) {
            for secret in ["Riêng Tư", "0912 345 678", "0912345678"] {
                assert!(!text.contains(secret), "{l}: {secret} in {text}");
            }
        }
    }

    async fn the_sample_site_has_an_item_in_every_state(db: TestDb) {
        bootstrap_site(&db.store, true).await.unwrap().unwrap();
        let s = &db.store;
        let l = db.label;
        let calendar = s.calendar().working_calendar(&danvan_calendar::HolidayRules::default_rules()).await.unwrap();
        assert_eq!(s.feedback().seed_samples(&calendar, vn(1, 12, 10)).await.unwrap(), 5, "{l}");
        assert_eq!(s.feedback().seed_samples(&calendar, vn(1, 12, 10)).await.unwrap(), 0, "{l}: once");
        let items = danvan_store::entity::feedback_item::Entity::find().all(s.connection()).await.unwrap();
        let mut states: Vec<&str> = items.iter().map(|i| i.status.as_str()).collect();
        states.sort();
        assert_eq!(states, ["accepted", "answered", "duplicate", "received", "refused"], "{l}");
        assert!(items.iter().all(|i| i.title.ends_with("(mẫu)")), "{l}: marked as samples");
        let (published, total) = s.feedback().published(None, None, 1, 10).await.unwrap();
        assert_eq!((total, published[0].title.as_str()), (1, "Đường liên thôn xuống cấp sau mưa lớn (mẫu)"), "{l}");
        let main = items.iter().find(|i| i.status == "answered").unwrap();
        assert_eq!(items.iter().find(|i| i.status == "duplicate").unwrap().duplicate_of, Some(main.id), "{l}");
    }

    async fn submissions_arriving_together_share_a_commit_and_keep_their_limits(db: TestDb) {
        bootstrap_site(&db.store, true).await.unwrap().unwrap();
        let s = &db.store;
        let l = db.label;
        let calendar = s.calendar().working_calendar(&danvan_calendar::HolidayRules::default_rules()).await.unwrap();
        let category = s.feedback().categories(true).await.unwrap()[0].id;
        let before = danvan_store::entity::feedback_item::Entity::find().all(s.connection()).await.unwrap().len();
        let at = vn(2, 6, 10);
        // 40 reporters at once, each from an address and a phone of their
        // own, and 12 more with one phone: 10 an hour pass, 2 are refused,
        // and a refusal rolls back only its own submission
        let mut tasks = tokio::task::JoinSet::new();
        for i in 0..52u32 {
            let (s, calendar) = (s.clone(), calendar.clone());
            let phone = if i < 40 { format!("0912 000 {i:03}") } else { "0988 777 666".to_owned() };
            tasks.spawn(async move {
                let it = NewItem { phone, email: String::new(), ..item(category) };
                (i, s.feedback().submit(&it, Channel::Web, None, &format!("dia-chi-{i}"), &calendar, at).await)
            });
        }
        let mut codes = std::collections::BTreeSet::new();
        let mut refused = 0;
        while let Some(joined) = tasks.join_next().await {
            let (i, r) = joined.unwrap();
            match r {
                Ok(sub) => assert!(codes.insert(sub.code.to_string()), "{l}: a code given twice"),
                Err(StoreError::Field { field: "phone", code: "feedback.contact_rate_limited" }) if i >= 40 => refused += 1,
                Err(e) => panic!("{l}: submission {i}: {e:?}"),
            }
        }
        assert_eq!((codes.len(), refused), (50, 2), "{l}");
        let items = danvan_store::entity::feedback_item::Entity::find().all(s.connection()).await.unwrap();
        assert_eq!(items.len(), before + 50, "{l}: every acknowledged item is committed, no refused one");
        for code in &codes {
            assert!(items.iter().any(|i| &i.code == code), "{l}: {code} acknowledged but missing");
        }
        let received: Vec<_> = feedback_event::Entity::find().all(s.connection()).await.unwrap().into_iter().filter(|e| e.action == "feedback.receive" && codes.iter().any(|c| e.params.contains(c.as_str()))).collect();
        assert_eq!(received.len(), 50, "{l}: one history line each");
    }
}
