//! The plugin runtime. For now: linking and the registry's consistency check.

use sahabot_sdk::registry;

use crate::error::Error;

/// Links every plugin crate and checks the registry; the server refuses to start otherwise.
pub fn load() -> Result<(), Error> {
    sahabot_app::link_plugins();
    registry::validate().map_err(|errors| {
        Error::Registry(
            errors
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; "),
        )
    })
}
