//! Typed events: each is a serde struct with a type name, written to the outbox in the
//! transaction of the change it describes (so an event exists exactly when its change does)
//! and delivered afterwards to the listeners of the plugins in service for its organization.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::repo::events::{emit_in, NewEvent};

/// An event type. Plugins name theirs `{plugin}.{name}`; the core's are `core.{name}`.
pub trait Event: Serialize + DeserializeOwned + Send + Sync {
    const TYPE: &'static str;
    /// The organization it happened in; listeners run only where their plugin is enabled.
    fn organization_id(&self) -> Option<i64>;
}

/// Writes `event` inside a unit of work ([`crate::write::Write::emit`]), on behalf of `actor` (a
/// user id).
pub(crate) async fn emit<E: Event>(
    conn: &mut sqlx::AnyConnection,
    actor: Option<i64>,
    event: &E,
) -> Result<i64> {
    let payload = serde_json::to_value(event).map_err(|e| crate::Error::Conflict(e.to_string()))?;
    emit_in(
        conn,
        &NewEvent {
            event_type: E::TYPE,
            organization_id: event.organization_id(),
            actor_user_id: actor,
            payload: &payload,
        },
    )
    .await
}

/// A plugin was turned on for an organization.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PluginEnabled {
    pub organization_id: i64,
    pub plugin: String,
}

impl Event for PluginEnabled {
    const TYPE: &'static str = "core.plugin_enabled";
    fn organization_id(&self) -> Option<i64> {
        Some(self.organization_id)
    }
}

/// A plugin was turned off for an organization.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PluginDisabled {
    pub organization_id: i64,
    pub plugin: String,
}

impl Event for PluginDisabled {
    const TYPE: &'static str = "core.plugin_disabled";
    fn organization_id(&self) -> Option<i64> {
        Some(self.organization_id)
    }
}

/// An organization was created (directly or by approving a request).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganizationCreated {
    pub organization_id: i64,
    pub slug: String,
}

impl Event for OrganizationCreated {
    const TYPE: &'static str = "core.organization_created";
    fn organization_id(&self) -> Option<i64> {
        Some(self.organization_id)
    }
}

/// A user joined an organization (by invite, or added by an admin).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberJoined {
    pub organization_id: i64,
    pub user_id: i64,
}

impl Event for MemberJoined {
    const TYPE: &'static str = "core.member_joined";
    fn organization_id(&self) -> Option<i64> {
        Some(self.organization_id)
    }
}

/// A member left an organization or was removed from it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberLeft {
    pub organization_id: i64,
    pub user_id: i64,
}

impl Event for MemberLeft {
    const TYPE: &'static str = "core.member_left";
    fn organization_id(&self) -> Option<i64> {
        Some(self.organization_id)
    }
}

/// A user account was created (first sign-in with Discord, or by the platform).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserCreated {
    pub user_id: i64,
    pub display_name: String,
}

impl Event for UserCreated {
    const TYPE: &'static str = "core.user_created";
    fn organization_id(&self) -> Option<i64> {
        None
    }
}

/// An external plugin was installed on the platform.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PluginInstalled {
    pub plugin: String,
}

impl Event for PluginInstalled {
    const TYPE: &'static str = "core.plugin_installed";
    fn organization_id(&self) -> Option<i64> {
        None
    }
}

/// An external plugin was uninstalled from the platform.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PluginUninstalled {
    pub plugin: String,
}

impl Event for PluginUninstalled {
    const TYPE: &'static str = "core.plugin_uninstalled";
    fn organization_id(&self) -> Option<i64> {
        None
    }
}

/// The event types the core emits; plugins may listen to them. Those of no organization
/// (users, installations) reach the listeners of the plugins in service on the platform.
pub const CORE_EVENTS: &[&str] = &[
    UserCreated::TYPE,
    OrganizationCreated::TYPE,
    MemberJoined::TYPE,
    MemberLeft::TYPE,
    PluginInstalled::TYPE,
    PluginUninstalled::TYPE,
    PluginEnabled::TYPE,
    PluginDisabled::TYPE,
];
