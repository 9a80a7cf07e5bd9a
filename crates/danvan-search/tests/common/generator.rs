#![allow(dead_code)]
//! Copied from danvan-bench (src/generator.rs), giving plain fields instead of
//! an imported article. Synthetic Vietnamese news articles of the mass-mobilization field, built
//! from the word lists of [`crate::words`]. Deterministic: article `i` of
//! seed `s` is always the same text (its own `StdRng` is seeded from `s` and
//! `i`), whatever else was generated before.
//!
//! Shape: a title of 8–20 words; a lead ("sapo") in about two articles of
//! three; 4–12 paragraphs of about 40–120 words (sometimes a sub-heading);
//! a photo caption in about 45 % of the articles (a second one in some);
//! a byline ("Bài, ảnh: …") in 80 %. Each article keeps one place, one ethnic
//! group and one main topic, so that words recur as they do in real news.
//! About one article in 800 mentions the Brâu people (the rare word of the
//! query mix).

use super::words::*;
use chrono::{DateTime, Datelike, Duration, Utc};
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};

/// Span of the publication dates, ending at the generator's anchor.
pub const YEARS: i64 = 5;

/// One generated article with where and when it is published.
#[derive(Debug, Clone)]
pub struct Generated {
    pub title: String,
    pub lead: Option<String>,
    /// Paragraphs and sub-headings, one per line.
    pub body: String,
    pub captions: Vec<String>,
    pub byline: Option<String>,
    /// One of the sample site's categories ([`CATEGORIES`]).
    pub category_slug: &'static str,
    /// Within the [`YEARS`] years before the generator's anchor.
    pub published_at: DateTime<Utc>,
}

/// The generator: a seed and the newest publication time.
#[derive(Debug, Clone, Copy)]
pub struct Generator {
    seed: u64,
    anchor: DateTime<Utc>,
}

fn pick<'a>(rng: &mut StdRng, list: &[&'a str]) -> &'a str {
    list.choose(rng).copied().unwrap_or("")
}

fn pick_weighted<'a>(rng: &mut StdRng, list: &[(&'a str, u32)]) -> &'a str {
    let total: u32 = list.iter().map(|(_, w)| w).sum();
    let mut r = rng.random_range(0..total);
    for (s, w) in list {
        if r < *w {
            return s;
        }
        r -= w;
    }
    list[list.len() - 1].0
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// Upper-cases the first letter.
fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// What one article is about: kept for all its sentences.
struct Scene {
    province: &'static str,
    district: &'static str,
    commune: &'static str,
    village: &'static str,
    ethnic: &'static str,
    topic: &'static str,
    org: &'static str,
    year: i32,
    month: u32,
    day: u32,
    rare: bool,
}

impl Generator {
    /// The generator of `seed`; articles are published at most [`YEARS`]
    /// years (and a day) before `anchor`.
    pub fn new(seed: u64, anchor: DateTime<Utc>) -> Generator {
        Generator { seed, anchor }
    }

    fn rng(&self, i: u64) -> StdRng {
        // splitmix64 of (seed, i): neighbouring articles get unrelated streams
        let mut z = self.seed ^ i.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        StdRng::seed_from_u64(z ^ (z >> 31))
    }

    /// Article number `i`.
    pub fn article(&self, i: u64) -> Generated {
        let mut rng = self.rng(i);
        let span = YEARS * 365 * 86_400 + 86_400;
        let published_at = self.anchor - Duration::seconds(rng.random_range(0..span));
        let category_slug = pick_weighted(&mut rng, CATEGORIES);
        let mut scene = Scene {
            province: pick(&mut rng, PROVINCES),
            district: pick(&mut rng, DISTRICTS),
            commune: pick(&mut rng, COMMUNES),
            village: pick(&mut rng, VILLAGES),
            ethnic: pick(&mut rng, ETHNIC_GROUPS),
            topic: pick(&mut rng, TOPICS),
            org: pick(&mut rng, ORGS),
            year: published_at.year(),
            month: published_at.month(),
            day: published_at.day(),
            rare: rng.random_range(0..800) == 0,
        };

        // a long topic or organisation fits no title template of some
        // categories: after a few tries the article takes other ones
        let mut tries = 0;
        let title = loop {
            let t = title(&mut rng, &scene, category_slug);
            if (8..=20).contains(&word_count(&t)) {
                break t;
            }
            tries += 1;
            if tries == 64 {
                break format!("Công tác dân vận tại huyện {} trong năm {}", scene.district, scene.year);
            }
            if tries % 4 == 0 {
                scene.topic = pick(&mut rng, TOPICS);
                scene.org = pick(&mut rng, ORGS);
            }
        };
        let lead = rng.random_bool(0.65).then(|| {
            let target = rng.random_range(25..=45);
            let mut s = format!(
                "{}, {} {} đã {} {}, {}.",
                time_phrase(&mut rng, &scene),
                scene.org,
                place(&mut rng, &scene),
                pick(&mut rng, VERBS),
                scene.topic,
                pick(&mut rng, GOALS)
            );
            while word_count(&s) < target {
                s.push(' ');
                s.push_str(&sentence(&mut rng, &scene));
            }
            s
        });

        let paragraphs = rng.random_range(4..=12);
        let figure_at = rng.random_bool(0.45).then(|| rng.random_range(0..paragraphs.min(3)));
        let second_figure_at = (paragraphs > 6 && rng.random_bool(0.3)).then(|| rng.random_range(4..paragraphs));
        let heading_at = (paragraphs > 5 && rng.random_bool(0.3)).then(|| rng.random_range(3..paragraphs));
        let rare_at = scene.rare.then(|| rng.random_range(0..paragraphs));
        let mut blocks: Vec<String> = Vec::with_capacity(paragraphs + 3);
        let mut captions = Vec::new();
        for p in 0..paragraphs {
            if heading_at == Some(p) {
                blocks.push(pick(&mut rng, HEADINGS).to_owned());
            }
            let target = rng.random_range(40..=110);
            let mut text = String::new();
            if rare_at == Some(p) {
                text.push_str(&format!(
                    "Tại làng Đắk Mế, xã Bờ Y, huyện Ngọc Hồi, đồng bào Brâu – một trong những dân tộc có số dân ít nhất cả nước – đã cùng {} {}.",
                    pick(&mut rng, VERBS),
                    pick(&mut rng, TOPICS)
                ));
            }
            while word_count(&text) < target {
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(&sentence(&mut rng, &scene));
            }
            blocks.push(text);
            if figure_at == Some(p) || second_figure_at == Some(p) {
                captions.push(caption(&mut rng, &scene));
            }
        }
        let prefix = pick_weighted(&mut rng, BYLINE_PREFIXES);
        let byline = (!prefix.is_empty()).then(|| format!("{prefix}{}", person(&mut rng)));

        let norm = |s: &str| danvan_text::normalize_input(s);
        Generated {
            title: norm(&title),
            lead: lead.as_deref().map(norm),
            body: norm(&blocks.join("\n")),
            captions: captions.iter().map(|c| norm(c)).collect(),
            byline: byline.as_deref().map(norm),
            category_slug,
            published_at,
        }
    }
}

fn person(rng: &mut StdRng) -> String {
    let middle = pick(rng, MIDDLE_NAMES);
    let family = pick(rng, FAMILY_NAMES);
    let given = pick(rng, GIVEN_NAMES);
    if middle.is_empty() { format!("{family} {given}") } else { format!("{family} {middle} {given}") }
}

fn place(rng: &mut StdRng, s: &Scene) -> String {
    match rng.random_range(0..6) {
        0 => format!("tỉnh {}", s.province),
        1 | 2 => format!("huyện {}", s.district),
        3 => format!("xã {}", s.commune),
        4 => format!("{}, xã {}", s.village, s.commune),
        _ => format!("xã {}, huyện {}", s.commune, s.district),
    }
}

fn time_phrase(rng: &mut StdRng, s: &Scene) -> String {
    match rng.random_range(0..9) {
        0 => "Vừa qua".to_owned(),
        1 => format!("Sáng {}/{}", s.day, s.month),
        2 => format!("Chiều {}/{}", s.day, s.month),
        3 => format!("Ngày {}/{}/{}", s.day, s.month, s.year),
        4 => format!("Trong năm {}", s.year),
        5 => format!("6 tháng đầu năm {}", s.year),
        6 => "Giai đoạn 2021 – 2025".to_owned(),
        7 => "Thời gian qua".to_owned(),
        _ => "Những năm gần đây".to_owned(),
    }
}

/// One of [`RESULTS`] with its numbers filled in.
fn result(rng: &mut StdRng) -> String {
    let template = pick(rng, RESULTS);
    numbers(rng, template)
}

fn numbers(rng: &mut StdRng, template: &str) -> String {
    template
        .replace("{n}", &rng.random_range(12..=480).to_string())
        .replace("{m}", &rng.random_range(500..=9_000).to_string())
        .replace("{k}", &format!("{},{}", rng.random_range(1..=25), rng.random_range(1..=9)))
        .replace("{p}", &format!("{},{}", rng.random_range(2..=18), rng.random_range(0..=9)))
}

/// The scene's topic most of the time, another one sometimes.
fn topic(rng: &mut StdRng, s: &Scene) -> &'static str {
    if rng.random_bool(0.55) { s.topic } else { pick(rng, TOPICS) }
}

fn org(rng: &mut StdRng, s: &Scene) -> &'static str {
    if rng.random_bool(0.4) { s.org } else { pick(rng, ORGS) }
}

fn sentence(rng: &mut StdRng, s: &Scene) -> String {
    match rng.random_range(0..12) {
        0 => format!(
            "{}, {} {} {} {}.",
            time_phrase(rng, s),
            org(rng, s),
            place(rng, s),
            pick(rng, VERBS),
            topic(rng, s)
        ),
        1 => format!(
            "{}, {} đã {} {}, {}.",
            pick(rng, CONNECTORS),
            org(rng, s),
            pick(rng, VERBS),
            topic(rng, s),
            pick(rng, GOALS)
        ),
        2 => {
            let result = result(rng);
            format!("Tại {} {}, {} cho biết {}.", pick(rng, EVENTS), place(rng, s), org(rng, s), result)
        }
        3 => format!(
            "{} {} đã vận động {} tham gia {}, {}.",
            capitalize(org(rng, s)),
            place(rng, s),
            pick(rng, PEOPLE),
            topic(rng, s),
            pick(rng, GOALS)
        ),
        4 => format!(
            "Theo {} {}, “{}”.",
            pick(rng, OFFICIALS),
            person(rng),
            pick(rng, QUOTES)
        ),
        5 => format!(
            "Đồng bào {} ở {} đã tích cực hưởng ứng {}, {}.",
            s.ethnic,
            place(rng, s),
            topic(rng, s),
            result(rng)
        ),
        6 => format!(
            "{}, do {}, việc thực hiện {} còn gặp nhiều khó khăn.",
            "Tuy nhiên",
            pick(rng, DIFFICULTIES),
            topic(rng, s)
        ),
        7 => format!(
            "{}, {} tiếp tục {} {}, phát huy vai trò của {} trong {}.",
            pick(rng, CONNECTORS),
            org(rng, s),
            pick(rng, VERBS),
            topic(rng, s),
            pick(rng, PEOPLE),
            topic(rng, s)
        ),
        8 => format!(
            "Qua {}, {} đã nêu {} ý kiến về {}; các ý kiến đã được {} tiếp thu, trả lời trực tiếp.",
            pick(rng, EVENTS),
            pick(rng, PEOPLE),
            rng.random_range(5..=40),
            topic(rng, s),
            org(rng, s)
        ),
        9 => format!(
            "Mô hình đã góp phần {} và được {} đánh giá cao.",
            pick(rng, GOALS).trim_start_matches("góp phần "),
            org(rng, s)
        ),
        10 => format!(
            "{} tỉnh {} yêu cầu các cấp ủy, chính quyền tiếp tục quan tâm lãnh đạo {}, gắn với {}.",
            capitalize(pick(rng, ORGS)),
            s.province,
            topic(rng, s),
            pick(rng, TOPICS)
        ),
        _ => {
            let result = result(rng);
            format!("{}, {} {}.", pick(rng, CONNECTORS), place(rng, s), result)
        }
    }
}

fn title(rng: &mut StdRng, s: &Scene, category: &str) -> String {
    let t = match (category, rng.random_range(0..8)) {
        ("dan-van-kheo", 0..=2) => format!("Điển hình “Dân vận khéo”: {} {} {}", pick(rng, PEOPLE), place(rng, s), s.topic),
        ("dan-van-kheo", _) => format!("Lan tỏa mô hình “Dân vận khéo” trong {} ở {}", s.topic, place(rng, s)),
        ("doi-thoai-voi-nhan-dan", 0..=3) => {
            format!("Trả lời kiến nghị của cử tri {} về {}", place(rng, s), s.topic)
        }
        ("doi-thoai-voi-nhan-dan", _) => {
            format!("{} đối thoại với {} về {}", capitalize(s.org), pick(rng, PEOPLE), s.topic)
        }
        ("van-ban-chi-dao", _) => format!("Kế hoạch thực hiện {} năm {} của {}", s.topic, s.year, s.org),
        (_, 0) => format!("{} {} {} {}", capitalize(s.org), place(rng, s), pick(rng, VERBS), s.topic),
        (_, 1) => format!("Hiệu quả từ {} ở {}", s.topic, place(rng, s)),
        (_, 2) => format!("Phát huy vai trò của {} trong {}", pick(rng, PEOPLE), s.topic),
        (_, 3) => format!("Đẩy mạnh công tác dân vận trong {} tại {}", s.topic, place(rng, s)),
        (_, 4) => format!("Nâng cao chất lượng {} ở vùng đồng bào DTTS tỉnh {}", s.topic, s.province),
        (_, 5) => format!("Xã {}: {} chung tay {}", s.commune, pick(rng, PEOPLE), s.topic),
        (_, 6) => format!("{} tổ chức {} về {}", capitalize(s.org), pick(rng, EVENTS), s.topic),
        _ => format!("Huyện {} {} {} năm {}", s.district, pick(rng, VERBS), s.topic, s.year),
    };
    capitalize(&t)
}

fn caption(rng: &mut StdRng, s: &Scene) -> String {
    match rng.random_range(0..4) {
        0 => format!("{} {} trao quà cho {} tại {}", pick(rng, OFFICIALS), person(rng), pick(rng, PEOPLE), place(rng, s)),
        1 => format!("Quang cảnh {} {}", pick(rng, EVENTS), place(rng, s)),
        2 => format!("Đồng bào {} ở {} tham gia {}", s.ethnic, place(rng, s), s.topic),
        _ => format!("{} {} (ảnh tư liệu)", capitalize(s.topic), place(rng, s)),
    }
}

