use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

/// Why signing in or out failed. Each answer names the problem and changes nothing.
#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    #[error("Discord login is not configured on this server")]
    DiscordNotConfigured,
    #[error("the page to return to must be a path on this site, such as /org/alttpr")]
    BadNext,
    #[error("this login link was already used or does not belong to this browser; start again")]
    UnknownState,
    #[error("this login took longer than 10 minutes; start again")]
    ExpiredState,
    #[error("Discord did not authorize the login: {0}")]
    Denied(String),
    #[error("Discord's answer is missing the authorization code")]
    MissingCode,
    #[error("Discord could not be reached or answered unexpectedly: {0}")]
    Discord(String),
    #[error("this account is deactivated")]
    Deactivated,
    #[error("demo logins exist only in demo mode")]
    NotDemoMode,
    #[error("there is no active user with that id")]
    UnknownUser,
    #[error("{0}")]
    Refused(String),
    #[error("the session store failed: {0}")]
    Session(#[from] tower_sessions::session::Error),
    #[error("{0}")]
    Database(#[from] sahabot_core::Error),
}

impl AuthError {
    pub fn status(&self) -> StatusCode {
        match self {
            AuthError::DiscordNotConfigured | AuthError::NotDemoMode => StatusCode::NOT_FOUND,
            AuthError::BadNext
            | AuthError::UnknownState
            | AuthError::ExpiredState
            | AuthError::Denied(_)
            | AuthError::MissingCode
            | AuthError::UnknownUser => StatusCode::BAD_REQUEST,
            AuthError::Discord(_) => StatusCode::BAD_GATEWAY,
            AuthError::Deactivated | AuthError::Refused(_) => StatusCode::FORBIDDEN,
            AuthError::Session(_) | AuthError::Database(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl IntoResponse for AuthError {
    fn into_response(self) -> Response {
        let status = self.status();
        if status.is_server_error() {
            tracing::error!(error = %self, "sign-in failed");
        }
        let message = html_escape(&self.to_string());
        let page = format!(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign-in failed · SahaBot</title>\
             <link rel=\"stylesheet\" href=\"/pkg/sahabot.css\"></head><body><main class=\"content\">\
             <h1>Sign-in failed</h1><p class=\"error\" data-testid=\"auth-error\">{message}</p>\
             <p><a href=\"/login\">Back to the login page</a></p></main></body></html>"
        );
        (status, Html(page)).into_response()
    }
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
