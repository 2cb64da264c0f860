//! Who may open each of the core's pages. The server applies these, and each plugin page's
//! guard, before a page renders (`sahabot_server::access::pages`); a test checks that every
//! route of the router is listed here, is public, or is a plugin's page.

use sahabot_sdk::{GlobalAction, Guard};

/// The guarded pages, by their address pattern (`{name}` for a parameter).
pub const GUARDED_PAGES: &[(&str, Guard)] = &[
    ("/org/{org}/admin", Guard::Org("org:read")),
    ("/org/{org}/admin/plugins", Guard::Org("plugin:read")),
    ("/org/{org}/admin/scheduled-tasks", Guard::Org("task:read")),
    ("/profile", Guard::Global(GlobalAction::SignedIn)),
    (
        "/organizations/request",
        Guard::Global(GlobalAction::SignedIn),
    ),
    (
        "/admin/requests",
        Guard::Global(GlobalAction::ReviewOrgRequests),
    ),
    ("/admin/users", Guard::Global(GlobalAction::ListUsers)),
    (
        "/admin/organizations",
        Guard::Global(GlobalAction::CreateOrganization),
    ),
    (
        "/admin/audit",
        Guard::Global(GlobalAction::ReadAllAuditLogs),
    ),
    (
        "/admin/events",
        Guard::Global(GlobalAction::ReadAllAuditLogs),
    ),
    ("/admin/tasks", Guard::Global(GlobalAction::ManageTasks)),
    ("/admin/plugins", Guard::Global(GlobalAction::ManagePlugins)),
];

/// The pages anyone may open.
pub const PUBLIC_PAGES: &[&str] = &["/", "/login", "/invite/{slug}", "/org/{org}"];
