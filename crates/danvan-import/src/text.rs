//! Reader for text saved from a portal page (the form of the seed).

use crate::{Block, ImportError, ImportedArticle, SourceFormat, is_byline};
use danvan_text::{collapse_spaces, fold};

/// Longest block (in characters) still taken as a title or a photo caption.
const MAX_TITLE_CHARS: usize = 300;
const MAX_CAPTION_CHARS: usize = 400;

/// Folded whole-line labels of the portal's reader widgets that end the
/// article: everything from the first of them on is page chrome.
const TRAILER_STARTS: &[&str] = &[
    "tong so diem cua bai viet la",
    "click de danh gia bai viet",
    "bai viet lien quan",
    "video clip",
    "tin lien quan",
    "cac tin khac",
    "tin da dua",
];

/// Folded whole-line labels that are chrome wherever they stand.
const CHROME_LINES: &[&str] = &["in bai viet", "chia se", "gui email", "luot xem", "quay lai"];

fn is_chrome_line(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() {
        return false;
    }
    // "• :" rows of an empty breadcrumb / date bar
    if t.chars().all(|c| matches!(c, '•' | '·' | ':' | '|' | '»' | '>' | '/') || c.is_whitespace()) {
        return true;
    }
    // "A- A A+ | Tăng tương phản Giảm tương phản"
    if t.starts_with("A- A A+") || t.starts_with("A-  A  A+") {
        return true;
    }
    let f = fold(t);
    CHROME_LINES.iter().any(|c| f == *c)
}

fn is_trailer_line(line: &str) -> bool {
    let f = fold(line.trim());
    TRAILER_STARTS.iter().any(|s| f.starts_with(s))
}

/// True when a block ends a sentence: its last character, after closing
/// quotes and brackets, is one of `. ! ? : ; …`.
fn ends_sentence(s: &str) -> bool {
    let trimmed = s.trim_end_matches(|c: char| matches!(c, '”' | '"' | '’' | '\'' | ')' | '»') || c.is_whitespace());
    trimmed.ends_with(['.', '!', '?', ':', ';', '…'])
}

pub(crate) fn parse(text: &str) -> Result<ImportedArticle, ImportError> {
    // Blocks are runs of non-blank lines; lines of one block are joined.
    let mut blocks: Vec<String> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines() {
        if is_trailer_line(line) {
            break;
        }
        if is_chrome_line(line) {
            continue;
        }
        if line.trim().is_empty() {
            if !current.is_empty() {
                blocks.push(collapse_spaces(&current.join(" ")));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        blocks.push(collapse_spaces(&current.join(" ")));
    }

    let mut iter = blocks.into_iter();
    let title = iter.next().ok_or(ImportError::NoTitle)?;
    if title.chars().count() > MAX_TITLE_CHARS || is_byline(&title) {
        return Err(ImportError::NoTitle);
    }

    let mut body = Vec::new();
    let mut byline = None;
    for block in iter {
        if byline.is_none() && is_byline(&block) {
            byline = Some(block);
        } else if !ends_sentence(&block) && block.chars().count() <= MAX_CAPTION_CHARS {
            body.push(Block::Figure {
                alt: block.clone(),
                caption: block,
                image_source: None,
            });
        } else {
            body.push(Block::Paragraph(block));
        }
    }
    if !body.iter().any(|b| matches!(b, Block::Paragraph(_))) {
        return Err(ImportError::NoBody);
    }
    Ok(ImportedArticle {
        title,
        lead: None,
        blocks: body,
        byline,
        format: SourceFormat::PortalText,
        converted_from: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_ends() {
        assert!(ends_sentence("với dân”."));
        assert!(ends_sentence("nhiệm vụ sau:"));
        assert!(ends_sentence("tiếp theo./."));
        assert!(!ends_sentence("tại xã Đăk Pne"));
    }

    #[test]
    fn chrome() {
        assert!(is_chrome_line("  • :"));
        assert!(is_chrome_line("A- A A+ | Tăng tương phản Giảm tương phản"));
        assert!(!is_chrome_line("Phát huy hiệu quả"));
        assert!(is_trailer_line("Tổng số điểm của bài viết là: 0 trong 0 đánh giá"));
        assert!(is_trailer_line("Video Clip"));
    }

    #[test]
    fn title_only_has_no_body() {
        assert_eq!(parse("Một tiêu đề\n\n").unwrap_err(), ImportError::NoBody);
        assert_eq!(parse("• :\nA- A A+ | x\n").unwrap_err(), ImportError::NoTitle);
    }
}
