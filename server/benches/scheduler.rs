//! The scheduler's overhead with 1,000 organizations, each with its own row of a task (plus
//! the Discord Bot's nightly re-sync row each): how long bringing the declared tasks' rows up
//! to date takes, how long a pass that finds nothing due takes (the scheduler makes one per
//! second when idle), and how many due runs per second it claims, runs and records.
//! Run: `cargo bench -p sahabot --bench scheduler` (release profile); with
//! `SAHABOT_TEST_POSTGRES_URL` set, on PostgreSQL too.

#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use sahabot_core::db::Db;
use sahabot_core::time::now_millis;
use sahabot_runtime::scheduler::{declare_tasks, run_once, SchedulerSettings};

static RAN: AtomicUsize = AtomicUsize::new(0);
const ORGS: usize = 1_000;

mod probe {
    use std::sync::atomic::Ordering;
    use std::time::Duration;

    use sahabot_sdk::runtime_kinds::{PluginError, Task, TaskCall};

    sahabot_sdk::plugin! {
        id: bench_tasks,
        manifest: "id: bench_tasks
name: Bench tasks
version: 0.1.0
description: A task in every organization.
author: SahaBot benchmarks
type: builtin
category: utility
enabled_by_default: true
private: false
requires:
  sahabot: \">=0.1.0\"
provides:
  tasks: [noop]
",
        build: build,
    }

    fn build(p: &mut sahabot_sdk::Contributions) {
        p.task(Task::every("noop", Duration::from_secs(3600)), noop);
    }

    async fn noop(_: TaskCall) -> Result<(), PluginError> {
        super::RAN.fetch_add(1, Ordering::SeqCst);
        Ok(())
    }
}

fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

async fn add_orgs(db: &Db) {
    let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM organizations")
        .fetch_one(db.pool())
        .await
        .unwrap();
    for n in existing..ORGS as i64 {
        sahabot_core::repo::orgs::create(db, &format!("bench-{n}"), &format!("Bench {n}"), "")
            .await
            .unwrap();
    }
}

/// Makes every organization's `noop` due and runs the scheduler until all ran; returns the time.
async fn drain_all(db: &Db, settings: &SchedulerSettings) -> Duration {
    sqlx::query("UPDATE scheduled_tasks SET next_run_at = $1 WHERE task_key = 'noop'")
        .bind(now_millis() - 1)
        .execute(db.pool())
        .await
        .unwrap();
    let before = RAN.load(Ordering::SeqCst);
    let start = Instant::now();
    while RAN.load(Ordering::SeqCst) < before + ORGS {
        run_once(db, settings, &Default::default()).await.unwrap();
        if start.elapsed() > Duration::from_secs(300) {
            panic!("1,000 runs did not finish in 5 minutes");
        }
    }
    // The last batch's records are written before `run_once` returns.
    start.elapsed()
}

fn main() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        for bench in support::demo_databases().await {
            let db = bench.db.clone();
            add_orgs(&db).await;
            let settings = SchedulerSettings::default();

            let start = Instant::now();
            let created = declare_tasks(&db).await.unwrap();
            let first_declare = start.elapsed();
            let mut steady = Vec::new();
            for _ in 0..20 {
                let start = Instant::now();
                declare_tasks(&db).await.unwrap();
                steady.push(millis(start.elapsed()));
            }
            let (steady, ..) = support::spread(steady);

            let mut idle = Vec::new();
            for _ in 0..200 {
                let start = Instant::now();
                let claimed = run_once(&db, &settings, &Default::default()).await.unwrap();
                assert_eq!(claimed, 0, "nothing is due");
                idle.push(millis(start.elapsed()));
            }
            let (idle, idle_min, idle_max) = support::spread(idle);

            drain_all(&db, &settings).await; // warm-up
            let mut rates = Vec::new();
            for _ in 0..3 {
                let took = drain_all(&db, &settings).await;
                rates.push(ORGS as f64 / took.as_secs_f64());
            }
            let (rate, rate_min, rate_max) = support::spread(rates);
            let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM scheduled_tasks")
                .fetch_one(db.pool())
                .await
                .unwrap();
            println!("scheduler, {} ({ORGS} organizations, {rows} task rows):", bench.engine);
            println!(
                "  creating the declared rows: {created} rows in {:.0} ms; when all exist: median {steady:.1} ms",
                millis(first_declare)
            );
            println!(
                "  a pass with nothing due: median {idle:.2} ms (min {idle_min:.2}, max {idle_max:.2}) over 200 passes"
            );
            println!(
                "  1,000 due runs claimed, run and recorded: median {rate:.0} runs/s over 3 rounds \
                 (min {rate_min:.0}, max {rate_max:.0}); {:.2} ms per run",
                1000.0 / rate
            );
        }
    });
}
