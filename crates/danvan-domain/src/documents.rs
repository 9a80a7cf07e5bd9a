//! Document library rules: a document's status and the relations between
//! documents (Decree 42/2022/NĐ-CP Art. 4: agency portals publish their
//! documents with their validity).

/// Whether a document is still in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum DocStatus {
    InForce,
    Amended,
    Replaced,
    Expired,
}

impl DocStatus {
    pub const ALL: [DocStatus; 4] = [DocStatus::InForce, DocStatus::Amended, DocStatus::Replaced, DocStatus::Expired];

    /// Stored code: `in_force`, `amended`, `replaced`, `expired`.
    pub fn code(self) -> &'static str {
        match self {
            DocStatus::InForce => "in_force",
            DocStatus::Amended => "amended",
            DocStatus::Replaced => "replaced",
            DocStatus::Expired => "expired",
        }
    }

    /// Reads a stored code, or a Vietnamese label as written in a sheet
    /// ("Còn hiệu lực", "Đã sửa đổi", "Đã thay thế", "Hết hiệu lực"), in any
    /// case and with or without marks.
    pub fn parse(s: &str) -> Option<DocStatus> {
        let f = danvan_text::fold(s.trim());
        let f = f.replace(['_', '-'], " ");
        match f.as_str() {
            "in force" | "con hieu luc" | "hieu luc" | "" => Some(DocStatus::InForce),
            "amended" | "da sua doi" | "sua doi" | "duoc sua doi" => Some(DocStatus::Amended),
            "replaced" | "da thay the" | "thay the" | "bi thay the" => Some(DocStatus::Replaced),
            "expired" | "het hieu luc" | "da het hieu luc" => Some(DocStatus::Expired),
            _ => None,
        }
    }

    /// Catalogue key of the label.
    pub fn label_key(self) -> &'static str {
        match self {
            DocStatus::InForce => "document.status.in_force",
            DocStatus::Amended => "document.status.amended",
            DocStatus::Replaced => "document.status.replaced",
            DocStatus::Expired => "document.status.expired",
        }
    }
}

/// How one document relates to another (`from` → `to`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum RelationKind {
    /// `from` is issued to carry out `to` (a plan implementing a directive).
    Implements,
    /// `from` guides the application of `to`.
    Guides,
    /// `from` amends `to`.
    Amends,
    /// `from` replaces `to`.
    Replaces,
}

impl RelationKind {
    pub const ALL: [RelationKind; 4] = [RelationKind::Implements, RelationKind::Guides, RelationKind::Amends, RelationKind::Replaces];

    pub fn code(self) -> &'static str {
        match self {
            RelationKind::Implements => "implements",
            RelationKind::Guides => "guides",
            RelationKind::Amends => "amends",
            RelationKind::Replaces => "replaces",
        }
    }

    pub fn parse(s: &str) -> Option<RelationKind> {
        RelationKind::ALL.into_iter().find(|k| k.code() == s.trim())
    }

    /// Catalogue key read from the `from` side ("Thực hiện …").
    pub fn forward_key(self) -> &'static str {
        match self {
            RelationKind::Implements => "document.rel.implements",
            RelationKind::Guides => "document.rel.guides",
            RelationKind::Amends => "document.rel.amends",
            RelationKind::Replaces => "document.rel.replaces",
        }
    }

    /// Catalogue key read from the `to` side ("Được thực hiện bởi …").
    pub fn backward_key(self) -> &'static str {
        match self {
            RelationKind::Implements => "document.rel.implemented_by",
            RelationKind::Guides => "document.rel.guided_by",
            RelationKind::Amends => "document.rel.amended_by",
            RelationKind::Replaces => "document.rel.replaced_by",
        }
    }

    /// The status `to` takes when this relation is recorded: amended or
    /// replaced; `None` for the others.
    pub fn status_of_target(self) -> Option<DocStatus> {
        match self {
            RelationKind::Amends => Some(DocStatus::Amended),
            RelationKind::Replaces => Some(DocStatus::Replaced),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses() {
        for s in DocStatus::ALL {
            assert_eq!(DocStatus::parse(s.code()), Some(s));
            assert!(crate::messages::has(s.label_key()));
        }
        assert_eq!(DocStatus::parse("Còn hiệu lực"), Some(DocStatus::InForce));
        assert_eq!(DocStatus::parse("HẾT HIỆU LỰC"), Some(DocStatus::Expired));
        assert_eq!(DocStatus::parse("đã thay thế"), Some(DocStatus::Replaced));
        assert_eq!(DocStatus::parse("không rõ"), None);
        for k in RelationKind::ALL {
            assert_eq!(RelationKind::parse(k.code()), Some(k));
            assert!(crate::messages::has(k.forward_key()) && crate::messages::has(k.backward_key()));
        }
        assert_eq!(RelationKind::Replaces.status_of_target(), Some(DocStatus::Replaced));
    }
}
