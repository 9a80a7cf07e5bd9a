//! The bench's bulk loader: what `Store::import_article` stores for an
//! article (the article row, its figures, its `search_doc` row), written a
//! thousand articles per transaction through the store's own entities, so
//! that 100 000 articles load in minutes.
//!
//! `Store::import_article` also computes the article's related list (and
//! refreshes its neighbours' lists) and records its document references; the
//! bulk loader leaves both out: search reads neither. The search fields are
//! built as the store's `index_article` builds them ([`index_fields`]);
//! [`check_against_store`] compares them with what the store wrote for the
//! articles it imported itself, so that a change in the store's indexing
//! shows up as a warning instead of silently skewing the figures.

use crate::generator::Generator;
use anyhow::{Context, Result};
use danvan_import::Block;
use danvan_store::entity::{article, figure, search_doc};
use danvan_store::{KIND_ARTICLE, body_html_from_blocks, plain_text};
use danvan_domain::search::search_fold;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
    TransactionTrait,
};
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::time::Instant;

/// Articles per transaction.
pub const BATCH: u64 = 1000;

/// Folded (title, lead, body, extra) of an article, as the store indexes it:
/// the body is the plain text of the stored HTML, extra the byline and the
/// figure captions one per line.
pub fn index_fields(
    title: &str,
    lead: Option<&str>,
    body_html: &str,
    byline: Option<&str>,
    captions: &[&str],
) -> (String, String, String, String) {
    // as the store writes it: the byline and the captions that are not blank, one per line
    let extra: Vec<&str> = std::iter::once(byline.unwrap_or_default()).chain(captions.iter().copied().filter(|c| !c.trim().is_empty())).filter(|t| !t.is_empty()).collect();
    (search_fold(title), search_fold(lead.unwrap_or("")), search_fold(&plain_text(body_html)), search_fold(&extra.join("\n")))
}

/// A slug from `title` that is not in `taken` (as the store's `unique_slug`:
/// the slug of the title, then `-2`, `-3`, …); marks it taken.
fn unique_slug(taken: &mut HashSet<String>, title: &str) -> String {
    let mut base = danvan_text::slugify(title);
    if base.is_empty() {
        base = "bai-viet".to_owned();
    }
    let mut candidate = base.clone();
    let mut n = 1;
    while taken.contains(&candidate) {
        n += 1;
        candidate = format!("{base}-{n}");
    }
    taken.insert(candidate.clone());
    candidate
}

/// Loads articles `range` of the generator; calls `progress(done)` after
/// every transaction. Returns how many were loaded.
pub async fn load(
    conn: &DatabaseConnection,
    g: &Generator,
    range: Range<u64>,
    categories: &HashMap<String, i32>,
    mut progress: impl FnMut(u64),
) -> Result<u64> {
    let mut taken: HashSet<String> = article::Entity::find()
        .select_only()
        .column(article::Column::Slug)
        .into_tuple::<String>()
        .all(conn)
        .await?
        .into_iter()
        .collect();
    let mut done = 0;
    let mut start = range.start;
    while start < range.end {
        let end = (start + BATCH).min(range.end);
        let tx = conn.begin().await?;
        let mut figures = Vec::new();
        let mut docs = Vec::new();
        for i in start..end {
            let generated = g.article(i);
            let a = &generated.article;
            let category_id = *categories.get(generated.category_slug).context("unknown category")?;
            let body_html = body_html_from_blocks(&a.blocks);
            let t = danvan_store::now();
            let stored = article::ActiveModel {
                slug: Set(unique_slug(&mut taken, &a.title)),
                title: Set(a.title.clone()),
                lead: Set(a.lead.clone()),
                body_html: Set(body_html.clone()),
                byline: Set(a.byline.clone()),
                category_id: Set(Some(category_id)),
                status: Set(danvan_domain::editorial::ArticleStatus::Published.as_str().to_owned()),
                published_at: Set(Some(generated.published_at)),
                created_at: Set(t),
                updated_at: Set(t),
                is_sample: Set(false),
                source_hash: Set(Some(a.content_hash())),
                rating_sum: Set(0),
                rating_count: Set(0),
                version: Set(1),
                ..Default::default()
            }
            .insert(&tx)
            .await
            .with_context(|| format!("insert article {i}"))?;
            let mut captions = Vec::new();
            for b in &a.blocks {
                if let Block::Figure { caption, alt, image_source } = b {
                    captions.push(caption.as_str());
                    figures.push(figure::ActiveModel {
                        article_id: Set(stored.id),
                        position: Set(captions.len() as i32),
                        image_url: Set(None),
                        image_source: Set(image_source.clone()),
                        alt: Set(alt.clone()),
                        caption: Set(caption.clone()),
                        credit: Set(None),
                        ..Default::default()
                    });
                }
            }
            let (title, lead, body, extra) =
                index_fields(&a.title, a.lead.as_deref(), &body_html, a.byline.as_deref(), &captions);
            docs.push(search_doc::ActiveModel {
                kind: Set(KIND_ARTICLE.to_owned()),
                ref_id: Set(stored.id),
                title: Set(title),
                lead: Set(lead),
                body: Set(body),
                extra: Set(extra),
                category_id: Set(Some(category_id)),
                published_at: Set(Some(generated.published_at)),
                ..Default::default()
            });
        }
        // a few hundred rows per statement keeps well under both engines'
        // limits on bound values
        while !figures.is_empty() {
            let rest = figures.split_off(figures.len().min(500));
            figure::Entity::insert_many(std::mem::replace(&mut figures, rest)).exec(&tx).await.context("insert figures")?;
        }
        while !docs.is_empty() {
            let rest = docs.split_off(docs.len().min(500));
            search_doc::Entity::insert_many(std::mem::replace(&mut docs, rest)).exec(&tx).await.context("insert search_doc")?;
        }
        tx.commit().await?;
        done += end - start;
        progress(done);
        start = end;
    }
    Ok(done)
}

/// Compares the search fields the store wrote for `slugs` (articles it
/// imported) with [`index_fields`]; returns (checked, differences).
pub async fn check_against_store(conn: &DatabaseConnection, slugs: &[String]) -> Result<(usize, Vec<String>)> {
    let mut checked = 0;
    let mut differences = Vec::new();
    for slug in slugs {
        let Some(a) = article::Entity::find().filter(article::Column::Slug.eq(slug)).one(conn).await? else {
            differences.push(format!("{slug}: article not found"));
            continue;
        };
        let figures =
            figure::Entity::find().filter(figure::Column::ArticleId.eq(a.id)).order_by_asc(figure::Column::Position).all(conn).await?;
        let captions: Vec<&str> = figures.iter().map(|f| f.caption.as_str()).collect();
        let Some(doc) = search_doc::Entity::find()
            .filter(search_doc::Column::Kind.eq(KIND_ARTICLE))
            .filter(search_doc::Column::RefId.eq(a.id))
            .one(conn)
            .await?
        else {
            differences.push(format!("{slug}: no search_doc row"));
            continue;
        };
        checked += 1;
        let (title, lead, body, extra) = index_fields(&a.title, a.lead.as_deref(), &a.body_html, a.byline.as_deref(), &captions);
        for (name, ours, theirs) in [("title", &title, &doc.title), ("lead", &lead, &doc.lead), ("body", &body, &doc.body), ("extra", &extra, &doc.extra)] {
            if ours != theirs {
                differences.push(format!("{slug}: {name} differs"));
            }
        }
        if doc.category_id != a.category_id || doc.published_at != a.published_at {
            differences.push(format!("{slug}: category or date differs"));
        }
    }
    Ok((checked, differences))
}

/// Seconds since `t`.
pub fn secs(t: Instant) -> f64 {
    t.elapsed().as_secs_f64()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_unique_like_the_store() {
        let mut taken = HashSet::new();
        assert_eq!(unique_slug(&mut taken, "Dân vận khéo"), "dan-van-kheo");
        assert_eq!(unique_slug(&mut taken, "Dân vận khéo"), "dan-van-kheo-2");
        assert_eq!(unique_slug(&mut taken, "Dân vận khéo"), "dan-van-kheo-3");
        assert_eq!(unique_slug(&mut taken, "!!!"), "bai-viet");
    }

    #[test]
    fn fields_are_folded() {
        let (t, l, b, e) = index_fields("Đồng bào", None, "<p>A &amp; Ð số136-KH</p>", Some("Bài: Qúy"), &["Ảnh 1"]);
        assert_eq!((t.as_str(), l.as_str(), e.as_str()), ("dong bao", "", "bai  quy\nanh 1"));
        assert_eq!(b, "a   d so 136 kh");
    }
}
