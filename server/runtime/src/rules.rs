//! The dependency rules, as pure functions of which plugins are on.

use std::collections::{BTreeMap, BTreeSet};

/// Each plugin's required plugins.
pub type Requires<'a> = BTreeMap<&'a str, &'a [String]>;

/// Why `plugin` cannot be turned on while `on` are on: the required plugins that are off.
pub fn missing_requirements<'a>(
    plugin: &str,
    on: &BTreeSet<&str>,
    requires: &Requires<'a>,
) -> Vec<&'a str> {
    requires
        .get(plugin)
        .map(|list| {
            list.iter()
                .map(String::as_str)
                .filter(|r| !on.contains(r))
                .collect()
        })
        .unwrap_or_default()
}

/// The plugins that are on and require `plugin`, which stop it from being turned off.
pub fn dependents<'a>(
    plugin: &str,
    on: &BTreeSet<&'a str>,
    requires: &Requires<'_>,
) -> Vec<&'a str> {
    on.iter()
        .copied()
        .filter(|other| {
            requires
                .get(other)
                .is_some_and(|list| list.iter().any(|r| r == plugin))
        })
        .collect()
}

/// The linked plugins' required plugins.
pub fn requires_graph() -> Requires<'static> {
    sahabot_sdk::registry::plugins()
        .iter()
        .filter_map(|p| p.manifest().map(|m| (p.id, m.requires.plugins.as_slice())))
        .collect()
}

/// A plugin's name as people read it (its id when it is not linked).
pub fn plugin_name(id: &str) -> String {
    sahabot_sdk::registry::plugin(id)
        .and_then(|p| p.manifest())
        .map(|m| m.name.clone())
        .unwrap_or_else(|| id.to_owned())
}

/// Plugin names for a sentence: `A`, `A and B`, `A, B and C`.
pub fn names(ids: &[&str]) -> String {
    and_list(&ids.iter().map(|id| plugin_name(id)).collect::<Vec<_>>())
}

/// "enable X first: Y requires it" (`verb` is what to do with the missing plugins).
pub fn needs_first(verb: &str, missing: &[&str], name: &str) -> String {
    format!(
        "{verb} {} first: {name} requires {}",
        names(missing),
        if missing.len() == 1 { "it" } else { "them" }
    )
}

/// "X requires Y; disable it first" (`verb` is what to do with the blocking plugins).
pub fn blocked_by(verb: &str, blocking: &[&str], name: &str) -> String {
    let one = blocking.len() == 1;
    format!(
        "{} {} {name}; {verb} {} first",
        names(blocking),
        if one { "requires" } else { "require" },
        if one { "it" } else { "them" }
    )
}

/// Joins names for a sentence: `A`, `A and B`, `A, B and C`.
pub fn and_list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph() -> (Vec<String>, Vec<String>) {
        (vec!["racetime".into(), "presets".into()], vec![])
    }

    #[test]
    fn enabling_needs_every_required_plugin_on() {
        let (aq, none) = graph();
        let requires: Requires = [
            ("async_qualifier", aq.as_slice()),
            ("presets", none.as_slice()),
        ]
        .into_iter()
        .collect();
        let on: BTreeSet<&str> = ["presets"].into_iter().collect();
        assert_eq!(
            missing_requirements("async_qualifier", &on, &requires),
            vec!["racetime"]
        );
        let on: BTreeSet<&str> = ["presets", "racetime"].into_iter().collect();
        assert!(missing_requirements("async_qualifier", &on, &requires).is_empty());
        assert!(missing_requirements("presets", &BTreeSet::new(), &requires).is_empty());
    }

    #[test]
    fn disabling_is_stopped_by_enabled_dependents_only() {
        let (aq, _) = graph();
        let requires: Requires = [("async_qualifier", aq.as_slice())].into_iter().collect();
        let on: BTreeSet<&str> = ["async_qualifier", "presets", "racetime"]
            .into_iter()
            .collect();
        assert_eq!(
            dependents("racetime", &on, &requires),
            vec!["async_qualifier"]
        );
        let on: BTreeSet<&str> = ["presets", "racetime"].into_iter().collect();
        assert!(dependents("racetime", &on, &requires).is_empty());
    }

    #[test]
    fn names_read_as_a_sentence() {
        let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(and_list(&names(&["A"])), "A");
        assert_eq!(and_list(&names(&["A", "B"])), "A and B");
        assert_eq!(and_list(&names(&["A", "B", "C"])), "A, B and C");
    }
}
