//! A tournament's preset selection rules: read from what an organizer wrote (each problem
//! named with its place), and evaluated for a match in order, the first that holds winning,
//! the tournament's own preset when none does.

use sahabot_sdk::serde_json::{Map, Value};
use sahabot_sdk::ssr::regex::{Regex, RegexBuilder};

use crate::model::{Condition, Operator, PresetRule};

/// A regex may be at most this long (the previous generation's limit).
pub const MAX_REGEX_CHARS: usize = 200;
pub const MAX_RULES: usize = 100;
const MAX_DEPTH: usize = 8;
const PREFIXES: [&str; 3] = ["match.", "settings.", "tournament."];

/// A problem in the rules, at `place` (`rules[1].when.and[0].op`).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{place}: {message}")]
pub struct RuleProblem {
    pub place: String,
    pub message: String,
}

fn problem(place: &str, message: impl Into<String>) -> RuleProblem {
    RuleProblem {
        place: place.to_string(),
        message: message.into(),
    }
}

/// Reads rules as written (a JSON array), refusing the first problem found.
pub fn parse(written: &Value) -> Result<Vec<PresetRule>, RuleProblem> {
    let Some(items) = written.as_array() else {
        return Err(problem("rules", "must be a list of rules"));
    };
    if items.len() > MAX_RULES {
        return Err(problem(
            "rules",
            format!("at most {MAX_RULES} rules, not {}", items.len()),
        ));
    }
    items
        .iter()
        .enumerate()
        .map(|(i, item)| parse_rule(&format!("rules[{i}]"), item))
        .collect()
}

fn parse_rule(place: &str, item: &Value) -> Result<PresetRule, RuleProblem> {
    let Some(object) = item.as_object() else {
        return Err(problem(
            place,
            "must be an object with name, when and preset",
        ));
    };
    only_keys(place, object, &["name", "when", "preset"])?;
    let text = |key: &str| {
        object
            .get(key)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .ok_or_else(|| problem(&format!("{place}.{key}"), "is required (text)"))
    };
    let name = text("name")?;
    let preset = text("preset")?;
    let when = object
        .get("when")
        .ok_or_else(|| problem(&format!("{place}.when"), "is required (a condition)"))?;
    Ok(PresetRule {
        name,
        when: parse_condition(&format!("{place}.when"), when, 0)?,
        preset,
    })
}

fn only_keys(
    place: &str,
    object: &Map<String, Value>,
    allowed: &[&str],
) -> Result<(), RuleProblem> {
    match object.keys().find(|k| !allowed.contains(&k.as_str())) {
        Some(key) => Err(problem(
            place,
            format!("unknown key `{key}`; expected {}", allowed.join(", ")),
        )),
        None => Ok(()),
    }
}

fn parse_condition(place: &str, value: &Value, depth: usize) -> Result<Condition, RuleProblem> {
    if depth > MAX_DEPTH {
        return Err(problem(place, format!("nested more than {MAX_DEPTH} deep")));
    }
    let Some(object) = value.as_object() else {
        return Err(problem(
            place,
            "must be an object: {field, op, value}, {and: […]}, {or: […]} or {not: …}",
        ));
    };
    for combinator in ["and", "or"] {
        if let Some(list) = object.get(combinator) {
            only_keys(place, object, &[combinator])?;
            let here = format!("{place}.{combinator}");
            let Some(items) = list.as_array().filter(|l| !l.is_empty()) else {
                return Err(problem(&here, "must be a non-empty list of conditions"));
            };
            let parts = items
                .iter()
                .enumerate()
                .map(|(i, c)| parse_condition(&format!("{here}[{i}]"), c, depth + 1))
                .collect::<Result<Vec<_>, _>>()?;
            return Ok(if combinator == "and" {
                Condition::And(parts)
            } else {
                Condition::Or(parts)
            });
        }
    }
    if let Some(inner) = object.get("not") {
        only_keys(place, object, &["not"])?;
        let inner = parse_condition(&format!("{place}.not"), inner, depth + 1)?;
        return Ok(Condition::Not(Box::new(inner)));
    }
    only_keys(place, object, &["field", "op", "value"])?;
    let field = object
        .get("field")
        .and_then(Value::as_str)
        .ok_or_else(|| problem(&format!("{place}.field"), "is required (text)"))?;
    if !PREFIXES
        .iter()
        .any(|p| field.starts_with(p) && field.len() > p.len())
    {
        return Err(problem(
            &format!("{place}.field"),
            format!("`{field}` must start with match., settings. or tournament."),
        ));
    }
    let op_text = object
        .get("op")
        .and_then(Value::as_str)
        .ok_or_else(|| problem(&format!("{place}.op"), "is required (text)"))?;
    let op: Operator =
        sahabot_sdk::serde_json::from_value(Value::String(op_text.into())).map_err(|_| {
            problem(
                &format!("{place}.op"),
                format!(
                    "unknown operator `{op_text}`; one of equals, not_equals, contains, \
                     starts_with, ends_with, matches_regex, >, >=, <, <=, between, in, not_in"
                ),
            )
        })?;
    let value = object.get("value").cloned().unwrap_or(Value::Null);
    check_value(&format!("{place}.value"), op, &value)?;
    Ok(Condition::Compare {
        field: field.to_string(),
        op,
        value,
    })
}

fn check_value(place: &str, op: Operator, value: &Value) -> Result<(), RuleProblem> {
    let scalar = |v: &Value| v.is_string() || v.is_number() || v.is_boolean();
    match op {
        Operator::Equals | Operator::NotEquals if !scalar(value) => {
            Err(problem(place, "must be text, a number or true/false"))
        }
        Operator::Contains if !scalar(value) => {
            Err(problem(place, "must be text, a number or true/false"))
        }
        Operator::StartsWith | Operator::EndsWith if !value.is_string() => {
            Err(problem(place, "must be text"))
        }
        Operator::MatchesRegex => {
            let pattern = value
                .as_str()
                .ok_or_else(|| problem(place, "must be a regular expression (text)"))?;
            compile(pattern).map(|_| ()).map_err(|m| problem(place, m))
        }
        Operator::Gt | Operator::Gte | Operator::Lt | Operator::Lte if !value.is_number() => {
            Err(problem(place, "must be a number"))
        }
        Operator::Between => match value.as_array().map(Vec::as_slice) {
            Some([low, high]) if low.is_number() && high.is_number() => {
                if number(low) > number(high) {
                    Err(problem(
                        place,
                        "the first number must not be above the second",
                    ))
                } else {
                    Ok(())
                }
            }
            _ => Err(problem(place, "must be two numbers: [low, high]")),
        },
        Operator::In | Operator::NotIn => match value.as_array() {
            Some(items) if !items.is_empty() && items.iter().all(scalar) => Ok(()),
            _ => Err(problem(place, "must be a non-empty list of values")),
        },
        _ => Ok(()),
    }
}

fn compile(pattern: &str) -> Result<Regex, String> {
    let chars = pattern.chars().count();
    if chars > MAX_REGEX_CHARS {
        return Err(format!(
            "a regular expression may be at most {MAX_REGEX_CHARS} characters, not {chars}"
        ));
    }
    RegexBuilder::new(pattern)
        .case_insensitive(true)
        .size_limit(1 << 20)
        .build()
        .map_err(|e| format!("not a regular expression: {e}"))
}

/// The rule a match's facts pick, and its preset; `None` when no rule holds (the tournament's
/// preset applies).
pub fn select<'r>(rules: &'r [PresetRule], facts: &Value) -> Option<(usize, &'r PresetRule)> {
    rules
        .iter()
        .enumerate()
        .find(|(_, rule)| holds(&rule.when, facts))
}

/// Whether `condition` holds for `facts` (`{match: …, settings: …, tournament: …}`). A field
/// the facts do not have makes its comparison false, whatever the operator.
pub fn holds(condition: &Condition, facts: &Value) -> bool {
    match condition {
        Condition::And(parts) => parts.iter().all(|c| holds(c, facts)),
        Condition::Or(parts) => parts.iter().any(|c| holds(c, facts)),
        Condition::Not(inner) => !holds(inner, facts),
        Condition::Compare { field, op, value } => match lookup(facts, field) {
            None | Some(Value::Null) => false,
            Some(found) => compare(found, *op, value),
        },
    }
}

fn lookup<'v>(facts: &'v Value, field: &str) -> Option<&'v Value> {
    field.split('.').try_fold(facts, |at, key| match at {
        Value::Object(map) => map.get(key),
        Value::Array(items) => key.parse::<usize>().ok().and_then(|i| items.get(i)),
        _ => None,
    })
}

fn compare(found: &Value, op: Operator, value: &Value) -> bool {
    match op {
        Operator::Equals => same(found, value),
        Operator::NotEquals => !same(found, value),
        Operator::Contains => match found {
            Value::Array(items) => items.iter().any(|item| same(item, value)),
            other => text(other).contains(&text(value)),
        },
        Operator::StartsWith => text(found).starts_with(&text(value)),
        Operator::EndsWith => text(found).ends_with(&text(value)),
        Operator::MatchesRegex => match (value.as_str().map(compile), found) {
            (Some(Ok(re)), Value::String(s)) => re.is_match(s),
            (Some(Ok(re)), other) if !other.is_object() && !other.is_array() => {
                re.is_match(&other.to_string())
            }
            _ => false,
        },
        Operator::Gt => ordered(found, value, |a, b| a > b),
        Operator::Gte => ordered(found, value, |a, b| a >= b),
        Operator::Lt => ordered(found, value, |a, b| a < b),
        Operator::Lte => ordered(found, value, |a, b| a <= b),
        Operator::Between => match value.as_array().map(Vec::as_slice) {
            Some([low, high]) => {
                ordered(found, low, |a, b| a >= b) && ordered(found, high, |a, b| a <= b)
            }
            _ => false,
        },
        Operator::In => value
            .as_array()
            .is_some_and(|items| items.iter().any(|item| same(found, item))),
        Operator::NotIn => value
            .as_array()
            .is_some_and(|items| !items.iter().any(|item| same(found, item))),
    }
}

/// Text compares without regard to case; a number equals the same number written as text.
fn same(a: &Value, b: &Value) -> bool {
    match (as_number(a), as_number(b)) {
        (Some(x), Some(y)) => x == y,
        _ => match (a, b) {
            (Value::Bool(x), Value::Bool(y)) => x == y,
            (Value::String(_), Value::String(_)) => text(a) == text(b),
            _ => false,
        },
    }
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.to_lowercase(),
        other => other.to_string().to_lowercase(),
    }
}

fn number(v: &Value) -> f64 {
    v.as_f64().unwrap_or(f64::NAN)
}

fn as_number(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn ordered(found: &Value, bound: &Value, test: fn(f64, f64) -> bool) -> bool {
    matches!((as_number(found), as_number(bound)), (Some(a), Some(b)) if test(a, b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use sahabot_sdk::serde_json::json;

    fn facts() -> Value {
        json!({
            "match": {"title": "Grand Final", "round": 7, "players": ["Boots", "Kraid"],
                      "stream": null, "best_of": "3"},
            "settings": {"mode": "Open", "swords": "randomized", "casual": true},
            "tournament": {"name": "Spring Cup"}
        })
    }

    fn check(field: &str, op: &str, value: Value) -> bool {
        let written = json!({"field": field, "op": op, "value": value});
        let condition = parse_condition("when", &written, 0).unwrap();
        holds(&condition, &facts())
    }

    #[test]
    fn every_operator_holds_or_not_as_its_name_says() {
        let table: Vec<(&str, &str, Value, bool)> = vec![
            ("match.title", "equals", json!("grand final"), true),
            ("match.title", "equals", json!("Final"), false),
            ("match.round", "equals", json!(7), true),
            ("match.best_of", "equals", json!(3), true),
            ("settings.casual", "equals", json!(true), true),
            ("settings.casual", "equals", json!("true"), false),
            ("match.title", "not_equals", json!("Final"), true),
            ("match.round", "not_equals", json!(7), false),
            ("match.title", "contains", json!("FINAL"), true),
            ("match.title", "contains", json!("semi"), false),
            ("match.players", "contains", json!("kraid"), true),
            ("match.players", "contains", json!("Ridley"), false),
            ("match.title", "starts_with", json!("grand"), true),
            ("match.title", "starts_with", json!("final"), false),
            ("match.title", "ends_with", json!("final"), true),
            ("match.title", "ends_with", json!("grand"), false),
            ("match.title", "matches_regex", json!("^grand\\s+f"), true),
            ("match.title", "matches_regex", json!("^semi"), false),
            ("match.round", ">", json!(6), true),
            ("match.round", ">", json!(7), false),
            ("match.round", ">=", json!(7), true),
            ("match.round", ">=", json!(8), false),
            ("match.round", "<", json!(8), true),
            ("match.round", "<", json!(7), false),
            ("match.round", "<=", json!(7), true),
            ("match.round", "<=", json!(6), false),
            ("match.best_of", ">", json!(2), true),
            ("match.round", "between", json!([5, 7]), true),
            ("match.round", "between", json!([8, 9]), false),
            ("settings.mode", "in", json!(["open", "standard"]), true),
            ("settings.mode", "in", json!(["inverted"]), false),
            ("settings.mode", "not_in", json!(["inverted"]), true),
            ("settings.mode", "not_in", json!(["OPEN"]), false),
            ("tournament.name", "equals", json!("Spring Cup"), true),
            ("match.players.1", "equals", json!("Kraid"), true),
            // Text is not a number: ordering comparisons do not hold.
            ("match.title", ">", json!(1), false),
        ];
        for (field, op, value, expected) in table {
            assert_eq!(
                check(field, op, value.clone()),
                expected,
                "{field} {op} {value}"
            );
        }
    }

    #[test]
    fn a_missing_field_holds_for_no_operator() {
        for (op, value) in [
            ("equals", json!("x")),
            ("not_equals", json!("x")),
            ("not_in", json!(["x"])),
            ("contains", json!("x")),
        ] {
            assert!(!check("settings.absent", op, value.clone()), "{op}");
            assert!(!check("match.stream", op, value), "{op} on null");
        }
    }

    #[test]
    fn combinators_and_or_not() {
        let yes = json!({"field": "match.round", "op": "equals", "value": 7});
        let no = json!({"field": "match.round", "op": "equals", "value": 1});
        let table = [
            (json!({"and": [yes, yes]}), true),
            (json!({"and": [yes, no]}), false),
            (json!({"or": [no, yes]}), true),
            (json!({"or": [no, no]}), false),
            (json!({"not": no}), true),
            (json!({"not": yes}), false),
            (
                json!({"not": {"and": [yes, {"or": [no, {"not": no}]}]}}),
                false,
            ),
        ];
        for (written, expected) in table {
            let condition = parse_condition("when", &written, 0).unwrap();
            assert_eq!(holds(&condition, &facts()), expected, "{written}");
        }
    }

    #[test]
    fn rules_are_tried_in_order_and_the_first_that_holds_wins() {
        let rules = parse(&json!([
            {"name": "semis", "when": {"field": "match.title", "op": "contains", "value": "semi"}, "preset": "a/semi"},
            {"name": "finals", "when": {"field": "match.title", "op": "contains", "value": "final"}, "preset": "a/final"},
            {"name": "all", "when": {"field": "match.round", "op": ">", "value": 0}, "preset": "a/any"},
        ]))
        .unwrap();
        let (index, rule) = select(&rules, &facts()).unwrap();
        assert_eq!((index, rule.preset.as_str()), (1, "a/final"));
        assert!(select(&rules[..1], &facts()).is_none());
    }

    #[test]
    fn rules_round_trip_through_storage() {
        let written = json!([{"name": "r", "when": {"or": [
            {"field": "match.round", "op": "between", "value": [1, 2]},
            {"not": {"field": "settings.mode", "op": "in", "value": ["a"]}}]}, "preset": "x/y"}]);
        let rules = parse(&written).unwrap();
        let stored = sahabot_sdk::serde_json::to_value(&rules).unwrap();
        assert_eq!(stored, written);
        let read: Vec<PresetRule> = sahabot_sdk::serde_json::from_value(stored).unwrap();
        assert_eq!(read, rules);
    }

    #[test]
    fn each_problem_is_refused_with_its_place() {
        let long = "a".repeat(201);
        let table = [
            (json!({}), "rules", "must be a list"),
            (
                json!([{"name": "x", "preset": "a/b"}]),
                "rules[0].when",
                "is required",
            ),
            (
                json!([{"name": " ", "when": {}, "preset": "a/b"}]),
                "rules[0].name",
                "is required",
            ),
            (
                json!([{"name": "x", "when": {"field": "user.name", "op": "equals", "value": 1}, "preset": "a/b"}]),
                "rules[0].when.field",
                "must start with",
            ),
            (
                json!([{"name": "x", "when": {"field": "match.title", "op": "eq", "value": 1}, "preset": "a/b"}]),
                "rules[0].when.op",
                "unknown operator `eq`",
            ),
            (
                json!([{"name": "x", "when": {"field": "match.title", "op": "matches_regex", "value": long}, "preset": "a/b"}]),
                "rules[0].when.value",
                "at most 200 characters, not 201",
            ),
            (
                json!([{"name": "x", "when": {"field": "match.title", "op": "matches_regex", "value": "(unclosed"}, "preset": "a/b"}]),
                "rules[0].when.value",
                "not a regular expression",
            ),
            (
                json!([{"name": "x", "when": {"field": "match.round", "op": "between", "value": [3, 1]}, "preset": "a/b"}]),
                "rules[0].when.value",
                "must not be above",
            ),
            (
                json!([{"name": "x", "when": {"field": "match.round", "op": ">", "value": "7"}, "preset": "a/b"}]),
                "rules[0].when.value",
                "must be a number",
            ),
            (
                json!([{"name": "x", "when": {"field": "match.round", "op": "in", "value": []}, "preset": "a/b"}]),
                "rules[0].when.value",
                "non-empty list",
            ),
            (
                json!([{"name": "x", "when": {"and": []}, "preset": "a/b"}]),
                "rules[0].when.and",
                "non-empty",
            ),
            (
                json!([{"name": "x", "when": {"or": [{"not": 3}]}, "preset": "a/b"}]),
                "rules[0].when.or[0].not",
                "must be an object",
            ),
            (
                json!([{"name": "x", "when": {"and": [], "or": []}, "preset": "a/b"}]),
                "rules[0].when",
                "unknown key",
            ),
            (
                json!([{"name": "x", "when": {"field": "match.t", "op": "equals", "value": 1}, "preset": "a/b", "extra": 1}]),
                "rules[0]",
                "unknown key `extra`",
            ),
        ];
        for (written, place, message) in table {
            let refused = parse(&written).unwrap_err();
            assert_eq!(refused.place, place, "{written}: {refused}");
            assert!(refused.message.contains(message), "{written}: {refused}");
        }
        let mut deep = json!({"field": "match.t", "op": "equals", "value": 1});
        for _ in 0..10 {
            deep = json!({"not": deep});
        }
        let refused = parse(&json!([{"name": "x", "when": deep, "preset": "a/b"}])).unwrap_err();
        assert!(refused.message.contains("nested"), "{refused}");
        let many: Vec<Value> = (0..101)
            .map(|i| json!({"name": format!("r{i}"), "when": {"field": "match.t", "op": "equals", "value": 1}, "preset": "a/b"}))
            .collect();
        assert!(parse(&Value::Array(many))
            .unwrap_err()
            .message
            .contains("at most 100"));
    }
}
