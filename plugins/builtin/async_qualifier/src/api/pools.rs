use sahabot_sdk::api::{ApiError, ApiScope};
use sahabot_sdk::axum::extract::Path;
use sahabot_sdk::axum::Json;

use super::{caller, Done};
use crate::model::{Permalink, Pool};
use crate::service::pools as service;

#[derive(Debug, serde::Deserialize)]
pub struct PoolBody {
    pub name: String,
}

pub async fn list(
    scope: ApiScope,
    Path((_org, id)): Path<(String, i64)>,
) -> Result<Json<Vec<Pool>>, ApiError> {
    Ok(Json(service::list(&caller(&scope).await?, id).await?))
}

pub async fn create(
    scope: ApiScope,
    Path((_org, id)): Path<(String, i64)>,
    Json(body): Json<PoolBody>,
) -> Result<Json<Done>, ApiError> {
    let id = service::create(&caller(&scope).await?, id, &body.name).await?;
    Ok(Json(Done { id }))
}

pub async fn rename(
    scope: ApiScope,
    Path((_org, id, pool)): Path<(String, i64, i64)>,
    Json(body): Json<PoolBody>,
) -> Result<Json<Done>, ApiError> {
    service::rename(&caller(&scope).await?, id, pool, &body.name).await?;
    Ok(Json(Done { id: pool }))
}

pub async fn delete(
    scope: ApiScope,
    Path((_org, id, pool)): Path<(String, i64, i64)>,
) -> Result<Json<Done>, ApiError> {
    service::delete(&caller(&scope).await?, id, pool).await?;
    Ok(Json(Done { id: pool }))
}

/// The qualifier's permalinks; their addresses only for organizers (a racer sees a seed when
/// their run reveals it).
pub async fn permalinks(
    scope: ApiScope,
    Path((_org, id)): Path<(String, i64)>,
) -> Result<Json<Vec<Permalink>>, ApiError> {
    Ok(Json(
        service::permalinks_shown(&caller(&scope).await?, id).await?,
    ))
}

/// A permalink to add: an address, or a preset to roll it from.
#[derive(Debug, serde::Deserialize)]
pub struct NewPermalink {
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub randomizer: Option<String>,
    #[serde(default)]
    pub preset: Option<String>,
    #[serde(default)]
    pub notes: String,
}

pub async fn add_permalink(
    scope: ApiScope,
    Path((_org, id, pool)): Path<(String, i64, i64)>,
    Json(body): Json<NewPermalink>,
) -> Result<Json<Done>, ApiError> {
    let caller = caller(&scope).await?;
    let id = match (&body.url, &body.randomizer, &body.preset) {
        (Some(url), None, None) => {
            service::add_permalink(&caller, id, pool, url, &body.notes).await?
        }
        (None, Some(randomizer), Some(preset)) => {
            service::roll_permalink(&caller, id, pool, randomizer, preset, &body.notes).await?
        }
        _ => {
            return Err(sahabot_sdk::Error::Invalid {
                field: "url",
                message: "give either a url, or a randomizer and a preset to roll".into(),
            }
            .into())
        }
    };
    Ok(Json(Done { id }))
}

#[derive(Debug, serde::Deserialize)]
pub struct PermalinkChange {
    pub url: String,
    #[serde(default)]
    pub notes: String,
}

pub async fn update_permalink(
    scope: ApiScope,
    Path((_org, id, permalink)): Path<(String, i64, i64)>,
    Json(body): Json<PermalinkChange>,
) -> Result<Json<Done>, ApiError> {
    service::update_permalink(
        &caller(&scope).await?,
        id,
        permalink,
        &body.url,
        &body.notes,
    )
    .await?;
    Ok(Json(Done { id: permalink }))
}

pub async fn delete_permalink(
    scope: ApiScope,
    Path((_org, id, permalink)): Path<(String, i64, i64)>,
) -> Result<Json<Done>, ApiError> {
    service::delete_permalink(&caller(&scope).await?, id, permalink).await?;
    Ok(Json(Done { id: permalink }))
}
