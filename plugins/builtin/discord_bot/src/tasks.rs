//! Keeping each linked Discord server's commands right without anyone asking: a nightly re-sync
//! per organization (it repairs commands removed by hand in Discord), and a platform-wide retry
//! of the syncs that Discord refused or that failed while it was unreachable.

use std::time::Duration;

use sahabot_sdk::discord::DiscordHost;
use sahabot_sdk::guilds;
use sahabot_sdk::runtime_kinds::{PluginError, Task, TaskCall};

pub const RESYNC: Task = Task::cron("resync_commands", "0 4 * * *")
    .title("Re-sync the Discord server's commands")
    .timeout(Duration::from_secs(60));

pub const RETRY_FAILED: Task = Task::every("retry_failed_syncs", Duration::from_secs(600))
    .title("Retry failed Discord command syncs")
    .timeout(Duration::from_secs(120))
    .global();

/// The bot, if the host runs one with a token; without one there is nothing to sync.
fn bot(call: &TaskCall) -> Option<&std::sync::Arc<dyn DiscordHost>> {
    call.services
        .discord
        .as_ref()
        .filter(|host| host.status().configured)
}

/// Re-syncs the organization's linked server, if it has one.
pub async fn resync(call: TaskCall) -> Result<(), PluginError> {
    let (Some(host), Some(org)) = (bot(&call), &call.org) else {
        return Ok(());
    };
    let Some(guild) = guilds::of_org(&org.db).await? else {
        return Ok(());
    };
    host.resync(guild).await.map_err(PluginError::Message)
}

/// Re-syncs every linked server whose last sync failed.
pub async fn retry_failed(call: TaskCall) -> Result<(), PluginError> {
    let Some(host) = bot(&call) else {
        return Ok(());
    };
    let mut still_failing = Vec::new();
    for sync in guilds::syncs(&call.db).await? {
        if sync.error.is_none() || sync.organization_id.is_none() {
            continue;
        }
        if let Err(e) = host.resync(sync.guild_id).await {
            still_failing.push(format!("{}: {e}", sync.guild_id));
        }
    }
    if still_failing.is_empty() {
        Ok(())
    } else {
        Err(PluginError::Message(format!(
            "still failing: {}",
            still_failing.join("; ")
        )))
    }
}
