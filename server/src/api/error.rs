use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use sahabot_sdk::access::AccessError;
use serde::Serialize;

/// What every refused or failed API call answers: `{"error": "..."}` with a fitting status.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error(transparent)]
    Access(#[from] AccessError),
    #[error("{0}")]
    Unauthorized(String),
    #[error(transparent)]
    Data(#[from] sahabot_core::Error),
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// What went wrong, for a person to read.
    pub error: String,
}

impl ApiError {
    pub fn status(&self) -> StatusCode {
        use sahabot_core::Error as E;
        match self {
            ApiError::Access(e) => e.status(),
            ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::Data(E::Invalid { .. }) => StatusCode::BAD_REQUEST,
            ApiError::Data(E::NotFound(_)) => StatusCode::NOT_FOUND,
            ApiError::Data(E::Conflict(_)) => StatusCode::CONFLICT,
            ApiError::Data(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        let error = if status == StatusCode::INTERNAL_SERVER_ERROR {
            tracing::error!(error = %self, "API call failed");
            "the server could not do this; try again".to_string()
        } else {
            self.to_string()
        };
        (status, Json(ErrorBody { error })).into_response()
    }
}
