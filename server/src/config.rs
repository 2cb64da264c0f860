use leptos::prelude::LeptosOptions;

use crate::error::Error;

/// The default embedded database: a SQLite file under `data/`, created on first start.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/sahabot.db?mode=rwc";

/// Reads the site options (output name, site root, address) from `Leptos.toml`.
/// `LEPTOS_*` environment variables override its keys, as under cargo-leptos.
pub fn leptos_options(path: &str) -> Result<LeptosOptions, Error> {
    leptos_config::get_config_from_file(path)
        .map(|conf| conf.leptos_options)
        .map_err(|e| Error::LeptosConfig {
            path: path.to_string(),
            reason: e.to_string(),
        })
}
