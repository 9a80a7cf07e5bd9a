//! The organisation tree a scope is judged in (re-exported as
//! `editorial::UnitTree`).

use std::collections::HashMap;

/// The organisation tree as child → parent links (`org_unit.parent_id`).
#[derive(Debug, Clone, Default)]
pub struct UnitTree {
    parent: HashMap<i32, Option<i32>>,
}

impl UnitTree {
    /// Builds the tree from `(id, parent_id)` pairs. A cycle in bad data
    /// does not loop forever: [`UnitTree::is_within`] stops after as many
    /// steps as there are units.
    pub fn new(pairs: impl IntoIterator<Item = (i32, Option<i32>)>) -> UnitTree {
        UnitTree { parent: pairs.into_iter().collect() }
    }

    /// True when `unit` is `ancestor` or lies below it.
    pub fn is_within(&self, unit: i32, ancestor: i32) -> bool {
        let mut current = Some(unit);
        for _ in 0..=self.parent.len() {
            match current {
                Some(u) if u == ancestor => return true,
                Some(u) => current = self.parent.get(&u).copied().flatten(),
                None => return false,
            }
        }
        false
    }

    /// True when `unit` is in the tree and has no parent.
    pub fn is_root(&self, unit: i32) -> bool {
        matches!(self.parent.get(&unit), Some(None))
    }

    /// The units of the tree.
    pub fn units(&self) -> impl Iterator<Item = i32> + '_ {
        self.parent.keys().copied()
    }
}
