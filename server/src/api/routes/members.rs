use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::{Extension, Json};
use sahabot_core::model::MemberWithRoles;
use sahabot_core::repo::roles;
use sahabot_core::service;

use crate::api::error::{ApiError, ErrorBody};
use crate::api::guard::ApiScope;
use crate::state::AppState;

/// Members and the ids of the roles they hold.
#[utoipa::path(get, path = "/api/v1/organizations/{org}/members", tag = "members",
    params(("org" = String, Path, description = "the organization's slug")),
    responses((status = 200, body = [MemberWithRoles]), (status = 403, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    Extension(scope): Extension<ApiScope>,
) -> Result<Json<Vec<MemberWithRoles>>, ApiError> {
    Ok(Json(
        roles::members_with_roles(&state.db, scope.org()?.id).await?,
    ))
}

/// Removes a member.
#[utoipa::path(delete, path = "/api/v1/organizations/{org}/members/{user_id}", tag = "members",
    params(("org" = String, Path), ("user_id" = i64, Path)),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn remove(
    State(state): State<AppState>,
    Extension(scope): Extension<ApiScope>,
    Path((_org, user_id)): Path<(String, i64)>,
) -> Result<StatusCode, ApiError> {
    service::members::remove(&state.db, &scope.actor()?, scope.org()?.id, user_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Grants a role of this organization to a member.
#[utoipa::path(put, path = "/api/v1/organizations/{org}/members/{user_id}/roles/{role_id}",
    tag = "members", params(("org" = String, Path), ("user_id" = i64, Path), ("role_id" = i64, Path)),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn grant_role(
    State(state): State<AppState>,
    Extension(scope): Extension<ApiScope>,
    Path((_org, user_id, role_id)): Path<(String, i64, i64)>,
) -> Result<StatusCode, ApiError> {
    let org = scope.org()?.id;
    service::members::set_role(&state.db, &scope.actor()?, org, user_id, role_id, true).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Takes a role away from a member.
#[utoipa::path(delete, path = "/api/v1/organizations/{org}/members/{user_id}/roles/{role_id}",
    tag = "members", params(("org" = String, Path), ("user_id" = i64, Path), ("role_id" = i64, Path)),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn revoke_role(
    State(state): State<AppState>,
    Extension(scope): Extension<ApiScope>,
    Path((_org, user_id, role_id)): Path<(String, i64, i64)>,
) -> Result<StatusCode, ApiError> {
    let org = scope.org()?.id;
    service::members::set_role(&state.db, &scope.actor()?, org, user_id, role_id, false).await?;
    Ok(StatusCode::NO_CONTENT)
}
