use sahabot_sdk::api::{ApiError, ApiScope};
use sahabot_sdk::axum::extract::Path;
use sahabot_sdk::axum::Json;

use super::{caller, Done};
use crate::model::StreamChannel;
use crate::service::channels as service;

pub async fn list(scope: ApiScope) -> Result<Json<Vec<StreamChannel>>, ApiError> {
    Ok(Json(service::list(&caller(&scope).await?).await?))
}

#[derive(Debug, serde::Deserialize)]
pub struct ChannelBody {
    name: String,
    url: String,
}

pub async fn create(
    scope: ApiScope,
    Json(body): Json<ChannelBody>,
) -> Result<Json<Done>, ApiError> {
    let id = service::create(&caller(&scope).await?, &body.name, &body.url).await?;
    Ok(Json(Done { id }))
}

pub async fn update(
    scope: ApiScope,
    Path((_org, id)): Path<(String, i64)>,
    Json(body): Json<ChannelBody>,
) -> Result<Json<Done>, ApiError> {
    service::update(&caller(&scope).await?, id, &body.name, &body.url).await?;
    Ok(Json(Done { id }))
}

pub async fn delete(
    scope: ApiScope,
    Path((_org, id)): Path<(String, i64)>,
) -> Result<Json<Done>, ApiError> {
    service::delete(&caller(&scope).await?, id).await?;
    Ok(Json(Done { id }))
}
