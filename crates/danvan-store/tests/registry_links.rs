//! Articles linked to registry records, and records in site search, on
//! SQLite and PostgreSQL: links follow the article's save (in its
//! transaction, audited), refused references name each item and change
//! nothing, the editor's scope limits what may be linked, the public sees
//! approved public records and published articles only; an approved
//! public record is found by a word of its registration parts with and
//! without marks, an unapproved or non-public one never, and a person's
//! name is in no search entry.

use danvan_domain::editorial::{Grant, Role, Transition};
use danvan_domain::registry::links::{ModelRef, RefProblem, parse_refs};
use danvan_domain::registry::values::ImportRow;
use danvan_domain::registry::{Field, Holder, ModelKind, NewRecord, Period};
use danvan_store::entity::{registry_model, search_doc};
use danvan_store::{Actor, ArticleInput, ModelLinkChange, NewUser, SearchFilter, SearchHit, SearchKind, Store, StoreError, bootstrap_site};
use danvan_testing::{TestDb, backend_tests};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, Set};

async fn staff(s: &Store, admin: &Actor, name: &str, grants: Vec<Grant>) -> Actor {
    let unit = grants[0].unit_id;
    let id = s
        .accounts()
        .create_user(admin, &NewUser { username: name.into(), display_name: name.into(), password: "mat-khau-tam-thoi-dai".into(), org_unit_id: Some(unit), grants })
        .await
        .unwrap();
    let a = s.accounts().sign_in(name, "mat-khau-tam-thoi-dai", "addr", None, None).await.unwrap().actor;
    s.accounts().set_password(&a, id, Some("mat-khau-tam-thoi-dai"), "mat-khau-rieng-cua-toi").await.unwrap();
    s.accounts().sign_in(name, "mat-khau-rieng-cua-toi", "addr", None, None).await.unwrap().actor
}

fn record(unit: i32, code: &str, name: &str, public: bool, content: &str) -> NewRecord {
    NewRecord {
        code: code.into(),
        name: name.into(),
        kind: Some(ModelKind::Exemplar),
        holder: Some(Holder::Individual),
        field: Some(Field::Economy),
        unit_id: Some(unit),
        period: Some(Period::year(2023)),
        person_name: "Nguyễn Thị Bảo Mật".into(),
        person_position: "Trưởng thôn Kon Bỉ".into(),
        parts: [("content".to_owned(), content.to_owned())].into_iter().collect(),
        is_public: public,
        launched_on: chrono::NaiveDate::from_ymd_opt(2023, 3, 1),
        ..Default::default()
    }
}

fn add(text: &str) -> ModelLinkChange {
    let (add, problems) = parse_refs(text);
    assert!(problems.is_empty(), "{problems:?}");
    ModelLinkChange { add, remove: Vec::new() }
}

fn ids(models: &[danvan_store::LinkedModel]) -> Vec<i32> {
    models.iter().map(|m| m.id).collect()
}

async fn found(s: &Store, q: &str, kind: Option<SearchKind>) -> Vec<i32> {
    let page = s.search().query(q, &SearchFilter { kind, ..Default::default() }, 1, 20).await.unwrap();
    page.hits
        .iter()
        .filter_map(|h| match h {
            SearchHit::Model { model, .. } => Some(model.id),
            _ => None,
        })
        .collect()
}

backend_tests! {
    async fn links_follow_the_save_within_the_editors_scope(db: TestDb) {
        let site = bootstrap_site(&db.store, true).await.unwrap().unwrap();
        let s = &db.store;
        let l = db.label;
        let admin = s.accounts().sign_in(&site.admin_username, &site.admin_password, "a", None, None).await.unwrap().actor;
        let units = s.units().org_units().await.unwrap();
        let root = units.iter().find(|u| u.parent_id.is_none()).unwrap().id;
        let a = units.iter().find(|u| u.name == "Đảng ủy xã Mẫu Sơn").unwrap().id;
        let b = s.units().create_unit(&admin, Some(root), "Đảng ủy xã Bình An", "commune").await.unwrap();
        // an editor of commune A who may also see its registry; one who may not
        let editor = staff(s, &admin, "bientapa", vec![Grant { role: Role::Editor, unit_id: a }, Grant { role: Role::UnitOfficer, unit_id: a }]).await;
        let plain = staff(s, &admin, "bientapthuong", vec![Grant { role: Role::Editor, unit_id: a }]).await;
        let officer = staff(s, &admin, "canboxaa", vec![Grant { role: Role::UnitOfficer, unit_id: a }]).await;

        let shown = s.registry().register(&admin, &record(a, "MH-01", "Tổ tự quản đường làng", true, "Thắp sáng đường quê")).await.unwrap();
        let in_b = s.registry().register(&admin, &record(b, "MH-01", "Mô hình xã Bình An", true, "Chợ phiên")).await.unwrap();
        let private = s.registry().register(&admin, &record(a, "MH-02", "Mô hình nội bộ", false, "Sổ tay")).await.unwrap();
        let pending = s.registry().register(&officer, &record(a, "MH-03", "Mô hình chờ duyệt", true, "Bếp ăn")).await.unwrap();

        // created with its records: by number and by unit/code (any case, slug or name)
        let input = ArticleInput { title: "Đường làng sáng đèn".into(), body_html: "<p>Bà con góp sức thắp sáng đường quê.</p>".into(), org_unit_id: Some(a), ..Default::default() };
        let change = add(&format!("#{shown}, dang-uy-xa-mau-son/mh-02\nĐảng ủy xã Mẫu Sơn/MH-03; {shown}"));
        let art = s.articles().create_article_with_models(&editor, input.clone(), &change).await.unwrap();
        let (linked, hidden) = s.registry().article_models_for(&editor, art).await.unwrap();
        assert_eq!((ids(&linked), hidden), (vec![shown, private, pending], 0), "{l}");
        assert_eq!(linked[0].field, "kinh tế");
        assert_eq!(linked[0].unit_name, "Đảng ủy xã Mẫu Sơn");

        // every refused item is named, and the save changes nothing
        let before = s.articles().article_for_edit(art).await.unwrap().unwrap();
        let change = add(&format!("#{in_b}, #999999, xa-khong-co/MH-01, dang-uy-xa-mau-son/MH-99"));
        let e = s.articles().update_article_with_models(&editor, art, before.version, ArticleInput { title: "Tiêu đề mới".into(), ..input.clone() }, &change).await.unwrap_err();
        let StoreError::Items { field, problems } = e else { panic!("{l}: {e:?}") };
        assert_eq!(field, "models");
        assert_eq!(
            problems,
            [
                RefProblem { item: format!("#{in_b}"), code: "registry.link.forbidden" },
                RefProblem { item: "#999999".into(), code: "registry.link.not_found" },
                RefProblem { item: "xa-khong-co/MH-01".into(), code: "registry.link.unit_unknown" },
                RefProblem { item: "dang-uy-xa-mau-son/MH-99".into(), code: "registry.link.not_found" },
            ],
            "{l}"
        );
        let after = s.articles().article_for_edit(art).await.unwrap().unwrap();
        assert_eq!((after.version, after.title.as_str()), (before.version, "Đường làng sáng đèn"), "{l}: one transaction");
        assert_eq!(ids(&s.registry().article_models_for(&editor, art).await.unwrap().0), [shown, private, pending]);

        // the public sees the approved public record only; the draft is on no public page
        assert_eq!(ids(&s.registry().article_models_public(art).await.unwrap()), [shown], "{l}");
        assert!(s.registry().model_articles_public(shown).await.unwrap().is_empty(), "{l}: a draft");
        s.articles().transition_article(&admin, art, Transition::Publish, None, None).await.unwrap();
        let public = s.registry().model_articles_public(shown).await.unwrap();
        assert_eq!(public.iter().map(|a| a.title.as_str()).collect::<Vec<_>>(), ["Đường làng sáng đèn"], "{l}");
        assert!(public[0].published_at.is_some());
        assert!(s.registry().model_articles_public(private).await.unwrap().is_empty(), "{l}: not public");
        assert!(s.registry().model_articles_public(pending).await.unwrap().is_empty(), "{l}: not approved");
        // the back office lists articles of any status the reader may see, newest first
        let draft = s.articles().create_article_with_models(&editor, ArticleInput { title: "Bản nháp về đường làng".into(), body_html: "<p>Nháp.</p>".into(), org_unit_id: Some(a), ..Default::default() }, &add(&format!("#{shown}"))).await.unwrap();
        let listed = s.registry().model_articles_for(&admin, shown).await.unwrap();
        assert_eq!(listed.iter().map(|a| (a.id, a.status)).collect::<Vec<_>>(), [(art, "published"), (draft, "draft")], "{l}");
        assert!(s.registry().model_articles_for(&officer, shown).await.unwrap().is_empty(), "{l}: a unit officer sees no articles");

        // an editor without the registry right: the links are kept, not shown, not removable
        let v = s.articles().article_for_edit(art).await.unwrap().unwrap().version;
        // (a published article is the approver's: the editor's rights on the article come first)
        let e = s.articles().update_article_with_models(&editor, art, v, ArticleInput { title: "Đường làng sáng đèn".into(), ..input.clone() }, &add(&format!("#{shown}"))).await.unwrap_err();
        assert!(matches!(e, StoreError::Rule(danvan_domain::ErrorCode::Forbidden)), "{l}: {e:?}");
        let v = s.articles().article_for_edit(draft).await.unwrap().unwrap().version;
        let draft_input = ArticleInput { title: "Bản nháp về đường làng".into(), body_html: "<p>Nháp hai.</p>".into(), org_unit_id: Some(a), ..Default::default() };
        s.articles().update_article_with_models(&plain, draft, v, draft_input.clone(), &ModelLinkChange::default()).await.unwrap();
        assert_eq!(s.registry().article_models_for(&plain, draft).await.unwrap(), (vec![], 1), "{l}");
        let v = s.articles().article_for_edit(draft).await.unwrap().unwrap().version;
        let e = s.articles().update_article_with_models(&plain, draft, v, draft_input.clone(), &ModelLinkChange { add: vec![], remove: vec![shown] }).await.unwrap_err();
        assert!(matches!(&e, StoreError::Items { problems, .. } if problems == &[RefProblem { item: format!("#{shown}"), code: "registry.link.forbidden" }]), "{l}: {e:?}");

        // unlinking, audited with the link
        let v = s.articles().article_for_edit(art).await.unwrap().unwrap().version;
        s.articles().update_article_with_models(&admin, art, v, ArticleInput { title: "Đường làng sáng đèn".into(), ..input.clone() }, &ModelLinkChange { add: vec![ModelRef::Id { text: format!("#{in_b}"), id: in_b }], remove: vec![shown, private] }).await.unwrap();
        assert_eq!(ids(&s.registry().article_models_for(&admin, art).await.unwrap().0), [pending, in_b], "{l}");
        assert_eq!(ids(&s.registry().article_models_public(art).await.unwrap()), [in_b]);
        assert!(s.registry().model_articles_public(shown).await.unwrap().is_empty(), "{l}: unlinked");
        let (log, _) = s.audit_log().entries(&admin, Some(("article", art)), 1, 50).await.unwrap();
        let lines: Vec<&str> = log.iter().map(|e| e.summary.as_str()).filter(|s| s.contains("mô hình")).collect();
        assert!(lines.contains(&format!("Gắn mô hình #{shown} Tổ tự quản đường làng").as_str()), "{l}: {lines:?}");
        assert!(lines.contains(&format!("Bỏ gắn mô hình #{shown} Tổ tự quản đường làng").as_str()), "{l}: {lines:?}");
        assert!(lines.contains(&format!("Gắn mô hình #{in_b} Mô hình xã Bình An").as_str()), "{l}: {lines:?}");
        assert_eq!(lines.len(), 6, "{l}: four links, two unlinks: {lines:?}");
        // a person's name or position is in no view of a link
        let json = serde_json::to_string(&s.registry().article_models_for(&admin, art).await.unwrap().0).unwrap();
        assert!(!json.contains("Bảo Mật") && !json.contains("Trưởng thôn"), "{json}");
    }

    async fn approved_public_records_are_searched_and_no_person_is(db: TestDb) {
        let site = bootstrap_site(&db.store, true).await.unwrap().unwrap();
        let s = &db.store;
        let l = db.label;
        let admin = s.accounts().sign_in(&site.admin_username, &site.admin_password, "a", None, None).await.unwrap().actor;
        let units = s.units().org_units().await.unwrap();
        let a = units.iter().find(|u| u.name == "Đảng ủy xã Mẫu Sơn").unwrap().id;
        let officer = staff(s, &admin, "canboxaa", vec![Grant { role: Role::UnitOfficer, unit_id: a }]).await;
        let coffee = s.registry().register(&admin, &record(a, "MH-01", "Vườn cà phê kiểu mẫu", true, "Vận động đồng bào trồng xen mắc ca dưới tán cà phê")).await.unwrap();
        let private = s.registry().register(&admin, &record(a, "MH-02", "Vườn sầu riêng", false, "Ghép cải tạo sầu riêng")).await.unwrap();
        let pending = s.registry().register(&officer, &record(a, "MH-03", "Vườn hồ tiêu", true, "Tưới nhỏ giọt cho hồ tiêu")).await.unwrap();

        // a word of the registration parts, with and without marks; its own kind
        for q in ["mắc ca", "mac ca", "xen mac", "dưới tán"] {
            assert_eq!(found(s, q, None).await, [coffee], "{l}: {q:?}");
        }
        assert_eq!(found(s, "Vườn cà phê", Some(SearchKind::Model)).await, [coffee], "{l}: by its name");
        assert_eq!(found(s, "Đảng ủy xã Mẫu Sơn kinh tế", Some(SearchKind::Model)).await, [coffee], "{l}: by field and unit");
        assert!(s.search().query("mắc ca", &SearchFilter { kind: Some(SearchKind::Article), ..Default::default() }, 1, 20).await.unwrap().hits.is_empty());
        let page = s.search().query("mac ca", &SearchFilter::default(), 1, 20).await.unwrap();
        let SearchHit::Model { model, snippet, .. } = &page.hits[0] else { panic!("{l}") };
        assert_eq!((model.name.as_str(), model.field.as_str(), model.kind.as_str(), model.unit_name.as_str(), model.period.as_str()), ("Vườn cà phê kiểu mẫu", "kinh tế", "điển hình", "Đảng ủy xã Mẫu Sơn", "2023"));
        assert!(snippet.iter().any(|p| p.marked && p.text.contains("mắc")), "{snippet:?}");

        // never a non-public or unapproved record, never a person
        for q in ["sầu riêng", "sau rieng", "hồ tiêu", "ho tieu", "Bảo Mật", "bao mat", "Trưởng thôn Kon Bỉ"] {
            assert!(found(s, q, None).await.is_empty(), "{l}: {q:?}");
            assert!(found(s, q, Some(SearchKind::Model)).await.is_empty(), "{l}: {q:?}");
        }
        let docs = search_doc::Entity::find().filter(search_doc::Column::Kind.eq("model")).all(s.connection()).await.unwrap();
        assert_eq!(docs.iter().map(|d| d.ref_id).collect::<Vec<_>>(), [coffee], "{l}");
        for d in &docs {
            let all = format!("{} {} {} {}", d.title, d.lead, d.body, d.extra);
            assert!(!all.contains("bao mat") && !all.contains("truong thon"), "{l}: {all}");
        }

        // approval indexes it, in the approval's transaction
        s.registry().approve(&admin, pending).await.unwrap();
        assert_eq!(found(s, "ho tieu", None).await, [pending], "{l}");

        // an import that renames a public record re-indexes it
        let row = ImportRow {
            row: 2,
            code: "MH-01".into(),
            name: "Vườn cà phê xanh".into(),
            kind: ModelKind::Exemplar,
            holder: Holder::Individual,
            field: Field::Economy,
            unit: "Đảng ủy xã Mẫu Sơn".into(),
            period: Period::year(2023),
            registered_on: None,
            launched_on: chrono::NaiveDate::from_ymd_opt(2023, 3, 1),
            evaluation: None,
            commendation: None,
            public: None,
        };
        let r = s.registry().import_rows(&Actor::command_line(), vec![row.clone()], false, &mut |_| {}).await.unwrap();
        assert_eq!(r.updated, 1, "{l}");
        assert_eq!(found(s, "ca phe xanh", None).await, [coffee], "{l}");
        assert!(found(s, "kieu mau", None).await.is_empty(), "{l}: the old name is gone");
        // the sheet's cong_khai column takes it off the public site and back
        let hidden = ImportRow { public: Some(false), ..row.clone() };
        assert_eq!(s.registry().import_rows(&Actor::command_line(), vec![hidden], false, &mut |_| {}).await.unwrap().updated, 1);
        assert!(found(s, "ca phe xanh", None).await.is_empty(), "{l}: not public, not in search");
        let shown = ImportRow { public: Some(true), ..row };
        assert_eq!(s.registry().import_rows(&Actor::command_line(), vec![shown], false, &mut |_| {}).await.unwrap().updated, 1);
        assert_eq!(found(s, "ca phe xanh", None).await, [coffee], "{l}");

        // changed behind the store's back: ensure_search_index repairs both ways
        let m = registry_model::Entity::find_by_id(coffee).one(s.connection()).await.unwrap().unwrap();
        let mut hide = m.into_active_model();
        hide.is_public = Set(false);
        hide.update(s.connection()).await.unwrap();
        let m = registry_model::Entity::find_by_id(private).one(s.connection()).await.unwrap().unwrap();
        let mut show = m.into_active_model();
        show.is_public = Set(true);
        show.update(s.connection()).await.unwrap();
        assert_eq!(s.search().ensure_search_index().await.unwrap(), 2, "{l}");
        assert!(found(s, "mac ca", None).await.is_empty(), "{l}");
        assert_eq!(found(s, "sau rieng", None).await, [private], "{l}");
        assert_eq!(s.search().ensure_search_index().await.unwrap(), 0, "{l}: once");
    }
}
