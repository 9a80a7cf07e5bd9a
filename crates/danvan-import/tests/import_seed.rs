//! The seed article (`shared/seeds/000_717bb114bfc50511.txt`) read exactly as
//! the issue asks: title, nine paragraphs in order, two captions as figures,
//! the byline, and none of the page chrome.

use danvan_import::{Block, ImportError, SourceFormat, parse};
use unicode_normalization::UnicodeNormalization;

const SEED: &str = "../../../shared/seeds/000_717bb114bfc50511.txt";

fn seed_bytes() -> Vec<u8> {
    std::fs::read(SEED).expect("the seed is at ../shared/seeds")
}

const PARAGRAPH_STARTS: [&str; 9] = [
    "Hưởng ứng phong trào thi đua “Dân vận khéo” do cấp trên phát động",
    "Kết quả triển khai thực hiện Phong trào thi đua “Dân vận khéo”",
    "Các mô hình “Dân vận khéo” tiếp tục được lan toả",
    "Phong trào thi đua “Dân vận khéo” đã thu hút nhiều tập thể",
    "Phát huy những kết quả đã đạt được, thời gian tới",
    "Tổ chức quán triệt Kế hoạch số136-KH/HU, ngày 25/7/2023",
    "Tăng cường đổi mới công tác dân vận của hệ thống chính trị",
    "Tiếp tục thực hiện tốt công tác dân vận của các cấp chính quyền",
    "Đổi mới nội dung, phương thức hoạt động của MTTQ Việt Nam",
];

#[test]
fn seed_title_paragraphs_captions_byline() {
    let a = parse(&seed_bytes()).unwrap();
    assert_eq!(a.format, SourceFormat::PortalText);
    assert_eq!(a.title, "Phát huy hiệu quả từ phong trào thi đua Dân vận khéo trên địa bàn huyện Kon Rẫy");
    let paragraphs: Vec<&str> = a.paragraphs().collect();
    assert_eq!(paragraphs.len(), 9, "{paragraphs:#?}");
    for (p, start) in paragraphs.iter().zip(PARAGRAPH_STARTS) {
        assert!(p.starts_with(start), "{p:?} should start with {start:?}");
    }
    assert!(paragraphs[8].ends_with("trong những năm tiếp theo./."));
    let captions: Vec<&str> = a.captions().collect();
    assert_eq!(
        captions,
        [
            "Đ/c Đinh Thị Anh-UVBTV, Trưởng ban DV, Chủ tịch UBMTTQVN huyện tuyên truyền về CVĐ làm thay đổi nếp nghĩ cách làm của đồng bào DTTS, làm cho đồng bào DTTS vươn lên thoát nghèo bền vững tại xã Đăk Pne",
            "c Đinh Thị Mỹ Hảo – PBT Thường trực Huyện ủy làm việc với Đảng ủy xã Đăk Pne",
        ]
    );
    // figures stand where the captions stood: after paragraph 1 and at the end
    assert!(matches!(a.blocks[1], Block::Figure { .. }));
    assert!(matches!(a.blocks[10], Block::Figure { .. }));
    assert_eq!(a.blocks.len(), 11);
    for b in &a.blocks {
        if let Block::Figure { image_source, alt, caption } = b {
            assert!(image_source.is_none());
            assert_eq!(alt, caption, "alt text defaults to the caption");
        }
    }
    assert_eq!(a.byline.as_deref(), Some("Bài, ảnh: Nguyễn Thị Qúy"));
    assert_eq!(a.lead, None);
}

#[test]
fn seed_has_no_page_chrome() {
    let a = parse(&seed_bytes()).unwrap();
    let mut all = vec![a.title.clone()];
    for b in &a.blocks {
        match b {
            Block::Paragraph(p) | Block::Heading(p) => all.push(p.clone()),
            Block::Figure { caption, .. } => all.push(caption.clone()),
        }
    }
    for text in &all {
        for chrome in ["• :", "A- A A+", "Tổng số điểm", "Click để đánh giá bài viết", "Bài viết liên quan", "Video Clip"] {
            assert!(!text.contains(chrome), "{chrome:?} leaked into {text:?}");
        }
        assert!(!text.contains('\u{00A0}'), "no-break space kept in {text:?}");
        assert_eq!(text.nfc().collect::<String>(), *text, "not NFC: {text:?}");
    }
}

#[test]
fn author_spelling_is_kept() {
    let a = parse(&seed_bytes()).unwrap();
    assert!(a.byline.as_deref().unwrap().ends_with("Qúy"), "not corrected to Quý");
    assert!(a.paragraphs().any(|p| p.contains("lan toả")), "old-style tone placement kept");
    assert!(a.paragraphs().any(|p| p.contains("Kế hoạch số136-KH/HU")), "missing space kept");
}

#[test]
fn same_article_in_nfd_or_crlf_has_the_same_hash() {
    let text = String::from_utf8(seed_bytes()).unwrap();
    let a = parse(text.as_bytes()).unwrap();
    let nfd: String = text.nfd().collect();
    let crlf = text.replace('\n', "\r\n");
    let with_bom = format!("\u{FEFF}{text}");
    for variant in [nfd, crlf, with_bom] {
        let b = parse(variant.as_bytes()).unwrap();
        assert_eq!(b, a);
        assert_eq!(b.content_hash(), a.content_hash());
    }
    let changed = parse(text.replace("Kon Rẫy\n", "Kon Rẫy (sửa)\n").as_bytes()).unwrap();
    assert_ne!(changed.content_hash(), a.content_hash());
}

#[test]
fn bad_input_says_what_is_wrong() {
    assert_eq!(parse(b""), Err(ImportError::Empty));
    assert_eq!(parse(" \u{a0}\n".as_bytes()), Err(ImportError::Empty));
    assert!(matches!(parse(&[0x89, b'P', b'N', b'G', 0, 0, 1]), Err(ImportError::Binary { .. })));
    // Latin-1 "Tiêu đề" is not UTF-8: byte 0xEA at line 2, column 3
    assert_eq!(parse(b"\nTi\xeau \xf0\xe8\n"), Err(ImportError::NotUtf8 { line: 2, column: 3 }));
    // only chrome: no title
    assert_eq!(parse("• :\nA- A A+ | Tăng tương phản Giảm tương phản\n\nTổng số điểm của bài viết là: 0 trong 0 đánh giá\n".as_bytes()), Err(ImportError::NoTitle));
    // a title and nothing else
    assert_eq!(parse("Chỉ có tiêu đề\n".as_bytes()), Err(ImportError::NoBody));
    // a "title" far too long to be one
    let long = "chữ ".repeat(200);
    assert_eq!(parse(format!("{long}\n\nĐoạn văn.\n").as_bytes()), Err(ImportError::NoTitle));
    assert_eq!(ImportError::NotUtf8 { line: 1, column: 1 }.code(), "import.not_utf8");
}

#[test]
fn legacy_encodings_are_converted() {
    use danvan_import::LegacyEncoding;
    use danvan_text::legacy::encode_legacy;
    let original = "Phát huy hiệu quả từ phong trào thi đua Dân vận khéo\n\nĐồng bào dân tộc thiểu số vươn lên thoát nghèo bền vững, tạo sự đồng thuận trong Nhân dân.\n";
    // TCVN3 (ABC) file: one byte per character
    let tcvn3 = encode_legacy(original, LegacyEncoding::Tcvn3).unwrap();
    let bytes: Vec<u8> = tcvn3.chars().map(|c| u8::try_from(c as u32).unwrap()).collect();
    assert!(std::str::from_utf8(&bytes).is_err(), "a TCVN3 file is not UTF-8");
    let a = parse(&bytes).unwrap();
    assert_eq!(a.converted_from, Some(LegacyEncoding::Tcvn3));
    assert_eq!(a.title, "Phát huy hiệu quả từ phong trào thi đua Dân vận khéo");
    assert_eq!(a.paragraphs().next().unwrap(), "Đồng bào dân tộc thiểu số vươn lên thoát nghèo bền vững, tạo sự đồng thuận trong Nhân dân.");
    // VNI and VIQR text saved as UTF-8
    for enc in [LegacyEncoding::Vni, LegacyEncoding::Viqr] {
        let text = encode_legacy(original, enc).unwrap();
        let a = parse(text.as_bytes()).unwrap();
        assert_eq!(a.converted_from, Some(enc), "{enc}");
        assert_eq!(a.title, "Phát huy hiệu quả từ phong trào thi đua Dân vận khéo", "{enc}");
    }
    // the seed itself is plain Unicode
    assert_eq!(parse(&seed_bytes()).unwrap().converted_from, None);
}
