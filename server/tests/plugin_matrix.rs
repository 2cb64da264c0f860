//! Every registered plugin contribution — server function, page, API route, command, listener,
//! task — for every kind of actor, with its plugin in service and out of service for the
//! organization. A new contribution is covered without editing this test.
//!
//! Besides the product's plugins, this test binary links one more, `matrix_probe`, which
//! contributes the kinds no product plugin has yet (an event, a listener, a task), so that their
//! dispatch is walked too.

#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use axum::http::StatusCode;
use common::{api_status, bearer, browser_as, demo_user_id, ACTORS};
use sahabot_core::db::Db;
use sahabot_core::db_test;
use sahabot_core::repo::events;
use sahabot_core::repo::plugins;
use sahabot_core::repo::tasks;
use sahabot_core::service::Actor;
use sahabot_runtime::dispatch::{self, CommandRefusal};
use sahabot_runtime::{bus, scheduler};
use sahabot_sdk::access::{server_fns, OrgRef};
use sahabot_sdk::registry;
use sahabot_sdk::Guard;

mod probe {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use sahabot_sdk::runtime_kinds::{EventCall, PluginError, Task, TaskCall};

    pub static HEARD: AtomicUsize = AtomicUsize::new(0);
    pub static TICKED: AtomicUsize = AtomicUsize::new(0);

    sahabot_sdk::plugin! {
        id: matrix_probe,
        manifest: "id: matrix_probe
name: Matrix probe
version: 0.1.0
description: Contributes an event, a listener and a task for the access matrix.
author: SahaBot tests
type: builtin
category: utility
enabled_by_default: true
private: false
requires:
  sahabot: \">=0.1.0\"
provides:
  events: [ping]
  tasks: [tick]
",
        build: build,
    }

    fn build(p: &mut sahabot_sdk::Contributions) {
        p.emits::<Ping>().listen(heard).task(
            Task::every("tick", std::time::Duration::from_secs(60)),
            tick,
        );
    }

    #[derive(serde::Serialize, serde::Deserialize)]
    pub struct Ping {}

    impl sahabot_sdk::Event for Ping {
        const TYPE: &'static str = "matrix_probe.ping";
        fn organization_id(&self) -> Option<i64> {
            None
        }
    }

    async fn heard(_: EventCall, _: Ping) -> Result<(), PluginError> {
        HEARD.fetch_add(1, Ordering::SeqCst);
        Ok(())
    }

    async fn tick(_: TaskCall) -> Result<(), PluginError> {
        TICKED.fetch_add(1, Ordering::SeqCst);
        Ok(())
    }
}

/// Takes `plugin` out of service for alttpr (a global plugin: everywhere), or back.
async fn set_in_service(db: &Db, org_id: i64, plugin: &str, on: bool) {
    if registry::plugin(plugin).unwrap().is_global() {
        plugins::set_failed(
            db,
            plugin,
            (!on).then_some("taken out of service by the test"),
        )
        .await
        .unwrap();
    } else {
        let mut tx = db.begin_write().await.unwrap();
        plugins::set_enabled(&mut tx, org_id, plugin, on, None)
            .await
            .unwrap();
        tx.commit().await.unwrap();
    }
    db.enablement().invalidate_all();
}

db_test!(
    every_plugin_contribution_answers_by_actor_and_enablement,
    |db: Db| async move {
        let mut browsers = Vec::new();
        for actor in ACTORS {
            browsers.push(browser_as(&db, actor).await);
        }
        let mut api_tokens = vec![None];
        for actor in ACTORS.iter().flatten() {
            api_tokens.push(Some(bearer(&db, actor).await));
        }
        let org_id = sahabot_core::repo::orgs::id_by_slug(&db, "alttpr")
            .await
            .unwrap()
            .unwrap();
        let org = OrgRef {
            id: org_id,
            slug: "alttpr".into(),
            name: "ALTTPR Community".into(),
        };
        // External plugins are installed and private ones granted, so that each can be on.
        let root = Actor {
            user_id: demo_user_id(&db, "Synack").await,
            ip: None,
        };
        for plugin in registry::plugins() {
            let manifest = plugin.manifest().unwrap();
            if manifest.kind == sahabot_sdk::manifest::PluginKind::External {
                sahabot_runtime::lifecycle::install(&db, &root, plugin.id)
                    .await
                    .unwrap();
            }
            if manifest.private {
                sahabot_runtime::lifecycle::grant(&db, &root, &org, plugin.id)
                    .await
                    .unwrap();
            }
        }
        let mut covered = 0;
        for plugin in registry::plugins() {
            for on in [false, true] {
                set_in_service(&db, org_id, plugin.id, on).await;
                let ctx = format!("{} {}", plugin.id, if on { "on" } else { "off" });

                for decl in server_fns()
                    .into_iter()
                    .filter(|d| d.plugin == Some(plugin.id))
                {
                    for (actor, browser) in ACTORS.iter().zip(browsers.iter_mut()) {
                        let answer = browser
                            .post_form(decl.path, "org=alttpr", "same-origin")
                            .await;
                        let what = format!("{ctx}: {} as {actor:?}: {}", decl.path, answer.body);
                        if !on {
                            assert_eq!(answer.status, StatusCode::NOT_FOUND, "{what}");
                            continue;
                        }
                        let expected_refusal = match (decl.guard, actor) {
                            (Guard::Public, _) => None,
                            (_, None) => Some(StatusCode::UNAUTHORIZED),
                            (Guard::Org(_), Some("Zelda Speedster" | "Synack")) => None,
                            (Guard::Org(_), _) => Some(StatusCode::FORBIDDEN),
                            (Guard::Global(_), Some("Synack")) => None,
                            (Guard::Global(sahabot_sdk::GlobalAction::SignedIn), Some(_)) => None,
                            (Guard::Global(_), _) => Some(StatusCode::FORBIDDEN),
                        };
                        match expected_refusal {
                            Some(status) => assert_eq!(answer.status, status, "{what}"),
                            // Allowed: the call reaches the function, which may still refuse
                            // its (here missing) arguments.
                            None => assert!(
                                ![
                                    StatusCode::UNAUTHORIZED,
                                    StatusCode::FORBIDDEN,
                                    StatusCode::NOT_FOUND
                                ]
                                .contains(&answer.status)
                                    && !answer.status.is_server_error(),
                                "{what}"
                            ),
                        }
                    }
                    covered += 1;
                }

                // A platform page shows only what its server functions (walked above) return.
                for page in plugin
                    .contributions
                    .pages()
                    .iter()
                    .filter(|p| !p.is_platform())
                {
                    // A parameter takes a value no object has: the page itself must still be
                    // refused or served by the rules below.
                    let path = page
                        .href("alttpr")
                        .split('/')
                        .map(|s| if s.starts_with(':') { "1" } else { s })
                        .collect::<Vec<_>>()
                        .join("/");
                    for (actor, browser) in ACTORS.iter().zip(browsers.iter_mut()) {
                        let answer = browser.get(&path).await;
                        // The page's rule is applied before it renders: a visitor is sent to
                        // sign in, someone it refuses gets 403. Past the rule, a server
                        // function the page awaits may still refuse (401/403).
                        let may_open = match page.guard() {
                            Guard::Public => true,
                            Guard::Global(sahabot_sdk::GlobalAction::SignedIn) => actor.is_some(),
                            _ => matches!(actor, Some("Zelda Speedster" | "Synack")),
                        };
                        let allowed: &[StatusCode] = match (on, page.guard(), actor) {
                            (false, _, _) => &[StatusCode::NOT_FOUND],
                            // A detail page of an object that does not exist may say so.
                            (true, Guard::Public, _) if page.path.contains(':') => &[
                                StatusCode::OK,
                                StatusCode::UNAUTHORIZED,
                                StatusCode::FORBIDDEN,
                                StatusCode::NOT_FOUND,
                            ],
                            (true, Guard::Public, _) => &[
                                StatusCode::OK,
                                StatusCode::UNAUTHORIZED,
                                StatusCode::FORBIDDEN,
                            ],
                            (true, _, None) => &[StatusCode::SEE_OTHER],
                            (true, _, _) if may_open && page.path.contains(':') => {
                                &[StatusCode::OK, StatusCode::NOT_FOUND]
                            }
                            (true, _, _) if may_open => &[StatusCode::OK],
                            (true, _, _) => &[StatusCode::FORBIDDEN],
                        };
                        assert!(
                            allowed.contains(&answer.status),
                            "{ctx}: page {path} as {actor:?}: {}",
                            answer.status
                        );
                        if answer.status == StatusCode::SEE_OTHER {
                            let to = answer.location.clone().unwrap_or_default();
                            assert!(to.starts_with("/login?next=%2Forg%2Falttpr"), "{ctx}: {to}");
                            continue;
                        }
                        let nav_link = format!(r#"href="{path}""#);
                        assert_eq!(
                            answer.body.contains(&nav_link),
                            on && page.nav_label.is_some() && may_open,
                            "{ctx}: nav as {actor:?}"
                        );
                    }
                    covered += 1;
                }

                for route in registry::api_routes()
                    .into_iter()
                    .filter(|r| r.plugin_id == plugin.id)
                {
                    // Other parameters take a value no object has.
                    let path = route
                        .full_path()
                        .replace("{org}", "alttpr")
                        .split('/')
                        .map(|s| if s.starts_with('{') { "1" } else { s })
                        .collect::<Vec<_>>()
                        .join("/");
                    let has_object = route.full_path().matches('{').count() > 1;
                    // Past the guard the handler answers: it may refuse the (here missing)
                    // body, or say the object does not exist, never refuse the caller.
                    let reached = |status: StatusCode| {
                        status != StatusCode::UNAUTHORIZED
                            && status != StatusCode::FORBIDDEN
                            && !status.is_server_error()
                            && (status != StatusCode::NOT_FOUND || has_object)
                    };
                    for (actor, token) in ACTORS.iter().zip(api_tokens.iter()) {
                        let status = api_status(
                            &browsers[0],
                            route.method.as_str(),
                            &path,
                            token.as_deref(),
                        )
                        .await;
                        let what = format!("{ctx}: {} {path} as {actor:?}: {status}", route.method);
                        match (on, actor, route.guard) {
                            (false, _, _) => assert_eq!(status, StatusCode::NOT_FOUND, "{what}"),
                            (true, _, Guard::Public) => assert!(reached(status), "{what}"),
                            (true, None, _) => {
                                assert_eq!(status, StatusCode::UNAUTHORIZED, "{what}")
                            }
                            (true, Some("Zelda Speedster" | "Synack"), _)
                            | (true, Some(_), Guard::Global(sahabot_sdk::GlobalAction::SignedIn)) =>
                            {
                                assert!(reached(status), "{what}")
                            }
                            (true, _, _) => assert_eq!(status, StatusCode::FORBIDDEN, "{what}"),
                        }
                    }
                    covered += 1;
                }

                // Commands, and the plugin's buttons and modals (one handler per plugin).
                let commands = registry::commands()
                    .into_iter()
                    .filter(|c| c.plugin_id == plugin.id)
                    .map(|c| Some(c.command.name));
                let components = registry::components(plugin.id).map(|_| None);
                for target in commands.chain(components) {
                    for actor in ACTORS {
                        let user = match actor {
                            Some(name) => Some(sahabot_core::model::CurrentUser {
                                id: demo_user_id(&db, name).await,
                                display_name: name.into(),
                                permission: if name == "Synack" {
                                    sahabot_core::model::Permission::Superadmin
                                } else {
                                    sahabot_core::model::Permission::User
                                },
                                impersonated_by: None,
                            }),
                            None => None,
                        };
                        let reply = match target {
                            Some(name) => {
                                dispatch::command(
                                    &db,
                                    &org,
                                    user.as_ref(),
                                    name,
                                    Default::default(),
                                )
                                .await
                            }
                            None => {
                                dispatch::component(
                                    &db,
                                    &org,
                                    user.as_ref(),
                                    plugin.id,
                                    "matrix",
                                    Default::default(),
                                )
                                .await
                            }
                        };
                        let what = format!("{ctx}: {target:?} as {actor:?}: {reply:?}");
                        assert_eq!(
                            matches!(reply, Err(CommandRefusal::NotAvailable(_))),
                            !on,
                            "{what}"
                        );
                    }
                    covered += 1;
                }

                for listener in registry::listeners()
                    .into_iter()
                    .filter(|l| l.plugin_id == plugin.id)
                {
                    // Published through the outbox and delivered by the event bus.
                    let mut tx = db.begin_write().await.unwrap();
                    let event_id = events::emit_in(
                        &mut tx,
                        &events::NewEvent {
                            event_type: listener.event,
                            organization_id: Some(org.id),
                            actor_user_id: None,
                            payload: &serde_json::json!({}),
                        },
                    )
                    .await
                    .unwrap();
                    tx.commit().await.unwrap();
                    bus::run_once(&db, &bus::BusSettings::default())
                        .await
                        .unwrap();
                    let delivery = events::deliveries(&db, false, 100)
                        .await
                        .unwrap()
                        .into_iter()
                        .find(|d| d.event_id == event_id && d.plugin_id == plugin.id)
                        .unwrap_or_else(|| panic!("{ctx}: no delivery of {}", listener.event));
                    let reached = delivery.status != "skipped";
                    assert_eq!(reached, on, "{ctx}: listener of {}", listener.event);
                    assert_eq!(delivery.status == "skipped", !on, "{ctx}");
                    covered += 1;
                }

                for decl in registry::tasks()
                    .into_iter()
                    .filter(|t| t.plugin_id == plugin.id)
                {
                    // Made due for alttpr (or globally) and run by the scheduler; a run is
                    // recorded only where the plugin is in service.
                    scheduler::declare_tasks(&db).await.unwrap();
                    let row = tasks::list(&db, None)
                        .await
                        .unwrap()
                        .into_iter()
                        .find(|t| {
                            let here = t.organization.as_ref().map(|o| o.0.as_str());
                            let wanted = (!decl.task.global).then_some("alttpr");
                            t.builtin && t.task_key == decl.task.key && here == wanted
                        })
                        .unwrap_or_else(|| panic!("{ctx}: no row of {}", decl.task.key));
                    let before = tasks::runs(&db, Some(row.id), None, 100)
                        .await
                        .unwrap()
                        .len();
                    db.change(async |w| tasks::run_now(w, row.id).await)
                        .await
                        .unwrap();
                    scheduler::run_once(
                        &db,
                        &scheduler::SchedulerSettings::default(),
                        &Default::default(),
                    )
                    .await
                    .unwrap();
                    let after = tasks::runs(&db, Some(row.id), None, 100)
                        .await
                        .unwrap()
                        .len();
                    assert_eq!(after > before, on, "{ctx}: task {}", decl.task.key);
                    covered += 1;
                }
            }
        }
        assert!(covered >= 10, "only {covered} contributions walked");
        // The probe's listener ran once (when on) and its task ran for alttpr once (when on).
        use std::sync::atomic::Ordering;
        assert_eq!(probe::HEARD.load(Ordering::SeqCst), 1);
        assert!(probe::TICKED.load(Ordering::SeqCst) >= 1);
    }
);
