//! What an SMZ3 preset may hold: samus.link's settings under `settings:` (every value is sent
//! as text, as the server requires), and whether to keep a spoiler key.

use sahabot_sdk::seeds::{Setting, Settings};

const WORD: Setting = Setting::Text { max_len: 40 };

/// The body of samus.link's `/api/randomizers/smz3/generate`. The values the server's own
/// presets use are checked as choices; the others as short words.
pub const GENERATOR: Settings = &[
    ("smlogic", Setting::Choice(&["normal", "hard"])),
    ("goal", WORD),
    ("ganonvulnerable", WORD),
    ("opentower", WORD),
    ("opentourian", WORD),
    (
        "swordlocation",
        Setting::Choice(&["randomized", "early", "uncle"]),
    ),
    (
        "morphlocation",
        Setting::Choice(&["randomized", "early", "original"]),
    ),
    ("keyshuffle", Setting::Choice(&["none", "keysanity"])),
    ("race", Setting::Choice(&["true", "false"])),
    ("gamemode", Setting::Choice(&["normal", "multiworld"])),
    ("players", Setting::Integer { min: 1, max: 1 }),
    ("seed", Setting::Text { max_len: 20 }),
];

pub const PRESET: Settings = &[
    ("goal_name", Setting::Text { max_len: 100 }),
    ("description", Setting::Text { max_len: 500 }),
    // A spoiler key is sent with the seed and the spoiler link kept with the roll (racers who
    // can see the seed history can then read the spoiler).
    ("spoiler", Setting::Flag),
    ("settings", Setting::Group(GENERATOR)),
];

pub const EXAMPLE: &str = "\
# The samus.link defaults for a race: both bosses, seven crystals. Values are sent as text.
goal_name: Normal
settings:
  smlogic: normal
  goal: defeatboth
  ganonvulnerable: sevencrystals
  opentower: sevencrystals
  opentourian: fourbosses
  swordlocation: randomized
  morphlocation: randomized
  keyshuffle: none
  race: 'true'
  gamemode: normal
  players: 1
";
