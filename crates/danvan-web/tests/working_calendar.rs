//! `/quan-tri/lich` through the router, on SQLite and PostgreSQL: an
//! administrator reviews a proposed year, bad rows come back named and save
//! nothing, a confirmed year is audited and then counts deadlines without a
//! warning; others may not touch it; the portal header shows the lunar date.

mod support;
use support::{enc};

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use chrono::NaiveDate;
use danvan_domain::editorial::{Grant, Role};
use danvan_store::{NewUser, YearOrigin, bootstrap_site};
use danvan_testing::{TestDb, backend_tests};
use danvan_web::{WebConfig, router, state};
use http_body_util::BodyExt;
use tower::ServiceExt;

async fn send(app: &Router, method: &str, uri: &str, cookie: &str, form: &str) -> (StatusCode, String, String) {
    let mut b = Request::builder().method(method).uri(uri).header(header::USER_AGENT, "test");
    if !cookie.is_empty() {
        b = b.header(header::COOKIE, cookie);
    }
    if method == "POST" {
        b = b.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    }
    let r = app.clone().oneshot(b.body(Body::from(form.to_owned())).unwrap()).await.unwrap();
    let status = r.status();
    let location = r.headers().get("location").map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
    let body = String::from_utf8(r.into_body().collect().await.unwrap().to_bytes().to_vec()).unwrap();
    (status, location, body)
}

fn csrf_in(html: &str) -> String {
    let i = html.find("name=\"csrf\" value=\"").expect("csrf field") + "name=\"csrf\" value=\"".len();
    html[i..i + 64].to_owned()
}


fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

backend_tests! {
    async fn an_administrator_confirms_a_proposed_year(db: TestDb) {
        let site = bootstrap_site(&db.store, true).await.unwrap().unwrap();
        let s = &db.store;
        let app = router(state(s.clone(), WebConfig::default()).unwrap());
        let admin = s.accounts().sign_in(&site.admin_username, &site.admin_password, "a", None, None).await.unwrap();
        let cookie = format!("dv_session={}", admin.token);

        // 2027 has no decision yet: the page shows the proposal and says so
        let (status, _, page) = send(&app, "GET", "/quan-tri/lich?nam=2027", &cookie, "").await;
        assert_eq!(status, StatusCode::OK, "{}: {page}", db.label);
        assert!(page.contains("Chưa xác nhận: đây là lịch đề xuất."), "{}", db.label);
        // Tết 2027 is Saturday 6 February: the eve, Friday 5 February, is proposed
        assert!(page.contains("value=\"2027-02-05\""), "{}", db.label);
        assert!(page.contains("Thứ Sáu, 05/02/2027"));
        let token = csrf_in(&page);

        // bad rows: each named, nothing stored
        let bad = format!(
            "csrf={token}&year=2027&action=confirm&off-0-date=2027-02-30&off-0-kind=holiday&off-0-holiday=tet&off-0-note=\
             &off-1-date=2027-01-01&off-1-kind=holiday&off-1-holiday=new_year&off-1-note=\
             &off-2-date=01%2F01%2F2027&off-2-kind=extra&off-2-holiday=&off-2-note=\
             &work-0-date=2027-03-03&work-0-note="
        );
        let (status, _, page) = send(&app, "POST", "/quan-tri/lich", &cookie, &bad).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{}", db.label);
        assert!(page.contains("Ngày nghỉ, dòng 1 (Ngày): ngày không hợp lệ; viết YYYY-MM-DD hoặc DD/MM/YYYY."), "{page}");
        assert!(page.contains("Ngày nghỉ, dòng 3 (Ngày): ngày này đã có ở dòng khác."));
        assert!(page.contains("dòng 1 (Ngày): ngày làm bù phải là thứ Bảy hoặc Chủ nhật."));
        assert!(page.contains("value=\"2027-02-30\""), "what was typed comes back");
        assert!(s.calendar().stored_years().await.unwrap().is_empty(), "{}", db.label);

        // no form token: refused
        let good = format!(
            "year=2027&action=confirm&source={}&off-0-date=2027-01-01&off-0-kind=holiday&off-0-holiday=new_year&off-0-note=\
             &off-1-date=2027-02-04&off-1-kind=holiday&off-1-holiday=tet&off-1-note=\
             &off-2-date=2027-02-05&off-2-kind=holiday&off-2-holiday=tet&off-2-note=\
             &off-3-date=2027-02-08&off-3-kind=holiday&off-3-holiday=tet&off-3-note=&off-3-remove=1\
             &work-0-date=2027-02-20&work-0-note={}",
            enc("Quyết định thử nghiệm"),
            enc("Làm bù")
        );
        assert_eq!(send(&app, "POST", "/quan-tri/lich", &cookie, &good).await.0, StatusCode::FORBIDDEN);

        let (status, location, _) = send(&app, "POST", "/quan-tri/lich", &cookie, &format!("csrf={token}&{good}")).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{}", db.label);
        assert_eq!(location, "/quan-tri/lich?nam=2027&tb=da-xac-nhan");
        let (_, _, page) = send(&app, "GET", &location, &cookie, "").await;
        assert!(page.contains("Đã xác nhận lịch làm việc năm 2027."), "{}", db.label);
        assert!(page.contains("Quyết định thử nghiệm"));

        let view = s.calendar().year(2027, &danvan_calendar::HolidayRules::default_rules()).await.unwrap();
        assert_eq!(view.origin, YearOrigin::Stored);
        assert_eq!(view.confirmed_by.as_deref(), Some("admin"));
        let dates: Vec<NaiveDate> = view.calendar.days_off.iter().map(|o| o.date).collect();
        assert_eq!(dates, [ymd(2027, 1, 1), ymd(2027, 2, 4), ymd(2027, 2, 5)], "the removed row is gone");

        // deadlines over 2027 now count without a warning, with its days
        let cal = s.calendar().working_calendar(&danvan_calendar::HolidayRules::default_rules()).await.unwrap();
        let due = cal.add_working_days(ymd(2027, 2, 3), 1).unwrap();
        assert_eq!(due.date, ymd(2027, 2, 8), "4 and 5 February off, the weekend, then Monday");
        assert!(due.unconfirmed_years.is_empty());
        assert!(cal.is_working_day(ymd(2027, 2, 20)).unwrap(), "the make-up Saturday");

        // audited
        let (rows, _) = s.audit_log().entries(&admin.actor, None, 1, 10).await.unwrap();
        let line = rows.iter().find(|e| e.action == "calendar.confirm").expect("audited");
        assert_eq!(line.summary, "Xác nhận lịch làm việc năm 2027 (3 ngày nghỉ)");

        // back to the proposal; a second reset says there is nothing to drop
        let (status, location, _) = send(&app, "POST", "/quan-tri/lich", &cookie, &format!("csrf={token}&year=2027&action=reset")).await;
        assert_eq!((status, location.as_str()), (StatusCode::SEE_OTHER, "/quan-tri/lich?nam=2027&tb=da-khoi-phuc"));
        assert!(s.calendar().stored_years().await.unwrap().is_empty());
        let (_, location, _) = send(&app, "POST", "/quan-tri/lich", &cookie, &format!("csrf={token}&year=2027&action=reset")).await;
        let (_, _, page) = send(&app, "GET", &location, &cookie, "").await;
        assert!(page.contains("Năm 2027 không có bản lưu nào"), "{location}");

        // a row number after a gap is read too; an unknown action or a missing year saves nothing
        let gap = format!("csrf={token}&year=2027&action=save&off-0-date=2027-01-01&off-0-kind=holiday&off-0-holiday=new_year&off-15-date=2027-03-03&off-15-kind=extra");
        assert_eq!(send(&app, "POST", "/quan-tri/lich", &cookie, &gap).await.0, StatusCode::SEE_OTHER);
        let view = s.calendar().year(2027, &danvan_calendar::HolidayRules::default_rules()).await.unwrap();
        assert_eq!(view.calendar.days_off.len(), 2, "{}", db.label);
        for bad in [format!("csrf={token}&year=2027&action=delete"), format!("csrf={token}&year=2027"), format!("csrf={token}&action=save")] {
            assert_eq!(send(&app, "POST", "/quan-tri/lich", &cookie, &bad).await.0, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        }
    }

    async fn only_administrators_and_only_real_years(db: TestDb) {
        let site = bootstrap_site(&db.store, true).await.unwrap().unwrap();
        let s = &db.store;
        let app = router(state(s.clone(), WebConfig::default()).unwrap());
        let admin = s.accounts().sign_in(&site.admin_username, &site.admin_password, "a", None, None).await.unwrap();
        let cookie = format!("dv_session={}", admin.token);
        for bad in ["abc", "2300", "1899", "02026", "2026.0"] {
            let (status, _, _) = send(&app, "GET", &format!("/quan-tri/lich?nam={bad}"), &cookie, "").await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{bad}, {}", db.label);
        }
        // 2026 ships confirmed
        let (status, _, page) = send(&app, "GET", "/quan-tri/lich?nam=2026", &cookie, "").await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("Đã xác nhận.") && page.contains("value=\"2026-01-10\""), "{}", db.label);

        let unit = admin.actor.grants[0].unit_id;
        let editor = NewUser {
            username: "bientap".into(),
            display_name: "Biên tập".into(),
            password: "mot-mat-khau-dai-du".into(),
            org_unit_id: Some(unit),
            grants: vec![Grant { role: Role::Editor, unit_id: unit }],
        };
        let id = s.accounts().create_user(&admin.actor, &editor).await.unwrap();
        let ed = s.accounts().sign_in("bientap", "mot-mat-khau-dai-du", "b", None, None).await.unwrap();
        s.accounts().set_password(&ed.actor, id, Some("mot-mat-khau-dai-du"), "mat-khau-moi-cua-toi").await.unwrap();
        let ed = s.accounts().sign_in("bientap", "mat-khau-moi-cua-toi", "b", None, None).await.unwrap();
        let ed_cookie = format!("dv_session={}", ed.token);
        assert_eq!(send(&app, "GET", "/quan-tri/lich", &ed_cookie, "").await.0, StatusCode::FORBIDDEN);
        let form = format!("csrf={}&year=2027&action=reset", ed.actor.csrf_token);
        assert_eq!(send(&app, "POST", "/quan-tri/lich", &ed_cookie, &form).await.0, StatusCode::FORBIDDEN);
        // the navigation shows the page to the administrator only
        let (_, _, home) = send(&app, "GET", "/quan-tri", &ed_cookie, "").await;
        assert!(!home.contains("href=\"/quan-tri/lich\""));
        let (_, _, home) = send(&app, "GET", "/quan-tri", &cookie, "").await;
        assert!(home.contains("href=\"/quan-tri/lich\""));

        // the portal's header: today with its lunar date
        let (_, _, home) = send(&app, "GET", "/", "", "").await;
        let today = danvan_domain::time::vietnam_today();
        let lunar = danvan_calendar::to_lunar(today).unwrap();
        assert!(home.contains(&format!("<time datetime=\"{today}\">")), "{}", db.label);
        assert!(home.contains(&format!("Âm lịch {}/{}", lunar.day, lunar.month)));
    }
}
