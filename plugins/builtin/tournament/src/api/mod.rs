//! REST routes under `/api/plugins/tournament/`, one file per resource. They apply the same
//! service rules as the pages.

pub mod bulk;
pub mod calendar;
pub mod channels;
pub mod crew;
pub mod matches;
pub mod players;
pub mod roster;
pub mod settings;
pub mod tournaments;

use sahabot_sdk::api::{ApiError, ApiScope};

use crate::service::caller::Caller;

async fn caller(scope: &ApiScope) -> Result<Caller, ApiError> {
    Ok(Caller::new(scope.data()?).await?)
}

/// What a change answers: the object's id.
#[derive(Debug, serde::Serialize)]
pub struct Done {
    pub id: i64,
}
