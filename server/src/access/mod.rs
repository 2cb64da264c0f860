//! The central access layer for HTTP: every server-function call is checked against its
//! declared guard before its arguments are read, and every page against its rule before it
//! renders. (Page renders call server functions in
//! process; there `sahabot_sdk::access::scope` applies the same declaration.)

pub mod pages;
mod server_fns;

pub use pages::enforce_pages;
pub use server_fns::{enforce, undeclared_server_fns};
