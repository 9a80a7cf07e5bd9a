//! Photos and PDF files on the public feedback form, through the router,
//! on SQLite and PostgreSQL: a citizen attaches a phone photo carrying GPS
//! EXIF, a PNG and a PDF; the receipt counts them; the unit's handler sees
//! them (the photo re-encoded, at most 1 600 pixels wide, with no EXIF;
//! the PDF as sent, downloaded, sandboxed) and each download is audited;
//! another unit's handler gets 404; a script named `.jpg`, a PDF with
//! JavaScript and a sixth file are refused with their names, what was
//! typed kept and nothing stored; erasing the reporter's data deletes the
//! files; an Open311 media URL is a link for staff only when it is a web
//! address.

#[path = "../../danvan-media/tests/common/mod.rs"]
mod media_files;
mod support;

use axum::http::{StatusCode, header};
use danvan_domain::editorial::Role;
use danvan_store::{FileStore, bootstrap_site};
use danvan_testing::{TestDb, backend_tests};
use danvan_web::{WebConfig, router, state};
use support::{Part, send, send_multipart, staff};

/// Files under `dir`, recursively.
fn files_in(dir: &std::path::Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    entries.flatten().map(|e| if e.path().is_dir() { files_in(&e.path()) } else { 1 }).sum()
}

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

backend_tests! {
    async fn a_citizen_attaches_photos_and_a_pdf_that_only_the_handlers_see(db: TestDb) {
        let l = db.label;
        let site = bootstrap_site(&db.store, true).await.unwrap().unwrap();
        let s = &db.store;
        let dir = std::env::temp_dir().join(format!("danvan-fb-files-{}-{l}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let files = FileStore::local(&dir).unwrap();
        let app = router(state(s.clone(), WebConfig { files: Some(files.clone()), ..WebConfig::default() }).unwrap());
        let admin = s.accounts().sign_in(&site.admin_username, &site.admin_password, "a", None, None).await.unwrap().actor;
        let units = s.units().org_units().await.unwrap();
        let root = units.iter().find(|u| u.parent_id.is_none()).unwrap().id;
        let other = s.units().create_unit(&admin, Some(root), "Đảng ủy xã Bình An", "commune").await.unwrap();
        let (coordinator, _) = staff(s, &admin, "tiepnhan", Role::FeedbackCoordinator, root).await;
        let (stranger, _) = staff(s, &admin, "xuly-khac", Role::FeedbackHandler, other).await;
        let category = s.feedback().categories(true).await.unwrap()[0].clone();
        let desk = s.accounts().sign_in("tiepnhan", "mat-khau-rieng-cua-toi", "x", None, None).await.unwrap().actor;
        let csrf = "cd".repeat(32);
        let cookie = format!("dv_csrf={csrf}");
        let ip = "10.0.1.1";
        let items_before = s.feedback().queue(&desk, danvan_store::Queue::All, &s.calendar().working_calendar(&danvan_calendar::HolidayRules::default_rules()).await.unwrap(), danvan_store::now(), 1, 1).await.unwrap().1;

        // the form takes files (multipart, without JavaScript)
        let form = send(&app, ip, "GET", "/phan-anh/gui", "", "").await;
        assert!(form.body.contains("enctype=\"multipart/form-data\"") && form.body.contains("type=\"file\" multiple"), "{l}: {}", form.body);
        assert!(form.body.contains("Tối đa 5 tệp"), "{l}");

        let cat = category.id.to_string();
        let text = [
            Part::Text("csrf", &csrf),
            Part::Text("category_id", &cat),
            Part::Text("title", "Ổ gà trên đường liên xã"),
            Part::Text("content", "Ổ gà lớn trước cổng trường, xin xem ảnh kèm theo."),
            Part::Text("place", "Km 3, đường liên xã"),
            Part::Text("name", "Lê Văn Ảnh"),
            Part::Text("phone", "0977 111 222"),
            Part::Text("consent", "1"),
            Part::Text("website", ""),
        ];
        let photo = media_files::with_exif(&media_files::jpeg(2000, 1500), 1);
        assert!(media_files::contains(&photo, b"Exif"), "the test photo carries EXIF");
        let drawing = media_files::png(300, 200);
        let script = b"<?php system($_GET['c']); ?>".to_vec();
        let active_pdf = b"%PDF-1.4\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\n%%EOF".to_vec();

        // refused files: each named, what was typed kept, the files to choose again, nothing stored
        let mut bad = text.to_vec();
        bad.extend([Part::File("files", "ổ gà.jpg", &photo[..]), Part::File("files", "anh-that.jpg", &script[..]), Part::File("files", "don.pdf", &active_pdf[..])]);
        let r = send_multipart(&app, ip, "/phan-anh/gui", &cookie, &bad).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{l}: {}", r.body);
        assert!(r.body.contains("Tệp “anh-that.jpg” không nhận được: chỉ nhận ảnh JPEG, PNG, WebP hoặc tệp PDF."), "{}", r.body);
        assert!(r.body.contains("Tệp PDF “don.pdf” có mã lệnh hoặc tệp nhúng"), "{}", r.body);
        assert!(!r.body.contains("“ổ gà.jpg”"), "the good photo is not blamed");
        assert!(r.body.contains("hãy chọn lại trước khi gửi") && r.body.contains("value=\"Ổ gà trên đường liên xã\""), "{}", r.body);
        let mut six = text.to_vec();
        for _ in 0..6 {
            six.push(Part::File("files", "a.pdf", PDF));
        }
        let r = send_multipart(&app, ip, "/phan-anh/gui", &cookie, &six).await;
        assert!(r.status == StatusCode::UNPROCESSABLE_ENTITY && r.body.contains("tối đa 5 tệp; đã chọn 6 tệp"), "{l}: {}", r.body);
        assert_eq!(files_in(&dir), 0, "{l}: nothing stored for a refused form");

        // an expired form (another token) comes back with what was typed, nothing stored
        let mut expired = text.to_vec();
        let stale = "ef".repeat(32);
        expired[0] = Part::Text("csrf", &stale);
        expired.push(Part::File("files", "ổ gà.jpg", &photo[..]));
        let r = send_multipart(&app, ip, "/phan-anh/gui", &cookie, &expired).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{l}");
        assert!(r.body.contains("Biểu mẫu đã hết hạn nên phản ánh chưa được gửi") && r.body.contains("Ổ gà lớn trước cổng trường, xin xem ảnh kèm theo."), "{}", r.body);
        assert!(r.body.contains("hãy chọn lại trước khi gửi") && r.body.contains(&format!("name=\"csrf\" value=\"{csrf}\"")), "{l}: the files to choose again, the page's own token");
        // a control character in a multipart field is refused as in a plain form
        let mut nul = text.to_vec();
        nul[2] = Part::Text("title", "Ổ gà\u{0}");
        assert_eq!(send_multipart(&app, ip, "/phan-anh/gui", &cookie, &nul).await.status, StatusCode::BAD_REQUEST, "{l}");
        assert_eq!(files_in(&dir), 0, "{l}: nothing stored");

        // an empty file input (the browser sends a part with no name and no bytes) is no file
        let mut none = text.to_vec();
        none[6] = Part::Text("phone", "0977 111 333");
        none.push(Part::File("files", "", b""));
        let r = send_multipart(&app, ip, "/phan-anh/gui", &cookie, &none).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{l}: {}", r.body);
        assert!(!send(&app, ip, "GET", &r.header(header::LOCATION), "", "").await.body.contains("Tệp đính kèm"), "{l}: no files, no line");

        // the photo, a PNG drawing and a PDF: committed, the receipt counts them
        let mut good = text.to_vec();
        good.extend([Part::File("files", "ổ gà.jpg", &photo[..]), Part::File("files", "so-do.png", &drawing[..]), Part::File("files", "C:\\Giấy tờ\\don.pdf", PDF)]);
        let r = send_multipart(&app, ip, "/phan-anh/gui", &cookie, &good).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{l}: {}", r.body);
        let receipt = send(&app, ip, "GET", &r.header(header::LOCATION), "", "").await;
        assert!(receipt.body.contains("<dt>Tệp đính kèm</dt><dd>3 tệp</dd>"), "{l}: {}", receipt.body);
        assert_eq!(files_in(&dir), 3, "{l}");

        // the coordinator's view: the item page lists them, the photo shown
        let calendar = s.calendar().working_calendar(&danvan_calendar::HolidayRules::default_rules()).await.unwrap();
        let (rows, total) = s.feedback().queue(&desk, danvan_store::Queue::All, &calendar, danvan_store::now(), 1, 50).await.unwrap();
        assert_eq!(total, items_before + 2, "{l}");
        let id = rows.iter().find(|r| r.title == "Ổ gà trên đường liên xã" && r.id == rows.iter().map(|x| x.id).max().unwrap()).expect("the item").id;
        let page = send(&app, ip, "GET", &format!("/quan-tri/phan-anh/{id}"), &coordinator, "").await;
        assert_eq!(page.status, StatusCode::OK, "{l}");
        let listed = s.feedback().attachments(&desk, id).await.unwrap();
        assert_eq!(listed.iter().map(|a| (a.file_name.as_str(), a.media_type.as_str())).collect::<Vec<_>>(),
            [("ổ gà.jpg", "image/jpeg"), ("so-do.jpg", "image/jpeg"), ("don.pdf", "application/pdf")], "{l}");
        assert_eq!((listed[0].width, listed[0].height), (Some(1600), Some(1200)), "{l}: the photo at 1 600 pixels wide");
        assert_eq!((listed[1].width, listed[1].height), (Some(300), Some(200)), "{l}: never enlarged");
        for a in &listed {
            assert!(page.body.contains(&format!("href=\"/quan-tri/phan-anh/{id}/tep/{}\"", a.id)), "{l}: {}", page.body);
        }
        assert!(page.body.contains(&format!("<img src=\"/quan-tri/phan-anh/{id}/tep/{}\" alt=\"Ảnh thứ 1 người gửi đính kèm\" width=\"1600\" height=\"1200\"", listed[0].id)), "{}", page.body);
        assert!(!page.body.contains(&format!("<img src=\"/quan-tri/phan-anh/{id}/tep/{}\"", listed[2].id)), "a PDF is not an image");

        // the photo: re-encoded from its pixels, no EXIF, inline, sandboxed, never cached
        let got = send(&app, ip, "GET", &format!("/quan-tri/phan-anh/{id}/tep/{}", listed[0].id), &coordinator, "").await;
        assert_eq!(got.status, StatusCode::OK, "{l}");
        assert_eq!(got.header(header::CONTENT_TYPE), "image/jpeg");
        assert!(got.header(header::CONTENT_DISPOSITION).starts_with("inline; filename=\"__g_.jpg\"; filename*=UTF-8''%E1%BB%95%20g%C3%A0.jpg"), "{}", got.header(header::CONTENT_DISPOSITION));
        assert!(got.header(header::CONTENT_SECURITY_POLICY).starts_with("sandbox"), "{l}");
        assert_eq!(got.header(header::CACHE_CONTROL), "private, no-store");
        assert!(!media_files::contains(&got.bytes, b"Exif") && got.bytes.starts_with(&[0xFF, 0xD8]), "{l}: no EXIF (no GPS) survives");
        assert_eq!(got.bytes.len() as i64, listed[0].size);
        // the PDF: as sent, always a download
        let pdf = send(&app, ip, "GET", &format!("/quan-tri/phan-anh/{id}/tep/{}", listed[2].id), &coordinator, "").await;
        assert_eq!((pdf.status, pdf.bytes.as_slice()), (StatusCode::OK, PDF), "{l}");
        assert!(pdf.header(header::CONTENT_DISPOSITION).starts_with("attachment; filename=\"don.pdf\""), "{}", pdf.header(header::CONTENT_DISPOSITION));
        // each download is audited
        let (lines, _) = s.audit_log().entries(&admin, None, 1, 100).await.unwrap();
        let downloads: Vec<_> = lines.iter().filter(|a| a.action == "feedback.view_attachment" && a.subject_id == Some(id)).collect();
        assert_eq!(downloads.len(), 2, "{l}");
        assert!(downloads.iter().any(|a| a.summary == "Xem tệp đính kèm thứ 3 của người gửi" && a.username == "tiepnhan"), "{l}");

        // another commune's handler, a visitor, a wrong id: nothing
        assert_eq!(send(&app, ip, "GET", &format!("/quan-tri/phan-anh/{id}/tep/{}", listed[0].id), &stranger, "").await.status, StatusCode::NOT_FOUND, "{l}");
        assert!(s.feedback().attachments(&s.accounts().sign_in("xuly-khac", "mat-khau-rieng-cua-toi", "x", None, None).await.unwrap().actor, id).await.unwrap().is_empty());
        let anonymous = send(&app, ip, "GET", &format!("/quan-tri/phan-anh/{id}/tep/{}", listed[0].id), "", "").await;
        assert_ne!(anonymous.status, StatusCode::OK, "{l}");
        assert_eq!(send(&app, ip, "GET", &format!("/quan-tri/phan-anh/{id}/tep/{}", listed[0].id + 100), &coordinator, "").await.status, StatusCode::NOT_FOUND);
        assert_eq!(send(&app, ip, "GET", &format!("/quan-tri/phan-anh/{id}/tep/x"), &coordinator, "").await.status, StatusCode::NOT_FOUND);

        // an Open311 media URL: a link only when it is a web address
        let key = s.open311().create_key("Ứng dụng thử", danvan_store::now()).await.unwrap();
        let key = s.open311().key(&key).await.unwrap().unwrap();
        let mut open311_ids = Vec::new();
        for (i, url) in ["https://anh.example.vn/o-ga.jpg", "javascript:alert(1)"].into_iter().enumerate() {
            let item = danvan_domain::feedback::NewItem {
                category_id: Some(category.id),
                title: format!("Ứng dụng gửi {i}"),
                content: "Ảnh ổ gà".into(),
                phone: format!("0977 222 33{i}"),
                ..Default::default()
            };
            let sent = danvan_store::Open311Sent { key_id: key.id, key_name: key.name.clone(), media_url: url.into(), lat: Some(21.0285), long: Some(105.8542), address_id: "HN-<b>12</b>".into(), ..Default::default() };
            open311_ids.push(s.feedback().submit_open311(&item, &sent, &calendar, danvan_store::now()).await.unwrap().id);
        }
        let linked = send(&app, ip, "GET", &format!("/quan-tri/phan-anh/{}", open311_ids[0]), &coordinator, "").await;
        assert!(linked.body.contains("<a href=\"https://anh.example.vn/o-ga.jpg\" rel=\"noopener noreferrer nofollow\">"), "{l}: {}", linked.body);
        // where the application said it is: for staff, with a map link; its address id escaped
        assert!(linked.body.contains("21.028500, 105.854200 (<a href=\"https://www.openstreetmap.org/?mlat=21.028500&amp;mlon=105.854200#map=18/21.028500/105.854200\""), "{l}: {}", linked.body);
        assert!(linked.body.contains("HN-&lt;b&gt;12&lt;/b&gt;") && !linked.body.contains("HN-<b>"), "{l}");
        let unlinked = send(&app, ip, "GET", &format!("/quan-tri/phan-anh/{}", open311_ids[1]), &coordinator, "").await;
        assert!(unlinked.status == StatusCode::OK && !unlinked.body.contains("javascript:alert"), "{l}");

        // erasing the reporter's data deletes the files too
        assert_eq!(s.feedback().erase_contact(&desk, Some(&files), "0977111222", danvan_store::now()).await.unwrap(), 1, "{l}");
        assert!(s.feedback().attachments(&desk, id).await.unwrap().is_empty(), "{l}");
        assert_eq!(files_in(&dir), 0, "{l}: the bytes are gone");
        let page = send(&app, ip, "GET", &format!("/quan-tri/phan-anh/{id}"), &coordinator, "").await;
        assert!(page.status == StatusCode::OK && !page.body.contains("/tep/"), "{l}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
