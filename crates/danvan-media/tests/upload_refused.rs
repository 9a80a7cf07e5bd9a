//! Uploads the library must refuse, each with a clear message and a stable
//! code (acceptance: a PHP file renamed .jpg, a zero-byte file, a
//! 50-megapixel image bomb, a file over the size limit).

mod common;

use danvan_media::{Limits, MediaError, check, process_image};

const PHP: &[u8] = b"<?php system($_GET['c']); ?>";

#[test]
fn php_script_renamed_jpg_is_unsupported() {
    // The name ("shell.jpg") never reaches the crate: only the content counts.
    let err = check(PHP, &Limits::default()).unwrap_err();
    assert_eq!(
        err,
        MediaError::Unsupported {
            detected: "text/PHP"
        }
    );
    assert_eq!(err.code(), "media.unsupported");
    assert!(err.to_string().contains("text/PHP"), "{err}");
    assert_eq!(process_image(PHP, &Limits::default()).unwrap_err(), err);
}

#[test]
fn php_after_a_gif_header_is_still_refused() {
    // The classic polyglot: "GIF89a" then PHP. GIF is not accepted.
    let mut bytes = b"GIF89a".to_vec();
    bytes.extend_from_slice(PHP);
    let err = check(&bytes, &Limits::default()).unwrap_err();
    assert_eq!(
        err,
        MediaError::Unsupported {
            detected: "image/gif"
        }
    );
}

#[test]
fn other_refused_kinds_say_what_they_are() {
    let cases: &[(&[u8], &str)] = &[
        (b"<!DOCTYPE html><html><body>hi</body></html>", "text/HTML"),
        (
            b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>",
            "image/svg+xml",
        ),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "application/pdf"),
        (b"PK\x03\x04\x14\x00\x00\x00", "application/zip"),
        (b"\x7fELF\x02\x01\x01\x00", "application/x-executable"),
        (
            b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic",
            "image/heic",
        ),
        (
            b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1",
            "image/avif",
        ),
        (
            b"Xin ch\xc3\xa0o, \xc4\x91\xc3\xa2y l\xc3\xa0 v\xc4\x83n b\xe1\xba\xa3n.\n",
            "text/plain",
        ),
        (b"\x00\x01\x02\x03\xfe\xff\x10\x11", "unknown"),
    ];
    for &(bytes, detected) in cases {
        assert_eq!(
            check(bytes, &Limits::default()),
            Err(MediaError::Unsupported { detected }),
            "{detected}"
        );
    }
}

#[test]
fn zero_bytes_is_empty() {
    let err = check(&[], &Limits::default()).unwrap_err();
    assert_eq!(err, MediaError::Empty);
    assert_eq!(err.code(), "media.empty");
    assert_eq!(err.to_string(), "the file is empty (0 bytes)");
    assert_eq!(
        process_image(&[], &Limits::default()),
        Err(MediaError::Empty)
    );
}

#[test]
fn fifty_megapixel_png_bomb_is_refused_from_its_header() {
    let bomb = common::png_claiming(10_000, 5_000);
    assert!(bomb.len() < 100, "the bomb is {} bytes", bomb.len());
    let expected = MediaError::TooManyPixels {
        width: 10_000,
        height: 5_000,
        max_pixels: 40_000_000,
        max_side: 12_000,
    };
    let err = check(&bomb, &Limits::default()).unwrap_err();
    assert_eq!(err, expected);
    assert_eq!(err.code(), "media.too_many_pixels");
    assert_eq!(
        err.to_string(),
        "the image is too big: 10000×5000 pixels (50.0 megapixels); at most 40.0 megapixels and 12000 pixels per side are accepted"
    );
    // The file holds one pixel of data: had anything been decoded, the error
    // would have been `corrupt`, not `too_many_pixels`.
    assert_eq!(process_image(&bomb, &Limits::default()), Err(expected));
}

#[test]
fn the_bomb_header_alone_is_what_check_reads() {
    // With a higher pixel limit the same header passes `check` (nothing is
    // decoded there) and decoding then finds the data missing.
    let limits = Limits {
        max_pixels: 60_000_000,
        ..Limits::default()
    };
    let bomb = common::png_claiming(10_000, 5_000);
    assert_eq!(check(&bomb, &limits), Ok(danvan_media::MediaKind::Png));
    let err = process_image(&bomb, &limits).unwrap_err();
    assert_eq!(err.code(), "media.corrupt", "{err}");
}

#[test]
fn jpeg_bomb_is_refused_from_its_frame_header() {
    let bomb = common::jpeg_claiming(65_000, 65_000);
    assert_eq!(
        check(&bomb, &Limits::default()),
        Err(MediaError::TooManyPixels {
            width: 65_000,
            height: 65_000,
            max_pixels: 40_000_000,
            max_side: 12_000
        })
    );
}

#[test]
fn one_side_too_long_is_refused_even_with_few_pixels() {
    let strip = common::png_claiming(12_001, 10);
    assert_eq!(
        check(&strip, &Limits::default()).map_err(|e| e.code()),
        Err("media.too_many_pixels")
    );
    assert!(check(&common::png_claiming(12_000, 10), &Limits::default()).is_ok());
}

#[test]
fn image_over_the_size_limit_is_too_large() {
    let jpeg = common::jpeg(64, 64);
    let size = jpeg.len() as u64;
    let limits = Limits {
        max_image_bytes: size - 1,
        ..Limits::default()
    };
    let err = check(&jpeg, &limits).unwrap_err();
    assert_eq!(
        err,
        MediaError::TooLarge {
            size,
            limit: size - 1
        }
    );
    assert_eq!(err.code(), "media.too_large");
    assert_eq!(process_image(&jpeg, &limits), Err(err));
    // Exactly at the limit is accepted.
    let limits = Limits {
        max_image_bytes: size,
        ..Limits::default()
    };
    assert!(check(&jpeg, &limits).is_ok());
}

#[test]
fn default_image_limit_is_twenty_mebibytes() {
    let mut big = common::jpeg(8, 8);
    big.resize(20 * 1024 * 1024 + 1, 0);
    let err = check(&big, &Limits::default()).unwrap_err();
    assert_eq!(
        err,
        MediaError::TooLarge {
            size: 20 * 1024 * 1024 + 1,
            limit: 20 * 1024 * 1024
        }
    );
    assert_eq!(
        err.to_string(),
        "the file is too large: 20.0 MiB (the limit is 20.0 MiB)"
    );
}

#[test]
fn unknown_content_over_the_image_limit_is_too_large_first() {
    let limits = Limits {
        max_image_bytes: 10,
        ..Limits::default()
    };
    assert_eq!(
        check(b"<?php echo 'a long script'; ?>", &limits),
        Err(MediaError::TooLarge {
            size: 30,
            limit: 10
        })
    );
}

#[test]
fn video_over_the_video_limit_is_too_large() {
    let mut mp4 = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2".to_vec();
    mp4.resize(5_000, 0);
    let limits = Limits {
        max_video_bytes: 4_999,
        max_image_bytes: 1_000_000,
        ..Limits::default()
    };
    assert_eq!(
        check(&mp4, &limits),
        Err(MediaError::TooLarge {
            size: 5_000,
            limit: 4_999
        })
    );
    // Videos get their own, larger limit: over the image limit is fine.
    let limits = Limits {
        max_video_bytes: 5_000,
        max_image_bytes: 1_000,
        ..Limits::default()
    };
    assert_eq!(check(&mp4, &limits), Ok(danvan_media::MediaKind::Mp4));
}

#[test]
fn truncated_image_is_corrupt() {
    let png = common::png(32, 32);
    let err = check(&png[..12], &Limits::default()).unwrap_err();
    assert_eq!(err.code(), "media.corrupt", "{err}");
    let jpeg = common::jpeg(320, 240);
    let scan = jpeg
        .windows(2)
        .position(|w| w == [0xFF, 0xDA])
        .expect("a scan");
    let cut = &jpeg[..scan + 200];
    // The header is whole, so `check` passes; decoding may fill in the rest
    // (JPEG decoders are lenient) but must not panic.
    assert!(check(cut, &Limits::default()).is_ok());
    if let Err(err) = process_image(cut, &Limits::default()) {
        assert_eq!(err.code(), "media.corrupt", "{err}");
    }
}

#[test]
fn a_video_is_not_processed_as_an_image() {
    let mp4 = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2".to_vec();
    assert_eq!(
        process_image(&mp4, &Limits::default()),
        Err(MediaError::Unsupported {
            detected: "video/mp4"
        })
    );
}

#[test]
fn a_truncated_jpeg_is_damaged_not_a_grey_photo() {
    let whole = common::with_exif(&common::jpeg(800, 600), 1);
    let limits = Limits::default();
    assert!(process_image(&whole, &limits).is_ok(), "the whole photo, with its EXIF, is fine");
    // a phone's motion photo: a video appended after the image's end
    let mut trailer = whole.clone();
    trailer.extend_from_slice(b"\0\0\0\x18ftypmp42 appended video bytes");
    assert!(process_image(&trailer, &limits).is_ok(), "bytes after the end-of-image marker do not matter");
    for cut in [whole.len() / 3, whole.len() / 2, whole.len() - 2] {
        let err = process_image(&whole[..cut], &limits).unwrap_err();
        assert_eq!(err.code(), "media.corrupt", "cut at {cut} of {}", whole.len());
        assert!(err.to_string().contains("truncated"), "{err}");
    }
}
