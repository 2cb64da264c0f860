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

/// The last command sync of a guild.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncInfo {
    pub commands: Vec<String>,
    pub error: Option<String>,
    /// Unix milliseconds.
    pub synced_at: i64,
}

/// The organization's Discord administration: its server, how it was linked, the commands it
/// should have and those it got at the last sync.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuildAdmin {
    pub guild_id: Option<String>,
    /// `(unix millis, display name)` when linked through the bot invite.
    pub linked: Option<(i64, String)>,
    pub expected: Vec<CommandInfo>,
    pub synced: Option<SyncInfo>,
}

impl GuildAdmin {
    /// The guild's commands differ from what its organization's plugins offer.
    pub fn out_of_date(&self) -> bool {
        let mut expected: Vec<&str> = self.expected.iter().map(|c| c.name.as_str()).collect();
        expected.sort_unstable();
        match &self.synced {
            Some(sync) => {
                let mut got: Vec<&str> = sync.commands.iter().map(String::as_str).collect();
                got.sort_unstable();
                got != expected || sync.error.is_some()
            }
            None => true,
        }
    }
}

/// One guild's last sync, for the platform's Discord page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuildSyncRow {
    pub guild_id: String,
    pub organization: Option<String>,
    pub sync: Option<SyncInfo>,
}

/// The bot as the platform administration sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BotOverview {
    pub status: sahabot_sdk::model::BotStatus,
    pub rows: Vec<GuildSyncRow>,
}
