use std::net::SocketAddr;

use sahabot_core::{db::Db, migrate};

use crate::error::Error;
use crate::state::AppState;
use crate::{config, http, plugins};

pub struct ServeOptions {
    pub leptos_config: String,
    pub database_url: String,
    pub addr: Option<SocketAddr>,
    pub demo: bool,
}

/// Opens and migrates the database, binds the address, then serves until Ctrl-C.
pub async fn serve(opts: ServeOptions) -> Result<(), Error> {
    let mut leptos_options = config::leptos_options(&opts.leptos_config)?;
    if let Some(addr) = opts.addr {
        leptos_options.site_addr = addr;
    }
    plugins::load()?;
    let db = Db::connect(&opts.database_url).await?;
    migrate::run_core(&db).await?;
    if opts.demo {
        sahabot_core::demo::seed(&db).await?;
    }
    let addr = leptos_options.site_addr;
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|source| Error::Bind {
            addr: addr.to_string(),
            source,
        })?;
    let app = http::router(AppState {
        leptos_options,
        db: db.clone(),
    });
    println!("SahaBot is running: open http://{addr}/");
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(Error::Serve)?;
    db.close().await;
    Ok(())
}
