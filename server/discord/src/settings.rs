use std::time::Duration;

use serenity::interactions_endpoint::Verifier;

use crate::DiscordError;

/// Where serenity sends its requests unless pointed elsewhere.
pub const DISCORD_URL: &str = "https://discord.com";

/// Discord answers an interaction that got no response within 3 s with an error; a handler
/// still running after this long gets a deferred response and edits it when done.
pub const DEFER_AFTER: Duration = Duration::from_millis(2000);

/// How this instance talks to Discord.
#[derive(Clone, Debug)]
pub struct DiscordSettings {
    /// Needed to register commands and to connect to the gateway.
    pub bot_token: Option<String>,
    pub application_id: Option<u64>,
    /// The application's public key (hex), which signs the interactions endpoint's requests.
    pub public_key: Option<String>,
    /// Discord's base URL (`https://discord.com`); tests point it at a local fake.
    pub api_url: String,
    /// Connect to the gateway when a bot token is set (off: only the HTTP endpoint).
    pub gateway: bool,
    pub defer_after: Duration,
    /// The site's public address, for links in the bot's messages.
    pub site_url: String,
}

impl Default for DiscordSettings {
    fn default() -> Self {
        DiscordSettings {
            bot_token: None,
            application_id: None,
            public_key: None,
            api_url: DISCORD_URL.into(),
            gateway: true,
            defer_after: DEFER_AFTER,
            site_url: "http://localhost:3000".into(),
        }
    }
}

pub(crate) fn verifier(hex: &str) -> Result<Verifier, DiscordError> {
    let hex = hex.trim();
    if hex.len() != 64 || !hex.is_ascii() {
        return Err(DiscordError::PublicKey);
    }
    let mut key = [0u8; 32];
    for (i, byte) in key.iter_mut().enumerate() {
        *byte =
            u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).map_err(|_| DiscordError::PublicKey)?;
    }
    Verifier::try_new(key).map_err(|_| DiscordError::PublicKey)
}
