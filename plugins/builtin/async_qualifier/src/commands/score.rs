use sahabot_sdk::discord::{Command, CommandCall, CommandOption, Reply, Response};
use sahabot_sdk::runtime_kinds::{BoxFuture, PluginError};
use sahabot_sdk::Guard;
use serde::Deserialize;

use crate::service::scoring::{format_duration, parse_duration, race_score};

/// `/score finish:1:35:00 par:1:30:00`: the score of a finish against a par time.
pub const COMMAND: Command = Command {
    name: "score",
    description: "Computes a qualifier score from a finish time and the par time",
    options: &[
        CommandOption::string("finish", "Your finish time, H:MM:SS").required(),
        CommandOption::string("par", "The par time, H:MM:SS").required(),
    ],
    default_member_permissions: None,
    guard: Guard::Public,
    ephemeral: true,
    run,
};

#[derive(Deserialize, Default)]
#[serde(default)]
struct Config {
    max_score: Option<i64>,
}

fn run(call: CommandCall) -> BoxFuture<Result<Response, PluginError>> {
    Box::pin(async move {
        let config: Config = call.ctx.config()?;
        let reply = |content: String| Response::from(Reply::private(content));
        let finish = match parse_duration(call.string("finish")) {
            Ok(secs) => secs,
            Err(e) => return Ok(reply(format!("finish: {e}"))),
        };
        let par = match parse_duration(call.string("par")) {
            Ok(secs) => secs,
            Err(e) => return Ok(reply(format!("par: {e}"))),
        };
        let Some(score) = race_score(finish, par) else {
            return Ok(reply("par: must be longer than zero".into()));
        };
        let cap = config.max_score.unwrap_or(105) as f64;
        Ok(reply(format!(
            "A finish in {} against a par of {} scores {:.2}.",
            format_duration(finish),
            format_duration(par),
            score.min(cap)
        )))
    })
}
