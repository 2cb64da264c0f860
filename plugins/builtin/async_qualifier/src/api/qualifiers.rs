use sahabot_sdk::api::{ApiError, ApiScope};
use sahabot_sdk::axum::extract::Path;
use sahabot_sdk::axum::Json;

use super::{caller, Done};
use crate::model::{Line, Qualifier, QualifierForm};
use crate::service::qualifiers as service;
use crate::service::scores;

pub async fn list(scope: ApiScope) -> Result<Json<Vec<Qualifier>>, ApiError> {
    Ok(Json(service::list(&caller(&scope).await?).await?))
}

pub async fn get(
    scope: ApiScope,
    Path((_org, id)): Path<(String, i64)>,
) -> Result<Json<Qualifier>, ApiError> {
    Ok(Json(service::get(&caller(&scope).await?, id).await?))
}

pub async fn create(
    scope: ApiScope,
    Json(form): Json<QualifierForm>,
) -> Result<Json<Done>, ApiError> {
    let id = service::create(&caller(&scope).await?, &form).await?;
    Ok(Json(Done { id }))
}

pub async fn update(
    scope: ApiScope,
    Path((_org, id)): Path<(String, i64)>,
    Json(form): Json<QualifierForm>,
) -> Result<Json<Done>, ApiError> {
    service::update(&caller(&scope).await?, id, &form).await?;
    Ok(Json(Done { id }))
}

pub async fn delete(
    scope: ApiScope,
    Path((_org, id)): Path<(String, i64)>,
) -> Result<Json<Done>, ApiError> {
    service::delete(&caller(&scope).await?, id).await?;
    Ok(Json(Done { id }))
}

/// The leaderboard, best first (refused while the qualifier hides its results).
pub async fn leaderboard(
    scope: ApiScope,
    Path((_org, id)): Path<(String, i64)>,
) -> Result<Json<Vec<Line>>, ApiError> {
    Ok(Json(scores::board(&caller(&scope).await?, id).await?))
}

pub async fn rescore(
    scope: ApiScope,
    Path((_org, id)): Path<(String, i64)>,
) -> Result<Json<Done>, ApiError> {
    scores::rescore_now(&caller(&scope).await?, id).await?;
    Ok(Json(Done { id }))
}
