//! Every message key the sources use is in the catalogue, with both
//! languages, and every catalogue key is used somewhere. Together: removing
//! any one catalogue entry, or using a key without adding it, fails here,
//! naming the key and the file.
//!
//! Scanned (paths relative to this crate): `../*/src/**/*.rs` (test modules,
//! comments and the catalogue itself, `danvan-domain/src/messages/`, left out) and
//! `../danvan-web/templates/**/*.html`. A key counts as used when it is:
//!
//! 1. the first argument of a call such as `t("key"`, `t('key'` (templates),
//!    `t("key"`, `format("key"`, `tr("key"`, `both("key"`, `problem("key"`,
//!    `lookup("key"`, `has("key"` (Rust);
//! 2. any other dotted string literal in Rust (`"media.too_large"` in a
//!    `fn code`, `code: "user.bad_username"`, `Problem::at(…, "doccli.bad_date"`),
//!    except file names (`"site.css"`), audit action codes
//!    ([`AuditAction::code`]) and the document-number codes of
//!    `danvan-docref` (`"docref.empty"`), which stand for `doccli.docref.…`
//!    (`danvan/src/documents.rs` builds `format!("doccli.{}", e.code())`);
//! 3. built from a family: the removal kinds of `danvan_import::sanitize`
//!    (`format!("sanitize.{r}")` in the web crate), error-page titles
//!    (`"internal_title"`: an error code plus `_title`);
//! 4. produced by an enumeration: [`ErrorCode::ALL`], [`Role::ALL`],
//!    [`ArticleStatus::ALL`], [`Transition::ALL`], [`AuditAction::ALL`],
//!    [`DocStatus::ALL`], [`RelationKind::ALL`], the workflow and password
//!    errors.

use danvan_domain::ErrorCode;
use danvan_domain::audit::AuditAction;
use danvan_domain::documents::{DocStatus, RelationKind};
use danvan_domain::editorial::{ArticleStatus, PasswordError, Role, Transition, WorkflowError};
use danvan_domain::messages::{Lang, entries, lookup};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

/// File name endings that make a dotted literal a file, not a key.
const FILE_EXTENSIONS: &[&str] = &[
    "css", "js", "html", "svg", "png", "jpg", "jpeg", "webp", "gif", "ico", "db", "toml", "json", "xml", "csv", "xlsx", "xls",
    "doc", "docx", "odt", "pdf", "txt", "md", "rs", "c", "mp4", "webm", "invalid", "zip", "gz", "sqlite",
];

/// Rust calls whose first string argument is a message key.
const KEY_CALLS: &[&str] = &["t", "format", "tr", "both", "problem", "lookup", "has"];

/// Where a key was found: `file:line` or the name of the enumeration.
type Uses = BTreeMap<String, Vec<String>>;

fn crates_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn walk(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, ext, out);
        } else if p.extension().is_some_and(|e| e == ext) {
            out.push(p);
        }
    }
}

/// The files scanned, with their path relative to `crates/`.
fn sources() -> Vec<(String, String, bool)> {
    let root = crates_dir();
    let mut files = Vec::new();
    let mut crates: Vec<PathBuf> = std::fs::read_dir(&root).unwrap().filter_map(|e| e.ok().map(|e| e.path())).collect();
    crates.sort();
    for c in crates {
        let mut rs = Vec::new();
        walk(&c.join("src"), "rs", &mut rs);
        files.extend(rs.into_iter().map(|p| (p, false)));
    }
    let mut html = Vec::new();
    walk(&root.join("danvan-web/templates"), "html", &mut html);
    files.extend(html.into_iter().map(|p| (p, true)));
    files
        .into_iter()
        .map(|(p, is_template)| {
            let name = p.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
            (name, std::fs::read_to_string(&p).unwrap(), is_template)
        })
        .filter(|(name, _, _)| !name.starts_with("danvan-domain/src/messages/"))
        .collect()
}

/// A string literal of Rust source: its text, line, and the code before it.
struct Literal {
    text: String,
    line: usize,
    before: String,
}

/// The string literals of Rust code outside comments and `#[cfg(test)]`
/// items. A small lexer: strings (with escapes), raw strings, char literals
/// and lifetimes, line and block comments, braces.
fn rust_literals(src: &str) -> Vec<Literal> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let (mut i, mut line, mut depth) = (0usize, 1usize, 0usize);
    let mut pending_test = false;
    let mut skip_to: Option<usize> = None;
    let ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    while i < b.len() {
        let c = b[i];
        match c {
            b'\n' => line += 1,
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < b.len() && !(b[i] == b'*' && b[i + 1] == b'/') {
                    if b[i] == b'\n' {
                        line += 1;
                    }
                    i += 1;
                }
                i += 2;
                continue;
            }
            b'#' if src[i..].starts_with("#[cfg(test)]") => pending_test = true,
            b';' if pending_test && skip_to.is_none() => pending_test = false,
            b'{' => {
                if pending_test && skip_to.is_none() {
                    skip_to = Some(depth);
                    pending_test = false;
                }
                depth += 1;
            }
            b'}' => {
                depth = depth.saturating_sub(1);
                if skip_to == Some(depth) {
                    skip_to = None;
                }
            }
            b'\'' => {
                // a char literal ('x', '\n', 'ư') or a lifetime ('a)
                if b.get(i + 1) == Some(&b'\\') {
                    i += 2;
                    while i < b.len() && b[i] != b'\'' {
                        i += 1;
                    }
                } else if let Some(ch) = src[i + 1..].chars().next()
                    && src[i + 1 + ch.len_utf8()..].starts_with('\'')
                {
                    i += 1 + ch.len_utf8();
                }
            }
            b'r' if (i == 0 || !ident(b[i - 1])) && matches!(b.get(i + 1), Some(b'"' | b'#')) => {
                let hashes = b[i + 1..].iter().take_while(|&&h| h == b'#').count();
                if b.get(i + 1 + hashes) == Some(&b'"') {
                    let start = i + 2 + hashes;
                    let close = format!("\"{}", "#".repeat(hashes));
                    let end = src[start..].find(&close).map_or(b.len(), |e| start + e);
                    line += src[i..end].matches('\n').count();
                    i = end + close.len();
                    continue;
                }
            }
            b'"' => {
                let start = i + 1;
                let mut j = start;
                while j < b.len() && b[j] != b'"' {
                    j += if b[j] == b'\\' { 2 } else { 1 };
                }
                let j = j.min(b.len());
                if skip_to.is_none() {
                    let from = src.floor_char_boundary(i.saturating_sub(40));
                    out.push(Literal { text: src[start..j].to_owned(), line, before: src[from..i].to_owned() });
                }
                line += src[start..j].matches('\n').count();
                i = j + 1;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// `before` ends with a call of one of [`KEY_CALLS`] whose first argument
/// is the literal.
fn is_key_call(before: &str) -> bool {
    let Some(head) = before.trim_end().strip_suffix('(') else { return false };
    KEY_CALLS.iter().any(|name| {
        head.strip_suffix(name).is_some_and(|rest| !rest.ends_with(|c: char| c.is_alphanumeric() || c == '_'))
    })
}

/// `a.b_c`: lower-case words joined by dots, at least one dot.
fn is_dotted(s: &str) -> bool {
    s.contains('.')
        && s.split('.').all(|w| !w.is_empty() && w.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_'))
        && s.starts_with(|c: char| c.is_ascii_lowercase())
}

/// A key as a call argument: dotted, or one word (`internal`); the part
/// after a dot may hold spaces (`sanitize.event attribute`).
fn is_key_like(s: &str) -> bool {
    !s.is_empty()
        && s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, b'_' | b'.' | b' '))
        && !s.ends_with('.')
}

/// The keys of the template calls `t("…"` and `t('…'`.
fn template_keys(name: &str, src: &str, uses: &mut Uses) {
    for (line_no, line) in src.lines().enumerate() {
        for quote in ['"', '\''] {
            let pat = format!("t({quote}");
            let mut rest = line;
            let mut offset = 0;
            while let Some(at) = rest.find(&pat) {
                let abs = offset + at;
                let prev = line[..abs].chars().next_back();
                let after = &line[abs + pat.len()..];
                if !prev.is_some_and(|c| c.is_alphanumeric() || c == '_')
                    && let Some(end) = after.find(quote)
                {
                    uses.entry(after[..end].to_owned()).or_default().push(format!("{name}:{}", line_no + 1));
                }
                offset = abs + pat.len();
                rest = &line[offset..];
            }
        }
    }
}

/// The removal kinds of `danvan_import::sanitize::removed`.
fn sanitize_kinds() -> Vec<String> {
    let src = std::fs::read_to_string(crates_dir().join("danvan-import/src/sanitize.rs")).expect("danvan-import/src/sanitize.rs");
    let start = src.find("pub mod removed {").expect("danvan_import::sanitize::removed");
    let end = start + src[start..].find("\n}").expect("end of mod removed");
    src[start..end]
        .lines()
        .filter_map(|l| l.trim().strip_prefix("pub const ")?.split_once("= \"")?.1.strip_suffix("\";").map(str::to_owned))
        .collect()
}

/// Every key the sources use, with where.
fn used_keys() -> Uses {
    let mut uses = Uses::new();
    let add = |uses: &mut Uses, key: String, at: String| uses.entry(key).or_default().push(at);
    let audit_codes: HashSet<&str> = AuditAction::ALL.iter().map(|a| a.code()).collect();
    let error_titles: HashSet<String> = ErrorCode::ALL.iter().map(|c| format!("{}_title", c.as_str())).collect();
    let mut sanitize_family = None;
    for (name, src, is_template) in sources() {
        if is_template {
            template_keys(&name, &src, &mut uses);
            continue;
        }
        if src.contains("format!(\"sanitize.{") {
            sanitize_family = Some(name.clone());
        }
        for lit in rust_literals(&src) {
            let at = format!("{name}:{}", lit.line);
            let text = lit.text;
            if (is_key_call(&lit.before) && is_key_like(&text)) || error_titles.contains(&text) {
                add(&mut uses, text, at);
            } else if is_dotted(&text) {
                let last = text.rsplit('.').next().unwrap();
                if FILE_EXTENSIONS.contains(&last) || audit_codes.contains(text.as_str()) {
                    continue;
                }
                if text.starts_with("docref.") {
                    add(&mut uses, format!("doccli.{text}"), at);
                } else {
                    add(&mut uses, text, at);
                }
            }
        }
    }
    let family = sanitize_family.expect("the web crate builds sanitize.{kind} keys");
    for kind in sanitize_kinds() {
        add(&mut uses, format!("sanitize.{kind}"), format!("{family} (danvan_import::sanitize::removed)"));
    }
    let enumerated = |uses: &mut Uses, keys: Vec<&str>, from: &str| {
        for k in keys {
            add(uses, k.to_owned(), from.to_owned());
        }
    };
    enumerated(&mut uses, ErrorCode::ALL.iter().map(|c| c.as_str()).collect(), "ErrorCode::ALL");
    enumerated(&mut uses, Role::ALL.iter().map(|r| r.message_key()).collect(), "Role::ALL");
    enumerated(&mut uses, ArticleStatus::ALL.iter().map(|s| s.message_key()).collect(), "ArticleStatus::ALL");
    enumerated(&mut uses, Transition::ALL.iter().map(|t| t.message_key()).collect(), "Transition::ALL");
    enumerated(&mut uses, AuditAction::ALL.iter().map(|a| a.message_key()).collect(), "AuditAction::ALL");
    enumerated(&mut uses, DocStatus::ALL.iter().map(|s| s.label_key()).collect(), "DocStatus::ALL");
    enumerated(
        &mut uses,
        RelationKind::ALL.iter().flat_map(|k| [k.forward_key(), k.backward_key()]).collect(),
        "RelationKind::ALL",
    );
    let workflow = [
        WorkflowError::NotFrom(Transition::Submit, ArticleStatus::Submitted),
        WorkflowError::CommentRequired,
        WorkflowError::TimeNotInFuture,
        WorkflowError::MissingAltText(1),
        WorkflowError::Incomplete,
    ];
    enumerated(&mut uses, workflow.iter().map(|e| e.code()).collect(), "WorkflowError");
    let password = [PasswordError::TooShort, PasswordError::TooLong, PasswordError::ContainsUsername];
    enumerated(&mut uses, password.iter().map(|e| e.code()).collect(), "PasswordError");
    uses
}

#[test]
fn every_used_key_is_in_the_catalogue() {
    let uses = used_keys();
    let mut missing = Vec::new();
    for (key, at) in &uses {
        for lang in [Lang::Vi, Lang::En] {
            match lookup(key, lang) {
                Some(m) if !m.is_empty() => {}
                Some(_) => missing.push(format!("{key:?} has an empty {} message (used at {})", lang.tag(), at.join(", "))),
                None => {
                    missing.push(format!("{key:?} is not in the catalogue (used at {})", at.join(", ")));
                    break;
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "add these keys to danvan_domain::messages::CATALOGUE with Vietnamese and English text:\n  {}",
        missing.join("\n  ")
    );
}

#[test]
fn every_catalogue_key_is_used() {
    let uses = used_keys();
    let sources = sources();
    let unused: Vec<&str> = entries()
        .map(|(k, _, _)| *k)
        .filter(|k| !uses.contains_key(*k))
        .filter(|k| !sources.iter().any(|(_, src, _)| src.contains(&format!("\"{k}\"")) || src.contains(&format!("'{k}'"))))
        .collect();
    assert!(unused.is_empty(), "catalogue keys used nowhere (remove them, or use them): {unused:?}");
}

#[test]
fn the_scanner_sees_what_it_should() {
    let lits = rust_literals(
        "fn a() { t(\"x.y\", l); let c = '\"'; let l: &'static str = r#\"raw \"q\" \"#; // \"comment.key\"\n format(\n \"p.q\") }\n#[cfg(test)]\nmod tests { fn b() { t(\"test.only\") } }\nfn z() { \"after.tests\" }",
    );
    let texts: Vec<&str> = lits.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(texts, ["x.y", "p.q", "after.tests"]);
    assert!(is_key_call(&lits[0].before) && is_key_call(&lits[1].before));
    assert_eq!((lits[1].line, lits[2].line), (3, 6));

    assert!(!is_key_call("print("));
    assert!(is_dotted("admin.nav.audit") && !is_dotted("internal") && !is_dotted("%Y.%m"));
    let mut uses = Uses::new();
    template_keys("x.html", "{{ t(\"a.b\") }} {{ at('c.d') }} {{ t('e.f', n=1) }}", &mut uses);
    assert_eq!(uses.keys().collect::<Vec<_>>(), ["a.b", "e.f"]);
    assert!(sanitize_kinds().contains(&"event attribute".to_owned()));
}
