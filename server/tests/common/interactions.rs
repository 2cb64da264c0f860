//! Signed interactions against the real router, with the bot pointed at a local fake of
//! Discord's REST API: the alttpr and sm-league organizations linked to guilds.

use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use ed25519_dalek::{Signer, SigningKey};
use http_body_util::BodyExt;
use leptos::prelude::LeptosOptions;
use sahabot_core::db::Db;
use sahabot_core::demo;
use sahabot_core::repo::discord as repo;
use sahabot_discord::fake::FakeDiscord;
use sahabot_discord::{Discord, DiscordSettings};
use sahabot_server::{http::router, plugins, AppState};
use serde_json::{json, Value};
use tower::ServiceExt;

pub const APP_ID: u64 = 4_242_000_000_000_000;
pub const ALTTPR_GUILD: i64 = 700_000_000_000_000_001;
pub const SM_GUILD: i64 = 700_000_000_000_000_002;
pub const UNLINKED_GUILD: i64 = 700_000_000_000_000_009;
pub const SYNACK: &str = "100000000000000000";
pub const ZELDA: &str = "100000000000000001";

pub struct Setup {
    pub app: Router,
    pub discord: Discord,
    pub fake: FakeDiscord,
    pub key: SigningKey,
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The app with the bot pointed at a fresh fake; alttpr and sm-league linked to guilds.
pub async fn setup(db: &Db, defer_after: Duration) -> Setup {
    setup_with(db, defer_after, super::settings(None, false)).await
}

pub async fn setup_with(
    db: &Db,
    defer_after: Duration,
    auth: sahabot_server::auth::AuthSettings,
) -> Setup {
    plugins::load().unwrap();
    plugins::start(db).await.unwrap();
    demo::seed(db).await.unwrap();
    let synack = super::demo_user_id(db, "Synack").await;
    for (slug, guild) in [("alttpr", ALTTPR_GUILD), ("sm-league", SM_GUILD)] {
        let org_id = super::org_ref(db, slug).await.id;
        db.change(async |w| repo::link_guild(w, org_id, guild, synack).await)
            .await
            .unwrap();
    }
    let fake = FakeDiscord::start().await.unwrap();
    let key = SigningKey::from_bytes(&[7u8; 32]);
    let discord = Discord::new(
        db.clone(),
        DiscordSettings {
            bot_token: Some("test-token".into()),
            application_id: Some(APP_ID),
            public_key: Some(hex(key.verifying_key().as_bytes())),
            api_url: fake.url.clone(),
            gateway: false,
            defer_after,
            site_url: "http://127.0.0.1:3000".into(),
        },
    )
    .unwrap();
    let options = LeptosOptions::builder().output_name("sahabot").build();
    let state = AppState::new(options, db.clone(), auth)
        .await
        .unwrap()
        .with_discord(discord.clone());
    Setup {
        app: router(state),
        discord,
        fake,
        key,
    }
}

impl Setup {
    /// Posts `body` to the interactions endpoint, signed unless `sign` says otherwise.
    pub async fn post(&self, body: &str, headers: &[(&str, String)]) -> (StatusCode, Value) {
        let mut request =
            Request::post("/discord/interactions").header("content-type", "application/json");
        for (name, value) in headers {
            request = request.header(*name, value);
        }
        let response = self
            .app
            .clone()
            .oneshot(request.body(Body::from(body.to_owned())).unwrap())
            .await
            .unwrap();
        let status = response.status();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        (
            status,
            serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        )
    }

    pub fn signature(&self, timestamp: &str, body: &str) -> Vec<(&'static str, String)> {
        let signed = self
            .key
            .sign(&[timestamp.as_bytes(), body.as_bytes()].concat());
        vec![
            ("x-signature-ed25519", hex(&signed.to_bytes())),
            ("x-signature-timestamp", timestamp.to_owned()),
        ]
    }

    pub async fn signed(&self, interaction: &Value) -> (StatusCode, Value) {
        let body = interaction.to_string();
        self.post(&body, &self.signature("1764115200", &body)).await
    }
}

pub fn member(discord_id: &str) -> Value {
    json!({
        "user": {"id": discord_id, "username": "racer", "discriminator": "0", "global_name": null, "avatar": null},
        "roles": [], "joined_at": "2026-01-01T00:00:00.000000+00:00", "deaf": false, "mute": false,
        "flags": 0, "permissions": "2248473465835073",
    })
}

pub fn base(kind: u8, guild: Option<i64>, user: &str, data: Value) -> Value {
    let mut interaction = json!({
        "id": "800000000000000001", "application_id": APP_ID.to_string(), "type": kind,
        "data": data, "channel_id": "900000000000000001", "token": "interaction-token",
        "version": 1, "locale": "en-US", "entitlements": [], "app_permissions": "0",
        "attachment_size_limit": 8388608,
    });
    match guild {
        Some(guild) => {
            interaction["guild_id"] = json!(guild.to_string());
            interaction["member"] = member(user);
        }
        None => interaction["user"] = member(user)["user"].clone(),
    }
    interaction
}

pub fn command(name: &str, options: Value, guild: Option<i64>, user: &str) -> Value {
    base(
        2,
        guild,
        user,
        json!({"id": "810000000000000001", "name": name, "type": 1, "options": options}),
    )
}

pub fn content(response: &Value) -> String {
    response["data"]["content"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// A message of the bot in `channel`, as an interaction carries it.
fn bot_message(channel: &str) -> Value {
    json!({
        "id": "1100000000000000001", "channel_id": channel,
        "author": {"id": APP_ID.to_string(), "username": "SahaBot", "discriminator": "0", "avatar": null, "bot": true},
        "content": "", "timestamp": "2026-11-26T00:00:00.000000+00:00", "edited_timestamp": null,
        "tts": false, "mention_everyone": false, "mentions": [], "mention_roles": [],
        "attachments": [], "embeds": [], "pinned": false, "type": 0,
    })
}

/// `user` presses the button `custom_id` on a message of the bot in `channel`.
pub fn press(guild: Option<i64>, user: &str, custom_id: &str, channel: &str) -> Value {
    let mut press = base(
        3,
        guild,
        user,
        json!({"custom_id": custom_id, "component_type": 2}),
    );
    press["channel_id"] = json!(channel);
    press["message"] = bot_message(channel);
    press
}

/// `user` submits the form `custom_id` in `channel` with these fields.
pub fn submit(
    guild: Option<i64>,
    user: &str,
    custom_id: &str,
    channel: &str,
    fields: &[(&str, &str)],
) -> Value {
    let inputs: Vec<Value> = fields
        .iter()
        .map(|(id, value)| json!({"type": 1, "components": [{"type": 4, "custom_id": id, "value": value}]}))
        .collect();
    let mut form = base(
        5,
        guild,
        user,
        json!({"custom_id": custom_id, "components": inputs}),
    );
    form["channel_id"] = json!(channel);
    form
}
