//! A plugin's effective configuration for an organization: organization overrides over the
//! installation's over the manifest's defaults (the plugin's type supplies code defaults).

use serde_json::{Map, Value};

use sahabot_core::db::Db;
use sahabot_core::Error;

/// Reads a stored configuration text (a JSON object); none is an empty object.
pub fn parse_stored(text: Option<&str>) -> Result<Map<String, Value>, Error> {
    match text {
        None => Ok(Map::new()),
        Some(text) => match serde_json::from_str::<Value>(text) {
            Ok(Value::Object(map)) => Ok(map),
            _ => Err(Error::Invalid {
                field: "config",
                message: "the stored configuration is not a JSON object".into(),
            }),
        },
    }
}

pub async fn effective(
    db: &Db,
    plugin_id: &str,
    organization_id: Option<i64>,
) -> Result<Map<String, Value>, Error> {
    let stored = db
        .enablement()
        .configs(db, plugin_id, organization_id)
        .await?;
    let installation = parse_stored(stored.0.as_deref())?;
    let organization = parse_stored(stored.1.as_deref())?;
    Ok(
        match sahabot_sdk::registry::plugin(plugin_id).and_then(|p| p.manifest()) {
            Some(manifest) => manifest
                .config_schema
                .effective(&installation, &organization),
            None => Map::new(),
        },
    )
}
