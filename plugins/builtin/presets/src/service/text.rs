//! A preset's text: YAML read into settings, each problem placed on its line.

use sahabot_sdk::seeds::Problem;
use sahabot_sdk::serde_json::{Map, Value};
use sahabot_sdk::ssr::serde_saphyr;

use crate::model::TextProblem;

pub use crate::model::MAX_YAML_BYTES as MAX_BYTES;

/// The preset's settings, or the one problem that stops them being read, with its place.
pub fn parse(yaml: &str) -> Result<Map<String, Value>, TextProblem> {
    if yaml.len() > MAX_BYTES {
        return Err(problem_at(
            None,
            "",
            format!("is longer than {MAX_BYTES} bytes"),
        ));
    }
    if yaml.trim().is_empty() {
        return Err(problem_at(
            None,
            "",
            "is empty: write the preset's settings".into(),
        ));
    }
    // YAML 1.2 booleans only: `on` and `off` are words here (`hints: on`), as generators
    // expect, not YAML 1.1's true and false.
    let options = serde_saphyr::options! { strict_booleans: true };
    let value: Value = serde_saphyr::from_str_with_options(yaml, options).map_err(|e| {
        let location = e.location();
        // The message carries its own place; the place is shown apart from it.
        let message = e.to_string();
        let message = message
            .split_once(" at line ")
            .map_or(message.as_str(), |(head, _)| head)
            .to_string();
        TextProblem {
            line: location.map(|l| l.line()),
            column: location.map(|l| l.column()),
            path: String::new(),
            message,
        }
    })?;
    match value {
        Value::Object(map) => Ok(map),
        _ => Err(problem_at(
            Some(1),
            "",
            "must be a mapping of settings (`name: value` lines)".into(),
        )),
    }
}

fn problem_at(line: Option<u64>, path: &str, message: String) -> TextProblem {
    TextProblem {
        line,
        column: None,
        path: path.into(),
        message,
    }
}

/// A randomizer's problems placed on the lines of the settings they name.
pub fn place(yaml: &str, problems: Vec<Problem>) -> Vec<TextProblem> {
    problems
        .into_iter()
        .map(|p| TextProblem {
            line: line_of(yaml, &p.path),
            column: None,
            path: p.path,
            message: p.message,
        })
        .collect()
}

/// The 1-based line where the setting at `path` (`crystals.ganon`) is written: each key of the
/// path is looked for below the previous one, deeper indented. Block style only; `None` where
/// it is not found (flow style, or a key the text does not hold).
pub fn line_of(yaml: &str, path: &str) -> Option<u64> {
    if path.is_empty() {
        return None;
    }
    let lines: Vec<&str> = yaml.lines().collect();
    let mut from = 0;
    let mut min_indent = 0;
    let mut found = None;
    for key in path.split('.') {
        let (index, indent) = lines
            .iter()
            .enumerate()
            .skip(from)
            .map(|(i, line)| (i, line, line.len() - line.trim_start().len()))
            .take_while(|(_, line, indent)| {
                line.trim().is_empty()
                    || line.trim_start().starts_with('#')
                    || *indent >= min_indent
            })
            .find(|(_, line, indent)| *indent >= min_indent && is_key(line.trim_start(), key))
            .map(|(i, _, indent)| (i, indent))?;
        found = Some(index as u64 + 1);
        from = index + 1;
        min_indent = indent + 1;
    }
    found
}

fn is_key(line: &str, key: &str) -> bool {
    let line = line.strip_prefix("- ").unwrap_or(line);
    [key.to_string(), format!("\"{key}\""), format!("'{key}'")]
        .iter()
        .any(|k| {
            line.strip_prefix(k.as_str())
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
}

pub use sahabot_sdk::seeds::is_mystery;

/// Settings as YAML, to show what a mystery roll chose.
pub fn to_yaml(value: &Value) -> String {
    serde_saphyr::to_string(value).unwrap_or_else(|_| value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_syntax_error_has_its_line_and_column() {
        let yaml = "goal: ganon\nmode: [open\nhints: on\n";
        let problem = parse(yaml).unwrap_err();
        assert!(
            problem.line.is_some_and(|l| (2..=4).contains(&l)),
            "{problem:?}"
        );
        assert!(problem.column.is_some());
        assert!(
            !problem.message.contains(" at line "),
            "{}",
            problem.message
        );
    }

    #[test]
    fn only_a_mapping_is_a_preset() {
        assert_eq!(parse("- a\n- b\n").unwrap_err().line, Some(1));
        assert!(parse("  \n").is_err());
        assert!(parse(&"a: b\n".repeat(20_000)).is_err());
        let map = parse("goal: ganon\ncrystals:\n  ganon: 7\n").unwrap();
        assert_eq!(map["crystals"]["ganon"], 7);
    }

    #[test]
    fn problems_are_placed_on_the_line_of_their_setting() {
        let yaml = "# open\ngoal: ganon\nitem:\n  pool: normal\n\n  # note\n  functionality: hard\ncrystals:\n  ganon: 8\n";
        assert_eq!(line_of(yaml, "goal"), Some(2));
        assert_eq!(line_of(yaml, "item.functionality"), Some(7));
        assert_eq!(line_of(yaml, "crystals.ganon"), Some(9));
        assert_eq!(line_of(yaml, "crystals.tower"), None);
        // `ganon` under `item` is not `crystals.ganon`; a key is not found outside its parent.
        assert_eq!(line_of("item:\n  pool: x\nganon: 1\n", "item.ganon"), None);
        assert_eq!(line_of("\"goal\": x\n", "goal"), Some(1));
        let placed = place(yaml, vec![Problem::new("crystals.ganon", "bad")]);
        assert_eq!(placed[0].line, Some(9));
        assert_eq!(placed[0].to_string(), "line 9: crystals.ganon: bad");
    }

    #[test]
    fn mystery_presets_are_recognised() {
        assert!(is_mystery(&parse("preset_type: mystery\n").unwrap()));
        assert!(is_mystery(&parse("weights:\n  a: 1\n").unwrap()));
        assert!(is_mystery(&parse("mystery_weights:\n  a: 1\n").unwrap()));
        assert!(!is_mystery(&parse("goal: ganon\n").unwrap()));
    }
}

#[cfg(test)]
mod yaml_words {
    use super::*;

    #[test]
    fn on_and_off_stay_words() {
        let map = parse("hints: on\nspoilers: off\nflag: true\n").unwrap();
        assert_eq!(map["hints"], "on");
        assert_eq!(map["spoilers"], "off");
        assert_eq!(map["flag"], true);
    }
}
