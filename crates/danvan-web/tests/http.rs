//! HTTP suite: in-process requests against the router, on SQLite and (with
//! DANVAN_TEST_POSTGRES_URL) PostgreSQL. Asserts status, headers and content
//! of every public page, the rating rules and the reader controls.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use danvan_store::{ImportOptions, ImportOutcome, bootstrap_site};
use danvan_testing::{TestDb, backend_tests};
use danvan_web::{WebConfig, router, state};
use http_body_util::BodyExt;
use tower::ServiceExt;

const SEED: &str = "../../../shared/seeds/000_717bb114bfc50511.txt";
const SEED_PATH: &str = "/bai-viet/phat-huy-hieu-qua-tu-phong-trao-thi-dua-dan-van-kheo-tren-dia-ban-huyen-kon-ray";

struct Answer {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
}

impl Answer {
    fn header(&self, name: &str) -> &str {
        self.headers.get(name).map(|v| v.to_str().unwrap()).unwrap_or("")
    }
    fn cookies(&self) -> Vec<String> {
        self.headers.get_all(header::SET_COOKIE).iter().map(|v| v.to_str().unwrap().to_owned()).collect()
    }
    /// `name=value` of a Set-Cookie.
    fn cookie_pair(&self, name: &str) -> Option<String> {
        self.cookies().into_iter().find(|c| c.starts_with(&format!("{name}="))).map(|c| c.split(';').next().unwrap().to_owned())
    }
}

async fn send(app: &Router, req: Request<Body>) -> Answer {
    let r = app.clone().oneshot(req).await.unwrap();
    let status = r.status();
    let headers = r.headers().clone();
    let body = String::from_utf8(r.into_body().collect().await.unwrap().to_bytes().to_vec()).unwrap();
    Answer { status, headers, body }
}

async fn get(app: &Router, uri: &str, cookie: &str) -> Answer {
    let mut b = Request::get(uri).header(header::USER_AGENT, "test-agent");
    if !cookie.is_empty() {
        b = b.header(header::COOKIE, cookie);
    }
    send(app, b.body(Body::empty()).unwrap()).await
}

async fn post(app: &Router, uri: &str, cookie: &str, form: &str, json: bool, agent: &str) -> Answer {
    let mut b = Request::post(uri)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::USER_AGENT, agent);
    if !cookie.is_empty() {
        b = b.header(header::COOKIE, cookie);
    }
    if json {
        b = b.header(header::ACCEPT, "application/json");
    }
    send(app, b.body(Body::from(form.to_owned())).unwrap()).await
}

/// A site with the samples and the seed imported.
async fn app_for(db: &TestDb) -> Router {
    bootstrap_site(&db.store, true).await.unwrap();
    db.store.glossary().ensure_glossary(danvan_text::abbrev::DEFAULT_GLOSSARY).await.unwrap();
    let a = danvan_import::parse(&std::fs::read(SEED).unwrap()).unwrap();
    let out = db.store.imports().import_article(&a, &ImportOptions::default()).await.unwrap();
    assert!(matches!(out, ImportOutcome::Imported { .. }));
    router(state(db.store.clone(), WebConfig::default()).unwrap())
}

/// The text of the first element whose opening tag contains `marker`, up to
/// its closing `</tag>` (enough for the flat elements asserted here).
fn element_text<'a>(html: &'a str, marker: &str, tag: &str) -> &'a str {
    let start = html.find(marker).unwrap_or_else(|| panic!("{marker} not in page"));
    let open_end = start + html[start..].find('>').unwrap() + 1;
    let close = open_end + html[open_end..].find(&format!("</{tag}>")).unwrap();
    &html[open_end..close]
}

/// The text between two markers.
fn between<'a>(html: &'a str, from: &str, to: &str) -> &'a str {
    let start = html.find(from).unwrap_or_else(|| panic!("{from} not in page"));
    let end = start + html[start..].find(to).unwrap_or_else(|| panic!("{to} not after {from}"));
    &html[start..end]
}

/// The rating form's token on an article page, which sets no cookie.
fn rating_token(page: &Answer) -> String {
    assert!(page.cookies().is_empty(), "an anonymous article page sets no cookie: {:?}", page.cookies());
    let at = page.body.find("name=\"csrf\" value=\"").unwrap() + "name=\"csrf\" value=\"".len();
    page.body[at..at + 64].to_owned()
}

/// A form post as a browser on another site would send it.
async fn post_from_elsewhere(app: &Router, uri: &str, form: &str, fetch_site: Option<&str>) -> Answer {
    let mut b = Request::post(uri)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::USER_AGENT, "agent-x")
        .header(header::ORIGIN, "https://evil.example");
    if let Some(site) = fetch_site {
        b = b.header("sec-fetch-site", site);
    }
    send(app, b.body(Body::from(form.to_owned())).unwrap()).await
}

backend_tests! {
    async fn reader_opens_the_home_page_of_the_sample_site(db: TestDb) {
        let app = app_for(&db).await;
        let r = get(&app, "/", "").await;
        assert_eq!(r.status, StatusCode::OK, "{}", db.label);
        assert_eq!(r.header("content-type"), "text/html; charset=utf-8");
        let csp = r.header("content-security-policy");
        assert!(csp.contains("default-src 'none'") && csp.contains("script-src 'self'") && !csp.contains("unsafe"), "{csp}");
        assert_eq!(r.header("x-content-type-options"), "nosniff");
        let b = &r.body;
        assert!(b.starts_with("<!doctype html>\n<html lang=\"vi\""));
        assert_eq!(b.matches("<h1").count(), 1);
        assert!(b.contains("<a class=\"skip-link\" href=\"#noi-dung\">Bỏ qua, đến nội dung chính</a>"));
        assert!(b.contains("<main id=\"noi-dung\""));
        assert!(b.contains("Dữ liệu mẫu"), "samples are marked");
        assert!(b.contains("Phát huy hiệu quả từ phong trào thi đua Dân vận khéo trên địa bàn huyện Kon Rẫy"));
        assert!(b.contains("Mô hình “Tổ tự quản đường làng sáng – xanh – sạch” lan tỏa ở thôn Đồng Mẫu"));
        assert!(b.contains("/chuyen-muc/dan-van-kheo"));
        assert!(b.contains("<video") && b.contains("<track kind=\"captions\"") && b.contains("poster="));
        assert!(b.contains("Ủy ban Mặt trận Tổ quốc Việt Nam xã Mẫu Sơn"), "organisation tree");
        assert!(b.contains("banbientap@example.vn"), "contact details");
    }

    async fn reader_reads_the_seed_as_its_portal_showed_it(db: TestDb) {
        let app = app_for(&db).await;
        let r = get(&app, SEED_PATH, "").await;
        assert_eq!(r.status, StatusCode::OK, "{}", db.label);
        let b = &r.body;
        assert_eq!(element_text(b, "class=\"article__title\"", "h1"), "Phát huy hiệu quả từ phong trào thi đua Dân vận khéo trên địa bàn huyện Kon Rẫy");
        let body = between(b, "class=\"article__body\"", "class=\"article__byline\"");
        assert_eq!(body.matches("<p>").count(), 9);
        assert_eq!(body.matches("<figcaption").count(), 2);
        assert_eq!(body.matches("article-figure__placeholder").count(), 2, "missing photos show a placeholder");
        assert!(body.contains("c Đinh Thị Mỹ Hảo – <abbr title=\"Phó Bí thư\">PBT</abbr> Thường trực Huyện ủy làm việc với Đảng ủy xã Đăk Pne"), "{body}");
        for chrome in ["• :", "A- A A+", "Tổng số điểm", "Click để đánh giá", "Bài viết liên quan", "Video Clip"] {
            assert!(!body.contains(chrome), "{chrome} inside the article body");
        }
        assert_eq!(element_text(b, "class=\"article__byline\"", "p"), "Bài, ảnh: Nguyễn Thị Qúy");
        assert_eq!(element_text(b, "id=\"rating-summary\"", "p"), "Tổng số điểm của bài viết là: 0 trong 0 đánh giá");
        assert!(b.contains("<legend class=\"article-rating__prompt\">Click để đánh giá bài viết</legend>"));
        assert_eq!(b.matches("name=\"diem\"").count(), 5);
        assert!(b.contains("<h2 id=\"related-heading\" class=\"section-title\">Bài viết liên quan</h2>"));
        assert!(b.contains("Xã Mẫu Sơn tổ chức hội nghị đối thoại"), "related: same category");
        assert!(!element_text(b, "class=\"related__list\"", "ul").contains("Đường làng"), "other categories are not related");
        assert!(b.contains("<h2 id=\"video-heading\" class=\"section-title\">Video Clip</h2>"));
        assert!(b.contains("<nav class=\"breadcrumb\""));
        assert!(b.contains("href=\"/chuyen-muc/tin-tuc-su-kien\">Tin tức - Sự kiện</a></li>"));
        assert!(b.contains("<time datetime=\""));
        assert!(b.contains("Tăng tương phản") && b.contains("Giảm tương phản") && b.contains(">A+<"));
        assert_eq!(b.matches("<h1").count(), 1);
        // first use of each glossary abbreviation is explained, once
        assert_eq!(body.matches("<abbr title=\"dân tộc thiểu số\">DTTS</abbr>").count(), 1, "{body}");
        assert_eq!(body.matches("<abbr title=\"Cuộc vận động\">CVĐ</abbr>").count(), 1);
        // a page any reader may be given: a shared cache can keep it
        assert!(r.cookies().is_empty(), "{:?}", r.cookies());
        assert_eq!(r.header("cache-control"), "public, max-age=60, stale-while-revalidate=600");
        assert_eq!(r.header("vary"), "Cookie");
    }

    async fn rating_once_per_visitor(db: TestDb) {
        let app = app_for(&db).await;
        let page = get(&app, SEED_PATH, "").await;
        let token = rating_token(&page);
        let cookie = "";
        let url = format!("{SEED_PATH}/danh-gia");

        // without the token, with another article's, or from another site: refused, nothing changes
        let r = post(&app, &url, cookie, "diem=5", true, "agent-a").await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", db.label);
        assert!(r.body.contains("\"code\":\"csrf.invalid\""));
        let related = between(&page.body, "class=\"related__list\"", "</ul>");
        let at = related.find("href=\"").unwrap() + "href=\"".len();
        let other_path = &related[at..at + related[at..].find('"').unwrap()];
        let other = rating_token(&get(&app, other_path, "").await);
        assert_ne!(other, token);
        let r = post(&app, &url, cookie, &format!("diem=5&csrf={other}"), true, "agent-a").await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "another article's token");
        for fetch_site in [Some("cross-site"), Some("same-site"), None] {
            let r = post_from_elsewhere(&app, &url, &format!("diem=5&csrf={token}"), fetch_site).await;
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{fetch_site:?}");
            assert!(r.body.contains("Biểu mẫu đã hết hạn"), "Vietnamese error page");
        }

        // out of range
        let r = post(&app, &url, cookie, &format!("diem=7&csrf={token}"), true, "agent-a").await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("rating.invalid_score"));

        // first vote (JSON, as the page script sends it)
        let r = post(&app, &url, cookie, &format!("diem=5&csrf={token}"), true, "agent-a").await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
        assert_eq!(v["sum"], 5);
        assert_eq!(v["count"], 1);
        assert_eq!(v["summary"], "Tổng số điểm của bài viết là: 5 trong 1 đánh giá");
        let visitor = r.cookie_pair("dv_vid").expect("visitor cookie");
        let both = visitor.clone();
        let shown = get(&app, SEED_PATH, &both).await;
        assert_eq!(element_text(&shown.body, "id=\"rating-summary\"", "p"), "Tổng số điểm của bài viết là: 5 trong 1 đánh giá");

        // second vote, same visitor cookie (even with another browser string): refused
        let r = post(&app, &url, &both, &format!("diem=1&csrf={token}"), true, "agent-b").await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
        assert_eq!(v["code"], "rating.already_voted");
        assert_eq!(v["summary"], "Tổng số điểm của bài viết là: 5 trong 1 đánh giá");
        // the same visitor with the form and no JavaScript: refused, and told so
        let r = post(&app, &url, &both, &format!("diem=1&csrf={token}"), false, "agent-a").await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(r.header("location"), format!("{SEED_PATH}?danh-gia=trung#danh-gia"));
        let shown = get(&app, &format!("{SEED_PATH}?danh-gia=trung"), &both).await;
        assert_eq!(element_text(&shown.body, "id=\"rating-summary\"", "p"), "Tổng số điểm của bài viết là: 5 trong 1 đánh giá");
        assert!(element_text(&shown.body, "id=\"rating-message\"", "p").contains("Bạn đã đánh giá bài viết này rồi"));

        // a fresh visitor from the same address and browser (an office, a
        // school): counted, never told they already voted
        let r = post(&app, &url, cookie, &format!("diem=1&csrf={token}"), false, "agent-a").await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(r.header("location"), format!("{SEED_PATH}?danh-gia=ok#danh-gia"));

        // another visitor, with the form and no JavaScript
        let r = post(&app, &url, cookie, &format!("diem=3&csrf={token}"), false, "agent-c").await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(r.header("location"), format!("{SEED_PATH}?danh-gia=ok#danh-gia"));
        let shown = get(&app, &format!("{SEED_PATH}?danh-gia=ok"), cookie).await;
        assert_eq!(element_text(&shown.body, "id=\"rating-summary\"", "p"), "Tổng số điểm của bài viết là: 9 trong 3 đánh giá");
        assert!(element_text(&shown.body, "id=\"rating-message\"", "p").contains("Cảm ơn"));

        // unknown article
        let r = post(&app, "/bai-viet/khong-co/danh-gia", cookie, &format!("diem=3&csrf={token}"), true, "agent-d").await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
    }

    async fn reader_enlarges_text_and_raises_contrast_then_goes_back(db: TestDb) {
        let app = app_for(&db).await;
        let r = get(&app, &format!("/tuy-chon?co-chu=larger&quay-lai={SEED_PATH}"), "").await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(r.header("location"), SEED_PATH);
        assert_eq!(r.cookie_pair("dv_text").unwrap(), "dv_text=1");
        assert!(r.cookies()[0].contains("SameSite=Lax"));
        let r = get(&app, "/tuy-chon?co-chu=larger&quay-lai=/", "dv_text=4").await;
        assert_eq!(r.cookie_pair("dv_text").unwrap(), "dv_text=4", "200 % is the largest");
        let r = get(&app, "/tuy-chon?co-chu=smaller", "dv_text=0").await;
        assert_eq!(r.cookie_pair("dv_text").unwrap(), "dv_text=0");
        let r = get(&app, "/tuy-chon?co-chu=reset", "dv_text=3").await;
        assert_eq!(r.cookie_pair("dv_text").unwrap(), "dv_text=0");
        let r = get(&app, "/tuy-chon?tuong-phan=cao&quay-lai=//evil.example/x", "").await;
        assert_eq!(r.header("location"), "/", "no open redirect");
        assert_eq!(r.cookie_pair("dv_contrast").unwrap(), "dv_contrast=1");
        for (cookie, class) in [("dv_text=4; dv_contrast=1", "class=\"text-4 contrast-high\""), ("", "class=\"text-0\"")] {
            for path in ["/", SEED_PATH, "/chuyen-muc/dan-van-kheo"] {
                let r = get(&app, path, cookie).await;
                assert!(r.body.contains(class), "{path} with {cookie:?} lacks {class}");
            }
        }
        let r = get(&app, SEED_PATH, "dv_text=2").await;
        assert!(r.body.contains("Cỡ chữ hiện tại: 150%"));
    }

    async fn reader_browses_a_category_prints_an_article_and_meets_not_found(db: TestDb) {
        let app = app_for(&db).await;
        let r = get(&app, "/chuyen-muc/tin-tuc-su-kien", "").await;
        assert_eq!(r.status, StatusCode::OK, "{}", db.label);
        assert_eq!(element_text(&r.body, "class=\"page-title\"", "h1"), "Tin tức - Sự kiện");
        assert!(r.body.contains(SEED_PATH));
        assert!(!r.body.contains("class=\"pagination\""), "one page only");
        for bad in [
            "/chuyen-muc/tin-tuc-su-kien?trang=2",
            "/chuyen-muc/tin-tuc-su-kien?trang=0",
            "/chuyen-muc/tin-tuc-su-kien?trang=abc",
            "/chuyen-muc/tin-tuc-su-kien?trang=9223372036854775807",
            "/sitemap/bai-viet/76553987905894641.xml",
        ] {
            assert_eq!(get(&app, bad, "").await.status, StatusCode::NOT_FOUND, "{bad}");
        }
        let r = get(&app, "/chuyen-muc/khong-co", "").await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        assert!(r.body.contains("Không tìm thấy chuyên mục."));

        let r = get(&app, &format!("{SEED_PATH}/in"), "").await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.body.contains("Bài, ảnh: Nguyễn Thị Qúy"));
        assert_eq!(r.body.matches("<figcaption").count(), 2);
        assert!(!r.body.contains("article-rating__form"), "no rating form in print");
        assert_eq!(r.body.matches("<h1").count(), 1);

        let r = get(&app, "/khong-co-trang-nay", "").await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        assert!(r.body.contains("<html lang=\"vi\""));
        assert!(r.body.contains("Không tìm thấy trang"));
        assert!(r.body.contains("/chuyen-muc/dan-van-kheo"), "404 offers the sections");
        assert!(r.header("content-security-policy").contains("default-src 'none'"));
        assert_eq!(get(&app, "/bai-viet/khong-co", "").await.status, StatusCode::NOT_FOUND);
    }

    async fn reader_sees_a_calm_page_when_the_database_fails(db: TestDb) {
        bootstrap_site(&db.store, true).await.unwrap();
        let app = router(state(db.store.clone(), WebConfig::default()).unwrap());
        db.store.clone().close().await; // the database goes away
        let r = get(&app, "/", "").await;
        assert_eq!(r.status, StatusCode::INTERNAL_SERVER_ERROR);
        assert!(r.body.contains("Hệ thống đang gặp sự cố"), "{}", r.body);
        assert!(r.body.contains("Mã tham chiếu"));
        assert!(!r.body.to_lowercase().contains("pool") && !r.body.contains("sqlite") && !r.body.contains("postgres"), "no internals shown");
    }

    async fn browser_caches_static_assets_under_hashed_names(db: TestDb) {
        let app = app_for(&db).await;
        let page = get(&app, "/", "").await;
        let at = page.body.find("/static/site.").unwrap();
        let end = at + page.body[at..].find('"').unwrap();
        let url = &page.body[at..end];
        assert!(url.ends_with(".css") && url.len() > "/static/site..css".len() + 8, "{url}");
        let r = get(&app, url, "").await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(r.header("content-type"), "text/css; charset=utf-8");
        assert_eq!(r.header("cache-control"), "public, max-age=31536000, immutable");
        assert!(r.body.contains("html.text-4 { font-size: 200%; }"));
        let r = get(&app, "/static/sample/video-mau.vi.vtt", "").await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.body.starts_with("WEBVTT"));
        assert_eq!(get(&app, "/static/khong-co.css", "").await.status, StatusCode::NOT_FOUND);
        assert_eq!(get(&app, "/static/../Cargo.toml", "").await.status, StatusCode::NOT_FOUND);
    }
}

#[test]
fn every_template_message_is_in_the_catalogue() {
    let mut checked = 0;
    for name in danvan_web::Templates::embedded_names() {
        let src = danvan_web::Templates::embedded_source(&name).unwrap();
        for quote in ['"', '\''] {
            let open = format!("t({quote}");
            let mut rest = src.as_str();
            while let Some(i) = rest.find(&open) {
                let word_start = i == 0 || !rest.as_bytes()[i - 1].is_ascii_alphanumeric();
                rest = &rest[i + open.len()..];
                if !word_start {
                    continue;
                }
                let key = &rest[..rest.find(quote).unwrap()];
                assert!(danvan_domain::messages::has(key), "{name}: unknown message key {key:?}");
                checked += 1;
            }
        }
    }
    assert!(checked > 40, "only {checked} keys found");
}

backend_tests! {
    async fn reader_searches_and_is_helped_when_nothing_matches(db: TestDb) {
        let app = app_for(&db).await;
        db.store.glossary().put_glossary(&[("DTTS", "dân tộc thiểu số")]).await.unwrap();
        let r = get(&app, "/tim-kiem?q=dan+van+kheo+kon+ray", "").await;
        assert_eq!(r.status, StatusCode::OK, "{}", db.label);
        assert_eq!(r.body.matches("<h1").count(), 1);
        assert!(r.body.contains("Tìm thấy 1 kết quả cho “dan van kheo kon ray”"), "{}", db.label);
        assert!(r.body.contains(&format!("href=\"{SEED_PATH}\"")));
        assert!(r.body.contains("<mark>"), "highlighted snippet");
        let r = get(&app, "/tim-kiem?q=%C4%91%E1%BB%93ng+b%C3%A0o+d%C3%A2n+t%E1%BB%99c+thi%E1%BB%83u+s%E1%BB%91", "").await;
        assert!(r.body.contains("Tìm thấy 1 kết quả"), "DTTS expanded");
        let r = get(&app, "/tim-kiem?q=%22c%E1%BB%93ng+chi%C3%AAng%22", "").await;
        assert!(r.body.contains("Không tìm thấy kết quả nào cho “&quot;cồng chiêng&quot;”."), "{}", r.body);
        assert!(r.body.contains("href=\"/tim-kiem?q=%22cong%20chieng%22\""), "suggests the folded spelling");
        assert!(r.body.contains("/chuyen-muc/dan-van-kheo"), "offers the sections");
        let r = get(&app, "/tim-kiem?q=d%C3%A2n&tu=25-07-2023", "").await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("aria-invalid=\"true\"") && r.body.contains("Ngày không hợp lệ"));
        let r = get(&app, "/tim-kiem", "").await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.body.contains("Nhập từ khóa để tìm bài viết."));
    }

    async fn reader_searches_for_documents_by_number_and_words(db: TestDb) {
        use danvan_docref::{DocNumber, DocType};
        use danvan_domain::documents::DocStatus;
        let app = app_for(&db).await;
        let l = db.label;
        let plan = db
            .store
            .documents()
            .add_document(&danvan_store::NewDocument {
                number: DocNumber::parse("136-KH/HU").unwrap(),
                doc_type: DocType::KeHoach,
                issuer_name: "Ban Thường vụ Huyện ủy".into(),
                signer: None,
                issued_on: chrono::NaiveDate::from_ymd_opt(2023, 7, 25),
                effective_on: None,
                summary: "Thực hiện phong trào thi đua “Dân vận khéo” giai đoạn 2023 - 2025".into(),
                status: DocStatus::InForce,
            })
            .await
            .unwrap();
        let link = format!("<a href=\"/van-ban/{}\">Kế hoạch 136-KH/HU</a>", plan.slug);

        let r = get(&app, "/tim-kiem?q=ke+hoach+dan+van+kheo&loai=van-ban", "").await;
        assert_eq!(r.status, StatusCode::OK, "{l}");
        assert!(r.body.contains("Tìm thấy 1 kết quả cho “ke hoach dan van kheo”"), "{l}: {}", r.body);
        assert!(r.body.contains(&link), "{l}: type and number link to the document");
        assert!(r.body.contains("<time datetime=\"2023-07-25\">25/07/2023</time>"), "{l}: date of issue");
        assert!(r.body.contains("<mark>Dân vận khéo</mark>"), "{l}: the summary, highlighted");
        assert!(r.body.contains("<label for=\"search-kind\">Loại</label>"), "{l}: labelled select");
        assert!(r.body.contains("<option value=\"van-ban\" selected>Văn bản</option>"), "{l}: keeps the choice");
        assert!(!r.body.contains(" style=") && !r.body.contains("<script>"), "{l}: nothing inline");

        // every spelling of the number; all kinds by default
        let r = get(&app, "/tim-kiem?q=136-KH%2FHU", "").await;
        assert!(r.body.contains(&link), "{l}: {}", r.body);
        let r = get(&app, "/tim-kiem?q=kh+136&loai=van-ban", "").await;
        assert!(r.body.contains(&link), "{l}");
        let r = get(&app, "/tim-kiem?q=136-KH%2FHU&loai=bai-viet", "").await;
        assert!(!r.body.contains(&link) && r.body.contains(&format!("href=\"{SEED_PATH}\"")), "{l}: articles only (the seed writes số136-KH/HU)");
        assert!(r.body.contains("<option value=\"bai-viet\" selected>Bài viết</option>"));
        let r = get(&app, "/tim-kiem?q=xyzzy&loai=bai-viet", "").await;
        assert!(r.body.contains("Không tìm thấy kết quả nào"), "{l}");
        assert!(r.body.contains("Tìm lại trong tất cả chuyên mục và mọi ngày"), "{l}: offers to search everything");
        // both kinds ranked together; a section leaves the documents out
        let r = get(&app, "/tim-kiem?q=dan+van+kheo", "").await;
        assert!(r.body.contains(&link) && r.body.contains("href=\"/bai-viet/"), "{l}");
        let r = get(&app, "/tim-kiem?q=dan+van+kheo&chuyen-muc=dan-van-kheo", "").await;
        assert!(!r.body.contains(&link) && r.body.contains("href=\"/bai-viet/"), "{l}");
    }

    async fn feed_readers_and_crawlers_get_feeds_sitemaps_and_json_ld(db: TestDb) {
        let app = app_for(&db).await;
        let r = get(&app, "/rss.xml", "").await;
        assert_eq!(r.status, StatusCode::OK, "{}", db.label);
        assert_eq!(r.header("content-type"), "application/rss+xml; charset=utf-8");
        let ch = rss::Channel::read_from(r.body.as_bytes()).expect("valid RSS 2.0");
        assert_eq!(ch.items.len(), 6, "5 samples and the seed");
        assert!(ch.items.iter().any(|i| i.link.as_deref() == Some(&*format!("http://127.0.0.1:8080{SEED_PATH}"))));
        let r = get(&app, "/atom.xml", "").await;
        let feed = atom_syndication::Feed::read_from(r.body.as_bytes()).expect("valid Atom");
        assert_eq!(feed.entries.len(), 6);
        assert_eq!(feed.lang.as_deref(), Some("vi"));
        let r = get(&app, "/chuyen-muc/dan-van-kheo/rss.xml", "").await;
        let ch = rss::Channel::read_from(r.body.as_bytes()).unwrap();
        assert_eq!(ch.items.len(), 2);
        let r = get(&app, "/chuyen-muc/dan-van-kheo/atom.xml", "").await;
        assert_eq!(atom_syndication::Feed::read_from(r.body.as_bytes()).unwrap().entries.len(), 2);
        assert_eq!(get(&app, "/chuyen-muc/khong-co/rss.xml", "").await.status, StatusCode::NOT_FOUND);

        let index = get(&app, "/sitemap.xml", "").await.body;
        assert!(index.contains("<loc>http://127.0.0.1:8080/sitemap/bai-viet/1.xml</loc>"), "{index}");
        let part = get(&app, "/sitemap/bai-viet/1.xml", "").await.body;
        assert_eq!(part.matches("<url>").count(), 6, "every published article");
        assert!(part.contains(SEED_PATH));
        assert!(get(&app, "/sitemap/trang.xml", "").await.body.contains("/chuyen-muc/van-ban-chi-dao"));
        assert_eq!(get(&app, "/sitemap/bai-viet/2.xml", "").await.status, StatusCode::NOT_FOUND);
        assert!(get(&app, "/robots.txt", "").await.body.contains("Sitemap: http://127.0.0.1:8080/sitemap.xml"));

        // rate, then read the JSON-LD
        let page = get(&app, SEED_PATH, "").await;
        let token = rating_token(&page);
        post(&app, &format!("{SEED_PATH}/danh-gia"), "", &format!("diem=4&csrf={token}"), true, "ld").await;
        let page = get(&app, SEED_PATH, "").await;
        assert!(page.body.contains(&format!("<link rel=\"canonical\" href=\"http://127.0.0.1:8080{SEED_PATH}\">")));
        assert!(page.body.contains("<meta property=\"og:type\" content=\"article\">"));
        let ld = element_text(&page.body, "type=\"application/ld+json\"", "script");
        let v: serde_json::Value = serde_json::from_str(ld).expect("JSON-LD parses");
        assert_eq!(v["@type"], "NewsArticle");
        assert_eq!(v["headline"], "Phát huy hiệu quả từ phong trào thi đua Dân vận khéo trên địa bàn huyện Kon Rẫy");
        assert_eq!(v["author"]["name"], "Nguyễn Thị Qúy");
        assert_eq!(v["aggregateRating"]["ratingValue"], 4.0);
        assert_eq!(v["aggregateRating"]["ratingCount"], 1);
    }

    async fn reader_follows_a_citation_to_its_document_and_downloads_the_file(db: TestDb) {
        use danvan_docref::{DocNumber, DocType};
        use danvan_domain::documents::{DocStatus, RelationKind};
        let s = db.store.clone();
        bootstrap_site(&s, true).await.unwrap();
        let dir = std::env::temp_dir().join(format!("danvan-web-files-{}-{}", std::process::id(), db.label));
        let files = danvan_store::FileStore::local(&dir).unwrap();
        let seed = danvan_import::parse(&std::fs::read(SEED).unwrap()).unwrap();
        s.imports().import_article(&seed, &ImportOptions::default()).await.unwrap();
        let mut docs = Vec::new();
        for (n, t, y, m, d) in [
            ("136-KH/HU", DocType::KeHoach, 2023, 7, 25),
            ("18-CT/TU", DocType::ChiThi, 2023, 6, 21),
            ("62-CTr/HU", DocType::ChuongTrinh, 2013, 10, 8),
            ("25-NQ/TW", DocType::NghiQuyet, 2013, 6, 3),
            ("217-QĐ/TW", DocType::QuyetDinh, 2013, 12, 12),
            ("218-QĐ/TW", DocType::QuyetDinh, 2013, 12, 12),
        ] {
            docs.push(
                s.documents().add_document(&danvan_store::NewDocument {
                    number: DocNumber::parse(n).unwrap(),
                    doc_type: t,
                    issuer_name: "Cơ quan ban hành".into(),
                    signer: Some("Người ký".into()),
                    issued_on: chrono::NaiveDate::from_ymd_opt(y, m, d),
                    effective_on: None,
                    summary: format!("Trích yếu của văn bản {n}"),
                    status: DocStatus::InForce,
                })
                .await
                .unwrap(),
            );
        }
        s.documents().relate_documents(docs[0].id, docs[1].id, RelationKind::Implements).await.unwrap();
        let file = s.documents().attach_document_file(&files, docs[0].id, "Kế hoạch 136.pdf", b"%PDF-1.4\n%%EOF\n".to_vec()).await.unwrap();
        let config = WebConfig { files: Some(files), ..WebConfig::default() };
        let app = router(state(s.clone(), config).unwrap());

        let page = get(&app, SEED_PATH, "").await;
        let body = between(&page.body, "class=\"article__body\"", "class=\"article__byline\"");
        assert_eq!(body.matches("<a class=\"doc-ref\"").count(), 6, "{}: {body}", db.label);
        assert!(body.contains(&format!("<a class=\"doc-ref\" href=\"/van-ban/{}\">Kế hoạch số136-KH/", docs[0].slug)), "{body}");
        assert!(body.contains("ngày 25/7/2023</a>"));

        let r = get(&app, &format!("/van-ban/{}", docs[0].slug), "").await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(element_text(&r.body, "class=\"page-title\"", "h1"), "Kế hoạch số 136-KH/HU");
        assert!(r.body.contains(&format!("href=\"{SEED_PATH}\"")), "lists the citing article");
        assert!(r.body.contains("Thực hiện: <a href=\"/van-ban/"), "relation");
        assert!(r.body.contains("25/07/2023"));
        let r = get(&app, &format!("/van-ban/{}", docs[1].slug), "").await;
        assert!(r.body.contains("Được thực hiện bởi"), "relation seen from the other side");

        let r = get(&app, &format!("/van-ban/{}/tep/{}", docs[0].slug, file.id), "").await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(r.header("content-type"), "application/pdf");
        assert_eq!(r.header("content-disposition"), "attachment; filename=\"ke-hoach-136.pdf\"; filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%20136.pdf");
        assert_eq!(r.body, "%PDF-1.4\n%%EOF\n");
        assert_eq!(get(&app, &format!("/van-ban/{}/tep/{}", docs[1].slug, file.id), "").await.status, StatusCode::NOT_FOUND);

        let r = get(&app, "/van-ban?q=KH+136", "").await;
        assert!(r.body.contains("1 văn bản") && r.body.contains(">136-KH/HU</a>"), "{}", r.body);
        let r = get(&app, "/van-ban?nam=2013&loai=quyet-dinh", "").await;
        assert!(r.body.contains("2 văn bản"));
        let r = get(&app, "/van-ban?q=khong+co+gi", "").await;
        assert!(r.body.contains("Không có văn bản nào phù hợp."));
        let r = get(&app, "/van-ban/khong-co", "").await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        assert!(r.body.contains("Không tìm thấy văn bản."));
        let _ = std::fs::remove_dir_all(dir);
    }
}
