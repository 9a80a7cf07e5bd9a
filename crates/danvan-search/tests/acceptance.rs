//! Issue 14's acceptance and the relevance set (`relevance.tsv`) on the seed
//! among 2 000 generated articles of the same field.

mod common;

use common::{corpus, id_of};
use danvan_search::{Hits, SearchQuery};
use std::time::Instant;

fn search(q: &str) -> Hits {
    corpus().index.search(&SearchQuery::new(q)).unwrap()
}

#[test]
fn seed_first_for_the_issue_queries() {
    let c = corpus();
    println!("indexed {} articles in {:?}", c.articles, c.build);
    for q in ["đường dây nóng", "duong day nong", "toan dan doan ket xay dung nong thon moi"] {
        let started = Instant::now();
        let hits = search(q);
        println!("{q:?}: {} matches in {:?}, first {:?}", hits.total, started.elapsed(), hits.hits.first());
        assert_eq!(hits.hits.first().map(|h| h.id), Some(1), "{q}: {:?}", &hits.hits[..hits.hits.len().min(5)]);
    }
    // every match counted: the folded words of the hotline are everywhere
    assert!(search("duong day nong").total > 1);
}

#[test]
fn relevance_set() {
    let c = corpus();
    let set = include_str!("relevance.tsv");
    let mut queries = 0;
    let mut first = 0;
    let mut top10 = 0;
    let mut misses = Vec::new();
    let mut slowest = std::time::Duration::ZERO;
    let mut total_time = std::time::Duration::ZERO;
    for line in set.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
        let mut cols = line.split('\t');
        let (Some(expected), Some(query)) = (cols.next(), cols.next()) else { panic!("bad line {line:?}") };
        let want = id_of(expected);
        let started = Instant::now();
        let hits = search(query);
        let took = started.elapsed();
        slowest = slowest.max(took);
        total_time += took;
        queries += 1;
        match hits.hits.iter().position(|h| h.id == want) {
            Some(0) => {
                first += 1;
                top10 += 1;
            }
            Some(n) => {
                top10 += 1;
                misses.push(format!("{query:?} → {expected} at {}", n + 1));
            }
            None => misses.push(format!("{query:?} → {expected} not in the first 10 ({} matches)", hits.total)),
        }
    }
    println!(
        "relevance: {queries} queries on {} articles, {top10} expected in the first 10 ({:.1}%), {first} first ({:.1}%); mean {:?}, slowest {:?}",
        c.articles,
        100.0 * top10 as f64 / queries as f64,
        100.0 * first as f64 / queries as f64,
        total_time / queries as u32,
        slowest
    );
    for m in &misses {
        println!("  {m}");
    }
    assert!(queries >= 50, "{queries} queries");
    assert_eq!(top10, queries, "every expected article in the first 10: {misses:#?}");
    assert!(first * 10 >= queries * 9, "{first} of {queries} first: {misses:#?}");
}

/// The pruning by tiers gives the hits and totals of scoring every match,
/// for every query of the relevance set and of the bench mix, on the
/// first and a later page, and it is taken for some of them.
#[test]
fn pruned_search_ranks_as_the_exhaustive_one() {
    let c = corpus();
    let mix = ["dân", "dan van", "dân vận", "DÂN VẬN KHÉO", "dan van kheo", "\"dân vận khéo\"", "DTTS", "đồng bào dân tộc thiểu số", "nông th", "nông thôn mới", "Mặt trận Tổ quốc", "hội nghị", "quốc phòng an ninh", "kon ray", "hoà giải", "hiến đất làm đường", "trả lời kiến nghị cử tri", "mô hình", "giảm nghèo"];
    let relevance = include_str!("relevance.tsv").lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).filter_map(|l| l.split('\t').nth(1));
    let before = c.index.pruned_searches();
    let mut searches = 0;
    for q in mix.into_iter().chain(relevance) {
        for offset in [0, 20] {
            let query = SearchQuery { offset, ..SearchQuery::new(q) };
            let pruned = c.index.search(&query).unwrap();
            let full = c.index.search_exhaustive(&query).unwrap();
            assert_eq!(pruned.total, full.total, "{q:?} at {offset}");
            let ids = |h: &Hits| h.hits.iter().map(|h| h.id).collect::<Vec<_>>();
            assert_eq!(ids(&pruned), ids(&full), "{q:?} at {offset}");
            searches += 1;
        }
    }
    let pruned = c.index.pruned_searches() - before;
    println!("{pruned} of {searches} searches answered from a level alone");
    assert!(pruned >= 10, "the pruning was taken {pruned} times in {searches}");
}
