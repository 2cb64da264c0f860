//! Every lifecycle hook runs at its moment, and a hook that fails or panics takes the plugin out
//! of service only where it failed — on SQLite and PostgreSQL.

#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use std::sync::Mutex;

use common::org_ref as org;
use common::{app, browser_as, demo_user_id};
use sahabot_core::db::Db;
use sahabot_core::db_test;
use sahabot_core::repo::plugins;
use sahabot_core::service::Actor;
use sahabot_runtime::access::plugin_in_service;
use sahabot_runtime::reconcile::reconcile;
use sahabot_runtime::{catalog, lifecycle, RuntimeError};

/// What the probe's hooks saw: `{database}|{hook}[:{organization or version}]`.
static SEEN: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn see(pool: &sqlx::AnyPool, what: String) {
    SEEN.lock()
        .unwrap()
        .push(format!("{}|{what}", pool.connect_options().database_url));
}

fn seen(db: &Db) -> Vec<String> {
    let prefix = format!("{}|", db.pool().connect_options().database_url);
    SEEN.lock()
        .unwrap()
        .iter()
        .filter_map(|s| s.strip_prefix(&prefix).map(str::to_owned))
        .collect()
}

mod probe {
    use sahabot_sdk::runtime_kinds::{InstallContext, OrgContext, PluginError};

    use super::see;

    sahabot_sdk::plugin! {
        id: hooks_probe,
        manifest: "id: hooks_probe
name: Hooks probe
version: 0.2.0
description: Records its lifecycle hooks; refuses sm-league and panics for newcomers.
author: SahaBot tests
type: external
category: utility
enabled_by_default: false
private: false
requires:
  sahabot: \">=0.1.0\"
",
        build: build,
    }

    fn build(p: &mut sahabot_sdk::Contributions) {
        p.on_install(install)
            .on_uninstall(uninstall)
            .on_upgrade(upgrade)
            .on_enable(enable)
            .on_disable(disable);
    }

    async fn install(ctx: InstallContext) -> Result<(), PluginError> {
        see(ctx.db.pool(), "install".into());
        Ok(())
    }

    async fn uninstall(ctx: InstallContext) -> Result<(), PluginError> {
        see(ctx.db.pool(), "uninstall".into());
        Ok(())
    }

    async fn upgrade(
        ctx: InstallContext,
        from: sahabot_sdk::semver::Version,
    ) -> Result<(), PluginError> {
        see(ctx.db.pool(), format!("upgrade:{from}"));
        Ok(())
    }

    async fn enable(ctx: OrgContext) -> Result<(), PluginError> {
        see(ctx.db.pool(), format!("enable:{}", ctx.org.slug));
        match ctx.org.slug.as_str() {
            "sm-league" => Err(PluginError::Message("sm-league refuses the probe".into())),
            "newcomers" => panic!("the probe panics for newcomers"),
            _ => Ok(()),
        }
    }

    async fn disable(ctx: OrgContext) -> Result<(), PluginError> {
        see(ctx.db.pool(), format!("disable:{}", ctx.org.slug));
        Ok(())
    }
}

async fn root(db: &Db) -> Actor {
    Actor {
        user_id: demo_user_id(db, "Synack").await,
        ip: None,
    }
}

fn failure(result: Result<(), RuntimeError>) -> String {
    match result {
        Err(RuntimeError::PluginFailed { message, .. }) => message,
        other => panic!("expected the plugin's failure, got {other:?}"),
    }
}

db_test!(every_hook_runs_at_its_moment, |db: Db| async move {
    let _ = app(&db).await;
    let root = root(&db).await;
    let alttpr = org(&db, "alttpr").await;
    lifecycle::install(&db, &root, "hooks_probe").await.unwrap();
    lifecycle::enable(&db, &root, &alttpr, "hooks_probe")
        .await
        .unwrap();
    lifecycle::disable(&db, &root, &alttpr, "hooks_probe")
        .await
        .unwrap();
    // A new version of the plugin is linked: the next start upgrades it from the recorded one.
    sqlx::query("UPDATE plugins SET version = '0.1.0' WHERE plugin_id = 'hooks_probe'")
        .execute(db.pool())
        .await
        .unwrap();
    reconcile(&db).await.unwrap();
    lifecycle::uninstall(&db, &root, "hooks_probe")
        .await
        .unwrap();
    assert_eq!(
        seen(&db),
        [
            "install",
            "enable:alttpr",
            "disable:alttpr",
            "upgrade:0.1.0",
            "uninstall"
        ]
    );
});

db_test!(
    a_failed_enable_hook_keeps_the_plugin_off_in_that_organization_only,
    |db: Db| async move {
        let _ = app(&db).await;
        let root = root(&db).await;
        let (alttpr, league) = (org(&db, "alttpr").await, org(&db, "sm-league").await);
        lifecycle::install(&db, &root, "hooks_probe").await.unwrap();
        lifecycle::enable(&db, &root, &alttpr, "hooks_probe")
            .await
            .unwrap();

        let message = failure(lifecycle::enable(&db, &root, &league, "hooks_probe").await);
        assert!(message.contains("sm-league refuses the probe"), "{message}");
        // Off in sm-league, with the reason on its switch …
        assert!(!plugin_in_service(&db, "hooks_probe", Some(&league))
            .await
            .unwrap());
        let row = catalog::for_org(&db, &league)
            .await
            .unwrap()
            .into_iter()
            .find(|p| p.id == "hooks_probe")
            .unwrap();
        assert!(!row.enabled);
        assert!(row.failed.is_none(), "not failed platform-wide");
        assert!(row
            .enable_failed
            .as_deref()
            .is_some_and(|e| e.contains("sm-league refuses the probe")));
        // … and untouched elsewhere.
        assert!(plugin_in_service(&db, "hooks_probe", Some(&alttpr))
            .await
            .unwrap());
        let installation = plugins::all(&db)
            .await
            .unwrap()
            .into_iter()
            .find(|r| r.plugin_id == "hooks_probe")
            .unwrap();
        assert!(installation.failed_error.is_none());
        let actions = sahabot_core::repo::audit::actions_of_user(&db, root.user_id, 50)
            .await
            .unwrap();
        assert!(
            actions.iter().any(|a| a == "plugin.enable_failed"),
            "{actions:?}"
        );
        // The organization's plugins page says why, next to the switch.
        let mut admin = browser_as(&db, Some("Synack")).await;
        let page = admin.get("/org/sm-league/admin/plugins").await;
        assert!(
            page.body
                .contains("Could not be turned on here: sm-league refuses the probe"),
            "{}",
            page.body
        );
    }
);

db_test!(
    a_panicking_hook_is_a_failure_and_the_app_goes_on,
    |db: Db| async move {
        let _ = app(&db).await;
        let root = root(&db).await;
        sahabot_core::service::orgs::create(&db, &root, "newcomers", "Newcomers", "")
            .await
            .unwrap();
        let newcomers = org(&db, "newcomers").await;
        lifecycle::install(&db, &root, "hooks_probe").await.unwrap();
        let message = failure(lifecycle::enable(&db, &root, &newcomers, "hooks_probe").await);
        assert!(message.contains("panicked"), "{message}");
        assert!(!plugin_in_service(&db, "hooks_probe", Some(&newcomers))
            .await
            .unwrap());
        // The plugin still serves the other organizations.
        let alttpr = org(&db, "alttpr").await;
        lifecycle::enable(&db, &root, &alttpr, "hooks_probe")
            .await
            .unwrap();
        assert!(plugin_in_service(&db, "hooks_probe", Some(&alttpr))
            .await
            .unwrap());
    }
);
