//! Types that pages and server functions exchange.

use serde::{Deserialize, Serialize};

mod access;
mod events;
mod plugins;
mod tasks;
pub use access::*;
pub use events::*;
pub use plugins::*;
pub use tasks::*;

/// Global permission levels (values as in the previous generation).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Permission {
    User,
    Moderator,
    Admin,
    Superadmin,
}

impl Permission {
    /// Platform staff (global ADMIN and up) act in every organization and see what its
    /// members see.
    pub fn is_staff(self) -> bool {
        self >= Permission::Admin
    }

    pub fn level(self) -> i64 {
        match self {
            Permission::User => 0,
            Permission::Moderator => 50,
            Permission::Admin => 100,
            Permission::Superadmin => 200,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Permission::User => "USER",
            Permission::Moderator => "MODERATOR",
            Permission::Admin => "ADMIN",
            Permission::Superadmin => "SUPERADMIN",
        }
    }

    /// The highest permission whose level does not exceed `level`.
    pub fn from_level(level: i64) -> Permission {
        [
            Permission::Superadmin,
            Permission::Admin,
            Permission::Moderator,
        ]
        .into_iter()
        .find(|p| level >= p.level())
        .unwrap_or(Permission::User)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrgSummary {
    pub slug: String,
    pub name: String,
    pub description: String,
    pub member_count: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Member {
    pub user_id: i64,
    pub display_name: String,
    pub pronouns: Option<String>,
    /// Unix milliseconds.
    pub joined_at: i64,
}

/// The signed-in user, as pages and server functions see them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CurrentUser {
    pub id: i64,
    pub display_name: String,
    pub permission: Permission,
    /// Set while a SUPERADMIN acts as this user: the SUPERADMIN's display name.
    #[serde(default)]
    pub impersonated_by: Option<String>,
}

/// What the top bar shows: who is signed in and their organizations.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountSummary {
    pub user: Option<CurrentUser>,
    pub orgs: Vec<OrgSummary>,
}

/// Which ways of signing in this server offers (given to pages as context).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginConfig {
    pub discord: bool,
    pub demo_mode: bool,
}

/// How this server lets people sign in.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginOptions {
    /// Discord login is configured (client id and secret are set).
    pub discord: bool,
    /// The server runs in demo mode: anyone may sign in as a demo user.
    pub demo_users: Vec<DemoLogin>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemoLogin {
    pub user_id: i64,
    pub display_name: String,
    pub permission: Permission,
}

#[cfg(test)]
mod tests {
    use super::Permission;

    #[test]
    fn permission_levels_round_trip_and_round_down() {
        for p in [
            Permission::User,
            Permission::Moderator,
            Permission::Admin,
            Permission::Superadmin,
        ] {
            assert_eq!(Permission::from_level(p.level()), p);
        }
        assert_eq!(Permission::from_level(99), Permission::Moderator);
        assert_eq!(Permission::from_level(-5), Permission::User);
    }

    #[test]
    fn platform_staff_is_admin_and_up() {
        assert!(!Permission::User.is_staff());
        assert!(!Permission::Moderator.is_staff());
        assert!(Permission::Admin.is_staff());
        assert!(Permission::Superadmin.is_staff());
    }
}

/// A user's own profile page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub id: i64,
    pub display_name: String,
    pub pronouns: Option<String>,
    pub permission: Permission,
    /// Linked accounts: `(service, name)` such as `("Discord", "synack")`.
    pub linked: Vec<(String, String)>,
}
