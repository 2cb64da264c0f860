use serde::{Deserialize, Serialize};

/// A scheduled task as the pages list it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduledTask {
    pub id: i64,
    /// The organization's slug and name; `None` for a global task.
    pub organization: Option<(String, String)>,
    pub plugin_id: String,
    pub task_key: String,
    pub name: String,
    /// Created from the plugin's declaration (it can be rescheduled or paused, not deleted).
    pub builtin: bool,
    /// interval, cron or once
    pub schedule_kind: String,
    /// The schedule as a person edits it (seconds, an expression, or a UTC date and time).
    pub schedule: String,
    /// The schedule in words.
    pub schedule_text: String,
    /// A declared task whose schedule was changed here.
    pub overridden: bool,
    /// The configuration handed to each run (a JSON object).
    pub config: String,
    pub is_active: bool,
    pub next_run_at: Option<i64>,
    /// Held by an instance that is running it now.
    pub running: bool,
    pub last_run_at: Option<i64>,
    /// success, failed, timeout or abandoned
    pub last_outcome: Option<String>,
    pub last_error: Option<String>,
}

/// One run of a task.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskRun {
    pub id: i64,
    pub task_id: i64,
    pub task_name: String,
    pub attempt: i64,
    /// schedule, retry or manual
    pub triggered_by: String,
    pub started_at: i64,
    pub ended_at: Option<i64>,
    /// running, success, failed, timeout or abandoned
    pub outcome: String,
    pub error: Option<String>,
}

/// A kind of task an organization can create: a task a plugin in service there declares.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskKind {
    pub plugin_id: String,
    pub plugin_name: String,
    pub key: String,
    pub title: String,
}

/// The scheduled tasks page: the tasks, what can be created, the recent runs.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TasksOverview {
    pub tasks: Vec<ScheduledTask>,
    pub kinds: Vec<TaskKind>,
    pub recent_runs: Vec<TaskRun>,
    /// The viewer may change them (the server checks every call again).
    pub can_manage: bool,
}
