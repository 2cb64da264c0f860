//! API authentication: `Authorization: Bearer <token>` only. Session cookies do not count
//! here, so the API needs no cross-site protection.

use axum::extract::{Request, State};
use axum::http::header::AUTHORIZATION;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sahabot_core::model::CurrentUser;
use sahabot_core::repo::tokens::{self, Refusal};

use sahabot_core::repo::audit::ClientAddr;

use super::error::ApiError;
use super::rate_limit::{retry_after_secs, too_many_requests};
use crate::state::AppState;

/// Replaces the session's user with the token's owner, or with nobody. A client address that
/// spent its budget of failed authentications waits before presenting any token again.
pub async fn authenticate(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    request.extensions_mut().remove::<CurrentUser>();
    if request.headers().get(AUTHORIZATION).is_none() {
        return next.run(request).await;
    }
    let addr = request
        .extensions()
        .get::<ClientAddr>()
        .and_then(|a| a.0.clone())
        .unwrap_or_default();
    let failed_auth = state.api_limits.as_ref().map(|l| &*l.failed_auth);
    if let Some(wait) = failed_auth.and_then(|f| f.wait_for(&addr)) {
        return too_many_failures(wait);
    }
    let refusal = match bearer_secret(&request) {
        Err(refusal) => refusal,
        Ok(secret) => match tokens::authenticate(&state.db, secret).await {
            Ok(Ok((_, owner))) => {
                request.extensions_mut().insert(owner.current_user());
                return next.run(request).await;
            }
            Ok(Err(refusal)) => ApiError::Unauthorized(
                match refusal {
                    Refusal::Unknown => "this token is not valid",
                    Refusal::Revoked => "this token was revoked",
                    Refusal::Expired => "this token has expired",
                    Refusal::UserInactive => "the account of this token is deactivated",
                }
                .into(),
            ),
            Err(e) => return ApiError::Data(e).into_response(),
        },
    };
    if let Some(wait) = failed_auth.and_then(|f| f.failed(&addr)) {
        return too_many_failures(wait);
    }
    refusal.into_response()
}

fn too_many_failures(wait: std::time::Duration) -> Response {
    too_many_requests(
        retry_after_secs(wait),
        "failed authentications from this address",
    )
}

fn bearer_secret(request: &Request) -> Result<&str, ApiError> {
    request
        .headers()
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .ok_or_else(|| ApiError::Unauthorized("use `Authorization: Bearer <token>`".into()))
}
