use sahabot_sdk::http::StatusCode;

/// Why a lifecycle change or a dispatch did not happen.
#[derive(Debug, thiserror::Error)]
pub enum RuntimeError {
    /// A rule forbids it (dependencies, private access, global plugins); nothing changed.
    #[error("{0}")]
    Refused(String),
    #[error("{0}")]
    NotFound(String),
    /// A configuration value the schema refuses; nothing was stored.
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },
    /// The plugin's own code (a hook or a migration) failed or panicked. Where it failed, the
    /// plugin is out of service: everywhere for a migration or an installation hook, in the
    /// organization for its enable hook; a failed disable hook leaves it on.
    #[error("plugin `{plugin}` failed: {message}")]
    PluginFailed { plugin: String, message: String },
    #[error(transparent)]
    Data(#[from] sahabot_core::Error),
}

impl RuntimeError {
    pub fn status(&self) -> StatusCode {
        match self {
            RuntimeError::Refused(_) => StatusCode::CONFLICT,
            RuntimeError::NotFound(_) => StatusCode::NOT_FOUND,
            RuntimeError::Invalid { .. } => StatusCode::BAD_REQUEST,
            RuntimeError::PluginFailed { .. } => StatusCode::INTERNAL_SERVER_ERROR,
            RuntimeError::Data(sahabot_core::Error::Invalid { .. }) => StatusCode::BAD_REQUEST,
            RuntimeError::Data(sahabot_core::Error::NotFound(_)) => StatusCode::NOT_FOUND,
            RuntimeError::Data(sahabot_core::Error::Conflict(_)) => StatusCode::CONFLICT,
            RuntimeError::Data(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}
