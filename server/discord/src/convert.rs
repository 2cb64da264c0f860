//! The SDK's descriptions of commands, replies and modals as serenity's builders. The custom
//! ids of buttons and modals get the owning plugin's id as a prefix, which routes them back.

use sahabot_sdk::discord::{
    ButtonStyle, ChoiceValue, CommandDecl, CommandOption, Modal, OptionKind, Reply,
};
use serenity::builder::{
    CreateActionRow, CreateButton, CreateCommand, CreateCommandOption, CreateInputText,
    CreateInteractionResponseMessage, CreateMessage, CreateModal, EditInteractionResponse,
};
use serenity::model::application::{ButtonStyle as Style, CommandOptionType, InputTextStyle};
use serenity::model::permissions::Permissions;

/// Discord's limit on a message's length.
const MAX_CONTENT: usize = 2000;

pub fn command(decl: &CommandDecl) -> CreateCommand {
    let command = &decl.command;
    let mut create = CreateCommand::new(command.name)
        .description(command.description)
        .dm_permission(false);
    if let Some(bits) = command.default_member_permissions {
        create = create.default_member_permissions(Permissions::from_bits_truncate(bits));
    }
    for option in decl.options {
        create = create.add_option(self::option(option));
    }
    create
}

fn option(option: &CommandOption) -> CreateCommandOption {
    let kind = match option.kind {
        OptionKind::String => CommandOptionType::String,
        OptionKind::Integer => CommandOptionType::Integer,
        OptionKind::Boolean => CommandOptionType::Boolean,
        OptionKind::SubCommand => CommandOptionType::SubCommand,
    };
    let mut create = CreateCommandOption::new(kind, option.name, option.description);
    if option.kind != OptionKind::SubCommand {
        create = create.required(option.required);
    }
    if option.autocomplete.is_some() {
        create = create.set_autocomplete(true);
    }
    for choice in option.choices {
        create = match choice.value {
            ChoiceValue::String(value) => create.add_string_choice(choice.name, value),
            ChoiceValue::Integer(value) => {
                create.add_int_choice(choice.name, i32::try_from(value).unwrap_or(i32::MAX))
            }
        };
    }
    for sub in option.options {
        create = create.add_sub_option(self::option(sub));
    }
    create
}

/// `{plugin}:{custom_id}`.
pub fn routed_id(plugin_id: &str, custom_id: &str) -> String {
    format!("{plugin_id}:{custom_id}")
}

fn truncated(content: &str) -> String {
    if content.chars().count() <= MAX_CONTENT {
        content.to_owned()
    } else {
        let mut text: String = content.chars().take(MAX_CONTENT - 1).collect();
        text.push('…');
        text
    }
}

fn rows(plugin_id: &str, reply: &Reply) -> Vec<CreateActionRow> {
    // Five buttons fit in one row, five rows in one message.
    reply
        .buttons
        .chunks(5)
        .take(5)
        .map(|chunk| {
            CreateActionRow::Buttons(
                chunk
                    .iter()
                    .map(|b| {
                        CreateButton::new(routed_id(plugin_id, &b.custom_id))
                            .label(b.label.clone())
                            .style(match b.style {
                                ButtonStyle::Primary => Style::Primary,
                                ButtonStyle::Secondary => Style::Secondary,
                                ButtonStyle::Success => Style::Success,
                                ButtonStyle::Danger => Style::Danger,
                            })
                    })
                    .collect(),
            )
        })
        .collect()
}

pub fn message(plugin_id: &str, reply: &Reply) -> CreateInteractionResponseMessage {
    CreateInteractionResponseMessage::new()
        .content(truncated(&reply.content))
        .ephemeral(reply.ephemeral)
        .components(rows(plugin_id, reply))
}

/// A message the bot posts in a channel or thread (visibility does not apply there).
pub fn post(plugin_id: &str, reply: &Reply) -> CreateMessage {
    CreateMessage::new()
        .content(truncated(&reply.content))
        .components(rows(plugin_id, reply))
}

/// The edit of a deferred response (its visibility was set when deferring).
pub fn edit(plugin_id: &str, reply: &Reply) -> EditInteractionResponse {
    EditInteractionResponse::new()
        .content(truncated(&reply.content))
        .components(rows(plugin_id, reply))
}

pub fn modal(plugin_id: &str, modal: &Modal) -> CreateModal {
    CreateModal::new(routed_id(plugin_id, &modal.custom_id), modal.title.clone()).components(
        modal
            .fields
            .iter()
            .take(5)
            .map(|field| {
                let style = if field.paragraph {
                    InputTextStyle::Paragraph
                } else {
                    InputTextStyle::Short
                };
                CreateActionRow::InputText(
                    CreateInputText::new(style, field.label.clone(), field.custom_id.clone())
                        .required(field.required),
                )
            })
            .collect(),
    )
}
