//! SQL for the core tables. Every query here runs on SQLite and PostgreSQL in the test suite.

pub mod audit;
pub mod discord;
pub mod events;
pub mod invites;
pub mod members;
pub mod org_requests;
pub mod orgs;
pub mod paging;
pub mod plugins;
pub mod roles;
pub mod tasks;
pub mod tokens;
pub mod users;
