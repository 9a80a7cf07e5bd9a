//! The JSON API: its OpenAPI document equals the committed snapshot
//! (`tests/snapshots/openapi.json`; after a deliberate change run with
//! `DANVAN_UPDATE_SNAPSHOTS=1` and review the diff), and the registry
//! endpoints on SQLite and PostgreSQL: public records only, no personal
//! data, the statistics' numbers and summary, errors for bad filters.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use danvan_domain::editorial::{Grant, Role};
use danvan_domain::registry::{Field, Holder, ModelKind, NewRecord, Period};
use danvan_store::{NewUser, bootstrap_site};
use danvan_testing::{TestDb, backend_tests};
use danvan_web::{WebConfig, router, state};
use http_body_util::BodyExt;
use tower::ServiceExt;

#[test]
fn the_openapi_document_matches_its_snapshot() {
    let doc = danvan_web::api::openapi_json();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/openapi.json");
    if std::env::var_os("DANVAN_UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &doc).unwrap();
    }
    let snapshot = std::fs::read_to_string(&path).expect("tests/snapshots/openapi.json (run once with DANVAN_UPDATE_SNAPSHOTS=1)");
    assert_eq!(doc, snapshot, "the API changed: review it, then refresh the snapshot");
    let v: serde_json::Value = serde_json::from_str(&doc).unwrap();
    assert_eq!(v["openapi"], "3.1.0");
    assert!(v["paths"]["/api/v1/registry/models"]["get"].is_object());
    assert!(v["paths"]["/api/v1/registry/statistics"]["get"].is_object());
    assert!(!doc.contains("person_name"), "personal data is not part of the API");
}

async fn get(app: &axum::Router, uri: &str) -> (StatusCode, serde_json::Value) {
    let r = app.clone().oneshot(Request::builder().uri(uri).header("accept", "application/json").header("user-agent", "t").body(Body::empty()).unwrap()).await.unwrap();
    let status = r.status();
    let bytes = r.into_body().collect().await.unwrap().to_bytes();
    (status, serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null))
}

backend_tests! {
    async fn public_records_and_statistics(db: TestDb) {
        let site = bootstrap_site(&db.store, true).await.unwrap().unwrap();
        let s = &db.store;
        let admin = s.accounts().sign_in(&site.admin_username, &site.admin_password, "a", None, None).await.unwrap().actor;
        let unit = s.units().org_units().await.unwrap().into_iter().find(|u| u.name == "Đảng ủy xã Mẫu Sơn").unwrap().id;
        let id = s.accounts().create_user(&admin, &NewUser { username: "theodoi".into(), display_name: "theodoi".into(), password: "mat-khau-tam-thoi-dai".into(), org_unit_id: Some(unit), grants: vec![Grant { role: Role::RegistryOfficer, unit_id: unit }] }).await.unwrap();
        let a = s.accounts().sign_in("theodoi", "mat-khau-tam-thoi-dai", "x", None, None).await.unwrap().actor;
        s.accounts().set_password(&a, id, Some("mat-khau-tam-thoi-dai"), "mat-khau-rieng-cua-toi").await.unwrap();
        let keeper = s.accounts().sign_in("theodoi", "mat-khau-rieng-cua-toi", "x", None, None).await.unwrap().actor;
        for (code, public) in [("P-1", true), ("P-2", false)] {
            let r = NewRecord {
                code: code.into(),
                name: format!("Điển hình {code}"),
                kind: Some(ModelKind::Exemplar),
                holder: Some(Holder::Individual),
                field: Some(Field::Economy),
                unit_id: Some(unit),
                period: Some(Period::year(2023)),
                person_name: "Lê Thị Kín".into(),
                is_public: public,
                ..Default::default()
            };
            s.registry().register(&keeper, &r).await.unwrap();
        }
        let app = router(state(s.clone(), WebConfig::default()).unwrap());
        let (status, page) = get(&app, "/api/v1/registry/models").await;
        assert_eq!(status, StatusCode::OK, "{}", db.label);
        assert_eq!(page["total"], 1, "only the public one");
        assert_eq!(page["items"][0]["code"], "P-1");
        assert!(!page.to_string().contains("Lê Thị Kín"));
        let (_, page) = get(&app, "/api/v1/registry/models?field=culture_society").await;
        assert_eq!(page["total"], 0);
        let (status, err) = get(&app, "/api/v1/registry/models?field=nope").await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(err["code"].is_string() && err["message"].is_string(), "errors are JSON: {err}");
        assert_eq!(get(&app, "/api/v1/registry/models?page=0").await.0, StatusCode::BAD_REQUEST);

        let (status, stats) = get(&app, "/api/v1/registry/statistics?period=2023").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(stats["total"]["registered"], 2, "statistics count every record, public or not");
        assert_eq!(stats["by_field"][0]["field"], "economy");
        assert_eq!(stats["by_field"][0]["counts"]["registered"], 2);
        assert!(stats["summary"].as_str().unwrap().contains("02 mô hình kinh tế"), "{stats}");
        assert_eq!(get(&app, "/api/v1/registry/statistics?period=20x3").await.0, StatusCode::BAD_REQUEST);
        let (status, err) = get(&app, "/api/v1/registry/statistics?unit=99999").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(err["code"], "page.not_found");
        let (status, err) = get(&app, "/api/v1/registry/statistics?unit=abc").await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(err["code"].is_string(), "axum's own rejections too: {err}");
        let (status, doc) = get(&app, "/api/v1/openapi.json").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(doc["info"]["title"], "danvan API");
    }
}
