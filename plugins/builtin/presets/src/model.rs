//! What the pages, the server functions and the REST routes exchange.

use serde::{Deserialize, Serialize};

/// A randomizer enabled in the organization, as the pages offer it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RandomizerInfo {
    pub id: String,
    pub name: String,
    /// A preset to start from (YAML).
    pub example: String,
}

/// Who owns a namespace.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "name")]
pub enum Owner {
    Organization(String),
    User(String),
}

/// What the viewer may do in a namespace.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rights {
    pub create: bool,
    pub update: bool,
    pub delete: bool,
    /// Change the namespace itself and its grants.
    pub manage: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamespaceView {
    pub id: i64,
    pub slug: String,
    pub description: String,
    pub is_public: bool,
    pub owner: Owner,
    pub rights: Rights,
    pub preset_count: i64,
}

/// One user's rights in a namespace.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grant {
    pub user_id: i64,
    pub user_name: String,
    pub create: bool,
    pub update: bool,
    pub delete: bool,
}

/// A preset in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PresetRow {
    pub id: i64,
    pub namespace: String,
    pub randomizer: String,
    pub name: String,
    pub description: String,
    pub is_public: bool,
    pub is_mystery: bool,
    pub updated_at: i64,
}

/// How a preset list is sorted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PresetSort {
    #[default]
    Name,
    Namespace,
    Randomizer,
    Updated,
}

/// A page of presets and how many there are in all.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PresetPage {
    pub rows: Vec<PresetRow>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

/// A preset as its page and editor show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PresetDetail {
    pub id: i64,
    pub namespace: String,
    pub randomizer: String,
    pub name: String,
    pub description: String,
    pub yaml: String,
    pub is_public: bool,
    pub hide_rolled: bool,
    pub is_mystery: bool,
    pub revision: i64,
    pub created_by: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    pub rights: Rights,
}

/// One kept version of a preset.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revision {
    pub revision: i64,
    pub yaml: String,
    pub edited_by: Option<String>,
    pub edited_at: i64,
}

/// Something wrong with a preset's text: where (1-based line and column, when known) and
/// what (the setting's path, when it is about one).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextProblem {
    pub line: Option<u64>,
    pub column: Option<u64>,
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for TextProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(line) = self.line {
            write!(f, "line {line}: ")?;
        }
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.message)
    }
}

/// A preset's text checked: its problems (none: it can be saved) and whether it is a mystery.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextCheck {
    pub problems: Vec<TextProblem>,
    pub is_mystery: bool,
}

/// One roll in the organization's seed history (or the roll just made).
pub type RollView = sahabot_sdk::seeds::RecordedRoll;

/// At most this much YAML per preset (the editor refuses a larger file before reading it).
pub const MAX_YAML_BYTES: usize = 64 * 1024;
