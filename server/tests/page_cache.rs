//! Pages as a visitor without a session sees them are kept a moment and served again (the page
//! cache), on SQLite and PostgreSQL: each answer with a fresh script nonce; a change committed
//! through this instance shows at once; one this instance did not make shows once the kept
//! reads expire; a request with a cookie or a token, and an answer other than a page, are
//! never served from it.

#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::plugin_api::Api;
use common::rename_tournament_elsewhere;
use http_body_util::BodyExt;
use sahabot_core::db::Db;
use sahabot_core::db_test;
use sahabot_core::plugin_reads::PLUGIN_READS_TTL;
use sahabot_server::http::page_cache::{DEFAULT_PAGE_CACHE_TTL, HIT_HEADER};
use serde_json::json;
use tower::ServiceExt;

const BASE: &str = "/api/plugins/tournament/organizations/alttpr";
const PAGE: &str = "/org/alttpr/tournament";

struct Page {
    status: StatusCode,
    from_cache: bool,
    nonce: String,
    body: String,
}

async fn get(api: &Api, path: &str, headers: &[(&str, &str)]) -> Page {
    let mut request = Request::get(path);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = api
        .client
        .app
        .clone()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let from_cache = response.headers().get(HIT_HEADER).is_some();
    let policy = response
        .headers()
        .get(header::CONTENT_SECURITY_POLICY)
        .map(|p| p.to_str().unwrap().to_string())
        .unwrap_or_default();
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .unwrap_or_default()
        .to_string();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Page {
        status,
        from_cache,
        nonce,
        body: String::from_utf8(bytes.to_vec()).unwrap(),
    }
}

async fn create_tournament(api: &mut Api, name: &str) {
    api.ok(
        "Zelda Speedster",
        "POST",
        "/tournaments",
        Some(json!({ "name": name })),
    )
    .await;
}

db_test!(
    a_public_page_is_served_again_with_a_fresh_nonce,
    |db: Db| async move {
        let mut api = Api::new(&db, BASE).await;
        create_tournament(&mut api, "Spring Cup").await;
        let first = get(&api, PAGE, &[]).await;
        assert_eq!(first.status, StatusCode::OK);
        assert!(!first.from_cache);
        assert!(first.body.contains("Spring Cup"));

        let again = get(&api, PAGE, &[]).await;
        assert_eq!(again.status, StatusCode::OK);
        assert!(again.from_cache);
        assert!(!again.nonce.is_empty());
        assert_ne!(again.nonce, first.nonce);
        let uses = first.body.matches(&first.nonce).count();
        assert!(uses >= 2, "the scripts carry the nonce: {uses}");
        assert_eq!(again.body.matches(&again.nonce).count(), uses);
        assert!(!again.body.contains(&first.nonce));
        assert_eq!(
            again.body.replace(&again.nonce, "N"),
            first.body.replace(&first.nonce, "N"),
            "the same page but for its nonce"
        );
    }
);

db_test!(
    a_change_made_here_shows_at_once_and_one_made_elsewhere_within_the_ttl,
    |db: Db| async move {
        let mut api = Api::new(&db, BASE).await;
        create_tournament(&mut api, "Spring Cup").await;
        get(&api, PAGE, &[]).await;

        rename_tournament_elsewhere(&db, "Spring Cup", "Renamed Elsewhere").await;
        let kept = get(&api, PAGE, &[]).await;
        assert!(kept.from_cache);
        assert!(kept.body.contains("Spring Cup"));

        create_tournament(&mut api, "Autumn Cup").await;
        let changed = get(&api, PAGE, &[]).await;
        assert!(!changed.from_cache, "a change was committed here");
        assert!(changed.body.contains("Autumn Cup"));
        assert!(changed.body.contains("Renamed Elsewhere"));

        rename_tournament_elsewhere(&db, "Autumn Cup", "Winter Cup").await;
        tokio::time::sleep(
            DEFAULT_PAGE_CACHE_TTL.max(PLUGIN_READS_TTL) + std::time::Duration::from_millis(200),
        )
        .await;
        let expired = get(&api, PAGE, &[]).await;
        assert!(!expired.from_cache);
        assert!(expired.body.contains("Winter Cup"));
    }
);

db_test!(
    requests_with_a_cookie_or_a_token_and_other_answers_are_never_kept,
    |db: Db| async move {
        let api = Api::new(&db, BASE).await;
        let token = format!("Bearer {}", api.tokens["Zelda Speedster"]);
        for headers in [
            vec![("cookie", "sahabot=someone")],
            vec![("authorization", token.as_str())],
        ] {
            for _ in 0..2 {
                let page = get(&api, PAGE, &headers).await;
                assert_eq!(page.status, StatusCode::OK);
                assert!(!page.from_cache, "{headers:?}");
            }
        }
        for path in ["/org/alttpr/no-such-page", "/org/no-such-org", "/api/v1/me"] {
            for _ in 0..2 {
                let page = get(&api, path, &[]).await;
                assert_ne!(page.status, StatusCode::OK, "{path}");
                assert!(!page.from_cache, "{path}");
            }
        }
        // A private page sends the visitor to sign in, every time.
        for _ in 0..2 {
            let page = get(&api, "/profile", &[]).await;
            assert_eq!(page.status, StatusCode::SEE_OTHER);
            assert!(!page.from_cache);
        }
    }
);
