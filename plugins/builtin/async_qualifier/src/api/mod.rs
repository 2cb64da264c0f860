//! REST routes under `/api/plugins/async_qualifier/`, one file per resource. They apply the
//! same service rules as the pages and Discord.

pub mod pools;
pub mod qualifiers;
pub mod review;
pub mod runs;

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
