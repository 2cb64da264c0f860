use sahabot_sdk::api::{ApiError, ApiScope};
use sahabot_sdk::axum::extract::Path;
use sahabot_sdk::axum::Json;

use super::{caller, Done};
use crate::model::Player;
use crate::service::players as service;

pub async fn list(
    scope: ApiScope,
    Path((_org, id)): Path<(String, i64)>,
) -> Result<Json<Vec<Player>>, ApiError> {
    Ok(Json(service::list(&caller(&scope).await?, id).await?))
}

#[derive(Debug, serde::Deserialize)]
pub struct NewPlayer {
    user_id: i64,
}

pub async fn add(
    scope: ApiScope,
    Path((_org, id)): Path<(String, i64)>,
    Json(new): Json<NewPlayer>,
) -> Result<Json<Done>, ApiError> {
    service::add(&caller(&scope).await?, id, new.user_id).await?;
    Ok(Json(Done { id: new.user_id }))
}

pub async fn remove(
    scope: ApiScope,
    Path((_org, id, user_id)): Path<(String, i64, i64)>,
) -> Result<Json<Done>, ApiError> {
    service::remove(&caller(&scope).await?, id, user_id).await?;
    Ok(Json(Done { id: user_id }))
}
