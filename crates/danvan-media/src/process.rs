//! Decoding an accepted image and re-encoding it into responsive variants.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::codecs::webp::WebPEncoder;
use image::imageops::FilterType;
use image::metadata::Orientation;
use image::{
    DynamicImage, ExtendedColorType, ImageDecoder, ImageEncoder, ImageError, ImageFormat,
    ImageReader, RgbImage, RgbaImage,
};

use crate::{Limits, MediaError, MediaKind, check, within_limits};

/// The widths of the responsive variants, in CSS pixels at 1× (they double as
/// the `w` descriptors of `srcset`). Widths larger than the original are left
/// out: an image is never enlarged.
pub const WIDTHS: [u32; 4] = [480, 800, 1200, 1600];

/// Quality of the JPEG variants, 1–100 (libjpeg's scale).
pub const JPEG_QUALITY: u8 = 82;

/// ICC profiles larger than this (bytes) are dropped rather than copied into
/// every variant; real display profiles are a few KiB.
const MAX_ICC_BYTES: usize = 1 << 20;

/// Room on top of the decoded pixels for the decoders' own buffers, in bytes.
const DECODER_SLACK_BYTES: u64 = 64 * 1024 * 1024;

/// One re-encoded image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    /// Width in pixels (one of [`WIDTHS`], or the original width when it is
    /// narrower than the smallest).
    pub width: u32,
    /// Height in pixels, keeping the original's aspect ratio (rounded, at
    /// least 1).
    pub height: u32,
    /// [`MediaKind::Jpeg`] or [`MediaKind::Webp`].
    pub kind: MediaKind,
    /// The encoded file, ready to store and serve with `kind.mime()`.
    pub bytes: Vec<u8>,
}

/// The result of [`process_image`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Processed {
    /// Width of the upright image in pixels (after EXIF orientation, so a
    /// portrait photo taken sideways reports its portrait width).
    pub original_width: u32,
    /// Height of the upright image in pixels.
    pub original_height: u32,
    /// The variants, by width ascending, a JPEG then a WebP for each width.
    /// Never empty.
    pub variants: Vec<Variant>,
}

/// Checks an uploaded image ([`check`]), decodes it and re-encodes it into
/// responsive variants: for each width of [`WIDTHS`] not wider than the image
/// (or the image's own width when it is narrower than 480), one JPEG at
/// quality [`JPEG_QUALITY`] and one WebP.
///
/// * The image is turned upright first, following its EXIF orientation.
/// * Downscaling uses a Lanczos3 filter, in premultiplied alpha.
/// * JPEG has no transparency: transparent areas are laid on white there;
///   the WebP keeps the alpha channel.
/// * The WebP variants are **lossless** (VP8L): the `image` crate has no lossy
///   WebP encoder. For photographs they are larger than the JPEGs of the
///   same width, so offer them to browsers only where they are smaller (the
///   web layer can compare `bytes.len()`); for logos, drawings and
///   screenshots they are usually the smaller ones.
/// * Only pixels (and the ICC colour profile) are carried over: no EXIF, GPS,
///   XMP, IPTC or comment of the upload is in any variant.
///
/// Errors: those of [`check`]; [`MediaError::Unsupported`] with `detected`
/// set to the video's MIME type for an MP4 or WebM; [`MediaError::Corrupt`]
/// when the image data cannot be decoded; [`MediaError::Encode`] if
/// re-encoding fails (not expected).
///
/// An animated WebP or PNG gives its first frame only.
///
/// Cost: decoding holds the full image in memory (at most
/// [`Limits::max_pixels`] × 4 bytes after conversion, plus the decoder's
/// buffer). A 4000×3000 JPEG takes about 0.5 s of one core in a release
/// build (most of it Lanczos resampling and lossless WebP encoding), so call
/// it from a blocking task (`tokio::task::spawn_blocking`), not on the async
/// executor, and bound how many run at once.
pub fn process_image(bytes: &[u8], limits: &Limits) -> Result<Processed, MediaError> {
    let kind = check(bytes, limits)?;
    let format = image_format(kind).ok_or(MediaError::Unsupported {
        detected: kind.mime(),
    })?;

    if kind == MediaKind::Jpeg && !jpeg_is_complete(bytes) {
        // the decoder would fill the missing part with grey and say nothing
        return Err(MediaError::Corrupt {
            message: "the JPEG ends before its image data does (no end-of-image marker after the scan): the file is truncated".to_owned(),
        });
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(decode_limits(limits));
    let mut decoder = reader.into_decoder().map_err(corrupt)?;
    let (width, height) = decoder.dimensions();
    // `check` read the same header; this guards against a decoder that
    // reports other dimensions once fully constructed.
    within_limits(width, height, limits)?;
    // A damaged EXIF block must not cost the photo: it is shown as stored.
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let icc = decoder
        .icc_profile()
        .ok()
        .flatten()
        .filter(|p| !p.is_empty() && p.len() <= MAX_ICC_BYTES);
    let mut image = DynamicImage::from_decoder(decoder).map_err(corrupt)?;
    image.apply_orientation(orientation);

    let (original_width, original_height) = (image.width(), image.height());
    let pixels = Pixels::from_image(image);
    let mut variants = Vec::with_capacity(2 * WIDTHS.len());
    let targets = target_sizes(original_width, original_height);
    // The largest variant is resampled from the original; the smaller ones
    // from the largest, which is several times faster for big photos and
    // indistinguishable at those sizes.
    let mut largest: Option<Pixels> = None;
    for &(w, h) in targets.iter().rev() {
        let scaled = match &largest {
            None => pixels.resized(w, h),
            Some(big) => big.resized(w, h),
        };
        let encoded = [
            encode(&scaled, MediaKind::Jpeg, icc.as_deref())?,
            encode(&scaled, MediaKind::Webp, icc.as_deref())?,
        ];
        variants.extend(
            encoded
                .into_iter()
                .zip([MediaKind::Jpeg, MediaKind::Webp])
                .map(|(bytes, kind)| Variant {
                    width: w,
                    height: h,
                    kind,
                    bytes,
                }),
        );
        if largest.is_none() {
            largest = Some(scaled);
        }
    }
    // Built largest first; callers get them smallest first.
    variants.sort_by_key(|v| (v.width, v.kind != MediaKind::Jpeg));
    Ok(Processed {
        original_width,
        original_height,
        variants,
    })
}

/// Whether a JPEG holds its whole image: the segments before the first
/// scan (SOS) are walked by their lengths (so the EXIF thumbnail, a JPEG of
/// its own inside APP1, is skipped), and an end-of-image marker (EOI,
/// `FF D9`) must follow somewhere after that scan. Entropy-coded data never
/// holds `FF D9` (an `FF` there is followed by `00` or a restart marker),
/// so a file cut inside its image data has none; bytes appended after a
/// complete image (a phone's motion-photo video) do not matter.
pub(crate) fn jpeg_is_complete(bytes: &[u8]) -> bool {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return false;
    }
    let mut i = 2;
    loop {
        // fill bytes (FF FF …) may stand before a marker
        while bytes.get(i) == Some(&0xFF) && bytes.get(i + 1) == Some(&0xFF) {
            i += 1;
        }
        match (bytes.get(i), bytes.get(i + 1)) {
            (Some(0xFF), Some(0xDA)) => break,
            // a marker without a length (TEM, RSTn) where a segment should be
            (Some(0xFF), Some(0x01 | 0xD0..=0xD7)) => i += 2,
            (Some(0xFF), Some(0xD9)) => return false,
            (Some(0xFF), Some(_)) => {
                let (Some(&hi), Some(&lo)) = (bytes.get(i + 2), bytes.get(i + 3)) else { return false };
                i += 2 + usize::from(u16::from_be_bytes([hi, lo]));
            }
            _ => return false,
        }
    }
    bytes[i + 2..].windows(2).any(|w| w == [0xFF, 0xD9])
}

/// The `(width, height)` of each variant of a `width`×`height` image, by
/// width ascending.
fn target_sizes(width: u32, height: u32) -> Vec<(u32, u32)> {
    let mut widths: Vec<u32> = WIDTHS.iter().copied().filter(|&w| w <= width).collect();
    if widths.is_empty() {
        widths.push(width);
    }
    widths
        .into_iter()
        .map(|w| {
            let h =
                (u64::from(height) * u64::from(w) + u64::from(width) / 2) / u64::from(width.max(1));
            (w, u32::try_from(h).unwrap_or(u32::MAX).max(1))
        })
        .collect()
}

/// The `image` format for an image kind; `None` for video.
pub(crate) fn image_format(kind: MediaKind) -> Option<ImageFormat> {
    match kind {
        MediaKind::Jpeg => Some(ImageFormat::Jpeg),
        MediaKind::Png => Some(ImageFormat::Png),
        MediaKind::Webp => Some(ImageFormat::WebP),
        MediaKind::Mp4 | MediaKind::Webm => None,
    }
}

pub(crate) fn corrupt(error: ImageError) -> MediaError {
    MediaError::Corrupt {
        message: error.to_string(),
    }
}

fn decode_limits(limits: &Limits) -> image::Limits {
    let mut decode = image::Limits::default();
    decode.max_image_width = Some(limits.max_side);
    decode.max_image_height = Some(limits.max_side);
    // 8 bytes a pixel: 16-bit RGBA, the widest a PNG decodes to.
    decode.max_alloc = Some(
        limits
            .max_pixels
            .saturating_mul(8)
            .saturating_add(DECODER_SLACK_BYTES),
    );
    decode
}

/// Decoded pixels, 8 bits a channel. Images with transparency are kept
/// premultiplied by alpha, so resampling does not bleed the colour of
/// invisible pixels into the edges.
enum Pixels {
    Opaque(RgbImage),
    Premultiplied(RgbaImage),
}

impl Pixels {
    fn from_image(image: DynamicImage) -> Pixels {
        if !image.color().has_alpha() {
            return Pixels::Opaque(image.into_rgb8());
        }
        let mut rgba = image.into_rgba8();
        if rgba.pixels().all(|p| p.0[3] == u8::MAX) {
            return Pixels::Opaque(DynamicImage::ImageRgba8(rgba).into_rgb8());
        }
        for p in rgba.pixels_mut() {
            let a = u16::from(p.0[3]);
            for c in &mut p.0[..3] {
                *c = mul_div_255(u16::from(*c), a);
            }
        }
        Pixels::Premultiplied(rgba)
    }

    fn resized(&self, width: u32, height: u32) -> Pixels {
        let same = |w: u32, h: u32| (w, h) == (width, height);
        match self {
            Pixels::Opaque(img) if same(img.width(), img.height()) => Pixels::Opaque(img.clone()),
            Pixels::Premultiplied(img) if same(img.width(), img.height()) => {
                Pixels::Premultiplied(img.clone())
            }
            Pixels::Opaque(img) => Pixels::Opaque(image::imageops::resize(
                img,
                width,
                height,
                FilterType::Lanczos3,
            )),
            Pixels::Premultiplied(img) => Pixels::Premultiplied(image::imageops::resize(
                img,
                width,
                height,
                FilterType::Lanczos3,
            )),
        }
    }
}

/// `x * a / 255`, rounded, for `x, a` in 0..=255.
fn mul_div_255(x: u16, a: u16) -> u8 {
    let t = x * a + 128;
    // (t + t/256) / 256 is t/255 rounded, exactly, for t < 65536.
    u8::try_from((t + (t >> 8)) >> 8).unwrap_or(u8::MAX)
}

fn encode(pixels: &Pixels, kind: MediaKind, icc: Option<&[u8]>) -> Result<Vec<u8>, MediaError> {
    let mut out = Vec::new();
    let failed = |e: ImageError| MediaError::Encode {
        message: e.to_string(),
    };
    match (pixels, kind) {
        (Pixels::Opaque(img), MediaKind::Jpeg) => {
            let encoder = with_icc(JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY), icc);
            encoder.write_image(
                img.as_raw(),
                img.width(),
                img.height(),
                ExtendedColorType::Rgb8,
            )
        }
        (Pixels::Premultiplied(img), MediaKind::Jpeg) => {
            // Over white: premultiplied colour plus white times (1 - alpha).
            let flat = RgbImage::from_fn(img.width(), img.height(), |x, y| {
                let [r, g, b, a] = img.get_pixel(x, y).0;
                let white = u8::MAX - a;
                image::Rgb([
                    r.saturating_add(white),
                    g.saturating_add(white),
                    b.saturating_add(white),
                ])
            });
            let encoder = with_icc(JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY), icc);
            encoder.write_image(
                flat.as_raw(),
                flat.width(),
                flat.height(),
                ExtendedColorType::Rgb8,
            )
        }
        (Pixels::Opaque(img), _) => {
            let encoder = with_icc(WebPEncoder::new_lossless(&mut out), icc);
            encoder.write_image(
                img.as_raw(),
                img.width(),
                img.height(),
                ExtendedColorType::Rgb8,
            )
        }
        (Pixels::Premultiplied(img), _) => {
            let mut straight = img.clone();
            for p in straight.pixels_mut() {
                let a = u16::from(p.0[3]);
                if a == 0 {
                    p.0 = [0; 4];
                    continue;
                }
                for c in &mut p.0[..3] {
                    *c = u8::try_from((u16::from(*c) * 255 + a / 2) / a).unwrap_or(u8::MAX);
                }
            }
            let encoder = with_icc(WebPEncoder::new_lossless(&mut out), icc);
            encoder.write_image(
                straight.as_raw(),
                straight.width(),
                straight.height(),
                ExtendedColorType::Rgba8,
            )
        }
    }
    .map_err(failed)?;
    Ok(out)
}

/// Gives the encoder the source's colour profile, when there is one and the
/// encoder takes it.
fn with_icc<E: ImageEncoder>(mut encoder: E, icc: Option<&[u8]>) -> E {
    if let Some(profile) = icc {
        // An encoder that cannot embed a profile still encodes the pixels.
        let _ = encoder.set_icc_profile(profile.to_vec());
    }
    encoder
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heights_keep_the_aspect_ratio() {
        assert_eq!(
            target_sizes(2000, 1000),
            vec![(480, 240), (800, 400), (1200, 600), (1600, 800)]
        );
        assert_eq!(target_sizes(1000, 333), vec![(480, 160), (800, 266)]);
        assert_eq!(target_sizes(300, 200), vec![(300, 200)]);
        assert_eq!(
            target_sizes(12_000, 1),
            vec![(480, 1), (800, 1), (1200, 1), (1600, 1)]
        );
    }

    #[test]
    fn premultiply_rounds_exactly() {
        for x in 0..=255u16 {
            for a in 0..=255u16 {
                let exact = (f64::from(x) * f64::from(a) / 255.0).round() as u16;
                assert_eq!(u16::from(mul_div_255(x, a)), exact, "x={x} a={a}");
            }
        }
    }
}
