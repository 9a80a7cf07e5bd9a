//! The test corpus: the seed article and a few planted articles among
//! generated articles of the same field (without the seed's distinctive
//! names), built once per test binary.
#![allow(dead_code)]

pub mod generator;
pub mod words;

use chrono::{DateTime, Duration, Utc};
use danvan_search::{Doc, Kind, SearchIndex};
use std::sync::OnceLock;
use std::time::{Duration as Elapsed, Instant};

pub const SEED: &str = "../../../shared/seeds/000_717bb114bfc50511.txt";
/// Ids of the generated articles start here (the seed is 1, planted ones 101…).
pub const GENERATED_FROM: i64 = 1_000;

pub fn anchor() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z").unwrap().with_timezone(&Utc)
}

/// The seed article read from its saved page text: the title after the
/// reader controls, paragraphs, the two photo captions (lines that end
/// without a stop) and the byline; the page chrome left out.
pub fn seed_doc() -> Doc {
    let text = std::fs::read_to_string(SEED).expect("the seed is at ../shared/seeds");
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let start = lines.iter().position(|l| l.starts_with("A- A A+")).expect("reader controls") + 1;
    let mut doc = Doc::new(Kind::Article, 1, lines[start]);
    let mut body = Vec::new();
    for l in &lines[start + 1..] {
        if l.starts_with("Bài, ảnh:") {
            doc.byline = (*l).to_owned();
            break;
        }
        if l.ends_with(['.', ':', ';']) || l.ends_with("./.") {
            body.push(*l);
        } else {
            doc.captions.push((*l).to_owned());
        }
    }
    doc.body = body.join("\n");
    doc.category_id = Some(2);
    doc.unit_id = Some(7);
    doc.published_at = Some(anchor() - Duration::days(400));
    doc
}

/// Hand-written articles with the features the relevance set tests
/// (spellings, marks, title against body, phrases), by name.
pub fn planted() -> Vec<(&'static str, Doc)> {
    let mk = |id: i64, title: &str, lead: &str, body: &str, caption: &str, days: i64| {
        let mut d = Doc::new(Kind::Article, id, title);
        d.lead = lead.to_owned();
        d.body = body.to_owned();
        if !caption.is_empty() {
            d.captions.push(caption.to_owned());
        }
        d.byline = "Bài, ảnh: Trần Văn Lực".to_owned();
        d.category_id = Some(1);
        d.unit_id = Some(3);
        d.published_at = Some(anchor() - Duration::days(days));
        d
    };
    vec![
        ("hoa-giai", mk(101, "Tổ hoà giải thôn Đắk Lung giữ gìn tình làng nghĩa xóm",
            "Tổ hoà giải ở cơ sở thôn Đắk Lung đã hoà giải thành công 17 vụ việc trong năm.",
            "Những năm qua, các thành viên Tổ hoà giải thôn Đắk Lung kiên trì gặp gỡ từng hộ, lắng nghe tâm tư của bà con về đất đai và thuỷ lợi nội đồng. Nhờ vậy, nhiều mâu thuẫn kéo dài đã được giải quyết ngay tại thôn.",
            "Tổ hoà giải gặp gỡ người dân thôn Đắk Lung", 30)),
        ("bhyt", mk(102, "Vận động người dân xã Pờ Y tham gia bảo hiểm y tế hộ gia đình",
            "",
            "Cán bộ xã Pờ Y đến từng nhà tuyên truyền về quyền lợi khi có thẻ bảo hiểm y tế; đến nay tỷ lệ bao phủ đạt 96,4%. Xã cũng vận động người lao động tự do tham gia bảo hiểm xã hội tự nguyện.",
            "", 60)),
        ("ban-tru", mk(103, "Tiếp sức học sinh DTTS bán trú vượt khó đến trường",
            "Ban Dân vận Huyện ủy phối hợp Đoàn Thanh niên trao 120 suất học bổng cho học sinh bán trú.",
            "Các em học sinh DTTS ở điểm trường bán trú được hỗ trợ gạo, áo ấm và sách vở trước mùa đông.",
            "", 90)),
        ("cho-phien-title", mk(104, "Chợ phiên vùng cao rộn ràng ngày cuối tuần",
            "", "Bà con các dân tộc mang nông sản, thổ cẩm xuống chợ từ sớm; tổ dân vận thôn hướng dẫn bà con giữ gìn vệ sinh chung.", "", 120)),
        ("cho-phien-body", mk(105, "Thanh niên tình nguyện dọn vệ sinh môi trường",
            "", "Sau buổi ra quân, đoàn viên đến chợ phiên vùng cao họp mỗi sáng chủ nhật để tuyên truyền phân loại rác thải.", "", 10)),
        ("nuoc-sach", mk(106, "Công trình nước sạch tự chảy cho đồng bào bản Phiêng Luông",
            "Công trình do Bộ đội Biên phòng và nhân dân cùng làm, đưa nước sạch tự chảy về 84 hộ.",
            "Trước đây, mỗi mùa khô bà con phải đi bộ hàng cây số lấy nước; nay nước sạch đã về tận bể chứa của từng cụm dân cư.", "", 200)),
        ("gan-bien", mk(107, "Gắn biển công trình thanh niên ở bản Nà Hừa",
            "", "Đoàn xã tổ chức lễ gắn biển công trình sân bóng chuyền do đoàn viên góp công xây dựng.", "", 150)),
        ("gan-200", mk(108, "Gần 200 đoàn viên ra quân làm đường ở bản Nà Hừa",
            "", "Các đoàn viên mở rộng 2 km đường liên thôn, phát quang bụi rậm hai bên đường.", "", 140)),
        ("hieu-qua-ksd", mk(109, "Hiểu dân để vận động dân: kinh nghiệm của Chi bộ thôn Kơ Lâu",
            "", "Bí thư Chi bộ thôn Kơ Lâu cho rằng muốn dân tin thì phải hiểu dân, nói cho dân hiểu và làm cho dân tin.", "", 170)),
    ]
}

/// The generated article `i`, as an entry with id `GENERATED_FROM + i`.
pub fn generated(i: u64) -> Doc {
    let g = generator::Generator::new(7, anchor()).article(i);
    let mut d = Doc::new(Kind::Article, GENERATED_FROM + i as i64, g.title);
    d.lead = g.lead.unwrap_or_default();
    d.body = g.body;
    d.captions = g.captions;
    d.byline = g.byline.unwrap_or_default();
    d.category_id = Some(1 + (i % 4) as i64);
    d.unit_id = Some(3 + (i % 5) as i64);
    d.published_at = Some(g.published_at);
    d
}

/// The corpus index and how long building it took.
pub struct Corpus {
    pub index: SearchIndex,
    pub build: Elapsed,
    pub articles: usize,
}

pub const GENERATED: u64 = 2_000;

/// The seed, the planted articles and [`GENERATED`] generated ones in a
/// RAM index, built once.
pub fn corpus() -> &'static Corpus {
    static C: OnceLock<Corpus> = OnceLock::new();
    C.get_or_init(|| {
        let docs: Vec<Doc> = std::iter::once(seed_doc())
            .chain(planted().into_iter().map(|(_, d)| d))
            .chain((0..GENERATED).map(generated))
            .collect();
        let started = Instant::now();
        let index = SearchIndex::in_memory().unwrap();
        for d in &docs {
            index.upsert(d).unwrap();
        }
        index.commit(docs.len() as i64).unwrap();
        Corpus { index, build: started.elapsed(), articles: docs.len() }
    })
}

/// The id of the planted article `name` (the seed is "seed").
pub fn id_of(name: &str) -> i64 {
    if name == "seed" {
        return 1;
    }
    planted().into_iter().find(|(n, _)| *n == name).map(|(_, d)| d.id).unwrap_or_else(|| panic!("no planted article {name}"))
}
