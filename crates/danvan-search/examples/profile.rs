//! Times the parts of the bench query mix on a large on-disk index
//! (profiling aid): cargo run --release -p danvan-search --features profile --example profile -- DIR N
#[path = "../tests/common/mod.rs"]
mod common;
use danvan_search::SearchIndex;
use std::time::{Duration, Instant};

const MIX: &[&str] = &["dân", "dan van", "dân vận", "DÂN VẬN KHÉO", "dan van kheo", "\"dân vận khéo\"", "DTTS", "đồng bào dân tộc thiểu số", "nông th", "nông thôn mới", "Mặt trận Tổ quốc", "MTTQ", "hội nghị", "tuyên truyền", "KT-XH", "quốc phòng an ninh", "kon ray", "Kon Rẫy", "Brâu", "hoà giải", "văn hoá", "thuỷ lợi", "Nguyễn Thị Qúy", "metaverse", "hiến đất làm đường", "trả lời kiến nghị cử tri", "mô hình", "giảm nghèo"];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = &args[1];
    let n: u64 = args[2].parse().unwrap();
    let index = SearchIndex::open(dir).unwrap();
    if index.count() < n {
        let t = Instant::now();
        index.clear().unwrap();
        for i in 0..n {
            index.add(&common::generated(i)).unwrap();
            if i % 10_000 == 9_999 { eprintln!("{} {:?}", i + 1, t.elapsed()); }
        }
        index.add(&common::seed_doc()).unwrap();
        index.commit(1).unwrap();
        eprintln!("built {n} in {:?}", t.elapsed());
    }
    if std::env::var_os("PROFILE_MERGE").is_some() {
        let t = Instant::now();
        let before = index.merge_segments().unwrap();
        eprintln!("merged {before} segments into {} in {:?}", index.segment_count(), t.elapsed());
    }
    eprintln!("{} segments", index.segment_count());
    for q in MIX { let _ = index.profile(q).unwrap(); }
    let mut totals: Vec<(&str, Duration)> = Vec::new();
    for q in MIX {
        let mut best: Option<Vec<(&str, Duration, usize)>> = None;
        for _ in 0..3 {
            let p = index.profile(q).unwrap();
            best = Some(match best { None => p, Some(b) => b.into_iter().zip(p).map(|(a, c)| if c.1 < a.1 { c } else { a }).collect() });
        }
        let b = best.unwrap();
        let line: Vec<String> = b.iter().map(|(k, d, c)| format!("{k}={:.1}ms({c})", d.as_secs_f64() * 1e3)).collect();
        println!("{q:<28} {}", line.join(" "));
        for (k, d, _) in b { match totals.iter_mut().find(|t| t.0 == k) { Some(t) => t.1 += d, None => totals.push((k, d)) } }
    }
    println!("totals: {:?}", totals.iter().map(|(k, d)| format!("{k}={:.0}ms", d.as_secs_f64() * 1e3)).collect::<Vec<_>>());
}
