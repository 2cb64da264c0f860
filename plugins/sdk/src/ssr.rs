//! What a plugin's server-side code may use besides [`crate::access`] and [`crate::data`].

pub use sqlx;

/// The signed-in user of this request, as the host's central layer resolved it.
pub fn current_user() -> Option<sahabot_core::model::CurrentUser> {
    leptos::prelude::use_context::<http::request::Parts>().and_then(|parts| {
        parts
            .extensions
            .get::<sahabot_core::model::CurrentUser>()
            .cloned()
    })
}
