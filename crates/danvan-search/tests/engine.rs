//! The index on small hand-made entries: writes, filters, pagination and
//! exact totals, ranking signals one at a time, odd input, reopening.

use chrono::{DateTime, Duration, Utc};
use danvan_search::{Doc, Hits, Kind, MAX_LIMIT, SearchIndex, SearchQuery};

fn day(n: i64) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2025-01-01T00:00:00Z").unwrap().with_timezone(&Utc) + Duration::days(n)
}

fn article(id: i64, title: &str, body: &str, days: i64) -> Doc {
    let mut d = Doc::new(Kind::Article, id, title);
    d.body = body.to_owned();
    d.published_at = Some(day(days));
    d
}

fn index_of(docs: &[Doc]) -> SearchIndex {
    let idx = SearchIndex::in_memory().unwrap();
    for d in docs {
        idx.upsert(d).unwrap();
    }
    idx.commit(docs.len() as i64).unwrap();
    idx
}

fn ids(h: &Hits) -> Vec<i64> {
    h.hits.iter().map(|h| h.id).collect()
}

fn search(idx: &SearchIndex, q: &str) -> Hits {
    idx.search(&SearchQuery::new(q)).unwrap()
}

#[test]
fn writes_are_seen_after_commit() {
    let idx = SearchIndex::in_memory().unwrap();
    assert_eq!((idx.count(), idx.watermark()), (0, 0));
    idx.upsert(&article(1, "Dân vận khéo", "", 0)).unwrap();
    assert_eq!(search(&idx, "dân vận").total, 0, "not committed yet");
    idx.commit(10).unwrap();
    assert_eq!((idx.count(), idx.watermark()), (1, 10));
    idx.upsert(&article(1, "Hội Nông dân", "", 0)).unwrap();
    idx.commit(5).unwrap();
    assert_eq!((idx.count(), idx.watermark()), (1, 10), "replaced, and the mark never goes down");
    assert_eq!(search(&idx, "khéo").total, 0);
    assert_eq!(ids(&search(&idx, "nông dân")), [1]);
    idx.upsert(&Doc::new(Kind::Document, 1, "Kế hoạch 136-KH/HU")).unwrap();
    idx.commit(11).unwrap();
    assert_eq!(idx.count(), 2, "kind and id name an entry");
    idx.delete(Kind::Article, 1).unwrap();
    idx.delete(Kind::Model, 99).unwrap();
    idx.commit(12).unwrap();
    assert_eq!((idx.count(), idx.watermark()), (1, 12));
    assert_eq!(search(&idx, "136-KH/HU").hits[0].kind, Kind::Document);
    idx.clear().unwrap();
    idx.commit(13).unwrap();
    assert_eq!(idx.count(), 0);
}

#[test]
fn reopened_index_keeps_count_and_watermark() {
    let dir = std::env::temp_dir().join(format!("danvan-search-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    {
        let idx = SearchIndex::open(&dir).unwrap();
        for i in 0..3 {
            idx.upsert(&article(i, "Đường dây nóng của xã", "", i)).unwrap();
        }
        idx.commit(1_733_000_000_123_456).unwrap();
        idx.upsert(&article(9, "không được ghi", "", 0)).unwrap(); // never committed
    }
    let idx = SearchIndex::open(&dir).unwrap();
    assert_eq!((idx.count(), idx.watermark()), (3, 1_733_000_000_123_456));
    assert_eq!(search(&idx, "duong day nong").total, 3);
    assert_eq!(search(&idx, "ghi").total, 0);
    assert!(SearchIndex::open(&dir).is_err(), "one writer per folder");
    drop(idx);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn merging_leaves_one_segment_per_search_thread_and_the_same_entries() {
    let dir = std::env::temp_dir().join(format!("danvan-search-merge-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    {
        let idx = SearchIndex::open(&dir).unwrap();
        for i in 0..5 {
            idx.upsert(&article(i, "Đường dây nóng của xã", "Hội Nông dân", i)).unwrap();
            idx.commit(100 + i).unwrap();
        }
        idx.delete(Kind::Article, 0).unwrap();
        idx.commit(200).unwrap();
        let before = idx.segment_count();
        assert!(before >= 2, "one segment per commit at least until merged: {before}");
        assert_eq!(idx.merge_segments().unwrap(), before);
        let threads = danvan_search::search_threads();
        assert!(before > threads, "{before} segments, {threads} threads");
        assert_eq!(idx.segment_count(), threads);
        assert_eq!((idx.count(), idx.watermark()), (4, 200));
        assert_eq!(ids(&search(&idx, "đường dây nóng")), [4, 3, 2, 1], "newest first among equals");
        assert_eq!(idx.merge_segments().unwrap(), threads, "nothing to merge");
        // writes after a merge are seen as before
        idx.upsert(&article(7, "Đường dây nóng", "", 9)).unwrap();
        idx.commit(201).unwrap();
        assert_eq!(search(&idx, "đường dây nóng").total, 5);
    }
    let idx = SearchIndex::open(&dir).unwrap();
    assert_eq!((idx.count(), idx.watermark()), (5, 201), "the merged index reopens with its mark");
    drop(idx);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn filters_and_exact_totals() {
    let mut docs = Vec::new();
    for i in 0..30 {
        let mut d = article(i, "Hội nghị dân vận", "", i);
        d.kind = if i % 3 == 0 { Kind::Document } else { Kind::Article };
        d.category_id = (i % 3 != 0).then_some(i % 2);
        d.unit_id = Some(i % 5);
        docs.push(d);
    }
    docs.push(Doc::new(Kind::Model, 100, "Mô hình dân vận khéo"));
    let idx = index_of(&docs);
    let q = |f: &dyn Fn(&mut SearchQuery)| {
        let mut q = SearchQuery::new("dân vận");
        f(&mut q);
        idx.search(&q).unwrap().total
    };
    assert_eq!(q(&|_| {}), 31);
    assert_eq!(q(&|q| q.kinds = vec![Kind::Document]), 10);
    assert_eq!(q(&|q| q.kinds = vec![Kind::Article, Kind::Model]), 21);
    assert_eq!(q(&|q| q.category_ids = vec![1]), 10, "odd article ids");
    assert_eq!(q(&|q| q.category_ids = vec![0, 1]), 20);
    assert_eq!(q(&|q| q.unit_ids = vec![2]), 6);
    assert_eq!(q(&|q| q.from = Some(day(10))), 20, "the record has no date");
    assert_eq!(q(&|q| q.until = Some(day(10))), 10, "until is exclusive");
    assert_eq!(q(&|q| { q.from = Some(day(10)); q.until = Some(day(20)); q.kinds = vec![Kind::Article] }), 7);
    assert_eq!(q(&|q| q.category_ids = vec![7]), 0);
}

#[test]
fn pagination_covers_every_match_once() {
    let docs: Vec<Doc> = (0..25).map(|i| article(i, &format!("Tin số {i} về dân vận"), "", i)).collect();
    let idx = index_of(&docs);
    let mut seen = Vec::new();
    for page in 0..3 {
        let mut q = SearchQuery::new("dân vận");
        q.offset = page * 10;
        let h = idx.search(&q).unwrap();
        assert_eq!(h.total, 25);
        assert_eq!(h.hits.len(), if page < 2 { 10 } else { 5 });
        seen.extend(ids(&h));
    }
    let mut sorted = seen.clone();
    sorted.sort();
    assert_eq!(sorted, (0..25).collect::<Vec<_>>());
    assert_eq!(seen[..3], [24, 23, 22], "equal scores: newest first");
    let mut q = SearchQuery::new("dân vận");
    q.offset = 25;
    assert_eq!((idx.search(&q).unwrap().total, idx.search(&q).unwrap().hits.len()), (25, 0));
    q.offset = 0;
    q.limit = 0;
    assert_eq!((idx.search(&q).unwrap().total, idx.search(&q).unwrap().hits.len()), (25, 0));
    q.limit = 10 * MAX_LIMIT;
    q.offset = usize::MAX;
    assert!(idx.search(&q).unwrap().hits.is_empty());
}

#[test]
fn marks_as_typed_rank_first_and_unmarked_match_alike() {
    let idx = index_of(&[article(1, "Nước nông", "", 5), article(2, "Nước nóng", "", 1), article(3, "Nước nộng", "", 3)]);
    assert_eq!(ids(&search(&idx, "nước nóng"))[0], 2);
    assert_eq!(ids(&search(&idx, "nước nông"))[0], 1);
    assert_eq!(ids(&search(&idx, "nuoc nong")), [1, 3, 2], "all forms alike: newest first");
    assert_eq!(ids(&search(&idx, "nuwowcs nongs"))[0], 2, "Telex spells nóng");
    assert_eq!(ids(&search(&idx, "nu7o7c no6ng"))[0], 1, "VNI spells nông");
}

#[test]
fn tone_placement_old_and_new() {
    let idx = index_of(&[article(1, "Hòa giải ở cơ sở", "", 1), article(2, "Hoa giấy ở cơ sở", "", 9), article(3, "Thuỷ lợi", "", 2)]);
    assert_eq!(ids(&search(&idx, "hoà giải")), [1]);
    assert_eq!(ids(&search(&idx, "hoà"))[0], 1, "the exact key is canonical");
    assert_eq!(ids(&search(&idx, "hoa")), [2, 1], "no marks: alike, newest first");
    assert_eq!(ids(&search(&idx, "thủy lợi")), [3]);
}

#[test]
fn field_order_title_lead_body_extra() {
    let mut docs = Vec::new();
    for (id, field) in [(1, "extra"), (2, "body"), (3, "lead"), (4, "title")] {
        let mut d = article(id, "Tin", "Nội dung.", 10 - id);
        let text = "đường dây nóng".to_owned();
        match field {
            "title" => d.title = format!("Tin {text}"),
            "lead" => d.lead = text,
            "body" => d.body = format!("Nội dung {text}."),
            _ => d.captions = vec![text],
        }
        docs.push(d);
    }
    let idx = index_of(&docs);
    assert_eq!(ids(&search(&idx, "đường dây nóng")), [4, 3, 2, 1]);
}

#[test]
fn phrase_then_proximity_then_scattered() {
    let idx = index_of(&[
        article(1, "Tin", "dây điện trên đường nóng quá", 9),
        article(2, "Tin", "đường dây điện nóng", 8),
        article(3, "Tin", "đường dây nóng", 1),
    ]);
    assert_eq!(ids(&search(&idx, "đường dây nóng")), [3, 2, 1]);
}

#[test]
fn a_quoted_phrase_is_checked_word_by_word_and_pairs_apart_are_not_the_phrase() {
    let idx = index_of(&[
        // each pair of "dân vận khéo" stands somewhere, the three never together
        article(1, "Tin", "công tác dân vận; vận khéo léo", 9),
        article(2, "Tin", "phong trào dân vận khéo", 1),
        article(3, "Tin", "dân vận rất khéo", 5),
    ]);
    assert_eq!(ids(&search(&idx, "\"dân vận khéo\"")), [2]);
    let loose = search(&idx, "dân vận khéo");
    assert_eq!(loose.total, 3);
    assert_eq!(ids(&loose)[0], 2, "the phrase first");
    let mut two = ids(&search(&idx, "\"dân vận\""));
    two.sort_unstable();
    assert_eq!(two, [1, 2, 3], "two quoted words: their pair");
    assert_eq!(search(&idx, "\"vận dân\"").total, 0, "in order");
}

#[test]
fn plain_word_above_its_telex_reading() {
    let idx = index_of(&[article(1, "có", "", 9), article(2, "cos", "", 1)]);
    assert_eq!(ids(&search(&idx, "cos")), [2, 1]);
    assert_eq!(ids(&search(&idx, "có")), [1]);
}

#[test]
fn glossary_both_ways_and_replaceable() {
    let idx = index_of(&[article(1, "Học sinh DTTS", "", 1), article(2, "Học sinh dân tộc thiểu số", "", 2), article(3, "Học sinh", "", 3)]);
    assert_eq!(search(&idx, "học sinh DTTS").total, 2);
    assert_eq!(search(&idx, "hoc sinh dan toc thieu so").total, 2);
    idx.set_glossary(danvan_text::Glossary::new([("HS", "học sinh")]));
    assert_eq!(search(&idx, "DTTS").total, 1);
    assert_eq!(search(&idx, "HS").total, 3);
}

#[test]
fn most_words_first_when_none_has_all() {
    let idx = index_of(&[article(1, "dân vận", "", 1), article(2, "dân vận khéo", "", 0), article(3, "khéo", "", 2)]);
    let h = search(&idx, "dân vận khéo xyzzy");
    assert!(!h.all_words);
    assert_eq!((h.total, ids(&h)[0]), (3, 2));
    assert!(search(&idx, "dân vận").all_words);
}

#[test]
fn an_unfinished_last_word_matches_the_words_it_begins() {
    let idx = index_of(&[
        article(1, "Xây dựng nông thôn mới", "", 1),
        article(2, "Nông dân thi đua", "", 2),
        article(3, "Thành phố", "Nông nghiệp sạch.", 3),
        article(4, "Công tác dân vận", "", 4),
        article(5, "Dân và cán bộ", "", 5),
    ]);
    let h = search(&idx, "nông th");
    assert_eq!((h.total, ids(&h)[0]), (3, 1), "thôn, thi, thành; the phrase first: {:?}", ids(&h));
    assert!(!search(&idx, "nông th ").all_words, "a space after it: a whole word, in no entry");
    assert_eq!(ids(&search(&idx, "dân vậ"))[0], 4, "the marks as typed: vận above và");
    assert_eq!(ids(&search(&idx, "cong ta")), [4]);
    assert!(!search(&idx, "nông t").all_words, "one letter is not completed");
    assert_eq!(ids(&search(&idx, "xây dựng nông thôn mới")), [1]);
}

#[test]
fn odd_input_never_fails() {
    let idx = index_of(&[article(1, "Dân vận khéo và hiệu quả", "của các cấp", 1)]);
    let long = "đường dây nóng ".repeat(700);
    let huge_word = "x".repeat(10_000);
    for q in ["", "   ", "\"", "\"\"", "và của các", "\u{0}\u{1B}[31m\u{7F}", "—…!?", long.as_str(), huge_word.as_str(), "\u{0301}a", "\"dân", "d9uo7ng2 ", "ĐĂK"] {
        assert!(idx.search(&SearchQuery::new(q)).is_ok(), "{q:?}");
    }
    assert_eq!(search(&idx, "").total, 0);
    assert_eq!(search(&idx, "và của các").total, 1, "stop words are words");
    assert_eq!(search(&idx, "dân vận\u{0}\u{1B}").total, 1, "control characters dropped");
    assert_eq!(search(&idx, "dân\u{0}vận").total, 0, "dropped, not a space: one word");
    assert_eq!(search(&idx, &long).total, 0);
    assert!(search(&idx, "dân vận ".repeat(5_000).as_str()).total == 1);
}

#[test]
fn similar_entries_share_the_most_words_and_skip_the_entry_itself() {
    let mut docs = vec![
        article(1, "Mô hình nuôi bò sinh sản", "Hội Nông dân xã hỗ trợ bò giống cho hộ nghèo, bò sinh sản tốt.", 1),
        article(2, "Nuôi bò sinh sản giúp hộ nghèo", "Hộ nghèo nhận bò giống, bò sinh sản sau một năm.", 2),
        article(3, "Làm đường giao thông nông thôn", "Nhân dân hiến đất làm đường.", 3),
        article(4, "Bò sinh sản ở thôn 5", "Mô hình bò sinh sản lan sang thôn 5.", 9999),
    ];
    let mut doc = Doc::new(Kind::Document, 2, "Nuôi bò sinh sản");
    doc.body = "bò sinh sản hộ nghèo".to_owned();
    docs.push(doc);
    let idx = index_of(&docs);
    let words = ["nuoi", "bo", "sinh", "san", "ho", "ngheo", "giong"];
    let hits = idx.similar(&words, Kind::Article, 1, day(10), 10).unwrap();
    assert_eq!(ids(&Hits { total: hits.len(), hits: hits.clone(), all_words: true }), [2], "itself, the document, the unrelated and the scheduled one skipped: {hits:?}");
    assert!(idx.similar(&words, Kind::Article, 1, day(10_000), 10).unwrap().iter().any(|h| h.id == 4), "published by then");
    assert!(idx.similar(&["lam", "duong"], Kind::Article, 0, day(10), 10).unwrap().iter().map(|h| h.id).eq([3]));
    assert!(idx.similar(&["", "bò"], Kind::Article, 0, day(10), 10).unwrap().is_empty(), "folded words only");
    assert!(idx.similar(&words, Kind::Article, 1, day(10), 0).unwrap().is_empty());
}
