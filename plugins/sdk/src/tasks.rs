//! What a plugin's own code may ask of the scheduler: a one-time run of one of its tasks for an
//! organization (for example, opening a race room half an hour before the race starts).

use serde_json::Value;

use crate::registry;
use crate::runtime_kinds::{OrgContext, PluginError};
use sahabot_core::repo::tasks::{self, NewTask};
use sahabot_core::schedule::ScheduleSpec;

/// Schedules the task `key` of the calling plugin to run once at `at` (unix milliseconds) in
/// `ctx`'s organization, with `config`; returns the task's id. It shows on the organization's
/// scheduled tasks page, where it can be run at once, paused or deleted.
pub async fn schedule_once(
    ctx: &OrgContext,
    key: &str,
    name: &str,
    at: i64,
    config: Value,
) -> Result<i64, PluginError> {
    let declared = registry::tasks()
        .into_iter()
        .any(|d| d.plugin_id == ctx.plugin_id && d.task.key == key && !d.task.global);
    if !declared {
        return Err(PluginError::Message(format!(
            "plugin `{}` declares no per-organization task `{key}`",
            ctx.plugin_id
        )));
    }
    let id = tasks::create(
        &ctx.db,
        &NewTask {
            organization_id: ctx.org.id,
            plugin_id: ctx.plugin_id,
            task_key: key,
            name,
            schedule: &ScheduleSpec::Once { at },
            config: &config,
            created_by: None,
        },
    )
    .await?;
    ctx.db.tasks_due().notify_one();
    Ok(id)
}
