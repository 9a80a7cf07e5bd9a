//! What follows a change of an article's public state (published, changed
//! while published, unpublished, imported): its search entry, the related
//! lists (its own and its neighbours') and its document references. Every
//! path that changes a public article calls [`after_article_change`] in its
//! own transaction.

use crate::entity::article;
use crate::{Store, StoreResult};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// Search entry, related lists (its own and its neighbours') and document
/// links of an article whose public state changed.
pub(crate) async fn after_article_change<C: ConnectionTrait>(db: &C, store: &Store, id: i32) -> StoreResult<()> {
    let before: Vec<i32> = crate::entity::related_article::Entity::find()
        .filter(crate::entity::related_article::Column::RelatedId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.article_id)
        .collect();
    crate::search::index_article(db, id).await?;
    crate::search::refresh_related(db, store, id).await?;
    for other in before {
        crate::search::compute_related(db, store, other).await?;
    }
    if let Some(a) = article::Entity::find_by_id(id).one(db).await? {
        let text = crate::views::plain_text(&a.body_html);
        crate::documents::record_references(db, id, &text).await?;
    }
    Ok(())
}
