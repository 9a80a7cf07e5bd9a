//! The back office through the router, on SQLite and (with
//! DANVAN_TEST_POSTGRES_URL) PostgreSQL: sign-in and its cookie flags, CSRF
//! on every form, redirects for missing sessions, drafts staying private.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use danvan_store::bootstrap_site;
use danvan_testing::{TestDb, backend_tests};
use danvan_web::{WebConfig, router, state};
use http_body_util::BodyExt;
use tower::ServiceExt;

struct Answer {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
}

impl Answer {
    fn header(&self, name: &str) -> &str {
        self.headers.get(name).map(|v| v.to_str().unwrap()).unwrap_or("")
    }
    fn set_cookie(&self, name: &str) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .find(|c| c.starts_with(&format!("{name}=")))
    }
}

async fn send(app: &Router, method: &str, uri: &str, cookie: &str, form: &str) -> Answer {
    let mut b = Request::builder().method(method).uri(uri).header(header::USER_AGENT, "test");
    if !cookie.is_empty() {
        b = b.header(header::COOKIE, cookie);
    }
    if method == "POST" {
        b = b.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    }
    let r = app.clone().oneshot(b.body(Body::from(form.to_owned())).unwrap()).await.unwrap();
    let status = r.status();
    let headers = r.headers().clone();
    let body = String::from_utf8(r.into_body().collect().await.unwrap().to_bytes().to_vec()).unwrap();
    Answer { status, headers, body }
}

fn csrf_in(html: &str) -> String {
    let i = html.find("name=\"csrf\" value=\"").expect("csrf field") + "name=\"csrf\" value=\"".len();
    html[i..i + 64].to_owned()
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

backend_tests! {
    async fn editor_signs_in_writes_a_private_draft_and_signs_out(db: TestDb) {
        let site = bootstrap_site(&db.store, true).await.unwrap().unwrap();
        let config = WebConfig { secure_cookies: true, ..WebConfig::default() };
        let app = router(state(db.store.clone(), config).unwrap());

        // No session: pages send to the sign-in page, forms are refused.
        let r = send(&app, "GET", "/quan-tri/bai-viet/moi", "", "").await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", db.label);
        assert_eq!(r.header("location"), "/quan-tri/dang-nhap?tiep=/quan-tri/bai-viet/moi");
        assert_eq!(send(&app, "POST", "/quan-tri/bai-viet", "", "title=x").await.status, StatusCode::UNAUTHORIZED);

        let page = send(&app, "GET", "/quan-tri/dang-nhap", "", "").await;
        assert_eq!(page.status, StatusCode::OK);
        assert_eq!(page.header("cache-control"), "no-store");
        assert!(page.header("content-security-policy").contains("script-src 'self'"));
        let csrf_cookie = page.set_cookie("dv_csrf").expect("csrf cookie");
        assert!(csrf_cookie.contains("Secure") && csrf_cookie.contains("HttpOnly"), "{csrf_cookie}");
        let token = csrf_in(&page.body);
        let cookie = format!("dv_csrf={token}");

        // Sign-in without the token: 403; wrong password: 401 with the message.
        let form = format!("username=admin&password={}", enc(&site.admin_password));
        assert_eq!(send(&app, "POST", "/quan-tri/dang-nhap", &cookie, &form).await.status, StatusCode::FORBIDDEN);
        let wrong = send(&app, "POST", "/quan-tri/dang-nhap", &cookie, &format!("csrf={token}&username=admin&password=sai")).await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
        assert!(wrong.body.contains("Tên đăng nhập hoặc mật khẩu không đúng."), "{}", db.label);
        assert!(wrong.set_cookie("dv_session").is_none());

        let ok = send(&app, "POST", "/quan-tri/dang-nhap", &cookie, &format!("csrf={token}&{form}&next=%2F%2Fevil.example")).await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER);
        assert_eq!(ok.header("location"), "/quan-tri", "no open redirect");
        let session = ok.set_cookie("dv_session").expect("session cookie");
        for flag in ["HttpOnly", "SameSite=Lax", "Secure", "Path=/quan-tri"] {
            assert!(session.contains(flag), "{flag} missing in {session}");
        }
        let sc = session.split(';').next().unwrap().to_owned();

        // A draft: without the form token nothing is created.
        let new = send(&app, "GET", "/quan-tri/bai-viet/moi", &sc, "").await;
        assert_eq!(new.status, StatusCode::OK, "{}", new.body);
        let form_token = csrf_in(&new.body);
        let body = format!("title={}&body_html={}", enc("Bài nháp riêng tư"), enc("<p>Nội dung <script>x</script></p>"));
        assert_eq!(send(&app, "POST", "/quan-tri/bai-viet", &sc, &body).await.status, StatusCode::FORBIDDEN);
        let bad = send(&app, "POST", "/quan-tri/bai-viet", &sc, &format!("csrf={}&{body}", "0".repeat(64))).await;
        assert_eq!(bad.status, StatusCode::FORBIDDEN);
        let admin = db.store.accounts().sign_in(&site.admin_username, &site.admin_password, "t", None, None).await.unwrap().actor;
        let (rows, _) = db.store.audit_log().entries(&admin, None, 1, 100).await.unwrap();
        assert!(rows.iter().all(|e| e.action != "article.create"), "nothing created, {}", db.label);
        let created = send(&app, "POST", "/quan-tri/bai-viet", &sc, &format!("csrf={form_token}&{body}")).await;
        assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
        let edit = created.header("location").split('?').next().unwrap().to_owned();
        let page = send(&app, "GET", &edit, &sc, "").await;
        assert!(page.body.contains("&lt;p&gt;Nội dung"), "{}", db.label);
        assert!(!page.body.contains("&lt;script"), "{}", db.label);
        // Drafts are not public.
        assert_eq!(send(&app, "GET", "/bai-viet/bai-nhap-rieng-tu", "", "").await.status, StatusCode::NOT_FOUND);

        // Empty title: the form comes back with the message and what was typed.
        let empty = send(&app, "POST", "/quan-tri/bai-viet", &sc, &format!("csrf={form_token}&title=&lead={}", enc("Sa pô giữ lại"))).await;
        assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(empty.body.contains("Bài viết cần có tiêu đề.") && empty.body.contains("Sa pô giữ lại"));

        // Sign out ends the session.
        let out = send(&app, "POST", "/quan-tri/dang-xuat", &sc, &format!("csrf={form_token}")).await;
        assert_eq!(out.status, StatusCode::SEE_OTHER);
        assert!(out.set_cookie("dv_session").unwrap().contains("Max-Age=0"));
        assert_eq!(send(&app, "GET", "/quan-tri", &sc, "").await.status, StatusCode::SEE_OTHER);
    }

    async fn reader_sees_responsive_figures_and_follows_a_tag_and_its_feeds(db: TestDb) {
        use danvan_domain::editorial::Transition;
        use danvan_store::{ArticleInput, FigureInput, MediaVariant, NewMedia};
        let site = bootstrap_site(&db.store, true).await.unwrap().unwrap();
        let s = &db.store;
        let admin = s.accounts().sign_in(&site.admin_username, &site.admin_password, "a", None, None).await.unwrap().actor;
        let v = |w: u32, f: &str| MediaVariant { width: w, height: w * 2 / 3, format: f.to_owned(), key: format!("2026/11/ab/{w}.{f}"), size: 10 };
        let photo = s
            .media()
            .add_media(
                &admin,
                NewMedia {
                    kind: "image",
                    mime_type: "image/jpeg",
                    storage_key: "2026/11/ab/800.jpg".to_owned(),
                    original_name: "anh.jpg".to_owned(),
                    size: 40,
                    width: Some(800),
                    height: Some(533),
                    alt: "Bà con dự hội nghị".to_owned(),
                    caption: "Quang cảnh".to_owned(),
                    credit: None,
                    variants: vec![v(480, "jpg"), v(800, "jpg"), v(480, "webp")],
                    sha256: "x".to_owned(),
                },
            )
            .await
            .unwrap();
        let id = s
            .articles()
            .create_article(
                &admin,
                ArticleInput {
                    title: "Bài có thẻ và ảnh".to_owned(),
                    body_html: "<p>Nội dung.</p>".to_owned(),
                    tags: vec!["Nông thôn mới".to_owned()],
                    featured_media_id: Some(photo.id),
                    figures: vec![FigureInput { media_id: Some(photo.id), alt: "Bà con dự hội nghị".to_owned(), caption: "Quang cảnh".to_owned(), credit: None }],
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        s.articles().transition_article(&admin, id, Transition::Publish, None, None).await.unwrap();
        let app = router(state(db.store.clone(), WebConfig::default()).unwrap());
        let page = send(&app, "GET", "/bai-viet/bai-co-the-va-anh", "", "").await;
        assert_eq!(page.status, StatusCode::OK, "{}", db.label);
        assert!(page.body.contains(r#"<source type="image/webp" srcset="/media/2026/11/ab/480.webp 480w" sizes="(min-width: 52rem) 48rem, 100vw">"#), "{}", db.label);
        assert!(page.body.contains(r#"srcset="/media/2026/11/ab/480.jpg 480w, /media/2026/11/ab/800.jpg 800w""#));
        assert!(page.body.contains(r#"width="800" height="533""#));
        assert!(page.body.contains(r#"<a href="/the/nong-thon-moi" rel="tag">Nông thôn mới</a>"#));
        assert!(page.body.contains(r#"<meta property="og:image" content="http://127.0.0.1:8080/media/2026/11/ab/800.jpg">"#));
        let tag = send(&app, "GET", "/the/nong-thon-moi", "", "").await;
        assert_eq!(tag.status, StatusCode::OK);
        assert!(tag.body.contains("Thẻ: Nông thôn mới") && tag.body.contains("/bai-viet/bai-co-the-va-anh"));
        assert_eq!(send(&app, "GET", "/the/khong-co", "", "").await.status, StatusCode::NOT_FOUND);
        let rss = send(&app, "GET", "/the/nong-thon-moi/rss.xml", "", "").await;
        let channel = rss::Channel::read_from(rss.body.as_bytes()).expect("valid RSS");
        assert_eq!(channel.items().len(), 1);
        assert_eq!(channel.items()[0].title(), Some("Bài có thẻ và ảnh"));
        let atom = send(&app, "GET", "/the/nong-thon-moi/atom.xml", "", "").await;
        let feed: atom_syndication::Feed = atom.body.parse().expect("valid Atom");
        assert_eq!(feed.entries().len(), 1);
    }

    async fn malformed_requests_get_the_site_error_page(db: TestDb) {
        bootstrap_site(&db.store, true).await.unwrap();
        let app = router(state(db.store.clone(), WebConfig { rating_limit_per_minute: 1, ..WebConfig::default() }).unwrap());
        // A path that is not UTF-8.
        let r = send(&app, "GET", "/bai-viet/%FF%FE", "", "").await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(r.header("content-type").starts_with("text/html"), "{}", r.header("content-type"));
        assert!(r.body.contains("<!doctype html>") && r.body.contains("lang=\"vi\""), "{}", r.body);
        // A form post whose body is not a form.
        let mut b = Request::post("/bai-viet/khong-co/danh-gia").header(header::CONTENT_TYPE, "text/plain");
        b = b.header(header::USER_AGENT, "t");
        let resp = app.clone().oneshot(b.body(Body::from("diem=5")).unwrap()).await.unwrap();
        assert_eq!(resp.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
        assert!(resp.headers()[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/html"));
        // NUL bytes in a search are refused at the door, not echoed.
        let s = send(&app, "GET", "/tim-kiem?q=d%C3%A2n%00v%E1%BA%ADn", "", "").await;
        assert_eq!(s.status, StatusCode::BAD_REQUEST);
        assert!(s.body.contains("ký tự điều khiển"), "{}", s.body);
        assert!(!s.body.contains('\0'));
    }

    async fn new_user_chooses_a_password_first_and_hostile_input_stays_inert(db: TestDb) {
        use danvan_domain::editorial::{Grant, Role, Transition};
        use danvan_store::{ArticleInput, NewUser};
        let site = bootstrap_site(&db.store, true).await.unwrap().unwrap();
        let s = &db.store;
        let admin = s.accounts().sign_in(&site.admin_username, &site.admin_password, "a", None, None).await.unwrap().actor;
        let app = router(state(db.store.clone(), WebConfig::default()).unwrap());

        // A temporary password allows nothing but choosing one's own, forms included.
        let root = admin.org_unit_id.unwrap();
        let nu = NewUser {
            username: "tamthoi".into(),
            display_name: "Tạm thời".into(),
            password: "mat-khau-tam-thoi".into(),
            org_unit_id: Some(root),
            grants: vec![Grant { role: Role::Editor, unit_id: root }],
        };
        s.accounts().create_user(&admin, &nu).await.unwrap();
        let temp = s.accounts().sign_in("tamthoi", "mat-khau-tam-thoi", "b", None, None).await.unwrap();
        let cookie = format!("dv_session={}", temp.token);
        let post = send(&app, "POST", "/quan-tri/bai-viet", &cookie, &format!("csrf={}&title=x&body_html=y", temp.actor.csrf_token)).await;
        assert_eq!(post.status, StatusCode::SEE_OTHER);
        assert_eq!(post.header("location"), "/quan-tri/mat-khau");
        assert!(s.articles().back_office_articles(&admin, None, 1, 100).await.unwrap().0.iter().all(|r| r.title != "x"), "nothing created");

        // A line break in `next` cannot reach a header.
        let page = send(&app, "GET", "/quan-tri/dang-nhap", "", "").await;
        let token = csrf_in(&page.body);
        let form = format!("csrf={token}&username=admin&password={}&next=%2Fquan-tri%0D%0ASet-Cookie%3A%20x%3D1", enc(&site.admin_password));
        let r = send(&app, "POST", "/quan-tri/dang-nhap", &format!("dv_csrf={token}"), &form).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(r.header("location"), "/quan-tri");

        // `<!--<script>` in a byline cannot bend the JSON-LD; the RSS lead is escaped.
        let id = s
            .articles()
            .create_article(
                &admin,
                ArticleInput {
                    title: "Bài thử ký tự đặc biệt".into(),
                    lead: Some("Sa pô <script>alert(1)</script>".into()),
                    byline: Some("By <!--<script>".into()),
                    body_html: "<p>Nội dung.</p>".into(),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        s.articles().transition_article(&admin, id, Transition::Publish, None, None).await.unwrap();
        let a = send(&app, "GET", "/bai-viet/bai-thu-ky-tu-dac-biet", "", "").await;
        let ld_start = a.body.find("application/ld+json\">").unwrap();
        let ld = &a.body[ld_start..ld_start + a.body[ld_start..].find("</script>").unwrap()];
        assert!(!ld[20..].contains('<'), "no < inside the JSON-LD: {ld}");
        assert!(ld.contains("By \\u003c!--\\u003cscript"), "{ld}");
        assert!(a.body.contains("<h1"), "the page is whole");
        let rss = send(&app, "GET", "/rss.xml", "", "").await;
        assert!(!rss.body.contains("<script>") && rss.body.contains("&lt;script&gt;"), "{}", &rss.body[..rss.body.len().min(2000)]);

        // 405 gets the site's page; /favicon.ico points at the icon.
        let m = send(&app, "GET", "/quan-tri/dang-xuat", "", "").await;
        assert_eq!(m.status, StatusCode::METHOD_NOT_ALLOWED);
        assert!(m.body.contains("<!doctype html>"));
        let f = send(&app, "GET", "/favicon.ico", "", "").await;
        assert_eq!(f.status, StatusCode::PERMANENT_REDIRECT);
        assert!(f.header("location").starts_with("/static/favicon."));
    }
}
