use sahabot_sdk::api::{ApiError, ApiScope};
use sahabot_sdk::axum::extract::Path;
use sahabot_sdk::axum::Json;

use super::{caller, Done};
use crate::model::Run;
use crate::service::review::{self as service, Decision};

/// The runs waiting for review, oldest first, without the caller's own.
pub async fn queue(
    scope: ApiScope,
    Path((_org, id)): Path<(String, i64)>,
) -> Result<Json<Vec<Run>>, ApiError> {
    Ok(Json(service::queue(&caller(&scope).await?, id).await?))
}

pub async fn review(
    scope: ApiScope,
    Path((_org, id)): Path<(String, i64)>,
    Json(decision): Json<Decision>,
) -> Result<Json<Done>, ApiError> {
    service::review(&caller(&scope).await?, id, &decision).await?;
    Ok(Json(Done { id }))
}
