use axum::{Extension, Json};
use sahabot_core::model::CurrentUser;

use crate::api::error::{ApiError, ErrorBody};
use crate::api::guard::ApiScope;

/// The token's owner.
#[utoipa::path(get, path = "/api/v1/me", tag = "users",
    responses((status = 200, body = CurrentUser), (status = 401, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn get(Extension(scope): Extension<ApiScope>) -> Result<Json<CurrentUser>, ApiError> {
    Ok(Json(scope.user()?.clone()))
}
