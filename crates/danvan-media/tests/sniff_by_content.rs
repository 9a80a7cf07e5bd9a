//! Kinds are told by magic bytes only.

mod common;

use danvan_media::{Limits, MediaKind, check, sniff};

#[test]
fn images_are_recognised() {
    assert_eq!(sniff(&common::jpeg(4, 4)), Some(MediaKind::Jpeg));
    assert_eq!(sniff(&common::png(4, 4)), Some(MediaKind::Png));
    assert_eq!(
        sniff(b"RIFF\x24\x00\x00\x00WEBPVP8L"),
        Some(MediaKind::Webp)
    );
    assert_eq!(sniff(b"\xFF\xD8\xFF"), Some(MediaKind::Jpeg));
}

#[test]
fn near_misses_are_not_images() {
    assert_eq!(sniff(b"\xFF\xD8"), None);
    assert_eq!(sniff(b"\x89PNG\r\n\x1a"), None);
    assert_eq!(sniff(b"RIFF\x24\x00\x00\x00AVI LIST"), None);
    assert_eq!(sniff(b"RIFF\x24\x00\x00\x00WAVEfmt "), None);
    assert_eq!(sniff(b"JFIF \xFF\xD8\xFF"), None);
    assert_eq!(sniff(b""), None);
}

#[test]
fn mp4_by_its_ftyp_box() {
    assert_eq!(
        sniff(b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2"),
        Some(MediaKind::Mp4)
    );
    assert_eq!(
        sniff(b"\x00\x00\x00\x20ftypmp42\x00\x00\x00\x00mp42mp41"),
        Some(MediaKind::Mp4)
    );
    // HEIC and AVIF photos share the box but are still images we do not take.
    assert_eq!(
        sniff(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"),
        None
    );
    assert_eq!(
        sniff(b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1"),
        None
    );
    assert_eq!(sniff(b"ftypisom\x00\x00\x00\x00"), None);
}

#[test]
fn webm_by_its_ebml_header() {
    let webm = b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\xf2\x81\x04\x42\xf3\x81\x08\x42\x82\x84webm\x42\x87\x81\x04\x42\x85\x81\x02";
    assert_eq!(sniff(webm), Some(MediaKind::Webm));
    let mkv = b"\x1a\x45\xdf\xa3\xa3\x42\x86\x81\x01\x42\xf7\x81\x01\x42\xf2\x81\x04\x42\xf3\x81\x08\x42\x82\x88matroska\x42\x87\x81\x04\x42\x85\x81\x02";
    assert_eq!(sniff(mkv), None);
    assert_eq!(
        check(mkv, &Limits::default()),
        Err(danvan_media::MediaError::Unsupported {
            detected: "video/x-matroska"
        })
    );
}

#[test]
fn videos_pass_check_on_magic_and_size() {
    let mp4 = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2";
    assert_eq!(check(mp4, &Limits::default()), Ok(MediaKind::Mp4));
}

#[test]
fn mime_and_extension() {
    let all = [
        (MediaKind::Jpeg, "image/jpeg", "jpg", true),
        (MediaKind::Png, "image/png", "png", true),
        (MediaKind::Webp, "image/webp", "webp", true),
        (MediaKind::Mp4, "video/mp4", "mp4", false),
        (MediaKind::Webm, "video/webm", "webm", false),
    ];
    for (kind, mime, ext, image) in all {
        assert_eq!(
            (kind.mime(), kind.extension(), kind.is_image()),
            (mime, ext, image)
        );
    }
}

#[test]
fn default_limits() {
    let l = Limits::default();
    assert_eq!(
        (
            l.max_image_bytes,
            l.max_video_bytes,
            l.max_pixels,
            l.max_side
        ),
        (20 << 20, 200 << 20, 40_000_000, 12_000)
    );
    assert_eq!(l.max_upload_bytes(), 200 << 20);
}
