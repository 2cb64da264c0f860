//! The one authorization function: may this actor do this action on this resource, here?
//!
//! Pure: callers load the actor's statements for the organization (see
//! `repo::roles::org_access`) and ask [`authorize`]. The host's central layer is the only
//! caller for requests; handlers never decide access themselves.

mod actions;
mod builtin;
mod pattern;

pub use actions::{core_actions, GlobalAction, CORE_ACTIONS};
pub use builtin::{builtin_role, BuiltinRole, BUILTIN_ROLES};
pub use pattern::{matches, validate_action_pattern, validate_resource_pattern};

use crate::model::{Effect, Permission, Statement};

/// What a request needs before it reaches a handler. Every server function and API route
/// declares one; the central layer applies it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Guard {
    /// Anyone, signed in or not.
    Public,
    /// A platform-wide action.
    Global(GlobalAction),
    /// An action in the organization the request names.
    Org(&'static str),
}

/// Who asks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Subject {
    pub user_id: i64,
    pub permission: Permission,
    pub active: bool,
}

/// What an actor holds in one organization: whether they are a member and the statements of
/// every role they hold there.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OrgAccess {
    pub org_id: i64,
    pub member: bool,
    pub statements: Vec<Statement>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Allow,
    Deny(DenyReason),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DenyReason {
    NotSignedIn,
    Inactive,
    NotMember,
    /// A statement of one of the actor's roles denies the action.
    Denied,
    /// No statement allows the action (the default).
    NotAllowed,
    /// A platform action needs this global permission.
    NeedsPermission(Permission),
}

impl DenyReason {
    /// What the person is told.
    pub fn message(self) -> String {
        match self {
            DenyReason::NotSignedIn => "sign in first".into(),
            DenyReason::Inactive => "this account is deactivated".into(),
            DenyReason::NotMember => "you are not a member of this organization".into(),
            DenyReason::Denied | DenyReason::NotAllowed => {
                "your roles in this organization do not allow this".into()
            }
            DenyReason::NeedsPermission(p) => {
                format!("this needs the global {} permission", p.label())
            }
        }
    }
}

impl Decision {
    pub fn is_allowed(self) -> bool {
        self == Decision::Allow
    }
}

/// May `subject` do `action` on `resource` in the organization described by `access`?
///
/// Global ADMIN and SUPERADMIN act as platform staff in every organization. Everyone else must
/// be a member; then a matching DENY wins over any ALLOW, and nothing is allowed by default.
pub fn authorize(
    subject: Option<&Subject>,
    access: &OrgAccess,
    action: &str,
    resource: &str,
) -> Decision {
    let subject = match check_subject(subject) {
        Ok(subject) => subject,
        Err(reason) => return Decision::Deny(reason),
    };
    if subject.permission.is_staff() {
        return Decision::Allow;
    }
    if !access.member {
        return Decision::Deny(DenyReason::NotMember);
    }
    evaluate(&access.statements, action, resource)
}

/// May `subject` do this platform-wide action (create organizations, manage users, ...)?
pub fn authorize_global(subject: Option<&Subject>, action: GlobalAction) -> Decision {
    let subject = match check_subject(subject) {
        Ok(subject) => subject,
        Err(reason) => return Decision::Deny(reason),
    };
    let needed = action.required_permission();
    if subject.permission >= needed {
        Decision::Allow
    } else {
        Decision::Deny(DenyReason::NeedsPermission(needed))
    }
}

fn check_subject(subject: Option<&Subject>) -> Result<&Subject, DenyReason> {
    match subject {
        None => Err(DenyReason::NotSignedIn),
        Some(s) if !s.active => Err(DenyReason::Inactive),
        Some(s) => Ok(s),
    }
}

/// DENY wins, then ALLOW, then the default deny.
pub fn evaluate(statements: &[Statement], action: &str, resource: &str) -> Decision {
    let mut allowed = false;
    for statement in statements {
        let applies = statement.actions.iter().any(|p| matches(p, action))
            && statement.resources.iter().any(|p| matches(p, resource));
        if applies {
            match statement.effect {
                Effect::Deny => return Decision::Deny(DenyReason::Denied),
                Effect::Allow => allowed = true,
            }
        }
    }
    if allowed {
        Decision::Allow
    } else {
        Decision::Deny(DenyReason::NotAllowed)
    }
}

#[cfg(test)]
mod tests;
