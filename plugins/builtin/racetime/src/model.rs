use serde::{Deserialize, Serialize};

/// The organization's race room settings: its effective configuration of this plugin.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RoomSettings {
    pub category: String,
    pub goal: String,
    pub auto_open_rooms: bool,
    pub open_minutes_before: i64,
}

impl Default for RoomSettings {
    fn default() -> Self {
        RoomSettings {
            category: String::new(),
            goal: "Beat the game".into(),
            auto_open_rooms: false,
            open_minutes_before: 30,
        }
    }
}
