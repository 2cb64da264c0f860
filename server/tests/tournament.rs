//! Tournaments through the REST API, on SQLite and PostgreSQL: tournaments and their players,
//! matches and their status flow, results, crew, stream channels, settings submissions and
//! the preset rules that pick a match's seed (rolled by ALTTPR against a local fake). Every
//! refusal changes nothing.

#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use axum::http::{Request, StatusCode};
use common::org_ref;
use common::plugin_api::Api;
use sahabot_core::db::Db;
use sahabot_core::db_test;
use sahabot_core::service::Actor;
use sahabot_runtime::lifecycle;
use serde_json::{json, Value};

const BASE: &str = "/api/plugins/tournament/organizations/alttpr";

async fn count(db: &Db, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(db.pool()).await.unwrap()
}

/// A tournament named `name` with Boots, Mirror Shield and Pendant Hunter registered.
async fn tournament(api: &mut Api, name: &str) -> i64 {
    let created = api
        .ok(
            "Zelda Speedster",
            "POST",
            "/tournaments",
            Some(json!({"name": name, "description": "Best of three"})),
        )
        .await;
    let id = created["id"].as_i64().unwrap();
    for player in ["Boots First", "Mirror Shield", "Pendant Hunter"] {
        let user_id = api.id(player);
        api.ok(
            "Zelda Speedster",
            "POST",
            &format!("/tournaments/{id}/players"),
            Some(json!({"user_id": user_id})),
        )
        .await;
    }
    id
}

const JAN_2027: i64 = 1_798_761_600_000;

db_test!(
    tournaments_and_players_are_checked_and_kept,
    |db: Db| async move {
        let mut api = Api::new(&db, BASE).await;
        let bad = [
            (
                json!({"name": "  "}),
                StatusCode::BAD_REQUEST,
                "name: may not be blank",
            ),
            (
                json!({"name": "Cup", "starts_at": JAN_2027, "ends_at": JAN_2027 - 1}),
                StatusCode::BAD_REQUEST,
                "cannot end before it starts",
            ),
            (
                json!({"name": "Cup", "starts_at": 5}),
                StatusCode::BAD_REQUEST,
                "between the years 2000 and 2100",
            ),
            (
                json!({"name": "Cup", "preset": "alttpr/open"}),
                StatusCode::BAD_REQUEST,
                "choose the randomizer",
            ),
            (
                json!({"name": "Cup", "randomizer": "links"}),
                StatusCode::BAD_REQUEST,
                "not a randomizer enabled here",
            ),
        ];
        for (body, status, words) in bad {
            api.refused(
                "Zelda Speedster",
                "POST",
                "/tournaments",
                Some(body),
                status,
                words,
            )
            .await;
        }
        assert_eq!(count(&db, "SELECT COUNT(*) FROM tournaments").await, 0);
        // Only those who manage tournaments create them.
        let (status, _) = api
            .call(
                Some("Boots First"),
                "POST",
                "/tournaments",
                Some(json!({"name": "Cup"})),
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);

        let id = tournament(&mut api, "Spring Cup").await;
        api.refused(
            "Zelda Speedster",
            "POST",
            "/tournaments",
            Some(json!({"name": "Spring Cup"})),
            StatusCode::CONFLICT,
            "exists already",
        )
        .await;
        let kraid = api.id("Kraid Cruncher");
        api.refused(
            "Zelda Speedster",
            "POST",
            &format!("/tournaments/{id}/players"),
            Some(json!({"user_id": kraid})),
            StatusCode::BAD_REQUEST,
            "not a member of this organization",
        )
        .await;
        let boots = api.id("Boots First");
        api.refused(
            "Zelda Speedster",
            "POST",
            &format!("/tournaments/{id}/players"),
            Some(json!({"user_id": boots})),
            StatusCode::CONFLICT,
            "already a player",
        )
        .await;

        // Anyone reads the tournament and its players; another organization's is not here.
        let (status, shown) = api
            .call(None, "GET", &format!("/tournaments/{id}"), None)
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(shown["name"], "Spring Cup");
        assert_eq!(shown["player_count"], 3);
        let (_, players) = api
            .call(None, "GET", &format!("/tournaments/{id}/players"), None)
            .await;
        let names: Vec<&str> = players
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["display_name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["Boots First", "Mirror Shield", "Pendant Hunter"]);
        let foreign = api
            .client
            .send(
                Request::get(format!(
                    "/api/plugins/tournament/organizations/sm-league/tournaments/{id}"
                )),
                axum::body::Body::empty(),
            )
            .await;
        assert_eq!(foreign.status, StatusCode::NOT_FOUND, "{}", foreign.body);

        // Renaming to a taken name is refused; closing works; a tournament with matches is
        // not deleted.
        let other = tournament(&mut api, "Summer Cup").await;
        api.refused(
            "Zelda Speedster",
            "PUT",
            &format!("/tournaments/{other}"),
            Some(json!({"name": "Spring Cup"})),
            StatusCode::CONFLICT,
            "exists already",
        )
        .await;
        api.ok(
            "Zelda Speedster",
            "PUT",
            &format!("/tournaments/{other}"),
            Some(json!({"name": "Summer Cup", "is_active": false})),
        )
        .await;
        let mirror = api.id("Mirror Shield");
        api.refused(
            "Boots First",
            "POST",
            "/matches",
            Some(json!({"tournament_id": other, "players": [boots, mirror]})),
            StatusCode::CONFLICT,
            "is not active",
        )
        .await;
        api.ok(
            "Zelda Speedster",
            "DELETE",
            &format!("/tournaments/{other}"),
            None,
        )
        .await;
        api.ok(
            "Boots First",
            "POST",
            "/matches",
            Some(json!({"tournament_id": id, "players": [boots, mirror]})),
        )
        .await;
        api.refused(
            "Zelda Speedster",
            "DELETE",
            &format!("/tournaments/{id}"),
            None,
            StatusCode::CONFLICT,
            "mark it inactive",
        )
        .await;
        api.refused(
            "Zelda Speedster",
            "DELETE",
            &format!("/tournaments/{id}/players/{boots}"),
            None,
            StatusCode::CONFLICT,
            "plays in 1",
        )
        .await;
        let pendant = api.id("Pendant Hunter");
        api.ok(
            "Zelda Speedster",
            "DELETE",
            &format!("/tournaments/{id}/players/{pendant}"),
            None,
        )
        .await;
        let events = count(
            &db,
            "SELECT COUNT(*) FROM events WHERE event_type LIKE 'tournament.tournament_%'",
        )
        .await;
        // Two created, one closed, six players added and one removed.
        assert_eq!(events, 2 + 1 + 6 + 1);
    }
);

db_test!(
    matches_are_made_by_their_players_and_taken_through_their_statuses,
    |db: Db| async move {
        let mut api = Api::new(&db, BASE).await;
        let id = tournament(&mut api, "Spring Cup").await;
        let (boots, mirror, pendant, zelda) = (
            api.id("Boots First"),
            api.id("Mirror Shield"),
            api.id("Pendant Hunter"),
            api.id("Zelda Speedster"),
        );
        let new =
            |players: Value| json!({"tournament_id": id, "players": players, "title": "Round 1"});
        let refusals = [
            (
                "Boots First",
                new(json!([boots])),
                StatusCode::BAD_REQUEST,
                "2 to 16 players",
            ),
            (
                "Boots First",
                new(json!([boots, boots])),
                StatusCode::BAD_REQUEST,
                "listed twice",
            ),
            (
                "Boots First",
                new(json!([boots, zelda])),
                StatusCode::BAD_REQUEST,
                "not a player of",
            ),
            (
                "Boots First",
                new(json!([mirror, pendant])),
                StatusCode::FORBIDDEN,
                "matches you play in",
            ),
            (
                "Kraid Cruncher",
                new(json!([boots, mirror])),
                StatusCode::FORBIDDEN,
                "members",
            ),
            (
                "Boots First",
                json!({"tournament_id": id, "players": [boots, mirror], "title": "a\nb"}),
                StatusCode::BAD_REQUEST,
                "title: must be one line",
            ),
            (
                "Boots First",
                json!({"tournament_id": 999_999, "players": [boots, mirror]}),
                StatusCode::NOT_FOUND,
                "no tournament",
            ),
        ];
        for (who, body, status, words) in refusals {
            api.refused(who, "POST", "/matches", Some(body), status, words)
                .await;
        }
        assert_eq!(count(&db, "SELECT COUNT(*) FROM matches").await, 0);

        let created = api
            .ok(
                "Boots First",
                "POST",
                "/matches",
                Some(new(json!([boots, mirror]))),
            )
            .await;
        let m = created["id"].as_i64().unwrap();
        let path = format!("/matches/{m}");
        let (status, shown) = api.call(None, "GET", &path, None).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(shown["status"], "pending");
        assert_eq!(shown["title"], "Round 1");
        assert_eq!(shown["players"].as_array().unwrap().len(), 2);

        // Its players set its time; others may not; an organizer may do anything.
        api.refused(
            "Pendant Hunter",
            "PUT",
            &path,
            Some(json!({"title": "x", "scheduled_at": JAN_2027})),
            StatusCode::FORBIDDEN,
            "players and organizers",
        )
        .await;
        api.refused(
            "Zelda Speedster",
            "POST",
            &format!("{path}/advance"),
            None,
            StatusCode::CONFLICT,
            "schedule it before advancing",
        )
        .await;
        api.ok(
            "Mirror Shield",
            "PUT",
            &path,
            Some(json!({"title": "Round 1", "scheduled_at": JAN_2027})),
        )
        .await;
        let (_, shown) = api.call(None, "GET", &path, None).await;
        assert_eq!(shown["status"], "scheduled");
        assert_eq!(shown["times"]["scheduled_at"], JAN_2027);

        // Only organizers move a match along (the central guard refuses the others).
        let (status, _) = api
            .call(
                Some("Boots First"),
                "POST",
                &format!("{path}/advance"),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        for expected in ["checked_in", "in_progress"] {
            let answer = api
                .ok("Zelda Speedster", "POST", &format!("{path}/advance"), None)
                .await;
            assert_eq!(answer["status"], expected);
        }
        // Once checked in, its players no longer change it.
        api.refused(
            "Boots First",
            "PUT",
            &path,
            Some(json!({"title": "Round 1", "scheduled_at": JAN_2027 + 1})),
            StatusCode::CONFLICT,
            "ask an organizer",
        )
        .await;

        // Results: each refusal changes nothing; good ones finish the match.
        let bad_results = [
            (
                json!([{"user_id": boots, "rank": 2}, {"user_id": mirror, "rank": 2}]),
                "give the winner place 1",
            ),
            (
                json!([{"user_id": boots, "rank": 1}, {"user_id": pendant, "rank": 2}]),
                "does not play in this match",
            ),
            (json!([{"user_id": boots, "rank": 3}]), "between 1 and 2"),
            (
                json!([{"user_id": boots, "rank": 1}, {"user_id": boots, "rank": 2}]),
                "ranked twice",
            ),
        ];
        for (ranks, words) in bad_results {
            api.refused(
                "Zelda Speedster",
                "PUT",
                &format!("{path}/results"),
                Some(json!({"ranks": ranks})),
                StatusCode::BAD_REQUEST,
                words,
            )
            .await;
        }
        let (_, shown) = api.call(None, "GET", &path, None).await;
        assert_eq!(shown["status"], "in_progress");
        assert!(shown["players"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["finish_rank"].is_null()));
        api.ok(
            "Zelda Speedster",
            "PUT",
            &format!("{path}/results"),
            Some(json!({"ranks": [{"user_id": mirror, "rank": 1}, {"user_id": boots, "rank": 2}]})),
        )
        .await;
        let (_, shown) = api.call(None, "GET", &path, None).await;
        assert_eq!(shown["status"], "finished");
        let winner = shown["players"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["finish_rank"] == 1)
            .unwrap()["user_id"]
            .clone();
        assert_eq!(winner, mirror);
        let answer = api
            .ok("Zelda Speedster", "POST", &format!("{path}/advance"), None)
            .await;
        assert_eq!(answer["status"], "recorded");
        api.refused(
            "Zelda Speedster",
            "POST",
            &format!("{path}/advance"),
            None,
            StatusCode::CONFLICT,
            "no further step",
        )
        .await;
        api.refused(
            "Zelda Speedster",
            "PUT",
            &path,
            Some(json!({"title": "Final", "scheduled_at": JAN_2027})),
            StatusCode::CONFLICT,
            "revert it",
        )
        .await;
        // Reverting past "finished" clears the results.
        for expected in ["finished", "in_progress"] {
            let answer = api
                .ok("Zelda Speedster", "POST", &format!("{path}/revert"), None)
                .await;
            assert_eq!(answer["status"], expected);
        }
        let (_, shown) = api.call(None, "GET", &path, None).await;
        assert!(shown["players"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["finish_rank"].is_null()));
        // Without a winner, a finished match is not recorded.
        api.ok("Zelda Speedster", "POST", &format!("{path}/advance"), None)
            .await;
        api.refused(
            "Zelda Speedster",
            "POST",
            &format!("{path}/advance"),
            None,
            StatusCode::CONFLICT,
            "record the results first",
        )
        .await;

        let types: Vec<String> = sqlx::query_scalar(
            "SELECT event_type FROM events WHERE event_type LIKE 'tournament.match_%' ORDER BY id",
        )
        .fetch_all(db.pool())
        .await
        .unwrap();
        assert_eq!(
            types,
            [
                "tournament.match_scheduled", // created
                "tournament.match_scheduled", // given its time
                "tournament.match_updated",
                "tournament.match_updated",  // checked in
                "tournament.match_updated",  // in progress
                "tournament.match_finished", // results
                "tournament.match_recorded",
                "tournament.match_updated",  // back to finished
                "tournament.match_updated",  // back to in progress
                "tournament.match_finished", // finished again
            ]
        );

        // Lists: the tournament's schedule, a player's, "my matches"; deleting.
        let second = api
            .ok(
                "Zelda Speedster",
                "POST",
                "/matches",
                Some(json!({"tournament_id": id, "players": [pendant, boots],
                            "scheduled_at": JAN_2027 - 3_600_000})),
            )
            .await["id"]
            .as_i64()
            .unwrap();
        let (_, page) = api
            .call(None, "GET", &format!("/tournaments/{id}/matches"), None)
            .await;
        let order: Vec<i64> = page["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["id"].as_i64().unwrap())
            .collect();
        assert_eq!(order, [second, m], "earliest first");
        assert_eq!(page["total"], 2);
        let (_, page) = api
            .call(
                None,
                "GET",
                &format!("/tournaments/{id}/matches?player={pendant}"),
                None,
            )
            .await;
        assert_eq!(page["total"], 1);
        let (_, page) = api
            .call(
                None,
                "GET",
                &format!("/tournaments/{id}/matches?per_page=1&page=2"),
                None,
            )
            .await;
        assert_eq!(page["rows"][0]["id"], m);
        let (status, _) = api
            .call(
                None,
                "GET",
                &format!("/tournaments/{id}/matches?per_page=5000"),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        let mine = api.ok("Mirror Shield", "GET", "/my/matches", None).await;
        assert_eq!(mine["total"], 1);
        let (status, _) = api.call(None, "GET", "/my/matches", None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let (status, _) = api
            .call(
                Some("Boots First"),
                "DELETE",
                &format!("/matches/{second}"),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        api.ok(
            "Zelda Speedster",
            "DELETE",
            &format!("/matches/{second}"),
            None,
        )
        .await;
        let (status, _) = api
            .call(None, "GET", &format!("/matches/{second}"), None)
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
);

db_test!(
    crew_sign_themselves_up_and_organizers_approve,
    |db: Db| async move {
        let mut api = Api::new(&db, BASE).await;
        let id = tournament(&mut api, "Spring Cup").await;
        let (boots, mirror, synack) = (
            api.id("Boots First"),
            api.id("Mirror Shield"),
            api.id("Synack"),
        );
        let m = api
            .ok(
                "Zelda Speedster",
                "POST",
                "/matches",
                Some(json!({"tournament_id": id, "players": [boots, mirror]})),
            )
            .await["id"]
            .as_i64()
            .unwrap();
        let crew = format!("/matches/{m}/crew");
        let signup = api
            .ok(
                "Pendant Hunter",
                "POST",
                &crew,
                Some(json!({"role": "commentator"})),
            )
            .await["id"]
            .as_i64()
            .unwrap();
        let refusals = [
            (
                "Pendant Hunter",
                json!({"role": "commentator"}),
                StatusCode::CONFLICT,
                "already signed up",
            ),
            (
                "Boots First",
                json!({"role": "tracker"}),
                StatusCode::CONFLICT,
                "a player of the match",
            ),
            (
                "Pendant Hunter",
                json!({"role": "tracker", "user_id": synack}),
                StatusCode::FORBIDDEN,
                "organizers add others",
            ),
            (
                "Kraid Cruncher",
                json!({"role": "tracker"}),
                StatusCode::FORBIDDEN,
                "members",
            ),
        ];
        for (who, body, status, words) in refusals {
            api.refused(who, "POST", &crew, Some(body), status, words)
                .await;
        }
        let (status, _) = api
            .call(
                Some("Pendant Hunter"),
                "POST",
                &crew,
                Some(json!({"role": "juggler"})),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        let (_, shown) = api.call(None, "GET", &format!("/matches/{m}"), None).await;
        assert_eq!(shown["crew"].as_array().unwrap().len(), 1);
        assert_eq!(shown["crew"][0]["approved"], false);

        // Approval: those who approve crew only (Boots is refused by the central guard).
        let approval = format!("/crew/{signup}/approval");
        let (status, _) = api
            .call(
                Some("Boots First"),
                "PUT",
                &approval,
                Some(json!({"approved": true})),
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        api.ok(
            "Zelda Speedster",
            "PUT",
            &approval,
            Some(json!({"approved": true})),
        )
        .await;
        // An organizer's own addition is approved at once.
        api.ok(
            "Zelda Speedster",
            "POST",
            &crew,
            Some(json!({"role": "tracker", "user_id": synack})),
        )
        .await;
        let (_, shown) = api.call(None, "GET", &format!("/matches/{m}"), None).await;
        let crew_list = shown["crew"].as_array().unwrap();
        assert_eq!(crew_list.len(), 2);
        assert!(crew_list.iter().all(|c| c["approved"] == true), "{shown}");
        let tracker = crew_list.iter().find(|c| c["role"] == "tracker").unwrap()["id"]
            .as_i64()
            .unwrap();
        let mine = api.ok("Pendant Hunter", "GET", "/my/crew", None).await;
        assert_eq!(mine["total"], 1);

        // Removing: one's own, or any for organizers; not someone else's.
        let (status, _) = api
            .call(
                Some("Pendant Hunter"),
                "DELETE",
                &format!("/crew/{tracker}"),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        api.ok("Pendant Hunter", "DELETE", &format!("/crew/{signup}"), None)
            .await;
        api.ok(
            "Zelda Speedster",
            "DELETE",
            &format!("/crew/{tracker}"),
            None,
        )
        .await;
        let types: Vec<String> = sqlx::query_scalar(
            "SELECT event_type FROM events WHERE event_type LIKE 'tournament.crew_%' ORDER BY id",
        )
        .fetch_all(db.pool())
        .await
        .unwrap();
        assert_eq!(
            types,
            [
                "tournament.crew_signed_up",
                "tournament.crew_approved",
                "tournament.crew_signed_up",
                "tournament.crew_removed",
                "tournament.crew_removed",
            ]
        );
    }
);

db_test!(stream_channels_belong_to_organizers, |db: Db| async move {
    let mut api = Api::new(&db, BASE).await;
    let id = tournament(&mut api, "Spring Cup").await;
    let bad = [
        (
            json!({"name": "Main", "url": "twitch.tv/main"}),
            StatusCode::BAD_REQUEST,
            "https://",
        ),
        (
            json!({"name": "", "url": "https://twitch.tv/main"}),
            StatusCode::BAD_REQUEST,
            "name",
        ),
    ];
    for (body, status, words) in bad {
        api.refused(
            "Zelda Speedster",
            "POST",
            "/stream-channels",
            Some(body),
            status,
            words,
        )
        .await;
    }
    let channel = api
        .ok(
            "Zelda Speedster",
            "POST",
            "/stream-channels",
            Some(json!({"name": "Main", "url": "https://twitch.tv/main"})),
        )
        .await["id"]
        .as_i64()
        .unwrap();
    api.refused(
        "Zelda Speedster",
        "POST",
        "/stream-channels",
        Some(json!({"name": "Main", "url": "https://twitch.tv/other"})),
        StatusCode::CONFLICT,
        "exists already",
    )
    .await;
    let (boots, mirror) = (api.id("Boots First"), api.id("Mirror Shield"));
    let body =
        json!({"tournament_id": id, "players": [boots, mirror], "stream_channel_id": channel});
    api.refused(
        "Boots First",
        "POST",
        "/matches",
        Some(body.clone()),
        StatusCode::FORBIDDEN,
        "organizers assign stream channels",
    )
    .await;
    let m = api
        .ok("Zelda Speedster", "POST", "/matches", Some(body))
        .await["id"]
        .as_i64()
        .unwrap();
    let (_, page) = api
        .call(
            None,
            "GET",
            &format!("/tournaments/{id}/matches?channel={channel}"),
            None,
        )
        .await;
    assert_eq!(page["rows"][0]["stream"]["name"], "Main");
    api.ok(
        "Zelda Speedster",
        "DELETE",
        &format!("/stream-channels/{channel}"),
        None,
    )
    .await;
    let (_, shown) = api.call(None, "GET", &format!("/matches/{m}"), None).await;
    assert!(shown["stream"].is_null(), "{shown}");
});

db_test!(
    players_submit_settings_checked_against_the_form,
    |db: Db| async move {
        let mut api = Api::new(&db, BASE).await;
        let id = tournament(&mut api, "Spring Cup").await;
        let (boots, mirror) = (api.id("Boots First"), api.id("Mirror Shield"));
        let m = api
            .ok(
                "Boots First",
                "POST",
                "/matches",
                Some(json!({"tournament_id": id, "players": [boots, mirror]})),
            )
            .await["id"]
            .as_i64()
            .unwrap();
        let game1 = format!("/matches/{m}/settings/1");
        api.refused(
            "Boots First",
            "PUT",
            &game1,
            Some(json!({"mode": "open"})),
            StatusCode::CONFLICT,
            "asks its players for no settings",
        )
        .await;
        let form_path = format!("/tournaments/{id}/settings-form");
        api.refused(
            "Zelda Speedster",
            "PUT",
            &form_path,
            Some(json!([{"name": "Mode", "label": "Mode", "type": "checkbox"}])),
            StatusCode::BAD_REQUEST,
            "form[0].name",
        )
        .await;
        let form = json!([
            {"name": "mode", "label": "Mode", "type": "select", "options": ["open", "standard"], "required": true},
            {"name": "hearts", "label": "Hearts", "type": "number", "min": 3, "max": 20}
        ]);
        api.ok("Zelda Speedster", "PUT", &form_path, Some(form))
            .await;

        api.refused(
            "Boots First",
            "PUT",
            &game1,
            Some(json!({"hearts": 30, "swords": "none"})),
            StatusCode::BAD_REQUEST,
            "swords: is not a field of this tournament's form; mode: is required; hearts: must be at most 20",
        )
        .await;
        api.refused(
            "Pendant Hunter",
            "PUT",
            &game1,
            Some(json!({"mode": "open"})),
            StatusCode::FORBIDDEN,
            "only the match's players",
        )
        .await;
        api.refused(
            "Boots First",
            "PUT",
            &format!("/matches/{m}/settings/0"),
            Some(json!({"mode": "open"})),
            StatusCode::BAD_REQUEST,
            "game_number",
        )
        .await;
        assert_eq!(count(&db, "SELECT COUNT(*) FROM match_settings").await, 0);
        api.ok(
            "Boots First",
            "PUT",
            &game1,
            Some(json!({"mode": "open", "hearts": "5"})),
        )
        .await;
        // A second submission of the game replaces the first, until it is applied.
        let stored = api
            .ok(
                "Mirror Shield",
                "PUT",
                &game1,
                Some(json!({"mode": "standard"})),
            )
            .await["id"]
            .as_i64()
            .unwrap();
        let listed = api
            .ok(
                "Boots First",
                "GET",
                &format!("/matches/{m}/settings"),
                None,
            )
            .await;
        assert_eq!(listed.as_array().unwrap().len(), 1);
        assert_eq!(listed[0]["settings"], json!({"mode": "standard"}));
        let (status, _) = api
            .call(
                Some("Pendant Hunter"),
                "GET",
                &format!("/matches/{m}/settings"),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        api.ok(
            "Zelda Speedster",
            "GET",
            &format!("/matches/{m}/settings"),
            None,
        )
        .await;
        api.ok(
            "Zelda Speedster",
            "PUT",
            &format!("/settings/{stored}/applied"),
            Some(json!({"applied": true})),
        )
        .await;
        api.refused(
            "Boots First",
            "PUT",
            &game1,
            Some(json!({"mode": "open"})),
            StatusCode::CONFLICT,
            "applied already",
        )
        .await;
        api.refused(
            "Mirror Shield",
            "DELETE",
            &format!("/settings/{stored}"),
            None,
            StatusCode::CONFLICT,
            "applied settings stay",
        )
        .await;
        assert_eq!(
            count(
                &db,
                "SELECT COUNT(*) FROM events WHERE event_type = 'tournament.settings_submitted'"
            )
            .await,
            2
        );
    }
);

/// A fake alttpr.com answering every generation with the same seed.
async fn fake_alttpr() -> String {
    let app = axum::Router::new().fallback(|| async {
        json!({"hash": "h4sH1", "patch": [{"1573397": [1, 2, 3, 4, 5]}], "spoiler": {"meta": {}}})
            .to_string()
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    base
}

db_test!(preset_rules_pick_each_match_seed, |db: Db| async move {
    let mut api = Api::new(&db, BASE).await;
    let root = Actor {
        user_id: api.id("Synack"),
        ip: None,
    };
    let config = json!({"base_url": fake_alttpr().await});
    lifecycle::configure_installation(&db, &root, "alttpr", config.as_object().unwrap())
        .await
        .unwrap();
    lifecycle::enable(&db, &root, &org_ref(&db, "alttpr").await, "alttpr")
        .await
        .unwrap();
    for name in ["open", "final"] {
        let request = Request::post(
            "/api/plugins/presets/organizations/alttpr/namespaces/zelda-speedster/presets",
        )
        .header(
            "authorization",
            format!("Bearer {}", api.tokens["Zelda Speedster"]),
        )
        .header("content-type", "application/json");
        let body = json!({"randomizer": "alttpr", "name": name,
                "yaml": "settings:\n  goal: ganon\n  mode: open\n"});
        let answer = api
            .client
            .send(request, axum::body::Body::from(body.to_string()))
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    }

    api.refused(
        "Zelda Speedster",
        "POST",
        "/tournaments",
        Some(json!({"name": "Cup", "randomizer": "alttpr", "preset": "nowhere"})),
        StatusCode::BAD_REQUEST,
        "no alttpr preset `nowhere`",
    )
    .await;
    let id = api
        .ok(
            "Zelda Speedster",
            "POST",
            "/tournaments",
            Some(json!({"name": "Cup", "randomizer": "alttpr", "preset": "open"})),
        )
        .await["id"]
        .as_i64()
        .unwrap();
    let (_, shown) = api
        .call(None, "GET", &format!("/tournaments/{id}"), None)
        .await;
    assert_eq!(shown["preset"], "zelda-speedster/open");
    let (boots, mirror) = (api.id("Boots First"), api.id("Mirror Shield"));
    for player in [boots, mirror] {
        api.ok(
            "Zelda Speedster",
            "POST",
            &format!("/tournaments/{id}/players"),
            Some(json!({"user_id": player})),
        )
        .await;
    }

    let rules_path = format!("/tournaments/{id}/preset-rules");
    let rule = |value: Value, preset: &str| {
        json!([{"name": "finals", "when": {"field": "match.title", "op": "matches_regex",
                     "value": value}, "preset": preset}])
    };
    api.refused(
        "Zelda Speedster",
        "PUT",
        &rules_path,
        Some(rule(json!("a".repeat(201)), "final")),
        StatusCode::BAD_REQUEST,
        "rules[0].when.value: a regular expression may be at most 200 characters",
    )
    .await;
    api.refused(
        "Zelda Speedster",
        "PUT",
        &rules_path,
        Some(rule(json!("final"), "nowhere")),
        StatusCode::BAD_REQUEST,
        "rules[0].preset: there is no alttpr preset `nowhere`",
    )
    .await;
    let (_, shown) = api
        .call(None, "GET", &format!("/tournaments/{id}"), None)
        .await;
    assert_eq!(shown["preset_rules"], json!([]));
    api.ok(
        "Zelda Speedster",
        "PUT",
        &rules_path,
        Some(rule(json!("final$"), "final")),
    )
    .await;
    let (_, shown) = api
        .call(None, "GET", &format!("/tournaments/{id}"), None)
        .await;
    assert_eq!(shown["preset_rules"][0]["preset"], "zelda-speedster/final");

    let mut made = Vec::new();
    for title in ["Grand Final", "Round 1"] {
        let m = api
            .ok(
                "Zelda Speedster",
                "POST",
                "/matches",
                Some(json!({"tournament_id": id, "players": [boots, mirror], "title": title})),
            )
            .await["id"]
            .as_i64()
            .unwrap();
        made.push(m);
    }
    let picked = api
        .ok(
            "Zelda Speedster",
            "GET",
            &format!("/matches/{}/preset", made[0]),
            None,
        )
        .await;
    assert_eq!(picked["preset"], "zelda-speedster/final");
    assert_eq!(picked["rule"], json!([0, "finals"]));
    let picked = api
        .ok(
            "Zelda Speedster",
            "GET",
            &format!("/matches/{}/preset", made[1]),
            None,
        )
        .await;
    assert_eq!(picked["preset"], "zelda-speedster/open");
    assert!(picked["rule"].is_null());
    let (status, _) = api
        .call(
            Some("Boots First"),
            "GET",
            &format!("/matches/{}/preset", made[1]),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // The seed is rolled through Presets (in the seed history) and kept with the match.
    let seed = api
        .ok(
            "Zelda Speedster",
            "POST",
            &format!("/matches/{}/seed", made[0]),
            None,
        )
        .await;
    assert!(
        seed["permalink"].as_str().unwrap().ends_with("/h/h4sH1"),
        "{seed}"
    );
    assert_eq!(seed["preset"], "zelda-speedster/final");
    assert_eq!(seed["rule"], "finals");
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM seed_rolls WHERE origin = 'match'"
        )
        .await,
        1
    );
    // Players see it before the match starts; a visitor only once it has.
    let as_player = api
        .ok("Boots First", "GET", &format!("/matches/{}", made[0]), None)
        .await;
    assert_eq!(as_player["seed"]["preset"], "zelda-speedster/final");
    let (_, as_visitor) = api
        .call(None, "GET", &format!("/matches/{}", made[0]), None)
        .await;
    assert!(as_visitor["seed"].is_null(), "{as_visitor}");
    api.ok(
        "Zelda Speedster",
        "PUT",
        &format!("/matches/{}", made[0]),
        Some(json!({"title": "Grand Final", "scheduled_at": JAN_2027})),
    )
    .await;
    for _ in 0..2 {
        api.ok(
            "Zelda Speedster",
            "POST",
            &format!("/matches/{}/advance", made[0]),
            None,
        )
        .await;
    }
    let (_, as_visitor) = api
        .call(None, "GET", &format!("/matches/{}", made[0]), None)
        .await;
    assert_eq!(as_visitor["seed"]["permalink"], seed["permalink"]);
});

fn reply_text(response: &sahabot_sdk::discord::Response) -> (String, bool) {
    match response {
        sahabot_sdk::discord::Response::Message(r) | sahabot_sdk::discord::Response::Update(r) => {
            (r.content.clone(), r.ephemeral)
        }
        other => panic!("not a message: {other:?}"),
    }
}

db_test!(discord_commands_apply_the_same_rules, |db: Db| async move {
    use sahabot_runtime::dispatch;
    let mut api = Api::new(&db, BASE).await;
    let id = tournament(&mut api, "Spring Cup").await;
    let (boots, mirror) = (api.id("Boots First"), api.id("Mirror Shield"));
    let m = api
        .ok(
            "Zelda Speedster",
            "POST",
            "/matches",
            Some(json!({"tournament_id": id, "players": [boots, mirror], "title": "Round 1"})),
        )
        .await["id"]
        .as_i64()
        .unwrap();
    let org = org_ref(&db, "alttpr").await;
    let user = |name: &str, id: i64| sahabot_core::model::CurrentUser {
        id,
        display_name: name.into(),
        permission: sahabot_core::model::Permission::User,
        impersonated_by: None,
    };
    let boots_user = user("Boots First", boots);
    let pendant_user = user("Pendant Hunter", api.id("Pendant Hunter"));
    let run =
        |who: Option<sahabot_core::model::CurrentUser>, name: &'static str, options: Value| {
            let db = db.clone();
            let org = org.clone();
            async move {
                let answer = dispatch::command(
                    &db,
                    &org,
                    who.as_ref(),
                    name,
                    options.as_object().unwrap().clone(),
                )
                .await
                .unwrap();
                reply_text(&answer)
            }
        };

    let (text, private) = run(Some(boots_user.clone()), "match", json!({"list": {}})).await;
    assert!(private);
    assert!(
        text.contains(&format!("#{m} Round 1 (Boots First vs Mirror Shield)")),
        "{text}"
    );
    assert!(text.contains("not scheduled"), "{text}");
    let (text, _) = run(Some(pendant_user.clone()), "match", json!({"list": {}})).await;
    assert_eq!(text, "You have no matches to play.");

    let schedule = |when: &str| json!({"schedule": {"id": m, "when": when}});
    let (text, private) = run(Some(boots_user.clone()), "match", schedule("soon")).await;
    assert!(private && text.contains("is not a time"), "{text}");
    let (text, private) = run(
        Some(pendant_user.clone()),
        "match",
        schedule("2027-01-05 18:00"),
    )
    .await;
    assert!(
        private && text.contains("only the match's players"),
        "{text}"
    );
    let (text, _) = run(None, "match", schedule("2027-01-05 18:00")).await;
    assert!(text.starts_with("Sign in to SahaBot"), "{text}");
    let (_, shown) = api.call(None, "GET", &format!("/matches/{m}"), None).await;
    assert!(shown["times"]["scheduled_at"].is_null());
    let (text, private) = run(
        Some(boots_user.clone()),
        "match",
        schedule("2027-01-05 18:00"),
    )
    .await;
    assert!(!private, "the channel sees the new time: {text}");
    assert!(text.contains("<t:1799172000:F>"), "{text}");
    let (_, shown) = api.call(None, "GET", &format!("/matches/{m}"), None).await;
    assert_eq!(shown["times"]["scheduled_at"], 1_799_172_000_000_i64);

    let signup = |role: &str| json!({"signup": {"id": m, "role": role}});
    let (text, _) = run(Some(pendant_user.clone()), "crew", signup("commentator")).await;
    assert!(text.contains("an organizer will approve it"), "{text}");
    let (text, _) = run(Some(pendant_user.clone()), "crew", signup("commentator")).await;
    assert!(text.contains("already signed up"), "{text}");
    let (text, _) = run(Some(boots_user), "crew", signup("tracker")).await;
    assert!(text.contains("a player of the match"), "{text}");
    let (_, shown) = api.call(None, "GET", &format!("/matches/{m}"), None).await;
    assert_eq!(shown["crew"][0]["display_name"], "Pendant Hunter");
    assert_eq!(shown["crew"][0]["approved"], false);

    // The calendar feeds carry the scheduled match.
    let (status, feed) = api
        .call(
            None,
            "GET",
            &format!("/tournaments/{id}/calendar.ics"),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let feed = feed.as_str().unwrap().to_string();
    assert!(feed.starts_with("BEGIN:VCALENDAR"), "{feed}");
    assert!(feed.contains(&format!("UID:match-{m}@sahabot")), "{feed}");
    let (status, feed) = api
        .call(
            None,
            "GET",
            &format!("/players/{mirror}/calendar.ics"),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        feed.as_str().unwrap().contains("DTSTART:20270105T180000Z"),
        "{feed}"
    );

    // A feed carries an entity tag and may be kept a minute; a calendar app that has it
    // already is told it has not changed.
    use tower::ServiceExt;
    let feed_path = format!("{BASE}/tournaments/{id}/calendar.ics");
    let first = api
        .client
        .app
        .clone()
        .oneshot(
            Request::get(&feed_path)
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(first.status(), StatusCode::OK);
    assert_eq!(first.headers()["cache-control"], "public, max-age=60");
    let etag = first.headers()["etag"].to_str().unwrap().to_owned();
    assert!(etag.starts_with('"') && etag.len() > 2, "{etag}");
    let again = api
        .client
        .app
        .clone()
        .oneshot(
            Request::get(&feed_path)
                .header("if-none-match", format!("\"other\", {etag}"))
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    let stale = api
        .client
        .app
        .clone()
        .oneshot(
            Request::get(&feed_path)
                .header("if-none-match", "\"other\"")
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(stale.status(), StatusCode::OK);
});

db_test!(
    the_roster_shows_pronouns_as_the_organization_chooses,
    |db: Db| async move {
        let mut api = Api::new(&db, BASE).await;
        let boots = Actor {
            user_id: api.id("Boots First"),
            ip: None,
        };
        sahabot_core::service::users::update_profile(&db, &boots, "Boots First", Some("they/them"))
            .await
            .unwrap();
        let pronouns_of_boots = |roster: &Value| {
            roster
                .as_array()
                .unwrap()
                .iter()
                .find(|m| m["display_name"] == "Boots First")
                .unwrap()["pronouns"]
                .clone()
        };
        let (_, roster) = api.call(None, "GET", "/roster", None).await;
        assert_eq!(pronouns_of_boots(&roster), "they/them");
        let zelda = Actor {
            user_id: api.id("Zelda Speedster"),
            ip: None,
        };
        let off = json!({"show_pronouns": false});
        lifecycle::configure_org(
            &db,
            &zelda,
            &org_ref(&db, "alttpr").await,
            "tournament",
            off.as_object().unwrap(),
        )
        .await
        .unwrap();
        let (_, roster) = api.call(None, "GET", "/roster", None).await;
        assert!(pronouns_of_boots(&roster).is_null(), "{roster}");
    }
);

db_test!(
    bulk_scheduling_creates_every_match_or_none,
    |db: Db| async move {
        let mut api = Api::new(&db, BASE).await;
        let id = tournament(&mut api, "Spring Cup").await;
        let channel = api
            .ok(
                "Zelda Speedster",
                "POST",
                "/stream-channels",
                Some(json!({"name": "Main", "url": "https://twitch.tv/main"})),
            )
            .await["id"]
            .as_i64()
            .unwrap();
        let (boots, mirror, pendant) = (
            api.id("Boots First"),
            api.id("Mirror Shield"),
            api.id("Pendant Hunter"),
        );
        let path = format!("/tournaments/{id}/matches/bulk");
        let good = json!({"players": [boots, mirror], "scheduled_at": JAN_2027,
                          "stream_channel_id": channel, "title": "Round 1"});
        // One bad match refuses the batch, naming it; nothing is created.
        let bad = [
            (
                json!([good, {"players": [boots, boots]}]),
                "matches[1]: players: user",
            ),
            (
                json!([good, {"players": [boots, api.id("Synack")]}]),
                "matches[1]: players: user",
            ),
            (
                json!([{"players": [mirror, pendant], "stream_channel_id": 999}, good]),
                "matches[0]: stream_channel_id: there is no stream channel 999",
            ),
            (
                json!([good, {"players": [mirror, pendant], "scheduled_at": 5}]),
                "matches[1]: scheduled_at",
            ),
            (json!([]), "schedule 1 to 200 matches at once"),
        ];
        for (matches, words) in bad {
            api.refused(
                "Zelda Speedster",
                "POST",
                &path,
                Some(json!({ "matches": matches })),
                StatusCode::BAD_REQUEST,
                words,
            )
            .await;
        }
        let too_many: Vec<Value> = (0..201).map(|_| good.clone()).collect();
        api.refused(
            "Zelda Speedster",
            "POST",
            &path,
            Some(json!({ "matches": too_many })),
            StatusCode::BAD_REQUEST,
            "schedule 1 to 200 matches at once",
        )
        .await;
        // Players schedule their own matches one at a time; bulk is for organizers.
        let (status, _) = api
            .call(
                Some("Boots First"),
                "POST",
                &path,
                Some(json!({ "matches": [good] })),
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_eq!(count(&db, "SELECT COUNT(*) FROM matches").await, 0);
        assert_eq!(count(&db, "SELECT COUNT(*) FROM match_players").await, 0);

        let created = api
            .ok(
                "Zelda Speedster",
                "POST",
                &path,
                Some(json!({"matches": [good, {"players": [mirror, pendant, boots]}]})),
            )
            .await;
        let ids: Vec<i64> = created["ids"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_i64().unwrap())
            .collect();
        assert_eq!(ids.len(), 2);
        let first = api
            .ok(
                "Zelda Speedster",
                "GET",
                &format!("/matches/{}", ids[0]),
                None,
            )
            .await;
        assert_eq!(first["title"], "Round 1");
        assert_eq!(first["status"], "scheduled");
        assert_eq!(first["stream"]["id"], channel);
        let second = api
            .ok(
                "Zelda Speedster",
                "GET",
                &format!("/matches/{}", ids[1]),
                None,
            )
            .await;
        assert_eq!(second["status"], "pending");
        assert_eq!(second["players"].as_array().unwrap().len(), 3);
        // Each match announced itself, as one created on its own does.
        assert_eq!(
            count(
                &db,
                "SELECT COUNT(*) FROM events WHERE event_type = 'tournament.match_scheduled'"
            )
            .await,
            2
        );

        // A closed tournament takes no new matches.
        api.ok(
            "Zelda Speedster",
            "PUT",
            &format!("/tournaments/{id}"),
            Some(json!({"name": "Spring Cup", "is_active": false})),
        )
        .await;
        api.refused(
            "Zelda Speedster",
            "POST",
            &path,
            Some(json!({ "matches": [good] })),
            StatusCode::CONFLICT,
            "is not active",
        )
        .await;
        assert_eq!(count(&db, "SELECT COUNT(*) FROM matches").await, 2);
    }
);

db_test!(
    demo_mode_shows_a_tournament_in_each_community,
    |db: Db| async move {
        let mut api = Api::new(&db, BASE).await;
        assert_eq!(
            sahabot_runtime::demo::fill(&db).await.unwrap(),
            Vec::<String>::new()
        );
        for org in ["alttpr", "sm-league"] {
            let listed = api
                .client
                .send(
                    Request::get(format!(
                        "/api/plugins/tournament/organizations/{org}/tournaments"
                    )),
                    axum::body::Body::empty(),
                )
                .await;
            assert_eq!(listed.status, StatusCode::OK, "{}", listed.body);
            let listed: Value = serde_json::from_str(&listed.body).unwrap();
            assert_eq!(listed[0]["name"], "Spring Invitational", "{org}: {listed}");
            let id = listed[0]["id"].as_i64().unwrap();
            let schedule = api
                .client
                .send(
                    Request::get(format!(
                        "/api/plugins/tournament/organizations/{org}/tournaments/{id}/matches"
                    )),
                    axum::body::Body::empty(),
                )
                .await;
            let schedule: Value = serde_json::from_str(&schedule.body).unwrap();
            let mut statuses: Vec<&str> = schedule["rows"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| m["status"].as_str().unwrap())
                .collect();
            statuses.sort_unstable();
            assert_eq!(
                statuses,
                ["pending", "recorded", "scheduled", "scheduled"],
                "{org}"
            );
        }
    }
);
