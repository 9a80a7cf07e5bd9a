//! Editing the abbreviation glossary (listing and adding live with search).

use crate::entity::glossary_entry;
use crate::{Store, StoreResult};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

impl Store {
    /// Removes an abbreviation; false when the glossary did not have it.
    pub async fn remove_glossary(&self, abbreviation: &str) -> StoreResult<bool> {
        let r = glossary_entry::Entity::delete_many()
            .filter(glossary_entry::Column::Abbreviation.eq(abbreviation))
            .exec(&self.write)
            .await?;
        Ok(r.rows_affected > 0)
    }
}
