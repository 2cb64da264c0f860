use axum::extract::State;
use axum::response::Redirect;
use sahabot_core::model::CurrentUser;
use sahabot_core::repo::audit;
use tower_sessions::Session;

use super::AuthError;
use crate::http::client_ip::ClientIp;
use crate::state::AppState;

/// Deletes the session server-side; the cookie is worthless afterwards.
pub async fn logout(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    user: Option<axum::Extension<CurrentUser>>,
    session: Session,
) -> Result<Redirect, AuthError> {
    session.flush().await?;
    if let Some(axum::Extension(user)) = user {
        audit::record(
            &state.db,
            &audit::Entry {
                user_id: Some(user.id),
                organization_id: None,
                action: "logout",
                details: "{}",
                ip: ip.as_deref(),
            },
        )
        .await?;
    }
    Ok(Redirect::to("/"))
}
