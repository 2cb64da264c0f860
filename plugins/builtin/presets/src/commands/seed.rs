//! `/seed randomizer preset`: rolls a preset of a randomizer enabled in the server's
//! organization and posts the seed in the channel.

use sahabot_sdk::discord::{
    AutocompleteCall, Command, CommandCall, CommandOption, CommandOptions, Reply, Response,
};
use sahabot_sdk::handler::BoxFuture;
use sahabot_sdk::runtime_kinds::PluginError;
use sahabot_sdk::seeds::{Origin, PresetRef, SeedRoller};
use sahabot_sdk::serde_json::Value;
use serde::Deserialize;

use crate::service::caller::randomizers;
use crate::service::roller_api::PresetsRoller;

pub const COMMAND: Command = Command::new("seed", "Roll a seed from a preset").in_public();

#[derive(Deserialize)]
pub struct Options {
    randomizer: String,
    preset: String,
}

impl CommandOptions for Options {
    const OPTIONS: &'static [CommandOption] = &[
        CommandOption::string("randomizer", "The game")
            .required()
            .autocomplete(suggest_randomizers),
        CommandOption::string("preset", "The preset: namespace/name, or its name")
            .required()
            .autocomplete(suggest_presets),
    ];
}

/// Someone whose Discord account has no SahaBot account is told how to get one.
pub const NOT_LINKED: &str =
    "Sign in to SahaBot with this Discord account first; then your presets and your organization's are here.";

pub async fn run(call: CommandCall, options: Options) -> Result<Response, PluginError> {
    if call.user.is_none() {
        return Ok(Reply::private(NOT_LINKED).into());
    }
    let db = call.ctx.db;
    let Some(randomizer) = randomizers(&db)
        .await?
        .into_iter()
        .find(|r| r.plugin == options.randomizer)
    else {
        return Ok(Reply::private(format!(
            "`{}` is not a randomizer enabled in this server",
            options.randomizer
        ))
        .into());
    };
    let preset = PresetRef::any(options.preset);
    match PresetsRoller
        .roll(db, randomizer.plugin, preset, Origin::Discord)
        .await
    {
        Ok(roll) if roll.permalink.is_some() => Ok(Reply::public(roll.line()).into()),
        Ok(roll) => Ok(Reply::private(roll.line()).into()),
        Err(e) => Ok(Reply::private(e.to_string()).into()),
    }
}

fn suggest_randomizers(
    call: AutocompleteCall,
) -> BoxFuture<Result<Vec<(String, Value)>, PluginError>> {
    Box::pin(async move {
        let typed = call.typed.to_lowercase();
        Ok(randomizers(&call.ctx.db)
            .await?
            .into_iter()
            .map(|r| (r.api.name().to_string(), r.plugin))
            .filter(|(name, id)| name.to_lowercase().contains(&typed) || id.contains(&typed))
            .map(|(name, id)| (name, Value::from(id)))
            .collect())
    })
}

fn suggest_presets(call: AutocompleteCall) -> BoxFuture<Result<Vec<(String, Value)>, PluginError>> {
    Box::pin(async move {
        let chosen = call
            .options
            .get("randomizer")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let Some(randomizer) = randomizers(&call.ctx.db)
            .await?
            .into_iter()
            .find(|r| r.plugin == chosen)
        else {
            return Ok(Vec::new());
        };
        let names = PresetsRoller
            .preset_names(call.ctx.db, randomizer.plugin, call.typed, false)
            .await?;
        Ok(names
            .into_iter()
            .map(|n| (n.clone(), Value::from(n)))
            .collect())
    })
}
