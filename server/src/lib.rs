//! The `sahabot` server: configuration, CLI, HTTP wiring.

pub mod access;
pub mod api;
pub mod auth;
pub mod cli;
pub mod cli_plugins;
pub mod config;
pub mod error;
pub mod http;
pub mod plugins;
pub mod scaffold;
pub mod serve;
pub mod state;

pub use error::Error;
pub use state::AppState;
