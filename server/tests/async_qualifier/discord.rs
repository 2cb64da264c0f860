//! The run flow in Discord, through signed interactions and the fake Discord: `/async post`,
//! the start button, a pool, the point of no return and the private thread, ready, the timer,
//! finish, the VOD and review forms; `/async extend_timeout` in the run's thread; the
//! timeout warning posted once; and each refusal (not linked, not a member, inactive, a second
//! run going, no runs left, someone else's run, not an organizer), none of which changes
//! anything.

use super::common::interactions::{
    command, content, press, setup, submit, Setup, ALTTPR_GUILD, ZELDA,
};
use super::*;
use std::time::Duration;

const CHANNEL: &str = "900000000000000001";
const MIRROR: &str = "100000000000000002";
const KRAID: &str = "100000000000000003";
const BOOTS: &str = "100000000000000006";
const UNLINKED: &str = "100000000000000099";

fn custom_ids(body: &Value) -> Vec<String> {
    body["data"]["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .filter_map(|b| b["custom_id"].as_str().map(str::to_owned))
        .collect()
}

async fn click(s: &Setup, user: &str, custom_id: &str, channel: &str) -> Value {
    let (status, body) = s
        .signed(&press(Some(ALTTPR_GUILD), user, custom_id, channel))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

async fn slash(s: &Setup, user: &str, options: Value, channel: &str) -> Value {
    let mut used = command("async", options, Some(ALTTPR_GUILD), user);
    used["channel_id"] = json!(channel);
    let (status, body) = s.signed(&used).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

fn post(q: i64) -> Value {
    json!([{"name": "post", "type": 1, "options": [{"name": "qualifier", "type": 4, "value": q}]}])
}

fn extend(minutes: i64) -> Value {
    json!([{"name": "extend_timeout", "type": 1, "options": [{"name": "minutes", "type": 4, "value": minutes}]}])
}

/// `user` goes from the start button to their run's thread; the run's id and thread.
async fn open_run(s: &Setup, user: &str, q: i64, pool: i64) -> (i64, i64) {
    let body = click(s, user, &format!("async_qualifier:start:{q}"), CHANNEL).await;
    assert!(
        custom_ids(&body).contains(&format!("async_qualifier:pool:{q}:{pool}")),
        "{body}"
    );
    let body = click(
        s,
        user,
        &format!("async_qualifier:pool:{q}:{pool}"),
        CHANNEL,
    )
    .await;
    assert_eq!(body["type"], 7, "{body}");
    let body = click(
        s,
        user,
        &format!("async_qualifier:confirm:{q}:{pool}"),
        CHANNEL,
    )
    .await;
    assert_eq!(body["type"], 7, "{body}");
    let said = content(&body);
    let thread: i64 = said
        .split("<#")
        .nth(1)
        .and_then(|rest| rest.split('>').next())
        .and_then(|t| t.parse().ok())
        .unwrap_or_else(|| panic!("no thread in {said}"));
    let run: i64 = said
        .trim_start_matches("Your run ")
        .split(' ')
        .next()
        .and_then(|r| r.parse().ok())
        .unwrap_or_else(|| panic!("no run in {said}"));
    (run, thread)
}

async fn runs_of(db: &Db) -> i64 {
    count(db, "SELECT COUNT(*) FROM async_runs").await
}

db_test!(a_racer_runs_a_permalink_in_discord, |db: Db| async move {
    let mut api = Api::new(&db, BASE).await;
    let s = setup(&db, Duration::from_secs(5)).await;
    let (q, pools) = qualifier(
        &mut api,
        json!({"name": "Spring Qualifier", "runs_per_pool": 1}),
        &["Open"],
        2,
    )
    .await;
    let pool = pools[0];

    // Only an organizer posts the start button; it lands in this channel.
    s.fake.clear();
    let body = slash(&s, MIRROR, post(q), CHANNEL).await;
    assert!(
        content(&body).starts_with("You cannot do this here"),
        "{body}"
    );
    assert!(s.fake.messages(CHANNEL.parse().unwrap()).is_empty());
    let body = slash(&s, ZELDA, post(q), CHANNEL).await;
    assert!(
        content(&body).starts_with("Posted the start button"),
        "{body}"
    );
    let posted = s.fake.messages(CHANNEL.parse().unwrap());
    assert_eq!(posted.len(), 1);
    assert!(posted[0]["content"]
        .as_str()
        .unwrap()
        .contains("http://127.0.0.1:3000/org/alttpr/async_qualifier/q/"));
    assert_eq!(
        posted[0]["components"][0]["components"][0]["custom_id"],
        format!("async_qualifier:start:{q}")
    );
    let shown = api
        .ok(ORGANIZER, "GET", &format!("/qualifiers/{q}"), None)
        .await;
    assert_eq!(shown["discord_channel_id"], CHANNEL);

    // Refusals before the point of no return change nothing.
    let start = format!("async_qualifier:start:{q}");
    let body = click(&s, UNLINKED, &start, CHANNEL).await;
    assert!(content(&body).starts_with("Sign in to SahaBot"), "{body}");
    let body = click(&s, KRAID, &start, CHANNEL).await;
    assert_eq!(
        content(&body),
        "only this organization's members run its qualifiers"
    );
    let (closed, _) = qualifier(
        &mut api,
        json!({"name": "Closed", "is_active": false}),
        &["Open"],
        1,
    )
    .await;
    let body = click(
        &s,
        MIRROR,
        &format!("async_qualifier:start:{closed}"),
        CHANNEL,
    )
    .await;
    assert_eq!(content(&body), "`Closed` is not active");
    assert_eq!(runs_of(&db).await, 0);
    assert!(s.fake.threads(CHANNEL.parse().unwrap()).is_empty());

    // Start → pool → point of no return → a private thread with the seed.
    let (run, thread) = open_run(&s, MIRROR, q, pool).await;
    let threads = s.fake.threads(CHANNEL.parse().unwrap());
    assert_eq!(threads.len(), 1);
    let (id, name, kind, members) = &threads[0];
    assert_eq!(*id, thread);
    assert_eq!(*kind, 12, "a private thread");
    assert!(name.starts_with("Mirror Shield – Open – run"), "{name}");
    assert_eq!(members, &[MIRROR.to_string()]);
    let first = &s.fake.messages(thread)[0];
    let seed = api
        .ok("Mirror Shield", "GET", &format!("/runs/{run}"), None)
        .await["permalink_url"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        first["content"].as_str().unwrap().contains(&seed),
        "{first}"
    );
    assert!(first["content"]
        .as_str()
        .unwrap()
        .starts_with(&format!("<@{MIRROR}>")));
    assert_eq!(
        first["components"][0]["components"][0]["custom_id"],
        format!("async_qualifier:ready:{run}")
    );

    // A second run while this one goes is refused.
    let body = click(&s, MIRROR, &start, CHANNEL).await;
    assert!(
        content(&body).starts_with("you have a run going already"),
        "{body}"
    );
    let thread_id = thread.to_string();
    // Someone else's run is not theirs to step.
    let body = click(
        &s,
        BOOTS,
        &format!("async_qualifier:ready:{run}"),
        &thread_id,
    )
    .await;
    assert_eq!(content(&body), "only the run's racer may do that");

    // Ready, then the timer and finish.
    let body = click(
        &s,
        MIRROR,
        &format!("async_qualifier:ready:{run}"),
        &thread_id,
    )
    .await;
    assert_eq!(body["type"], 7, "{body}");
    assert_eq!(
        custom_ids(&body),
        [
            format!("async_qualifier:finish:{run}"),
            format!("async_qualifier:timer:{run}"),
            format!("async_qualifier:forfeit:{run}")
        ]
    );
    let body = click(
        &s,
        MIRROR,
        &format!("async_qualifier:finish:{run}"),
        &thread_id,
    )
    .await;
    assert_eq!(
        content(&body),
        "the countdown has not ended: the clock has not started"
    );
    age(&db, run, 90 * MIN).await;
    let body = click(
        &s,
        MIRROR,
        &format!("async_qualifier:timer:{run}"),
        &thread_id,
    )
    .await;
    assert!(content(&body).contains("so far"), "{body}");
    assert_eq!(body["data"]["flags"], 64, "the timer is the racer's alone");
    let body = click(
        &s,
        MIRROR,
        &format!("async_qualifier:finish:{run}"),
        &thread_id,
    )
    .await;
    assert_eq!(body["type"], 7, "{body}");
    assert!(content(&body).contains("finished in **1:29:"), "{body}");
    let shown = api
        .ok("Mirror Shield", "GET", &format!("/runs/{run}"), None)
        .await;
    assert_eq!(shown["status"], "finished");

    // The VOD form: a bad address is refused and nothing is saved; then it is.
    let body = click(
        &s,
        MIRROR,
        &format!("async_qualifier:vod:{run}"),
        &thread_id,
    )
    .await;
    assert_eq!(body["type"], 9, "{body}");
    assert_eq!(
        body["data"]["custom_id"],
        format!("async_qualifier:vod_form:{run}")
    );
    let form = format!("async_qualifier:vod_form:{run}");
    let bad = submit(
        Some(ALTTPR_GUILD),
        MIRROR,
        &form,
        &thread_id,
        &[("vod_url", "ftp://vods/1"), ("notes", "clean")],
    );
    let (_, body) = s.signed(&bad).await;
    assert_eq!(content(&body), "vod_url: must be a web address (https://…)");
    let shown = api
        .ok("Mirror Shield", "GET", &format!("/runs/{run}"), None)
        .await;
    assert_eq!(shown["vod_url"], Value::Null);
    let good = submit(
        Some(ALTTPR_GUILD),
        MIRROR,
        &form,
        &thread_id,
        &[
            ("vod_url", "https://twitch.tv/videos/1"),
            ("notes", "clean run"),
        ],
    );
    let (_, body) = s.signed(&good).await;
    assert_eq!(
        content(&body),
        format!("Saved the VOD and notes of run {run}.")
    );
    let shown = api
        .ok("Mirror Shield", "GET", &format!("/runs/{run}"), None)
        .await;
    assert_eq!(shown["vod_url"], "https://twitch.tv/videos/1");
    assert_eq!(shown["notes"], "clean run");

    // The review request needs its reason.
    let flag = format!("async_qualifier:flag_form:{run}");
    let (_, body) = s
        .signed(&submit(
            Some(ALTTPR_GUILD),
            MIRROR,
            &flag,
            &thread_id,
            &[("reason", " ")],
        ))
        .await;
    assert!(content(&body).starts_with("reason:"), "{body}");
    let (_, body) = s
        .signed(&submit(
            Some(ALTTPR_GUILD),
            MIRROR,
            &flag,
            &thread_id,
            &[("reason", "the timer lagged")],
        ))
        .await;
    assert_eq!(
        content(&body),
        format!("Run {run} is in the reviewers' queue.")
    );
    let shown = api
        .ok("Mirror Shield", "GET", &format!("/runs/{run}"), None)
        .await;
    assert_eq!(shown["flag_reason"], "the timer lagged");

    // One run per pool: none left.
    let body = click(&s, MIRROR, &start, CHANNEL).await;
    assert_eq!(
        content(&body),
        "you have no runs left in any pool of `Spring Qualifier`"
    );
    assert_eq!(runs_of(&db).await, 1);

    // Forfeit asks first; only the confirmation forfeits.
    let (boots_run, boots_thread) = open_run(&s, BOOTS, q, pool).await;
    let boots_thread = boots_thread.to_string();
    let body = click(
        &s,
        BOOTS,
        &format!("async_qualifier:forfeit:{boots_run}"),
        &boots_thread,
    )
    .await;
    assert_eq!(
        custom_ids(&body),
        [format!("async_qualifier:forfeit_yes:{boots_run}")]
    );
    let shown = api
        .ok("Boots First", "GET", &format!("/runs/{boots_run}"), None)
        .await;
    assert_eq!(shown["status"], "pending");
    let body = click(
        &s,
        BOOTS,
        &format!("async_qualifier:forfeit_yes:{boots_run}"),
        &boots_thread,
    )
    .await;
    assert_eq!(
        content(&body),
        format!("You forfeited run {boots_run}; it scores 0.")
    );
    let shown = api
        .ok("Boots First", "GET", &format!("/runs/{boots_run}"), None)
        .await;
    assert_eq!(shown["status"], "forfeit");
});

db_test!(
    timeouts_are_extended_and_warned_in_the_run_s_thread,
    |db: Db| async move {
        let mut api = Api::new(&db, BASE).await;
        let s = setup(&db, Duration::from_secs(5)).await;
        let (q, pools) = qualifier(&mut api, json!({"name": "Q"}), &["Open"], 2).await;
        slash(&s, ZELDA, post(q), CHANNEL).await;
        let (run, thread) = open_run(&s, BOOTS, q, pools[0]).await;
        let thread_id = thread.to_string();

        // extend_timeout: in a run's thread, by an organizer, within bounds.
        let body = slash(&s, ZELDA, extend(30), CHANNEL).await;
        assert_eq!(
            content(&body),
            "this is not a run's thread: use it in the run's thread"
        );
        let body = slash(&s, MIRROR, extend(30), &thread_id).await;
        assert!(
            content(&body).starts_with("You cannot do this here"),
            "{body}"
        );
        let body = slash(&s, ZELDA, extend(0), &thread_id).await;
        assert_eq!(content(&body), "minutes: must be between 1 and 240");
        let before = api
            .ok(ORGANIZER, "GET", &format!("/runs/{run}"), None)
            .await;
        assert_eq!(before["extended_until"], Value::Null);
        let body = slash(&s, ZELDA, extend(30), &thread_id).await;
        assert!(
            content(&body).starts_with(&format!("Run {run} now times out <t:")),
            "{body}"
        );
        let after = api
            .ok(ORGANIZER, "GET", &format!("/runs/{run}"), None)
            .await;
        assert_eq!(
            after["extended_until"].as_i64().unwrap(),
            after["revealed_at"].as_i64().unwrap() + 50 * MIN
        );

        // Ten minutes before the deadline the thread is warned, once.
        let services = sahabot_sdk::runtime_kinds::Services {
            discord: Some(std::sync::Arc::new(s.discord.clone())),
        };
        let warnings = |s: &Setup| {
            s.fake
                .messages(thread)
                .into_iter()
                .filter(|m| {
                    m["content"]
                        .as_str()
                        .unwrap_or_default()
                        .contains("is forfeited <t:")
                })
                .count()
        };
        run_task_with(&db, "run_timeouts", &services).await;
        assert_eq!(warnings(&s), 0, "too early to warn");
        age(&db, run, 41 * MIN).await;
        run_task_with(&db, "run_timeouts", &services).await;
        run_task_with(&db, "run_timeouts", &services).await;
        assert_eq!(warnings(&s), 1);
        let warning = s.fake.messages(thread).last().cloned().unwrap();
        assert!(warning["content"]
            .as_str()
            .unwrap()
            .starts_with(&format!("<@{BOOTS}> run {run} is forfeited")));
        let shown = api
            .ok(ORGANIZER, "GET", &format!("/runs/{run}"), None)
            .await;
        assert_eq!(shown["status"], "pending");

        // Past the deadline the run is forfeited, and the thread hears of it.
        age(&db, run, 10 * MIN).await;
        run_task_with(&db, "run_timeouts", &services).await;
        let shown = api
            .ok(ORGANIZER, "GET", &format!("/runs/{run}"), None)
            .await;
        assert_eq!(shown["status"], "forfeit");
        let last = s.fake.messages(thread).last().cloned().unwrap();
        assert_eq!(
            last["content"],
            format!("Run {run} timed out and is forfeited.")
        );
    }
);

db_test!(
    a_thread_that_cannot_be_opened_leaves_the_run_on_the_web,
    |db: Db| async move {
        let mut api = Api::new(&db, BASE).await;
        let s = setup(&db, Duration::from_secs(5)).await;
        let (q, pools) = qualifier(&mut api, json!({"name": "Q"}), &["Open"], 1).await;
        s.fake.close_channel(CHANNEL.parse().unwrap());
        // The bot may not post here: the qualifier keeps no channel.
        let body = slash(&s, ZELDA, post(q), CHANNEL).await;
        assert!(
            content(&body).starts_with("the bot cannot post here"),
            "{body}"
        );
        let shown = api
            .ok(ORGANIZER, "GET", &format!("/qualifiers/{q}"), None)
            .await;
        assert_eq!(shown["discord_channel_id"], Value::Null);
        // The point of no return passed: the run stands, and the racer is sent to the web.
        let pool = pools[0];
        click(&s, MIRROR, &format!("async_qualifier:start:{q}"), CHANNEL).await;
        let body = click(
            &s,
            MIRROR,
            &format!("async_qualifier:confirm:{q}:{pool}"),
            CHANNEL,
        )
        .await;
        let said = content(&body);
        assert!(
            said.contains("its private thread could not be opened"),
            "{said}"
        );
        assert!(
            said.contains("http://127.0.0.1:3000/org/alttpr/async_qualifier/r/"),
            "{said}"
        );
        assert_eq!(runs_of(&db).await, 1);
    }
);
