use std::time::{SystemTime, UNIX_EPOCH};

/// Now as unix milliseconds: how instants are stored in both engines.
pub fn now_millis() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// The largest unix-millisecond instant accepted (the year 2100): anything later is a typo.
pub const LATEST_INSTANT: i64 = 4_102_444_800_000;
/// The earliest (the year 2000).
pub const EARLIEST_INSTANT: i64 = 946_684_800_000;

/// An instant a person entered, checked to be in a believable range.
pub fn check_instant(field: &'static str, at: Option<i64>) -> Result<Option<i64>, crate::Error> {
    match at {
        Some(ms) if !(EARLIEST_INSTANT..=LATEST_INSTANT).contains(&ms) => {
            Err(crate::Error::Invalid {
                field,
                message: "must be a time between the years 2000 and 2100 (unix milliseconds)"
                    .into(),
            })
        }
        other => Ok(other),
    }
}
