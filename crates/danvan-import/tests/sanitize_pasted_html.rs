//! An editor pastes (or types) an article body; the server keeps only the
//! allowlisted HTML and tells what it dropped.

use danvan_import::sanitize::{Sanitized, removed, sanitize_article_html, sanitize_with_report};
use proptest::prelude::*;
use scraper::{Html, Node};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Sanitizes and checks that the result is stable.
fn clean(input: &str) -> Sanitized {
    let out = sanitize_with_report(input);
    assert_eq!(sanitize_article_html(&out.html), out.html, "sanitizing the output again changed it");
    out
}

#[test]
fn acceptance_paste_keeps_text_and_drops_script() {
    let out = clean(
        r#"<p>Xin chào <b>bà con</b></p><script>alert(1)</script><img src=x onerror=alert(1)><p style="color:red" onclick="x()">Đoạn <a href="javascript:alert(1)">liên kết</a></p><iframe src="https://evil.example"></iframe>"#,
    );
    assert_eq!(out.html, "<p>Xin chào <strong>bà con</strong></p>\n<p>Đoạn liên kết</p>");
    for gone in ["script", "alert", "onerror", "style", "onclick", "javascript", "iframe", "evil", "<img", "<b>"] {
        assert!(!out.html.contains(gone), "{gone} survived: {}", out.html);
    }
    assert_eq!(
        out.removed,
        [
            removed::SCRIPT,
            removed::EVENT_ATTRIBUTE,
            removed::IMAGE,
            removed::STYLE,
            removed::JAVASCRIPT_LINK,
            removed::IFRAME
        ]
    );
}

#[test]
fn word_paste_becomes_clean_paragraphs_list_and_table() {
    let out = clean(&fixture("word_paste.html"));
    assert_eq!(
        out.html,
        "<h2>Kết quả phong trào thi đua “Dân vận khéo” năm 2023</h2>\n\
         <p>Năm 2023, Ban Thường vụ Huyện ủy Kon Rẫy đã chỉ đạo triển khai <strong>125 mô hình</strong> \
         “Dân vận khéo” trên các lĩnh vực, trong đó có <em>nhiều mô hình hay, cách làm sáng tạo</em>.</p>\n\
         <p>Các lĩnh vực nổi bật:</p>\n\
         <ul>\n\
         <li>Phát triển kinh tế: 48 mô hình;</li>\n\
         <li>Văn hóa – xã hội: 42 mô hình;</li>\n\
         <li>Quốc phòng – an ninh: 35 mô hình.</li>\n\
         </ul>\n\
         <table>\n<tbody>\n\
         <tr><td><strong>Lĩnh vực</strong></td><td><strong>Số mô hình</strong></td></tr>\n\
         <tr><td>Kinh tế</td><td>48</td></tr>\n\
         </tbody>\n</table>\n\
         <p><strong>Bài, ảnh: Nguyễn Thị Qúy</strong></p>"
    );
    // the conditional comments, the styles and the picture saved on the
    // author's disk (file:///C:/…) are reported; Word's lang=EN-US is not kept
    assert_eq!(out.removed, [removed::COMMENT, removed::STYLE, removed::IMAGE]);
    assert!(!out.html.contains("lang="));
}

#[test]
fn word_list_with_numbers_becomes_an_ordered_list() {
    let out = clean(
        "<p class=MsoListParagraphCxSpFirst style='margin-left:36.0pt;mso-add-space:auto;text-indent:-18.0pt;mso-list:l1 level1 lfo2'>\
         <![if !supportLists]><span style='mso-list:Ignore'>1.<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp;&nbsp;</span></span><![endif]>Tuyên truyền</p>\
         <p class=MsoListParagraphCxSpLast style='mso-list:l1 level1 lfo2'>\
         <![if !supportLists]><span style='mso-list:Ignore'>2.<span>&nbsp;</span></span><![endif]>Vận động</p>\
         <p class=MsoListParagraph style='margin-left:36.0pt'>Đoạn thụt lề, không phải danh sách</p>",
    );
    assert_eq!(
        out.html,
        "<ol>\n<li>Tuyên truyền</li>\n<li>Vận động</li>\n</ol>\n<p>Đoạn thụt lề, không phải danh sách</p>"
    );
}

#[test]
fn libreoffice_paste() {
    let out = clean(&fixture("libreoffice_paste.html"));
    assert_eq!(
        out.html,
        "<h2>Kết quả thực hiện</h2>\n\
         <p>Năm 2023, toàn huyện có <strong>125</strong> mô hình “Dân vận khéo”, được <em>nhân dân đồng tình</em>.</p>\n\
         <ul>\n<li>Lĩnh vực kinh tế: 48 mô hình;</li>\n<li>Lĩnh vực văn hóa: 42 mô hình.</li>\n</ul>\n\
         <p><em>Nguồn: </em><a href=\"https://danvan.kontum.gov.vn/tin-tuc\" rel=\"noopener noreferrer\"><em>Ban Dân vận Tỉnh ủy</em></a></p>"
    );
    assert_eq!(out.removed, [removed::STYLE]);
}

#[test]
fn web_page_paste() {
    let out = clean(&fixture("web_paste.html"));
    assert_eq!(
        out.html,
        "<h2>Huyện Kon Rẫy tổng kết phong trào “Dân vận khéo”</h2>\n\
         <p><strong>KON RẪY – Sáng 25/7, Ban Thường vụ Huyện ủy tổ chức hội nghị.</strong></p>\n\
         <figure><img src=\"https://cdn.baokontum.example/2023/07/hoi-nghi.jpg\" alt=\"Quang cảnh hội nghị\" width=\"640\" height=\"427\">\
         <figcaption><em>Quang cảnh hội nghị. Ảnh: Q.N</em></figcaption></figure>\n\
         <p>Theo <a href=\"https://dangcongsan.vn/dan-van\" rel=\"noopener noreferrer\">Ban Dân vận Trung ương</a>, \
         xem thêm <a href=\"/van-ban/136-kh-hu\">Kế hoạch số 136-KH/HU</a> và <a href=\"#ket-luan\">phần kết luận</a>.</p>\n\
         <p><strong>Liên hệ:</strong> <a href=\"mailto:bdv@konray.gov.vn\">bdv@konray.gov.vn</a></p>"
    );
    // onload on the photo, the data: URI pixel
    assert_eq!(out.removed, [removed::STYLE, removed::EVENT_ATTRIBUTE, removed::IMAGE]);
}

#[test]
fn google_docs_wrapper_does_not_make_everything_bold() {
    let out = clean(&fixture("google_docs_paste.html"));
    assert_eq!(
        out.html,
        "<h2>Mô hình tiêu biểu</h2>\n\
         <p>Mô hình <strong>“Đồng hành cùng phụ nữ”</strong><em> của xã Đăk Ruồng</em> đã giúp 30 hộ thoát nghèo.</p>\n\
         <ul>\n<li>Hỗ trợ vốn vay</li>\n<li>Tập huấn kỹ thuật</li>\n</ul>"
    );
}

#[test]
fn links_get_rel_only_when_absolute() {
    let out = clean(
        "<p><a href='https://baochinhphu.vn/a' target=_blank title=x>một</a> <a href='http://x.example'>hai</a> \
         <a href='//cdn.example/x'>ba</a> <a href='/bai-viet/b'>bốn</a> <a href='#c'>năm</a> \
         <a href='tel:02603862'>sáu</a> <a href=' JaVa&#x09;ScRiPt:alert(1)'>bảy</a> <a href='file:///C:/a.doc'>tám</a> \
         <a name='_Toc1'>chín</a></p>",
    );
    assert_eq!(
        out.html,
        "<p><a href=\"https://baochinhphu.vn/a\" rel=\"noopener noreferrer\">một</a> \
         <a href=\"http://x.example\" rel=\"noopener noreferrer\">hai</a> \
         <a href=\"//cdn.example/x\" rel=\"noopener noreferrer\">ba</a> <a href=\"/bai-viet/b\">bốn</a> \
         <a href=\"#c\">năm</a> <a href=\"tel:02603862\">sáu</a> bảy tám chín</p>"
    );
    assert_eq!(out.removed, [removed::JAVASCRIPT_LINK, removed::UNSUPPORTED_LINK]);
}

#[test]
fn images_only_from_the_media_library_or_https() {
    let out = clean(
        "<p><img src='data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==' alt='dán'></p>\
         <p><img src='/media/2023/07/hoi-nghi.jpg' alt='Hội nghị' width='640px' height='427' class=x style='float:left'></p>\
         <p><img src='http://insecure.example/a.jpg' alt='a'><img src='/media/../quan-tri/x.png'></p>",
    );
    assert_eq!(out.html, "<p><img src=\"/media/2023/07/hoi-nghi.jpg\" alt=\"Hội nghị\" height=\"427\"></p>");
    assert_eq!(out.removed, [removed::IMAGE, removed::STYLE]);
}

#[test]
fn tags_are_mapped_to_the_allowlist() {
    let out = clean(
        "<h1>Tựa</h1><h5>Nhỏ</h5><p><i>nghiêng</i> <u>gạch</u> <strike>xóa</strike> <del>bỏ</del> H<sub>2</sub>O m<sup>2</sup> \
         <font color=red face=Arial>chữ</font> <span class=x>thường</span></p><blockquote><p>Trích</p></blockquote><hr>",
    );
    assert_eq!(
        out.html,
        "<h2>Tựa</h2>\n<h4>Nhỏ</h4>\n<p><em>nghiêng</em> <u>gạch</u> <s>xóa bỏ</s> H<sub>2</sub>O m<sup>2</sup> chữ thường</p>\n\
         <blockquote>\n<p>Trích</p>\n</blockquote>\n<hr>"
    );
}

#[test]
fn dangerous_elements_are_dropped_with_their_content() {
    let out = clean(
        "<p>A</p><object data=x>đối tượng</object><embed src=x><noscript>không script</noscript><template>mẫu</template>\
         <svg><text>vẽ</text></svg><math><mi>x</mi></math><form><input value=v><button>Gửi</button><select><option>chọn</select>\
         <textarea>ô chữ</textarea></form><style>p{color:red}</style><p>B</p>",
    );
    assert_eq!(out.html, "<p>A</p>\n<p>B</p>");
    assert_eq!(out.removed, [removed::EMBEDDED_OBJECT, removed::SCRIPT, removed::FORM, removed::STYLE]);
}

#[test]
fn attributes_other_than_the_allowed_ones_go() {
    let out = clean(
        "<p lang=en class=lead id=p1 style='color:red' data-x=1 title=t dir=ltr>Dân vận</p>\
         <table border=1 class=t style='width:100%'><caption>Bảng 1</caption><tr><th scope=COL colspan=2 width=50>Cột</th>\
         <th scope=evil>Hàng</th></tr><tr><td rowspan=2 align=center>1</td><td colspan=0>2</td><td>3</td></tr></table>",
    );
    assert_eq!(
        out.html,
        "<p lang=\"en\">Dân vận</p>\n<table>\n<caption>Bảng 1</caption>\n<tbody>\n\
         <tr><th scope=\"col\" colspan=\"2\">Cột</th><th>Hàng</th></tr>\n\
         <tr><td rowspan=\"2\">1</td><td>2</td><td>3</td></tr>\n</tbody>\n</table>"
    );
}

#[test]
fn empty_paragraphs_and_divs() {
    assert_eq!(clean("<p>&nbsp;</p><p></p><p> <br> </p><p><o:p>&nbsp;</o:p></p><div><br></div>").html, "");
    assert_eq!(
        clean("<div>Một</div><div>Hai<br></div>Ba<div><p>Bốn</p></div>").html,
        "<p>Một</p>\n<p>Hai</p>\n<p>Ba</p>\n<p>Bốn</p>"
    );
    assert_eq!(
        clean("<ul><li><div>Một</div><div>Hai</div></li></ul>").html,
        "<ul>\n<li><p>Một</p><p>Hai</p></li>\n</ul>"
    );
}

#[test]
fn bold_paragraph_stays_a_bold_paragraph() {
    assert_eq!(
        clean("<p><b>KẾT QUẢ ĐẠT ĐƯỢC</b></p><p>Nội dung</p>").html,
        "<p><strong>KẾT QUẢ ĐẠT ĐƯỢC</strong></p>\n<p>Nội dung</p>"
    );
    // bold around blocks is pushed into each block, never wraps them
    assert_eq!(
        clean("<b><p>Một</p><p>Hai</p></b>").html,
        "<p><strong>Một</strong></p>\n<p><strong>Hai</strong></p>"
    );
}

#[test]
fn text_is_nfc_with_plain_spaces() {
    // "Hoà" with a combining grave accent, no-break spaces, a zero-width space
    let out = clean("<p>Ho\u{0061}\u{0300}&nbsp;bình\u{00A0}\u{00A0}và\u{200B} tiến bộ &amp; &lt;phát triển&gt;</p>");
    assert_eq!(out.html, "<p>Hoà bình và tiến bộ &amp; &lt;phát triển&gt;</p>");
    assert!(out.html.contains('\u{00E0}'));
}

#[test]
fn deep_nesting_does_not_overflow() {
    let input = format!("{}sâu{}", "<div><b>".repeat(20_000), "</b></div>".repeat(20_000));
    let out = sanitize_article_html(&input);
    assert!(out.contains("sâu"));
    assert!(out.len() < 2_000, "{} bytes", out.len());
}

#[test]
fn plain_text_and_empty_input() {
    assert_eq!(clean("").html, "");
    assert_eq!(clean("Chỉ có chữ\nhai dòng").html, "<p>Chỉ có chữ hai dòng</p>");
    assert_eq!(clean("a < b & c").html, "<p>a &lt; b &amp; c</p>");
}

// ---------------------------------------------------------------------------
// Properties over random HTML-ish input

const TAGS: &[&str] = &[
    "p", "div", "span", "font", "b", "strong", "i", "em", "u", "s", "strike", "sub", "sup", "a", "h1", "h2", "h3",
    "h5", "ul", "ol", "li", "table", "caption", "thead", "tbody", "tr", "th", "td", "colgroup", "figure",
    "figcaption", "img", "br", "hr", "blockquote", "pre", "marquee", "object", "script", "style", "iframe",
    "svg", "math", "form", "input", "button", "select", "option", "textarea", "template", "noscript", "o:p",
    "w:sdt", "xml", "meta", "section", "dl", "dt", "dd", "center", "label", "plaintext", "xmp", "title",
];

const ATTRS: &[&str] = &[
    "", " class=MsoNormal", " id=docs-internal-guid-1", " style='font-weight:700'", " style='font-weight:normal'",
    " style='font-style:italic'", " style='mso-list:l0 level1 lfo1'", " style='mso-list:l1 level2 lfo1'",
    " style='mso-list:Ignore'", " style='vertical-align:super'", " onclick=alert(1)", " onmouseover='x()'",
    " href=/bai-viet/a", " href='https://e.example/?a=1&b=2'", " href=javascript:alert(1)", " href='  java\tscript:x'",
    " href=#m", " href=//x.example", " href='mailto:a@b.vn'", " href=data:text/html,x", " src=/media/a.jpg",
    " src='https://e.example/a.png'", " src=data:image/png;base64,AA", " src=x", " alt='Ảnh \"một\"'",
    " width=640", " height=0", " colspan=2", " rowspan=1001", " scope=col", " lang=vi", " lang=EN-US",
    " title=t", " srcset=a", " align=center", " name=a", " dir=rtl", " đ=1", " on=x",
];

const TEXTS: &[&str] = &[
    "", " ", "  ", "\n", "Dân vận", "khéo", "hoa\u{0300}", "\u{0301}", "&nbsp;", "\u{00A0}", "&amp;", "&lt;",
    "<", ">", "\"", "'", "1.", "·", "§", "o", "\u{200B}", "\t", "x", "Đăk Ruồng", "&#x6A;avascript:", "&", "]]>",
];

fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (prop::sample::select(TAGS), prop::collection::vec(prop::sample::select(ATTRS), 0..3))
            .prop_map(|(t, a)| format!("<{t}{}>", a.concat())),
        3 => prop::sample::select(TAGS).prop_map(|t| format!("</{t}>")),
        4 => prop::sample::select(TEXTS).prop_map(str::to_owned),
        1 => prop::sample::select(vec![
            "<!-- ghi chú -->", "<!--[if gte mso 9]><xml><w:x/></xml><![endif]-->", "<![if !supportLists]>",
            "<![endif]>", "<!--", "-->", "<!DOCTYPE html>", "<?xml version=1.0?>", "</>", "<", "<p",
        ])
        .prop_map(str::to_owned),
    ]
}

fn html_ish() -> impl Strategy<Value = String> {
    prop::collection::vec(token(), 0..40).prop_map(|v| v.concat())
}

const ALLOWED: &[(&str, &[&str])] = &[
    ("p", &["lang"]),
    ("br", &[]),
    ("h2", &["lang"]),
    ("h3", &["lang"]),
    ("h4", &["lang"]),
    ("strong", &[]),
    ("em", &[]),
    ("u", &[]),
    ("s", &[]),
    ("sub", &[]),
    ("sup", &[]),
    ("blockquote", &[]),
    ("ul", &[]),
    ("ol", &[]),
    ("li", &[]),
    ("a", &["href", "rel"]),
    ("table", &[]),
    ("caption", &[]),
    ("thead", &[]),
    ("tbody", &[]),
    ("tfoot", &[]),
    ("tr", &[]),
    ("th", &["scope", "colspan", "rowspan"]),
    ("td", &["colspan", "rowspan"]),
    ("figure", &[]),
    ("figcaption", &[]),
    ("img", &["src", "alt", "width", "height"]),
    ("hr", &[]),
];

/// Every element and attribute of `html` is in the allowlist, and no comment
/// is left.
fn check_allowlist(html: &str) -> Result<(), TestCaseError> {
    let doc = Html::parse_fragment(html);
    for node in doc.root_element().descendants().skip(1) {
        match node.value() {
            Node::Element(e) => {
                let allowed = ALLOWED.iter().find(|(t, _)| *t == e.name());
                prop_assert!(allowed.is_some(), "tag {} in {}", e.name(), html);
                let (_, attrs) = allowed.unwrap();
                for (name, value) in e.attrs() {
                    prop_assert!(attrs.contains(&name), "attribute {name} on {} in {}", e.name(), html);
                    if name == "href" {
                        let v = value.to_ascii_lowercase();
                        prop_assert!(!v.contains("javascript") && !v.starts_with("data:"), "href {value}");
                    }
                    if name == "src" {
                        prop_assert!(value.starts_with("/media/") || value.starts_with("https://"), "src {value}");
                    }
                }
            }
            Node::Comment(_) => prop_assert!(false, "comment left in {}", html),
            _ => {}
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn sanitizing_twice_changes_nothing(input in html_ish()) {
        let once = sanitize_article_html(&input);
        let twice = sanitize_article_html(&once);
        prop_assert_eq!(&twice, &once, "input: {:?}", input);
    }

    #[test]
    fn output_holds_only_the_allowlist(input in html_ish()) {
        check_allowlist(&sanitize_article_html(&input))?;
    }

    #[test]
    fn arbitrary_text_never_panics_and_is_stable(input in "\\PC{0,80}") {
        let once = sanitize_article_html(&input);
        prop_assert_eq!(sanitize_article_html(&once), once);
    }
}

#[test]
fn fixtures_hold_only_the_allowlist() {
    for name in ["word_paste.html", "libreoffice_paste.html", "web_paste.html", "google_docs_paste.html"] {
        check_allowlist(&sanitize_article_html(&fixture(name))).unwrap();
    }
}
