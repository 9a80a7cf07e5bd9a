//! Ratings of articles: one vote per visitor, the totals kept on the article
//! in the same transaction.

use crate::entity::{article, rating_vote};
use crate::{Store, StoreResult, now};
use crate::error::StoreError;
use danvan_domain::ErrorCode;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use crate::views::published;
use danvan_domain::rating::{RatingSummary, Score, VoterKeys, check_client_rate, check_new_vote};

/// Article ratings (`store.ratings()`).
#[derive(Clone, Copy)]
pub struct Ratings<'a> {
    pub(crate) store: &'a Store,
}

impl Ratings<'_> {
    /// Records one rating and returns the new totals, in one transaction.
    ///
    /// Errors: [`ErrorCode::ArticleNotFound`] when no published article has
    /// this id; [`ErrorCode::RatingAlreadyVoted`] when the visitor cookie
    /// already voted for it, also when a simultaneous request of the same
    /// visitor got in first (the unique index, mapped in `error.rs`);
    /// [`ErrorCode::RateLimited`] when [`danvan_domain::rating::CLIENT_VOTES_PER_HOUR`] votes came
    /// from the same address and browser in the last hour
    /// ([`check_client_rate`]). Nothing changes on a refusal.
    pub async fn rate_article(&self, article_id: i32, score: Score, keys: &VoterKeys) -> StoreResult<RatingSummary> {
        let tx = self.store.begin_write().await?;
        let exists = article::Entity::find_by_id(article_id).filter(published()).count(&tx).await? > 0;
        if !exists {
            return Err(StoreError::Rule(ErrorCode::ArticleNotFound));
        }
        let cookie_voted = rating_vote::Entity::find()
            .filter(rating_vote::Column::ArticleId.eq(article_id))
            .filter(rating_vote::Column::VisitorHash.eq(&keys.visitor_hash))
            .count(&tx)
            .await?
            > 0;
        check_new_vote(cookie_voted).map_err(StoreError::Rule)?;
        let client_votes = rating_vote::Entity::find()
            .filter(rating_vote::Column::ArticleId.eq(article_id))
            .filter(rating_vote::Column::ClientHash.eq(&keys.client_hash))
            .filter(rating_vote::Column::CreatedAt.gt(now() - chrono::Duration::hours(1)))
            .count(&tx)
            .await?;
        check_client_rate(client_votes).map_err(StoreError::Rule)?;
        rating_vote::ActiveModel {
            article_id: Set(article_id),
            score: Set(score.get() as i16),
            visitor_hash: Set(keys.visitor_hash.clone()),
            client_hash: Set(keys.client_hash.clone()),
            created_at: Set(now()),
            ..Default::default()
        }
        .insert(&tx)
        .await?;
        article::Entity::update_many()
            .col_expr(article::Column::RatingSum, Expr::col(article::Column::RatingSum).add(score.get() as i64))
            .col_expr(article::Column::RatingCount, Expr::col(article::Column::RatingCount).add(1))
            .col_expr(article::Column::Version, Expr::col(article::Column::Version).add(1))
            .filter(article::Column::Id.eq(article_id))
            .exec(&tx)
            .await?;
        let a = article::Entity::find_by_id(article_id).one(&tx).await?.ok_or(StoreError::Rule(ErrorCode::ArticleNotFound))?;
        tx.commit().await?;
        Ok(RatingSummary { sum: a.rating_sum, count: a.rating_count })
    }
}
