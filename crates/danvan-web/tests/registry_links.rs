//! Articles linked to registry records, and records in site search, through
//! the router on SQLite and PostgreSQL, without JavaScript: the editor takes
//! references and names each refused one, keeps what was typed; the
//! article's page lists its approved public records, the record's page its
//! published articles, the back-office record page every article the reader
//! may see and the reference to type; "Bỏ" unlinks; `/tim-kiem` finds a
//! record with its own label and kind filter; no person's name anywhere public.

mod support;
use support::{enc};

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use danvan_domain::editorial::Transition;
use danvan_domain::registry::{Field, Holder, ModelKind, NewRecord, Period};
use danvan_store::bootstrap_site;
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


fn record(unit: i32, code: &str, name: &str, public: bool, content: &str) -> NewRecord {
    NewRecord {
        code: code.into(),
        name: name.into(),
        kind: Some(ModelKind::Model),
        holder: Some(Holder::Individual),
        field: Some(Field::CultureSociety),
        unit_id: Some(unit),
        period: Some(Period::year(2023)),
        person_name: "Hoàng Văn Kín Đáo".into(),
        person_position: "Bí thư chi bộ thôn".into(),
        parts: [("content".to_owned(), content.to_owned())].into_iter().collect(),
        is_public: public,
        ..Default::default()
    }
}

backend_tests! {
    async fn an_editor_links_records_and_readers_follow_them(db: TestDb) {
        let site = bootstrap_site(&db.store, true).await.unwrap().unwrap();
        let s = &db.store;
        let l = db.label;
        let app = router(state(s.clone(), WebConfig::default()).unwrap());
        let signed = s.accounts().sign_in(&site.admin_username, &site.admin_password, "a", None, None).await.unwrap();
        let admin = signed.actor.clone();
        let (cookie, csrf) = (format!("dv_session={}", signed.token), signed.actor.csrf_token.clone());
        let unit = s.units().org_units().await.unwrap().into_iter().find(|u| u.name == "Đảng ủy xã Mẫu Sơn").unwrap().id;
        let shown = s.registry().register(&admin, &record(unit, "MH-01", "Câu lạc bộ cồng chiêng", true, "Truyền dạy đánh chiêng cho thanh thiếu niên")).await.unwrap();
        let private = s.registry().register(&admin, &record(unit, "MH-02", "Tủ sách nội bộ", false, "Sách cho bà con")).await.unwrap();

        let (status, _, page) = send(&app, "GET", "/quan-tri/bai-viet/moi", &cookie, "").await;
        assert_eq!(status, StatusCode::OK, "{l}");
        assert!(page.contains("Mô hình, điển hình liên quan") && page.contains("name=\"models_add\""), "{page}");

        // refused references: each named with why; what was typed comes back
        let form = |models: &str| format!("csrf={csrf}&title={}&body_html={}&org_unit_id={unit}&models_add={}", enc("Tiếng chiêng ngân vang"), enc("<p>Thanh niên học đánh chiêng.</p>"), enc(models));
        let (status, _, page) = send(&app, "POST", "/quan-tri/bai-viet", &cookie, &form(&format!("#{shown}, abc"))).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{l}");
        assert!(page.contains("«abc»: không đọc được"), "{page}");
        assert!(page.contains(&format!("#{shown}, abc</textarea>")) && page.contains("Tiếng chiêng ngân vang"), "{page}");
        let (status, _, page) = send(&app, "POST", "/quan-tri/bai-viet", &cookie, &form("#999999\ndang-uy-xa-mau-son/MH-77")).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{l}");
        assert!(page.contains("«#999999»: không có mô hình, điển hình nào với số hoặc mã này.") && page.contains("«dang-uy-xa-mau-son/MH-77»: không có mô hình"), "{page}");
        assert!(page.contains("Có mô hình chưa gắn được, bài viết chưa được lưu"), "{page}");

        let (status, location, _) = send(&app, "POST", "/quan-tri/bai-viet", &cookie, &form(&format!("#{shown}; dang-uy-xa-mau-son/mh-02"))).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{l}");
        let editor = location.split('?').next().unwrap().to_owned();
        let id: i32 = editor.rsplit('/').next().unwrap().parse().unwrap();
        let (_, _, page) = send(&app, "GET", &editor, &cookie, "").await;
        assert!(page.contains(&format!("#{shown} Câu lạc bộ cồng chiêng")) && page.contains(&format!("name=\"model_remove\" value=\"{shown}\"")), "{page}");
        assert!(page.contains(&format!("#{private} Tủ sách nội bộ")), "{page}");

        // the public pages: approved public records only, published articles only, no person
        s.articles().transition_article(&admin, id, Transition::Publish, None, None).await.unwrap();
        let slug = s.articles().article_for_edit(id).await.unwrap().unwrap().slug;
        let (status, _, page) = send(&app, "GET", &format!("/bai-viet/{slug}"), "", "").await;
        assert_eq!(status, StatusCode::OK, "{l}");
        assert!(page.contains("Mô hình, điển hình liên quan") && page.contains(&format!("<a href=\"/dan-van-kheo/{shown}\">Câu lạc bộ cồng chiêng</a> <span class=\"related__date\">(văn hóa - xã hội, Đảng ủy xã Mẫu Sơn)</span>")), "{page}");
        assert!(!page.contains("Tủ sách nội bộ") && !page.contains("Kín Đáo") && !page.contains("Bí thư chi bộ thôn"), "{l}");
        let (_, _, page) = send(&app, "GET", &format!("/dan-van-kheo/{shown}"), "", "").await;
        assert!(page.contains("Bài viết về mô hình") && page.contains(&format!("<a href=\"/bai-viet/{slug}\">Tiếng chiêng ngân vang</a>")), "{page}");
        assert!(!page.contains("Kín Đáo") && !page.contains("Bí thư chi bộ thôn"), "{l}");
        assert_eq!(send(&app, "GET", &format!("/dan-van-kheo/{private}"), "", "").await.0, StatusCode::NOT_FOUND);

        // the back-office record page: its articles and its reference
        let (_, _, page) = send(&app, "GET", &format!("/quan-tri/dan-van-kheo/{private}"), &cookie, "").await;
        assert!(page.contains(&format!("<a href=\"/quan-tri/bai-viet/{id}\">Tiếng chiêng ngân vang</a> (Đã đăng")), "{page}");
        assert!(page.contains(&format!("<code>#{private} · dang-uy-xa-mau-son/MH-02</code>")), "{page}");

        // site search: the record with its own label and link, and its kind filter
        let (_, _, page) = send(&app, "GET", "/tim-kiem?q=truyen+day+danh+chieng", "", "").await;
        assert!(page.contains(&format!("<a href=\"/dan-van-kheo/{shown}\">Câu lạc bộ cồng chiêng</a>")) && page.contains("Mô hình, điển hình “Dân vận khéo” · văn hóa - xã hội · Đảng ủy xã Mẫu Sơn · 2023"), "{page}");
        assert!(page.contains("<option value=\"mo-hinh\">Mô hình, điển hình</option>"), "{page}");
        let (_, _, page) = send(&app, "GET", "/tim-kiem?q=truyen+day+danh+chieng&loai=mo-hinh", "", "").await;
        assert!(page.contains(&format!("/dan-van-kheo/{shown}")) && page.contains("<option value=\"mo-hinh\" selected>"), "{page}");
        let (_, _, page) = send(&app, "GET", "/tim-kiem?q=truyen+day+danh+chieng&loai=bai-viet", "", "").await;
        assert!(!page.contains(&format!("/dan-van-kheo/{shown}")), "{l}");
        let (_, _, page) = send(&app, "GET", "/tim-kiem?q=Kin+Dao", "", "").await;
        assert!(!page.contains("/dan-van-kheo/"), "{l}: never by a person's name");

        // "Bỏ" unlinks, in the save
        let version = s.articles().article_for_edit(id).await.unwrap().unwrap().version;
        let save = format!("csrf={csrf}&version={version}&title={}&body_html={}&org_unit_id={unit}&models_add=&model_remove={shown}", enc("Tiếng chiêng ngân vang"), enc("<p>Thanh niên học đánh chiêng.</p>"));
        let (status, _, _) = send(&app, "POST", &editor, &cookie, &save).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{l}");
        let (_, _, page) = send(&app, "GET", &format!("/bai-viet/{slug}"), "", "").await;
        assert!(!page.contains("Mô hình, điển hình liên quan") && !page.contains(&format!("/dan-van-kheo/{shown}")), "{l}");
        let (_, _, page) = send(&app, "GET", &format!("/dan-van-kheo/{shown}"), "", "").await;
        assert!(!page.contains("Bài viết về mô hình"), "{l}");
        let (_, _, page) = send(&app, "GET", &editor, &cookie, "").await;
        assert!(!page.contains(&format!("name=\"model_remove\" value=\"{shown}\"")) && page.contains(&format!("#{private} Tủ sách nội bộ")), "{l}");
    }
}
