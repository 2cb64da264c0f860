//! One file per resource of the core REST API.

pub mod invites;
pub mod me;
pub mod members;
pub mod orgs;
pub mod tokens;
pub mod users;
mod whole_number;

fn first_page() -> i64 {
    1
}
