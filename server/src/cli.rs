use std::net::SocketAddr;

use clap::{Parser, Subcommand};
use sahabot_core::{db::Db, demo, migrate};

use crate::cli_plugins::PluginsCommand;
use crate::config::DEFAULT_DATABASE_URL;
use crate::error::Error;
use crate::serve::{serve, ServeOptions};

#[derive(Parser, Debug)]
#[command(
    name = "sahabot",
    version,
    about = "Tournaments, async qualifiers and race rooms for randomizer communities"
)]
pub struct Cli {
    /// Database: sqlite://path?mode=rwc (default, created on first start) or postgres://…
    #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL, global = true)]
    pub database_url: String,
    /// The file holding the site options (site root, address, output name).
    #[arg(
        long,
        env = "SAHABOT_LEPTOS_CONFIG",
        default_value = "Leptos.toml",
        global = true
    )]
    pub leptos_config: String,
    #[command(subcommand)]
    pub command: Option<Command>,
}

// Parsed once per process: the size of its largest variant costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Serve the web app (the default).
    Serve {
        /// Address to listen on; overrides `site-addr` in the site options.
        #[arg(long, env = "SAHABOT_ADDR")]
        addr: Option<SocketAddr>,
        /// Demo mode: load the demo data (once) and let anyone sign in as a demo user.
        #[arg(long)]
        demo: bool,
        /// Requests a minute each API token may make (0: no limit).
        #[arg(long, env = "SAHABOT_API_RATE_PER_MINUTE", default_value_t = crate::state::DEFAULT_API_RATE_PER_MINUTE)]
        api_rate_per_minute: u32,
        /// How long, in milliseconds, a page as a visitor without a session sees it is kept
        /// and served again to such visitors (0: rendered for every request). A change made
        /// through this instance shows at once; one made through another, after this time.
        #[arg(long, env = "SAHABOT_PAGE_CACHE_MS", default_value_t = crate::http::page_cache::DEFAULT_PAGE_CACHE_TTL.as_millis() as u64)]
        page_cache_ms: u64,
        #[command(flatten)]
        auth: AuthArgs,
        #[command(flatten)]
        bot: BotArgs,
    },
    /// Apply pending database migrations and exit.
    Migrate,
    /// Load the demo data (two organizations with members) and exit.
    Demo,
    /// Inspect and change the plugins linked into this binary, or create a new one.
    #[command(alias = "plugin")]
    Plugins {
        #[command(subcommand)]
        command: PluginsCommand,
    },
    /// Print the REST API's OpenAPI document (JSON), as `/api/openapi.json` serves it.
    Openapi,
    /// Manage API tokens from the server's shell (for scripts and first setup).
    Tokens {
        #[command(subcommand)]
        command: TokensCommand,
    },
}

#[derive(Subcommand, Debug)]
pub enum TokensCommand {
    /// Create an API token for a user and print its secret (shown this once).
    Create {
        /// The id of the user the token acts as.
        #[arg(long)]
        user_id: i64,
        /// A name to recognize the token by.
        #[arg(long)]
        name: String,
        /// Days until it expires (1 to 365).
        #[arg(long, default_value_t = 30)]
        days: i64,
    },
}

/// Login settings of `serve`.
#[derive(clap::Args, Debug, Default)]
pub struct AuthArgs {
    /// The address people use to reach the server (default: http://<listen address>).
    /// Over https, cookies are Secure and `__Host-` prefixed.
    #[arg(long, env = "SAHABOT_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// Discord application id; with the secret, enables "Log in with Discord".
    #[arg(long, env = "DISCORD_CLIENT_ID")]
    pub discord_client_id: Option<String>,
    #[arg(long, env = "DISCORD_CLIENT_SECRET", hide_env_values = true)]
    pub discord_client_secret: Option<String>,
    #[arg(long, env = "DISCORD_OAUTH_AUTHORIZE_URL", default_value = crate::auth::settings::DISCORD_AUTHORIZE_URL)]
    pub discord_authorize_url: String,
    #[arg(long, env = "DISCORD_OAUTH_TOKEN_URL", default_value = crate::auth::settings::DISCORD_TOKEN_URL)]
    pub discord_token_url: String,
    #[arg(long, env = "DISCORD_API_BASE", default_value = crate::auth::settings::DISCORD_API_BASE)]
    pub discord_api_base: String,
}

/// The Discord bot's settings of `serve`. With none set the app runs without a bot.
#[derive(clap::Args, Debug, Default)]
pub struct BotArgs {
    /// The bot's token: registers each linked server's commands and connects to the gateway.
    #[arg(long, env = "DISCORD_BOT_TOKEN", hide_env_values = true)]
    pub discord_bot_token: Option<String>,
    /// The application id (default: DISCORD_CLIENT_ID, which is the same number).
    #[arg(long, env = "DISCORD_APPLICATION_ID")]
    pub discord_application_id: Option<u64>,
    /// The application's public key (hex): enables `POST /discord/interactions`.
    #[arg(long, env = "DISCORD_PUBLIC_KEY")]
    pub discord_public_key: Option<String>,
    /// Discord's base URL for the bot's REST calls.
    #[arg(long, env = "DISCORD_API_URL", default_value = sahabot_discord::settings::DISCORD_URL)]
    pub discord_api_url: String,
    /// Connect to the gateway (`false`: interactions come only through the HTTP endpoint).
    #[arg(long, env = "SAHABOT_DISCORD_GATEWAY", default_value_t = true, action = clap::ArgAction::Set)]
    pub discord_gateway: bool,
}

pub fn run() -> Result<(), Error> {
    let cli = Cli::parse();
    init_tracing();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(Error::Runtime)?;
    runtime.block_on(dispatch(cli))
}

async fn dispatch(cli: Cli) -> Result<(), Error> {
    let command = match cli.command {
        Some(command) => command,
        // `sahabot` alone means `sahabot serve`, with its flags read from the environment.
        None => Cli::parse_from(["sahabot", "serve"])
            .command
            .ok_or_else(|| Error::Config("cannot read the serve settings".into()))?,
    };
    match command {
        Command::Serve {
            addr,
            demo,
            api_rate_per_minute,
            page_cache_ms,
            auth,
            bot,
        } => {
            serve(ServeOptions {
                leptos_config: cli.leptos_config,
                database_url: cli.database_url,
                addr,
                demo,
                api_rate_per_minute,
                page_cache_ttl: std::time::Duration::from_millis(page_cache_ms),
                auth,
                bot,
            })
            .await
        }
        Command::Openapi => {
            crate::plugins::load()?;
            let document = crate::api::openapi()
                .to_pretty_json()
                .map_err(|e| Error::Config(format!("cannot write the OpenAPI document: {e}")))?;
            println!("{document}");
            Ok(())
        }
        Command::Migrate => {
            let db = Db::connect(&cli.database_url).await?;
            let applied = migrate::run_core(&db).await?;
            println!("{applied} migration(s) applied");
            Ok(())
        }
        Command::Demo => {
            let db = Db::connect(&cli.database_url).await?;
            migrate::run_core(&db).await?;
            crate::plugins::load()?;
            crate::plugins::start(&db).await?;
            match crate::serve::load_demo(&db).await? {
                demo::Outcome::Loaded { users, orgs } => {
                    println!("demo data loaded: {orgs} organizations, {users} users")
                }
                demo::Outcome::AlreadyPresent => println!("demo data already present"),
            }
            Ok(())
        }
        Command::Tokens {
            command:
                TokensCommand::Create {
                    user_id,
                    name,
                    days,
                },
        } => {
            let db = Db::connect(&cli.database_url).await?;
            migrate::run_core(&db).await?;
            let user = sahabot_core::repo::users::auth_record_by_id(&db, user_id)
                .await?
                .filter(|u| u.is_active)
                .ok_or_else(|| {
                    Error::Config(format!("there is no active user with id {user_id}"))
                })?;
            let actor = sahabot_core::service::Actor {
                user_id: user.id,
                ip: None,
            };
            let created = sahabot_core::service::tokens::create(&db, &actor, &name, days).await?;
            println!("{}", created.secret);
            Ok(())
        }
        Command::Plugins {
            command: PluginsCommand::New { id, external },
        } => {
            let root = std::env::current_dir()
                .map_err(|e| Error::Config(format!("the current folder: {e}")))?;
            if !root.join("plugins/sdk/Cargo.toml").exists() {
                return Err(Error::Config(
                    "run `sahabot plugin new` from the root of the SahaBot workspace".into(),
                ));
            }
            let created =
                crate::scaffold::create(&crate::scaffold::NewPlugin { id, external, root })?;
            for path in &created.written {
                println!("created {path}");
            }
            for path in &created.changed {
                println!("linked in {path}");
            }
            Ok(())
        }
        Command::Plugins { command } => {
            crate::plugins::load()?;
            let db = Db::connect(&cli.database_url).await?;
            migrate::run_core(&db).await?;
            crate::plugins::start(&db).await?;
            print!("{}", crate::cli_plugins::run(&db, command).await?);
            Ok(())
        }
    }
}

fn init_tracing() {
    use tracing_subscriber::EnvFilter;
    let filter =
        EnvFilter::try_from_env("SAHABOT_LOG").unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}
