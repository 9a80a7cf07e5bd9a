//! The store suite, run on SQLite and (with DANVAN_TEST_POSTGRES_URL) on
//! PostgreSQL: migrations, the first start, importing, ratings, listings.

use chrono::{Duration, Utc};
use danvan_domain::ErrorCode;
use danvan_domain::rating::{RatingSummary, Score, VoterKeys};
use danvan_import::{Block, ImportedArticle, SourceFormat};
use danvan_store::{ImportOptions, ImportOutcome, Store, StoreError, bootstrap_site};
use danvan_testing::{TestDb, backend_tests};

const SEED: &str = "../../../shared/seeds/000_717bb114bfc50511.txt";
const SEED_SLUG: &str = "phat-huy-hieu-qua-tu-phong-trao-thi-dua-dan-van-kheo-tren-dia-ban-huyen-kon-ray";

fn seed() -> ImportedArticle {
    let bytes = std::fs::read(SEED).expect("the seed is at ../shared/seeds");
    danvan_import::parse(&bytes).expect("seed parses")
}

fn synthetic(title: &str, body: &str) -> ImportedArticle {
    ImportedArticle {
        title: title.to_owned(),
        lead: None,
        blocks: vec![Block::Paragraph(body.to_owned())],
        byline: None,
        format: SourceFormat::PortalText,
        converted_from: None,
    }
}

fn keys(visitor: &str, client: &str) -> VoterKeys {
    VoterKeys::derive("salt", visitor, client, "test-agent")
}

async fn imported_slug(store: &Store, a: &ImportedArticle, opts: &ImportOptions) -> String {
    match store.imports().import_article(a, opts).await.expect("import") {
        ImportOutcome::Imported { slug } => slug,
        other => panic!("expected imported, got {other:?}"),
    }
}

backend_tests! {
    async fn migrations_apply_once(db: TestDb) {
        let applied = db.store.applied_migrations().await.unwrap();
        assert_eq!(applied, [
            "m20261129_000001_portal",
            "m20261129_000002_search",
            "m20261129_000003_related",
            "m20261129_000004_documents",
            "m20261129_000005_editorial",
            "m20261129_000006_totp",
            "m20261129_000007_search_filter",
            "m20261201_000008_audit_params",
            "m20261201_000009_calendar",
            "m20261201_000010_registry",
            "m20261201_000011_registry_phases",
            "m20261201_000012_registry_links",
            "m20261201_000013_registry_attachments",
            "m20261201_000014_feedback",
            "m20261201_000015_registry_cube",
            "m20261201_000016_feedback_publication",
            "m20261201_000017_open311",
            "m20261201_000018_feedback_attachments",
            "m20261201_000019_search_change",
            "m20261202_000020_drop_fts",
        ], "{}", db.label);
        db.store.migrate().await.expect("second migrate is a no-op");
        assert_eq!(db.store.applied_migrations().await.unwrap().len(), 20, "{}", db.label);
    }

    async fn operator_starts_the_sample_site_once(db: TestDb) {
        let s = &db.store;
        let created = bootstrap_site(s, true).await.unwrap().expect("created");
        assert_eq!(created.admin_username, "admin");
        assert_eq!(created.admin_password.len(), 20);
        let site = s.portal().site().await.unwrap().expect("site row");
        assert!(site.is_sample, "{}", db.label);
        assert_eq!(site.vote_salt.len(), 64);
        let cats = s.units().categories().await.unwrap();
        assert_eq!(cats.iter().map(|c| c.slug.as_str()).collect::<Vec<_>>(), [
            "tin-tuc-su-kien",
            "dan-van-kheo",
            "doi-thoai-voi-nhan-dan",
            "van-ban-chi-dao"
        ]);
        let latest = s.portal().latest_articles(50).await.unwrap();
        assert_eq!(latest.len(), 5, "{}", db.label);
        assert!(latest.iter().all(|a| a.is_sample));
        assert!(latest.windows(2).all(|w| w[0].published_at >= w[1].published_at), "newest first");
        let videos = s.portal().video_clips(10).await.unwrap();
        assert_eq!(videos.len(), 1);
        assert_eq!(videos[0].captions_url.as_deref(), Some("/static/sample/video-mau.vi.vtt"));
        let units = s.units().org_units().await.unwrap();
        assert_eq!(units.len(), 8);
        assert_eq!(units[0].depth, 0);
        assert_eq!(units.iter().filter(|u| u.depth == 2).count(), 5, "mass organisations under the commune");
        assert!(bootstrap_site(s, true).await.unwrap().is_none(), "second start creates nothing");
        assert_eq!(s.portal().latest_articles(50).await.unwrap().len(), 5);
    }

    async fn operator_starts_without_samples_on_an_empty_site(db: TestDb) {
        bootstrap_site(&db.store, false).await.unwrap().expect("created");
        assert!(db.store.units().categories().await.unwrap().is_empty());
        assert!(db.store.portal().latest_articles(10).await.unwrap().is_empty());
        assert!(db.store.portal().video_clips(10).await.unwrap().is_empty());
        // an import then has no category
        let slug = imported_slug(&db.store, &seed(), &ImportOptions::default()).await;
        assert!(db.store.portal().article_by_slug(&slug).await.unwrap().unwrap().category.is_none());
    }

    async fn editor_imports_the_seed_once_with_figures_and_byline(db: TestDb) {
        let s = &db.store;
        bootstrap_site(s, true).await.unwrap();
        let a = seed();
        let slug = imported_slug(s, &a, &ImportOptions::default()).await;
        assert_eq!(slug, SEED_SLUG);
        assert_eq!(
            s.imports().import_article(&a, &ImportOptions::default()).await.unwrap(),
            ImportOutcome::Unchanged { slug: SEED_SLUG.to_owned() },
            "{}",
            db.label
        );
        let full = s.portal().article_by_slug(SEED_SLUG).await.unwrap().expect("published");
        assert_eq!(full.title, "Phát huy hiệu quả từ phong trào thi đua Dân vận khéo trên địa bàn huyện Kon Rẫy");
        assert_eq!(full.byline.as_deref(), Some("Bài, ảnh: Nguyễn Thị Qúy"));
        assert_eq!(full.body_html.matches("<p>").count(), 9);
        assert_eq!(full.figures.len(), 2);
        assert!(full.figures.iter().all(|f| f.image_url.is_none()));
        assert!(full.figures[0].caption.starts_with("Đ/c Đinh Thị Anh-UVBTV"));
        assert_eq!(full.figures[1].caption, "c Đinh Thị Mỹ Hảo – PBT Thường trực Huyện ủy làm việc với Đảng ủy xã Đăk Pne");
        assert!(full.body_html.contains("<figure data-figure=\"1\"></figure>"));
        assert_eq!(full.rating, RatingSummary { sum: 0, count: 0 });
        assert_eq!(full.category.as_ref().map(|c| c.slug.as_str()), Some("tin-tuc-su-kien"), "first category by default");
    }

    async fn editor_imports_into_a_category_at_a_date_and_same_titles_get_new_slugs(db: TestDb) {
        let s = &db.store;
        bootstrap_site(s, true).await.unwrap();
        let before = s.portal().latest_articles(100).await.unwrap().len();
        let err = s
            .imports()
            .import_article(&seed(), &ImportOptions { category_slug: Some("khong-co".into()), published_at: None })
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::UnknownCategory(ref c) if c == "khong-co"), "{err:?}");
        assert_eq!(s.portal().latest_articles(100).await.unwrap().len(), before, "nothing half-imported");

        let when = Utc::now() - Duration::days(400);
        let opts = ImportOptions { category_slug: Some("dan-van-kheo".into()), published_at: Some(when) };
        let one = imported_slug(s, &synthetic("Đường làng sáng – xanh", "Một."), &opts).await;
        let two = imported_slug(s, &synthetic("Đường làng sáng – xanh", "Hai."), &opts).await;
        assert_eq!(one, "duong-lang-sang-xanh");
        assert_eq!(two, "duong-lang-sang-xanh-2");
        let a = s.portal().article_by_slug(&two).await.unwrap().unwrap();
        assert_eq!(a.category.unwrap().slug, "dan-van-kheo");
        assert_eq!(a.published_at.unwrap().timestamp(), when.timestamp());
    }

    async fn reader_does_not_see_articles_dated_in_the_future(db: TestDb) {
        let s = &db.store;
        bootstrap_site(s, false).await.unwrap();
        let opts = ImportOptions { category_slug: None, published_at: Some(Utc::now() + Duration::hours(2)) };
        let slug = imported_slug(s, &synthetic("Tin hẹn giờ", "Sẽ đăng sau."), &opts).await;
        assert!(s.portal().article_by_slug(&slug).await.unwrap().is_none(), "{}", db.label);
        assert!(s.portal().article_stamp(&slug).await.unwrap().is_none());
        assert!(s.portal().latest_articles(10).await.unwrap().is_empty());
    }

    async fn visitor_rates_an_article_once(db: TestDb) {
        let s = &db.store;
        bootstrap_site(s, true).await.unwrap();
        let slug = imported_slug(s, &seed(), &ImportOptions::default()).await;
        let stamp = s.portal().article_stamp(&slug).await.unwrap().unwrap();
        let five = Score::new(5).unwrap();
        assert_eq!(s.ratings().rate_article(stamp.id, five, &keys("v1", "c1")).await.unwrap(), RatingSummary { sum: 5, count: 1 });
        for (v, c) in [("v1", "c1"), ("v1", "c2")] {
            let e = s.ratings().rate_article(stamp.id, Score::new(1).unwrap(), &keys(v, c)).await.unwrap_err();
            assert!(matches!(e, StoreError::Rule(ErrorCode::RatingAlreadyVoted)), "{} {v} {c}: {e:?}", db.label);
        }
        let after = s.portal().article_stamp(&slug).await.unwrap().unwrap();
        assert_eq!(after.rating, RatingSummary { sum: 5, count: 1 }, "refused votes change nothing");
        assert_eq!(after.version, stamp.version + 1);
        // a fresh visitor behind the same address and browser is counted
        assert_eq!(
            s.ratings().rate_article(stamp.id, Score::new(3).unwrap(), &keys("v2", "c1")).await.unwrap(),
            RatingSummary { sum: 8, count: 2 }
        );
        let e = s.ratings().rate_article(999_999, five, &keys("v3", "c3")).await.unwrap_err();
        assert!(matches!(e, StoreError::Rule(ErrorCode::ArticleNotFound)));
    }

    async fn readers_behind_one_shared_address_each_vote_once(db: TestDb) {
        let s = &db.store;
        bootstrap_site(s, true).await.unwrap();
        let slug = imported_slug(s, &seed(), &ImportOptions::default()).await;
        let id = s.portal().article_stamp(&slug).await.unwrap().unwrap().id;
        for i in 0..danvan_domain::rating::CLIENT_VOTES_PER_HOUR {
            let r = s.ratings().rate_article(id, Score::new(4).unwrap(), &keys(&format!("fresh{i}"), "school")).await;
            assert_eq!(r.unwrap().count, i as i64 + 1, "{} visitor {i}", db.label);
        }
        let e = s.ratings().rate_article(id, Score::new(4).unwrap(), &keys("fresh-21", "school")).await.unwrap_err();
        assert!(matches!(e, StoreError::Rule(ErrorCode::RateLimited)), "{}: {e:?}", db.label);
        // another address is not limited by the school's votes
        assert_eq!(s.ratings().rate_article(id, Score::new(2).unwrap(), &keys("home", "home")).await.unwrap().count, 21);
    }

    async fn reader_pages_through_a_category_and_sees_related_articles(db: TestDb) {
        let s = &db.store;
        bootstrap_site(s, true).await.unwrap();
        let cat = s.units().category_by_slug("van-ban-chi-dao").await.unwrap().unwrap();
        let base = Utc::now() - Duration::days(30);
        for i in 0..22 {
            let opts = ImportOptions { category_slug: Some(cat.slug.clone()), published_at: Some(base + Duration::hours(i)) };
            imported_slug(s, &synthetic(&format!("Văn bản số {i}"), &format!("Nội dung {i}.")), &opts).await;
        }
        // the sample site has one article in this category too: 23 in all
        let (p1, total) = s.portal().category_articles(cat.id, 1, 10).await.unwrap();
        let (p3, _) = s.portal().category_articles(cat.id, 3, 10).await.unwrap();
        let (p4, _) = s.portal().category_articles(cat.id, 4, 10).await.unwrap();
        assert_eq!(total, 23, "{}", db.label);
        assert_eq!(p1.len(), 10);
        assert_eq!(p3.len(), 3);
        assert!(p4.is_empty());
        assert!(p1[0].is_sample, "the sample article is the newest");
        assert_eq!(p1[1].title, "Văn bản số 21");
        assert_eq!(p3[2].title, "Văn bản số 0");
        let newest = s.portal().newest_in_category(p1[1].id, Some(cat.id), 5).await.unwrap();
        assert_eq!(newest.len(), 5);
        assert!(newest.iter().all(|r| r.id != p1[1].id && r.category_id == Some(cat.id)));
        assert!(newest[0].is_sample);
        assert_eq!(newest[1].title, "Văn bản số 20");
        // ranked: the sample shares too little with "Văn bản số 21"; equal scores go newest first
        let related = s.portal().related_articles(p1[1].id, Some(cat.id), 5).await.unwrap();
        assert_eq!(related.iter().map(|r| r.title.as_str()).collect::<Vec<_>>(), [
            "Văn bản số 20",
            "Văn bản số 19",
            "Văn bản số 18",
            "Văn bản số 17",
            "Văn bản số 16"
        ]);
    }
}
