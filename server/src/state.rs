use std::sync::Arc;

use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use sahabot_core::db::Db;
use sahabot_core::model::LoginConfig;

use crate::auth::session::SessionBackend;
use crate::auth::AuthSettings;

/// Requests a minute one API token may make unless configured otherwise.
pub const DEFAULT_API_RATE_PER_MINUTE: u32 = 600;

/// What every request handler can reach. Cheap to clone: the middleware layers clone it for
/// every request.
#[derive(Clone, Debug)]
pub struct AppState(Arc<Shared>);

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

#[derive(Clone, Debug)]
pub struct Shared {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub sessions: SessionBackend,
    pub auth: Arc<AuthSettings>,
    /// For calls to outside services; never follows redirects (OAuth2 advice).
    pub http: reqwest::Client,
    /// The API's rate limits (per token, and failed authentications per address); `None`
    /// turns them off.
    pub api_limits: Option<crate::api::rate_limit::ApiLimits>,
    /// Pages as a visitor without a session sees them, kept for a moment.
    pub page_cache: Arc<crate::http::page_cache::PageCache>,
    /// The Discord bot; unconfigured (no token, no key) unless set with [`AppState::with_discord`].
    pub discord: sahabot_discord::Discord,
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
        let discord =
            sahabot_discord::Discord::new(db.clone(), sahabot_discord::DiscordSettings::default())?;
        Ok(AppState(Arc::new(Shared {
            discord,
            leptos_options,
            db,
            sessions,
            auth: Arc::new(auth),
            http,
            api_limits: crate::api::rate_limit::ApiLimits::new(DEFAULT_API_RATE_PER_MINUTE),
            page_cache: Arc::new(crate::http::page_cache::PageCache::new(
                crate::http::page_cache::DEFAULT_PAGE_CACHE_TTL,
            )),
        })))
    }

    /// Sets the API's rate limit per token, in requests a minute (0 turns it off).
    pub fn with_api_rate_limit(mut self, per_minute: u32) -> AppState {
        Arc::make_mut(&mut self.0).api_limits = if per_minute == 0 {
            None
        } else {
            crate::api::rate_limit::ApiLimits::new(per_minute)
        };
        self
    }

    /// Keeps the pages a visitor without a session sees for `ttl` (zero keeps none).
    pub fn with_page_cache_ttl(mut self, ttl: std::time::Duration) -> AppState {
        Arc::make_mut(&mut self.0).page_cache =
            Arc::new(crate::http::page_cache::PageCache::new(ttl));
        self
    }

    pub fn with_discord(mut self, discord: sahabot_discord::Discord) -> AppState {
        Arc::make_mut(&mut self.0).discord = discord;
        self
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
