//! OOTR's roller: a preset's settings sent to ootrandomizer.com with the organization's key.

use sahabot_sdk::handler::BoxFuture;
use sahabot_sdk::seeds::{Randomizer, RollError, RollRequest, Seed, Settings};
use sahabot_sdk::serde_json::{Map, Value};
use serde::Deserialize;

use crate::client::{shared_limiter, Client, SeedRequest, Timing};
use crate::settings;

/// The plugin's configuration: the installation's generator address, the organization's key
/// (a secret setting) and version.
#[derive(Debug, Deserialize)]
pub struct Config {
    pub base_url: String,
    #[serde(default)]
    pub api_key: Option<String>,
    pub version: String,
}

pub struct Ootr;

impl Randomizer for Ootr {
    fn name(&self) -> &'static str {
        "Ocarina of Time Randomizer"
    }

    fn settings(&self) -> Settings {
        settings::PRESET
    }

    fn example(&self) -> &'static str {
        settings::EXAMPLE
    }

    fn roll(&self, request: RollRequest) -> BoxFuture<Result<Seed, RollError>> {
        Box::pin(async move {
            let config: Config = request.config().await?;
            let key = config.api_key.as_deref().unwrap_or_default();
            if key.is_empty() {
                return Err(RollError::NotConfigured(
                    "an organizer must save the organization's ootrandomizer.com API key in OOTR's settings".into(),
                ));
            }
            let seed_request = seed_request(&request.settings, &config.version)?;
            Client {
                base: &config.base_url,
                key,
                limiter: shared_limiter(),
                timing: Timing::default(),
            }
            .roll(&seed_request)
            .await
        })
    }
}

/// What the preset asks the site for; the version checked before it goes into a query.
pub fn seed_request(
    preset: &Map<String, Value>,
    default_version: &str,
) -> Result<SeedRequest, RollError> {
    let version = preset
        .get("version")
        .and_then(Value::as_str)
        .unwrap_or(default_version)
        .to_owned();
    let well_formed = !version.is_empty()
        && version
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if !well_formed {
        return Err(RollError::Refused(format!(
            "`{version}` is not a version (8.2.0, or branch_x.y.z-n)"
        )));
    }
    let settings = match preset.get("settings") {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Object(settings)) => settings.clone(),
        Some(_) => {
            return Err(RollError::Refused(
                "`settings` must be a mapping of the randomizer's settings".into(),
            ))
        }
    };
    let flag = |name: &str| preset.get(name).and_then(Value::as_bool) == Some(true);
    Ok(SeedRequest {
        version,
        locked_spoiler: flag("locked_spoiler"),
        password_lock: flag("password_lock"),
        settings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use sahabot_sdk::serde_json::json;

    fn preset(value: Value) -> Map<String, Value> {
        value.as_object().unwrap().clone()
    }

    #[test]
    fn the_preset_names_the_version_or_the_organizations_applies() {
        let own = seed_request(&preset(json!({"version": "dev_8.2.10-3"})), "8.2.0").unwrap();
        assert_eq!(own.version, "dev_8.2.10-3");
        let default = seed_request(&preset(json!({"locked_spoiler": true})), "8.2.0").unwrap();
        assert_eq!(default.version, "8.2.0");
        assert!(default.locked_spoiler && !default.password_lock);
        assert!(default.settings.is_empty());
    }

    #[test]
    fn a_version_or_settings_that_cannot_be_sent_are_refused() {
        for bad in [
            json!({"version": "8.2.0&key=other"}),
            json!({"version": ""}),
            json!({"settings": ["world_count", 1]}),
        ] {
            assert!(matches!(
                seed_request(&preset(bad), "8.2.0"),
                Err(RollError::Refused(_))
            ));
        }
    }
}
