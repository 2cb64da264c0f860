//! Scheduled tasks and their runs (see `migrations/0007_tasks.sql`).

use sqlx::Row;

use crate::db::{get_bool, Db, Dialect};
use crate::error::{Error, Result};
use crate::model::{ScheduledTask, TaskRun};
use crate::schedule::ScheduleSpec;
use crate::time::now_millis;
use crate::write::Write;

/// A task a plugin declares with a schedule: its rows are created by [`ensure_declared`].
pub struct DeclaredTask<'a> {
    pub plugin_id: &'a str,
    pub key: &'a str,
    pub name: &'a str,
    pub schedule: &'a ScheduleSpec,
    /// One row for the whole installation instead of one per organization.
    pub global: bool,
}

/// Creates the missing rows of a declared task (one per organization, or one global row), and
/// brings the schedule of the rows nobody overrode up to the declaration. Returns how many rows
/// it created.
pub async fn ensure_declared(db: &Db, task: &DeclaredTask<'_>) -> Result<u64> {
    let now = now_millis();
    let next = task.schedule.first_run(now);
    let mut tx = db.write().await?;
    let prefix = format!(":{}:{}", task.plugin_id, task.key);
    let columns = "(organization_id, plugin_id, task_key, builtin_key, name, schedule_kind,
                    schedule, config, next_run_at, created_at, updated_at)";
    // One row for the installation, or one per organization. `WHERE TRUE` lets SQLite tell the
    // upsert clause from a join constraint.
    let (organization, key_prefix, source) = if task.global {
        ("NULL", "'global'", "")
    } else {
        ("o.id", "CAST(o.id AS TEXT)", "FROM organizations o")
    };
    let created = sqlx::query(&format!(
        "INSERT INTO scheduled_tasks {columns}
         SELECT {organization}, $1, $2, {key_prefix} || $3, $4, $5, $6, '{{}}', $7, $8, $8
         {source} WHERE TRUE
         ON CONFLICT (builtin_key) DO NOTHING"
    ))
    .bind(task.plugin_id)
    .bind(task.key)
    .bind(prefix)
    .bind(task.name)
    .bind(task.schedule.kind())
    .bind(task.schedule.value())
    .bind(next)
    .bind(now)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    sqlx::query(
        "UPDATE scheduled_tasks SET schedule_kind = $1, schedule = $2,
                next_run_at = CASE WHEN is_active = TRUE THEN $3 ELSE NULL END, updated_at = $4
         WHERE plugin_id = $5 AND task_key = $6 AND builtin_key IS NOT NULL
           AND schedule_overridden = FALSE AND (schedule_kind <> $1 OR schedule <> $2)",
    )
    .bind(task.schedule.kind())
    .bind(task.schedule.value())
    .bind(next)
    .bind(now)
    .bind(task.plugin_id)
    .bind(task.key)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(created)
}

/// A task an organization creates.
pub struct NewTask<'a> {
    pub organization_id: i64,
    pub plugin_id: &'a str,
    pub task_key: &'a str,
    pub name: &'a str,
    pub schedule: &'a ScheduleSpec,
    pub config: &'a serde_json::Value,
    pub created_by: Option<i64>,
}

pub async fn create(write: &mut crate::write::Write, task: &NewTask<'_>) -> Result<i64> {
    let now = now_millis();
    let id = sqlx::query_scalar(
        "INSERT INTO scheduled_tasks (organization_id, plugin_id, task_key, name, schedule_kind,
             schedule, config, next_run_at, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
    )
    .bind(task.organization_id)
    .bind(task.plugin_id)
    .bind(task.task_key)
    .bind(task.name)
    .bind(task.schedule.kind())
    .bind(task.schedule.value())
    .bind(task.config.to_string())
    .bind(task.schedule.first_run(now))
    .bind(task.created_by)
    .bind(now)
    .fetch_one(&mut **write)
    .await?;
    write.tasks_due();
    Ok(id)
}

const TASK_COLUMNS: &str = "t.id, o.slug, o.name AS org_name, t.plugin_id, t.task_key,
    t.builtin_key, t.name, t.schedule_kind, t.schedule, t.schedule_overridden, t.config,
    t.is_active, t.next_run_at, t.leased_until, t.last_run_at, t.last_outcome, t.last_error";

fn task_from_row(row: &sqlx::any::AnyRow, now: i64) -> Result<ScheduledTask> {
    let kind: String = row.try_get("schedule_kind")?;
    let value: String = row.try_get("schedule")?;
    let spec = ScheduleSpec::from_stored(&kind, &value);
    let slug: Option<String> = row.try_get("slug")?;
    let org_name: Option<String> = row.try_get("org_name")?;
    let leased_until: Option<i64> = row.try_get("leased_until")?;
    Ok(ScheduledTask {
        id: row.try_get("id")?,
        organization: slug.zip(org_name),
        plugin_id: row.try_get("plugin_id")?,
        task_key: row.try_get("task_key")?,
        name: row.try_get("name")?,
        builtin: row.try_get::<Option<String>, _>("builtin_key")?.is_some(),
        schedule: match &spec {
            Ok(spec) => spec.input_value(),
            Err(_) => value.clone(),
        },
        schedule_text: spec.map(|s| s.describe()).unwrap_or(value),
        schedule_kind: kind,
        overridden: get_bool(row, "schedule_overridden")?,
        config: row.try_get("config")?,
        is_active: get_bool(row, "is_active")?,
        next_run_at: row.try_get("next_run_at")?,
        running: leased_until.is_some_and(|until| until >= now),
        last_run_at: row.try_get("last_run_at")?,
        last_outcome: row.try_get("last_outcome")?,
        last_error: row.try_get("last_error")?,
    })
}

/// The tasks of one organization, or every task (global ones included) with `None`; ordered
/// by organization, then name.
pub async fn list(db: &Db, organization_id: Option<i64>) -> Result<Vec<ScheduledTask>> {
    let rows = sqlx::query(&format!(
        "SELECT {TASK_COLUMNS} FROM scheduled_tasks t
         LEFT JOIN organizations o ON o.id = t.organization_id
         WHERE ($1 = 0 OR t.organization_id = $2)
         ORDER BY o.name IS NOT NULL, o.name, t.name, t.id"
    ))
    .bind(i64::from(organization_id.is_some()))
    .bind(organization_id.unwrap_or(0))
    .fetch_all(db.pool())
    .await?;
    let now = now_millis();
    rows.iter().map(|r| task_from_row(r, now)).collect()
}

/// One task, if it belongs to `organization_id` (`None`: any task, for the platform's pages).
pub async fn get(db: &Db, id: i64, organization_id: Option<i64>) -> Result<Option<ScheduledTask>> {
    let row = sqlx::query(&format!(
        "SELECT {TASK_COLUMNS} FROM scheduled_tasks t
         LEFT JOIN organizations o ON o.id = t.organization_id
         WHERE t.id = $1 AND ($2 = 0 OR t.organization_id = $3)"
    ))
    .bind(id)
    .bind(i64::from(organization_id.is_some()))
    .bind(organization_id.unwrap_or(0))
    .fetch_optional(db.pool())
    .await?;
    row.map(|r| task_from_row(&r, now_millis())).transpose()
}

/// Changes a task's schedule; a declared task's row is marked overridden, so it keeps it.
pub async fn set_schedule(w: &mut Write, id: i64, schedule: &ScheduleSpec) -> Result<()> {
    write_schedule(w, id, schedule, true).await
}

/// Puts a declared task back on its plugin's schedule.
pub async fn reset_schedule(w: &mut Write, id: i64, declared: &ScheduleSpec) -> Result<()> {
    write_schedule(w, id, declared, false).await
}

async fn write_schedule(
    w: &mut Write,
    id: i64,
    schedule: &ScheduleSpec,
    overridden: bool,
) -> Result<()> {
    let now = now_millis();
    sqlx::query(
        "UPDATE scheduled_tasks SET schedule_kind = $1, schedule = $2,
                schedule_overridden = CASE WHEN builtin_key IS NULL THEN FALSE ELSE $3 END,
                next_run_at = CASE WHEN is_active = TRUE THEN $4 ELSE NULL END,
                failures = 0, updated_at = $5
         WHERE id = $6",
    )
    .bind(schedule.kind())
    .bind(schedule.value())
    .bind(overridden)
    .bind(schedule.first_run(now))
    .bind(now)
    .bind(id)
    .execute(&mut **w)
    .await?;
    // A one-time run in the past is due at once.
    w.tasks_due();
    Ok(())
}

/// Pauses or resumes a task; a resumed task's next run follows its schedule from now (a
/// one-time task whose time passed runs at once).
pub async fn set_active(w: &mut Write, id: i64, active: bool) -> Result<()> {
    let row = sqlx::query(
        "SELECT schedule_kind, schedule, last_run_at FROM scheduled_tasks WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&mut **w)
    .await?
    .ok_or_else(|| Error::NotFound(format!("no scheduled task {id}")))?;
    let kind: String = row.try_get("schedule_kind")?;
    let value: String = row.try_get("schedule")?;
    let ran = row.try_get::<Option<i64>, _>("last_run_at")?.is_some();
    let now = now_millis();
    let next = match ScheduleSpec::from_stored(&kind, &value)? {
        _ if !active => None,
        // A one-time task that ran stays done; "run now" runs it again.
        ScheduleSpec::Once { .. } if ran => None,
        spec => spec.first_run(now),
    };
    sqlx::query(
        "UPDATE scheduled_tasks SET is_active = $1, next_run_at = $2, failures = 0, updated_at = $3
         WHERE id = $4",
    )
    .bind(active)
    .bind(next)
    .bind(now)
    .bind(id)
    .execute(&mut **w)
    .await?;
    Ok(())
}

/// Makes a task due now (also a paused one, for this run only). Refused while it runs.
pub async fn run_now(w: &mut Write, id: i64) -> Result<()> {
    let now = now_millis();
    let done = sqlx::query(
        "UPDATE scheduled_tasks SET next_run_at = $1, failures = 0, run_requested = TRUE,
                updated_at = $1
         WHERE id = $2 AND (leased_until IS NULL OR leased_until < $1)",
    )
    .bind(now)
    .bind(id)
    .execute(&mut **w)
    .await?;
    if done.rows_affected() == 0 {
        return Err(Error::Conflict(
            "the task is running now; wait for it to end".into(),
        ));
    }
    w.tasks_due();
    Ok(())
}

/// Deletes a task an organization created (a declared task can only be paused).
pub async fn delete(w: &mut Write, id: i64) -> Result<()> {
    let done = sqlx::query("DELETE FROM scheduled_tasks WHERE id = $1 AND builtin_key IS NULL")
        .bind(id)
        .execute(&mut **w)
        .await?;
    if done.rows_affected() == 0 {
        return Err(Error::Conflict(
            "a plugin's own task cannot be deleted; pause it instead".into(),
        ));
    }
    Ok(())
}

/// A due run this instance holds until its lease expires.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClaimedRun {
    pub run_id: i64,
    pub task_id: i64,
    pub organization_id: Option<i64>,
    pub plugin_id: String,
    pub task_key: String,
    pub name: String,
    pub schedule: std::result::Result<ScheduleSpec, String>,
    pub config: String,
    pub is_active: bool,
    /// From 1; more for a retry.
    pub attempt: i64,
    pub started_at: i64,
}

/// Claims up to `limit` due runs, each for `lease_ms` (`lease_ms(plugin, task)` gives it, from
/// the task's timeout), and records each as running. A run whose holder's lease expired (a
/// crashed instance's) is recorded as abandoned and claimed again.
pub async fn claim_due(
    db: &Db,
    limit: i64,
    lease_ms: impl Fn(&str, &str) -> i64,
) -> Result<Vec<ClaimedRun>> {
    let now = now_millis();
    let mut tx = db.write().await?;
    let rows = sqlx::query(&format!(
        "SELECT id, organization_id, plugin_id, task_key, name, schedule_kind, schedule, config,
                is_active, failures, leased_until, run_requested
         FROM scheduled_tasks
         WHERE next_run_at <= $1 AND (leased_until IS NULL OR leased_until < $1)
         ORDER BY next_run_at, id LIMIT $2{}",
        match db.dialect() {
            Dialect::Postgres => " FOR UPDATE SKIP LOCKED",
            Dialect::Sqlite => "",
        }
    ))
    .bind(now)
    .bind(limit)
    .fetch_all(&mut *tx)
    .await?;
    let mut claimed = Vec::with_capacity(rows.len());
    for row in &rows {
        let task_id: i64 = row.try_get("id")?;
        let plugin_id: String = row.try_get("plugin_id")?;
        let task_key: String = row.try_get("task_key")?;
        let failures: i64 = row.try_get("failures")?;
        if row.try_get::<Option<i64>, _>("leased_until")?.is_some() {
            sqlx::query(
                "UPDATE task_runs SET outcome = 'abandoned', ended_at = $1,
                        error = 'the instance running it stopped before it ended'
                 WHERE task_id = $2 AND outcome = 'running'",
            )
            .bind(now)
            .bind(task_id)
            .execute(&mut *tx)
            .await?;
        }
        let trigger = if get_bool(row, "run_requested")? {
            "manual"
        } else if failures > 0 {
            "retry"
        } else {
            "schedule"
        };
        sqlx::query(
            "UPDATE scheduled_tasks SET leased_until = $1, run_requested = FALSE WHERE id = $2",
        )
        .bind(now + lease_ms(&plugin_id, &task_key))
        .bind(task_id)
        .execute(&mut *tx)
        .await?;
        let attempt = failures + 1;
        let run_id: i64 = sqlx::query_scalar(
            "INSERT INTO task_runs (task_id, attempt, triggered_by, started_at, outcome)
             VALUES ($1, $2, $3, $4, 'running') RETURNING id",
        )
        .bind(task_id)
        .bind(attempt)
        .bind(trigger)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        let kind: String = row.try_get("schedule_kind")?;
        let value: String = row.try_get("schedule")?;
        claimed.push(ClaimedRun {
            run_id,
            task_id,
            organization_id: row.try_get("organization_id")?,
            plugin_id,
            task_key,
            name: row.try_get("name")?,
            schedule: ScheduleSpec::from_stored(&kind, &value).map_err(|e| e.to_string()),
            config: row.try_get("config")?,
            is_active: get_bool(row, "is_active")?,
            attempt,
            started_at: now,
        });
    }
    tx.commit().await?;
    Ok(claimed)
}

/// How a claimed run ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RunEnd {
    Success,
    /// `outcome` is failed or timeout; `retry_at` when the policy tries again.
    Failed {
        outcome: &'static str,
        error: String,
        retry_at: Option<i64>,
    },
    /// Not run: its plugin is not in service there. The run's record is dropped.
    Skipped,
}

/// Records how claimed runs ended, all in one transaction; `next_run_at` is the task's next
/// scheduled run (ignored while a retry is due, and for a paused task).
pub async fn finish(db: &Db, ended: &[(ClaimedRun, RunEnd, Option<i64>)]) -> Result<()> {
    if ended.is_empty() {
        return Ok(());
    }
    let now = now_millis();
    let mut tx = db.write().await?;
    for (run, end, next_run_at) in ended {
        let (outcome, error, next, failures) = match end {
            RunEnd::Success => (Some("success"), None, *next_run_at, 0),
            RunEnd::Failed {
                outcome,
                error,
                retry_at: Some(at),
            } => (Some(*outcome), Some(error.as_str()), Some(*at), run.attempt),
            RunEnd::Failed {
                outcome,
                error,
                retry_at: None,
            } => (Some(*outcome), Some(error.as_str()), *next_run_at, 0),
            RunEnd::Skipped => (None, None, *next_run_at, 0),
        };
        let retrying = matches!(
            end,
            RunEnd::Failed {
                retry_at: Some(_),
                ..
            }
        );
        match outcome {
            Some(outcome) => {
                sqlx::query(
                    "UPDATE task_runs SET outcome = $1, error = $2, ended_at = $3 WHERE id = $4",
                )
                .bind(outcome)
                .bind(error)
                .bind(now)
                .bind(run.run_id)
                .execute(&mut *tx)
                .await?;
                sqlx::query(
                    "UPDATE scheduled_tasks SET leased_until = NULL, failures = $1,
                            next_run_at = CASE WHEN is_active = TRUE OR $2 = 1 THEN $3 ELSE NULL END,
                            last_run_at = $4, last_outcome = $5, last_error = $6, updated_at = $7
                     WHERE id = $8",
                )
                .bind(failures)
                .bind(i64::from(retrying))
                .bind(next)
                .bind(run.started_at)
                .bind(outcome)
                .bind(error)
                .bind(now)
                .bind(run.task_id)
                .execute(&mut *tx)
                .await?;
            }
            None => {
                sqlx::query("DELETE FROM task_runs WHERE id = $1")
                    .bind(run.run_id)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query(
                    "UPDATE scheduled_tasks SET leased_until = NULL, failures = 0,
                            next_run_at = CASE WHEN is_active = TRUE THEN $1 ELSE NULL END
                     WHERE id = $2",
                )
                .bind(next)
                .bind(run.task_id)
                .execute(&mut *tx)
                .await?;
            }
        }
    }
    tx.commit().await?;
    Ok(())
}

/// The latest runs, of one task or of one organization's tasks (`None`: of every task).
pub async fn runs(
    db: &Db,
    task_id: Option<i64>,
    organization_id: Option<i64>,
    limit: i64,
) -> Result<Vec<TaskRun>> {
    let rows = sqlx::query(
        "SELECT r.id, r.task_id, t.name, r.attempt, r.triggered_by, r.started_at, r.ended_at,
                r.outcome, r.error
         FROM task_runs r JOIN scheduled_tasks t ON t.id = r.task_id
         WHERE ($1 = 0 OR r.task_id = $2) AND ($3 = 0 OR t.organization_id = $4)
         ORDER BY r.id DESC LIMIT $5",
    )
    .bind(i64::from(task_id.is_some()))
    .bind(task_id.unwrap_or(0))
    .bind(i64::from(organization_id.is_some()))
    .bind(organization_id.unwrap_or(0))
    .bind(limit)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(TaskRun {
                id: r.try_get("id")?,
                task_id: r.try_get("task_id")?,
                task_name: r.try_get("name")?,
                attempt: r.try_get("attempt")?,
                triggered_by: r.try_get("triggered_by")?,
                started_at: r.try_get("started_at")?,
                ended_at: r.try_get("ended_at")?,
                outcome: r.try_get("outcome")?,
                error: r.try_get("error")?,
            })
        })
        .collect()
}
