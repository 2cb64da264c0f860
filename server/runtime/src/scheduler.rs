//! The task scheduler. Each declared task gets a row per organization (or one global row); the
//! scheduler claims due rows, runs each where its plugin is in service, records the run, and
//! sets the next one. On PostgreSQL several instances share the work: a due run is claimed by
//! one instance (`SKIP LOCKED` and a lease of the task's timeout plus a margin), and a crashed
//! instance's run is taken over once its lease expired.
//!
//! Missed runs: a task that fell due while no instance was running runs once when one is back,
//! and its schedule goes on from that run; the missed runs are not made up one by one.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sahabot_core::db::Db;
use sahabot_core::repo::tasks::{self as repo, ClaimedRun, DeclaredTask, RunEnd};
use sahabot_core::time::now_millis;
use sahabot_sdk::registry;
use sahabot_sdk::runtime_kinds::{Services, TaskCall, TaskDecl};
use serde_json::Value;

use crate::dispatch::Background;
use crate::worker::{self, Work};
use crate::RuntimeError;

#[derive(Clone, Copy, Debug)]
pub struct SchedulerSettings {
    /// How often due tasks are looked for when nothing woke the scheduler.
    pub poll: Duration,
    /// Runs claimed at once.
    pub batch: i64,
    /// How often the declared tasks' rows are brought up to date (new organizations, changed
    /// declarations).
    pub declare_every: Duration,
    /// Added to a task's timeout to give its lease: an instance that is alive always ends or
    /// stops a run before another may take it over.
    pub lease_margin: Duration,
}

impl Default for SchedulerSettings {
    fn default() -> Self {
        SchedulerSettings {
            poll: Duration::from_secs(1),
            batch: 64,
            declare_every: Duration::from_secs(60),
            lease_margin: Duration::from_secs(30),
        }
    }
}

fn millis(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

/// The declaration of a plugin's task.
pub fn declaration(plugin_id: &str, key: &str) -> Option<&'static TaskDecl> {
    registry::tasks()
        .into_iter()
        .find(|d| d.plugin_id == plugin_id && d.task.key == key)
}

/// Creates the missing rows of every declared task with a schedule and brings those nobody
/// overrode up to their declaration. Returns how many rows it created.
pub async fn declare_tasks(db: &Db) -> Result<u64, RuntimeError> {
    let mut created = 0;
    for decl in registry::tasks() {
        let Some(schedule) = decl.task.schedule else {
            continue;
        };
        created += repo::ensure_declared(
            db,
            &DeclaredTask {
                plugin_id: decl.plugin_id,
                key: decl.task.key,
                name: decl.task.title,
                schedule: &schedule.spec(),
                global: decl.task.global,
            },
        )
        .await?;
    }
    Ok(created)
}

/// The scheduler as the shared worker loop runs it.
#[derive(Clone)]
struct Scheduler {
    db: Db,
    settings: SchedulerSettings,
    services: Services,
    /// When the declared tasks' rows were last brought up to date.
    declared: Arc<Mutex<Option<Instant>>>,
}

type Ended = (ClaimedRun, RunEnd, Option<i64>);

impl Work for Scheduler {
    type Claimed = ClaimedRun;
    type Ended = Ended;
    const WHAT: &'static str = "task run";

    async fn prepare(&self) {
        let due = self
            .declared
            .lock()
            .map(|at| at.is_none_or(|at| at.elapsed() >= self.settings.declare_every))
            .unwrap_or(true);
        if due {
            if let Err(e) = declare_tasks(&self.db).await {
                tracing::error!(error = %e, "the scheduler could not create the declared tasks");
            }
            if let Ok(mut at) = self.declared.lock() {
                *at = Some(Instant::now());
            }
        }
    }

    /// Claims due runs, each leased for its task's timeout plus the margin.
    async fn claim(&self, limit: i64) -> Result<Vec<ClaimedRun>, RuntimeError> {
        let lease = |plugin_id: &str, key: &str| {
            let timeout = declaration(plugin_id, key).map_or(Duration::ZERO, |d| d.task.timeout);
            millis(timeout + self.settings.lease_margin)
        };
        Ok(repo::claim_due(&self.db, limit, lease).await?)
    }

    async fn run(&self, claimed: ClaimedRun) -> Ended {
        let (end, next) = run(&self.db, &self.services, &claimed).await;
        if let RunEnd::Failed {
            error, retry_at, ..
        } = &end
        {
            tracing::warn!(
                task = claimed.name, task_id = claimed.task_id, plugin = claimed.plugin_id,
                attempt = claimed.attempt, retry = retry_at.is_some(), %error, "task failed"
            );
        }
        (claimed, end, next)
    }

    async fn record(&self, ended: &[Ended]) -> Result<(), RuntimeError> {
        Ok(repo::finish(&self.db, ended).await?)
    }

    fn wake(&self) -> &tokio::sync::Notify {
        self.db.tasks_due()
    }
}

fn scheduler(db: &Db, settings: &SchedulerSettings, services: &Services) -> Scheduler {
    Scheduler {
        db: db.clone(),
        settings: *settings,
        services: services.clone(),
        declared: Arc::default(),
    }
}

/// One pass, start to end: claims the due runs, runs them side by side and records how they
/// ended. Returns how many it claimed.
pub async fn run_once(
    db: &Db,
    settings: &SchedulerSettings,
    services: &Services,
) -> Result<usize, RuntimeError> {
    worker::run_once(&scheduler(db, settings, services), settings.batch).await
}

/// Runs the scheduler until the process ends: every run goes on by itself, so a slow task never
/// holds back the others (up to `batch` run at once), and the declared tasks' rows are brought
/// up to date every `declare_every`.
pub fn spawn(
    db: Db,
    settings: SchedulerSettings,
    services: Services,
) -> tokio::task::JoinHandle<()> {
    worker::spawn(
        scheduler(&db, &settings, &services),
        settings.batch,
        settings.poll,
    )
}

/// Runs one claimed run; returns how it ended and when the task runs next on its schedule.
async fn run(db: &Db, services: &Services, claimed: &ClaimedRun) -> (RunEnd, Option<i64>) {
    let next = claimed
        .schedule
        .as_ref()
        .ok()
        .and_then(|s| s.next_after(claimed.started_at));
    let gave_up = |error: String| RunEnd::Failed {
        outcome: "failed",
        error,
        retry_at: None,
    };
    let Some(decl) = declaration(&claimed.plugin_id, &claimed.task_key) else {
        let error = format!(
            "plugin `{}` does not declare the task `{}`",
            claimed.plugin_id, claimed.task_key
        );
        return (gave_up(error), None);
    };
    if let Err(e) = &claimed.schedule {
        return (gave_up(e.clone()), None);
    }
    let Some(plugin) = registry::plugin(decl.plugin_id) else {
        return (RunEnd::Skipped, next);
    };
    let failed = |outcome: &'static str, error: String| {
        let retry_at = (claimed.attempt < decl.task.max_attempts).then(|| {
            let exponent = u32::try_from(claimed.attempt.saturating_sub(1)).unwrap_or(u32::MAX);
            let pause = decl
                .task
                .retry_after
                .saturating_mul(2u32.saturating_pow(exponent.min(16)));
            let at = now_millis().saturating_add(millis(pause));
            // A retry never waits past the next scheduled run.
            next.map_or(at, |next| at.min(next))
        });
        RunEnd::Failed {
            outcome,
            error,
            retry_at,
        }
    };
    let org = match crate::dispatch::background(db, plugin, claimed.organization_id).await {
        Ok(Background::Run(org)) => org.map(|ctx| *ctx),
        Ok(Background::Skip) => return (RunEnd::Skipped, next),
        Err(e) => return (failed("failed", e), next),
    };
    let call = TaskCall {
        db: sahabot_sdk::data::PluginDb::new(
            db.clone(),
            plugin.id,
            org.as_ref().map(|o| o.org.clone()),
            None,
        ),
        services: services.clone(),
        plugin_id: plugin.id,
        org,
        task_id: claimed.task_id,
        task_name: claimed.name.clone(),
        config: serde_json::from_str(&claimed.config).unwrap_or(Value::Null),
        attempt: claimed.attempt,
    };
    // Its own task: a panic stays in it, and a run past its timeout is stopped.
    let mut handle = tokio::spawn(decl.run.call(call));
    let end = match tokio::time::timeout(decl.task.timeout, &mut handle).await {
        Ok(Ok(Ok(()))) => RunEnd::Success,
        Ok(Ok(Err(e))) => failed("failed", e.to_string()),
        Ok(Err(e)) => failed("failed", format!("the task panicked: {e}")),
        Err(_) => {
            handle.abort();
            failed(
                "timeout",
                format!(
                    "stopped after {}s, its time limit",
                    decl.task.timeout.as_secs()
                ),
            )
        }
    };
    (end, next)
}
