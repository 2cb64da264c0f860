//! The plugin's tables.

pub mod namespaces;
pub mod presets;
pub mod rolls;
