-- Scheduled tasks. The plugins' declared tasks get one row per organization (or one global
-- row), created by the scheduler and marked by `builtin_key`; an organization may change such a
-- row's schedule or pause it (the override), and may create tasks of its own. A due run is
-- claimed by one instance at a time (a lease with expiry); each run is recorded in `task_runs`.

CREATE TABLE scheduled_tasks (
    id {{pk}},
    organization_id BIGINT REFERENCES organizations (id) ON DELETE CASCADE,
    plugin_id TEXT NOT NULL,
    -- The plugin's task that runs (its declared key).
    task_key TEXT NOT NULL,
    -- `{organization id or global}:{plugin}:{task}` for the declared tasks' rows; NULL for the
    -- tasks people create.
    builtin_key TEXT UNIQUE,
    name TEXT NOT NULL,
    -- interval (seconds), cron (UTC expression) or once (unix milliseconds)
    schedule_kind TEXT NOT NULL,
    schedule TEXT NOT NULL,
    -- A declared task whose schedule someone changed keeps it when the declaration changes.
    schedule_overridden {{bool}} NOT NULL DEFAULT FALSE,
    -- A JSON object handed to each run.
    config TEXT NOT NULL,
    is_active {{bool}} NOT NULL DEFAULT TRUE,
    -- NULL: nothing is due (paused, or a one-time task that ran).
    next_run_at BIGINT,
    -- Which instance runs it until when; another takes it over once the lease expired.
    leased_until BIGINT,
    -- Someone asked for a run now (recorded as a manual run).
    run_requested {{bool}} NOT NULL DEFAULT FALSE,
    -- Failed attempts of the current run, for the retry policy.
    failures BIGINT NOT NULL DEFAULT 0,
    last_run_at BIGINT,
    last_outcome TEXT,
    last_error TEXT,
    created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX scheduled_tasks_due ON scheduled_tasks (next_run_at);
CREATE INDEX scheduled_tasks_org ON scheduled_tasks (organization_id);

CREATE TABLE task_runs (
    id {{pk}},
    task_id BIGINT NOT NULL REFERENCES scheduled_tasks (id) ON DELETE CASCADE,
    -- 1 for a run's first attempt, more for its retries.
    attempt BIGINT NOT NULL,
    -- schedule, retry or manual
    triggered_by TEXT NOT NULL,
    started_at BIGINT NOT NULL,
    ended_at BIGINT,
    -- running, success, failed, timeout, abandoned (its instance stopped)
    outcome TEXT NOT NULL,
    error TEXT
);
CREATE INDEX task_runs_task ON task_runs (task_id, id);
