//! What the plugin administration pages exchange with the server.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::config_schema::ConfigSchema;

/// A plugin as the platform's administration lists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PluginAdminRow {
    pub id: String,
    pub name: String,
    pub version: String,
    pub description: String,
    /// `builtin` or `external`.
    pub kind: String,
    pub category: String,
    pub global: bool,
    pub private: bool,
    pub enabled_by_default: bool,
    pub installed: bool,
    /// Why the plugin is out of service, when it is.
    pub failed: Option<String>,
    /// Names of the plugins it requires.
    pub requires: Vec<String>,
    /// Slugs of the organizations that have it enabled.
    pub used_by: Vec<String>,
    pub config_schema: ConfigSchema,
    /// The installation's configuration.
    pub config: Map<String, Value>,
}

/// A plugin as an organization's administration sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrgPluginRow {
    pub id: String,
    pub name: String,
    pub description: String,
    pub category: String,
    pub private: bool,
    pub enabled: bool,
    pub failed: Option<String>,
    /// Names of the plugins it requires.
    pub requires: Vec<String>,
    /// Names of the enabled plugins that require it (it cannot be turned off before them).
    pub required_by: Vec<String>,
    /// Why the switch cannot be turned on right now, when it cannot.
    /// Why its enable hook failed in this organization, the last time it was turned on.
    pub enable_failed: Option<String>,
    pub blocked: Option<String>,
    pub config_schema: ConfigSchema,
    /// The organization's overrides.
    pub config: Map<String, Value>,
    /// What applies where the organization sets nothing: the installation's settings over the
    /// manifest's defaults.
    pub inherited_config: Map<String, Value>,
}

/// The bot as this instance sees it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BotStatus {
    /// A bot token (gateway) or an application id and public key (endpoint) are set.
    pub configured: bool,
    /// Connected to the gateway.
    pub connected: bool,
    pub gateway: bool,
    pub interactions_endpoint: bool,
    pub guilds: usize,
    pub latency_ms: Option<u64>,
    pub last_error: Option<String>,
}
