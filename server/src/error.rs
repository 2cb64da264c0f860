/// Why the server or a CLI command stopped. Each variant prints as one line.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read the site options from {path}: {reason}")]
    LeptosConfig { path: String, reason: String },
    #[error("{0}")]
    Database(#[from] sahabot_core::Error),
    #[error("{0}")]
    Plugins(#[from] sahabot_runtime::RuntimeError),
    #[error("the plugin registry is inconsistent: {0}")]
    Registry(String),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: String,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot build the HTTP client: {0}")]
    HttpClient(String),
    #[error("{0}")]
    Config(String),
    #[error("Discord: {0}")]
    Discord(#[from] sahabot_discord::DiscordError),
    #[error("cannot start the async runtime: {0}")]
    Runtime(#[source] std::io::Error),
    #[error("the server stopped: {0}")]
    Serve(#[source] std::io::Error),
}
