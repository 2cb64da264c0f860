//! Slash commands of the bot itself, one file each.

pub mod sahabot;
