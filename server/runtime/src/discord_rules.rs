//! Discord's rules for a command's shape, checked at start-up so that a guild's bulk overwrite
//! is never refused for one plugin's mistake.

use sahabot_sdk::discord::{CommandDecl, CommandOption, OptionKind};

/// Why Discord would refuse the command, or why its options type does not read its options;
/// `None` when neither.
pub fn command_problem(decl: &CommandDecl) -> Option<String> {
    let command = &decl.command;
    name_problem(command.name)
        .or_else(|| description_problem(command.description))
        .or_else(|| options_problem(decl.options, true))
        .or_else(|| fields_problem(decl))
        .map(|problem| format!("/{}: {problem}", command.name))
}

/// The options type reads exactly the declared options (by name; a subcommand is a variant).
fn fields_problem(decl: &CommandDecl) -> Option<String> {
    let mut declared: Vec<&str> = decl.options.iter().map(|o| o.name).collect();
    let mut read = (decl.option_fields)();
    declared.sort_unstable();
    read.sort_unstable();
    (declared != read).then(|| {
        format!(
            "its options type reads [{}] but the command declares [{}]",
            read.join(", "),
            declared.join(", ")
        )
    })
}

/// Lowercase letters, digits, `-` and `_`, 1 to 32 characters.
fn name_problem(name: &str) -> Option<String> {
    let valid = (1..=32).contains(&name.chars().count())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    (!valid)
        .then(|| format!("the name `{name}` must be 1 to 32 lowercase letters, digits, `-` or `_`"))
}

fn description_problem(description: &str) -> Option<String> {
    let length = description.chars().count();
    (!(1..=100).contains(&length))
        .then(|| format!("a description must be 1 to 100 characters, not {length}"))
}

fn options_problem(options: &[CommandOption], top: bool) -> Option<String> {
    if options.len() > 25 {
        return Some(format!("at most 25 options, not {}", options.len()));
    }
    let subcommands = options
        .iter()
        .filter(|o| o.kind == OptionKind::SubCommand)
        .count();
    if subcommands > 0 && (!top || subcommands != options.len()) {
        return Some("subcommands cannot be mixed with options or nested".into());
    }
    let mut optional_seen = false;
    for option in options {
        if let Some(problem) = name_problem(option.name)
            .or_else(|| description_problem(option.description))
            .or_else(|| options_problem(option.options, false))
        {
            return Some(format!("option `{}`: {problem}", option.name));
        }
        if option.required && optional_seen {
            return Some(format!(
                "option `{}` is required but follows an optional one",
                option.name
            ));
        }
        optional_seen |= !option.required;
        if option.choices.len() > 25
            || (!option.choices.is_empty() && option.autocomplete.is_some())
        {
            return Some(format!(
                "option `{}` has more than 25 choices, or both choices and autocompletion",
                option.name
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use sahabot_sdk::discord::{Command, Response};
    use sahabot_sdk::runtime_kinds::{Handler, PluginError};

    fn command(name: &'static str, options: &'static [CommandOption]) -> CommandDecl {
        CommandDecl {
            plugin_id: "p",
            command: Command::new(name, "d"),
            options,
            // The options type reads what is declared, except in the test of that rule.
            option_fields: || Vec::new(),
            run: Handler::new(|_| async {
                Err::<Response, _>(PluginError::Message("unused".into()))
            }),
        }
    }

    fn reading(mut decl: CommandDecl, fields: fn() -> Vec<&'static str>) -> CommandDecl {
        decl.option_fields = fields;
        decl
    }

    #[test]
    fn a_well_formed_command_passes() {
        const OPTIONS: &[CommandOption] = &[
            CommandOption::string("finish", "Finish time").required(),
            CommandOption::integer("runs", "How many"),
        ];
        let score = reading(command("score", OPTIONS), || vec!["runs", "finish"]);
        assert_eq!(command_problem(&score), None);
        const SUBS: &[CommandOption] = &[CommandOption::subcommand("status", "Status", OPTIONS)];
        let sahabot = reading(command("sahabot", SUBS), || vec!["status"]);
        assert_eq!(command_problem(&sahabot), None);
    }

    #[test]
    fn each_broken_rule_is_named() {
        const OPTIONAL_FIRST: &[CommandOption] = &[
            CommandOption::string("a", "A"),
            CommandOption::string("b", "B").required(),
        ];
        const MIXED: &[CommandOption] = &[
            CommandOption::subcommand("a", "A", &[]),
            CommandOption::string("b", "B"),
        ];
        const NO_DESCRIPTION: &[CommandOption] = &[CommandOption::string("b", "")];
        let cases: &[(CommandDecl, &str)] = &[
            (command("Score", &[]), "lowercase"),
            (command("", &[]), "lowercase"),
            (
                command("a-name-that-is-longer-than-32-chars", &[]),
                "1 to 32",
            ),
            (
                reading(command("x", OPTIONAL_FIRST), || vec!["a", "b"]),
                "follows an optional one",
            ),
            (
                reading(command("x", MIXED), || vec!["a", "b"]),
                "cannot be mixed",
            ),
            (
                reading(command("x", NO_DESCRIPTION), || vec!["b"]),
                "description",
            ),
            (
                reading(command("x", &[]), || vec!["finish"]),
                "its options type reads [finish] but the command declares []",
            ),
        ];
        for (command, expected) in cases {
            let problem = command_problem(command).unwrap_or_default();
            assert!(
                problem.contains(expected),
                "{problem:?} should say {expected:?}"
            );
        }
    }
}
