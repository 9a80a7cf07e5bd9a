//! The article editor's "Mô hình, điển hình liên quan": which registry
//! records an article is about.
//!
//! Chosen design (works without JavaScript, and with 100 000 records: no
//! list of every record is ever sent):
//!
//! * a text area `models_add` takes references to records to link, one per
//!   line or separated by commas: the record's number `#123` (its
//!   back-office page shows it as "Mã tham chiếu", with the `unit/code`
//!   form) or `unit/code`, the unit's name or its slug and the unit's own
//!   code of the record (`dang-uy-xa-mau-son/MH-01`), as the import sheets
//!   name them ([`danvan_domain::registry::links`]);
//! * the records already linked are listed, each with a "Bỏ" checkbox
//!   (`model_remove` = its id); records the editor may not see are not
//!   listed, only counted, and stay linked.
//!
//! Both are part of the article's save: the store applies them in the
//! save's transaction (`Articles::update_article_with_models`), checking
//! the editor's right on the article and [`danvan_domain::editorial::Action::ViewModels`]
//! in each record's unit. A refused reference refuses the save; the page
//! comes back with what was typed and one line per refused item, "«item»:
//! why" (`registry.link.*`). Without the registry right anywhere the field
//! is not offered and saves never change the links.

use crate::SharedState;
use crate::error::{AppResult, item_message};
use crate::kit::form::FormFields;
use danvan_domain::editorial::{Action, Permissions};
use danvan_domain::registry::links::{RefProblem, parse_refs};
use danvan_store::{Actor, LinkedModel, ModelLinkChange};
use serde::Serialize;

/// What the form posted for the linked records: the references typed and
/// the ids ticked for removal (shown again when the save is refused).
#[derive(Debug, Clone, Default, Serialize)]
pub(super) struct ModelsPosted {
    pub add: String,
    pub remove: Vec<i32>,
}

impl ModelsPosted {
    /// Reads `models_add` and `model_remove` from the editor's form.
    pub(super) fn read(f: &FormFields) -> ModelsPosted {
        ModelsPosted { add: f.text("models_add"), remove: f.all("model_remove").iter().filter_map(|v| v.trim().parse().ok()).collect() }
    }

    /// The change for the store, or the references that cannot be read.
    pub(super) fn change(&self) -> Result<ModelLinkChange, Vec<RefProblem>> {
        let (add, problems) = parse_refs(&self.add);
        if problems.is_empty() { Ok(ModelLinkChange { add, remove: self.remove.clone() }) } else { Err(problems) }
    }
}

/// One linked record on the editor's form.
#[derive(Serialize)]
struct Linked {
    #[serde(flatten)]
    model: LinkedModel,
    /// Ticked for removal in the refused post being shown again.
    remove: bool,
}

/// The editor's context for the linked records: `can_link` (the editor
/// holds [`Action::ViewModels`] somewhere), `linked`, `hidden` (how many
/// linked records the editor may not see), what was posted, and the
/// refused items' messages.
pub(super) async fn editor_context(
    state: &SharedState,
    actor: &Actor,
    article_id: Option<i32>,
    posted: &ModelsPosted,
    problems: &[RefProblem],
) -> AppResult<minijinja::Value> {
    let tree = state.store.units().unit_tree().await?;
    let can_link = tree.units().any(|u| (Permissions { grants: &actor.grants, tree: &tree }).can(Action::ViewModels, Some(u)));
    let (linked, hidden) = match article_id {
        Some(id) => state.store.registry().article_models_for(actor, id).await?,
        None => (Vec::new(), 0),
    };
    let linked: Vec<Linked> = linked.into_iter().map(|m| Linked { remove: posted.remove.contains(&m.id), model: m }).collect();
    let problems: Vec<String> = problems.iter().map(item_message).collect();
    Ok(minijinja::context! { can_link => can_link, linked => linked, hidden => hidden, add => &posted.add, problems => problems })
}
