//! What a plugin's server-side code may use besides [`crate::access`] and [`crate::data`].

/// Rate limits an outside service sets (requests per key and period).
pub use governor;
/// Random choices, seedable so that a roll can be reproduced.
pub use rand;
/// Patterns organizers write (a tournament's preset rules); each compiled with a size limit.
pub use regex;
/// The HTTP client a plugin talks to outside services with (their base URLs configurable).
pub use reqwest;
/// A boolean column, read the same on both engines.
pub use sahabot_core::db::get_bool;
/// YAML (presets, imports): errors carry the line and column.
pub use serde_saphyr;
pub use sqlx;
/// Timers and timeouts for calls to outside services.
pub use tokio;

/// The signed-in user of this request, as the host's central layer resolved it.
pub fn current_user() -> Option<sahabot_core::model::CurrentUser> {
    leptos::prelude::with_context::<http::request::Parts, _>(|parts| {
        parts
            .extensions
            .get::<sahabot_core::model::CurrentUser>()
            .cloned()
    })
    .flatten()
}
