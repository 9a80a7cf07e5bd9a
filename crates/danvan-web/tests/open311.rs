//! Open311 GeoReport v2 through the router, on SQLite and PostgreSQL:
//! every endpoint in JSON and XML, each JSON answer validated against the
//! shared schemas (`../shared/open311/georeport-v2`, the swagger's
//! `RequestResponse` and `TokenResponse` for the POST and the token) and
//! each XML answer parsed back; the errors (403 without a key or with a
//! wrong or revoked one, 404 for an unknown service, request, token or
//! path, 400 naming the parameter); a GET for one request is a list of
//! one; the filters; what shows once an item is published; the limits per
//! phone and per e-mail, shared with the web form; and a reporter's name,
//! phone, e-mail, device and account in no answer at all.

mod support;
use support::{enc};

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use danvan_domain::feedback::open311::iso;
use danvan_domain::feedback::{Channel, NewItem};
use danvan_store::{Store, bootstrap_site};
use danvan_testing::{TestDb, backend_tests};
use danvan_web::{WebConfig, router, state};
use http_body_util::BodyExt;
use serde_json::Value;
use std::net::SocketAddr;
use std::path::PathBuf;
use tower::ServiceExt;

struct Answer {
    status: StatusCode,
    content_type: String,
    body: String,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

async fn send(app: &Router, method: &str, uri: &str, form: &str) -> Answer {
    let peer: SocketAddr = "10.0.0.9:40000".parse().unwrap();
    let mut b = Request::builder().method(method).uri(uri).header(header::USER_AGENT, "open311-client").extension(ConnectInfo(peer));
    if method == "POST" {
        b = b.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    }
    let r = app.clone().oneshot(b.body(Body::from(form.to_owned())).unwrap()).await.unwrap();
    let status = r.status();
    let content_type = r.headers().get(header::CONTENT_TYPE).map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
    let bytes = r.into_body().collect().await.unwrap().to_bytes().to_vec();
    Answer { status, content_type, body: String::from_utf8(bytes).unwrap() }
}


fn schema_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/open311/georeport-v2")
}

fn read_json(name: &str) -> Value {
    let p = schema_dir().join(name);
    serde_json::from_str(&std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))).unwrap()
}

/// Resolves the schemas' relative `$ref`s (`request.json`) in the shared folder.
struct SharedSchemas;

impl jsonschema::Retrieve for SharedSchemas {
    fn retrieve(&self, uri: &jsonschema::Uri<String>) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let name = uri.as_str().rsplit('/').next().unwrap_or_default().to_owned();
        Ok(serde_json::from_str(&std::fs::read_to_string(schema_dir().join(name))?)?)
    }
}

fn validator(schema: &Value) -> jsonschema::Validator {
    jsonschema::options().with_base_uri("file:///georeport-v2/").with_retriever(SharedSchemas).should_validate_formats(true).build(schema).unwrap()
}

/// Panics unless `v` is valid against the shared schema `name`.
fn check(name: &str, v: &Value) {
    let errors: Vec<String> = validator(&read_json(name)).iter_errors(v).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "{name}: {errors:?}\n{v}");
}

/// Panics unless `v` is a list whose items are valid against the
/// swagger's definition `name`. Its `account_id` may also be `null`: the
/// specification's own example answers `"account_id": null` (we keep no
/// accounts), and the shared schemas allow `null` for every optional field.
fn check_swagger_list(name: &str, v: &Value) {
    let mut def = read_json("swagger.json")["definitions"][name].clone();
    assert!(def.is_object(), "{name} in swagger.json");
    if let Some(p) = def["properties"].get_mut("account_id") {
        *p = serde_json::json!({ "anyOf": [p.clone(), { "type": "null" }] });
    }
    let list = serde_json::json!({ "type": "array", "items": def });
    let errors: Vec<String> = validator(&list).iter_errors(v).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{name}: {errors:?}\n{v}");
}

/// The parsed XML, its root named `root`.
fn xml<'a>(a: &'a Answer, root: &str) -> roxmltree::Document<'a> {
    assert!(a.content_type.starts_with("text/xml"), "{}: {}", a.content_type, a.body);
    let d = roxmltree::Document::parse(&a.body).unwrap_or_else(|e| panic!("not XML ({e}): {}", a.body));
    assert_eq!(d.root_element().tag_name().name(), root, "{}", a.body);
    d
}

/// The element children of `n` named `name`.
fn children<'a, 'i>(n: roxmltree::Node<'a, 'i>, name: &str) -> Vec<roxmltree::Node<'a, 'i>> {
    n.children().filter(|c| c.is_element() && c.tag_name().name() == name).collect()
}

/// The text of the child `name` of `n` ("" when empty).
fn text_of(n: roxmltree::Node, name: &str) -> String {
    children(n, name).first().unwrap_or_else(|| panic!("no <{name}>")).text().unwrap_or_default().to_owned()
}

/// An error answer: status, and in JSON `[{code, description}]` with the
/// status as code and `needle` in the description; in XML `<errors>`.
fn assert_error(a: &Answer, status: StatusCode, needle: &str) {
    assert_eq!(a.status, status, "{}", a.body);
    if a.content_type.starts_with("application/json") {
        let v = a.json();
        let list = v.as_array().unwrap_or_else(|| panic!("a list: {v}"));
        assert_eq!(list.len(), 1, "{v}");
        assert_eq!(list[0]["code"], status.as_u16(), "{v}");
        assert!(list[0]["description"].as_str().unwrap().contains(needle), "{needle:?} in {v}");
    } else {
        let d = xml(a, "errors");
        let e = children(d.root_element(), "error")[0];
        assert_eq!(text_of(e, "code"), status.as_u16().to_string());
        assert!(text_of(e, "description").contains(needle), "{needle:?} in {}", a.body);
    }
}

struct Site {
    app: Router,
    key: String,
    /// Active categories' ids.
    services: Vec<i32>,
    /// A feedback coordinator over the whole site.
    coordinator: danvan_store::Actor,
}

async fn site(s: &Store) -> Site {
    let created = bootstrap_site(s, true).await.unwrap().unwrap();
    let key = s.open311().create_key("Ứng dụng Phường 1", danvan_store::now()).await.unwrap();
    let app = router(state(s.clone(), WebConfig { base_url: "https://danvan.example.vn".into(), ..WebConfig::default() }).unwrap());
    let services = s.feedback().categories(true).await.unwrap().iter().map(|c| c.id).collect();
    let admin = s.accounts().sign_in(&created.admin_username, &created.admin_password, "a", None, None).await.unwrap().actor;
    let root = s.units().org_units().await.unwrap().into_iter().find(|u| u.parent_id.is_none()).unwrap().id;
    let grants = vec![danvan_domain::editorial::Grant { role: danvan_domain::editorial::Role::FeedbackCoordinator, unit_id: root }];
    let user = danvan_store::NewUser { username: "tiepnhan".into(), display_name: "Tiếp nhận".into(), password: "mat-khau-tam-thoi-dai".into(), org_unit_id: Some(root), grants };
    s.accounts().create_user(&admin, &user).await.unwrap();
    let coordinator = s.accounts().sign_in("tiepnhan", "mat-khau-tam-thoi-dai", "a", None, None).await.unwrap().actor;
    Site { app, key, services, coordinator }
}

/// A valid POST's form for service `code`, with `extra` appended.
fn post_form(key: &str, code: i32, extra: &str) -> String {
    format!(
        "api_key={key}&service_code={code}&lat=21.0285&long=105.8542&address_string={}&description={}{extra}",
        enc("Ngõ 12 phố Hàng Bông"),
        enc("Cột đèn ngõ 12 bị đổ sau cơn bão, chắn lối đi."),
    )
}

const NAME_FIRST: &str = "Bí Ẩn";
const NAME_LAST: &str = "Trương";
const PHONE: &str = "0976 543 210";
const EMAIL: &str = "truong.bi.an@example.vn";
const DEVICE: &str = "thiet-bi-7f3a91";
const ACCOUNT: &str = "tai-khoan-5521";
/// How the personal data could show in an answer.
const SECRETS: [&str; 8] = ["Bí Ẩn", "Trương", "0976543210", "0976 543 210", "976543210", "truong.bi.an", DEVICE, ACCOUNT];

fn secret_in(body: &str) -> Option<&'static str> {
    SECRETS.into_iter().find(|s| body.contains(s))
}

backend_tests! {
    async fn every_endpoint_in_json_and_xml(db: TestDb) {
        let l = db.label;
        let s = &db.store;
        let Site { app, key, services, coordinator } = site(s).await;
        let code = services[0];
        let categories = s.feedback().categories(true).await.unwrap();

        // discovery
        let d = send(&app, "GET", "/open311/v2/discovery.json", "").await;
        assert_eq!(d.status, StatusCode::OK, "{l}");
        assert!(d.content_type.starts_with("application/json"));
        let v = d.json();
        assert_eq!(v["endpoints"][0]["url"], "https://danvan.example.vn/open311/v2");
        assert_eq!(v["endpoints"][0]["formats"], serde_json::json!(["text/xml", "application/json"]));
        assert_eq!(v["endpoints"][0]["specification"], "http://wiki.open311.org/GeoReport_v2");
        let x = send(&app, "GET", "/open311/v2/discovery.xml", "").await;
        let doc = xml(&x, "discovery");
        let endpoint = children(children(doc.root_element(), "endpoints")[0], "endpoint")[0];
        assert_eq!(children(children(endpoint, "formats")[0], "format").len(), 2);

        // services: every active category, in JSON and XML
        let r = send(&app, "GET", "/open311/v2/services.json", "").await;
        assert_eq!(r.status, StatusCode::OK, "{l}");
        let v = r.json();
        check("services.json", &v);
        let list = v.as_array().unwrap();
        assert_eq!(list.len(), categories.len(), "{l}");
        assert_eq!(list[0]["service_code"], code.to_string());
        assert_eq!(list[0]["service_name"], categories[0].name.as_str());
        assert_eq!((list[0]["metadata"].as_bool(), list[0]["type"].as_str()), (Some(true), Some("realtime")));
        assert_eq!(list[0]["keywords"], categories[0].name.to_lowercase().as_str(), "the parts of the name");
        let x = send(&app, "GET", "/open311/v2/services.xml", "").await;
        let doc = xml(&x, "services");
        let items = children(doc.root_element(), "service");
        assert_eq!(items.len(), categories.len());
        assert_eq!(text_of(items[0], "service_code"), code.to_string());
        assert_eq!(text_of(items[0], "metadata"), "true");

        // a service definition: the title attribute
        let r = send(&app, "GET", &format!("/open311/v2/services/{code}.json"), "").await;
        assert_eq!(r.status, StatusCode::OK, "{l}");
        let v = r.json();
        check("service-definition.json", &v);
        assert_eq!(v["service_code"], code.to_string());
        assert_eq!(v["attributes"][0]["code"], "title");
        assert_eq!((v["attributes"][0]["datatype"].as_str(), v["attributes"][0]["required"].as_bool()), (Some("string"), Some(false)));
        let x = send(&app, "GET", &format!("/open311/v2/services/{code}.xml"), "").await;
        let doc = xml(&x, "service_definition");
        let attr = children(children(doc.root_element(), "attributes")[0], "attribute")[0];
        assert_eq!((text_of(attr, "code").as_str(), text_of(attr, "variable").as_str()), ("title", "true"));
        assert_error(&send(&app, "GET", "/open311/v2/services/999.json", "").await, StatusCode::NOT_FOUND, "service_code: there is no service 999");
        assert_error(&send(&app, "GET", "/open311/v2/services/999.xml", "").await, StatusCode::NOT_FOUND, "service_code");

        // POST: the key first (missing, wrong, in either format), then the parameters
        let form = post_form(&key, code, "");
        assert_error(&send(&app, "POST", "/open311/v2/requests.json", &form.replace(&format!("api_key={key}&"), "")).await, StatusCode::FORBIDDEN, "api_key");
        assert_error(&send(&app, "POST", "/open311/v2/requests.xml", &form.replace(&format!("api_key={key}&"), "")).await, StatusCode::FORBIDDEN, "api_key");
        assert_error(&send(&app, "POST", "/open311/v2/requests.json", &form.replace(&key, &"0".repeat(64))).await, StatusCode::FORBIDDEN, "api_key");
        assert_error(&send(&app, "POST", "/open311/v2/requests.json", &form.replace(&format!("service_code={code}"), "service_code=4242")).await, StatusCode::NOT_FOUND, "service_code: there is no service 4242");
        assert_error(&send(&app, "POST", "/open311/v2/requests.xml", &form.replace(&format!("service_code={code}"), "service_code=4242")).await, StatusCode::NOT_FOUND, "4242");
        let bad = [
            (form.replace(&format!("service_code={code}&"), ""), "service_code: required"),
            (form.replace("lat=21.0285&long=105.8542&", "").replace("address_string=", "x="), "lat: a location is needed"),
            (form.replace("&long=105.8542", ""), "long: both lat and long"),
            (form.replace("lat=21.0285", "lat=121"), "lat: both lat and long"),
            (form.replace("description=", "x="), "description: required"),
            (form.clone(), "phone, email: A phone number or an e-mail is needed"),
            (post_form(&key, code, "&phone=12345"), "phone: The phone number is not valid"),
            (post_form(&key, code, "&email=khong-phai-thu"), "email: The e-mail address is not valid"),
            (post_form(&key, code, "&phone=0912345678&attribute%5Bmuc_do%5D=cao"), "attribute[muc_do]: this service has no such attribute"),
            (post_form(&key, code, &format!("&phone=0912345678&attribute%5Btitle%5D={}", "x".repeat(201))), "attribute[title]: The title is longer than 200 characters"),
            (post_form(&key, code, "&phone=0912345678&media_url=ftp%3A%2F%2Fx"), "media_url: an http:// or https:// address"),
        ];
        for (form, needle) in &bad {
            assert_error(&send(&app, "POST", "/open311/v2/requests.json", form).await, StatusCode::BAD_REQUEST, needle);
        }
        assert_error(&send(&app, "POST", "/open311/v2/requests.xml", &bad[0].0).await, StatusCode::BAD_REQUEST, "service_code: required");
        assert!(s.open311().requests(&all_requests()).await.unwrap().is_empty(), "{l}: nothing stored by a refused POST");

        // a POST in JSON: committed, the id at once, the code for the reporter in the notice
        let r = send(&app, "POST", "/open311/v2/requests.json", &post_form(&key, code, &format!("&phone={}&attribute%5Btitle%5D={}", enc(PHONE), enc("Cột đèn đổ")))).await;
        assert_eq!(r.status, StatusCode::OK, "{l}: {}", r.body);
        let v = r.json();
        check_swagger_list("RequestResponse", &v);
        assert_eq!(v.as_array().unwrap().len(), 1);
        let first: i32 = v[0]["service_request_id"].as_str().unwrap().parse().unwrap();
        assert!(v[0]["account_id"].is_null());
        let notice = v[0]["service_notice"].as_str().unwrap();
        assert!(notice.contains("mã tra cứu PA-") && notice.contains("https://danvan.example.vn/phan-anh/tra-cuu") && notice.contains("10 ngày làm việc"), "{notice}");
        let stored = s.open311().request(first).await.unwrap().unwrap();
        assert_eq!((stored.category_id, stored.public.description.clone()), (code, None), "{l}");
        // in XML, with an e-mail only and no title (the description's first words are the title)
        let x = send(&app, "POST", "/open311/v2/requests.xml", &post_form(&key, code, "&email=nguoi.gui%40example.org")).await;
        assert_eq!(x.status, StatusCode::OK, "{l}: {}", x.body);
        let doc = xml(&x, "service_requests");
        let req = children(doc.root_element(), "request")[0];
        let second: i32 = text_of(req, "service_request_id").parse().unwrap();
        assert!(text_of(req, "service_notice").contains("PA-") && text_of(req, "account_id").is_empty());
        // an item from the web form is a request too
        let calendar = s.calendar().working_calendar(&danvan_calendar::HolidayRules::default_rules()).await.unwrap();
        let web = NewItem { category_id: Some(services[1]), title: "Rác ở chợ".into(), content: "Rác tồn đọng ở chợ xã.".into(), phone: "0912 111 222".into(), consent: true, ..Default::default() };
        let web = s.feedback().submit(&web, Channel::Web, None, "dia-chi", &calendar, danvan_store::now()).await.unwrap();

        // the request list: newest first, no personal data, the deadline as expected_datetime
        let r = send(&app, "GET", "/open311/v2/requests.json", "").await;
        assert_eq!(r.status, StatusCode::OK, "{l}");
        let v = r.json();
        check("requests.json", &v);
        let ids: Vec<String> = v.as_array().unwrap().iter().map(|r| r["service_request_id"].as_str().unwrap().to_owned()).collect();
        assert_eq!(ids, [web.id.to_string(), second.to_string(), first.to_string()], "{l}");
        let one = &v[2];
        assert_eq!((one["status"].as_str(), one["service_code"].as_str()), (Some("open"), Some(code.to_string().as_str())));
        assert_eq!(one["service_name"], categories[0].name.as_str());
        let root_unit = s.units().org_units().await.unwrap().into_iter().find(|u| u.parent_id.is_none()).unwrap().name;
        assert_eq!(one["agency_responsible"], root_unit.as_str(), "{l}");
        let due = categories[0].rule.deadline(&calendar, danvan_domain::time::vietnam_today(), 0).unwrap();
        assert_eq!(one["expected_datetime"], iso(due.at.with_timezone(&chrono::Utc)).as_str(), "{l}: the deadline");
        assert!(one["expected_datetime"].as_str().unwrap().ends_with("+07:00") && one["requested_datetime"].as_str().unwrap().ends_with("+07:00"));
        for hidden in ["description", "address", "lat", "long", "status_notes", "media_url", "address_id"] {
            assert!(one[hidden].is_null(), "{l}: {hidden} before publication: {one}");
        }
        assert!(one["service_notice"].as_str().unwrap().starts_with("giải quyết trong 10 ngày làm việc") && !one.to_string().contains("PA-"), "{l}: never the tracking code: {one}");
        let x = send(&app, "GET", "/open311/v2/requests.xml", "").await;
        let doc = xml(&x, "service_requests");
        let reqs = children(doc.root_element(), "request");
        assert_eq!(reqs.len(), 3);
        assert_eq!(text_of(reqs[2], "service_request_id"), first.to_string());
        assert_eq!(text_of(reqs[2], "status"), "open");
        assert_eq!(text_of(reqs[2], "description"), "", "empty before publication");

        // one request: a list of one in JSON too
        for path in [format!("/open311/v2/requests/{first}.json"), format!("/open311/v2/requests.json?service_request_id={first}")] {
            let r = send(&app, "GET", &path, "").await;
            assert_eq!(r.status, StatusCode::OK, "{l}: {path}");
            let v = r.json();
            check("requests.json", &v);
            assert_eq!(v.as_array().unwrap().len(), 1, "{path}: {v}");
            assert_eq!(v[0]["service_request_id"], first.to_string());
        }
        let x = send(&app, "GET", &format!("/open311/v2/requests/{first}.xml"), "").await;
        let doc = xml(&x, "service_requests");
        assert_eq!(children(doc.root_element(), "request").len(), 1);
        assert_error(&send(&app, "GET", "/open311/v2/requests/999999.json", "").await, StatusCode::NOT_FOUND, "service_request_id: there is no request 999999");
        assert_error(&send(&app, "GET", "/open311/v2/requests/abc.xml", "").await, StatusCode::NOT_FOUND, "service_request_id");

        // tokens: a request's token is its id
        let r = send(&app, "GET", &format!("/open311/v2/tokens/{second}.json"), "").await;
        assert_eq!(r.status, StatusCode::OK, "{l}");
        let v = r.json();
        check_swagger_list("TokenResponse", &v);
        assert_eq!((v[0]["service_request_id"].as_str(), v[0]["token"].as_str()), (Some(second.to_string().as_str()), Some(second.to_string().as_str())));
        let x = send(&app, "GET", &format!("/open311/v2/tokens/{second}.xml"), "").await;
        let doc = xml(&x, "service_requests");
        assert_eq!(text_of(children(doc.root_element(), "request")[0], "token"), second.to_string());
        assert_error(&send(&app, "GET", "/open311/v2/tokens/424242.json", "").await, StatusCode::NOT_FOUND, "token_id");

        // filters
        let count = |v: &Value| v.as_array().unwrap().len();
        let get = |q: String| { let app = app.clone(); async move { send(&app, "GET", &format!("/open311/v2/requests.json?{q}"), "").await } };
        assert_eq!(count(&get(format!("service_request_id={first},{web_id}", web_id = web.id)).await.json()), 2);
        assert_eq!(count(&get(format!("service_code={code}")).await.json()), 2);
        assert_eq!(count(&get(format!("service_code={}", services[1])).await.json()), 1);
        assert_eq!(count(&get("status=open".into()).await.json()), 3);
        assert_eq!(count(&get("status=closed".into()).await.json()), 0);
        assert_eq!(count(&get("start_date=2030-01-01T00:00:00%2B07:00".into()).await.json()), 0, "after every request");
        let today = danvan_domain::time::vietnam_today();
        assert_eq!(count(&get(format!("start_date={}&end_date={}", today - chrono::Duration::days(1), today)).await.json()), 3, "{l}: a date alone takes the whole day");
        assert_eq!(count(&get(format!("end_date={}", today - chrono::Duration::days(1))).await.json()), 0);
        assert_error(&get("start_date=hom-qua".into()).await, StatusCode::BAD_REQUEST, "start_date: not an ISO 8601 datetime");
        assert_error(&get("start_date=2026-01-01&end_date=2026-06-01".into()).await, StatusCode::BAD_REQUEST, "more than 90 days");
        assert_error(&get("start_date=2026-06-01&end_date=2026-05-01".into()).await, StatusCode::BAD_REQUEST, "end_date: before start_date");
        assert_error(&get("status=pending".into()).await, StatusCode::BAD_REQUEST, "status: open, closed");
        assert_error(&get("service_request_id=1,x".into()).await, StatusCode::BAD_REQUEST, "service_request_id: a comma-separated list");
        assert_error(&get("service_code=4242".into()).await, StatusCode::NOT_FOUND, "service_code");
        assert_error(&send(&app, "GET", "/open311/v2/requests.xml?status=pending", "").await, StatusCode::BAD_REQUEST, "status");

        // a refused item is closed
        s.feedback().refuse(&coordinator, second, "Trùng với phản ánh khác", danvan_store::now()).await.unwrap();
        let closed = get("status=closed".into()).await.json();
        assert_eq!((count(&closed), closed[0]["status"].as_str()), (1, Some("closed")), "{l}");
        assert_eq!(count(&get("status=open,closed".into()).await.json()), 3);
        assert_eq!(count(&get("status=open".into()).await.json()), 2);

        // published: the texts staff confirmed show, never the item's own; the location with a published place
        let root_id = s.units().org_units().await.unwrap().into_iter().find(|u| u.parent_id.is_none()).unwrap().id;
        s.feedback().accept(&coordinator, first, root_id, &calendar, danvan_store::now()).await.unwrap();
        s.feedback().answer(&coordinator, first, "Chào anh, điện lực đã dựng lại cột đèn ngõ 12.", danvan_store::now()).await.unwrap();
        let texts = danvan_store::PublicTexts {
            title: "Cột đèn đổ ở ngõ 12".into(),
            question: "Cột đèn ngõ 12 bị đổ sau bão.".into(),
            place: "Phố Hàng Bông".into(),
            answer: "Điện lực đã dựng lại cột đèn.".into(),
        };
        s.feedback().publish(&coordinator, first, &texts, true, danvan_store::now()).await.unwrap();
        let v = send(&app, "GET", &format!("/open311/v2/requests/{first}.json"), "").await.json();
        check("requests.json", &v);
        assert_eq!((v[0]["description"].as_str(), v[0]["status_notes"].as_str(), v[0]["status"].as_str()), (Some("Cột đèn ngõ 12 bị đổ sau bão."), Some("Điện lực đã dựng lại cột đèn."), Some("closed")), "{l}: {v}");
        assert_eq!((v[0]["address"].as_str(), v[0]["lat"].as_f64(), v[0]["long"].as_f64()), (Some("Phố Hàng Bông"), Some(21.0285), Some(105.8542)));
        assert!(!v.to_string().contains("Chào anh"), "the item's own answer stays unpublished");
        let x = send(&app, "GET", &format!("/open311/v2/requests/{first}.xml"), "").await;
        let doc = xml(&x, "service_requests");
        let req = children(doc.root_element(), "request")[0];
        assert_eq!((text_of(req, "lat").as_str(), text_of(req, "status_notes").as_str()), ("21.0285", "Điện lực đã dựng lại cột đèn."));
        // published without a place: no location either
        s.feedback().publish(&coordinator, first, &danvan_store::PublicTexts { place: String::new(), ..texts }, true, danvan_store::now()).await.unwrap();
        let v = send(&app, "GET", &format!("/open311/v2/requests/{first}.json"), "").await.json();
        assert!(v[0]["address"].is_null() && v[0]["lat"].is_null() && v[0]["long"].is_null() && v[0]["description"].is_string(), "{l}: {v}");

        // a revoked key is refused
        s.open311().revoke_key("Ứng dụng Phường 1", danvan_store::now()).await.unwrap();
        assert_error(&send(&app, "POST", "/open311/v2/requests.json", &post_form(&key, code, "&phone=0912345678")).await, StatusCode::FORBIDDEN, "revoked");

        // paths, methods and bodies the interface does not take, answered in its own errors
        assert_error(&send(&app, "GET", "/open311/v2/khong-co.json", "").await, StatusCode::NOT_FOUND, "No endpoint khong-co.json");
        assert_error(&send(&app, "GET", "/open311/v2/services.txt", "").await, StatusCode::NOT_FOUND, "services.txt");
        assert_error(&send(&app, "GET", "/open311/v2/a/b/c.json", "").await, StatusCode::NOT_FOUND, "No such endpoint");
        assert_error(&send(&app, "POST", "/open311/v2/services.json", "api_key=x").await, StatusCode::METHOD_NOT_ALLOWED, "Only GET here");
        assert_error(&send(&app, "DELETE", "/open311/v2/requests/1.json", "").await, StatusCode::METHOD_NOT_ALLOWED, "Only GET here");
        assert_error(&send(&app, "POST", "/open311/v2/requests.json", "api_key=a%00b").await, StatusCode::BAD_REQUEST, "control");
    }

    async fn no_personal_data_in_any_answer(db: TestDb) {
        let l = db.label;
        let s = &db.store;
        let Site { app, key, services, coordinator } = site(s).await;
        let code = services[0];
        // the reporter's details, and the phone in the text itself (not published)
        let form = format!(
            "{}&first_name={}&last_name={}&phone={}&email={}&device_id={DEVICE}&account_id={ACCOUNT}&attribute%5Btitle%5D={}",
            post_form(&key, code, ""),
            enc(NAME_FIRST),
            enc(NAME_LAST),
            enc(PHONE),
            enc(EMAIL),
            enc("Gọi 0976 543 210 nếu cần")
        )
        .replace(&enc("Cột đèn ngõ 12 bị đổ sau cơn bão, chắn lối đi."), &enc("Tôi là Trương Bí Ẩn, số 0976543210, thư truong.bi.an@example.vn"));
        let mut answers = Vec::new();
        let posted = send(&app, "POST", "/open311/v2/requests.json", &form).await;
        assert_eq!(posted.status, StatusCode::OK, "{l}: {}", posted.body);
        let id = posted.json()[0]["service_request_id"].as_str().unwrap().to_owned();
        answers.push(("POST json".to_owned(), posted));
        let posted = send(&app, "POST", "/open311/v2/requests.xml", &form).await;
        assert_eq!(posted.status, StatusCode::OK, "{l}: {}", posted.body);
        answers.push(("POST xml".to_owned(), posted));
        // the reporter's contact was kept for staff
        let contact = db.store.feedback().item(&coordinator, id.parse().unwrap()).await.unwrap().unwrap().contact.unwrap();
        assert_eq!(contact, (format!("{NAME_LAST} {NAME_FIRST}"), "0976543210".to_owned(), EMAIL.to_owned()), "{l}");
        // answered quoting the reporter, then published with the personal data taken out
        let item: i32 = id.parse().unwrap();
        let root_id = s.units().org_units().await.unwrap().into_iter().find(|u| u.parent_id.is_none()).unwrap().id;
        let calendar = s.calendar().working_calendar(&danvan_calendar::HolidayRules::default_rules()).await.unwrap();
        s.feedback().accept(&coordinator, item, root_id, &calendar, danvan_store::now()).await.unwrap();
        s.feedback().answer(&coordinator, item, &format!("Chào anh {NAME_LAST} {NAME_FIRST} ({PHONE}): cột đèn đã được dựng lại."), danvan_store::now()).await.unwrap();
        let own = danvan_store::PublicTexts { title: "Cột đèn đổ".into(), question: format!("Tôi là {NAME_LAST} {NAME_FIRST}"), place: "Ngõ 12".into(), answer: "Đã dựng lại.".into() };
        assert!(s.feedback().publish(&coordinator, item, &own, true, danvan_store::now()).await.is_err(), "{l}: the reporter's own name is refused");
        let texts = danvan_store::PublicTexts { title: "Cột đèn đổ".into(), question: "Cột đèn ngõ 12 bị đổ, chắn lối đi.".into(), place: "Ngõ 12".into(), answer: "Cột đèn đã được dựng lại.".into() };
        s.feedback().publish(&coordinator, item, &texts, true, danvan_store::now()).await.unwrap();
        let mut paths = vec!["discovery".to_owned(), "services".to_owned(), "requests".to_owned(), format!("requests/{id}"), format!("tokens/{id}")];
        paths.push(format!("requests?service_request_id={id}"));
        paths.push(format!("requests?service_code={code}&status=closed"));
        paths.extend(services.iter().map(|c| format!("services/{c}")));
        for p in &paths {
            for ext in ["json", "xml"] {
                let uri = match p.split_once('?') {
                    Some((path, q)) => format!("/open311/v2/{path}.{ext}?{q}"),
                    None => format!("/open311/v2/{p}.{ext}"),
                };
                let a = send(&app, "GET", &uri, "").await;
                assert_eq!(a.status, StatusCode::OK, "{l}: {uri}");
                answers.push((uri, a));
            }
        }
        // errors too: a refused POST names the parameter, never echoes the value
        let refused = send(&app, "POST", "/open311/v2/requests.json", &form.replace("phone=", "phone=x")).await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{l}");
        answers.push(("refused POST".to_owned(), refused));
        for (what, a) in &answers {
            assert_eq!(secret_in(&a.body), None, "{l}: {what}: {}", a.body);
        }
        let shown = answers.iter().filter(|(_, a)| a.body.contains("Cột đèn đã được dựng lại.")).count();
        assert_eq!(shown, 8, "{l}: the published answer is in the list and the item's answers, JSON and XML");

        // on request, the reporter's export holds the location, and erasure removes it
        let export = s.feedback().export_contact(&coordinator, PHONE, danvan_store::now()).await.unwrap();
        let sent = export.items[0].open311.clone().expect("the Open311 part");
        assert_eq!((sent.lat.as_str(), sent.long.as_str(), export.items[0].channel.as_str()), ("21.0285", "105.8542", "open311"), "{l}");
        assert_eq!(s.feedback().erase_contact(&coordinator, None, PHONE, danvan_store::now()).await.unwrap(), 2);
        let export = s.feedback().export_contact(&coordinator, "0976 543 210", danvan_store::now()).await.unwrap();
        assert!(export.items.is_empty(), "{l}: nothing is found by the phone any more");
        let conn = sea_orm::Database::connect(db.url()).await.unwrap();
        use sea_orm::EntityTrait;
        let rows = danvan_store::entity::feedback_open311::Entity::find().all(&conn).await.unwrap();
        assert!(rows.len() == 2 && rows.iter().all(|r| r.lat.is_none() && r.long.is_none() && r.address_id.is_empty()), "{l}: {rows:?}");
        conn.close().await.unwrap();
        assert!(answers.len() >= 20, "{}", answers.len());
    }

    async fn limits_per_phone_and_email_on_both_channels(db: TestDb) {
        let l = db.label;
        let s = &db.store;
        let Site { app, key, services, .. } = site(s).await;
        let code = services[0];
        let post = |extra: String| { let app = app.clone(); let form = post_form(&key, code, &extra); async move { send(&app, "POST", "/open311/v2/requests.json", &form).await } };
        // ten an hour with one phone (each with another e-mail); the eleventh is a 429
        for i in 0..10 {
            let r = post(format!("&phone=0911000111&email=nguoi{i}%40example.org")).await;
            assert_eq!(r.status, StatusCode::OK, "{l}: {i}: {}", r.body);
        }
        let r = post("&phone=0911000111&email=moi%40example.org".into()).await;
        assert_error(&r, StatusCode::TOO_MANY_REQUESTS, "Too many requests with this phone or e-mail");
        assert_error(&post("&phone=%2B84%20911%20000%20111".into()).await, StatusCode::TOO_MANY_REQUESTS, "phone or e-mail");
        // the same for one e-mail, written in another case
        for i in 0..10 {
            assert_eq!(post(format!("&email=mot.dia.chi%40example.org&phone=091200{i:04}")).await.status, StatusCode::OK, "{l}");
        }
        assert_eq!(post("&email=MOT.DIA.CHI%40example.org".into()).await.status, StatusCode::TOO_MANY_REQUESTS, "{l}");
        // another phone is not stopped
        assert_eq!(post("&phone=0913000111".into()).await.status, StatusCode::OK);
        // the limit holds on the web form too: the phone has used its ten
        let calendar = s.calendar().working_calendar(&danvan_calendar::HolidayRules::default_rules()).await.unwrap();
        let web = NewItem { category_id: Some(code), title: "Đèn".into(), content: "Đèn hỏng".into(), phone: "0911 000 111".into(), consent: true, ..Default::default() };
        let r = s.feedback().submit(&web, Channel::Web, None, "dia-chi-moi", &calendar, danvan_store::now()).await;
        assert!(matches!(r, Err(danvan_store::StoreError::Field { field: "phone", code: "feedback.contact_rate_limited" })), "{l}: {r:?}");
        let csrf = "cd".repeat(32);
        let form = format!("csrf={csrf}&category_id={code}&title=x&content=y&phone=0911000111&consent=1&website=");
        let peer: SocketAddr = "10.0.0.7:40000".parse().unwrap();
        let req = Request::builder().method("POST").uri("/phan-anh/gui").header(header::COOKIE, format!("dv_csrf={csrf}")).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded").extension(ConnectInfo(peer)).body(Body::from(form)).unwrap();
        let r = app.clone().oneshot(req).await.unwrap();
        assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS, "{l}");
        let body = String::from_utf8(r.into_body().collect().await.unwrap().to_bytes().to_vec()).unwrap();
        assert!(body.contains("nhiều phản ánh với số điện thoại hoặc thư điện tử này"), "{body}");
        // the attempts table keeps no phone nor e-mail, only salted hashes
        use sea_orm::EntityTrait;
        let attempts = danvan_store::entity::feedback_attempt::Entity::find().all(s.connection()).await.unwrap();
        assert!(attempts.len() >= 22 && attempts.iter().all(|a| a.key_hash.len() == 64 && a.key_hash.bytes().all(|b| b.is_ascii_hexdigit()) && !a.key_hash.contains("0911000111") && !a.key_hash.contains("@")), "{l}: {} attempts", attempts.len());
    }
}

/// Every request of any time, for checks through the store.
fn all_requests() -> danvan_store::RequestFilter {
    let now = danvan_store::now();
    danvan_store::RequestFilter { ids: Vec::new(), category_id: None, from: now - chrono::Duration::days(3650), until: now + chrono::Duration::days(1), statuses: Vec::new(), limit: 1000 }
}
