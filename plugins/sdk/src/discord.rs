//! What a plugin contributes to Discord: slash commands (with options, choices and
//! autocompletion), and the handler of its buttons and modals. The host registers a guild's
//! commands only for the plugins its organization enabled, answers interactions through the
//! gateway or the signed HTTP endpoint, and calls these handlers the same way for both.
//!
//! A plugin never sees Discord's wire format: it reads the options as JSON values and answers
//! with a [`Response`]. The custom ids of its buttons and modals are prefixed with its plugin id
//! by the host, so a component always comes back to the plugin that created it.

use serde_json::{Map, Value};

use crate::handler::{BoxFuture, Handler, PluginError};
pub use crate::host::{resync_guilds, DiscordHost};
use crate::runtime_kinds::OrgContext;
use crate::Guard;
pub use sahabot_core::model::BotStatus;
use sahabot_core::model::CurrentUser;

/// A slash command's definition; its options are the fields of the handler's second argument
/// (see [`CommandOptions`]), registered with
/// [`Contributions::command`](crate::Contributions::command).
#[derive(Clone, Copy, Debug)]
pub struct Command {
    pub name: &'static str,
    pub description: &'static str,
    /// Discord permission bits a member needs to see the command (`None`: everyone). Discord
    /// applies it in the client; the [`guard`](Self::guard) is what the host enforces.
    pub default_member_permissions: Option<u64>,
    pub guard: Guard,
    /// Whether the "thinking…" state shown when the handler takes long is seen by the caller
    /// only. The final reply keeps that visibility.
    pub ephemeral: bool,
}

impl Command {
    /// A command anyone in the server may run, answered privately.
    pub const fn new(name: &'static str, description: &'static str) -> Command {
        Command {
            name,
            description,
            default_member_permissions: None,
            guard: Guard::Public,
            ephemeral: true,
        }
    }

    /// Who may run it; the host checks this before the handler runs.
    pub const fn guard(mut self, guard: Guard) -> Command {
        self.guard = guard;
        self
    }

    /// Discord permission bits a member needs to see the command in the client.
    pub const fn member_permissions(mut self, bits: u64) -> Command {
        self.default_member_permissions = Some(bits);
        self
    }

    /// The "thinking…" state is seen by the whole channel.
    pub const fn in_public(mut self) -> Command {
        self.ephemeral = false;
        self
    }
}

/// A command's options as a type. Its fields are the options (a subcommand is an enum variant
/// whose fields are the subcommand's options); serde reads them before the handler runs, so a
/// missing or mistyped option is answered with its name and never reaches the handler. The
/// registry checks at start that the field names are the option names.
///
/// ```ignore
/// #[derive(serde::Deserialize)]
/// struct Score { finish: String, par: String }
/// impl CommandOptions for Score {
///     const OPTIONS: &'static [CommandOption] = &[
///         CommandOption::string("finish", "Your finish time, H:MM:SS").required(),
///         CommandOption::string("par", "The par time, H:MM:SS").required(),
///     ];
/// }
/// ```
pub trait CommandOptions: serde::de::DeserializeOwned + Send + 'static {
    const OPTIONS: &'static [CommandOption];
}

/// The options of a command that has none.
#[derive(Debug, serde::Deserialize)]
pub struct NoOptions {}

impl CommandOptions for NoOptions {
    const OPTIONS: &'static [CommandOption] = &[];
}

/// An option of a command, or a subcommand with options of its own.
#[derive(Clone, Copy, Debug)]
pub struct CommandOption {
    pub name: &'static str,
    pub description: &'static str,
    pub kind: OptionKind,
    pub required: bool,
    pub choices: &'static [Choice],
    /// Suggests values while the user types (Discord's autocomplete); the host calls it with
    /// what was typed so far.
    pub autocomplete: Option<AutocompleteFn>,
    /// The options of a [`OptionKind::SubCommand`].
    pub options: &'static [CommandOption],
}

impl CommandOption {
    const fn new(kind: OptionKind, name: &'static str, description: &'static str) -> Self {
        CommandOption {
            name,
            description,
            kind,
            required: false,
            choices: &[],
            autocomplete: None,
            options: &[],
        }
    }

    pub const fn string(name: &'static str, description: &'static str) -> Self {
        Self::new(OptionKind::String, name, description)
    }

    pub const fn integer(name: &'static str, description: &'static str) -> Self {
        Self::new(OptionKind::Integer, name, description)
    }

    pub const fn boolean(name: &'static str, description: &'static str) -> Self {
        Self::new(OptionKind::Boolean, name, description)
    }

    pub const fn subcommand(
        name: &'static str,
        description: &'static str,
        options: &'static [CommandOption],
    ) -> Self {
        let mut option = Self::new(OptionKind::SubCommand, name, description);
        option.options = options;
        option
    }

    pub const fn required(mut self) -> Self {
        self.required = true;
        self
    }

    pub const fn choices(mut self, choices: &'static [Choice]) -> Self {
        self.choices = choices;
        self
    }

    pub const fn autocomplete(mut self, suggest: AutocompleteFn) -> Self {
        self.autocomplete = Some(suggest);
        self
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OptionKind {
    String,
    Integer,
    Boolean,
    SubCommand,
}

/// A fixed value an option offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Choice {
    pub name: &'static str,
    pub value: ChoiceValue,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChoiceValue {
    String(&'static str),
    Integer(i64),
}

#[derive(Clone, Debug)]
pub struct CommandDecl {
    pub plugin_id: &'static str,
    pub command: Command,
    /// [`CommandOptions::OPTIONS`] of the handler's options type.
    pub options: &'static [CommandOption],
    /// The field (or variant) names of the options type, as serde reads them.
    pub option_fields: fn() -> Vec<&'static str>,
    pub run: CommandFn,
}

/// One invocation of a command, as the host resolved it; the options come as the handler's
/// second argument.
#[derive(Clone, Debug)]
pub struct CommandCall {
    pub ctx: OrgContext,
    /// The caller's SahaBot account, if their Discord account has one.
    pub user: Option<CurrentUser>,
    pub origin: Origin,
}

/// Where in Discord an interaction happened, and the bot that answers it (to post elsewhere
/// than in the answer: a thread, a channel).
#[derive(Clone, Debug, Default)]
pub struct Origin {
    /// The channel (or thread) it was used in.
    pub channel_id: Option<i64>,
    /// The caller's Discord account.
    pub discord_user_id: Option<i64>,
    pub bot: Option<std::sync::Arc<dyn DiscordHost>>,
}

/// A command as the host calls it, with the options by name (a subcommand appears as an object
/// of its own options); they are read into the handler's options type first.
pub type CommandFn = Handler<(CommandCall, Map<String, Value>), Result<Response, PluginError>>;

/// While the user types into an option with autocompletion.
#[derive(Clone, Debug)]
pub struct AutocompleteCall {
    pub ctx: OrgContext,
    pub user: Option<CurrentUser>,
    /// The options filled so far.
    pub options: Map<String, Value>,
    /// The option being typed and what it holds.
    pub focused: String,
    pub typed: String,
}

/// Suggestions: `(label, value)`, at most 25 are shown.
pub type AutocompleteFn =
    fn(AutocompleteCall) -> BoxFuture<Result<Vec<(String, Value)>, PluginError>>;

/// A button press or a modal submission on something this plugin sent.
#[derive(Clone, Debug)]
pub struct ComponentCall {
    pub ctx: OrgContext,
    pub user: Option<CurrentUser>,
    /// The custom id the plugin gave the button or modal (without the host's prefix).
    pub custom_id: String,
    /// A modal's fields by custom id (empty for a button).
    pub fields: Map<String, Value>,
    pub origin: Origin,
}

pub type ComponentFn = Handler<ComponentCall, Result<Response, PluginError>>;

/// The handler of a plugin's buttons and modals.
#[derive(Clone, Debug)]
pub struct ComponentDecl {
    pub plugin_id: &'static str,
    pub guard: Guard,
    pub run: ComponentFn,
}

/// A message the bot sends; ephemeral ones are seen only by the caller.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reply {
    pub content: String,
    pub ephemeral: bool,
    pub buttons: Vec<Button>,
}

impl Reply {
    /// Seen only by the caller.
    pub fn private(content: impl Into<String>) -> Reply {
        Reply {
            content: content.into(),
            ephemeral: true,
            buttons: Vec::new(),
        }
    }

    /// Seen by everyone in the channel.
    pub fn public(content: impl Into<String>) -> Reply {
        Reply {
            ephemeral: false,
            ..Reply::private(content)
        }
    }

    pub fn button(mut self, button: Button) -> Reply {
        self.buttons.push(button);
        self
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Button {
    /// Comes back in [`ComponentCall::custom_id`].
    pub custom_id: String,
    pub label: String,
    pub style: ButtonStyle,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ButtonStyle {
    Primary,
    Secondary,
    Success,
    Danger,
}

/// A form shown in a popup; its submission reaches the plugin's component handler.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Modal {
    pub custom_id: String,
    pub title: String,
    pub fields: Vec<ModalField>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModalField {
    pub custom_id: String,
    pub label: String,
    pub required: bool,
    /// A multi-line text area rather than a single line.
    pub paragraph: bool,
}

/// What a handler answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Response {
    /// A new message.
    Message(Reply),
    /// Replaces the message whose button was pressed (a new message for a command).
    Update(Reply),
    /// Opens a form (not possible in answer to a modal).
    Modal(Modal),
}

impl From<Reply> for Response {
    fn from(reply: Reply) -> Response {
        Response::Message(reply)
    }
}
