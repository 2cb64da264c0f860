//! Signing in with Discord (against a local fake), demo logins, sessions, logout and the
//! same-origin rule, on SQLite and PostgreSQL.

#![allow(clippy::unwrap_used)] // test helpers may panic

mod common;
mod fake_discord;

use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{app_with, settings, Browser};
use leptos::server_fn::ServerFn;
use sahabot_core::repo::{audit, users};
use sahabot_core::{db::Db, db_test};

const REDIRECT_URI: &str = "http://127.0.0.1:3000/auth/callback";

async fn discord_app(db: &Db) -> Browser {
    let discord = fake_discord::start(REDIRECT_URI).await;
    Browser::new(app_with(db, settings(Some(discord), false)).await)
}

/// Starts a login and returns the `state` Discord would send back.
async fn start_login(browser: &mut Browser, next: &str) -> String {
    let answer = browser.get(&format!("/auth/login?next={next}")).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let location = answer.location.unwrap();
    assert!(location.contains("/oauth2/authorize?"), "{location}");
    assert!(location.contains("client_id=1234"), "{location}");
    assert!(location.contains("scope=identify"), "{location}");
    assert!(
        location.contains("redirect_uri=http%3A%2F%2F127.0.0.1%3A3000%2Fauth%2Fcallback"),
        "{location}"
    );
    let state = location.split("state=").nth(1).unwrap();
    state.split('&').next().unwrap().to_string()
}

async fn user_id_of_discord(db: &Db, discord_id: i64) -> Option<i64> {
    sqlx::query_scalar("SELECT id FROM users WHERE discord_id = $1")
        .bind(discord_id)
        .fetch_optional(db.pool())
        .await
        .unwrap()
}

db_test!(
    discord_login_creates_the_user_and_signs_in,
    |db: Db| async move {
        let mut browser = discord_app(&db).await;
        let state = start_login(&mut browser, "/org/alttpr").await;
        let before = browser.cookie.clone().unwrap();

        let answer = browser
            .get(&format!("/auth/callback?code=code-4242&state={state}"))
            .await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
        assert_eq!(answer.location.as_deref(), Some("/org/alttpr"));
        let cookie = answer.set_cookie.unwrap();
        assert!(
            cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
            "{cookie}"
        );
        assert!(
            !cookie.contains("Secure"),
            "plain http keeps cookies usable: {cookie}"
        );
        assert_ne!(
            browser.cookie.as_deref(),
            Some(before.as_str()),
            "the session id must change at login"
        );

        assert_eq!(browser.signed_in_as().await.as_deref(), Some("Racer 4242"));
        let id = user_id_of_discord(&db, 4242).await.unwrap();
        assert_eq!(
            audit::actions_of_user(&db, id, 5).await.unwrap(),
            vec!["login"]
        );

        // A second login of the same account updates it instead of adding a user.
        let count = users::count(&db).await.unwrap();
        let state = start_login(&mut browser, "/").await;
        browser
            .get(&format!("/auth/callback?code=code-4242&state={state}"))
            .await;
        assert_eq!(users::count(&db).await.unwrap(), count);
    }
);

db_test!(a_login_state_is_good_for_one_attempt, |db: Db| async move {
    let mut browser = discord_app(&db).await;
    let state = start_login(&mut browser, "/").await;
    let ok = browser
        .get(&format!("/auth/callback?code=code-1&state={state}"))
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    let count = users::count(&db).await.unwrap();

    let replay = browser
        .get(&format!("/auth/callback?code=code-2&state={state}"))
        .await;
    assert_eq!(replay.status, StatusCode::BAD_REQUEST);
    assert!(replay.body.contains("already used"), "{}", replay.body);
    assert_eq!(users::count(&db).await.unwrap(), count, "nothing changed");

    // A wrong state also spends the pending login.
    let state = start_login(&mut browser, "/").await;
    let wrong = browser.get("/auth/callback?code=code-3&state=forged").await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
    let late = browser
        .get(&format!("/auth/callback?code=code-3&state={state}"))
        .await;
    assert_eq!(late.status, StatusCode::BAD_REQUEST);
    assert!(user_id_of_discord(&db, 3).await.is_none());
});

db_test!(an_expired_login_state_is_refused, |db: Db| async move {
    let discord = fake_discord::start(REDIRECT_URI).await;
    let mut auth = settings(Some(discord), false);
    auth.login_state_ttl = Duration::ZERO;
    let mut browser = Browser::new(app_with(&db, auth).await);
    let state = start_login(&mut browser, "/").await;
    tokio::time::sleep(Duration::from_millis(5)).await;
    let answer = browser
        .get(&format!("/auth/callback?code=code-9&state={state}"))
        .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert!(
        answer.body.contains("longer than 10 minutes"),
        "{}",
        answer.body
    );
    assert!(user_id_of_discord(&db, 9).await.is_none());
});

db_test!(the_return_address_must_be_local, |db: Db| async move {
    let mut browser = discord_app(&db).await;
    for next in [
        "//evil.example",
        "https://evil.example/",
        "/%5Cevil.example",
    ] {
        let answer = browser.get(&format!("/auth/login?next={next}")).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{next}");
        assert!(
            answer.body.contains("must be a path on this site"),
            "{next}"
        );
    }
});

db_test!(
    a_bad_code_is_refused_by_discord_and_changes_nothing,
    |db: Db| async move {
        let mut browser = discord_app(&db).await;
        let count = users::count(&db).await.unwrap();
        let state = start_login(&mut browser, "/").await;
        let answer = browser
            .get(&format!("/auth/callback?code=stolen&state={state}"))
            .await;
        assert_eq!(answer.status, StatusCode::BAD_GATEWAY, "{}", answer.body);
        assert!(
            answer.body.contains("token exchange failed"),
            "{}",
            answer.body
        );
        assert_eq!(users::count(&db).await.unwrap(), count);
        assert_eq!(browser.signed_in_as().await, None);
    }
);

db_test!(
    without_discord_settings_login_is_absent,
    |db: Db| async move {
        let mut browser = Browser::new(app_with(&db, settings(None, false)).await);
        assert_eq!(
            browser.get("/auth/login").await.status,
            StatusCode::NOT_FOUND
        );
    }
);

db_test!(forged_cookies_are_anonymous, |db: Db| async move {
    let mut browser = discord_app(&db).await;
    browser.cookie = Some("sahabot=not-a-session-id".into());
    assert_eq!(browser.signed_in_as().await, None);
});

db_test!(
    deactivated_users_lose_their_sessions_and_cannot_sign_in,
    |db: Db| async move {
        let mut browser = discord_app(&db).await;
        let state = start_login(&mut browser, "/").await;
        browser
            .get(&format!("/auth/callback?code=code-77&state={state}"))
            .await;
        assert!(browser.signed_in_as().await.is_some());

        let id = user_id_of_discord(&db, 77).await.unwrap();
        db.change(async |w| users::set_active(w, id, false).await)
            .await
            .unwrap();
        assert_eq!(
            browser.signed_in_as().await,
            None,
            "the next request is anonymous"
        );

        let state = start_login(&mut browser, "/").await;
        let answer = browser
            .get(&format!("/auth/callback?code=code-77&state={state}"))
            .await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN);
        assert!(answer.body.contains("deactivated"));
        assert_eq!(browser.signed_in_as().await, None);
    }
);

db_test!(
    ending_a_users_sessions_signs_every_browser_out,
    |db: Db| async move {
        let discord = fake_discord::start(REDIRECT_URI).await;
        let app = app_with(&db, settings(Some(discord), false)).await;
        let (mut laptop, mut phone) = (Browser::new(app.clone()), Browser::new(app));
        for browser in [&mut laptop, &mut phone] {
            let state = start_login(browser, "/").await;
            browser
                .get(&format!("/auth/callback?code=code-55&state={state}"))
                .await;
            assert!(browser.signed_in_as().await.is_some());
        }
        let id = user_id_of_discord(&db, 55).await.unwrap();
        db.change(async |w| users::end_sessions(w, id).await)
            .await
            .unwrap();
        assert_eq!(laptop.signed_in_as().await, None);
        assert_eq!(phone.signed_in_as().await, None);
    }
);

db_test!(
    logout_deletes_the_session_on_the_server,
    |db: Db| async move {
        let mut browser = discord_app(&db).await;
        let state = start_login(&mut browser, "/").await;
        browser
            .get(&format!("/auth/callback?code=code-8&state={state}"))
            .await;
        let stolen = browser.cookie.clone();

        let answer = browser.post_form("/auth/logout", "", "same-origin").await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER);
        assert_eq!(browser.signed_in_as().await, None);

        let mut thief = Browser::new(browser.app.clone());
        thief.cookie = stolen;
        assert_eq!(
            thief.signed_in_as().await,
            None,
            "the old cookie is worthless"
        );
        let id = user_id_of_discord(&db, 8).await.unwrap();
        assert_eq!(
            audit::actions_of_user(&db, id, 5).await.unwrap(),
            vec!["logout", "login"]
        );
    }
);

db_test!(demo_login_exists_only_in_demo_mode, |db: Db| async move {
    let mut normal = Browser::new(app_with(&db, settings(None, false)).await);
    let refused = normal
        .post_form("/auth/dev-login", "user_id=1", "same-origin")
        .await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
    assert_eq!(normal.signed_in_as().await, None);

    let mut demo = Browser::new(app_with(&db, settings(None, true)).await);
    let unknown = demo
        .post_form("/auth/dev-login", "user_id=999999", "same-origin")
        .await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
    let answer = demo
        .post_form(
            "/auth/dev-login",
            "user_id=1&next=%2Forg%2Falttpr",
            "same-origin",
        )
        .await;
    assert_eq!(answer.location.as_deref(), Some("/org/alttpr"));
    assert_eq!(demo.signed_in_as().await.as_deref(), Some("Synack"));
    let evil = demo
        .post_form(
            "/auth/dev-login",
            "user_id=1&next=%2F%2Fevil.example",
            "same-origin",
        )
        .await;
    assert_eq!(evil.status, StatusCode::BAD_REQUEST);
});

db_test!(
    a_foreign_page_cannot_sign_a_browser_in,
    |db: Db| async move {
        let mut browser = Browser::new(app_with(&db, settings(None, true)).await);
        let answer = browser
            .post_form("/auth/dev-login", "user_id=1", "cross-site")
            .await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{}", answer.body);
        assert_eq!(answer.set_cookie, None);
        assert_eq!(browser.signed_in_as().await, None);

        let foreign = Request::post("/auth/dev-login")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ORIGIN, "https://evil.example")
            .header(header::HOST, "127.0.0.1:3000");
        let answer = browser.send(foreign, Body::from("user_id=1")).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN);
        assert_eq!(browser.signed_in_as().await, None);
    }
);

db_test!(
    cross_site_posts_with_cookies_are_refused,
    |db: Db| async move {
        let mut browser = Browser::new(app_with(&db, settings(None, true)).await);
        browser
            .post_form("/auth/dev-login", "user_id=1", "same-origin")
            .await;
        assert!(browser.signed_in_as().await.is_some());

        // A form on another site posting to a server function and to logout.
        let server_fn = sahabot_app::server_fns::Whoami::PATH;
        let answer = browser.post_form(server_fn, "", "cross-site").await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{}", answer.body);
        let answer = browser.post_form("/auth/logout", "", "cross-site").await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN);
        assert!(
            browser.signed_in_as().await.is_some(),
            "still signed in: nothing changed"
        );

        // Without Sec-Fetch-Site, a foreign Origin is refused and this site's is accepted.
        let foreign = Request::post(server_fn)
            .header(header::ORIGIN, "https://evil.example")
            .header(header::HOST, "127.0.0.1:3000");
        assert_eq!(
            browser.send(foreign, Body::empty()).await.status,
            StatusCode::FORBIDDEN
        );
        let own = Request::post(server_fn)
            .header(header::ORIGIN, "http://127.0.0.1:3000")
            .header(header::HOST, "127.0.0.1:3000");
        let answer = browser.send(own, Body::empty()).await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
        assert!(answer.body.contains("Synack"));
    }
);

db_test!(
    over_https_the_cookie_is_secure_and_host_prefixed,
    |db: Db| async move {
        let mut auth = settings(None, true);
        auth.public_url = "https://sahabot.example".into();
        let mut browser = Browser::new(app_with(&db, auth).await);
        let answer = browser
            .post_form("/auth/dev-login", "user_id=1", "same-origin")
            .await;
        let cookie = answer.set_cookie.unwrap();
        assert!(cookie.starts_with("__Host-sahabot="), "{cookie}");
        assert!(
            cookie.contains("Secure") && cookie.contains("Path=/"),
            "{cookie}"
        );
        assert!(!cookie.contains("Domain"), "{cookie}");
    }
);

db_test!(
    site_assets_are_served_without_the_session_or_the_database,
    |db: Db| async move {
        let site = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(site.path().join("pkg")).unwrap();
        std::fs::write(site.path().join("pkg/sahabot.css"), "body{}").unwrap();
        let options = leptos::prelude::LeptosOptions::builder()
            .output_name("sahabot")
            .site_root(site.path().display().to_string())
            .build();
        sahabot_server::plugins::load().unwrap();
        sahabot_core::demo::seed(&db).await.unwrap();
        let state = sahabot_server::AppState::new(options, db.clone(), settings(None, true))
            .await
            .unwrap();
        let mut browser = Browser::new(sahabot_server::http::router(state));
        browser
            .post_form("/auth/dev-login", "user_id=1", "same-origin")
            .await;
        assert!(browser.signed_in_as().await.is_some());

        // With the database gone, a page cannot be read and says so (whether its user was
        // resolved or not: their standing may still be kept), but assets still load.
        db.close().await;
        let page = browser.get("/").await;
        assert_eq!(
            page.status,
            StatusCode::SERVICE_UNAVAILABLE,
            "{}",
            page.body
        );
        assert!(page.body.contains("unavailable"), "{}", page.body);
        let css = browser.get("/pkg/sahabot.css").await;
        assert_eq!(css.status, StatusCode::OK);
        assert_eq!(css.body, "body{}");
        assert!(css.set_cookie.is_none());
    }
);

/// The stored session of the only signed-in browser, decoded, and the table it is in.
async fn stored_session(db: &Db) -> (tower_sessions::session::Record, &'static str) {
    let table = match db.dialect() {
        sahabot_core::db::Dialect::Sqlite => "sessions",
        sahabot_core::db::Dialect::Postgres => "tower_sessions.session",
    };
    let data: Vec<u8> = sqlx::query_scalar(&format!("SELECT data FROM {table}"))
        .fetch_one(db.pool())
        .await
        .unwrap();
    (rmp_serde::from_slice(&data).unwrap(), table)
}

db_test!(
    a_session_in_use_lasts_30_days_past_the_last_day_it_was_used,
    |db: Db| async move {
        use tower_sessions::cookie::time::{Duration, OffsetDateTime};
        let zelda = common::browser_as(&db, Some("Zelda Speedster")).await;

        // Age the session: last renewed long ago, a day left.
        let (mut record, table) = stored_session(&db).await;
        record.data.get_mut("signed_in").unwrap()["renewed_on"] = serde_json::json!(0);
        record.expiry_date = OffsetDateTime::now_utc() + Duration::days(1);
        sqlx::query(&format!("UPDATE {table} SET data = $1"))
            .bind(rmp_serde::to_vec(&record).unwrap())
            .execute(db.pool())
            .await
            .unwrap();

        // Another instance (nothing of the session kept) sees it used.
        let mut browser = Browser::new(app_with(&db, settings(None, true)).await);
        browser.cookie = zelda.cookie.clone();
        let page = browser.get("/").await;
        assert_eq!(page.status, StatusCode::OK);
        let cookie = page.set_cookie.expect("the cookie is sent again");
        assert!(cookie.contains("Max-Age=2592000"), "{cookie}");
        let (renewed, _) = stored_session(&db).await;
        assert!(renewed.expiry_date > OffsetDateTime::now_utc() + Duration::days(29));
        assert_eq!(
            renewed.data["signed_in"]["user_id"],
            record.data["signed_in"]["user_id"]
        );

        // Once a day: the next use changes nothing.
        let again = browser.get("/").await;
        assert_eq!(again.set_cookie, None);
        assert_eq!(stored_session(&db).await.0, renewed);
    }
);
