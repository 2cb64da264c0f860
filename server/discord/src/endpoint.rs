//! `POST /discord/interactions`: Discord's HTTP way in. The signature over timestamp + raw body
//! is checked before anything is parsed; a bad or missing one gets 401.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serenity::model::application::Interaction;

use crate::{interaction, Discord};

pub const PATH: &str = "/discord/interactions";

pub fn router(discord: Discord) -> Router {
    Router::new().route(PATH, post(receive)).with_state(discord)
}

fn refuse(status: StatusCode, message: &str) -> Response {
    (status, Json(serde_json::json!({ "error": message }))).into_response()
}

async fn receive(State(discord): State<Discord>, headers: HeaderMap, body: Bytes) -> Response {
    let Some(verifier) = discord.verifier() else {
        return refuse(
            StatusCode::SERVICE_UNAVAILABLE,
            "the interactions endpoint is not configured (DISCORD_PUBLIC_KEY)",
        );
    };
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let (Some(signature), Some(timestamp)) = (
        header("x-signature-ed25519"),
        header("x-signature-timestamp"),
    ) else {
        return refuse(StatusCode::UNAUTHORIZED, "missing signature");
    };
    if verifier.verify(signature, timestamp, &body).is_err() {
        tracing::info!("an interaction with a bad signature was refused");
        return refuse(StatusCode::UNAUTHORIZED, "invalid request signature");
    }
    let interaction: Interaction = match serde_json::from_slice(&body) {
        Ok(interaction) => interaction,
        Err(e) => {
            tracing::info!(error = %e, "a signed interaction could not be read");
            return refuse(
                StatusCode::BAD_REQUEST,
                &format!("the interaction could not be read: {e}"),
            );
        }
    };
    let answer = interaction::answer(&discord, interaction).await;
    if let Some(later) = answer.later {
        tokio::spawn(later);
    }
    Json(answer.response).into_response()
}
