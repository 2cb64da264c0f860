//! SQL for the tournament's own tables, the same on SQLite and PostgreSQL (instants are unix
//! milliseconds, JSON is text).

pub mod channels;
pub mod crew;
pub mod matches;
pub mod players;
pub mod seeds;
pub mod submissions;
pub mod tournaments;

use sahabot_sdk::serde_json;
use sahabot_sdk::Error;

/// A JSON column read into its type; a stored value that does not read is a conflict to
/// report, not a panic.
pub(crate) fn json<T: serde::de::DeserializeOwned>(text: &str, what: &str) -> Result<T, Error> {
    serde_json::from_str(text)
        .map_err(|e| Error::Conflict(format!("stored {what} cannot be read: {e}")))
}

pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".into())
}
