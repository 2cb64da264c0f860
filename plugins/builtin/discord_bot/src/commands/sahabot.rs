use sahabot_sdk::discord::{
    Button, ButtonStyle, Command, CommandCall, CommandOption, ComponentCall, Reply, Response,
};
use sahabot_sdk::registry;
use sahabot_sdk::runtime_kinds::{BoxFuture, OrgContext, PluginError};
use sahabot_sdk::Guard;

/// `/sahabot status`: which plugins are on for this server, with a button to look again.
pub const COMMAND: Command = Command {
    name: "sahabot",
    description: "SahaBot in this server",
    options: &[CommandOption::subcommand(
        "status",
        "Which SahaBot features are on for this server",
        &[],
    )],
    default_member_permissions: None,
    guard: Guard::Public,
    ephemeral: true,
    run,
};

/// The custom id of the "Refresh" button under the status.
pub const REFRESH: &str = "status:refresh";

fn run(call: CommandCall) -> BoxFuture<Result<Response, PluginError>> {
    Box::pin(async move {
        if call.options.contains_key("status") {
            Ok(Response::Message(status(&call.ctx).await?))
        } else {
            Ok(Reply::private("Try `/sahabot status`.").into())
        }
    })
}

/// The button under the status message: replaces it with the current status.
pub fn refresh(call: ComponentCall) -> BoxFuture<Result<Response, PluginError>> {
    Box::pin(async move {
        if call.custom_id == REFRESH {
            Ok(Response::Update(status(&call.ctx).await?))
        } else {
            Ok(Reply::private("This button is no longer in use.").into())
        }
    })
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
