//! The real router, in process, on SQLite and PostgreSQL.

#![allow(clippy::unwrap_used)] // test helpers may panic

mod common;

use axum::http::StatusCode;
use common::{app, Browser};
use sahabot_core::{db::Db, db_test};

async fn get(app: &axum::Router, path: &str) -> (StatusCode, String) {
    let answer = Browser::new(app.clone()).get(path).await;
    (answer.status, answer.body)
}

db_test!(health_follows_the_database, |db: Db| async move {
    let app = app(&db).await;
    assert_eq!(get(&app, "/healthz").await.0, StatusCode::OK);
    db.close().await;
    assert_eq!(
        get(&app, "/healthz").await.0,
        StatusCode::SERVICE_UNAVAILABLE
    );
});

db_test!(
    home_page_lists_the_demo_organizations,
    |db: Db| async move {
        let (status, html) = get(&app(&db).await, "/").await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("ALTTPR Community"), "{html}");
        assert!(html.contains("Super Metroid League"));
        assert!(html.contains(
            r#"data-server-plugins="async_qualifier,discord_bot,links,presets,racetime,tournament""#
        ));
    }
);

db_test!(
    org_page_shows_members_and_plugin_navigation,
    |db: Db| async move {
        let (status, html) = get(&app(&db).await, "/org/sm-league").await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("Kraid Cruncher"), "{html}");
        assert!(
            !html.contains("Zelda Speedster"),
            "a member of another org leaked"
        );
        assert!(html.contains(r#"href="/org/sm-league/tournament""#));
        // Off by default (and not turned on in this organization): not listed.
        assert!(!html.contains(r#"href="/org/sm-league/async_qualifier""#));
    }
);

db_test!(plugin_pages_render_inside_the_org, |db: Db| async move {
    let app = app(&db).await;
    let (status, html) = get(&app, "/org/alttpr/tournament").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Tournament roster"));
    assert!(html.contains("Pendant Hunter"), "{html}");
    let (status, html) = get(&app, "/org/alttpr/async_qualifier").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Score calculator"));
});

db_test!(unknown_addresses_answer_404, |db: Db| async move {
    let app = app(&db).await;
    for path in [
        "/org/no-such-org",
        "/org/alttpr/no-such-plugin",
        "/nowhere",
        "/org/no-such-org/tournament",
    ] {
        let (status, html) = get(&app, path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert!(html.contains("Page not found"), "{path}: {html}");
    }
});
