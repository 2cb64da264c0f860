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
            r#"data-server-plugins="alttpr,async_qualifier,discord_bot,links,ootr,presets,racetime,sm,smz3,tournament""#
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

db_test!(
    pages_carry_a_content_security_policy_with_their_scripts_nonce,
    |db: Db| async move {
        use axum::body::Body;
        use axum::http::Request;
        use http_body_util::BodyExt;
        use tower::ServiceExt;
        let app = app(&db).await;
        for path in [
            "/",
            "/org/alttpr",
            "/org/alttpr/tournament",
            "/no-such-page",
        ] {
            let response = app
                .clone()
                .oneshot(Request::get(path).body(Body::empty()).unwrap())
                .await
                .unwrap();
            let header = |name: &str| {
                response
                    .headers()
                    .get(name)
                    .map(|v| v.to_str().unwrap().to_owned())
                    .unwrap_or_default()
            };
            let policy = header("content-security-policy");
            assert_eq!(header("x-content-type-options"), "nosniff", "{path}");
            assert_eq!(header("referrer-policy"), "same-origin", "{path}");
            assert!(
                policy.contains("frame-ancestors 'none'"),
                "{path}: {policy}"
            );
            let nonce = policy
                .split("'nonce-")
                .nth(1)
                .and_then(|rest| rest.split('\'').next())
                .unwrap_or_else(|| panic!("{path}: no nonce in {policy}"))
                .to_owned();
            let body = response.into_body().collect().await.unwrap().to_bytes();
            let html = String::from_utf8_lossy(&body);
            // Every inline script carries the nonce; none runs without it.
            let scripts = html.matches("<script").count();
            assert!(scripts >= 1, "{path}");
            assert_eq!(
                html.matches(&format!("nonce=\"{nonce}\"")).count(),
                scripts,
                "{path}: {html}"
            );
        }
        // Each response draws its own.
        let first = app
            .clone()
            .oneshot(Request::get("/").body(Body::empty()).unwrap())
            .await
            .unwrap();
        let second = app
            .clone()
            .oneshot(Request::get("/").body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_ne!(
            first.headers().get("content-security-policy"),
            second.headers().get("content-security-policy")
        );
    }
);
