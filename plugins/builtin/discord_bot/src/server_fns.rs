use leptos::prelude::*;

use crate::model::{BotOverview, GuildAdmin, GuildCommands};

#[cfg(feature = "ssr")]
mod ssr {
    use crate::model::{CommandInfo, SyncInfo};
    use sahabot_sdk::access::failed;
    use sahabot_sdk::data::PluginDb;
    use sahabot_sdk::guilds::GuildSync;
    use sahabot_sdk::registry;

    /// The commands of the plugins in service for the organization.
    pub async fn expected(
        db: &PluginDb,
    ) -> Result<Vec<CommandInfo>, leptos::prelude::ServerFnError> {
        let in_service = db.plugins_in_service().await.map_err(failed)?;
        Ok(registry::commands()
            .into_iter()
            .filter(|c| in_service.contains(&c.plugin_id))
            .map(|c| CommandInfo {
                name: c.command.name.into(),
                description: c.command.description.into(),
                plugin: registry::plugin(c.plugin_id)
                    .map_or(c.plugin_id, |p| p.name())
                    .into(),
            })
            .collect())
    }

    pub fn sync_info(sync: GuildSync) -> SyncInfo {
        SyncInfo {
            commands: sync.commands,
            error: sync.error,
            synced_at: sync.synced_at,
        }
    }

    pub fn host() -> Option<std::sync::Arc<dyn sahabot_sdk::discord::DiscordHost>> {
        leptos::prelude::use_context()
    }

    /// A refusal (409) that changed nothing.
    pub fn refused(message: &str) -> leptos::prelude::ServerFnError {
        sahabot_sdk::access::failed(sahabot_sdk::Error::Conflict(message.into()))
    }

    /// Re-syncs the guild; a bot without a token, or Discord's refusal, is a 409 with the reason
    /// (recorded on the guild's sync too).
    pub async fn resync(guild: i64) -> Result<(), leptos::prelude::ServerFnError> {
        let host = host().ok_or_else(|| refused("the bot is not running"))?;
        host.resync(guild).await.map_err(|e| refused(&e))
    }
}

/// The organization's linked Discord server and the commands of the plugins it enabled.
#[server]
pub async fn list_guild_commands(org: String) -> Result<GuildCommands, ServerFnError> {
    use sahabot_sdk::access::{failed, scope};
    use sahabot_sdk::guilds;

    let db = scope::<ListGuildCommands>(Some(&org)).await?.data()?;
    Ok(GuildCommands {
        guild_id: guilds::of_org(&db)
            .await
            .map_err(failed)?
            .map(|g| g.to_string()),
        commands: ssr::expected(&db).await?,
    })
}
sahabot_sdk::guard!(plugin, ListGuildCommands, public);

/// What the organization's Discord administration shows. It reads the database only: this
/// page renders inside the organization's layout, whose suspense may run it twice on the
/// server, and only the database answers the same both times.
#[server]
pub async fn guild_admin_data(org: String) -> Result<GuildAdmin, ServerFnError> {
    use sahabot_sdk::access::{failed, scope};
    use sahabot_sdk::guilds;

    let db = scope::<GuildAdminData>(Some(&org)).await?.data()?;
    let guild = guilds::of_org(&db).await.map_err(failed)?;
    let synced = match guild {
        Some(guild) => guilds::sync_of(&db, guild)
            .await
            .map_err(failed)?
            .map(ssr::sync_info),
        None => None,
    };
    Ok(GuildAdmin {
        guild_id: guild.map(|g| g.to_string()),
        linked: guilds::link_info(&db).await.map_err(failed)?,
        expected: ssr::expected(&db).await?,
        synced,
    })
}
sahabot_sdk::guard!(plugin, GuildAdminData, org "org:update");

/// Registers the organization's commands in its server again.
#[server]
pub async fn resync_org_guild(org: String) -> Result<(), ServerFnError> {
    use sahabot_sdk::access::{failed, scope};
    use sahabot_sdk::guilds;

    let db = scope::<ResyncOrgGuild>(Some(&org)).await?.data()?;
    let guild = guilds::of_org(&db)
        .await
        .map_err(failed)?
        .ok_or_else(|| ssr::refused("no Discord server is linked"))?;
    ssr::resync(guild).await
}
sahabot_sdk::guard!(plugin, ResyncOrgGuild, org "org:update");

/// Unlinks the organization's server; its commands are removed there.
#[server]
pub async fn unlink_org_guild(org: String) -> Result<(), ServerFnError> {
    use sahabot_sdk::access::{failed, scope};
    use sahabot_sdk::guilds;

    let db = scope::<UnlinkOrgGuild>(Some(&org)).await?.data()?;
    let mut write = db.write().await.map_err(failed)?;
    let previous = guilds::unlink(&mut write).await.map_err(failed)?;
    write
        .audit(
            "guild_unlinked",
            sahabot_sdk::serde_json::json!({ "guild_id": previous.map(|g| g.to_string()) }),
        )
        .await
        .map_err(failed)?;
    write.commit().await.map_err(failed)?;
    sahabot_sdk::discord::resync_guilds(previous).await;
    Ok(())
}
sahabot_sdk::guard!(plugin, UnlinkOrgGuild, org "org:update");

/// The bot's status and every guild's last sync, for the platform administration.
#[server]
pub async fn bot_overview_data() -> Result<BotOverview, ServerFnError> {
    use crate::model::GuildSyncRow;
    use sahabot_sdk::access::{failed, scope};
    use sahabot_sdk::guilds;
    use std::collections::BTreeMap;

    let db = scope::<BotOverviewData>(None).await?.data()?;
    let status = ssr::host().map(|h| h.status()).unwrap_or_default();
    let mut rows: BTreeMap<i64, GuildSyncRow> = BTreeMap::new();
    for (guild, org) in guilds::linked(&db).await.map_err(failed)? {
        rows.insert(
            guild,
            GuildSyncRow {
                guild_id: guild.to_string(),
                organization: Some(org.name),
                sync: None,
            },
        );
    }
    for sync in guilds::syncs(&db).await.map_err(failed)? {
        let guild = sync.guild_id;
        rows.entry(guild)
            .or_insert_with(|| GuildSyncRow {
                guild_id: guild.to_string(),
                organization: None,
                sync: None,
            })
            .sync = Some(ssr::sync_info(sync));
    }
    Ok(BotOverview {
        status,
        rows: rows.into_values().collect(),
    })
}
sahabot_sdk::guard!(plugin, BotOverviewData, global ManagePlugins);

/// Registers a guild's commands again, from the platform administration.
#[server]
pub async fn resync_guild(guild_id: String) -> Result<(), ServerFnError> {
    use sahabot_sdk::access::scope;

    scope::<ResyncGuild>(None).await?;
    let guild: i64 = guild_id.trim().parse().map_err(|_| {
        sahabot_sdk::access::failed(sahabot_sdk::Error::Invalid {
            field: "guild_id",
            message: "not a Discord server id".into(),
        })
    })?;
    ssr::resync(guild).await
}
sahabot_sdk::guard!(plugin, ResyncGuild, global ManagePlugins);
