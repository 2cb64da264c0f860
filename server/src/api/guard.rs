//! Applies a route's declared guard before its handler, with the organization named by the
//! `{org}` path segment.

use std::collections::HashMap;

use axum::extract::{Path, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::RequestExt;
use sahabot_core::model::CurrentUser;
use sahabot_core::repo::audit::ClientAddr;
use sahabot_core::service::Actor;
use sahabot_sdk::access::{check, AccessError, OrgRef};
use sahabot_sdk::Guard;

use super::error::ApiError;
use crate::state::AppState;

/// What a handler may use once its guard passed.
#[derive(Clone, Debug)]
pub struct ApiScope {
    pub user: Option<CurrentUser>,
    pub org: Option<OrgRef>,
    pub ip: Option<String>,
}

impl ApiScope {
    pub fn user(&self) -> Result<&CurrentUser, ApiError> {
        self.user
            .as_ref()
            .ok_or(ApiError::Access(AccessError::NotSignedIn))
    }

    pub fn org(&self) -> Result<&OrgRef, ApiError> {
        self.org.as_ref().ok_or_else(|| {
            ApiError::Access(AccessError::BadRequest(
                "this route names no organization".into(),
            ))
        })
    }

    pub fn actor(&self) -> Result<Actor, ApiError> {
        Ok(Actor {
            user_id: self.user()?.id,
            ip: self.ip.clone(),
        })
    }
}

pub async fn apply(
    State((state, guard)): State<(AppState, Guard)>,
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
        guard,
        params.get("org").map(String::as_str),
    )
    .await
    {
        Ok(org) => {
            request.extensions_mut().insert(ApiScope { user, org, ip });
            next.run(request).await
        }
        Err(e) => ApiError::Access(e).into_response(),
    }
}
