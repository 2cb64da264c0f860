//! Profile, tokens, users administration and impersonation, over HTTP on both engines.

#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use axum::http::StatusCode;
use common::{demo_user_id as user_id, Browser};
use leptos::server_fn::ServerFn;
use sahabot_app::server_fns as sf;
use sahabot_core::db::Db;
use sahabot_core::db_test;
use sahabot_core::repo::audit;

async fn signed_in(db: &Db, name: &str) -> Browser {
    common::browser_as(db, Some(name)).await
}

async fn call<F: ServerFn>(browser: &mut Browser, args: &str) -> common::Answer {
    browser.post_form(F::PATH, args, "same-origin").await
}

db_test!(profiles_are_edited_with_validation, |db: Db| async move {
    let mut zelda = signed_in(&db, "Zelda Speedster").await;
    let empty = call::<sf::UpdateProfile>(&mut zelda, "display_name=+&pronouns=").await;
    assert_eq!(empty.status, StatusCode::BAD_REQUEST);
    assert!(empty.body.contains("display_name"), "{}", empty.body);
    let long = call::<sf::UpdateProfile>(
        &mut zelda,
        &format!("display_name=Z&pronouns={}", "x".repeat(31)),
    )
    .await;
    assert!(long.body.contains("pronouns"), "{}", long.body);
    let profile: serde_json::Value =
        serde_json::from_str(&call::<sf::MyProfile>(&mut zelda, "").await.body).unwrap();
    assert_eq!(profile["display_name"], "Zelda Speedster");

    let saved =
        call::<sf::UpdateProfile>(&mut zelda, "display_name=Zelda+S.&pronouns=she%2Fher").await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let profile: serde_json::Value =
        serde_json::from_str(&call::<sf::MyProfile>(&mut zelda, "").await.body).unwrap();
    assert_eq!(profile["display_name"], "Zelda S.");
    assert_eq!(
        profile["linked"][0],
        serde_json::json!(["Discord", "zspeed"])
    );
    assert_eq!(zelda.signed_in_as().await.as_deref(), Some("Zelda S."));
});

db_test!(
    tokens_made_on_the_profile_show_their_secret_once,
    |db: Db| async move {
        let mut zelda = signed_in(&db, "Zelda Speedster").await;
        let created = call::<sf::CreateToken>(&mut zelda, "name=bot&expires_in_days=30").await;
        assert_eq!(created.status, StatusCode::OK, "{}", created.body);
        let created: serde_json::Value = serde_json::from_str(&created.body).unwrap();
        let secret = created["secret"].as_str().unwrap().to_string();
        let listed = call::<sf::MyTokens>(&mut zelda, "").await;
        assert!(listed.body.contains("\"bot\""));
        assert!(!listed.body.contains(&secret));
        let too_long = call::<sf::CreateToken>(&mut zelda, "name=bot&expires_in_days=400").await;
        assert_eq!(too_long.status, StatusCode::BAD_REQUEST);
        let id = created["token"]["id"].as_i64().unwrap();
        let mut boots = signed_in(&db, "Boots First").await;
        let foreign = call::<sf::RevokeToken>(&mut boots, &format!("token_id={id}")).await;
        assert_eq!(foreign.status, StatusCode::NOT_FOUND);
        let revoked = call::<sf::RevokeToken>(&mut zelda, &format!("token_id={id}")).await;
        assert_eq!(revoked.status, StatusCode::OK);
    }
);

db_test!(
    a_superadmin_deactivates_users_and_ends_their_sessions,
    |db: Db| async move {
        let mut root = signed_in(&db, "Synack").await;
        let mut boots = signed_in(&db, "Boots First").await;
        let boots_id = user_id(&db, "Boots First").await;
        let root_id = user_id(&db, "Synack").await;

        let page = call::<sf::ListUsers>(&mut root, "search=boot&page=1").await;
        let page: serde_json::Value = serde_json::from_str(&page.body).unwrap();
        assert_eq!(page["total"], 1);

        let myself =
            call::<sf::SetUserActive>(&mut root, &format!("user_id={root_id}&active=false")).await;
        assert_eq!(myself.status, StatusCode::CONFLICT);
        let unknown = call::<sf::EndUserSessions>(&mut root, "user_id=999999").await;
        assert_eq!(unknown.status, StatusCode::NOT_FOUND);

        let ended = call::<sf::EndUserSessions>(&mut root, &format!("user_id={boots_id}")).await;
        assert_eq!(ended.status, StatusCode::OK);
        assert_eq!(boots.signed_in_as().await, None);

        let mut boots = signed_in(&db, "Boots First").await;
        let off =
            call::<sf::SetUserActive>(&mut root, &format!("user_id={boots_id}&active=false")).await;
        assert_eq!(off.status, StatusCode::OK);
        assert_eq!(boots.signed_in_as().await, None);
        let actions = audit::actions_of_user(&db, root_id, 5).await.unwrap();
        assert!(
            actions.contains(&"user.deactivated".to_string()),
            "{actions:?}"
        );
        assert!(
            actions.contains(&"user.sessions_ended".to_string()),
            "{actions:?}"
        );
    }
);

db_test!(
    a_superadmin_acts_as_a_user_and_comes_back,
    |db: Db| async move {
        let mut root = signed_in(&db, "Synack").await;
        let boots_id = user_id(&db, "Boots First").await;
        let root_id = user_id(&db, "Synack").await;

        // Only SUPERADMIN may, and only from this site.
        let mut zelda = signed_in(&db, "Zelda Speedster").await;
        let refused = zelda
            .post_form(
                "/auth/impersonate",
                &format!("user_id={boots_id}"),
                "same-origin",
            )
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        assert_eq!(
            zelda.signed_in_as().await.as_deref(),
            Some("Zelda Speedster")
        );
        let cross_site = root
            .post_form(
                "/auth/impersonate",
                &format!("user_id={boots_id}"),
                "cross-site",
            )
            .await;
        assert_eq!(cross_site.status, StatusCode::FORBIDDEN);
        let nobody = root
            .post_form("/auth/impersonate", "user_id=999999", "same-origin")
            .await;
        assert_eq!(nobody.status, StatusCode::BAD_REQUEST);

        let started = root
            .post_form(
                "/auth/impersonate",
                &format!("user_id={boots_id}"),
                "same-origin",
            )
            .await;
        assert_eq!(started.status, StatusCode::SEE_OTHER, "{}", started.body);
        assert_eq!(root.signed_in_as().await.as_deref(), Some("Boots First"));
        let me: serde_json::Value =
            serde_json::from_str(&call::<sf::Whoami>(&mut root, "").await.body).unwrap();
        assert_eq!(me["impersonated_by"], "Synack");
        // While acting as Boots, the platform administration is out of reach.
        let users_page = call::<sf::ListUsers>(&mut root, "search=&page=1").await;
        assert_eq!(users_page.status, StatusCode::FORBIDDEN);

        let stopped = root
            .post_form("/auth/stop-impersonating", "", "same-origin")
            .await;
        assert_eq!(stopped.status, StatusCode::SEE_OTHER);
        assert_eq!(root.signed_in_as().await.as_deref(), Some("Synack"));
        let again = root
            .post_form("/auth/stop-impersonating", "", "same-origin")
            .await;
        assert_eq!(again.status, StatusCode::FORBIDDEN);

        let actions = audit::actions_of_user(&db, root_id, 10).await.unwrap();
        assert!(
            actions.contains(&"impersonation.started".to_string()),
            "{actions:?}"
        );
        assert!(
            actions.contains(&"impersonation.stopped".to_string()),
            "{actions:?}"
        );
    }
);
