//! What an ALTTPR preset may hold: the generator's settings (alttpr.com's API body) under
//! `settings:`, and how the seed is asked for.

use sahabot_sdk::seeds::{Setting, Settings};

const CRYSTALS: &[&str] = &["0", "1", "2", "3", "4", "5", "6", "7", "random"];

/// The body alttpr.com's `/api/randomizer` and `/api/customizer` take.
pub const GENERATOR: Settings = &[
    (
        "glitches",
        Setting::Choice(&[
            "none",
            "overworld_glitches",
            "major_glitches",
            "hybrid_major_glitches",
            "no_logic",
        ]),
    ),
    ("item_placement", Setting::Choice(&["basic", "advanced"])),
    (
        "dungeon_items",
        Setting::Choice(&["standard", "mc", "mcs", "full"]),
    ),
    (
        "accessibility",
        Setting::Choice(&["items", "locations", "none"]),
    ),
    (
        "goal",
        Setting::Choice(&[
            "ganon",
            "fast_ganon",
            "dungeons",
            "pedestal",
            "triforce-hunt",
            "ganonhunt",
            "completionist",
        ]),
    ),
    (
        "crystals",
        Setting::Group(&[
            ("ganon", Setting::Choice(CRYSTALS)),
            ("tower", Setting::Choice(CRYSTALS)),
        ]),
    ),
    (
        "mode",
        Setting::Choice(&["standard", "open", "inverted", "retro"]),
    ),
    (
        "entrances",
        Setting::Choice(&[
            "none",
            "simple",
            "restricted",
            "full",
            "crossed",
            "insanity",
        ]),
    ),
    ("hints", Setting::Choice(&["on", "off"])),
    (
        "weapons",
        Setting::Choice(&["randomized", "assured", "vanilla", "swordless"]),
    ),
    (
        "item",
        Setting::Group(&[
            (
                "pool",
                Setting::Choice(&["normal", "hard", "expert", "crowd_control"]),
            ),
            (
                "functionality",
                Setting::Choice(&["normal", "hard", "expert"]),
            ),
        ]),
    ),
    ("lang", Setting::Choice(&["en", "fr", "de", "es"])),
    (
        "enemizer",
        Setting::Group(&[
            (
                "boss_shuffle",
                Setting::Choice(&["none", "simple", "full", "random"]),
            ),
            (
                "enemy_shuffle",
                Setting::Choice(&["none", "shuffled", "random"]),
            ),
            (
                "enemy_damage",
                Setting::Choice(&["default", "shuffled", "random"]),
            ),
            (
                "enemy_health",
                Setting::Choice(&["default", "easy", "hard", "expert"]),
            ),
            ("pot_shuffle", Setting::Choice(&["on", "off"])),
        ]),
    ),
    ("tournament", Setting::Flag),
    (
        "spoilers",
        Setting::Choice(&["on", "off", "generate", "mystery"]),
    ),
    ("allow_quickswap", Setting::Flag),
    ("name", Setting::Text { max_len: 100 }),
    ("notes", Setting::Text { max_len: 1000 }),
    // The customizer's own parts, passed as written.
    ("custom", Setting::Any),
    ("l", Setting::Any),
    ("eq", Setting::Any),
    ("drops", Setting::Any),
];

/// A plain preset: the generator's settings and how to ask for the seed.
pub const PRESET: Settings = &[
    ("goal_name", Setting::Text { max_len: 100 }),
    ("description", Setting::Text { max_len: 500 }),
    ("customizer", Setting::Flag),
    ("branch", Setting::Choice(&["live", "beeta", "tournament"])),
    ("settings", Setting::Group(GENERATOR)),
];

/// What a new preset's editor starts from.
pub const EXAMPLE: &str = "\
# An open 7/7 race seed. Settings left out are the generator's defaults.
goal_name: Open 7/7
branch: live
settings:
  glitches: none
  item_placement: advanced
  dungeon_items: standard
  accessibility: items
  goal: ganon
  crystals:
    ganon: '7'
    tower: '7'
  mode: open
  entrances: none
  hints: 'off'
  weapons: randomized
  item:
    pool: normal
    functionality: normal
  enemizer:
    boss_shuffle: none
    enemy_shuffle: none
    enemy_damage: default
    enemy_health: default
  spoilers: 'off'
  tournament: true
  allow_quickswap: false
";

/// A mystery weightset, as the reference page shows it.
pub const MYSTERY_EXAMPLE: &str = "\
preset_type: mystery
base:
  goal: ganon
  item_placement: advanced
weights:
  open:
    weight: 10
    mode: open
  standard:
    weight: 5
    mode: standard
  inverted: 3
subweights:
  open:
    normal: 5
    hard:
      weight: 3
      item:
        pool: hard
entrance_weights:
  none: 6
  simple: 3
customizer:
  swords:
    randomized: 3
    swordless:
      weight: 1
      weapons: swordless
";
