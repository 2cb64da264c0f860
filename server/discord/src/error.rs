#[derive(Debug, thiserror::Error)]
pub enum DiscordError {
    #[error("DISCORD_PUBLIC_KEY must be the application's public key: 64 hexadecimal digits of a valid Ed25519 key")]
    PublicKey,
    #[error("no bot token is configured (DISCORD_BOT_TOKEN)")]
    NotConfigured,
    #[error("Discord refused the request: {0}")]
    Discord(Box<serenity::Error>),
    #[error(transparent)]
    Data(#[from] sahabot_core::Error),
}

impl From<serenity::Error> for DiscordError {
    fn from(e: serenity::Error) -> Self {
        DiscordError::Discord(Box::new(e))
    }
}
