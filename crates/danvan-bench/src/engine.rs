//! The search engine's part of bench/search: planted phrases (recall@10),
//! the engine built from the database (entries per second, size on disk),
//! and publishing one article on the full database (its search entry, the
//! engine catching up and the related lists of it and its neighbours).

use anyhow::{Context, Result};
use danvan_domain::editorial::Transition;
use danvan_domain::search::search_fold;
use danvan_store::{ArticleInput, SearchFilter, Store};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection, Statement};
use std::collections::HashSet;
use std::path::Path;
use std::time::Instant;

/// Syllables of the planted phrases: rare together, each common enough
/// alone that the phrase must be found by adjacency, not by a rare word.
const SYLLABLES: &[&str] = &[
    "khánh", "lũng", "thoả", "quỳnh", "vượng", "ngát", "huỳnh", "trạch", "phượng", "đoá", "xuyến", "thắm", "lộc", "hiển", "cẩm", "tường",
    "sương", "mận", "rẫy", "bưởi",
];

/// An article given a phrase of its own.
pub struct Planted {
    pub id: i32,
    pub phrase: String,
}

/// Appends a phrase of four syllables found in no other article to the
/// body of `count` articles spread over the ids `first..=last` (article
/// row and its `search_doc` row), before the engine is built.
pub async fn plant(conn: &DatabaseConnection, backend: DatabaseBackend, first: i32, last: i32, count: usize, seed: u64) -> Result<Vec<Planted>> {
    let mut rng = StdRng::seed_from_u64(seed ^ 0x5eed_0f_91a7);
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(count);
    let span = (last - first).max(0) as usize;
    for k in 0..count {
        let phrase = loop {
            let p: Vec<&str> = (0..4).map(|_| SYLLABLES[rng.random_range(0..SYLLABLES.len())]).collect();
            let p = p.join(" ");
            if seen.insert(p.clone()) {
                break p;
            }
        };
        let id = first + (span * k / count.max(1)) as i32;
        let html = format!("\n<p>Bà con gọi nơi ấy là {phrase}.</p>");
        let folded = format!("\n{}", search_fold(&format!("Bà con gọi nơi ấy là {phrase}.")));
        for (sql, text) in [
            ("UPDATE article SET body_html = body_html || $1 WHERE id = $2", html),
            ("UPDATE search_doc SET body = body || $1 WHERE kind = 'article' AND ref_id = $2", folded),
        ] {
            conn.execute_raw(Statement::from_sql_and_values(backend, sql, [text.into(), id.into()])).await.with_context(|| format!("plant in article {id}"))?;
        }
        out.push(Planted { id, phrase });
    }
    Ok(out)
}

/// Of every planted phrase asked as typed and without marks, the share
/// whose article is on the first page of ten: (found, asked).
pub async fn recall(store: &Store, planted: &[Planted]) -> Result<(usize, usize)> {
    let mut found = 0;
    let mut asked = 0;
    for p in planted {
        for q in [p.phrase.clone(), danvan_text::fold(&p.phrase)] {
            asked += 1;
            let page = store.search().query(&q, &SearchFilter::default(), 1, 10).await.with_context(|| format!("search {q:?}"))?;
            if page.hits.iter().any(|h| h.article().is_some_and(|a| a.id == p.id)) {
                found += 1;
            }
        }
    }
    Ok((found, asked))
}

/// Bytes of the files under `dir`.
pub fn folder_bytes(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    entries
        .flatten()
        .map(|e| match e.metadata() {
            Ok(m) if m.is_dir() => folder_bytes(&e.path()),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}

/// Publishes `n` new articles one after another by the site's
/// administrator: ms from the approver's step to its return (search
/// entry, engine caught up, related lists), and whether each was found by
/// search right after.
pub async fn publish(store: &Store, admin: &danvan_store::Actor, n: usize) -> Result<(Vec<f64>, usize)> {
    let mut ms = Vec::with_capacity(n);
    let mut found = 0;
    for k in 0..n {
        let title = format!("Tổ hòa giải thôn Đắk Mế {k} giúp bà con giữ tình làng nghĩa xóm");
        let input = ArticleInput {
            title: title.clone(),
            lead: Some("Tổ hòa giải ở cơ sở phát huy vai trò người có uy tín.".to_owned()),
            body_html: "<p>Tổ hòa giải thôn Đắk Mế đã hòa giải thành công nhiều vụ việc, góp phần xây dựng khối đại đoàn kết toàn dân tộc ở khu dân cư.</p>".to_owned(),
            ..Default::default()
        };
        let id = store.articles().create_article(admin, input).await.context("create an article")?;
        let t = Instant::now();
        store.articles().transition_article(admin, id, Transition::Publish, None, None).await.context("publish it")?;
        ms.push(t.elapsed().as_secs_f64() * 1000.0);
        let page = store.search().query(&format!("\"Đắk Mế {k}\""), &SearchFilter::default(), 1, 10).await?;
        if page.hits.iter().any(|h| h.article().is_some_and(|a| a.id == id)) {
            found += 1;
        }
    }
    Ok((ms, found))
}
