//! Readable differences between two revisions of an article: by words
//! within paragraphs, so that a changed comma shows as one word, not a whole
//! paragraph. Built on the `similar` crate (Myers' algorithm, patience
//! fallback).

use serde::Serialize;
use similar::{ChangeTag, TextDiff};

/// One run of the difference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiffRun {
    /// `same`, `added` or `removed`.
    pub kind: &'static str,
    pub text: String,
}

/// The word-level difference from `old` to `new` (both plain text,
/// paragraphs separated by blank lines), as consecutive runs of one kind.
pub fn diff_words(old: &str, new: &str) -> Vec<DiffRun> {
    let diff = TextDiff::from_words(old, new);
    let mut out: Vec<DiffRun> = Vec::new();
    for change in diff.iter_all_changes() {
        let kind = match change.tag() {
            ChangeTag::Equal => "same",
            ChangeTag::Insert => "added",
            ChangeTag::Delete => "removed",
        };
        match out.last_mut() {
            Some(last) if last.kind == kind => last.text.push_str(change.value()),
            _ => out.push(DiffRun { kind, text: change.value().to_owned() }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_changes() {
        let d = diff_words("Hơn 120 hộ dân dự hội nghị.", "Hơn 137 hộ dân dự hội nghị.");
        let changed: Vec<(&str, &str)> = d.iter().filter(|r| r.kind != "same").map(|r| (r.kind, r.text.as_str())).collect();
        assert_eq!(changed, vec![("removed", "120"), ("added", "137")]);
        let joined_new: String = d.iter().filter(|r| r.kind != "removed").map(|r| r.text.as_str()).collect();
        assert_eq!(joined_new, "Hơn 137 hộ dân dự hội nghị.");
        assert_eq!(diff_words("a b", "a b"), vec![DiffRun { kind: "same", text: "a b".to_owned() }]);
    }
}
