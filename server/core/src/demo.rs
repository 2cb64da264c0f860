//! Demo data: two communities with members, so that a first visit has something to show.

use crate::db::Db;
use crate::error::Result;
use crate::model::Permission;
use crate::repo::{invites, members, org_requests, orgs, roles, users};

pub struct DemoUser {
    pub display_name: &'static str,
    pub discord_username: &'static str,
    pub pronouns: Option<&'static str>,
    pub permission: Permission,
}

pub struct DemoOrg {
    pub slug: &'static str,
    pub name: &'static str,
    pub description: &'static str,
    /// Indexes into [`USERS`].
    pub members: &'static [usize],
    /// Built-in roles granted to members: (index into [`USERS`], role key).
    pub roles: &'static [(usize, &'static str)],
    /// Plugins turned on beyond their defaults (when the plugin is linked).
    pub plugins_on: &'static [&'static str],
}

pub const USERS: &[DemoUser] = &[
    DemoUser {
        display_name: "Synack",
        discord_username: "synack",
        pronouns: Some("he/him"),
        permission: Permission::Superadmin,
    },
    DemoUser {
        display_name: "Zelda Speedster",
        discord_username: "zspeed",
        pronouns: Some("she/her"),
        permission: Permission::User,
    },
    DemoUser {
        display_name: "Mirror Shield",
        discord_username: "mshield",
        pronouns: None,
        permission: Permission::User,
    },
    DemoUser {
        display_name: "Kraid Cruncher",
        discord_username: "kraid",
        pronouns: Some("they/them"),
        permission: Permission::Moderator,
    },
    DemoUser {
        display_name: "Samus Returns",
        discord_username: "samusr",
        pronouns: Some("she/her"),
        permission: Permission::User,
    },
    DemoUser {
        display_name: "Pendant Hunter",
        discord_username: "pendants",
        pronouns: None,
        permission: Permission::User,
    },
    DemoUser {
        display_name: "Boots First",
        discord_username: "bootsfirst",
        pronouns: Some("he/him"),
        permission: Permission::User,
    },
];

pub const ORGS: &[DemoOrg] = &[
    DemoOrg {
        slug: "alttpr",
        name: "ALTTPR Community",
        description: "Weekly races, a spring tournament and async qualifiers for A Link to the Past Randomizer.",
        members: &[0, 1, 2, 5, 6],
        roles: &[(1, "admin"), (5, "async_reviewer")],
        // Off by default; this community runs async qualifiers and rolls ALTTPR seeds.
        plugins_on: &["async_qualifier", "alttpr"],
    },
    DemoOrg {
        slug: "sm-league",
        name: "Super Metroid League",
        description: "Super Metroid randomizer league: VARIA and DASH seeds, seasonal brackets.",
        members: &[0, 3, 4, 6],
        roles: &[(3, "admin"), (4, "tournament_manager")],
        plugins_on: &[],
    },
];

#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Loaded { users: usize, orgs: usize },
    AlreadyPresent,
}

/// Loads the demo data unless it is there already.
pub async fn seed(db: &Db) -> Result<Outcome> {
    if orgs::id_by_slug(db, ORGS[0].slug).await?.is_some() {
        return Ok(Outcome::AlreadyPresent);
    }
    let mut user_ids = Vec::with_capacity(USERS.len());
    for (i, u) in USERS.iter().enumerate() {
        let id = users::create(
            db,
            &users::NewUser {
                display_name: u.display_name,
                discord_id: Some(100_000_000_000_000_000 + i as i64),
                discord_username: Some(u.discord_username),
                pronouns: u.pronouns,
                permission: u.permission,
            },
        )
        .await?;
        user_ids.push(id);
    }
    for org in ORGS {
        let org_id = orgs::create(db, org.slug, org.name, org.description).await?;
        for &member in org.members {
            members::add(db, org_id, user_ids[member]).await?;
        }
        for &(member, key) in org.roles {
            let role = roles::builtin_id(db, org_id, key).await?;
            let user_id = user_ids[member];
            db.change(async |w| roles::grant(w, org_id, user_id, role, None).await)
                .await?;
        }
        for plugin in org.plugins_on {
            let mut tx = db.write().await?;
            crate::repo::plugins::set_enabled(&mut tx, org_id, plugin, true, None).await?;
            tx.commit().await?;
        }
        let invite = invites::NewInvite {
            max_uses: Some(25),
            expires_at: None,
        };
        db.change(async |w| invites::create(w, org_id, None, &invite).await)
            .await?;
    }
    let request = org_requests::NewRequest {
        slug: "oot-rando",
        name: "Ocarina of Time Randomizer League",
        description: "Weekly OoTR races and a winter bracket.",
        reason: "Our league has 40 racers and runs a bracket every winter.",
    };
    db.change(async |w| org_requests::file(w, user_ids[2], &request).await)
        .await?;
    Ok(Outcome::Loaded {
        users: USERS.len(),
        orgs: ORGS.len(),
    })
}
