pub mod admin;
pub mod commands;
pub mod platform;
