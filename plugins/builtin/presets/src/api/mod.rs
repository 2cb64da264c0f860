//! REST routes under `/api/plugins/presets/`, one file per resource. They apply the same
//! service rules as the pages.

pub mod namespaces;
pub mod presets;

use sahabot_sdk::api::{ApiError, ApiScope};

use crate::service::caller::Caller;

async fn caller(scope: &ApiScope) -> Result<Caller, ApiError> {
    Ok(Caller::new(scope.data()?).await?)
}
