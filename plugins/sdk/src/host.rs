//! What the SDK asks of the host at run time: the access check of a call and which plugins are
//! in service. The host installs its implementation once, at start ([`install`]); the SDK never
//! reads the registry's enablement or the core's repositories itself.

use std::sync::OnceLock;

use sahabot_core::authz::{DenyReason, Guard};
use sahabot_core::db::Db;
use sahabot_core::model::CurrentUser;

use crate::handler::BoxFuture;
use crate::org::OrgRef;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum AccessError {
    #[error("sign in first")]
    NotSignedIn,
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    BadRequest(String),
    #[error("`{0}` has no access declaration; it is refused until it has one")]
    Undeclared(String),
    #[error("the database is unavailable")]
    Unavailable,
}

impl AccessError {
    pub fn status(&self) -> http::StatusCode {
        use http::StatusCode;
        match self {
            AccessError::NotSignedIn => StatusCode::UNAUTHORIZED,
            AccessError::Forbidden(_) | AccessError::Undeclared(_) => StatusCode::FORBIDDEN,
            AccessError::NotFound(_) => StatusCode::NOT_FOUND,
            AccessError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AccessError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    pub fn from_reason(reason: DenyReason) -> AccessError {
        match reason {
            DenyReason::NotSignedIn => AccessError::NotSignedIn,
            other => AccessError::Forbidden(other.message()),
        }
    }
}

/// The host's half of the contract.
pub trait Host: Send + Sync + 'static {
    /// Applies `guard` for `user` and, for a contribution of `plugin`, whether that plugin is in
    /// service there (404 when not); returns the organization named by `org_slug`, resolved.
    fn check(
        &self,
        db: Db,
        user: Option<CurrentUser>,
        guard: Guard,
        org_slug: Option<String>,
        plugin: Option<&'static str>,
    ) -> BoxFuture<Result<Option<OrgRef>, AccessError>>;

    /// The linked plugins in service for an organization (global ones included), by id.
    fn in_service(
        &self,
        db: Db,
        organization_id: i64,
    ) -> BoxFuture<Result<Vec<&'static str>, sahabot_core::Error>>;

    /// The plugin's effective configuration in the organization (`None`: the installation's):
    /// the organization's values over the installation's over the manifest's defaults.
    fn config(
        &self,
        db: Db,
        plugin: &'static str,
        organization_id: Option<i64>,
    ) -> BoxFuture<Result<serde_json::Map<String, serde_json::Value>, sahabot_core::Error>>;

    /// Whether `plugin`'s manifest names `other` in `requires.plugins` or
    /// `requires.optional_plugins`.
    fn declares_dependency(&self, plugin: &str, other: &str) -> bool;

    /// The plugins whose manifest names `plugin` in `requires.plugins`: those that extend it.
    fn dependents(&self, plugin: &str) -> Vec<&'static str>;

    /// The public services `plugin` offers (each a boxed `Arc<T>`).
    fn apis(&self, plugin: &str) -> &'static [crate::PublicApi];

    /// Whether `plugin` declares the per-organization task `key`.
    fn declares_org_task(&self, plugin: &str, key: &str) -> bool;
}

static HOST: OnceLock<Box<dyn Host>> = OnceLock::new();

/// Installs the host's implementation; later calls keep the first.
pub fn install(host: Box<dyn Host>) {
    let _ = HOST.set(host);
}

pub(crate) fn get() -> Result<&'static dyn Host, AccessError> {
    HOST.get().map(|h| h.as_ref()).ok_or_else(|| {
        tracing::error!("no host is installed; plugin calls cannot be checked");
        AccessError::Unavailable
    })
}

/// What the Discord runtime tells pages about the bot and asks of it. The host puts one in the
/// server functions' context; with no bot configured, pages say so.
pub trait DiscordHost: Send + Sync + std::fmt::Debug {
    fn status(&self) -> sahabot_core::model::BotStatus;
    /// Overwrites the guild's commands with those of the plugins its organization enabled.
    fn resync(&self, guild_id: i64) -> BoxFuture<Result<(), String>>;
    /// Whether the bot may post (it has a token).
    fn can_post(&self) -> bool;
    /// Sends `reply` to a channel or thread as the bot (buttons routed back to `plugin_id`);
    /// the message's id.
    fn post(
        &self,
        plugin_id: &'static str,
        channel_id: i64,
        reply: crate::discord::Reply,
    ) -> BoxFuture<Result<i64, String>>;
    /// Opens a private thread named `name` in `channel_id`, adds the Discord user `member` to
    /// it and posts `first` there; the thread's id.
    fn open_private_thread(
        &self,
        plugin_id: &'static str,
        channel_id: i64,
        name: String,
        member: i64,
        first: crate::discord::Reply,
    ) -> BoxFuture<Result<i64, String>>;
    /// The full address of a page of the site (`path` starts with `/`).
    fn link(&self, path: &str) -> String;
}

/// Re-syncs the commands of these guilds through the host in the server functions' context
/// (none without a bot). A failure is recorded by the host and shown on the admin page.
pub async fn resync_guilds(guilds: impl IntoIterator<Item = i64>) {
    let Some(host) = leptos::prelude::use_context::<std::sync::Arc<dyn DiscordHost>>() else {
        return;
    };
    if !host.status().configured {
        return;
    }
    for guild in guilds {
        if let Err(e) = host.resync(guild).await {
            tracing::warn!(guild, error = %e, "guild re-sync failed");
        }
    }
}
