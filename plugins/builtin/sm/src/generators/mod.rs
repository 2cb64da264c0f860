//! The three Super Metroid generators, one file each.

pub mod dash;
pub mod total;
pub mod varia;
