//! What a plugin's server-side code may use from the host.

use leptos::prelude::{use_context, ServerFnError};
pub use sahabot_core::db::Db;
pub use sahabot_core::repo;

/// The database handle the host provides to every server function and page render.
pub fn db() -> Result<Db, ServerFnError> {
    use_context::<Db>()
        .ok_or_else(|| ServerFnError::new("the database is not available to this request"))
}

/// The signed-in user of this request, as the host's central layer resolved it.
pub fn current_user() -> Option<sahabot_core::model::CurrentUser> {
    use_context::<http::request::Parts>().and_then(|parts| {
        parts
            .extensions
            .get::<sahabot_core::model::CurrentUser>()
            .cloned()
    })
}
