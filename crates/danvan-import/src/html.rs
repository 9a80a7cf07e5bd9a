//! Reader for an HTML page of a news article.

use crate::{Block, ImportError, ImportedArticle, SourceFormat, is_byline};
use danvan_text::collapse_spaces;
use scraper::{ElementRef, Html, Node, Selector};

fn select_first<'a>(doc: &'a Html, css: &str) -> Option<ElementRef<'a>> {
    let sel = Selector::parse(css).ok()?;
    doc.select(&sel).next()
}

/// The visible text of an element: text nodes, without the content of
/// `<script>`, `<style>`, `<noscript>` and `<template>` inside it.
fn text_of(el: ElementRef<'_>) -> String {
    fn collect(el: ElementRef<'_>, out: &mut String) {
        for child in el.children() {
            match child.value() {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) if !matches!(e.name(), "script" | "style" | "noscript" | "template") => {
                    if let Some(c) = ElementRef::wrap(child) {
                        collect(c, out);
                    }
                }
                _ => {}
            }
        }
    }
    let mut out = String::new();
    collect(el, &mut out);
    collapse_spaces(&out)
}

/// Elements whose content is never article text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button", "select",
    "iframe", "template", "svg", "h1",
];

/// Class names (substrings) of a portal's lead paragraph.
const LEAD_CLASSES: &[&str] = &["sapo", "lead", "summary", "tom-tat", "tomtat"];
/// Class names (substrings) of a byline.
const BYLINE_CLASSES: &[&str] = &["author", "byline", "tac-gia", "tacgia"];
/// Class names (substrings) of page chrome inside the article container.
const CHROME_CLASSES: &[&str] = &["related", "lien-quan", "rating", "danh-gia", "share", "social", "breadcrumb", "tools", "comment"];

fn class_has(el: ElementRef<'_>, needles: &[&str]) -> bool {
    el.value()
        .attr("class")
        .map(|c| {
            let c = c.to_ascii_lowercase();
            needles.iter().any(|n| c.contains(n))
        })
        .unwrap_or(false)
}

struct Walker {
    blocks: Vec<Block>,
    lead: Option<String>,
    byline: Option<String>,
    inline: String,
}

impl Walker {
    fn flush(&mut self) {
        let text = collapse_spaces(&self.inline);
        self.inline.clear();
        if !text.is_empty() {
            self.push_paragraph(text);
        }
    }

    fn push_paragraph(&mut self, text: String) {
        if self.byline.is_none() && is_byline(&text) {
            self.byline = Some(text);
        } else {
            self.blocks.push(Block::Paragraph(text));
        }
    }

    fn walk(&mut self, el: ElementRef<'_>) {
        for child in el.children() {
            match child.value() {
                Node::Text(t) => self.inline.push_str(t),
                Node::Element(_) => {
                    let Some(c) = ElementRef::wrap(child) else { continue };
                    self.element(c);
                }
                _ => {}
            }
        }
    }

    fn element(&mut self, c: ElementRef<'_>) {
        let name = c.value().name();
        if SKIPPED.contains(&name) || class_has(c, CHROME_CLASSES) {
            return;
        }
        if class_has(c, BYLINE_CLASSES) && self.byline.is_none() {
            self.flush();
            let t = text_of(c);
            if !t.is_empty() {
                self.byline = Some(t);
            }
            return;
        }
        if class_has(c, LEAD_CLASSES) && self.lead.is_none() && self.blocks.is_empty() {
            self.flush();
            let t = text_of(c);
            if !t.is_empty() {
                self.lead = Some(t);
            }
            return;
        }
        match name {
            "p" | "blockquote" | "li" => {
                self.flush();
                let t = text_of(c);
                if !t.is_empty() {
                    self.push_paragraph(t);
                }
            }
            "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                let t = text_of(c);
                if !t.is_empty() {
                    self.blocks.push(Block::Heading(t));
                }
            }
            "figure" => {
                self.flush();
                let img = Selector::parse("img").ok().and_then(|s| c.select(&s).next());
                let caption = Selector::parse("figcaption")
                    .ok()
                    .and_then(|s| c.select(&s).next())
                    .map(text_of)
                    .unwrap_or_default();
                let alt = img
                    .and_then(|i| i.value().attr("alt"))
                    .map(collapse_spaces)
                    .filter(|a| !a.is_empty())
                    .unwrap_or_else(|| caption.clone());
                if !caption.is_empty() || img.is_some() {
                    self.blocks.push(Block::Figure {
                        caption,
                        alt,
                        image_source: img.and_then(|i| i.value().attr("src")).map(str::to_owned),
                    });
                }
            }
            "img" => {
                self.flush();
                let alt = c.value().attr("alt").map(collapse_spaces).unwrap_or_default();
                self.blocks.push(Block::Figure {
                    caption: String::new(),
                    alt,
                    image_source: c.value().attr("src").map(str::to_owned),
                });
            }
            "br" => self.inline.push('\n'),
            "div" | "section" | "main" | "article" | "ul" | "ol" | "table" | "tbody" | "tr" | "td" => {
                self.flush();
                self.walk(c);
                self.flush();
            }
            _ => self.walk(c), // inline: b, i, strong, em, span, a, …
        }
    }
}

pub(crate) fn parse(text: &str) -> Result<ImportedArticle, ImportError> {
    let doc = Html::parse_document(text);
    let title = select_first(&doc, "h1")
        .map(text_of)
        .filter(|t| !t.is_empty())
        .or_else(|| {
            select_first(&doc, r#"meta[property="og:title"]"#)
                .and_then(|m| m.value().attr("content").map(collapse_spaces))
        })
        .or_else(|| select_first(&doc, "title").map(text_of))
        .filter(|t| !t.is_empty())
        .ok_or(ImportError::NoTitle)?;

    let container = select_first(&doc, "article")
        .or_else(|| select_first(&doc, "main"))
        .or_else(|| select_first(&doc, "body"))
        .ok_or(ImportError::NoBody)?;
    let mut w = Walker { blocks: Vec::new(), lead: None, byline: None, inline: String::new() };
    w.walk(container);
    w.flush();
    if !w.blocks.iter().any(|b| matches!(b, Block::Paragraph(_))) {
        return Err(ImportError::NoBody);
    }
    Ok(ImportedArticle {
        title,
        lead: w.lead,
        blocks: w.blocks,
        byline: w.byline,
        format: SourceFormat::Html,
        converted_from: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html><html lang="vi"><head><title>Trang | Cổng</title>
<meta property="og:title" content="Tiêu đề OG"></head><body>
<nav><a href="/">Trang chủ</a></nav>
<article><h1>Hội nghị   sơ kết <b>Dân vận khéo</b></h1>
<p class="sapo">Sáng 5/3, Ban Dân vận tổ chức hội nghị.</p>
<p>Đoạn <strong>một</strong> của bài.</p>
<figure><img src="/a.jpg" alt="Quang cảnh hội nghị"><figcaption>Quang cảnh hội nghị sơ kết</figcaption></figure>
<h2>Kết quả</h2>
<div>Đoạn hai nằm trong div.<script>alert(1)</script></div>
<div class="related"><p>Bài khác</p></div>
<p class="author">Bài, ảnh: Trần Văn A</p>
</article><footer>© Cổng</footer></body></html>"#;

    #[test]
    fn reads_article_page() {
        let a = parse(PAGE).unwrap();
        assert_eq!(a.title, "Hội nghị sơ kết Dân vận khéo");
        assert_eq!(a.lead.as_deref(), Some("Sáng 5/3, Ban Dân vận tổ chức hội nghị."));
        assert_eq!(a.byline.as_deref(), Some("Bài, ảnh: Trần Văn A"));
        assert_eq!(
            a.blocks,
            vec![
                Block::Paragraph("Đoạn một của bài.".into()),
                Block::Figure {
                    caption: "Quang cảnh hội nghị sơ kết".into(),
                    alt: "Quang cảnh hội nghị".into(),
                    image_source: Some("/a.jpg".into())
                },
                Block::Heading("Kết quả".into()),
                Block::Paragraph("Đoạn hai nằm trong div.".into()),
            ]
        );
    }

    #[test]
    fn script_and_style_text_is_not_article_text() {
        let a = parse("<html><body><article><h1>Bài thử <script>alert(\"h1\")</script>nghiệm</h1><p>Đoạn <style>body{display:none}</style>một.</p></article></body></html>").unwrap();
        assert_eq!(a.title, "Bài thử nghiệm");
        assert_eq!(a.blocks, vec![Block::Paragraph("Đoạn một.".into())]);
    }

    #[test]
    fn falls_back_to_og_title() {
        let a = parse("<html><body><p>Chỉ một đoạn.</p></body></html>").unwrap_err();
        assert_eq!(a, ImportError::NoTitle);
        let a = parse(r#"<html><head><meta property="og:title" content="OG"></head><body><p>Đoạn.</p></body></html>"#).unwrap();
        assert_eq!(a.title, "OG");
    }
}
