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

pub use sahabot_sdk::time::check_instant;
