//! Acceptance: "a JPEG with GPS EXIF is stored without it (tested by reading
//! the stored bytes)". The stored bytes are the variants of `process_image`.

mod common;

use std::io::Cursor;

use danvan_media::{Limits, MediaKind, Processed, process_image};
use image::{ImageDecoder, ImageReader};

fn decoder_of(bytes: &[u8]) -> impl ImageDecoder + '_ {
    ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .expect("in-memory read")
        .into_decoder()
        .expect("a decodable image")
}

fn gps_photo(orientation: u16) -> Vec<u8> {
    common::with_exif(&common::jpeg(640, 480), orientation)
}

#[test]
fn the_test_photo_really_carries_gps() {
    let photo = gps_photo(1);
    assert_eq!(
        common::jpeg_markers(&photo)[0],
        0xE1,
        "APP1 right after SOI"
    );
    let exif = decoder_of(&photo)
        .exif_metadata()
        .expect("readable")
        .expect("EXIF present");
    // The GPS IFD pointer tag (0x8825, little-endian) and the latitude 21/1.
    assert!(common::contains(&exif, &[0x25, 0x88, 0x04, 0x00]));
    assert!(common::contains(&exif, &[21, 0, 0, 0, 1, 0, 0, 0]));
}

#[test]
fn no_variant_keeps_exif_or_gps() {
    let photo = gps_photo(1);
    let Processed {
        original_width,
        original_height,
        variants,
    } = process_image(&photo, &Limits::default()).expect("processed");
    assert_eq!((original_width, original_height), (640, 480));
    assert_eq!(variants.len(), 2, "480 wide, as JPEG and WebP");
    for v in &variants {
        assert!(
            !common::contains(&v.bytes, b"Exif"),
            "{:?} {}",
            v.kind,
            v.width
        );
        assert!(
            !common::contains(&v.bytes, b"EXIF"),
            "{:?} {}",
            v.kind,
            v.width
        );
        // The GPS IFD entry (tag 0x8825, LONG, count 1) as it was in the upload.
        assert!(!common::contains(
            &v.bytes,
            &[0x25, 0x88, 0x04, 0x00, 0x01, 0, 0, 0]
        ));
        match v.kind {
            MediaKind::Jpeg => {
                let markers = common::jpeg_markers(&v.bytes);
                assert!(!markers.contains(&0xE1), "no APP1 in {markers:02X?}");
            }
            MediaKind::Webp => {
                let chunks = common::webp_chunks(&v.bytes);
                assert!(
                    !chunks.iter().any(|c| c == "EXIF" || c == "XMP "),
                    "{chunks:?}"
                );
            }
            other => panic!("unexpected variant kind {other:?}"),
        }
        let mut decoder = decoder_of(&v.bytes);
        assert_eq!(decoder.exif_metadata().expect("readable"), None);
        assert_eq!(decoder.dimensions(), (480, 360));
        let pixels = image::DynamicImage::from_decoder(decoder).expect("decodes");
        assert_eq!((pixels.width(), pixels.height()), (480, 360));
    }
}

#[test]
fn sideways_photo_is_turned_upright() {
    // Orientation 6: stored landscape, shown rotated 90° clockwise.
    let photo = gps_photo(6);
    let processed = process_image(&photo, &Limits::default()).expect("processed");
    assert_eq!(
        (processed.original_width, processed.original_height),
        (480, 640)
    );
    let widths: Vec<_> = processed
        .variants
        .iter()
        .map(|v| (v.width, v.height))
        .collect();
    assert_eq!(widths, [(480, 640), (480, 640)]);
    for v in &processed.variants {
        assert_eq!(decoder_of(&v.bytes).dimensions(), (480, 640));
    }
}

#[test]
fn script_hidden_in_a_jpeg_comment_is_dropped() {
    let polyglot = common::with_segment(
        &common::jpeg(500, 300),
        0xFE,
        b"<?php system($_GET['c']); ?>",
    );
    assert_eq!(danvan_media::sniff(&polyglot), Some(MediaKind::Jpeg));
    let processed = process_image(&polyglot, &Limits::default()).expect("a valid JPEG");
    for v in &processed.variants {
        assert!(!common::contains(&v.bytes, b"<?php"));
    }
}

#[test]
fn colour_profile_is_kept() {
    // An ICC profile travels in APP2 "ICC_PROFILE\0", chunk 1 of 1.
    let profile: Vec<u8> = (0..600u32).map(|i| (i * 7 % 251) as u8).collect();
    let mut payload = b"ICC_PROFILE\0\x01\x01".to_vec();
    payload.extend_from_slice(&profile);
    let photo = common::with_segment(&common::jpeg(500, 300), 0xE2, &payload);
    assert_eq!(
        decoder_of(&photo).icc_profile().expect("readable"),
        Some(profile.clone())
    );
    let processed = process_image(&photo, &Limits::default()).expect("processed");
    for v in &processed.variants {
        assert_eq!(
            decoder_of(&v.bytes)
                .icc_profile()
                .expect("readable")
                .as_ref(),
            Some(&profile),
            "{:?}",
            v.kind
        );
    }
}
