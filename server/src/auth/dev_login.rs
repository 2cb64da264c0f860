use axum::extract::State;
use axum::response::Redirect;
use axum::Form;
use sahabot_core::repo::users;
use serde::Deserialize;
use tower_sessions::Session;

use super::next::local_path;
use super::session::sign_in;
use super::AuthError;
use crate::http::client_ip::ClientIp;
use crate::state::AppState;

#[derive(Deserialize)]
pub struct DevLogin {
    user_id: i64,
    next: Option<String>,
}

/// Demo mode only: sign in as any active user without Discord. Absent (404) otherwise.
pub async fn sign_in_as(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    session: Session,
    Form(form): Form<DevLogin>,
) -> Result<Redirect, AuthError> {
    if !state.auth.demo_mode {
        return Err(AuthError::NotDemoMode);
    }
    let next = local_path(form.next.as_deref().unwrap_or("/"))?;
    let user = users::auth_record_by_id(&state.db, form.user_id)
        .await?
        .filter(|u| u.is_active)
        .ok_or(AuthError::UnknownUser)?;
    sign_in(&state.db, &session, &user, "demo", ip.as_deref()).await?;
    Ok(Redirect::to(&next))
}
