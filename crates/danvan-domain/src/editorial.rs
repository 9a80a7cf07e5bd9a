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

use std::collections::HashMap;

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
mod tests {
    use super::*;
    use Action as A;
    use Role as R;

    /// The whole permission table, row by row: (role, action, allowed).
    #[test]
    fn permission_table() {
        let expected: &[(Role, Action, bool)] = &[
            (R::Contributor, A::CreateArticle, true),
            (R::Contributor, A::EditOwnDraft, true),
            (R::Contributor, A::EditAnyArticle, false),
            (R::Contributor, A::Submit, false),
            (R::Contributor, A::Publish, false),
            (R::Contributor, A::Schedule, false),
            (R::Contributor, A::Unpublish, false),
            (R::Contributor, A::UploadMedia, true),
            (R::Contributor, A::ViewAudit, false),
            (R::Contributor, A::ManageUsers, false),
            (R::Editor, A::CreateArticle, true),
            (R::Editor, A::EditAnyArticle, true),
            (R::Editor, A::Submit, true),
            (R::Editor, A::Return, false),
            (R::Editor, A::Publish, false),
            (R::Editor, A::Unpublish, false),
            (R::Editor, A::RestoreRevision, true),
            (R::Editor, A::ManageCategories, false),
            (R::Approver, A::Submit, false),
            (R::Approver, A::Return, true),
            (R::Approver, A::Publish, true),
            (R::Approver, A::Schedule, true),
            (R::Approver, A::Unpublish, true),
            (R::Approver, A::ViewAudit, true),
            (R::Approver, A::ManageUsers, false),
            (R::Administrator, A::ManageUsers, true),
            (R::Administrator, A::ManageUnits, true),
            (R::Administrator, A::ManageCategories, true),
            (R::Administrator, A::Publish, false),
            (R::Administrator, A::CreateArticle, false),
            (R::UnitOfficer, A::RegisterModel, true),
            (R::UnitOfficer, A::ApproveModel, false),
            (R::UnitOfficer, A::EvaluateModel, false),
            (R::UnitOfficer, A::CreateArticle, false),
            (R::RegistryOfficer, A::ApproveModel, true),
            (R::RegistryOfficer, A::EvaluateModel, true),
            (R::RegistryOfficer, A::CommendModel, true),
            (R::RegistryOfficer, A::ManageUsers, false),
            (R::Editor, A::RegisterModel, false),
        ];
        for (role, action, allowed) in expected {
            assert_eq!(role_allows(*role, *action), *allowed, "{role:?} {action:?}");
        }
        for role in Role::ALL {
            assert!(role_allows(role, A::EnterBackOffice), "{role:?} enters the back office");
        }
    }

    fn tree() -> UnitTree {
        // 1 district committee; 2 mass-mobilization board under 1; 3 commune
        // under 1; 4 village under 3; 5 another province (no parent).
        UnitTree::new([(1, None), (2, Some(1)), (3, Some(1)), (4, Some(3)), (5, None)])
    }

    #[test]
    fn scopes_follow_the_subtree() {
        let t = tree();
        assert!(t.is_within(4, 1));
        assert!(t.is_within(4, 3));
        assert!(t.is_within(3, 3));
        assert!(!t.is_within(2, 3));
        assert!(!t.is_within(1, 3));
        assert!(!t.is_within(5, 1));
        let grants = [Grant { role: R::Approver, unit_id: 3 }, Grant { role: R::Contributor, unit_id: 1 }];
        let p = Permissions { grants: &grants, tree: &t };
        assert!(p.can(A::Publish, Some(4)));
        assert!(p.can(A::Publish, Some(3)));
        assert!(!p.can(A::Publish, Some(2)), "approver of the commune cannot publish for the board");
        assert!(p.can(A::CreateArticle, Some(2)), "contributor over the whole district");
        assert!(p.can(A::Publish, None));
        assert!(!p.can(A::ManageUsers, None));
        assert!(p.can_site_wide(A::CreateArticle), "granted at the root");
        assert!(!p.can_site_wide(A::Publish), "granted at a commune only");
        assert!(t.is_root(1) && t.is_root(5) && !t.is_root(3) && !t.is_root(99));
        assert_eq!(p.scopes(A::Publish), vec![3]);
    }

    #[test]
    fn cycles_in_bad_data_end() {
        let t = UnitTree::new([(1, Some(2)), (2, Some(1))]);
        assert!(t.is_within(1, 2));
        assert!(!t.is_within(1, 3));
    }

    #[test]
    fn editing_rights() {
        let t = tree();
        let contributor = [Grant { role: R::Contributor, unit_id: 3 }];
        let p = Permissions { grants: &contributor, tree: &t };
        assert!(p.can_edit(ArticleStatus::Draft, 4, Some(7), 7));
        assert!(p.can_edit(ArticleStatus::Returned, 4, Some(7), 7));
        assert!(!p.can_edit(ArticleStatus::Submitted, 4, Some(7), 7), "handed in: no more edits by the writer");
        assert!(!p.can_edit(ArticleStatus::Draft, 4, Some(8), 7), "someone else's draft");
        assert!(!p.can_edit(ArticleStatus::Draft, 2, Some(7), 7), "outside the scope");
        let editor = [Grant { role: R::Editor, unit_id: 1 }];
        let p = Permissions { grants: &editor, tree: &t };
        assert!(p.can_edit(ArticleStatus::Submitted, 4, Some(8), 7));
        assert!(p.can_edit(ArticleStatus::Unpublished, 4, Some(8), 7));
        assert!(!p.can_edit(ArticleStatus::Published, 4, Some(8), 7), "approved text changes only with an approver");
        assert!(!p.can_edit(ArticleStatus::Scheduled, 4, Some(8), 7));
        let approver = [Grant { role: R::Approver, unit_id: 1 }];
        let p = Permissions { grants: &approver, tree: &t };
        assert!(p.can_edit(ArticleStatus::Published, 4, Some(8), 7));
        assert!(!p.can_edit(ArticleStatus::Published, 5, Some(8), 7));
    }


    #[test]
    fn viewing_articles() {
        let t = tree();
        let contributor = [Grant { role: R::Contributor, unit_id: 3 }];
        let p = Permissions { grants: &contributor, tree: &t };
        assert!(p.can_view_article(4, Some(7), 7), "own article");
        assert!(!p.can_view_article(4, Some(8), 7), "a colleague's draft");
        assert!(p.can_view_article(2, Some(7), 7), "own article outside the scope (moved)");
        assert!(!p.can_view_article(4, Some(0), 0), "the scheduler is nobody's author");
        assert!(!p.can_view_article(4, None, 7));
        let editor = [Grant { role: R::Editor, unit_id: 3 }];
        let p = Permissions { grants: &editor, tree: &t };
        assert!(p.can_view_article(4, Some(8), 7));
        assert!(!p.can_view_article(2, Some(8), 7), "outside the scope");
        let approver = [Grant { role: R::Approver, unit_id: 1 }];
        assert!(Permissions { grants: &approver, tree: &t }.can_view_article(2, None, 7));
        let admin = [Grant { role: R::Administrator, unit_id: 1 }];
        assert!(!Permissions { grants: &admin, tree: &t }.can_view_article(2, Some(8), 7), "administrators run the site, not its articles");
    }

    #[test]
    fn restoring_revisions() {
        use ArticleStatus as S;
        let t = tree();
        let contributor = [Grant { role: R::Contributor, unit_id: 3 }];
        let p = Permissions { grants: &contributor, tree: &t };
        assert!(p.can_restore(S::Draft, 4, Some(7), 7), "own draft");
        assert!(p.can_restore(S::Returned, 4, Some(7), 7), "own returned article");
        assert!(!p.can_restore(S::Submitted, 4, Some(7), 7), "handed in");
        assert!(!p.can_restore(S::Draft, 4, Some(8), 7), "a colleague's draft");
        assert!(!p.can_restore(S::Draft, 2, Some(7), 7), "own draft, but no editing right in that unit");
        let editor = [Grant { role: R::Editor, unit_id: 1 }];
        let p = Permissions { grants: &editor, tree: &t };
        assert!(p.can_restore(S::Submitted, 4, Some(8), 7));
        assert!(p.can_restore(S::Unpublished, 4, None, 7));
        assert!(!p.can_restore(S::Published, 4, Some(8), 7), "approved text changes only with an approver");
        assert!(!p.can_restore(S::Draft, 5, Some(8), 7), "another province");
        let approver = [Grant { role: R::Approver, unit_id: 3 }];
        let p = Permissions { grants: &approver, tree: &t };
        assert!(p.can_restore(S::Published, 4, Some(8), 7));
        assert!(!p.can_restore(S::Published, 2, Some(8), 7));
    }

    #[test]
    fn reading_the_audit_log() {
        let t = tree();
        let approver = [Grant { role: R::Approver, unit_id: 3 }];
        let p = Permissions { grants: &approver, tree: &t };
        assert!(p.can_read_audit(None));
        assert!(p.can_read_audit(Some(4)));
        assert!(!p.can_read_audit(Some(2)));
        let admin = [Grant { role: R::Administrator, unit_id: 1 }];
        assert!(Permissions { grants: &admin, tree: &t }.can_read_audit(Some(2)));
        for role in [R::Contributor, R::Editor] {
            let g = [Grant { role, unit_id: 1 }];
            assert!(!Permissions { grants: &g, tree: &t }.can_read_audit(None), "{role:?}");
        }
    }

    fn cx() -> StepContext<'static> {
        StepContext { comment: None, at: None, now: 1_000, images_without_alt: 0, complete: true }
    }

    #[test]
    fn workflow_steps() {
        use ArticleStatus as S;
        use Transition as T;
        let c = cx();
        assert_eq!(next_status(S::Draft, T::Submit, &c), Ok(S::Submitted));
        assert_eq!(next_status(S::Returned, T::Submit, &c), Ok(S::Submitted));
        assert_eq!(next_status(S::Submitted, T::Submit, &c), Err(WorkflowError::NotFrom(T::Submit, S::Submitted)));
        assert_eq!(next_status(S::Submitted, T::Return, &c), Err(WorkflowError::CommentRequired));
        let with_comment = StepContext { comment: Some("  "), ..c };
        assert_eq!(next_status(S::Submitted, T::Return, &with_comment), Err(WorkflowError::CommentRequired));
        let with_comment = StepContext { comment: Some("Sửa lại tít"), ..c };
        assert_eq!(next_status(S::Submitted, T::Return, &with_comment), Ok(S::Returned));
        assert_eq!(next_status(S::Draft, T::Return, &with_comment), Err(WorkflowError::NotFrom(T::Return, S::Draft)));
        assert_eq!(next_status(S::Submitted, T::Publish, &c), Ok(S::Published));
        assert_eq!(next_status(S::Published, T::Publish, &c), Err(WorkflowError::NotFrom(T::Publish, S::Published)));
        assert_eq!(next_status(S::Published, T::Unpublish, &c), Ok(S::Unpublished));
        assert_eq!(next_status(S::Scheduled, T::Unpublish, &c), Ok(S::Unpublished));
        assert_eq!(next_status(S::Draft, T::Unpublish, &c), Err(WorkflowError::NotFrom(T::Unpublish, S::Draft)));
        assert_eq!(next_status(S::Submitted, T::Schedule, &c), Err(WorkflowError::TimeNotInFuture));
        let past = StepContext { at: Some(999), ..c };
        assert_eq!(next_status(S::Submitted, T::Schedule, &past), Err(WorkflowError::TimeNotInFuture));
        let future = StepContext { at: Some(1_001), ..c };
        assert_eq!(next_status(S::Submitted, T::Schedule, &future), Ok(S::Scheduled));
        assert_eq!(next_status(S::Scheduled, T::PublishScheduled, &c), Ok(S::Published));
        assert_eq!(next_status(S::Submitted, T::PublishScheduled, &c), Err(WorkflowError::NotFrom(T::PublishScheduled, S::Submitted)));
        let no_alt = StepContext { images_without_alt: 2, ..c };
        assert_eq!(next_status(S::Submitted, T::Publish, &no_alt), Err(WorkflowError::MissingAltText(2)));
        assert_eq!(next_status(S::Scheduled, T::PublishScheduled, &no_alt), Err(WorkflowError::MissingAltText(2)));
        let empty = StepContext { complete: false, ..c };
        assert_eq!(next_status(S::Submitted, T::Publish, &empty), Err(WorkflowError::Incomplete));
        assert_eq!(WorkflowError::MissingAltText(2).code(), "workflow.missing_alt");
    }

    #[test]
    fn buttons_offered() {
        use ArticleStatus as S;
        use Transition as T;
        let t = tree();
        let c = [Grant { role: R::Contributor, unit_id: 1 }];
        let e = [Grant { role: R::Editor, unit_id: 1 }];
        let a = [Grant { role: R::Approver, unit_id: 1 }];
        let offered = |g: &[Grant], s| offered_transitions(s, 3, &Permissions { grants: g, tree: &t });
        assert_eq!(offered(&c, S::Draft), vec![]);
        assert_eq!(offered(&e, S::Draft), vec![T::Submit]);
        assert_eq!(offered(&e, S::Submitted), vec![]);
        assert_eq!(offered(&a, S::Submitted), vec![T::Return, T::Publish, T::Schedule]);
        assert_eq!(offered(&a, S::Published), vec![T::Unpublish]);
        assert_eq!(offered(&a, S::Scheduled), vec![T::Publish, T::Unpublish]);
        assert_eq!(Transition::parse_form("publish_scheduled"), None);
        assert_eq!(Transition::parse_form("publish"), Some(T::Publish));
    }

    #[test]
    fn names_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        for s in ArticleStatus::ALL {
            assert_eq!(ArticleStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(Role::parse("root"), None);
    }

}
