use sahabot_sdk::api::{ApiError, ApiScope};
use sahabot_sdk::axum::extract::Path;
use sahabot_sdk::axum::Json;

use super::{caller, Done};
use crate::model::CrewRole;
use crate::service::crew as service;

#[derive(Debug, serde::Deserialize)]
pub struct SignUp {
    role: CrewRole,
    /// Someone else (organizers only); the caller when absent.
    #[serde(default)]
    user_id: Option<i64>,
}

pub async fn sign_up(
    scope: ApiScope,
    Path((_org, match_id)): Path<(String, i64)>,
    Json(body): Json<SignUp>,
) -> Result<Json<Done>, ApiError> {
    let id = service::sign_up(&caller(&scope).await?, match_id, body.role, body.user_id).await?;
    Ok(Json(Done { id }))
}

#[derive(Debug, serde::Deserialize)]
pub struct Approval {
    approved: bool,
}

pub async fn approve(
    scope: ApiScope,
    Path((_org, id)): Path<(String, i64)>,
    Json(body): Json<Approval>,
) -> Result<Json<Done>, ApiError> {
    service::approve(&caller(&scope).await?, id, body.approved).await?;
    Ok(Json(Done { id }))
}

pub async fn remove(
    scope: ApiScope,
    Path((_org, id)): Path<(String, i64)>,
) -> Result<Json<Done>, ApiError> {
    service::remove(&caller(&scope).await?, id).await?;
    Ok(Json(Done { id }))
}
