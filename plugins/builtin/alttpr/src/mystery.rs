//! Mystery weightsets: settings rolled by weight before the seed is generated.
//!
//! ```yaml
//! preset_type: mystery        # or just `weights:` (`mystery_weights:` is the same)
//! base:                       # every roll starts from these settings
//!   goal: ganon
//! weights:                    # one option is picked, in proportion to its weight;
//!   open: {weight: 10, mode: open}      # its settings are merged over `base`
//!   standard: {weight: 5, mode: standard}
//!   plain: 2                  # a weight alone changes nothing
//! subweights:                 # rolled only when that option was picked
//!   open:
//!     normal: {weight: 5, item: {pool: normal}}
//!     hard: {weight: 3, item: {pool: hard}}
//! entrance_weights:           # sets `entrances` unless `none` is rolled
//!   none: 6
//!   simple: 3
//! customizer:                 # each section is rolled on its own and merged
//!   swords:
//!     normal: 3
//!     swordless: {weight: 1, weapons: swordless}
//! ```
//!
//! The seed is then generated as a race seed: `tournament: true`, `spoilers: "off"`,
//! `allow_quickswap: false`.

use sahabot_sdk::seeds::{check, Problem};
use sahabot_sdk::serde_json::{json, Map, Value};
use sahabot_sdk::ssr::rand::Rng;

use crate::settings::GENERATOR;

const KEYS: &[&str] = &[
    "preset_type",
    "description",
    "base",
    "weights",
    "mystery_weights",
    "subweights",
    "entrance_weights",
    "customizer",
];

const ENTRANCES: &[&str] = &[
    "none",
    "simple",
    "restricted",
    "full",
    "crossed",
    "insanity",
];

/// The weights table of a weightset (`weights`, or `mystery_weights`).
fn weights(preset: &Map<String, Value>) -> Option<&Value> {
    preset
        .get("weights")
        .or_else(|| preset.get("mystery_weights"))
}

/// Every problem of a weightset, each named by its path.
pub fn check_weightset(preset: &Map<String, Value>) -> Vec<Problem> {
    let mut problems = Vec::new();
    for key in preset.keys() {
        if !KEYS.contains(&key.as_str()) {
            problems.push(Problem::new(key, "is not part of a mystery weightset"));
        }
    }
    if let Some(kind) = preset.get("preset_type") {
        if kind.as_str() != Some("mystery") {
            problems.push(Problem::new("preset_type", "must be `mystery`"));
        }
    }
    if let Some(description) = preset.get("description") {
        if !description.is_string() {
            problems.push(Problem::new("description", "must be text"));
        }
    }
    if let Some(base) = preset.get("base") {
        match base.as_object() {
            Some(base) => problems.extend(prefixed("base", check(GENERATOR, base))),
            None => problems.push(Problem::new("base", "must be a group of settings")),
        }
    }
    let table = if preset.contains_key("weights") {
        "weights"
    } else {
        "mystery_weights"
    };
    match weights(preset) {
        None => problems.push(Problem::new(
            "weights",
            "a mystery weightset needs `weights` to roll from",
        )),
        Some(options) => check_options(table, options, &mut problems),
    }
    if let Some(sub) = preset.get("subweights") {
        match sub.as_object() {
            None => problems.push(Problem::new("subweights", "must map options to weights")),
            Some(sub) => {
                let names = weights(preset).and_then(Value::as_object);
                for (name, options) in sub {
                    let path = format!("subweights.{name}");
                    if !names.is_some_and(|n| n.contains_key(name)) {
                        problems.push(Problem::new(&path, "is not an option of `weights`"));
                    }
                    check_options(&path, options, &mut problems);
                }
            }
        }
    }
    if let Some(entrances) = preset.get("entrance_weights") {
        check_options("entrance_weights", entrances, &mut problems);
        for name in entrances.as_object().into_iter().flat_map(Map::keys) {
            if !ENTRANCES.contains(&name.as_str()) {
                problems.push(Problem::new(
                    format!("entrance_weights.{name}"),
                    format!("is not one of {}", ENTRANCES.join(", ")),
                ));
            }
        }
    }
    if let Some(customizer) = preset.get("customizer") {
        match customizer.as_object() {
            None => problems.push(Problem::new("customizer", "must map sections to weights")),
            Some(sections) => {
                for (section, options) in sections {
                    check_options(&format!("customizer.{section}"), options, &mut problems);
                }
            }
        }
    }
    problems.sort_by(|a, b| a.path.cmp(&b.path));
    problems
}

fn prefixed(prefix: &str, problems: Vec<Problem>) -> Vec<Problem> {
    problems
        .into_iter()
        .map(|p| Problem::new(format!("{prefix}.{}", p.path), p.message))
        .collect()
}

/// A table of options: each `name: weight` or `name: {weight, …settings}`, weights not
/// negative and at least one above zero.
fn check_options(path: &str, options: &Value, problems: &mut Vec<Problem>) {
    let Some(options) = options.as_object().filter(|o| !o.is_empty()) else {
        problems.push(Problem::new(path, "must list options with their weights"));
        return;
    };
    let mut total = 0.0;
    for (name, option) in options {
        let option_path = format!("{path}.{name}");
        match weight_of(option) {
            Some(w) if w >= 0.0 && w.is_finite() => total += w,
            _ => problems.push(Problem::new(
                &option_path,
                "needs a weight: a number of at least 0",
            )),
        }
        if let Some(settings) = option.as_object() {
            let mut settings = settings.clone();
            settings.remove("weight");
            problems.extend(prefixed(&option_path, check(GENERATOR, &settings)));
        }
    }
    if total <= 0.0 {
        problems.push(Problem::new(path, "needs at least one weight above 0"));
    }
}

fn weight_of(option: &Value) -> Option<f64> {
    match option {
        Value::Object(o) => o.get("weight").and_then(Value::as_f64),
        other => other.as_f64(),
    }
}

/// Picks one option in proportion to its weight; its name and settings.
fn pick<'a>(
    options: &'a Map<String, Value>,
    rng: &mut impl Rng,
) -> Option<(&'a str, Map<String, Value>)> {
    let total: f64 = options
        .values()
        .filter_map(weight_of)
        .filter(|w| *w > 0.0)
        .sum();
    if total <= 0.0 {
        return None;
    }
    let mut left = rng.random::<f64>() * total;
    let mut chosen = None;
    for (name, option) in options {
        let w = weight_of(option).unwrap_or(0.0);
        if w <= 0.0 {
            continue;
        }
        chosen = Some((name, option));
        if left < w {
            break;
        }
        left -= w;
    }
    chosen.map(|(name, option)| {
        let mut settings = option.as_object().cloned().unwrap_or_default();
        settings.remove("weight");
        (name.as_str(), settings)
    })
}

/// Merges `over` into `into`: groups key by key, anything else replaced.
pub fn merge(into: &mut Map<String, Value>, over: Map<String, Value>) {
    for (key, value) in over {
        match (into.get_mut(&key), value) {
            (Some(Value::Object(a)), Value::Object(b)) => merge(a, b),
            (_, value) => {
                into.insert(key, value);
            }
        }
    }
}

/// A rolled weightset: what was picked, and the generator's settings.
#[derive(Clone, Debug, PartialEq)]
pub struct Rolled {
    pub picked: Map<String, Value>,
    pub settings: Map<String, Value>,
}

impl Rolled {
    /// Whether the settings need the customizer.
    pub fn needs_customizer(&self) -> bool {
        ["custom", "l", "eq", "drops"]
            .iter()
            .any(|k| self.settings.contains_key(*k))
    }

    pub fn to_value(&self) -> Value {
        json!({ "picked": self.picked, "settings": self.settings })
    }
}

/// Rolls a (checked) weightset.
pub fn roll(preset: &Map<String, Value>, rng: &mut impl Rng) -> Rolled {
    let mut settings = preset
        .get("base")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let mut picked = Map::new();
    if let Some((name, chosen)) = weights(preset)
        .and_then(Value::as_object)
        .and_then(|o| pick(o, rng))
    {
        picked.insert("weights".into(), name.into());
        merge(&mut settings, chosen);
        let sub = preset
            .get("subweights")
            .and_then(|s| s.get(name))
            .and_then(Value::as_object);
        if let Some((sub_name, sub_settings)) = sub.and_then(|o| pick(o, rng)) {
            picked.insert("subweights".into(), sub_name.into());
            merge(&mut settings, sub_settings);
        }
    }
    if let Some((entrance, _)) = preset
        .get("entrance_weights")
        .and_then(Value::as_object)
        .and_then(|o| pick(o, rng))
    {
        picked.insert("entrance_weights".into(), entrance.into());
        if entrance != "none" {
            settings.insert("entrances".into(), entrance.into());
        }
    }
    if let Some(sections) = preset.get("customizer").and_then(Value::as_object) {
        let mut chosen_sections = Map::new();
        for (section, options) in sections {
            if let Some((name, chosen)) = options.as_object().and_then(|o| pick(o, rng)) {
                chosen_sections.insert(section.clone(), name.into());
                merge(&mut settings, chosen);
            }
        }
        picked.insert("customizer".into(), Value::Object(chosen_sections));
    }
    settings.insert("tournament".into(), true.into());
    settings.insert("spoilers".into(), "off".into());
    settings.insert("allow_quickswap".into(), false.into());
    Rolled { picked, settings }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sahabot_sdk::ssr::rand::rngs::StdRng;
    use sahabot_sdk::ssr::rand::SeedableRng;
    use std::collections::BTreeMap;

    fn weightset(yaml: Value) -> Map<String, Value> {
        yaml.as_object().cloned().unwrap()
    }

    /// How often each value of `picked[key]` came up in `n` rolls from a fixed seed.
    fn counts(preset: &Map<String, Value>, key: &str, n: usize) -> BTreeMap<String, usize> {
        let mut rng = StdRng::seed_from_u64(20261201);
        let mut seen = BTreeMap::new();
        for _ in 0..n {
            let rolled = roll(preset, &mut rng);
            let value = rolled
                .picked
                .get(key)
                .and_then(Value::as_str)
                .unwrap_or("-")
                .to_string();
            *seen.entry(value).or_insert(0) += 1;
        }
        seen
    }

    fn share(counts: &BTreeMap<String, usize>, key: &str, n: usize) -> f64 {
        counts.get(key).copied().unwrap_or(0) as f64 / n as f64
    }

    #[test]
    fn each_weight_is_honoured_in_proportion() {
        let preset =
            weightset(json!({"weights": {"open": 10, "standard": 5, "inverted": 3, "never": 0}}));
        let n = 18_000;
        let seen = counts(&preset, "weights", n);
        assert!(
            (share(&seen, "open", n) - 10.0 / 18.0).abs() < 0.015,
            "{seen:?}"
        );
        assert!(
            (share(&seen, "standard", n) - 5.0 / 18.0).abs() < 0.015,
            "{seen:?}"
        );
        assert!(
            (share(&seen, "inverted", n) - 3.0 / 18.0).abs() < 0.015,
            "{seen:?}"
        );
        assert_eq!(seen.get("never"), None);
    }

    #[test]
    fn the_same_seed_rolls_the_same_settings() {
        let preset = weightset(
            json!({"weights": {"a": {"weight": 1, "mode": "open"}, "b": {"weight": 1, "mode": "inverted"}},
            "entrance_weights": {"none": 1, "full": 1}}),
        );
        let first: Vec<Rolled> = (0..20)
            .map(|i| roll(&preset, &mut StdRng::seed_from_u64(i)))
            .collect();
        let again: Vec<Rolled> = (0..20)
            .map(|i| roll(&preset, &mut StdRng::seed_from_u64(i)))
            .collect();
        assert_eq!(first, again);
        assert!(first.iter().any(|r| r.settings["mode"] == "open"));
        assert!(first.iter().any(|r| r.settings["mode"] == "inverted"));
    }

    #[test]
    fn subweights_follow_their_option_and_merge_over_it() {
        let preset = weightset(json!({
            "base": {"goal": "ganon", "item": {"pool": "normal", "functionality": "normal"}},
            "weights": {"open": {"weight": 1, "mode": "open"}, "standard": {"weight": 1, "mode": "standard"}},
            "subweights": {"open": {"hard": {"weight": 3, "item": {"pool": "hard"}}, "normal": 1}}
        }));
        let mut rng = StdRng::seed_from_u64(7);
        let (mut hard, mut open) = (0, 0);
        for _ in 0..4000 {
            let r = roll(&preset, &mut rng);
            assert_eq!(r.settings["goal"], "ganon");
            // The group is merged key by key: functionality stays.
            assert_eq!(r.settings["item"]["functionality"], "normal");
            match r.picked["weights"].as_str() {
                Some("open") => {
                    open += 1;
                    if r.picked["subweights"] == "hard" {
                        hard += 1;
                        assert_eq!(r.settings["item"]["pool"], "hard");
                    }
                }
                _ => {
                    assert!(r.picked.get("subweights").is_none());
                    assert_eq!(r.settings["item"]["pool"], "normal");
                }
            }
        }
        let share = f64::from(hard) / f64::from(open);
        assert!((share - 0.75).abs() < 0.04, "{share}");
    }

    #[test]
    fn entrance_weights_set_entrances_unless_none_is_rolled() {
        let preset =
            weightset(json!({"weights": {"a": 1}, "entrance_weights": {"none": 1, "crossed": 3}}));
        let mut rng = StdRng::seed_from_u64(1);
        let mut crossed = 0;
        for _ in 0..4000 {
            let r = roll(&preset, &mut rng);
            match r.picked["entrance_weights"].as_str() {
                Some("none") => assert!(r.settings.get("entrances").is_none()),
                _ => {
                    crossed += 1;
                    assert_eq!(r.settings["entrances"], "crossed");
                }
            }
        }
        assert!((f64::from(crossed) / 4000.0 - 0.75).abs() < 0.03);
    }

    #[test]
    fn each_customizer_section_is_rolled_and_race_settings_are_forced() {
        let preset = weightset(json!({
            "weights": {"a": {"weight": 1, "spoilers": "on", "tournament": false}},
            "customizer": {
                "swords": {"normal": 1, "none": {"weight": 1, "weapons": "swordless"}},
                "pool": {"x": {"weight": 1, "custom": {"item.count.Bow": 0}}}
            }
        }));
        let mut rng = StdRng::seed_from_u64(3);
        let mut swordless = 0;
        for _ in 0..2000 {
            let r = roll(&preset, &mut rng);
            assert_eq!(r.picked["customizer"]["pool"], "x");
            assert!(r.needs_customizer());
            assert_eq!(r.settings["tournament"], true);
            assert_eq!(r.settings["spoilers"], "off");
            assert_eq!(r.settings["allow_quickswap"], false);
            if r.picked["customizer"]["swords"] == "none" {
                swordless += 1;
                assert_eq!(r.settings["weapons"], "swordless");
            }
        }
        assert!((f64::from(swordless) / 2000.0 - 0.5).abs() < 0.04);
    }

    fn paths(preset: Value) -> Vec<String> {
        check_weightset(&weightset(preset))
            .into_iter()
            .map(|p| p.path)
            .collect()
    }

    #[test]
    fn a_weightset_is_checked_part_by_part() {
        assert_eq!(
            paths(json!({"preset_type": "mystery", "weights": {"a": 1}})),
            Vec::<String>::new()
        );
        assert_eq!(
            paths(json!({"mystery_weights": {"a": {"weight": 2, "mode": "open"}}})),
            Vec::<String>::new()
        );
        assert_eq!(paths(json!({"preset_type": "mystery"})), vec!["weights"]);
        assert_eq!(
            paths(
                json!({"weights": {"a": -1, "b": "x", "c": {"mode": "open"}, "d": {"weight": 1, "mode": "sideways"}},
                "subweights": {"zzz": {"n": 1}}, "entrance_weights": {"wild": 1},
                "customizer": {"s": {}}, "base": {"goal": "nope"}, "extra": 1})
            ),
            vec![
                "base.goal",
                "customizer.s",
                "entrance_weights.wild",
                "extra",
                "subweights.zzz",
                "weights.a",
                "weights.b",
                "weights.c",
                "weights.d.mode",
            ]
        );
        assert_eq!(paths(json!({"weights": {"a": 0, "b": 0}})), vec!["weights"]);
    }
}
