//! What the HTTP tests share: one request through the router from a given
//! client address (plain form or multipart), percent-encoding, and a
//! signed-in staff member with a role on a unit. `mod support;` in a test
//! file; each test binary uses only part of it.
#![allow(dead_code)]

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, Request, StatusCode, header};
use danvan_domain::editorial::{Grant, Role};
use danvan_store::{Actor, NewUser, Store};
use http_body_util::BodyExt;
use std::net::SocketAddr;
use tower::ServiceExt;

/// An answer: status, headers, body as text (lossy) and as bytes.
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
    pub bytes: Vec<u8>,
}

impl Answer {
    /// A header's value, empty when absent.
    pub fn header(&self, name: header::HeaderName) -> String {
        self.headers.get(name).map(|v| v.to_str().unwrap_or("").to_owned()).unwrap_or_default()
    }
}

async fn run(app: &Router, addr: &str, method: &str, uri: &str, cookie: &str, content_type: Option<&str>, body: Vec<u8>) -> Answer {
    let peer: SocketAddr = format!("{addr}:40000").parse().unwrap();
    let mut b = Request::builder().method(method).uri(uri).header(header::USER_AGENT, "test").extension(ConnectInfo(peer));
    if !cookie.is_empty() {
        b = b.header(header::COOKIE, cookie);
    }
    if let Some(ct) = content_type {
        b = b.header(header::CONTENT_TYPE, ct);
    }
    let r = app.clone().oneshot(b.body(Body::from(body)).unwrap()).await.unwrap();
    let (status, headers) = (r.status(), r.headers().clone());
    let bytes = r.into_body().collect().await.unwrap().to_bytes().to_vec();
    Answer { status, headers, body: String::from_utf8_lossy(&bytes).into_owned(), bytes }
}

/// A request from client address `addr` (the rate limits count per
/// address); a POST carries `form` url-encoded.
pub async fn send(app: &Router, addr: &str, method: &str, uri: &str, cookie: &str, form: &str) -> Answer {
    let ct = (method == "POST").then_some("application/x-www-form-urlencoded");
    run(app, addr, method, uri, cookie, ct, form.as_bytes().to_vec()).await
}

/// A part of a multipart form: a text field, or a file with its name.
#[derive(Clone, Copy)]
pub enum Part<'a> {
    Text(&'a str, &'a str),
    File(&'a str, &'a str, &'a [u8]),
}

/// A `multipart/form-data` POST of `parts`, as a browser sends a form
/// with `enctype="multipart/form-data"`.
pub async fn send_multipart(app: &Router, addr: &str, uri: &str, cookie: &str, parts: &[Part<'_>]) -> Answer {
    let boundary = "----danvan-test-boundary-7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    for p in parts {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        match p {
            Part::Text(name, value) => {
                body.extend_from_slice(format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes());
                body.extend_from_slice(value.as_bytes());
            }
            Part::File(name, file_name, bytes) => {
                body.extend_from_slice(format!("Content-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes());
                body.extend_from_slice(bytes);
            }
        }
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    run(app, addr, "POST", uri, cookie, Some(&format!("multipart/form-data; boundary={boundary}")), body).await
}

/// Percent-encodes every byte but ASCII letters and digits.
pub fn enc(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

/// A signed-in staff member with `role` on `unit`, past the first
/// password change: the session cookie and the CSRF token.
pub async fn staff(s: &Store, admin: &Actor, name: &str, role: Role, unit: i32) -> (String, String) {
    let id = s
        .accounts()
        .create_user(admin, &NewUser { username: name.into(), display_name: name.into(), password: "mat-khau-tam-thoi-dai".into(), org_unit_id: Some(unit), grants: vec![Grant { role, unit_id: unit }] })
        .await
        .unwrap();
    let a = s.accounts().sign_in(name, "mat-khau-tam-thoi-dai", "x", None, None).await.unwrap();
    s.accounts().set_password(&a.actor, id, Some("mat-khau-tam-thoi-dai"), "mat-khau-rieng-cua-toi").await.unwrap();
    let signed = s.accounts().sign_in(name, "mat-khau-rieng-cua-toi", "x", None, None).await.unwrap();
    (format!("dv_session={}", signed.token), signed.actor.csrf_token.clone())
}
