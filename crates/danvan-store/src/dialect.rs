//! Every difference between SQLite and PostgreSQL in one place: the
//! full-text candidate statements of related articles (site search is the
//! engine's, `danvan-search`, the same on both), the back-office list's status filter and
//! the SeaORM backend of a [`Backend`]. Queries elsewhere are written once
//! through SeaORM (upserts are written as find-then-insert in a write
//! transaction, and SQLite's one writer plus PostgreSQL's unique indexes
//! decide races, mapped to codes in `error.rs`). The search schema itself
//! (FTS5 table or tsvector column) is in migration 2.

use crate::Backend;

pub(crate) fn sea_backend(b: Backend) -> sea_orm::DatabaseBackend {
    match b {
        Backend::Sqlite => sea_orm::DatabaseBackend::Sqlite,
        Backend::Postgres => sea_orm::DatabaseBackend::Postgres,
    }
}

/// `article.status = status`, as the back-office list filters it. On SQLite
/// the column is written with a no-op unary plus (`+"article"."status"`), so
/// that the planner, which has no statistics until `ANALYZE`, never prefers
/// `article_published (status, published_at)` to the covering list indexes:
/// that plan reads each row, and on SQLite the row's later columns sit after
/// its 5 KB body (bench/backoffice: 140 ms instead of 5 ms at 10 000
/// articles). PostgreSQL plans from its own statistics.
pub(crate) fn list_status_is(backend: Backend, status: &str) -> sea_orm::sea_query::SimpleExpr {
    use sea_orm::ColumnTrait;
    match backend {
        Backend::Sqlite => sea_orm::sea_query::Expr::cust_with_values("+\"article\".\"status\" = ?", [status.to_owned()]),
        Backend::Postgres => crate::entity::article::Column::Status.eq(status),
    }
}

/// The candidate statement of related articles and its full-text query:
/// published articles other than `$2`, published by `$3`, whose folded text
/// (or title, with `title_only`) has any of `words` (each `[a-z0-9]+`),
/// newest first, at most `limit`. Selects `ref_id, title, body, category_id`.
pub(crate) fn related_candidates_sql(backend: Backend, words: &[&str], title_only: bool, limit: u64) -> (String, String) {
    match backend {
        Backend::Sqlite => {
            let any = words.iter().map(|w| format!("\"{w}\"")).collect::<Vec<_>>().join(" OR ");
            (
                format!(
                    "SELECT d.ref_id, d.title, d.body, d.category_id FROM \
                     (SELECT f.rowid AS id FROM search_fts f CROSS JOIN search_doc d INDEXED BY search_doc_filter ON d.id = f.rowid \
                      WHERE search_fts MATCH $1 AND d.kind = 'article' AND d.published_at <= $3 ORDER BY f.rowid DESC LIMIT {limit}) c \
                     CROSS JOIN search_doc d ON d.id = c.id WHERE d.ref_id <> $2 LIMIT {limit}"
                ),
                if title_only { format!("title : ({any})") } else { any },
            )
        }
        Backend::Postgres => (
            format!(
                "SELECT d.ref_id, d.title, d.body, d.category_id FROM search_doc d \
                 WHERE d.tsv @@ to_tsquery('simple', $1) AND d.kind = 'article' AND d.ref_id <> $2 AND d.published_at <= $3 \
                 ORDER BY d.id DESC LIMIT {limit}"
            ),
            if title_only { words.iter().map(|w| format!("{w}:A")).collect::<Vec<_>>().join(" | ") } else { words.join(" | ") },
        ),
    }
}

/// `sql` written with `?` placeholders, as `backend` wants them: `?` for
/// SQLite, `$1, $2, …` for PostgreSQL. (No `?` may appear in a literal.)
pub(crate) fn placeholders(backend: Backend, sql: &str) -> String {
    match backend {
        Backend::Sqlite => sql.to_owned(),
        Backend::Postgres => {
            let mut out = String::with_capacity(sql.len() + 16);
            let mut n = 0;
            for c in sql.chars() {
                if c == '?' {
                    n += 1;
                    out.push_str(&format!("${n}"));
                } else {
                    out.push(c);
                }
            }
            out
        }
    }
}
