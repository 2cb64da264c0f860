//! Async qualifiers through the REST API, on SQLite and PostgreSQL: qualifiers, pools and
//! permalinks; a run from the point of no return to its score; every refusal of the run flow;
//! scoring and the leaderboard with hand-computed expectations; review; two finishes at once;
//! the timeout task; hidden results; the run flow in Discord (`discord`). Every refusal
//! changes nothing.

#![allow(clippy::unwrap_used, clippy::panic)]

mod common;
#[path = "async_qualifier/discord.rs"]
mod discord;

use axum::http::StatusCode;
use common::plugin_api::Api;
use sahabot_core::db::Db;
use sahabot_core::db_test;
use sahabot_core::repo::tasks;
use sahabot_runtime::scheduler;
use serde_json::{json, Value};

const BASE: &str = "/api/plugins/async_qualifier/organizations/alttpr";
const MIN: i64 = 60_000;
const ORGANIZER: &str = "Zelda Speedster";
const REVIEWER: &str = "Pendant Hunter";

async fn count(db: &Db, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(db.pool()).await.unwrap()
}

/// Moves a run's clock `ms` into the past, as if that much time had gone by.
async fn age(db: &Db, run: i64, ms: i64) {
    sqlx::query(
        "UPDATE async_runs SET revealed_at = revealed_at - $1,
            started_at = started_at - $1, extended_until = extended_until - $1 WHERE id = $2",
    )
    .bind(ms)
    .bind(run)
    .execute(db.pool())
    .await
    .unwrap();
}

fn id(v: &Value) -> i64 {
    v["id"].as_i64().unwrap()
}

/// A qualifier with pools `pools`, each with `permalinks` permalinks; its id and its pools'.
async fn qualifier(
    api: &mut Api,
    body: Value,
    pools: &[&str],
    permalinks: usize,
) -> (i64, Vec<i64>) {
    let q = id(&api.ok(ORGANIZER, "POST", "/qualifiers", Some(body)).await);
    let mut ids = Vec::new();
    for name in pools {
        let pool = id(&api
            .ok(
                ORGANIZER,
                "POST",
                &format!("/qualifiers/{q}/pools"),
                Some(json!({"name": name})),
            )
            .await);
        for i in 0..permalinks {
            api.ok(
                ORGANIZER,
                "POST",
                &format!("/qualifiers/{q}/pools/{pool}/permalinks"),
                Some(
                    json!({"url": format!("https://alttpr.com/h/{name}{i}"), "notes": "Standard"}),
                ),
            )
            .await;
        }
        ids.push(pool);
    }
    (q, ids)
}

/// `who` runs pool `pool` to the finish line; the run's id.
async fn finished_run(api: &mut Api, db: &Db, who: &str, q: i64, pool: i64) -> i64 {
    let run = id(&api
        .ok(
            who,
            "POST",
            &format!("/qualifiers/{q}/runs"),
            Some(json!({"pool_id": pool})),
        )
        .await);
    api.ok(who, "POST", &format!("/runs/{run}/ready"), None)
        .await;
    age(db, run, 20_000).await;
    api.ok(who, "POST", &format!("/runs/{run}/finish"), None)
        .await;
    run
}

/// The reviewer accepts `run` as having lasted `minutes`.
async fn timed(api: &mut Api, run: i64, minutes: i64) {
    let reviewer = if api.id(REVIEWER) == run_owner(api, run).await {
        ORGANIZER
    } else {
        REVIEWER
    };
    api.ok(
        reviewer,
        "PUT",
        &format!("/runs/{run}/review"),
        Some(json!({"accept": true, "elapsed_ms": minutes * MIN})),
    )
    .await;
}

async fn run_owner(api: &mut Api, run: i64) -> i64 {
    api.ok(ORGANIZER, "GET", &format!("/runs/{run}"), None)
        .await["user_id"]
        .as_i64()
        .unwrap()
}

/// The leaderboard as (name, place, score, estimate, finished, forfeited).
async fn board(api: &mut Api, q: i64) -> Vec<(String, i64, f64, f64, i64, i64)> {
    let lines = api
        .ok(
            ORGANIZER,
            "GET",
            &format!("/qualifiers/{q}/leaderboard"),
            None,
        )
        .await;
    lines
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["display_name"].as_str().unwrap().to_owned(),
                l["place"].as_i64().unwrap(),
                l["score"].as_f64().unwrap(),
                l["estimate"].as_f64().unwrap(),
                l["finished"].as_i64().unwrap(),
                l["forfeited"].as_i64().unwrap(),
            )
        })
        .collect()
}

db_test!(
    qualifiers_pools_and_permalinks_are_checked_and_kept,
    |db: Db| async move {
        let mut api = Api::new(&db, BASE).await;
        let bad = [
            (json!({"name": " "}), "name: may not be blank"),
            (
                json!({"name": "Q", "runs_per_pool": 0}),
                "runs_per_pool: must be between 1 and 20",
            ),
            (
                json!({"name": "Q", "max_reattempts": -1}),
                "max_reattempts: must be between 0 and 100",
            ),
            (
                json!({"name": "Q", "opens_at": 1_800_000_000_000_i64, "closes_at": 1_700_000_000_000_i64}),
                "closes_at: cannot close before it opens",
            ),
        ];
        for (body, words) in bad {
            api.refused(
                ORGANIZER,
                "POST",
                "/qualifiers",
                Some(body),
                StatusCode::BAD_REQUEST,
                words,
            )
            .await;
        }
        let (status, _) = api
            .call(
                Some("Boots First"),
                "POST",
                "/qualifiers",
                Some(json!({"name": "Q"})),
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_eq!(count(&db, "SELECT COUNT(*) FROM async_qualifiers").await, 0);

        let (q, pools) = qualifier(
            &mut api,
            json!({"name": "Spring Qualifier", "runs_per_pool": 1}),
            &["Standard", "Open"],
            2,
        )
        .await;
        api.refused(
            ORGANIZER,
            "POST",
            "/qualifiers",
            Some(json!({"name": "Spring Qualifier"})),
            StatusCode::CONFLICT,
            "exists already",
        )
        .await;
        api.refused(
            ORGANIZER,
            "POST",
            &format!("/qualifiers/{q}/pools"),
            Some(json!({"name": "Open"})),
            StatusCode::CONFLICT,
            "a pool named `Open` exists already",
        )
        .await;
        let add = format!("/qualifiers/{q}/pools/{}/permalinks", pools[0]);
        for (body, words) in [
            (
                json!({"url": "alttpr.com/h/x"}),
                "url: must be a web address",
            ),
            (
                json!({"notes": "no address"}),
                "give either a url, or a randomizer and a preset",
            ),
            (
                json!({"randomizer": "links", "preset": "x"}),
                "`links` is not a randomizer enabled here",
            ),
        ] {
            api.refused(
                ORGANIZER,
                "POST",
                &add,
                Some(body),
                StatusCode::BAD_REQUEST,
                words,
            )
            .await;
        }
        assert_eq!(count(&db, "SELECT COUNT(*) FROM async_permalinks").await, 4);

        // Anyone sees the pools; the permalinks' addresses only organizers and reviewers.
        let (status, listed) = api
            .call(None, "GET", &format!("/qualifiers/{q}/pools"), None)
            .await;
        assert_eq!(status, StatusCode::OK);
        let names: Vec<&str> = listed
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["Open", "Standard"]);
        let (_, seen) = api
            .call(
                Some("Boots First"),
                "GET",
                &format!("/qualifiers/{q}/permalinks"),
                None,
            )
            .await;
        assert!(
            seen.as_array().unwrap().iter().all(|p| p["url"] == ""),
            "{seen}"
        );
        let seen = api
            .ok(
                REVIEWER,
                "GET",
                &format!("/qualifiers/{q}/permalinks"),
                None,
            )
            .await;
        assert!(
            seen[0]["url"].as_str().unwrap().starts_with("https://"),
            "{seen}"
        );

        // Once run, a pool, its permalink and the qualifier are kept.
        let run = finished_run(&mut api, &db, "Boots First", q, pools[0]).await;
        let ran = api
            .ok(ORGANIZER, "GET", &format!("/runs/{run}"), None)
            .await;
        let permalink = ran["permalink_id"].as_i64().unwrap();
        for (method, path, words) in [
            (
                "DELETE",
                format!("/qualifiers/{q}/pools/{}", pools[0]),
                "has runs",
            ),
            (
                "DELETE",
                format!("/qualifiers/{q}/permalinks/{permalink}"),
                "has been run",
            ),
            (
                "DELETE",
                format!("/qualifiers/{q}"),
                "mark it inactive instead",
            ),
        ] {
            api.refused(ORGANIZER, method, &path, None, StatusCode::CONFLICT, words)
                .await;
        }
        api.refused(
            ORGANIZER,
            "PUT",
            &format!("/qualifiers/{q}/permalinks/{permalink}"),
            Some(json!({"url": "https://alttpr.com/h/other"})),
            StatusCode::CONFLICT,
            "its address is kept",
        )
        .await;
        api.ok(
            ORGANIZER,
            "PUT",
            &format!("/qualifiers/{q}/permalinks/{permalink}"),
            Some(json!({"url": ran["permalink_url"], "notes": "Boots only"})),
        )
        .await;
        // A pool nobody ran goes, with its permalinks.
        api.ok(
            ORGANIZER,
            "DELETE",
            &format!("/qualifiers/{q}/pools/{}", pools[1]),
            None,
        )
        .await;
        assert_eq!(count(&db, "SELECT COUNT(*) FROM async_permalinks").await, 2);
    }
);

db_test!(
    a_racer_runs_a_permalink_and_every_refusal_changes_nothing,
    |db: Db| async move {
        let mut api = Api::new(&db, BASE).await;
        let (q, pools) = qualifier(
            &mut api,
            json!({"name": "Q", "runs_per_pool": 1}),
            &["A", "B"],
            1,
        )
        .await;
        let boots = "Boots First";
        let start = format!("/qualifiers/{q}/runs");
        // Not a member of this organization.
        api.refused(
            "Kraid Cruncher",
            "POST",
            &start,
            Some(json!({"pool_id": pools[0]})),
            StatusCode::FORBIDDEN,
            "only this organization's members",
        )
        .await;
        let run = id(&api
            .ok(boots, "POST", &start, Some(json!({"pool_id": pools[0]})))
            .await);
        let shown = api.ok(boots, "GET", &format!("/runs/{run}"), None).await;
        assert_eq!(shown["status"], "pending");
        assert_eq!(shown["permalink_url"], "https://alttpr.com/h/A0");
        // Another racer does not see Boots's seed.
        let (_, other) = api
            .call(Some("Mirror Shield"), "GET", &format!("/runs/{run}"), None)
            .await;
        assert!(other["permalink_url"].is_null(), "{other}");
        // One run at a time.
        api.refused(
            boots,
            "POST",
            &start,
            Some(json!({"pool_id": pools[1]})),
            StatusCode::CONFLICT,
            "you have a run going already",
        )
        .await;
        api.refused(
            boots,
            "POST",
            &format!("/runs/{run}/finish"),
            None,
            StatusCode::CONFLICT,
            "get ready first",
        )
        .await;
        api.refused(
            "Mirror Shield",
            "POST",
            &format!("/runs/{run}/ready"),
            None,
            StatusCode::FORBIDDEN,
            "only the run's racer",
        )
        .await;
        api.ok(boots, "POST", &format!("/runs/{run}/ready"), None)
            .await;
        api.refused(
            boots,
            "POST",
            &format!("/runs/{run}/finish"),
            None,
            StatusCode::CONFLICT,
            "the countdown has not ended",
        )
        .await;
        age(&db, run, 30 * MIN).await;
        let done = api
            .ok(boots, "POST", &format!("/runs/{run}/finish"), None)
            .await;
        assert_eq!(done["status"], "finished");
        let shown = api.ok(boots, "GET", &format!("/runs/{run}"), None).await;
        let elapsed = shown["elapsed_ms"].as_i64().unwrap();
        assert!(
            (30 * MIN - 10_000..30 * MIN).contains(&elapsed),
            "{elapsed}"
        );
        // Alone on the permalink, the finish sets its par and scores 100.
        assert_eq!(shown["score"], 100.0);
        api.refused(
            boots,
            "POST",
            &format!("/runs/{run}/forfeit"),
            None,
            StatusCode::CONFLICT,
            "the run is over",
        )
        .await;
        // No runs left in pool A; pool B's only permalink is fine.
        api.refused(
            boots,
            "POST",
            &start,
            Some(json!({"pool_id": pools[0]})),
            StatusCode::CONFLICT,
            "no runs left in `A`",
        )
        .await;
        let choices = api
            .ok(boots, "GET", &format!("/qualifiers/{q}/choices"), None)
            .await;
        let left: Vec<(String, i64)> = choices
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["pool"]["name"].as_str().unwrap().to_owned(),
                    c["runs_left"].as_i64().unwrap(),
                )
            })
            .collect();
        assert_eq!(left, [("A".to_owned(), 0), ("B".to_owned(), 1)]);

        // Afterwards: a VOD (a web address) and notes; a flag needs a reason.
        api.refused(
            boots,
            "PUT",
            &format!("/runs/{run}/submission"),
            Some(json!({"vod_url": "twitch"})),
            StatusCode::BAD_REQUEST,
            "vod_url: must be a web address",
        )
        .await;
        api.ok(
            boots,
            "PUT",
            &format!("/runs/{run}/submission"),
            Some(json!({"vod_url": "https://twitch.tv/v/1", "notes": "Clean run"})),
        )
        .await;
        api.refused(
            boots,
            "PUT",
            &format!("/runs/{run}/flag"),
            Some(json!({"reason": " "})),
            StatusCode::BAD_REQUEST,
            "reason: may not be blank",
        )
        .await;
        api.ok(
            boots,
            "PUT",
            &format!("/runs/{run}/flag"),
            Some(json!({"reason": "Timer started late"})),
        )
        .await;
        let shown = api.ok(boots, "GET", &format!("/runs/{run}"), None).await;
        assert_eq!(shown["vod_url"], "https://twitch.tv/v/1");
        assert_eq!(shown["flag_reason"], "Timer started late");

        // A closed qualifier takes no new runs.
        api.ok(
            ORGANIZER,
            "PUT",
            &format!("/qualifiers/{q}"),
            Some(json!({"name": "Q", "is_active": false})),
        )
        .await;
        api.refused(
            boots,
            "POST",
            &start,
            Some(json!({"pool_id": pools[1]})),
            StatusCode::CONFLICT,
            "`Q` is not active",
        )
        .await;
        assert_eq!(count(&db, "SELECT COUNT(*) FROM async_runs").await, 1);
        let kinds: Vec<String> = sqlx::query_scalar(
            "SELECT event_type FROM events WHERE event_type LIKE 'async_qualifier.%' ORDER BY id",
        )
        .fetch_all(db.pool())
        .await
        .unwrap();
        assert_eq!(
            kinds,
            [
                "async_qualifier.run_started",
                "async_qualifier.run_finished",
                "async_qualifier.review_requested"
            ]
        );
    }
);

db_test!(
    the_leaderboard_follows_the_scoring_rules,
    |db: Db| async move {
        // Pool A (permalink a0): Boots 90 min, Mirror 110 → par 100: Boots 105 (110 capped), Mirror
        // 90. Pool B (b0, b1): Boots 100 on b0, Zelda 60 on b0 → par 80: Boots 75, Zelda 105; Mirror
        // forfeits b1... then reattempts it (one allowed) and finishes b-other in 80 alone: 100.
        let mut api = Api::new(&db, BASE).await;
        let (q, pools) = qualifier(
            &mut api,
            json!({"name": "Q", "runs_per_pool": 1, "max_reattempts": 1}),
            &["A"],
            1,
        )
        .await;
        let pool_b = id(&api
            .ok(
                ORGANIZER,
                "POST",
                &format!("/qualifiers/{q}/pools"),
                Some(json!({"name": "B"})),
            )
            .await);
        api.ok(
            ORGANIZER,
            "POST",
            &format!("/qualifiers/{q}/pools/{pool_b}/permalinks"),
            Some(json!({"url": "https://alttpr.com/h/b0"})),
        )
        .await;
        let (a, b) = (pools[0], pool_b);
        let boots_a = finished_run(&mut api, &db, "Boots First", q, a).await;
        let mirror_a = finished_run(&mut api, &db, "Mirror Shield", q, a).await;
        let boots_b = finished_run(&mut api, &db, "Boots First", q, b).await;
        let zelda_b = finished_run(&mut api, &db, ORGANIZER, q, b).await;
        for (run, minutes) in [
            (boots_a, 90),
            (mirror_a, 110),
            (boots_b, 100),
            (zelda_b, 60),
        ] {
            timed(&mut api, run, minutes).await;
        }
        // Mirror takes pool B's only permalink and forfeits it.
        let mirror_b = id(&api
            .ok(
                "Mirror Shield",
                "POST",
                &format!("/qualifiers/{q}/runs"),
                Some(json!({"pool_id": b})),
            )
            .await);
        api.ok(
            "Mirror Shield",
            "POST",
            &format!("/runs/{mirror_b}/forfeit"),
            None,
        )
        .await;
        assert_eq!(
            board(&mut api, q).await,
            [
                ("Boots First".to_owned(), 1, 90.0, 90.0, 2, 0),
                ("Zelda Speedster".to_owned(), 2, 52.5, 105.0, 1, 0),
                ("Mirror Shield".to_owned(), 3, 45.0, 90.0, 1, 1),
            ]
        );
        let permalinks = api
            .ok(
                ORGANIZER,
                "GET",
                &format!("/qualifiers/{q}/permalinks"),
                None,
            )
            .await;
        let pars: Vec<i64> = permalinks
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["par_ms"].as_i64().unwrap())
            .collect();
        assert_eq!(pars, [100 * MIN, 80 * MIN]);

        // Mirror sets the forfeit aside and runs B again, on a new permalink (the only one
        // they have not run), alone on it: 100. The reattempt no longer counts.
        api.refused(
            "Mirror Shield",
            "POST",
            &format!("/qualifiers/{q}/runs"),
            Some(json!({"pool_id": b})),
            StatusCode::CONFLICT,
            "no runs left in `B`",
        )
        .await;
        api.ok(
            "Mirror Shield",
            "POST",
            &format!("/runs/{mirror_b}/reattempt"),
            None,
        )
        .await;
        api.refused(
            "Mirror Shield",
            "POST",
            &format!("/qualifiers/{q}/runs"),
            Some(json!({"pool_id": b})),
            StatusCode::CONFLICT,
            "you have run every permalink of `B`",
        )
        .await;
        api.ok(
            ORGANIZER,
            "POST",
            &format!("/qualifiers/{q}/pools/{b}/permalinks"),
            Some(json!({"url": "https://alttpr.com/h/b1"})),
        )
        .await;
        let again = finished_run(&mut api, &db, "Mirror Shield", q, b).await;
        timed(&mut api, again, 80).await;
        assert_eq!(
            board(&mut api, q).await,
            [
                ("Mirror Shield".to_owned(), 1, 95.0, 95.0, 2, 0),
                ("Boots First".to_owned(), 2, 90.0, 90.0, 2, 0),
                ("Zelda Speedster".to_owned(), 3, 52.5, 105.0, 1, 0),
            ]
        );
        // One reattempt was allowed.
        api.refused(
            "Mirror Shield",
            "POST",
            &format!("/runs/{again}/reattempt"),
            None,
            StatusCode::CONFLICT,
            "allows 1 reattempts and you have used them",
        )
        .await;
        // Rescoring on demand changes nothing: the scores were kept up to date.
        let before = board(&mut api, q).await;
        api.ok(ORGANIZER, "POST", &format!("/qualifiers/{q}/rescore"), None)
            .await;
        assert_eq!(board(&mut api, q).await, before);
        // A disqualification scores 0: Zelda drops to (0 + 0) / 2.
        api.ok(
            ORGANIZER,
            "POST",
            &format!("/runs/{zelda_b}/disqualify"),
            None,
        )
        .await;
        let after = board(&mut api, q).await;
        assert_eq!(after[2], ("Zelda Speedster".to_owned(), 3, 0.0, 0.0, 0, 0));
    }
);

db_test!(
    reviewers_review_others_finished_runs_and_a_time_override_rescores,
    |db: Db| async move {
        let mut api = Api::new(&db, BASE).await;
        let (q, pools) = qualifier(&mut api, json!({"name": "Q"}), &["A"], 2).await;
        let boots = finished_run(&mut api, &db, "Boots First", q, pools[0]).await;
        let reviewer_run = id(&api
            .ok(
                REVIEWER,
                "POST",
                &format!("/qualifiers/{q}/runs"),
                Some(json!({"pool_id": pools[0]})),
            )
            .await);
        // Only reviewers see the queue; a reviewer's own run is not in it.
        let (status, _) = api
            .call(
                Some("Boots First"),
                "GET",
                &format!("/qualifiers/{q}/review-queue"),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let queue = api
            .ok(
                REVIEWER,
                "GET",
                &format!("/qualifiers/{q}/review-queue"),
                None,
            )
            .await;
        let ids: Vec<i64> = queue.as_array().unwrap().iter().map(id).collect();
        assert_eq!(ids, [boots]);
        let review = |run: i64| format!("/runs/{run}/review");
        api.refused(
            REVIEWER,
            "PUT",
            &review(reviewer_run),
            Some(json!({"accept": true})),
            StatusCode::CONFLICT,
            "nobody reviews their own run",
        )
        .await;
        api.refused(
            ORGANIZER,
            "PUT",
            &review(reviewer_run),
            Some(json!({"accept": true})),
            StatusCode::CONFLICT,
            "only a finished run is reviewed",
        )
        .await;
        api.refused(
            REVIEWER,
            "PUT",
            &review(boots),
            Some(json!({"accept": true, "elapsed_ms": 0})),
            StatusCode::BAD_REQUEST,
            "elapsed_ms: must be a time",
        )
        .await;
        let (status, _) = api
            .call(
                Some("Mirror Shield"),
                "PUT",
                &review(boots),
                Some(json!({"accept": true})),
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);

        // Rejected: it waits for a second review, still in the queue.
        api.ok(
            REVIEWER,
            "PUT",
            &review(boots),
            Some(json!({"accept": false, "notes": "Timer not visible"})),
        )
        .await;
        let shown = api
            .ok("Boots First", "GET", &format!("/runs/{boots}"), None)
            .await;
        assert_eq!(shown["review"], "rejected");
        assert_eq!(shown["reviewer_notes"], "Timer not visible");
        assert_eq!(shown["reviewed_by"], REVIEWER);
        let queue = api
            .ok(
                ORGANIZER,
                "GET",
                &format!("/qualifiers/{q}/review-queue"),
                None,
            )
            .await;
        assert_eq!(queue.as_array().unwrap().len(), 1);
        // Accepted with a corrected time: the elapsed time follows and the queue empties.
        api.ok(
            ORGANIZER,
            "PUT",
            &review(boots),
            Some(json!({"accept": true, "elapsed_ms": 95 * MIN})),
        )
        .await;
        let shown = api
            .ok("Boots First", "GET", &format!("/runs/{boots}"), None)
            .await;
        assert_eq!(shown["review"], "accepted");
        assert_eq!(shown["elapsed_ms"], 95 * MIN);
        let queue = api
            .ok(
                ORGANIZER,
                "GET",
                &format!("/qualifiers/{q}/review-queue"),
                None,
            )
            .await;
        assert!(queue.as_array().unwrap().is_empty());
        let kinds: Vec<String> = sqlx::query_scalar(
            "SELECT event_type FROM events WHERE event_type LIKE 'async_qualifier.run_%ed' ORDER BY id",
        )
        .fetch_all(db.pool())
        .await
        .unwrap();
        assert_eq!(
            kinds,
            [
                "async_qualifier.run_started",
                "async_qualifier.run_finished",
                "async_qualifier.run_started",
                "async_qualifier.run_rejected",
                "async_qualifier.run_accepted"
            ]
        );
    }
);

db_test!(
    two_racers_finishing_at_once_both_count,
    |db: Db| async move {
        let mut api = Api::new(&db, BASE).await;
        let mut other = Api::new(&db, BASE).await;
        let (q, pools) = qualifier(&mut api, json!({"name": "Q"}), &["A"], 1).await;
        let mut runs = Vec::new();
        for who in ["Boots First", "Mirror Shield"] {
            let run = id(&api
                .ok(
                    who,
                    "POST",
                    &format!("/qualifiers/{q}/runs"),
                    Some(json!({"pool_id": pools[0]})),
                )
                .await);
            api.ok(who, "POST", &format!("/runs/{run}/ready"), None)
                .await;
            runs.push(run);
        }
        age(&db, runs[0], 90 * MIN).await;
        age(&db, runs[1], 110 * MIN).await;
        let boots = format!("/runs/{}/finish", runs[0]);
        let mirror = format!("/runs/{}/finish", runs[1]);
        let (a, b) = tokio::join!(
            api.call(Some("Boots First"), "POST", &boots, None),
            other.call(Some("Mirror Shield"), "POST", &mirror, None),
        );
        assert_eq!((a.0, b.0), (StatusCode::OK, StatusCode::OK), "{a:?} {b:?}");
        // The par is both finishes' mean (about 100 minutes), whichever committed first.
        let permalinks = api
            .ok(
                ORGANIZER,
                "GET",
                &format!("/qualifiers/{q}/permalinks"),
                None,
            )
            .await;
        let par = permalinks[0]["par_ms"].as_i64().unwrap();
        assert!((par - 100 * MIN).abs() < MIN, "{par}");
        let scores = board(&mut api, q).await;
        api.ok(ORGANIZER, "POST", &format!("/qualifiers/{q}/rescore"), None)
            .await;
        assert_eq!(board(&mut api, q).await, scores);
        assert_eq!(scores.len(), 2);
    }
);

/// Runs the plugin's task `key` for the ALTTPR community now, as the scheduler does.
async fn run_task(db: &Db, key: &str) {
    run_task_with(db, key, &Default::default()).await;
}

/// The same, with the host's services (the Discord bot).
async fn run_task_with(db: &Db, key: &str, services: &sahabot_sdk::runtime_kinds::Services) {
    scheduler::declare_tasks(db).await.unwrap();
    let row = tasks::list(db, None)
        .await
        .unwrap()
        .into_iter()
        .find(|t| {
            t.builtin
                && t.task_key == key
                && t.organization.as_ref().map(|o| o.0.as_str()) == Some("alttpr")
        })
        .unwrap_or_else(|| panic!("no task {key}"));
    db.change(async |w| tasks::run_now(w, row.id).await)
        .await
        .unwrap();
    scheduler::run_once(db, &scheduler::SchedulerSettings::default(), services)
        .await
        .unwrap();
}

db_test!(
    the_timeout_task_forfeits_overdue_runs_once,
    |db: Db| async move {
        let mut api = Api::new(&db, BASE).await;
        let (q, pools) = qualifier(&mut api, json!({"name": "Q"}), &["A"], 3).await;
        let start = format!("/qualifiers/{q}/runs");
        let body = Some(json!({"pool_id": pools[0]}));
        let pending = id(&api.ok("Boots First", "POST", &start, body.clone()).await);
        let extended = id(&api.ok("Mirror Shield", "POST", &start, body.clone()).await);
        let running = id(&api.ok(ORGANIZER, "POST", &start, body.clone()).await);
        api.ok(ORGANIZER, "POST", &format!("/runs/{running}/ready"), None)
            .await;
        api.refused(
            "Boots First",
            "POST",
            &format!("/runs/{extended}/extend"),
            Some(json!({"minutes": 30})),
            StatusCode::FORBIDDEN,
            "",
        )
        .await;
        api.refused(
            ORGANIZER,
            "POST",
            &format!("/runs/{extended}/extend"),
            Some(json!({"minutes": 0})),
            StatusCode::BAD_REQUEST,
            "minutes: must be between 1 and 240",
        )
        .await;
        api.ok(
            ORGANIZER,
            "POST",
            &format!("/runs/{extended}/extend"),
            Some(json!({"minutes": 30})),
        )
        .await;
        api.refused(
            ORGANIZER,
            "POST",
            &format!("/runs/{running}/extend"),
            Some(json!({"minutes": 30})),
            StatusCode::CONFLICT,
            "has not started",
        )
        .await;
        // 21 minutes later the plain pending run is due; the extended one is not. The running
        // one is due after 12 hours.
        for run in [pending, extended] {
            age(&db, run, 21 * MIN).await;
        }
        age(&db, running, 12 * 60 * MIN + MIN).await;
        run_task(&db, "run_timeouts").await;
        let status = |run: i64| format!("SELECT status FROM async_runs WHERE id = {run}");
        let statuses = [
            sqlx::query_scalar::<_, String>(&status(pending))
                .fetch_one(db.pool())
                .await
                .unwrap(),
            sqlx::query_scalar::<_, String>(&status(extended))
                .fetch_one(db.pool())
                .await
                .unwrap(),
            sqlx::query_scalar::<_, String>(&status(running))
                .fetch_one(db.pool())
                .await
                .unwrap(),
        ];
        assert_eq!(statuses, ["forfeit", "pending", "forfeit"]);
        run_task(&db, "run_timeouts").await;
        let forfeits = count(
            &db,
            "SELECT COUNT(*) FROM events WHERE event_type = 'async_qualifier.run_forfeited'",
        )
        .await;
        assert_eq!(forfeits, 2, "each run is forfeited once");
        // A forfeit scores 0 and counts on the leaderboard.
        let shown = api
            .ok("Boots First", "GET", &format!("/runs/{pending}"), None)
            .await;
        assert_eq!(shown["score"], 0.0);
    }
);

db_test!(
    hidden_results_wait_for_the_end_except_for_organizers,
    |db: Db| async move {
        let mut api = Api::new(&db, BASE).await;
        let (q, pools) = qualifier(
            &mut api,
            json!({"name": "Q", "hide_results": true}),
            &["A"],
            2,
        )
        .await;
        let boots = finished_run(&mut api, &db, "Boots First", q, pools[0]).await;
        let mirror = finished_run(&mut api, &db, "Mirror Shield", q, pools[0]).await;
        let path = format!("/qualifiers/{q}/leaderboard");
        let (status, answer) = api.call(Some("Boots First"), "GET", &path, None).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{answer}");
        assert!(
            answer
                .to_string()
                .contains("shows its results when it closes"),
            "{answer}"
        );
        let (status, _) = api.call(None, "GET", &path, None).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        // A racer sees their own time but no score; nobody else's time.
        let own = api
            .ok("Boots First", "GET", &format!("/runs/{boots}"), None)
            .await;
        assert!(
            own["elapsed_ms"].is_i64() && own["score"].is_null(),
            "{own}"
        );
        let theirs = api
            .ok("Boots First", "GET", &format!("/runs/{mirror}"), None)
            .await;
        assert!(
            theirs["elapsed_ms"].is_null() && theirs["score"].is_null(),
            "{theirs}"
        );
        // Organizers and reviewers see everything; once closed, everyone does.
        assert_eq!(board(&mut api, q).await.len(), 2);
        api.ok(
            ORGANIZER,
            "PUT",
            &format!("/qualifiers/{q}"),
            Some(json!({"name": "Q", "hide_results": true, "is_active": false})),
        )
        .await;
        let (status, _) = api.call(None, "GET", &path, None).await;
        assert_eq!(status, StatusCode::OK);
        let theirs = api
            .ok("Boots First", "GET", &format!("/runs/{mirror}"), None)
            .await;
        assert!(theirs["score"].is_f64(), "{theirs}");
    }
);

db_test!(demo_mode_shows_a_scored_qualifier, |db: Db| async move {
    let mut api = Api::new(&db, BASE).await;
    assert_eq!(
        sahabot_runtime::demo::fill(&db).await.unwrap(),
        Vec::<String>::new()
    );
    let (_, listed) = api.call(None, "GET", "/qualifiers", None).await;
    assert_eq!(listed[0]["name"], "Spring Qualifier", "{listed}");
    let q = id(&listed[0]);
    let (status, lines) = api
        .call(None, "GET", &format!("/qualifiers/{q}/leaderboard"), None)
        .await;
    assert_eq!(status, StatusCode::OK, "{lines}");
    let lines = lines.as_array().unwrap();
    assert_eq!(lines.len(), 4, "{lines:?}");
    assert!(
        lines.iter().all(|l| l["score"].as_f64().unwrap() > 0.0),
        "{lines:?}"
    );
    assert_eq!(
        lines
            .iter()
            .map(|l| l["forfeited"].as_i64().unwrap())
            .sum::<i64>(),
        1
    );
    // Nobody is left with a run going (it would keep them from starting another).
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM async_runs WHERE status IN ('pending', 'in_progress')"
        )
        .await,
        0
    );
});

db_test!(
    the_leaderboard_an_instance_keeps_follows_every_change,
    |db: Db| async move {
        let mut api = Api::new(&db, BASE).await;
        // One permalink: both racers below run the same seed (a par is a permalink's).
        let (q, pools) = qualifier(&mut api, json!({"name": "Q"}), &["A"], 1).await;
        let run = finished_run(&mut api, &db, "Mirror Shield", q, pools[0]).await;
        timed(&mut api, run, 90).await;
        // The only finish is par: 100 over one slot.
        let score = |board: &[(String, i64, f64, f64, i64, i64)]| board[0].2;
        assert_eq!(score(&board(&mut api, q).await), 100.0);
        assert_eq!(score(&board(&mut api, q).await), 100.0);
        // A second pool is a second slot, empty.
        api.ok(
            ORGANIZER,
            "POST",
            &format!("/qualifiers/{q}/pools"),
            Some(json!({"name": "B"})),
        )
        .await;
        assert_eq!(score(&board(&mut api, q).await), 50.0);
        // Two runs per pool: four slots.
        api.ok(
            ORGANIZER,
            "PUT",
            &format!("/qualifiers/{q}"),
            Some(json!({"name": "Q", "runs_per_pool": 2})),
        )
        .await;
        assert_eq!(score(&board(&mut api, q).await), 25.0);
        // A second finish, twice as slow: the par moves and both rescore.
        let slow = finished_run(&mut api, &db, "Boots First", q, pools[0]).await;
        timed(&mut api, slow, 180).await;
        let after = board(&mut api, q).await;
        assert_eq!(after.len(), 2);
        // par = 135 min: Mirror (2 − 90/135) × 100 = 133.3 → 105 (cap); Boots (2 − 180/135) × 100 = 66.67; each over four slots.
        assert_eq!(after[0].0, "Mirror Shield", "{after:?}");
        assert_eq!(after[0].2, 26.25);
        assert_eq!(after[1].2, 16.667);
    }
);
