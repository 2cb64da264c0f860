//! What the tournament pages, server functions and REST routes exchange.

use serde::{Deserialize, Serialize};

/// A tournament as shown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Tournament {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub is_active: bool,
    /// The season window, unix milliseconds.
    pub starts_at: Option<i64>,
    pub ends_at: Option<i64>,
    /// The randomizer plugin its seeds are rolled with, and the preset (`namespace/name`)
    /// rolled when no rule picks another.
    pub randomizer: Option<String>,
    pub preset: Option<String>,
    pub preset_rules: Vec<PresetRule>,
    pub settings_form: Vec<SettingsField>,
    /// Played on site: matches are given stations.
    pub onsite: bool,
    pub player_count: i64,
    pub match_count: i64,
}

/// What an organizer sets on a tournament (the rules and the form have their own calls).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TournamentForm {
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default = "yes")]
    pub is_active: bool,
    #[serde(default)]
    pub starts_at: Option<i64>,
    #[serde(default)]
    pub ends_at: Option<i64>,
    #[serde(default)]
    pub randomizer: Option<String>,
    #[serde(default)]
    pub preset: Option<String>,
    #[serde(default)]
    pub onsite: bool,
}

fn yes() -> bool {
    true
}

/// A registered player of a tournament.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Player {
    pub user_id: i64,
    pub display_name: String,
}

/// A stream channel of the organization.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StreamChannel {
    pub id: i64,
    pub name: String,
    pub url: String,
}

/// A match's status, read from its timestamps: the latest one set decides.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchStatus {
    Pending,
    Scheduled,
    CheckedIn,
    InProgress,
    Finished,
    Recorded,
}

impl MatchStatus {
    pub fn label(self) -> &'static str {
        match self {
            MatchStatus::Pending => "Pending",
            MatchStatus::Scheduled => "Scheduled",
            MatchStatus::CheckedIn => "Checked in",
            MatchStatus::InProgress => "In progress",
            MatchStatus::Finished => "Finished",
            MatchStatus::Recorded => "Recorded",
        }
    }
}

/// The timestamps a match's status is read from (unix milliseconds).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatchTimes {
    pub scheduled_at: Option<i64>,
    pub checked_in_at: Option<i64>,
    pub started_at: Option<i64>,
    pub finished_at: Option<i64>,
    pub confirmed_at: Option<i64>,
}

impl MatchTimes {
    pub fn status(&self) -> MatchStatus {
        if self.confirmed_at.is_some() {
            MatchStatus::Recorded
        } else if self.finished_at.is_some() {
            MatchStatus::Finished
        } else if self.started_at.is_some() {
            MatchStatus::InProgress
        } else if self.checked_in_at.is_some() {
            MatchStatus::CheckedIn
        } else if self.scheduled_at.is_some() {
            MatchStatus::Scheduled
        } else {
            MatchStatus::Pending
        }
    }
}

/// A player of a match: their place once results are recorded, their station on site.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatchPlayer {
    pub user_id: i64,
    pub display_name: String,
    pub finish_rank: Option<i64>,
    pub station: Option<String>,
}

/// A match as shown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Match {
    pub id: i64,
    pub tournament_id: i64,
    pub title: String,
    pub comment: String,
    pub stream: Option<StreamChannel>,
    pub times: MatchTimes,
    pub status: MatchStatus,
    pub players: Vec<MatchPlayer>,
    pub crew: Vec<Crew>,
    /// Shown to the match's players, crew and organizers, and to everyone once it started.
    pub seed: Option<MatchSeed>,
}

/// The seed rolled for a match.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MatchSeed {
    pub permalink: String,
    pub hash: Vec<String>,
    /// The preset rolled (`namespace/name`) and the rule that picked it, if one did.
    pub preset: String,
    pub rule: Option<String>,
    pub rolled_at: i64,
}

/// A crew role.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CrewRole {
    Commentator,
    Tracker,
    Restreamer,
}

impl CrewRole {
    pub const ALL: [CrewRole; 3] = [
        CrewRole::Commentator,
        CrewRole::Tracker,
        CrewRole::Restreamer,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CrewRole::Commentator => "commentator",
            CrewRole::Tracker => "tracker",
            CrewRole::Restreamer => "restreamer",
        }
    }

    pub fn parse(text: &str) -> Option<CrewRole> {
        CrewRole::ALL.into_iter().find(|r| r.as_str() == text)
    }
}

/// A crew member of a match.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Crew {
    pub id: i64,
    pub user_id: i64,
    pub display_name: String,
    pub role: CrewRole,
    pub approved: bool,
}

/// One rule of a tournament's preset selection: when `when` holds for a match, `preset` is
/// rolled. Rules are tried in order; the first that holds wins.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PresetRule {
    pub name: String,
    pub when: Condition,
    pub preset: String,
}

/// A condition on a match: a comparison of one field, or a combination of conditions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    And(Vec<Condition>),
    Or(Vec<Condition>),
    Not(Box<Condition>),
    #[serde(untagged)]
    Compare {
        /// `match.…`, `settings.…` or `tournament.…`.
        field: String,
        op: Operator,
        #[serde(default)]
        value: serde_json::Value,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Operator {
    Equals,
    NotEquals,
    Contains,
    StartsWith,
    EndsWith,
    MatchesRegex,
    #[serde(rename = ">")]
    Gt,
    #[serde(rename = ">=")]
    Gte,
    #[serde(rename = "<")]
    Lt,
    #[serde(rename = "<=")]
    Lte,
    Between,
    In,
    NotIn,
}

/// One field of a tournament's player settings form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SettingsField {
    /// The key the answer is stored under (letters, digits, `_`).
    pub name: String,
    pub label: String,
    #[serde(flatten)]
    pub kind: FieldKind,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub help: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FieldKind {
    Select {
        options: Vec<String>,
    },
    Text {
        #[serde(default = "default_max_length")]
        max_length: usize,
    },
    Number {
        #[serde(default)]
        min: Option<f64>,
        #[serde(default)]
        max: Option<f64>,
    },
    Checkbox,
}

fn default_max_length() -> usize {
    200
}

/// A problem with one field of a submitted form, shown next to it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldProblem {
    pub field: String,
    pub message: String,
}

/// A player's settings for one game of a match.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Submission {
    pub id: i64,
    pub match_id: i64,
    pub game_number: i64,
    pub user_id: i64,
    pub display_name: String,
    pub settings: serde_json::Map<String, serde_json::Value>,
    pub applied: bool,
    pub submitted_at: i64,
}
