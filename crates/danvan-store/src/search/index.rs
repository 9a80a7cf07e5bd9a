//! The search index and related articles: one entry per published article,
//! document or approved public registry record (folded text by field), kept
//! in the same transaction as the change; related lists computed from shared words, tags and category.

use crate::entity::{article, document, figure, org_unit, registry_model, related_article, search_doc};
use crate::{Backend, StoreResult, now};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, Statement};
use crate::dialect::sea_backend;
use super::{KIND_ARTICLE, KIND_DOCUMENT, KIND_MODEL};
use danvan_domain::registry::{Field, ModelKind, Period};
use sea_orm::Value;
use danvan_docref::DocNumber;
use crate::views::{plain_text, type_from_code};
use danvan_domain::editorial::ArticleStatus;
use danvan_domain::related::{Keywords, relatedness, top};
use danvan_domain::search::search_fold;

/// Published articles (other than `except`) whose folded text has any of
/// `words` (each `[a-z0-9]+`): `(id, folded title, folded body, category)`,
/// best engine rank first, at most `limit`.
async fn articles_with_any<C: ConnectionTrait>(
    db: &C,
    backend: Backend,
    words: &[&str],
    except: i32,
    limit: u64,
    title_only: bool,
) -> StoreResult<Vec<(i32, String, String, Option<i32>)>> {
    let words: Vec<&str> = words.iter().copied().filter(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_alphanumeric())).collect();
    if words.is_empty() {
        return Ok(Vec::new());
    }
    // Newest matches first, so the engine stops after `limit` rows instead
    // of ranking every article that shares a common word (the domain ranks
    // the candidates). `title_only` looks in titles only.
    let (sql, q) = crate::dialect::related_candidates_sql(backend, &words, title_only, limit);
    let stmt = Statement::from_sql_and_values(
        sea_backend(backend),
        sql,
        [Value::from(q), Value::from(except), Value::from(now())],
    );
    let mut out = Vec::new();
    for r in db.query_all_raw(stmt).await? {
        out.push((r.try_get("", "ref_id")?, r.try_get("", "title")?, r.try_get("", "body")?, r.try_get("", "category_id")?));
    }
    Ok(out)
}

/// Candidates examined when computing a related list.
pub const RELATED_CANDIDATES: u64 = 100;

/// Computes and stores the related list of `article_id` (DESIGN.md §3.1:
/// shared words and category, cached, recomputed on publish); returns the
/// ids now listed.
pub(crate) async fn compute_related<C: ConnectionTrait>(db: &C, backend: Backend, article_id: i32) -> StoreResult<Vec<i32>> {
    related_article::Entity::delete_many().filter(related_article::Column::ArticleId.eq(article_id)).exec(db).await?;
    let Some(doc) = search_doc::Entity::find()
        .filter(search_doc::Column::Kind.eq(KIND_ARTICLE))
        .filter(search_doc::Column::RefId.eq(article_id))
        .one(db)
        .await?
    else {
        return Ok(Vec::new());
    };
    let mine = Keywords::of(&doc.title, &doc.body);
    let words: Vec<&str> = mine.all().into_iter().collect();
    // Articles sharing a title word (the strongest signal), then the newest
    // sharing any keyword.
    let title_words: Vec<&str> = mine.title.iter().map(String::as_str).collect();
    let mut candidates = articles_with_any(db, backend, &title_words, article_id, RELATED_CANDIDATES, true).await?;
    for c in articles_with_any(db, backend, &words, article_id, RELATED_CANDIDATES / 2, false).await? {
        if !candidates.iter().any(|x| x.0 == c.0) {
            candidates.push(c);
        }
    }
    // Shared tags (DESIGN.md §3.1): the article's tags against each candidate's.
    let mut ids: Vec<i32> = candidates.iter().map(|c| c.0).collect();
    ids.push(article_id);
    let links = crate::entity::article_tag::Entity::find()
        .filter(crate::entity::article_tag::Column::ArticleId.is_in(ids))
        .all(db)
        .await?;
    let my_tags: Vec<i32> = links.iter().filter(|l| l.article_id == article_id).map(|l| l.tag_id).collect();
    let shared = |id: i32| links.iter().filter(|l| l.article_id == id && my_tags.contains(&l.tag_id)).count();
    let scored = candidates
        .iter()
        .map(|(id, title, body, cat)| {
            let theirs = Keywords::of(title, body);
            (*id, relatedness(&mine, &theirs, doc.category_id.is_some() && *cat == doc.category_id, shared(*id)))
        })
        .collect();
    let best = top(scored);
    for (position, (related_id, score)) in best.iter().enumerate() {
        related_article::ActiveModel {
            article_id: Set(article_id),
            related_id: Set(*related_id),
            position: Set(position as i32),
            score: Set(*score),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(best.into_iter().map(|(id, _)| id).collect())
}

/// Computes the related list of a newly published article and refreshes
/// the lists of the articles it is related to, so that they list it too.
pub(crate) async fn refresh_related<C: ConnectionTrait>(db: &C, backend: Backend, article_id: i32) -> StoreResult<()> {
    for neighbour in compute_related(db, backend, article_id).await? {
        compute_related(db, backend, neighbour).await?;
    }
    Ok(())
}

/// Builds the folded search fields of an article and writes them, in the
/// caller's transaction (so the index changes with the article).
pub(crate) async fn index_article<C: ConnectionTrait>(db: &C, article_id: i32) -> StoreResult<()> {
    let Some(a) = article::Entity::find_by_id(article_id).one(db).await? else {
        return Ok(());
    };
    let existing = search_doc::Entity::find()
        .filter(search_doc::Column::Kind.eq(KIND_ARTICLE))
        .filter(search_doc::Column::RefId.eq(article_id))
        .one(db)
        .await?;
    if a.status != ArticleStatus::Published.as_str() {
        if let Some(d) = existing {
            search_doc::Entity::delete_by_id(d.id).exec(db).await?;
        }
        return Ok(());
    }
    let figures = figure::Entity::find().filter(figure::Column::ArticleId.eq(article_id)).all(db).await?;
    let mut extra = a.byline.clone().unwrap_or_default();
    for f in &figures {
        extra.push('\n');
        extra.push_str(&f.caption);
    }
    let doc = search_doc::ActiveModel {
        kind: Set(KIND_ARTICLE.to_owned()),
        ref_id: Set(article_id),
        title: Set(search_fold(&a.title)),
        lead: Set(search_fold(a.lead.as_deref().unwrap_or(""))),
        body: Set(search_fold(&plain_text(&a.body_html))),
        extra: Set(search_fold(&extra)),
        category_id: Set(a.category_id),
        published_at: Set(a.published_at),
        ..Default::default()
    };
    match existing {
        Some(d) => {
            let mut m = doc;
            m.id = Set(d.id);
            m.update(db).await?;
        }
        None => {
            doc.insert(db).await?;
        }
    }
    Ok(())
}


/// Builds the folded search fields of a library document and writes them,
/// in the caller's transaction: title "<type name> <number>", lead the
/// issuer, body the summary, extra the number's search tokens ("136 hu kh",
/// so that every spelling of the number finds it); dated by the issue day
/// (00:00 in Vietnam) or, without one, by when it was added.
pub(crate) async fn index_document<C: ConnectionTrait>(db: &C, document_id: i32) -> StoreResult<()> {
    let Some(d) = document::Entity::find_by_id(document_id).one(db).await? else {
        return Ok(());
    };
    let existing = search_doc::Entity::find()
        .filter(search_doc::Column::Kind.eq(KIND_DOCUMENT))
        .filter(search_doc::Column::RefId.eq(document_id))
        .one(db)
        .await?;
    let type_name = type_from_code(&d.doc_type).map(|t| t.name().to_owned()).unwrap_or_else(|| d.doc_type.clone());
    let mut tokens = vec![d.number.to_string()];
    if let Ok(n) = DocNumber::parse(&d.number_text) {
        tokens.extend(n.search_tokens());
    }
    let doc = search_doc::ActiveModel {
        kind: Set(KIND_DOCUMENT.to_owned()),
        ref_id: Set(document_id),
        title: Set(search_fold(&format!("{type_name} {}", d.number_text))),
        lead: Set(search_fold(&d.issuer_name)),
        body: Set(search_fold(&d.summary)),
        extra: Set(search_fold(&tokens.join(" "))),
        category_id: Set(None),
        published_at: Set(Some(d.issued_on.map(danvan_domain::time::vietnam_day_start).unwrap_or(d.created_at))),
        ..Default::default()
    };
    match existing {
        Some(e) => {
            let mut m = doc;
            m.id = Set(e.id);
            m.update(db).await?;
        }
        None => {
            doc.insert(db).await?;
        }
    }
    Ok(())
}

/// Builds the folded search fields of registry record `model_id` and
/// writes them, or removes its entry, in the caller's transaction (called
/// by `registry::record` with every change of a record). Only approved
/// public records are indexed: title the name; lead its field, kind and
/// unit; body the registration parts (in their form's order); extra the
/// area and period; dated by the registration day (00:00 in Vietnam) or,
/// without one, by when it was entered. Never a person's name or position.
pub(crate) async fn index_model<C: ConnectionTrait>(db: &C, model_id: i32) -> StoreResult<()> {
    let existing = search_doc::Entity::find()
        .filter(search_doc::Column::Kind.eq(KIND_MODEL))
        .filter(search_doc::Column::RefId.eq(model_id))
        .one(db)
        .await?;
    let m = registry_model::Entity::find_by_id(model_id).one(db).await?.filter(|m| m.approved && m.is_public);
    let Some(m) = m else {
        if let Some(d) = existing {
            search_doc::Entity::delete_by_id(d.id).exec(db).await?;
        }
        return Ok(());
    };
    let unit = org_unit::Entity::find_by_id(m.org_unit_id).one(db).await?.map(|u| u.name).unwrap_or_default();
    let name = |key: Option<&'static str>, code: &str| key.map(|k| danvan_domain::messages::t(k, danvan_domain::messages::Lang::Vi).to_owned()).unwrap_or_else(|| code.to_owned());
    let lead = [
        name(Field::from_code(&m.field).map(Field::message_key), &m.field),
        name(ModelKind::from_code(&m.kind).map(ModelKind::message_key), &m.kind),
        unit,
    ]
    .join(", ");
    let doc = search_doc::ActiveModel {
        kind: Set(KIND_MODEL.to_owned()),
        ref_id: Set(model_id),
        title: Set(search_fold(&m.name)),
        lead: Set(search_fold(&lead)),
        body: Set(search_fold(&registration_text(&m.registration))),
        extra: Set(search_fold(&format!("{} {}", m.area, Period { start: m.period_start, end: m.period_end }))),
        category_id: Set(None),
        published_at: Set(Some(m.registered_on.map(danvan_domain::time::vietnam_day_start).unwrap_or(m.created_at))),
        ..Default::default()
    };
    match existing {
        Some(e) => {
            let mut d = doc;
            d.id = Set(e.id);
            d.update(db).await?;
        }
        None => {
            doc.insert(db).await?;
        }
    }
    Ok(())
}

/// The registration parts of a record (`registry_model.registration`, a
/// JSON object by part name) as text, in the form's order, one per line.
pub(crate) fn registration_text(json: &str) -> String {
    let parts: std::collections::BTreeMap<String, String> = serde_json::from_str(json).unwrap_or_default();
    danvan_domain::registry::REGISTRATION_PARTS.iter().filter_map(|p| parts.get(*p)).map(String::as_str).collect::<Vec<_>>().join("\n")
}
