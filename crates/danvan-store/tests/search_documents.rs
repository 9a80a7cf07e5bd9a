//! The document library in the site search, on SQLite and (with
//! DANVAN_TEST_POSTGRES_URL) PostgreSQL: a document found by its number in
//! any spelling and by the words of its title and summary, ranked with the
//! articles, and the kind, category and date filters.

use chrono::{NaiveDate, TimeZone, Utc};
use danvan_docref::{DocNumber, DocType};
use danvan_domain::documents::DocStatus;
use danvan_store::{NewDocument, SearchFilter, SearchHit, SearchKind, Store, bootstrap_site};
use danvan_testing::{TestDb, backend_tests};

fn doc(number: &str, t: DocType, issuer: &str, date: (i32, u32, u32), summary: &str) -> NewDocument {
    NewDocument {
        number: DocNumber::parse(number).unwrap(),
        doc_type: t,
        issuer_name: issuer.to_owned(),
        signer: None,
        issued_on: NaiveDate::from_ymd_opt(date.0, date.1, date.2),
        effective_on: None,
        summary: summary.to_owned(),
        status: DocStatus::InForce,
    }
}

async fn hits(s: &Store, q: &str, kind: Option<SearchKind>) -> Vec<SearchHit> {
    s.search().query(q, &SearchFilter { kind, ..Default::default() }, 1, 50).await.unwrap().hits
}

/// Slugs of the document hits.
fn documents(h: &[SearchHit]) -> Vec<String> {
    h.iter().filter_map(|h| h.document().map(|d| d.slug.clone())).collect()
}

backend_tests! {
    async fn reader_finds_documents_beside_articles(db: TestDb) {
        let s = &db.store;
        let l = db.label;
        bootstrap_site(s, true).await.unwrap();
        s.glossary().ensure_glossary(danvan_text::abbrev::DEFAULT_GLOSSARY).await.unwrap();
        let plan = s
            .documents()
            .add_document(&doc(
                "136-KH/HU",
                DocType::KeHoach,
                "Ban Thường vụ Huyện ủy",
                (2023, 7, 25),
                "Thực hiện phong trào thi đua “Dân vận khéo” giai đoạn 2023 - 2025",
            ))
            .await
            .unwrap();
        let directive = s.documents().add_document(&doc("18-CT/TU", DocType::ChiThi, "Ban Thường vụ Tỉnh ủy", (2023, 6, 21), "Về tiếp tục nâng cao hiệu quả phong trào thi đua “Dân vận khéo” trên địa bàn tỉnh"))
            .await
            .unwrap();
        assert_eq!(s.search().ensure_search_index().await.unwrap(), 0, "{l}: indexed when added");

        for q in ["136-KH/HU", "kh 136", "136 kh hu", "KH 136", "136/HU", "Kế hoạch 136"] {
            let found = hits(s, q, None).await;
            assert_eq!(documents(&found), std::slice::from_ref(&plan.slug), "{l}: {q:?}");
            assert_eq!(found[0].kind(), SearchKind::Document, "{l}: {q:?} ranks the document first");
            assert_eq!(documents(&hits(s, q, Some(SearchKind::Document)).await), std::slice::from_ref(&plan.slug), "{l}: {q:?}");
            assert!(hits(s, q, Some(SearchKind::Article)).await.is_empty(), "{l}: {q:?} only articles");
        }
        assert!(documents(&hits(s, "137-KH/HU", None).await).is_empty(), "{l}: another number");

        // title words and summary words together, articles beside it
        let both = hits(s, "ke hoach dan van kheo", None).await;
        assert_eq!(documents(&both), std::slice::from_ref(&plan.slug), "{l}: only the plan has “kế hoạch”");
        let only = hits(s, "ke hoach dan van kheo", Some(SearchKind::Document)).await;
        assert_eq!(only.len(), 1, "{l}");
        let d = only[0].document().unwrap();
        assert_eq!((d.type_name.as_str(), d.number_text.as_str()), ("Kế hoạch", "136-KH/HU"));
        assert_eq!(d.issued_on, NaiveDate::from_ymd_opt(2023, 7, 25));
        let marked: Vec<&str> = only[0].snippet().iter().filter(|p| p.marked).map(|p| p.text.as_str()).collect();
        assert_eq!(marked, ["Dân vận khéo"], "{l}: the summary, highlighted: {:?}", only[0].snippet());
        let articles = hits(s, "dân vận khéo", Some(SearchKind::Article)).await;
        assert!(!articles.is_empty() && articles.iter().all(|h| h.article().is_some()), "{l}");
        let all = hits(s, "dân vận khéo", None).await;
        assert_eq!(all.len(), articles.len() + 2, "{l}: articles and both documents");
        assert!(all.windows(2).all(|w| w[0].score() >= w[1].score()), "{l}: one ranking");

        // documents have no category
        let section = s.units().category_by_slug("dan-van-kheo").await.unwrap().unwrap();
        let f = SearchFilter { category_id: Some(section.id), ..Default::default() };
        let in_section = s.search().query("dân vận khéo", &f, 1, 50).await.unwrap();
        assert!(!in_section.hits.is_empty() && in_section.hits.iter().all(|h| h.article().is_some()), "{l}");
        let f = SearchFilter { category_id: Some(section.id), kind: Some(SearchKind::Document), ..Default::default() };
        assert_eq!(s.search().query("136-KH/HU", &f, 1, 50).await.unwrap().total, 0, "{l}");

        // dated by the issue day, 00:00 in Vietnam
        let day = Utc.with_ymd_and_hms(2023, 7, 24, 17, 0, 0).unwrap();
        let f = SearchFilter { from: Some(day), kind: Some(SearchKind::Document), ..Default::default() };
        assert_eq!(s.search().query("dân vận khéo", &f, 1, 50).await.unwrap().total, 1, "{l}: from the issue day");
        let f = SearchFilter { until: Some(day), kind: Some(SearchKind::Document), ..Default::default() };
        let before = s.search().query("dân vận khéo", &f, 1, 50).await.unwrap();
        assert_eq!(documents(&before.hits), std::slice::from_ref(&directive.slug), "{l}: before the issue day");
    }
}
