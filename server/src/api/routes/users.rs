use axum::extract::{Query, State};
use axum::Json;
use sahabot_core::model::{Page, UserRow};
use sahabot_core::repo::paging::Window;
use sahabot_core::repo::users;
use serde::Deserialize;

use crate::api::error::{ApiError, ErrorBody};
use crate::state::AppState;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct UserQuery {
    #[serde(default = "super::first_page")]
    #[param(minimum = 1, maximum = 1_000_000)]
    pub page: i64,
    /// Part of a display or Discord name.
    #[serde(default)]
    pub search: String,
}

/// Every user, 50 a page (global ADMIN).
#[utoipa::path(get, path = "/api/v1/users", tag = "users", params(UserQuery),
    responses((status = 200, body = Page<UserRow>), (status = 403, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    Query(query): Query<UserQuery>,
) -> Result<Json<Page<UserRow>>, ApiError> {
    Ok(Json(
        users::page(
            &state.db,
            &query.search,
            Window::new("page", query.page, 50)?,
        )
        .await?,
    ))
}
