//! Loading what the domain's permission rules need (the unit tree, a user's
//! grants, an article's unit) and refusing what they refuse. The rules
//! themselves are [`danvan_domain::editorial::Permissions`]'s.

use crate::entity::{article, org_unit, role_grant};
use crate::StoreResult;
use crate::error::forbidden;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use crate::views::Actor;
use danvan_domain::editorial::{Action, Grant, Permissions, Role, UnitTree};

pub(crate) async fn load_tree<C: ConnectionTrait>(db: &C) -> StoreResult<UnitTree> {
    let units = org_unit::Entity::find().all(db).await?;
    Ok(UnitTree::new(units.into_iter().map(|u| (u.id, u.parent_id))))
}

/// The unit of an article; articles from before units existed belong to the
/// first root unit.
pub(crate) async fn article_unit<C: ConnectionTrait>(db: &C, a: &article::Model) -> StoreResult<i32> {
    if let Some(u) = a.org_unit_id {
        return Ok(u);
    }
    root_unit(db).await
}

pub(crate) async fn root_unit<C: ConnectionTrait>(db: &C) -> StoreResult<i32> {
    Ok(org_unit::Entity::find()
        .filter(org_unit::Column::ParentId.is_null())
        .order_by_asc(org_unit::Column::Position)
        .order_by_asc(org_unit::Column::Id)
        .one(db)
        .await?
        .map(|u| u.id)
        .unwrap_or(0))
}

pub(crate) async fn grants_of<C: ConnectionTrait>(db: &C, user_id: i32) -> StoreResult<Vec<Grant>> {
    Ok(role_grant::Entity::find()
        .filter(role_grant::Column::UserId.eq(user_id))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|g| Role::parse(&g.role).map(|role| Grant { role, unit_id: g.unit_id }))
        .collect())
}

/// Refuses with [`ErrorCode::Forbidden`] unless the actor's roles allow
/// `action` in `unit` and its subtree; `None` means "over the whole site"
/// (a grant at a root unit). Returns the tree for further checks.
pub(crate) async fn check_scope<C: ConnectionTrait>(db: &C, actor: &Actor, action: Action, unit: Option<i32>) -> StoreResult<UnitTree> {
    let tree = load_tree(db).await?;
    let p = Permissions { grants: &actor.grants, tree: &tree };
    let ok = match unit {
        Some(u) => p.can(action, Some(u)),
        None => p.can_site_wide(action),
    };
    if ok { Ok(tree) } else { Err(forbidden()) }
}
