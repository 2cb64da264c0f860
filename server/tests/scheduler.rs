//! The task scheduler against a real database: declared tasks get a row per organization and
//! run only where their plugin is in service; runs are recorded; a failing task is retried by
//! its policy and does not hold the others back; a run past its timeout is stopped; two
//! instances run a due task once; a crashed instance's run is taken over after its lease; missed
//! runs run once; organizations create, reschedule, pause and delete tasks — on SQLite and
//! PostgreSQL.
//!
//! This test binary links two more plugins: `tasks_probe` (on by default) and `tasks_probe_b`
//! (off by default).

#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use axum::http::StatusCode;
use common::org_ref as org;
use sahabot_core::db::Db;
use sahabot_core::db_test;
use sahabot_core::model::ScheduledTask;
use sahabot_core::repo::tasks as repo;
use sahabot_core::service::Actor;
use sahabot_core::time::now_millis;
use sahabot_runtime::lifecycle;
use sahabot_runtime::scheduler::{declare_tasks, run_once, spawn, SchedulerSettings};

/// How often each task body ran: `{database}|{organization or global}|{task}`.
static RAN: Mutex<Option<HashMap<String, usize>>> = Mutex::new(None);

/// Keyed by the database, so that tests sharing a process do not count each other's runs.
fn key(pool: &sqlx::AnyPool, org: &str, task: &str) -> String {
    format!("{}|{org}|{task}", pool.connect_options().database_url)
}

fn ran(db: &Db, org: &str, task: &str) -> usize {
    RAN.lock()
        .unwrap()
        .as_ref()
        .and_then(|m| m.get(&key(db.pool(), org, task)).copied())
        .unwrap_or(0)
}

fn note(call: &sahabot_sdk::runtime_kinds::TaskCall, suffix: &str) {
    let org = call.org.as_ref().map_or("global", |o| o.org.slug.as_str());
    *RAN.lock()
        .unwrap()
        .get_or_insert_with(HashMap::new)
        .entry(key(
            call.db.pool(),
            org,
            &format!("{}{suffix}", call.task_name),
        ))
        .or_default() += 1;
}

mod probe {
    use std::time::Duration;

    use sahabot_sdk::runtime_kinds::{PluginError, Task, TaskCall};

    use super::note;

    sahabot_sdk::plugin! {
        id: tasks_probe,
        manifest: "id: tasks_probe
name: Tasks probe
version: 0.1.0
description: Contributes tasks that succeed, fail, panic, overrun and run globally.
author: SahaBot tests
type: builtin
category: utility
enabled_by_default: true
private: false
requires:
  sahabot: \">=0.1.0\"
provides:
  tasks: [tick, flaky, panicky, slow, lingering, nightly, sweep, announce]
",
        build: build,
    }

    fn build(p: &mut sahabot_sdk::Contributions) {
        let fast_retry = Duration::from_millis(10);
        p.task(
            Task::every("tick", Duration::from_secs(60)).title("Tick"),
            count,
        )
        .task(
            Task::every("flaky", Duration::from_secs(60))
                .title("Flaky")
                .retries(3, fast_retry),
            fail,
        )
        .task(
            Task::every("panicky", Duration::from_secs(60))
                .title("Panicky")
                .retries(1, fast_retry),
            panic,
        )
        .task(
            Task::every("slow", Duration::from_secs(60))
                .title("Slow")
                .timeout(Duration::from_millis(100))
                .retries(1, fast_retry),
            overrun,
        )
        .task(
            Task::every("lingering", Duration::from_secs(60))
                .title("Lingering")
                .timeout(Duration::from_secs(10)),
            linger,
        )
        .task(Task::cron("nightly", "0 3 * * *").title("Nightly"), count)
        .task(
            Task::every("sweep", Duration::from_secs(3600))
                .title("Sweep")
                .global(),
            count,
        )
        .task(Task::on_demand("announce").title("Announce"), announce);
    }

    async fn count(call: TaskCall) -> Result<(), PluginError> {
        note(&call, "");
        Ok(())
    }

    async fn fail(call: TaskCall) -> Result<(), PluginError> {
        note(&call, "");
        Err(PluginError::Message("the probe fails on purpose".into()))
    }

    async fn panic(call: TaskCall) -> Result<(), PluginError> {
        note(&call, "");
        panic!("the probe panics on purpose");
    }

    async fn overrun(call: TaskCall) -> Result<(), PluginError> {
        note(&call, "");
        tokio::time::sleep(Duration::from_secs(5)).await;
        note(&call, ":finished");
        Ok(())
    }

    async fn linger(call: TaskCall) -> Result<(), PluginError> {
        note(&call, "");
        tokio::time::sleep(Duration::from_millis(1500)).await;
        note(&call, ":finished");
        Ok(())
    }

    /// Records the message of its configuration.
    async fn announce(call: TaskCall) -> Result<(), PluginError> {
        let message = call.config["message"]
            .as_str()
            .unwrap_or("none")
            .to_string();
        note(&call, &format!(":{message}"));
        Ok(())
    }
}

mod probe_b {
    use std::time::Duration;

    use sahabot_sdk::runtime_kinds::{PluginError, Task, TaskCall};

    sahabot_sdk::plugin! {
        id: tasks_probe_b,
        manifest: "id: tasks_probe_b
name: Tasks probe B
version: 0.1.0
description: A task of a plugin that is off by default.
author: SahaBot tests
type: builtin
category: utility
enabled_by_default: false
private: false
requires:
  sahabot: \">=0.1.0\"
provides:
  tasks: [tock]
",
        build: build,
    }

    fn build(p: &mut sahabot_sdk::Contributions) {
        p.task(
            Task::every("tock", Duration::from_secs(60)).title("Tock"),
            count,
        );
    }

    async fn count(call: TaskCall) -> Result<(), PluginError> {
        super::note(&call, "");
        Ok(())
    }
}

fn fast() -> SchedulerSettings {
    SchedulerSettings {
        poll: Duration::from_millis(5),
        ..SchedulerSettings::default()
    }
}

/// Runs the scheduler until nothing is due in the next 200 ms (retries included).
async fn drain(db: &Db, settings: &SchedulerSettings) {
    for _ in 0..400 {
        if run_once(db, settings, &Default::default()).await.unwrap() == 0 {
            let soon = now_millis() + 200;
            let due = repo::list(db, None)
                .await
                .unwrap()
                .iter()
                .any(|t| t.next_run_at.is_some_and(|at| at <= soon));
            if !due {
                return;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }
    panic!("the scheduler did not settle");
}

/// The row of a declared task in `org` (`None`: the global row).
async fn row(db: &Db, org: Option<&str>, task: &str) -> ScheduledTask {
    repo::list(db, None)
        .await
        .unwrap()
        .into_iter()
        .find(|t| {
            t.builtin && t.task_key == task && t.organization.as_ref().map(|o| o.0.as_str()) == org
        })
        .unwrap_or_else(|| panic!("no row of {task} in {org:?}"))
}

/// Makes these declared tasks due now in every organization, without asking for a manual run.
async fn make_due(db: &Db, tasks: &[&str], at: i64) {
    for task in tasks {
        sqlx::query("UPDATE scheduled_tasks SET next_run_at = $1 WHERE task_key = $2")
            .bind(at)
            .bind(*task)
            .execute(db.pool())
            .await
            .unwrap();
    }
}

async fn orgs_of(db: &Db) -> Vec<String> {
    sqlx::query_scalar("SELECT slug FROM organizations ORDER BY slug")
        .fetch_all(db.pool())
        .await
        .unwrap()
}

async fn zelda(db: &Db) -> Actor {
    Actor {
        user_id: common::demo_user_id(db, "Zelda Speedster").await,
        ip: None,
    }
}

db_test!(
    declared_tasks_run_per_organization_only_where_their_plugin_is_in_service,
    |db: Db| async move {
        let _ = common::app(&db).await;
        declare_tasks(&db).await.unwrap();
        assert_eq!(declare_tasks(&db).await.unwrap(), 0, "the rows exist once");
        let orgs = orgs_of(&db).await;
        assert!(orgs.len() >= 2);
        // One row per organization for per-organization tasks, one for the global task, none
        // for a task without a schedule.
        let all = repo::list(&db, None).await.unwrap();
        for task in ["tick", "tock", "nightly"] {
            assert_eq!(
                all.iter().filter(|t| t.task_key == task).count(),
                orgs.len(),
                "{task}"
            );
        }
        assert_eq!(all.iter().filter(|t| t.task_key == "sweep").count(), 1);
        assert!(row(&db, None, "sweep").await.organization.is_none());
        assert!(!all.iter().any(|t| t.task_key == "announce"));
        let tick = row(&db, Some("alttpr"), "tick").await;
        assert_eq!(tick.schedule_text, "every minute");
        assert!(
            tick.next_run_at.unwrap() > now_millis() + 50_000,
            "first run after a minute"
        );

        make_due(&db, &["tick", "tock", "sweep"], now_millis() - 1).await;
        drain(&db, &fast()).await;
        for slug in &orgs {
            assert_eq!(ran(&db, slug, "Tick"), 1, "{slug}");
            assert_eq!(ran(&db, slug, "Tock"), 0, "tasks_probe_b is off in {slug}");
        }
        assert_eq!(ran(&db, "global", "Sweep"), 1);

        // The run is recorded; the skipped ones are not, and their schedule goes on.
        let tick = row(&db, Some("alttpr"), "tick").await;
        let runs = repo::runs(&db, Some(tick.id), None, 10).await.unwrap();
        assert_eq!(runs.len(), 1);
        assert_eq!(runs[0].outcome, "success");
        assert_eq!(runs[0].triggered_by, "schedule");
        assert!(runs[0].ended_at.unwrap() >= runs[0].started_at);
        assert_eq!(tick.last_outcome.as_deref(), Some("success"));
        let next = tick.next_run_at.unwrap();
        assert!((runs[0].started_at + 60_000..=runs[0].started_at + 61_000).contains(&next));
        let tock = row(&db, Some("alttpr"), "tock").await;
        assert!(repo::runs(&db, Some(tock.id), None, 10)
            .await
            .unwrap()
            .is_empty());
        assert!(tock.last_outcome.is_none());
        assert!(tock.next_run_at.unwrap() > now_millis());

        // Turned on for alttpr only, it runs there only.
        let alttpr = org(&db, "alttpr").await;
        lifecycle::enable(&db, &zelda(&db).await, &alttpr, "tasks_probe_b")
            .await
            .unwrap();
        make_due(&db, &["tock"], now_millis() - 1).await;
        drain(&db, &fast()).await;
        for slug in &orgs {
            assert_eq!(
                ran(&db, slug, "Tock"),
                usize::from(slug == "alttpr"),
                "{slug}"
            );
        }
    }
);

db_test!(
    a_failing_task_is_retried_by_its_policy_and_the_others_still_run,
    |db: Db| async move {
        let _ = common::app(&db).await;
        declare_tasks(&db).await.unwrap();
        let before = now_millis();
        make_due(&db, &["flaky", "panicky", "tick"], before - 1).await;
        drain(&db, &fast()).await;
        assert_eq!(ran(&db, "alttpr", "Flaky"), 3, "three attempts");
        assert_eq!(ran(&db, "alttpr", "Panicky"), 1, "one attempt");
        assert_eq!(ran(&db, "alttpr", "Tick"), 1, "the others ran");

        let flaky = row(&db, Some("alttpr"), "flaky").await;
        let mut runs = repo::runs(&db, Some(flaky.id), None, 10).await.unwrap();
        runs.reverse();
        let seen: Vec<(i64, &str, &str)> = runs
            .iter()
            .map(|r| (r.attempt, r.triggered_by.as_str(), r.outcome.as_str()))
            .collect();
        assert_eq!(
            seen,
            [
                (1, "schedule", "failed"),
                (2, "retry", "failed"),
                (3, "retry", "failed")
            ]
        );
        assert!(runs[2]
            .error
            .as_deref()
            .unwrap()
            .contains("fails on purpose"));
        assert_eq!(flaky.last_outcome.as_deref(), Some("failed"));
        // It gave up on this run; the schedule goes on.
        assert!(flaky.next_run_at.unwrap() >= before + 59_000);

        let panicky = row(&db, Some("alttpr"), "panicky").await;
        assert!(panicky.last_error.as_deref().unwrap().contains("panicked"));
    }
);

db_test!(
    a_run_past_its_timeout_is_stopped_and_recorded,
    |db: Db| async move {
        let _ = common::app(&db).await;
        declare_tasks(&db).await.unwrap();
        let slow = row(&db, Some("alttpr"), "slow").await;
        db.change(async |w| repo::run_now(w, slow.id).await)
            .await
            .unwrap();
        run_once(&db, &fast(), &Default::default()).await.unwrap();
        tokio::time::sleep(Duration::from_millis(200)).await;
        assert_eq!(ran(&db, "alttpr", "Slow"), 1);
        assert_eq!(ran(&db, "alttpr", "Slow:finished"), 0, "it was stopped");
        let runs = repo::runs(&db, Some(slow.id), None, 10).await.unwrap();
        assert_eq!(runs[0].outcome, "timeout");
        assert_eq!(runs[0].triggered_by, "manual");
        assert!(runs[0].error.as_deref().unwrap().contains("time limit"));
    }
);

db_test!(
    a_slow_task_does_not_hold_back_the_others,
    |db: Db| async move {
        let _ = common::app(&db).await;
        let scheduler = spawn(db.clone(), fast(), Default::default());
        // Wait for the scheduler's rows, then start the slow one.
        let mut waited = 0;
        while repo::list(&db, None).await.unwrap().is_empty() && waited < 200 {
            tokio::time::sleep(Duration::from_millis(10)).await;
            waited += 1;
        }
        make_due(&db, &["lingering"], now_millis() - 1).await;
        while ran(&db, "alttpr", "Lingering") == 0 {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        // While it runs, another task falls due and runs.
        make_due(&db, &["tick"], now_millis() - 1).await;
        let start = std::time::Instant::now();
        while ran(&db, "alttpr", "Tick") == 0 && start.elapsed() < Duration::from_secs(5) {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        assert_eq!(ran(&db, "alttpr", "Tick"), 1);
        assert_eq!(
            ran(&db, "alttpr", "Lingering:finished"),
            0,
            "the slow one still runs"
        );
        // Both are recorded once they ended.
        let start = std::time::Instant::now();
        while row(&db, Some("alttpr"), "lingering")
            .await
            .last_outcome
            .is_none()
            && start.elapsed() < Duration::from_secs(5)
        {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        scheduler.abort();
        assert_eq!(
            row(&db, Some("alttpr"), "lingering")
                .await
                .last_outcome
                .as_deref(),
            Some("success")
        );
        assert_eq!(
            row(&db, Some("alttpr"), "tick")
                .await
                .last_outcome
                .as_deref(),
            Some("success")
        );
        assert_eq!(ran(&db, "alttpr", "Lingering"), 1, "claimed once");
    }
);

db_test!(two_instances_run_a_due_task_once, |db: Db| async move {
    let _ = common::app(&db).await;
    declare_tasks(&db).await.unwrap();
    let other = Db::connect(db.url()).await.unwrap();
    let settings = SchedulerSettings { batch: 1, ..fast() };
    let orgs = orgs_of(&db).await;
    for round in 1..=3 {
        make_due(&db, &["tick", "sweep"], now_millis() - 1).await;
        tokio::join!(drain(&db, &settings), drain(&other, &settings));
        for slug in &orgs {
            assert_eq!(ran(&db, slug, "Tick"), round, "{slug}, round {round}");
        }
        assert_eq!(ran(&db, "global", "Sweep"), round);
    }
});

db_test!(
    a_crashed_instance_s_run_is_taken_over_after_its_lease,
    |db: Db| async move {
        let _ = common::app(&db).await;
        declare_tasks(&db).await.unwrap();
        let tick = row(&db, Some("alttpr"), "tick").await;
        db.change(async |w| repo::run_now(w, tick.id).await)
            .await
            .unwrap();
        // An instance claims it with a short lease and dies before it ends.
        let claimed = repo::claim_due(&db, 100, |_, _| 100).await.unwrap();
        assert!(claimed.iter().any(|c| c.task_id == tick.id));
        assert!(row(&db, Some("alttpr"), "tick").await.running);
        // Another instance leaves it alone while the lease holds...
        let other = Db::connect(db.url()).await.unwrap();
        run_once(&other, &fast(), &Default::default())
            .await
            .unwrap();
        assert_eq!(ran(&db, "alttpr", "Tick"), 0);
        // ...and takes it over once it expired.
        tokio::time::sleep(Duration::from_millis(150)).await;
        run_once(&other, &fast(), &Default::default())
            .await
            .unwrap();
        assert_eq!(ran(&db, "alttpr", "Tick"), 1);
        let runs = repo::runs(&db, Some(tick.id), None, 10).await.unwrap();
        let outcomes: Vec<&str> = runs.iter().map(|r| r.outcome.as_str()).collect();
        assert_eq!(outcomes, ["success", "abandoned"]);
        assert!(!row(&db, Some("alttpr"), "tick").await.running);
    }
);

db_test!(
    missed_runs_run_once_when_the_scheduler_is_back,
    |db: Db| async move {
        let _ = common::app(&db).await;
        declare_tasks(&db).await.unwrap();
        // Ten hours down: six hundred runs of "tick" and a night's run of "nightly" were missed.
        let ten_hours_ago = now_millis() - 10 * 3600 * 1000;
        make_due(&db, &["tick", "nightly"], ten_hours_ago).await;
        let restarted = Db::connect(db.url()).await.unwrap();
        drain(&restarted, &fast()).await;
        assert_eq!(ran(&db, "alttpr", "Tick"), 1);
        assert_eq!(ran(&db, "alttpr", "Nightly"), 1);
        let now = now_millis();
        let tick = row(&db, Some("alttpr"), "tick").await;
        assert!((now + 55_000..=now + 60_000).contains(&tick.next_run_at.unwrap()));
        let nightly = row(&db, Some("alttpr"), "nightly").await;
        let next = nightly.next_run_at.unwrap();
        assert!(next > now && next <= now + 24 * 3600 * 1000);
        assert_eq!(next % (24 * 3600 * 1000), 3 * 3600 * 1000, "at 03:00 UTC");
    }
);

db_test!(
    organizations_create_reschedule_pause_and_delete_tasks,
    |db: Db| async move {
        use leptos::server_fn::ServerFn;
        use sahabot_app::server_fns as sf;
        let mut admin = common::browser_as(&db, Some("Zelda Speedster")).await;

        // The page lists the declared tasks and what may be created.
        let answer = admin
            .post_form(sf::OrgTasksData::PATH, "org=alttpr", "same-origin")
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
        let overview: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
        assert_eq!(overview["can_manage"], true);
        let kinds = overview["kinds"].as_array().unwrap();
        assert!(kinds.iter().any(|k| k["key"] == "announce"));
        assert!(
            !kinds.iter().any(|k| k["key"] == "tock"),
            "its plugin is off"
        );
        assert!(!kinds.iter().any(|k| k["key"] == "sweep"), "global");
        let tasks = overview["tasks"].as_array().unwrap();
        assert!(tasks.iter().all(|t| t["organization"][0] == "alttpr"));

        // Bad input is refused with the reason, next to its field, and creates nothing.
        let count = repo::list(&db, None).await.unwrap().len();
        for (form, field) in [
            ("task=tasks_probe:announce&name=Hi&schedule_kind=cron&schedule=61+*+*+*+*&config=", "schedule"),
            ("task=tasks_probe:announce&name=Hi&schedule_kind=interval&schedule=5&config=", "schedule"),
            ("task=tasks_probe:announce&name=Hi&schedule_kind=weekly&schedule=1&config=", "schedule_kind"),
            ("task=tasks_probe:announce&name=+&schedule_kind=interval&schedule=60&config=", "name"),
            ("task=tasks_probe:announce&name=Hi&schedule_kind=interval&schedule=60&config=%5B1%5D", "config"),
            ("task=tasks_probe_b:tock&name=Hi&schedule_kind=interval&schedule=60&config=", "task"),
        ] {
            let refused = admin
                .post_form(sf::CreateOrgTask::PATH, &format!("org=alttpr&{form}"), "same-origin")
                .await;
            assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{form}: {}", refused.body);
            assert!(refused.body.contains(&format!("{field}:")), "{form}: {}", refused.body);
        }
        let refused = admin
            .post_form(
                sf::CreateOrgTask::PATH,
                "org=alttpr&task=tasks_probe:announce&name=Hi&schedule_kind=cron&schedule=61+*+*+*+*&config=",
                "same-origin",
            )
            .await;
        assert!(
            refused.body.contains("not a cron expression"),
            "{}",
            refused.body
        );
        assert_eq!(repo::list(&db, None).await.unwrap().len(), count);

        // A task of the organization's own, with its configuration.
        let created = admin
            .post_form(
                sf::CreateOrgTask::PATH,
                "org=alttpr&task=tasks_probe:announce&name=Weekly+reminder&schedule_kind=cron&schedule=0+18+*+*+FRI&config=%7B%22message%22%3A%22hello%22%7D",
                "same-origin",
            )
            .await;
        assert_eq!(created.status, StatusCode::OK, "{}", created.body);
        let id: i64 = created.body.trim().parse().unwrap();
        let change =
            |action: &str, extra: &str| format!("org=alttpr&task_id={id}&action={action}{extra}");
        let ok = admin
            .post_form(
                sf::ChangeOrgTask::PATH,
                &change("run_now", ""),
                "same-origin",
            )
            .await;
        assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
        drain(&db, &fast()).await;
        assert_eq!(ran(&db, "alttpr", "Weekly reminder:hello"), 1);

        // Paused: nothing is due; "run now" still runs it once and it stays paused.
        admin
            .post_form(sf::ChangeOrgTask::PATH, &change("pause", ""), "same-origin")
            .await;
        let paused = repo::get(&db, id, None).await.unwrap().unwrap();
        assert!(!paused.is_active && paused.next_run_at.is_none());
        admin
            .post_form(
                sf::ChangeOrgTask::PATH,
                &change("run_now", ""),
                "same-origin",
            )
            .await;
        drain(&db, &fast()).await;
        assert_eq!(ran(&db, "alttpr", "Weekly reminder:hello"), 2);
        let still = repo::get(&db, id, None).await.unwrap().unwrap();
        assert!(!still.is_active && still.next_run_at.is_none());
        admin
            .post_form(
                sf::ChangeOrgTask::PATH,
                &change("resume", ""),
                "same-origin",
            )
            .await;
        assert!(repo::get(&db, id, None)
            .await
            .unwrap()
            .unwrap()
            .next_run_at
            .is_some());

        // A bad expression leaves the schedule as it was.
        let refused = admin
            .post_form(
                sf::ChangeOrgTask::PATH,
                &change("reschedule", "&schedule_kind=cron&schedule=0+25+*+*+*"),
                "same-origin",
            )
            .await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST);
        assert!(refused.body.contains("schedule:"), "{}", refused.body);
        assert_eq!(
            repo::get(&db, id, None).await.unwrap().unwrap().schedule,
            "0 18 * * FRI"
        );

        // A declared task: rescheduled (kept when the declarations are applied again), reset,
        // never deleted.
        let tick = row(&db, Some("alttpr"), "tick").await;
        let tick_change = |action: &str, extra: &str| {
            format!("org=alttpr&task_id={}&action={action}{extra}", tick.id)
        };
        let ok = admin
            .post_form(
                sf::ChangeOrgTask::PATH,
                &tick_change("reschedule", "&schedule_kind=cron&schedule=*%2F5+*+*+*+*"),
                "same-origin",
            )
            .await;
        assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
        declare_tasks(&db).await.unwrap();
        let moved = row(&db, Some("alttpr"), "tick").await;
        assert!(moved.overridden);
        assert_eq!(moved.schedule, "*/5 * * * *");
        let refused = admin
            .post_form(
                sf::ChangeOrgTask::PATH,
                &tick_change("delete", ""),
                "same-origin",
            )
            .await;
        assert_eq!(refused.status, StatusCode::CONFLICT);
        admin
            .post_form(
                sf::ChangeOrgTask::PATH,
                &tick_change("reset", ""),
                "same-origin",
            )
            .await;
        let back = row(&db, Some("alttpr"), "tick").await;
        assert!(!back.overridden);
        assert_eq!(back.schedule_text, "every minute");

        // Another organization's task is not reachable from this one.
        let foreign = row(&db, Some("sm-league"), "tick").await;
        let refused = admin
            .post_form(
                sf::ChangeOrgTask::PATH,
                &format!("org=alttpr&task_id={}&action=pause", foreign.id),
                "same-origin",
            )
            .await;
        assert_eq!(refused.status, StatusCode::NOT_FOUND);
        assert!(row(&db, Some("sm-league"), "tick").await.is_active);

        // A plain member may not look; an admin of another organization may not change.
        let mut member = common::browser_as(&db, Some("Boots First")).await;
        let refused = member
            .post_form(sf::OrgTasksData::PATH, "org=alttpr", "same-origin")
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        let mut kraid = common::browser_as(&db, Some("Kraid Cruncher")).await;
        let refused = kraid
            .post_form(
                sf::ChangeOrgTask::PATH,
                &change("delete", ""),
                "same-origin",
            )
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);

        // The platform's page sees every task and changes the global one; an org admin may not.
        let refused = admin
            .post_form(sf::AllTasksData::PATH, "", "same-origin")
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        let mut superadmin = common::browser_as(&db, Some("Synack")).await;
        let all = superadmin
            .post_form(sf::AllTasksData::PATH, "", "same-origin")
            .await;
        assert_eq!(all.status, StatusCode::OK, "{}", all.body);
        let sweep = row(&db, None, "sweep").await;
        let ok = superadmin
            .post_form(
                sf::ChangeAnyTask::PATH,
                &format!("task_id={}&action=pause", sweep.id),
                "same-origin",
            )
            .await;
        assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
        assert!(!row(&db, None, "sweep").await.is_active);

        // Deleted, and every change is in the audit log.
        let ok = admin
            .post_form(
                sf::ChangeOrgTask::PATH,
                &change("delete", ""),
                "same-origin",
            )
            .await;
        assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
        assert!(repo::get(&db, id, None).await.unwrap().is_none());
        let actions: Vec<String> =
            sqlx::query_scalar("SELECT action FROM audit_log WHERE action LIKE 'task.%'")
                .fetch_all(db.pool())
                .await
                .unwrap();
        for action in [
            "task.created",
            "task.run_requested",
            "task.paused",
            "task.resumed",
            "task.rescheduled",
            "task.schedule_reset",
            "task.deleted",
        ] {
            assert!(
                actions.iter().any(|a| a == action),
                "{action} in {actions:?}"
            );
        }
    }
);

db_test!(a_one_time_task_runs_once, |db: Db| async move {
    let _ = common::app(&db).await;
    let alttpr = org(&db, "alttpr").await;
    let data = sahabot_sdk::data::PluginDb::new(db.clone(), "tasks_probe", Some(alttpr), None);
    // A plugin schedules one of its tasks once (due already, so it runs at the next pass).
    let mut write = data.write().await.unwrap();
    let id = write
        .schedule_once(
            "announce",
            "Open the room",
            now_millis() - 1,
            serde_json::json!({ "message": "once" }),
        )
        .await
        .unwrap();
    assert!(
        write
            .schedule_once("nope", "x", 0, serde_json::json!({}))
            .await
            .is_err(),
        "only a declared task"
    );
    write.commit().await.unwrap();
    drain(&db, &fast()).await;
    drain(&db, &fast()).await;
    assert_eq!(ran(&db, "alttpr", "Open the room:once"), 1);
    let task = repo::get(&db, id, None).await.unwrap().unwrap();
    assert!(task.next_run_at.is_none());
    assert_eq!(task.last_outcome.as_deref(), Some("success"));
    assert_eq!(task.schedule_kind, "once");
});
