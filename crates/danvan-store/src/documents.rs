//! The document library: documents with their number, type, issuer, dates,
//! summary, status and files; relations between documents; and the
//! references articles make to them (found on save, linked once the library
//! has the document). A document is identified by number, type, issuer and
//! date together ([`danvan_docref::DocKey`]), never by its number alone.

use crate::entity::{article, article_reference, document, document_file, document_relation};
use crate::{Store, StoreResult, now};
use crate::error::StoreError;
use chrono::{Datelike, NaiveDate};
use danvan_domain::ErrorCode;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use serde::Serialize;
use crate::files::{FileStore, sniff_document};
use crate::views::{ArticleCard, DocumentView, type_code, type_from_code};
use danvan_docref::{DocDate, DocKey, DocNumber, DocType, Resolution, SearchQuery, find_references, resolve};
use danvan_domain::documents::{DocStatus, RelationKind};
use danvan_domain::editorial::ArticleStatus;

/// The document library (`store.documents()`).
#[derive(Clone, Copy)]
pub struct Documents<'a> {
    pub(crate) store: &'a Store,
}

/// Largest document file accepted, in bytes (50 MiB).
pub const MAX_FILE_BYTES: usize = 50 * 1024 * 1024;

fn to_naive(d: DocDate) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(d.year() as i32, d.month() as u32, d.day() as u32)
}

fn to_docdate(d: NaiveDate) -> Option<DocDate> {
    DocDate::new(u16::try_from(d.year()).ok()?, d.month() as u8, d.day() as u8)
}

/// A document to add.
#[derive(Debug, Clone)]
pub struct NewDocument {
    pub number: DocNumber,
    pub doc_type: DocType,
    /// The issuing body in words, e.g. "Ban Thường vụ Huyện ủy".
    pub issuer_name: String,
    pub signer: Option<String>,
    pub issued_on: Option<NaiveDate>,
    pub effective_on: Option<NaiveDate>,
    /// Trích yếu.
    pub summary: String,
    pub status: DocStatus,
}

/// A file of a document.
#[derive(Debug, Clone, Serialize)]
pub struct FileView {
    pub id: i32,
    pub file_name: String,
    pub media_type: String,
    pub size: i64,
}

/// A relation seen from one document: the catalogue key of its wording and
/// the other document.
#[derive(Debug, Clone, Serialize)]
pub struct RelationView {
    pub label_key: &'static str,
    pub other: DocumentView,
}

/// Everything the document page shows.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentFull {
    pub document: DocumentView,
    pub files: Vec<FileView>,
    pub relations: Vec<RelationView>,
    pub cited_by: Vec<ArticleCard>,
}

/// Filters of the library list.
#[derive(Debug, Clone, Default)]
pub struct DocumentFilter {
    pub type_code: Option<String>,
    /// An issuer code, e.g. `HU`.
    pub issuer: Option<String>,
    pub year: Option<i32>,
    pub status: Option<DocStatus>,
    /// A number in any common spelling ("136-KH/HU", "136/HU", "KH 136") or
    /// words of the summary.
    pub query: Option<String>,
}

/// A reference found in an article that the library cannot link yet.
#[derive(Debug, Clone, Serialize)]
pub struct MissingDocument {
    pub article_slug: String,
    pub article_title: String,
    pub quote: String,
    pub number_text: String,
    pub type_name: String,
    pub dated: Option<NaiveDate>,
}

fn key_of(d: &document::Model) -> Option<DocKey> {
    let number = DocNumber::parse(&d.number_text).ok()?;
    let t = type_from_code(&d.doc_type)?;
    Some(DocKey::new(&number, t, d.issued_on.and_then(to_docdate)))
}

/// Finds the library entry a reference means: documents with the same number,
/// then [`resolve`] on the full key. `None` when none or several match.
async fn resolve_reference<C: ConnectionTrait>(db: &C, wanted: &DocKey, number: u32) -> StoreResult<Option<i32>> {
    let candidates = document::Entity::find().filter(document::Column::Number.eq(number as i32)).all(db).await?;
    let keyed: Vec<(i32, DocKey)> = candidates.iter().filter_map(|d| key_of(d).map(|k| (d.id, k))).collect();
    Ok(match resolve(wanted, keyed.iter().map(|(_, k)| k)) {
        Resolution::Unique(i) => Some(keyed[i].0),
        _ => None,
    })
}

/// Finds the document references of an article's text and stores them,
/// linked where the library has the document; replaces earlier ones. Runs in
/// the caller's transaction (on save).
pub(crate) async fn record_references<C: ConnectionTrait>(db: &C, article_id: i32, plain_text: &str) -> StoreResult<()> {
    article_reference::Entity::delete_many().filter(article_reference::Column::ArticleId.eq(article_id)).exec(db).await?;
    for r in find_references(plain_text) {
        let key = r.key();
        let document_id = resolve_reference(db, &key, r.number.number()).await?;
        article_reference::ActiveModel {
            article_id: Set(article_id),
            doc_type: Set(type_code(r.doc_type)),
            number_text: Set(r.number.to_string()),
            dated: Set(r.date.and_then(to_naive)),
            quote: Set(plain_text[r.span.start..r.date_span.as_ref().map_or(r.span.end, |d| d.end)].to_owned()),
            document_id: Set(document_id),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

impl Documents<'_> {
    /// Adds a document, then links the article references that mean it (and
    /// renews those articles' pages).
    ///
    /// Errors: [`ErrorCode::DocumentDuplicate`] when a document with the same
    /// number, type, issuer and date exists.
    pub async fn add_document(&self, d: &NewDocument) -> StoreResult<DocumentView> {
        let tx = self.store.begin_write().await?;
        let number_text = d.number.to_string();
        let same = document::Entity::find()
            .filter(document::Column::NumberText.eq(&number_text))
            .filter(document::Column::DocType.eq(type_code(d.doc_type)))
            .all(&tx)
            .await?;
        if same.iter().any(|o| o.issued_on == d.issued_on) {
            return Err(StoreError::Rule(ErrorCode::DocumentDuplicate));
        }
        let year = d.number.year().map(i32::from).or(d.issued_on.map(|x| x.year()));
        let base = danvan_text::slugify(&format!("{number_text} {}", year.map(|y| y.to_string()).unwrap_or_default()));
        let mut slug = base.clone();
        let mut n = 1;
        while document::Entity::find().filter(document::Column::Slug.eq(&slug)).count(&tx).await? > 0 {
            n += 1;
            slug = format!("{base}-{n}");
        }
        let t = now();
        let stored = document::ActiveModel {
            slug: Set(slug),
            doc_type: Set(type_code(d.doc_type)),
            number_text: Set(number_text),
            number: Set(d.number.number() as i32),
            issuers: Set(d.number.issuers().join("-")),
            year: Set(year),
            issuer_name: Set(d.issuer_name.clone()),
            signer: Set(d.signer.clone()),
            issued_on: Set(d.issued_on),
            effective_on: Set(d.effective_on),
            summary: Set(d.summary.clone()),
            status: Set(d.status.code().to_owned()),
            created_at: Set(t),
            updated_at: Set(t),
            ..Default::default()
        }
        .insert(&tx)
        .await?;
        crate::search::index_document(&tx, stored.id).await?;
        // link the references that were waiting for this document
        let waiting = article_reference::Entity::find()
            .filter(article_reference::Column::DocumentId.is_null())
            .filter(article_reference::Column::NumberText.eq(&stored.number_text))
            .all(&tx)
            .await?;
        for r in waiting {
            let (Ok(number), Some(t)) = (DocNumber::parse(&r.number_text), type_from_code(&r.doc_type)) else { continue };
            let key = DocKey::new(&number, t, r.dated.and_then(to_docdate));
            if resolve_reference(&tx, &key, number.number()).await? == Some(stored.id) {
                article_reference::Entity::update_many()
                    .col_expr(article_reference::Column::DocumentId, Expr::value(stored.id))
                    .filter(article_reference::Column::Id.eq(r.id))
                    .exec(&tx)
                    .await?;
                article::Entity::update_many()
                    .col_expr(article::Column::Version, Expr::col(article::Column::Version).add(1))
                    .filter(article::Column::Id.eq(r.article_id))
                    .exec(&tx)
                    .await?;
            }
        }
        tx.commit().await?;
        self.store.search().follow().await;
        Ok(stored.into())
    }

    /// Records that `from` implements / guides / amends / replaces `to`; an
    /// amended or replaced document takes that status.
    pub async fn relate_documents(&self, from: i32, to: i32, kind: RelationKind) -> StoreResult<()> {
        let tx = self.store.begin_write().await?;
        let exists = document_relation::Entity::find()
            .filter(document_relation::Column::FromId.eq(from))
            .filter(document_relation::Column::ToId.eq(to))
            .filter(document_relation::Column::Kind.eq(kind.code()))
            .count(&tx)
            .await?
            > 0;
        if !exists {
            document_relation::ActiveModel { from_id: Set(from), to_id: Set(to), kind: Set(kind.code().to_owned()), ..Default::default() }
                .insert(&tx)
                .await?;
        }
        if let Some(status) = kind.status_of_target() {
            document::Entity::update_many()
                .col_expr(document::Column::Status, Expr::value(status.code()))
                .filter(document::Column::Id.eq(to))
                .exec(&tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Stores a file of a document after checking its content (PDF, Office
    /// formats, PNG, JPEG) and size.
    ///
    /// Errors: [`ErrorCode::BadRequest`] for an empty, too large or
    /// unrecognised file.
    pub async fn attach_document_file(&self, files: &FileStore, document_id: i32, file_name: &str, bytes: Vec<u8>) -> StoreResult<FileView> {
        if bytes.is_empty() || bytes.len() > MAX_FILE_BYTES {
            return Err(StoreError::Rule(ErrorCode::BadRequest));
        }
        let media_type = sniff_document(&bytes, file_name).ok_or(StoreError::Rule(ErrorCode::BadRequest))?;
        let clean_name: String = file_name
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or("tep")
            .chars()
            .filter(|c| !c.is_control() && !matches!(c, '"' | '<' | '>'))
            .take(200)
            .collect();
        let key = format!("documents/{document_id}/{}", danvan_domain::accounts::random_secret());
        let size = bytes.len() as i64;
        files.put(&key, bytes).await.map_err(|e| StoreError::Db(sea_orm::DbErr::Custom(e.to_string())))?;
        let stored = document_file::ActiveModel {
            document_id: Set(document_id),
            file_name: Set(if clean_name.is_empty() { "tep".to_owned() } else { clean_name }),
            media_type: Set(media_type.to_owned()),
            size: Set(size),
            storage_key: Set(key),
            ..Default::default()
        }
        .insert(&self.store.write)
        .await?;
        Ok(FileView { id: stored.id, file_name: stored.file_name, media_type: stored.media_type, size: stored.size })
    }

    /// A file's name, media type and bytes.
    pub async fn document_file(&self, files: &FileStore, document_id: i32, file_id: i32) -> StoreResult<Option<(FileView, Vec<u8>)>> {
        let Some(f) = document_file::Entity::find_by_id(file_id)
            .filter(document_file::Column::DocumentId.eq(document_id))
            .one(&self.store.read)
            .await?
        else {
            return Ok(None);
        };
        let bytes = files.get(&f.storage_key).await.map_err(|e| StoreError::Db(sea_orm::DbErr::Custom(e.to_string())))?;
        Ok(Some((FileView { id: f.id, file_name: f.file_name, media_type: f.media_type, size: f.size }, bytes)))
    }

    /// A page (1-based) of the library, newest first, and the number of
    /// matching documents.
    pub async fn list(&self, f: &DocumentFilter, page: u64, per_page: u64) -> StoreResult<(Vec<DocumentView>, u64)> {
        let mut q = document::Entity::find();
        if let Some(t) = &f.type_code {
            q = q.filter(document::Column::DocType.eq(t));
        }
        if let Some(y) = f.year {
            q = q.filter(document::Column::Year.eq(y));
        }
        if let Some(s) = f.status {
            q = q.filter(document::Column::Status.eq(s.code()));
        }
        let mut all: Vec<document::Model> = q
            .order_by_desc(document::Column::IssuedOn)
            .order_by_desc(document::Column::Id)
            .all(&self.store.read)
            .await?;
        if let Some(i) = &f.issuer {
            let i = danvan_text::fold(i);
            all.retain(|d| d.issuers.split('-').any(|x| danvan_text::fold(x) == i));
        }
        if let Some(text) = f.query.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            match SearchQuery::parse(text) {
                Some(sq) => all.retain(|d| DocNumber::parse(&d.number_text).is_ok_and(|n| sq.matches(&n))),
                None => {
                    let words: Vec<String> = danvan_domain::search::folded_words(&danvan_text::fold(text)).map(str::to_owned).collect();
                    all.retain(|d| {
                        let hay = danvan_text::fold(&format!("{} {} {}", d.summary, d.issuer_name, d.number_text));
                        let hay: Vec<&str> = danvan_domain::search::folded_words(&hay).collect();
                        words.iter().all(|w| hay.contains(&w.as_str()))
                    });
                }
            }
        }
        let total = all.len() as u64;
        let items = all.into_iter().skip((Ord::max(page, 1) - 1).saturating_mul(per_page) as usize).take(per_page as usize).map(Into::into).collect();
        Ok((items, total))
    }

    /// Years and issuer codes present in the library, for the filters.
    pub async fn document_facets(&self) -> StoreResult<(Vec<i32>, Vec<String>)> {
        let rows: Vec<(Option<i32>, String)> = document::Entity::find()
            .select_only()
            .column(document::Column::Year)
            .column(document::Column::Issuers)
            .into_tuple()
            .all(&self.store.read)
            .await?;
        let mut years: Vec<i32> = rows.iter().filter_map(|r| r.0).collect();
        years.sort_unstable_by(|a, b| b.cmp(a));
        years.dedup();
        let mut issuers: Vec<String> = rows.iter().flat_map(|r| r.1.split('-').map(str::to_owned).collect::<Vec<_>>()).collect();
        issuers.sort();
        issuers.dedup();
        Ok((years, issuers))
    }

    /// A document with its files, relations both ways and citing articles.
    pub async fn document_by_slug(&self, slug: &str) -> StoreResult<Option<DocumentFull>> {
        let Some(d) = document::Entity::find().filter(document::Column::Slug.eq(slug)).one(&self.store.read).await? else {
            return Ok(None);
        };
        let files = document_file::Entity::find()
            .filter(document_file::Column::DocumentId.eq(d.id))
            .order_by_asc(document_file::Column::Id)
            .all(&self.store.read)
            .await?
            .into_iter()
            .map(|f| FileView { id: f.id, file_name: f.file_name, media_type: f.media_type, size: f.size })
            .collect();
        let mut relations = Vec::new();
        for r in document_relation::Entity::find()
            .filter(document_relation::Column::FromId.eq(d.id).or(document_relation::Column::ToId.eq(d.id)))
            .order_by_asc(document_relation::Column::Id)
            .all(&self.store.read)
            .await?
        {
            let Some(kind) = RelationKind::parse(&r.kind) else { continue };
            let (other_id, label_key) = if r.from_id == d.id { (r.to_id, kind.forward_key()) } else { (r.from_id, kind.backward_key()) };
            if let Some(o) = document::Entity::find_by_id(other_id).one(&self.store.read).await? {
                relations.push(RelationView { label_key, other: o.into() });
            }
        }
        let article_ids: Vec<i32> = article_reference::Entity::find()
            .filter(article_reference::Column::DocumentId.eq(d.id))
            .all(&self.store.read)
            .await?
            .into_iter()
            .map(|r| r.article_id)
            .collect();
        let cited_by = article::Entity::find()
            .filter(article::Column::Id.is_in(article_ids))
            .filter(article::Column::Status.eq(ArticleStatus::Published.as_str()))
            .filter(article::Column::PublishedAt.lte(now()))
            .order_by_desc(article::Column::PublishedAt)
            .all(&self.store.read)
            .await?
            .into_iter()
            .map(Into::into)
            .collect();
        Ok(Some(DocumentFull { document: d.into(), files, relations, cited_by }))
    }

    /// `(number_text, date, document slug)` of the linked references of an
    /// article, for turning citations into links.
    pub async fn article_document_links(&self, article_id: i32) -> StoreResult<Vec<(String, Option<NaiveDate>, String)>> {
        let refs = article_reference::Entity::find()
            .filter(article_reference::Column::ArticleId.eq(article_id))
            .filter(article_reference::Column::DocumentId.is_not_null())
            .all(&self.store.read)
            .await?;
        let mut out = Vec::new();
        for r in refs {
            if let Some(d) = document::Entity::find_by_id(r.document_id.unwrap_or_default()).one(&self.store.read).await? {
                out.push((r.number_text, r.dated, d.slug));
            }
        }
        Ok(out)
    }

    /// "Documents to add": references in published articles that the library
    /// cannot link, oldest article first.
    pub async fn missing_documents(&self) -> StoreResult<Vec<MissingDocument>> {
        let refs = article_reference::Entity::find()
            .filter(article_reference::Column::DocumentId.is_null())
            .order_by_asc(article_reference::Column::ArticleId)
            .order_by_asc(article_reference::Column::Id)
            .all(&self.store.read)
            .await?;
        let mut out = Vec::new();
        for r in refs {
            if let Some(a) = article::Entity::find_by_id(r.article_id).one(&self.store.read).await? {
                out.push(MissingDocument {
                    article_slug: a.slug,
                    article_title: a.title,
                    quote: r.quote,
                    type_name: type_from_code(&r.doc_type).map(|t| t.name().to_owned()).unwrap_or(r.doc_type),
                    number_text: r.number_text,
                    dated: r.dated,
                });
            }
        }
        Ok(out)
    }
}
