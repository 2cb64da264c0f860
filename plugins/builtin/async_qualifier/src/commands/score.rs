use sahabot_sdk::discord::{Command, CommandCall, CommandOption, CommandOptions, Reply, Response};
use sahabot_sdk::runtime_kinds::PluginError;
use serde::Deserialize;

use crate::service::scoring::{format_duration, parse_duration, race_score};

/// `/score finish:1:35:00 par:1:30:00`: the score of a finish against a par time.
pub const COMMAND: Command = Command::new(
    "score",
    "Computes a qualifier score from a finish time and the par time",
);

#[derive(Deserialize)]
pub struct Options {
    finish: String,
    par: String,
}

impl CommandOptions for Options {
    const OPTIONS: &'static [CommandOption] = &[
        CommandOption::string("finish", "Your finish time, H:MM:SS").required(),
        CommandOption::string("par", "The par time, H:MM:SS").required(),
    ];
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Config {
    max_score: Option<i64>,
}

pub async fn run(call: CommandCall, options: Options) -> Result<Response, PluginError> {
    let config: Config = call.ctx.config()?;
    let reply = |content: String| Response::from(Reply::private(content));
    let finish = match parse_duration(&options.finish) {
        Ok(secs) => secs,
        Err(e) => return Ok(reply(format!("finish: {e}"))),
    };
    let par = match parse_duration(&options.par) {
        Ok(secs) => secs,
        Err(e) => return Ok(reply(format!("par: {e}"))),
    };
    let cap = config.max_score.unwrap_or(105) as f64;
    let Some(score) = race_score(finish, par, cap) else {
        return Ok(reply("par: must be longer than zero".into()));
    };
    Ok(reply(format!(
        "A finish in {} against a par of {} scores {:.2}.",
        format_duration(finish),
        format_duration(par),
        score
    )))
}
