//! Presets and seed rolling through the web app's server functions and the REST API, with
//! ALTTPR generating against a local fake of alttpr.com — on SQLite and PostgreSQL. Every
//! refusal changes nothing; every roll, good or bad, is in the organization's history.

#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use std::sync::{Arc, Mutex};

use axum::http::StatusCode;
use common::{app, browser_as, demo_user_id, org_ref, Browser};
use leptos::server_fn::ServerFn;
use presets::server_fns::{browse, namespaces, presets as fns, rolls};
use sahabot_core::db::Db;
use sahabot_core::db_test;
use sahabot_core::service::Actor;
use sahabot_runtime::lifecycle;
use serde_json::{json, Value};

/// A fake alttpr.com: answers every generation with `answer` and records what it was sent.
#[derive(Clone)]
struct Fake {
    base: String,
    answer: Arc<Mutex<(u16, String)>>,
    seen: Arc<Mutex<Vec<(String, Value)>>>,
}

async fn fake_alttpr() -> Fake {
    let answer = Arc::new(Mutex::new((200, seed_answer("h4sH1"))));
    let seen = Arc::new(Mutex::new(Vec::new()));
    let (a, s) = (answer.clone(), seen.clone());
    let app = axum::Router::new().fallback(move |uri: axum::http::Uri, body: String| {
        let (a, s) = (a.clone(), s.clone());
        async move {
            let sent = serde_json::from_str(&body).unwrap_or(Value::Null);
            s.lock().unwrap().push((uri.path().to_string(), sent));
            if uri.path() == "/api/randomizers/smz3/generate" {
                let seed = json!({"guid": "000102030405060708090a0b0c0d0e0f", "gameVersion": "11.3",
                    "hash": ["Morph Ball", "Bombs"], "mode": "normal"});
                return (StatusCode::OK, seed.to_string());
            }
            let (status, text) = a.lock().unwrap().clone();
            (StatusCode::from_u16(status).unwrap(), text)
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    Fake { base, answer, seen }
}

fn seed_answer(hash: &str) -> String {
    json!({"hash": hash, "patch": [{"1573397": [1, 2, 3, 4, 5]}], "spoiler": {"meta": {}}})
        .to_string()
}

/// The demo app with ALTTPR on in `alttpr`, generating at the fake.
async fn setup(db: &Db) -> Fake {
    let fake = fake_alttpr().await;
    let _ = app(db).await;
    let root = Actor {
        user_id: demo_user_id(db, "Synack").await,
        ip: None,
    };
    let config = json!({"base_url": fake.base});
    lifecycle::configure_installation(db, &root, "alttpr", config.as_object().unwrap())
        .await
        .unwrap();
    let org = org_ref(db, "alttpr").await;
    lifecycle::enable(db, &root, &org, "alttpr").await.unwrap();
    fake
}

fn form(pairs: &[(&str, &str)]) -> String {
    serde_urlencoded::to_string(pairs).unwrap()
}

/// Calls server function `F` with `pairs` (plus `org=alttpr`): status and JSON answer.
async fn call<F: ServerFn>(browser: &mut Browser, pairs: &[(&str, &str)]) -> (StatusCode, Value) {
    let mut all = vec![("org", "alttpr")];
    all.extend_from_slice(pairs);
    let answer = browser.post_form(F::PATH, &form(&all), "same-origin").await;
    // A refusal reads `ServerError|message`.
    let body = serde_json::from_str(&answer.body).unwrap_or_else(|_| {
        let text = answer
            .body
            .split_once('|')
            .map_or(answer.body.as_str(), |(_, m)| m);
        Value::String(text.to_string())
    });
    (answer.status, body)
}

const GOOD: &str = "goal_name: Open\nsettings:\n  goal: ganon\n  mode: open\n  hints: off\n";

async fn count(db: &Db, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(db.pool())
        .await
        .unwrap()
}

async fn create(
    browser: &mut Browser,
    namespace: &str,
    name: &str,
    yaml: &str,
    public: bool,
) -> (StatusCode, Value) {
    let public = public.to_string();
    call::<fns::CreatePreset>(
        browser,
        &[
            ("namespace", namespace),
            ("randomizer", "alttpr"),
            ("name", name),
            ("description", "A test preset"),
            ("yaml", yaml),
            ("is_public", &public),
            ("hide_rolled", "false"),
        ],
    )
    .await
}

db_test!(
    a_preset_is_checked_written_revised_and_restored,
    |db: Db| async move {
        setup(&db).await;
        let mut zelda = browser_as(&db, Some("Zelda Speedster")).await;
        let (status, home) = call::<browse::PresetsHome>(&mut zelda, &[]).await;
        assert_eq!(status, StatusCode::OK, "{home}");
        assert_eq!(home["personal"], "zelda-speedster");
        assert_eq!(home["randomizers"][0]["id"], "alttpr");

        // The editor's check: a syntax error with its line, a bad setting on its line.
        let (_, checked) = call::<fns::CheckPreset>(
            &mut zelda,
            &[
                ("randomizer", "alttpr"),
                ("yaml", "settings:\n  goal: [ganon\n"),
            ],
        )
        .await;
        assert!(
            checked["problems"][0]["line"].as_u64().is_some(),
            "{checked}"
        );
        let (_, checked) = call::<fns::CheckPreset>(
            &mut zelda,
            &[
                ("randomizer", "alttpr"),
                ("yaml", "settings:\n  mode: open\n  goal: sideways\n"),
            ],
        )
        .await;
        assert_eq!(checked["problems"][0]["path"], "settings.goal");
        assert_eq!(checked["problems"][0]["line"], 3);

        // Nothing invalid is stored.
        for (name, yaml) in [
            ("bad", "settings:\n  goal: sideways\n"),
            ("bad", "- not\n- a mapping\n"),
            ("Bad Name", GOOD),
        ] {
            let (status, answer) = create(&mut zelda, "zelda-speedster", name, yaml, true).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
        }
        let (status, _) = call::<fns::CreatePreset>(
            &mut zelda,
            &[
                ("namespace", "zelda-speedster"),
                ("randomizer", "smz3"),
                ("name", "x"),
                ("description", ""),
                ("yaml", GOOD),
                ("is_public", "true"),
                ("hide_rolled", "false"),
            ],
        )
        .await;
        assert_eq!(
            status,
            StatusCode::BAD_REQUEST,
            "a randomizer that is not enabled"
        );
        assert_eq!(count(&db, "presets").await, 0);

        let (status, id) = create(&mut zelda, "zelda-speedster", "open", GOOD, true).await;
        assert_eq!(status, StatusCode::OK, "{id}");
        let id = id.as_i64().unwrap().to_string();
        let (status, again) = create(&mut zelda, "zelda-speedster", "open", GOOD, true).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(again.as_str().unwrap().contains("already"), "{again}");

        // Revisions: each save is kept; a save based on an old revision is refused.
        let edited = GOOD.replace("open\n  hints", "inverted\n  hints");
        let save = |base: &str, yaml: &str| {
            vec![
                ("id".to_string(), id.clone()),
                ("base_revision".to_string(), base.to_string()),
                ("description".to_string(), String::new()),
                ("yaml".to_string(), yaml.to_string()),
                ("is_public".to_string(), "true".to_string()),
                ("hide_rolled".to_string(), "false".to_string()),
            ]
        };
        let pairs = save("1", &edited);
        let refs: Vec<(&str, &str)> = pairs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let (status, revision) = call::<fns::UpdatePreset>(&mut zelda, &refs).await;
        assert_eq!((status, revision.clone()), (StatusCode::OK, json!(2)));
        let (status, _) = call::<fns::UpdatePreset>(&mut zelda, &refs).await;
        assert_eq!(status, StatusCode::CONFLICT);
        let bad = save("2", "settings:\n  goal: nowhere\n");
        let refs: Vec<(&str, &str)> = bad.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let (status, _) = call::<fns::UpdatePreset>(&mut zelda, &refs).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);

        let (_, history) = call::<fns::PresetRevisions>(&mut zelda, &[("id", &id)]).await;
        let numbers: Vec<i64> = history
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["revision"].as_i64().unwrap())
            .collect();
        assert_eq!(numbers, [2, 1]);
        let (status, restored) =
            call::<fns::RestoreRevision>(&mut zelda, &[("id", &id), ("revision", "1")]).await;
        assert_eq!((status, restored), (StatusCode::OK, json!(3)));
        let (_, preset) = call::<fns::GetPreset>(&mut zelda, &[("id", &id)]).await;
        assert_eq!(preset["yaml"], GOOD);
        assert_eq!(preset["revision"], 3);

        // Another member may read a public preset but not change it, until given the right.
        let mut boots = browser_as(&db, Some("Boots First")).await;
        let (status, _) = call::<fns::GetPreset>(&mut boots, &[("id", &id)]).await;
        assert_eq!(status, StatusCode::OK);
        let pairs = save("3", &edited);
        let refs: Vec<(&str, &str)> = pairs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let (status, _) = call::<fns::UpdatePreset>(&mut boots, &refs).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, _) = create(&mut boots, "zelda-speedster", "mine", GOOD, true).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let boots_id = demo_user_id(&db, "Boots First").await.to_string();
        let (status, _) = call::<namespaces::SetGrant>(
            &mut zelda,
            &[
                ("slug", "zelda-speedster"),
                ("user_id", &boots_id),
                ("create", "false"),
                ("update", "true"),
                ("delete", "false"),
            ],
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        let (status, _) = call::<fns::UpdatePreset>(&mut boots, &refs).await;
        assert_eq!(status, StatusCode::OK);
        let (status, _) = call::<fns::DeletePreset>(&mut boots, &[("id", &id)]).await;
        assert_eq!(status, StatusCode::FORBIDDEN);

        // A private preset is seen by those who may change it only.
        let (_, private) = create(&mut zelda, "zelda-speedster", "secret", GOOD, false).await;
        let private = private.as_i64().unwrap().to_string();
        let mut kraid = browser_as(&db, Some("Kraid Cruncher")).await;
        let (status, _) = call::<fns::GetPreset>(&mut kraid, &[("id", &private)]).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (_, listed) = call::<browse::ListPresets>(
            &mut kraid,
            &[
                ("randomizer", ""),
                ("namespace", ""),
                ("search", ""),
                ("sort", "name"),
                ("page", "1"),
                ("per_page", "20"),
            ],
        )
        .await;
        let names: Vec<&str> = listed["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["open"]);
        let (_, listed) = call::<browse::ListPresets>(
            &mut zelda,
            &[
                ("randomizer", "alttpr"),
                ("namespace", "zelda-speedster"),
                ("search", "sec"),
                ("sort", "updated"),
                ("page", "1"),
                ("per_page", "20"),
            ],
        )
        .await;
        assert_eq!(listed["total"], 1, "{listed}");
        // The total is the same on a full page, a page of one and a page past the end.
        let page_of = |page: &'static str, per_page: &'static str| {
            [
                ("randomizer", ""),
                ("namespace", ""),
                ("search", ""),
                ("sort", "name"),
                ("page", page),
                ("per_page", per_page),
            ]
        };
        let (_, all) = call::<browse::ListPresets>(&mut zelda, &page_of("1", "100")).await;
        let seen = all["rows"].as_array().unwrap().len();
        assert!(seen >= 2, "{all}");
        assert_eq!(all["total"], seen);
        let (_, first) = call::<browse::ListPresets>(&mut zelda, &page_of("1", "1")).await;
        assert_eq!(first["rows"].as_array().unwrap().len(), 1);
        assert_eq!(first["total"], seen);
        let (_, past) = call::<browse::ListPresets>(&mut zelda, &page_of("999", "1")).await;
        assert!(past["rows"].as_array().unwrap().is_empty(), "{past}");
        assert_eq!(past["total"], seen);
        let (status, _) = call::<browse::ListPresets>(
            &mut zelda,
            &[
                ("randomizer", ""),
                ("namespace", ""),
                ("search", ""),
                ("sort", "name"),
                ("page", "0"),
                ("per_page", "20"),
            ],
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);

        let (status, _) = call::<fns::DeletePreset>(&mut zelda, &[("id", &id)]).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(count(&db, "presets").await, 1);
        let audited: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_log WHERE action IN ('presets.preset_created', 'presets.preset_updated', 'presets.preset_restored', 'presets.preset_deleted')",
        )
        .fetch_one(db.pool())
        .await
        .unwrap();
        assert_eq!(audited, 6);
    }
);

db_test!(
    a_seed_is_rolled_recorded_and_failures_are_kept_too,
    |db: Db| async move {
        let fake = setup(&db).await;
        let mut zelda = browser_as(&db, Some("Zelda Speedster")).await;
        let (_, id) = create(&mut zelda, "zelda-speedster", "open", GOOD, true).await;
        let id = id.as_i64().unwrap().to_string();

        let mut boots = browser_as(&db, Some("Boots First")).await;
        let (status, roll) = call::<rolls::RollSeed>(&mut boots, &[("preset_id", &id)]).await;
        assert_eq!(status, StatusCode::OK, "{roll}");
        assert_eq!(roll["permalink"], format!("{}/h/h4sH1", fake.base));
        assert_eq!(
            roll["hash"],
            json!(["Boomerang", "Hookshot", "Bombs", "Mushroom", "Magic Powder"])
        );
        let sent = fake.seen.lock().unwrap().last().cloned().unwrap();
        assert_eq!(sent.0, "/api/randomizer");
        assert_eq!(
            sent.1,
            json!({"goal": "ganon", "mode": "open", "hints": "off", "tournament": true, "spoilers": "off"})
        );

        // Only members roll; the anonymous are asked to sign in.
        let mut kraid = browser_as(&db, Some("Kraid Cruncher")).await;
        assert_eq!(
            call::<rolls::RollSeed>(&mut kraid, &[("preset_id", &id)])
                .await
                .0,
            StatusCode::FORBIDDEN
        );
        let mut anonymous = browser_as(&db, None).await;
        assert_eq!(
            call::<rolls::RollSeed>(&mut anonymous, &[("preset_id", &id)])
                .await
                .0,
            StatusCode::UNAUTHORIZED
        );

        // The generator refuses: the roll fails once, with its words, and is recorded.
        *fake.answer.lock().unwrap() = (409, "Failed to generate".into());
        let (status, failed) = call::<rolls::RollSeed>(&mut boots, &[("preset_id", &id)]).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(failed["permalink"], Value::Null);
        assert_eq!(failed["attempts"], 1);
        assert!(
            failed["error"]
                .as_str()
                .unwrap()
                .contains("Failed to generate"),
            "{failed}"
        );

        // A mystery weightset rolls its settings first and shows them with the seed.
        *fake.answer.lock().unwrap() = (200, seed_answer("myst3ry"));
        let mystery = "preset_type: mystery\nweights:\n  a:\n    weight: 1\n    mode: inverted\n";
        let (status, mid) = create(&mut zelda, "zelda-speedster", "myst", mystery, true).await;
        assert_eq!(status, StatusCode::OK, "{mid}");
        let mid = mid.as_i64().unwrap().to_string();
        let (_, roll) = call::<rolls::RollSeed>(&mut zelda, &[("preset_id", &mid)]).await;
        assert!(roll["permalink"].is_string(), "{roll}");
        assert!(roll["permalink"].as_str().unwrap().ends_with("/h/myst3ry"));
        assert!(
            roll["rolled"].as_str().unwrap().contains("inverted"),
            "{roll}"
        );
        let sent = fake.seen.lock().unwrap().last().cloned().unwrap();
        assert_eq!(sent.1["mode"], "inverted");
        assert_eq!(sent.1["spoilers"], "off");
        assert_eq!(sent.1["allow_quickswap"], false);

        // The history: members only, newest first, failures included.
        let (status, history) = call::<rolls::SeedHistory>(&mut boots, &[("page", "1")]).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(history["total"], 3);
        let rows = history["rows"].as_array().unwrap();
        assert_eq!(rows[0]["preset"], "zelda-speedster/myst");
        assert_eq!(
            rows[1]["error"].as_str().map(|e| e.contains("Failed")),
            Some(true)
        );
        assert_eq!(rows[2]["user"], "Boots First");
        assert_eq!(rows[2]["origin"], "web");
        assert_eq!(
            call::<rolls::SeedHistory>(&mut kraid, &[("page", "1")])
                .await
                .0,
            StatusCode::FORBIDDEN
        );
    }
);

db_test!(
    namespaces_have_rules_and_the_api_applies_the_same,
    |db: Db| async move {
        setup(&db).await;
        let mut zelda = browser_as(&db, Some("Zelda Speedster")).await;
        let mut boots = browser_as(&db, Some("Boots First")).await;
        let new_ns = |slug: &'static str| {
            [
                ("slug", slug),
                ("description", "League presets"),
                ("is_public", "true"),
            ]
        };
        for (slug, field) in [
            ("ab", "slug"),
            ("Upper", "slug"),
            ("admin", "slug"),
            ("zelda-speedster", "slug"),
        ] {
            let (status, answer) =
                call::<namespaces::CreateNamespace>(&mut zelda, &new_ns(slug)).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{slug}: {answer}");
            assert!(answer.as_str().unwrap().starts_with(field), "{answer}");
        }
        let (status, _) =
            call::<namespaces::CreateNamespace>(&mut zelda, &new_ns("league-2027")).await;
        assert_eq!(status, StatusCode::OK);
        let (status, _) =
            call::<namespaces::CreateNamespace>(&mut boots, &new_ns("boots-ns")).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (_, page) =
            call::<namespaces::NamespacePage>(&mut zelda, &[("slug", "league-2027")]).await;
        assert_eq!(page["namespace"]["rights"]["manage"], true);
        assert!(!page["members"].as_array().unwrap().is_empty());
        let (_, page) =
            call::<namespaces::NamespacePage>(&mut boots, &[("slug", "league-2027")]).await;
        assert_eq!(page["namespace"]["rights"]["create"], false);
        assert_eq!(page["members"], json!([]));

        // The REST API: the same rules, with a token.
        let token = common::bearer(&db, "Zelda Speedster").await;
        let mut client = browser_as(&db, None).await;
        let body = json!({"randomizer": "alttpr", "name": "api-open", "yaml": GOOD});
        let request = axum::http::Request::post(
            "/api/plugins/presets/organizations/alttpr/namespaces/league-2027/presets",
        )
        .header("authorization", format!("Bearer {token}"))
        .header("content-type", "application/json");
        let answer = client
            .send(request, axum::body::Body::from(body.to_string()))
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
        let bad =
            json!({"randomizer": "alttpr", "name": "api-bad", "yaml": "settings:\n  goal: 7\n"});
        let request = axum::http::Request::post(
            "/api/plugins/presets/organizations/alttpr/namespaces/league-2027/presets",
        )
        .header("authorization", format!("Bearer {token}"))
        .header("content-type", "application/json");
        let answer = client
            .send(request, axum::body::Body::from(bad.to_string()))
            .await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{}", answer.body);
        assert!(answer.body.contains("settings.goal"), "{}", answer.body);
        let mut anonymous = browser_as(&db, None).await;
        let answer = anonymous
            .get("/api/plugins/presets/organizations/alttpr/presets?search=api")
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
        let listed: Value = serde_json::from_str(&answer.body).unwrap();
        assert_eq!(listed["rows"][0]["name"], "api-open");
        assert_eq!(listed["rows"][0]["namespace"], "league-2027");
        let answer = anonymous
            .get("/api/plugins/presets/organizations/alttpr/presets?per_page=1000")
            .await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    }
);

async fn user(db: &Db, name: &str) -> sahabot_core::model::CurrentUser {
    sahabot_core::model::CurrentUser {
        id: demo_user_id(db, name).await,
        display_name: name.into(),
        permission: sahabot_core::model::Permission::User,
        impersonated_by: None,
    }
}

fn reply_text(response: &sahabot_sdk::discord::Response) -> (String, bool) {
    match response {
        sahabot_sdk::discord::Response::Message(r) | sahabot_sdk::discord::Response::Update(r) => {
            (r.content.clone(), r.ephemeral)
        }
        other => panic!("not a message: {other:?}"),
    }
}

db_test!(
    seeds_are_rolled_from_discord_and_the_rest_api_with_the_same_rules,
    |db: Db| async move {
        use sahabot_runtime::dispatch;
        let fake = setup(&db).await;
        let mut zelda = browser_as(&db, Some("Zelda Speedster")).await;
        create(&mut zelda, "zelda-speedster", "open", GOOD, true).await;
        let mystery = "weights:\n  a:\n    weight: 1\n    mode: inverted\n";
        create(&mut zelda, "zelda-speedster", "chaos", mystery, true).await;
        let org = org_ref(&db, "alttpr").await;
        let boots = user(&db, "Boots First").await;
        let options = |pairs: Value| pairs.as_object().unwrap().clone();

        // Autocompletion offers the enabled randomizers, then the presets the caller sees.
        let offered = dispatch::autocomplete(
            &db,
            &org,
            Some(&boots),
            "seed",
            options(json!({})),
            "randomizer",
            "link",
        )
        .await
        .unwrap();
        assert_eq!(
            offered,
            vec![("A Link to the Past Randomizer".to_string(), json!("alttpr"))]
        );
        let offered = dispatch::autocomplete(
            &db,
            &org,
            Some(&boots),
            "seed",
            options(json!({"randomizer": "alttpr"})),
            "preset",
            "op",
        )
        .await
        .unwrap();
        assert_eq!(
            offered,
            vec![(
                "zelda-speedster/open".to_string(),
                json!("zelda-speedster/open")
            )]
        );
        let offered = dispatch::autocomplete(
            &db,
            &org,
            Some(&boots),
            "mystery",
            options(json!({})),
            "preset",
            "",
        )
        .await
        .unwrap();
        assert_eq!(
            offered,
            vec![(
                "zelda-speedster/chaos".to_string(),
                json!("zelda-speedster/chaos")
            )]
        );

        // `/seed`: the seed in the channel; a preset by its name alone when only one has it.
        let answer = dispatch::command(
            &db,
            &org,
            Some(&boots),
            "seed",
            options(json!({"randomizer": "alttpr", "preset": "open"})),
        )
        .await
        .unwrap();
        let (text, private) = reply_text(&answer);
        assert!(!private);
        assert!(text.contains(&format!("{}/h/h4sH1", fake.base)), "{text}");
        assert!(
            text.contains("Boomerang/Hookshot/Bombs/Mushroom/Magic Powder"),
            "{text}"
        );
        let answer = dispatch::command(
            &db,
            &org,
            Some(&boots),
            "seed",
            options(json!({"randomizer": "smz3", "preset": "open"})),
        )
        .await
        .unwrap();
        assert!(
            reply_text(&answer).1,
            "a randomizer that is not on is answered privately"
        );
        let answer = dispatch::command(
            &db,
            &org,
            None,
            "seed",
            options(json!({"randomizer": "alttpr", "preset": "open"})),
        )
        .await;
        assert!(matches!(
            answer.map(|a| reply_text(&a)),
            Ok((_, true)) | Err(_)
        ));

        // `/mystery` rolls weightsets only.
        let answer = dispatch::command(
            &db,
            &org,
            Some(&boots),
            "mystery",
            options(json!({"preset": "open"})),
        )
        .await
        .unwrap();
        let (text, private) = reply_text(&answer);
        assert!(
            private && text.contains("not a mystery weightset"),
            "{text}"
        );
        let answer = dispatch::command(
            &db,
            &org,
            Some(&boots),
            "mystery",
            options(json!({"preset": "zelda-speedster/chaos"})),
        )
        .await
        .unwrap();
        assert!(!reply_text(&answer).1, "{answer:?}");

        // The REST route of the randomizer rolls the same way, as the token's owner.
        let token = common::bearer(&db, "Boots First").await;
        let mut client = browser_as(&db, None).await;
        let request = axum::http::Request::post("/api/plugins/alttpr/organizations/alttpr/seeds")
            .header("authorization", format!("Bearer {token}"))
            .header("content-type", "application/json");
        let answer = client
            .send(
                request,
                axum::body::Body::from(json!({"preset": "zelda-speedster/open"}).to_string()),
            )
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
        let roll: Value = serde_json::from_str(&answer.body).unwrap();
        assert_eq!(roll["origin"], "api");
        assert_eq!(roll["user"], "Boots First");
        let request = axum::http::Request::post("/api/plugins/alttpr/organizations/alttpr/seeds")
            .header("authorization", format!("Bearer {token}"))
            .header("content-type", "application/json");
        let answer = client
            .send(
                request,
                axum::body::Body::from(json!({"preset": "nobody/nothing"}).to_string()),
            )
            .await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{}", answer.body);

        let origins: Vec<String> = sqlx::query_scalar("SELECT origin FROM seed_rolls ORDER BY id")
            .fetch_all(db.pool())
            .await
            .unwrap();
        assert_eq!(origins, ["discord", "discord", "api"]);
    }
);

db_test!(
    an_smz3_preset_is_sent_as_text_and_keeps_its_spoiler_key_when_asked,
    |db: Db| async move {
        let fake = setup(&db).await;
        let root = Actor {
            user_id: demo_user_id(&db, "Synack").await,
            ip: None,
        };
        let config = json!({"base_url": fake.base});
        lifecycle::configure_installation(&db, &root, "smz3", config.as_object().unwrap())
            .await
            .unwrap();
        lifecycle::enable(&db, &root, &org_ref(&db, "alttpr").await, "smz3")
            .await
            .unwrap();
        let mut zelda = browser_as(&db, Some("Zelda Speedster")).await;
        let yaml = "spoiler: true\nsettings:\n  smlogic: hard\n  race: 'true'\n  players: 1\n";
        let (status, id) = call::<fns::CreatePreset>(
            &mut zelda,
            &[
                ("namespace", "zelda-speedster"),
                ("randomizer", "smz3"),
                ("name", "hard"),
                ("description", ""),
                ("yaml", yaml),
                ("is_public", "true"),
                ("hide_rolled", "false"),
            ],
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{id}");
        let id = id.as_i64().unwrap().to_string();
        let (status, roll) = call::<rolls::RollSeed>(&mut zelda, &[("preset_id", &id)]).await;
        assert_eq!(status, StatusCode::OK, "{roll}");
        assert_eq!(
            roll["permalink"],
            format!("{}/seed/AAECAwQFBgcICQoLDA0ODw", fake.base)
        );
        assert!(roll["spoiler"]
            .as_str()
            .unwrap()
            .contains("/api/spoiler/000102030405060708090a0b0c0d0e0f?key="));
        let sent = fake.seen.lock().unwrap().last().cloned().unwrap();
        assert_eq!(sent.1["smlogic"], "hard");
        assert_eq!(sent.1["players"], "1");
        assert_eq!(sent.1["seed"], "");
        // A setting SMZ3 does not have is refused by name.
        let (status, answer) = call::<fns::CheckPreset>(
            &mut zelda,
            &[
                ("randomizer", "smz3"),
                ("yaml", "settings:\n  logic: casual\n"),
            ],
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(answer["problems"][0]["path"], "settings.logic");
    }
);

/// A fake ootrandomizer.com that knows one key: a seed is generated on the second status poll.
async fn fake_ootr(key: &'static str) -> (String, Arc<Mutex<Vec<String>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let polls = Arc::new(Mutex::new(0));
    let s = seen.clone();
    let app = axum::Router::new().fallback(move |uri: axum::http::Uri| {
        let (s, polls) = (s.clone(), polls.clone());
        async move {
            s.lock().unwrap().push(uri.to_string());
            if !uri
                .query()
                .unwrap_or_default()
                .contains(&format!("key={key}"))
            {
                return (StatusCode::FORBIDDEN, "Invalid API key".to_string());
            }
            let answer = match uri.path() {
                "/api/v2/seed/create" => json!({"id": 99, "version": "8.2.0", "spoilers": false}),
                "/api/v2/seed/status" => {
                    let mut n = polls.lock().unwrap();
                    *n += 1;
                    json!({"status": if *n < 2 { 0 } else { 1 }, "progress": 50})
                }
                _ => json!({"settingsLog": json!({"file_hash":
                    ["Bow", "Bombchu", "Mask of Truth", "Map", "Compass"]}).to_string()}),
            };
            (StatusCode::OK, answer.to_string())
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (base, seen)
}

db_test!(
    an_ootr_key_is_never_shown_back_or_logged_and_rolls_seeds,
    |db: Db| async move {
        use sahabot_app::server_fns::{OrgPlugins, SaveOrgPluginConfig};
        const KEY: &str = "ootr-key-5f1e2d3c";
        let (base, seen) = fake_ootr(KEY).await;
        let _ = app(&db).await;
        let root = Actor {
            user_id: demo_user_id(&db, "Synack").await,
            ip: None,
        };
        let config = json!({"base_url": base});
        lifecycle::configure_installation(&db, &root, "ootr", config.as_object().unwrap())
            .await
            .unwrap();
        lifecycle::enable(&db, &root, &org_ref(&db, "alttpr").await, "ootr")
            .await
            .unwrap();
        let mut admin = browser_as(&db, Some("Synack")).await;
        let mut zelda = browser_as(&db, Some("Zelda Speedster")).await;
        let yaml = "locked_spoiler: true\nsettings:\n  world_count: 1\n";
        let (status, id) = call::<fns::CreatePreset>(
            &mut zelda,
            &[
                ("namespace", "zelda-speedster"),
                ("randomizer", "ootr"),
                ("name", "standard"),
                ("description", ""),
                ("yaml", yaml),
                ("is_public", "true"),
                ("hide_rolled", "false"),
            ],
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{id}");
        let id = id.as_i64().unwrap().to_string();

        // Without a key the roll says what an organizer must do, and nothing is sent.
        let (status, roll) = call::<rolls::RollSeed>(&mut zelda, &[("preset_id", &id)]).await;
        assert_eq!(status, StatusCode::OK, "{roll}");
        assert!(
            roll["error"].as_str().unwrap().contains("API key"),
            "{roll}"
        );
        assert!(seen.lock().unwrap().is_empty());

        let saved = json!({"api_key": KEY, "version": "8.2.0"}).to_string();
        let (status, answer) =
            call::<SaveOrgPluginConfig>(&mut admin, &[("plugin", "ootr"), ("config", &saved)])
                .await;
        assert_eq!(status, StatusCode::OK, "{answer}");
        // Saving the form again without typing the key keeps it.
        let again = json!({"version": "8.2.0"}).to_string();
        let (status, _) =
            call::<SaveOrgPluginConfig>(&mut admin, &[("plugin", "ootr"), ("config", &again)])
                .await;
        assert_eq!(status, StatusCode::OK);
        let (status, rows) = call::<OrgPlugins>(&mut admin, &[]).await;
        assert_eq!(status, StatusCode::OK);
        assert!(!rows.to_string().contains(KEY));
        let ootr = rows
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == "ootr")
            .unwrap();
        assert_eq!(ootr["config"]["api_key"], "(secret)");
        let audit: Vec<String> = sqlx::query_scalar("SELECT details FROM audit_log")
            .fetch_all(db.pool())
            .await
            .unwrap();
        assert!(audit.iter().any(|d| d.contains("(secret)")));
        assert!(audit.iter().all(|d| !d.contains(KEY)));

        let (status, roll) = call::<rolls::RollSeed>(&mut zelda, &[("preset_id", &id)]).await;
        assert_eq!(status, StatusCode::OK, "{roll}");
        assert_eq!(
            roll["permalink"],
            format!("{base}/seed/get?id=99"),
            "{roll}"
        );
        assert_eq!(
            roll["hash"],
            json!(["Bow", "Bombchu", "Mask of Truth", "Map", "Compass"])
        );
        let history: Vec<Option<String>> =
            sqlx::query_scalar("SELECT error FROM seed_rolls ORDER BY id")
                .fetch_all(db.pool())
                .await
                .unwrap();
        assert_eq!(history.len(), 2);
        assert!(!format!("{history:?}").contains(KEY));
        let created = seen.lock().unwrap()[0].clone();
        assert!(created.starts_with("/api/v2/seed/create?") && created.contains("locked=true"));

        // Clearing the key (null) removes it.
        let cleared = json!({"api_key": null}).to_string();
        let (status, _) =
            call::<SaveOrgPluginConfig>(&mut admin, &[("plugin", "ootr"), ("config", &cleared)])
                .await;
        assert_eq!(status, StatusCode::OK);
        let stored: Option<String> =
            sqlx::query_scalar("SELECT config FROM organization_plugins WHERE plugin_id = 'ootr'")
                .fetch_one(db.pool())
                .await
                .unwrap();
        assert!(!stored.unwrap_or_default().contains(KEY));
    }
);
