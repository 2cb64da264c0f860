//! Signing in and out, the session, and who is asking.

pub mod actor;
pub mod dev_login;
pub mod discord;
pub mod error;
pub mod guild_link;
pub mod impersonate;
pub mod logout;
pub mod next;
mod oauth_state;
pub mod session;
pub mod settings;

use axum::routing::{get, post};
use axum::Router;

use crate::state::AppState;

pub use error::AuthError;
pub use settings::{AuthSettings, DiscordOAuth};

/// `/auth/...`: Discord login and its callback, the demo-mode login, logout.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/auth/login", get(discord::start))
        .route("/auth/callback", get(discord::callback))
        .route("/auth/dev-login", post(dev_login::sign_in_as))
        .route("/auth/logout", post(logout::logout))
        .route("/discord/link", get(guild_link::start))
        .route("/discord/link/callback", get(guild_link::callback))
        .route("/auth/impersonate", post(impersonate::start))
        .route("/auth/stop-impersonating", post(impersonate::stop))
}
