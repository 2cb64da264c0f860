use std::time::Duration;

/// How this server signs people in.
#[derive(Clone, Debug)]
pub struct AuthSettings {
    /// Discord login; `None` when no client id and secret are configured.
    pub discord: Option<DiscordOAuth>,
    /// Demo mode: anyone may sign in as any active user, without Discord.
    pub demo_mode: bool,
    /// The address people use to reach this server, e.g. `https://sahabot.example`.
    pub public_url: String,
    /// How long a started Discord login may take before its state expires.
    pub login_state_ttl: Duration,
}

impl AuthSettings {
    /// Cookies are `Secure` and `__Host-` prefixed when the server is reached over HTTPS.
    pub fn https(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    pub fn redirect_uri(&self) -> String {
        format!("{}/auth/callback", self.public_url.trim_end_matches('/'))
    }
}

/// Discord's OAuth2 endpoints and this application's credentials. The URLs are configurable
/// so that tests can point them at a local fake.
#[derive(Clone, Debug)]
pub struct DiscordOAuth {
    pub client_id: String,
    pub client_secret: String,
    pub authorize_url: String,
    pub token_url: String,
    /// `https://discord.com/api/v10`; `/users/@me` is read from here.
    pub api_base: String,
}

pub const DISCORD_AUTHORIZE_URL: &str = "https://discord.com/oauth2/authorize";
pub const DISCORD_TOKEN_URL: &str = "https://discord.com/api/oauth2/token";
pub const DISCORD_API_BASE: &str = "https://discord.com/api/v10";
pub const LOGIN_STATE_TTL: Duration = Duration::from_secs(600);
