use std::sync::Arc;

use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use sahabot_core::db::Db;
use sahabot_core::model::LoginConfig;

use crate::auth::session::SessionBackend;
use crate::auth::AuthSettings;

/// What every request handler can reach.
#[derive(Clone, Debug)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub sessions: SessionBackend,
    pub auth: Arc<AuthSettings>,
    /// For calls to outside services; never follows redirects (OAuth2 advice).
    pub http: reqwest::Client,
}

impl AppState {
    /// Opens the session store on the same database and builds the outgoing HTTP client.
    pub async fn new(
        leptos_options: LeptosOptions,
        db: Db,
        auth: AuthSettings,
    ) -> Result<AppState, crate::Error> {
        let sessions = SessionBackend::open(&db).await?;
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(std::time::Duration::from_secs(10))
            .user_agent(concat!("SahaBot/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| crate::Error::HttpClient(e.to_string()))?;
        Ok(AppState {
            leptos_options,
            db,
            sessions,
            auth: Arc::new(auth),
            http,
        })
    }

    pub fn login_config(&self) -> LoginConfig {
        LoginConfig {
            discord: self.auth.discord.is_some(),
            demo_mode: self.auth.demo_mode,
        }
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
