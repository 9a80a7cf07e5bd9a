//! Organisation units (a tree of any depth) and categories: the public lists
//! and the administrators' changes, each audited.

use crate::entity::{article, category, org_unit, role_grant, user_account};
use crate::{Store, StoreResult};
use crate::error::{StoreError, field};
use danvan_domain::ErrorCode;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set};
use crate::audit::audit;
use danvan_domain::audit::{AuditAction, AuditParams};
use crate::input::{clean, clean_opt, limit};
use crate::scope::{check_scope, load_tree};
use crate::views::{Actor, CategoryRef, OrgUnitView};
use danvan_domain::editorial::{Action, UnitTree};

/// Units and categories (`store.units()`).
#[derive(Clone, Copy)]
pub struct Units<'a> {
    pub(crate) store: &'a Store,
}

impl Units<'_> {
    /// Categories in display order.
    pub async fn categories(&self) -> StoreResult<Vec<CategoryRef>> {
        Ok(category::Entity::find()
            .order_by_asc(category::Column::Position)
            .order_by_asc(category::Column::Id)
            .all(&self.store.read)
            .await?
            .into_iter()
            .map(Into::into)
            .collect())
    }

    pub async fn category_by_slug(&self, slug: &str) -> StoreResult<Option<CategoryRef>> {
        Ok(category::Entity::find().filter(category::Column::Slug.eq(slug)).one(&self.store.read).await?.map(Into::into))
    }

    /// Organisation units in tree order (depth-first, by position).
    pub async fn org_units(&self) -> StoreResult<Vec<OrgUnitView>> {
        let all = org_unit::Entity::find().order_by_asc(org_unit::Column::Position).all(&self.store.read).await?;
        let mut out = Vec::with_capacity(all.len());
        fn visit(all: &[org_unit::Model], parent: Option<i32>, depth: usize, out: &mut Vec<OrgUnitView>) {
            for u in all.iter().filter(|u| u.parent_id == parent) {
                out.push(OrgUnitView { id: u.id, parent_id: u.parent_id, name: u.name.clone(), level: u.level.clone(), depth });
                if depth < 32 {
                    visit(all, Some(u.id), depth + 1, out);
                }
            }
        }
        visit(&all, None, 0, &mut out);
        Ok(out)
    }

    /// The organisation tree for permission checks.
    pub async fn unit_tree(&self) -> StoreResult<UnitTree> {
        load_tree(&self.store.read).await
    }

    /// Adds an organisation unit under `parent_id` (`None`: a new root).
    pub async fn create_unit(&self, actor: &Actor, parent_id: Option<i32>, name: &str, level: &str) -> StoreResult<i32> {
        let name = clean(name);
        if name.is_empty() || name.chars().count() > 200 {
            return Err(field("name", "unit.name_required"));
        }
        let tx = self.store.begin_write().await?;
        if let Some(p) = parent_id
            && org_unit::Entity::find_by_id(p).one(&tx).await?.is_none()
        {
            return Err(field("parent_id", "unit.parent_unknown"));
        }
        // a new top-level unit needs a site-wide administrator
        check_scope(&tx, actor, Action::ManageUnits, parent_id).await?;
        let position = org_unit::Entity::find().count(&tx).await? as i32;
        let u = org_unit::ActiveModel {
            parent_id: Set(parent_id),
            name: Set(name.clone()),
            short_name: Set(None),
            level: Set(clean(level).chars().take(40).collect()),
            position: Set(position),
            ..Default::default()
        }
        .insert(&tx)
        .await?;
        audit(&tx, actor, AuditAction::UnitCreate, "unit", Some(u.id), AuditParams::new().with("name", &name)).await?;
        tx.commit().await?;
        self.store.shared.root_unit.forget();
        Ok(u.id)
    }

    /// Renames a unit or moves it under another; refuses a move under its own
    /// subtree (`unit.cycle`).
    pub async fn update_unit(&self, actor: &Actor, id: i32, parent_id: Option<i32>, name: &str) -> StoreResult<()> {
        let name = clean(name);
        if name.is_empty() || name.chars().count() > 200 {
            return Err(field("name", "unit.name_required"));
        }
        let tx = self.store.begin_write().await?;
        if let Some(p) = parent_id
            && org_unit::Entity::find_by_id(p).one(&tx).await?.is_none()
        {
            return Err(field("parent_id", "unit.parent_unknown"));
        }
        let tree = check_scope(&tx, actor, Action::ManageUnits, Some(id)).await?;
        // moving needs rights over the new place too (top level: site-wide)
        let current_parent = org_unit::Entity::find_by_id(id).one(&tx).await?.ok_or(StoreError::Rule(ErrorCode::RecordNotFound))?.parent_id;
        if parent_id != current_parent {
            check_scope(&tx, actor, Action::ManageUnits, parent_id).await?;
        }
        if let Some(p) = parent_id
            && tree.is_within(p, id)
        {
            return Err(field("parent_id", "unit.cycle"));
        }
        let u = org_unit::Entity::find_by_id(id).one(&tx).await?.ok_or(StoreError::Rule(ErrorCode::RecordNotFound))?;
        let mut m: org_unit::ActiveModel = u.into();
        m.parent_id = Set(parent_id);
        m.name = Set(name.clone());
        m.update(&tx).await?;
        audit(&tx, actor, AuditAction::UnitUpdate, "unit", Some(id), AuditParams::new().with("name", &name)).await?;
        tx.commit().await?;
        self.store.shared.root_unit.forget();
        Ok(())
    }

    /// Deletes a unit that has no sub-units, members or articles
    /// ([`ErrorCode::RecordInUse`] otherwise).
    pub async fn delete_unit(&self, actor: &Actor, id: i32) -> StoreResult<()> {
        let tx = self.store.begin_write().await?;
        let parent = org_unit::Entity::find_by_id(id).one(&tx).await?.ok_or(StoreError::Rule(ErrorCode::RecordNotFound))?.parent_id;
        // deleting a unit needs rights over the place it leaves
        check_scope(&tx, actor, Action::ManageUnits, parent).await?;
        let in_use = org_unit::Entity::find().filter(org_unit::Column::ParentId.eq(id)).count(&tx).await? > 0
            || user_account::Entity::find().filter(user_account::Column::OrgUnitId.eq(id)).count(&tx).await? > 0
            || role_grant::Entity::find().filter(role_grant::Column::UnitId.eq(id)).count(&tx).await? > 0
            || article::Entity::find().filter(article::Column::OrgUnitId.eq(id)).count(&tx).await? > 0;
        if in_use {
            return Err(StoreError::Rule(ErrorCode::RecordInUse));
        }
        let n = org_unit::Entity::delete_by_id(id).exec(&tx).await?.rows_affected;
        if n == 0 {
            return Err(StoreError::Rule(ErrorCode::RecordNotFound));
        }
        audit(&tx, actor, AuditAction::UnitDelete, "unit", Some(id), AuditParams::new()).await?;
        tx.commit().await?;
        self.store.shared.root_unit.forget();
        Ok(())
    }

    /// Adds a category; its address comes from the name (`category.slug_taken`
    /// when another category has it).
    pub async fn create_category(&self, actor: &Actor, name: &str, description: Option<&str>) -> StoreResult<i32> {
        limit(description.unwrap_or(""), 500, "description")?;
        let name = clean(name);
        let slug = danvan_text::slugify(&name);
        if name.is_empty() || slug.is_empty() || name.chars().count() > 120 {
            return Err(field("name", "category.name_required"));
        }
        let tx = self.store.begin_write().await?;
        check_scope(&tx, actor, Action::ManageCategories, None).await?;
        if category::Entity::find().filter(category::Column::Slug.eq(&slug)).count(&tx).await? > 0 {
            return Err(field("name", "category.slug_taken"));
        }
        let position = category::Entity::find().count(&tx).await? as i32;
        let c = category::ActiveModel {
            slug: Set(slug),
            name: Set(name.clone()),
            description: Set(clean_opt(description.map(str::to_owned))),
            position: Set(position),
            ..Default::default()
        }
        .insert(&tx)
        .await?;
        audit(&tx, actor, AuditAction::CategoryCreate, "category", Some(c.id), AuditParams::new().with("name", &name)).await?;
        tx.commit().await?;
        Ok(c.id)
    }

    /// Renames a category (its address stays, so links keep working).
    pub async fn update_category(&self, actor: &Actor, id: i32, name: &str, description: Option<&str>) -> StoreResult<()> {
        limit(description.unwrap_or(""), 500, "description")?;
        let name = clean(name);
        if name.is_empty() || name.chars().count() > 120 {
            return Err(field("name", "category.name_required"));
        }
        let tx = self.store.begin_write().await?;
        check_scope(&tx, actor, Action::ManageCategories, None).await?;
        let c = category::Entity::find_by_id(id).one(&tx).await?.ok_or(StoreError::Rule(ErrorCode::RecordNotFound))?;
        let mut m: category::ActiveModel = c.into();
        m.name = Set(name.clone());
        m.description = Set(clean_opt(description.map(str::to_owned)));
        m.update(&tx).await?;
        audit(&tx, actor, AuditAction::CategoryUpdate, "category", Some(id), AuditParams::new().with("name", &name)).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Deletes a category without articles ([`ErrorCode::RecordInUse`]
    /// otherwise: move them first).
    pub async fn delete_category(&self, actor: &Actor, id: i32) -> StoreResult<()> {
        let tx = self.store.begin_write().await?;
        check_scope(&tx, actor, Action::ManageCategories, None).await?;
        if article::Entity::find().filter(article::Column::CategoryId.eq(id)).count(&tx).await? > 0 {
            return Err(StoreError::Rule(ErrorCode::RecordInUse));
        }
        if category::Entity::delete_by_id(id).exec(&tx).await?.rows_affected == 0 {
            return Err(StoreError::Rule(ErrorCode::RecordNotFound));
        }
        audit(&tx, actor, AuditAction::CategoryDelete, "category", Some(id), AuditParams::new()).await?;
        tx.commit().await?;
        Ok(())
    }
}
