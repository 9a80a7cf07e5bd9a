//! The editorial back office on SQLite and (with DANVAN_TEST_POSTGRES_URL)
//! PostgreSQL: accounts and sessions, roles scoped to units, the workflow
//! with its audit log, revisions, scheduling with a lease.

use chrono::{Duration, Timelike};
use danvan_domain::editorial::{ArticleStatus, Grant, Role, Transition, WorkflowError};
use danvan_store::{Actor, ArticleInput, FigureInput, NewMedia, NewUser, SearchFilter, Store, StoreError, bootstrap_site, now};
use danvan_testing::{TestDb, backend_tests};

const ADDR: &str = "address-hash-1";

async fn admin(s: &Store) -> Actor {
    let site = bootstrap_site(s, true).await.unwrap().expect("new site");
    s.accounts().sign_in(&site.admin_username, &site.admin_password, ADDR, Some("test"), None).await.expect("admin signs in").actor
}

async fn user(s: &Store, admin: &Actor, name: &str, role: Role, unit: i32) -> Actor {
    let password = format!("mật-khẩu-dài-{}", name.len());
    s.accounts().create_user(
        admin,
        &NewUser {
            username: name.to_owned(),
            display_name: format!("Cán bộ {name}"),
            password: password.clone(),
            org_unit_id: Some(unit),
            grants: vec![Grant { role, unit_id: unit }],
        },
    )
    .await
    .unwrap();
    s.accounts().sign_in(name, &password, ADDR, None, None).await.unwrap().actor
}

fn draft(title: &str) -> ArticleInput {
    ArticleInput {
        title: title.to_owned(),
        lead: Some("Sa pô của bài viết.".to_owned()),
        body_html: "<p>Hội nghị đối thoại giữa người đứng đầu cấp ủy với Nhân dân xã Mẫu Sơn về đường liên thôn.</p>".to_owned(),
        byline: Some("Bài: Phóng viên".to_owned()),
        tags: vec!["Đối thoại".to_owned(), "đối thoại".to_owned(), "Nông thôn mới".to_owned()],
        ..Default::default()
    }
}

fn code(e: StoreError) -> String {
    e.code().to_owned()
}

backend_tests! {
    async fn writer_drafts_editor_submits_approver_publishes_with_audit(db: TestDb) {
        let s = &db.store;
        let admin = admin(s).await;
        let root = admin.org_unit_id.expect("admin has the root unit");
        let writer = user(s, &admin, "congtacvien", Role::Contributor, root).await;
        let editor = user(s, &admin, "bientap", Role::Editor, root).await;
        let approver = user(s, &admin, "nguoiduyet", Role::Approver, root).await;

        let id = s.articles().create_article(&writer, draft("Đối thoại với Nhân dân về đường liên thôn")).await.unwrap();
        let a = s.articles().article_for_edit(id).await.unwrap().unwrap();
        assert_eq!(a.status, "draft", "{}", db.label);
        assert_eq!(a.tags, vec!["Nông thôn mới".to_owned(), "Đối thoại".to_owned()], "duplicate tag folded, {}", db.label);
        assert_eq!(a.author_id, Some(writer.user_id));
        assert!(s.portal().article_by_slug(&a.slug).await.unwrap().is_none(), "a draft is not public");

        // The contributor can neither submit nor publish.
        for step in [Transition::Publish, Transition::Submit] {
            let e = s.articles().transition_article(&writer, id, step, None, None).await.unwrap_err();
            assert_eq!(code(e), "auth.forbidden", "{step:?} by contributor, {}", db.label);
        }
        // The editor cannot publish, but submits.
        assert_eq!(code(s.articles().transition_article(&editor, id, Transition::Publish, None, None).await.unwrap_err()), "auth.forbidden");
        assert_eq!(s.articles().transition_article(&editor, id, Transition::Submit, None, None).await.unwrap(), ArticleStatus::Submitted);
        // Once submitted the writer can no longer edit it.
        let e = s.articles().update_article(&writer, id, a.version + 1, draft("Sửa sau khi nộp")).await.unwrap_err();
        assert_eq!(code(e), "auth.forbidden");
        // Returning needs a comment.
        let e = s.articles().transition_article(&approver, id, Transition::Return, Some("  "), None).await.unwrap_err();
        assert!(matches!(e, StoreError::Workflow(WorkflowError::CommentRequired)), "{e:?}");
        assert_eq!(
            s.articles().transition_article(&approver, id, Transition::Return, Some("Bổ sung số hộ dân tham dự"), None).await.unwrap(),
            ArticleStatus::Returned
        );
        let a = s.articles().article_for_edit(id).await.unwrap().unwrap();
        assert_eq!(a.return_comment.as_deref(), Some("Bổ sung số hộ dân tham dự"));
        // The writer edits the returned draft; a stale form is refused.
        let mut fixed = draft("Đối thoại với Nhân dân về đường liên thôn");
        fixed.body_html = "<p>Hơn 137 hộ dân dự hội nghị đối thoại về đường liên thôn ở xã Mẫu Sơn.</p>".to_owned();
        assert_eq!(code(s.articles().update_article(&writer, id, a.version - 1, fixed.clone()).await.unwrap_err()), "article.conflict");
        s.articles().update_article(&writer, id, a.version, fixed).await.unwrap();
        s.articles().transition_article(&editor, id, Transition::Submit, None, None).await.unwrap();
        assert_eq!(s.articles().transition_article(&approver, id, Transition::Publish, None, None).await.unwrap(), ArticleStatus::Published);

        let a = s.articles().article_for_edit(id).await.unwrap().unwrap();
        let public = s.portal().article_by_slug(&a.slug).await.unwrap().expect("published article is public");
        assert!(public.body_html.contains("Hơn 137 hộ dân"), "{}", db.label);
        let hits = s.search().query("hon 137 ho dan", &SearchFilter::default(), 1, 10).await.unwrap();
        assert!(hits.total >= 1, "published article is searchable, {}", db.label);
        let (tagged, n) = s.portal().tag_articles(s.portal().tag_by_slug("doi-thoai").await.unwrap().unwrap().0, 1, 10).await.unwrap();
        assert_eq!((n, tagged[0].id), (1, id));

        let (log, _) = s.audit_log().entries(&approver, Some(("article", id)), 1, 50).await.unwrap();
        let steps: Vec<(String, String)> = log.iter().rev().map(|e| (e.action.clone(), e.username.clone())).collect();
        let expected: Vec<(String, String)> = [
            ("article.create", "congtacvien"),
            ("article.submit", "bientap"),
            ("article.return", "nguoiduyet"),
            ("article.update", "congtacvien"),
            ("article.submit", "bientap"),
            ("article.publish", "nguoiduyet"),
        ]
        .iter()
        .map(|(a, u)| (a.to_string(), u.to_string()))
        .collect();
        assert_eq!(steps, expected, "{}", db.label);
        // stored as a code with parameters, shown in the reader's language
        assert_eq!(log[0].summary, "Đăng bài (Chờ duyệt → Đã đăng)", "{}", db.label);
        assert_eq!(log[0].text(danvan_domain::messages::Lang::En), "Published (Submitted → Published)");

        // Unpublish takes it off the site and out of search.
        s.articles().transition_article(&approver, id, Transition::Unpublish, None, None).await.unwrap();
        assert!(s.portal().article_by_slug(&a.slug).await.unwrap().is_none());
        assert_eq!(s.search().query("hon 137 ho dan", &SearchFilter::default(), 1, 10).await.unwrap().total, 0, "{}", db.label);
    }

    async fn editors_and_approvers_act_only_inside_their_unit(db: TestDb) {
        let s = &db.store;
        let admin = admin(s).await;
        let root = admin.org_unit_id.unwrap();
        let commune = s.units().create_unit(&admin, Some(root), "Đảng ủy xã Đắk Ruồng", "commune").await.unwrap();
        let village = s.units().create_unit(&admin, Some(commune), "Chi bộ thôn 3", "village").await.unwrap();
        let other = s.units().create_unit(&admin, Some(root), "Ban Dân vận", "board").await.unwrap();
        let commune_approver = user(s, &admin, "duyetxa", Role::Approver, commune).await;
        let village_editor = user(s, &admin, "bientapthon", Role::Editor, village).await;
        let board_editor = user(s, &admin, "bientapban", Role::Editor, other).await;

        let id = s.articles().create_article(&village_editor, draft("Tin của thôn 3")).await.unwrap();
        assert_eq!(s.articles().article_for_edit(id).await.unwrap().unwrap().org_unit_id, village);
        let v = s.articles().article_for_edit(id).await.unwrap().unwrap().version;
        assert_eq!(code(s.articles().update_article(&board_editor, id, v, draft("Sửa của ban khác")).await.unwrap_err()), "auth.forbidden");
        s.articles().transition_article(&village_editor, id, Transition::Submit, None, None).await.unwrap();
        s.articles().transition_article(&commune_approver, id, Transition::Publish, None, None).await.unwrap();
        let (rows, _) = s.articles().back_office_articles(&board_editor, None, 1, 50).await.unwrap();
        assert!(rows.iter().all(|r| r.id != id), "another unit's editor does not list it, {}", db.label);
        let (rows, _) = s.articles().back_office_articles(&commune_approver, None, 1, 50).await.unwrap();
        assert!(rows.iter().any(|r| r.id == id));

        // Moving a unit under its own child is refused; deleting a used one too.
        assert_eq!(code(s.units().update_unit(&admin, commune, Some(village), "x").await.unwrap_err()), "unit.cycle");
        assert_eq!(code(s.units().delete_unit(&admin, village).await.unwrap_err()), "record.in_use");
        // Only administrators manage users.
        let e = s
            .accounts()
            .create_user(
                &commune_approver,
                &NewUser {
                    username: "moi".to_owned(),
                    display_name: "Mới".to_owned(),
                    password: "mot-mat-khau-dai".to_owned(),
                    org_unit_id: Some(commune),
                    grants: vec![],
                },
            )
            .await
            .unwrap_err();
        assert_eq!(code(e), "auth.forbidden");
    }

    async fn staff_sign_in_locks_after_failures_and_sessions_end_everywhere(db: TestDb) {
        let s = &db.store;
        let admin = admin(s).await;
        let root = admin.org_unit_id.unwrap();
        let u = user(s, &admin, "canbo", Role::Editor, root).await;
        assert!(u.must_change_password, "a new account changes its password first");

        // Unknown name and wrong password get the same answer.
        assert_eq!(code(s.accounts().sign_in("khongco", "mật-khẩu-dài-5", "a2", None, None).await.unwrap_err()), "auth.sign_in_failed");
        for _ in 0..4 {
            assert_eq!(code(s.accounts().sign_in("canbo", "sai-mat-khau", "a2", None, None).await.unwrap_err()), "auth.sign_in_failed");
        }
        // The fifth failure in a row locks the account, even for the right password.
        assert_eq!(code(s.accounts().sign_in("canbo", "sai-mat-khau", "a2", None, None).await.unwrap_err()), "auth.sign_in_failed");
        assert_eq!(code(s.accounts().sign_in("canbo", "mật-khẩu-dài-5", "a3", None, None).await.unwrap_err()), "auth.locked");
        // An administrator's reset unlocks it.
        s.accounts().set_password(&admin, u.user_id, None, "mat-khau-moi-2026").await.unwrap();
        assert!(s.accounts().session(&"0".repeat(64)).await.unwrap().is_none());
        let again = s.accounts().sign_in("CANBO ", "mat-khau-moi-2026", "a3", None, None).await.unwrap();
        assert!(again.actor.must_change_password);
        let me = s.accounts().session(&again.token).await.unwrap().expect("session valid");
        assert_eq!(me.username, "canbo");
        assert_eq!(me.grants, vec![Grant { role: Role::Editor, unit_id: root }]);
        // Changing one's own password needs the current one.
        assert_eq!(code(s.accounts().set_password(&me, me.user_id, Some("sai"), "mat-khau-rieng-cua-toi").await.unwrap_err()), "password.current_wrong");
        assert_eq!(code(s.accounts().set_password(&me, me.user_id, Some("mat-khau-moi-2026"), "ngan").await.unwrap_err()), "password.too_short");
        s.accounts().set_password(&me, me.user_id, Some("mat-khau-moi-2026"), "mat-khau-rieng-cua-toi").await.unwrap();
        let me = s.accounts().session(&again.token).await.unwrap().expect("own session survives a password change");
        assert!(!me.must_change_password);
        // Sign out everywhere ends every session.
        let second = s.accounts().sign_in("canbo", "mat-khau-rieng-cua-toi", "a4", None, None).await.unwrap();
        assert_eq!(s.accounts().sign_out_everywhere(&me).await.unwrap(), 2);
        assert!(s.accounts().session(&again.token).await.unwrap().is_none());
        assert!(s.accounts().session(&second.token).await.unwrap().is_none());
        // A disabled account cannot sign in.
        s.accounts().set_user_active(&admin, u.user_id, false).await.unwrap();
        assert_eq!(code(s.accounts().sign_in("canbo", "mat-khau-rieng-cua-toi", "a5", None, None).await.unwrap_err()), "auth.sign_in_failed");
        // Twenty failures from one address stop that address, whatever the name.
        for i in 0..20 {
            let _ = s.accounts().sign_in(&format!("ten{i}"), "x", "attacker", None, None).await;
        }
        assert_eq!(code(s.accounts().sign_in("admin", "x", "attacker", None, None).await.unwrap_err()), "request.rate_limited");
    }

    async fn editor_restores_an_old_revision_and_photos_need_alt_text(db: TestDb) {
        let s = &db.store;
        let admin = admin(s).await;
        let root = admin.org_unit_id.unwrap();
        let editor = user(s, &admin, "bientap", Role::Editor, root).await;
        let approver = user(s, &admin, "duyet", Role::Approver, root).await;
        let photo = s
            .media()
            .add_media(
                &editor,
                NewMedia {
                    kind: "image",
                    mime_type: "image/jpeg",
                    storage_key: "2026/11/abc/1600.jpg".to_owned(),
                    original_name: "IMG_0001.JPG".to_owned(),
                    size: 1000,
                    width: Some(1600),
                    height: Some(1067),
                    alt: String::new(),
                    caption: String::new(),
                    credit: None,
                    variants: vec![],
                    sha256: "00".to_owned(),
                },
            )
            .await
            .unwrap();
        let mut input = draft("Bài có ảnh");
        input.figures = vec![FigureInput { media_id: Some(photo.id), alt: String::new(), caption: "Quang cảnh hội nghị".to_owned(), credit: None }];
        let id = s.articles().create_article(&editor, input.clone()).await.unwrap();
        let v = s.articles().article_for_edit(id).await.unwrap().unwrap().version;
        input.title = "Bài có ảnh (sửa)".to_owned();
        s.articles().update_article(&editor, id, v, input.clone()).await.unwrap();
        let revs = s.articles().revisions(id).await.unwrap();
        assert_eq!(revs.iter().map(|r| r.number).collect::<Vec<_>>(), vec![2, 1], "{}", db.label);
        assert_eq!(revs[1].title, "Bài có ảnh");
        assert_eq!(revs[0].figures[0].caption, "Quang cảnh hội nghị");

        s.articles().transition_article(&editor, id, Transition::Submit, None, None).await.unwrap();
        let e = s.articles().transition_article(&approver, id, Transition::Publish, None, None).await.unwrap_err();
        assert!(matches!(e, StoreError::Workflow(WorkflowError::MissingAltText(1))), "{e:?}");

        s.articles().restore_revision(&editor, id, 1).await.unwrap();
        let a = s.articles().article_for_edit(id).await.unwrap().unwrap();
        assert_eq!(a.title, "Bài có ảnh");
        assert_eq!(s.articles().revisions(id).await.unwrap().len(), 3, "restoring adds a revision");

        input.title = a.title.clone();
        input.figures[0].alt = "Đại biểu phát biểu tại hội nghị".to_owned();
        s.articles().update_article(&editor, id, a.version, input).await.unwrap();
        assert_eq!(s.articles().transition_article(&approver, id, Transition::Publish, None, None).await.unwrap(), ArticleStatus::Published);
        let public = s.portal().article_by_slug(&a.slug).await.unwrap().unwrap();
        assert_eq!(public.figures[0].image_url.as_deref(), Some("/media/2026/11/abc/1600.jpg"));
        assert_eq!(public.figures[0].alt, "Đại biểu phát biểu tại hội nghị");
    }

    async fn editor_schedules_an_article_and_the_job_publishes_it_under_a_lease(db: TestDb) {
        let s = &db.store;
        let admin = admin(s).await;
        let id = s.articles().create_article(&admin, draft("Bài hẹn giờ")).await.unwrap();
        let past = now() - Duration::minutes(1);
        let e = s.articles().transition_article(&admin, id, Transition::Schedule, None, Some(past)).await.unwrap_err();
        assert!(matches!(e, StoreError::Workflow(WorkflowError::TimeNotInFuture)), "{e:?}");
        let at = (now() + Duration::seconds(2)).with_nanosecond(0).unwrap();
        assert_eq!(s.articles().transition_article(&admin, id, Transition::Schedule, None, Some(at)).await.unwrap(), ArticleStatus::Scheduled);
        let slug = s.articles().article_for_edit(id).await.unwrap().unwrap().slug;
        assert!(s.scheduler().publish_due(now()).await.unwrap().is_empty(), "not yet");
        assert!(s.portal().article_by_slug(&slug).await.unwrap().is_none());
        tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
        assert_eq!(s.scheduler().publish_due(now()).await.unwrap(), vec![slug.clone()], "{}", db.label);
        assert!(s.portal().article_by_slug(&slug).await.unwrap().is_some(), "public once published by the job, {}", db.label);
        assert!(s.articles().article_for_edit(id).await.unwrap().unwrap().status == "published");
        tokio::time::sleep(std::time::Duration::from_millis(1)).await;
        assert!(s.portal().article_stamp(&slug).await.unwrap().is_some() || now() < at, "{}", db.label);
        let (log, _) = s.audit_log().entries(&admin, Some(("article", id)), 1, 10).await.unwrap();
        assert_eq!((log[0].action.as_str(), log[0].username.as_str()), ("article.publish_scheduled", "scheduler"));

        // Leases: one holder at a time, renewable, taken over when expired.
        assert!(s.scheduler().acquire_lease("scheduler", "instance-a", 60).await.unwrap());
        assert!(!s.scheduler().acquire_lease("scheduler", "instance-b", 60).await.unwrap());
        assert!(s.scheduler().acquire_lease("scheduler", "instance-a", 60).await.unwrap());
        assert!(s.scheduler().acquire_lease("scheduler", "instance-a", -1).await.unwrap(), "renewed as already expired");
        assert!(s.scheduler().acquire_lease("scheduler", "instance-b", 60).await.unwrap(), "expired lease taken over");
    }

    async fn reader_sees_articles_sharing_a_tag_as_related(db: TestDb) {
        let s = &db.store;
        let admin = admin(s).await;
        let art = |title: &str, body: &str, tags: &[&str]| ArticleInput {
            title: title.to_owned(),
            body_html: format!("<p>{body}</p>"),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            ..Default::default()
        };
        // One shared title word: 3 (title) + 1 (body keyword) = 4, under the
        // threshold of 5; a shared tag adds 2.
        let a = s.articles().create_article(&admin, art("Mùa lúa chín", "Bà con gặt sớm.", &["Nông nghiệp"])).await.unwrap();
        let b = s.articles().create_article(&admin, art("Giống lúa mới", "Hợp tác xã thử nghiệm.", &["Nông nghiệp"])).await.unwrap();
        let c = s.articles().create_article(&admin, art("Lúa lai", "Cánh đồng mẫu.", &[])).await.unwrap();
        for id in [a, b, c] {
            s.articles().transition_article(&admin, id, Transition::Publish, None, None).await.unwrap();
        }
        let related: Vec<i32> = s.portal().related_articles(b, None, 5).await.unwrap().into_iter().map(|r| r.id).collect();
        assert!(related.contains(&a), "shared tag makes it related, {}: {related:?}", db.label);
        assert!(!related.contains(&c), "one shared word alone does not, {}: {related:?}", db.label);
    }

    async fn staff_member_signs_in_with_a_one_time_code(db: TestDb) {
        use danvan_domain::totp;
        let s = &db.store;
        let admin = admin(s).await;
        let root = admin.org_unit_id.unwrap();
        let u = user(s, &admin, "haibuoc", Role::Editor, root).await;
        let secret = s.accounts().start_totp(&u).await.unwrap();
        assert_eq!(s.accounts().start_totp(&u).await.unwrap(), secret, "the same secret until confirmed");
        let t = now().timestamp() as u64;
        assert_eq!(code(s.accounts().set_totp(&u, true, "000000").await.unwrap_err()), "totp.code_wrong");
        let c = totp::code_at(&secret, t).unwrap();
        s.accounts().set_totp(&u, true, &c).await.unwrap();
        let pw = "mật-khẩu-dài-7";
        assert_eq!(code(s.accounts().sign_in("haibuoc", pw, "t1", None, None).await.unwrap_err()), "auth.totp_required", "{}", db.label);
        assert_eq!(code(s.accounts().sign_in("haibuoc", pw, "t1", None, Some(&c)).await.unwrap_err()), "auth.sign_in_failed", "a code works once");
        let next = totp::code_at(&secret, t + 30).unwrap();
        let signed = s.accounts().sign_in("haibuoc", pw, "t1", None, Some(&next)).await.unwrap();
        assert!(signed.actor.totp_enabled);
        // The wrong password with a right code is still refused.
        let later = totp::code_at(&secret, t + 60).unwrap();
        assert_eq!(code(s.accounts().sign_in("haibuoc", "sai", "t1", None, Some(&later)).await.unwrap_err()), "auth.sign_in_failed");
        // An administrator's reset turns it off (lost phone).
        s.accounts().set_password(&admin, u.user_id, None, "mat-khau-dat-lai-2026").await.unwrap();
        assert!(s.accounts().sign_in("haibuoc", "mat-khau-dat-lai-2026", "t2", None, None).await.is_ok(), "{}", db.label);
    }

    async fn unit_administrator_manages_only_their_subtree(db: TestDb) {
        let s = &db.store;
        let admin = admin(s).await;
        let root = admin.org_unit_id.unwrap();
        let commune = s.units().create_unit(&admin, Some(root), "Đảng ủy xã", "commune").await.unwrap();
        let village = s.units().create_unit(&admin, Some(commune), "Chi bộ thôn 1", "village").await.unwrap();
        let other = s.units().create_unit(&admin, Some(root), "Ban Dân vận", "board").await.unwrap();
        let local_admin = user(s, &admin, "quantrixa", Role::Administrator, commune).await;
        // no new top-level unit, no move to the top or elsewhere, no deleting its own top
        assert_eq!(code(s.units().create_unit(&local_admin, None, "Gốc mới", "x").await.unwrap_err()), "auth.forbidden");
        assert_eq!(code(s.units().update_unit(&local_admin, commune, None, "Đảng ủy xã").await.unwrap_err()), "auth.forbidden");
        assert_eq!(code(s.units().update_unit(&local_admin, village, Some(other), "Chi bộ thôn 1").await.unwrap_err()), "auth.forbidden");
        assert_eq!(code(s.units().delete_unit(&local_admin, commune).await.unwrap_err()), "auth.forbidden");
        assert_eq!(code(s.units().create_unit(&local_admin, Some(99_999), "x", "x").await.unwrap_err()), "unit.parent_unknown");
        // inside its subtree it works
        let hamlet = s.units().create_unit(&local_admin, Some(village), "Tổ 2", "group").await.unwrap();
        s.units().update_unit(&local_admin, hamlet, Some(commune), "Tổ 2").await.unwrap();
        // categories are site-wide
        assert_eq!(code(s.units().create_category(&local_admin, "Chuyên mục xã", None).await.unwrap_err()), "auth.forbidden");
        // users of other units or without a unit are out of reach
        let board_user = user(s, &admin, "canbobandanvan", Role::Editor, other).await;
        assert_eq!(code(s.accounts().set_password(&local_admin, board_user.user_id, None, "mat-khau-moi-dai").await.unwrap_err()), "auth.forbidden");
        assert_eq!(code(s.accounts().set_grants(&local_admin, board_user.user_id, &[]).await.unwrap_err()), "auth.forbidden");
        // nobody narrows their own administrator grants
        let e = s.accounts().set_grants(&admin, admin.user_id, &[Grant { role: Role::Administrator, unit_id: village }]).await.unwrap_err();
        assert_eq!(code(e), "user.keep_own_admin", "{}", db.label);
        // the command-line recovery restores everything
        let pw = s.accounts().recover_admin("admin").await.unwrap();
        let back = s.accounts().sign_in("admin", &pw, "r", None, None).await.unwrap().actor;
        assert!(back.must_change_password && back.grants.contains(&Grant { role: Role::Administrator, unit_id: root }));
    }

    async fn editor_cannot_rewrite_approved_text_nor_writer_others_media(db: TestDb) {
        let s = &db.store;
        let admin = admin(s).await;
        let root = admin.org_unit_id.unwrap();
        let a_unit = s.units().create_unit(&admin, Some(root), "Xã A", "commune").await.unwrap();
        let b_unit = s.units().create_unit(&admin, Some(root), "Xã B", "commune").await.unwrap();
        let editor = user(s, &admin, "bientapvien", Role::Editor, root).await;
        let writer_a = user(s, &admin, "phongvienxaa", Role::Contributor, a_unit).await;
        let writer_b = user(s, &admin, "phongvienxab", Role::Contributor, b_unit).await;
        let id = s.articles().create_article(&admin, draft("Bài đã duyệt")).await.unwrap();
        s.articles().transition_article(&admin, id, Transition::Publish, None, None).await.unwrap();
        let v = s.articles().article_for_edit(id).await.unwrap().unwrap().version;
        assert_eq!(code(s.articles().update_article(&editor, id, v, draft("Sửa không qua duyệt")).await.unwrap_err()), "auth.forbidden", "{}", db.label);
        s.articles().update_article(&admin, id, v, draft("Sửa bởi người duyệt")).await.unwrap();
        let photo = |alt: &str| NewMedia {
            kind: "image",
            mime_type: "image/jpeg",
            storage_key: "k/1.jpg".to_owned(),
            original_name: "a.jpg".to_owned(),
            size: 1,
            width: Some(1),
            height: Some(1),
            alt: alt.to_owned(),
            caption: String::new(),
            credit: None,
            variants: vec![],
            sha256: "s".to_owned(),
        };
        let m = s.media().add_media(&writer_a, photo("Ảnh của xã A")).await.unwrap();
        assert_eq!(code(s.media().update_media(&writer_b, m.id, "", "đổi", None).await.unwrap_err()), "auth.forbidden", "{}", db.label);
        s.media().update_media(&writer_a, m.id, "Ảnh của xã A, sửa", "", None).await.unwrap();
        s.media().update_media(&editor, m.id, "Ảnh của xã A, biên tập", "", None).await.unwrap();
        assert_eq!(code(s.media().add_media(&writer_a, photo(&"x".repeat(301))).await.unwrap_err()), "field.too_long");
        let mut long = draft("Dòng tác giả dài");
        long.byline = Some("x".repeat(201));
        assert_eq!(code(s.articles().create_article(&writer_a, long).await.unwrap_err()), "field.too_long");
    }

    async fn reader_is_told_exactly_how_many_matches_a_search_has(db: TestDb) {
        let s = &db.store;
        let admin = admin(s).await;
        for i in 0..105 {
            let id = s
                .articles()
                .create_article(&admin, ArticleInput { title: format!("Tin số {i}"), body_html: "<p>Chuyện đồng lúa Brâu.</p>".into(), ..Default::default() })
                .await
                .unwrap();
            s.articles().transition_article(&admin, id, Transition::Publish, None, None).await.unwrap();
        }
        let many = s.search().query("brau", &SearchFilter::default(), 1, 10).await.unwrap();
        // every match counted (issue 14): no longer "more than 100"
        assert_eq!(many.total, 105, "{}", db.label);
        assert_eq!(many.hits.len(), 10);
        let one = s.search().query("\"tin so 7\"", &SearchFilter::default(), 1, 10).await.unwrap();
        assert_eq!((one.total, one.hits[0].article().map(|a| a.title.as_str())), (1, Some("Tin số 7")), "{}", db.label);
    }
}
