//! Discord: `/score`, `/async post|extend_timeout`, and the run flow's buttons and forms
//! (start → pool → point of no return → private thread → ready → finish → VOD and notes),
//! with the web's rules: every step goes through the same services.

mod after;
pub mod async_command;
pub mod buttons;
pub mod ids;
mod run;
pub mod score;
mod start;
pub mod texts;

use sahabot_sdk::discord::{Reply, Response};
use sahabot_sdk::Error;

use crate::service::caller::Caller;

/// The caller's standing, or what to tell someone whose Discord account has no SahaBot
/// account.
pub async fn caller(
    user: Option<&sahabot_sdk::model::CurrentUser>,
    db: &sahabot_sdk::data::PluginDb,
) -> Result<Caller, Response> {
    if user.is_none() {
        return Err(Reply::private(
            "Sign in to SahaBot once with this Discord account, then try again.",
        )
        .into());
    }
    Caller::new(db.clone()).await.map_err(refusal)
}

/// A refusal as the caller reads it, seen by them only.
pub fn refusal(e: Error) -> Response {
    Reply::private(match e {
        Error::Database(_) => "Something went wrong on our side; try again in a moment.".into(),
        other => other.to_string(),
    })
    .into()
}
