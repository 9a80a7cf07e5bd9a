//! Discovery, the service list and the service definitions. A service is
//! an active feedback category: `service_code` its id, `service_name` and
//! `description` its own, `keywords` the parts of its name, `group` the
//! unit that handles it (none when a coordinator assigns each item).

use super::{Doc, Format, Node, answer, find_service, internal, not_found, split_file};
use crate::SharedState;
use axum::extract::{Path, State};
use axum::response::Response;
use danvan_domain::feedback::open311::TITLE_ATTRIBUTE;
use danvan_domain::messages::{Lang, t};
use danvan_store::CategoryView;
use std::collections::HashMap;

/// When this interface's definition last changed (discovery's
/// `changeset`): the day it was written.
const CHANGESET: &str = "2026-12-01T00:00:00+07:00";

/// The specification this interface follows (discovery's `specification`).
const SPECIFICATION: &str = "http://wiki.open311.org/GeoReport_v2";

pub(super) async fn discovery(state: &SharedState, f: Format) -> Response {
    let site = match state.store.portal().site().await {
        Ok(s) => s,
        Err(e) => return internal(f, e),
    };
    let base = &state.config.base_url;
    let contact = match &site {
        Some(s) => [s.name.as_str(), s.address.as_str(), s.phone.as_str(), s.email.as_str()].iter().filter(|p| !p.trim().is_empty()).copied().collect::<Vec<_>>().join(", "),
        None => String::new(),
    };
    let endpoint = Node::Obj(vec![
        ("specification", Node::s(SPECIFICATION)),
        ("url", Node::s(format!("{base}{}", super::BASE_PATH))),
        ("changeset", Node::s(CHANGESET)),
        ("type", Node::s("production")),
        ("formats", Node::List("format", vec![Node::s("text/xml"), Node::s("application/json")])),
    ]);
    let doc = Doc {
        root: "discovery",
        body: Node::Obj(vec![
            ("changeset", Node::s(CHANGESET)),
            ("contact", Node::s(contact)),
            ("key_service", Node::s(t("open311.discovery.key_service", Lang::En))),
            ("endpoints", Node::List("endpoint", vec![endpoint])),
        ]),
    };
    answer(f, &doc)
}

/// The keywords of a category: the parts of its name, in lower case
/// ("Hạ tầng, giao thông, chiếu sáng" → "hạ tầng, giao thông, chiếu sáng").
fn keywords(name: &str) -> String {
    name.split([',', ';']).map(|p| p.trim().to_lowercase()).filter(|p| !p.is_empty()).collect::<Vec<_>>().join(", ")
}

/// The unit names by id.
pub(super) async fn unit_names(state: &SharedState) -> danvan_store::StoreResult<HashMap<i32, String>> {
    Ok(state.store.units().org_units().await?.into_iter().map(|u| (u.id, u.name)).collect())
}

fn service(c: &CategoryView, units: &HashMap<i32, String>) -> Node {
    Node::Obj(vec![
        ("service_code", Node::s(c.id.to_string())),
        ("service_name", Node::s(&c.name)),
        ("description", Node::opt((!c.description.is_empty()).then(|| c.description.clone()))),
        ("metadata", Node::Bool(true)),
        ("type", Node::s("realtime")),
        ("keywords", Node::s(keywords(&c.name))),
        ("group", Node::opt(c.unit_id.and_then(|u| units.get(&u).cloned()))),
    ])
}

pub(super) async fn services(state: &SharedState, f: Format) -> Response {
    let (categories, units) = match (state.store.feedback().categories(true).await, unit_names(state).await) {
        (Ok(c), Ok(u)) => (c, u),
        (Err(e), _) | (_, Err(e)) => return internal(f, e),
    };
    answer(f, &Doc { root: "services", body: Node::List("service", categories.iter().map(|c| service(c, &units)).collect()) })
}

/// The attributes every service has: the title (`variable`, a string, not
/// required; without it the title is the start of the description).
fn attributes() -> Node {
    Node::List(
        "attribute",
        vec![Node::Obj(vec![
            ("variable", Node::Bool(true)),
            ("code", Node::s(TITLE_ATTRIBUTE)),
            ("datatype", Node::s("string")),
            ("required", Node::Bool(false)),
            ("datatype_description", Node::s(t("open311.attribute.title_datatype", Lang::En))),
            ("order", Node::Int(1)),
            ("description", Node::s(t("open311.attribute.title", Lang::En))),
        ])],
    )
}

/// `GET /open311/v2/services/{code}.{xml|json}`: 404 for a code that is
/// no active service.
pub(crate) async fn definition(State(state): State<SharedState>, Path(file): Path<String>) -> Response {
    let Some((code, f)) = split_file(&file) else {
        return not_found(super::format_of_path(&file), "path", &file, "open311.error.unknown_path");
    };
    let categories = match state.store.feedback().categories(true).await {
        Ok(c) => c,
        Err(e) => return internal(f, e),
    };
    let Some(c) = find_service(&categories, code) else {
        return not_found(f, "service_code", code, "open311.error.service_unknown");
    };
    answer(f, &Doc { root: "service_definition", body: Node::Obj(vec![("service_code", Node::s(c.id.to_string())), ("attributes", attributes())]) })
}

#[cfg(test)]
mod tests {
    #[test]
    fn keywords_are_the_parts_of_the_name() {
        assert_eq!(super::keywords("Hạ tầng, giao thông, chiếu sáng"), "hạ tầng, giao thông, chiếu sáng");
        assert_eq!(super::keywords("Góp ý"), "góp ý");
    }
}
