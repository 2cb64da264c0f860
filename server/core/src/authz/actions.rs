//! The permission actions the core defines. Plugins declare their own in their manifest.

use crate::model::{ActionInfo, Permission};

/// Organization-scoped actions of the core, with what they let a person do.
pub const CORE_ACTIONS: &[(&str, &str)] = &[
    ("org:read", "Open the organization's admin pages"),
    (
        "org:update",
        "Edit the organization's details and Discord server",
    ),
    ("member:read", "See members and the roles they hold"),
    ("member:add", "Add members"),
    ("member:remove", "Remove members"),
    ("member:roles", "Grant and take away roles"),
    ("role:read", "See roles and their statements"),
    ("role:manage", "Create, edit and delete custom roles"),
    ("invite:read", "See invite links"),
    ("invite:manage", "Create and revoke invite links"),
    ("audit:read", "Read the organization's audit log"),
    (
        "plugin:read",
        "See the organization's plugins and their settings",
    ),
    ("plugin:manage", "Turn plugins on or off and configure them"),
    ("task:read", "See the scheduled tasks and their runs"),
    (
        "task:manage",
        "Create scheduled tasks, run, pause, reschedule and delete them",
    ),
];

pub fn core_actions() -> impl Iterator<Item = ActionInfo> {
    CORE_ACTIONS.iter().map(|(action, description)| ActionInfo {
        action: (*action).into(),
        description: (*description).into(),
        source: "core".into(),
    })
}

/// Platform-wide actions; each needs a minimum global permission.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GlobalAction {
    /// Any signed-in, active user: file an organization request, manage one's own tokens.
    SignedIn,
    ListUsers,
    ManageUsers,
    Impersonate,
    CreateOrganization,
    ReviewOrgRequests,
    ReadAllAuditLogs,
    /// Install and uninstall plugins, grant private ones, set installation configuration.
    ManagePlugins,
    /// See and change every scheduled task, the global ones included.
    ManageTasks,
    /// Archive, restore and delete organizations.
    ManageOrganizations,
}

impl GlobalAction {
    pub fn required_permission(self) -> Permission {
        match self {
            GlobalAction::SignedIn => Permission::User,
            GlobalAction::ListUsers => Permission::Admin,
            GlobalAction::ManageUsers
            | GlobalAction::Impersonate
            | GlobalAction::CreateOrganization
            | GlobalAction::ReviewOrgRequests
            | GlobalAction::ReadAllAuditLogs
            | GlobalAction::ManagePlugins
            | GlobalAction::ManageTasks
            | GlobalAction::ManageOrganizations => Permission::Superadmin,
        }
    }
}
