//! The document library on SQLite and (with DANVAN_TEST_POSTGRES_URL)
//! PostgreSQL: the seed's six citations linked to their documents, numbers
//! found in any spelling, relations both ways, files checked by content.

use chrono::NaiveDate;
use danvan_docref::{DocNumber, DocType};
use danvan_domain::ErrorCode;
use danvan_domain::documents::{DocStatus, RelationKind};
use danvan_store::{DocumentFilter, FileStore, ImportOptions, ImportOutcome, NewDocument, Store, StoreError, bootstrap_site};
use danvan_testing::{TestDb, backend_tests};

const SEED: &str = "../../../shared/seeds/000_717bb114bfc50511.txt";
const SEED_SLUG: &str = "phat-huy-hieu-qua-tu-phong-trao-thi-dua-dan-van-kheo-tren-dia-ban-huyen-kon-ray";

fn doc(number: &str, t: DocType, issuer: &str, date: Option<(i32, u32, u32)>, summary: &str) -> NewDocument {
    NewDocument {
        number: DocNumber::parse(number).unwrap(),
        doc_type: t,
        issuer_name: issuer.to_owned(),
        signer: None,
        issued_on: date.map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap()),
        effective_on: None,
        summary: summary.to_owned(),
        status: DocStatus::InForce,
    }
}

/// The six documents the seed cites, plus the 2003 Resolution 25-NQ/TW that
/// shares its number with the 2013 one.
fn six() -> Vec<NewDocument> {
    vec![
        doc("136-KH/HU", DocType::KeHoach, "Ban Thường vụ Huyện ủy", Some((2023, 7, 25)), "Kế hoạch thực hiện Chỉ thị số 18-CT/TU"),
        doc("18-CT/TU", DocType::ChiThi, "Ban Thường vụ Tỉnh ủy", Some((2023, 6, 21)), "Về tiếp tục nâng cao hiệu quả phong trào thi đua “Dân vận khéo” trên địa bàn tỉnh"),
        doc("62-CTr/HU", DocType::ChuongTrinh, "Ban Chấp hành Đảng bộ huyện", Some((2013, 10, 8)), "Thực hiện các nghị quyết Hội nghị Trung ương 7 (khóa XI)"),
        doc("25-NQ/TW", DocType::NghiQuyet, "Ban Chấp hành Trung ương", Some((2013, 6, 3)), "Về tăng cường và đổi mới sự lãnh đạo của Đảng đối với công tác dân vận trong tình hình mới"),
        doc("217-QĐ/TW", DocType::QuyetDinh, "Bộ Chính trị", Some((2013, 12, 12)), "Ban hành Quy chế giám sát và phản biện xã hội của Mặt trận Tổ quốc Việt Nam và các đoàn thể chính trị - xã hội"),
        doc("218-QĐ/TW", DocType::QuyetDinh, "Bộ Chính trị", Some((2013, 12, 12)), "Quy định về việc Mặt trận Tổ quốc Việt Nam, các đoàn thể chính trị - xã hội và Nhân dân tham gia góp ý xây dựng Đảng, xây dựng chính quyền"),
    ]
}

async fn import_seed(s: &Store) {
    let a = danvan_import::parse(&std::fs::read(SEED).unwrap()).unwrap();
    assert!(matches!(s.imports().import_article(&a, &ImportOptions::default()).await.unwrap(), ImportOutcome::Imported { .. }));
}

backend_tests! {
    async fn librarian_adds_the_documents_the_seed_cites(db: TestDb) {
        let s = &db.store;
        bootstrap_site(s, true).await.unwrap();
        let older = s.documents().add_document(&doc("25-NQ/TW", DocType::NghiQuyet, "Ban Chấp hành Trung ương", Some((2003, 3, 12)), "Về công tác tôn giáo")).await.unwrap();
        import_seed(s).await;
        let missing = s.documents().missing_documents().await.unwrap();
        assert_eq!(
            missing.iter().map(|m| m.number_text.as_str()).collect::<Vec<_>>(),
            ["136-KH/HU", "18-CT/TU", "62-CTr/HU", "25-NQ/TW", "217-QĐ/TW", "218-QĐ/TW"],
            "{}: documents to add, the 2003 resolution is not the one cited",
            db.label
        );
        assert_eq!(missing[0].quote, "Kế hoạch số136-KH/HU, ngày 25/7/2023");
        assert_eq!(missing[0].dated, NaiveDate::from_ymd_opt(2023, 7, 25));

        let article = s.portal().article_stamp(SEED_SLUG).await.unwrap().unwrap();
        let mut added = Vec::new();
        for d in six() {
            added.push(s.documents().add_document(&d).await.unwrap());
        }
        assert!(s.documents().missing_documents().await.unwrap().is_empty(), "{}", db.label);
        let links = s.documents().article_document_links(article.id).await.unwrap();
        assert_eq!(links.len(), 6);
        for d in &added {
            assert!(links.iter().any(|(n, _, slug)| n == &d.number_text && slug == &d.slug), "{} not linked", d.number_text);
            let page = s.documents().document_by_slug(&d.slug).await.unwrap().unwrap();
            assert_eq!(page.cited_by.iter().map(|a| a.slug.as_str()).collect::<Vec<_>>(), [SEED_SLUG], "{}", d.number_text);
        }
        let page = s.documents().document_by_slug(&older.slug).await.unwrap().unwrap();
        assert!(page.cited_by.is_empty(), "the 2003 resolution is not cited");
        assert!(article.version < s.portal().article_stamp(SEED_SLUG).await.unwrap().unwrap().version, "article pages renewed");

        let e = s.documents().add_document(&six()[0]).await.unwrap_err();
        assert!(matches!(e, StoreError::Rule(ErrorCode::DocumentDuplicate)), "{e:?}");
    }

    async fn librarian_finds_relates_and_attaches_files_to_documents(db: TestDb) {
        let s = &db.store;
        bootstrap_site(s, false).await.unwrap();
        let mut ids = Vec::new();
        for d in six() {
            ids.push(s.documents().add_document(&d).await.unwrap());
        }
        let find = |q: &str| DocumentFilter { query: Some(q.to_owned()), ..Default::default() };
        for q in ["136-KH/HU", "136/HU", "KH 136", "kh136", "136-kh/hu"] {
            let (found, n) = s.documents().list(&find(q), 1, 20).await.unwrap();
            assert_eq!(n, 1, "{}: {q}", db.label);
            assert_eq!(found[0].number_text, "136-KH/HU");
        }
        let (found, _) = s.documents().list(&find("dân vận khéo"), 1, 20).await.unwrap();
        assert_eq!(found.iter().map(|d| d.number_text.as_str()).collect::<Vec<_>>(), ["18-CT/TU"]);
        let by_year = DocumentFilter { year: Some(2013), ..Default::default() };
        assert_eq!(s.documents().list(&by_year, 1, 20).await.unwrap().1, 4);
        let by_issuer = DocumentFilter { issuer: Some("HU".into()), ..Default::default() };
        assert_eq!(s.documents().list(&by_issuer, 1, 20).await.unwrap().1, 2);
        let (page, total) = s.documents().list(&DocumentFilter::default(), 1, 4).await.unwrap();
        assert_eq!((page.len(), total), (4, 6));
        assert_eq!(page[0].number_text, "136-KH/HU", "newest first");
        let (years, issuers) = s.documents().document_facets().await.unwrap();
        assert_eq!(years, [2023, 2013]);
        assert_eq!(issuers, ["HU", "TU", "TW"]);

        // the plan implements the directive; shown both ways
        s.documents().relate_documents(ids[0].id, ids[1].id, RelationKind::Implements).await.unwrap();
        let plan = s.documents().document_by_slug(&ids[0].slug).await.unwrap().unwrap();
        assert_eq!(plan.relations.len(), 1);
        assert_eq!(plan.relations[0].label_key, "document.rel.implements");
        assert_eq!(plan.relations[0].other.number_text, "18-CT/TU");
        let directive = s.documents().document_by_slug(&ids[1].slug).await.unwrap().unwrap();
        assert_eq!(directive.relations[0].label_key, "document.rel.implemented_by");
        s.documents().relate_documents(ids[4].id, ids[5].id, RelationKind::Replaces).await.unwrap();
        let replaced = s.documents().document_by_slug(&ids[5].slug).await.unwrap().unwrap();
        assert_eq!(replaced.document.status, "replaced");

        // one folder per backend: the SQLite and PostgreSQL runs of this test share the process
        let dir = std::env::temp_dir().join(format!("danvan-files-{}-{}", std::process::id(), danvan_domain::accounts::random_secret()));
        let files = FileStore::local(&dir).unwrap();
        let f = s.documents().attach_document_file(&files, ids[0].id, "136-KH-HU.pdf", b"%PDF-1.7\n% ke hoach\n".to_vec()).await.unwrap();
        assert_eq!(f.media_type, "application/pdf");
        let (meta, bytes) = s.documents().document_file(&files, ids[0].id, f.id).await.unwrap().unwrap();
        assert_eq!(meta.file_name, "136-KH-HU.pdf");
        assert_eq!(bytes, b"%PDF-1.7\n% ke hoach\n");
        assert!(s.documents().document_file(&files, ids[1].id, f.id).await.unwrap().is_none(), "a file belongs to its document");
        for (name, bytes) in [("shell.pdf", b"<?php system($_GET[1]);".to_vec()), ("rong.pdf", Vec::new())] {
            let e = s.documents().attach_document_file(&files, ids[0].id, name, bytes).await.unwrap_err();
            assert!(matches!(e, StoreError::Rule(ErrorCode::BadRequest)), "{name}");
        }
        let _ = std::fs::remove_dir_all(dir);
    }
}
