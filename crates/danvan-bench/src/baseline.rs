//! The baseline: a naive scan of `search_doc` with `LIKE '%…%'` on the folded
//! columns, what one would write without a full-text engine.
//!
//! The query is folded as the columns are ([`search_fold`]: [`danvan_text::fold`],
//! punctuation to spaces, letters and digits apart); a quoted phrase is one
//! pattern, every other word is its own pattern. Every pattern must occur in
//! one of the folded columns (title, lead, body, extra); the same filters as
//! [`danvan_store::Store::search`] apply (published, category, date range);
//! the newest ten are returned. No glossary expansion, no word boundaries,
//! no ranking: the baseline is a floor on the work a search must do without
//! an index (a full scan of the table), not an equivalent search.

use chrono::{DateTime, Utc};
use danvan_domain::search::{folded_words, search_fold};
use danvan_store::SearchFilter;
use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection, Statement, Value};

/// The `LIKE` patterns of a query (without the `%`).
pub fn patterns(raw: &str) -> Vec<String> {
    let folded = search_fold(&danvan_text::normalize_input(raw));
    let mut out = Vec::new();
    for (i, part) in folded.split('"').enumerate() {
        let words: Vec<&str> = folded_words(part).collect();
        if words.is_empty() {
            continue;
        }
        if i % 2 == 1 {
            out.push(words.join(" "));
        } else {
            out.extend(words.into_iter().map(str::to_owned));
        }
    }
    out
}

/// Runs the scan; returns the `ref_id`s found (at most 10, newest first).
pub async fn like_search(
    db: &DatabaseConnection,
    backend: DatabaseBackend,
    raw: &str,
    filter: &SearchFilter,
    now: DateTime<Utc>,
) -> Result<Vec<i32>, sea_orm::DbErr> {
    let pats = patterns(raw);
    if pats.is_empty() {
        return Ok(Vec::new());
    }
    let mut values: Vec<Value> = vec![now.into()];
    let mut sql = String::from("SELECT d.ref_id FROM search_doc d WHERE d.kind = 'article' AND d.published_at <= $1");
    for p in pats {
        // folded words are [a-z0-9] and single spaces: nothing to escape
        let pattern = format!("%{p}%");
        let mut ors = Vec::with_capacity(4);
        for col in ["title", "lead", "body", "extra"] {
            values.push(pattern.clone().into());
            ors.push(format!("d.{col} LIKE ${}", values.len()));
        }
        sql.push_str(&format!(" AND ({})", ors.join(" OR ")));
    }
    if let Some(c) = filter.category_id {
        values.push(c.into());
        sql.push_str(&format!(" AND d.category_id = ${}", values.len()));
    }
    if let Some(f) = filter.from {
        values.push(f.into());
        sql.push_str(&format!(" AND d.published_at >= ${}", values.len()));
    }
    if let Some(u) = filter.until {
        values.push(u.into());
        sql.push_str(&format!(" AND d.published_at < ${}", values.len()));
    }
    sql.push_str(" ORDER BY d.published_at DESC, d.ref_id DESC LIMIT 10");
    let rows = db.query_all_raw(Statement::from_sql_and_values(backend, sql, values)).await?;
    rows.iter().map(|r| r.try_get::<i32>("", "ref_id")).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn patterns_fold_words_and_keep_phrases() {
        assert_eq!(super::patterns("Đồng bào \"Dân vận KHÉO\" nông th"), ["dong", "bao", "dan van kheo", "nong", "th"]);
        assert_eq!(super::patterns("KT-XH số136"), ["kt", "xh", "so", "136"]);
        assert!(super::patterns(" \" ! ").is_empty());
    }
}
