use leptos::prelude::*;

use crate::model::GuildCommands;

/// The organization's linked Discord server and the commands of the plugins it enabled.
#[server]
pub async fn list_guild_commands(org: String) -> Result<GuildCommands, ServerFnError> {
    use crate::model::CommandInfo;
    use sahabot_sdk::access::{failed, plugins_in_service, refuse, scope};
    use sahabot_sdk::registry;
    use sahabot_sdk::ssr::repo::orgs;

    let scope = scope::<ListGuildCommands>(Some(&org)).await?;
    let org = scope.org()?;
    let settings = orgs::settings(scope.db(), org.id).await.map_err(failed)?;
    let in_service = plugins_in_service(scope.db(), org).await.map_err(refuse)?;
    let commands = registry::commands()
        .into_iter()
        .filter(|c| in_service.contains(&c.plugin_id))
        .map(|c| CommandInfo {
            name: c.command.name.into(),
            description: c.command.description.into(),
            plugin: c.plugin_id.into(),
        })
        .collect();
    Ok(GuildCommands {
        guild_id: settings.discord_guild_id,
        commands,
    })
}
sahabot_sdk::guard!(plugin "discord_bot", ListGuildCommands, public);
