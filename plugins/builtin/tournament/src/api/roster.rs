use sahabot_sdk::api::{ApiError, ApiScope};
use sahabot_sdk::axum::Json;
use sahabot_sdk::model::Member;
use sahabot_sdk::ssr::repo::members;

/// The members of the organization who can be entered as players.
pub async fn list(scope: ApiScope) -> Result<Json<Vec<Member>>, ApiError> {
    let org = scope.org()?;
    Ok(Json(members::list_by_org_slug(&scope.db, &org.slug).await?))
}
