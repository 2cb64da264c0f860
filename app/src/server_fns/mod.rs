//! Core server functions. Each declares its access rule with `guard!` next to it and gets the
//! database only from `scope`, which applies that rule; the bodies are thin calls into the core.

mod account;
mod audit;
mod events;
mod invites;
mod members;
mod org_admin;
mod org_requests;
mod orgs;
mod plugins;
mod profile;
mod roles;
mod users;

pub use account::*;
pub use audit::*;
pub use events::*;
pub use invites::*;
pub use members::*;
pub use org_admin::*;
pub use org_requests::*;
pub use orgs::*;
pub use plugins::*;
pub use profile::*;
pub use roles::*;
pub use users::*;
