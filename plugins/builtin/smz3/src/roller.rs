//! SMZ3's roller: a preset's settings sent to samus.link.

use sahabot_sdk::handler::BoxFuture;
use sahabot_sdk::seeds::{Randomizer, RollError, RollRequest, Seed, Settings};
use sahabot_sdk::serde_json::Value;
use serde::Deserialize;

use crate::{client, settings};

/// The installation's generator address (the manifest's `config_schema`).
#[derive(Debug, Deserialize)]
pub struct Config {
    pub base_url: String,
}

pub struct Smz3;

impl Randomizer for Smz3 {
    fn name(&self) -> &'static str {
        "SMZ3 (Super Metroid and A Link to the Past)"
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
            let preset = &request.settings;
            let body = preset
                .get("settings")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default();
            let spoiler_key = (preset.get("spoiler").and_then(Value::as_bool) == Some(true))
                .then(|| format!("{:016x}", request.random_seed));
            client::generate(&config.base_url, &body, spoiler_key.as_deref()).await
        })
    }
}
