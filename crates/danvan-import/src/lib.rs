//! Turns a saved news page into an [`ImportedArticle`]. Pure: no I/O.
//!
//! Two inputs are understood:
//! * **text saved from a portal page** (the form of `shared/seeds/*.txt`): the
//!   page chrome around the article ("• :", "A- A A+ | …", "Tổng số điểm …",
//!   "Click để đánh giá bài viết", "Bài viết liên quan", "Video Clip") is left
//!   out, the first block is the title, blocks that do not end a sentence are
//!   photo captions, and a block such as "Bài, ảnh: …" is the byline;
//! * **an HTML page of a news article**: the title from `<h1>` (else
//!   `og:title`, else `<title>`), the body from `<article>` (else the page
//!   body) with `<p>`, headings and `<figure>`/`<figcaption>`.
//!
//! Text is normalised with [`danvan_text::normalize_input`] (NFC, no-break
//! spaces to spaces); the author's spelling is kept.

mod html;
pub mod sanitize;
mod text;

pub use danvan_text::legacy::LegacyEncoding;
use sha2::{Digest, Sha256};

/// One block of an article body, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A paragraph of plain text (one line, spaces collapsed).
    Paragraph(String),
    /// A sub-heading (rendered as `<h2>`).
    Heading(String),
    /// A figure. `image_source` is the address the image had on the page it
    /// was saved from (never fetched: the editor attaches the photo later).
    Figure {
        caption: String,
        alt: String,
        image_source: Option<String>,
    },
}

/// An article as found in an imported file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedArticle {
    pub title: String,
    /// The lead ("sapo") when the page marks one.
    pub lead: Option<String>,
    pub blocks: Vec<Block>,
    /// The credit line as written, e.g. "Bài, ảnh: Nguyễn Thị Qúy".
    pub byline: Option<String>,
    /// Which reader understood the file.
    pub format: SourceFormat,
    /// The legacy encoding the file was converted from (TCVN3, VNI, VIQR).
    pub converted_from: Option<LegacyEncoding>,
}

/// The kind of file an article was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceFormat {
    PortalText,
    Html,
}

/// Why a file could not be imported. Each variant has a stable code
/// ([`ImportError::code`]) that the message catalogue translates.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is binary, not text (byte {offset} is {byte:#04x})")]
    Binary { offset: usize, byte: u8 },
    #[error("the file is not UTF-8: invalid byte at line {line}, column {column}")]
    NotUtf8 { line: usize, column: usize },
    #[error("no title found")]
    NoTitle,
    #[error("no article text found after the title")]
    NoBody,
}

impl ImportError {
    /// Stable snake_case code, e.g. `import.not_utf8`.
    pub fn code(&self) -> &'static str {
        match self {
            ImportError::Empty => "import.empty",
            ImportError::Binary { .. } => "import.binary",
            ImportError::NotUtf8 { .. } => "import.not_utf8",
            ImportError::NoTitle => "import.no_title",
            ImportError::NoBody => "import.no_body",
        }
    }
}

/// Reads an article from the raw bytes of a file.
///
/// HTML is recognised by its content (a doctype, `<html`, `<body` or
/// `<article` near the start), never by the file name.
///
/// Errors: [`ImportError::Empty`] for no bytes or only whitespace,
/// [`ImportError::Binary`] when a NUL or other control byte appears in the
/// first 8 KiB, [`ImportError::NotUtf8`] with the line and column (1-based)
/// of the first invalid byte, [`ImportError::NoTitle`] / [`ImportError::NoBody`]
/// when no article is found.
pub fn parse(bytes: &[u8]) -> Result<ImportedArticle, ImportError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ImportError::Empty);
    }
    if let Some((offset, &byte)) = bytes
        .iter()
        .take(8192)
        .enumerate()
        .find(|(_, b)| b.is_ascii_control() && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
    {
        return Err(ImportError::Binary { offset, byte });
    }
    let (text, converted_from) = decode(bytes)?;
    let text = danvan_text::normalize_input(text.strip_prefix('\u{FEFF}').unwrap_or(&text));
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    let mut article = if looks_like_html(&text) { html::parse(&text)? } else { text::parse(&text)? };
    article.converted_from = converted_from;
    Ok(article)
}

/// The file's text and, when it was in a legacy Vietnamese encoding, which
/// one. UTF-8 is taken as it is unless its words read as VNI or VIQR; other
/// bytes are read as Windows-1252 and accepted only when they read as TCVN3
/// or VNI ([`danvan_text::legacy::detect_legacy`]).
fn decode(bytes: &[u8]) -> Result<(String, Option<LegacyEncoding>), ImportError> {
    use danvan_text::legacy::{convert_legacy, decode_windows_1252, detect_legacy};
    match std::str::from_utf8(bytes) {
        Ok(raw) => Ok(match detect_legacy(raw) {
            Some(enc) => (convert_legacy(raw, enc), Some(enc)),
            None => (raw.to_owned(), None),
        }),
        Err(e) => {
            let latin = decode_windows_1252(bytes);
            if let Some(enc) = detect_legacy(&latin) {
                return Ok((convert_legacy(&latin, enc), Some(enc)));
            }
            let good = &bytes[..e.valid_up_to()];
            let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
            let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
            Err(ImportError::NotUtf8 { line, column })
        }
    }
}

fn looks_like_html(text: &str) -> bool {
    let head: String = text.chars().take(2048).collect::<String>().to_ascii_lowercase();
    let head = head.trim_start();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.contains("<body")
        || head.contains("<article")
}

impl ImportedArticle {
    /// Paragraph texts in order (figures and headings left out).
    pub fn paragraphs(&self) -> impl Iterator<Item = &str> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.as_str()),
            _ => None,
        })
    }

    /// Figure captions in order.
    pub fn captions(&self) -> impl Iterator<Item = &str> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Figure { caption, .. } => Some(caption.as_str()),
            _ => None,
        })
    }

    /// SHA-256 (hex, 64 characters) of the article's content: title, lead,
    /// blocks and byline. The same article saved twice, even with other
    /// whitespace or in another Unicode normal form, gives the same hash; it
    /// is how a re-import is recognised as unchanged.
    pub fn content_hash(&self) -> String {
        let mut h = Sha256::new();
        let mut field = |tag: &str, s: &str| {
            h.update(tag.as_bytes());
            h.update((s.len() as u64).to_le_bytes());
            h.update(s.as_bytes());
        };
        field("t", &self.title);
        field("l", self.lead.as_deref().unwrap_or(""));
        for b in &self.blocks {
            match b {
                Block::Paragraph(p) => field("p", p),
                Block::Heading(p) => field("h", p),
                Block::Figure { caption, alt, .. } => {
                    field("f", caption);
                    field("a", alt);
                }
            }
        }
        field("b", self.byline.as_deref().unwrap_or(""));
        hex::encode(h.finalize())
    }
}

/// Folded prefixes that open a byline ("Bài, ảnh: …", "Tin: …", …).
const BYLINE_PREFIXES: &[&str] = &[
    "bai, anh:",
    "bai va anh:",
    "bai/anh:",
    "bai:",
    "tin, anh:",
    "tin va anh:",
    "tin:",
    "anh:",
    "bai, video:",
    "tin, video:",
];

/// True when `s` reads as a credit line such as "Bài, ảnh: Nguyễn Thị Qúy".
pub fn is_byline(s: &str) -> bool {
    let folded = danvan_text::fold(s);
    let compact = folded.replace(" :", ":");
    s.chars().count() <= 160 && BYLINE_PREFIXES.iter().any(|p| compact.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines() {
        assert!(is_byline("Bài, ảnh: Nguyễn Thị Qúy"));
        assert!(is_byline("Tin : Hà Anh"));
        assert!(!is_byline("Bài viết liên quan"));
    }

    #[test]
    fn bad_input() {
        assert_eq!(parse(b""), Err(ImportError::Empty));
        assert_eq!(parse(b" \n\t\n"), Err(ImportError::Empty));
        assert_eq!(parse(b"\x89PNG\r\n\x1a\n\0\0"), Err(ImportError::Binary { offset: 6, byte: 0x1a }));
        assert_eq!(
            parse(b"Ti\xeau \xf0\xe8 m\xe1i\nline two \xff"),
            Err(ImportError::NotUtf8 { line: 1, column: 3 })
        );
        assert_eq!(
            parse("Dòng một\nDòng \u{0}hai".as_bytes()),
            Err(ImportError::Binary { offset: 18, byte: 0 })
        );
    }

    #[test]
    fn not_utf8_position_on_later_line() {
        let bytes = "Tiêu đề\n\nĐoạn một.\nVăn \u{1}".as_bytes().to_vec();
        // control byte is binary, not text
        assert!(matches!(parse(&bytes), Err(ImportError::Binary { .. })));
        let mut bytes = "Tiêu đề\n\nĐoạn ".as_bytes().to_vec();
        bytes.push(0xC3);
        bytes.push(b'x');
        assert_eq!(parse(&bytes), Err(ImportError::NotUtf8 { line: 3, column: 6 }));
    }
}
