//! The central access layer for HTTP: every server-function call is checked against its
//! declared guard before its arguments are read. (Page renders call server functions in
//! process; there `sahabot_sdk::access::scope` applies the same declaration.)

mod server_fns;

pub use server_fns::{enforce, undeclared_server_fns};
