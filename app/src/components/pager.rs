//! The pager is shared with the plugins' pages.
pub use sahabot_sdk::pages::Pager;
