//! SUPERADMIN impersonation: act as another user to see what they see, audited at start and
//! stop; the SUPERADMIN comes back with "Stop acting as …".

use axum::extract::State;
use axum::response::Redirect;
use axum::{Extension, Form};
use sahabot_core::model::CurrentUser;
use sahabot_core::repo::{audit, users};
use sahabot_runtime::access::check;
use sahabot_sdk::{GlobalAction, Guard};
use serde::Deserialize;
use tower_sessions::Session;

use super::session::{Impersonator, SignedIn, SIGNED_IN};
use super::AuthError;
use crate::http::client_ip::ClientIp;
use crate::state::AppState;

#[derive(Debug, Deserialize)]
pub struct Target {
    pub user_id: i64,
}

pub async fn start(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    user: Option<Extension<CurrentUser>>,
    session: Session,
    Form(target): Form<Target>,
) -> Result<Redirect, AuthError> {
    let admin = user.map(|Extension(u)| u);
    check(
        &state.db,
        admin.as_ref(),
        Guard::Global(GlobalAction::Impersonate),
        None,
        None,
    )
    .await
    .map_err(|e| AuthError::Refused(e.to_string()))?;
    let admin = admin.ok_or(AuthError::Refused("sign in first".into()))?;
    if admin.impersonated_by.is_some() {
        return Err(AuthError::Refused(
            "stop acting as the current user first".into(),
        ));
    }
    if target.user_id == admin.id {
        return Err(AuthError::Refused("you cannot act as yourself".into()));
    }
    let target_user = users::auth_record_by_id(&state.db, target.user_id)
        .await?
        .filter(|u| u.is_active)
        .ok_or(AuthError::UnknownUser)?;
    let admin_record = users::auth_record_by_id(&state.db, admin.id)
        .await?
        .ok_or(AuthError::UnknownUser)?;
    // Audited first: an impersonation that could not be recorded does not happen.
    record(
        &state,
        admin.id,
        "impersonation.started",
        target_user.id,
        ip.as_deref(),
    )
    .await?;
    session.cycle_id().await?;
    session
        .insert(
            SIGNED_IN,
            SignedIn::new(
                target_user.id,
                target_user.session_epoch,
                Some(Impersonator {
                    user_id: admin.id,
                    epoch: admin_record.session_epoch,
                }),
            ),
        )
        .await?;
    Ok(Redirect::to("/"))
}

pub async fn stop(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    session: Session,
) -> Result<Redirect, AuthError> {
    let signed_in = session
        .get::<SignedIn>(SIGNED_IN)
        .await?
        .ok_or(AuthError::Refused("sign in first".into()))?;
    let impersonator = signed_in.impersonator.ok_or(AuthError::Refused(
        "you are not acting as another user".into(),
    ))?;
    record(
        &state,
        impersonator.user_id,
        "impersonation.stopped",
        signed_in.user_id,
        ip.as_deref(),
    )
    .await?;
    session.cycle_id().await?;
    session
        .insert(
            SIGNED_IN,
            SignedIn::new(impersonator.user_id, impersonator.epoch, None),
        )
        .await?;
    Ok(Redirect::to("/admin/users"))
}

async fn record(
    state: &AppState,
    admin: i64,
    action: &str,
    target: i64,
    ip: Option<&str>,
) -> Result<(), AuthError> {
    let details = serde_json::json!({ "user_id": target }).to_string();
    audit::record(
        &state.db,
        &audit::Entry {
            user_id: Some(admin),
            organization_id: None,
            action,
            details: &details,
            ip,
        },
    )
    .await?;
    Ok(())
}
