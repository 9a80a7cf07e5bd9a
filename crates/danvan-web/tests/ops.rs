//! Issue 15, scope 5: `/healthz`, `/readyz` and `/metrics` on SQLite and
//! PostgreSQL: readiness with its checks and 503 when the database is gone,
//! metrics that a Prometheus text-format parser reads with the requests
//! counted by route pattern, and `/metrics` kept from other machines.

mod support;

use axum::http::header;
use danvan_store::{FileStore, bootstrap_site};
use danvan_testing::{TestDb, backend_tests};
use danvan_web::{WebConfig, router, state};
use support::send;

fn config(files: &std::path::Path) -> WebConfig {
    WebConfig { files: Some(FileStore::local(files).unwrap()), ..Default::default() }
}

/// The value of the sample `name` with every label of `labels`.
fn sample(text: &str, name: &str, labels: &[(&str, &str)]) -> Option<f64> {
    let lines = text.lines().map(|l| Ok(l.to_owned()));
    let scrape = prometheus_parse::Scrape::parse(lines).expect("the metrics parse");
    scrape
        .samples
        .iter()
        .find(|s| s.metric == name && labels.iter().all(|(k, v)| s.labels.get(k) == Some(*v)))
        .map(|s| match s.value {
            prometheus_parse::Value::Counter(v) | prometheus_parse::Value::Gauge(v) | prometheus_parse::Value::Untyped(v) => v,
            _ => f64::NAN,
        })
}

backend_tests! {
    async fn readyz_checks_the_database_the_migrations_and_the_storage(db: TestDb) {
        bootstrap_site(&db.store, false).await.unwrap();
        let files = tempfile::tempdir().unwrap();
        let app = router(state(db.store.clone(), config(files.path())).unwrap());
        let a = send(&app, "127.0.0.1", "GET", "/readyz", "", "").await;
        assert_eq!(a.status, 200, "{}: {}", db.label, a.body);
        assert_eq!(a.body, "ready\ndatabase: ok\nmigrations: current\nstorage: writable\n", "{}", db.label);
        assert_eq!(a.header(header::CACHE_CONTROL), "no-store");
        assert_eq!(std::fs::read_dir(files.path().join(".readyz")).map(|d| d.count()).unwrap_or(0), 0, "the probe file is removed");
        assert_eq!(send(&app, "127.0.0.1", "GET", "/healthz", "", "").await.body, "ok");
        // the database gone: 503 with Retry-After, and /healthz still answers
        db.store.clone().close().await;
        let a = send(&app, "127.0.0.1", "GET", "/readyz", "", "").await;
        assert_eq!(a.status, 503, "{}: {}", db.label, a.body);
        assert_eq!(a.header(header::RETRY_AFTER), "5");
        assert!(a.body.starts_with("not ready\ndatabase: "), "{}: {}", db.label, a.body);
        assert!(!a.body.contains("database: ok"), "{}", a.body);
        assert_eq!(send(&app, "127.0.0.1", "GET", "/healthz", "", "").await.status, 200);
    }

    async fn metrics_parse_and_count_requests_by_route_pattern(db: TestDb) {
        bootstrap_site(&db.store, true).await.unwrap();
        let files = tempfile::tempdir().unwrap();
        let app = router(state(db.store.clone(), config(files.path())).unwrap());
        for _ in 0..3 {
            assert_eq!(send(&app, "127.0.0.1", "GET", "/", "", "").await.status, 200);
        }
        assert_eq!(send(&app, "127.0.0.1", "GET", "/bai-viet/khong-co-bai-nay", "", "").await.status, 404);
        assert_eq!(send(&app, "127.0.0.1", "GET", "/khong/co/trang/nay", "", "").await.status, 404);
        let m = send(&app, "127.0.0.1", "GET", "/metrics", "", "").await;
        assert_eq!(m.status, 200, "{}", db.label);
        assert!(m.header(header::CONTENT_TYPE).starts_with("application/openmetrics-text"), "{}", m.header(header::CONTENT_TYPE));
        let t = &m.body;
        assert_eq!(sample(t, "danvan_http_requests_total", &[("route", "/"), ("method", "GET"), ("status", "200")]), Some(3.0), "{t}");
        // (prometheus-parse cuts a label value at its first `}`, so this line is read as text)
        assert!(t.lines().any(|l| l == "danvan_http_requests_total{route=\"/bai-viet/{slug}\",method=\"GET\",status=\"404\"} 1"), "the pattern, not the address: {t}");
        assert_eq!(sample(t, "danvan_http_requests_total", &[("route", "unmatched"), ("status", "404")]), Some(1.0), "{t}");
        assert!(!t.contains("khong-co-bai-nay"), "no address in the labels");
        // the histogram: three answers of the home page at most 16 s
        assert!(t.contains("danvan_http_request_duration_seconds_count{route=\"/\"} 3"), "{t}");
        let inf = t.lines().find(|l| l.starts_with("danvan_http_request_duration_seconds_bucket{") && l.contains("route=\"/\"") && l.contains("le=\"+Inf\""));
        assert_eq!(inf.and_then(|l| l.rsplit(' ').next()), Some("3"), "{t}");
        let max = sample(t, "danvan_db_pool_max_connections", &[("pool", "write")]).expect("pool gauge");
        assert!(max >= 1.0, "{max}");
        assert!(sample(t, "danvan_db_pool_connections", &[("pool", "write")]).is_some_and(|v| v >= 1.0 && v <= max), "{t}");
        // the sample site queues no notice
        assert_eq!(sample(t, "danvan_feedback_outbox_backlog", &[]), Some(0.0), "{t}");
        assert!(t.trim_end().ends_with("# EOF"));
    }

    async fn metrics_are_kept_from_other_machines(db: TestDb) {
        bootstrap_site(&db.store, false).await.unwrap();
        let files = tempfile::tempdir().unwrap();
        let app = router(state(db.store.clone(), config(files.path())).unwrap());
        assert_eq!(send(&app, "203.0.113.7", "GET", "/metrics", "", "").await.status, 404, "{}", db.label);
        assert_eq!(send(&app, "[::1]", "GET", "/metrics", "", "").await.status, 200, "{}", db.label);
        let elsewhere = router(state(db.store.clone(), WebConfig { metrics_elsewhere: true, ..config(files.path()) }).unwrap());
        assert_eq!(send(&elsewhere, "127.0.0.1", "GET", "/metrics", "", "").await.status, 404);
        let ops = danvan_web::ops::router(state(db.store.clone(), config(files.path())).unwrap());
        let a = send(&ops, "203.0.113.7", "GET", "/metrics", "", "").await;
        assert_eq!(a.status, 200, "the separate listener answers anyone who reaches it");
        assert_eq!(send(&ops, "203.0.113.7", "GET", "/readyz", "", "").await.status, 200);
        assert_eq!(send(&ops, "203.0.113.7", "GET", "/", "", "").await.status, 404, "nothing else there");
    }
}
