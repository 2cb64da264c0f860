//! A command's options as Discord sent them, turned into the JSON map a plugin reads, and
//! checked against what the command declares: a missing required option, an undeclared one
//! or one of the wrong type never reaches the plugin.

use sahabot_sdk::discord::{ChoiceValue, CommandOption, OptionKind};
use serde_json::{Map, Value};
use serenity::model::application::{CommandDataOption, CommandDataOptionValue};

/// The options by name; a subcommand becomes an object of its own options. Also returns the
/// option being typed, for an autocompletion: `(name, typed)`.
pub fn to_map(options: &[CommandDataOption]) -> (Map<String, Value>, Option<(String, String)>) {
    let mut focused = None;
    let map = collect(options, &mut focused);
    (map, focused)
}

fn collect(
    options: &[CommandDataOption],
    focused: &mut Option<(String, String)>,
) -> Map<String, Value> {
    options
        .iter()
        .map(|option| {
            let value = match &option.value {
                CommandDataOptionValue::String(s) => Value::from(s.as_str()),
                CommandDataOptionValue::Integer(i) => Value::from(*i),
                CommandDataOptionValue::Number(n) => Value::from(*n),
                CommandDataOptionValue::Boolean(b) => Value::from(*b),
                CommandDataOptionValue::SubCommand(inner)
                | CommandDataOptionValue::SubCommandGroup(inner) => {
                    Value::Object(collect(inner, focused))
                }
                CommandDataOptionValue::Autocomplete { value, .. } => {
                    *focused = Some((option.name.clone(), value.clone()));
                    Value::from(value.as_str())
                }
                CommandDataOptionValue::User(id) => Value::from(id.to_string()),
                CommandDataOptionValue::Role(id) => Value::from(id.to_string()),
                CommandDataOptionValue::Channel(id) => Value::from(id.to_string()),
                CommandDataOptionValue::Mentionable(id) => Value::from(id.to_string()),
                CommandDataOptionValue::Attachment(id) => Value::from(id.to_string()),
                _ => Value::Null,
            };
            (option.name.clone(), value)
        })
        .collect()
}

/// Why the options do not fit the declaration, in words for the caller.
pub fn check(declared: &[CommandOption], given: &Map<String, Value>) -> Result<(), String> {
    if let Some(name) = given
        .keys()
        .find(|k| !declared.iter().any(|o| o.name == k.as_str()))
    {
        return Err(format!("this command has no option `{name}`"));
    }
    for option in declared {
        let Some(value) = given.get(option.name) else {
            if option.required {
                return Err(format!("the option `{}` is required", option.name));
            }
            continue;
        };
        let fits = match option.kind {
            OptionKind::String => value.is_string(),
            OptionKind::Integer => value.is_i64(),
            OptionKind::Boolean => value.is_boolean(),
            OptionKind::SubCommand => value.is_object(),
        };
        if !fits {
            return Err(format!(
                "the option `{}` must be {}",
                option.name,
                match option.kind {
                    OptionKind::String => "text",
                    OptionKind::Integer => "a whole number",
                    OptionKind::Boolean => "true or false",
                    OptionKind::SubCommand => "a subcommand",
                }
            ));
        }
        if let (OptionKind::SubCommand, Value::Object(inner)) = (option.kind, value) {
            check(option.options, inner)?;
        }
        if !option.choices.is_empty()
            && !option
                .choices
                .iter()
                .any(|c| matches_choice(c.value, value))
        {
            return Err(format!(
                "`{value}` is not one of the choices of `{}`",
                option.name
            ));
        }
    }
    Ok(())
}

fn matches_choice(choice: ChoiceValue, value: &Value) -> bool {
    match choice {
        ChoiceValue::String(s) => value.as_str() == Some(s),
        ChoiceValue::Integer(i) => value.as_i64() == Some(i),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sahabot_sdk::discord::Choice;
    use serde_json::json;

    const OPTIONS: &[CommandOption] = &[
        CommandOption::string("finish", "Finish").required(),
        CommandOption::integer("runs", "Runs").choices(&[
            Choice {
                name: "one",
                value: ChoiceValue::Integer(1),
            },
            Choice {
                name: "two",
                value: ChoiceValue::Integer(2),
            },
        ]),
    ];

    fn map(value: Value) -> Map<String, Value> {
        value.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn declared_options_of_the_right_type_pass() {
        assert_eq!(
            check(OPTIONS, &map(json!({"finish": "1:30:00", "runs": 2}))),
            Ok(())
        );
        assert_eq!(check(OPTIONS, &map(json!({"finish": "1:30:00"}))), Ok(()));
    }

    #[test]
    fn each_misfit_is_named() {
        let cases = [
            (json!({}), "`finish` is required"),
            (json!({"finish": 5}), "`finish` must be text"),
            (
                json!({"finish": "x", "runs": "two"}),
                "`runs` must be a whole number",
            ),
            (json!({"finish": "x", "runs": 3}), "not one of the choices"),
            (json!({"finish": "x", "extra": 1}), "no option `extra`"),
        ];
        for (given, expected) in cases {
            let error = check(OPTIONS, &map(given)).err().unwrap_or_default();
            assert!(
                error.contains(expected),
                "{error:?} should say {expected:?}"
            );
        }
    }

    #[test]
    fn subcommand_options_are_checked_inside() {
        const SUBS: &[CommandOption] = &[CommandOption::subcommand("status", "S", OPTIONS)];
        assert_eq!(
            check(SUBS, &map(json!({"status": {"finish": "x"}}))),
            Ok(())
        );
        let error = check(SUBS, &map(json!({"status": {}})))
            .err()
            .unwrap_or_default();
        assert!(error.contains("`finish` is required"));
    }
}
