//! References to registry records typed by an editor who links an article
//! to the models it is about ("Mô hình, điển hình liên quan").
//!
//! The editor's form has one text field; the editor types references
//! separated by commas, semicolons or new lines, each one of:
//!
//! * `#123` or `123`: the record's number, shown on its back-office page
//!   ("Mã tham chiếu");
//! * `don-vi/MA`: the slug of the unit's name (`dang-uy-xa-mau-son`) or the
//!   name itself, a `/`, and the unit's own code of the record (`MH-01`),
//!   as in the import sheets (the last `/` separates them, so a code may not
//!   hold one but a unit name may).
//!
//! [`parse_refs`] reads the text; what cannot be read is a [`RefProblem`]
//! naming the item as typed and why, so the form can say "«abc»: …" for
//! each. The store resolves the references (unit, code, the right to see
//! the record) and reports its own problems the same way.

/// Most records one article may be linked to.
pub const MAX_LINKS: usize = 30;

/// Longest reference, in characters.
pub const MAX_REF_CHARS: usize = 300;

/// One reference as typed, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModelRef {
    /// `#123`: the record's number.
    Id { text: String, id: i32 },
    /// `unit/code`: the unit (slug or name, as typed) and the record's code.
    UnitCode { text: String, unit: String, code: String },
}

impl ModelRef {
    /// The reference as the editor typed it (trimmed), for messages.
    pub fn text(&self) -> &str {
        match self {
            ModelRef::Id { text, .. } | ModelRef::UnitCode { text, .. } => text,
        }
    }
}

/// A reference refused: the item as typed and the catalogue key of why
/// (`registry.link.*`, shown as "«item»: message").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefProblem {
    pub item: String,
    pub code: &'static str,
}

/// Reads the references of `text` (see the module doc), in order, each
/// once (a reference typed twice counts once). Problems:
/// `registry.link.ref_invalid` (neither a number nor `unit/code`),
/// `registry.link.too_many` (more than [`MAX_LINKS`], reported on the first
/// item past the limit).
pub fn parse_refs(text: &str) -> (Vec<ModelRef>, Vec<RefProblem>) {
    let text = danvan_text::normalize_input(text);
    let mut refs: Vec<ModelRef> = Vec::new();
    let mut problems = Vec::new();
    for raw in text.split([',', ';', '\n', '\r']) {
        let item = collapse(raw);
        if item.is_empty() {
            continue;
        }
        match parse_one(&item) {
            Some(r) => {
                if refs.iter().any(|x| same(x, &r)) {
                    continue;
                }
                if refs.len() == MAX_LINKS {
                    problems.push(RefProblem { item, code: "registry.link.too_many" });
                    break;
                }
                refs.push(r);
            }
            None => problems.push(RefProblem { item, code: "registry.link.ref_invalid" }),
        }
    }
    (refs, problems)
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn same(a: &ModelRef, b: &ModelRef) -> bool {
    match (a, b) {
        (ModelRef::Id { id: x, .. }, ModelRef::Id { id: y, .. }) => x == y,
        (ModelRef::UnitCode { unit: u1, code: c1, .. }, ModelRef::UnitCode { unit: u2, code: c2, .. }) => u1 == u2 && c1 == c2,
        _ => false,
    }
}

fn parse_one(item: &str) -> Option<ModelRef> {
    if item.chars().count() > MAX_REF_CHARS {
        return None;
    }
    let number = item.strip_prefix('#').unwrap_or(item).trim();
    if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) {
        let id: i32 = number.parse().ok().filter(|n| *n > 0)?;
        return Some(ModelRef::Id { text: item.to_owned(), id });
    }
    let (unit, code) = item.rsplit_once('/')?;
    let (unit, code) = (unit.trim(), code.trim());
    if unit.is_empty() || code.is_empty() {
        return None;
    }
    Some(ModelRef::UnitCode { text: item.to_owned(), unit: unit.to_owned(), code: code.to_owned() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_unit_codes_and_problems() {
        let (refs, problems) = parse_refs("#12, 7; dang-uy-xa-mau-son/MH-01\n Đảng ủy xã Mẫu Sơn / MH 02 ,, abc, #12, /x, 0");
        assert_eq!(
            refs,
            [
                ModelRef::Id { text: "#12".into(), id: 12 },
                ModelRef::Id { text: "7".into(), id: 7 },
                ModelRef::UnitCode { text: "dang-uy-xa-mau-son/MH-01".into(), unit: "dang-uy-xa-mau-son".into(), code: "MH-01".into() },
                ModelRef::UnitCode { text: "Đảng ủy xã Mẫu Sơn / MH 02".into(), unit: "Đảng ủy xã Mẫu Sơn".into(), code: "MH 02".into() },
            ]
        );
        let items: Vec<(&str, &str)> = problems.iter().map(|p| (p.item.as_str(), p.code)).collect();
        assert_eq!(items, [("abc", "registry.link.ref_invalid"), ("/x", "registry.link.ref_invalid"), ("0", "registry.link.ref_invalid")]);
        assert_eq!(parse_refs("  \n ,").0, []);
    }

    #[test]
    fn at_most_max_links() {
        let text: Vec<String> = (1..=MAX_LINKS + 2).map(|i| format!("#{i}")).collect();
        let (refs, problems) = parse_refs(&text.join(","));
        assert_eq!(refs.len(), MAX_LINKS);
        assert_eq!(problems, [RefProblem { item: format!("#{}", MAX_LINKS + 1), code: "registry.link.too_many" }]);
    }
}
