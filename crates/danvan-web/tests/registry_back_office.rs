//! `/quan-tri/dan-van-kheo` through the router, on SQLite and PostgreSQL,
//! without JavaScript: a registry officer registers an individual exemplar,
//! evaluates it, sees its history, exports the period as XLSX and DOCX; a
//! unit officer of another commune gets 403 or 404; the person's name is on
//! no public page.

mod support;
use support::{enc};

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use danvan_domain::editorial::{Grant, Role};
use danvan_store::{NewUser, bootstrap_site};
use danvan_testing::{TestDb, backend_tests};
use danvan_web::{WebConfig, router, state};
use http_body_util::BodyExt;
use tower::ServiceExt;

async fn send(app: &Router, method: &str, uri: &str, cookie: &str, form: &str) -> (StatusCode, String, Vec<u8>, String) {
    let mut b = Request::builder().method(method).uri(uri).header(header::USER_AGENT, "test");
    if !cookie.is_empty() {
        b = b.header(header::COOKIE, cookie);
    }
    if method == "POST" {
        b = b.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    }
    let r = app.clone().oneshot(b.body(Body::from(form.to_owned())).unwrap()).await.unwrap();
    let status = r.status();
    let location = r.headers().get("location").map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
    let ctype = r.headers().get("content-type").map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
    let bytes = r.into_body().collect().await.unwrap().to_bytes().to_vec();
    (status, location, bytes, ctype)
}


backend_tests! {
    async fn register_evaluate_and_export_without_javascript(db: TestDb) {
        let site = bootstrap_site(&db.store, true).await.unwrap().unwrap();
        let s = &db.store;
        let app = router(state(s.clone(), WebConfig::default()).unwrap());
        let admin = s.accounts().sign_in(&site.admin_username, &site.admin_password, "a", None, None).await.unwrap().actor;
        let units = s.units().org_units().await.unwrap();
        let root = units.iter().find(|u| u.parent_id.is_none()).unwrap().id;
        let commune = units.iter().find(|u| u.name == "Đảng ủy xã Mẫu Sơn").unwrap().id;
        let other = s.units().create_unit(&admin, Some(root), "Đảng ủy xã Bình An", "commune").await.unwrap();
        let mut cookies = Vec::new();
        for (name, role, unit) in [("theodoi", Role::RegistryOfficer, root), ("canbokhac", Role::UnitOfficer, other)] {
            let id = s.accounts().create_user(&admin, &NewUser { username: name.into(), display_name: name.into(), password: "mat-khau-tam-thoi-dai".into(), org_unit_id: Some(unit), grants: vec![Grant { role, unit_id: unit }] }).await.unwrap();
            let a = s.accounts().sign_in(name, "mat-khau-tam-thoi-dai", "x", None, None).await.unwrap();
            s.accounts().set_password(&a.actor, id, Some("mat-khau-tam-thoi-dai"), "mat-khau-rieng-cua-toi").await.unwrap();
            let signed = s.accounts().sign_in(name, "mat-khau-rieng-cua-toi", "x", None, None).await.unwrap();
            cookies.push((format!("dv_session={}", signed.token), signed.actor.csrf_token.clone()));
        }
        let (keeper, keeper_csrf) = cookies[0].clone();
        let (stranger, _) = cookies[1].clone();

        let (status, _, body, _) = send(&app, "GET", "/quan-tri/dan-van-kheo/moi", &keeper, "").await;
        assert_eq!(status, StatusCode::OK, "{}", db.label);
        assert!(String::from_utf8(body).unwrap().contains("Thực trạng, lý do xây dựng"));

        let form = format!(
            "csrf={keeper_csrf}&code=DH-01&name={}&kind=exemplar&holder=individual&field=defence_security&unit_id={commune}&area=&period=2023\
             &registered_on=10%2F01%2F2023&launched_on=15%2F02%2F2023&person_name={}&person_position={}&part-situation={}&is_public=1",
            enc("Người giữ bình yên thôn Mẫu"),
            enc("Trần Văn Riêng Tư"),
            enc("Công an viên"),
            enc("An ninh thôn còn phức tạp")
        );
        // a bad date comes back with what was typed
        let bad = form.replace("15%2F02%2F2023", "31%2F02%2F2023");
        let (status, _, body, _) = send(&app, "POST", "/quan-tri/dan-van-kheo/moi", &keeper, &bad).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        let page = String::from_utf8(body).unwrap();
        assert!(page.contains("ngày không hợp lệ") && page.contains("Người giữ bình yên thôn Mẫu"), "{page}");

        let (status, location, _, _) = send(&app, "POST", "/quan-tri/dan-van-kheo/moi", &keeper, &form).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{}", db.label);
        let record = location.split('?').next().unwrap().to_owned();
        let (_, _, body, _) = send(&app, "GET", &record, &keeper, "").await;
        let page = String::from_utf8(body).unwrap();
        assert!(page.contains("Trần Văn Riêng Tư") && page.contains("An ninh thôn còn phức tạp"), "{page}");

        let (status, _, _, _) = send(&app, "POST", &format!("{record}/danh-gia"), &keeper, &format!("csrf={keeper_csrf}&year=2023&result=outstanding&findings={}", enc("Giữ vững an ninh"))).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let (_, _, body, _) = send(&app, "GET", &record, &keeper, "").await;
        let page = String::from_utf8(body).unwrap();
        assert!(page.contains("Đánh giá năm 2023: tiêu biểu") && page.contains("Đăng ký: DH-01"), "the history: {page}");

        // the lifecycle: discontinuing needs a reason; a final status takes no further step
        let (status, _, body, _) = send(&app, "POST", &format!("{record}/trang-thai"), &keeper, &format!("csrf={keeper_csrf}&to=discontinued&reason=")).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(String::from_utf8(body).unwrap().contains("Cần ghi lý do dừng."));
        let (status, _, _, _) = send(&app, "POST", &format!("{record}/trang-thai"), &keeper, &format!("csrf={keeper_csrf}&to=replicated")).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let (_, _, body, _) = send(&app, "GET", &record, &keeper, "").await;
        assert!(String::from_utf8(body).unwrap().contains("Chuyển trạng thái: đang hoạt động → đã nhân rộng"));
        let (status, _, _, _) = send(&app, "POST", &format!("{record}/trang-thai"), &keeper, &format!("csrf={keeper_csrf}&to=registered")).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "no way back to registered");

        // commendations: a decision needs a number, parsed by danvan-docref
        let (status, _, body, _) = send(&app, "POST", &format!("{record}/khen-thuong"), &keeper, &format!("csrf={keeper_csrf}&stage=decided&form=certificate&year=2023&decision_number=")).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(String::from_utf8(body).unwrap().contains("Quyết định khen thưởng cần số, ký hiệu."));
        let (status, _, _, _) = send(&app, "POST", &format!("{record}/khen-thuong"), &keeper, &format!("csrf={keeper_csrf}&stage=decided&form=certificate&year=2023&decision_number=125%2FQ%C4%90-UBND&decided_on=20%2F12%2F2023")).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let (_, _, body, _) = send(&app, "GET", &record, &keeper, "").await;
        let page = String::from_utf8(body).unwrap();
        assert!(page.contains("Khen thưởng: giấy khen 125/QĐ-UBND") && page.contains("2023: giấy khen (125/QĐ-UBND)"), "{page}");

        // replication: the copy links to its source and both say so
        let (status, copy, _, _) = send(&app, "POST", &format!("{record}/nhan-rong"), &keeper, &format!("csrf={keeper_csrf}&unit_id={root}&code=DH-02&period=2024&person_name={}&person_position=", enc("Hoàng Văn Người Mới"))).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let copy = copy.split('?').next().unwrap().to_owned();
        let (_, _, body, _) = send(&app, "GET", &copy, &keeper, "").await;
        let page = String::from_utf8(body).unwrap();
        assert!(page.contains("Nhân rộng từ “Người giữ bình yên thôn Mẫu”") && page.contains(&format!("href=\"{record}\"")), "{page}");
        let (_, _, body, _) = send(&app, "GET", &record, &keeper, "").await;
        assert!(String::from_utf8(body).unwrap().contains(&format!("href=\"{copy}\"")), "the source links to its copy");

        // another commune's officer: not in the list, the record is not found, no evaluation
        let (_, _, body, _) = send(&app, "GET", "/quan-tri/dan-van-kheo", &stranger, "").await;
        assert!(!String::from_utf8(body).unwrap().contains("Người giữ bình yên"));
        assert_eq!(send(&app, "GET", &record, &stranger, "").await.0, StatusCode::NOT_FOUND);
        let (_, stranger_csrf) = cookies[1].clone();
        assert_eq!(send(&app, "POST", &format!("{record}/danh-gia"), &stranger, &format!("csrf={stranger_csrf}&year=2023&result=effective")).await.0, StatusCode::FORBIDDEN);

        // the exports
        let (status, _, xlsx, ctype) = send(&app, "GET", &format!("/quan-tri/dan-van-kheo/xuat?ky=2023&dinh-dang=xlsx&don-vi={root}"), &keeper, "").await;
        assert_eq!(status, StatusCode::OK);
        assert!(ctype.contains("spreadsheetml") && xlsx.starts_with(b"PK"), "{ctype}");
        let (status, _, docx, ctype) = send(&app, "GET", &format!("/quan-tri/dan-van-kheo/xuat?ky=2023&dinh-dang=docx&don-vi={root}"), &keeper, "").await;
        assert_eq!(status, StatusCode::OK);
        assert!(ctype.contains("wordprocessingml") && docx.starts_with(b"PK"));
        assert_eq!(send(&app, "GET", &format!("/quan-tri/dan-van-kheo/xuat?ky=2023&dinh-dang=docx&don-vi={root}"), &stranger, "").await.0, StatusCode::FORBIDDEN);

        // the public pages never show the person
        let (_, _, body, _) = send(&app, "GET", "/dan-van-kheo/thong-ke?ky=2023", "", "").await;
        let page = String::from_utf8(body).unwrap();
        assert!(page.contains("01 mô hình về quốc phòng - an ninh") || page.contains("có 01 mô hình"), "{page}");
        assert!(!page.contains("Trần Văn Riêng Tư"));
        // the showcase and the record's public page: approved (a registry
        // officer registered it) and public, without the person
        let (status, _, body, _) = send(&app, "GET", "/dan-van-kheo", "", "").await;
        assert_eq!(status, StatusCode::OK);
        let page = String::from_utf8(body).unwrap();
        assert!(page.contains("Người giữ bình yên thôn Mẫu"), "{page}");
        let public = record.replace("/quan-tri", "");
        let (status, _, body, _) = send(&app, "GET", &public, "", "").await;
        assert_eq!(status, StatusCode::OK, "{public}");
        let page = String::from_utf8(body).unwrap();
        assert!(page.contains("An ninh thôn còn phức tạp") && page.contains("Năm 2023: tiêu biểu"), "{page}");
        assert!(!page.contains("Trần Văn Riêng Tư") && !page.contains("Công an viên"), "no personal data on the public page");
        // even signed in, the public address shows the public view
        let (_, _, body, _) = send(&app, "GET", &public, &keeper, "").await;
        assert!(!String::from_utf8(body).unwrap().contains("Trần Văn Riêng Tư"));
        assert_eq!(send(&app, "GET", "/dan-van-kheo/99999", "", "").await.0, StatusCode::NOT_FOUND);
        assert_eq!(send(&app, "GET", "/dan-van-kheo?linh-vuc=nope", "", "").await.0, StatusCode::NOT_FOUND);
    }
    async fn edit_convert_and_export_the_list(db: TestDb) {
        let site = bootstrap_site(&db.store, true).await.unwrap().unwrap();
        let s = &db.store;
        let app = router(state(s.clone(), WebConfig::default()).unwrap());
        let admin = s.accounts().sign_in(&site.admin_username, &site.admin_password, "a", None, None).await.unwrap();
        let (cookie, csrf) = (format!("dv_session={}", admin.token), admin.actor.csrf_token.clone());
        let units = s.units().org_units().await.unwrap();
        let commune = units.iter().find(|u| u.name == "Đảng ủy xã Mẫu Sơn").unwrap().id;
        let form = format!(
            "csrf={csrf}&code=MH-01&name={}&kind=model&holder=collective&field=economy&unit_id={commune}&area=&period=2024\
             &registered_on=10%2F01%2F2024&launched_on=15%2F02%2F2024&person_name=&person_position=&part-goals={}&is_public=1",
            enc("Tổ hợp tác chè Mẫu Sơn"),
            enc("Tăng thu nhập")
        );
        let (status, location, _, _) = send(&app, "POST", "/quan-tri/dan-van-kheo/moi", &cookie, &form).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{}", db.label);
        let record = location.split('?').next().unwrap().to_owned();

        // the edit form holds the stored values and the version
        let (status, _, body, _) = send(&app, "GET", &format!("{record}/sua"), &cookie, "").await;
        assert_eq!(status, StatusCode::OK);
        let page = String::from_utf8(body).unwrap();
        assert!(page.contains("value=\"Tổ hợp tác chè Mẫu Sơn\"") && page.contains("value=\"15/02/2024\"") && page.contains("Tăng thu nhập"), "{page}");
        let version = page.split("name=\"version\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
        let edit = form.replace(&enc("Tổ hợp tác chè Mẫu Sơn"), &enc("Tổ hợp tác chè sạch Mẫu Sơn")).replace("period=2024", "period=2024-2025") + &format!("&version={version}");
        let (status, _, _, _) = send(&app, "POST", &format!("{record}/sua"), &cookie, &edit).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let (_, _, body, _) = send(&app, "GET", &record, &cookie, "").await;
        let page = String::from_utf8(body).unwrap();
        assert!(page.contains("<h1>Tổ hợp tác chè sạch Mẫu Sơn</h1>") && page.contains("Sửa: Tên, Kỳ"), "{page}");
        // the same form again, opened before that edit: refused, what was typed kept
        let stale = edit.replace("area=", &format!("area={}", enc("Thôn Nà Pàn")));
        let (status, _, body, _) = send(&app, "POST", &format!("{record}/sua"), &cookie, &stale).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        let page = String::from_utf8(body).unwrap();
        assert!(page.contains("đã được người khác sửa") && page.contains("Thôn Nà Pàn"), "{page}");

        // converting: the status list has no "converted"; the convert form makes the successor
        s.registry().evaluate(&admin.actor, location.trim_start_matches("/quan-tri/dan-van-kheo/").split('?').next().unwrap().parse().unwrap(), 2024, danvan_domain::registry::Effectiveness::Effective, "").await.unwrap();
        let (_, _, body, _) = send(&app, "GET", &record, &cookie, "").await;
        let page = String::from_utf8(body).unwrap();
        assert!(!page.contains("<option value=\"converted\">") && page.contains("/chuyen-doi"), "{page}");
        let convert = format!("csrf={csrf}&name={}&field=economy&unit_id={commune}&code=MH-01B&period=2025", enc("Hợp tác xã chè sạch Mẫu Sơn"));
        let (status, next, _, _) = send(&app, "POST", &format!("{record}/chuyen-doi"), &cookie, &convert).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{}", db.label);
        let next = next.split('?').next().unwrap().to_owned();
        assert_ne!(next, record);
        let (_, _, body, _) = send(&app, "GET", &next, &cookie, "").await;
        let page = String::from_utf8(body).unwrap();
        assert!(page.contains("Chuyển đổi từ “Tổ hợp tác chè sạch Mẫu Sơn”") && page.contains(&format!("href=\"{record}\"")), "{page}");
        let (_, _, body, _) = send(&app, "GET", &record, &cookie, "").await;
        let page = String::from_utf8(body).unwrap();
        assert!(page.contains("Chuyển đổi thành MH-01B") && page.contains(&format!("href=\"{next}\"")) && page.contains("đã chuyển đổi"), "{page}");
        assert!(!page.contains("/chuyen-doi\""), "converted is final");
        // a second conversion is refused with its message
        let (status, _, _, _) = send(&app, "POST", &format!("{record}/chuyen-doi"), &cookie, &convert.replace("MH-01B", "MH-01C")).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

        // the filtered list as XLSX in the import's columns
        let (status, _, xlsx, ctype) = send(&app, "GET", "/quan-tri/dan-van-kheo/xuat-danh-sach?ky=2025", &cookie, "").await;
        assert_eq!(status, StatusCode::OK);
        assert!(ctype.contains("spreadsheetml") && xlsx.starts_with(b"PK"));
        let text = unzip_sheet(&xlsx);
        assert!(text.contains("Tên mô hình") && text.contains("Hợp tác xã chè sạch Mẫu Sơn") && text.contains("Tổ hợp tác chè sạch Mẫu Sơn"), "{text}");
        let (_, _, xlsx, _) = send(&app, "GET", "/quan-tri/dan-van-kheo/xuat-danh-sach?ky=2023", &cookie, "").await;
        assert!(!unzip_sheet(&xlsx).contains("chè sạch"), "the period filters the list");
        assert_eq!(send(&app, "GET", "/quan-tri/dan-van-kheo/xuat-danh-sach?ky=20x5", &cookie, "").await.0, StatusCode::NOT_FOUND);
        assert_eq!(send(&app, "GET", "/quan-tri/dan-van-kheo/xuat-danh-sach", "", "").await.0, StatusCode::SEE_OTHER, "signed-in staff only");
    }

    async fn photos_and_files(db: TestDb) {
        let site = bootstrap_site(&db.store, true).await.unwrap().unwrap();
        let s = &db.store;
        let dir = tempfile_dir();
        let files = danvan_store::FileStore::local(&dir).unwrap();
        let app = router(state(s.clone(), WebConfig { files: Some(files), ..WebConfig::default() }).unwrap());
        let admin = s.accounts().sign_in(&site.admin_username, &site.admin_password, "a", None, None).await.unwrap();
        let (cookie, csrf) = (format!("dv_session={}", admin.token), admin.actor.csrf_token.clone());
        let units = s.units().org_units().await.unwrap();
        let root = units.iter().find(|u| u.parent_id.is_none()).unwrap().id;
        let commune = units.iter().find(|u| u.name == "Đảng ủy xã Mẫu Sơn").unwrap().id;
        let other = s.units().create_unit(&admin.actor, Some(root), "Đảng ủy xã Bình An", "commune").await.unwrap();
        let id = s.accounts().create_user(&admin.actor, &NewUser { username: "canbokhac".into(), display_name: "x".into(), password: "mat-khau-tam-thoi-dai".into(), org_unit_id: Some(other), grants: vec![Grant { role: Role::UnitOfficer, unit_id: other }] }).await.unwrap();
        let a = s.accounts().sign_in("canbokhac", "mat-khau-tam-thoi-dai", "x", None, None).await.unwrap();
        s.accounts().set_password(&a.actor, id, Some("mat-khau-tam-thoi-dai"), "mat-khau-rieng-cua-toi").await.unwrap();
        let stranger = format!("dv_session={}", s.accounts().sign_in("canbokhac", "mat-khau-rieng-cua-toi", "x", None, None).await.unwrap().token);

        let record = danvan_domain::registry::NewRecord {
            code: "MH-9".into(), name: "Mô hình “Bếp ăn tình thương”".into(),
            kind: Some(danvan_domain::registry::ModelKind::Model), holder: Some(danvan_domain::registry::Holder::Collective),
            field: Some(danvan_domain::registry::Field::CultureSociety), unit_id: Some(commune),
            period: Some(danvan_domain::registry::Period::year(2024)), is_public: true, ..Default::default()
        };
        let rid = s.registry().register(&admin.actor, &record).await.unwrap();
        let media = |alt: &str, key: &str| danvan_store::NewMedia {
            kind: "image", mime_type: "image/jpeg", storage_key: key.to_owned(), original_name: "a.jpg".into(), size: 10,
            width: Some(800), height: Some(600), alt: alt.to_owned(), caption: "Bữa cơm trưa cho học sinh".into(), credit: None, variants: vec![], sha256: key.to_owned(),
        };
        let p1 = s.media().add_media(&admin.actor, media("Bếp ăn ngày khai trương", "2026/12/a/800.jpg")).await.unwrap().id;
        let p2 = s.media().add_media(&admin.actor, media("Các em nhận suất ăn", "2026/12/b/800.jpg")).await.unwrap().id;
        let page_of = |b: Vec<u8>| String::from_utf8(b).unwrap();
        let url = format!("/quan-tri/dan-van-kheo/{rid}");
        let (_, _, body, _) = send(&app, "GET", &url, &cookie, "").await;
        let page = page_of(body);
        assert!(page.contains(&format!("id=\"photo-{p1}\"")) && page.contains("Chưa có ảnh."), "the library's images to choose from: {page}");

        // choose two photos, in the order ticked; the public page shows them with alt and caption
        let (status, _, _, _) = send(&app, "POST", &format!("{url}/anh"), &cookie, &format!("csrf={csrf}&photo={p2}&photo={p1}")).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{}", db.label);
        let (_, _, body, _) = send(&app, "GET", &format!("/dan-van-kheo/{rid}"), "", "").await;
        let page = page_of(body);
        let (first, second) = (page.find("Các em nhận suất ăn").unwrap(), page.find("Bếp ăn ngày khai trương").unwrap());
        assert!(first < second && page.contains("<figcaption>Bữa cơm trưa cho học sinh</figcaption>"), "{page}");
        let (status, _, _, _) = send(&app, "POST", &format!("{url}/anh"), &cookie, &format!("csrf={csrf}&photo=999999")).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "not an image of the library");
        assert_eq!(send(&app, "POST", &format!("{url}/anh"), &stranger, "csrf=x&photo=1").await.0, StatusCode::FORBIDDEN, "wrong token first");

        // a file: checked by content, shown to staff only
        let multipart = |name: &str, bytes: &[u8], token: &str| {
            let mut b = format!("--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{token}\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").into_bytes();
            b.extend_from_slice(bytes);
            b.extend_from_slice(b"\r\n--XyZ--\r\n");
            b
        };
        let post = |body: Vec<u8>, cookie: String| {
            let app = app.clone();
            let url = format!("{url}/tep");
            async move {
                let req = Request::builder().method("POST").uri(url).header(header::COOKIE, cookie).header(header::CONTENT_TYPE, "multipart/form-data; boundary=XyZ").body(Body::from(body)).unwrap();
                app.oneshot(req).await.unwrap().status()
            }
        };
        assert_eq!(post(multipart("phieu.pdf", b"<html>not a pdf</html>", &csrf), cookie.clone()).await, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(post(multipart("Phiếu đăng ký.pdf", b"%PDF-1.4 scanned form", &csrf), cookie.clone()).await, StatusCode::SEE_OTHER, "{}", db.label);
        let (_, _, body, _) = send(&app, "GET", &url, &cookie, "").await;
        let page = page_of(body);
        assert!(page.contains("Phiếu đăng ký.pdf") && page.contains("Đính kèm tệp: Phiếu đăng ký.pdf") && page.contains("Chọn ảnh: 2 ảnh"), "{page}");
        let link = page.split(&format!("href=\"{url}/tep/")).nth(1).unwrap().split('"').next().unwrap().to_owned();
        let (status, _, bytes, ctype) = send(&app, "GET", &format!("{url}/tep/{link}"), &cookie, "").await;
        assert_eq!((status, ctype.as_str(), bytes.as_slice()), (StatusCode::OK, "application/pdf", b"%PDF-1.4 scanned form".as_slice()));
        assert_eq!(send(&app, "GET", &format!("{url}/tep/{link}"), &stranger, "").await.0, StatusCode::NOT_FOUND, "another commune's officer");
        assert_eq!(send(&app, "GET", &format!("{url}/tep/{link}"), "", "").await.0, StatusCode::SEE_OTHER, "the public: to the sign-in page");
        let (_, _, body, _) = send(&app, "GET", &format!("/dan-van-kheo/{rid}"), "", "").await;
        assert!(!page_of(body).contains("Phiếu đăng ký"), "files never on the public page");
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// The first sheet of an XLSX, read by calamine, as tab-separated text.
fn unzip_sheet(xlsx: &[u8]) -> String {
    use calamine::{Reader, Xlsx};
    let mut wb = Xlsx::new(std::io::Cursor::new(xlsx.to_vec())).unwrap();
    let range = wb.worksheet_range_at(0).unwrap().unwrap();
    range.rows().map(|r| r.iter().map(|c| c.to_string()).collect::<Vec<_>>().join("\t")).collect::<Vec<_>>().join("\n")
}

/// A fresh folder for the files of one test.
fn tempfile_dir() -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("danvan-registry-files-{}-{}", std::process::id(), danvan_domain::accounts::random_secret()));
    std::fs::create_dir_all(&d).unwrap();
    d
}
