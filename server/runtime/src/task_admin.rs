//! What the scheduled-task pages do: list an organization's tasks (or all of them), create an
//! organization's own task, and change one (run now, pause, resume, reschedule, reset to the
//! plugin's schedule, delete). Each change is audited. The same rules for the organization's
//! page and the platform's.

use crate::access::plugins_in_service;
use sahabot_core::db::Db;
use sahabot_core::model::{TaskKind, TasksOverview};
use sahabot_core::repo::tasks::{self as repo, NewTask};
use sahabot_core::schedule::ScheduleSpec;
use sahabot_core::service::{record_in, Actor};
use sahabot_sdk::access::OrgRef;
use sahabot_sdk::registry;
use serde_json::json;

use crate::scheduler::{declaration, declare_tasks};
use crate::RuntimeError;

/// The longest name a task may have.
const NAME_MAX: usize = 100;

/// The tasks of `org` (all tasks with `None`), what may be created there and the latest runs.
pub async fn overview(db: &Db, org: Option<&OrgRef>) -> Result<TasksOverview, RuntimeError> {
    let org_id = org.map(|o| o.id);
    let mut tasks = repo::list(db, org_id).await?;
    // An organization created since the scheduler's last look (it looks every minute) gets its
    // declared tasks' rows now; otherwise the page only reads.
    if org.is_some() && !tasks.iter().any(|t| t.builtin) && declare_tasks(db).await? > 0 {
        tasks = repo::list(db, org_id).await?;
    }
    let kinds = match org {
        Some(org) => creatable(db, org).await?,
        None => Vec::new(),
    };
    Ok(TasksOverview {
        tasks,
        kinds,
        recent_runs: repo::runs(db, None, org_id, 30).await?,
        can_manage: false,
    })
}

/// The tasks an organization may create: those of the plugins in service there.
async fn creatable(db: &Db, org: &OrgRef) -> Result<Vec<TaskKind>, RuntimeError> {
    let on = plugins_in_service(db, org)
        .await
        .map_err(|e| RuntimeError::Refused(e.to_string()))?;
    let mut kinds: Vec<TaskKind> = registry::tasks()
        .into_iter()
        .filter(|d| on.contains(&d.plugin_id) && !d.task.global)
        .filter_map(|d| {
            let plugin = registry::plugin(d.plugin_id)?;
            Some(TaskKind {
                plugin_id: d.plugin_id.into(),
                plugin_name: plugin.name().into(),
                key: d.task.key.into(),
                title: d.task.title.into(),
            })
        })
        .collect();
    kinds.sort_by(|a, b| (&a.plugin_name, &a.title).cmp(&(&b.plugin_name, &b.title)));
    Ok(kinds)
}

/// What a person fills in to create a task.
pub struct TaskForm<'a> {
    pub plugin_id: &'a str,
    pub task_key: &'a str,
    pub name: &'a str,
    pub schedule_kind: &'a str,
    pub schedule: &'a str,
    /// A JSON object, or empty for none.
    pub config: &'a str,
}

fn invalid(field: &str, message: impl Into<String>) -> RuntimeError {
    RuntimeError::Invalid {
        field: field.into(),
        message: message.into(),
    }
}

pub async fn create(
    db: &Db,
    actor: &Actor,
    org: &OrgRef,
    form: &TaskForm<'_>,
) -> Result<i64, RuntimeError> {
    let kinds = creatable(db, org).await?;
    if !kinds
        .iter()
        .any(|k| k.plugin_id == form.plugin_id && k.key == form.task_key)
    {
        return Err(invalid(
            "task",
            format!(
                "`{}:{}` is not a task of a plugin in service here",
                form.plugin_id, form.task_key
            ),
        ));
    }
    let name = sahabot_core::text::one_line("name", form.name, NAME_MAX)
        .map_err(|refused| invalid(refused.field, refused.message))?;
    let schedule = ScheduleSpec::parse(form.schedule_kind, form.schedule)?;
    let config = match form.config.trim() {
        "" => json!({}),
        text => match serde_json::from_str(text) {
            Ok(value @ serde_json::Value::Object(_)) => value,
            _ => {
                return Err(invalid(
                    "config",
                    "must be a JSON object, like {\"key\": \"value\"}",
                ))
            }
        },
    };
    let mut write = db.write().await?;
    let id = repo::create(
        &mut write,
        &NewTask {
            organization_id: org.id,
            plugin_id: form.plugin_id,
            task_key: form.task_key,
            name: &name,
            schedule: &schedule,
            config: &config,
            created_by: Some(actor.user_id),
        },
    )
    .await?;
    record_in(
        &mut write,
        actor,
        Some(org.id),
        "task.created",
        json!({ "task_id": id, "name": name, "task": format!("{}:{}", form.plugin_id, form.task_key),
                "schedule": schedule.describe() }),
    )
    .await?;
    write.commit().await?;
    Ok(id)
}

/// A change to one task.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    RunNow,
    Pause,
    Resume,
    Reschedule {
        kind: String,
        value: String,
    },
    /// Back to the schedule its plugin declares.
    Reset,
    Delete,
}

impl Change {
    /// Reads a page's request: `action` and, for `reschedule`, the new schedule.
    pub fn parse(
        action: &str,
        kind: Option<String>,
        value: Option<String>,
    ) -> Result<Change, RuntimeError> {
        Ok(match action {
            "run_now" => Change::RunNow,
            "pause" => Change::Pause,
            "resume" => Change::Resume,
            "reset" => Change::Reset,
            "delete" => Change::Delete,
            "reschedule" => Change::Reschedule {
                kind: kind.unwrap_or_default(),
                value: value.unwrap_or_default(),
            },
            other => {
                return Err(invalid(
                    "action",
                    format!("`{other}` is not a change of a task"),
                ))
            }
        })
    }
}

/// Changes the task `task_id`, which must belong to `org` (with `None`, any task: the
/// platform's page).
pub async fn change(
    db: &Db,
    actor: &Actor,
    org: Option<&OrgRef>,
    task_id: i64,
    change: &Change,
) -> Result<(), RuntimeError> {
    let task = repo::get(db, task_id, org.map(|o| o.id))
        .await?
        .ok_or_else(|| RuntimeError::NotFound(format!("no scheduled task {task_id} here")))?;
    let org_id = match (org, &task.organization) {
        (Some(org), _) => Some(org.id),
        (None, Some((slug, _))) => sahabot_core::repo::orgs::id_by_slug(db, slug).await?,
        (None, None) => None,
    };
    let mut details = json!({ "task_id": task_id, "name": task.name });
    let mut w = db.write().await?;
    let action = match change {
        Change::RunNow => {
            repo::run_now(&mut w, task_id).await?;
            "task.run_requested"
        }
        Change::Pause => {
            repo::set_active(&mut w, task_id, false).await?;
            "task.paused"
        }
        Change::Resume => {
            repo::set_active(&mut w, task_id, true).await?;
            "task.resumed"
        }
        Change::Reschedule { kind, value } => {
            let schedule = ScheduleSpec::parse(kind, value)?;
            if task.builtin && matches!(schedule, ScheduleSpec::Once { .. }) {
                return Err(invalid(
                    "schedule_kind",
                    "a plugin's own task repeats: choose an interval or a cron expression",
                ));
            }
            repo::set_schedule(&mut w, task_id, &schedule).await?;
            details["schedule"] = json!(schedule.describe());
            "task.rescheduled"
        }
        Change::Reset => {
            let declared = declaration(&task.plugin_id, &task.task_key)
                .and_then(|d| d.task.schedule)
                .filter(|_| task.builtin)
                .ok_or_else(|| {
                    RuntimeError::Refused(
                        "only a plugin's own task has a schedule to go back to".into(),
                    )
                })?;
            repo::reset_schedule(&mut w, task_id, &declared.spec()).await?;
            "task.schedule_reset"
        }
        Change::Delete => {
            repo::delete(&mut w, task_id).await?;
            "task.deleted"
        }
    };
    record_in(&mut w, actor, org_id, action, details).await?;
    w.commit().await?;
    Ok(())
}
