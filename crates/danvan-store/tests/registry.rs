//! The registry's store on SQLite and PostgreSQL: the import creates,
//! updates and leaves alone by unit and code, a dry run writes nothing,
//! and the grouped statistics equal the record-by-record tally (with
//! evaluations over several years, commendations and replication) for the
//! whole site and for one unit's subtree.

use danvan_domain::registry::values::ImportRow;
use danvan_domain::registry::values::CommendationText;
use danvan_domain::registry::{CommendationForm, Effectiveness, Field, Holder, ModelKind, Period};
use danvan_store::entity::{org_unit, registry_model, registry_phase_fact};
use danvan_store::{Actor, bootstrap_site};
use danvan_testing::{TestDb, backend_tests};
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};

fn row(i: usize, unit: &str, period: Period) -> ImportRow {
    let fields = Field::ALL;
    let evaluation = match i % 5 {
        0 => None,
        1 => Some((Effectiveness::NotYetEffective, period.start)),
        2 | 3 => Some((Effectiveness::Effective, period.end)),
        _ => Some((Effectiveness::Outstanding, period.end)),
    };
    ImportRow {
        row: i + 2,
        code: format!("M-{i}"),
        name: format!("Mô hình {i}"),
        kind: if i.is_multiple_of(3) { ModelKind::Exemplar } else { ModelKind::Model },
        holder: if i.is_multiple_of(2) { Holder::Collective } else { Holder::Individual },
        field: fields[i % 4],
        unit: unit.to_owned(),
        period,
        registered_on: None,
        launched_on: None,
        evaluation,
        commendation: (i.is_multiple_of(7)).then(|| CommendationText {
            form: CommendationForm::Certificate,
            proposed: i.is_multiple_of(14),
            decision: Some(format!("{i}/QĐ-UBND")),
            text: String::new(),
        }),
        public: None,
    }
}

async fn phase_rows(s: &danvan_store::Store) -> Vec<registry_phase_fact::Model> {
    use sea_orm::QueryOrder;
    registry_phase_fact::Entity::find()
        .order_by_asc(registry_phase_fact::Column::ModelId)
        .order_by_asc(registry_phase_fact::Column::PhaseStart)
        .all(s.connection())
        .await
        .unwrap()
}

backend_tests! {
    async fn statistics_equal_the_tally_and_imports_are_idempotent(db: TestDb) {
        bootstrap_site(&db.store, true).await.unwrap().unwrap();
        let s = &db.store;
        let cli = Actor::command_line();
        let units = ["Đảng ủy xã Mẫu Sơn", "Hội Nông dân xã Mẫu Sơn", "Ban Tuyên giáo và Dân vận Tỉnh ủy"];
        let periods = [Period::year(2022), Period::year(2023), Period { start: 2021, end: 2025 }];
        let rows: Vec<ImportRow> = (0..90).map(|i| row(i, units[i % 3], periods[(i / 3) % 3])).collect();

        let dry = s.registry().import_rows(&cli, rows.clone(), true, &mut |_| {}).await.unwrap();
        assert_eq!((dry.created, dry.updated, dry.unchanged), (90, 0, 0), "{}", db.label);
        assert_eq!(registry_model::Entity::find().all(s.connection()).await.unwrap().len(), 0, "a dry run writes nothing");

        let first = s.registry().import_rows(&cli, rows.clone(), false, &mut |_| {}).await.unwrap();
        assert_eq!((first.created, first.updated, first.unchanged), (90, 0, 0));
        let again = s.registry().import_rows(&cli, rows.clone(), false, &mut |_| {}).await.unwrap();
        assert_eq!((again.created, again.updated, again.unchanged), (0, 0, 90), "{}", db.label);
        let mut changed = rows.clone();
        changed[4].name = "Mô hình 4 (đổi tên)".into();
        changed[5].evaluation = Some((Effectiveness::Outstanding, 2024));
        let third = s.registry().import_rows(&cli, changed, false, &mut |_| {}).await.unwrap();
        assert_eq!((third.created, third.updated, third.unchanged), (0, 2, 88));

        // the facts are kept by every import: grouped equals naive already
        for period in [Period::year(2023), Period { start: 2021, end: 2025 }] {
            assert_eq!(s.registry().statistics(period, None).await.unwrap(), s.registry().statistics_naive(period, None).await.unwrap(), "{period} {}", db.label);
        }

        // replication: three copies of record 4 (2023), two of them in 2023
        let all = registry_model::Entity::find().all(s.connection()).await.unwrap();
        let source = all.iter().find(|m| m.code == "M-4").unwrap().id;
        for m in all.iter().filter(|m| ["M-10", "M-13", "M-16"].contains(&m.code.as_str())) {
            let mut a = m.clone().into_active_model();
            a.replicated_from_id = Set(Some(source));
            a.update(s.connection()).await.unwrap();
        }
        // written behind the store's back: the facts are rebuilt
        assert_eq!(s.registry().rebuild_facts().await.unwrap(), 90, "{}", db.label);

        let commune = org_unit::Entity::find().all(s.connection()).await.unwrap().into_iter().find(|u| u.name == "Đảng ủy xã Mẫu Sơn").unwrap().id;
        // 2021-2025 is a plan phase (kept ready), 2022-2024 and 2019-2023 are folded on request
        let phases = [Period { start: 2021, end: 2025 }, Period { start: 2022, end: 2024 }, Period { start: 2019, end: 2023 }];
        for period in [Period::year(2021), Period::year(2022), Period::year(2023), Period::year(2024)].into_iter().chain(phases) {
            for unit in [None, Some(commune)] {
                let grouped = s.registry().statistics(period, unit).await.unwrap();
                let naive = s.registry().statistics_naive(period, unit).await.unwrap();
                assert_eq!(grouped, naive, "{period} {unit:?} {}", db.label);
            }
        }
        // the plan phase's rows folded in SQL from the year facts (what
        // migration 11 does) equal the ones the store keeps
        let kept = phase_rows(s).await;
        assert_eq!(s.registry().fold_phase_facts().await.unwrap(), kept.len() as u64, "{}", db.label);
        assert_eq!(phase_rows(s).await, kept, "{}", db.label);
        assert_eq!(kept.iter().filter(|r| r.phase_start == 2021).count(), 90, "every record has a year in 2021-2025");

        let b = s.registry().statistics(Period::year(2023), None).await.unwrap();
        // 2023: the 30 rows of 2023 plus the 30 of 2021-2025
        assert_eq!(b.total.registered, 60, "{}", db.label);
        assert_eq!(b.total.replicated, 1, "{}", db.label);
        assert!(b.total.effective > 0 && b.total.outstanding > 0 && b.total.proposed > 0);
        let commune_only = s.registry().statistics(Period::year(2023), Some(commune)).await.unwrap();
        // the commune's subtree holds its own records and the Hội Nông dân's
        assert_eq!(commune_only.total.registered, 40, "{}", db.label);
        // the unit's code is its own: the same code in another unit is another record
        let other = vec![ImportRow { unit: units[1].to_owned(), ..rows[0].clone() }];
        let r = s.registry().import_rows(&cli, other, false, &mut |_| {}).await.unwrap();
        assert_eq!(r.created, 1);
    }
}

mod records {
    use danvan_domain::editorial::{Grant, Role};
    use danvan_domain::registry::{Effectiveness, Field, Holder, ModelKind, NewRecord, Period};
    use danvan_store::{Actor, NewUser, RecordFilter, Store, StoreError, bootstrap_site};
    use danvan_testing::{TestDb, backend_tests};

    async fn staff(s: &Store, admin: &Actor, name: &str, role: Role, unit: i32) -> Actor {
        let id = s
            .accounts()
            .create_user(admin, &NewUser { username: name.into(), display_name: name.into(), password: "mat-khau-tam-thoi-dai".into(), org_unit_id: Some(unit), grants: vec![Grant { role, unit_id: unit }] })
            .await
            .unwrap();
        let a = s.accounts().sign_in(name, "mat-khau-tam-thoi-dai", "addr", None, None).await.unwrap().actor;
        s.accounts().set_password(&a, id, Some("mat-khau-tam-thoi-dai"), "mat-khau-rieng-cua-toi").await.unwrap();
        s.accounts().sign_in(name, "mat-khau-rieng-cua-toi", "addr", None, None).await.unwrap().actor
    }

    fn person(unit: i32, code: &str, public: bool) -> NewRecord {
        NewRecord {
            code: code.into(),
            name: format!("Điển hình {code}"),
            kind: Some(ModelKind::Exemplar),
            holder: Some(Holder::Individual),
            field: Some(Field::DefenceSecurity),
            unit_id: Some(unit),
            period: Some(Period::year(2023)),
            person_name: "Nguyễn Thị Bảo Mật".into(),
            person_position: "Trưởng thôn".into(),
            is_public: public,
            launched_on: chrono::NaiveDate::from_ymd_opt(2023, 3, 1),
            ..Default::default()
        }
    }

    backend_tests! {
        async fn scopes_approval_and_personal_data(db: TestDb) {
            let site = bootstrap_site(&db.store, true).await.unwrap().unwrap();
            let s = &db.store;
            let admin = s.accounts().sign_in(&site.admin_username, &site.admin_password, "a", None, None).await.unwrap().actor;
            let units = s.units().org_units().await.unwrap();
            let root = units.iter().find(|u| u.parent_id.is_none()).unwrap().id;
            let a = units.iter().find(|u| u.name == "Đảng ủy xã Mẫu Sơn").unwrap().id;
            let b = s.units().create_unit(&admin, Some(root), "Đảng ủy xã Bình An", "commune").await.unwrap();
            let officer_a = staff(s, &admin, "canboxaa", Role::UnitOfficer, a).await;
            let officer_b = staff(s, &admin, "canboxab", Role::UnitOfficer, b).await;
            let keeper = staff(s, &admin, "theodoi", Role::RegistryOfficer, root).await;

            let in_a = s.registry().register(&officer_a, &person(a, "A-1", true)).await.unwrap();
            let in_b = s.registry().register(&officer_b, &person(b, "B-1", false)).await.unwrap();
            // a unit officer of one commune may not register in, nor see, another's
            assert!(matches!(s.registry().register(&officer_a, &person(b, "A-2", true)).await, Err(StoreError::Rule(danvan_domain::ErrorCode::Forbidden))), "{}", db.label);
            assert!(s.registry().record_view(Some(&officer_a), in_b).await.unwrap().is_none());
            assert!(matches!(s.registry().evaluate(&officer_a, in_a, 2023, Effectiveness::Effective, "").await, Err(StoreError::Rule(danvan_domain::ErrorCode::Forbidden))), "a unit officer does not evaluate");
            // the same code twice in one unit is refused
            assert!(matches!(s.registry().register(&officer_a, &person(a, "A-1", true)).await, Err(StoreError::Field { field: "code", .. })));

            // the district keeper sees both, evaluates them
            let (rows, total) = s.registry().records(&keeper, &RecordFilter::default(), 1, 20).await.unwrap();
            assert_eq!(total, 2, "{}", db.label);
            assert_eq!(rows.len(), 2);
            let (rows, _) = s.registry().records(&officer_a, &RecordFilter::default(), 1, 20).await.unwrap();
            assert_eq!(rows.iter().map(|r| r.id).collect::<Vec<_>>(), [in_a]);
            s.registry().evaluate(&keeper, in_a, 2023, Effectiveness::Outstanding, "Hiệu quả rõ").await.unwrap();
            s.registry().evaluate(&keeper, in_b, 2023, Effectiveness::Effective, "").await.unwrap();
            let seen = s.registry().record_view(Some(&keeper), in_a).await.unwrap().unwrap();
            assert_eq!(seen.person_name.as_deref(), Some("Nguyễn Thị Bảo Mật"));
            assert_eq!(seen.status, "operating", "the first evaluation moves it to operating");
            assert_eq!(seen.evaluations[0].effectiveness, "outstanding");
            let lines: Vec<&str> = seen.history.iter().map(|h| h.summary.as_str()).collect();
            assert_eq!(lines, ["Đánh giá năm 2023: tiêu biểu", "Đăng ký: A-1 – Điển hình A-1"], "{}", db.label);

            // the public: a unit officer's registration waits for approval, and
            // personal data never shows
            assert!(!seen.approved, "registered by a unit officer");
            assert!(s.registry().record_view(None, in_a).await.unwrap().is_none());
            let by_keeper = s.registry().register(&keeper, &person(a, "A-3", true)).await.unwrap();
            let public = s.registry().record_view(None, by_keeper).await.unwrap().expect("approved and public");
            assert_eq!(public.person_name, None);
            assert_eq!(public.person_position, None);
            assert!(public.history.is_empty());
            assert!(s.registry().record_view(None, in_b).await.unwrap().is_none(), "not public");
        }

        async fn editing_and_conversion_keep_links_and_history(db: TestDb) {
            let site = bootstrap_site(&db.store, true).await.unwrap().unwrap();
            let s = &db.store;
            let admin = s.accounts().sign_in(&site.admin_username, &site.admin_password, "a", None, None).await.unwrap().actor;
            let units = s.units().org_units().await.unwrap();
            let root = units.iter().find(|u| u.parent_id.is_none()).unwrap().id;
            let a = units.iter().find(|u| u.name == "Đảng ủy xã Mẫu Sơn").unwrap().id;
            let b = s.units().create_unit(&admin, Some(root), "Đảng ủy xã Bình An", "commune").await.unwrap();
            let officer_a = staff(s, &admin, "canboxaa", Role::UnitOfficer, a).await;
            let keeper = staff(s, &admin, "theodoi", Role::RegistryOfficer, root).await;
            let id = s.registry().register(&officer_a, &person(a, "A-1", true)).await.unwrap();
            let v0 = s.registry().record_view(Some(&keeper), id).await.unwrap().unwrap();

            // an edit names the fields it changed; the same values again write nothing
            let mut edited = person(a, "A-1", true);
            edited.name = "  Điển hình   “Dân vận khéo” A-1 ".into();
            edited.period = Some(Period { start: 2023, end: 2025 });
            edited.parts.insert("goals".into(), "Giảm 50% hộ nghèo".into());
            s.registry().update(&officer_a, id, &edited, v0.version).await.unwrap();
            let v1 = s.registry().record_view(Some(&keeper), id).await.unwrap().unwrap();
            assert_eq!(v1.name, "Điển hình “Dân vận khéo” A-1", "{}", db.label);
            assert_eq!(v1.period, "2023-2025");
            assert_eq!(v1.parts.get("goals").map(String::as_str), Some("Giảm 50% hộ nghèo"));
            assert_eq!(v1.history[0].summary, "Sửa: Tên, Kỳ, Nội dung đăng ký", "{}", db.label);
            s.registry().update(&officer_a, id, &edited, v1.version).await.unwrap();
            assert_eq!(s.registry().record_view(Some(&keeper), id).await.unwrap().unwrap().history.len(), v1.history.len(), "no change, no line");
            // a form opened before that edit saves nothing
            let mut stale = edited.clone();
            stale.area = "Thôn Nà Pàn".into();
            let r = s.registry().update(&officer_a, id, &stale, v0.version).await;
            assert!(matches!(r, Err(StoreError::Field { field: "version", code: "registry.edited_elsewhere" })), "{r:?} {}", db.label);
            assert_eq!(s.registry().record_view(Some(&keeper), id).await.unwrap().unwrap().area, "");
            // moving it to another commune needs the right there too
            let mut moved = edited.clone();
            moved.unit_id = Some(b);
            let r = s.registry().update(&officer_a, id, &moved, v1.version).await;
            assert!(matches!(r, Err(StoreError::Rule(danvan_domain::ErrorCode::Forbidden))), "{r:?}");
            // a code the unit already has is refused
            s.registry().register(&officer_a, &person(a, "A-2", true)).await.unwrap();
            let mut taken = edited.clone();
            taken.code = "A-2".into();
            assert!(matches!(s.registry().update(&officer_a, id, &taken, v1.version).await, Err(StoreError::Field { field: "code", .. })));

            // evaluation years: not before the period, not in a year not begun
            s.registry().approve(&keeper, id).await.unwrap();
            let r = s.registry().evaluate(&keeper, id, 2022, Effectiveness::Effective, "").await;
            assert!(matches!(r, Err(StoreError::Field { field: "year", code: "registry.evaluation_before_period" })), "{r:?}");
            let next_year = chrono::Datelike::year(&danvan_domain::time::vietnam_today()) + 1;
            let r = s.registry().evaluate(&keeper, id, next_year, Effectiveness::Effective, "").await;
            assert!(matches!(r, Err(StoreError::Field { field: "year", code: "registry.evaluation_in_future" })), "{r:?}");
            s.registry().evaluate(&keeper, id, 2024, Effectiveness::Effective, "").await.unwrap();

            // converting goes through `convert` only, which needs a successor
            let r = s.registry().move_to(&keeper, id, danvan_domain::registry::Status::Converted, "").await;
            assert!(matches!(r, Err(StoreError::Field { field: "status", code: "registry.convert_needs_successor" })), "{r:?}");
            let mut successor = person(a, "A-1B", true);
            successor.name = "Mô hình “Tổ tự quản an ninh” A-1B".into();
            successor.field = Some(Field::PoliticalSystem);
            successor.period = Some(Period::year(2025));
            assert!(matches!(s.registry().convert(&officer_a, id, &successor).await, Err(StoreError::Rule(danvan_domain::ErrorCode::Forbidden))), "a unit officer does not convert");
            let next = s.registry().convert(&keeper, id, &successor).await.unwrap();
            let old = s.registry().record_view(Some(&keeper), id).await.unwrap().unwrap();
            let new = s.registry().record_view(Some(&keeper), next).await.unwrap().unwrap();
            assert_eq!(old.status, "converted", "{}", db.label);
            assert_eq!(old.converted_to, Some((next, "Mô hình “Tổ tự quản an ninh” A-1B".to_owned())));
            assert_eq!(new.converted_from, vec![(id, old.name.clone())]);
            assert_eq!(old.history[0].summary, "Chuyển đổi thành A-1B", "{}", db.label);
            assert_eq!(new.history[0].summary, format!("Chuyển đổi từ “{}”", old.name));
            assert_eq!(old.evaluations.len(), 1, "the old record keeps its evaluations");
            // converted is final, and the statistics still count the old record in its years
            let r = s.registry().convert(&keeper, id, &person(a, "A-1C", true)).await;
            assert!(matches!(r, Err(StoreError::Field { field: "status", code: "registry.move_refused" })), "{r:?}");
            for period in [Period::year(2024), Period::year(2025), Period { start: 2021, end: 2025 }] {
                assert_eq!(s.registry().statistics(period, None).await.unwrap(), s.registry().statistics_naive(period, None).await.unwrap(), "{period} {}", db.label);
            }
            assert_eq!(s.registry().statistics(Period::year(2025), None).await.unwrap().total.registered, 2, "A-1 (2023-2025) and A-1B; A-2 is of 2023");
        }

        async fn what_a_new_user_tried(db: TestDb) {
            use danvan_domain::registry::values::ImportRow;
            let site = bootstrap_site(&db.store, true).await.unwrap().unwrap();
            let s = &db.store;
            let l = db.label;
            let admin = s.accounts().sign_in(&site.admin_username, &site.admin_password, "a", None, None).await.unwrap().actor;
            let cli = Actor::command_line();
            let units = s.units().org_units().await.unwrap();
            let root = units.iter().find(|u| u.parent_id.is_none()).unwrap().id;
            let mau = units.iter().find(|u| u.name == "Đảng ủy xã Mẫu Sơn").unwrap().id;
            // a commune whose name differs only by its marks
            let mau2 = s.units().create_unit(&admin, Some(root), "Đảng ủy xã Mậu Sơn", "commune").await.unwrap();
            let row = |code: &str, unit: &str| ImportRow {
                row: 2,
                code: code.into(),
                name: format!("Mô hình {code}"),
                kind: ModelKind::Model,
                holder: Holder::Collective,
                field: Field::Economy,
                unit: unit.into(),
                period: Period::year(2024),
                registered_on: chrono::NaiveDate::from_ymd_opt(2024, 1, 5),
                launched_on: chrono::NaiveDate::from_ymd_opt(2024, 2, 5),
                evaluation: None,
                commendation: None,
                public: None,
            };
            // written with its marks, each name finds its own unit; without them, both match
            let rows = vec![row("MH-01", "Đảng ủy xã Mẫu Sơn"), ImportRow { row: 3, ..row("MH-01", "Đảng ủy xã Mậu Sơn") }, ImportRow { row: 4, ..row("MH-02", "Dang uy xa Mau Son") }];
            let r = s.registry().import_rows(&cli, rows, false, &mut |_| {}).await.unwrap();
            assert_eq!(r.created, 2, "{l}: the same code in two units is two records: {:?}", r.problems);
            assert_eq!(r.problems.iter().map(|p| (p.row, p.code)).collect::<Vec<_>>(), [(4, "registry.import.unit_ambiguous")]);
            use sea_orm::EntityTrait;
            let all = danvan_store::entity::registry_model::Entity::find().all(s.connection()).await.unwrap();
            assert!(all.iter().any(|m| m.org_unit_id == mau) && all.iter().any(|m| m.org_unit_id == mau2));
            // an empty launch date on re-import keeps the stored one; a future evaluation year is refused
            let again = vec![ImportRow { launched_on: None, name: "Mô hình MH-01".into(), ..row("mh-01", "Đảng ủy xã Mẫu Sơn") }];
            let r = s.registry().import_rows(&cli, again, false, &mut |_| {}).await.unwrap();
            assert_eq!((r.created, r.updated, r.unchanged), (0, 0, 1), "{l}: mh-01 is MH-01, and an empty date changes nothing");
            let next_year = chrono::Datelike::year(&danvan_domain::time::vietnam_today()) + 1;
            let future = vec![ImportRow { evaluation: Some((Effectiveness::Effective, next_year)), ..row("MH-01", "Đảng ủy xã Mẫu Sơn") }];
            let r = s.registry().import_rows(&cli, future, false, &mut |_| {}).await.unwrap();
            assert_eq!(r.problems.iter().map(|p| (p.column, p.code)).collect::<Vec<_>>(), [("nam_danh_gia", "registry.evaluation_in_future")], "{l}");
            let later = danvan_domain::time::vietnam_today().succ_opt();
            let r = s.registry().import_rows(&cli, vec![ImportRow { launched_on: later, ..row("MH-09", "Đảng ủy xã Mẫu Sơn") }], false, &mut |_| {}).await.unwrap();
            assert_eq!(r.problems.iter().map(|p| (p.column, p.code)).collect::<Vec<_>>(), [("ngay_ra_mat", "registry.date_in_future")], "{l}");

            // a unit officer's edit of an approved record waits for approval again
            let officer = staff(s, &admin, "canboxaa", Role::UnitOfficer, mau).await;
            let keeper = staff(s, &admin, "theodoi", Role::RegistryOfficer, root).await;
            let id = s.registry().register(&keeper, &person(mau, "DH-7", true)).await.unwrap();
            let v = s.registry().record_view(Some(&keeper), id).await.unwrap().unwrap();
            assert!(v.approved && s.registry().record_view(None, id).await.unwrap().is_some());
            let mut edited = person(mau, "DH-7", true);
            edited.name = "Tên sửa sau duyệt".into();
            s.registry().update(&officer, id, &edited, v.version).await.unwrap();
            let v = s.registry().record_view(Some(&keeper), id).await.unwrap().unwrap();
            assert!(!v.approved, "{l}");
            assert_eq!(v.history[0].summary, "Sửa: Tên; lý do: chờ duyệt lại", "{l}");
            assert!(s.registry().record_view(None, id).await.unwrap().is_none(), "not public until approved again");
            s.registry().approve(&keeper, id).await.unwrap();
            // the keeper's own edit keeps it approved
            let v = s.registry().record_view(Some(&keeper), id).await.unwrap().unwrap();
            edited.area = "Thôn 2".into();
            s.registry().update(&keeper, id, &edited, v.version).await.unwrap();
            assert!(s.registry().record_view(Some(&keeper), id).await.unwrap().unwrap().approved);

            // commendations: not for a year before the period nor one not begun, no future decision date
            use danvan_domain::registry::CommendationForm as F;
            let r = s.registry().commend(&keeper, id, true, F::Praise, 2020, "", None, "").await;
            assert!(matches!(r, Err(StoreError::Field { field: "year", code: "registry.evaluation_before_period" })), "{r:?}");
            let r = s.registry().commend(&keeper, id, true, F::Praise, next_year, "", None, "").await;
            assert!(matches!(r, Err(StoreError::Field { field: "year", code: "registry.evaluation_in_future" })), "{r:?}");
            let r = s.registry().commend(&keeper, id, false, F::Certificate, 2023, "45/QĐ-UBND", later, "").await;
            assert!(matches!(r, Err(StoreError::Field { field: "decided_on", .. })), "{r:?}");
            let r = s.registry().commend(&keeper, id, false, F::Certificate, 2023, "@@@###", None, "").await;
            assert!(matches!(r, Err(StoreError::Field { field: "decision_number", code: "registry.decision_invalid" })), "{r:?}");
            s.registry().commend(&keeper, id, false, F::Certificate, 2023, "Số 45/QĐ-UBND ngày 15/3/2023", chrono::NaiveDate::from_ymd_opt(2023, 3, 15), "").await.unwrap();
            assert_eq!(s.registry().record_view(Some(&keeper), id).await.unwrap().unwrap().commendations[0].decision_number, "45/QĐ-UBND");

            // replication never copies the person, and not to a period before the source's
            let r = s.registry().replicate(&keeper, id, mau2, "DH-7B", Period::year(2022), ("Người Mới", "")).await;
            assert!(matches!(r, Err(StoreError::Field { field: "period", code: "registry.copy_before_source" })), "{r:?}");
            let r = s.registry().replicate(&keeper, id, mau2, "DH-7B", Period::year(2024), ("", "")).await;
            assert!(matches!(r, Err(StoreError::Field { field: "person_name", .. })), "an individual's copy needs its own person: {r:?}");
            let copy = s.registry().replicate(&keeper, id, mau2, "DH-7B", Period::year(2024), ("Hoàng Văn Người Mới", "Bí thư chi đoàn")).await.unwrap();
            let c = s.registry().record_view(Some(&keeper), copy).await.unwrap().unwrap();
            assert_eq!(c.person_name.as_deref(), Some("Hoàng Văn Người Mới"), "{l}");
        }
    }
}
