//! Two instances on one database, sharing nothing else (each its own
//! connections and its own search index, as two `danvan serve` processes
//! have): an article published through one instance's back office is
//! found by the other's search page within 2 s, because each instance's
//! follower catches its engine up from the database's change log (as
//! `serve` starts it), not the search. On PostgreSQL, the deployment the issue asks about, and on
//! SQLite (two processes on one file).

mod support;

use axum::http::StatusCode;
use danvan_domain::editorial::Role;
use danvan_store::{Store, bootstrap_site};
use danvan_testing::{TestDb, backend_tests};
use danvan_web::{WebConfig, router, state};
use std::time::{Duration, Instant};
use support::{enc, send, staff};

backend_tests! {
    async fn an_article_published_on_one_instance_is_found_on_the_other(db: TestDb) {
        let l = db.label;
        let site = bootstrap_site(&db.store, true).await.unwrap().unwrap();
        let admin = db.store.accounts().sign_in(&site.admin_username, &site.admin_password, "t", None, None).await.unwrap().actor;
        let root = db.store.units().org_units().await.unwrap().into_iter().find(|u| u.parent_id.is_none()).unwrap().id;
        let (editor, editor_csrf) = staff(&db.store, &admin, "bientap", Role::Editor, root).await;
        let (approver, approver_csrf) = staff(&db.store, &admin, "duyet", Role::Approver, root).await;

        let one = router(state(db.store.clone(), WebConfig::default()).unwrap());
        let second_store = Store::connect(db.url()).await.unwrap();
        db.store.search().follow_changes(danvan_store::FOLLOW_EVERY);
        second_store.search().follow_changes(danvan_store::FOLLOW_EVERY);
        let other = router(state(second_store.clone(), WebConfig::default()).unwrap());
        let title = "Hợp tác xã nấm linh chi Đồng Tâm mở rộng sản xuất";
        let search = format!("/tim-kiem?q={}", enc("nấm linh chi Đồng Tâm"));
        // the other instance has searched already, so its engine is warm and current
        let before = send(&other, "10.0.0.2", "GET", &search, "", "").await;
        assert_eq!(before.status, StatusCode::OK, "{l}");
        assert!(!before.body.contains(title), "{l}: not yet written");

        let form = format!("csrf={editor_csrf}&title={}&body_html={}", enc(title), enc("<p>Hợp tác xã nấm linh chi của thôn Đồng Tâm mở thêm hai nhà trồng.</p>"));
        let created = send(&one, "10.0.0.1", "POST", "/quan-tri/bai-viet", &editor, &form).await;
        assert_eq!(created.status, StatusCode::SEE_OTHER, "{l}: {}", created.body);
        let edit = created.header(axum::http::header::LOCATION).split('?').next().unwrap().to_owned();
        let submitted = send(&one, "10.0.0.1", "POST", &format!("{edit}/chuyen"), &editor, &format!("csrf={editor_csrf}&step=submit")).await;
        assert_eq!(submitted.status, StatusCode::SEE_OTHER, "{l}: {}", submitted.body);
        let published = send(&one, "10.0.0.1", "POST", &format!("{edit}/chuyen"), &approver, &format!("csrf={approver_csrf}&step=publish")).await;
        assert_eq!(published.status, StatusCode::SEE_OTHER, "{l}: {}", published.body);
        let at = Instant::now();

        let mut found = None;
        while at.elapsed() < Duration::from_secs(5) {
            let page = send(&other, "10.0.0.2", "GET", &search, "", "").await;
            if page.body.contains(title) {
                found = Some(at.elapsed());
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let found = found.unwrap_or_else(|| panic!("{l}: the other instance never found the article"));
        assert!(found < Duration::from_secs(2), "{l}: found after {found:?}");
        // and the first instance finds it too, from its own index
        assert!(send(&one, "10.0.0.1", "GET", &search, "", "").await.body.contains(title), "{l}");
        assert_ne!(
            std::sync::Arc::as_ptr(db.store.search().engine()),
            std::sync::Arc::as_ptr(second_store.search().engine()),
            "{l}: two indexes, nothing shared"
        );
        second_store.close().await;
    }
}
