//! Roles, policy statements, invites and organization requests, as pages see them.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Effect {
    Allow,
    Deny,
}

impl Effect {
    pub fn as_str(self) -> &'static str {
        match self {
            Effect::Allow => "allow",
            Effect::Deny => "deny",
        }
    }

    pub fn parse(value: &str) -> Option<Effect> {
        match value {
            "allow" => Some(Effect::Allow),
            "deny" => Some(Effect::Deny),
            _ => None,
        }
    }
}

/// One policy statement: which actions on which resources it allows or denies.
/// Actions and resources are patterns where `*` matches any run of characters
/// (`tournament:*`, `*:read`, `tournament:42`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Statement {
    pub effect: Effect,
    pub actions: Vec<String>,
    pub resources: Vec<String>,
}

impl Statement {
    pub fn allow(actions: &[&str]) -> Statement {
        Statement {
            effect: Effect::Allow,
            actions: actions.iter().map(|a| a.to_string()).collect(),
            resources: vec!["*".into()],
        }
    }
}

/// A role of an organization: built-in (defined by the product, not editable) or custom.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Role {
    pub id: i64,
    pub name: String,
    pub description: String,
    /// The built-in role's key (`admin`, `tournament_manager`, ...); `None` for a custom role.
    pub builtin: Option<String>,
    pub statements: Vec<Statement>,
    pub member_count: i64,
}

/// A member with the roles they hold in the organization.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MemberWithRoles {
    pub user_id: i64,
    pub display_name: String,
    pub joined_at: i64,
    pub role_ids: Vec<i64>,
}

/// A permission action a role may be granted, with who declares it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionInfo {
    pub action: String,
    pub description: String,
    /// `core` or the id of the plugin that declares it.
    pub source: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Invite {
    pub id: i64,
    pub slug: String,
    pub max_uses: Option<i64>,
    pub uses_count: i64,
    /// Unix milliseconds; `None` never expires.
    pub expires_at: Option<i64>,
    pub is_active: bool,
    pub created_at: i64,
}

/// What the public invite page shows before someone joins.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitePreview {
    pub org_slug: String,
    pub org_name: String,
    pub org_description: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RequestStatus {
    Pending,
    Approved,
    Rejected,
}

impl RequestStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RequestStatus::Pending => "pending",
            RequestStatus::Approved => "approved",
            RequestStatus::Rejected => "rejected",
        }
    }

    pub fn parse(value: &str) -> Option<RequestStatus> {
        match value {
            "pending" => Some(RequestStatus::Pending),
            "approved" => Some(RequestStatus::Approved),
            "rejected" => Some(RequestStatus::Rejected),
            _ => None,
        }
    }
}

/// A request to create an organization, filed by a user and decided by a SUPERADMIN.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgRequest {
    pub id: i64,
    pub requested_by: i64,
    pub requester_name: String,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub reason: String,
    pub status: RequestStatus,
    pub review_note: Option<String>,
    pub created_at: i64,
    pub reviewed_at: Option<i64>,
}

/// A page of a longer list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

impl<T> Page<T> {
    pub fn page_count(&self) -> i64 {
        ((self.total + self.per_page - 1) / self.per_page.max(1)).max(1)
    }
}

/// One line of the audit log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    pub user_name: Option<String>,
    pub org_slug: Option<String>,
    pub action: String,
    pub details: String,
    pub ip: Option<String>,
    pub created_at: i64,
}

/// What the current actor may do in one organization (drives which admin tabs a page shows;
/// the server checks every call again).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgAbilities {
    pub member: bool,
    pub actions: Vec<String>,
}

impl OrgAbilities {
    pub fn can(&self, action: &str) -> bool {
        self.actions.iter().any(|a| a == action)
    }
}

/// Everything the organization administration page shows, loaded in one call: the viewer's
/// abilities and each section they may see (empty when they may not).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminSnapshot {
    pub abilities: OrgAbilities,
    pub members: Vec<MemberWithRoles>,
    pub roles: Vec<Role>,
    /// The permission actions a custom role may name (with the role list).
    pub actions: Vec<ActionInfo>,
    pub invites: Vec<Invite>,
    pub audit: Option<Page<AuditEntry>>,
    /// With `org:update`.
    pub settings: Option<OrgSettings>,
}

/// An API token as its owner sees it; the secret itself is shown once, at creation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiToken {
    pub id: i64,
    pub name: String,
    pub created_at: i64,
    pub expires_at: Option<i64>,
    pub last_used_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

/// A newly created token: the only time its secret is readable.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewApiToken {
    pub token: ApiToken,
    pub secret: String,
}

/// A user as the platform administration lists them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserRow {
    pub id: i64,
    pub display_name: String,
    pub discord_username: Option<String>,
    pub permission: crate::model::Permission,
    pub is_active: bool,
    pub created_at: i64,
}

/// What an organization's administrators may change about it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgSettings {
    pub name: String,
    pub description: String,
    /// The Discord server linked to the organization (a snowflake, as text).
    pub discord_guild_id: Option<String>,
    /// Whether anyone may see the member list, or only members and the platform's staff.
    pub member_list_public: bool,
}

/// An organization as the platform administration lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgRow {
    pub slug: String,
    pub name: String,
    pub member_count: i64,
    pub is_active: bool,
    pub created_at: i64,
}
