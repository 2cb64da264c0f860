//! Events delivered per second, end to end: each event is written in its own
//! transaction (as a change would write it), and the event bus running beside the writer hands
//! it to a listener. Reports the time from the first write to the last delivery.
//! Run: `cargo bench -p sahabot --bench events` (release profile); with
//! `SAHABOT_TEST_POSTGRES_URL` set, on PostgreSQL too.

#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use sahabot_core::db::Db;
use sahabot_core::events::Event;
use sahabot_runtime::bus::{spawn, BusSettings};
use serde::{Deserialize, Serialize};

static HEARD: AtomicUsize = AtomicUsize::new(0);

#[derive(Serialize, Deserialize)]
struct Tick {
    organization_id: i64,
    n: usize,
}

impl Event for Tick {
    const TYPE: &'static str = "bench_probe.tick";
    fn organization_id(&self) -> Option<i64> {
        Some(self.organization_id)
    }
}

mod probe {
    use sahabot_sdk::runtime_kinds::{EventCall, PluginError};
    use std::sync::atomic::Ordering;

    sahabot_sdk::plugin! {
        id: bench_probe,
        manifest: "id: bench_probe
name: Bench probe
version: 0.1.0
description: Hears the benchmark's events.
author: SahaBot benchmarks
type: builtin
category: utility
enabled_by_default: true
private: false
requires:
  sahabot: \">=0.1.0\"
provides:
  events: [tick]
",
        build: build,
    }

    fn build(p: &mut sahabot_sdk::Contributions) {
        p.emits::<super::Tick>().listen(heard);
    }

    async fn heard(_: EventCall, _: super::Tick) -> Result<(), PluginError> {
        super::HEARD.fetch_add(1, Ordering::SeqCst);
        Ok(())
    }
}

async fn round(db: &Db, org: i64, events: usize) -> Duration {
    let before = HEARD.load(Ordering::SeqCst);
    let start = Instant::now();
    for n in 0..events {
        let mut write = db.write().await.unwrap();
        write
            .emit(
                None,
                &Tick {
                    organization_id: org,
                    n,
                },
            )
            .await
            .unwrap();
        write.commit().await.unwrap();
    }
    while HEARD.load(Ordering::SeqCst) < before + events {
        if start.elapsed() > Duration::from_secs(300) {
            panic!("the bus did not deliver the events in 5 minutes");
        }
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    start.elapsed()
}

fn main() {
    // `cargo bench` passes `--bench`; nothing else is read.
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        for bench in support::demo_databases().await {
            let db = bench.db.clone();
            let (org, _) = sahabot_core::repo::orgs::id_and_name(&db, "alttpr")
                .await
                .unwrap()
                .unwrap();
            let bus = spawn(db.clone(), BusSettings::default());
            let events = 2_000;
            round(&db, org, 200).await; // warm-up
            let mut rates = Vec::new();
            for _ in 0..3 {
                let took = round(&db, org, events).await;
                rates.push(events as f64 / took.as_secs_f64());
            }
            bus.abort();
            let (median, min, max) = support::spread(rates);
            println!(
                "events delivered end to end ({}, one transaction per event, 1 listener): \
                 median {median:.0} events/s over 3 rounds of {events} (min {min:.0}, max {max:.0})",
                bench.engine
            );
        }
    });
}
