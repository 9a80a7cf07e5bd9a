//! Editorial rules: roles scoped to organisation units, the permission table,
//! and the article workflow (draft → submitted → published, returned with a
//! comment, scheduled, unpublished). Pure: callers load the grants and the
//! unit tree, this module decides.
//!
//! Source: DESIGN.md §2 (roles) and §3.2 (workflow). The permission table is
//! [`PERMISSIONS`], one place, tested row by row; the rules built on it
//! (who may edit, view or restore an article, who may read the audit log)
//! are methods of [`Permissions`], called by both the store and the web
//! layer.


/// A back-office role. A user holds any number of roles, each scoped to an
/// organisation unit and its subtree ([`Grant`]). Roles of the registry and
/// the feedback desk come later; the model takes them by adding variants and
/// rows to [`PERMISSIONS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// Writes drafts (cộng tác viên).
    Contributor,
    /// Edits, attaches media, submits for approval (biên tập viên).
    Editor,
    /// Publishes, unpublishes, schedules, returns with a comment (người duyệt).
    Approver,
    /// Users, units, categories, settings (quản trị).
    Administrator,
    /// Registers and updates the "Dân vận khéo" records of the unit and
    /// its subtree (cán bộ đơn vị).
    UnitOfficer,
    /// Keeps the movement's records at any level: approves registrations,
    /// records evaluations and commendations for the subtree (cán bộ theo
    /// dõi phong trào).
    RegistryOfficer,
    /// Receives citizens' feedback for the subtree: enters hotline calls and
    /// in-person reception, classifies, accepts or refuses, assigns and
    /// forwards, extends deadlines, publishes answers (cán bộ tiếp nhận).
    FeedbackCoordinator,
    /// Handles the feedback assigned to the unit and its subtree: sees the
    /// reporter's contact, writes notes and the answer (cán bộ xử lý).
    FeedbackHandler,
}

impl Role {
    /// Every role, in the order forms list them.
    pub const ALL: [Role; 8] = [
        Role::Contributor,
        Role::Editor,
        Role::Approver,
        Role::Administrator,
        Role::UnitOfficer,
        Role::RegistryOfficer,
        Role::FeedbackCoordinator,
        Role::FeedbackHandler,
    ];

    /// The value stored in the database and posted by forms.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Contributor => "contributor",
            Role::Editor => "editor",
            Role::Approver => "approver",
            Role::Administrator => "administrator",
            Role::UnitOfficer => "unit_officer",
            Role::RegistryOfficer => "registry_officer",
            Role::FeedbackCoordinator => "feedback_coordinator",
            Role::FeedbackHandler => "feedback_handler",
        }
    }

    /// Parses [`Role::as_str`]; `None` for anything else.
    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// The catalogue key of the role's name (`role.editor`, …).
    pub fn message_key(self) -> &'static str {
        match self {
            Role::Contributor => "role.contributor",
            Role::Editor => "role.editor",
            Role::Approver => "role.approver",
            Role::Administrator => "role.administrator",
            Role::UnitOfficer => "role.unit_officer",
            Role::RegistryOfficer => "role.registry_officer",
            Role::FeedbackCoordinator => "role.feedback_coordinator",
            Role::FeedbackHandler => "role.feedback_handler",
        }
    }
}

/// One role held over one organisation unit and everything under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Grant {
    pub role: Role,
    /// `org_unit.id` at the top of the scope.
    pub unit_id: i32,
}

pub use crate::unit_tree::UnitTree;

/// Something a back-office user may be allowed to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Open the back office at all.
    EnterBackOffice,
    /// Create a draft in a unit.
    CreateArticle,
    /// Edit a draft or returned article one wrote oneself.
    EditOwnDraft,
    /// Edit any article of the unit (drafts, submitted, published).
    EditAnyArticle,
    /// Send an article for approval.
    Submit,
    /// Send a submitted article back with a comment.
    Return,
    /// Publish now.
    Publish,
    /// Set a future publication time.
    Schedule,
    /// Take a published or scheduled article off the site.
    Unpublish,
    /// Upload to the media library and edit alt text and captions.
    UploadMedia,
    /// Restore an earlier revision.
    RestoreRevision,
    /// Read the audit log.
    ViewAudit,
    /// Create users, grant roles, reset passwords.
    ManageUsers,
    /// Edit the organisation tree.
    ManageUnits,
    /// Edit categories.
    ManageCategories,
    /// Review and confirm the working-day calendar (days off, swapped
    /// working days) of a year.
    ManageCalendar,
    /// See the unit's "Dân vận khéo" records with their personal data.
    ViewModels,
    /// Register a record and update its registration.
    RegisterModel,
    /// Approve a registration, move a record through its lifecycle.
    ApproveModel,
    /// Record a yearly evaluation.
    EvaluateModel,
    /// Record a commendation proposal or decision.
    CommendModel,
    /// See the unit's feedback items with the reporter's contact (each view
    /// of it is audited).
    ViewFeedback,
    /// Enter an item received by phone or in person; accept, refuse,
    /// assign, forward, extend, mark duplicates, publish.
    ReceiveFeedback,
    /// Write notes and the answer of an item assigned to the unit.
    AnswerFeedback,
    /// Edit the feedback categories and their deadline rules.
    ManageFeedback,
}

/// The permission table: which role may do what (DESIGN.md §2). A contributor
/// may upload media: contributors are the ones with the photos on their
/// phones, and an image still needs alt text before it is published.
pub const PERMISSIONS: &[(Role, &[Action])] = &[
    (Role::Contributor, &[Action::EnterBackOffice, Action::CreateArticle, Action::EditOwnDraft, Action::UploadMedia]),
    (
        Role::Editor,
        &[
            Action::EnterBackOffice,
            Action::CreateArticle,
            Action::EditOwnDraft,
            Action::EditAnyArticle,
            Action::Submit,
            Action::UploadMedia,
            Action::RestoreRevision,
        ],
    ),
    (
        Role::Approver,
        &[
            Action::EnterBackOffice,
            Action::EditOwnDraft,
            Action::EditAnyArticle,
            Action::Return,
            Action::Publish,
            Action::Schedule,
            Action::Unpublish,
            Action::UploadMedia,
            Action::RestoreRevision,
            Action::ViewAudit,
        ],
    ),
    (
        Role::Administrator,
        &[
            Action::EnterBackOffice,
            Action::ManageUsers,
            Action::ManageUnits,
            Action::ManageCategories,
            Action::ManageCalendar,
            Action::ManageFeedback,
            Action::ViewAudit,
        ],
    ),
    (Role::UnitOfficer, &[Action::EnterBackOffice, Action::ViewModels, Action::RegisterModel, Action::UploadMedia]),
    (
        Role::RegistryOfficer,
        &[
            Action::EnterBackOffice,
            Action::ViewModels,
            Action::RegisterModel,
            Action::ApproveModel,
            Action::EvaluateModel,
            Action::CommendModel,
            Action::UploadMedia,
        ],
    ),
    (
        Role::FeedbackCoordinator,
        &[Action::EnterBackOffice, Action::ViewFeedback, Action::ReceiveFeedback, Action::AnswerFeedback],
    ),
    (Role::FeedbackHandler, &[Action::EnterBackOffice, Action::ViewFeedback, Action::AnswerFeedback]),
];

/// True when `role` allows `action` anywhere in its scope.
pub fn role_allows(role: Role, action: Action) -> bool {
    PERMISSIONS.iter().any(|(r, actions)| *r == role && actions.contains(&action))
}

/// A user's grants with the tree needed to judge scopes.
#[derive(Debug, Clone)]
pub struct Permissions<'a> {
    pub grants: &'a [Grant],
    pub tree: &'a UnitTree,
}

impl Permissions<'_> {
    /// May the user do `action` on something that belongs to `unit_id`?
    /// `None` asks "anywhere" (e.g. to show a menu entry).
    pub fn can(&self, action: Action, unit_id: Option<i32>) -> bool {
        self.grants.iter().any(|g| {
            role_allows(g.role, action) && unit_id.is_none_or(|u| self.tree.is_within(u, g.unit_id))
        })
    }

    /// May the user do `action` over the whole site: through a grant at a
    /// root unit (one without a parent)? Site-wide things (categories, new
    /// top-level units, accounts without a unit) need this.
    pub fn can_site_wide(&self, action: Action) -> bool {
        self.grants.iter().any(|g| role_allows(g.role, action) && self.tree.is_root(g.unit_id))
    }

    /// The units where the user may do `action`: the tops of the scopes.
    pub fn scopes(&self, action: Action) -> Vec<i32> {
        let mut v: Vec<i32> = self.grants.iter().filter(|g| role_allows(g.role, action)).map(|g| g.unit_id).collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// May the user edit an article in `status`, of `unit_id`, written by
    /// `author_id`, being `user_id`? Own drafts and returned articles with
    /// [`Action::EditOwnDraft`]; anything not yet published with
    /// [`Action::EditAnyArticle`]; published, scheduled and unpublished
    /// articles only by someone who may also publish there: text an
    /// approver approved is changed only by an approver (an editor's
    /// correction would otherwise go out unapproved).
    pub fn can_edit(&self, status: ArticleStatus, unit_id: i32, author_id: Option<i32>, user_id: i32) -> bool {
        if self.can(Action::EditAnyArticle, Some(unit_id)) {
            return !matches!(status, ArticleStatus::Scheduled | ArticleStatus::Published) || self.can(Action::Publish, Some(unit_id));
        }
        matches!(status, ArticleStatus::Draft | ArticleStatus::Returned)
            && author_id == Some(user_id)
            && self.can(Action::EditOwnDraft, Some(unit_id))
    }

    /// May the user see an article of `unit_id` written by `author_id` in
    /// the back office (list, edit page, preview, revisions and their log)?
    /// Its author may, and whoever may edit any article
    /// ([`Action::EditAnyArticle`]) or publish ([`Action::Publish`]) in its
    /// unit ([`PERMISSIONS`]). `user_id` 0 (the scheduler) is nobody's author.
    /// Used to be written twice: the web crate's `can_view` and the store's
    /// back-office list.
    pub fn can_view_article(&self, unit_id: i32, author_id: Option<i32>, user_id: i32) -> bool {
        (user_id > 0 && author_id == Some(user_id))
            || self.can(Action::EditAnyArticle, Some(unit_id))
            || self.can(Action::Publish, Some(unit_id))
    }

    /// May the user restore an earlier revision of an article in `status`,
    /// of `unit_id`, written by `author_id`, being `user_id`? Two conditions,
    /// as the store applied them (its restore check, then the save it makes):
    ///
    /// * [`Action::RestoreRevision`] in the unit ([`PERMISSIONS`]: editors and
    ///   approvers), or being the author of one's own draft or returned
    ///   article;
    /// * and the right to save the article now ([`Permissions::can_edit`]):
    ///   a restore is saved as a new revision, so an editor cannot restore
    ///   published text an approver approved.
    pub fn can_restore(&self, status: ArticleStatus, unit_id: i32, author_id: Option<i32>, user_id: i32) -> bool {
        let own_draft =
            user_id > 0 && author_id == Some(user_id) && matches!(status, ArticleStatus::Draft | ArticleStatus::Returned);
        (self.can(Action::RestoreRevision, Some(unit_id)) || own_draft) && self.can_edit(status, unit_id, author_id, user_id)
    }

    /// May the user read the audit log? `None` asks for the whole log
    /// (`/quan-tri/nhat-ky` and its menu entry): [`Action::ViewAudit`] in
    /// any scope ([`PERMISSIONS`]: approvers and administrators), as the
    /// handler checked it. `Some(unit)` asks for the lines of one subject
    /// that belongs to `unit`: [`Action::ViewAudit`] over that unit. The
    /// history shown with an article's revisions is part of viewing the
    /// article ([`Permissions::can_view_article`]), not this rule.
    pub fn can_read_audit(&self, subject_unit: Option<i32>) -> bool {
        self.can(Action::ViewAudit, subject_unit)
    }
}

/// Where an article is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ArticleStatus {
    /// Being written; only the back office sees it.
    Draft,
    /// Waiting for an approver.
    Submitted,
    /// Sent back with a comment; the writer edits and submits again.
    Returned,
    /// Approved with a publication time in the future; the scheduler
    /// publishes it then.
    Scheduled,
    /// On the public site.
    Published,
    /// Taken off the public site; kept with its revisions.
    Unpublished,
}

impl ArticleStatus {
    /// Every status, in workflow order.
    pub const ALL: [ArticleStatus; 6] = [
        ArticleStatus::Draft,
        ArticleStatus::Submitted,
        ArticleStatus::Returned,
        ArticleStatus::Scheduled,
        ArticleStatus::Published,
        ArticleStatus::Unpublished,
    ];

    /// The value stored in `article.status`.
    pub fn as_str(self) -> &'static str {
        match self {
            ArticleStatus::Draft => "draft",
            ArticleStatus::Submitted => "submitted",
            ArticleStatus::Returned => "returned",
            ArticleStatus::Scheduled => "scheduled",
            ArticleStatus::Published => "published",
            ArticleStatus::Unpublished => "unpublished",
        }
    }

    /// Parses [`ArticleStatus::as_str`].
    pub fn parse(s: &str) -> Option<ArticleStatus> {
        ArticleStatus::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// The catalogue key of the status's name (`status.draft`, …).
    pub fn message_key(self) -> &'static str {
        match self {
            ArticleStatus::Draft => "status.draft",
            ArticleStatus::Submitted => "status.submitted",
            ArticleStatus::Returned => "status.returned",
            ArticleStatus::Scheduled => "status.scheduled",
            ArticleStatus::Published => "status.published",
            ArticleStatus::Unpublished => "status.unpublished",
        }
    }
}

/// A workflow step requested by a user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Transition {
    /// Draft or returned → submitted.
    Submit,
    /// Submitted → returned (a comment is required).
    Return,
    /// Submitted, draft, returned, scheduled or unpublished → published now.
    Publish,
    /// Submitted, draft, returned or unpublished → scheduled (a future time
    /// is required).
    Schedule,
    /// Published or scheduled → unpublished.
    Unpublish,
    /// Scheduled → published, done by the scheduler when the time comes.
    PublishScheduled,
}

impl Transition {
    /// Every transition.
    pub const ALL: [Transition; 6] = [
        Transition::Submit,
        Transition::Return,
        Transition::Publish,
        Transition::Schedule,
        Transition::Unpublish,
        Transition::PublishScheduled,
    ];

    /// The value posted by forms and written to the audit log.
    pub fn as_str(self) -> &'static str {
        match self {
            Transition::Submit => "submit",
            Transition::Return => "return",
            Transition::Publish => "publish",
            Transition::Schedule => "schedule",
            Transition::Unpublish => "unpublish",
            Transition::PublishScheduled => "publish_scheduled",
        }
    }

    /// Parses the form values; the scheduler's own step cannot be posted.
    pub fn parse_form(s: &str) -> Option<Transition> {
        Transition::ALL.into_iter().filter(|t| *t != Transition::PublishScheduled).find(|t| t.as_str() == s)
    }

    /// The permission the step needs; `None` for the scheduler's own step
    /// (it acts on an approver's earlier decision).
    pub fn action(self) -> Option<Action> {
        match self {
            Transition::Submit => Some(Action::Submit),
            Transition::Return => Some(Action::Return),
            Transition::Publish => Some(Action::Publish),
            Transition::Schedule => Some(Action::Schedule),
            Transition::Unpublish => Some(Action::Unpublish),
            Transition::PublishScheduled => None,
        }
    }

    /// The catalogue key of the button that asks for this step.
    pub fn message_key(self) -> &'static str {
        match self {
            Transition::Submit => "workflow.submit",
            Transition::Return => "workflow.return",
            Transition::Publish => "workflow.publish",
            Transition::Schedule => "workflow.schedule",
            Transition::Unpublish => "workflow.unpublish",
            Transition::PublishScheduled => "workflow.publish_scheduled",
        }
    }
}

/// Why a workflow step was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WorkflowError {
    /// The step does not start from this status (e.g. publishing a returned
    /// article that nobody submitted is allowed, but returning a draft is not).
    #[error("cannot {transition} an article that is {from}", transition = .0.as_str(), from = .1.as_str())]
    NotFrom(Transition, ArticleStatus),
    /// Return without a comment.
    #[error("a returned article needs a comment")]
    CommentRequired,
    /// Schedule without a time, or with a time not in the future.
    #[error("the publication time must be in the future")]
    TimeNotInFuture,
    /// Publishing while an image has no alt text (WCAG 1.1.1).
    #[error("{0} image(s) without alternative text")]
    MissingAltText(usize),
    /// Publishing without a title or body.
    #[error("an article needs a title and a body to be published")]
    Incomplete,
}

impl WorkflowError {
    /// The stable code the catalogue translates.
    pub fn code(&self) -> &'static str {
        match self {
            WorkflowError::NotFrom(..) => "workflow.not_allowed_from",
            WorkflowError::CommentRequired => "workflow.comment_required",
            WorkflowError::TimeNotInFuture => "workflow.time_not_in_future",
            WorkflowError::MissingAltText(_) => "workflow.missing_alt",
            WorkflowError::Incomplete => "workflow.incomplete",
        }
    }
}

/// What the workflow needs to know about the article to judge a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StepContext<'a> {
    /// The comment typed with the step (required to return).
    pub comment: Option<&'a str>,
    /// For [`Transition::Schedule`]: the chosen time, seconds since the Unix
    /// epoch; `now` the current time in the same unit.
    pub at: Option<i64>,
    pub now: i64,
    /// Images of the article (featured and figures) whose alt text is empty.
    pub images_without_alt: usize,
    /// True when the title and body are not empty.
    pub complete: bool,
}

/// The status after `transition` from `from`, or why not. Permissions are
/// checked separately ([`Permissions::can`] with [`Transition::action`]).
pub fn next_status(from: ArticleStatus, transition: Transition, cx: &StepContext<'_>) -> Result<ArticleStatus, WorkflowError> {
    use ArticleStatus as S;
    let allowed_from: &[ArticleStatus] = match transition {
        Transition::Submit => &[S::Draft, S::Returned],
        Transition::Return => &[S::Submitted],
        Transition::Publish => &[S::Draft, S::Submitted, S::Returned, S::Scheduled, S::Unpublished],
        Transition::Schedule => &[S::Draft, S::Submitted, S::Returned, S::Unpublished],
        Transition::Unpublish => &[S::Published, S::Scheduled],
        Transition::PublishScheduled => &[S::Scheduled],
    };
    if !allowed_from.contains(&from) {
        return Err(WorkflowError::NotFrom(transition, from));
    }
    match transition {
        Transition::Submit => Ok(S::Submitted),
        Transition::Return => {
            if cx.comment.is_none_or(|c| c.trim().is_empty()) {
                Err(WorkflowError::CommentRequired)
            } else {
                Ok(S::Returned)
            }
        }
        Transition::Publish | Transition::Schedule | Transition::PublishScheduled => {
            if !cx.complete {
                return Err(WorkflowError::Incomplete);
            }
            if cx.images_without_alt > 0 {
                return Err(WorkflowError::MissingAltText(cx.images_without_alt));
            }
            if transition == Transition::Schedule {
                match cx.at {
                    Some(at) if at > cx.now => Ok(S::Scheduled),
                    _ => Err(WorkflowError::TimeNotInFuture),
                }
            } else {
                Ok(S::Published)
            }
        }
        Transition::Unpublish => Ok(S::Unpublished),
    }
}

/// The steps a user may be offered on an article (the buttons shown): those
/// allowed from its status and by the user's roles in its unit.
pub fn offered_transitions(status: ArticleStatus, unit_id: i32, perms: &Permissions<'_>) -> Vec<Transition> {
    let cx = StepContext { comment: Some("x"), at: Some(1), now: 0, images_without_alt: 0, complete: true };
    Transition::ALL
        .into_iter()
        .filter(|t| t.action().is_some_and(|a| perms.can(a, Some(unit_id))))
        .filter(|t| next_status(status, *t, &cx).is_ok())
        .collect()
}

// Sign-in limits, session lifetimes and the password policy live with the
// accounts (`crate::accounts`); the names stay reachable here.
pub use crate::accounts::{
    LOCK_SECONDS, MAX_FAILED_PER_ADDRESS, MAX_FAILED_SIGN_INS, MIN_PASSWORD_CHARS, PasswordError, SESSION_IDLE_SECONDS,
    SESSION_MAX_SECONDS, check_new_password,
};

#[cfg(test)]
mod tests;
