//! What a file is, from its first bytes. The name a file was uploaded under is
//! never consulted: a PHP script renamed `photo.jpg` is text, not a JPEG.

/// A kind of media the library accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MediaKind {
    /// JPEG image (`FF D8 FF`).
    Jpeg,
    /// PNG image (the 8-byte PNG signature).
    Png,
    /// WebP image (`RIFF` … `WEBP`).
    Webp,
    /// MP4 video: an ISO base media file whose `ftyp` box starts at byte 4
    /// and whose brand is not an image brand (HEIC and AVIF are refused).
    Mp4,
    /// WebM video: an EBML header (`1A 45 DF A3`) whose document type is
    /// `webm`.
    Webm,
}

impl MediaKind {
    /// The MIME type to serve it with, e.g. `image/jpeg`.
    pub fn mime(self) -> &'static str {
        match self {
            MediaKind::Jpeg => "image/jpeg",
            MediaKind::Png => "image/png",
            MediaKind::Webp => "image/webp",
            MediaKind::Mp4 => "video/mp4",
            MediaKind::Webm => "video/webm",
        }
    }

    /// The file name extension to store it under, without the dot, e.g. `jpg`.
    pub fn extension(self) -> &'static str {
        match self {
            MediaKind::Jpeg => "jpg",
            MediaKind::Png => "png",
            MediaKind::Webp => "webp",
            MediaKind::Mp4 => "mp4",
            MediaKind::Webm => "webm",
        }
    }

    /// True for the still images (JPEG, PNG, WebP), false for video.
    pub fn is_image(self) -> bool {
        matches!(self, MediaKind::Jpeg | MediaKind::Png | MediaKind::Webp)
    }
}

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
const EBML_MAGIC: &[u8] = &[0x1A, 0x45, 0xDF, 0xA3];

/// Major brands of the ISO base media format that are still images, not video.
const IMAGE_BRANDS: &[&[u8; 4]] = &[
    b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1", b"avif", b"avis",
    b"crx ",
];

/// The media kind of `bytes`, by their magic numbers only (no decoding, no
/// file name). `None` when it is none of the accepted kinds.
///
/// A match says what the file claims to be, not that it is valid: use
/// [`crate::check`] before trusting it.
pub fn sniff(bytes: &[u8]) -> Option<MediaKind> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(MediaKind::Jpeg)
    } else if bytes.starts_with(PNG_SIGNATURE) {
        Some(MediaKind::Png)
    } else if bytes.get(..4) == Some(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        Some(MediaKind::Webp)
    } else if let Some(brand) = ftyp_brand(bytes) {
        (!IMAGE_BRANDS.contains(&brand)).then_some(MediaKind::Mp4)
    } else if bytes.starts_with(EBML_MAGIC) && ebml_doc_type_is(bytes, b"webm") {
        Some(MediaKind::Webm)
    } else {
        None
    }
}

/// The major brand of an ISO base media file (`….ftypBRND`).
fn ftyp_brand(bytes: &[u8]) -> Option<&[u8; 4]> {
    if bytes.get(4..8) != Some(b"ftyp") {
        return None;
    }
    bytes.get(8..12)?.try_into().ok()
}

/// Whether the EBML header names `doc_type`. The header is a few dozen bytes;
/// its DocType element is the only place such a word appears there.
fn ebml_doc_type_is(bytes: &[u8], doc_type: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(64)];
    head.windows(doc_type.len()).any(|w| w == doc_type)
}

/// A short, human-readable guess at what a refused file is, for the error
/// message: `text/PHP`, `text/HTML`, `image/svg+xml`, `image/gif`,
/// `image/heic`, `application/pdf`, `application/zip`, `text/plain`,
/// `unknown`, …
pub(crate) fn describe(bytes: &[u8]) -> &'static str {
    let head = &bytes[..bytes.len().min(1024)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let contains = |needle: &[u8]| lower.windows(needle.len()).any(|w| w == needle);
    let trimmed = {
        let start = lower
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(lower.len());
        &lower[start..]
    };

    if let Some(brand) = ftyp_brand(bytes) {
        return match brand {
            b"avif" | b"avis" => "image/avif",
            b"crx " => "image/x-canon-cr3",
            _ => "image/heic",
        };
    }
    let magic: &[(&[u8], &'static str)] = &[
        (b"GIF87a", "image/gif"),
        (b"GIF89a", "image/gif"),
        (b"II*\0", "image/tiff"),
        (b"MM\0*", "image/tiff"),
        (b"%PDF-", "application/pdf"),
        (b"PK\x03\x04", "application/zip"),
        (b"\x7fELF", "application/x-executable"),
        (b"MZ", "application/x-msdownload"),
        (b"OggS", "application/ogg"),
        (b"ID3", "audio/mpeg"),
        (b"\x1f\x8b", "application/gzip"),
        (b"Rar!", "application/vnd.rar"),
        (b"7z\xbc\xaf", "application/x-7z-compressed"),
        (b"\xd0\xcf\x11\xe0", "application/msword"),
        (EBML_MAGIC, "video/x-matroska"),
    ];
    if let Some((_, name)) = magic.iter().find(|(m, _)| bytes.starts_with(m)) {
        return name;
    }
    if bytes.get(..4) == Some(b"RIFF") {
        return match bytes.get(8..12) {
            Some(b"AVI ") => "video/x-msvideo",
            Some(b"WAVE") => "audio/wav",
            _ => "unknown",
        };
    }
    if contains(b"<?php") || trimmed.starts_with(b"<?=") {
        return "text/PHP";
    }
    if contains(b"<svg") {
        return "image/svg+xml";
    }
    if trimmed.starts_with(b"<!doctype html")
        || contains(b"<html")
        || contains(b"<script")
        || contains(b"<body")
    {
        return "text/HTML";
    }
    if trimmed.starts_with(b"#!") {
        return "text/script";
    }
    if trimmed.starts_with(b"<?xml") {
        return "text/XML";
    }
    let text_prefix = match std::str::from_utf8(head) {
        Ok(_) => true,
        // A multi-byte character cut at the 1 KiB boundary is still text.
        Err(e) => e.error_len().is_none(),
    };
    if text_prefix
        && !head
            .iter()
            .any(|&b| b.is_ascii_control() && !b.is_ascii_whitespace())
    {
        return "text/plain";
    }
    "unknown"
}
