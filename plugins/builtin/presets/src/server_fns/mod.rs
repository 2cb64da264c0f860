//! The server functions the pages call: thin, each with its access rule; the rules of
//! namespaces and presets are in `service`.

pub mod browse;
pub mod namespaces;
pub mod presets;
pub mod rolls;

/// The caller of server function `F` for the organization `org`, once its guard passed.
#[cfg(feature = "ssr")]
async fn caller<F: leptos::server_fn::ServerFn>(
    org: &str,
) -> Result<crate::service::caller::Caller, leptos::prelude::ServerFnError> {
    scoped_caller::<F>(org, false).await
}

/// [`caller`] for a function that only reads what a page shows
/// (its grants and namespace as kept: [`crate::service::caller::Caller::load`]).
#[cfg(feature = "ssr")]
async fn reader<F: leptos::server_fn::ServerFn>(
    org: &str,
) -> Result<crate::service::caller::Caller, leptos::prelude::ServerFnError> {
    scoped_caller::<F>(org, true).await
}

#[cfg(feature = "ssr")]
async fn scoped_caller<F: leptos::server_fn::ServerFn>(
    org: &str,
    reading: bool,
) -> Result<crate::service::caller::Caller, leptos::prelude::ServerFnError> {
    use sahabot_sdk::access::{failed, scope};
    let db = scope::<F>(Some(org)).await?.data()?;
    crate::service::caller::Caller::load(db, reading)
        .await
        .map_err(failed)
}
