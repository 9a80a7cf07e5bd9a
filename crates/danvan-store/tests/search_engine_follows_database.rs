//! The search engine follows the database (issue 14), on SQLite and (with
//! DANVAN_TEST_POSTGRES_URL) PostgreSQL: a published article is found at
//! once and an unpublished one is gone; an index folder deleted is rebuilt
//! at the next start with the same results; an index left behind catches
//! up from the change log; totals are exact past the old 100-candidate cap.

use danvan_domain::editorial::Transition;
use danvan_search::SearchIndex;
use danvan_store::{Actor, ArticleInput, EngineCheck, SearchFilter, Store, bootstrap_site};
use danvan_testing::{TestDb, backend_tests};
use std::sync::Arc;

async fn admin(s: &Store) -> Actor {
    let site = bootstrap_site(s, false).await.unwrap().expect("new site");
    s.accounts().sign_in(&site.admin_username, &site.admin_password, "address-hash-1", Some("test"), None).await.expect("admin signs in").actor
}

async fn publish(s: &Store, actor: &Actor, title: &str, body: &str) -> i32 {
    let id = s.articles().create_article(actor, ArticleInput { title: title.into(), body_html: format!("<p>{body}</p>"), ..Default::default() }).await.unwrap();
    s.articles().transition_article(actor, id, Transition::Publish, None, None).await.unwrap();
    id
}

async fn ids(s: &Store, q: &str) -> (usize, Vec<i32>) {
    let page = s.search().query(q, &SearchFilter::default(), 1, 20).await.unwrap();
    (page.total, page.hits.iter().filter_map(|h| h.article()).map(|a| a.id).collect())
}

backend_tests! {
    async fn published_article_is_found_at_once_and_unpublished_is_gone(db: TestDb) {
        let s = &db.store;
        let l = db.label;
        let actor = admin(s).await;
        let id = publish(s, &actor, "Đường dây nóng của Mặt trận", "Số đường dây nóng tiếp nhận phản ánh của Nhân dân.").await;
        // in the engine on return, before any search catches up
        assert_eq!(s.search().engine().search(&danvan_search::SearchQuery::new("đường dây nóng")).unwrap().hits.first().map(|h| h.id), Some(i64::from(id)), "{l}");
        assert_eq!(ids(s, "đường dây nóng").await, (1, vec![id]), "{l}");
        assert_eq!(ids(s, "duong day nong").await, (1, vec![id]), "{l}: without marks");
        s.articles().transition_article(&actor, id, Transition::Unpublish, None, None).await.unwrap();
        assert_eq!(ids(s, "đường dây nóng").await, (0, vec![]), "{l}: unpublished");
        assert_eq!(s.search().engine().search(&danvan_search::SearchQuery::new("đường dây nóng")).unwrap().total, 0, "{l}: out of the engine");
        s.articles().transition_article(&actor, id, Transition::Publish, None, None).await.unwrap();
        assert_eq!(ids(s, "đường dây nóng").await, (1, vec![id]), "{l}: published again");
        let newest = s.search().newest_change().await.unwrap();
        assert_eq!(s.search().engine().watermark(), newest, "{l}: the engine's watermark is the log's newest change");
    }

    async fn deleted_index_folder_is_rebuilt_at_start_with_the_same_results(db: TestDb) {
        let l = db.label;
        let dir = std::env::temp_dir().join(format!("danvan-search-test-{}-{l}-{}", std::process::id(), rand_suffix()));
        let s = db.store.clone().with_search_index(Arc::new(SearchIndex::open(&dir).unwrap()));
        assert_eq!(s.search().check_engine().await.unwrap(), EngineCheck::CaughtUp { changes: 0 }, "{l}: nothing to hold yet");
        let actor = admin(&s).await;
        let a = publish(&s, &actor, "Hội Nông dân xã ra quân làm đường", "Hội Nông dân vận động làm đường giao thông nông thôn.").await;
        let b = publish(&s, &actor, "Đường dây nóng tiếp nhận phản ánh", "Đường dây nóng hoạt động cả ngày.").await;
        let before = (ids(&s, "đường").await, ids(&s, "nông dân").await, ids(&s, "dân vận").await);
        assert_eq!(before.0.0, 2, "{l}: {before:?}");
        assert!(before.0.1.contains(&a) && before.0.1.contains(&b), "{l}");
        let entries = s.search().engine().count();
        assert!(entries >= 2, "{l}");
        drop(s);
        std::fs::remove_dir_all(&dir).unwrap();

        // a new start: the folder is missing, so the index is rebuilt from the database
        let s = db.store.clone().with_search_index(Arc::new(SearchIndex::open(&dir).unwrap()));
        assert_eq!(s.search().check_engine().await.unwrap(), EngineCheck::Rebuilt { entries: entries as usize }, "{l}");
        assert_eq!(s.search().engine().count(), entries, "{l}");
        assert_eq!((ids(&s, "đường").await, ids(&s, "nông dân").await, ids(&s, "dân vận").await), before, "{l}: the same results");
        // a start with an index up to date changes nothing
        drop(s);
        let s = db.store.clone().with_search_index(Arc::new(SearchIndex::open(&dir).unwrap()));
        let mark = s.search().engine().watermark();
        // not rebuilt; the last minute's changes are read again (PostgreSQL
        // may commit change ids out of order), which changes nothing
        assert!(matches!(s.search().check_engine().await.unwrap(), EngineCheck::CaughtUp { .. }), "{l}: reopened, up to date");
        assert_eq!(s.search().engine().watermark(), mark, "{l}");
        assert_eq!(ids(&s, "đường").await, before.0, "{l}");
        drop(s);
        let _ = std::fs::remove_dir_all(&dir);
    }

    async fn index_behind_the_change_log_catches_up(db: TestDb) {
        let l = db.label;
        let dir = std::env::temp_dir().join(format!("danvan-search-test-{}-{l}-{}", std::process::id(), rand_suffix()));
        let s = db.store.clone().with_search_index(Arc::new(SearchIndex::open(&dir).unwrap()));
        let actor = admin(&s).await;
        let first = publish(&s, &actor, "Mô hình nuôi bò sinh sản", "Hội viên nuôi bò sinh sản thoát nghèo.").await;
        let mark = s.search().engine().watermark();
        assert!(mark > 0, "{l}");
        drop(s);
        // changes made while this index was closed (another process, or a
        // store with another engine): the folder stays behind
        let other = db.store.clone();
        let second = publish(&other, &actor, "Tổ hợp tác nuôi bò vỗ béo", "Tổ hợp tác nuôi bò vỗ béo của thôn.").await;
        other.articles().transition_article(&actor, first, Transition::Unpublish, None, None).await.unwrap();
        let newest = other.search().newest_change().await.unwrap();
        assert!(newest > mark, "{l}");

        let s = db.store.clone().with_search_index(Arc::new(SearchIndex::open(&dir).unwrap()));
        assert_eq!(s.search().engine().watermark(), mark, "{l}: behind");
        let check = s.search().check_engine().await.unwrap();
        assert!(matches!(check, EngineCheck::CaughtUp { changes } if changes >= 2), "{l}: {check:?}");
        assert_eq!(s.search().engine().watermark(), newest, "{l}");
        assert_eq!(ids(&s, "nuôi bò").await, (1, vec![second]), "{l}: the new one in, the unpublished one out");
        drop(s);
        let _ = std::fs::remove_dir_all(&dir);
    }

    async fn totals_are_exact_past_a_hundred_matches(db: TestDb) {
        let s = &db.store;
        let l = db.label;
        let actor = admin(s).await;
        for i in 0..120 {
            publish(s, &actor, &format!("Tin hoạt động số {i}"), "Chi hội phụ nữ thôn Brâu ra quân dọn vệ sinh.").await;
        }
        let last = publish(s, &actor, "Đường dây nóng thôn Brâu", "Thôn Brâu công bố đường dây nóng.").await;
        let page = s.search().query("brau", &SearchFilter::default(), 1, 10).await.unwrap();
        assert_eq!((page.total, page.hits.len()), (121, 10), "{l}");
        let page13 = s.search().query("brau", &SearchFilter::default(), 13, 10).await.unwrap();
        assert_eq!((page13.total, page13.hits.len()), (121, 1), "{l}: the last page");
        // the best match is found among all of them, not among the newest hundred
        assert_eq!(ids(s, "brau duong day nong").await, (1, vec![last]), "{l}");
    }
}

fn rand_suffix() -> u64 {
    use std::time::{SystemTime, UNIX_EPOCH};
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.subsec_nanos() as u64).unwrap_or(0)
}
