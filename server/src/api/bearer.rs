//! API authentication: `Authorization: Bearer <token>` only. Session cookies do not count
//! here, so the API needs no cross-site protection.

use axum::extract::{Request, State};
use axum::http::header::AUTHORIZATION;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sahabot_core::model::CurrentUser;
use sahabot_core::repo::tokens::{self, Refusal};

use super::error::ApiError;
use crate::state::AppState;

/// Replaces the session's user with the token's owner, or with nobody.
pub async fn authenticate(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    request.extensions_mut().remove::<CurrentUser>();
    let secret = match bearer_secret(&request) {
        Ok(None) => return next.run(request).await,
        Ok(Some(secret)) => secret.to_owned(),
        Err(e) => return e.into_response(),
    };
    match tokens::authenticate(&state.db, &secret).await {
        Ok(Ok((_, owner))) => {
            request.extensions_mut().insert(owner.current_user());
            next.run(request).await
        }
        Ok(Err(refusal)) => ApiError::Unauthorized(
            match refusal {
                Refusal::Unknown => "this token is not valid",
                Refusal::Revoked => "this token was revoked",
                Refusal::Expired => "this token has expired",
                Refusal::UserInactive => "the account of this token is deactivated",
            }
            .into(),
        )
        .into_response(),
        Err(e) => ApiError::Data(e).into_response(),
    }
}

fn bearer_secret(request: &Request) -> Result<Option<&str>, ApiError> {
    let Some(value) = request.headers().get(AUTHORIZATION) else {
        return Ok(None);
    };
    value
        .to_str()
        .ok()
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|s| Some(s.trim()))
        .ok_or_else(|| ApiError::Unauthorized("use `Authorization: Bearer <token>`".into()))
}
