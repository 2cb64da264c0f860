//! The Discord runtime against a local fake of Discord's REST API and signed interactions:
//! per-guild command sync following enablement, the signature check, command dispatch and its
//! refusals, deferral of slow handlers, buttons and modals — on SQLite and PostgreSQL.
//!
//! This test binary links one more plugin, `discord_probe`, with a slow command, a form and a
//! command only a SUPERADMIN may run.

#![allow(clippy::unwrap_used, clippy::panic)]

mod common;
use common::interactions::*;
use common::org_ref as org;
mod fake_discord;

use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use ed25519_dalek::{Signer, SigningKey};
use http_body_util::BodyExt;
use sahabot_core::db::Db;
use sahabot_core::db_test;
use sahabot_core::repo::discord as repo;
use sahabot_core::service::Actor;
use sahabot_discord::{Discord, DiscordSettings};
use sahabot_runtime::lifecycle;
use serde_json::{json, Value};
use tower::ServiceExt;

mod probe {
    use sahabot_sdk::discord::{
        Command, CommandCall, CommandOption, CommandOptions, ComponentCall, Modal, ModalField,
        NoOptions, Reply, Response,
    };
    use sahabot_sdk::runtime_kinds::{BoxFuture, PluginError};
    use sahabot_sdk::{GlobalAction, Guard};

    sahabot_sdk::plugin! {
        id: discord_probe,
        manifest: "id: discord_probe
name: Discord probe
version: 0.1.0
description: Commands that exercise the Discord runtime.
author: SahaBot tests
type: builtin
category: utility
enabled_by_default: true
private: false
requires:
  sahabot: \">=0.1.0\"
provides:
  discord_commands:
    - name: slow
      description: Answers after a while
    - name: form
      description: Opens a form
    - name: staff
      description: Only for SUPERADMIN
    - name: pick
      description: Picks a preset
",
        build: build,
    }

    #[derive(serde::Deserialize)]
    struct Preset {
        #[allow(dead_code)]
        preset: String,
    }

    impl CommandOptions for Preset {
        const OPTIONS: &'static [CommandOption] = &[CommandOption::string("preset", "A preset")
            .required()
            .autocomplete(suggest)];
    }

    #[derive(serde::Deserialize)]
    struct Millis {
        millis: u64,
    }

    impl CommandOptions for Millis {
        const OPTIONS: &'static [CommandOption] =
            &[CommandOption::integer("millis", "How long to take").required()];
    }

    fn build(p: &mut sahabot_sdk::Contributions) {
        p.command(Command::new("slow", "Answers after a while"), slow)
            .command(Command::new("form", "Opens a form"), form)
            .command(
                Command::new("staff", "Only for SUPERADMIN")
                    .guard(Guard::Global(GlobalAction::ManagePlugins)),
                staff,
            )
            .command(Command::new("pick", "Picks a preset"), pick)
            .components(Guard::Public, submitted);
    }

    fn suggest(
        call: sahabot_sdk::discord::AutocompleteCall,
    ) -> BoxFuture<Result<Vec<(String, serde_json::Value)>, PluginError>> {
        Box::pin(async move {
            Ok(["open", "standard", "keysanity", "inverted"]
                .into_iter()
                .filter(|p| p.starts_with(call.typed.as_str()))
                .map(|p| {
                    (
                        format!("{p} ({})", call.focused),
                        serde_json::Value::from(p),
                    )
                })
                .collect())
        })
    }

    async fn slow(call: CommandCall, options: Millis) -> Result<Response, PluginError> {
        tokio::time::sleep(std::time::Duration::from_millis(options.millis)).await;
        let who = call
            .user
            .map_or("someone without an account".into(), |u| u.display_name);
        Ok(Reply::private(format!("done for {who}")).into())
    }

    async fn form(_: CommandCall, _: NoOptions) -> Result<Response, PluginError> {
        Ok(Response::Modal(Modal {
            custom_id: "feedback".into(),
            title: "Feedback".into(),
            fields: vec![ModalField {
                custom_id: "text".into(),
                label: "Your feedback".into(),
                required: true,
                paragraph: true,
            }],
        }))
    }

    async fn staff(call: CommandCall, _: NoOptions) -> Result<Response, PluginError> {
        Ok(Reply::private(format!("hello {}", call.ctx.org.name)).into())
    }

    async fn pick(call: CommandCall, _: Preset) -> Result<Response, PluginError> {
        Ok(Reply::private(format!("hello {}", call.ctx.org.name)).into())
    }

    async fn submitted(call: ComponentCall) -> Result<Response, PluginError> {
        Ok(Reply::private(format!(
            "{} said: {}",
            call.custom_id,
            call.fields["text"].as_str().unwrap_or_default()
        ))
        .into())
    }
}

db_test!(
    each_guild_gets_the_commands_of_its_enabled_plugins,
    |db: Db| async move {
        let s = setup(&db, Duration::from_secs(2)).await;
        s.fake.clear();
        let alttpr = sahabot_discord::sync::sync_guild(&s.discord, ALTTPR_GUILD)
            .await
            .unwrap();
        // One bulk overwrite per guild, nothing else.
        let calls = s.fake.requests();
        assert_eq!(calls.len(), 1, "{calls:?}");
        assert_eq!(
            calls[0].path,
            format!("/applications/{APP_ID}/guilds/{ALTTPR_GUILD}/commands")
        );
        let mut alttpr = alttpr;
        alttpr.sort();
        assert_eq!(
            alttpr,
            [
                "async", "crew", "form", "match", "mystery", "pick", "sahabot", "score", "seed",
                "slow", "staff"
            ]
        );
        let mut names = s.fake.guild_commands(ALTTPR_GUILD).unwrap();
        names.sort();
        assert_eq!(
            names,
            [
                "async", "crew", "form", "match", "mystery", "pick", "sahabot", "score", "seed",
                "slow", "staff"
            ]
        );
        // The payload carries the declared shape.
        let score = calls[0]
            .body
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == "score")
            .unwrap()
            .clone();
        assert_eq!(score["options"][0]["name"], "finish");
        assert_eq!(score["options"][0]["type"], 3);
        assert_eq!(score["options"][0]["required"], true);

        // sm-league did not turn the async qualifier on.
        sahabot_discord::sync::sync_guild(&s.discord, SM_GUILD)
            .await
            .unwrap();
        let mut sm = s.fake.guild_commands(SM_GUILD).unwrap();
        sm.sort();
        assert_eq!(
            sm,
            ["crew", "form", "match", "pick", "sahabot", "seed", "slow", "staff"]
        );

        // A guild no organization links is cleared.
        sahabot_discord::sync::sync_guild(&s.discord, UNLINKED_GUILD)
            .await
            .unwrap();
        assert_eq!(
            s.fake.guild_commands(UNLINKED_GUILD).unwrap(),
            Vec::<String>::new()
        );

        // The start syncs every linked guild (without a gateway, which would send guild_create).
        s.fake.clear();
        s.discord.start().await;
        assert!(s.fake.guild_commands(ALTTPR_GUILD).is_some());
        assert!(s.fake.guild_commands(SM_GUILD).is_some());
        assert_eq!(s.fake.requests().len(), 2);

        // Turning a plugin off re-syncs that organization's guild, and only that one.
        s.fake.clear();
        let zelda = Actor {
            user_id: common::demo_user_id(&db, "Zelda Speedster").await,
            ip: None,
        };
        lifecycle::disable(&db, &zelda, &org(&db, "alttpr").await, "async_qualifier")
            .await
            .unwrap();
        let mut waited = 0;
        while s.fake.guild_commands(ALTTPR_GUILD).is_none() && waited < 100 {
            tokio::time::sleep(Duration::from_millis(50)).await;
            waited += 1;
        }
        let mut after = s
            .fake
            .guild_commands(ALTTPR_GUILD)
            .expect("no re-sync after disabling");
        after.sort();
        assert_eq!(
            after,
            ["crew", "form", "match", "mystery", "pick", "sahabot", "seed", "slow", "staff"]
        );
        assert_eq!(s.fake.guild_commands(SM_GUILD), None);
        // The record is written once Discord answered.
        let mut record = repo::sync_of(&db, ALTTPR_GUILD).await.unwrap().unwrap();
        for _ in 0..100 {
            if !record.commands.contains(&"score".to_string()) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
            record = repo::sync_of(&db, ALTTPR_GUILD).await.unwrap().unwrap();
        }
        assert_eq!(record.error, None);
        assert!(!record.commands.contains(&"score".to_string()));

        // A refused overwrite is recorded with Discord's message; the last good list stays.
        s.fake.fail_guild(SM_GUILD);
        assert!(sahabot_discord::sync::sync_guild(&s.discord, SM_GUILD)
            .await
            .is_err());
        let failed = repo::sync_of(&db, SM_GUILD).await.unwrap().unwrap();
        assert!(failed.error.unwrap().contains("Missing Access"));
        assert!(failed.commands.contains(&"sahabot".to_string()));
    }
);

db_test!(
    the_endpoint_checks_signatures_before_anything_else,
    |db: Db| async move {
        let s = setup(&db, Duration::from_secs(2)).await;
        let ping = base(1, None, ZELDA, Value::Null).to_string();
        let (status, body) = s.post(&ping, &s.signature("1764115200", &ping)).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body["type"], 1);

        let good = s.signature("1764115200", &ping);
        let tampered_body = ping.replace("en-US", "en-GB");
        assert_eq!(
            s.post(&tampered_body, &good).await.0,
            StatusCode::UNAUTHORIZED
        );
        let mut other_time = good.clone();
        other_time[1].1 = "1764115201".into();
        assert_eq!(s.post(&ping, &other_time).await.0, StatusCode::UNAUTHORIZED);
        let mut bad_hex = good.clone();
        bad_hex[0].1 = "zz".repeat(64);
        assert_eq!(s.post(&ping, &bad_hex).await.0, StatusCode::UNAUTHORIZED);
        let stranger = SigningKey::from_bytes(&[9u8; 32]);
        let forged = hex(&stranger
            .sign(&[b"1764115200".as_slice(), ping.as_bytes()].concat())
            .to_bytes());
        let forged = vec![("x-signature-ed25519", forged), good[1].clone()];
        assert_eq!(s.post(&ping, &forged).await.0, StatusCode::UNAUTHORIZED);
        assert_eq!(s.post(&ping, &[]).await.0, StatusCode::UNAUTHORIZED);

        // Signed but not an interaction: 400, and nothing was called.
        s.fake.clear();
        let junk = "{\"type\": \"nonsense\"";
        let (status, body) = s.post(junk, &s.signature("1764115200", junk)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(body["error"]
            .as_str()
            .unwrap()
            .contains("could not be read"));
        assert!(s.fake.requests().is_empty());
    }
);

db_test!(
    commands_reach_their_plugin_only_where_it_is_enabled,
    |db: Db| async move {
        let s = setup(&db, Duration::from_secs(2)).await;
        let score = json!([
            {"name": "finish", "type": 3, "value": "1:35:00"},
            {"name": "par", "type": 3, "value": "1:30:00"}
        ]);
        let (status, body) = s
            .signed(&command("score", score.clone(), Some(ALTTPR_GUILD), ZELDA))
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body["type"], 4);
        assert!(content(&body).contains("scores 94.44"), "{body}");
        assert_eq!(body["data"]["flags"], 64, "ephemeral");

        // sm-league did not enable the async qualifier (a stale client still shows it).
        let (_, body) = s
            .signed(&command("score", score.clone(), Some(SM_GUILD), ZELDA))
            .await;
        assert_eq!(content(&body), "`/score` is not enabled for this server.");
        assert_eq!(body["data"]["flags"], 64);

        let (_, body) = s
            .signed(&command(
                "score",
                score.clone(),
                Some(UNLINKED_GUILD),
                ZELDA,
            ))
            .await;
        assert!(
            content(&body).contains("not linked to an organization"),
            "{body}"
        );
        let (_, body) = s
            .signed(&command("score", score.clone(), None, ZELDA))
            .await;
        assert!(content(&body).contains("not in direct messages"), "{body}");
        let (_, body) = s
            .signed(&command("nope", json!([]), Some(ALTTPR_GUILD), ZELDA))
            .await;
        assert_eq!(content(&body), "SahaBot has no command `/nope`.");

        // An option of the wrong type, or a missing one, never reaches the plugin.
        let wrong = json!([{"name": "finish", "type": 4, "value": 5}, {"name": "par", "type": 3, "value": "1:30:00"}]);
        let (_, body) = s
            .signed(&command("score", wrong, Some(ALTTPR_GUILD), ZELDA))
            .await;
        assert_eq!(
            content(&body),
            "`/score`: the option `finish` must be text."
        );
        let (_, body) = s
            .signed(&command("score", json!([]), Some(ALTTPR_GUILD), ZELDA))
            .await;
        assert_eq!(content(&body), "`/score`: the option `finish` is required.");

        // The guard applies to the caller's SahaBot account.
        let (_, body) = s
            .signed(&command("staff", json!([]), Some(ALTTPR_GUILD), ZELDA))
            .await;
        assert!(
            content(&body).starts_with("You cannot do this here"),
            "{body}"
        );
        let (_, body) = s
            .signed(&command("staff", json!([]), Some(ALTTPR_GUILD), "555"))
            .await;
        assert!(content(&body).starts_with("Sign in to SahaBot"), "{body}");
        let (_, body) = s
            .signed(&command("staff", json!([]), Some(ALTTPR_GUILD), SYNACK))
            .await;
        assert_eq!(content(&body), "hello ALTTPR Community");

        // /sahabot status lists what is on, with a button routed back to the bot plugin.
        let status = json!([{"name": "status", "type": 1, "options": []}]);
        let (_, body) = s
            .signed(&command(
                "sahabot",
                status.clone(),
                Some(ALTTPR_GUILD),
                ZELDA,
            ))
            .await;
        let text = content(&body);
        assert!(text.contains("Async Qualifier — `/score`"), "{text}");
        let button = &body["data"]["components"][0]["components"][0];
        assert_eq!(button["custom_id"], "discord_bot:status:refresh");
        let (_, sm) = s
            .signed(&command("sahabot", status, Some(SM_GUILD), ZELDA))
            .await;
        assert!(!content(&sm).contains("Async Qualifier"), "{sm}");

        let press = press(
            Some(ALTTPR_GUILD),
            ZELDA,
            "discord_bot:status:refresh",
            "900000000000000001",
        );
        let (_, body) = s.signed(&press).await;
        assert_eq!(body["type"], 7, "the status message is replaced: {body}");
        assert!(content(&body).contains("Async Qualifier"));
        let mut stale = press.clone();
        stale["data"]["custom_id"] = json!("gone_plugin:whatever");
        let (_, body) = s.signed(&stale).await;
        assert_eq!(content(&body), "This button is no longer in use.");
    }
);

db_test!(
    a_slow_handler_defers_then_edits_its_answer,
    |db: Db| async move {
        let s = setup(&db, Duration::from_millis(200)).await;
        s.fake.clear();
        let fast = json!([{"name": "millis", "type": 4, "value": 0}]);
        let (_, body) = s
            .signed(&command("slow", fast, Some(ALTTPR_GUILD), ZELDA))
            .await;
        assert_eq!(body["type"], 4);
        assert_eq!(content(&body), "done for Zelda Speedster");

        let slow = json!([{"name": "millis", "type": 4, "value": 600}]);
        let (_, body) = s
            .signed(&command("slow", slow, Some(ALTTPR_GUILD), ZELDA))
            .await;
        assert_eq!(body["type"], 5, "deferred: {body}");
        assert_eq!(body["data"]["flags"], 64);
        let edit_path = format!("/webhooks/{APP_ID}/interaction-token/messages/@original");
        let mut waited = 0;
        while !s.fake.requests().iter().any(|r| r.path == edit_path) && waited < 100 {
            tokio::time::sleep(Duration::from_millis(50)).await;
            waited += 1;
        }
        let edit = s
            .fake
            .requests()
            .into_iter()
            .find(|r| r.path == edit_path)
            .expect("no edit");
        assert_eq!(edit.body["content"], "done for Zelda Speedster");
    }
);

db_test!(
    options_that_do_not_read_as_the_handlers_type_never_reach_it,
    |db: Db| async move {
        let s = setup(&db, Duration::from_secs(2)).await;
        // An integer, as declared, but not one the handler's `u64` can hold.
        let negative = json!([{"name": "millis", "type": 4, "value": -5}]);
        let (_, body) = s
            .signed(&command("slow", negative, Some(ALTTPR_GUILD), ZELDA))
            .await;
        let said = content(&body);
        assert!(
            said.starts_with("The command's options could not be read:") && said.contains("-5"),
            "{said}"
        );
        assert!(!said.contains("done for"), "the handler ran: {said}");
    }
);

db_test!(
    a_form_comes_back_to_the_plugin_that_opened_it,
    |db: Db| async move {
        let s = setup(&db, Duration::from_secs(2)).await;
        let (_, body) = s
            .signed(&command("form", json!([]), Some(ALTTPR_GUILD), ZELDA))
            .await;
        assert_eq!(body["type"], 9, "{body}");
        assert_eq!(body["data"]["custom_id"], "discord_probe:feedback");
        let submit = base(
            5,
            Some(ALTTPR_GUILD),
            ZELDA,
            json!({
                "custom_id": "discord_probe:feedback",
                "components": [{"type": 1, "components": [{"type": 4, "custom_id": "text", "value": "great seeds"}]}]
            }),
        );
        let (_, body) = s.signed(&submit).await;
        assert_eq!(content(&body), "feedback said: great seeds", "{body}");

        // With the plugin off for the organization, its form is refused and nothing runs.
        let zelda = Actor {
            user_id: common::demo_user_id(&db, "Zelda Speedster").await,
            ip: None,
        };
        lifecycle::disable(&db, &zelda, &org(&db, "alttpr").await, "discord_probe")
            .await
            .unwrap();
        let (_, body) = s.signed(&submit).await;
        assert_eq!(
            content(&body),
            "Discord probe is not enabled for this server."
        );
    }
);

fn query_param(url: &str, name: &str) -> Option<String> {
    let query = url.split_once('?')?.1;
    serde_urlencoded::from_str::<Vec<(String, String)>>(query)
        .ok()?
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
}

async fn sign_in(app: &Router, db: &Db, name: &str) -> common::Browser {
    let mut browser = common::Browser::new(app.clone());
    let id = common::demo_user_id(db, name).await;
    let answer = browser
        .post_form("/auth/dev-login", &format!("user_id={id}"), "same-origin")
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER);
    browser
}

/// Starts linking the organization's guild; returns the OAuth state Discord would echo.
async fn start_link(browser: &mut common::Browser, org: &str) -> String {
    let answer = browser.get(&format!("/discord/link?org={org}")).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let to = answer.location.unwrap();
    assert!(to.contains("/oauth2/authorize"), "{to}");
    assert_eq!(
        query_param(&to, "scope").as_deref(),
        Some("bot applications.commands guilds")
    );
    assert_eq!(
        query_param(&to, "redirect_uri").as_deref(),
        Some("http://127.0.0.1:3000/discord/link/callback")
    );
    assert!(query_param(&to, "permissions").is_some());
    query_param(&to, "state").unwrap()
}

db_test!(
    linking_a_guild_checks_that_the_user_administers_it,
    |db: Db| async move {
        let oauth = fake_discord::start("http://127.0.0.1:3000/auth/callback").await;
        let s = setup_with(
            &db,
            Duration::from_secs(2),
            common::settings(Some(oauth), true),
        )
        .await;
        let alttpr = org(&db, "alttpr").await;

        // A member who may not change the organization is refused before Discord.
        let mut member = sign_in(&s.app, &db, "Boots First").await;
        let refused = member.get("/discord/link?org=alttpr").await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);

        let mut admin = sign_in(&s.app, &db, "Zelda Speedster").await;
        let zelda_discord = ZELDA;
        let callback = |state: &str, guild: &str| {
            format!("/discord/link/callback?code=code-{zelda_discord}&state={state}&guild_id={guild}&permissions=0")
        };

        // A server the user does not administer is not linked.
        let state = start_link(&mut admin, "alttpr").await;
        let answer = admin
            .get(&callback(&state, fake_discord::MEMBER_GUILD))
            .await;
        let to = answer.location.unwrap();
        assert!(
            to.starts_with("/org/alttpr/admin/discord_bot?link_error="),
            "{to}"
        );
        assert!(query_param(&to, "link_error")
            .unwrap()
            .contains("do not administer"));
        assert_eq!(
            repo::guild_of_org(&db, alttpr.id).await.unwrap(),
            Some(ALTTPR_GUILD)
        );

        // The state is good for one attempt.
        let replay = admin
            .get(&callback(&state, fake_discord::ADMINISTERED_GUILD))
            .await;
        assert_eq!(replay.status, StatusCode::BAD_REQUEST);

        // A server they administer is linked; it gets the commands, the old one is cleared.
        s.fake.clear();
        let state = start_link(&mut admin, "alttpr").await;
        let answer = admin
            .get(&callback(&state, fake_discord::ADMINISTERED_GUILD))
            .await;
        let to = answer.location.unwrap();
        assert_eq!(
            to,
            format!(
                "/org/alttpr/admin/discord_bot?linked={}",
                fake_discord::ADMINISTERED_GUILD
            )
        );
        let new_guild: i64 = fake_discord::ADMINISTERED_GUILD.parse().unwrap();
        assert_eq!(
            repo::guild_of_org(&db, alttpr.id).await.unwrap(),
            Some(new_guild)
        );
        let mut got = s.fake.guild_commands(new_guild).unwrap();
        got.sort();
        assert_eq!(
            got,
            [
                "async", "crew", "form", "match", "mystery", "pick", "sahabot", "score", "seed",
                "slow", "staff"
            ]
        );
        assert_eq!(
            s.fake.guild_commands(ALTTPR_GUILD).unwrap(),
            Vec::<String>::new()
        );
        let (_, by) = repo::link_info(&db, alttpr.id).await.unwrap().unwrap();
        assert_eq!(by, "Zelda Speedster");

        // A server linked to another organization stays with it.
        let mut league = sign_in(&s.app, &db, "Kraid Cruncher").await;
        let state = start_link(&mut league, "sm-league").await;
        let taken = league
            .get(&format!(
                "/discord/link/callback?code=code-{}&state={state}&guild_id={}",
                "100000000000000003",
                fake_discord::ADMINISTERED_GUILD
            ))
            .await;
        let to = taken.location.unwrap();
        assert!(
            query_param(&to, "link_error")
                .unwrap()
                .contains("linked to another organization"),
            "{to}"
        );
        assert_eq!(
            repo::guild_of_org(&db, org(&db, "sm-league").await.id)
                .await
                .unwrap(),
            Some(SM_GUILD)
        );
    }
);

db_test!(
    autocompletion_asks_the_plugin_with_what_was_typed,
    |db: Db| async move {
        let s = setup(&db, Duration::from_secs(2)).await;
        let typing = base(
            4,
            Some(ALTTPR_GUILD),
            ZELDA,
            json!({
                "id": "810000000000000001", "name": "pick", "type": 1,
                "options": [{"name": "preset", "type": 3, "value": "o", "focused": true}]
            }),
        );
        let (_, body) = s.signed(&typing).await;
        assert_eq!(body["type"], 8, "{body}");
        assert_eq!(
            body["data"]["choices"],
            json!([{"name": "open (preset)", "value": "open"}])
        );
        // In a guild of no organization there is nothing to suggest.
        let mut elsewhere = typing.clone();
        elsewhere["guild_id"] = json!(UNLINKED_GUILD.to_string());
        let (_, body) = s.signed(&elsewhere).await;
        assert_eq!(body["data"]["choices"], json!([]));
    }
);

db_test!(
    the_gateway_adapter_answers_through_the_interaction_callback,
    |db: Db| async move {
        let s = setup(&db, Duration::from_secs(2)).await;
        s.fake.clear();
        let interaction: serenity::model::application::Interaction =
            serde_json::from_value(command(
                "slow",
                json!([{"name": "millis", "type": 4, "value": 0}]),
                Some(ALTTPR_GUILD),
                ZELDA,
            ))
            .unwrap();
        sahabot_discord::gateway::deliver(&s.discord, s.discord.http().unwrap(), interaction).await;
        let calls = s.fake.requests();
        assert_eq!(calls.len(), 1, "{calls:?}");
        assert_eq!(
            calls[0].path,
            "/interactions/800000000000000001/interaction-token/callback"
        );
        assert_eq!(calls[0].body["type"], 4);
        assert_eq!(calls[0].body["data"]["content"], "done for Zelda Speedster");
    }
);

db_test!(
    without_bot_settings_the_app_runs_and_says_so,
    |db: Db| async move {
        let app = common::app(&db).await;
        let response = app
            .oneshot(
                Request::post("/discord/interactions")
                    .header("content-type", "application/json")
                    .body(Body::from("{\"type\": 1}"))
                    .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        assert!(String::from_utf8_lossy(&bytes).contains("DISCORD_PUBLIC_KEY"));

        let discord = Discord::new(db.clone(), DiscordSettings::default()).unwrap();
        assert!(!discord.status().configured);
        assert!(!discord.can_sync());
        // Starting without a token connects to nothing and syncs nothing.
        discord.start().await;
        assert!(repo::syncs(&db).await.unwrap().is_empty());
        // A public key that is not one stops the start with the setting named.
        let bad = Discord::new(
            db.clone(),
            DiscordSettings {
                public_key: Some("not-a-key".into()),
                ..DiscordSettings::default()
            },
        );
        assert!(bad.unwrap_err().to_string().contains("DISCORD_PUBLIC_KEY"));
    }
);

db_test!(
    the_bot_s_tasks_resync_servers_and_retry_failed_syncs,
    |db: Db| async move {
        use sahabot_core::repo::tasks;
        use sahabot_runtime::scheduler::{declare_tasks, run_once, SchedulerSettings};
        use sahabot_sdk::runtime_kinds::Services;
        let s = setup(&db, Duration::from_secs(2)).await;
        let services = Services {
            discord: Some(std::sync::Arc::new(s.discord.clone())),
        };
        declare_tasks(&db).await.unwrap();
        let all = tasks::list(&db, None).await.unwrap();
        let find = |key: &str, org: Option<&str>| {
            all.iter()
                .find(|t| t.task_key == key && t.organization.as_ref().map(|o| o.0.as_str()) == org)
                .unwrap_or_else(|| panic!("no {key} row for {org:?}"))
                .clone()
        };
        let nightly = find("resync_commands", Some("alttpr"));
        assert_eq!(nightly.schedule, "0 4 * * *");
        let retry = find("retry_failed_syncs", None);

        // The nightly re-sync of alttpr overwrites alttpr's guild only.
        s.fake.clear();
        db.change(async |w| tasks::run_now(w, nightly.id).await)
            .await
            .unwrap();
        run_once(&db, &SchedulerSettings::default(), &services)
            .await
            .unwrap();
        assert!(s.fake.guild_commands(ALTTPR_GUILD).is_some());
        assert_eq!(s.fake.guild_commands(SM_GUILD), None);

        // A refused sync fails the retry task while Discord still refuses, then is repaired.
        s.fake.fail_guild(SM_GUILD);
        assert!(sahabot_discord::sync::sync_guild(&s.discord, SM_GUILD)
            .await
            .is_err());
        db.change(async |w| tasks::run_now(w, retry.id).await)
            .await
            .unwrap();
        run_once(&db, &SchedulerSettings::default(), &services)
            .await
            .unwrap();
        let failed = tasks::get(&db, retry.id, None).await.unwrap().unwrap();
        assert_eq!(failed.last_outcome.as_deref(), Some("failed"));
        assert!(failed.last_error.unwrap().contains("Missing Access"));

        s.fake.heal_guild(SM_GUILD);
        s.fake.clear();
        db.change(async |w| tasks::run_now(w, retry.id).await)
            .await
            .unwrap();
        run_once(&db, &SchedulerSettings::default(), &services)
            .await
            .unwrap();
        assert!(s.fake.guild_commands(SM_GUILD).is_some());
        assert_eq!(
            s.fake.guild_commands(ALTTPR_GUILD),
            None,
            "only the failed one"
        );
        assert_eq!(
            repo::sync_of(&db, SM_GUILD).await.unwrap().unwrap().error,
            None
        );
        let repaired = tasks::get(&db, retry.id, None).await.unwrap().unwrap();
        assert_eq!(repaired.last_outcome.as_deref(), Some("success"));
    }
);

/// Interactions of every shape Discord could send, or a broken client could: any type, any
/// guild and user, commands known or not with options of any name, type and value (subcommands
/// nested), buttons and modals with any custom id. Each is signed, so it passes the signature.
fn any_interaction() -> impl proptest::strategy::Strategy<Value = Value> {
    use proptest::prelude::*;
    let value = prop_oneof![
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| json!(f)),
        any::<bool>().prop_map(Value::from),
        ".{0,12}".prop_map(Value::from),
        Just(Value::Null),
        Just(json!({"nested": [1, "two"]})),
    ];
    let name = prop_oneof![
        Just("millis".to_string()),
        Just("finish".to_string()),
        Just("par".to_string()),
        Just("preset".to_string()),
        Just("status".to_string()),
        "[a-z]{1,8}",
    ];
    // Mostly what Discord sends (a value of the option's type), sometimes anything.
    let typed = prop_oneof![
        ".{0,12}".prop_map(|v| (3u8, Value::from(v))),
        any::<i64>().prop_map(|v| (4u8, Value::from(v))),
        (-5i64..5000).prop_map(|v| (4u8, Value::from(v))),
        any::<bool>().prop_map(|v| (5u8, Value::from(v))),
        (-1e9f64..1e9).prop_map(|v| (10u8, json!(v))),
    ];
    let wild = (0u8..12, value);
    let leaf = (
        name.clone(),
        prop_oneof![8 => typed, 1 => wild],
        any::<bool>(),
    )
        .prop_map(|(name, (kind, value), focused)| {
            let mut option = json!({"name": name, "type": kind, "value": value});
            if focused {
                option["focused"] = json!(true);
            }
            option
        });
    let options = prop::collection::vec(leaf.clone(), 0..4);
    let sub = (name, prop::collection::vec(leaf, 0..3))
        .prop_map(|(name, inner)| json!([{"name": name, "type": 1, "options": inner}]));
    let command = prop_oneof![
        Just("slow"),
        Just("form"),
        Just("staff"),
        Just("pick"),
        Just("score"),
        Just("sahabot"),
        Just("nothing-here"),
    ];
    let command_data = (command, prop_oneof![options.prop_map(Value::from), sub]).prop_map(
        |(name, options)| {
            json!({"id": "810000000000000001", "name": name, "type": 1, "options": options})
        },
    );
    let button = "(discord_probe:|discord_bot:|gone:)?[a-z:]{0,20}"
        .prop_map(|id| json!({"custom_id": id, "component_type": 2}));
    let modal = ".{0,20}".prop_map(|id| {
        json!({"custom_id": id, "components": [{"type": 1, "components": [
            {"type": 4, "custom_id": "text", "value": "x"}]}]})
    });
    let anything = prop_oneof![
        Just(Value::Null),
        Just(json!("not an object")),
        Just(json!({"name": 5})),
    ];
    // Mostly a type with the data it carries; sometimes not.
    let kind_and_data = prop_oneof![
        4 => (prop_oneof![Just(2u8), Just(4u8)], command_data),
        2 => (Just(3u8), button),
        2 => (Just(5u8), modal),
        1 => (any::<u8>(), anything),
    ];
    let guild = prop_oneof![
        Just(Some(ALTTPR_GUILD)),
        Just(Some(SM_GUILD)),
        Just(Some(UNLINKED_GUILD)),
        Just(None),
    ];
    let user = prop_oneof![Just(SYNACK), Just(ZELDA), Just("100000000000000099")];
    let drop = prop_oneof![
        12 => Just(None),
        1 => Just(Some("id")),
        1 => Just(Some("token")),
        1 => Just(Some("type")),
        1 => Just(Some("data")),
    ];
    (kind_and_data, guild, user, drop).prop_map(|((kind, data), guild, user, drop)| {
        let mut interaction = base(kind, guild, user, data);
        if let Some(key) = drop {
            interaction.as_object_mut().map(|o| o.remove(key));
        }
        interaction
    })
}

db_test!(
    any_signed_interaction_gets_an_answer_and_never_a_server_error,
    |db: Db| async move {
        use proptest::strategy::{Strategy, ValueTree};
        use proptest::test_runner::TestRunner;
        let s = setup(&db, Duration::from_millis(50)).await;
        let mut runner = TestRunner::deterministic();
        let strategy = any_interaction();
        let kinds = [1, 4, 5, 6, 7, 8, 9];
        let mut answered = std::collections::BTreeMap::<u64, usize>::new();
        for _ in 0..400 {
            let interaction = strategy.new_tree(&mut runner).unwrap().current();
            let (status, body) = s.signed(&interaction).await;
            match status {
                StatusCode::OK => {
                    let kind = body["type"].as_u64().unwrap_or_default();
                    assert!(kinds.contains(&kind), "{interaction}\n→ {body}");
                    *answered.entry(kind).or_default() += 1;
                }
                StatusCode::BAD_REQUEST => {}
                other => panic!("{interaction}\n→ {other} {body}"),
            }
        }
        // Most reached a handler or a refusal in words (not only the parser's 400).
        assert!(answered.values().sum::<usize>() >= 100, "{answered:?}");
        // Still answering.
        let mut ping = base(1, None, ZELDA, Value::Null);
        ping.as_object_mut().unwrap().remove("data");
        let (status, body) = s.signed(&ping).await;
        assert_eq!(
            (status, body["type"].as_u64()),
            (StatusCode::OK, Some(1)),
            "{body}"
        );
    }
);
