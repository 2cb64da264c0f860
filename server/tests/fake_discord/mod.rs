//! A local stand-in for Discord's OAuth2 token endpoint, `/users/@me` and `/users/@me/guilds`.
//! The code `code-<id>` yields the token `tok-<id>`, which reads back the user `<id>`. Every
//! user administers the guild [`ADMINISTERED_GUILD`] and owns [`OWNED_GUILD`], and is a plain
//! member of [`MEMBER_GUILD`].

#![allow(dead_code, clippy::unwrap_used)]

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use sahabot_server::auth::DiscordOAuth;
use serde::Deserialize;
use serde_json::{json, Value};

pub const CLIENT_ID: &str = "1234";
pub const CLIENT_SECRET: &str = "s3cret";
pub const ADMINISTERED_GUILD: &str = "700000000000000005";
pub const OWNED_GUILD: &str = "700000000000000006";
pub const MEMBER_GUILD: &str = "700000000000000007";

#[derive(Deserialize)]
struct TokenForm {
    grant_type: String,
    code: String,
    redirect_uri: String,
}

async fn token(
    State(redirect_uri): State<String>,
    headers: HeaderMap,
    Form(form): Form<TokenForm>,
) -> (StatusCode, Json<Value>) {
    use base64::Engine;
    let expected = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{CLIENT_ID}:{CLIENT_SECRET}"))
    );
    let authorized = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        == Some(expected.as_str());
    let id = form.code.strip_prefix("code-");
    match (
        authorized,
        form.grant_type.as_str(),
        id,
        // The login's callback, or the guild link's on the same site.
        form.redirect_uri == redirect_uri
            || form.redirect_uri
                == redirect_uri.replace("/auth/callback", "/discord/link/callback"),
    ) {
        (true, "authorization_code", Some(id), true) => (
            StatusCode::OK,
            Json(json!({
                "access_token": format!("tok-{id}"),
                "token_type": "Bearer",
                "expires_in": 604800,
                "refresh_token": "refresh",
                "scope": "identify"
            })),
        ),
        _ => (
            StatusCode::BAD_REQUEST,
            Json(json!({"error": "invalid_grant"})),
        ),
    }
}

async fn me(headers: HeaderMap) -> (StatusCode, Json<Value>) {
    let auth = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    match auth.strip_prefix("Bearer tok-") {
        Some(id) => (
            StatusCode::OK,
            Json(json!({
                "id": id,
                "username": format!("user{id}"),
                "discriminator": "0",
                "global_name": format!("Racer {id}"),
                "avatar": null
            })),
        ),
        None => (
            StatusCode::UNAUTHORIZED,
            Json(json!({"message": "401: Unauthorized", "code": 0})),
        ),
    }
}

async fn guilds(headers: HeaderMap) -> (StatusCode, Json<Value>) {
    let auth = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !auth.starts_with("Bearer tok-") {
        return (
            StatusCode::UNAUTHORIZED,
            Json(json!({"message": "401: Unauthorized", "code": 0})),
        );
    }
    (
        StatusCode::OK,
        Json(json!([
            {"id": ADMINISTERED_GUILD, "name": "Racing", "icon": null, "owner": false, "permissions": "2147483656", "features": []},
            {"id": OWNED_GUILD, "name": "Mine", "icon": null, "owner": true, "permissions": "0", "features": []},
            {"id": MEMBER_GUILD, "name": "Someone else's", "icon": null, "owner": false, "permissions": "104324673", "features": []}
        ])),
    )
}

/// Starts the fake on a free port; returns the settings that point the app at it.
pub async fn start(redirect_uri: &str) -> DiscordOAuth {
    let app = Router::new()
        .route("/api/oauth2/token", post(token))
        .route("/api/v10/users/@me", get(me))
        .route("/api/v10/users/@me/guilds", get(guilds))
        .with_state(redirect_uri.to_string());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    DiscordOAuth {
        client_id: CLIENT_ID.into(),
        client_secret: CLIENT_SECRET.into(),
        authorize_url: format!("http://{addr}/oauth2/authorize"),
        token_url: format!("http://{addr}/api/oauth2/token"),
        api_base: format!("http://{addr}/api/v10"),
    }
}
