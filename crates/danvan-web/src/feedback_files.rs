//! The photos and PDF files of the public feedback form, checked by their
//! content (never their names) before anything is stored:
//!
//! * a JPEG, PNG or WebP photo is decoded and re-encoded from its pixels
//!   (`danvan_media::process_image`), and its largest JPEG variant (at most
//!   1 600 pixels wide) is kept: no EXIF, GPS position, camera serial or
//!   hidden payload survives, and a 12-megapixel phone photo of 4 MB
//!   becomes a few hundred KB;
//! * a PDF is kept as sent (there is no PDF re-encoder among our
//!   libraries) when it starts with `%PDF-` and names no active content
//!   (`/JavaScript`, `/JS`, `/Launch`, `/EmbeddedFile`, `/OpenAction`,
//!   `/AA`, `/RichMedia`, `/XFA`); staff always download it as a file,
//!   served with `Content-Security-Policy: sandbox`, never shown inline;
//! * anything else (a video, a Word file, an SVG, a script renamed `.jpg`)
//!   is refused with the file's name in the message.

use crate::kit::form::PostedFile;
use danvan_domain::messages::{Lang, format};
use danvan_media::{Limits, MediaError, MediaKind};
use danvan_store::{MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, NewAttachment};

/// The form route's body limit, in bytes: every file at its largest plus
/// room for the text fields.
pub(crate) const FORM_BODY_LIMIT: usize = MAX_ATTACHMENTS * MAX_ATTACHMENT_BYTES + 256 * 1024;

/// PDF names that start something when the file is opened.
const ACTIVE_PDF_NAMES: [&[u8]; 8] = [b"/JavaScript", b"/JS", b"/Launch", b"/EmbeddedFile", b"/OpenAction", b"/AA", b"/RichMedia", b"/XFA"];

/// Whether `bytes` (a PDF) names active content. A name counts only when
/// the next byte ends it (`/JS` is not `/JSX`), as PDF names are delimited.
fn has_active_content(bytes: &[u8]) -> bool {
    ACTIVE_PDF_NAMES.iter().any(|name| {
        bytes.windows(name.len() + 1).any(|w| w.starts_with(name) && !w[name.len()].is_ascii_alphanumeric())
    })
}

/// `ảnh.png` → `ảnh.jpg`: a re-encoded photo is a JPEG whatever it was.
fn jpeg_name(name: &str) -> String {
    let stem = match name.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => name,
    };
    format!("{stem}.jpg")
}

fn refused(key: &str, name: &str) -> String {
    format(key, Lang::Vi, &[("name", &name)])
}

/// Checks and prepares the files sent in the form's `files` field. Returns
/// what can be stored, and one message per refused file (naming it); when
/// any message is returned nothing is stored.
pub(crate) async fn prepare(files: Vec<PostedFile>) -> (Vec<NewAttachment>, Vec<String>) {
    let files: Vec<PostedFile> = files.into_iter().filter(|f| f.field == "files").collect();
    if files.len() > MAX_ATTACHMENTS {
        return (Vec::new(), vec![format("fbweb.file.too_many", Lang::Vi, &[("max", &MAX_ATTACHMENTS), ("count", &files.len())])]);
    }
    let limits = Limits { max_image_bytes: MAX_ATTACHMENT_BYTES as u64, ..Limits::default() };
    let mut ready = Vec::new();
    let mut problems = Vec::new();
    for f in files {
        let name = if f.file_name.trim().is_empty() { "tep".to_owned() } else { f.file_name.clone() };
        if f.bytes.len() > MAX_ATTACHMENT_BYTES {
            let mb = format!("{:.1}", f.bytes.len() as f64 / (1024.0 * 1024.0));
            problems.push(format("fbweb.file.too_large", Lang::Vi, &[("name", &name), ("size", &mb)]));
            continue;
        }
        if f.bytes.starts_with(b"%PDF-") {
            if has_active_content(&f.bytes) {
                problems.push(refused("fbweb.file.pdf_active", &name));
            } else {
                ready.push(NewAttachment { file_name: name, media_type: "application/pdf", bytes: f.bytes, width: None, height: None });
            }
            continue;
        }
        match danvan_media::check(&f.bytes, &limits) {
            Ok(kind) if kind.is_image() => {
                let bytes = f.bytes;
                // decoding is CPU work: off the async threads, a few at a
                // time; a decoder panic becomes an error, not a crash
                let processed = crate::kit::images::process_image(bytes, limits).await;
                match processed {
                    Ok(p) => match p.variants.into_iter().filter(|v| v.kind == MediaKind::Jpeg).max_by_key(|v| v.width) {
                        Some(v) => ready.push(NewAttachment { file_name: jpeg_name(&name), media_type: "image/jpeg", width: Some(v.width), height: Some(v.height), bytes: v.bytes }),
                        None => problems.push(refused("fbweb.file.damaged", &name)),
                    },
                    Err(Some(e)) => problems.push(media_problem(&name, &e)),
                    Err(None) => problems.push(refused("fbweb.file.damaged", &name)),
                }
            }
            Ok(_) | Err(MediaError::Unsupported { .. }) => problems.push(refused("fbweb.file.type", &name)),
            Err(e) => problems.push(media_problem(&name, &e)),
        }
    }
    if !problems.is_empty() {
        ready.clear();
    }
    (ready, problems)
}

fn media_problem(name: &str, e: &MediaError) -> String {
    match e {
        MediaError::Unsupported { .. } => refused("fbweb.file.type", name),
        MediaError::Corrupt { .. } | MediaError::Encode { .. } => refused("fbweb.file.damaged", name),
        _ => format("fbweb.file.problem", Lang::Vi, &[("name", &name), ("message", &crate::admin::media_message(e))]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn active_pdf_content_is_found_by_whole_names() {
        assert!(has_active_content(b"%PDF-1.4\n1 0 obj << /OpenAction 2 0 R >>"));
        assert!(has_active_content(b"%PDF-1.4 << /S /JavaScript /JS (app.alert(1)) >>"));
        assert!(has_active_content(b"%PDF-1.7 << /AA << >> >>"));
        assert!(!has_active_content(b"%PDF-1.4 << /Type /Catalog /Pages 2 0 R >> /JSX /AAB"));
    }

    #[test]
    fn photos_are_named_jpeg() {
        assert_eq!(jpeg_name("ổ gà.png"), "ổ gà.jpg");
        assert_eq!(jpeg_name("anh"), "anh.jpg");
        assert_eq!(jpeg_name(".hidden"), ".hidden.jpg");
    }
}
