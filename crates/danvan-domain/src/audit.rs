//! The audit log's entries as an action code plus parameters, rendered in
//! the reader's language when the log is shown.
//!
//! The store writes one line per change ([`AuditAction::code`], unchanged
//! from the strings written before this module existed) with its parameters
//! as JSON ([`AuditParams::to_json`]); the back office renders them with
//! [`render_audit`]. Lines stored before parameters existed keep their
//! Vietnamese summary, which [`render_audit`] shows as it is.

use crate::editorial::{ArticleStatus, Role, Transition};
use crate::messages::{Lang, lookup};
use std::collections::BTreeMap;

crate::enumerable! {
/// Something the store records in the audit log. The parameters each action
/// expects are [`AuditAction::param_names`]; the catalogue message
/// ([`AuditAction::message_key`]) uses exactly these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AuditAction {
    /// An administrator created an account. Params: `username`, `grants`
    /// ([`encode_grants`]).
    UserCreate,
    /// An administrator changed a user's roles. Params: `grants`.
    UserGrants,
    /// A user changed their own password.
    UserPasswordChange,
    /// An administrator reset someone's password.
    UserPasswordReset,
    /// A user turned two-step sign-in on.
    UserTotpOn,
    /// A user turned two-step sign-in off.
    UserTotpOff,
    /// Administrator rights restored from the command line. Params: `username`.
    UserRecover,
    /// An account was enabled.
    UserEnable,
    /// An account was disabled.
    UserDisable,
    /// A user signed in.
    UserSignIn,
    /// A user signed out.
    UserSignOut,
    /// A user ended all their sessions. Params: `count` (sessions ended).
    UserSignOutEverywhere,
    /// A unit was created. Params: `name`.
    UnitCreate,
    /// A unit was renamed or moved. Params: `name`.
    UnitUpdate,
    /// A unit was deleted.
    UnitDelete,
    /// A category was created. Params: `name`.
    CategoryCreate,
    /// A category was changed. Params: `name`.
    CategoryUpdate,
    /// A category was deleted.
    CategoryDelete,
    /// A draft was created. Params: `title`.
    ArticleCreate,
    /// An article was saved as a new revision. Params: `title`, `revision`.
    ArticleUpdate,
    /// An earlier revision was restored. Params: `revision` (the one restored).
    ArticleRestore,
    /// An article was linked to a registry record (in the article's save).
    /// Params: `model` ("#id name").
    ArticleModelLink,
    /// An article's link to a registry record was removed. Params: `model`.
    ArticleModelUnlink,
    /// A file was added to the media library. Params: `name` (the file name
    /// as uploaded).
    MediaUpload,
    /// A media item's texts were changed. Params: `alt`.
    MediaUpdate,
    /// [`Transition::Submit`]. Params: `from`, `to` (status codes,
    /// [`ArticleStatus::as_str`]); optional `comment`.
    ArticleSubmit,
    /// [`Transition::Return`]. Params: `from`, `to`, `comment`.
    ArticleReturn,
    /// [`Transition::Publish`]. Params: `from`, `to`; optional `comment`.
    ArticlePublish,
    /// [`Transition::Schedule`]. Params: `from`, `to`, `at` (the publication
    /// time as the store chose to write it, shown as it is); optional `comment`.
    ArticleSchedule,
    /// [`Transition::Unpublish`]. Params: `from`, `to`; optional `comment`.
    ArticleUnpublish,
    /// [`Transition::PublishScheduled`] (the scheduler). Params: `from`, `to`.
    ArticlePublishScheduled,
    /// A year's working-day calendar was saved without confirming it.
    /// Params: `year`, `days` (days off listed).
    CalendarSave,
    /// A year's working-day calendar was confirmed. Params: `year`, `days`.
    CalendarConfirm,
    /// A year's stored calendar was dropped, back to the shipped or
    /// proposed one. Params: `year`.
    CalendarReset,
    /// A record was registered in the back office. Params: `code`, `name`.
    RegistryRegister,
    /// A unit officer's registration was approved.
    RegistryApprove,
    /// A record moved in its lifecycle. Params: `from`, `to` (status codes,
    /// shown by their names); optional `reason`.
    RegistryMove,
    /// A record was copied (nhân rộng) as a new record. Params: `code` (the copy's).
    RegistryReplicated,
    /// A record was created as a copy. Params: `name` (the source's).
    RegistryReplicatedFrom,
    /// A record was created by an import. Params: `code`, `name`.
    RegistryImportCreate,
    /// A record was changed by an import. Params: `code`.
    RegistryImportUpdate,
    /// A record was evaluated for a year. Params: `year`, `result` (an
    /// `Effectiveness` code, shown by its name).
    RegistryEvaluate,
    /// A commendation was proposed. Params: `form` (a `CommendationForm`
    /// code), `decision` (may be empty).
    RegistryCommendationProposed,
    /// A commendation was decided. Params: `form`, `decision`.
    RegistryCommended,
    /// A record was edited. Params: `fields`, the names of the fields that
    /// changed (`name,period,parts`; shown by their form labels).
    RegistryUpdate,
    /// A record was converted (chuyển đổi) into a new record. Params:
    /// `code` (the successor's).
    RegistryConverted,
    /// A record was created as the successor of a converted one. Params:
    /// `name` (the converted record's).
    RegistryConvertedFrom,
    /// A record's photos were chosen. Params: `count` (how many now).
    RegistryPhotos,
    /// A file was attached to a record. Params: `name`.
    RegistryFileAdded,
    /// A feedback item was received. Params: `code`, `channel` (a
    /// `feedback::Channel` code, shown by its name).
    FeedbackReceive,
    /// Accepted and assigned. Params: `unit` (its name), `deadline`.
    FeedbackAccept,
    /// Refused. Params: `reason`.
    FeedbackRefuse,
    /// Forwarded to another unit. Params: `unit`, `reason`.
    FeedbackForward,
    /// The deadline extended. Params: `deadline` (the new one), `reason`.
    FeedbackExtend,
    /// Answered (the public answer).
    FeedbackAnswer,
    /// An internal note (never shown to the reporter). Params: `note`.
    FeedbackNote,
    /// A staff member opened the reporter's contact (Nghị định
    /// 13/2023/NĐ-CP: every view of personal data is recorded).
    FeedbackViewContact,
    /// The question and answer were published (`/phan-anh/{id}`), after
    /// the personal-data check. Params: `count` (findings redacted).
    FeedbackPublish,
    /// Taken off the public list.
    FeedbackUnpublish,
    /// Linked to a main item as its duplicate. Params: `code` (the main
    /// item's), `reason`.
    FeedbackDuplicate,
    /// A duplicate was linked to this item. Params: `code` (the
    /// duplicate's).
    FeedbackDuplicateAdded,
    /// The main item of this duplicate was answered; its reporter is told.
    FeedbackMainAnswered,
    /// The reporter rated the answer. Params: `rating` (1–5).
    FeedbackRate,
    /// The reporter reopened the item once. Params: `deadline` (the new
    /// one), `comment`.
    FeedbackReopen,
    /// A staff member exported the reporter's personal data on request.
    FeedbackExportContact,
    /// The reporter's personal data was erased on request; the item stays,
    /// anonymised.
    FeedbackEraseContact,
    /// Staff downloaded a file the reporter attached (a photo can show
    /// faces, number plates, house numbers). Params: `file` (its position,
    /// from 1).
    FeedbackViewAttachment,
    /// An Open311 API key was issued. Params: `name`.
    Open311KeyCreate,
    /// An Open311 API key was revoked. Params: `name`.
    Open311KeyRevoke,
}
}

/// Parameters a workflow step may carry beyond its message's own
/// placeholders; rendered after the message, each with its catalogue
/// template `audit.param.NAME`.
const OPTIONAL_PARAMS: [&str; 4] = ["comment", "at", "reason", "files"];

impl AuditAction {
    /// The string stored in `audit_event.action` (the same as before this
    /// type existed: `user.create`, `article.update`, `article.publish`, …).
    pub fn code(self) -> &'static str {
        use AuditAction as A;
        match self {
            A::UserCreate => "user.create",
            A::UserGrants => "user.grants",
            A::UserPasswordChange => "user.password_change",
            A::UserPasswordReset => "user.password_reset",
            A::UserTotpOn => "user.totp_on",
            A::UserTotpOff => "user.totp_off",
            A::UserRecover => "user.recover",
            A::UserEnable => "user.enable",
            A::UserDisable => "user.disable",
            A::UserSignIn => "user.sign_in",
            A::UserSignOut => "user.sign_out",
            A::UserSignOutEverywhere => "user.sign_out_everywhere",
            A::UnitCreate => "unit.create",
            A::UnitUpdate => "unit.update",
            A::UnitDelete => "unit.delete",
            A::CategoryCreate => "category.create",
            A::CategoryUpdate => "category.update",
            A::CategoryDelete => "category.delete",
            A::ArticleCreate => "article.create",
            A::ArticleUpdate => "article.update",
            A::ArticleRestore => "article.restore",
            A::ArticleModelLink => "article.model_link",
            A::ArticleModelUnlink => "article.model_unlink",
            A::MediaUpload => "media.upload",
            A::MediaUpdate => "media.update",
            A::ArticleSubmit => "article.submit",
            A::ArticleReturn => "article.return",
            A::ArticlePublish => "article.publish",
            A::ArticleSchedule => "article.schedule",
            A::ArticleUnpublish => "article.unpublish",
            A::ArticlePublishScheduled => "article.publish_scheduled",
            A::CalendarSave => "calendar.save",
            A::CalendarConfirm => "calendar.confirm",
            A::CalendarReset => "calendar.reset",
            A::RegistryRegister => "registry.register",
            A::RegistryApprove => "registry.approve",
            A::RegistryMove => "registry.move",
            A::RegistryReplicated => "registry.replicated",
            A::RegistryReplicatedFrom => "registry.replicated_from",
            A::RegistryImportCreate => "registry.import_create",
            A::RegistryImportUpdate => "registry.import_update",
            A::RegistryEvaluate => "registry.evaluate",
            A::RegistryCommendationProposed => "registry.commendation_proposed",
            A::RegistryCommended => "registry.commended",
            A::RegistryUpdate => "registry.update",
            A::RegistryConverted => "registry.converted",
            A::RegistryConvertedFrom => "registry.converted_from",
            A::RegistryPhotos => "registry.photos",
            A::RegistryFileAdded => "registry.file_added",
            A::FeedbackReceive => "feedback.receive",
            A::FeedbackAccept => "feedback.accept",
            A::FeedbackRefuse => "feedback.refuse",
            A::FeedbackForward => "feedback.forward",
            A::FeedbackExtend => "feedback.extend",
            A::FeedbackAnswer => "feedback.answer",
            A::FeedbackNote => "feedback.note",
            A::FeedbackViewContact => "feedback.view_contact",
            A::FeedbackPublish => "feedback.publish",
            A::FeedbackUnpublish => "feedback.unpublish",
            A::FeedbackDuplicate => "feedback.duplicate",
            A::FeedbackDuplicateAdded => "feedback.duplicate_added",
            A::FeedbackMainAnswered => "feedback.main_answered",
            A::FeedbackRate => "feedback.rate",
            A::FeedbackReopen => "feedback.reopen",
            A::FeedbackExportContact => "feedback.export_contact",
            A::FeedbackEraseContact => "feedback.erase_contact",
            A::FeedbackViewAttachment => "feedback.view_attachment",
            A::Open311KeyCreate => "open311.key_create",
            A::Open311KeyRevoke => "open311.key_revoke",
        }
    }

    /// Parses [`AuditAction::code`]; `None` for anything else.
    pub fn parse(code: &str) -> Option<AuditAction> {
        AuditAction::ALL.into_iter().find(|a| a.code() == code)
    }

    /// The action of a workflow step: `article.` + [`Transition::as_str`].
    pub fn for_transition(step: Transition) -> AuditAction {
        match step {
            Transition::Submit => AuditAction::ArticleSubmit,
            Transition::Return => AuditAction::ArticleReturn,
            Transition::Publish => AuditAction::ArticlePublish,
            Transition::Schedule => AuditAction::ArticleSchedule,
            Transition::Unpublish => AuditAction::ArticleUnpublish,
            Transition::PublishScheduled => AuditAction::ArticlePublishScheduled,
        }
    }

    /// The catalogue key of the rendered line: `audit.` + [`AuditAction::code`].
    pub fn message_key(self) -> &'static str {
        use AuditAction as A;
        match self {
            A::UserCreate => "audit.user.create",
            A::UserGrants => "audit.user.grants",
            A::UserPasswordChange => "audit.user.password_change",
            A::UserPasswordReset => "audit.user.password_reset",
            A::UserTotpOn => "audit.user.totp_on",
            A::UserTotpOff => "audit.user.totp_off",
            A::UserRecover => "audit.user.recover",
            A::UserEnable => "audit.user.enable",
            A::UserDisable => "audit.user.disable",
            A::UserSignIn => "audit.user.sign_in",
            A::UserSignOut => "audit.user.sign_out",
            A::UserSignOutEverywhere => "audit.user.sign_out_everywhere",
            A::UnitCreate => "audit.unit.create",
            A::UnitUpdate => "audit.unit.update",
            A::UnitDelete => "audit.unit.delete",
            A::CategoryCreate => "audit.category.create",
            A::CategoryUpdate => "audit.category.update",
            A::CategoryDelete => "audit.category.delete",
            A::ArticleCreate => "audit.article.create",
            A::ArticleUpdate => "audit.article.update",
            A::ArticleRestore => "audit.article.restore",
            A::ArticleModelLink => "audit.article.model_link",
            A::ArticleModelUnlink => "audit.article.model_unlink",
            A::MediaUpload => "audit.media.upload",
            A::MediaUpdate => "audit.media.update",
            A::ArticleSubmit => "audit.article.submit",
            A::ArticleReturn => "audit.article.return",
            A::ArticlePublish => "audit.article.publish",
            A::ArticleSchedule => "audit.article.schedule",
            A::ArticleUnpublish => "audit.article.unpublish",
            A::ArticlePublishScheduled => "audit.article.publish_scheduled",
            A::CalendarSave => "audit.calendar.save",
            A::CalendarConfirm => "audit.calendar.confirm",
            A::CalendarReset => "audit.calendar.reset",
            A::RegistryRegister => "audit.registry.register",
            A::RegistryApprove => "audit.registry.approve",
            A::RegistryMove => "audit.registry.move",
            A::RegistryReplicated => "audit.registry.replicated",
            A::RegistryReplicatedFrom => "audit.registry.replicated_from",
            A::RegistryImportCreate => "audit.registry.import_create",
            A::RegistryImportUpdate => "audit.registry.import_update",
            A::RegistryEvaluate => "audit.registry.evaluate",
            A::RegistryCommendationProposed => "audit.registry.commendation_proposed",
            A::RegistryCommended => "audit.registry.commended",
            A::RegistryUpdate => "audit.registry.update",
            A::RegistryConverted => "audit.registry.converted",
            A::RegistryConvertedFrom => "audit.registry.converted_from",
            A::RegistryPhotos => "audit.registry.photos",
            A::RegistryFileAdded => "audit.registry.file_added",
            A::FeedbackReceive => "audit.feedback.receive",
            A::FeedbackAccept => "audit.feedback.accept",
            A::FeedbackRefuse => "audit.feedback.refuse",
            A::FeedbackForward => "audit.feedback.forward",
            A::FeedbackExtend => "audit.feedback.extend",
            A::FeedbackAnswer => "audit.feedback.answer",
            A::FeedbackNote => "audit.feedback.note",
            A::FeedbackViewContact => "audit.feedback.view_contact",
            A::FeedbackPublish => "audit.feedback.publish",
            A::FeedbackUnpublish => "audit.feedback.unpublish",
            A::FeedbackDuplicate => "audit.feedback.duplicate",
            A::FeedbackDuplicateAdded => "audit.feedback.duplicate_added",
            A::FeedbackMainAnswered => "audit.feedback.main_answered",
            A::FeedbackRate => "audit.feedback.rate",
            A::FeedbackReopen => "audit.feedback.reopen",
            A::FeedbackExportContact => "audit.feedback.export_contact",
            A::FeedbackEraseContact => "audit.feedback.erase_contact",
            A::FeedbackViewAttachment => "audit.feedback.view_attachment",
            A::Open311KeyCreate => "audit.open311.key_create",
            A::Open311KeyRevoke => "audit.open311.key_revoke",
        }
    }

    /// The parameters the action's message needs, by name. Workflow steps
    /// may also carry `comment` and (schedule) `at`, shown after the message.
    pub fn param_names(self) -> &'static [&'static str] {
        use AuditAction as A;
        match self {
            A::UserCreate => &["username", "grants"],
            A::UserGrants => &["grants"],
            A::UserRecover => &["username"],
            A::UserSignOutEverywhere => &["count"],
            A::UnitCreate | A::UnitUpdate | A::CategoryCreate | A::CategoryUpdate | A::MediaUpload => &["name"],
            A::ArticleCreate => &["title"],
            A::ArticleUpdate => &["title", "revision"],
            A::ArticleRestore => &["revision"],
            A::ArticleModelLink | A::ArticleModelUnlink => &["model"],
            A::MediaUpdate => &["alt"],
            A::CalendarSave | A::CalendarConfirm => &["year", "days"],
            A::CalendarReset => &["year"],
            A::RegistryImportCreate | A::RegistryRegister => &["code", "name"],
            A::RegistryMove => &["from", "to"],
            A::RegistryReplicated | A::RegistryConverted => &["code"],
            A::RegistryReplicatedFrom | A::RegistryConvertedFrom | A::RegistryFileAdded => &["name"],
            A::RegistryPhotos => &["count"],
            A::FeedbackReceive => &["code", "channel"],
            A::FeedbackAccept => &["unit", "deadline"],
            A::FeedbackRefuse => &["reason"],
            A::FeedbackForward => &["unit", "reason"],
            A::FeedbackExtend => &["deadline", "reason"],
            A::FeedbackNote => &["note"],
            A::FeedbackPublish => &["count"],
            A::FeedbackDuplicate => &["code", "reason"],
            A::FeedbackDuplicateAdded => &["code"],
            A::FeedbackRate => &["rating"],
            A::FeedbackReopen => &["deadline", "comment"],
            A::FeedbackAnswer
            | A::FeedbackViewContact
            | A::FeedbackUnpublish
            | A::FeedbackMainAnswered
            | A::FeedbackExportContact
            | A::FeedbackEraseContact => &[],
            A::Open311KeyCreate | A::Open311KeyRevoke => &["name"],
            A::FeedbackViewAttachment => &["file"],
            A::RegistryUpdate => &["fields"],
            A::RegistryImportUpdate => &["code"],
            A::RegistryEvaluate => &["year", "result"],
            A::RegistryCommendationProposed | A::RegistryCommended => &["form", "decision"],
            A::ArticleSubmit
            | A::ArticleReturn
            | A::ArticlePublish
            | A::ArticleSchedule
            | A::ArticleUnpublish
            | A::ArticlePublishScheduled => &["from", "to"],
            A::UserPasswordChange
            | A::UserPasswordReset
            | A::UserTotpOn
            | A::UserTotpOff
            | A::UserEnable
            | A::UserDisable
            | A::UserSignIn
            | A::UserSignOut
            | A::UnitDelete
            | A::RegistryApprove
            | A::CategoryDelete => &[],
        }
    }
}

/// The parameters of one audit line, by name; kept sorted so the stored JSON
/// of equal parameters is equal. Values are plain text (not HTML).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct AuditParams(pub BTreeMap<String, String>);

impl AuditParams {
    /// No parameters.
    pub fn new() -> AuditParams {
        AuditParams::default()
    }

    /// Adds (or replaces) `name` with `value` written by `Display`.
    pub fn with(mut self, name: &str, value: impl std::fmt::Display) -> AuditParams {
        self.0.insert(name.to_owned(), value.to_string());
        self
    }

    /// The value of `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(String::as_str)
    }

    /// The JSON object stored with the line, e.g. `{"revision":"3","title":"…"}`;
    /// `{}` without parameters.
    pub fn to_json(&self) -> String {
        serde_json::to_string(&self.0).unwrap_or_else(|_| "{}".to_owned())
    }

    /// Reads [`AuditParams::to_json`]. `None` for anything that is not a JSON
    /// object of strings (an empty column included).
    pub fn from_json(json: &str) -> Option<AuditParams> {
        serde_json::from_str(json).ok().map(AuditParams)
    }
}

/// The `grants` parameter: `role@unit` pairs joined by commas, e.g.
/// `editor@3,approver@1` ([`Role::as_str`], `org_unit.id`).
pub fn encode_grants(grants: &[crate::editorial::Grant]) -> String {
    grants.iter().map(|g| format!("{}@{}", g.role.as_str(), g.unit_id)).collect::<Vec<_>>().join(",")
}

/// Renders a `grants` parameter in `lang`: each `role@unit` becomes the
/// role's catalogue name with the unit id (`audit.grant`: "Biên tập viên
/// (đơn vị 3)"), joined by ", "; no grants give `audit.grants_none`. A pair
/// that does not parse (an unknown role) is shown as written. Spaces after
/// commas are accepted (the summaries written before params used ", ").
fn render_grants(grants: &str, lang: Lang) -> String {
    let parts: Vec<String> = grants
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('@').and_then(|(r, u)| Some((Role::parse(r)?, u.parse::<i32>().ok()?))) {
            Some((role, unit)) => fill(message("audit.grant", lang), &|name| match name {
                "role" => Some(message(role.message_key(), lang).to_owned()),
                "unit" => Some(unit.to_string()),
                _ => None,
            })
            .unwrap_or_else(|| p.to_owned()),
            None => p.to_owned(),
        })
        .collect();
    if parts.is_empty() { message("audit.grants_none", lang).to_owned() } else { parts.join(", ") }
}

/// A catalogue message, or the key when missing (the catalogue test makes
/// sure every key used here exists).
fn message(key: &'static str, lang: Lang) -> &'static str {
    lookup(key, lang).unwrap_or(key)
}

/// Fills every `{name}` of `template` from `value`; `None` when a
/// placeholder has no value.
fn fill(template: &str, value: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let close = rest[open..].find('}')? + open;
        out.push_str(&rest[..open]);
        out.push_str(&value(&rest[open + 1..close])?);
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    Some(out)
}

/// The value of parameter `name` as shown: `grants` through the role names,
/// `from` and `to` through the status names, a registry evaluation's
/// `result` and a commendation's `form` through their names, anything else
/// as stored.
fn shown(params: &AuditParams, name: &str, lang: Lang) -> Option<String> {
    let v = params.get(name)?;
    Some(match name {
        "grants" => render_grants(v, lang),
        "from" | "to" => ArticleStatus::parse(v)
            .map(|s| message(s.message_key(), lang).to_owned())
            .or_else(|| crate::registry::Status::from_code(v).map(|s| message(s.message_key(), lang).to_owned()))
            .unwrap_or_else(|| v.to_owned()),
        "result" => crate::registry::Effectiveness::from_code(v).map_or_else(|| v.to_owned(), |e| message(e.message_key(), lang).to_owned()),
        "channel" => crate::feedback::Channel::from_code(v).map_or_else(|| v.to_owned(), |c| message(c.message_key(), lang).to_owned()),
        "form" => crate::registry::CommendationForm::from_code(v).map_or_else(|| v.to_owned(), |f| message(f.message_key(), lang).to_owned()),
        "fields" => v
            .split(',')
            .filter(|f| !f.is_empty())
            .map(|f| crate::registry::record_field_key(f).map_or_else(|| f.to_owned(), |k| message(k, lang).to_owned()))
            .collect::<Vec<_>>()
            .join(", "),
        _ => v.to_owned(),
    })
}

/// One audit line as shown in the back office, in `lang`.
///
/// `action` is the stored code ([`AuditAction::code`]), `params_json` the
/// stored parameters ([`AuditParams::to_json`]) and `legacy_summary` the
/// stored summary. The catalogue message of the action is filled with the
/// parameters (roles and statuses by their names); a workflow step's
/// `comment` and `at` follow, each through `audit.param.comment` and
/// `audit.param.at`, separated by "; ".
///
/// The legacy summary is returned as it is when the action is unknown, when
/// `params_json` is empty or not a JSON object (lines written before
/// parameters existed), or when a parameter the message needs is missing.
/// `{}` is a new line without parameters and is rendered.
pub fn render_audit(action: &str, params_json: &str, legacy_summary: &str, lang: Lang) -> String {
    let Some(action) = AuditAction::parse(action) else { return legacy_summary.to_owned() };
    if params_json.trim().is_empty() {
        return legacy_summary.to_owned();
    }
    let Some(params) = AuditParams::from_json(params_json) else { return legacy_summary.to_owned() };
    let Some(mut line) = fill(message(action.message_key(), lang), &|name| shown(&params, name, lang)) else {
        return legacy_summary.to_owned();
    };
    {
        // the optional parameters a line carries beyond its message's own
        for name in OPTIONAL_PARAMS.into_iter().filter(|n| !action.param_names().contains(n)) {
            let key = match name {
                "comment" => "audit.param.comment",
                "reason" => "audit.param.reason",
                "files" => "audit.param.files",
                _ => "audit.param.at",
            };
            if let Some(v) = params.get(name).filter(|v| !v.trim().is_empty()) {
                let extra = fill(message(key, lang), &|n| (n == name).then(|| v.to_owned())).unwrap_or_default();
                line.push_str("; ");
                line.push_str(&extra);
            }
        }
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::editorial::Grant;
    use std::collections::HashSet;

    #[test]
    fn codes_round_trip_and_are_unique() {
        let codes: HashSet<&str> = AuditAction::ALL.iter().map(|a| a.code()).collect();
        assert_eq!(codes.len(), AuditAction::ALL.len());
        for a in AuditAction::ALL {
            assert_eq!(AuditAction::parse(a.code()), Some(a));
            assert_eq!(a.message_key(), format!("audit.{}", a.code()));
        }
        assert_eq!(AuditAction::parse("article.delete"), None);
        assert_eq!(AuditAction::ALL.len(), 69);
    }

    #[test]
    fn workflow_steps_keep_the_store_codes() {
        for t in Transition::ALL {
            assert_eq!(AuditAction::for_transition(t).code(), format!("article.{}", t.as_str()));
        }
    }

    #[test]
    fn every_action_has_messages_with_its_params() {
        for a in AuditAction::ALL {
            for lang in [Lang::Vi, Lang::En] {
                let m = lookup(a.message_key(), lang).unwrap_or_else(|| panic!("{} has no message", a.message_key()));
                assert!(!m.is_empty());
                let used = std::cell::RefCell::new(Vec::new());
                fill(m, &|n| {
                    used.borrow_mut().push(n.to_owned());
                    Some(String::new())
                })
                .unwrap();
                let mut used = used.into_inner();
                used.sort_unstable();
                let mut want = a.param_names().to_vec();
                want.sort_unstable();
                assert_eq!(used, want, "{} ({})", a.message_key(), lang.tag());
            }
        }
    }

    #[test]
    fn params_json_round_trip() {
        let p = AuditParams::new().with("title", "Dân vận “khéo”").with("revision", 3);
        assert_eq!(p.to_json(), r#"{"revision":"3","title":"Dân vận “khéo”"}"#);
        assert_eq!(AuditParams::from_json(&p.to_json()), Some(p));
        assert_eq!(AuditParams::new().to_json(), "{}");
        assert_eq!(AuditParams::from_json(""), None);
        assert_eq!(AuditParams::from_json("[1]"), None);
    }

    #[test]
    fn renders_in_both_languages() {
        let p = AuditParams::new().with("title", "Kon Rẫy").with("revision", 4).to_json();
        assert_eq!(render_audit("article.update", &p, "Kon Rẫy (phiên bản 4)", Lang::Vi), "Sửa bài “Kon Rẫy” (phiên bản 4)");
        assert_eq!(render_audit("article.update", &p, "", Lang::En), "Edited “Kon Rẫy” (revision 4)");
        let p = AuditParams::new().with("revision", 2).to_json();
        assert_eq!(render_audit("article.restore", &p, "", Lang::Vi), "Khôi phục phiên bản 2");
        assert_eq!(render_audit("user.sign_in", "{}", "", Lang::En), "Signed in");
        assert_eq!(render_audit("user.sign_out_everywhere", r#"{"count":"3"}"#, "3", Lang::En), "Signed out everywhere (3 sessions ended)");
    }

    #[test]
    fn grants_through_role_names() {
        let g = encode_grants(&[Grant { role: Role::Editor, unit_id: 3 }, Grant { role: Role::Approver, unit_id: 1 }]);
        assert_eq!(g, "editor@3,approver@1");
        let p = AuditParams::new().with("username", "lan").with("grants", &g).to_json();
        assert_eq!(
            render_audit("user.create", &p, "", Lang::Vi),
            "Tạo tài khoản lan, vai trò: Biên tập viên (đơn vị 3), Người duyệt bài (đơn vị 1)"
        );
        assert_eq!(
            render_audit("user.grants", r#"{"grants":"editor@3, root@1"}"#, "", Lang::En),
            "Changed roles: Editor (unit 3), root@1"
        );
        assert_eq!(render_audit("user.grants", r#"{"grants":""}"#, "", Lang::En), "Changed roles: no roles");
    }

    #[test]
    fn steps_with_statuses_comment_and_time() {
        let p = AuditParams::new().with("from", "submitted").with("to", "returned").with("comment", "Sửa lại tít").to_json();
        assert_eq!(
            render_audit("article.return", &p, "", Lang::Vi),
            "Trả lại bài (Chờ duyệt → Bị trả lại); ý kiến: Sửa lại tít"
        );
        let p = AuditParams::new().with("from", "draft").with("to", "scheduled").with("at", "25/07/2023 08:00").to_json();
        assert_eq!(
            render_audit("article.schedule", &p, "", Lang::En),
            "Scheduled (Draft → Scheduled); to be published at 25/07/2023 08:00"
        );
    }

    #[test]
    fn legacy_rows_keep_their_summary() {
        assert_eq!(render_audit("article.update", "", "Kon Rẫy (phiên bản 4)", Lang::En), "Kon Rẫy (phiên bản 4)");
        assert_eq!(render_audit("article.update", "not json", "cũ", Lang::En), "cũ");
        assert_eq!(render_audit("article.update", r#"{"title":"x"}"#, "thiếu phiên bản", Lang::En), "thiếu phiên bản");
        assert_eq!(render_audit("something.else", "{}", "khác", Lang::Vi), "khác");
    }
}
