//! The feedback desk's public side through the router, on SQLite and
//! PostgreSQL: a citizen writes in with a distinctive name, phone, e-mail
//! and a 12-digit ID number in the text; the answer quotes the name and the
//! phone; staff publish it after the personal-data check; then every public
//! page reachable from the home page, the feeds, the sitemap and its parts,
//! and the search results are fetched and none of them holds any of it
//! (issue 13's acceptance). And the reporter rates the answer and reopens
//! the item once from the lookup page, with the lookup's ticket.

mod support;
use support::{enc};

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use danvan_domain::editorial::{Grant, Role};
use danvan_store::{NewUser, PublishOutcome, bootstrap_site};
use danvan_testing::{TestDb, backend_tests};
use danvan_web::{WebConfig, router, state};
use http_body_util::BodyExt;
use std::collections::{BTreeSet, VecDeque};
use std::net::SocketAddr;
use tower::ServiceExt;

async fn send(app: &Router, addr: &str, method: &str, uri: &str, cookie: &str, form: &str) -> (StatusCode, String, String) {
    let peer: SocketAddr = format!("{addr}:40000").parse().unwrap();
    let mut b = Request::builder().method(method).uri(uri).header(header::USER_AGENT, "test").extension(ConnectInfo(peer));
    if !cookie.is_empty() {
        b = b.header(header::COOKIE, cookie);
    }
    if method == "POST" {
        b = b.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    }
    let r = app.clone().oneshot(b.body(Body::from(form.to_owned())).unwrap()).await.unwrap();
    let location = r.headers().get(header::LOCATION).map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
    let status = r.status();
    let bytes = r.into_body().collect().await.unwrap().to_bytes().to_vec();
    (status, location, String::from_utf8_lossy(&bytes).into_owned())
}


const NAME: &str = "Nguyễn Thị Kín Đáo";
const PHONE: &str = "0978 123 456";
const EMAIL: &str = "kin.dao.rieng@example.vn";
const ID_NUMBER: &str = "001095012345";
/// The ways the personal data could show.
const SECRETS: [&str; 9] = ["Kín Đáo", "Kin Dao", "kín đáo", "0978123456", "0978 123 456", "978.123.456", "kin.dao.rieng", "001095012345", "0010 9501 2345"];

fn secret_in(page: &str) -> Option<&'static str> {
    SECRETS.into_iter().find(|s| page.to_lowercase().contains(&s.to_lowercase()))
}

/// The site-internal addresses `href="/…"` and `<loc>…</loc>` of a page.
fn links(page: &str, base: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in page.split("href=\"").skip(1).chain(page.split("<loc>").skip(1)) {
        let end = part.find(['"', '<']).unwrap_or(part.len());
        let mut href = part[..end].replace("&amp;", "&");
        if let Some(rest) = href.strip_prefix(base) {
            href = rest.to_owned();
        }
        if href.starts_with('/') && !href.starts_with("//") {
            out.push(href.split('#').next().unwrap_or("").to_owned());
        }
    }
    out
}

/// The value of `name="ticket" value="…"` on a lookup page.
fn ticket_on(page: &str) -> String {
    let start = page.find("name=\"ticket\" value=\"").expect("a ticket") + "name=\"ticket\" value=\"".len();
    page[start..start + page[start..].find('"').unwrap()].to_owned()
}

backend_tests! {
    async fn no_public_address_shows_the_reporter_and_the_reporter_rates_and_reopens(db: TestDb) {
        let l = db.label;
        let site = bootstrap_site(&db.store, true).await.unwrap().unwrap();
        let s = &db.store;
        let base = "https://danvan.example.vn";
        let app = router(state(s.clone(), WebConfig { base_url: base.into(), ..Default::default() }).unwrap());
        let admin = s.accounts().sign_in(&site.admin_username, &site.admin_password, "a", None, None).await.unwrap().actor;
        let root = s.units().org_units().await.unwrap().into_iter().find(|u| u.parent_id.is_none()).unwrap().id;
        let id = s
            .accounts()
            .create_user(&admin, &NewUser { username: "tiepnhan".into(), display_name: "Tiếp nhận".into(), password: "mat-khau-tam-thoi-dai".into(), org_unit_id: Some(root), grants: vec![Grant { role: Role::FeedbackCoordinator, unit_id: root }] })
            .await
            .unwrap();
        let first = s.accounts().sign_in("tiepnhan", "mat-khau-tam-thoi-dai", "x", None, None).await.unwrap().actor;
        s.accounts().set_password(&first, id, Some("mat-khau-tam-thoi-dai"), "mat-khau-rieng-cua-toi").await.unwrap();
        let coordinator = s.accounts().sign_in("tiepnhan", "mat-khau-rieng-cua-toi", "x", None, None).await.unwrap().actor;
        let calendar = s.calendar().working_calendar(&danvan_calendar::HolidayRules::default_rules()).await.unwrap();
        let category = s.feedback().categories(true).await.unwrap()[0].clone();
        let csrf = "cd".repeat(32);
        let cookie = format!("dv_csrf={csrf}");

        // the citizen writes in on the web form
        let form = format!(
            "csrf={csrf}&category_id={}&title={}&content={}&place={}&name={}&phone={}&email={}&consent=1&website=",
            category.id,
            enc("Cống thoát nước tắc trước nhà"),
            enc(&format!("Tôi là {NAME}, CCCD {ID_NUMBER}, gọi {PHONE} hoặc {EMAIL}. Cống tắc ba tuần nay, nước tràn ra đường.")),
            enc("Tổ 5, thị trấn"),
            enc(NAME),
            enc(PHONE),
            enc(EMAIL)
        );
        let (status, receipt, _) = send(&app, "10.1.0.1", "POST", "/phan-anh/gui", &cookie, &form).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{l}");
        let (_, _, receipt_page) = send(&app, "10.1.0.1", "GET", &receipt, "", "").await;
        assert_eq!(secret_in(&receipt_page), None, "{l}: the receipt");
        let start = receipt_page.find("class=\"receipt-code\">").unwrap() + "class=\"receipt-code\">".len();
        let code = receipt_page[start..start + 14].to_owned();
        let item_id = s.feedback().queue(&coordinator, danvan_store::Queue::All, &calendar, danvan_store::now(), 1, 10).await.unwrap().0[0].id;

        // answered, quoting the name and the phone; published after the check
        let now = danvan_store::now();
        s.feedback().accept(&coordinator, item_id, root, &calendar, now).await.unwrap();
        s.feedback().answer(&coordinator, item_id, &format!("Kính gửi bà {NAME} ({PHONE}): ngày 3/12 đội vệ sinh đã nạo vét cống."), now).await.unwrap();
        let draft = s.feedback().publication_draft(&coordinator, item_id).await.unwrap();
        assert!(draft.found.iter().filter(|f| f.own).count() >= 5, "{l}: name, phone, e-mail in the question, name and phone in the answer: {:?}", draft.found);
        assert_eq!(s.feedback().publish(&coordinator, item_id, &draft.proposed, false, now).await.unwrap(), PublishOutcome::Published, "{l}");

        // the published page: the question and the answer, masked
        let (status, _, page) = send(&app, "10.1.0.2", "GET", &format!("/phan-anh/{item_id}"), "", "").await;
        assert_eq!(status, StatusCode::OK, "{l}");
        assert!(page.contains("Cống tắc ba tuần nay") && page.contains("đội vệ sinh đã nạo vét cống") && page.contains("[họ tên đã ẩn]"), "{page}");
        assert!(!page.contains(&code), "{l}: not even the code");
        // every page reachable from the home page, the feeds and the sitemaps, and searches
        let mut queue: VecDeque<String> = ["/", "/phan-anh", "/phan-anh/tra-cuu", "/phan-anh/gui", "/rss.xml", "/atom.xml", "/sitemap.xml", "/robots.txt"].iter().map(|s| s.to_string()).collect();
        let searches = ["Cống thoát nước", "Kín Đáo", "0978123456", "nạo vét cống", "kin.dao.rieng"];
        for q in searches {
            queue.push_back(format!("/tim-kiem?q={}", enc(q)));
        }
        let mut seen = BTreeSet::new();
        let mut fetched = 0;
        while let Some(path) = queue.pop_front() {
            if !seen.insert(path.clone()) || path.starts_with("/quan-tri") || (path.starts_with("/tim-kiem") && !searches.iter().any(|q| path == format!("/tim-kiem?q={}", enc(q)))) || path.starts_with("/static/") || fetched >= 400 {
                continue;
            }
            let (status, _, mut body) = send(&app, "10.1.0.3", "GET", &path, "", "").await;
            fetched += 1;
            // a search page says what was typed: only its results count (and its links are searches again)
            let is_search = path.starts_with("/tim-kiem");
            if !is_search {
                queue.extend(links(&body, base));
            }
            if let Some(q) = searches.iter().find(|q| path == format!("/tim-kiem?q={}", enc(q))) {
                body = body.to_lowercase().replace(&q.to_lowercase(), "").replace(&danvan_text::fold(q), "");
            }
            assert!(status.is_success() || status.is_redirection() || status == StatusCode::NOT_FOUND, "{l}: {path} answered {status}");
            if let Some(x) = secret_in(&body) {
                let at = body.to_lowercase().find(&x.to_lowercase()).unwrap_or(0);
                panic!("{l}: personal data {x:?} on {path}: …{}…", &body[body.floor_char_boundary(at.saturating_sub(300))..body.floor_char_boundary((at + 200).min(body.len()))]);
            }
            assert!(!body.contains(&code), "{l}: the tracking code on {path}");
        }
        assert!(seen.contains(&format!("/phan-anh/{item_id}")), "{l}: the answer is reachable (list and sitemap)");
        assert!(fetched > 40, "{l}: {fetched} pages fetched");

        // the reporter follows it, rates the answer and reopens it once
        let (_, _, found) = send(&app, "10.1.0.4", "POST", "/phan-anh/tra-cuu", &cookie, &format!("csrf={csrf}&code={}&contact={}", enc(&code), enc(EMAIL))).await;
        assert!(found.contains("ngày 3/12 đội vệ sinh") && found.contains("name=\"rating\""), "{l}: {found}");
        assert!(!found.contains(EMAIL) && !found.contains("0978123456"), "{l}: the contact typed is never written back");
        let ticket = ticket_on(&found);
        assert_eq!(send(&app, "10.1.0.4", "POST", "/phan-anh/tra-cuu/danh-gia", "", &format!("ticket={}&rating=4", enc(&ticket))).await.0, StatusCode::FORBIDDEN, "{l}: CSRF");
        let (status, _, rated) = send(&app, "10.1.0.4", "POST", "/phan-anh/tra-cuu/danh-gia", &cookie, &format!("csrf={csrf}&ticket={}&rating=4", enc(&ticket))).await;
        assert!(status == StatusCode::OK && rated.contains("Đã ghi nhận") && rated.contains("đã chọn 4/5"), "{l}: {status} {rated}");
        let (status, _, refused) = send(&app, "10.1.0.4", "POST", "/phan-anh/tra-cuu/xem-xet-lai", &cookie, &format!("csrf={csrf}&ticket={}&comment=", enc(&ticket))).await;
        assert!(status == StatusCode::UNPROCESSABLE_ENTITY && refused.contains("id=\"fb-reopen-error\"") && refused.contains("ngày 3/12 đội vệ sinh"), "{l}: {status}");
        let (status, _, page) = send(&app, "10.1.0.4", "POST", "/phan-anh/tra-cuu/xem-xet-lai", &cookie, &format!("csrf={csrf}&ticket={}&comment={}", enc(&ticket), enc("Nước vẫn tràn sau mưa"))).await;
        assert!(status == StatusCode::OK && page.contains("mở lại") && !page.contains("name=\"comment\"") && !page.contains("name=\"rating\""), "{l}: reopened once, no second form: {status}");
        let (status, _, page) = send(&app, "10.1.0.4", "POST", "/phan-anh/tra-cuu/danh-gia", &cookie, &format!("csrf={csrf}&ticket=1.2.3&rating=5")).await;
        assert!(status == StatusCode::UNPROCESSABLE_ENTITY && page.contains("tra cứu lại"), "{l}: a forged ticket: {status}");
        let lines: Vec<String> = s.feedback().item(&coordinator, item_id).await.unwrap().unwrap().history.into_iter().map(|h| h.summary).collect();
        assert!(lines.iter().any(|x| x == "Người gửi đánh giá 4/5") && lines.iter().any(|x| x.starts_with("Người gửi đề nghị xem xét lại") && x.ends_with("Nước vẫn tràn sau mưa")), "{l}: {lines:?}");
        // the filters of the public list
        let (_, _, list) = send(&app, "10.1.0.5", "GET", &format!("/phan-anh?linh-vuc={}", category.id), "", "").await;
        assert!(list.contains(&format!("href=\"/phan-anh/{item_id}\"")), "{l}");
        let (_, _, other) = send(&app, "10.1.0.5", "GET", &format!("/phan-anh?linh-vuc={}", category.id + 1), "", "").await;
        assert!(!other.contains(&format!("href=\"/phan-anh/{item_id}\"")) && other.contains("Chưa có trả lời nào"), "{l}");
        assert_eq!(send(&app, "10.1.0.5", "GET", "/phan-anh?linh-vuc=abc", "", "").await.0, StatusCode::BAD_REQUEST);
        assert_eq!(send(&app, "10.1.0.5", "GET", "/phan-anh/999999", "", "").await.0, StatusCode::NOT_FOUND);
    }
}
