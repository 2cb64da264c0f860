use sahabot_sdk::api::{ApiError, ApiScope};
use sahabot_sdk::axum::extract::Path;
use sahabot_sdk::axum::Json;
use sahabot_sdk::serde_json::Value;

use super::{caller, Done};
use crate::model::{Tournament, TournamentForm};
use crate::service::tournaments as service;

pub async fn list(scope: ApiScope) -> Result<Json<Vec<Tournament>>, ApiError> {
    Ok(Json(service::list(&caller(&scope).await?).await?))
}

pub async fn get(
    scope: ApiScope,
    Path((_org, id)): Path<(String, i64)>,
) -> Result<Json<Tournament>, ApiError> {
    Ok(Json(service::get(&caller(&scope).await?, id).await?))
}

pub async fn create(
    scope: ApiScope,
    Json(form): Json<TournamentForm>,
) -> Result<Json<Done>, ApiError> {
    let id = service::create(&caller(&scope).await?, &form).await?;
    Ok(Json(Done { id }))
}

pub async fn update(
    scope: ApiScope,
    Path((_org, id)): Path<(String, i64)>,
    Json(form): Json<TournamentForm>,
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

/// Replaces the preset selection rules (a JSON list).
pub async fn set_rules(
    scope: ApiScope,
    Path((_org, id)): Path<(String, i64)>,
    Json(rules): Json<Value>,
) -> Result<Json<Done>, ApiError> {
    service::set_rules(&caller(&scope).await?, id, &rules).await?;
    Ok(Json(Done { id }))
}

/// Replaces the player settings form (a JSON list of fields).
pub async fn set_form(
    scope: ApiScope,
    Path((_org, id)): Path<(String, i64)>,
    Json(form): Json<Value>,
) -> Result<Json<Done>, ApiError> {
    service::set_form(&caller(&scope).await?, id, &form).await?;
    Ok(Json(Done { id }))
}
