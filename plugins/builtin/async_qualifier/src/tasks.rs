//! The qualifier's scheduled work in each organization where it is on: forfeiting runs past
//! their limit every minute, and rescoring every qualifier hourly.

use std::time::Duration;

use sahabot_sdk::runtime_kinds::{PluginError, Task, TaskCall};

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
    if let Some(caller) = caller(&call).await? {
        timeouts::forfeit_overdue(&caller).await?;
    }
    Ok(())
}

pub async fn rescore(call: TaskCall) -> Result<(), PluginError> {
    if let Some(caller) = caller(&call).await? {
        timeouts::rescore_all(&caller).await?;
    }
    Ok(())
}
