//! The abbreviation glossary (DTTS ⇄ dân tộc thiểu số …) used by search and
//! shown as `<abbr>` on pages.

use crate::entity::glossary_entry;
use crate::{Store, StoreResult};
use sea_orm::{IntoActiveModel, ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set};

/// The abbreviation glossary (`store.glossary()`).
#[derive(Clone, Copy)]
pub struct Glossary<'a> {
    pub(crate) store: &'a Store,
}

impl Glossary<'_> {
    /// The abbreviation glossary, abbreviations in alphabetical order (read
    /// through the store's one-second copy, [`crate::cache`]: every page
    /// and every search reads it).
    pub async fn entries(&self) -> StoreResult<Vec<(String, String)>> {
        let db = &self.store.read;
        let kept = self
            .store
            .shared
            .glossary
            .get_or_load(|| async {
                Ok(glossary_entry::Entity::find()
                    .order_by_asc(glossary_entry::Column::Abbreviation)
                    .all(db)
                    .await?
                    .into_iter()
                    .map(|g| (g.abbreviation, g.expansion))
                    .collect())
            })
            .await?;
        Ok((*kept).clone())
    }

    /// Adds or replaces glossary entries (abbreviation → expansion).
    pub async fn put_glossary(&self, entries: &[(&str, &str)]) -> StoreResult<()> {
        let tx = self.store.begin_write().await?;
        for (abbr, exp) in entries {
            let existing =
                glossary_entry::Entity::find().filter(glossary_entry::Column::Abbreviation.eq(*abbr)).one(&tx).await?;
            match existing {
                Some(e) => {
                    let mut m = e.into_active_model();
                    m.expansion = Set((*exp).to_owned());
                    m.update(&tx).await?;
                }
                None => {
                    glossary_entry::ActiveModel {
                        abbreviation: Set((*abbr).to_owned()),
                        expansion: Set((*exp).to_owned()),
                        ..Default::default()
                    }
                    .insert(&tx)
                    .await?;
                }
            }
        }
        tx.commit().await?;
        self.store.shared.glossary.forget();
        Ok(())
    }

    /// Fills an empty glossary with `defaults`; returns how many were added.
    pub async fn ensure_glossary(&self, defaults: &[(&str, &str)]) -> StoreResult<usize> {
        if glossary_entry::Entity::find().count(&self.store.read).await? > 0 {
            return Ok(0);
        }
        self.put_glossary(defaults).await?;
        Ok(defaults.len())
    }

    /// Removes an abbreviation; false when the glossary did not have it.
    pub async fn remove_glossary(&self, abbreviation: &str) -> StoreResult<bool> {
        let r = glossary_entry::Entity::delete_many()
            .filter(glossary_entry::Column::Abbreviation.eq(abbreviation))
            .exec(&self.store.write)
            .await?;
        self.store.shared.glossary.forget();
        Ok(r.rows_affected > 0)
    }
}
