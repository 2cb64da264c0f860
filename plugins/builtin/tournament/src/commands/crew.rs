//! `/crew signup id role`: sign up to commentate, track or restream a match (an organizer
//! approves it).

use sahabot_sdk::discord::{
    Choice, ChoiceValue, Command, CommandCall, CommandOption, CommandOptions, Reply, Response,
};
use sahabot_sdk::runtime_kinds::PluginError;
use serde::Deserialize;

use super::{caller, refusal};
use crate::model::CrewRole;
use crate::service::{crew, matches};

pub const COMMAND: Command = Command::new("crew", "Volunteer for a match");

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Options {
    Signup { id: i64, role: CrewRole },
}

const ROLES: &[Choice] = &[
    Choice {
        name: "Commentator",
        value: ChoiceValue::String("commentator"),
    },
    Choice {
        name: "Tracker",
        value: ChoiceValue::String("tracker"),
    },
    Choice {
        name: "Restreamer",
        value: ChoiceValue::String("restreamer"),
    },
];

impl CommandOptions for Options {
    const OPTIONS: &'static [CommandOption] = &[CommandOption::subcommand(
        "signup",
        "Sign up as crew of a match",
        &[
            CommandOption::integer("id", "The match's number").required(),
            CommandOption::string("role", "What you will do")
                .required()
                .choices(ROLES),
        ],
    )];
}

pub async fn run(call: CommandCall, options: Options) -> Result<Response, PluginError> {
    let caller = match caller(&call).await {
        Ok(caller) => caller,
        Err(reply) => return Ok(reply.into()),
    };
    let Options::Signup { id, role } = options;
    let done = async {
        crew::sign_up(&caller, id, role, None).await?;
        matches::get(&caller, id).await
    }
    .await;
    Ok(match done {
        Ok(m) => {
            let approved = m
                .crew
                .iter()
                .any(|c| Some(c.user_id) == caller.user_id && c.role == role && c.approved);
            let state = if approved {
                "you are on the crew"
            } else {
                "an organizer will approve it"
            };
            Reply::private(format!(
                "Signed up as {} of {} — {state}.",
                role.as_str(),
                super::matches::line(&m).trim_start_matches("• ")
            ))
        }
        Err(e) => refusal(e),
    }
    .into())
}
