//! Slash commands, one file each.

pub mod seed;
