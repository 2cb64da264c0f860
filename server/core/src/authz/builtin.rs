//! The built-in organization roles. Their statements live here, not in the database, so an
//! improved definition reaches every organization at once; each organization holds one row per
//! built-in role so that members can be given it.

use crate::model::Statement;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BuiltinRole {
    pub key: &'static str,
    pub name: &'static str,
    pub description: &'static str,
    actions: &'static [&'static str],
}

impl BuiltinRole {
    pub fn statements(&self) -> Vec<Statement> {
        vec![Statement::allow(self.actions)]
    }
}

pub const BUILTIN_ROLES: &[BuiltinRole] = &[
    BuiltinRole {
        key: "admin",
        name: "Admin",
        description: "Everything in this organization",
        actions: &["*"],
    },
    BuiltinRole {
        key: "tournament_manager",
        name: "Tournament Manager",
        description: "Runs tournaments and their matches",
        actions: &["org:read", "member:read", "tournament:*", "match:*"],
    },
    BuiltinRole {
        key: "async_reviewer",
        name: "Async Reviewer",
        description: "Reviews asynchronous qualifier runs",
        actions: &["org:read", "async_qualifier:read", "async_qualifier:review"],
    },
    BuiltinRole {
        key: "member_manager",
        name: "Member Manager",
        description: "Adds and removes members, manages invites and role grants",
        actions: &["org:read", "member:*", "invite:*", "role:read"],
    },
    BuiltinRole {
        key: "moderator",
        name: "Moderator",
        description: "Reads everything, changes nothing",
        actions: &["*:read"],
    },
];

pub fn builtin_role(key: &str) -> Option<&'static BuiltinRole> {
    BUILTIN_ROLES.iter().find(|role| role.key == key)
}
