//! SQL for the core tables. Every query here runs on SQLite and PostgreSQL in the test suite.

pub mod audit;
pub mod members;
pub mod orgs;
pub mod users;
