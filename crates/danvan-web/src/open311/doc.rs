//! One answer, two formats: a small tree ([`Node`]) written as JSON or as
//! the XML the GeoReport v2 specification shows. Fields keep their order
//! (the specification's), lists name their items for XML
//! (`<services><service>…`), `null` is an empty element in XML.

use std::fmt::Write;

/// A value of an answer.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    Null,
    Bool(bool),
    Int(i64),
    /// A finite number (latitudes, longitudes).
    Num(f64),
    Str(String),
    /// A list whose XML items are named `item` (`service`, `request`, …).
    List(&'static str, Vec<Node>),
    /// An object, fields in order.
    Obj(Vec<(&'static str, Node)>),
}

impl Node {
    /// A string, or `null` for `None`.
    pub(crate) fn opt(s: Option<String>) -> Node {
        s.map_or(Node::Null, Node::Str)
    }

    /// A string.
    pub(crate) fn s(s: impl Into<String>) -> Node {
        Node::Str(s.into())
    }
}

/// An answer: its XML root element's name and its tree (a top-level
/// [`Node::List`] is the JSON top-level array).
pub(crate) struct Doc {
    pub root: &'static str,
    pub body: Node,
}

fn json_into(n: &Node, out: &mut String) {
    match n {
        Node::Null => out.push_str("null"),
        Node::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Node::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Node::Num(x) if x.is_finite() => {
            let _ = write!(out, "{x}");
        }
        Node::Num(_) => out.push_str("null"),
        Node::Str(s) => out.push_str(&serde_json::Value::String(s.clone()).to_string()),
        Node::List(_, items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json_into(item, out);
            }
            out.push(']');
        }
        Node::Obj(fields) => {
            out.push('{');
            for (i, (k, v)) in fields.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push('"');
                out.push_str(k);
                out.push_str("\":");
                json_into(v, out);
            }
            out.push('}');
        }
    }
}

/// Text escaped for XML content.
fn escape(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
}

fn xml_into(name: &str, n: &Node, out: &mut String) {
    match n {
        Node::Null => {
            let _ = write!(out, "<{name}/>");
        }
        Node::List(item, items) => {
            let _ = write!(out, "<{name}>");
            for i in items {
                xml_into(item, i, out);
            }
            let _ = write!(out, "</{name}>");
        }
        Node::Obj(fields) => {
            let _ = write!(out, "<{name}>");
            for (k, v) in fields {
                xml_into(k, v, out);
            }
            let _ = write!(out, "</{name}>");
        }
        scalar => {
            let _ = write!(out, "<{name}>");
            match scalar {
                Node::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
                Node::Int(i) => {
                    let _ = write!(out, "{i}");
                }
                Node::Num(x) => {
                    let _ = write!(out, "{x}");
                }
                Node::Str(s) => escape(s, out),
                _ => {}
            }
            let _ = write!(out, "</{name}>");
        }
    }
}

impl Doc {
    /// The answer as JSON.
    pub(crate) fn json(&self) -> String {
        let mut out = String::new();
        json_into(&self.body, &mut out);
        out
    }

    /// The answer as XML, with its declaration; a top-level list is the
    /// root element holding its items.
    pub(crate) fn xml(&self) -> String {
        let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        xml_into(self.root, &self.body, &mut out);
        out.push('\n');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_formats_keep_the_order_and_escape() {
        let d = Doc {
            root: "services",
            body: Node::List("service", vec![Node::Obj(vec![
                ("service_code", Node::s("1")),
                ("service_name", Node::s("Điện & \"nước\" <3>")),
                ("metadata", Node::Bool(true)),
                ("group", Node::Null),
                ("lat", Node::Num(10.5)),
                ("order", Node::Int(1)),
            ])]),
        };
        assert_eq!(d.json(), r#"[{"service_code":"1","service_name":"Điện & \"nước\" <3>","metadata":true,"group":null,"lat":10.5,"order":1}]"#);
        assert_eq!(
            d.xml(),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<services><service><service_code>1</service_code><service_name>Điện &amp; &quot;nước&quot; &lt;3&gt;</service_name><metadata>true</metadata><group/><lat>10.5</lat><order>1</order></service></services>\n"
        );
    }
}
