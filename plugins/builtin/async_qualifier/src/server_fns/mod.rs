//! The server functions the pages call: thin, each with its access rule; the rules are in
//! `service`.

pub mod pools;
pub mod qualifiers;
pub mod review;
pub mod runs;

use serde::{Deserialize, Serialize};

/// What the viewer may do in the organization's qualifiers: what the pages offer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rights {
    pub user_id: Option<i64>,
    pub member: bool,
    pub manage: bool,
    pub review: bool,
    pub read: bool,
}

/// The caller of server function `F` for the organization `org`, once its guard passed.
#[cfg(feature = "ssr")]
async fn caller<F: leptos::server_fn::ServerFn>(
    org: &str,
) -> Result<crate::service::caller::Caller, leptos::prelude::ServerFnError> {
    use sahabot_sdk::access::{failed, scope};
    let scope = scope::<F>(Some(org)).await?;
    crate::service::caller::Caller::new(scope.data()?)
        .await
        .map_err(failed)
}

#[cfg(feature = "ssr")]
fn rights(caller: &crate::service::caller::Caller) -> Rights {
    Rights {
        user_id: caller.user_id,
        member: caller.member,
        manage: caller.manage,
        review: caller.review,
        read: caller.read,
    }
}
