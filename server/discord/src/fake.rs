//! A local fake of Discord's REST API for tests: serenity's `Http` is pointed at it (its proxy
//! setting, rate limiter off). It records every request and answers the calls the runtime
//! makes: guild command overwrites, interaction callbacks, edits of deferred responses,
//! messages posted in channels, and private threads with their members.

use std::collections::HashSet;
use std::sync::atomic::{AtomicU64, Ordering};
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
    /// Channels where the bot may not post or open threads (403, Missing Permissions).
    closed_channels: Mutex<HashSet<String>>,
    next_id: AtomicU64,
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
            .route("/api/v10/channels/{channel}/messages", post(create_message))
            .route("/api/v10/channels/{channel}/threads", post(create_thread))
            .route(
                "/api/v10/channels/{channel}/thread-members/{user}",
                put(add_thread_member),
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

    /// From now on, the bot may not post or open threads in this channel.
    pub fn close_channel(&self, channel_id: i64) {
        if let Ok(mut closed) = self.shared.closed_channels.lock() {
            closed.insert(channel_id.to_string());
        }
    }

    /// The messages posted in a channel or thread: their bodies, oldest first.
    pub fn messages(&self, channel_id: i64) -> Vec<Value> {
        let path = format!("/channels/{channel_id}/messages");
        self.requests()
            .into_iter()
            .filter(|r| r.method == Method::POST && r.path == path)
            .map(|r| r.body)
            .collect()
    }

    /// The threads opened in a channel: `(thread id, name, type, members added)`.
    pub fn threads(&self, channel_id: i64) -> Vec<(i64, String, i64, Vec<String>)> {
        let opened = format!("/channels/{channel_id}/threads");
        let requests = self.requests();
        requests
            .iter()
            .filter(|r| r.method == Method::POST && r.path == opened)
            .filter_map(|r| {
                let id = r.body["fake_id"].as_i64()?;
                let members = requests
                    .iter()
                    .filter(|m| m.method == Method::PUT)
                    .filter_map(|m| {
                        m.path
                            .strip_prefix(&format!("/channels/{id}/thread-members/"))
                            .map(str::to_owned)
                    })
                    .collect();
                Some((
                    id,
                    r.body["name"].as_str().unwrap_or_default().to_owned(),
                    r.body["type"].as_i64().unwrap_or_default(),
                    members,
                ))
            })
            .collect()
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
    record_value(shared, method, uri, body.clone());
    body
}

fn record_value(shared: &Shared, method: Method, uri: &Uri, body: Value) {
    if let Ok(mut requests) = shared.requests.lock() {
        requests.push(Recorded {
            method,
            path: uri.path().trim_start_matches("/api/v10").to_owned(),
            body,
        });
    }
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
    message_json("1100000000000000001", "1100000000000000002", &edit)
}

fn closed(shared: &Shared, channel: &str) -> Option<Response> {
    let closed = shared
        .closed_channels
        .lock()
        .map(|c| c.contains(channel))
        .unwrap_or(false);
    closed.then(|| {
        (
            StatusCode::FORBIDDEN,
            Json(json!({"message": "Missing Permissions", "code": 50013})),
        )
            .into_response()
    })
}

fn fresh_id(shared: &Shared) -> u64 {
    1_200_000_000_000_000_000 + shared.next_id.fetch_add(1, Ordering::Relaxed)
}

async fn create_message(
    State(shared): State<Arc<Shared>>,
    Path(channel): Path<String>,
    uri: Uri,
    body: Bytes,
) -> Response {
    let message = record(&shared, Method::POST, &uri, &body);
    if let Some(refused) = closed(&shared, &channel) {
        return refused;
    }
    message_json(&fresh_id(&shared).to_string(), &channel, &message)
}

/// A thread as Discord returns it; the recorded request carries the id it got (`fake_id`).
async fn create_thread(
    State(shared): State<Arc<Shared>>,
    Path(channel): Path<String>,
    uri: Uri,
    body: Bytes,
) -> Response {
    let id = fresh_id(&shared);
    let mut recorded: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    recorded["fake_id"] = json!(id);
    record_value(&shared, Method::POST, &uri, recorded.clone());
    if let Some(refused) = closed(&shared, &channel) {
        return refused;
    }
    Json(json!({
        "id": id.to_string(),
        "type": recorded.get("type").cloned().unwrap_or(json!(12)),
        "guild_id": "700000000000000001",
        "parent_id": channel,
        "owner_id": "1100000000000000003",
        "name": recorded.get("name").cloned().unwrap_or(json!("")),
        "member_count": 1,
        "message_count": 0,
        "rate_limit_per_user": 0,
        "flags": 0,
        "thread_metadata": {
            "archived": false,
            "auto_archive_duration": recorded.get("auto_archive_duration").cloned().unwrap_or(json!(1440)),
            "archive_timestamp": "2026-11-26T00:00:00.000000+00:00",
            "locked": false,
            "invitable": recorded.get("invitable").cloned().unwrap_or(json!(false)),
        },
    }))
    .into_response()
}

async fn add_thread_member(State(shared): State<Arc<Shared>>, uri: Uri) -> StatusCode {
    record(&shared, Method::PUT, &uri, &[]);
    StatusCode::NO_CONTENT
}

fn message_json(id: &str, channel: &str, sent: &Value) -> Response {
    Json(json!({
        "id": id,
        "channel_id": channel,
        "author": {"id": "1100000000000000003", "username": "SahaBot", "discriminator": "0000", "avatar": null, "bot": true},
        "content": sent.get("content").cloned().unwrap_or(json!("")),
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
