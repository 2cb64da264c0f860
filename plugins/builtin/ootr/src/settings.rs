//! What an OOTR preset may hold: the randomizer's settings under `settings:` (sent as they are
//! written; ootrandomizer.com checks them and names what it refuses), the version to roll with,
//! and how the spoiler log is kept.

use sahabot_sdk::seeds::{Setting, Settings};

pub const PRESET: Settings = &[
    ("goal_name", Setting::Text { max_len: 100 }),
    ("description", Setting::Text { max_len: 500 }),
    // `8.2.0`, or `branch_x.y.z-n` for a development branch; the organization's setting when
    // left out.
    ("version", Setting::Text { max_len: 40 }),
    // The spoiler log stays locked until the site unlocks it (a race's seed).
    ("locked_spoiler", Setting::Flag),
    // The seed's file asks for a password before it can be patched.
    ("password_lock", Setting::Flag),
    ("settings", Setting::Any),
];

pub const EXAMPLE: &str = "\
# A few of the randomizer's settings; the site fills in the rest with its defaults.
goal_name: Standard
locked_spoiler: true
settings:
  world_count: 1
  create_spoiler: true
  open_forest: closed_deku
  open_kakariko: open
  open_door_of_time: true
  zora_fountain: closed
  gerudo_fortress: fast
  bridge: medallions
  bridge_medallions: 6
  trials: 0
  shuffle_ganon_bosskey: remove
  shuffle_song_items: song
  shopsanity: 'off'
  tokensanity: 'off'
  hints: always
";
