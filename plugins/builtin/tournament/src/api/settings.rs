use sahabot_sdk::api::{ApiError, ApiScope};
use sahabot_sdk::axum::extract::Path;
use sahabot_sdk::axum::Json;
use sahabot_sdk::serde_json::{Map, Value};
use sahabot_sdk::Error;

use super::{caller, Done};
use crate::model::Submission;
use crate::service::submissions::{self as service, Outcome};

pub async fn list(
    scope: ApiScope,
    Path((_org, match_id)): Path<(String, i64)>,
) -> Result<Json<Vec<Submission>>, ApiError> {
    Ok(Json(service::list(&caller(&scope).await?, match_id).await?))
}

/// Submits the answers for a game; refused with every field's problem.
pub async fn submit(
    scope: ApiScope,
    Path((_org, match_id, game)): Path<(String, i64, i64)>,
    Json(answers): Json<Map<String, Value>>,
) -> Result<Json<Done>, ApiError> {
    match service::submit(&caller(&scope).await?, match_id, game, &answers).await? {
        Outcome::Stored(id) => Ok(Json(Done { id })),
        Outcome::Refused(problems) => Err(Error::Invalid {
            field: "settings",
            message: problems
                .iter()
                .map(|p| format!("{}: {}", p.field, p.message))
                .collect::<Vec<_>>()
                .join("; "),
        }
        .into()),
    }
}

#[derive(Debug, serde::Deserialize)]
pub struct Applied {
    applied: bool,
}

pub async fn set_applied(
    scope: ApiScope,
    Path((_org, id)): Path<(String, i64)>,
    Json(body): Json<Applied>,
) -> Result<Json<Done>, ApiError> {
    service::set_applied(&caller(&scope).await?, id, body.applied).await?;
    Ok(Json(Done { id }))
}

pub async fn delete(
    scope: ApiScope,
    Path((_org, id)): Path<(String, i64)>,
) -> Result<Json<Done>, ApiError> {
    service::delete(&caller(&scope).await?, id).await?;
    Ok(Json(Done { id }))
}
