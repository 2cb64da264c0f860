use axum::serve::ListenerExt;
use std::net::SocketAddr;

use sahabot_core::{db::Db, migrate};

use crate::auth::settings::LOGIN_STATE_TTL;
use crate::auth::{AuthSettings, DiscordOAuth};
use crate::cli::{AuthArgs, BotArgs};
use crate::error::Error;
use crate::state::AppState;
use crate::{config, http, plugins};

pub struct ServeOptions {
    pub leptos_config: String,
    pub database_url: String,
    pub addr: Option<SocketAddr>,
    pub demo: bool,
    pub api_rate_per_minute: u32,
    pub page_cache_ttl: std::time::Duration,
    pub auth: AuthArgs,
    pub bot: BotArgs,
}

/// Opens and migrates the database, binds the address, then serves until Ctrl-C.
pub async fn serve(opts: ServeOptions) -> Result<(), Error> {
    let mut leptos_options = config::leptos_options(&opts.leptos_config)?;
    if let Some(addr) = opts.addr {
        leptos_options.site_addr = addr;
    }
    let addr = leptos_options.site_addr;
    let mut bot = bot_settings(opts.bot, opts.auth.discord_client_id.as_deref())?;
    let auth = auth_settings(opts.auth, opts.demo, addr)?;
    bot.site_url = auth.public_url.clone();
    plugins::load()?;
    let db = Db::connect(&opts.database_url).await?;
    migrate::run_core(&db).await?;
    plugins::start(&db).await?;
    if opts.demo {
        load_demo(&db).await?;
    }
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|source| Error::Bind {
            addr: addr.to_string(),
            source,
        })?
        // Responses written in several pieces (headers, then a file or a streamed page) would
        // otherwise wait for the client's delayed ACK: ~40 ms each (Nagle's algorithm).
        .tap_io(|tcp| {
            if let Err(e) = tcp.set_nodelay(true) {
                tracing::warn!(error = %e, "cannot set TCP_NODELAY");
            }
        });
    sahabot_runtime::bus::spawn(db.clone(), sahabot_runtime::bus::BusSettings::default());
    let discord = sahabot_discord::Discord::new(db.clone(), bot)?;
    discord.start().await;
    sahabot_runtime::scheduler::spawn(
        db.clone(),
        sahabot_runtime::scheduler::SchedulerSettings::default(),
        sahabot_sdk::runtime_kinds::Services {
            discord: Some(std::sync::Arc::new(discord.clone())),
        },
    );
    let state = AppState::new(leptos_options, db.clone(), auth)
        .await?
        .with_api_rate_limit(opts.api_rate_per_minute)
        .with_page_cache_ttl(opts.page_cache_ttl)
        .with_discord(discord);
    state.sessions.spawn_cleanup();
    if let Some(limits) = &state.api_limits {
        limits.spawn_cleanup();
    }
    let app = http::router(state);
    println!("SahaBot is running: open http://{addr}/");
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
    .map_err(Error::Serve)?;
    db.close().await;
    Ok(())
}

fn bot_settings(
    args: BotArgs,
    client_id: Option<&str>,
) -> Result<sahabot_discord::DiscordSettings, Error> {
    // The login's client id is the application id on Discord; it serves when none is given.
    let application_id = args.discord_application_id.or_else(|| {
        let parsed = client_id.and_then(|c| c.trim().parse::<u64>().ok());
        if parsed.is_none() && client_id.is_some() && args.discord_bot_token.is_some() {
            tracing::warn!("DISCORD_CLIENT_ID is not a numeric application id; set DISCORD_APPLICATION_ID for the bot");
        }
        parsed
    });
    if !(args.discord_api_url.starts_with("http://")
        || args.discord_api_url.starts_with("https://"))
    {
        return Err(Error::Config(format!(
            "DISCORD_API_URL must start with http:// or https://, not `{}`",
            args.discord_api_url
        )));
    }
    Ok(sahabot_discord::DiscordSettings {
        bot_token: args.discord_bot_token.filter(|t| !t.trim().is_empty()),
        application_id,
        public_key: args.discord_public_key.filter(|k| !k.trim().is_empty()),
        api_url: args.discord_api_url.trim_end_matches('/').to_owned(),
        gateway: args.discord_gateway,
        ..Default::default()
    })
}

fn auth_settings(args: AuthArgs, demo_mode: bool, addr: SocketAddr) -> Result<AuthSettings, Error> {
    let discord = match (args.discord_client_id, args.discord_client_secret) {
        (Some(client_id), Some(client_secret)) => Some(DiscordOAuth {
            client_id,
            client_secret,
            authorize_url: args.discord_authorize_url,
            token_url: args.discord_token_url,
            api_base: args.discord_api_base,
        }),
        (None, None) => None,
        _ => {
            return Err(Error::Config(
                "set both DISCORD_CLIENT_ID and DISCORD_CLIENT_SECRET, or neither".into(),
            ))
        }
    };
    let public_url = args
        .public_url
        .unwrap_or_else(|| format!("http://{addr}"))
        .trim_end_matches('/')
        .to_string();
    if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
        return Err(Error::Config(format!(
            "SAHABOT_PUBLIC_URL must start with http:// or https://, not `{public_url}`"
        )));
    }
    Ok(AuthSettings {
        discord,
        demo_mode,
        public_url,
        login_state_ttl: LOGIN_STATE_TTL,
    })
}

/// Loads the demo data unless it is there already: the core's, then each plugin's examples.
pub async fn load_demo(db: &Db) -> Result<sahabot_core::demo::Outcome, Error> {
    let outcome = sahabot_core::demo::seed(db).await?;
    if matches!(outcome, sahabot_core::demo::Outcome::Loaded { .. }) {
        for failure in sahabot_runtime::demo::fill(db).await? {
            tracing::warn!("demo data: {failure}");
        }
    }
    Ok(outcome)
}
