//! Applies a route's declared guard before its handler, with the organization named by the
//! `{org}` path segment.

use std::collections::HashMap;

use axum::extract::{Path, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::RequestExt;
use sahabot_core::model::CurrentUser;
use sahabot_core::repo::audit::ClientAddr;
use sahabot_runtime::access::check;
use sahabot_sdk::Guard;

use super::error::ApiError;
use crate::state::AppState;

pub use sahabot_sdk::api::ApiScope;

/// The guard of a route and, for a plugin's route, its plugin.
#[derive(Clone, Copy, Debug)]
pub struct RouteRule {
    pub guard: Guard,
    pub plugin: Option<&'static str>,
}

pub async fn apply(
    State((state, rule)): State<(AppState, RouteRule)>,
    mut request: Request,
    next: Next,
) -> Response {
    let params: HashMap<String, String> = match request
        .extract_parts::<Path<HashMap<String, String>>>()
        .await
    {
        Ok(Path(params)) => params,
        Err(_) => HashMap::new(),
    };
    let user = request.extensions().get::<CurrentUser>().cloned();
    let ip = request
        .extensions()
        .get::<ClientAddr>()
        .and_then(|a| a.0.clone());
    match check(
        &state.db,
        user.as_ref(),
        rule.guard,
        params.get("org").map(String::as_str),
        rule.plugin,
    )
    .await
    {
        Ok(org) => {
            request.extensions_mut().insert(ApiScope::new(
                state.db.clone(),
                rule.plugin,
                user,
                org,
                ip,
            ));
            next.run(request).await
        }
        Err(e) => ApiError::Access(e).into_response(),
    }
}
