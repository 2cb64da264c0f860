//! The plugin runtime against a real database: reconciliation at start, per-organization rows,
//! dependency rules, global plugins, configuration levels, failure isolation and the enablement
//! cache across instances — on SQLite and PostgreSQL.

#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use axum::http::StatusCode;
use common::org_ref as org;
use common::{app, browser_as, demo_user_id};
use sahabot_core::db::Db;
use sahabot_core::db_test;
use sahabot_core::enablement::ENABLEMENT_TTL;
use sahabot_core::repo::plugins;
use sahabot_core::service::Actor;
use sahabot_runtime::access::plugin_in_service;
use sahabot_runtime::lifecycle;
use sahabot_runtime::reconcile::reconcile;
use sahabot_runtime::RuntimeError;
use sahabot_sdk::access::OrgRef;
use serde_json::json;

async fn actor(db: &Db, name: &str) -> Actor {
    Actor {
        user_id: demo_user_id(db, name).await,
        ip: None,
    }
}

async fn enabled(db: &Db, slug: &str) -> Vec<String> {
    plugins::enabled_for_org(db.pool(), org(db, slug).await.id)
        .await
        .unwrap()
}

fn refusal(result: Result<(), RuntimeError>) -> String {
    match result {
        Err(RuntimeError::Refused(message)) => message,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

db_test!(
    start_records_every_plugin_and_applies_its_migrations,
    |db: Db| async move {
        let _ = app(&db).await;
        let rows = plugins::all(&db).await.unwrap();
        let ids: Vec<&str> = rows.iter().map(|r| r.plugin_id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "alttpr",
                "async_qualifier",
                "discord_bot",
                "links",
                "ootr",
                "presets",
                "racetime",
                "sm",
                "smz3",
                "tournament"
            ]
        );
        // Built-in plugins are installed at once; the external one waits for a global admin.
        for row in &rows {
            assert_eq!(row.is_installed, row.kind == "builtin", "{}", row.plugin_id);
            assert!(row.failed_error.is_none());
        }
        assert_eq!(
            plugins::migration_record(&db, "presets", "0001_namespaces")
                .await
                .unwrap()
                .map(|r| r.1),
            Some(true)
        );
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM preset_namespaces")
            .fetch_one(db.pool())
            .await
            .unwrap();
        assert_eq!(count, 0);

        // A second start changes nothing; a recorded older version is upgraded; a plugin that is no
        // longer linked is marked not installed.
        assert_eq!(reconcile(&db).await.unwrap(), Default::default());
        sqlx::query("UPDATE plugins SET version = '0.0.9' WHERE plugin_id = 'tournament'")
            .execute(db.pool())
            .await
            .unwrap();
        let mut conn = db.pool().acquire().await.unwrap();
        plugins::insert(
            &mut conn,
            &plugins::Registered {
                plugin_id: "ghost",
                name: "Ghost",
                version: "1.0.0",
                kind: "external",
                category: "utility",
                enabled_by_default: false,
                private: false,
            },
            true,
        )
        .await
        .unwrap();
        drop(conn);
        let report = reconcile(&db).await.unwrap();
        assert_eq!(
            report.upgraded,
            [("tournament".into(), "0.0.9".into(), "0.2.0".into())]
        );
        assert_eq!(report.removed, ["ghost"]);
        let ghost = plugins::all(&db)
            .await
            .unwrap()
            .into_iter()
            .find(|r| r.plugin_id == "ghost")
            .unwrap();
        assert!(!ghost.is_installed);
    }
);

db_test!(
    new_organizations_get_the_default_plugins,
    |db: Db| async move {
        let _ = app(&db).await;
        // alttpr turned the qualifier and ALTTPR on; sm-league kept the defaults.
        assert_eq!(
            enabled(&db, "alttpr").await,
            [
                "alttpr",
                "async_qualifier",
                "presets",
                "racetime",
                "tournament"
            ]
        );
        assert_eq!(
            enabled(&db, "sm-league").await,
            ["presets", "racetime", "tournament"]
        );
        let root = actor(&db, "Synack").await;
        sahabot_core::service::orgs::create(&db, &root, "newcomers", "Newcomers", "")
            .await
            .unwrap();
        assert_eq!(
            enabled(&db, "newcomers").await,
            ["presets", "racetime", "tournament"]
        );
        // The global plugin has no row and is in service everywhere.
        let newcomers = org(&db, "newcomers").await;
        assert!(plugins::org_rows(&db, newcomers.id)
            .await
            .unwrap()
            .iter()
            .all(|r| r.plugin_id != "discord_bot"));
        assert!(plugin_in_service(&db, "discord_bot", Some(&newcomers))
            .await
            .unwrap());
    }
);

db_test!(
    dependencies_are_explained_and_enforced,
    |db: Db| async move {
        let _ = app(&db).await;
        let kraid = actor(&db, "Kraid Cruncher").await;
        let sm = org(&db, "sm-league").await;
        lifecycle::disable(&db, &kraid, &sm, "racetime")
            .await
            .unwrap();
        let message = refusal(lifecycle::enable(&db, &kraid, &sm, "async_qualifier").await);
        assert_eq!(
            message,
            "enable RaceTime.gg first: Async Qualifier requires it"
        );
        assert!(!enabled(&db, "sm-league")
            .await
            .contains(&"async_qualifier".to_string()));
        lifecycle::enable(&db, &kraid, &sm, "racetime")
            .await
            .unwrap();
        lifecycle::enable(&db, &kraid, &sm, "async_qualifier")
            .await
            .unwrap();

        let message = refusal(lifecycle::disable(&db, &kraid, &sm, "presets").await);
        assert_eq!(
            message,
            "Async Qualifier requires Presets; disable it first"
        );
        assert!(enabled(&db, "sm-league")
            .await
            .contains(&"presets".to_string()));
        lifecycle::disable(&db, &kraid, &sm, "async_qualifier")
            .await
            .unwrap();
        lifecycle::disable(&db, &kraid, &sm, "presets")
            .await
            .unwrap();

        // Global plugins have no switch; built-in plugins cannot be uninstalled.
        let message = refusal(lifecycle::disable(&db, &kraid, &sm, "discord_bot").await);
        assert!(message.contains("is global"), "{message}");
        let root = actor(&db, "Synack").await;
        let message = refusal(lifecycle::uninstall(&db, &root, "tournament").await);
        assert!(message.contains("built in"), "{message}");
        let unknown = lifecycle::enable(&db, &kraid, &sm, "nope").await;
        assert!(
            matches!(unknown, Err(RuntimeError::NotFound(_))),
            "{unknown:?}"
        );

        // Each change is in the organization's audit log.
        let entries: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_log WHERE organization_id = $1 AND action LIKE 'plugin.%'",
        )
        .bind(sm.id)
        .fetch_one(db.pool())
        .await
        .unwrap();
        assert_eq!(entries, 5);
    }
);

db_test!(configuration_levels_and_validation, |db: Db| async move {
    let _ = app(&db).await;
    let root = actor(&db, "Synack").await;
    let kraid = actor(&db, "Kraid Cruncher").await;
    let sm = org(&db, "sm-league").await;
    let effective = |db: Db, org: i64| async move {
        sahabot_runtime::plugin_config::effective(&db, "racetime", Some(org))
            .await
            .unwrap()
    };
    assert_eq!(
        effective(db.clone(), sm.id).await["open_minutes_before"],
        json!(30)
    );

    let installation = json!({"open_minutes_before": 20, "goal": "Beat Mother Brain"});
    lifecycle::configure_installation(&db, &root, "racetime", installation.as_object().unwrap())
        .await
        .unwrap();
    let overrides = json!({"open_minutes_before": 45});
    lifecycle::configure_org(&db, &kraid, &sm, "racetime", overrides.as_object().unwrap())
        .await
        .unwrap();
    let config = effective(db.clone(), sm.id).await;
    assert_eq!(config["open_minutes_before"], json!(45));
    assert_eq!(config["goal"], json!("Beat Mother Brain"));
    assert_eq!(config["auto_open_rooms"], json!(false));
    let alttpr = org(&db, "alttpr").await;
    assert_eq!(
        effective(db.clone(), alttpr.id).await["open_minutes_before"],
        json!(20)
    );

    // Refused values name the field and store nothing.
    for (values, field) in [
        (json!({"open_minutes_before": 500}), "open_minutes_before"),
        (json!({"auto_open_rooms": "yes"}), "auto_open_rooms"),
        (json!({"colour": "red"}), "colour"),
    ] {
        match lifecycle::configure_org(&db, &kraid, &sm, "racetime", values.as_object().unwrap())
            .await
        {
            Err(RuntimeError::Invalid { field: f, .. }) => assert_eq!(f, field),
            other => panic!("{values}: {other:?}"),
        }
    }
    assert_eq!(
        effective(db.clone(), sm.id).await["open_minutes_before"],
        json!(45)
    );

    // The plugin reads it through its server function.
    let path = sahabot_sdk::access::server_fns()
        .into_iter()
        .find(|d| d.plugin == Some("racetime"))
        .unwrap()
        .path;
    let mut browser = browser_as(&db, None).await;
    let answer = browser
        .post_form(path, "org=sm-league", "same-origin")
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let settings: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
    assert_eq!(settings["open_minutes_before"], json!(45));
    assert_eq!(settings["goal"], json!("Beat Mother Brain"));
});

db_test!(
    a_failing_plugin_is_out_of_service_and_the_others_serve,
    |db: Db| async move {
        let app = app(&db).await;
        // The presets migration's record no longer matches its file: as if it had been edited.
        sqlx::query("UPDATE plugin_migrations SET checksum = 'edited' WHERE plugin_id = 'presets'")
            .execute(db.pool())
            .await
            .unwrap();
        let report = reconcile(&db).await.unwrap();
        assert_eq!(report.failed.len(), 1, "{report:?}");
        assert!(
            report.failed[0]
                .1
                .contains("was changed after it was applied"),
            "{report:?}"
        );
        let row = plugins::all(&db)
            .await
            .unwrap()
            .into_iter()
            .find(|r| r.plugin_id == "presets")
            .unwrap();
        assert!(row.failed_error.unwrap().contains("0001_namespaces"));

        let get = |path: &'static str| {
            let app = app.clone();
            async move {
                use tower::ServiceExt;
                let request = axum::http::Request::get(path)
                    .body(axum::body::Body::empty())
                    .unwrap();
                app.oneshot(request).await.unwrap().status()
            }
        };
        assert_eq!(get("/org/alttpr/presets").await, StatusCode::NOT_FOUND);
        assert_eq!(get("/org/alttpr/tournament").await, StatusCode::OK);
        let kraid = actor(&db, "Kraid Cruncher").await;
        let sm = org(&db, "sm-league").await;
        let message = refusal(lifecycle::enable(&db, &kraid, &sm, "async_qualifier").await);
        assert!(message.contains("enable Presets first"), "{message}");

        // Repaired, the next start brings it back.
        sqlx::query("DELETE FROM plugin_migrations WHERE plugin_id = 'presets'")
            .execute(db.pool())
            .await
            .unwrap();
        for table in [
            "seed_rolls",
            "preset_revisions",
            "presets",
            "preset_namespace_grants",
            "preset_namespaces",
        ] {
            sqlx::query(&format!("DROP TABLE {table}"))
                .execute(db.pool())
                .await
                .unwrap();
        }
        assert!(reconcile(&db).await.unwrap().failed.is_empty());
        assert_eq!(get("/org/alttpr/presets").await, StatusCode::OK);
    }
);

db_test!(
    other_instances_see_a_change_within_the_cache_bound,
    |db: Db| async move {
        let _ = app(&db).await;
        // A second handle on the same database is another instance with its own cache.
        let other = Db::connect(db.url()).await.unwrap();
        let sm = org(&db, "sm-league").await;
        assert!(plugin_in_service(&other, "tournament", Some(&sm))
            .await
            .unwrap());
        let kraid = actor(&db, "Kraid Cruncher").await;
        lifecycle::disable(&db, &kraid, &sm, "tournament")
            .await
            .unwrap();
        // This instance sees it at once.
        assert!(!plugin_in_service(&db, "tournament", Some(&sm))
            .await
            .unwrap());
        // The other one within the bound.
        tokio::time::sleep(ENABLEMENT_TTL + std::time::Duration::from_millis(100)).await;
        assert!(!plugin_in_service(&other, "tournament", Some(&sm))
            .await
            .unwrap());
        other.close().await;
    }
);

db_test!(
    private_plugins_are_invisible_until_granted,
    |db: Db| async move {
        let _ = app(&db).await;
        let root = actor(&db, "Synack").await;
        let zelda = actor(&db, "Zelda Speedster").await;
        let alttpr = org(&db, "alttpr").await;
        let visible = |db: Db, org: OrgRef| async move {
            sahabot_runtime::catalog::for_org(&db, &org)
                .await
                .unwrap()
                .into_iter()
                .map(|p| p.id)
                .collect::<Vec<_>>()
        };

        // Not installed: nobody sees it; installing twice is refused.
        assert!(!visible(db.clone(), alttpr.clone())
            .await
            .contains(&"links".to_string()));
        lifecycle::install(&db, &root, "links").await.unwrap();
        let message = refusal(lifecycle::install(&db, &root, "links").await);
        assert!(message.contains("already installed"), "{message}");
        // Installed but private: still invisible, and enabling it is as if it did not exist.
        assert!(!visible(db.clone(), alttpr.clone())
            .await
            .contains(&"links".to_string()));
        let hidden = lifecycle::enable(&db, &zelda, &alttpr, "links").await;
        assert!(
            matches!(hidden, Err(RuntimeError::NotFound(_))),
            "{hidden:?}"
        );

        // Granted: visible (off), with who granted it; then it can be turned on.
        lifecycle::grant(&db, &root, &alttpr, "links")
            .await
            .unwrap();
        assert!(visible(db.clone(), alttpr.clone())
            .await
            .contains(&"links".to_string()));
        let mut conn = db.pool().acquire().await.unwrap();
        let row = plugins::org_row(&mut conn, alttpr.id, "links")
            .await
            .unwrap()
            .unwrap();
        drop(conn);
        assert_eq!(row.access_granted_by.as_deref(), Some("Synack"));
        assert!(row.access_granted_at.is_some() && !row.enabled);
        lifecycle::enable(&db, &zelda, &alttpr, "links")
            .await
            .unwrap();
        assert!(plugin_in_service(&db, "links", Some(&alttpr))
            .await
            .unwrap());
        // Only this organization has it.
        let sm = org(&db, "sm-league").await;
        assert!(!visible(db.clone(), sm).await.contains(&"links".to_string()));

        // A public plugin cannot be granted; revoking turns it off and hides it again.
        let message = refusal(lifecycle::grant(&db, &root, &alttpr, "tournament").await);
        assert!(message.contains("not private"), "{message}");
        lifecycle::revoke(&db, &root, &alttpr, "links")
            .await
            .unwrap();
        assert!(!plugin_in_service(&db, "links", Some(&alttpr))
            .await
            .unwrap());
        assert!(!visible(db.clone(), alttpr.clone())
            .await
            .contains(&"links".to_string()));

        // Uninstalled, it is out of service everywhere, even where it was granted and on.
        lifecycle::grant(&db, &root, &alttpr, "links")
            .await
            .unwrap();
        lifecycle::enable(&db, &zelda, &alttpr, "links")
            .await
            .unwrap();
        lifecycle::uninstall(&db, &root, "links").await.unwrap();
        assert!(!plugin_in_service(&db, "links", Some(&alttpr))
            .await
            .unwrap());
        let message = refusal(lifecycle::uninstall(&db, &root, "links").await);
        assert!(message.contains("not installed"), "{message}");
    }
);

db_test!(
    enable_hooks_run_for_new_organizations_and_when_turned_on,
    |db: Db| async move {
        use leptos::server_fn::ServerFn;
        let namespaces = |db: Db, org_id: i64| async move {
            sqlx::query_scalar::<_, String>(
                "SELECT slug FROM preset_namespaces WHERE organization_id = $1",
            )
            .bind(org_id)
            .fetch_all(db.pool())
            .await
            .unwrap()
        };
        // Created through the web app: Presets is on by default and sets itself up.
        let mut root = browser_as(&db, Some("Synack")).await;
        let answer = root
            .post_form(
                sahabot_app::server_fns::CreateOrg::PATH,
                "slug=smz3-cup&name=SMZ3+Cup&description=",
                "same-origin",
            )
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
        let cup = org(&db, "smz3-cup").await;
        assert_eq!(namespaces(db.clone(), cup.id).await, ["smz3-cup"]);

        // Turned off and on again: the hook runs, and finds the namespace already there.
        let admin = actor(&db, "Synack").await;
        lifecycle::disable(&db, &admin, &cup, "presets")
            .await
            .unwrap();
        lifecycle::enable(&db, &admin, &cup, "presets")
            .await
            .unwrap();
        assert_eq!(namespaces(db.clone(), cup.id).await, ["smz3-cup"]);
    }
);

db_test!(
    concurrent_switches_cannot_break_the_dependency_rules,
    |db: Db| async move {
        let _ = app(&db).await;
        let admin = actor(&db, "Synack").await;
        let league = org(&db, "sm-league").await;
        // The qualifier requires Presets. Each round, one request turns the qualifier on while
        // another turns Presets off: one of them must be refused, whatever the interleaving.
        for round in 0..8 {
            lifecycle::enable(&db, &admin, &league, "presets")
                .await
                .unwrap();
            lifecycle::disable(&db, &admin, &league, "async_qualifier")
                .await
                .unwrap();
            let (on, off) = tokio::join!(
                lifecycle::enable(&db, &admin, &league, "async_qualifier"),
                lifecycle::disable(&db, &admin, &league, "presets"),
            );
            assert!(
                on.is_ok() != off.is_ok(),
                "round {round}: exactly one may pass: {on:?} / {off:?}"
            );
            let now = enabled(&db, "sm-league").await;
            assert!(
                !now.contains(&"async_qualifier".to_string())
                    || now.contains(&"presets".to_string()),
                "round {round}: the qualifier is on without Presets: {now:?}"
            );
        }
    }
);

db_test!(
    a_plugin_change_and_its_audit_entry_commit_together,
    |db: Db| async move {
        let _ = app(&db).await;
        let root = actor(&db, "Synack").await;
        lifecycle::install(&db, &root, "links").await.unwrap();
        let alttpr = org(&db, "alttpr").await;
        lifecycle::grant(&db, &root, &alttpr, "links")
            .await
            .unwrap();
        lifecycle::enable(&db, &root, &alttpr, "links")
            .await
            .unwrap();
        let data = sahabot_sdk::data::PluginDb::new(
            db.clone(),
            "links",
            Some(alttpr.clone()),
            Some(root.clone()),
        );
        let audited = |db: Db| async move {
            sahabot_core::repo::audit::actions_of_user(&db, root.user_id, 100)
                .await
                .unwrap()
                .into_iter()
                .filter(|a| a.starts_with("links."))
                .count()
        };
        // A write dropped before its commit leaves neither the change nor its entry.
        let mut write = data.write().await.unwrap();
        write
            .audit("link_added", json!({ "label": "never" }))
            .await
            .unwrap();
        drop(write);
        assert_eq!(audited(db.clone()).await, 0);
        // A committed one leaves both, the entry named after the plugin.
        let mut write = data.write().await.unwrap();
        write
            .audit("link_added", json!({ "label": "kept" }))
            .await
            .unwrap();
        write.commit().await.unwrap();
        let actions = sahabot_core::repo::audit::actions_of_user(&db, root.user_id, 100)
            .await
            .unwrap();
        assert!(
            actions.iter().any(|a| a == "links.link_added"),
            "{actions:?}"
        );
        assert_eq!(audited(db.clone()).await, 1);
        // A plugin publishes only its own events.
        let mut write = data.write().await.unwrap();
        let foreign = write
            .emit(&sahabot_core::events::MemberLeft {
                organization_id: alttpr.id,
                user_id: root.user_id,
            })
            .await;
        assert!(foreign.is_err(), "a core event from a plugin: {foreign:?}");
    }
);
