//! The tournament's rules: who may do what, and what each change checks, writes and
//! publishes. The pure parts (the status flow, the preset rules, the settings form) have their
//! own files and unit tests.

pub mod calendar;
pub mod caller;
pub mod channels;
pub mod crew;
pub mod feed_cache;
pub mod matches;
pub mod players;
pub mod preset_rules;
pub mod roster;
pub mod seeds;
pub mod settings_form;
pub mod status;
pub mod submissions;
pub mod tournaments;
pub mod when;

/// The largest unix-millisecond instant accepted (the year 2100): anything later is a typo.
pub const LATEST_INSTANT: i64 = 4_102_444_800_000;
/// The earliest (the year 2000).
pub const EARLIEST_INSTANT: i64 = 946_684_800_000;

/// An instant a person entered, checked to be in a believable range.
pub fn check_instant(
    field: &'static str,
    at: Option<i64>,
) -> Result<Option<i64>, sahabot_sdk::Error> {
    match at {
        Some(ms) if !(EARLIEST_INSTANT..=LATEST_INSTANT).contains(&ms) => {
            Err(sahabot_sdk::Error::Invalid {
                field,
                message: "must be a time between the years 2000 and 2100 (unix milliseconds)"
                    .into(),
            })
        }
        other => Ok(other),
    }
}
