//! A local fake of Discord's REST API for tests: serenity's `Http` is pointed at it (its proxy
//! setting, rate limiter off). It records every request and answers the calls the runtime
//! makes: guild command overwrites, interaction callbacks and edits of deferred responses.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{patch, post, put};
use axum::{Json, Router};
use serde_json::{json, Value};

/// One request the fake received.
#[derive(Clone, Debug)]
pub struct Recorded {
    pub method: Method,
    /// Without the `/api/v10` prefix.
    pub path: String,
    pub body: Value,
}

#[derive(Default)]
struct Shared {
    requests: Mutex<Vec<Recorded>>,
    failing_guilds: Mutex<HashSet<String>>,
}

#[derive(Clone)]
pub struct FakeDiscord {
    pub url: String,
    shared: Arc<Shared>,
}

impl FakeDiscord {
    /// Listens on a free loopback port.
    pub async fn start() -> std::io::Result<FakeDiscord> {
        let shared = Arc::new(Shared::default());
        let app = Router::new()
            .route(
                "/api/v10/applications/{app}/guilds/{guild}/commands",
                put(overwrite_commands),
            )
            .route(
                "/api/v10/webhooks/{app}/{token}/messages/@original",
                patch(edit_original),
            )
            .route(
                "/api/v10/interactions/{id}/{token}/callback",
                post(callback),
            )
            .fallback(unknown)
            .with_state(shared.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let url = format!("http://{}", listener.local_addr()?);
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Ok(FakeDiscord { url, shared })
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.shared
            .requests
            .lock()
            .map(|r| r.clone())
            .unwrap_or_default()
    }

    pub fn clear(&self) {
        if let Ok(mut requests) = self.shared.requests.lock() {
            requests.clear();
        }
    }

    /// From now on, overwriting this guild's commands fails as Discord does when the bot is
    /// not in the guild (403, Missing Access).
    pub fn fail_guild(&self, guild_id: i64) {
        if let Ok(mut failing) = self.shared.failing_guilds.lock() {
            failing.insert(guild_id.to_string());
        }
    }

    /// Overwriting this guild's commands works again (the bot was let back in).
    pub fn heal_guild(&self, guild_id: i64) {
        if let Ok(mut failing) = self.shared.failing_guilds.lock() {
            failing.remove(&guild_id.to_string());
        }
    }

    /// The command names of the last overwrite of the guild, if any.
    pub fn guild_commands(&self, guild_id: i64) -> Option<Vec<String>> {
        let suffix = format!("/guilds/{guild_id}/commands");
        self.requests()
            .iter()
            .rev()
            .find(|r| r.method == Method::PUT && r.path.ends_with(&suffix))
            .map(|r| {
                r.body
                    .as_array()
                    .map(|cmds| {
                        cmds.iter()
                            .filter_map(|c| c["name"].as_str().map(str::to_owned))
                            .collect()
                    })
                    .unwrap_or_default()
            })
    }
}

fn record(shared: &Shared, method: Method, uri: &Uri, body: &[u8]) -> Value {
    let body: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
    if let Ok(mut requests) = shared.requests.lock() {
        requests.push(Recorded {
            method,
            path: uri.path().trim_start_matches("/api/v10").to_owned(),
            body: body.clone(),
        });
    }
    body
}

async fn overwrite_commands(
    State(shared): State<Arc<Shared>>,
    Path((app, guild)): Path<(String, String)>,
    uri: Uri,
    body: Bytes,
) -> Response {
    let commands = record(&shared, Method::PUT, &uri, &body);
    let failing = shared
        .failing_guilds
        .lock()
        .map(|f| f.contains(&guild))
        .unwrap_or(false);
    if failing {
        return (
            StatusCode::FORBIDDEN,
            Json(json!({"message": "Missing Access", "code": 50001})),
        )
            .into_response();
    }
    let Some(list) = commands.as_array() else {
        return (
            StatusCode::BAD_REQUEST,
            Json(json!({"message": "Invalid Form Body", "code": 50035})),
        )
            .into_response();
    };
    let created: Vec<Value> = list
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mut command = c.clone();
            command["id"] = json!(format!("{}", 9_000_000_000_000_000_u64 + i as u64));
            command["application_id"] = json!(app);
            command["guild_id"] = json!(guild);
            command["version"] = json!("1");
            command["type"] = c.get("type").cloned().unwrap_or(json!(1));
            command
        })
        .collect();
    Json(created).into_response()
}

async fn edit_original(State(shared): State<Arc<Shared>>, uri: Uri, body: Bytes) -> Response {
    let edit = record(&shared, Method::PATCH, &uri, &body);
    Json(json!({
        "id": "1100000000000000001",
        "channel_id": "1100000000000000002",
        "author": {"id": "1100000000000000003", "username": "SahaBot", "discriminator": "0000", "avatar": null, "bot": true},
        "content": edit.get("content").cloned().unwrap_or(json!("")),
        "timestamp": "2026-11-26T00:00:00.000000+00:00",
        "edited_timestamp": null,
        "tts": false,
        "mention_everyone": false,
        "mentions": [],
        "mention_roles": [],
        "attachments": [],
        "embeds": [],
        "pinned": false,
        "type": 0,
    }))
    .into_response()
}

async fn callback(State(shared): State<Arc<Shared>>, uri: Uri, body: Bytes) -> StatusCode {
    record(&shared, Method::POST, &uri, &body);
    StatusCode::NO_CONTENT
}

async fn unknown(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    body: Bytes,
) -> Response {
    record(&shared, method, &uri, &body);
    (
        StatusCode::NOT_FOUND,
        Json(json!({"message": "404: Not Found", "code": 0})),
    )
        .into_response()
}
