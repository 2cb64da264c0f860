//! One file per page; `parts` holds what several pages show.

pub mod browse;
pub mod editor;
pub mod history;
pub mod namespace;
pub mod parts;
pub mod preset;
pub mod revisions;
pub mod roll;
pub mod yaml_editor;
