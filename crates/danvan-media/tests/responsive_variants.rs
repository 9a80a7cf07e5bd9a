//! Re-encoded widths for `srcset`, as JPEG and WebP.

mod common;

use std::io::Cursor;

use danvan_media::{Limits, MediaKind, WIDTHS, process_image};
use image::{DynamicImage, ImageReader, Rgba, RgbaImage};

fn decode(bytes: &[u8]) -> DynamicImage {
    ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .expect("in-memory read")
        .decode()
        .expect("decodes")
}

fn sizes(bytes: &[u8]) -> Vec<(u32, u32, MediaKind)> {
    let processed = process_image(bytes, &Limits::default()).expect("processed");
    processed
        .variants
        .iter()
        .map(|v| {
            let img = decode(&v.bytes);
            assert_eq!(
                (img.width(), img.height()),
                (v.width, v.height),
                "declared = real size"
            );
            assert_eq!(
                danvan_media::sniff(&v.bytes),
                Some(v.kind),
                "bytes match the kind"
            );
            (v.width, v.height, v.kind)
        })
        .collect()
}

#[test]
fn wide_photo_gets_all_four_widths_in_both_formats() {
    let got = sizes(&common::jpeg(2000, 1000));
    let want: Vec<_> = [(480, 240), (800, 400), (1200, 600), (1600, 800)]
        .into_iter()
        .flat_map(|(w, h)| [(w, h, MediaKind::Jpeg), (w, h, MediaKind::Webp)])
        .collect();
    assert_eq!(got, want);
    assert_eq!(WIDTHS, [480, 800, 1200, 1600]);
}

#[test]
fn narrow_image_keeps_its_own_width() {
    assert_eq!(
        sizes(&common::png(300, 200)),
        [(300, 200, MediaKind::Jpeg), (300, 200, MediaKind::Webp)]
    );
}

#[test]
fn widths_above_the_original_are_left_out() {
    let processed = process_image(&common::png(1000, 750), &Limits::default()).expect("processed");
    assert_eq!(
        (processed.original_width, processed.original_height),
        (1000, 750)
    );
    let widths: Vec<_> = processed
        .variants
        .iter()
        .map(|v| (v.width, v.height))
        .collect();
    assert_eq!(widths, [(480, 360), (480, 360), (800, 600), (800, 600)]);
}

#[test]
fn webp_upload_is_processed() {
    let mut webp = Vec::new();
    let img = common::picture(900, 600);
    image::codecs::webp::WebPEncoder::new_lossless(&mut webp)
        .encode(img.as_raw(), 900, 600, image::ExtendedColorType::Rgb8)
        .expect("encode test WebP");
    let widths: Vec<_> = sizes(&webp).into_iter().map(|(w, h, _)| (w, h)).collect();
    assert_eq!(widths, [(480, 320), (480, 320), (800, 533), (800, 533)]);
}

#[test]
fn resized_pixels_resemble_the_original() {
    // Left half red, right half blue: after downscaling, the colours stay put.
    let img = RgbaImage::from_fn(1000, 500, |x, _| {
        if x < 500 {
            Rgba([200, 20, 20, 255])
        } else {
            Rgba([20, 20, 200, 255])
        }
    });
    let processed = process_image(&common::png_rgba(&img), &Limits::default()).expect("processed");
    for v in &processed.variants {
        let out = decode(&v.bytes).into_rgb8();
        let left = out.get_pixel(v.width / 4, v.height / 2).0;
        let right = out.get_pixel(v.width * 3 / 4, v.height / 2).0;
        assert!(left[0] > 180 && left[2] < 40, "{:?} {left:?}", v.kind);
        assert!(right[2] > 180 && right[0] < 40, "{:?} {right:?}", v.kind);
    }
}

#[test]
fn transparency_is_white_in_jpeg_and_kept_in_webp() {
    // A green square in the middle of a transparent field whose hidden colour
    // is black (what many editors store under alpha 0).
    // The square's left edge falls inside an output pixel (401 × 0.4 = 160.4).
    let img = RgbaImage::from_fn(1200, 800, |x, y| {
        if (401..801).contains(&x) && (201..601).contains(&y) {
            Rgba([0, 160, 0, 255])
        } else {
            Rgba([0, 0, 0, 0])
        }
    });
    let processed = process_image(&common::png_rgba(&img), &Limits::default()).expect("processed");
    let jpeg = processed
        .variants
        .iter()
        .find(|v| v.kind == MediaKind::Jpeg)
        .expect("a JPEG");
    let webp = processed
        .variants
        .iter()
        .find(|v| v.kind == MediaKind::Webp)
        .expect("a WebP");
    assert_eq!((jpeg.width, jpeg.height), (480, 320));

    let flat = decode(&jpeg.bytes).into_rgb8();
    let corner = flat.get_pixel(5, 5).0;
    assert!(corner.iter().all(|&c| c > 245), "corner {corner:?}");
    let centre = flat.get_pixel(240, 160).0;
    assert!(centre[1] > 140 && centre[0] < 30, "centre {centre:?}");
    // No dark halo across the square's edge (it would come from the hidden
    // black): on white, each pixel lies between white and the green.
    for x in 150..170 {
        let [r, g, b] = flat.get_pixel(x, 160).0;
        assert!(g >= 140 && r.abs_diff(b) < 12, "x={x} {:?}", [r, g, b]);
    }

    let alpha = decode(&webp.bytes).into_rgba8();
    assert_eq!(alpha.get_pixel(5, 5).0[3], 0);
    assert_eq!(alpha.get_pixel(240, 160).0, [0, 160, 0, 255]);
    // Semi-transparent edge pixels keep the square's colour, not a darker one.
    let mut partial = 0;
    for x in 150..170 {
        let [r, g, b, a] = alpha.get_pixel(x, 160).0;
        if (16..240).contains(&a) {
            partial += 1;
            assert!(
                (140..=185).contains(&g) && r < 20 && b < 20,
                "x={x} {:?}",
                [r, g, b, a]
            );
        }
    }
    assert!(
        partial > 0,
        "the edge is antialiased: {:?}",
        (150..170)
            .map(|x| alpha.get_pixel(x, 160).0)
            .collect::<Vec<_>>()
    );
}
