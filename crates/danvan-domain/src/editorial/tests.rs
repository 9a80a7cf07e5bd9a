//! The permission table and the workflow, as the back office uses them.
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
