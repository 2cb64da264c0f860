//! The qualifier's scheduled work in each organization where it is on: forfeiting runs past
//! their limit every minute (warning runs started in Discord in their thread first, and
//! saying there when they time out), and rescoring every qualifier hourly.

use std::time::Duration;

use sahabot_sdk::runtime_kinds::{PluginError, Task, TaskCall};

use sahabot_sdk::discord::Reply;

use crate::commands::texts;
use crate::service::caller::Caller;
use crate::service::timeouts;

pub const TIMEOUTS: Task = Task::every("run_timeouts", Duration::from_secs(60))
    .title("Forfeit runs past their time limit")
    .timeout(Duration::from_secs(50));

pub const RESCORE: Task = Task::cron("rescore", "0 * * * *")
    .title("Rescore every qualifier")
    .timeout(Duration::from_secs(300));

async fn caller(call: &TaskCall) -> Result<Option<Caller>, PluginError> {
    match &call.org {
        Some(org) => Ok(Some(Caller::organization(org.db.clone()).await?)),
        None => Ok(None),
    }
}

pub async fn run_timeouts(call: TaskCall) -> Result<(), PluginError> {
    let Some(caller) = caller(&call).await? else {
        return Ok(());
    };
    // Without a bot that can post, no warning is claimed (the web shows the deadline).
    let bot = call.services.discord.as_ref().filter(|bot| bot.can_post());
    let round = timeouts::run_round(&caller, bot.is_some()).await?;
    if let Some(bot) = bot {
        for notice in round.warnings {
            let warning =
                texts::timeout_warning(notice.run_id, notice.discord_user_id, notice.deadline);
            if bot
                .post(call.plugin_id, notice.thread_id, warning)
                .await
                .is_err()
            {
                timeouts::warning_failed(&caller, notice.run_id).await?;
            }
        }
        for notice in round.forfeit_notices {
            let text = format!("Run {} timed out and is forfeited.", notice.run_id);
            // The forfeit stands whether or not the thread hears of it.
            let _ = bot
                .post(call.plugin_id, notice.thread_id, Reply::public(text))
                .await;
        }
    }
    Ok(())
}

pub async fn rescore(call: TaskCall) -> Result<(), PluginError> {
    if let Some(caller) = caller(&call).await? {
        timeouts::rescore_all(&caller).await?;
    }
    Ok(())
}
