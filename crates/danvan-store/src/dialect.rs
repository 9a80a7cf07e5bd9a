//! Every difference between SQLite and PostgreSQL in one place: full-text
//! match expressions (FTS5 and tsquery) and the SeaORM backend of a
//! [`Backend`]. Queries elsewhere are written once through SeaORM.

use crate::Backend;
use danvan_domain::search::Query;

/// FTS5 MATCH expression: groups AND-ed, alternatives OR-ed, words quoted
/// (only `[a-z0-9]` reach here, so quoting is enough), `*` for a prefix.
pub(crate) fn fts5_match(q: &Query) -> String {
    q.groups
        .iter()
        .map(|g| {
            let alts: Vec<String> = g
                .alternatives
                .iter()
                .map(|a| format!("\"{}\"{}", a.words.join(" "), if a.prefix { "*" } else { "" }))
                .collect();
            format!("({})", alts.join(" OR "))
        })
        .collect::<Vec<_>>()
        .join(" AND ")
}

/// tsquery text: `&` between groups, `|` between alternatives, `<->` within
/// phrases, `:*` for a prefix.
pub(crate) fn tsquery(q: &Query) -> String {
    q.groups
        .iter()
        .map(|g| {
            let alts: Vec<String> = g
                .alternatives
                .iter()
                .map(|a| {
                    let mut s = a.words.join(" <-> ");
                    if a.prefix {
                        s.push_str(":*");
                    }
                    format!("({s})")
                })
                .collect();
            format!("({})", alts.join(" | "))
        })
        .collect::<Vec<_>>()
        .join(" & ")
}

/// [`tsquery`] restricted to lexemes of one weight (`A`: the title).
pub(crate) fn tsquery_weighted(q: &Query, weight: char) -> String {
    q.groups
        .iter()
        .map(|g| {
            let alts: Vec<String> = g
                .alternatives
                .iter()
                .map(|a| {
                    let n = a.words.len();
                    let words: Vec<String> = a
                        .words
                        .iter()
                        .enumerate()
                        .map(|(i, w)| if a.prefix && i + 1 == n { format!("{w}:*{weight}") } else { format!("{w}:{weight}") })
                        .collect();
                    format!("({})", words.join(" <-> "))
                })
                .collect();
            format!("({})", alts.join(" | "))
        })
        .collect::<Vec<_>>()
        .join(" & ")
}

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
