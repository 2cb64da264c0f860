use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::{Extension, Json};
use sahabot_core::model::{Invite, OrgSummary};
use sahabot_core::repo::{invites, orgs};
use sahabot_core::service;
use serde::Deserialize;

use crate::api::error::{ApiError, ErrorBody};
use crate::api::guard::ApiScope;
use crate::state::AppState;

/// The organization's invite links, newest first.
#[utoipa::path(get, path = "/api/v1/organizations/{org}/invites", tag = "invites",
    params(("org" = String, Path)),
    responses((status = 200, body = [Invite]), (status = 403, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    Extension(scope): Extension<ApiScope>,
) -> Result<Json<Vec<Invite>>, ApiError> {
    Ok(Json(invites::list(&state.db, scope.org()?.id).await?))
}

#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct NewInvite {
    /// How many people may use it (1 to 10000); none for no limit.
    #[schema(minimum = 1, maximum = 10_000)]
    #[serde(default, deserialize_with = "super::whole_number::optional")]
    pub max_uses: Option<i64>,
    /// Hours until it expires (1 to 8760); none for never.
    #[schema(minimum = 1, maximum = 8760)]
    #[serde(default, deserialize_with = "super::whole_number::optional")]
    pub expires_in_hours: Option<i64>,
}

/// Creates an invite link.
#[utoipa::path(post, path = "/api/v1/organizations/{org}/invites", tag = "invites",
    params(("org" = String, Path)), request_body = NewInvite,
    responses((status = 201, body = Invite), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn create(
    State(state): State<AppState>,
    Extension(scope): Extension<ApiScope>,
    Json(new): Json<NewInvite>,
) -> Result<(StatusCode, Json<Invite>), ApiError> {
    let invite = service::invites::create(
        &state.db,
        &scope.actor()?,
        scope.org()?.id,
        new.max_uses,
        new.expires_in_hours,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(invite)))
}

/// Withdraws an invite link.
#[utoipa::path(delete, path = "/api/v1/organizations/{org}/invites/{invite_id}", tag = "invites",
    params(("org" = String, Path), ("invite_id" = i64, Path)),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn withdraw(
    State(state): State<AppState>,
    Extension(scope): Extension<ApiScope>,
    Path((_org, invite_id)): Path<(String, i64)>,
) -> Result<StatusCode, ApiError> {
    service::invites::withdraw(&state.db, &scope.actor()?, scope.org()?.id, invite_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Joins the organization an invite link leads to.
#[utoipa::path(post, path = "/api/v1/invites/{slug}/use", tag = "invites",
    params(("slug" = String, Path)),
    responses((status = 200, body = OrgSummary), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn redeem(
    State(state): State<AppState>,
    Extension(scope): Extension<ApiScope>,
    Path(slug): Path<String>,
) -> Result<Json<OrgSummary>, ApiError> {
    let org = service::invites::join(&state.db, &scope.actor()?, &slug).await?;
    orgs::by_slug(&state.db, &org)
        .await?
        .map(Json)
        .ok_or_else(|| sahabot_core::Error::NotFound(format!("no organization `{org}`")).into())
}
