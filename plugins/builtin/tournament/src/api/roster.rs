use sahabot_sdk::api::{ApiError, ApiScope};
use sahabot_sdk::axum::Json;
use sahabot_sdk::model::Member;

/// The members of the organization who can be entered as players.
pub async fn list(scope: ApiScope) -> Result<Json<Vec<Member>>, ApiError> {
    Ok(Json(crate::service::roster::list(&scope.data()?).await?))
}
