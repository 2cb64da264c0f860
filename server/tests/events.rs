//! The event bus against a real database: delivery after commit only, listeners only where
//! their plugin is enabled, retries with backoff then failure, isolation of failing and
//! panicking listeners, durability across a restart, one delivery per listener with two
//! instances, and the takeover of an expired lease — on SQLite and PostgreSQL.
//!
//! This test binary links two more plugins: `events_probe` (on by default) publishes `pinged`
//! and listens to it; `events_probe_b` (off by default) listens to it too.

#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use common::org_ref as org;
use sahabot_core::db::Db;
use sahabot_core::db_test;
use sahabot_core::events::Event;
use sahabot_core::repo::events as repo;
use sahabot_core::service::Actor;
use sahabot_runtime::bus::{run_once, BusSettings};
use sahabot_runtime::lifecycle;
use serde::{Deserialize, Serialize};

/// How often each listener saw each tag: `a:{tag}` and `b:{tag}`.
static SEEN: Mutex<Option<HashMap<String, usize>>> = Mutex::new(None);

fn seen(key: &str) -> usize {
    SEEN.lock()
        .unwrap()
        .as_ref()
        .and_then(|m| m.get(key).copied())
        .unwrap_or(0)
}

fn note(key: String) {
    *SEEN
        .lock()
        .unwrap()
        .get_or_insert_with(HashMap::new)
        .entry(key)
        .or_default() += 1;
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Pinged {
    organization_id: i64,
    tag: String,
}

impl Event for Pinged {
    const TYPE: &'static str = "events_probe.pinged";
    fn organization_id(&self) -> Option<i64> {
        Some(self.organization_id)
    }
}

mod probe {
    use sahabot_sdk::runtime_kinds::{EventCall, PluginError};

    use super::{note, Pinged};

    sahabot_sdk::plugin! {
        id: events_probe,
        manifest: "id: events_probe
name: Events probe
version: 0.1.0
description: Publishes and hears an event.
author: SahaBot tests
type: builtin
category: utility
enabled_by_default: true
private: false
requires:
  sahabot: \">=0.1.0\"
provides:
  events: [pinged]
",
        build: build,
    }

    fn build(p: &mut sahabot_sdk::Contributions) {
        p.emits::<Pinged>().listen(heard).listen(welcomed);
    }

    /// An event of the platform: no organization.
    async fn welcomed(
        call: EventCall,
        user: sahabot_core::events::UserCreated,
    ) -> Result<(), PluginError> {
        assert!(call.org.is_none());
        note(format!("user:{}", user.display_name));
        Ok(())
    }

    async fn heard(_: EventCall, event: Pinged) -> Result<(), PluginError> {
        note(format!("a:{}", event.tag));
        if event.tag.starts_with("slow") {
            tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
            note(format!("a:{}:finished", event.tag));
        }
        if event.tag.starts_with("panic") {
            panic!("the probe panics on purpose");
        }
        if event.tag.starts_with("fail") {
            return Err(PluginError::Message("the probe fails on purpose".into()));
        }
        Ok(())
    }
}

mod probe_b {
    use sahabot_sdk::runtime_kinds::{EventCall, PluginError};

    use super::{note, Pinged};

    sahabot_sdk::plugin! {
        id: events_probe_b,
        manifest: "id: events_probe_b
name: Events probe B
version: 0.1.0
description: Hears the other probe's event; off by default.
author: SahaBot tests
type: builtin
category: utility
enabled_by_default: false
private: false
requires:
  sahabot: \">=0.1.0\"
",
        build: build,
    }

    fn build(p: &mut sahabot_sdk::Contributions) {
        p.listen(heard);
    }

    async fn heard(_: EventCall, event: Pinged) -> Result<(), PluginError> {
        note(format!("b:{}", event.tag));
        Ok(())
    }
}

fn fast() -> BusSettings {
    BusSettings {
        first_backoff: Duration::from_millis(5),
        max_attempts: 3,
        ..BusSettings::default()
    }
}

/// Writes a `pinged` event for alttpr and commits (or rolls back).
async fn ping(db: &Db, tag: &str, commit: bool) {
    let org = org(db, "alttpr").await;
    let mut write = db.write().await.unwrap();
    write
        .emit(
            None,
            &Pinged {
                organization_id: org.id,
                tag: tag.into(),
            },
        )
        .await
        .unwrap();
    if commit {
        write.commit().await.unwrap();
    } // dropped: rolled back
}

/// Runs the bus until a pass finds nothing to do (deliveries waiting for their backoff included).
async fn drain(db: &Db, settings: &BusSettings) {
    for _ in 0..200 {
        if run_once(db, settings).await.unwrap() == 0 {
            let due = repo::deliveries(db, false, 1000)
                .await
                .unwrap()
                .iter()
                .any(|d| d.status == "pending");
            if !due {
                return;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }
    panic!("the bus did not settle");
}

fn tag(db: &Db, name: &str) -> String {
    format!("{name}-{:?}", db.dialect())
}

/// `(plugin, status, attempts)` of every `pinged` delivery.
async fn statuses(db: &Db) -> Vec<(String, String, i64)> {
    let mut rows: Vec<(String, String, i64)> = repo::deliveries(db, false, 1000)
        .await
        .unwrap()
        .into_iter()
        .filter(|d| d.event_type == Pinged::TYPE)
        .map(|d| (d.plugin_id, d.status, d.attempts))
        .collect();
    rows.sort();
    rows
}

async fn zelda(db: &Db) -> Actor {
    Actor {
        user_id: common::demo_user_id(db, "Zelda Speedster").await,
        ip: None,
    }
}

db_test!(
    events_are_delivered_after_commit_only_and_where_enabled,
    |db: Db| async move {
        let _ = common::app(&db).await;
        let kept = tag(&db, "kept");
        let dropped = tag(&db, "dropped");
        ping(&db, &dropped, false).await;
        ping(&db, &kept, true).await;
        drain(&db, &fast()).await;
        assert_eq!(seen(&format!("a:{kept}")), 1);
        assert_eq!(
            seen(&format!("a:{dropped}")),
            0,
            "a rolled-back event was delivered"
        );
        // events_probe_b is off for alttpr: its listener did not run.
        assert_eq!(seen(&format!("b:{kept}")), 0);
        assert_eq!(
            statuses(&db).await,
            [
                ("events_probe".to_string(), "delivered".to_string(), 1),
                ("events_probe_b".to_string(), "skipped".to_string(), 1)
            ]
        );
        let (total, waiting) = repo::counts(&db).await.unwrap();
        assert_eq!(waiting, 0);
        assert!(total >= 1);
    }
);

db_test!(
    a_failing_listener_is_retried_then_failed_and_the_others_still_run,
    |db: Db| async move {
        let _ = common::app(&db).await;
        let alttpr = org(&db, "alttpr").await;
        lifecycle::enable(&db, &zelda(&db).await, &alttpr, "events_probe_b")
            .await
            .unwrap();
        let failing = tag(&db, "fail");
        ping(&db, &failing, true).await;
        drain(&db, &fast()).await;
        assert_eq!(seen(&format!("a:{failing}")), 3, "three attempts");
        assert_eq!(
            seen(&format!("b:{failing}")),
            1,
            "the other listener ran once"
        );
        let failed = repo::deliveries(&db, true, 10).await.unwrap();
        let row = failed
            .iter()
            .find(|d| d.plugin_id == "events_probe")
            .expect("a failed delivery is listed");
        assert_eq!(row.attempts, 3);
        assert!(row
            .last_error
            .as_deref()
            .unwrap()
            .contains("fails on purpose"));

        // An administrator retries it: three more attempts.
        let mut write = db.write().await.unwrap();
        assert!(repo::retry(&mut write, row.delivery_id).await.unwrap());
        assert!(
            !repo::retry(&mut write, row.delivery_id).await.unwrap(),
            "only failed ones"
        );
        write.deliveries_due();
        write.commit().await.unwrap();
        drain(&db, &fast()).await;
        assert_eq!(seen(&format!("a:{failing}")), 6);

        // A panicking listener is isolated the same way.
        let panicking = tag(&db, "panic");
        ping(&db, &panicking, true).await;
        drain(&db, &fast()).await;
        let failed = repo::deliveries(&db, true, 10).await.unwrap();
        assert!(failed.iter().any(|d| d
            .last_error
            .as_deref()
            .is_some_and(|e| e.contains("panicked"))));
        assert_eq!(seen(&format!("b:{panicking}")), 1);
    }
);

db_test!(
    a_slow_listener_does_not_hold_back_other_events,
    |db: Db| async move {
        let _ = common::app(&db).await;
        let bus = sahabot_runtime::bus::spawn(db.clone(), fast());
        let slow = tag(&db, "slow");
        ping(&db, &slow, true).await;
        db.outbox().notify_one();
        while seen(&format!("a:{slow}")) == 0 {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        let quick = tag(&db, "quick");
        ping(&db, &quick, true).await;
        db.outbox().notify_one();
        let start = std::time::Instant::now();
        while seen(&format!("a:{quick}")) == 0 && start.elapsed() < Duration::from_secs(5) {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        assert_eq!(seen(&format!("a:{quick}")), 1);
        assert_eq!(
            seen(&format!("a:{slow}:finished")),
            0,
            "the slow one still runs"
        );
        while seen(&format!("a:{slow}:finished")) == 0 && start.elapsed() < Duration::from_secs(5) {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        // Recorded once it ended.
        let start = std::time::Instant::now();
        loop {
            let delivered = statuses(&db)
                .await
                .iter()
                .filter(|(p, s, _)| p == "events_probe" && s == "delivered")
                .count();
            if delivered == 2 || start.elapsed() > Duration::from_secs(5) {
                assert_eq!(delivered, 2);
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        bus.abort();
        assert_eq!(seen(&format!("a:{slow}")), 1, "delivered once");
    }
);

db_test!(
    a_full_bus_goes_on_as_soon_as_a_slot_frees,
    |db: Db| async move {
        let _ = common::app(&db).await;
        let tags: Vec<String> = (0..6).map(|i| tag(&db, &format!("slot{i}"))).collect();
        for t in &tags {
            ping(&db, t, true).await;
        }
        // One slot and a poll longer than the test: only ending deliveries can move it along.
        let settings = BusSettings {
            batch: 1,
            poll: Duration::from_secs(600),
            ..fast()
        };
        let bus = sahabot_runtime::bus::spawn(db.clone(), settings);
        db.outbox().notify_one();
        let start = std::time::Instant::now();
        while tags.iter().any(|t| seen(&format!("a:{t}")) == 0)
            && start.elapsed() < Duration::from_secs(20)
        {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        bus.abort();
        for t in &tags {
            assert_eq!(seen(&format!("a:{t}")), 1, "{t}");
        }
    }
);

db_test!(undelivered_events_survive_a_restart, |db: Db| async move {
    let _ = common::app(&db).await;
    let waiting = tag(&db, "restart");
    ping(&db, &waiting, true).await;
    // Another handle on the same database: a new process after a crash.
    let restarted = Db::connect(db.url()).await.unwrap();
    drain(&restarted, &fast()).await;
    assert_eq!(seen(&format!("a:{waiting}")), 1);
});

db_test!(two_instances_deliver_each_event_once, |db: Db| async move {
    let _ = common::app(&db).await;
    let tags: Vec<String> = (0..40).map(|i| tag(&db, &format!("pair{i}"))).collect();
    for t in &tags {
        ping(&db, t, true).await;
    }
    let other = Db::connect(db.url()).await.unwrap();
    let settings = BusSettings { batch: 4, ..fast() };
    tokio::join!(drain(&db, &settings), drain(&other, &settings));
    for t in &tags {
        assert_eq!(seen(&format!("a:{t}")), 1, "{t}");
    }
});

db_test!(an_expired_lease_is_taken_over, |db: Db| async move {
    let _ = common::app(&db).await;
    let leased = tag(&db, "lease");
    ping(&db, &leased, true).await;
    repo::fan_out(&db, 100, |_| vec!["events_probe"])
        .await
        .unwrap();
    // An instance claims it and dies without finishing.
    let first = repo::claim(&db, 100, 100).await.unwrap();
    let mine = first
        .iter()
        .find(|c| c.payload.contains(&leased))
        .expect("claimed");
    assert_eq!(mine.attempt, 1);
    let meanwhile = repo::claim(&db, 100, 100).await.unwrap();
    assert!(meanwhile.iter().all(|c| c.delivery_id != mine.delivery_id));
    tokio::time::sleep(Duration::from_millis(150)).await;
    let later = repo::claim(&db, 100, 100).await.unwrap();
    let taken = later
        .iter()
        .find(|c| c.delivery_id == mine.delivery_id)
        .expect("taken over after the lease");
    assert_eq!(taken.attempt, 2);
});

db_test!(
    the_administration_lists_failed_deliveries_and_retries_them,
    |db: Db| async move {
        use leptos::server_fn::ServerFn;
        use sahabot_app::server_fns as sf;
        let mut superadmin = common::browser_as(&db, Some("Synack")).await;
        let failing = tag(&db, "fail-admin");
        ping(&db, &failing, true).await;
        drain(&db, &fast()).await;

        let answer = superadmin
            .post_form(sf::EventsOverviewData::PATH, "", "same-origin")
            .await;
        assert_eq!(answer.status, axum::http::StatusCode::OK, "{}", answer.body);
        let overview: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
        let failed = overview["failed"].as_array().unwrap();
        let row = failed
            .iter()
            .find(|d| d["plugin_id"] == "events_probe")
            .expect("listed");
        assert_eq!(row["organization"], "ALTTPR Community");
        assert_eq!(row["attempts"], 3);
        let id = row["delivery_id"].as_i64().unwrap();

        // An org admin sees none of it and cannot retry.
        let mut admin = common::browser_as(&db, Some("Zelda Speedster")).await;
        let refused = admin
            .post_form(
                sf::RetryDelivery::PATH,
                &format!("delivery_id={id}"),
                "same-origin",
            )
            .await;
        assert_eq!(refused.status, axum::http::StatusCode::FORBIDDEN);

        let retried = superadmin
            .post_form(
                sf::RetryDelivery::PATH,
                &format!("delivery_id={id}"),
                "same-origin",
            )
            .await;
        assert_eq!(
            retried.status,
            axum::http::StatusCode::OK,
            "{}",
            retried.body
        );
        let again = superadmin
            .post_form(
                sf::RetryDelivery::PATH,
                &format!("delivery_id={id}"),
                "same-origin",
            )
            .await;
        assert_eq!(
            again.status,
            axum::http::StatusCode::CONFLICT,
            "{}",
            again.body
        );
        drain(&db, &fast()).await;
        assert_eq!(seen(&format!("a:{failing}")), 6);
    }
);

db_test!(
    the_core_writes_its_events_with_the_change,
    |db: Db| async move {
        let _ = common::app(&db).await;
        let org_id = sahabot_core::repo::orgs::create(&db, "evt-org", "Events Org", "")
            .await
            .unwrap();
        let user = common::demo_user_id(&db, "Boots First").await;
        sahabot_core::repo::members::add(&db, org_id, user)
            .await
            .unwrap();
        // A refused change writes no event.
        assert!(sahabot_core::repo::members::add(&db, org_id, user)
            .await
            .is_err());
        let types: Vec<(String, String)> = sqlx::query_as(
            "SELECT event_type, payload FROM events WHERE organization_id = $1 ORDER BY id",
        )
        .bind(org_id)
        .fetch_all(db.pool())
        .await
        .unwrap();
        let names: Vec<&str> = types.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(names, ["core.organization_created", "core.member_joined"]);
        assert!(types[1].1.contains(&format!("\"user_id\":{user}")));

        db.change(async |w| sahabot_core::repo::members::remove(w, org_id, user).await)
            .await
            .unwrap();
        let last: String = sqlx::query_scalar(
            "SELECT event_type FROM events WHERE organization_id = $1 ORDER BY id DESC LIMIT 1",
        )
        .bind(org_id)
        .fetch_one(db.pool())
        .await
        .unwrap();
        assert_eq!(last, "core.member_left");

        // Events of the platform: a new user (heard by a listener, without an organization),
        // an installation and an uninstallation.
        let name = tag(&db, "Newcomer");
        sahabot_core::repo::users::create(
            &db,
            &sahabot_core::repo::users::NewUser {
                display_name: &name,
                discord_id: None,
                discord_username: None,
                pronouns: None,
                permission: sahabot_core::model::Permission::User,
            },
        )
        .await
        .unwrap();
        let root = Actor {
            user_id: common::demo_user_id(&db, "Synack").await,
            ip: None,
        };
        lifecycle::install(&db, &root, "links").await.unwrap();
        lifecycle::uninstall(&db, &root, "links").await.unwrap();
        let platform: Vec<String> = sqlx::query_scalar(
            "SELECT event_type FROM events WHERE organization_id IS NULL ORDER BY id",
        )
        .fetch_all(db.pool())
        .await
        .unwrap();
        for expected in [
            "core.user_created",
            "core.plugin_installed",
            "core.plugin_uninstalled",
        ] {
            assert!(
                platform.iter().any(|t| t == expected),
                "{expected} in {platform:?}"
            );
        }
        drain(&db, &fast()).await;
        assert_eq!(seen(&format!("user:{name}")), 1);
    }
);
