//! An article's editable fields and the rule that checks them before they
//! are stored: NFC, trimmed, sizes bounded, tags de-duplicated, empty figures
//! dropped. The store calls [`check_article`] before every create and save;
//! the web layer reads the form into an [`ArticleInput`].
//!
//! Workflow and permissions are in [`crate::editorial`]; this module only
//! judges the fields themselves (whether a category or media id exists is
//! the store's question).

use danvan_text::{normalize_input, slugify};

/// Longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 300;
/// Longest lead, in characters.
pub const MAX_LEAD_CHARS: usize = 2_000;
/// Largest body, in bytes of HTML (2 MiB; images are stored apart).
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;
/// Most tags on one article.
pub const MAX_TAGS: usize = 20;
/// Longest tag, in characters.
pub const MAX_TAG_CHARS: usize = 60;
/// Longest byline, in characters.
pub const MAX_BYLINE_CHARS: usize = 200;
/// Longest alt text of a figure, in characters.
pub const MAX_ALT_CHARS: usize = 300;
/// Longest caption of a figure, in characters.
pub const MAX_CAPTION_CHARS: usize = 500;
/// Longest photo credit of a figure, in characters.
pub const MAX_CREDIT_CHARS: usize = 200;
/// Most figures in one article.
pub const MAX_FIGURES: usize = 50;

/// A figure as the editor's form sends it.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct FigureInput {
    pub media_id: Option<i32>,
    pub alt: String,
    pub caption: String,
    pub credit: Option<String>,
}

/// The editable fields of an article. `body_html` must already be sanitised
/// (the web layer runs `danvan_import::sanitize`); [`check_article`] checks
/// sizes.
#[derive(Debug, Clone, Default)]
pub struct ArticleInput {
    pub title: String,
    pub lead: Option<String>,
    pub body_html: String,
    pub byline: Option<String>,
    pub category_id: Option<i32>,
    pub org_unit_id: Option<i32>,
    pub tags: Vec<String>,
    pub featured_media_id: Option<i32>,
    pub figures: Vec<FigureInput>,
    pub video_media_ids: Vec<i32>,
}

/// A refused form field: the form field's name (`title`, `lead`,
/// `body_html`, `byline`, `tags`, `figure_alt`, `figure_caption`,
/// `figure_credit`, `figures`) and the catalogue key of its message
/// (`article.title_required`, `field.too_long`, …). The page answers
/// [`crate::ErrorCode::FieldInvalid`] and shows the message by the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub code: &'static str,
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.code)
    }
}

impl std::error::Error for FieldError {}

fn refuse(field: &'static str, code: &'static str) -> FieldError {
    FieldError { field, code }
}

/// Refuses a text longer than `max` characters in form field `name`.
fn limit(text: &str, max: usize, name: &'static str) -> Result<(), FieldError> {
    if text.chars().count() > max { Err(refuse(name, "field.too_long")) } else { Ok(()) }
}

fn clean(s: &str) -> String {
    normalize_input(s).trim().to_owned()
}

/// A one-line field (title, byline, tag, alt text, caption, credit): every
/// run of whitespace, tabs and line breaks included, becomes one space, so
/// no line break reaches a `<title>`, a heading or a feed.
fn one_line(s: &str) -> String {
    danvan_text::collapse_spaces(&normalize_input(s))
}

fn one_line_opt(s: Option<String>) -> Option<String> {
    s.map(|s| one_line(&s)).filter(|s| !s.is_empty())
}

fn clean_opt(s: Option<String>) -> Option<String> {
    s.map(|s| clean(&s)).filter(|s| !s.is_empty())
}

/// Validates and normalises an article's fields, in this order (the first
/// refusal is returned):
///
/// * title: [`normalize_input`] (NFC, control characters dropped) and
///   trimmed; empty → `title`/`article.title_required`; over
///   [`MAX_TITLE_CHARS`] → `title`/`article.title_too_long`;
/// * lead: cleaned the same way, empty becomes `None`; over
///   [`MAX_LEAD_CHARS`] → `lead`/`article.lead_too_long`;
/// * body: over [`MAX_BODY_BYTES`] as sent → `body_html`/`article.body_too_large`,
///   then normalised (not trimmed);
/// * byline: cleaned, empty becomes `None`; over [`MAX_BYLINE_CHARS`] →
///   `byline`/`field.too_long`;
/// * tags: cleaned; empty ones and ones without a letter or digit (no slug)
///   skipped; one over [`MAX_TAG_CHARS`] → `tags`/`article.tag_too_long`;
///   a tag with the same slug as an earlier one dropped (the first spelling
///   wins); more than [`MAX_TAGS`] left → `tags`/`article.too_many_tags`;
/// * figures: alt, caption and credit cleaned (empty credit becomes `None`);
///   over [`MAX_ALT_CHARS`], [`MAX_CAPTION_CHARS`], [`MAX_CREDIT_CHARS`] →
///   `figure_alt`, `figure_caption`, `figure_credit` with `field.too_long`;
///   more than [`MAX_FIGURES`] → `figures`/`field.too_long`; then figures
///   with neither a media file nor a caption are dropped.
///
/// The other fields (ids) pass unchanged. The same rule as the store's
/// `checked_input` before it moved here.
pub fn check_article(mut a: ArticleInput) -> Result<ArticleInput, FieldError> {
    a.title = one_line(&a.title);
    if a.title.is_empty() {
        return Err(refuse("title", "article.title_required"));
    }
    if a.title.chars().count() > MAX_TITLE_CHARS {
        return Err(refuse("title", "article.title_too_long"));
    }
    a.lead = clean_opt(a.lead);
    if a.lead.as_deref().is_some_and(|l| l.chars().count() > MAX_LEAD_CHARS) {
        return Err(refuse("lead", "article.lead_too_long"));
    }
    if a.body_html.len() > MAX_BODY_BYTES {
        return Err(refuse("body_html", "article.body_too_large"));
    }
    a.body_html = normalize_input(&a.body_html);
    a.byline = one_line_opt(a.byline);
    limit(a.byline.as_deref().unwrap_or(""), MAX_BYLINE_CHARS, "byline")?;
    let mut tags: Vec<String> = Vec::new();
    for t in &a.tags {
        let t = one_line(t);
        if t.is_empty() || slugify(&t).is_empty() {
            continue;
        }
        if t.chars().count() > MAX_TAG_CHARS {
            return Err(refuse("tags", "article.tag_too_long"));
        }
        if !tags.iter().any(|x| slugify(x) == slugify(&t)) {
            tags.push(t);
        }
    }
    if tags.len() > MAX_TAGS {
        return Err(refuse("tags", "article.too_many_tags"));
    }
    a.tags = tags;
    for f in &mut a.figures {
        f.alt = one_line(&f.alt);
        f.caption = one_line(&f.caption);
        f.credit = one_line_opt(f.credit.take());
        limit(&f.alt, MAX_ALT_CHARS, "figure_alt")?;
        limit(&f.caption, MAX_CAPTION_CHARS, "figure_caption")?;
        limit(f.credit.as_deref().unwrap_or(""), MAX_CREDIT_CHARS, "figure_credit")?;
    }
    if a.figures.len() > MAX_FIGURES {
        return Err(refuse("figures", "field.too_long"));
    }
    a.figures.retain(|f| f.media_id.is_some() || !f.caption.is_empty());
    Ok(a)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> ArticleInput {
        ArticleInput { title: "Dân vận khéo".to_owned(), body_html: "<p>Nội dung</p>".to_owned(), ..Default::default() }
    }

    fn refused(a: ArticleInput) -> (&'static str, &'static str) {
        let e = check_article(a).unwrap_err();
        (e.field, e.code)
    }

    #[test]
    fn cleans_what_it_accepts() {
        let a = check_article(ArticleInput {
            title: "  Vie\u{0323}\u{0302}t\u{0}\u{00A0}Nam \r\n".to_owned(),
            lead: Some("   ".to_owned()),
            body_html: "<p>a</p>\r\n".to_owned(),
            byline: Some(" Bài, ảnh: Hà An ".to_owned()),
            tags: vec!["Dân vận".to_owned(), " dan van ".to_owned(), "".to_owned(), "?!".to_owned(), "Kon Rẫy".to_owned()],
            figures: vec![
                FigureInput { media_id: Some(4), alt: " Lễ ra mắt ".to_owned(), caption: "".to_owned(), credit: Some(" ".to_owned()) },
                FigureInput { media_id: None, alt: "x".to_owned(), caption: " ".to_owned(), credit: None },
                FigureInput { media_id: None, alt: "".to_owned(), caption: "Chú thích".to_owned(), credit: Some("TTXVN".to_owned()) },
            ],
            category_id: Some(2),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(a.title, "Việt Nam");
        let b = check_article(ArticleInput { title: "Hội nghị\tđối thoại\n\nvới Nhân dân".to_owned(), body_html: "<p>x</p>".to_owned(), ..Default::default() }).unwrap();
        assert_eq!(b.title, "Hội nghị đối thoại với Nhân dân", "no tab or line break in a one-line field");
        assert_eq!(a.lead, None);
        assert_eq!(a.body_html, "<p>a</p>\n");
        assert_eq!(a.byline.as_deref(), Some("Bài, ảnh: Hà An"));
        assert_eq!(a.tags, vec!["Dân vận", "Kon Rẫy"], "same slug: the first spelling wins");
        assert_eq!(
            a.figures,
            vec![
                FigureInput { media_id: Some(4), alt: "Lễ ra mắt".to_owned(), caption: String::new(), credit: None },
                FigureInput { media_id: None, alt: String::new(), caption: "Chú thích".to_owned(), credit: Some("TTXVN".to_owned()) },
            ]
        );
        assert_eq!(a.category_id, Some(2));
    }

    #[test]
    fn title_refusals() {
        assert_eq!(refused(ArticleInput { title: " \u{200B} ".to_owned(), ..input() }), ("title", "article.title_required"));
        assert!(check_article(ArticleInput { title: "đ".repeat(MAX_TITLE_CHARS), ..input() }).is_ok(), "counted in characters");
        assert_eq!(refused(ArticleInput { title: "đ".repeat(MAX_TITLE_CHARS + 1), ..input() }), ("title", "article.title_too_long"));
    }

    #[test]
    fn lead_body_byline_refusals() {
        assert_eq!(refused(ArticleInput { lead: Some("ạ".repeat(MAX_LEAD_CHARS + 1)), ..input() }), ("lead", "article.lead_too_long"));
        assert!(check_article(ArticleInput { body_html: "a".repeat(MAX_BODY_BYTES), ..input() }).is_ok());
        assert_eq!(refused(ArticleInput { body_html: "a".repeat(MAX_BODY_BYTES + 1), ..input() }), ("body_html", "article.body_too_large"));
        assert_eq!(refused(ArticleInput { byline: Some("b".repeat(MAX_BYLINE_CHARS + 1)), ..input() }), ("byline", "field.too_long"));
    }

    #[test]
    fn tag_refusals() {
        assert_eq!(refused(ArticleInput { tags: vec!["t".repeat(MAX_TAG_CHARS + 1)], ..input() }), ("tags", "article.tag_too_long"));
        let many: Vec<String> = (0..=MAX_TAGS).map(|i| format!("thẻ {i}")).collect();
        assert_eq!(refused(ArticleInput { tags: many.clone(), ..input() }), ("tags", "article.too_many_tags"));
        let mut twice = many[..MAX_TAGS].to_vec();
        twice.extend(many[..5].iter().map(|t| t.to_uppercase()));
        assert_eq!(check_article(ArticleInput { tags: twice, ..input() }).unwrap().tags.len(), MAX_TAGS, "duplicates do not count");
    }

    #[test]
    fn figure_refusals() {
        let fig = |alt: usize, caption: usize, credit: usize| FigureInput {
            media_id: Some(1),
            alt: "a".repeat(alt),
            caption: "c".repeat(caption),
            credit: Some("r".repeat(credit)),
        };
        assert_eq!(refused(ArticleInput { figures: vec![fig(MAX_ALT_CHARS + 1, 1, 1)], ..input() }), ("figure_alt", "field.too_long"));
        assert_eq!(refused(ArticleInput { figures: vec![fig(1, MAX_CAPTION_CHARS + 1, 1)], ..input() }), ("figure_caption", "field.too_long"));
        assert_eq!(refused(ArticleInput { figures: vec![fig(1, 1, MAX_CREDIT_CHARS + 1)], ..input() }), ("figure_credit", "field.too_long"));
        assert_eq!(refused(ArticleInput { figures: vec![fig(1, 1, 1); MAX_FIGURES + 1], ..input() }), ("figures", "field.too_long"));
        assert_eq!(check_article(ArticleInput { figures: vec![fig(1, 1, 1); MAX_FIGURES], ..input() }).unwrap().figures.len(), MAX_FIGURES);
    }
}
