//! The single-use `state` of an OAuth2 flow in progress, kept in the session with what the
//! flow needs when Discord sends the browser back.

use std::time::Duration;

use sahabot_core::time::now_millis;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use super::AuthError;

#[derive(Serialize, Deserialize)]
struct Pending<T> {
    state: String,
    expires_at: i64,
    data: T,
}

/// Keeps `state` and `data` under `key` until the flow comes back (at most `ttl`).
pub async fn remember<T: Serialize>(
    session: &Session,
    key: &str,
    state: &str,
    ttl: Duration,
    data: T,
) -> Result<(), AuthError> {
    let ttl = i64::try_from(ttl.as_millis()).unwrap_or(i64::MAX);
    session
        .insert(
            key,
            Pending {
                state: state.to_owned(),
                expires_at: now_millis().saturating_add(ttl),
                data,
            },
        )
        .await?;
    Ok(())
}

/// The data of the flow whose `state` came back; taken out of the session whatever the
/// outcome, so a state is good for one attempt.
pub async fn take<T: DeserializeOwned>(
    session: &Session,
    key: &str,
    returned: Option<&str>,
) -> Result<T, AuthError> {
    let pending: Pending<T> = session.remove(key).await?.ok_or(AuthError::UnknownState)?;
    if returned != Some(pending.state.as_str()) {
        return Err(AuthError::UnknownState);
    }
    if now_millis() > pending.expires_at {
        return Err(AuthError::ExpiredState);
    }
    Ok(pending.data)
}
