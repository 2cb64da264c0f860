//! `/match list`: the caller's coming matches; `/match schedule id when`: a player (or an
//! organizer) sets a match's time.

use sahabot_sdk::discord::{Command, CommandCall, CommandOption, CommandOptions, Reply, Response};
use sahabot_sdk::runtime_kinds::PluginError;
use serde::Deserialize;

use super::{caller, refusal};
use crate::model::Match;
use crate::repo::matches::Filter;
use crate::service::matches::{self, MatchChange};
use crate::service::when;

pub const COMMAND: Command = Command::new("match", "Your tournament matches");

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Options {
    List {},
    Schedule { id: i64, when: String },
}

impl CommandOptions for Options {
    const OPTIONS: &'static [CommandOption] = &[
        CommandOption::subcommand("list", "Your matches that are not finished", &[]),
        CommandOption::subcommand(
            "schedule",
            "Set the time of one of your matches",
            &[
                CommandOption::integer("id", "The match's number (from /match list)").required(),
                CommandOption::string(
                    "when",
                    "UTC time as 2027-01-05 18:00, or a Discord timestamp <t:…>",
                )
                .required(),
            ],
        ),
    ];
}

pub async fn run(call: CommandCall, options: Options) -> Result<Response, PluginError> {
    let caller = match caller(&call).await {
        Ok(caller) => caller,
        Err(reply) => return Ok(reply.into()),
    };
    let reply = match options {
        Options::List {} => list(&caller).await,
        Options::Schedule { id, when: text } => schedule(&caller, id, &text).await,
    };
    Ok(reply.unwrap_or_else(refusal).into())
}

async fn list(caller: &crate::service::caller::Caller) -> Result<Reply, sahabot_sdk::Error> {
    let me = caller.member_id()?;
    let filter = Filter {
        player: Some(me),
        limit: 100,
        ..Filter::default()
    };
    let (found, _) = matches::list(caller, filter).await?;
    let open: Vec<&Match> = found
        .iter()
        .filter(|m| m.status < crate::model::MatchStatus::Finished)
        .take(20)
        .collect();
    if open.is_empty() {
        return Ok(Reply::private("You have no matches to play."));
    }
    let lines: Vec<String> = open.iter().map(|m| line(m)).collect();
    Ok(Reply::private(format!(
        "Your matches:\n{}",
        lines.join("\n")
    )))
}

/// A match in one line: number, players, time (as Discord shows it in the reader's zone).
pub fn line(m: &Match) -> String {
    let players: Vec<&str> = m.players.iter().map(|p| p.display_name.as_str()).collect();
    let title = if m.title.is_empty() {
        players.join(" vs ")
    } else {
        format!("{} ({})", m.title, players.join(" vs "))
    };
    let time = match m.times.scheduled_at {
        Some(ms) => format!("<t:{}:F>", ms / 1000),
        None => "not scheduled".into(),
    };
    format!("• #{} {title} — {time} — {}", m.id, m.status.label())
}

async fn schedule(
    caller: &crate::service::caller::Caller,
    id: i64,
    text: &str,
) -> Result<Reply, sahabot_sdk::Error> {
    let at = when::parse(text)?;
    let current = matches::get(caller, id).await?;
    let change = MatchChange {
        title: current.title.clone(),
        comment: current.comment.clone(),
        scheduled_at: Some(at),
        stream_channel_id: current.stream.as_ref().map(|s| s.id),
    };
    matches::update(caller, id, &change).await?;
    let updated = matches::get(caller, id).await?;
    Ok(Reply::public(format!("Scheduled: {}", line(&updated))))
}
