//! Ratings through the router under pressure, on SQLite and PostgreSQL: a
//! visitor's simultaneous second votes are refused cleanly (never a 500),
//! and readers behind one shared address each vote once.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use danvan_store::{ImportOptions, ImportOutcome, Store, bootstrap_site};
use danvan_testing::{TestDb, backend_tests};
use danvan_web::{WebConfig, router, state};
use http_body_util::BodyExt;
use tower::ServiceExt;

const SEED: &str = "../../../shared/seeds/000_717bb114bfc50511.txt";

async fn seed_article(store: &Store) -> (i32, String) {
    bootstrap_site(store, true).await.unwrap();
    let a = danvan_import::parse(&std::fs::read(SEED).unwrap()).unwrap();
    let ImportOutcome::Imported { slug } = store.imports().import_article(&a, &ImportOptions::default()).await.unwrap() else {
        panic!("seed imported before")
    };
    let id = store.portal().article_stamp(&slug).await.unwrap().unwrap().id;
    (id, slug)
}

fn token(n: u32) -> String {
    format!("{:064x}", 0xdead_0000_u64 + u64::from(n))
}

/// The rating form's token on the article's page (the same for every reader).
async fn form_token(app: &Router, slug: &str) -> String {
    let r = app.clone().oneshot(Request::get(format!("/bai-viet/{slug}")).body(Body::empty()).unwrap()).await.unwrap();
    let page = String::from_utf8(r.into_body().collect().await.unwrap().to_bytes().to_vec()).unwrap();
    let at = page.find("name=\"csrf\" value=\"").expect("the rating form") + "name=\"csrf\" value=\"".len();
    page[at..at + 64].to_owned()
}

/// One rating POST as the page script sends it; returns status and body.
async fn vote(app: &Router, slug: &str, cookies: &str, csrf: &str, agent: &str) -> (StatusCode, String) {
    let req = Request::post(format!("/bai-viet/{slug}/danh-gia"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json")
        .header(header::USER_AGENT, agent)
        .header(header::COOKIE, cookies)
        .body(Body::from(format!("diem=4&csrf={csrf}")))
        .unwrap();
    let r = app.clone().oneshot(req).await.unwrap();
    let status = r.status();
    (status, String::from_utf8(r.into_body().collect().await.unwrap().to_bytes().to_vec()).unwrap())
}

async fn simultaneous_votes_of_one_visitor_count_once(store: &Store, label: &str) {
    let (id, slug) = seed_article(store).await;
    for round in 0..20u32 {
        // a fresh instance each round (its in-memory limits start empty), one
        // visitor whose cookie is already set, the same form token 50 times
        let app = router(state(store.clone(), WebConfig::default()).unwrap());
        let csrf = form_token(&app, &slug).await;
        let cookies = format!("dv_vid={}", token(1000 + round));
        let agent = format!("round-{round}");
        let before = store.portal().article_stamp(&slug).await.unwrap().unwrap().rating.count;
        let tasks: Vec<_> = (0..50)
            .map(|_| {
                let (app, slug, cookies, csrf, agent) = (app.clone(), slug.clone(), cookies.clone(), csrf.clone(), agent.clone());
                tokio::spawn(async move { vote(&app, &slug, &cookies, &csrf, &agent).await })
            })
            .collect();
        let mut ok = 0;
        for t in tasks {
            let (status, body) = t.await.unwrap();
            match status {
                StatusCode::OK => ok += 1,
                StatusCode::CONFLICT => assert!(body.contains("\"code\":\"rating.already_voted\""), "{label}: {body}"),
                StatusCode::TOO_MANY_REQUESTS => assert!(body.contains("\"code\":\"request.rate_limited\""), "{label}: {body}"),
                other => panic!("{label} round {round}: {other} {body}"),
            }
        }
        assert_eq!(ok, 1, "{label} round {round}: exactly one vote accepted");
        let after = store.portal().article_stamp(&slug).await.unwrap().unwrap().rating.count;
        assert_eq!(after, before + 1, "{label} round {round}: exactly one vote counted");
    }
    assert_eq!(store.portal().article_stamp(&slug).await.unwrap().unwrap().id, id);
}

async fn readers_behind_one_address_each_vote_once(store: &Store, label: &str) {
    let (_, slug) = seed_article(store).await;
    let app = router(state(store.clone(), WebConfig::default()).unwrap());
    // 20 fresh visitors (no visitor cookie yet) from one address and one
    // browser string: a school's computer room
    let csrf = form_token(&app, &slug).await;
    for i in 0..20u32 {
        let (status, body) = vote(&app, &slug, "", &csrf, "school-browser").await;
        assert_eq!(status, StatusCode::OK, "{label} visitor {i}: {body}");
        assert!(body.contains(&format!("\"count\":{}", i + 1)), "{label}: {body}");
    }
    let (status, body) = vote(&app, &slug, "", &csrf, "school-browser").await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{label}: {body}");
    assert!(body.contains("rate_limited") && !body.contains("already_voted"), "{label}: never told they voted: {body}");
    assert_eq!(store.portal().article_stamp(&slug).await.unwrap().unwrap().rating.count, 20, "{label}");
    // the same, with the plain form (no JavaScript): the page says why
    let req = Request::post(format!("/bai-viet/{slug}/danh-gia"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::USER_AGENT, "school-browser")
        .body(Body::from(format!("diem=4&csrf={csrf}")))
        .unwrap();
    let r = app.clone().oneshot(req).await.unwrap();
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    let page = String::from_utf8(r.into_body().collect().await.unwrap().to_bytes().to_vec()).unwrap();
    assert!(page.contains("<!doctype html>") && page.contains("thử lại"), "{label}: {page}");
}

backend_tests! {
    async fn fifty_simultaneous_votes_of_one_visitor_count_once(db: TestDb) {
        simultaneous_votes_of_one_visitor_count_once(&db.store, db.label).await;
    }

    async fn twenty_readers_behind_one_address_each_vote_once(db: TestDb) {
        readers_behind_one_address_each_vote_once(&db.store, db.label).await;
    }
}
