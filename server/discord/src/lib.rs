//! The Discord runtime. Interactions arrive through the gateway (with a bot token) or the
//! signed HTTP endpoint; both hand them to [`interaction::answer`], which resolves the guild's
//! organization and the caller, then dispatches to the owning plugin through the plugin
//! runtime (which applies the central access check). Each linked guild gets exactly the
//! commands of the plugins its organization enabled ([`sync`]).

pub mod convert;
pub mod endpoint;
pub mod error;
pub mod gateway;
pub mod interaction;
pub mod link;
mod messages;
pub mod options;
pub mod settings;
pub mod sync;
mod watch;

#[cfg(feature = "testing")]
pub mod fake;

use std::sync::{Arc, Mutex};

use sahabot_core::db::Db;
use sahabot_sdk::discord::{BotStatus, DiscordHost};
use sahabot_sdk::runtime_kinds::BoxFuture;
use serenity::http::{Http, HttpBuilder};
use serenity::interactions_endpoint::Verifier;
use serenity::model::id::ApplicationId;

pub use error::DiscordError;
pub use settings::DiscordSettings;

/// The bot as this instance runs it. Cheap to clone.
#[derive(Clone)]
pub struct Discord {
    inner: Arc<Inner>,
}

struct Inner {
    db: Db,
    settings: DiscordSettings,
    /// Discord's REST API; `None` without an application id (nothing to call then).
    http: Option<Arc<Http>>,
    verifier: Option<Verifier>,
    status: Mutex<BotStatus>,
}

impl std::fmt::Debug for Discord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Discord")
            .field("settings", &self.inner.settings)
            .finish_non_exhaustive()
    }
}

impl Discord {
    /// Prepares the REST client and the signature check from the settings; refuses a public
    /// key that is not a valid Ed25519 key. Starts nothing (see [`Discord::start`]).
    pub fn new(db: Db, settings: DiscordSettings) -> Result<Discord, DiscordError> {
        let verifier = settings
            .public_key
            .as_deref()
            .map(settings::verifier)
            .transpose()?;
        let http = build_http(&settings).map(Arc::new);
        let status = BotStatus {
            configured: settings.bot_token.is_some() || verifier.is_some(),
            gateway: settings.gateway && settings.bot_token.is_some() && http.is_some(),
            interactions_endpoint: verifier.is_some() && http.is_some(),
            ..BotStatus::default()
        };
        Ok(Discord {
            inner: Arc::new(Inner {
                db,
                settings,
                http,
                verifier,
                status: Mutex::new(status),
            }),
        })
    }

    /// Syncs the linked guilds' commands, follows enablement changes, and connects to the
    /// gateway when a bot token is set. Does nothing without one.
    pub async fn start(&self) {
        if !self.can_sync() {
            return;
        }
        watch::spawn(self.clone());
        if self.status().gateway {
            // The gateway sends `guild_create` for every guild at connection; that syncs them.
            gateway::spawn(self.clone());
        } else if let Err(e) = sync::sync_linked(self).await {
            tracing::warn!(error = %e, "the start-up command sync failed");
        }
    }

    pub fn db(&self) -> &Db {
        &self.inner.db
    }

    pub fn settings(&self) -> &DiscordSettings {
        &self.inner.settings
    }

    pub fn http(&self) -> Option<&Arc<Http>> {
        self.inner.http.as_ref()
    }

    pub(crate) fn verifier(&self) -> Option<&Verifier> {
        self.inner.verifier.as_ref()
    }

    /// Registering commands needs the bot's token.
    pub fn can_sync(&self) -> bool {
        self.inner.settings.bot_token.is_some() && self.inner.http.is_some()
    }

    pub fn status(&self) -> BotStatus {
        self.inner
            .status
            .lock()
            .map(|s| s.clone())
            .unwrap_or_default()
    }

    pub(crate) fn update_status(&self, change: impl FnOnce(&mut BotStatus)) {
        if let Ok(mut status) = self.inner.status.lock() {
            change(&mut status);
        }
    }
}

/// A REST client for the configured application; `None` without an application id.
pub(crate) fn build_http(settings: &DiscordSettings) -> Option<Http> {
    let app = settings.application_id.filter(|id| *id != 0)?;
    let mut builder = HttpBuilder::new(settings.bot_token.as_deref().unwrap_or_default())
        .application_id(ApplicationId::new(app));
    if settings.api_url != settings::DISCORD_URL {
        // serenity's rate limiter ignores the proxy, so a proxied client goes without.
        builder = builder
            .proxy(settings.api_url.clone())
            .ratelimiter_disabled(true);
    }
    Some(builder.build())
}

impl DiscordHost for Discord {
    fn status(&self) -> BotStatus {
        Discord::status(self)
    }

    fn resync(&self, guild_id: i64) -> BoxFuture<Result<(), String>> {
        let discord = self.clone();
        Box::pin(async move {
            if !discord.can_sync() {
                return Err("the bot has no token configured (DISCORD_BOT_TOKEN)".into());
            }
            sync::sync_guild(&discord, guild_id)
                .await
                .map(|_| ())
                .map_err(|e| e.to_string())
        })
    }

    fn can_post(&self) -> bool {
        self.can_sync()
    }

    fn post(
        &self,
        plugin_id: &'static str,
        channel_id: i64,
        reply: sahabot_sdk::discord::Reply,
    ) -> BoxFuture<Result<i64, String>> {
        let discord = self.clone();
        Box::pin(async move { messages::post(&discord, plugin_id, channel_id, &reply).await })
    }

    fn open_private_thread(
        &self,
        plugin_id: &'static str,
        channel_id: i64,
        name: String,
        member: i64,
        first: sahabot_sdk::discord::Reply,
    ) -> BoxFuture<Result<i64, String>> {
        let discord = self.clone();
        Box::pin(async move {
            messages::open_private_thread(&discord, plugin_id, channel_id, &name, member, &first)
                .await
        })
    }

    fn link(&self, path: &str) -> String {
        format!(
            "{}{path}",
            self.inner.settings.site_url.trim_end_matches('/')
        )
    }
}
