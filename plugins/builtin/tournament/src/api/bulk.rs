//! Bulk scheduling: many matches of one tournament created at once, all or none.

use sahabot_sdk::api::{ApiError, ApiScope};
use sahabot_sdk::axum::extract::Path;
use sahabot_sdk::axum::Json;

use super::caller;
use crate::service::matches::{self as service, NewMatch};

#[derive(Debug, serde::Deserialize)]
pub struct Bulk {
    pub matches: Vec<BulkMatch>,
}

/// A match of the batch; the tournament is the route's.
#[derive(Debug, serde::Deserialize)]
pub struct BulkMatch {
    pub players: Vec<i64>,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub comment: String,
    #[serde(default)]
    pub scheduled_at: Option<i64>,
    #[serde(default)]
    pub stream_channel_id: Option<i64>,
}

/// The new matches' ids, in the order they were sent.
#[derive(Debug, serde::Serialize)]
pub struct Created {
    pub ids: Vec<i64>,
}

pub async fn create(
    scope: ApiScope,
    Path((_org, id)): Path<(String, i64)>,
    Json(bulk): Json<Bulk>,
) -> Result<Json<Created>, ApiError> {
    let rows: Vec<NewMatch> = bulk
        .matches
        .into_iter()
        .map(|m| NewMatch {
            tournament_id: id,
            players: m.players,
            title: m.title,
            comment: m.comment,
            scheduled_at: m.scheduled_at,
            stream_channel_id: m.stream_channel_id,
        })
        .collect();
    let ids = service::create_many(&caller(&scope).await?, id, &rows, |i| {
        format!("matches[{i}]")
    })
    .await?;
    Ok(Json(Created { ids }))
}
