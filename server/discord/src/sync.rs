//! A guild gets exactly the commands of the plugins its organization enabled: one bulk
//! overwrite per guild (a single REST call), recorded with its outcome.

use sahabot_core::repo::discord as repo;
use sahabot_runtime::access::plugins_in_service;
use sahabot_sdk::access::OrgRef;
use sahabot_sdk::registry;
use serenity::model::id::GuildId;

use crate::{convert, Discord, DiscordError};

/// The commands the guild should have: those of the plugins in service for its organization
/// (none for a guild no organization links).
pub async fn commands_for(
    discord: &Discord,
    org: Option<&OrgRef>,
) -> Result<Vec<&'static sahabot_sdk::discord::CommandDecl>, DiscordError> {
    let Some(org) = org else {
        return Ok(Vec::new());
    };
    let on = plugins_in_service(discord.db(), org)
        .await
        .map_err(|e| sahabot_core::Error::Conflict(e.to_string()))?;
    Ok(registry::commands()
        .into_iter()
        .filter(|c| on.contains(&c.plugin_id))
        .collect())
}

/// Overwrites the guild's commands; returns their names.
pub async fn sync_guild(discord: &Discord, guild_id: i64) -> Result<Vec<String>, DiscordError> {
    let http = discord
        .http()
        .filter(|_| discord.can_sync())
        .ok_or(DiscordError::NotConfigured)?;
    let org = repo::org_of_guild(discord.db(), guild_id)
        .await?
        .map(|o| OrgRef {
            id: o.id,
            slug: o.slug,
            name: o.name,
        });
    let commands = commands_for(discord, org.as_ref()).await?;
    let names: Vec<String> = commands.iter().map(|c| c.command.name.to_owned()).collect();
    let payload = commands.iter().map(|c| convert::command(c)).collect();
    let guild = GuildId::new(u64::try_from(guild_id).unwrap_or_default().max(1));
    let org_id = org.as_ref().map(|o| o.id);
    match guild.set_commands(http, payload).await {
        Ok(_) => {
            repo::record_sync(discord.db(), guild_id, org_id, Ok(&names)).await?;
            tracing::info!(guild = guild_id, commands = ?names, "guild commands synced");
            Ok(names)
        }
        Err(e) => {
            let error = e.to_string();
            tracing::warn!(guild = guild_id, %error, "guild command sync failed");
            repo::record_sync(discord.db(), guild_id, org_id, Err(&error)).await?;
            Err(e.into())
        }
    }
}

/// Syncs every guild an organization linked; one guild's failure does not stop the others.
/// Returns how many failed.
pub async fn sync_linked(discord: &Discord) -> Result<usize, DiscordError> {
    let mut failed = 0;
    for (guild_id, _) in repo::linked_guilds(discord.db()).await? {
        if sync_guild(discord, guild_id).await.is_err() {
            failed += 1;
        }
    }
    Ok(failed)
}
