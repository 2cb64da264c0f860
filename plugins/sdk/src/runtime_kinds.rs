//! The server-side kinds of contribution and what the host hands each of them when it runs:
//! always the database, the organization (for org-scoped work) and the plugin's effective
//! configuration there. The host runs them only where the plugin is enabled.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::data::PluginDb;
pub use crate::handler::{BoxFuture, Handler, PluginError};
use crate::org::OrgRef;
use crate::Guard;

/// The installation-wide context of install, uninstall and upgrade hooks.
#[derive(Clone, Debug)]
pub struct InstallContext {
    pub db: PluginDb,
    pub plugin_id: &'static str,
}

/// The context of anything a plugin does for one organization.
#[derive(Clone, Debug)]
pub struct OrgContext {
    pub db: PluginDb,
    pub plugin_id: &'static str,
    pub org: OrgRef,
    /// The effective configuration there (see [`sahabot_core::config_schema::ConfigSchema::effective`]).
    pub config: Map<String, Value>,
}

impl OrgContext {
    /// The effective configuration as the plugin's own type; fields no level sets take the
    /// type's `#[serde(default)]` values (the code defaults).
    pub fn config<T: DeserializeOwned>(&self) -> Result<T, PluginError> {
        serde_json::from_value(Value::Object(self.config.clone()))
            .map_err(|e| PluginError::Config(e.to_string()))
    }
}

pub type HookFn = Handler<InstallContext, Result<(), PluginError>>;
pub type OrgHookFn = Handler<OrgContext, Result<(), PluginError>>;
/// Called with the installation's context and the version recorded before.
pub type UpgradeHookFn = Handler<(InstallContext, semver::Version), Result<(), PluginError>>;

/// Lifecycle hooks; each is optional.
#[derive(Debug, Default, Clone)]
pub struct Hooks {
    pub install: Option<HookFn>,
    pub uninstall: Option<HookFn>,
    pub enable: Option<OrgHookFn>,
    pub disable: Option<OrgHookFn>,
    /// Called with the version recorded before, when the registered version differs.
    pub upgrade: Option<UpgradeHookFn>,
    /// Fills an organization with example data, in demo mode (`serve --demo`): once, when the
    /// demo data is first loaded, for each demo organization where the plugin is on.
    pub demo: Option<OrgHookFn>,
}

/// An API route of a plugin; the host mounts it under `/api/plugins/{plugin_id}`.
#[derive(Clone, Debug)]
pub struct ApiRouteDecl {
    pub plugin_id: &'static str,
    pub method: http::Method,
    pub path: &'static str,
    pub guard: Guard,
    /// The handler, for [`method`](Self::method) only.
    pub handler: axum::routing::MethodRouter,
}

impl ApiRouteDecl {
    /// Where the host serves it.
    pub fn full_path(&self) -> String {
        format!("/api/plugins/{}{}", self.plugin_id, self.path)
    }
}

/// Where and by whom an event a listener receives happened; the event itself is the listener's
/// second argument, as its own type.
#[derive(Clone, Debug)]
pub struct EventCall {
    pub db: PluginDb,
    pub plugin_id: &'static str,
    /// The organization it happened in, with the plugin's configuration there; `None` for an
    /// event of the platform (a user, an installation).
    pub org: Option<OrgContext>,
    /// Who caused it (a user id), when someone did.
    pub actor: Option<i64>,
}

/// A listener as the host calls it: the stored payload is read into the listener's event type
/// first (a payload that does not read is the delivery's failure, with the event named).
pub type ListenerFn = Handler<(EventCall, Value), Result<(), PluginError>>;

#[derive(Clone, Debug)]
pub struct ListenerDecl {
    pub plugin_id: &'static str,
    pub event: &'static str,
    pub run: ListenerFn,
}

/// When a declared task runs (an organization may change it for itself).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Schedule {
    /// Every so often, counted from the previous run's start.
    Every(std::time::Duration),
    /// On a five-field cron expression, in UTC.
    Cron(&'static str),
}

impl Schedule {
    pub fn spec(self) -> sahabot_core::schedule::ScheduleSpec {
        use sahabot_core::schedule::ScheduleSpec;
        match self {
            Schedule::Every(every) => ScheduleSpec::Interval {
                seconds: i64::try_from(every.as_secs().max(1)).unwrap_or(i64::MAX),
            },
            Schedule::Cron(expr) => ScheduleSpec::Cron(expr.into()),
        }
    }
}

/// A task a plugin contributes: what it is called, when it runs by default (if at all: a task
/// without a schedule runs only where an organization created it), and its run policy.
#[derive(Clone, Copy, Debug)]
pub struct Task {
    pub key: &'static str,
    pub title: &'static str,
    pub schedule: Option<Schedule>,
    /// One run for the whole installation rather than one per organization.
    pub global: bool,
    /// A run that takes longer is stopped and recorded as timed out.
    pub timeout: std::time::Duration,
    /// Attempts of one run before it is recorded as failed and the schedule goes on.
    pub max_attempts: i64,
    /// The pause before a failed run is tried again; it doubles with each further attempt.
    pub retry_after: std::time::Duration,
}

impl Task {
    const fn new(key: &'static str, schedule: Option<Schedule>) -> Task {
        Task {
            key,
            title: key,
            schedule,
            global: false,
            timeout: std::time::Duration::from_secs(300),
            max_attempts: 3,
            retry_after: std::time::Duration::from_secs(30),
        }
    }

    /// Runs every `every` in each organization where the plugin is in service.
    pub const fn every(key: &'static str, every: std::time::Duration) -> Task {
        Task::new(key, Some(Schedule::Every(every)))
    }

    /// Runs on a cron expression (UTC) in each organization where the plugin is in service.
    pub const fn cron(key: &'static str, expr: &'static str) -> Task {
        Task::new(key, Some(Schedule::Cron(expr)))
    }

    /// Runs only where an organization created it (with its own schedule and configuration).
    pub const fn on_demand(key: &'static str) -> Task {
        Task::new(key, None)
    }

    pub const fn title(mut self, title: &'static str) -> Task {
        self.title = title;
        self
    }

    pub const fn global(mut self) -> Task {
        self.global = true;
        self
    }

    pub const fn timeout(mut self, timeout: std::time::Duration) -> Task {
        self.timeout = timeout;
        self
    }

    pub const fn retries(mut self, max_attempts: i64, retry_after: std::time::Duration) -> Task {
        self.max_attempts = max_attempts;
        self.retry_after = retry_after;
        self
    }
}

/// The host's services that background work may use besides the database.
#[derive(Clone, Debug, Default)]
pub struct Services {
    /// The Discord bot, when the host runs one.
    pub discord: Option<std::sync::Arc<dyn crate::host::DiscordHost>>,
}

/// One run of a task.
#[derive(Clone, Debug)]
pub struct TaskCall {
    pub db: PluginDb,
    pub services: Services,
    pub plugin_id: &'static str,
    /// The organization it runs for; `None` for a global task.
    pub org: Option<OrgContext>,
    pub task_id: i64,
    pub task_name: String,
    /// The task's own configuration (a JSON object; empty for a declared task).
    pub config: Value,
    /// 1 for a run's first attempt.
    pub attempt: i64,
}

pub type TaskFn = Handler<TaskCall, Result<(), PluginError>>;

#[derive(Clone, Debug)]
pub struct TaskDecl {
    pub plugin_id: &'static str,
    pub task: Task,
    pub run: TaskFn,
}

/// One step of a plugin's schema. The SQL uses the same dialect tokens as the core's
/// migrations (`{{pk}}`, `{{bool}}`).
#[derive(Clone, Copy, Debug)]
pub struct MigrationDecl {
    pub name: &'static str,
    pub sql: &'static str,
}
