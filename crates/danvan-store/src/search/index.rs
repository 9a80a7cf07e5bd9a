//! The search index and related articles: one entry per published article,
//! document or approved public registry record (folded text by field), kept
//! in the same transaction as the change; related lists computed from shared words, tags and category.

use crate::entity::{article, document, figure, org_unit, registry_model, related_article, search_change, search_doc};
use std::collections::HashMap;
use danvan_search::{Doc, Kind};
use crate::{Store, StoreResult, now};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use super::KIND_ARTICLE;
use danvan_domain::registry::{Field, ModelKind, Period};
use danvan_docref::DocNumber;
use crate::views::{plain_text, type_from_code};
use danvan_domain::editorial::ArticleStatus;
use danvan_domain::related::{Keywords, relatedness, top};
use danvan_domain::search::search_fold;

/// Candidates examined when computing a related list.
pub const RELATED_CANDIDATES: u64 = 100;

/// Computes and stores the related list of `article_id` (DESIGN.md §3.1:
/// shared words and category, cached, recomputed on publish); returns the
/// ids now listed.
///
/// The candidates are the [`RELATED_CANDIDATES`] published articles the
/// search engine ranks best for the article's keywords (its title words
/// and its most frequent body words, [`Keywords`]), so that the cost does
/// not grow with the number of articles; their `search_doc` rows are then
/// scored by the domain ([`relatedness`]: shared words, category, tags).
pub(crate) async fn compute_related<C: ConnectionTrait>(db: &C, store: &Store, article_id: i32) -> StoreResult<Vec<i32>> {
    Ok(related_scored(db, store, article_id).await?.into_iter().map(|(id, _)| id).collect())
}

/// [`compute_related`] with each listed article's score.
async fn related_scored<C: ConnectionTrait>(db: &C, store: &Store, article_id: i32) -> StoreResult<Vec<(i32, f64)>> {
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
    let index = store.engine.index.clone();
    let (words_owned, except, until) = (words.iter().map(|w| (*w).to_owned()).collect::<Vec<String>>(), i64::from(article_id), now());
    let hits = tokio::task::spawn_blocking(move || {
        let words: Vec<&str> = words_owned.iter().map(String::as_str).collect();
        index.similar(&words, Kind::Article, except, until, RELATED_CANDIDATES as usize)
    })
    .await
    .map_err(|e| crate::StoreError::Search(e.to_string()))??;
    let ids: Vec<i32> = hits.iter().filter_map(|h| i32::try_from(h.id).ok()).collect();
    let candidates: Vec<(i32, String, String, Option<i32>)> = search_doc::Entity::find()
        .filter(search_doc::Column::Kind.eq(KIND_ARTICLE))
        .filter(search_doc::Column::RefId.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|d| (d.ref_id, d.title, d.body, d.category_id))
        .collect();
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
    store_list(db, article_id, &best).await?;
    Ok(best)
}

/// Writes the related list of `article_id` (its rows deleted before).
async fn store_list<C: ConnectionTrait>(db: &C, article_id: i32, best: &[(i32, f64)]) -> StoreResult<()> {
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
    Ok(())
}

/// Computes the related list of a newly published (or changed) article
/// and puts it in the lists of the articles it lists, where it ranks
/// ([`top`]): [`relatedness`] is symmetric (shared words, same category,
/// shared tags), so the score an article gives its neighbour is the
/// neighbour's score for it, and the rest of the neighbour's list stands.
/// One engine query per publication, not one per neighbour.
pub(crate) async fn refresh_related<C: ConnectionTrait>(db: &C, store: &Store, article_id: i32) -> StoreResult<()> {
    let neighbours = related_scored(db, store, article_id).await?;
    if neighbours.is_empty() {
        return Ok(());
    }
    // every neighbour's list in one read
    let mut lists: HashMap<i32, Vec<(i32, f64)>> = HashMap::new();
    for r in related_article::Entity::find()
        .filter(related_article::Column::ArticleId.is_in(neighbours.iter().map(|(id, _)| *id)))
        .order_by_asc(related_article::Column::ArticleId)
        .order_by_asc(related_article::Column::Position)
        .all(db)
        .await?
    {
        lists.entry(r.article_id).or_default().push((r.related_id, r.score));
    }
    for (neighbour, score) in neighbours {
        let now_listed = lists.remove(&neighbour).unwrap_or_default();
        let mut scored: Vec<(i32, f64)> = now_listed.iter().copied().filter(|(id, _)| *id != article_id).collect();
        scored.push((article_id, score));
        let best = top(scored);
        if best != now_listed {
            related_article::Entity::delete_many().filter(related_article::Column::ArticleId.eq(neighbour)).exec(db).await?;
            store_list(db, neighbour, &best).await?;
        }
    }
    Ok(())
}

/// The engine's entry of `(kind, id)` built from its database row, or
/// `None` when the row is gone or not public (an article not published, a
/// registry record not approved and public). One builder feeds both the
/// engine ([`Doc`], texts as written, marks kept) and the database's
/// `search_doc` row (the same fields folded, for related articles).
///
/// What goes where: an article its title, lead, body text, photo captions
/// and byline; a library document title "<type name> <number>", lead the
/// issuer, body the summary, extra the number's search tokens ("136 hu
/// kh", so that every spelling of the number finds it), dated by the issue
/// day (00:00 in Vietnam) or, without one, by when it was added; a registry
/// record title its name, lead its field, kind and unit, body the
/// registration parts (in their form's order), extra the area and period,
/// dated by the registration day or, without one, by when it was entered
/// (never a person's name or position).
pub(crate) async fn entry<C: ConnectionTrait>(db: &C, kind: Kind, id: i32) -> StoreResult<Option<Doc>> {
    match kind {
        Kind::Article => {
            let Some(a) = article::Entity::find_by_id(id).one(db).await? else { return Ok(None) };
            if a.status != ArticleStatus::Published.as_str() {
                return Ok(None);
            }
            let figures = figure::Entity::find().filter(figure::Column::ArticleId.eq(id)).all(db).await?;
            Ok(Some(article_doc(a, figures.into_iter().map(|f| f.caption).filter(|c| !c.trim().is_empty()).collect())))
        }
        Kind::Document => {
            let Some(r) = document::Entity::find_by_id(id).one(db).await? else { return Ok(None) };
            let type_name = type_from_code(&r.doc_type).map(|t| t.name().to_owned()).unwrap_or_else(|| r.doc_type.clone());
            let mut tokens = vec![r.number.to_string()];
            if let Ok(n) = DocNumber::parse(&r.number_text) {
                tokens.extend(n.search_tokens());
            }
            let mut d = Doc::new(Kind::Document, i64::from(id), format!("{type_name} {}", r.number_text));
            d.lead = r.issuer_name;
            d.body = r.summary;
            d.extra = tokens.join(" ");
            d.published_at = Some(r.issued_on.map(danvan_domain::time::vietnam_day_start).unwrap_or(r.created_at));
            Ok(Some(d))
        }
        Kind::Model => {
            let Some(m) = registry_model::Entity::find_by_id(id).one(db).await?.filter(|m| m.approved && m.is_public) else { return Ok(None) };
            let unit = org_unit::Entity::find_by_id(m.org_unit_id).one(db).await?.map(|u| u.name).unwrap_or_default();
            let name = |key: Option<&'static str>, code: &str| key.map(|k| danvan_domain::messages::t(k, danvan_domain::messages::Lang::Vi).to_owned()).unwrap_or_else(|| code.to_owned());
            let lead = [
                name(Field::from_code(&m.field).map(Field::message_key), &m.field),
                name(ModelKind::from_code(&m.kind).map(ModelKind::message_key), &m.kind),
                unit,
            ]
            .join(", ");
            let mut d = Doc::new(Kind::Model, i64::from(id), m.name);
            d.lead = lead;
            d.body = registration_text(&m.registration);
            d.extra = format!("{} {}", m.area, Period { start: m.period_start, end: m.period_end });
            d.unit_id = Some(i64::from(m.org_unit_id));
            d.published_at = Some(m.registered_on.map(danvan_domain::time::vietnam_day_start).unwrap_or(m.created_at));
            Ok(Some(d))
        }
    }
}

/// The engine's entries of `ids` of one `kind`, as [`entry`] builds them
/// one by one, read with two statements per call for articles (the
/// articles, then their photos) so that a rebuild of many thousands reads
/// in batches; rows gone or not public are left out.
pub(crate) async fn entries<C: ConnectionTrait>(db: &C, kind: Kind, ids: &[i32]) -> StoreResult<Vec<Doc>> {
    if kind != Kind::Article {
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            out.extend(entry(db, kind, *id).await?);
        }
        return Ok(out);
    }
    let rows = article::Entity::find()
        .filter(article::Column::Id.is_in(ids.iter().copied()))
        .filter(article::Column::Status.eq(ArticleStatus::Published.as_str()))
        .all(db)
        .await?;
    let mut captions: std::collections::HashMap<i32, Vec<String>> = std::collections::HashMap::new();
    for f in figure::Entity::find().filter(figure::Column::ArticleId.is_in(rows.iter().map(|a| a.id))).all(db).await? {
        if !f.caption.trim().is_empty() {
            captions.entry(f.article_id).or_default().push(f.caption);
        }
    }
    Ok(rows.into_iter().map(|a| {
        let c = captions.remove(&a.id).unwrap_or_default();
        article_doc(a, c)
    }).collect())
}

/// An article's entry from its row and its photo captions (in order).
fn article_doc(a: article::Model, captions: Vec<String>) -> Doc {
    let mut d = Doc::new(Kind::Article, i64::from(a.id), a.title);
    d.lead = a.lead.unwrap_or_default();
    d.body = plain_text(&a.body_html);
    d.captions = captions;
    d.byline = a.byline.unwrap_or_default();
    d.category_id = a.category_id.map(i64::from);
    d.unit_id = a.org_unit_id.map(i64::from);
    d.published_at = a.published_at;
    d
}

/// Writes the `search_doc` row of `(kind, id)` from its [`entry`] (or
/// removes it) and logs the change in `search_change`, in the caller's
/// transaction; the engine follows after the commit
/// ([`crate::search::Search::catch_up`]).
async fn write_entry<C: ConnectionTrait>(db: &C, kind: Kind, id: i32) -> StoreResult<()> {
    let existing = search_doc::Entity::find()
        .filter(search_doc::Column::Kind.eq(kind.code()))
        .filter(search_doc::Column::RefId.eq(id))
        .one(db)
        .await?;
    let doc = entry(db, kind, id).await?;
    match (doc, existing) {
        (None, None) => return Ok(()),
        (None, Some(e)) => {
            search_doc::Entity::delete_by_id(e.id).exec(db).await?;
        }
        (Some(d), existing) => {
            let extra: Vec<&str> = [d.byline.as_str()].into_iter().chain(d.captions.iter().map(String::as_str)).chain([d.extra.as_str()]).filter(|t| !t.is_empty()).collect();
            let row = search_doc::ActiveModel {
                kind: Set(kind.code().to_owned()),
                ref_id: Set(id),
                title: Set(search_fold(&d.title)),
                lead: Set(search_fold(&d.lead)),
                body: Set(search_fold(&d.body)),
                extra: Set(search_fold(&extra.join("\n"))),
                category_id: Set(d.category_id.map(|c| c as i32)),
                published_at: Set(d.published_at),
                ..Default::default()
            };
            match existing {
                Some(e) => {
                    let mut m = row;
                    m.id = Set(e.id);
                    m.update(db).await?;
                }
                None => {
                    row.insert(db).await?;
                }
            }
        }
    }
    search_change::ActiveModel { kind: Set(kind.code().to_owned()), ref_id: Set(id), at: Set(now()), ..Default::default() }.insert(db).await?;
    Ok(())
}

/// Writes (or removes) the search entry of an article, in the caller's
/// transaction (so the entry changes with the article).
pub(crate) async fn index_article<C: ConnectionTrait>(db: &C, article_id: i32) -> StoreResult<()> {
    write_entry(db, Kind::Article, article_id).await
}

/// Writes the search entry of a library document, in the caller's
/// transaction ([`entry`] says what it holds).
pub(crate) async fn index_document<C: ConnectionTrait>(db: &C, document_id: i32) -> StoreResult<()> {
    write_entry(db, Kind::Document, document_id).await
}

/// Writes the search entry of registry record `model_id`, or removes it
/// when the record is not approved and public, in the caller's transaction
/// (called by `registry::record` with every change of a record).
pub(crate) async fn index_model<C: ConnectionTrait>(db: &C, model_id: i32) -> StoreResult<()> {
    write_entry(db, Kind::Model, model_id).await
}

/// The registration parts of a record (`registry_model.registration`, a
/// JSON object by part name) as text, in the form's order, one per line.
pub(crate) fn registration_text(json: &str) -> String {
    let parts: std::collections::BTreeMap<String, String> = serde_json::from_str(json).unwrap_or_default();
    danvan_domain::registry::REGISTRATION_PARTS.iter().filter_map(|p| parts.get(*p)).map(String::as_str).collect::<Vec<_>>().join("\n")
}
