//! The feedback desk's statistics through the router, on SQLite and
//! PostgreSQL, without JavaScript: the public page `/phan-anh/thong-ke`
//! ranks a commune with 40 items at 90% above a commune with one item
//! answered on time (shown as "too few"), with the on-time rate explained,
//! three charts each with its data table, the period form (year, quarter,
//! dates; a wrong year shown next to its field, 422) and the unit filter;
//! it shows none of a reporter's personal data; the back office's page is
//! for staff who may see feedback (sign-in first, 403 otherwise), scoped to
//! their units, with its XLSX file read back with calamine.

mod support;
use support::{enc};

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use chrono::{DateTime, TimeZone, Utc};
use danvan_domain::editorial::{Grant, Role};
use danvan_domain::feedback::{Channel, CountFrom, Counting, DeadlineRule, NewItem};
use danvan_store::{Actor, NewUser, Store, bootstrap_site};
use danvan_testing::{TestDb, backend_tests};
use danvan_web::{WebConfig, router, state};
use http_body_util::BodyExt;
use std::net::SocketAddr;
use tower::ServiceExt;

struct Answer {
    status: StatusCode,
    location: String,
    content_type: String,
    set_cookie: bool,
    bytes: Vec<u8>,
}

impl Answer {
    fn body(&self) -> String {
        String::from_utf8(self.bytes.clone()).unwrap()
    }
}

async fn send(app: &Router, method: &str, uri: &str, cookie: &str, form: &str) -> Answer {
    let peer: SocketAddr = "10.0.0.9:40000".parse().unwrap();
    let mut b = Request::builder().method(method).uri(uri).header(header::USER_AGENT, "test").extension(ConnectInfo(peer));
    if !cookie.is_empty() {
        b = b.header(header::COOKIE, cookie);
    }
    if method == "POST" {
        b = b.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    }
    let r = app.clone().oneshot(b.body(Body::from(form.to_owned())).unwrap()).await.unwrap();
    let header_of = |name: header::HeaderName| r.headers().get(name).map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
    let (status, location, content_type, set_cookie) = (r.status(), header_of(header::LOCATION), header_of(header::CONTENT_TYPE), r.headers().contains_key(header::SET_COOKIE));
    let bytes = r.into_body().collect().await.unwrap().to_bytes().to_vec();
    Answer { status, location, content_type, set_cookie, bytes }
}


/// A signed-in staff member: the actor, the session cookie.
async fn staff(s: &Store, admin: &Actor, name: &str, role: Role, unit: i32) -> (Actor, String) {
    let id = s
        .accounts()
        .create_user(admin, &NewUser { username: name.into(), display_name: name.into(), password: "mat-khau-tam-thoi-dai".into(), org_unit_id: Some(unit), grants: vec![Grant { role, unit_id: unit }] })
        .await
        .unwrap();
    let a = s.accounts().sign_in(name, "mat-khau-tam-thoi-dai", "x", None, None).await.unwrap();
    s.accounts().set_password(&a.actor, id, Some("mat-khau-tam-thoi-dai"), "mat-khau-rieng-cua-toi").await.unwrap();
    let signed = s.accounts().sign_in(name, "mat-khau-rieng-cua-toi", "x", None, None).await.unwrap();
    (signed.actor, format!("dv_session={}", signed.token))
}

/// `h`:00 in Vietnam on `d`/`m`/2025.
fn vn(d: u32, m: u32, h: u32) -> DateTime<Utc> {
    danvan_domain::time::vietnam().with_ymd_and_hms(2025, m, d, h, 0, 0).unwrap().with_timezone(&Utc)
}

const NAME: &str = "Phạm Thị Kín Đáo";
const PHONE: &str = "0977 246 813";
const EMAIL: &str = "kin.dao.rieng@example.vn";
/// The ways the personal data could show on a page.
const SECRETS: [&str; 6] = ["Kín Đáo", "0977246813", "0977 246 813", "977.246.813", "kin.dao.rieng", "977246813"];

fn has_secret(page: &str) -> Option<&'static str> {
    SECRETS.into_iter().find(|s| page.contains(s))
}

/// The first sheet of an XLSX by name, read by calamine.
fn sheet(xlsx: &[u8], name: &str) -> Vec<Vec<calamine::Data>> {
    use calamine::{Reader, Xlsx};
    let mut wb = Xlsx::new(std::io::Cursor::new(xlsx.to_vec())).unwrap();
    let range = wb.worksheet_range(name).unwrap();
    range.rows().map(|r| r.to_vec()).collect()
}

backend_tests! {
    async fn the_public_and_the_staff_read_the_on_time_rates(db: TestDb) {
        use calamine::Data;
        let l = db.label;
        let site = bootstrap_site(&db.store, true).await.unwrap().unwrap();
        let s = &db.store;
        let app = router(state(s.clone(), WebConfig::default()).unwrap());
        let admin = s.accounts().sign_in(&site.admin_username, &site.admin_password, "a", None, None).await.unwrap().actor;
        let units = s.units().org_units().await.unwrap();
        let root = units.iter().find(|u| u.parent_id.is_none()).unwrap().id;
        let commune = units.iter().find(|u| u.name == "Đảng ủy xã Mẫu Sơn").unwrap().id;
        let other = s.units().create_unit(&admin, Some(root), "Đảng ủy xã Bình An", "commune").await.unwrap();
        let (coordinator, coordinator_cookie) = staff(s, &admin, "tiepnhan", Role::FeedbackCoordinator, root).await;
        let (_, handler_cookie) = staff(s, &admin, "xuly", Role::FeedbackHandler, commune).await;
        let (_, editor_cookie) = staff(s, &admin, "bientap", Role::Editor, root).await;
        let calendar = s.calendar().working_calendar(&danvan_calendar::HolidayRules::default_rules()).await.unwrap();
        let rule = DeadlineRule { days: 3, counting: Counting::WorkingDays, from: CountFrom::Receipt, max_extensions: 1 };
        let lights = s.feedback().save_category(&admin, None, "Điện chiếu sáng", "", rule, None, true).await.unwrap();
        let item = NewItem {
            category_id: Some(lights),
            title: "Đèn đường hỏng".into(),
            content: format!("Tôi là {NAME}, gọi {PHONE}."),
            name: NAME.into(),
            phone: PHONE.into(),
            email: EMAIL.into(),
            ..Default::default()
        };
        // June 2025, received Monday 2 June at 10:00, due Thursday 5 June at 17:00:
        // the commune answers 36 of 40 on time; Bình An its only item on time
        let answer = |unit: i32, at: DateTime<Utc>| {
            let (s, item, coordinator, calendar) = (s, item.clone(), coordinator.clone(), &calendar);
            async move {
                let id = s.feedback().submit(&item, Channel::Hotline, Some(&coordinator), "", calendar, vn(2, 6, 10)).await.unwrap().id;
                s.feedback().accept(&coordinator, id, unit, calendar, vn(2, 6, 11)).await.unwrap();
                s.feedback().answer(&coordinator, id, &format!("Trả lời {NAME} ({PHONE})"), at).await.unwrap();
            }
        };
        for i in 0..40 {
            answer(commune, if i < 36 { vn(4, 6, 9) } else { vn(9, 6, 9) }).await;
        }
        answer(other, vn(3, 6, 9)).await;
        // and a citizen writes in on the web form today, with a distinctive name, phone and e-mail
        let csrf = "cd".repeat(32);
        let full = format!(
            "csrf={csrf}&category_id={lights}&title={}&content={}&place=&name={}&phone={}&email={}&consent=1&website=",
            enc("Cống thoát nước tắc"),
            enc(&format!("Tôi là {NAME}, số {PHONE}, thư {EMAIL}.")),
            enc(NAME),
            enc(PHONE),
            enc(EMAIL)
        );
        assert_eq!(send(&app, "POST", "/phan-anh/gui", &format!("dv_csrf={csrf}"), &full).await.status, StatusCode::SEE_OTHER, "{l}");

        // the public page: the current year by default, no cookie, no personal data
        let r = send(&app, "GET", "/phan-anh/thong-ke", "", "").await;
        assert_eq!(r.status, StatusCode::OK, "{l}");
        assert!(!r.set_cookie, "an anonymous page sets no cookie");
        let page = r.body();
        let this_year = danvan_domain::time::vietnam_today().format("%Y").to_string();
        assert!(page.contains(&format!("Kết quả năm {this_year}")), "{page}");
        let today = s.feedback().statistics(None, &danvan_domain::feedback::period::StatsPeriod::Year(this_year.parse().unwrap()), None, 5, &calendar, danvan_store::now()).await.unwrap();
        assert!(today.total.received >= 1, "{l}: today's web item is counted");
        let received = danvan_domain::registry::stats::count_vi(today.total.received.into());
        assert!(page.contains(&format!("tiếp nhận {received} phản ánh, kiến nghị")), "{l}: {page}");
        assert_eq!(has_secret(&page), None, "{l}: the statistics carry no personal data");
        assert!(page.contains("href=\"/phan-anh/thong-ke\""), "linked from the footer");

        // 2025: the ranked commune first, the lucky one after it as "too few"
        let page = send(&app, "GET", "/phan-anh/thong-ke?nam=2025", "", "").await.body();
        let (big, lucky) = (page.find("<th scope=\"row\">Đảng ủy xã Mẫu Sơn</th>").expect("the commune"), page.find("<th scope=\"row\">Đảng ủy xã Bình An</th>").expect("Bình An"));
        assert!(big < lucky, "{l}: 40 items at 90% before 1 item at 100%");
        assert!(page.contains("<td>1</td><th scope=\"row\">Đảng ủy xã Mẫu Sơn</th>"), "ranked first: {page}");
        assert!(page.contains("<td>90%</td><td>2</td>"), "{l}: the rate, then the median working days: {page}");
        assert!(page.contains("class=\"stats-unranked\"") && page.contains("<td></td><th scope=\"row\">Đảng ủy xã Bình An</th>"), "not ranked, no rank: {page}");
        assert!(page.contains("<td>chưa xếp hạng (dưới 5 phản ánh)</td>"), "{page}");
        assert!(page.contains("Tỷ lệ trả lời đúng hạn bằng số phản ánh trả lời đúng hạn chia cho tổng số đã trả lời và số chưa trả lời mà đã quá hạn"));
        assert!(page.contains("Số liệu năm 2025: tiếp nhận 41 phản ánh, kiến nghị; đã trả lời 41 (37 đúng hạn)"), "{page}");
        assert_eq!(page.matches("role=\"img\"").count(), 3, "three charts");
        for id in ["bieu-do-don-vi", "bieu-do-linh-vuc", "bieu-do-kenh"] {
            assert!(page.contains(&format!("<svg class=\"chart\" id=\"{id}\"")), "{id}");
        }
        assert!(page.contains("<caption id=\"st-categories-caption\">") && page.contains("<th scope=\"row\">Điện chiếu sáng</th><td>41</td><td>100%</td>"), "{page}");
        assert!(page.contains("<th scope=\"row\">đường dây nóng</th><td>41</td>"), "{l}: {page}");
        assert_eq!(has_secret(&page), None, "{l}: nor in the answers' year");

        // the period form: a quarter, a span of days, an empty quarter, a wrong year, the unit filter
        let page = send(&app, "GET", "/phan-anh/thong-ke?nam=2025&quy=2", "", "").await.body();
        assert!(page.contains("Kết quả quý II năm 2025") && page.contains("<option value=\"2\" selected>Quý II</option>"), "{page}");
        let page = send(&app, "GET", "/phan-anh/thong-ke?tu=2025-06-01&den=2025-06-30", "", "").await.body();
        assert!(page.contains("Kết quả từ ngày 01/06/2025 đến ngày 30/06/2025") && page.contains("value=\"2025-06-01\""), "{page}");
        let page = send(&app, "GET", "/phan-anh/thong-ke?nam=2025&quy=3", "", "").await.body();
        assert!(page.contains("Không có phản ánh, kiến nghị nào được tiếp nhận trong kỳ này.") && !page.contains("role=\"img\""));
        let r = send(&app, "GET", "/phan-anh/thong-ke?nam=20x5", "", "").await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{l}");
        let page = r.body();
        assert!(page.contains("value=\"20x5\" aria-invalid=\"true\" aria-describedby=\"st-nam-error\""), "what was typed, marked: {page}");
        assert!(page.contains("<p id=\"st-nam-error\" class=\"form-error\">Năm là số từ 2000 đến 2100.</p>") && page.contains("href=\"#st-nam\""));
        let r = send(&app, "GET", "/phan-anh/thong-ke?nam=2025&thang=5&quy=1", "", "").await;
        assert!(r.status == StatusCode::UNPROCESSABLE_ENTITY && r.body().contains("id=\"st-thang-error\""));
        let page = send(&app, "GET", &format!("/phan-anh/thong-ke?nam=2025&don-vi={other}"), "", "").await.body();
        assert!(page.contains("<th scope=\"row\">Đảng ủy xã Bình An</th>") && !page.contains("<th scope=\"row\">Đảng ủy xã Mẫu Sơn</th>"), "{l}: one unit");
        assert_eq!(send(&app, "GET", "/phan-anh/thong-ke?don-vi=abc", "", "").await.status, StatusCode::NOT_FOUND);
        assert_eq!(send(&app, "GET", "/phan-anh/thong-ke?don-vi=99999", "", "").await.status, StatusCode::NOT_FOUND);

        // the back office: sign in first; ViewFeedback needed; a handler's scope
        let r = send(&app, "GET", "/quan-tri/phan-anh/thong-ke?nam=2025", "", "").await;
        assert!(r.status == StatusCode::SEE_OTHER && r.location.starts_with("/quan-tri/dang-nhap"), "{l}: {}", r.location);
        assert_eq!(send(&app, "GET", "/quan-tri/phan-anh/thong-ke", &editor_cookie, "").await.status, StatusCode::FORBIDDEN, "{l}: an editor");
        assert_eq!(send(&app, "GET", "/quan-tri/phan-anh/thong-ke/xuat.xlsx?nam=2025", &editor_cookie, "").await.status, StatusCode::FORBIDDEN);
        let page = send(&app, "GET", "/quan-tri/phan-anh/thong-ke?nam=2025", &handler_cookie, "").await.body();
        assert!(page.contains("<th scope=\"row\">Đảng ủy xã Mẫu Sơn</th>") && !page.contains("Đảng ủy xã Bình An"), "{l}: the commune's handler sees the commune's");
        assert_eq!(send(&app, "GET", &format!("/quan-tri/phan-anh/thong-ke?don-vi={other}"), &handler_cookie, "").await.status, StatusCode::NOT_FOUND, "another unit");
        let r = send(&app, "GET", "/quan-tri/phan-anh/thong-ke?nam=2025&quy=2", &coordinator_cookie, "").await;
        assert_eq!(r.status, StatusCode::OK, "{l}");
        let page = r.body();
        assert!(page.contains("Đảng ủy xã Bình An") && page.contains("href=\"/quan-tri/phan-anh/thong-ke/xuat.xlsx?nam=2025&amp;quy=2\""), "{page}");
        assert_eq!(has_secret(&page), None);
        assert!(send(&app, "GET", "/quan-tri/phan-anh", &coordinator_cookie, "").await.body().contains("href=\"/quan-tri/phan-anh/thong-ke\""), "linked from the queue");

        // the workbook: numbers as numbers, the rate a fraction, the too-few unit in words
        let r = send(&app, "GET", "/quan-tri/phan-anh/thong-ke/xuat.xlsx?nam=2025&quy=2", &coordinator_cookie, "").await;
        assert_eq!(r.status, StatusCode::OK, "{l}");
        assert!(r.content_type.contains("spreadsheetml") && r.bytes.starts_with(b"PK"), "{}", r.content_type);
        let rows = sheet(&r.bytes, "Theo đơn vị");
        assert_eq!(rows[0][0], Data::String("Kết quả giải quyết phản ánh, kiến nghị theo đơn vị, quý II năm 2025".into()));
        let headers: Vec<String> = rows[1].iter().map(|c| c.to_string()).collect();
        assert_eq!(headers, ["Hạng", "Đơn vị", "Tiếp nhận", "Đã trả lời", "Trả lời đúng hạn", "Đang giải quyết", "Quá hạn chưa trả lời", "Không thụ lý, trùng lặp", "Tỷ lệ đúng hạn", "Số ngày làm việc để trả lời (trung vị)"]);
        use Data::{Float, String as Text};
        assert_eq!(rows[2], [Float(1.0), Text("Đảng ủy xã Mẫu Sơn".into()), Float(40.0), Float(40.0), Float(36.0), Float(0.0), Float(0.0), Float(0.0), Float(0.9), Float(2.0)], "{l}");
        assert_eq!(rows[3][1], Text("Đảng ủy xã Bình An".into()));
        let blank = |c: &Data| matches!(c, Data::Empty) || *c == Text(String::new());
        assert!(blank(&rows[3][0]), "no rank: {:?}", rows[3][0]);
        assert_eq!((&rows[3][8], &rows[3][9]), (&Text("chưa xếp hạng (dưới 5 phản ánh)".into()), &Float(1.0)));
        assert!(blank(&rows[4][0]) && rows[4][1..3] == [Text("Tổng cộng".into()), Float(41.0)], "{:?}", rows[4]);
        assert!(matches!(rows[4][8], Float(r) if (r - 37.0 / 41.0).abs() < 0.001), "{:?}", rows[4][8]);
        let channels = sheet(&r.bytes, "Theo kênh");
        assert_eq!(channels[2][..3], [Text("cổng thông tin".into()), Float(0.0), Float(0.0)], "{channels:?}");
        assert!(channels.iter().any(|row| row[0] == Text("đường dây nóng".into()) && row[1] == Float(41.0) && row[2] == Float(1.0)), "{channels:?}");
        let categories = sheet(&r.bytes, "Theo lĩnh vực");
        assert!(categories.iter().any(|row| row[0] == Text("Điện chiếu sáng".into()) && row[1] == Float(41.0)), "{categories:?}");
        let mine = send(&app, "GET", "/quan-tri/phan-anh/thong-ke/xuat.xlsx?nam=2025", &handler_cookie, "").await;
        let rows = sheet(&mine.bytes, "Theo đơn vị");
        assert!(rows.iter().all(|r| r[1] != Text("Đảng ủy xã Bình An".into())), "{l}: the handler's scope");
        assert_eq!(send(&app, "GET", "/quan-tri/phan-anh/thong-ke/xuat.xlsx?nam=abc", &coordinator_cookie, "").await.status, StatusCode::BAD_REQUEST);
        for name in ["Theo đơn vị", "Theo lĩnh vực", "Theo kênh"] {
            for cell in sheet(&r.bytes, name).iter().flatten() {
                assert_eq!(has_secret(&cell.to_string()), None, "{l}: {name}");
            }
        }
    }
}
