use axum::extract::State;
use axum::http::StatusCode;
use axum::{Extension, Json};
use sahabot_core::model::OrgSummary;
use sahabot_core::repo::orgs;
use sahabot_core::service;
use serde::Deserialize;

use crate::api::error::{ApiError, ErrorBody};
use crate::api::guard::ApiScope;
use crate::state::AppState;

/// Active organizations, by name.
#[utoipa::path(get, path = "/api/v1/organizations", tag = "organizations",
    responses((status = 200, body = [OrgSummary])))]
pub async fn list(State(state): State<AppState>) -> Result<Json<Vec<OrgSummary>>, ApiError> {
    Ok(Json(orgs::list(&state.db).await?))
}

/// One organization.
#[utoipa::path(get, path = "/api/v1/organizations/{org}", tag = "organizations",
    params(("org" = String, Path, description = "the organization's slug")),
    responses((status = 200, body = OrgSummary), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    Extension(scope): Extension<ApiScope>,
) -> Result<Json<OrgSummary>, ApiError> {
    let org = scope.org()?;
    orgs::by_slug(&state.db, &org.slug)
        .await?
        .map(Json)
        .ok_or_else(|| {
            sahabot_core::Error::NotFound(format!("no organization `{}`", org.slug)).into()
        })
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct NewOrg {
    pub slug: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
}

/// Creates an organization (SUPERADMIN); others file a request in the web app.
#[utoipa::path(post, path = "/api/v1/organizations", tag = "organizations", request_body = NewOrg,
    responses((status = 201, body = OrgSummary), (status = 400, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn create(
    State(state): State<AppState>,
    Extension(scope): Extension<ApiScope>,
    Json(new): Json<NewOrg>,
) -> Result<(StatusCode, Json<OrgSummary>), ApiError> {
    service::orgs::create(
        &state.db,
        &scope.actor()?,
        &new.slug,
        &new.name,
        &new.description,
    )
    .await?;
    if let Err(e) = sahabot_runtime::lifecycle::org_created(&state.db, &new.slug).await {
        tracing::error!(org = %new.slug, error = %e, "plugins of a new organization could not start");
    }
    let created = orgs::by_slug(&state.db, &new.slug)
        .await?
        .ok_or_else(|| sahabot_core::Error::NotFound("the new organization vanished".into()))?;
    Ok((StatusCode::CREATED, Json(created)))
}
