//! Resolves who is asking, once per request, before any handler runs.

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sahabot_core::model::{CurrentUser, Permission};
use tower_sessions::Session;

use super::session::{SignedIn, SIGNED_IN};
use crate::state::AppState;

/// Puts the signed-in [`sahabot_core::model::CurrentUser`] into the request's extensions.
/// A session whose user is gone, deactivated, or whose sessions were ended is emptied.
pub async fn resolve(
    State(state): State<AppState>,
    session: Session,
    mut request: Request,
    next: Next,
) -> Response {
    let addr = request
        .extensions()
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|axum::extract::ConnectInfo(addr)| addr.ip().to_string());
    request
        .extensions_mut()
        .insert(sahabot_core::repo::audit::ClientAddr(addr));
    let signed_in = match session.get::<SignedIn>(SIGNED_IN).await {
        Ok(signed_in) => signed_in,
        Err(e) => {
            tracing::warn!(error = %e, "unreadable session; treating the request as anonymous");
            None
        }
    };
    if let Some(signed_in) = signed_in {
        match resolve_user(&state, &signed_in).await {
            Ok(Some(user)) => {
                if let Some(renewed) = signed_in.renewal() {
                    if let Err(e) = session.insert(SIGNED_IN, renewed).await {
                        tracing::warn!(error = %e, "could not renew a session");
                    }
                }
                request.extensions_mut().insert(user);
            }
            Ok(_) => {
                if let Err(e) = session.flush().await {
                    tracing::error!(error = %e, "could not end a revoked session");
                }
            }
            Err(e) => {
                tracing::error!(error = %e, "could not load the signed-in user");
                return (
                    StatusCode::SERVICE_UNAVAILABLE,
                    "the database is unavailable\n",
                )
                    .into_response();
            }
        }
    }
    next.run(request).await
}

/// The session's user if it is still valid: active, its sessions not ended, and — while a
/// SUPERADMIN impersonates it — that SUPERADMIN still active and still SUPERADMIN.
async fn resolve_user(
    state: &AppState,
    signed_in: &SignedIn,
) -> Result<Option<CurrentUser>, sahabot_core::Error> {
    let standing = state.db.standing();
    let Some(user) = standing.user(&state.db, signed_in.user_id).await? else {
        return Ok(None);
    };
    if !user.is_active || user.session_epoch != signed_in.epoch {
        return Ok(None);
    }
    let mut current = user.current_user();
    if let Some(impersonator) = &signed_in.impersonator {
        let Some(admin) = standing.user(&state.db, impersonator.user_id).await? else {
            return Ok(None);
        };
        if !admin.is_active
            || admin.session_epoch != impersonator.epoch
            || admin.permission < Permission::Superadmin
        {
            return Ok(None);
        }
        current.impersonated_by = Some(admin.display_name.clone());
    }
    Ok(Some(current))
}
