use sahabot_sdk::api::{ApiError, ApiScope};
use sahabot_sdk::axum::extract::{Path, Query};
use sahabot_sdk::axum::Json;

use super::{caller, Done};
use crate::model::{Choice, Run, RunStatus};
use crate::repo::runs::RunFilter;
use crate::service::flow::Step;
use crate::service::runs as service;

#[derive(Debug, Default, serde::Deserialize)]
pub struct RunQuery {
    #[serde(default)]
    pub user: Option<i64>,
    #[serde(default)]
    pub permalink: Option<i64>,
}

/// A qualifier's runs, newest first (a racer's, or a permalink's).
pub async fn list(
    scope: ApiScope,
    Path((_org, id)): Path<(String, i64)>,
    Query(q): Query<RunQuery>,
) -> Result<Json<Vec<Run>>, ApiError> {
    let filter = RunFilter {
        user_id: q.user,
        permalink_id: q.permalink,
        ..RunFilter::default()
    };
    Ok(Json(
        service::list(&caller(&scope).await?, id, filter).await?,
    ))
}

/// The pools the caller may run, with their runs left.
pub async fn choices(
    scope: ApiScope,
    Path((_org, id)): Path<(String, i64)>,
) -> Result<Json<Vec<Choice>>, ApiError> {
    Ok(Json(service::choices(&caller(&scope).await?, id).await?))
}

#[derive(Debug, serde::Deserialize)]
pub struct Start {
    pub pool_id: i64,
}

/// The point of no return: a permalink of the pool is revealed and the run is pending.
pub async fn start(
    scope: ApiScope,
    Path((_org, id)): Path<(String, i64)>,
    Json(body): Json<Start>,
) -> Result<Json<Done>, ApiError> {
    let id = service::start(&caller(&scope).await?, id, body.pool_id).await?;
    Ok(Json(Done { id }))
}

pub async fn get(
    scope: ApiScope,
    Path((_org, id)): Path<(String, i64)>,
) -> Result<Json<Run>, ApiError> {
    Ok(Json(service::get(&caller(&scope).await?, id).await?))
}

#[derive(Debug, serde::Serialize)]
pub struct Stepped {
    pub status: RunStatus,
}

async fn take(scope: ApiScope, id: i64, step: Step) -> Result<Json<Stepped>, ApiError> {
    let status = service::step(&caller(&scope).await?, id, step).await?;
    Ok(Json(Stepped { status }))
}

pub async fn ready(
    scope: ApiScope,
    Path((_org, id)): Path<(String, i64)>,
) -> Result<Json<Stepped>, ApiError> {
    take(scope, id, Step::Ready).await
}

pub async fn finish(
    scope: ApiScope,
    Path((_org, id)): Path<(String, i64)>,
) -> Result<Json<Stepped>, ApiError> {
    take(scope, id, Step::Finish).await
}

pub async fn forfeit(
    scope: ApiScope,
    Path((_org, id)): Path<(String, i64)>,
) -> Result<Json<Stepped>, ApiError> {
    take(scope, id, Step::Forfeit).await
}

pub async fn disqualify(
    scope: ApiScope,
    Path((_org, id)): Path<(String, i64)>,
) -> Result<Json<Stepped>, ApiError> {
    take(scope, id, Step::Disqualify).await
}

pub async fn reattempt(
    scope: ApiScope,
    Path((_org, id)): Path<(String, i64)>,
) -> Result<Json<Done>, ApiError> {
    service::reattempt(&caller(&scope).await?, id).await?;
    Ok(Json(Done { id }))
}

#[derive(Debug, serde::Deserialize)]
pub struct Submission {
    #[serde(default)]
    pub vod_url: String,
    #[serde(default)]
    pub notes: String,
}

pub async fn submit(
    scope: ApiScope,
    Path((_org, id)): Path<(String, i64)>,
    Json(body): Json<Submission>,
) -> Result<Json<Done>, ApiError> {
    service::submit(&caller(&scope).await?, id, &body.vod_url, &body.notes).await?;
    Ok(Json(Done { id }))
}

#[derive(Debug, serde::Deserialize)]
pub struct Flag {
    pub reason: String,
}

pub async fn flag(
    scope: ApiScope,
    Path((_org, id)): Path<(String, i64)>,
    Json(body): Json<Flag>,
) -> Result<Json<Done>, ApiError> {
    service::flag(&caller(&scope).await?, id, &body.reason).await?;
    Ok(Json(Done { id }))
}

#[derive(Debug, serde::Deserialize)]
pub struct Extend {
    pub minutes: i64,
}

#[derive(Debug, serde::Serialize)]
pub struct Extended {
    pub until: i64,
}

pub async fn extend(
    scope: ApiScope,
    Path((_org, id)): Path<(String, i64)>,
    Json(body): Json<Extend>,
) -> Result<Json<Extended>, ApiError> {
    let until = service::extend(&caller(&scope).await?, id, body.minutes).await?;
    Ok(Json(Extended { until }))
}
