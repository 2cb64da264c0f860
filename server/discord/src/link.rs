//! Linking an organization's guild, once Discord confirmed the user administers it: record it,
//! give the guild its commands, and clear the commands of the guild it replaces.

use sahabot_core::repo::discord as repo;
use sahabot_core::service::{record_in, Actor};

use crate::{sync, Discord, DiscordError};

/// Discord permission bits that say a member administers a guild: ADMINISTRATOR or
/// MANAGE_GUILD (which Discord itself requires to add a bot).
pub const ADMINISTERS: u64 = (1 << 3) | (1 << 5);

/// What the bot asks for when invited: view channels, send messages, embed links, read
/// history, manage roles (racer verification), manage events (scheduled matches), create
/// threads and write in them (async races).
pub const BOT_PERMISSIONS: u64 =
    (1 << 10) | (1 << 11) | (1 << 14) | (1 << 16) | (1 << 28) | (1 << 33) | (1 << 35) | (1 << 38);

/// Whether a guild as `/users/@me/guilds` lists it is one the user administers.
pub fn administers(owner: bool, permissions: &str) -> bool {
    owner
        || permissions
            .parse::<u64>()
            .is_ok_and(|p| p & ADMINISTERS != 0)
}

/// Links the guild, audits it and syncs the commands of both guilds concerned. A failed sync
/// is recorded (and shown on the admin page); the link stands.
pub async fn link(
    discord: &Discord,
    actor: &Actor,
    organization_id: i64,
    guild_id: i64,
) -> Result<(), DiscordError> {
    let mut w = discord.db().write().await?;
    let previous = repo::link_guild(&mut w, organization_id, guild_id, actor.user_id).await?;
    record_in(
        &mut w,
        actor,
        Some(organization_id),
        "org.discord_guild_linked",
        serde_json::json!({ "guild_id": guild_id.to_string(), "previous": previous.map(|g| g.to_string()) }),
    )
    .await?;
    w.commit().await?;
    if discord.can_sync() {
        let _ = sync::sync_guild(discord, guild_id).await;
        if let Some(previous) = previous {
            let _ = sync::sync_guild(discord, previous).await;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owners_admins_and_managers_administer_a_guild() {
        assert!(administers(true, "0"));
        assert!(administers(false, "8"));
        assert!(administers(false, "32"));
        assert!(administers(false, "2147483656"));
        assert!(!administers(false, "2048"));
        assert!(!administers(false, "not a number"));
    }
}
