//! Scheduled tasks: an organization's page and the platform's. The rules live in the runtime
//! (`sahabot_runtime::task_admin`).

use leptos::prelude::*;
use sahabot_sdk::model::TasksOverview;

#[cfg(feature = "ssr")]
use super::refused;

/// An organization's tasks, what it may create and the latest runs.
#[server]
pub async fn org_tasks_data(org: String) -> Result<TasksOverview, ServerFnError> {
    use sahabot_sdk::access::scope;
    let scope = scope::<OrgTasksData>(Some(&org)).await?;
    let mut overview = sahabot_runtime::task_admin::overview(scope.host_db(), Some(scope.org()?))
        .await
        .map_err(refused)?;
    overview.can_manage = scope.permits::<ChangeOrgTask>(&scope.access().await?)?;
    Ok(overview)
}
sahabot_sdk::guard!(OrgTasksData, org "task:read");

/// Creates a task of the organization's own.
#[server]
pub async fn create_org_task(
    org: String,
    task: String,
    name: String,
    schedule_kind: String,
    schedule: String,
    config: String,
) -> Result<i64, ServerFnError> {
    use sahabot_runtime::task_admin::{create, TaskForm};
    use sahabot_sdk::access::scope;
    let scope = scope::<CreateOrgTask>(Some(&org)).await?;
    let (plugin_id, task_key) = task.split_once(':').unwrap_or(("", &task));
    create(
        scope.host_db(),
        &scope.actor()?,
        scope.org()?,
        &TaskForm {
            plugin_id,
            task_key,
            name: &name,
            schedule_kind: &schedule_kind,
            schedule: &schedule,
            config: &config,
        },
    )
    .await
    .map_err(refused)
}
sahabot_sdk::guard!(CreateOrgTask, org "task:manage");

/// Runs, pauses, resumes, reschedules, resets or deletes one of the organization's tasks
/// (`action`: run_now, pause, resume, reschedule, reset, delete).
#[server]
pub async fn change_org_task(
    org: String,
    task_id: i64,
    action: String,
    schedule_kind: Option<String>,
    schedule: Option<String>,
) -> Result<(), ServerFnError> {
    use sahabot_runtime::task_admin::{change, Change};
    use sahabot_sdk::access::scope;
    let scope = scope::<ChangeOrgTask>(Some(&org)).await?;
    let what = Change::parse(&action, schedule_kind, schedule).map_err(refused)?;
    change(
        scope.host_db(),
        &scope.actor()?,
        Some(scope.org()?),
        task_id,
        &what,
    )
    .await
    .map_err(refused)
}
sahabot_sdk::guard!(ChangeOrgTask, org "task:manage");

/// Every task of the installation, global ones included (SUPERADMIN).
#[server]
pub async fn all_tasks_data() -> Result<TasksOverview, ServerFnError> {
    use sahabot_sdk::access::scope;
    let scope = scope::<AllTasksData>(None).await?;
    let mut overview = sahabot_runtime::task_admin::overview(scope.host_db(), None)
        .await
        .map_err(refused)?;
    overview.can_manage = true;
    Ok(overview)
}
sahabot_sdk::guard!(AllTasksData, global ManageTasks);

/// Changes any task, as [`change_org_task`] does (SUPERADMIN).
#[server]
pub async fn change_any_task(
    task_id: i64,
    action: String,
    schedule_kind: Option<String>,
    schedule: Option<String>,
) -> Result<(), ServerFnError> {
    use sahabot_runtime::task_admin::{change, Change};
    use sahabot_sdk::access::scope;
    let scope = scope::<ChangeAnyTask>(None).await?;
    let what = Change::parse(&action, schedule_kind, schedule).map_err(refused)?;
    change(scope.host_db(), &scope.actor()?, None, task_id, &what)
        .await
        .map_err(refused)
}
sahabot_sdk::guard!(ChangeAnyTask, global ManageTasks);
