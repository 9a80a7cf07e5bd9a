//! Builders for test files: images made with the `image` crate, then patched
//! byte by byte where a test needs something no encoder writes (EXIF with GPS,
//! a lying header).

#![allow(dead_code)]

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::{ExtendedColorType, ImageEncoder, RgbImage, RgbaImage};

/// A `width`×`height` RGB picture with gradients and some texture, so its
/// encodings are photo-like rather than flat.
pub fn picture(width: u32, height: u32) -> RgbImage {
    let mut seed: u32 = 0x1234_5678;
    RgbImage::from_fn(width, height, |x, y| {
        seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        let noise = (seed >> 28) as u8;
        image::Rgb([
            ((x * 255 / width.max(1)) as u8).wrapping_add(noise),
            ((y * 255 / height.max(1)) as u8).wrapping_add(noise),
            (((x + y) * 127 / (width + height).max(1)) as u8).wrapping_add(noise),
        ])
    })
}

pub fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let img = picture(width, height);
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, 90)
        .write_image(img.as_raw(), width, height, ExtendedColorType::Rgb8)
        .expect("encode test JPEG");
    out
}

pub fn png(width: u32, height: u32) -> Vec<u8> {
    let img = picture(width, height);
    let mut out = Vec::new();
    PngEncoder::new(&mut out)
        .write_image(img.as_raw(), width, height, ExtendedColorType::Rgb8)
        .expect("encode test PNG");
    out
}

pub fn png_rgba(img: &RgbaImage) -> Vec<u8> {
    let mut out = Vec::new();
    PngEncoder::new(&mut out)
        .write_image(
            img.as_raw(),
            img.width(),
            img.height(),
            ExtendedColorType::Rgba8,
        )
        .expect("encode test PNG");
    out
}

/// CRC-32 (ISO-HDLC, as in PNG chunks).
pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A valid 1×1 PNG whose IHDR then claims `width`×`height` (with a correct
/// CRC): a decompression bomb's header without its payload.
pub fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = png(1, 1);
    assert_eq!(&bytes[12..16], b"IHDR");
    bytes[16..20].copy_from_slice(&width.to_be_bytes());
    bytes[20..24].copy_from_slice(&height.to_be_bytes());
    let crc = crc32(&bytes[12..29]);
    bytes[29..33].copy_from_slice(&crc.to_be_bytes());
    bytes
}

/// A small JPEG whose SOF0 frame header then claims `width`×`height`.
pub fn jpeg_claiming(width: u16, height: u16) -> Vec<u8> {
    let mut bytes = jpeg(8, 8);
    let sof = bytes
        .windows(2)
        .position(|w| w == [0xFF, 0xC0])
        .expect("baseline SOF0");
    // FF C0, length (2), precision (1), height (2), width (2)
    bytes[sof + 5..sof + 7].copy_from_slice(&height.to_be_bytes());
    bytes[sof + 7..sof + 9].copy_from_slice(&width.to_be_bytes());
    bytes
}

/// The GPS position the EXIF test block carries: 21°01'42"N 105°51'14"E.
pub const GPS_LATITUDE: [(u32, u32); 3] = [(21, 1), (1, 1), (42, 1)];

/// A little-endian TIFF structure as carried by EXIF: IFD0 with an
/// Orientation tag and a pointer to a GPS IFD holding latitude and longitude.
pub fn exif_tiff(orientation: u16) -> Vec<u8> {
    fn entry(out: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: [u8; 4]) {
        out.extend_from_slice(&tag.to_le_bytes());
        out.extend_from_slice(&kind.to_le_bytes());
        out.extend_from_slice(&count.to_le_bytes());
        out.extend_from_slice(&value);
    }
    const SHORT: u16 = 3;
    const LONG: u16 = 4;
    const ASCII: u16 = 2;
    const RATIONAL: u16 = 5;

    // Layout: header (8), IFD0 at 8 with 2 entries (2 + 24 + 4 = 30) → GPS IFD
    // at 38 with 4 entries (2 + 48 + 4 = 54) → rationals at 92 and 116.
    let gps_ifd = 38u32;
    let lat_at = 92u32;
    let lon_at = 116u32;
    let mut t = Vec::new();
    t.extend_from_slice(b"II*\0");
    t.extend_from_slice(&8u32.to_le_bytes());
    t.extend_from_slice(&2u16.to_le_bytes());
    let o = orientation.to_le_bytes();
    entry(&mut t, 0x0112, SHORT, 1, [o[0], o[1], 0, 0]);
    entry(&mut t, 0x8825, LONG, 1, gps_ifd.to_le_bytes());
    t.extend_from_slice(&0u32.to_le_bytes());
    assert_eq!(t.len() as u32, gps_ifd);
    t.extend_from_slice(&4u16.to_le_bytes());
    entry(&mut t, 0x0001, ASCII, 2, *b"N\0\0\0");
    entry(&mut t, 0x0002, RATIONAL, 3, lat_at.to_le_bytes());
    entry(&mut t, 0x0003, ASCII, 2, *b"E\0\0\0");
    entry(&mut t, 0x0004, RATIONAL, 3, lon_at.to_le_bytes());
    t.extend_from_slice(&0u32.to_le_bytes());
    assert_eq!(t.len() as u32, lat_at);
    for (n, d) in GPS_LATITUDE.into_iter().chain([(105, 1), (51, 1), (14, 1)]) {
        t.extend_from_slice(&n.to_le_bytes());
        t.extend_from_slice(&d.to_le_bytes());
    }
    assert_eq!(t.len() as u32, lon_at + 24);
    t
}

/// `jpeg` with a segment (`marker`, payload) inserted right after SOI.
pub fn with_segment(jpeg: &[u8], marker: u8, payload: &[u8]) -> Vec<u8> {
    assert_eq!(&jpeg[..2], [0xFF, 0xD8]);
    let len = u16::try_from(payload.len() + 2).expect("segment fits");
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, marker]);
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(payload);
    out.extend_from_slice(&jpeg[2..]);
    out
}

/// `jpeg` with an APP1 EXIF segment (GPS included) right after SOI.
pub fn with_exif(jpeg: &[u8], orientation: u16) -> Vec<u8> {
    let mut payload = b"Exif\0\0".to_vec();
    payload.extend_from_slice(&exif_tiff(orientation));
    with_segment(jpeg, 0xE1, &payload)
}

/// The markers of the segments before the scan data (SOI excluded), e.g.
/// `[0xE0, 0xDB, 0xC0, 0xC4, 0xDA]`.
pub fn jpeg_markers(bytes: &[u8]) -> Vec<u8> {
    assert_eq!(&bytes[..2], [0xFF, 0xD8], "starts with SOI");
    let mut markers = Vec::new();
    let mut i = 2;
    while i + 4 <= bytes.len() {
        assert_eq!(bytes[i], 0xFF, "segment at {i}");
        let marker = bytes[i + 1];
        markers.push(marker);
        if marker == 0xDA {
            break;
        }
        let len = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
        i += 2 + len;
    }
    markers
}

/// The chunk names of a WebP file, e.g. `["VP8L"]` or `["VP8X", "ICCP", "VP8L"]`.
pub fn webp_chunks(bytes: &[u8]) -> Vec<String> {
    assert_eq!(&bytes[..4], b"RIFF");
    assert_eq!(&bytes[8..12], b"WEBP");
    let mut chunks = Vec::new();
    let mut i = 12;
    while i + 8 <= bytes.len() {
        chunks.push(String::from_utf8_lossy(&bytes[i..i + 4]).into_owned());
        let len =
            u32::from_le_bytes([bytes[i + 4], bytes[i + 5], bytes[i + 6], bytes[i + 7]]) as usize;
        i += 8 + len + (len & 1);
    }
    chunks
}

pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
