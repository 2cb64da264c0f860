//! Every page has a rule, and the server applies it before the page renders: on both engines,
//! for every kind of actor.

#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use axum::http::StatusCode;
use common::{browser_as, ACTORS};
use sahabot_app::page_rules::{GUARDED_PAGES, PUBLIC_PAGES};
use sahabot_core::{db::Db, db_test};
use sahabot_sdk::{registry, GlobalAction, Guard};

db_test!(every_route_of_the_router_has_a_rule, |db: Db| async move {
    let _ = common::app(&db).await;
    let plugin_pages: Vec<String> = registry::pages().iter().map(|p| p.url_pattern()).collect();
    let routes = leptos_axum::generate_route_list(sahabot_app::App);
    assert!(routes.len() >= 15, "{}", routes.len());
    for route in routes {
        let path = route.path();
        let listed = GUARDED_PAGES.iter().any(|(p, _)| *p == path)
            || PUBLIC_PAGES.contains(&path)
            || plugin_pages.iter().any(|p| p == path);
        assert!(
            listed,
            "the page {path} has no rule in sahabot_app::page_rules"
        );
    }
});

db_test!(
    guarded_pages_send_visitors_to_sign_in_and_refuse_others,
    |db: Db| async move {
        let mut browsers = Vec::new();
        for actor in ACTORS {
            browsers.push(browser_as(&db, actor).await);
        }
        for (pattern, guard) in GUARDED_PAGES {
            let path = pattern.replace("{org}", "alttpr");
            for (actor, browser) in ACTORS.iter().zip(browsers.iter_mut()) {
                let answer = browser.get(&path).await;
                let may = match (guard, actor) {
                    (_, None) => false,
                    (Guard::Global(GlobalAction::SignedIn), _) => true,
                    (Guard::Global(_), Some(name)) => *name == "Synack",
                    (Guard::Org(_), Some(name)) => matches!(*name, "Zelda Speedster" | "Synack"),
                    (Guard::Public, _) => true,
                };
                let what = format!("{path} as {actor:?}: {}", answer.status);
                match (actor, may) {
                    (None, _) => {
                        assert_eq!(answer.status, StatusCode::SEE_OTHER, "{what}");
                        let next = serde_urlencoded::to_string([("next", path.as_str())]).unwrap();
                        assert_eq!(answer.location, Some(format!("/login?{next}")), "{what}");
                    }
                    (Some(_), true) => assert_eq!(answer.status, StatusCode::OK, "{what}"),
                    (Some(_), false) => {
                        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{what}");
                        assert!(answer.body.contains("You may not open this page"), "{what}");
                        // Nothing of the page itself is sent.
                        assert!(!answer.body.contains("<script"), "{what}");
                    }
                }
            }
        }
        // An unknown organization is the page's 404, whoever asks.
        let answer = browsers[4].get("/org/no-such-org/admin").await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND);
    }
);

db_test!(
    the_organization_navigation_lists_only_what_the_viewer_may_open,
    |db: Db| async move {
        let admin_links = ["org-admin-link", "org-plugins-link", "org-tasks-link"];
        for (actor, sees) in [
            (None, false),
            (Some("Kraid Cruncher"), false),
            (Some("Boots First"), false),
            (Some("Zelda Speedster"), true),
            (Some("Synack"), true),
        ] {
            let page = browser_as(&db, actor).await.get("/org/alttpr").await;
            assert_eq!(page.status, StatusCode::OK);
            for link in admin_links {
                let shown = page.body.contains(&format!(r#"data-testid="{link}""#));
                assert_eq!(shown, sees, "{link} as {actor:?}");
            }
        }
    }
);
