//! What an API handler (core or plugin) receives once the central layer applied its route's
//! guard, and the one error type API handlers answer with.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

use crate::data::PluginDb;
use crate::handler::PluginError;
use crate::host::AccessError;
use crate::org::OrgRef;
use sahabot_core::db::Db;
use sahabot_core::model::CurrentUser;
use sahabot_core::service::Actor;

/// What a handler may use once its guard passed: the caller, the organization the route names
/// (its `{org}` segment), the caller's address for the audit log and, for a plugin's route,
/// the plugin's data.
#[derive(Clone, Debug)]
pub struct ApiScope {
    db: Db,
    plugin: Option<&'static str>,
    pub user: Option<CurrentUser>,
    pub org: Option<OrgRef>,
    pub ip: Option<String>,
}

impl ApiScope {
    /// Made by the host's central layer once the route's guard passed.
    pub fn new(
        db: Db,
        plugin: Option<&'static str>,
        user: Option<CurrentUser>,
        org: Option<OrgRef>,
        ip: Option<String>,
    ) -> ApiScope {
        ApiScope {
            db,
            plugin,
            user,
            org,
            ip,
        }
    }

    /// The owning plugin's data, for the route's organization and caller.
    pub fn data(&self) -> Result<PluginDb, ApiError> {
        let plugin = self.plugin.ok_or_else(|| {
            ApiError::Plugin(PluginError::Message(
                "only a plugin's routes have plugin data".into(),
            ))
        })?;
        Ok(PluginDb::new(
            self.db.clone(),
            plugin,
            self.org.clone(),
            self.actor().ok(),
        ))
    }

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

impl<S: Send + Sync> FromRequestParts<S> for ApiScope {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<ApiScope>()
            .cloned()
            .ok_or_else(|| ApiError::Access(AccessError::Undeclared(parts.uri.path().to_owned())))
    }
}

/// What every refused or failed API call answers: `{"error": "..."}` with a fitting status.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error(transparent)]
    Access(#[from] AccessError),
    #[error("{0}")]
    Unauthorized(String),
    #[error(transparent)]
    Data(#[from] sahabot_core::Error),
    #[error(transparent)]
    Plugin(#[from] PluginError),
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
            ApiError::Data(E::Forbidden(_)) => StatusCode::FORBIDDEN,
            ApiError::Data(E::Conflict(_)) => StatusCode::CONFLICT,
            ApiError::Data(_) | ApiError::Plugin(_) => StatusCode::INTERNAL_SERVER_ERROR,
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
