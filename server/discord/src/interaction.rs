//! One set of handlers for both ways in: an interaction, from the gateway or the endpoint,
//! becomes a response to send now and, for a handler that outlives Discord's deadline, work
//! that edits the deferred response when it finishes.

use sahabot_core::model::CurrentUser;
use sahabot_core::repo::discord as repo;
use sahabot_runtime::dispatch::{self, CommandRefusal};
use sahabot_sdk::access::{AccessError, OrgRef};
use sahabot_sdk::discord::{Origin, Reply, Response};
use sahabot_sdk::registry;
use sahabot_sdk::runtime_kinds::BoxFuture;
use serde_json::{Map, Value};
use serenity::builder::{
    AutocompleteChoice, CreateAutocompleteResponse, CreateInteractionResponse,
    CreateInteractionResponseMessage,
};
use serenity::model::application::{
    ActionRowComponent, CommandInteraction, ComponentInteraction, Interaction, ModalInteraction,
};
use serenity::model::id::{ChannelId, GuildId, UserId};
use tokio::task::JoinHandle;

use crate::{convert, options, Discord};

/// What to send Discord now, and what to do after.
pub struct Answer {
    pub response: CreateInteractionResponse,
    /// Set when the handler was still running at the deadline: the response is a deferral,
    /// and this edits it with the handler's result.
    pub later: Option<BoxFuture<()>>,
}

impl Answer {
    fn now(response: CreateInteractionResponse) -> Answer {
        Answer {
            response,
            later: None,
        }
    }

    fn private(text: impl Into<String>) -> Answer {
        Answer::now(CreateInteractionResponse::Message(
            CreateInteractionResponseMessage::new()
                .content(text.into())
                .ephemeral(true),
        ))
    }
}

pub async fn answer(discord: &Discord, interaction: Interaction) -> Answer {
    match interaction {
        Interaction::Ping(_) => Answer::now(CreateInteractionResponse::Pong),
        Interaction::Command(command) => self::command(discord, command).await,
        Interaction::Autocomplete(command) => self::autocomplete(discord, command).await,
        Interaction::Component(component) => self::component(discord, component).await,
        Interaction::Modal(modal) => self::modal(discord, modal).await,
        _ => Answer::private("SahaBot does not answer this kind of interaction."),
    }
}

/// The organization that linked the guild, and the caller's SahaBot account if any.
async fn resolve(
    discord: &Discord,
    guild_id: Option<GuildId>,
    user_id: UserId,
) -> Result<(OrgRef, Option<CurrentUser>), String> {
    let Some(guild_id) = guild_id else {
        return Err("SahaBot's commands work in a server, not in direct messages.".into());
    };
    let unavailable = |e: sahabot_core::Error| {
        tracing::error!(error = %e, "cannot resolve an interaction");
        "SahaBot cannot reach its database right now; try again in a moment.".to_string()
    };
    let guild = i64::try_from(guild_id.get()).map_err(|_| "Unknown server.".to_string())?;
    let org = repo::org_of_guild(discord.db(), guild)
        .await
        .map_err(unavailable)?
        .ok_or_else(|| {
            "This server is not linked to an organization on SahaBot. An organization \
             admin links it from the organization's Discord page."
                .to_string()
        })?;
    let user = match i64::try_from(user_id.get()) {
        Ok(id) => sahabot_core::repo::users::auth_record_by_discord_id(discord.db(), id)
            .await
            .map_err(unavailable)?
            .map(|u| u.current_user()),
        Err(_) => None,
    };
    Ok((
        OrgRef {
            id: org.id,
            slug: org.slug,
            name: org.name,
        },
        user,
    ))
}

/// Where the interaction happened, with this bot to post through.
fn origin(discord: &Discord, channel: ChannelId, user: UserId) -> Origin {
    Origin {
        channel_id: i64::try_from(channel.get()).ok(),
        discord_user_id: i64::try_from(user.get()).ok(),
        bot: Some(std::sync::Arc::new(discord.clone())),
    }
}

async fn command(discord: &Discord, interaction: CommandInteraction) -> Answer {
    let (org, user) = match resolve(discord, interaction.guild_id, interaction.user.id).await {
        Ok(found) => found,
        Err(text) => return Answer::private(text),
    };
    let name = interaction.data.name.clone();
    let Some(decl) = registry::command(&name) else {
        tracing::info!(command = %name, "an unknown command was invoked");
        return Answer::private(format!("SahaBot has no command `/{name}`."));
    };
    let (options, _) = options::to_map(&interaction.data.options);
    if let Err(problem) = options::check(decl.options, &options) {
        tracing::info!(command = %name, problem, "a command came with bad options");
        return Answer::private(format!("`/{name}`: {problem}."));
    }
    let db = discord.db().clone();
    let origin = origin(discord, interaction.channel_id, interaction.user.id);
    let task = tokio::spawn(async move {
        dispatch::command_at(&db, &org, user.as_ref(), &name, options, origin).await
    });
    let defer = CreateInteractionResponse::Defer(
        CreateInteractionResponseMessage::new().ephemeral(decl.command.ephemeral),
    );
    within_deadline(
        discord,
        decl.plugin_id,
        task,
        defer,
        interaction.token,
        false,
    )
    .await
}

async fn autocomplete(discord: &Discord, interaction: CommandInteraction) -> Answer {
    let empty = || {
        Answer::now(CreateInteractionResponse::Autocomplete(
            CreateAutocompleteResponse::new(),
        ))
    };
    let Ok((org, user)) = resolve(discord, interaction.guild_id, interaction.user.id).await else {
        return empty();
    };
    let (options, focused) = options::to_map(&interaction.data.options);
    let Some((focused, typed)) = focused else {
        return empty();
    };
    let suggestions = dispatch::autocomplete(
        discord.db(),
        &org,
        user.as_ref(),
        &interaction.data.name,
        options,
        &focused,
        &typed,
    )
    .await;
    match suggestions {
        Ok(choices) => Answer::now(CreateInteractionResponse::Autocomplete(
            CreateAutocompleteResponse::new().set_choices(
                choices
                    .into_iter()
                    .take(25)
                    .map(|(label, value)| AutocompleteChoice::new(label, value))
                    .collect(),
            ),
        )),
        Err(refusal) => {
            tracing::info!(command = %interaction.data.name, %refusal, "no suggestions");
            empty()
        }
    }
}

async fn component(discord: &Discord, interaction: ComponentInteraction) -> Answer {
    routed(
        discord,
        interaction.guild_id,
        interaction.user.id,
        origin(discord, interaction.channel_id, interaction.user.id),
        &interaction.data.custom_id,
        Map::new(),
        interaction.token,
    )
    .await
}

async fn modal(discord: &Discord, interaction: ModalInteraction) -> Answer {
    let fields: Map<String, Value> = interaction
        .data
        .components
        .iter()
        .flat_map(|row| &row.components)
        .filter_map(|component| match component {
            ActionRowComponent::InputText(input) => Some((
                input.custom_id.clone(),
                Value::from(input.value.clone().unwrap_or_default()),
            )),
            _ => None,
        })
        .collect();
    routed(
        discord,
        interaction.guild_id,
        interaction.user.id,
        origin(discord, interaction.channel_id, interaction.user.id),
        &interaction.data.custom_id,
        fields,
        interaction.token,
    )
    .await
}

/// A button or a modal: its custom id names the plugin that sent it.
async fn routed(
    discord: &Discord,
    guild_id: Option<GuildId>,
    user_id: UserId,
    origin: Origin,
    routed_id: &str,
    fields: Map<String, Value>,
    token: String,
) -> Answer {
    let (org, user) = match resolve(discord, guild_id, user_id).await {
        Ok(found) => found,
        Err(text) => return Answer::private(text),
    };
    let Some((plugin_id, custom_id)) = routed_id
        .split_once(':')
        .and_then(|(p, rest)| registry::plugin(p).map(|plugin| (plugin.id, rest.to_owned())))
    else {
        tracing::info!(custom_id = routed_id, "a component of no plugin was used");
        return Answer::private("This button is no longer in use.");
    };
    let db = discord.db().clone();
    let task = tokio::spawn(async move {
        dispatch::component_at(
            &db,
            &org,
            user.as_ref(),
            plugin_id,
            &custom_id,
            fields,
            origin,
        )
        .await
    });
    let defer = CreateInteractionResponse::Acknowledge;
    within_deadline(discord, plugin_id, task, defer, token, true).await
}

type Outcome = Result<Response, CommandRefusal>;

/// The handler's answer if it comes before the deadline; else a deferral, and the edit that
/// follows.
async fn within_deadline(
    discord: &Discord,
    plugin_id: &'static str,
    mut task: JoinHandle<Outcome>,
    defer: CreateInteractionResponse,
    token: String,
    on_component: bool,
) -> Answer {
    match tokio::time::timeout(discord.settings().defer_after, &mut task).await {
        Ok(joined) => Answer::now(respond(plugin_id, joined_outcome(joined), on_component)),
        Err(_) => {
            let discord = discord.clone();
            let later = async move {
                let reply = match joined_outcome(task.await) {
                    Ok(Response::Message(reply) | Response::Update(reply)) => reply,
                    Ok(Response::Modal(_)) => {
                        Reply::private("The form took too long to prepare; try again.")
                    }
                    Err(refusal) => Reply::private(refusal_text(&refusal)),
                };
                edit_original(&discord, plugin_id, &token, &reply).await;
            };
            Answer {
                response: defer,
                later: Some(Box::pin(later)),
            }
        }
    }
}

fn joined_outcome(joined: Result<Outcome, tokio::task::JoinError>) -> Outcome {
    joined.unwrap_or_else(|e| {
        Err(CommandRefusal::Failed(
            sahabot_runtime::RuntimeError::Refused(format!("the handler stopped: {e}")),
        ))
    })
}

async fn edit_original(discord: &Discord, plugin_id: &str, token: &str, reply: &Reply) {
    let Some(http) = discord.http() else {
        tracing::error!("a deferred response cannot be edited: no application id is configured");
        return;
    };
    let edit = convert::edit(plugin_id, reply);
    if let Err(e) = http
        .edit_original_interaction_response(token, &edit, Vec::new())
        .await
    {
        tracing::error!(error = %e, "cannot edit a deferred response");
    }
}

fn respond(plugin_id: &str, outcome: Outcome, on_component: bool) -> CreateInteractionResponse {
    match outcome {
        Ok(Response::Message(reply)) => {
            CreateInteractionResponse::Message(convert::message(plugin_id, &reply))
        }
        Ok(Response::Update(reply)) if on_component => {
            CreateInteractionResponse::UpdateMessage(convert::message(plugin_id, &reply))
        }
        Ok(Response::Update(reply)) => {
            CreateInteractionResponse::Message(convert::message(plugin_id, &reply))
        }
        Ok(Response::Modal(modal)) => {
            CreateInteractionResponse::Modal(convert::modal(plugin_id, &modal))
        }
        Err(refusal) => CreateInteractionResponse::Message(convert::message(
            plugin_id,
            &Reply::private(refusal_text(&refusal)),
        )),
    }
}

/// What the caller reads when nothing was done.
pub fn refusal_text(refusal: &CommandRefusal) -> String {
    match refusal {
        CommandRefusal::Unknown(_) => "This is no longer in use.".into(),
        CommandRefusal::NotAvailable(what) => {
            format!("{what} is not enabled for this server.")
        }
        CommandRefusal::Access(AccessError::NotSignedIn) => {
            "Sign in to SahaBot once with this Discord account, then try again.".into()
        }
        CommandRefusal::Access(AccessError::Forbidden(reason)) => {
            format!("You cannot do this here: {reason}")
        }
        CommandRefusal::Access(other) => format!("This cannot be done now: {other}"),
        CommandRefusal::Failed(e) => {
            tracing::error!(error = %e, "an interaction handler failed");
            format!("Something went wrong: {e}")
        }
    }
}
