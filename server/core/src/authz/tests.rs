use super::*;
use crate::model::{Effect, Permission, Statement};

fn user(permission: Permission) -> Subject {
    Subject {
        user_id: 7,
        permission,
        active: true,
    }
}

fn member_with(statements: Vec<Statement>) -> OrgAccess {
    OrgAccess {
        org_id: 1,
        member: true,
        statements,
    }
}

fn statement(effect: Effect, actions: &[&str], resources: &[&str]) -> Statement {
    Statement {
        effect,
        actions: actions.iter().map(|s| s.to_string()).collect(),
        resources: resources.iter().map(|s| s.to_string()).collect(),
    }
}

#[test]
fn nothing_is_allowed_by_default() {
    let access = member_with(vec![]);
    assert_eq!(
        authorize(Some(&user(Permission::User)), &access, "member:read", "*"),
        Decision::Deny(DenyReason::NotAllowed)
    );
}

#[test]
fn wildcards_match_actions_by_prefix_and_suffix() {
    let access = member_with(vec![statement(Effect::Allow, &["tournament:*"], &["*"])]);
    let subject = user(Permission::User);
    assert!(authorize(Some(&subject), &access, "tournament:create", "*").is_allowed());
    assert!(!authorize(Some(&subject), &access, "match:create", "*").is_allowed());
    let readers = member_with(vec![statement(Effect::Allow, &["*:read"], &["*"])]);
    assert!(authorize(Some(&subject), &readers, "member:read", "*").is_allowed());
    assert!(!authorize(Some(&subject), &readers, "member:remove", "*").is_allowed());
}

#[test]
fn deny_wins_over_allow_whatever_the_order() {
    let allow = statement(Effect::Allow, &["*"], &["*"]);
    let deny = statement(Effect::Deny, &["member:remove"], &["*"]);
    for statements in [
        vec![allow.clone(), deny.clone()],
        vec![deny.clone(), allow.clone()],
    ] {
        let access = member_with(statements);
        let subject = user(Permission::User);
        assert_eq!(
            authorize(Some(&subject), &access, "member:remove", "*"),
            Decision::Deny(DenyReason::Denied)
        );
        assert!(authorize(Some(&subject), &access, "member:add", "*").is_allowed());
    }
}

#[test]
fn resources_narrow_a_statement() {
    let access = member_with(vec![statement(
        Effect::Allow,
        &["tournament:update"],
        &["tournament:42"],
    )]);
    let subject = user(Permission::User);
    assert!(authorize(
        Some(&subject),
        &access,
        "tournament:update",
        "tournament:42"
    )
    .is_allowed());
    assert!(!authorize(
        Some(&subject),
        &access,
        "tournament:update",
        "tournament:43"
    )
    .is_allowed());
    // A statement about one tournament does not grant the action on the whole organization.
    assert!(!authorize(Some(&subject), &access, "tournament:update", "*").is_allowed());
}

#[test]
fn non_members_anonymous_and_deactivated_users_are_refused() {
    let outsider = OrgAccess {
        org_id: 1,
        member: false,
        statements: vec![statement(Effect::Allow, &["*"], &["*"])],
    };
    assert_eq!(
        authorize(
            Some(&user(Permission::Moderator)),
            &outsider,
            "org:read",
            "*"
        ),
        Decision::Deny(DenyReason::NotMember)
    );
    let access = member_with(vec![statement(Effect::Allow, &["*"], &["*"])]);
    assert_eq!(
        authorize(None, &access, "org:read", "*"),
        Decision::Deny(DenyReason::NotSignedIn)
    );
    let mut inactive = user(Permission::Superadmin);
    inactive.active = false;
    assert_eq!(
        authorize(Some(&inactive), &access, "org:read", "*"),
        Decision::Deny(DenyReason::Inactive)
    );
}

#[test]
fn global_admins_act_in_every_organization() {
    let outsider = OrgAccess::default();
    assert!(authorize(
        Some(&user(Permission::Admin)),
        &outsider,
        "member:remove",
        "*"
    )
    .is_allowed());
    assert!(authorize(Some(&user(Permission::Superadmin)), &outsider, "x:y", "*").is_allowed());
}

#[test]
fn global_actions_need_their_permission_level() {
    assert!(authorize_global(Some(&user(Permission::User)), GlobalAction::SignedIn).is_allowed());
    assert_eq!(
        authorize_global(
            Some(&user(Permission::Admin)),
            GlobalAction::CreateOrganization
        ),
        Decision::Deny(DenyReason::NeedsPermission(Permission::Superadmin))
    );
    assert!(authorize_global(
        Some(&user(Permission::Superadmin)),
        GlobalAction::CreateOrganization
    )
    .is_allowed());
    assert!(authorize_global(Some(&user(Permission::Admin)), GlobalAction::ListUsers).is_allowed());
    assert_eq!(
        authorize_global(None, GlobalAction::SignedIn),
        Decision::Deny(DenyReason::NotSignedIn)
    );
}

#[test]
fn builtin_roles_grant_what_their_names_say() {
    let subject = user(Permission::User);
    let role = |key| member_with(builtin_role(key).unwrap().statements());
    let tm = role("tournament_manager");
    assert!(authorize(Some(&subject), &tm, "tournament:create", "*").is_allowed());
    assert!(!authorize(Some(&subject), &tm, "member:remove", "*").is_allowed());
    let moderator = role("moderator");
    assert!(authorize(Some(&subject), &moderator, "audit:read", "*").is_allowed());
    assert!(!authorize(Some(&subject), &moderator, "invite:manage", "*").is_allowed());
    let admin = role("admin");
    assert!(authorize(Some(&subject), &admin, "plugin:manage", "*").is_allowed());
    let members = role("member_manager");
    assert!(authorize(Some(&subject), &members, "invite:manage", "*").is_allowed());
    assert!(!authorize(Some(&subject), &members, "role:manage", "*").is_allowed());
}

#[test]
fn patterns_are_validated_against_known_actions() {
    let known = ["tournament:create", "member:read"];
    assert!(validate_action_pattern("tournament:*", known).is_ok());
    assert!(validate_action_pattern("*", known).is_ok());
    assert!(validate_action_pattern("tournamnet:*", known)
        .unwrap_err()
        .contains("matches no known action"));
    assert!(validate_action_pattern("Tournament:Create", known).is_err());
    assert!(validate_action_pattern("", known).is_err());
    assert!(validate_action_pattern("member:rea?", known).is_err());
    assert!(validate_resource_pattern("tournament:42").is_ok());
    assert!(validate_resource_pattern("drop table").is_err());
}

#[test]
fn question_marks_are_not_wildcards() {
    assert!(!matches("member:rea?", "member:read"));
    assert!(matches("member:*", "member:read"));
    assert!(matches("*:read", "member:read"));
    assert!(!matches("member:read", "member:reads"));
}
