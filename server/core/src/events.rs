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

/// Writes `event` inside the caller's transaction, on behalf of `actor` (a user id).
pub async fn emit<E: Event>(
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

/// The event types the core emits; plugins may listen to them.
pub const CORE_EVENTS: &[&str] = &[
    OrganizationCreated::TYPE,
    MemberJoined::TYPE,
    PluginEnabled::TYPE,
    PluginDisabled::TYPE,
];
