use serde::{Deserialize, Serialize};

/// A slash command as an organization's members see it listed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommandInfo {
    pub name: String,
    pub description: String,
    pub plugin: String,
}

/// The organization's Discord server and the commands it gets.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuildCommands {
    pub guild_id: Option<String>,
    pub commands: Vec<CommandInfo>,
}
