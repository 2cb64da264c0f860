//! Core data of the product. `model` builds for the browser too; the rest is server-only.

pub mod authz;
pub mod config_schema;
pub mod model;
pub mod text;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod directory;
#[cfg(feature = "ssr")]
pub mod enablement;
#[cfg(feature = "ssr")]
pub mod events;
#[cfg(feature = "ssr")]
pub mod kept;
#[cfg(feature = "ssr")]
pub mod memo;
#[cfg(feature = "ssr")]
pub mod migrate;
#[cfg(feature = "ssr")]
pub mod plugin_reads;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod schedule;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod standing;
#[cfg(feature = "ssr")]
pub mod time;
#[cfg(feature = "ssr")]
pub mod write;

#[cfg(feature = "ssr")]
mod error;
#[cfg(feature = "ssr")]
pub use error::Error;

#[cfg(feature = "testing")]
pub mod testing;
