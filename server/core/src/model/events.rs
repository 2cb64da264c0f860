use serde::{Deserialize, Serialize};

/// One delivery of an event to one plugin's listener, as the administration lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventDelivery {
    pub delivery_id: i64,
    pub event_id: i64,
    pub event_type: String,
    pub organization: Option<String>,
    pub plugin_id: String,
    /// pending, delivered, skipped, failed
    pub status: String,
    pub attempts: i64,
    pub last_error: Option<String>,
    /// When the event happened (unix milliseconds).
    pub created_at: i64,
    pub updated_at: i64,
}

/// The event bus as the platform administration sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventsOverview {
    pub total_events: i64,
    /// Events whose deliveries do not exist yet.
    pub waiting: i64,
    pub failed: Vec<EventDelivery>,
    pub recent: Vec<EventDelivery>,
}
