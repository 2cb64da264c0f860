//! The server-side kinds of contribution and what the host hands each of them when it runs:
//! always the database, the organization (for org-scoped work) and the plugin's effective
//! configuration there. The host runs them only where the plugin is enabled.

use std::future::Future;
use std::pin::Pin;

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::access::OrgRef;
#[doc(no_inline)]
pub use crate::discord::{Command, CommandCall, CommandDecl, CommandFn};
use crate::Guard;
use sahabot_core::db::Db;

pub type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send + 'static>>;

/// What a plugin's own code reports when it fails; the host shows it (a failed hook marks the
/// plugin failed with this message).
#[derive(Debug, thiserror::Error)]
pub enum PluginError {
    #[error("{0}")]
    Message(String),
    #[error(transparent)]
    Data(#[from] sahabot_core::Error),
    #[error("its configuration cannot be read: {0}")]
    Config(String),
}

/// The installation-wide context of install, uninstall and upgrade hooks.
#[derive(Clone, Debug)]
pub struct InstallContext {
    pub db: Db,
    pub plugin_id: &'static str,
}

/// The context of anything a plugin does for one organization.
#[derive(Clone, Debug)]
pub struct OrgContext {
    pub db: Db,
    pub plugin_id: &'static str,
    pub org: OrgRef,
    /// The effective configuration there (see [`crate::config_schema::ConfigSchema::effective`]).
    pub config: Map<String, Value>,
}

impl OrgContext {
    /// The effective configuration as the plugin's own type; fields no level sets take the
    /// type's `#[serde(default)]` values (the code defaults).
    pub fn config<T: DeserializeOwned>(&self) -> Result<T, PluginError> {
        serde_json::from_value(Value::Object(self.config.clone()))
            .map_err(|e| PluginError::Config(e.to_string()))
    }
}

pub type HookFn = fn(InstallContext) -> BoxFuture<Result<(), PluginError>>;
pub type OrgHookFn = fn(OrgContext) -> BoxFuture<Result<(), PluginError>>;
pub type UpgradeHookFn = fn(InstallContext, semver::Version) -> BoxFuture<Result<(), PluginError>>;

/// Lifecycle hooks; each is optional.
#[derive(Debug, Default, Clone, Copy)]
pub struct Hooks {
    pub install: Option<HookFn>,
    pub uninstall: Option<HookFn>,
    pub enable: Option<OrgHookFn>,
    pub disable: Option<OrgHookFn>,
    /// Called with the version recorded before, when the registered version differs.
    pub upgrade: Option<UpgradeHookFn>,
}

/// An API route of a plugin; the host mounts it under `/api/plugins/{plugin_id}`.
#[derive(Clone, Debug)]
pub struct ApiRouteDecl {
    pub plugin_id: &'static str,
    pub method: http::Method,
    pub path: &'static str,
    pub guard: Guard,
    pub handler: fn() -> axum::routing::MethodRouter,
}

impl ApiRouteDecl {
    /// Where the host serves it.
    pub fn full_path(&self) -> String {
        format!("/api/plugins/{}{}", self.plugin_id, self.path)
    }
}

/// An event published in an organization.
#[derive(Clone, Debug)]
pub struct EventCall {
    pub ctx: OrgContext,
    pub event: String,
    pub payload: Value,
    /// Who caused it (a user id), when someone did.
    pub actor: Option<i64>,
}

impl EventCall {
    /// The event as its own type.
    pub fn event<E: sahabot_core::events::Event>(&self) -> Result<E, PluginError> {
        serde_json::from_value(self.payload.clone()).map_err(|e| {
            PluginError::Message(format!("event `{}` cannot be read: {e}", self.event))
        })
    }
}

pub type ListenerFn = fn(EventCall) -> BoxFuture<Result<(), PluginError>>;

#[derive(Clone, Copy, Debug)]
pub struct ListenerDecl {
    pub plugin_id: &'static str,
    pub event: &'static str,
    pub run: ListenerFn,
}

/// When a task runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Schedule {
    Every(std::time::Duration),
}

pub type TaskFn = fn(OrgContext) -> BoxFuture<Result<(), PluginError>>;

#[derive(Clone, Copy, Debug)]
pub struct TaskDecl {
    pub plugin_id: &'static str,
    pub name: &'static str,
    pub schedule: Schedule,
    pub run: TaskFn,
}

/// One step of a plugin's schema. The SQL uses the same dialect tokens as the core's
/// migrations (`{{pk}}`, `{{bool}}`).
#[derive(Clone, Copy, Debug)]
pub struct MigrationDecl {
    pub name: &'static str,
    pub sql: &'static str,
}
