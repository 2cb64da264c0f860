//! A tournament's player settings form: its fields as an organizer writes them, and a
//! player's answers checked against them, each problem placed on its field.

use sahabot_sdk::serde_json::{Map, Value};

use crate::model::{FieldKind, FieldProblem, SettingsField};

pub const MAX_FIELDS: usize = 50;
const MAX_OPTIONS: usize = 100;

fn problem(field: impl Into<String>, message: impl Into<String>) -> FieldProblem {
    FieldProblem {
        field: field.into(),
        message: message.into(),
    }
}

/// Reads a form as written (a JSON list of fields), refusing the first problem found.
pub fn parse(written: &Value) -> Result<Vec<SettingsField>, FieldProblem> {
    let Some(items) = written.as_array() else {
        return Err(problem("form", "must be a list of fields"));
    };
    if items.len() > MAX_FIELDS {
        return Err(problem(
            "form",
            format!("at most {MAX_FIELDS} fields, not {}", items.len()),
        ));
    }
    let mut fields: Vec<SettingsField> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let place = format!("form[{i}]");
        let field: SettingsField = sahabot_sdk::serde_json::from_value(item.clone())
            .map_err(|e| problem(&place, format!("not a field ({e})")))?;
        check_field(&place, &field)?;
        if fields.iter().any(|f| f.name == field.name) {
            return Err(problem(
                format!("{place}.name"),
                format!("`{}` is used twice", field.name),
            ));
        }
        fields.push(field);
    }
    Ok(fields)
}

fn check_field(place: &str, field: &SettingsField) -> Result<(), FieldProblem> {
    let name_ok = !field.name.is_empty()
        && field.name.len() <= 40
        && field.name.starts_with(|c: char| c.is_ascii_lowercase())
        && field
            .name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !name_ok {
        return Err(problem(
            format!("{place}.name"),
            "1 to 40 lowercase letters, digits and _, starting with a letter",
        ));
    }
    sahabot_sdk::text::one_line("label", &field.label, 100)
        .map_err(|r| problem(format!("{place}.label"), r.message))?;
    match &field.kind {
        FieldKind::Select { options } => {
            if options.is_empty() || options.len() > MAX_OPTIONS {
                return Err(problem(
                    format!("{place}.options"),
                    format!("a select needs 1 to {MAX_OPTIONS} options"),
                ));
            }
            if let Some(blank) = options.iter().position(|o| o.trim().is_empty()) {
                return Err(problem(
                    format!("{place}.options[{blank}]"),
                    "may not be blank",
                ));
            }
        }
        FieldKind::Text { max_length } if *max_length == 0 || *max_length > 2000 => {
            return Err(problem(
                format!("{place}.max_length"),
                "must be between 1 and 2000",
            ));
        }
        FieldKind::Number {
            min: Some(min),
            max: Some(max),
        } if min > max => {
            return Err(problem(format!("{place}.min"), "must not be above max"));
        }
        _ => {}
    }
    Ok(())
}

/// A player's answers checked against `form`: the answers as stored (text trimmed, numbers as
/// numbers), or every problem, each on its field.
pub fn check(
    form: &[SettingsField],
    answers: &Map<String, Value>,
) -> Result<Map<String, Value>, Vec<FieldProblem>> {
    let mut problems = Vec::new();
    for key in answers.keys() {
        if !form.iter().any(|f| &f.name == key) {
            problems.push(problem(key, "is not a field of this tournament's form"));
        }
    }
    let mut stored = Map::new();
    for field in form {
        let answer = answers.get(&field.name).filter(|v| !is_empty(v));
        let Some(answer) = answer else {
            if field.required {
                problems.push(problem(&field.name, "is required"));
            }
            continue;
        };
        match check_answer(field, answer) {
            Ok(value) => {
                stored.insert(field.name.clone(), value);
            }
            Err(message) => problems.push(problem(&field.name, message)),
        }
    }
    if problems.is_empty() {
        Ok(stored)
    } else {
        Err(problems)
    }
}

fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

fn check_answer(field: &SettingsField, answer: &Value) -> Result<Value, String> {
    match &field.kind {
        FieldKind::Select { options } => {
            let chosen = answer.as_str().map(str::trim).unwrap_or_default();
            if options.iter().any(|o| o == chosen) {
                Ok(Value::String(chosen.to_string()))
            } else {
                Err(format!("must be one of: {}", options.join(", ")))
            }
        }
        FieldKind::Text { max_length } => {
            let text = answer.as_str().ok_or("must be text")?;
            let text =
                sahabot_sdk::text::one_line("text", text, *max_length).map_err(|r| r.message)?;
            Ok(Value::String(text))
        }
        FieldKind::Number { min, max } => {
            let number = match answer {
                Value::Number(n) => n.as_f64(),
                Value::String(s) => s.trim().parse::<f64>().ok().filter(|n| n.is_finite()),
                _ => None,
            }
            .ok_or("must be a number")?;
            if let Some(min) = min.filter(|m| number < *m) {
                return Err(format!("must be at least {min}"));
            }
            if let Some(max) = max.filter(|m| number > *m) {
                return Err(format!("must be at most {max}"));
            }
            Ok(sahabot_sdk::serde_json::json!(number))
        }
        FieldKind::Checkbox => match answer {
            Value::Bool(b) => Ok(Value::Bool(*b)),
            Value::String(s) if s == "true" || s == "on" => Ok(Value::Bool(true)),
            Value::String(s) if s == "false" => Ok(Value::Bool(false)),
            _ => Err("must be checked or not (true or false)".into()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sahabot_sdk::serde_json::json;

    fn form() -> Vec<SettingsField> {
        parse(&json!([
            {"name": "mode", "label": "Mode", "type": "select", "options": ["open", "standard"], "required": true},
            {"name": "note", "label": "Note", "type": "text", "max_length": 10},
            {"name": "hearts", "label": "Hearts", "type": "number", "min": 3, "max": 20},
            {"name": "spoiler", "label": "Spoiler log", "type": "checkbox"}
        ]))
        .unwrap()
    }

    fn answers(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn good_answers_are_stored_in_their_types() {
        let stored = check(
            &form(),
            &answers(json!({"mode": "open", "note": "  hi ", "hearts": "7", "spoiler": "on"})),
        )
        .unwrap();
        assert_eq!(
            Value::Object(stored),
            json!({"mode": "open", "note": "hi", "hearts": 7.0, "spoiler": true})
        );
        let only_required = check(&form(), &answers(json!({"mode": "standard", "note": ""})));
        assert_eq!(
            Value::Object(only_required.unwrap()),
            json!({"mode": "standard"})
        );
    }

    #[test]
    fn every_problem_is_placed_on_its_field() {
        let problems = check(
            &form(),
            &answers(json!({"note": "far too long text", "hearts": 2, "spoiler": 3, "extra": 1})),
        )
        .unwrap_err();
        let expected = [
            ("extra", "is not a field of this tournament's form"),
            ("mode", "is required"),
            ("note", "at most 10 characters"),
            ("hearts", "must be at least 3"),
            ("spoiler", "must be checked or not"),
        ];
        assert_eq!(problems.len(), expected.len(), "{problems:?}");
        for (got, (field, message)) in problems.iter().zip(expected) {
            assert_eq!(got.field, field, "{problems:?}");
            assert!(got.message.contains(message), "{field}: {}", got.message);
        }
        let problems = check(
            &form(),
            &answers(json!({"mode": "inverted", "hearts": "x"})),
        )
        .unwrap_err();
        assert_eq!(problems[0].message, "must be one of: open, standard");
        assert_eq!(problems[1].message, "must be a number");
    }

    #[test]
    fn a_badly_written_form_is_refused_with_its_place() {
        let table = [
            (json!({}), "form", "must be a list"),
            (
                json!([{"name": "Mode", "label": "M", "type": "checkbox"}]),
                "form[0].name",
                "lowercase",
            ),
            (
                json!([{"name": "m", "label": "M", "type": "select", "options": []}]),
                "form[0].options",
                "1 to 100",
            ),
            (
                json!([{"name": "m", "label": "M", "type": "slider"}]),
                "form[0]",
                "not a field",
            ),
            (
                json!([{"name": "m", "label": " ", "type": "checkbox"}]),
                "form[0].label",
                "blank",
            ),
            (
                json!([{"name": "m", "label": "M", "type": "number", "min": 5, "max": 1}]),
                "form[0].min",
                "above",
            ),
            (
                json!([{"name": "m", "label": "M", "type": "checkbox"}, {"name": "m", "label": "N", "type": "checkbox"}]),
                "form[1].name",
                "used twice",
            ),
        ];
        for (written, place, message) in table {
            let refused = parse(&written).unwrap_err();
            assert_eq!(refused.field, place, "{written}: {refused:?}");
            assert!(refused.message.contains(message), "{written}: {refused:?}");
        }
    }
}
