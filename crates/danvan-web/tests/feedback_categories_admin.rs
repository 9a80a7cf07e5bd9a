//! An administrator keeps the feedback categories at
//! `/quan-tri/phan-anh/linh-vuc`, on SQLite and PostgreSQL, without
//! JavaScript: the list with each rule in words, a new category, a change
//! to one, every problem of a bad form next to its field with what was
//! typed kept (422, nothing saved), a form without its CSRF token refused,
//! and the page closed to a coordinator.

mod support;
use support::{enc, staff};

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use danvan_domain::editorial::Role;
use danvan_domain::feedback::{CountFrom, Counting, DeadlineRule};
use danvan_store::bootstrap_site;
use danvan_testing::{TestDb, backend_tests};
use danvan_web::{WebConfig, router, state};
use http_body_util::BodyExt;
use std::net::SocketAddr;
use tower::ServiceExt;

async fn send(app: &Router, method: &str, uri: &str, cookie: &str, form: &str) -> (StatusCode, String, String) {
    let peer: SocketAddr = "10.0.0.8:40000".parse().unwrap();
    let mut b = Request::builder().method(method).uri(uri).header(header::USER_AGENT, "test").extension(ConnectInfo(peer));
    if !cookie.is_empty() {
        b = b.header(header::COOKIE, cookie);
    }
    if method == "POST" {
        b = b.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    }
    let r = app.clone().oneshot(b.body(Body::from(form.to_owned())).unwrap()).await.unwrap();
    let status = r.status();
    let location = r.headers().get(header::LOCATION).map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
    let bytes = r.into_body().collect().await.unwrap().to_bytes().to_vec();
    (status, location, String::from_utf8(bytes).unwrap())
}



/// A category's form.
#[allow(clippy::too_many_arguments)]
fn form(csrf: &str, name: &str, days: &str, counting: &str, from: &str, extensions: &str, unit: &str, active: bool) -> String {
    let mut f = format!("csrf={csrf}&name={}&description={}&days={}&counting={counting}&from={from}&max_extensions={}&unit_id={unit}", enc(name), enc("Đèn đường, điện sinh hoạt"), enc(days), enc(extensions));
    if active {
        f.push_str("&is_active=1");
    }
    f
}

backend_tests! {
    async fn an_administrator_keeps_the_feedback_categories(db: TestDb) {
        let l = db.label;
        let site = bootstrap_site(&db.store, true).await.unwrap().unwrap();
        let s = &db.store;
        let app = router(state(s.clone(), WebConfig::default()).unwrap());
        let admin = s.accounts().sign_in(&site.admin_username, &site.admin_password, "a", None, None).await.unwrap().actor;
        let units = s.units().org_units().await.unwrap();
        let root = units.iter().find(|u| u.parent_id.is_none()).unwrap().id;
        let commune = units.iter().find(|u| u.name == "Đảng ủy xã Mẫu Sơn").unwrap().id;
        let (cookie, csrf) = staff(s, &admin, "quantri", Role::Administrator, root).await;
        let (coordinator, coordinator_csrf) = staff(s, &admin, "tiepnhan", Role::FeedbackCoordinator, root).await;
        let path = "/quan-tri/phan-anh/linh-vuc";

        // the list: every category with its rule in words
        let (status, _, page) = send(&app, "GET", path, &cookie, "").await;
        assert_eq!(status, StatusCode::OK, "{l}");
        assert!(page.contains("<td>10 ngày làm việc kể từ ngày tiếp nhận</td>") && page.contains("<td>10 ngày làm việc kể từ ngày thụ lý</td>"), "{page}");
        assert!(page.contains("<td>5 ngày làm việc kể từ ngày tiếp nhận</td>") && page.contains("<td>tối đa 1 lần</td>"));
        assert!(page.contains("<a href=\"/quan-tri/phan-anh/linh-vuc\" aria-current=\"page\">Lĩnh vực phản ánh</a>"), "the nav marks this page: {page}");
        assert!(!page.contains("aria-current=\"page\">Phản ánh, kiến nghị</a>"), "not the queue's entry too");
        let before = s.feedback().categories(false).await.unwrap().len();

        // a coordinator may neither see nor change them
        assert_eq!(send(&app, "GET", path, &coordinator, "").await.0, StatusCode::FORBIDDEN, "{l}");
        let good = form(&coordinator_csrf, "Điện", "3", "working_days", "receipt", "1", "", true);
        assert_eq!(send(&app, "POST", path, &coordinator, &good).await.0, StatusCode::FORBIDDEN);
        // without the CSRF token: refused, nothing saved
        let no_token = form("", "Điện chiếu sáng", "3", "calendar_days", "acceptance", "2", &commune.to_string(), true).replacen("csrf=&", "", 1);
        assert_eq!(send(&app, "POST", path, &cookie, &no_token).await.0, StatusCode::FORBIDDEN, "{l}");
        assert_eq!(send(&app, "POST", path, &cookie, &format!("csrf={}&{no_token}", "0".repeat(64))).await.0, StatusCode::FORBIDDEN, "a wrong token");
        assert_eq!(s.feedback().categories(false).await.unwrap().len(), before);

        // a bad form: every problem next to its field, what was typed kept, nothing saved
        let bad = form(&csrf, "Điện chiếu sáng", "ba", "weeks", "acceptance", "hai", &commune.to_string(), true);
        let (status, _, page) = send(&app, "POST", path, &cookie, &bad).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{l}");
        assert!(page.contains("id=\"fc-days\" name=\"days\" type=\"text\" inputmode=\"numeric\" maxlength=\"3\" value=\"ba\" aria-invalid=\"true\" aria-describedby=\"fc-days-error\""), "{page}");
        assert!(page.contains("<span id=\"fc-days-error\" class=\"field-problem\">Nhập số ngày là số nguyên từ 1 đến 365.</span>"));
        assert!(page.contains("<span id=\"fc-counting-error\" class=\"field-problem\">Chọn ngày làm việc hoặc ngày.</span>"));
        assert!(page.contains("id=\"fc-max_extensions-error\" class=\"field-problem\">Nhập số lần gia hạn là số nguyên từ 0 đến 5.</span>"), "{page}");
        assert!(page.contains("href=\"#fc-days\"") && page.contains("href=\"#fc-counting\"") && page.contains("href=\"#fc-max_extensions\""), "the summary links each field");
        assert!(page.contains("value=\"Điện chiếu sáng\"") && page.contains("value=\"hai\"") && page.contains(&format!("<option value=\"{commune}\" selected>")), "{page}");
        assert!(page.contains("<option value=\"acceptance\" selected>"), "the valid choices kept");
        assert!(!page.contains("id=\"fc-name-error\""), "the name was fine");
        let (status, _, page) = send(&app, "POST", path, &cookie, &form(&csrf, "  ", "3", "working_days", "receipt", "1", "99999", true)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.contains("id=\"fc-name-error\" class=\"field-problem\">Tên lĩnh vực từ 1 đến 200 ký tự.</span>") && page.contains("id=\"fc-unit_id-error\""), "{page}");
        assert_eq!(s.feedback().categories(false).await.unwrap().len(), before, "{l}: nothing saved");

        // a new category
        let (status, location, _) = send(&app, "POST", path, &cookie, &form(&csrf, "Điện  chiếu sáng", "3", "calendar_days", "acceptance", "2", &commune.to_string(), true)).await;
        assert_eq!((status, location.as_str()), (StatusCode::SEE_OTHER, "/quan-tri/phan-anh/linh-vuc?tb=da-luu"), "{l}");
        let saved = s.feedback().categories(false).await.unwrap().into_iter().find(|c| c.name == "Điện chiếu sáng").expect("saved, spaces collapsed");
        assert_eq!(saved.rule, DeadlineRule { days: 3, counting: Counting::CalendarDays, from: CountFrom::Acceptance, max_extensions: 2 });
        assert_eq!((saved.unit_id, saved.is_active, saved.description.as_str()), (Some(commune), true, "Đèn đường, điện sinh hoạt"));
        let (_, _, page) = send(&app, "GET", &location, &cookie, "").await;
        assert!(page.contains("Đã lưu.") && page.contains("<td>3 ngày kể từ ngày thụ lý</td>") && page.contains("<td>tối đa 2 lần</td>") && page.contains("<td>Đảng ủy xã Mẫu Sơn</td>"), "{l}: {page}");
        let (_, _, public) = send(&app, "GET", "/phan-anh/gui", "", "").await;
        assert!(public.contains("Điện chiếu sáng — giải quyết trong 3 ngày kể từ ngày thụ lý"), "offered on the form");

        // its page and a change: a bad number first, then no extension and closed
        let edit = format!("{path}/{}", saved.id);
        let (status, _, page) = send(&app, "GET", &edit, &cookie, "").await;
        assert_eq!(status, StatusCode::OK, "{l}");
        assert!(page.contains("value=\"Điện chiếu sáng\"") && page.contains("<option value=\"calendar_days\" selected>") && page.contains("name=\"is_active\" type=\"checkbox\" value=\"1\" checked"), "{page}");
        assert!(page.contains(&format!("action=\"{edit}\"")) && page.contains("Lưu lĩnh vực Điện chiếu sáng"));
        let (status, _, page) = send(&app, "POST", &edit, &cookie, &form(&csrf, "Điện chiếu sáng", "400", "working_days", "receipt", "0", "", false)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{l}");
        assert!(page.contains("id=\"fc-days-error\" class=\"field-problem\">Số ngày giải quyết từ 1 đến 365.</span>") && page.contains("value=\"400\""), "{page}");
        assert!(!page.contains("name=\"is_active\" type=\"checkbox\" value=\"1\" checked"), "the box as it was posted");
        let (status, _, page) = send(&app, "POST", &edit, &cookie, &form(&csrf, "Điện chiếu sáng", "5", "working_days", "receipt", "9", "", true)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.contains("id=\"fc-max_extensions-error\" class=\"field-problem\">Gia hạn tối đa 5 lần.</span>"), "the domain's rule: {page}");
        assert_eq!(s.feedback().categories(false).await.unwrap().into_iter().find(|c| c.id == saved.id).unwrap(), saved, "unchanged");
        let (status, _, _) = send(&app, "POST", &edit, &cookie, &form(&csrf, "Điện chiếu sáng công cộng", "5", "working_days", "receipt", "0", "", false)).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{l}");
        let changed = s.feedback().categories(false).await.unwrap().into_iter().find(|c| c.id == saved.id).unwrap();
        assert_eq!((changed.name.as_str(), changed.rule.days, changed.rule.max_extensions, changed.unit_id, changed.is_active), ("Điện chiếu sáng công cộng", 5, 0, None, false));
        let (_, _, page) = send(&app, "GET", path, &cookie, "").await;
        assert!(page.contains("<td>không gia hạn</td>") && page.contains("Ngừng nhận") && page.contains("Chưa chọn: cán bộ tiếp nhận phân công"), "{page}");
        assert!(!send(&app, "GET", "/phan-anh/gui", "", "").await.2.contains("Điện chiếu sáng công cộng"), "{l}: a closed category is not offered");
        assert_eq!(send(&app, "POST", &edit, &cookie, &form("", "X", "5", "working_days", "receipt", "0", "", true).replacen("csrf=&", "", 1)).await.0, StatusCode::FORBIDDEN, "CSRF on every form");

        // unknown categories
        assert_eq!(send(&app, "GET", &format!("{path}/999999"), &cookie, "").await.0, StatusCode::NOT_FOUND);
        assert_eq!(send(&app, "GET", &format!("{path}/abc"), &cookie, "").await.0, StatusCode::NOT_FOUND);
        assert_eq!(send(&app, "POST", &format!("{path}/999999"), &cookie, &form(&csrf, "X", "5", "working_days", "receipt", "0", "", true)).await.0, StatusCode::NOT_FOUND);
    }
}
