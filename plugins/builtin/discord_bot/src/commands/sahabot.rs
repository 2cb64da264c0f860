use sahabot_sdk::discord::{
    Button, ButtonStyle, Command, CommandCall, CommandOption, CommandOptions, ComponentCall, Reply,
    Response,
};
use sahabot_sdk::registry;
use sahabot_sdk::runtime_kinds::{OrgContext, PluginError};
use serde::Deserialize;

/// `/sahabot status`: which plugins are on for this server, with a button to look again.
pub const COMMAND: Command = Command::new("sahabot", "SahaBot in this server");

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Options {
    Status {},
}

impl CommandOptions for Options {
    const OPTIONS: &'static [CommandOption] = &[CommandOption::subcommand(
        "status",
        "Which SahaBot features are on for this server",
        &[],
    )];
}

/// The custom id of the "Refresh" button under the status.
pub const REFRESH: &str = "status:refresh";

pub async fn run(call: CommandCall, options: Options) -> Result<Response, PluginError> {
    match options {
        Options::Status {} => Ok(Response::Message(status(&call.ctx).await?)),
    }
}

/// The button under the status message: replaces it with the current status.
pub async fn refresh(call: ComponentCall) -> Result<Response, PluginError> {
    if call.custom_id == REFRESH {
        Ok(Response::Update(status(&call.ctx).await?))
    } else {
        Ok(Reply::private("This button is no longer in use.").into())
    }
}

async fn status(ctx: &OrgContext) -> Result<Reply, PluginError> {
    let on = ctx.db.plugins_in_service().await?;
    let lines: Vec<String> = registry::plugins()
        .iter()
        .filter(|p| on.contains(&p.id))
        .map(|p| {
            let commands: Vec<String> = p
                .server()
                .commands
                .iter()
                .map(|c| format!("`/{}`", c.command.name))
                .collect();
            if commands.is_empty() {
                format!("• {}", p.name())
            } else {
                format!("• {} — {}", p.name(), commands.join(", "))
            }
        })
        .collect();
    Ok(Reply::private(format!(
        "**{}** has {} feature{} on in this server:\n{}",
        ctx.org.name,
        lines.len(),
        if lines.len() == 1 { "" } else { "s" },
        lines.join("\n")
    ))
    .button(Button {
        custom_id: REFRESH.into(),
        label: "Refresh".into(),
        style: ButtonStyle::Secondary,
    }))
}
