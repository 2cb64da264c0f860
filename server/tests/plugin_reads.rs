//! What plugin pages list is kept per instance (`PluginDb::kept`), on SQLite and PostgreSQL:
//! a change committed through this instance shows at once, whichever plugin or part of the
//! core made it; a change this instance did not make (another instance, written here straight
//! to the database) shows once the kept read expires.

#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use common::plugin_api::Api;
use common::rename_tournament_elsewhere;
use common::{demo_user_id, org_ref};
use sahabot_core::db::Db;
use sahabot_core::db_test;
use sahabot_core::plugin_reads::PLUGIN_READS_TTL;
use sahabot_core::service::Actor;
use sahabot_runtime::lifecycle;
use serde_json::{json, Value};

const BASE: &str = "/api/plugins/tournament/organizations/alttpr";

async fn names(api: &mut Api) -> Vec<String> {
    let listed: Value = api.ok("Zelda Speedster", "GET", "/tournaments", None).await;
    let mut names: Vec<String> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap().to_string())
        .collect();
    names.sort();
    names
}

db_test!(
    a_listed_page_follows_every_change_made_here_and_others_within_the_ttl,
    |db: Db| async move {
        let mut api = Api::new(&db, BASE).await;
        api.ok(
            "Zelda Speedster",
            "POST",
            "/tournaments",
            Some(json!({"name": "Spring Cup"})),
        )
        .await;
        assert_eq!(names(&mut api).await, ["Spring Cup"]);

        // Kept: a change this instance did not make is not seen yet.
        rename_tournament_elsewhere(&db, "Spring Cup", "Renamed Elsewhere").await;
        assert_eq!(names(&mut api).await, ["Spring Cup"], "kept");

        // A plugin's change committed here forgets the kept list at once.
        api.ok(
            "Zelda Speedster",
            "POST",
            "/tournaments",
            Some(json!({"name": "Autumn Cup"})),
        )
        .await;
        assert_eq!(names(&mut api).await, ["Autumn Cup", "Renamed Elsewhere"]);

        // So does a change of the core's (which plugins the organization has on).
        rename_tournament_elsewhere(&db, "Autumn Cup", "Winter Cup").await;
        assert_eq!(
            names(&mut api).await,
            ["Autumn Cup", "Renamed Elsewhere"],
            "kept"
        );
        let root = Actor {
            user_id: demo_user_id(&db, "Synack").await,
            ip: None,
        };
        let org = org_ref(&db, "alttpr").await;
        lifecycle::enable(&db, &root, &org, "sm").await.unwrap();
        assert_eq!(names(&mut api).await, ["Renamed Elsewhere", "Winter Cup"]);

        // Another instance's change shows once the kept read expires.
        rename_tournament_elsewhere(&db, "Winter Cup", "Summer Cup").await;
        assert_eq!(
            names(&mut api).await,
            ["Renamed Elsewhere", "Winter Cup"],
            "kept"
        );
        tokio::time::sleep(PLUGIN_READS_TTL + std::time::Duration::from_millis(200)).await;
        assert_eq!(names(&mut api).await, ["Renamed Elsewhere", "Summer Cup"]);
    }
);
