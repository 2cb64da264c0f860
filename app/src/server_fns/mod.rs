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
mod tasks;
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
pub use tasks::*;
pub use users::*;

/// A runtime refusal as the server function's error, with the matching status.
#[cfg(feature = "ssr")]
fn refused(error: sahabot_runtime::RuntimeError) -> leptos::prelude::ServerFnError {
    use leptos::prelude::*;
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(error.status());
    }
    if error.status() == http::StatusCode::INTERNAL_SERVER_ERROR {
        tracing::error!(error = %error, "a server function failed");
    }
    ServerFnError::new(error.to_string())
}
