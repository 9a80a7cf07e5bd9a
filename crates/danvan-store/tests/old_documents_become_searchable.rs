//! A library from before documents were searchable, on SQLite and (with
//! DANVAN_TEST_POSTGRES_URL) PostgreSQL: after an upgrade its documents are
//! indexed by `ensure_search_index`, once.

use danvan_docref::{DocNumber, DocType};
use danvan_domain::documents::DocStatus;
use danvan_store::entity::search_doc;
use danvan_store::{KIND_DOCUMENT, NewDocument, SearchFilter};
use danvan_testing::{TestDb, backend_tests};
use sea_orm::{ColumnTrait, Database, EntityTrait, QueryFilter};

backend_tests! {
    async fn upgrade_makes_documents_from_before_search_findable(db: TestDb) {
        let s = &db.store;
        // The store keeps its connections to itself; a second one reaches the
        // index rows directly.
        let raw = Database::connect(db.url()).await.unwrap();
        let d = s
            .documents()
            .add_document(&NewDocument {
                number: DocNumber::parse("136-KH/HU").unwrap(),
                doc_type: DocType::KeHoach,
                issuer_name: "Ban Thường vụ Huyện ủy".into(),
                signer: None,
                issued_on: chrono::NaiveDate::from_ymd_opt(2023, 7, 25),
                effective_on: None,
                summary: "Thực hiện phong trào thi đua “Dân vận khéo”".into(),
                status: DocStatus::InForce,
            })
            .await
            .unwrap();
        let row = search_doc::Entity::find().filter(search_doc::Column::Kind.eq(KIND_DOCUMENT)).one(&raw).await.unwrap().unwrap();
        assert_eq!((row.title.as_str(), row.lead.as_str(), row.extra.as_str()), ("ke hoach 136 kh hu", "ban thuong vu huyen uy", "136 hu kh"));
        assert_eq!(row.category_id, None);
        assert_eq!(row.published_at.unwrap().to_rfc3339(), "2023-07-24T17:00:00+00:00");
        // the library as it was before documents were searchable
        search_doc::Entity::delete_many().exec(&raw).await.unwrap();
        let _ = raw.close().await;
        // ...and its search engine, as the start-up check finds it
        s.search().check_engine().await.unwrap();
        assert!(s.search().query("136-KH/HU", &SearchFilter::default(), 1, 10).await.unwrap().hits.is_empty(), "{}", db.label);
        assert_eq!(s.search().ensure_search_index().await.unwrap(), 1, "{}", db.label);
        assert_eq!(s.search().ensure_search_index().await.unwrap(), 0, "{}", db.label);
        let found = s.search().query("136-KH/HU", &SearchFilter::default(), 1, 10).await.unwrap();
        assert_eq!(found.hits.iter().filter_map(|h| h.document()).map(|x| x.id).collect::<Vec<_>>(), [d.id], "{}", db.label);
    }
}
