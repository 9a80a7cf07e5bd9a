//! Issue 15, pages a shared cache can keep: an anonymous article page sets
//! no cookie, says `Cache-Control: public`, carries an `ETag` that a
//! conditional request turns into `304`, and is sent brotli- or
//! gzip-compressed as the client accepts, compressed once per version; a
//! reader with display preferences gets their own page, kept private. On
//! SQLite and PostgreSQL.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use danvan_store::{ImportOptions, bootstrap_site};
use danvan_testing::{TestDb, backend_tests};
use danvan_web::{SharedState, WebConfig, router, state};
use http_body_util::BodyExt;
use std::io::Read;
use tower::ServiceExt;

const SEED: &str = "../../../shared/seeds/000_717bb114bfc50511.txt";
const SEED_PATH: &str = "/bai-viet/phat-huy-hieu-qua-tu-phong-trao-thi-dua-dan-van-kheo-tren-dia-ban-huyen-kon-ray";

struct Answer {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: Vec<u8>,
}

impl Answer {
    fn header(&self, name: &str) -> &str {
        self.headers.get(name).map(|v| v.to_str().unwrap()).unwrap_or("")
    }
    fn all(&self, name: &str) -> String {
        self.headers.get_all(name).iter().map(|v| v.to_str().unwrap()).collect::<Vec<_>>().join(", ")
    }
}

async fn get(app: &Router, uri: &str, headers: &[(&str, &str)]) -> Answer {
    let mut b = Request::get(uri);
    for (k, v) in headers {
        b = b.header(*k, *v);
    }
    let r = app.clone().oneshot(b.body(Body::empty()).unwrap()).await.unwrap();
    let (status, headers) = (r.status(), r.headers().clone());
    Answer { status, headers, body: r.into_body().collect().await.unwrap().to_bytes().to_vec() }
}

async fn site(db: &TestDb) -> (SharedState, Router) {
    bootstrap_site(&db.store, true).await.unwrap();
    let a = danvan_import::parse(&std::fs::read(SEED).unwrap()).unwrap();
    db.store.imports().import_article(&a, &ImportOptions::default()).await.unwrap();
    let s = state(db.store.clone(), WebConfig::default()).unwrap();
    (s.clone(), router(s))
}

fn unbrotli(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::Decompressor::new(b, 4096).read_to_end(&mut out).unwrap();
    out
}

fn gunzip(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(b).read_to_end(&mut out).unwrap();
    out
}

backend_tests! {
    async fn an_anonymous_article_page_is_kept_by_a_shared_cache(db: TestDb) {
        let (state, app) = site(&db).await;
        let plain = get(&app, SEED_PATH, &[]).await;
        assert_eq!(plain.status, StatusCode::OK, "{}", db.label);
        assert!(plain.headers.get(header::SET_COOKIE).is_none(), "no cookie: {:?}", plain.headers);
        assert_eq!(plain.header("cache-control"), "public, max-age=60, stale-while-revalidate=600");
        let vary = plain.all("vary");
        assert!(vary.contains("Cookie") && vary.contains("Accept-Encoding"), "{vary}");
        assert!(plain.header("content-encoding").is_empty(), "not asked for");
        let tag = plain.header("etag").to_owned();
        assert!(tag.starts_with('"') && tag.ends_with('"') && tag.len() == 22, "{tag}");
        // the same page again: the same tag
        assert_eq!(get(&app, SEED_PATH, &[]).await.header("etag"), tag);

        // a conditional request: 304, no body
        let again = get(&app, SEED_PATH, &[("if-none-match", &tag)]).await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED);
        assert!(again.body.is_empty());
        assert_eq!(again.header("etag"), tag);
        assert_eq!(again.header("cache-control"), "public, max-age=60, stale-while-revalidate=600");
        assert_eq!(get(&app, SEED_PATH, &[("if-none-match", "\"00000000000000000000\"")]).await.status, StatusCode::OK);

        // compressed as accepted, each coding its own tag
        let br = get(&app, SEED_PATH, &[("accept-encoding", "gzip, deflate, br")]).await;
        assert_eq!(br.header("content-encoding"), "br");
        assert_eq!(br.header("etag"), format!("{}-br\"", tag.trim_end_matches('"')));
        assert_eq!(unbrotli(&br.body), plain.body, "the same page");
        let gz = get(&app, SEED_PATH, &[("accept-encoding", "gzip")]).await;
        assert_eq!(gz.header("content-encoding"), "gzip");
        assert_eq!(gz.header("etag"), format!("{}-gz\"", tag.trim_end_matches('"')));
        assert_eq!(gunzip(&gz.body), plain.body);
        eprintln!("{}: article page {} bytes, gzip {}, brotli {}", db.label, plain.body.len(), gz.body.len(), br.body.len());
        assert!(br.body.len() * 3 < plain.body.len(), "brotli {} of {}", br.body.len(), plain.body.len());
        assert!(gz.body.len() * 3 < plain.body.len(), "gzip {} of {}", gz.body.len(), plain.body.len());
        let not_modified = get(&app, SEED_PATH, &[("accept-encoding", "br"), ("if-none-match", br.header("etag"))]).await;
        assert_eq!(not_modified.status, StatusCode::NOT_MODIFIED);

        // compressed once: more readers, no more compressions
        let kept = state.compressed.len();
        for _ in 0..5 {
            get(&app, SEED_PATH, &[("accept-encoding", "br")]).await;
            get(&app, SEED_PATH, &[("accept-encoding", "gzip")]).await;
        }
        assert_eq!(state.compressed.len(), kept);

        // a vote changes the page, so its tag: a cache asking again gets the new total
        let at = String::from_utf8_lossy(&plain.body).find("name=\"csrf\" value=\"").unwrap() + "name=\"csrf\" value=\"".len();
        let token = String::from_utf8_lossy(&plain.body[at..at + 64]).into_owned();
        let vote = Request::post(format!("{SEED_PATH}/danh-gia"))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json")
            .header("sec-fetch-site", "same-origin")
            .body(Body::from(format!("diem=5&csrf={token}")))
            .unwrap();
        assert_eq!(app.clone().oneshot(vote).await.unwrap().status(), StatusCode::OK);
        let after = get(&app, SEED_PATH, &[("if-none-match", &tag)]).await;
        assert_eq!(after.status, StatusCode::OK, "{}: a new version", db.label);
        assert_ne!(after.header("etag"), tag);
        assert!(String::from_utf8_lossy(&after.body).contains("Tổng số điểm của bài viết là: 5 trong 1 đánh giá"));
    }

    async fn a_reader_with_preferences_gets_a_private_page(db: TestDb) {
        let (_, app) = site(&db).await;
        let mine = get(&app, SEED_PATH, &[("cookie", "dv_text=2; dv_contrast=1")]).await;
        assert_eq!(mine.status, StatusCode::OK);
        assert_eq!(mine.header("cache-control"), "private, no-cache");
        assert!(mine.all("vary").contains("Cookie"));
        let html = String::from_utf8_lossy(&mine.body);
        assert!(html.contains("class=\"text-2 contrast-high\""), "the page made for them");
        assert!(html.contains("Cỡ chữ hiện tại: 150%"));
        // the script that applies the cookies to a cached copy is in <head>
        let head = &html[..html.find("</head>").unwrap()];
        let at = head.find("<script src=\"/static/prefs.").expect("prefs.js in head");
        let tag = &head[at..at + head[at..].find('>').unwrap()];
        assert!(!tag.contains("type=\"module\"") && !tag.contains("defer") && !tag.contains("async"), "runs before the body is drawn: {tag}");
        // preferences set back to the defaults: the public page again
        let reset = get(&app, SEED_PATH, &[("cookie", "dv_text=0; dv_contrast=0")]).await;
        assert!(reset.header("cache-control").starts_with("public"));
        // the answer to a vote is not for others
        let thanks = get(&app, &format!("{SEED_PATH}?danh-gia=ok"), &[]).await;
        assert_eq!(thanks.header("cache-control"), "no-cache");
    }

    async fn static_files_and_feeds_are_tagged_and_compressed(db: TestDb) {
        let (_, app) = site(&db).await;
        let home = String::from_utf8(get(&app, "/", &[]).await.body).unwrap();
        let at = home.find("href=\"/static/site.").unwrap() + "href=\"".len();
        let css = &home[at..at + home[at..].find('"').unwrap()];
        let plain = get(&app, css, &[]).await;
        assert_eq!(plain.header("cache-control"), "public, max-age=31536000, immutable");
        let gz = get(&app, css, &[("accept-encoding", "gzip")]).await;
        assert_eq!(gz.header("content-encoding"), "gzip");
        assert_eq!(gunzip(&gz.body), plain.body);
        assert_eq!(get(&app, css, &[("if-none-match", plain.header("etag"))]).await.status, StatusCode::NOT_MODIFIED);
        let feed = get(&app, "/rss.xml", &[("accept-encoding", "br")]).await;
        assert_eq!(feed.header("content-encoding"), "br");
        assert!(String::from_utf8(unbrotli(&feed.body)).unwrap().contains("<rss"));
        // a private answer is compressed too, but never tagged
        let form = get(&app, "/phan-anh/gui", &[("accept-encoding", "gzip")]).await;
        assert_eq!(form.header("content-encoding"), "gzip");
        assert!(form.header("etag").is_empty(), "no-store: {:?}", form.headers);
    }
}
