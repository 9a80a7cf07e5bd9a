//! `/dan-van-kheo/thong-ke` on SQLite and PostgreSQL: the 52 models of 2023
//! give the seed's sentence with 25, 10, 05 and 12, the table and the
//! chart with its text alternative; a bad period is a 422 that says so;
//! an unknown unit a 404.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use danvan_domain::registry::values::ImportRow;
use danvan_domain::registry::{Field, Holder, ModelKind, Period};
use danvan_store::{Actor, bootstrap_site};
use danvan_testing::{TestDb, backend_tests};
use danvan_web::{WebConfig, router, state};
use http_body_util::BodyExt;
use tower::ServiceExt;

async fn get(app: &axum::Router, uri: &str) -> (StatusCode, String) {
    let r = app.clone().oneshot(Request::builder().uri(uri).header("user-agent", "test").body(Body::empty()).unwrap()).await.unwrap();
    let status = r.status();
    (status, String::from_utf8(r.into_body().collect().await.unwrap().to_bytes().to_vec()).unwrap())
}

backend_tests! {
    async fn the_public_statistics_of_2023(db: TestDb) {
        bootstrap_site(&db.store, true).await.unwrap().unwrap();
        let mut rows = Vec::new();
        for (field, n) in [(Field::Economy, 25), (Field::CultureSociety, 10), (Field::DefenceSecurity, 5), (Field::PoliticalSystem, 12)] {
            for i in 0..n {
                let k = rows.len();
                rows.push(ImportRow {
                    row: k + 2,
                    code: format!("M{k}"),
                    name: format!("Mô hình {k}"),
                    kind: ModelKind::Model,
                    holder: if i % 2 == 0 { Holder::Collective } else { Holder::Individual },
                    field,
                    unit: "Đảng ủy xã Mẫu Sơn".into(),
                    period: Period::year(2023),
                    registered_on: None,
                    launched_on: None,
                    evaluation: None,
                    commendation: None,
                    public: None,
                });
            }
        }
        let r = db.store.registry().import_rows(&Actor::command_line(), rows, false, &mut |_| {}).await.unwrap();
        assert_eq!(r.created, 52);
        let app = router(state(db.store.clone(), WebConfig::default()).unwrap());
        let (status, page) = get(&app, "/dan-van-kheo/thong-ke?ky=2023").await;
        assert_eq!(status, StatusCode::OK, "{}", db.label);
        assert!(page.contains("trong đó có 25 mô hình kinh tế, 10 mô hình trên lĩnh vực văn hóa - xã hội, 05 mô hình về quốc phòng - an ninh và 12 mô hình về xây dựng hệ thống chính trị"), "{}", db.label);
        assert!(page.contains("<th scope=\"row\">quốc phòng - an ninh</th>\n      <td>05</td>"), "{page}");
        assert!(page.contains("role=\"img\""));
        assert!(page.contains("kinh tế: 25 đăng ký, 0 hiệu quả"), "the chart's text alternative");
        let (status, page) = get(&app, "/dan-van-kheo/thong-ke?ky=2023-2019").await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.contains("aria-invalid=\"true\""));
        assert_eq!(get(&app, "/dan-van-kheo/thong-ke?don-vi=9999").await.0, StatusCode::NOT_FOUND);
        assert_eq!(get(&app, "/dan-van-kheo/thong-ke?don-vi=abc").await.0, StatusCode::NOT_FOUND);
        // 2022: nothing yet, and the comparison says so
        let (_, page) = get(&app, "/dan-van-kheo/thong-ke?ky=2024").await;
        assert!(page.contains("So với năm 2023, giảm 52 mô hình, điển hình (năm 2023: 52)."), "{}", db.label);
    }
}
