//! ALTTPR's roller: a plain preset's settings, or a rolled weightset, sent to the generator of
//! the preset's branch.

use sahabot_sdk::handler::BoxFuture;
use sahabot_sdk::seeds::{
    check, is_mystery, Problem, Randomizer, RollError, RollRequest, Seed, Settings,
};
use sahabot_sdk::serde_json::{Map, Value};
use sahabot_sdk::ssr::rand::{rngs::StdRng, SeedableRng};
use serde::Deserialize;

use crate::{client, mystery, settings};

/// The installation's generator addresses (the manifest's `config_schema`).
#[derive(Debug, Deserialize)]
pub struct Config {
    pub base_url: String,
    pub beeta_url: String,
    pub tournament_url: String,
}

impl Config {
    fn branch(&self, branch: Option<&str>) -> &str {
        match branch {
            Some("beeta") => &self.beeta_url,
            Some("tournament") => &self.tournament_url,
            _ => &self.base_url,
        }
    }
}

pub struct Alttpr;

impl Randomizer for Alttpr {
    fn name(&self) -> &'static str {
        "A Link to the Past Randomizer"
    }

    fn settings(&self) -> Settings {
        settings::PRESET
    }

    fn example(&self) -> &'static str {
        settings::EXAMPLE
    }

    fn check(&self, preset: &Map<String, Value>) -> Vec<Problem> {
        if is_mystery(preset) {
            mystery::check_weightset(preset)
        } else {
            check(settings::PRESET, preset)
        }
    }

    fn roll(&self, request: RollRequest) -> BoxFuture<Result<Seed, RollError>> {
        Box::pin(async move {
            let config: Config = request.config().await?;
            let preset = &request.settings;
            if is_mystery(preset) {
                let mut rng = StdRng::seed_from_u64(request.random_seed);
                let rolled = mystery::roll(preset, &mut rng);
                let mut seed = client::generate(
                    &config.base_url,
                    rolled.needs_customizer(),
                    &rolled.settings,
                )
                .await?;
                seed.rolled = Some(rolled.to_value());
                return Ok(seed);
            }
            let base = config.branch(preset.get("branch").and_then(Value::as_str));
            let customizer = preset.get("customizer").and_then(Value::as_bool) == Some(true);
            let mut body = preset
                .get("settings")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default();
            // A race seed unless the preset says otherwise, as racers expect.
            body.entry("tournament").or_insert(Value::Bool(true));
            body.entry("spoilers").or_insert_with(|| "off".into());
            client::generate(base, customizer, &body).await
        })
    }
}
