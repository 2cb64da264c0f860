//! Turning server-function errors into what a person reads.

/// Shared with the plugins' pages.
pub use sahabot_sdk::pages::{field_error, format_instant, message};
