//! Slash commands: `/match list|schedule` and `/crew signup`, with the web's rules.

pub mod crew;
pub mod matches;

use sahabot_sdk::discord::{CommandCall, Reply};
use sahabot_sdk::Error;

use crate::service::caller::Caller;

/// Someone whose Discord account has no SahaBot account is told how to get one.
pub const NOT_LINKED: &str =
    "Sign in to SahaBot with this Discord account first; then your matches are here.";

/// The caller's standing, or the reply that says why there is none.
pub async fn caller(call: &CommandCall) -> Result<Caller, Reply> {
    if call.user.is_none() {
        return Err(Reply::private(NOT_LINKED));
    }
    Caller::new(call.ctx.db.clone()).await.map_err(refusal)
}

/// A refusal as the caller reads it.
pub fn refusal(e: Error) -> Reply {
    Reply::private(match e {
        Error::Database(_) => "Something went wrong on our side; try again in a moment.".into(),
        other => other.to_string(),
    })
}
