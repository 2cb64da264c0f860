//! What a Super Metroid preset may hold: which generator, and that generator's settings.

#[cfg(feature = "ssr")]
use sahabot_sdk::seeds::{check, Problem};
use sahabot_sdk::seeds::{Setting, Settings};
#[cfg(feature = "ssr")]
use sahabot_sdk::serde_json::{Map, Value};

const WORD: Setting = Setting::Text { max_len: 60 };

/// Total's randomizer at sm.samus.link (every value is sent as text).
pub const TOTAL: Settings = &[
    ("logic", Setting::Choice(&["casual", "tournament"])),
    ("goal", WORD),
    ("placement", Setting::Choice(&["split", "full"])),
    ("race", Setting::Choice(&["true", "false"])),
    ("gamemode", Setting::Choice(&["normal", "multiworld"])),
    ("players", Setting::Integer { min: 1, max: 1 }),
    ("seed", Setting::Text { max_len: 20 }),
];

/// VARIA: a settings preset and a skills preset of the generator, and settings over them.
pub const VARIA: Settings = &[
    ("preset", Setting::Text { max_len: 60 }),
    ("skills", Setting::Text { max_len: 60 }),
    ("race", Setting::Flag),
    ("settings", Setting::Any),
];

/// DASH: a mode of the generator.
pub const DASH: Settings = &[
    ("mode", Setting::Text { max_len: 40 }),
    ("spoiler", Setting::Flag),
];

pub const PRESET: Settings = &[
    ("goal_name", Setting::Text { max_len: 100 }),
    ("description", Setting::Text { max_len: 500 }),
    ("generator", Setting::Choice(&["total", "varia", "dash"])),
    ("settings", Setting::Group(TOTAL)),
    ("varia", Setting::Group(VARIA)),
    ("dash", Setting::Group(DASH)),
];

/// The preset's problems: its settings, and the part its generator needs.
#[cfg(feature = "ssr")]
pub fn problems(preset: &Map<String, Value>) -> Vec<Problem> {
    let mut problems = check(PRESET, preset);
    let needs = |part: &str, key: &str| -> Option<Problem> {
        let has = preset
            .get(part)
            .and_then(|p| p.get(key))
            .and_then(Value::as_str)
            .is_some_and(|v| !v.trim().is_empty());
        (!has).then(|| Problem::new(format!("{part}.{key}"), "is needed by this generator"))
    };
    match preset.get("generator").and_then(Value::as_str) {
        None => problems.push(Problem::new("generator", "say which: total, varia or dash")),
        Some("varia") => problems.extend(needs("varia", "preset")),
        Some("dash") => problems.extend(needs("dash", "mode")),
        Some(_) => {}
    }
    problems
}

pub const EXAMPLE: &str = "\
# total's randomizer (sm.samus.link). For VARIA write `generator: varia` and
# `varia: {preset: Season_Races, skills: regular}`; for DASH `generator: dash` and
# `dash: {mode: recall}`.
goal_name: Casual full
generator: total
settings:
  logic: casual
  goal: defeatmb
  placement: full
  race: 'true'
  gamemode: normal
  players: 1
";

#[cfg(test)]
#[cfg(feature = "ssr")]
mod tests {
    use super::*;
    use sahabot_sdk::serde_json::json;

    fn paths(preset: Value) -> Vec<String> {
        problems(preset.as_object().unwrap())
            .into_iter()
            .map(|p| p.path)
            .collect()
    }

    #[test]
    fn each_generator_needs_its_part() {
        assert_eq!(
            paths(json!({"generator": "total", "settings": {"logic": "casual"}})),
            Vec::<String>::new()
        );
        assert_eq!(paths(json!({"settings": {}})), ["generator"]);
        assert_eq!(paths(json!({"generator": "varia"})), ["varia.preset"]);
        assert_eq!(
            paths(json!({"generator": "varia", "varia": {"preset": "Season_Races"}})),
            Vec::<String>::new()
        );
        assert_eq!(
            paths(json!({"generator": "dash", "dash": {"spoiler": true}})),
            ["dash.mode"]
        );
        assert_eq!(paths(json!({"generator": "other"})), ["generator"]);
    }
}
