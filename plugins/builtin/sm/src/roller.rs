//! Super Metroid's roller: the preset's generator, with its part of the preset.

use sahabot_sdk::handler::BoxFuture;
use sahabot_sdk::seeds::{Problem, Randomizer, RollError, RollRequest, Seed, Settings};
use sahabot_sdk::serde_json::{Map, Value};
use serde::Deserialize;

use crate::generators::{dash, total, varia};
use crate::settings;

/// The installation's generator addresses (the manifest's `config_schema`).
#[derive(Debug, Deserialize)]
pub struct Config {
    pub total_url: String,
    pub varia_url: String,
    pub dash_url: String,
}

pub struct SuperMetroid;

fn part<'a>(preset: &'a Map<String, Value>, key: &str) -> Option<&'a Map<String, Value>> {
    preset.get(key).and_then(Value::as_object)
}

fn text(part: Option<&Map<String, Value>>, key: &str) -> Option<String> {
    part.and_then(|p| p.get(key))
        .and_then(Value::as_str)
        .map(str::to_owned)
}

fn flag(part: Option<&Map<String, Value>>, key: &str) -> Option<bool> {
    part.and_then(|p| p.get(key)).and_then(Value::as_bool)
}

impl Randomizer for SuperMetroid {
    fn name(&self) -> &'static str {
        "Super Metroid Randomizer"
    }

    fn settings(&self) -> Settings {
        settings::PRESET
    }

    fn example(&self) -> &'static str {
        settings::EXAMPLE
    }

    fn check(&self, preset: &Map<String, Value>) -> Vec<Problem> {
        settings::problems(preset)
    }

    fn roll(&self, request: RollRequest) -> BoxFuture<Result<Seed, RollError>> {
        Box::pin(async move {
            let config: Config = request.config().await?;
            let preset = &request.settings;
            match preset.get("generator").and_then(Value::as_str) {
                Some("varia") => {
                    let v = part(preset, "varia");
                    let asked = varia::Request {
                        preset: text(v, "preset").unwrap_or_default(),
                        skills: text(v, "skills").unwrap_or_else(|| "regular".into()),
                        race: flag(v, "race").unwrap_or(true),
                        settings: v
                            .and_then(|v| v.get("settings"))
                            .and_then(Value::as_object)
                            .cloned()
                            .unwrap_or_default(),
                    };
                    varia::generate(&config.varia_url, &asked).await
                }
                Some("dash") => {
                    let d = part(preset, "dash");
                    let mode = text(d, "mode").unwrap_or_default();
                    dash::generate(&config.dash_url, &mode, flag(d, "spoiler").unwrap_or(false))
                        .await
                }
                _ => {
                    let settings = part(preset, "settings").cloned().unwrap_or_default();
                    total::generate(&config.total_url, &settings).await
                }
            }
        })
    }
}
