//! `/async post qualifier` puts a qualifier's start button in this channel (runs started from
//! it open their private threads here); `/async extend_timeout minutes`, in a run's thread,
//! gives a run that has not started more time. Both are for the qualifier's organizers.

use sahabot_sdk::discord::{
    AutocompleteCall, Command, CommandCall, CommandOption, CommandOptions, Reply, Response,
};
use sahabot_sdk::runtime_kinds::{BoxFuture, PluginError};
use sahabot_sdk::serde_json::Value;
use sahabot_sdk::{Error, Guard};
use serde::Deserialize;

use super::{caller, refusal, texts};
use crate::pages::parts::qualifier_href;
use crate::service::caller::Caller;
use crate::service::{qualifiers, runs};

pub const COMMAND: Command = Command::new("async", "Run the organization's async qualifiers")
    .guard(Guard::Org("async_qualifier:manage"));

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Options {
    Post { qualifier: i64 },
    ExtendTimeout { minutes: i64 },
}

impl CommandOptions for Options {
    const OPTIONS: &'static [CommandOption] = &[
        CommandOption::subcommand(
            "post",
            "Post a qualifier's start button in this channel",
            &[CommandOption::integer("qualifier", "The qualifier")
                .required()
                .autocomplete(suggest)],
        ),
        CommandOption::subcommand(
            "extend_timeout",
            "In a run's thread: more time before the run times out",
            &[CommandOption::integer("minutes", "How many minutes (1–240)").required()],
        ),
    ];
}

pub async fn run(call: CommandCall, options: Options) -> Result<Response, PluginError> {
    let caller = match caller(call.user.as_ref(), &call.ctx.db).await {
        Ok(caller) => caller,
        Err(reply) => return Ok(reply),
    };
    let done = match options {
        Options::Post { qualifier } => post(&caller, &call, qualifier).await,
        Options::ExtendTimeout { minutes } => extend(&caller, &call, minutes).await,
    };
    Ok(done.unwrap_or_else(refusal))
}

async fn post(caller: &Caller, call: &CommandCall, qualifier: i64) -> Result<Response, Error> {
    // The command's guard let only organizers this far.
    let q = qualifiers::get(caller, qualifier).await?;
    let (Some(bot), Some(channel)) = (call.origin.bot.as_ref(), call.origin.channel_id) else {
        return Err(Error::Conflict(
            "the bot cannot post in this channel".into(),
        ));
    };
    let leaderboard = bot.link(&qualifier_href(&call.ctx.org.slug, q.id));
    bot.post(
        call.ctx.plugin_id,
        channel,
        texts::start_post(&q, &leaderboard),
    )
    .await
    .map_err(|e| Error::Conflict(format!("the bot cannot post here: {e}")))?;
    qualifiers::set_channel(caller, q.id, channel).await?;
    Ok(Reply::private(format!(
        "Posted the start button of **{}** here; runs started from it open their private \
         threads in this channel.",
        q.name
    ))
    .into())
}

async fn extend(caller: &Caller, call: &CommandCall, minutes: i64) -> Result<Response, Error> {
    let Some(channel) = call.origin.channel_id else {
        return Err(Error::Conflict("use this in a run's thread".into()));
    };
    let id = runs::in_thread(caller, channel).await?;
    let until = runs::extend(caller, id, minutes).await?;
    Ok(Reply::public(format!(
        "Run {id} now times out {} (at {}).",
        texts::relative(until),
        texts::clock(until)
    ))
    .into())
}

/// The organization's qualifiers whose name holds what was typed.
fn suggest(call: AutocompleteCall) -> BoxFuture<Result<Vec<(String, Value)>, PluginError>> {
    Box::pin(async move {
        let caller = Caller::new(call.ctx.db.clone()).await?;
        let typed = call.typed.to_lowercase();
        Ok(qualifiers::list(&caller)
            .await?
            .into_iter()
            .filter(|q| q.name.to_lowercase().contains(&typed))
            .map(|q| (q.name, Value::from(q.id)))
            .collect())
    })
}
