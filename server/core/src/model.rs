//! Types that pages and server functions exchange.

use serde::{Deserialize, Serialize};

/// Global permission levels (values as in the previous generation).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Permission {
    User,
    Moderator,
    Admin,
    Superadmin,
}

impl Permission {
    pub fn level(self) -> i64 {
        match self {
            Permission::User => 0,
            Permission::Moderator => 50,
            Permission::Admin => 100,
            Permission::Superadmin => 200,
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
pub struct OrgSummary {
    pub slug: String,
    pub name: String,
    pub description: String,
    pub member_count: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub user_id: i64,
    pub display_name: String,
    pub pronouns: Option<String>,
    /// Unix milliseconds.
    pub joined_at: i64,
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
}
