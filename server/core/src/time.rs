use std::time::{SystemTime, UNIX_EPOCH};

/// Now as unix milliseconds: how instants are stored in both engines.
pub fn now_millis() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}
