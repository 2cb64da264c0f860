//! `/mystery preset`: rolls an ALTTPR mystery weightset (through Presets, which keeps it in
//! the seed history) and posts the seed in the channel.

use sahabot_sdk::discord::{
    AutocompleteCall, Command, CommandCall, CommandOption, CommandOptions, Reply, Response,
};
use sahabot_sdk::handler::BoxFuture;
use sahabot_sdk::runtime_kinds::PluginError;
use sahabot_sdk::seeds::{Origin, PresetRef, SeedRoller};
use sahabot_sdk::serde_json::Value;
use serde::Deserialize;

pub const COMMAND: Command =
    Command::new("mystery", "Roll an ALTTPR seed from a mystery weightset").in_public();

#[derive(Deserialize)]
pub struct Options {
    preset: String,
}

impl CommandOptions for Options {
    const OPTIONS: &'static [CommandOption] =
        &[
            CommandOption::string("preset", "The weightset: namespace/name, or its name")
                .required()
                .autocomplete(suggest),
        ];
}

pub async fn run(call: CommandCall, options: Options) -> Result<Response, PluginError> {
    if call.user.is_none() {
        return Ok(Reply::private(
            "Sign in to SahaBot with this Discord account first; then your weightsets and your organization's are here.",
        )
        .into());
    }
    let presets = call.ctx.db.service::<dyn SeedRoller>("presets").await?;
    let preset = PresetRef {
        name: options.preset,
        mystery_only: true,
    };
    match presets
        .api
        .roll(presets.db.clone(), crate::ID, preset, Origin::Discord)
        .await
    {
        Ok(roll) if roll.permalink.is_some() => Ok(Reply::public(roll.line()).into()),
        Ok(roll) => Ok(Reply::private(roll.line()).into()),
        Err(e) => Ok(Reply::private(e.to_string()).into()),
    }
}

fn suggest(call: AutocompleteCall) -> BoxFuture<Result<Vec<(String, Value)>, PluginError>> {
    Box::pin(async move {
        let presets = call.ctx.db.service::<dyn SeedRoller>("presets").await?;
        let names = presets
            .api
            .preset_names(presets.db.clone(), crate::ID, call.typed, true)
            .await?;
        Ok(names
            .into_iter()
            .map(|n| (n.clone(), Value::from(n)))
            .collect())
    })
}
