use sahabot_sdk::api::{ApiError, ApiScope};
use sahabot_sdk::axum::Json;

use crate::model::NamespaceView;

/// The namespaces the caller sees from the organization.
pub async fn list(scope: ApiScope) -> Result<Json<Vec<NamespaceView>>, ApiError> {
    let caller = super::caller(&scope).await?;
    let namespaces = caller.namespaces().await?;
    Ok(Json(
        namespaces.into_iter().map(|ns| caller.view(ns)).collect(),
    ))
}
