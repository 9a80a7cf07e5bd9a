//! The feedback desk's back-office pages beyond handling, through the
//! router on SQLite and PostgreSQL: a coordinator links a duplicate to its
//! main item, publishes the answered main item from the store's proposal
//! (the reporter's own name and phone refused with 422 even when
//! confirmed, an office's hotline published only once the box is ticked
//! for exactly what was shown), and unpublishes it; a handler may do none
//! of it; the reporter's rating and reopening on the item page; reminders
//! on the queue page until "Đã xem"; a reporter's personal data exported as
//! JSON and erased after the confirmation, the item kept, anonymised; and
//! every new form refused without its CSRF token.

mod support;
use support::{enc, staff};

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use chrono::{DateTime, TimeZone, Utc};
use danvan_domain::editorial::Role;
use danvan_domain::feedback::{Channel, CountFrom, Counting, DeadlineRule, NewItem};
use danvan_store::bootstrap_site;
use danvan_testing::{TestDb, backend_tests};
use danvan_web::{WebConfig, router, state};
use http_body_util::BodyExt;
use std::net::SocketAddr;
use tower::ServiceExt;

struct Answer {
    status: StatusCode,
    location: String,
    cache: String,
    content_type: String,
    disposition: String,
    body: String,
}

async fn send(app: &Router, method: &str, uri: &str, cookie: &str, form: &str) -> Answer {
    let peer: SocketAddr = "10.1.0.1:40000".parse().unwrap();
    let mut b = Request::builder().method(method).uri(uri).header(header::USER_AGENT, "test").extension(ConnectInfo(peer));
    if !cookie.is_empty() {
        b = b.header(header::COOKIE, cookie);
    }
    if method == "POST" {
        b = b.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    }
    let r = app.clone().oneshot(b.body(Body::from(form.to_owned())).unwrap()).await.unwrap();
    let header_of = |name: header::HeaderName| r.headers().get(name).map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
    let status = r.status();
    let (location, cache, content_type, disposition) =
        (header_of(header::LOCATION), header_of(header::CACHE_CONTROL), header_of(header::CONTENT_TYPE), header_of(header::CONTENT_DISPOSITION));
    let bytes = r.into_body().collect().await.unwrap().to_bytes().to_vec();
    Answer { status, location, cache, content_type, disposition, body: String::from_utf8(bytes).unwrap() }
}



/// `h`:00 in Vietnam on `d`/`m`/2026.
fn vn(d: u32, m: u32, h: u32) -> DateTime<Utc> {
    danvan_domain::time::vietnam().with_ymd_and_hms(2026, m, d, h, 0, 0).unwrap().with_timezone(&Utc)
}

const NAME: &str = "Hoàng Thị Bí Mật";
const PHONE: &str = "0987 654 321";
const EMAIL: &str = "bi.mat.rieng@example.vn";
/// The ways the reporter's data could show on a page.
const SECRETS: [&str; 6] = ["Bí Mật", "0987654321", "0987 654 321", "987.654.321", "bi.mat.rieng", "987654321"];
const OFFICE: &str = "0234 3822 123";

fn has_secret(page: &str) -> Option<&'static str> {
    SECRETS.into_iter().find(|s| page.contains(s))
}

fn new_item(category: i32, title: &str, content: &str, name: &str, phone: &str, email: &str) -> NewItem {
    NewItem { category_id: Some(category), title: title.into(), content: content.into(), place: "Thôn 3, xã Mẫu Sơn".into(), name: name.into(), phone: phone.into(), email: email.into(), consent: true }
}

/// The value of the first `name="NAME" value="…"` hidden field after `from`.
fn hidden_after<'a>(page: &'a str, from: &str, name: &str) -> &'a str {
    let at = page.find(from).unwrap_or_else(|| panic!("{from} in {page}"));
    let pat = format!("name=\"{name}\" value=\"");
    let start = at + page[at..].find(&pat).unwrap_or_else(|| panic!("{name} after {from}")) + pat.len();
    &page[start..start + page[start..].find('"').unwrap()]
}

/// The text of the `<textarea id="ID">`.
fn textarea<'a>(page: &'a str, id: &str) -> &'a str {
    let at = page.find(&format!("<textarea id=\"{id}\"")).unwrap_or_else(|| panic!("#{id}"));
    let start = at + page[at..].find('>').unwrap() + 1;
    &page[start..start + page[start..].find("</textarea>").unwrap()]
}

/// minijinja's HTML escaping of a text shown in a page.
fn escaped(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

backend_tests! {
    async fn a_coordinator_links_a_duplicate_publishes_and_unpublishes(db: TestDb) {
        let l = db.label;
        let site = bootstrap_site(&db.store, true).await.unwrap().unwrap();
        let s = &db.store;
        let app = router(state(s.clone(), WebConfig::default()).unwrap());
        let admin = s.accounts().sign_in(&site.admin_username, &site.admin_password, "a", None, None).await.unwrap().actor;
        let units = s.units().org_units().await.unwrap();
        let root = units.iter().find(|u| u.parent_id.is_none()).unwrap().id;
        let commune = units.iter().find(|u| u.name == "Đảng ủy xã Mẫu Sơn").unwrap().id;
        let other = s.units().create_unit(&admin, Some(root), "Đảng ủy xã Bình An", "commune").await.unwrap();
        let (coordinator, c_csrf) = staff(s, &admin, "tiepnhan", Role::FeedbackCoordinator, root).await;
        let (handler, h_csrf) = staff(s, &admin, "xuly", Role::FeedbackHandler, commune).await;
        let (stranger, _) = staff(s, &admin, "xuly-khac", Role::FeedbackHandler, other).await;
        let category = s.feedback().categories(true).await.unwrap()[0].id;
        let calendar = s.calendar().working_calendar(&danvan_calendar::HolidayRules::default_rules()).await.unwrap();
        let now = danvan_store::now();
        let f = s.feedback();
        let main = f.submit(&new_item(category, "Đèn đường thôn 3 hỏng", "Ba tuần nay đèn đường thôn 3 không sáng.", NAME, PHONE, EMAIL), Channel::Web, None, "dia-chi-1", &calendar, now).await.unwrap();
        let dup = f.submit(&new_item(category, "Đèn thôn 3 không sáng", "Đèn đường thôn 3 tắt cả tuần.", "Trần Văn Khác", "0912 000 111", ""), Channel::Web, None, "dia-chi-2", &calendar, now).await.unwrap();
        let (main_id, dup_id) = (main.id, dup.id);
        let (main_code, dup_code) = (main.code.to_string(), dup.code.to_string());
        let r = send(&app, "POST", &format!("/quan-tri/phan-anh/{main_id}/thu-ly"), &coordinator, &format!("csrf={c_csrf}&unit_id={commune}")).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{l}: {}", r.body);

        // the duplicate: refused without the token, for an unknown code (what was typed kept), then linked
        let gop = format!("/quan-tri/phan-anh/{dup_id}/gop");
        let page = send(&app, "GET", &format!("/quan-tri/phan-anh/{dup_id}"), &coordinator, "").await;
        assert!(page.body.contains(&format!("action=\"{gop}\"")) && page.body.contains("Gộp vào phản ánh chính (trùng lặp)"), "{l}: {}", page.body);
        assert!(!send(&app, "GET", &format!("/quan-tri/phan-anh/{main_id}"), &handler, "").await.body.contains("/gop\""), "a handler links no duplicate");
        let linked = format!("main={}&reason={}", enc(&main_code), enc("Cùng đèn đường thôn 3"));
        assert_eq!(send(&app, "POST", &gop, &coordinator, &linked).await.status, StatusCode::FORBIDDEN, "{l}: CSRF");
        let r = send(&app, "POST", &gop, &coordinator, &format!("csrf={c_csrf}&main=PA-7K3-MQ9-XHC&reason={}", enc("Cùng đèn"))).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{l}");
        assert!(r.body.contains("Không tìm thấy phản ánh chính với mã này.") && r.body.contains("value=\"PA-7K3-MQ9-XHC\" aria-describedby=\"duplicate-hint\" aria-invalid=\"true\""), "{}", r.body);
        assert!(r.body.contains(">Cùng đèn</textarea>"), "the reason kept");
        let r = send(&app, "POST", &gop, &coordinator, &format!("csrf={c_csrf}&{linked}")).await;
        assert_eq!((r.status, r.location.as_str()), (StatusCode::SEE_OTHER, format!("/quan-tri/phan-anh/{dup_id}?tb=da-gop").as_str()), "{l}: {}", r.body);
        let page = send(&app, "GET", &r.location, &coordinator, "").await;
        assert!(page.body.contains("Đã gộp vào phản ánh chính.") && page.body.contains("Trùng với phản ánh chính"), "{l}: {}", page.body);
        assert!(page.body.contains(&format!("<a href=\"/quan-tri/phan-anh/{main_id}\">{main_code}</a>")), "{}", page.body);
        assert!(!page.body.contains("/gop\""), "{l}: a duplicate is final");
        let page = send(&app, "GET", &format!("/quan-tri/phan-anh/{main_id}"), &coordinator, "").await;
        assert!(page.body.contains("Các phản ánh trùng đã gộp vào") && page.body.contains(&format!("<a href=\"/quan-tri/phan-anh/{dup_id}\">{dup_code}</a>")), "{l}: {}", page.body);
        assert!(page.body.contains("Chưa công khai") && !page.body.contains("/cong-khai\""), "{l}: no publication before the answer");

        // the handler answers, quoting the reporter and the office's hotline
        let answer = format!("Kính gửi bà {NAME} ({PHONE}): điện lực đã thay bóng đèn thôn 3. Cần thêm thông tin xin gọi đường dây nóng {OFFICE}.");
        let r = send(&app, "POST", &format!("/quan-tri/phan-anh/{main_id}/tra-loi"), &handler, &format!("csrf={h_csrf}&text={}", enc(&answer))).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{l}: {}", r.body);

        // the publication page: the coordinator's only (a handler 403, another unit's staff 404)
        let publish = format!("/quan-tri/phan-anh/{main_id}/cong-khai");
        let page = send(&app, "GET", &format!("/quan-tri/phan-anh/{main_id}"), &coordinator, "").await;
        assert!(page.body.contains(&format!("href=\"{publish}\">Công khai câu hỏi và trả lời</a>")), "{l}: {}", page.body);
        assert!(!send(&app, "GET", &format!("/quan-tri/phan-anh/{main_id}"), &handler, "").await.body.contains("/cong-khai\""), "{l}");
        assert_eq!(send(&app, "GET", &publish, &handler, "").await.status, StatusCode::FORBIDDEN, "{l}");
        assert_eq!(send(&app, "GET", &publish, &stranger, "").await.status, StatusCode::NOT_FOUND, "{l}");
        let as_typed = |answer: &str, extra: &str| {
            format!("title={}&question={}&place={}&answer={}{extra}", enc("Đèn đường thôn 3"), enc("Đèn đường thôn 3 không sáng."), enc("Thôn 3"), enc(answer))
        };
        assert_eq!(send(&app, "POST", &publish, &handler, &format!("csrf={h_csrf}&{}", as_typed("Đã thay đèn.", ""))).await.status, StatusCode::FORBIDDEN, "{l}");

        // the draft: the proposal masks every finding; each finding listed with what to do
        let draft = send(&app, "GET", &publish, &coordinator, "").await;
        assert_eq!((draft.status, draft.cache.as_str()), (StatusCode::OK, "no-store"), "{l}: {}", draft.body);
        let proposed = textarea(&draft.body, "pub-answer").to_owned();
        assert!(proposed.starts_with("Kính gửi [họ tên đã ẩn] ([số điện thoại đã ẩn]): điện lực") && proposed.ends_with("đường dây nóng [số điện thoại đã ẩn]."), "{l}: {proposed}");
        assert!(draft.body.contains("value=\"Đèn đường thôn 3 hỏng\"") && textarea(&draft.body, "pub-question") == "Ba tuần nay đèn đường thôn 3 không sáng.", "{}", draft.body);
        assert!(draft.body.contains(&format!("<li class=\"finding-own\"><strong>Trả lời, họ tên</strong>: «bà {NAME}» — Của người gửi: phải ẩn trước khi công khai</li>")), "{}", draft.body);
        assert!(draft.body.contains(&format!("<li class=\"finding-own\"><strong>Trả lời, số điện thoại</strong>: «{PHONE}»")), "{}", draft.body);
        assert!(draft.body.contains(&format!("<li><strong>Trả lời, số điện thoại</strong>: «{OFFICE}» — Không phải của người gửi")), "{}", draft.body);
        assert!(!draft.body.contains("name=\"confirm\""), "{l}: nothing to confirm yet");

        // the reporter's own data: 422 next to the answer, even with the box ticked; everything typed kept
        let r = send(&app, "POST", &publish, &coordinator, &format!("csrf={c_csrf}&{}", as_typed(&answer, "&confirm=1"))).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{l}");
        assert!(r.body.contains("<span id=\"pub-answer-error\" class=\"form-error\">Còn thông tin cá nhân của người gửi: phải ẩn trước khi công khai.</span>"), "{}", r.body);
        assert!(r.body.contains("<a href=\"#pub-answer\">") && r.body.contains("aria-invalid=\"true\" aria-describedby=\"pub-answer-error\""), "{}", r.body);
        assert_eq!(textarea(&r.body, "pub-answer"), escaped(&answer), "{l}: the answer as typed");
        assert!(r.body.contains("value=\"Đèn đường thôn 3\"") && r.body.contains("value=\"Thôn 3\""));

        // the office's hotline put back: listed with the box; not published without it
        let kept = proposed.replace("đường dây nóng [số điện thoại đã ẩn].", &format!("đường dây nóng {OFFICE}."));
        let r = send(&app, "POST", &publish, &coordinator, &format!("csrf={c_csrf}&{}", as_typed(&kept, ""))).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{l}");
        assert!(r.body.contains("<legend>Cần xác nhận trước khi công khai</legend>") && r.body.contains("Tôi xác nhận"), "{}", r.body);
        assert!(r.body.contains("id=\"pub-confirm\" name=\"confirm\" type=\"checkbox\" value=\"1\" required"), "{}", r.body);
        let shown = hidden_after(&r.body, "id=\"pub-found-title\"", "shown").to_owned();
        assert_eq!(shown, format!("answer:phone:{OFFICE}"), "{l}");
        assert_eq!(textarea(&r.body, "pub-answer"), escaped(&kept), "{l}");
        let r = send(&app, "POST", &publish, &coordinator, &format!("csrf={c_csrf}&{}", as_typed(&kept, &format!("&shown={}", enc(&shown))))).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{l}: shown, not ticked");
        assert!(r.body.contains("id=\"pub-confirm-error\" class=\"form-error\">Đánh dấu ô xác nhận để công khai.</p>"), "{}", r.body);
        // ticked for what was shown, but another number added since: shown again
        let more = format!("{kept} Hoặc gọi 0243 999 8888.");
        let r = send(&app, "POST", &publish, &coordinator, &format!("csrf={c_csrf}&{}", as_typed(&more, &format!("&shown={}&confirm=1", enc(&shown))))).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{l}: the box stands for what it was shown with");
        assert!(r.body.contains("«0243 999 8888»") && r.body.contains("name=\"shown\" value=\"answer:phone:0243 999 8888\""), "{}", r.body);
        assert!(f.published_item(main_id).await.unwrap().is_none(), "{l}: not yet");
        let confirmed = format!("csrf={c_csrf}&{}", as_typed(&kept, &format!("&shown={}&confirm=1", enc(&shown))));
        assert_eq!(send(&app, "POST", &publish, &coordinator, &confirmed.replace(&format!("csrf={c_csrf}&"), "")).await.status, StatusCode::FORBIDDEN, "{l}: CSRF");
        let r = send(&app, "POST", &publish, &coordinator, &confirmed).await;
        assert_eq!((r.status, r.location.as_str()), (StatusCode::SEE_OTHER, format!("/quan-tri/phan-anh/{main_id}?tb=da-cong-khai").as_str()), "{l}: {}", r.body);
        let public = f.published_item(main_id).await.unwrap().expect("published");
        assert_eq!((public.row.title.as_str(), public.answer.as_str()), ("Đèn đường thôn 3", kept.as_str()), "{l}");
        assert_eq!(has_secret(&format!("{public:?}")), None, "{l}");
        let page = send(&app, "GET", &r.location, &coordinator, "").await;
        assert!(page.body.contains("Đã công khai câu hỏi và trả lời.") && page.body.contains(&format!("Đã công khai · <a href=\"/phan-anh/{main_id}\">Xem trang công khai</a>")), "{l}: {}", page.body);
        assert!(page.body.contains(&format!("href=\"{publish}\">Sửa nội dung công khai</a>")), "{}", page.body);
        let edit = send(&app, "GET", &publish, &coordinator, "").await;
        assert!(edit.body.contains("value=\"Đèn đường thôn 3\"") && textarea(&edit.body, "pub-answer").ends_with("đường dây nóng [số điện thoại đã ẩn]."), "{l}: the edit starts from the published texts, masked again");

        // unpublishing: the coordinator's, with its sentence; refused without the token, by a handler, and twice
        let unpublish = format!("/quan-tri/phan-anh/{main_id}/thoi-cong-khai");
        assert!(page.body.contains(&format!("action=\"{unpublish}\"")) && page.body.contains("Trang công khai của phản ánh này sẽ bị gỡ"), "{}", page.body);
        assert_eq!(send(&app, "POST", &unpublish, &coordinator, "").await.status, StatusCode::FORBIDDEN, "{l}: CSRF");
        assert_eq!(send(&app, "POST", &unpublish, &handler, &format!("csrf={h_csrf}")).await.status, StatusCode::FORBIDDEN, "{l}");
        let r = send(&app, "POST", &unpublish, &coordinator, &format!("csrf={c_csrf}")).await;
        assert_eq!((r.status, r.location.as_str()), (StatusCode::SEE_OTHER, format!("/quan-tri/phan-anh/{main_id}?tb=da-thoi-cong-khai").as_str()), "{l}: {}", r.body);
        assert!(f.published_item(main_id).await.unwrap().is_none(), "{l}");
        let page = send(&app, "GET", &r.location, &coordinator, "").await;
        assert!(page.body.contains("Đã thôi công khai.") && page.body.contains("Chưa công khai") && !page.body.contains(&format!("action=\"{unpublish}\"")), "{l}: {}", page.body);
        let r = send(&app, "POST", &unpublish, &coordinator, &format!("csrf={c_csrf}")).await;
        assert!(r.status == StatusCode::UNPROCESSABLE_ENTITY && r.body.contains("Phản ánh này chưa được công khai."), "{l}: {}", r.body);

        // the reporter rates and reopens: the item page says so
        let ticket = f.lookup(&main_code, PHONE, "x", danvan_store::now()).await.unwrap().unwrap().ticket;
        let rated = f.rate(&ticket, 2, danvan_store::now()).await.unwrap();
        f.reopen(&rated.ticket, "Đèn lại hỏng sau hai ngày", &calendar, danvan_store::now()).await.unwrap();
        let page = send(&app, "GET", &format!("/quan-tri/phan-anh/{main_id}"), &handler, "").await;
        assert!(page.body.contains("<dt>Người gửi đánh giá</dt><dd>★ 2/5</dd>") && page.body.contains("Người gửi đã đề nghị xem xét lại (chỉ được một lần)."), "{l}: {}", page.body);
        assert!(page.body.contains("/tra-loi\""), "{l}: reopened, answered again");
        assert!(!send(&app, "GET", &format!("/quan-tri/phan-anh/{main_id}"), &coordinator, "").await.body.contains("/cong-khai\""), "{l}: reopened and unpublished: nothing to publish");
    }

    async fn reminders_show_on_the_queue_page_until_seen(db: TestDb) {
        let l = db.label;
        let site = bootstrap_site(&db.store, true).await.unwrap().unwrap();
        let s = &db.store;
        let app = router(state(s.clone(), WebConfig::default()).unwrap());
        let admin = s.accounts().sign_in(&site.admin_username, &site.admin_password, "a", None, None).await.unwrap().actor;
        let units = s.units().org_units().await.unwrap();
        let root = units.iter().find(|u| u.parent_id.is_none()).unwrap().id;
        let commune = units.iter().find(|u| u.name == "Đảng ủy xã Mẫu Sơn").unwrap().id;
        let calendar = s.calendar().working_calendar(&danvan_calendar::HolidayRules::default_rules()).await.unwrap();
        let rule = DeadlineRule { days: 3, counting: Counting::WorkingDays, from: CountFrom::Receipt, max_extensions: 1 };
        let lights = s.feedback().save_category(&admin, None, "Điện chiếu sáng", "", rule, None, true).await.unwrap();
        let (coordinator, c_csrf) = staff(s, &admin, "tiepnhan", Role::FeedbackCoordinator, root).await;
        let (handler, h_csrf) = staff(s, &admin, "xuly", Role::FeedbackHandler, commune).await;
        let coordinator_actor = s.accounts().session(coordinator.trim_start_matches("dv_session=")).await.unwrap().unwrap();
        let f = s.feedback();
        // received Wednesday 29 April 2026, 3 working days: due Wednesday 6 May at 17:00
        let late = f.submit(&new_item(lights, "Đèn đường thôn 5 hỏng", "Đèn thôn 5 tắt.", NAME, PHONE, ""), Channel::Web, None, "dia-chi-1", &calendar, vn(29, 4, 10)).await.unwrap();
        f.accept(&coordinator_actor, late.id, commune, &calendar, vn(29, 4, 12)).await.unwrap();
        let q = send(&app, "GET", "/quan-tri/phan-anh", &handler, "").await;
        assert!(q.status == StatusCode::OK && !q.body.contains("Nhắc việc"), "{l}: no reminder yet: {}", q.body);

        assert_eq!(f.queue_reminders(&calendar, vn(5, 5, 9)).await.unwrap(), 2, "{l}: due soon, for the coordinator and the handler");
        assert_eq!(f.queue_reminders(&calendar, vn(7, 5, 9)).await.unwrap(), 2, "{l}: overdue");
        let due = format!("hạn 17:00, {}", danvan_domain::calendar::solar_long(chrono::NaiveDate::from_ymd_opt(2026, 5, 6).unwrap(), danvan_domain::Lang::Vi));
        let q = send(&app, "GET", "/quan-tri/phan-anh", &handler, "").await;
        assert!(q.body.contains("Nhắc việc (2)"), "{l}: {}", q.body);
        let item_link = format!("<a href=\"/quan-tri/phan-anh/{}\">{}</a> – Đèn đường thôn 5 hỏng ({})", late.id, late.code, escaped(&due));
        assert!(q.body.contains(&format!("<strong>Quá hạn</strong>: {item_link}")) && q.body.contains(&format!("<strong>Sắp đến hạn</strong>: {item_link}")), "{l}: {}", q.body);
        let ids: Vec<String> = q.body.match_indices("action=\"/quan-tri/phan-anh/nhac-viec/").map(|(at, m)| q.body[at + m.len()..].split('/').next().unwrap().to_owned()).collect();
        assert_eq!(ids.len(), 2, "{l}: a button each");
        assert!(q.body.contains(&format!("Đã xem<span class=\"visually-hidden\"> {}</span>", late.code)), "{}", q.body);
        let overdue = format!("/quan-tri/phan-anh/nhac-viec/{}/da-xem", ids[0]);

        // "Đã xem": refused without the token; another's dismissal changes nothing; then gone
        assert_eq!(send(&app, "POST", &overdue, &handler, "").await.status, StatusCode::FORBIDDEN, "{l}: CSRF");
        assert_eq!(send(&app, "POST", &overdue, &coordinator, &format!("csrf={c_csrf}")).await.status, StatusCode::SEE_OTHER);
        assert!(send(&app, "GET", "/quan-tri/phan-anh", &handler, "").await.body.contains("Nhắc việc (2)"), "{l}: not the coordinator's to dismiss");
        let r = send(&app, "POST", &overdue, &handler, &format!("csrf={h_csrf}")).await;
        assert_eq!((r.status, r.location.as_str()), (StatusCode::SEE_OTHER, "/quan-tri/phan-anh"), "{l}");
        let q = send(&app, "GET", "/quan-tri/phan-anh", &handler, "").await;
        assert!(q.body.contains("Nhắc việc (1)") && !q.body.contains("<strong>Quá hạn</strong>") && q.body.contains("<strong>Sắp đến hạn</strong>"), "{l}: {}", q.body);
        assert!(send(&app, "GET", "/quan-tri/phan-anh", &coordinator, "").await.body.contains("Nhắc việc (2)"), "{l}: the coordinator's own are left");
        assert_eq!(send(&app, "POST", "/quan-tri/phan-anh/nhac-viec/x/da-xem", &handler, &format!("csrf={h_csrf}")).await.status, StatusCode::NOT_FOUND);

        // answered: no longer news
        let r = send(&app, "POST", &format!("/quan-tri/phan-anh/{}/tra-loi", late.id), &handler, &format!("csrf={h_csrf}&text={}", enc("Đã thay đèn thôn 5."))).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{l}");
        assert!(!send(&app, "GET", "/quan-tri/phan-anh", &handler, "").await.body.contains("Nhắc việc"), "{l}");
    }

    async fn a_reporters_data_is_exported_and_erased_on_request(db: TestDb) {
        let l = db.label;
        let site = bootstrap_site(&db.store, true).await.unwrap().unwrap();
        let s = &db.store;
        let app = router(state(s.clone(), WebConfig::default()).unwrap());
        let admin = s.accounts().sign_in(&site.admin_username, &site.admin_password, "a", None, None).await.unwrap().actor;
        let units = s.units().org_units().await.unwrap();
        let root = units.iter().find(|u| u.parent_id.is_none()).unwrap().id;
        let commune = units.iter().find(|u| u.name == "Đảng ủy xã Mẫu Sơn").unwrap().id;
        let (coordinator, c_csrf) = staff(s, &admin, "tiepnhan", Role::FeedbackCoordinator, root).await;
        let (handler, h_csrf) = staff(s, &admin, "xuly", Role::FeedbackHandler, commune).await;
        let (editor, e_csrf) = staff(s, &admin, "bientap", Role::Editor, root).await;
        let category = s.feedback().categories(true).await.unwrap()[0].id;
        let calendar = s.calendar().working_calendar(&danvan_calendar::HolidayRules::default_rules()).await.unwrap();
        let now = danvan_store::now();
        let f = s.feedback();
        let content = format!("Tôi là {NAME}, số điện thoại {PHONE}: đèn đường thôn 3 không sáng.");
        let first = f.submit(&new_item(category, "Đèn đường thôn 3 hỏng", &content, NAME, PHONE, EMAIL), Channel::Web, None, "dia-chi-1", &calendar, now).await.unwrap();
        let second = f.submit(&new_item(category, "Cống thôn 3 tắc", "Cống thôn 3 tắc sau mưa.", NAME, "+84 987.654.321", ""), Channel::Web, None, "dia-chi-2", &calendar, now).await.unwrap();
        let third = f.submit(&new_item(category, "Đường thôn 4 sạt", "Đường thôn 4 sạt lở.", "Trần Văn Khác", "0912 000 111", ""), Channel::Web, None, "dia-chi-3", &calendar, now).await.unwrap();
        for id in [first.id, second.id, third.id] {
            let r = send(&app, "POST", &format!("/quan-tri/phan-anh/{id}/thu-ly"), &coordinator, &format!("csrf={c_csrf}&unit_id={commune}")).await;
            assert_eq!(r.status, StatusCode::SEE_OTHER, "{l}");
        }
        let page_path = "/quan-tri/phan-anh/du-lieu-ca-nhan";

        // the page: linked from the queue, explained, for staff of the feedback desk only
        assert!(send(&app, "GET", "/quan-tri/phan-anh", &handler, "").await.body.contains(&format!("href=\"{page_path}\"")), "{l}");
        let p = send(&app, "GET", page_path, &handler, "").await;
        assert_eq!((p.status, p.cache.as_str()), (StatusCode::OK, "no-store"), "{l}");
        assert!(p.body.contains("Nghị định 13/2023/NĐ-CP") && p.body.contains(&format!("action=\"{page_path}\"")) && !p.body.contains("/xuat\""), "{l}: {}", p.body);
        assert_eq!(send(&app, "GET", page_path, &editor, "").await.status, StatusCode::FORBIDDEN, "{l}");
        assert_eq!(send(&app, "POST", page_path, &editor, &format!("csrf={e_csrf}&contact={}", enc(PHONE))).await.status, StatusCode::FORBIDDEN, "{l}");

        // the search, in the POST body: refused without the token, an invalid contact kept with its message
        assert_eq!(send(&app, "POST", page_path, &handler, &format!("contact={}", enc(PHONE))).await.status, StatusCode::FORBIDDEN, "{l}: CSRF");
        let r = send(&app, "POST", page_path, &handler, &format!("csrf={h_csrf}&contact=abc")).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{l}");
        assert!(r.body.contains("value=\"abc\" aria-describedby=\"contact-hint contact-error\" aria-invalid=\"true\"") && r.body.contains("Nhập số điện thoại hoặc thư điện tử hợp lệ."), "{}", r.body);
        let search = format!("contact={}", enc("+84 987 654 321"));
        let r = send(&app, "POST", page_path, &handler, &format!("csrf={h_csrf}&{search}")).await;
        assert_eq!(r.status, StatusCode::OK, "{l}: {}", r.body);
        for item in [&first, &second] {
            assert!(r.body.contains(&format!("<a href=\"/quan-tri/phan-anh/{}\">{}</a>", item.id, item.code)), "{l}: {}", r.body);
        }
        assert!(!r.body.contains(third.code.as_str()), "{l}: another reporter's item");
        assert!(r.body.contains("/du-lieu-ca-nhan/xuat\"") && !r.body.contains("/du-lieu-ca-nhan/xoa\""), "{l}: a handler exports, never erases");
        let r = send(&app, "POST", page_path, &coordinator, &format!("csrf={c_csrf}&{search}")).await;
        assert!(r.body.contains("/du-lieu-ca-nhan/xoa\"") && r.body.contains("id=\"erase-confirm\" name=\"confirm\" type=\"checkbox\" value=\"1\" required"), "{l}: {}", r.body);
        assert!(r.body.contains("Không hoàn tác được."));

        // the export: a JSON download, never cached, refused without the token
        let export = "/quan-tri/phan-anh/du-lieu-ca-nhan/xuat";
        assert_eq!(send(&app, "POST", export, &handler, &search).await.status, StatusCode::FORBIDDEN, "{l}: CSRF");
        let r = send(&app, "POST", export, &handler, &format!("csrf={h_csrf}&{search}")).await;
        assert_eq!((r.status, r.content_type.as_str(), r.cache.as_str()), (StatusCode::OK, "application/json; charset=utf-8", "no-store"), "{l}: {}", r.body);
        assert!(r.disposition.starts_with("attachment; filename=\"du-lieu-ca-nhan-") && r.disposition.ends_with(".json\"") && !r.disposition.contains("987"), "{l}: {}", r.disposition);
        let json: serde_json::Value = serde_json::from_str(&r.body).expect("the export is JSON");
        assert_eq!(json["contact"], "0987654321", "{l}");
        let items = json["items"].as_array().unwrap();
        let codes: Vec<&str> = items.iter().map(|i| i["code"].as_str().unwrap()).collect();
        assert_eq!(codes, [first.code.as_str(), second.code.as_str()], "{l}");
        assert_eq!((items[0]["name"].as_str(), items[0]["email"].as_str(), items[0]["content"].as_str()), (Some(NAME), Some(EMAIL), Some(content.as_str())), "{l}");
        let r = send(&app, "POST", export, &handler, &format!("csrf={h_csrf}&contact=x")).await;
        assert!(r.status == StatusCode::UNPROCESSABLE_ENTITY && r.body.contains("Nhập số điện thoại hoặc thư điện tử hợp lệ."), "{l}");

        // the erasure: the coordinator's, after the box; refused without the token, by a handler, without the box
        let erase = "/quan-tri/phan-anh/du-lieu-ca-nhan/xoa";
        assert_eq!(send(&app, "POST", erase, &coordinator, &format!("{search}&confirm=1")).await.status, StatusCode::FORBIDDEN, "{l}: CSRF");
        assert_eq!(send(&app, "POST", erase, &handler, &format!("csrf={h_csrf}&{search}&confirm=1")).await.status, StatusCode::FORBIDDEN, "{l}");
        let r = send(&app, "POST", erase, &coordinator, &format!("csrf={c_csrf}&{search}")).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{l}");
        assert!(r.body.contains("Đánh dấu ô xác nhận trước khi xóa.") && r.body.contains(first.code.as_str()), "{l}: the items again: {}", r.body);
        assert!(send(&app, "GET", &format!("/quan-tri/phan-anh/{}", first.id), &coordinator, "").await.body.contains(NAME), "{l}: nothing erased");
        let r = send(&app, "POST", erase, &coordinator, &format!("csrf={c_csrf}&{search}&confirm=1")).await;
        assert_eq!(r.status, StatusCode::OK, "{l}: {}", r.body);
        assert!(r.body.contains("Đã xóa dữ liệu cá nhân của người gửi; 2 phản ánh được ẩn danh."), "{}", r.body);
        assert_eq!(has_secret(&r.body), None, "{l}: the page after the erasure");

        // afterwards: the items say so and show no name nor phone; a new search finds nothing
        for id in [first.id, second.id] {
            let page = send(&app, "GET", &format!("/quan-tri/phan-anh/{id}"), &coordinator, "").await;
            assert_eq!(page.status, StatusCode::OK, "{l}");
            assert!(page.body.contains("Dữ liệu cá nhân của người gửi đã được xóa theo yêu cầu"), "{l}: {}", page.body);
            assert_eq!(has_secret(&page.body), None, "{l}: {}", page.body);
        }
        let page = send(&app, "GET", &format!("/quan-tri/phan-anh/{}", first.id), &coordinator, "").await;
        assert!(page.body.contains("Tôi là [họ tên đã ẩn], số điện thoại [số điện thoại đã ẩn]"), "{l}: {}", page.body);
        let r = send(&app, "POST", page_path, &coordinator, &format!("csrf={c_csrf}&{search}")).await;
        assert!(r.body.contains("Không có phản ánh nào với số điện thoại hoặc thư điện tử này"), "{l}");
        let page = send(&app, "GET", &format!("/quan-tri/phan-anh/{}", third.id), &coordinator, "").await;
        assert!(page.body.contains("Trần Văn Khác") && !page.body.contains("đã được xóa theo yêu cầu"), "{l}: another reporter is untouched");
    }
}
