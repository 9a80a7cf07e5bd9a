//! Uploaded media for the editorial library, checked and re-encoded. Pure:
//! bytes in, bytes out; no I/O, no database, no async.
//!
//! * [`sniff`]: what a file is, from its magic bytes (never its name).
//! * [`check`]: refuse an upload that is empty, too large, of a kind we do not
//!   accept, or an image whose header announces too many pixels (a
//!   decompression bomb is refused before its pixels are allocated).
//! * [`process_image`]: decode a JPEG, PNG or WebP, turn it upright (EXIF
//!   orientation) and re-encode it from its pixels into the responsive widths
//!   [`WIDTHS`], each as JPEG and WebP, for `srcset`/`sizes`.
//!
//! **Privacy.** The variants are encoded from decoded pixels, so nothing of
//! the upload's metadata survives: no EXIF (camera serial numbers, dates, GPS
//! positions), no XMP, no IPTC, no comments, nor anything appended after the
//! image data (a PHP payload hidden in a JPEG comment is gone too). Only the
//! ICC colour profile is carried over, so colours stay right. Store and serve
//! the variants, never the uploaded bytes.
//!
//! Video files ([`MediaKind::Mp4`], [`MediaKind::Webm`]) are only sniffed and
//! size-checked; they are stored as uploaded (their metadata is not removed).
//!
//! The WebP variants are lossless (the `image` crate encodes no lossy WebP):
//! for photographs they are several times larger than the JPEGs, so list a
//! WebP in `srcset` only where it is the smaller file (see [`process_image`]).
//!
//! Every error has a stable code ([`MediaError::code`], e.g. `media.too_large`)
//! for the message catalogue.

#![warn(missing_docs)]

mod process;
mod sniff;

pub use process::{JPEG_QUALITY, Processed, Variant, WIDTHS, process_image};
pub use sniff::{MediaKind, sniff};

use std::io::Cursor;

/// Upload limits. [`Limits::default`] gives the portal's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest image file accepted, in bytes. Default 20 MiB.
    pub max_image_bytes: u64,
    /// Largest video file accepted, in bytes. Default 200 MiB.
    pub max_video_bytes: u64,
    /// Most pixels (width × height) an image may have. Default 40 000 000
    /// (a 40-megapixel photo; a decoded 40 MP image takes 160 MB as RGBA).
    pub max_pixels: u64,
    /// Longest side an image may have, in pixels. Default 12 000.
    pub max_side: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_image_bytes: 20 * 1024 * 1024,
            max_video_bytes: 200 * 1024 * 1024,
            max_pixels: 40_000_000,
            max_side: 12_000,
        }
    }
}

impl Limits {
    /// The largest request body worth reading for an upload, in bytes: the
    /// larger of the image and video limits. Set the web layer's body limit
    /// to this (plus room for the form fields).
    pub fn max_upload_bytes(&self) -> u64 {
        self.max_image_bytes.max(self.max_video_bytes)
    }

    /// The size limit for `kind`, in bytes; the image limit when the kind is
    /// unknown.
    fn max_bytes(&self, kind: Option<MediaKind>) -> u64 {
        match kind {
            Some(MediaKind::Mp4 | MediaKind::Webm) => self.max_video_bytes,
            _ => self.max_image_bytes,
        }
    }
}

/// Why an upload was refused. Each variant has a stable code
/// ([`MediaError::code`]) that the message catalogue translates; the English
/// `Display` text is for logs and the command line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MediaError {
    /// The file has no bytes.
    #[error("the file is empty (0 bytes)")]
    Empty,
    /// The file is larger than the limit for its kind.
    #[error("the file is too large: {} (the limit is {})", human_bytes(*size), human_bytes(*limit))]
    TooLarge {
        /// The file's size in bytes.
        size: u64,
        /// The limit that applied, in bytes ([`Limits::max_image_bytes`] or
        /// [`Limits::max_video_bytes`]).
        limit: u64,
    },
    /// Not an image or video we accept.
    #[error(
        "this kind of file is not accepted (its content is {detected}); upload a JPEG, PNG or WebP image, or an MP4 or WebM video"
    )]
    Unsupported {
        /// What the content looks like: `text/PHP`, `text/HTML`,
        /// `text/plain`, `image/gif`, `image/svg+xml`, `image/heic`,
        /// `application/pdf`, `video/x-matroska`, `video/mp4` (a video given
        /// to [`process_image`]), `unknown`, …
        detected: &'static str,
    },
    /// The image header announces more pixels than allowed, in total or on one
    /// side. Refused before decoding.
    #[error(
        "the image is too big: {width}×{height} pixels ({} megapixels); at most {} megapixels and {max_side} pixels per side are accepted",
        megapixels(u64::from(*width) * u64::from(*height)),
        megapixels(*max_pixels)
    )]
    TooManyPixels {
        /// Width in pixels, as the header states it.
        width: u32,
        /// Height in pixels, as the header states it.
        height: u32,
        /// [`Limits::max_pixels`] in force.
        max_pixels: u64,
        /// [`Limits::max_side`] in force, in pixels.
        max_side: u32,
    },
    /// The file starts like an image but cannot be decoded (truncated,
    /// damaged, or a variant of the format the decoder does not support).
    #[error("the image is damaged or cannot be read: {message}")]
    Corrupt {
        /// The decoder's explanation, in English.
        message: String,
    },
    /// Re-encoding a decoded image failed. Not expected; a bug if it happens.
    #[error("the image could not be re-encoded: {message}")]
    Encode {
        /// The encoder's explanation, in English.
        message: String,
    },
}

impl MediaError {
    /// Stable snake_case code, e.g. `media.too_large`.
    pub fn code(&self) -> &'static str {
        match self {
            MediaError::Empty => "media.empty",
            MediaError::TooLarge { .. } => "media.too_large",
            MediaError::Unsupported { .. } => "media.unsupported",
            MediaError::TooManyPixels { .. } => "media.too_many_pixels",
            MediaError::Corrupt { .. } => "media.corrupt",
            MediaError::Encode { .. } => "media.encode_failed",
        }
    }
}

/// `20971520` → `20.0 MiB`, `512` → `512 bytes`.
fn human_bytes(n: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if n >= MIB {
        format!("{:.1} MiB", n as f64 / MIB as f64)
    } else if n >= 1024 {
        format!("{:.1} KiB", n as f64 / 1024.0)
    } else {
        format!("{n} bytes")
    }
}

/// `50_000_000` → `50.0`.
fn megapixels(pixels: u64) -> String {
    format!("{:.1}", pixels as f64 / 1e6)
}

/// Checks an upload by its content and returns its kind.
///
/// In order: no bytes → [`MediaError::Empty`]; more bytes than the limit for
/// the sniffed kind (the image limit when the kind is unknown) →
/// [`MediaError::TooLarge`]; not a kind we accept →
/// [`MediaError::Unsupported`]. For an image, only the header is then read:
/// dimensions over [`Limits::max_pixels`] or [`Limits::max_side`] →
/// [`MediaError::TooManyPixels`] (nothing is decoded, so a 50-megapixel bomb
/// costs microseconds); a header that cannot be read →
/// [`MediaError::Corrupt`]. A video is checked by magic bytes and size only.
///
/// Passing `check` does not prove the image data decodes; [`process_image`]
/// does that.
pub fn check(bytes: &[u8], limits: &Limits) -> Result<MediaKind, MediaError> {
    if bytes.is_empty() {
        return Err(MediaError::Empty);
    }
    let kind = sniff(bytes);
    let size = bytes.len() as u64;
    let limit = limits.max_bytes(kind);
    if size > limit {
        return Err(MediaError::TooLarge { size, limit });
    }
    let kind = kind.ok_or_else(|| MediaError::Unsupported {
        detected: sniff::describe(bytes),
    })?;
    if let Some(format) = process::image_format(kind) {
        header_dimensions(bytes, format, limits)?;
    }
    Ok(kind)
}

/// The image's stored width and height, in pixels, read from its header
/// only, and refused when over the limits.
fn header_dimensions(
    bytes: &[u8],
    format: image::ImageFormat,
    limits: &Limits,
) -> Result<(u32, u32), MediaError> {
    let mut reader = image::ImageReader::with_format(Cursor::new(bytes), format);
    // No width/height limit here: we want the real dimensions for the message.
    reader.limits(image::Limits::default());
    let (width, height) = reader.into_dimensions().map_err(process::corrupt)?;
    within_limits(width, height, limits)?;
    Ok((width, height))
}

fn within_limits(width: u32, height: u32, limits: &Limits) -> Result<(), MediaError> {
    let pixels = u64::from(width) * u64::from(height);
    if pixels > limits.max_pixels || width > limits.max_side || height > limits.max_side {
        return Err(MediaError::TooManyPixels {
            width,
            height,
            max_pixels: limits.max_pixels,
            max_side: limits.max_side,
        });
    }
    Ok(())
}
