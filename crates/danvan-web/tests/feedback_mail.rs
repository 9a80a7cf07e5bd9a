//! The feedback desk's notices over real SMTP, on SQLite and PostgreSQL:
//! an answer queues a notice to its reporter and to every duplicate's
//! reporter; the delivery job e-mails the one who gave an address through
//! a relay on 127.0.0.1 (a minimal SMTP server in this test, which records
//! what it is sent), marks it sent and never sends it again; a relay that
//! refuses leaves the notice for a later try.

use danvan_domain::feedback::{Channel, NewItem};
use danvan_store::bootstrap_site;
use danvan_testing::{TestDb, backend_tests};
use danvan_web::{WebConfig, state};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// A minimal SMTP server on 127.0.0.1: each message's envelope recipient
/// and data are recorded; `refuse` answers every DATA with 451.
async fn relay(refuse: bool) -> (String, Arc<Mutex<Vec<(String, String)>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("smtp://{}", listener.local_addr().unwrap());
    let got = Arc::new(Mutex::new(Vec::new()));
    let store = got.clone();
    tokio::spawn(async move {
        while let Ok((sock, _)) = listener.accept().await {
            let store = store.clone();
            tokio::spawn(async move {
                let (r, mut w) = sock.into_split();
                let mut lines = BufReader::new(r).lines();
                w.write_all(b"220 test ESMTP\r\n").await.unwrap();
                let (mut to, mut data, mut in_data) = (String::new(), String::new(), false);
                while let Ok(Some(line)) = lines.next_line().await {
                    if in_data {
                        if line == "." {
                            in_data = false;
                            if refuse {
                                w.write_all(b"451 try again later\r\n").await.unwrap();
                            } else {
                                store.lock().unwrap().push((to.clone(), data.clone()));
                                w.write_all(b"250 queued\r\n").await.unwrap();
                            }
                            data.clear();
                        } else {
                            data.push_str(&line);
                            data.push('\n');
                        }
                        continue;
                    }
                    let upper = line.to_ascii_uppercase();
                    let reply: &[u8] = if upper.starts_with("EHLO") || upper.starts_with("HELO") {
                        b"250-test\r\n250 8BITMIME\r\n"
                    } else if upper.starts_with("RCPT TO:") {
                        to = line[8..].trim().trim_matches(|c| c == '<' || c == '>').to_owned();
                        b"250 ok\r\n"
                    } else if upper.starts_with("DATA") {
                        in_data = true;
                        b"354 go on\r\n"
                    } else if upper.starts_with("QUIT") {
                        w.write_all(b"221 bye\r\n").await.unwrap();
                        break;
                    } else {
                        b"250 ok\r\n"
                    };
                    w.write_all(reply).await.unwrap();
                }
            });
        }
    });
    (url, got)
}

fn item(category: i32, name: &str, phone: &str, email: &str) -> NewItem {
    NewItem {
        category_id: Some(category),
        title: "Rác thải ở chợ".into(),
        content: "Rác không được thu gom hai tuần nay.".into(),
        place: "Chợ xã".into(),
        name: name.into(),
        phone: phone.into(),
        email: email.into(),
        consent: true,
    }
}

backend_tests! {
    async fn answers_are_mailed_once_through_the_relay(db: TestDb) {
        let site = bootstrap_site(&db.store, true).await.unwrap().unwrap();
        let s = &db.store;
        let l = db.label;
        let admin = s.accounts().sign_in(&site.admin_username, &site.admin_password, "a", None, None).await.unwrap().actor;
        // the administrator handles feedback at the top unit for this test
        let root = s.units().org_units().await.unwrap().into_iter().find(|u| u.parent_id.is_none()).unwrap().id;
        let admin_id = admin.user_id;
        let mut grants: Vec<danvan_domain::editorial::Grant> = admin.grants.clone();
        grants.push(danvan_domain::editorial::Grant { role: danvan_domain::editorial::Role::FeedbackCoordinator, unit_id: root });
        s.accounts().set_grants(&admin, admin_id, &grants).await.unwrap();
        let admin = s.accounts().sign_in(&site.admin_username, &site.admin_password, "a", None, None).await.unwrap().actor;
        let calendar = s.calendar().working_calendar(&danvan_calendar::HolidayRules::default_rules()).await.unwrap();
        let category = s.feedback().categories(true).await.unwrap()[0].id;
        let now = danvan_store::now();
        let main = s.feedback().submit(&item(category, "Phạm Thư", "0912000111", "pham.thu@example.vn"), Channel::Web, None, "a1", &calendar, now).await.unwrap();
        let dup = s.feedback().submit(&item(category, "Vũ Điện", "0912000222", "vu.dien@example.vn"), Channel::Web, None, "a2", &calendar, now).await.unwrap();
        let phone_only = s.feedback().submit(&item(category, "Đỗ Gọi", "0912000333", ""), Channel::Web, None, "a3", &calendar, now).await.unwrap();
        s.feedback().accept(&admin, main.id, root, &calendar, now).await.unwrap();
        s.feedback().mark_duplicate(&admin, dup.id, main.code.as_str(), "Cùng chợ", now).await.unwrap();
        s.feedback().mark_duplicate(&admin, phone_only.id, main.code.as_str(), "Cùng chợ", now).await.unwrap();

        // a relay that refuses: nothing is lost, nothing marked sent
        let (refusing, got_refused) = relay(true).await;
        let config = WebConfig { smtp_url: Some(refusing), mail_from: "Ban Dân vận <danvan@example.vn>".into(), base_url: "https://danvan.example.vn".into(), ..Default::default() };
        let st = state(s.clone(), config).unwrap();
        s.feedback().answer(&admin, main.id, "Đã thu gom ngày 2/12.", now).await.unwrap();
        assert_eq!(danvan_web::mail::deliver(&st, now).await.unwrap(), 0, "{l}");
        assert!(got_refused.lock().unwrap().is_empty());

        // a working relay, after the retry delay: the two who gave an e-mail, once each
        let (url, got) = relay(false).await;
        let config = WebConfig { smtp_url: Some(url), mail_from: "Ban Dân vận <danvan@example.vn>".into(), base_url: "https://danvan.example.vn".into(), ..Default::default() };
        let st = state(s.clone(), config).unwrap();
        let later = now + chrono::Duration::minutes(30);
        assert_eq!(danvan_web::mail::deliver(&st, later).await.unwrap(), 2, "{l}");
        assert_eq!(danvan_web::mail::deliver(&st, later + chrono::Duration::hours(2)).await.unwrap(), 0, "{l}: never twice");
        let mut mails = got.lock().unwrap().clone();
        mails.sort();
        assert_eq!(mails.iter().map(|(to, _)| to.as_str()).collect::<Vec<_>>(), ["pham.thu@example.vn", "vu.dien@example.vn"], "{l}");
        let (_, body) = &mails[1];
        assert!(body.contains(dup.code.as_str()), "{l}: the duplicate's own code: {body}");
        assert!(body.contains("danvan@example.vn") && body.to_ascii_lowercase().contains("subject:"), "{body}");
        for secret in ["Phạm Thư", "Vũ Điện", "0912000"] {
            assert!(!body.contains(secret), "{l}: {secret} in {body}");
        }
    }
}
