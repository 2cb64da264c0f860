//! Runs commands, components and tasks — only where their plugin is in service. The Discord
//! runtime and the scheduler call these; none of them re-checks enablement. Listeners run
//! through the event bus ([`crate::bus`]), which uses the same context.

use serde_json::{Map, Value};

use crate::access::check;
use crate::RuntimeError;
use sahabot_core::db::Db;
use sahabot_core::model::CurrentUser;
use sahabot_sdk::access::{AccessError, OrgRef};
use sahabot_sdk::discord::{
    AutocompleteCall, CommandCall, CommandOption, ComponentCall, OptionKind, Origin, Response,
};
use sahabot_sdk::registry::{self, Plugin};
use sahabot_sdk::runtime_kinds::{OrgContext, PluginError};
use sahabot_sdk::Guard;

/// Why a command, a component or an autocompletion was not run.
#[derive(Debug, thiserror::Error)]
pub enum CommandRefusal {
    #[error("there is no command `/{0}`")]
    Unknown(String),
    /// The plugin is off for this organization (the guild does not get the command).
    #[error("{0} is not enabled for this server")]
    NotAvailable(String),
    #[error(transparent)]
    Access(AccessError),
    #[error(transparent)]
    Failed(RuntimeError),
}

pub(crate) async fn context(
    db: &Db,
    plugin: &Plugin,
    org: &OrgRef,
    actor: Option<&CurrentUser>,
) -> Result<OrgContext, RuntimeError> {
    let actor = actor.map(|user| sahabot_core::service::Actor {
        user_id: user.id,
        ip: None,
    });
    Ok(OrgContext {
        db: sahabot_sdk::data::PluginDb::new(db.clone(), plugin.id, Some(org.clone()), actor),
        plugin_id: plugin.id,
        org: org.clone(),
        config: crate::plugin_config::effective(db, plugin.id, Some(org.id)).await?,
    })
}

/// Whether background work of `plugin` (a listener, a task) runs for `organization_id`
/// (`None`: the platform), and with what context.
pub(crate) enum Background {
    Run(Option<Box<OrgContext>>),
    /// The plugin is not in service there, or the organization is gone.
    Skip,
}

/// The central check for background work: the plugin in service for the organization (or on
/// the platform), then its context there. An error is worth retrying (the database failed).
pub(crate) async fn background(
    db: &Db,
    plugin: &Plugin,
    organization_id: Option<i64>,
) -> Result<Background, String> {
    let org = match organization_id {
        None => None,
        Some(id) => match sahabot_core::repo::orgs::slug_and_name(db, id).await {
            Ok(Some((slug, name))) => Some(OrgRef { id, slug, name }),
            Ok(None) => return Ok(Background::Skip),
            Err(e) => return Err(e.to_string()),
        },
    };
    match crate::access::plugin_in_service(db, plugin.id, org.as_ref()).await {
        Ok(true) => {}
        Ok(false) => return Ok(Background::Skip),
        Err(e) => return Err(e.to_string()),
    }
    match org {
        Some(org) => context(db, plugin, &org, None)
            .await
            .map(|ctx| Background::Run(Some(Box::new(ctx))))
            .map_err(|e| e.to_string()),
        None => Ok(Background::Run(None)),
    }
}

/// The central check for an interaction with `plugin_id`'s contribution, then its context.
async fn admit(
    db: &Db,
    org: &OrgRef,
    user: Option<&CurrentUser>,
    guard: Guard,
    plugin_id: &str,
    what: &str,
) -> Result<OrgContext, CommandRefusal> {
    let plugin = registry::plugin(plugin_id).ok_or_else(|| CommandRefusal::Unknown(what.into()))?;
    match check(db, user, guard, Some(&org.slug), Some(plugin.id)).await {
        Ok(_) => {}
        Err(AccessError::NotFound(_)) => return Err(CommandRefusal::NotAvailable(what.into())),
        Err(e) => return Err(CommandRefusal::Access(e)),
    }
    context(db, plugin, org, user)
        .await
        .map_err(CommandRefusal::Failed)
}

fn plugin_failed(plugin_id: &str, e: PluginError) -> CommandRefusal {
    CommandRefusal::Failed(RuntimeError::PluginFailed {
        plugin: plugin_id.into(),
        message: e.to_string(),
    })
}

/// Runs the command `name` for `user` in the organization's guild, with no channel or bot.
pub async fn command(
    db: &Db,
    org: &OrgRef,
    user: Option<&CurrentUser>,
    name: &str,
    options: Map<String, Value>,
) -> Result<Response, CommandRefusal> {
    command_at(db, org, user, name, options, Origin::default()).await
}

/// Runs the command `name` for `user` where it was used in the organization's guild.
pub async fn command_at(
    db: &Db,
    org: &OrgRef,
    user: Option<&CurrentUser>,
    name: &str,
    options: Map<String, Value>,
    origin: Origin,
) -> Result<Response, CommandRefusal> {
    let decl = registry::command(name).ok_or_else(|| CommandRefusal::Unknown(name.into()))?;
    let label = format!("`/{name}`");
    let ctx = admit(db, org, user, decl.command.guard, decl.plugin_id, &label).await?;
    decl.run
        .call((
            CommandCall {
                ctx,
                user: user.cloned(),
                origin,
            },
            options,
        ))
        .await
        .map_err(|e| plugin_failed(decl.plugin_id, e))
}

/// Suggestions for the option `focused` of the command `name`, from its plugin.
pub async fn autocomplete(
    db: &Db,
    org: &OrgRef,
    user: Option<&CurrentUser>,
    name: &str,
    options: Map<String, Value>,
    focused: &str,
    typed: &str,
) -> Result<Vec<(String, Value)>, CommandRefusal> {
    let decl = registry::command(name).ok_or_else(|| CommandRefusal::Unknown(name.into()))?;
    let label = format!("`/{name}`");
    let suggest = find_option(decl.options, focused)
        .and_then(|o| o.autocomplete)
        .ok_or_else(|| CommandRefusal::Unknown(format!("{label} {focused}")))?;
    let ctx = admit(db, org, user, decl.command.guard, decl.plugin_id, &label).await?;
    suggest(AutocompleteCall {
        ctx,
        user: user.cloned(),
        options,
        focused: focused.into(),
        typed: typed.into(),
    })
    .await
    .map_err(|e| plugin_failed(decl.plugin_id, e))
}

/// The option named `name` among `options` or their subcommands' options.
fn find_option(options: &'static [CommandOption], name: &str) -> Option<&'static CommandOption> {
    options.iter().find_map(|o| {
        if o.kind == OptionKind::SubCommand {
            find_option(o.options, name)
        } else {
            (o.name == name).then_some(o)
        }
    })
}

/// Runs the component handler of `plugin_id` for a button press or modal submission, with no
/// channel or bot.
pub async fn component(
    db: &Db,
    org: &OrgRef,
    user: Option<&CurrentUser>,
    plugin_id: &str,
    custom_id: &str,
    fields: Map<String, Value>,
) -> Result<Response, CommandRefusal> {
    component_at(
        db,
        org,
        user,
        plugin_id,
        custom_id,
        fields,
        Origin::default(),
    )
    .await
}

/// Runs the component handler of `plugin_id` for a button press or modal submission where it
/// happened.
pub async fn component_at(
    db: &Db,
    org: &OrgRef,
    user: Option<&CurrentUser>,
    plugin_id: &str,
    custom_id: &str,
    fields: Map<String, Value>,
    origin: Origin,
) -> Result<Response, CommandRefusal> {
    let decl = registry::components(plugin_id)
        .ok_or_else(|| CommandRefusal::Unknown(format!("{plugin_id}:{custom_id}")))?;
    let name = registry::plugin(plugin_id).map_or(plugin_id, |p| p.name());
    let ctx = admit(db, org, user, decl.guard, plugin_id, name).await?;
    decl.run
        .call(ComponentCall {
            ctx,
            user: user.cloned(),
            custom_id: custom_id.into(),
            fields,
            origin,
        })
        .await
        .map_err(|e| plugin_failed(plugin_id, e))
}
