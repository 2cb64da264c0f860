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
    /// Its address: 2 to 40 lowercase letters, digits and dashes, not starting with a dash.
    #[schema(pattern = "^[a-z0-9][a-z0-9-]{1,39}$")]
    pub slug: String,
    /// One line, 1 to 100 characters, not blank.
    #[schema(
        min_length = 1,
        max_length = 100,
        pattern = "^[^\\u0000-\\u001F\\u007F-\\u009F\\u202A-\\u202E\\u2066-\\u2069]*[^\\s\\u0000-\\u001F\\u007F-\\u009F\\u202A-\\u202E\\u2066-\\u2069][^\\u0000-\\u001F\\u007F-\\u009F\\u202A-\\u202E\\u2066-\\u2069]*$"
    )]
    pub name: String,
    /// At most 500 characters; line breaks and tabs are the only control characters allowed.
    #[serde(default)]
    #[schema(
        max_length = 500,
        pattern = "^[^\\u0000-\\u0008\\u000B-\\u001F\\u007F-\\u009F\\u202A-\\u202E\\u2066-\\u2069]*$"
    )]
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
