use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::{Extension, Json};
use sahabot_core::model::{ApiToken, NewApiToken};
use sahabot_core::repo::tokens;
use sahabot_core::service;
use serde::Deserialize;

use crate::api::error::{ApiError, ErrorBody};
use crate::api::guard::ApiScope;
use crate::state::AppState;

/// The caller's tokens (never their secrets).
#[utoipa::path(get, path = "/api/v1/tokens", tag = "tokens",
    responses((status = 200, body = [ApiToken]), (status = 401, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    Extension(scope): Extension<ApiScope>,
) -> Result<Json<Vec<ApiToken>>, ApiError> {
    Ok(Json(tokens::of_user(&state.db, scope.user()?.id).await?))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct NewToken {
    /// A name to recognize it by: one line, 1 to 60 characters.
    #[schema(
        min_length = 1,
        max_length = 60,
        pattern = "^[^\\u0000-\\u001F\\u007F-\\u009F\\u202A-\\u202E\\u2066-\\u2069]*[^\\s\\u0000-\\u001F\\u007F-\\u009F\\u202A-\\u202E\\u2066-\\u2069][^\\u0000-\\u001F\\u007F-\\u009F\\u202A-\\u202E\\u2066-\\u2069]*$"
    )]
    pub name: String,
    /// Days until it expires, 1 to 365.
    #[schema(minimum = 1, maximum = 365)]
    #[serde(deserialize_with = "super::whole_number::required")]
    pub expires_in_days: i64,
}

/// Creates a token; the answer holds its secret, which is never shown again.
#[utoipa::path(post, path = "/api/v1/tokens", tag = "tokens", request_body = NewToken,
    responses((status = 201, body = NewApiToken), (status = 400, body = ErrorBody),
        (status = 409, description = "The user already has the most active tokens allowed", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn create(
    State(state): State<AppState>,
    Extension(scope): Extension<ApiScope>,
    Json(new): Json<NewToken>,
) -> Result<(StatusCode, Json<NewApiToken>), ApiError> {
    let created =
        service::tokens::create(&state.db, &scope.actor()?, &new.name, new.expires_in_days).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// Revokes one of the caller's tokens.
#[utoipa::path(delete, path = "/api/v1/tokens/{token_id}", tag = "tokens",
    params(("token_id" = i64, Path)),
    responses((status = 204), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn revoke(
    State(state): State<AppState>,
    Extension(scope): Extension<ApiScope>,
    Path(token_id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    service::tokens::revoke(&state.db, &scope.actor()?, token_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
