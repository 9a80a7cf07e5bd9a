//! The feedback desk through the router, on SQLite and PostgreSQL, without
//! JavaScript: a citizen writes in on `/phan-anh/gui` (every problem shown
//! at once, what was typed kept; the honeypot refused, nothing stored),
//! gets a printable receipt with a code and a deadline, follows the item
//! with the code and the phone written another way, and reads the answer a
//! handler gave in the back office; a wrong phone and a guessed code get
//! one neutral message, and many failures a 429; a coordinator enters a
//! hotline call; the queues; the contact for the unit's handler only; and
//! the reporter's name, phone and e-mail on no public page and in no
//! outsider's queue.

mod support;
use support::{enc, staff};

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use danvan_domain::editorial::Role;
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
    retry_after: String,
    body: String,
}

/// A request from client address `addr` (the rate limits count per address).
async fn send(app: &Router, addr: &str, method: &str, uri: &str, cookie: &str, form: &str) -> Answer {
    let peer: SocketAddr = format!("{addr}:40000").parse().unwrap();
    let mut b = Request::builder().method(method).uri(uri).header(header::USER_AGENT, "test").extension(ConnectInfo(peer));
    if !cookie.is_empty() {
        b = b.header(header::COOKIE, cookie);
    }
    if method == "POST" {
        b = b.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    }
    let r = app.clone().oneshot(b.body(Body::from(form.to_owned())).unwrap()).await.unwrap();
    let header_of = |name: header::HeaderName| r.headers().get(name).map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
    let (status, location, cache, retry_after) = (r.status(), header_of(header::LOCATION), header_of(header::CACHE_CONTROL), header_of(header::RETRY_AFTER));
    let bytes = r.into_body().collect().await.unwrap().to_bytes().to_vec();
    Answer { status, location, cache, retry_after, body: String::from_utf8(bytes).unwrap() }
}



const NAME: &str = "Hoàng Thị Bí Mật";
const PHONE: &str = "0987 654 321";
const EMAIL: &str = "bi.mat.rieng@example.vn";
/// The ways the personal data could show on a page.
const SECRETS: [&str; 6] = ["Bí Mật", "0987654321", "0987 654 321", "987.654.321", "bi.mat.rieng", "987654321"];

fn has_secret(page: &str) -> Option<&'static str> {
    SECRETS.into_iter().find(|s| page.contains(s))
}

/// The code printed on a receipt (`<p class="receipt-code">PA-…</p>`).
fn code_on(page: &str) -> String {
    let start = page.find("class=\"receipt-code\">").expect("a receipt code") + "class=\"receipt-code\">".len();
    page[start..start + 14].to_owned()
}

backend_tests! {
    async fn a_citizen_writes_in_follows_the_item_and_reads_the_answer(db: TestDb) {
        let l = db.label;
        let site = bootstrap_site(&db.store, true).await.unwrap().unwrap();
        let s = &db.store;
        let app = router(state(s.clone(), WebConfig::default()).unwrap());
        let admin = s.accounts().sign_in(&site.admin_username, &site.admin_password, "a", None, None).await.unwrap().actor;
        let units = s.units().org_units().await.unwrap();
        let root = units.iter().find(|u| u.parent_id.is_none()).unwrap().id;
        let commune = units.iter().find(|u| u.name == "Đảng ủy xã Mẫu Sơn").unwrap().id;
        let other = s.units().create_unit(&admin, Some(root), "Đảng ủy xã Bình An", "commune").await.unwrap();
        let (coordinator, coordinator_csrf) = staff(s, &admin, "tiepnhan", Role::FeedbackCoordinator, root).await;
        let (handler, handler_csrf) = staff(s, &admin, "xuly", Role::FeedbackHandler, commune).await;
        let (stranger, _) = staff(s, &admin, "xuly-khac", Role::FeedbackHandler, other).await;
        let categories = s.feedback().categories(true).await.unwrap();
        let category = &categories[0];
        let csrf = "ab".repeat(32);
        let cookie = format!("dv_csrf={csrf}");
        let ip = "10.0.0.1";

        // the form: categories with their rule in words, the notice, the honeypot
        let form = send(&app, ip, "GET", "/phan-anh/gui", "", "").await;
        assert_eq!(form.status, StatusCode::OK, "{l}");
        assert!(form.body.contains(&format!("{} — giải quyết trong 10 ngày làm việc kể từ ngày tiếp nhận", category.name)), "{}", form.body);
        assert!(form.body.contains("Nghị định 13/2023/NĐ-CP") && form.body.contains("không bao giờ được công khai"));
        assert!(form.body.contains("name=\"website\"") && form.body.contains("tabindex=\"-1\""));
        assert_eq!(has_secret(&form.body), None);

        // a form with missing fields: every message at once, next to its field, what was typed kept
        let partial = format!("csrf={csrf}&title={}&content=&place={}&name=&phone=&email=", enc("Đèn đường thôn 3 hỏng"), enc("Thôn 3"));
        let r = send(&app, ip, "POST", "/phan-anh/gui", &cookie, &partial).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{l}");
        for message in ["Chọn lĩnh vực phản ánh.", "Nhập nội dung phản ánh, kiến nghị.", "Cần số điện thoại hoặc thư điện tử để tra cứu kết quả.", "Cần đồng ý với thông báo xử lý dữ liệu cá nhân."] {
            assert_eq!(r.body.matches(message).count(), 2, "{message}: in the summary and next to the field");
        }
        assert!(r.body.contains("value=\"Đèn đường thôn 3 hỏng\"") && r.body.contains("value=\"Thôn 3\""), "{}", r.body);
        assert!(r.body.contains("id=\"fb-content\" name=\"content\" rows=\"8\" maxlength=\"10000\" aria-invalid=\"true\" aria-describedby=\"fb-content-error\""));
        assert!(r.body.contains("aria-describedby=\"fb-contact-hint fb-contact-error\" aria-invalid=\"true\""));
        assert!(!r.body.contains("id=\"fb-title-error\""), "the title was fine");
        let bad_phone = format!("csrf={csrf}&category_id={}&title=x&content=y&phone=12345&consent=1", category.id);
        let r = send(&app, ip, "POST", "/phan-anh/gui", &cookie, &bad_phone).await;
        assert!(r.status == StatusCode::UNPROCESSABLE_ENTITY && r.body.contains("Số điện thoại không hợp lệ"), "{l}");

        let full = format!(
            "csrf={csrf}&category_id={}&title={}&content={}&place={}&name={}&phone={}&email={}&consent=1&website=",
            category.id,
            enc("Đèn đường thôn 3 hỏng"),
            enc("Ba tuần nay đèn đường thôn 3 không sáng."),
            enc("Thôn 3, xã Mẫu Sơn"),
            enc(NAME),
            enc(PHONE),
            enc(EMAIL)
        );
        // without the CSRF token, and with the honeypot filled: nothing stored
        assert_eq!(send(&app, ip, "POST", "/phan-anh/gui", "", &full).await.status, StatusCode::FORBIDDEN);
        let r = send(&app, ip, "POST", "/phan-anh/gui", &cookie, &full.replace("website=", "website=http%3A%2F%2Fspam.example")).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{l}");
        assert!(r.body.contains("Không gửi được phản ánh"));
        let all = send(&app, ip, "GET", "/quan-tri/phan-anh?hang=tat-ca", &coordinator, "").await;
        assert!(all.body.contains("Tất cả (0)"), "{l}: nothing stored: {}", all.body);

        // the submission: committed, then the receipt
        let r = send(&app, ip, "POST", "/phan-anh/gui", &cookie, &full).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{l}: {}", r.body);
        assert!(r.location.starts_with("/phan-anh/bien-nhan/") && r.location.len() == "/phan-anh/bien-nhan/".len() + 64, "{}", r.location);
        let receipt = send(&app, ip, "GET", &r.location, "", "").await;
        assert_eq!((receipt.status, receipt.cache.as_str()), (StatusCode::OK, "no-store"), "{l}");
        let code = code_on(&receipt.body);
        assert!(code.starts_with("PA-") && code.matches('-').count() == 3, "{code}");
        let calendar = s.calendar().working_calendar(&danvan_calendar::HolidayRules::default_rules()).await.unwrap();
        let due = category.rule.deadline(&calendar, danvan_domain::time::vietnam_today(), 0).unwrap();
        let due_words = format!("17:00, {}", danvan_domain::calendar::solar_long(due.date, danvan_domain::Lang::Vi));
        assert!(receipt.body.contains(&due_words), "{l}: the deadline {due_words}: {}", receipt.body);
        assert!(receipt.body.contains("cùng số điện thoại hoặc thư điện tử bạn đã khai") && receipt.body.contains("href=\"/phan-anh/tra-cuu\""));
        assert!(receipt.body.contains("Đọc mã qua điện thoại") && receipt.body.contains("In biên nhận"));
        assert_eq!(has_secret(&receipt.body), None, "{l}: no personal data on the receipt");
        assert_eq!(send(&app, ip, "GET", "/phan-anh/bien-nhan/0123", "", "").await.status, StatusCode::NOT_FOUND);

        // the lookup: the code as people type it, the phone written another way
        let lookup = |code: &str, contact: &str| format!("csrf={csrf}&code={}&contact={}", enc(code), enc(contact));
        let typed_code = code.to_lowercase().replace('-', " ");
        let found = send(&app, ip, "POST", "/phan-anh/tra-cuu", &cookie, &lookup(&typed_code, "+84 987.654.321")).await;
        assert_eq!(found.status, StatusCode::OK, "{l}");
        assert!(found.body.contains(&code) && found.body.contains("đã tiếp nhận") && found.body.contains(&due_words), "{}", found.body);
        assert_eq!(has_secret(&found.body), None, "{l}: the lookup shows no personal data, not even the phone typed");
        let missing = send(&app, ip, "POST", "/phan-anh/tra-cuu", &cookie, &lookup("", "")).await;
        assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(missing.body.contains("Nhập mã tra cứu.") && missing.body.contains("Nhập số điện thoại hoặc thư điện tử đã khai."));

        // the back office: new for the coordinator, accepted into the commune
        let q = send(&app, ip, "GET", "/quan-tri/phan-anh?hang=moi", &coordinator, "").await;
        assert_eq!(q.status, StatusCode::OK, "{l}");
        for tab in ["Mới tiếp nhận (1)", "Đang xử lý (0)", "Sắp đến hạn (0)", "Quá hạn (0)", "Tất cả (1)", "Nhập phản ánh qua đường dây nóng / tiếp trực tiếp"] {
            assert!(q.body.contains(tab), "{tab}: {}", q.body);
        }
        // the first link to an item (the page links to other pages of the desk too)
        let id: i32 = q
            .body
            .split("href=\"/quan-tri/phan-anh/")
            .skip(1)
            .find_map(|rest| rest[..rest.find('"').unwrap()].parse().ok())
            .expect("a link to the item");
        assert!(q.body.contains(&format!("<a href=\"/quan-tri/phan-anh/{id}\">{code}</a>")), "{}", q.body);
        assert!(has_secret(&q.body).is_none(), "the queue shows no contact");
        assert_eq!(send(&app, ip, "GET", "/quan-tri/phan-anh?hang=la", &coordinator, "").await.status, StatusCode::NOT_FOUND);
        assert!(!send(&app, ip, "GET", "/quan-tri/phan-anh", &handler, "").await.body.contains(&code), "not yet the commune's");
        let r = send(&app, ip, "POST", &format!("/quan-tri/phan-anh/{id}/thu-ly"), &coordinator, &format!("csrf={coordinator_csrf}&unit_id={commune}")).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{l}: {}", r.body);

        // the item page: the contact for the commune's handler, 404 for another commune's
        let page = send(&app, ip, "GET", &format!("/quan-tri/phan-anh/{id}"), &handler, "").await;
        assert_eq!(page.status, StatusCode::OK, "{l}");
        assert!(page.body.contains(NAME) && page.body.contains("0987654321") && page.body.contains(EMAIL), "{}", page.body);
        assert!(page.body.contains("Thụ lý, giao Đảng ủy xã Mẫu Sơn") && page.body.contains("Trả lời người gửi"));
        assert!(!page.body.contains("/thu-ly\"") && !page.body.contains("/chuyen\""), "a handler neither assigns nor forwards");
        let outsider = send(&app, ip, "GET", &format!("/quan-tri/phan-anh/{id}"), &stranger, "").await;
        assert_eq!(outsider.status, StatusCode::NOT_FOUND, "{l}");
        assert_eq!(has_secret(&outsider.body), None);
        let theirs = send(&app, ip, "GET", "/quan-tri/phan-anh?hang=tat-ca", &stranger, "").await;
        assert!(theirs.status == StatusCode::OK && theirs.body.contains("Tất cả (0)") && !theirs.body.contains(&code), "{l}");
        assert_eq!(has_secret(&theirs.body), None);

        // a note (internal), a refused empty answer, the answer
        let r = send(&app, ip, "POST", &format!("/quan-tri/phan-anh/{id}/ghi-chu"), &handler, &format!("csrf={handler_csrf}&text={}", enc("Đã gọi điện lực huyện"))).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let r = send(&app, ip, "POST", &format!("/quan-tri/phan-anh/{id}/tra-loi"), &handler, &format!("csrf={handler_csrf}&text=%20")).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{l}");
        assert!(r.body.contains("Nhập nội dung trả lời."));
        let r = send(&app, ip, "POST", &format!("/quan-tri/phan-anh/{id}/tra-loi"), &handler, &format!("csrf={handler_csrf}")).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(send(&app, ip, "POST", &format!("/quan-tri/phan-anh/{id}/tra-loi"), &handler, "text=x").await.status, StatusCode::FORBIDDEN, "CSRF");
        let answer = "Điện lực đã thay bóng đèn thôn 3.";
        let r = send(&app, ip, "POST", &format!("/quan-tri/phan-anh/{id}/tra-loi"), &handler, &format!("csrf={handler_csrf}&text={}", enc(answer))).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{l}: {}", r.body);
        let page = send(&app, ip, "GET", &format!("/quan-tri/phan-anh/{id}?tb=da-luu"), &handler, "").await;
        assert!(page.body.contains("Ghi chú nội bộ: Đã gọi điện lực huyện <strong>(nội bộ)</strong>"), "{}", page.body);
        assert!(page.body.contains("đã trả lời") && !page.body.contains("/tra-loi\""), "answered once");
        let r = send(&app, ip, "POST", &format!("/quan-tri/phan-anh/{id}/tra-loi"), &handler, &format!("csrf={handler_csrf}&text=again")).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "the store refuses a second answer");
        assert!(r.body.contains("Không thực hiện được bước này"));

        // the lookup by e-mail now shows the answer, never the internal note
        let found = send(&app, ip, "POST", "/phan-anh/tra-cuu", &cookie, &lookup(&code, "BI.MAT.RIENG@example.vn")).await;
        assert!(found.body.contains("đã trả lời") && found.body.contains(answer), "{l}: {}", found.body);
        assert!(!found.body.contains("điện lực huyện"), "internal notes stay internal");
        assert_eq!(has_secret(&found.body), None);

        // a wrong phone and a guessed code: one neutral message, nothing about the item
        let neutral = "Không tìm thấy phản ánh với mã tra cứu và thông tin liên hệ đã nhập.";
        let wrong = send(&app, ip, "POST", "/phan-anh/tra-cuu", &cookie, &lookup(&code, "0912 000 000")).await;
        let guessed_code = danvan_domain::feedback::code::generate([7; 16]).to_string();
        let guessed = send(&app, ip, "POST", "/phan-anh/tra-cuu", &cookie, &lookup(&guessed_code, PHONE)).await;
        for r in [&wrong, &guessed] {
            assert!(r.body.contains(neutral) && !r.body.contains("Đèn đường") && !r.body.contains("đã trả lời"), "{l}: {}", r.body);
            assert_eq!(has_secret(&r.body), None);
        }

        // a coordinator enters a hotline call; a handler may not
        let call = format!(
            "csrf={coordinator_csrf}&channel=hotline&category_id={}&title={}&content={}&place=&name={}&phone={}&email=",
            category.id,
            enc("Đường liên thôn sạt lở"),
            enc("Người dân gọi báo đoạn đường liên thôn 2 bị sạt lở sau mưa."),
            enc(NAME),
            enc(PHONE)
        );
        assert_eq!(send(&app, ip, "GET", "/quan-tri/phan-anh/moi", &coordinator, "").await.status, StatusCode::OK);
        assert_eq!(send(&app, ip, "GET", "/quan-tri/phan-anh/moi", &handler, "").await.status, StatusCode::FORBIDDEN);
        let r = send(&app, ip, "POST", "/quan-tri/phan-anh/moi", &coordinator, &call.replace("channel=hotline", "channel=web").replace("&title=", "&title=&x=")).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{l}");
        assert!(r.body.contains("Chọn kênh: đường dây nóng hoặc tiếp trực tiếp.") && r.body.contains("Nhập tiêu đề.") && r.body.contains("Người dân gọi báo"), "{}", r.body);
        assert!(!r.body.contains("Cần đồng ý"), "no consent box for a call");
        let r = send(&app, ip, "POST", "/quan-tri/phan-anh/moi", &coordinator, &call).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{l}: {}", r.body);
        assert!(r.location.starts_with("/quan-tri/phan-anh/") && r.location.ends_with("?tb=da-luu"), "{}", r.location);
        let page = send(&app, ip, "GET", &r.location, &coordinator, "").await;
        assert!(page.body.contains("đường dây nóng") && page.body.contains("<dd>tiepnhan</dd>") && page.body.contains("Đường liên thôn sạt lở"), "{}", page.body);
        assert!(page.body.contains("/thu-ly\"") && page.body.contains("/khong-thu-ly\""), "the coordinator accepts or refuses");
        let q = send(&app, ip, "GET", "/quan-tri/phan-anh?hang=tat-ca", &coordinator, "").await;
        assert!(q.body.contains("Mới tiếp nhận (1)") && q.body.contains("Tất cả (2)") && q.body.contains("đường dây nóng"), "{l}: {}", q.body);

        // many failed lookups from one address: 429, even for the right pair; another address is not stopped
        let guesser = "10.0.0.2";
        for i in 0..10 {
            let r = send(&app, guesser, "POST", "/phan-anh/tra-cuu", &cookie, &lookup(&code, &format!("0912 000 00{i}"))).await;
            assert!(r.status == StatusCode::OK && r.body.contains(neutral), "{l}: failure {i}");
        }
        let r = send(&app, guesser, "POST", "/phan-anh/tra-cuu", &cookie, &lookup(&code, PHONE)).await;
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{l}");
        assert!(!r.retry_after.is_empty(), "{l}: the error page keeps Retry-After");
        assert!(r.body.contains("thử lại sau 15 phút") && !r.body.contains(answer), "{}", r.body);
        assert!(send(&app, ip, "POST", "/phan-anh/tra-cuu", &cookie, &lookup(&code, PHONE)).await.body.contains(answer));

        // ten submissions an hour from one address (each with its own phone and
        // e-mail: those have limits of their own): the eleventh is a clear 429
        let busy = "10.0.0.3";
        let from_busy = |i: u32| full.replace(&enc(PHONE), &enc(&format!("0912 000 1{i:02}"))).replace(&enc(EMAIL), &enc(&format!("nguoi{i}@example.vn")));
        for i in 0..10 {
            assert_eq!(send(&app, busy, "POST", "/phan-anh/gui", &cookie, &from_busy(i)).await.status, StatusCode::SEE_OTHER);
        }
        let r = send(&app, busy, "POST", "/phan-anh/gui", &cookie, &from_busy(10)).await;
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{l}");
        assert!(r.body.contains("nhiều phản ánh được gửi từ địa chỉ này") && r.body.contains("đường dây nóng"));

        // the public pages carry no personal data, and link to the desk
        for path in ["/phan-anh/gui", "/phan-anh/tra-cuu", "/"] {
            let r = send(&app, ip, "GET", path, "", "").await;
            assert_eq!(r.status, StatusCode::OK, "{path}");
            assert_eq!(has_secret(&r.body), None, "{path}");
            assert!(r.body.contains("href=\"/phan-anh/gui\"") && r.body.contains("Gửi phản ánh, kiến nghị"), "{path}");
        }
    }
}
