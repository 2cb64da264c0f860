//! Read access to what the linked plugins declared. `inventory` gives no order: everything here
//! is sorted so that server and browser agree.

use crate::{PageDecl, PluginDecl};

pub fn plugins() -> Vec<&'static PluginDecl> {
    let mut plugins: Vec<_> = inventory::iter::<PluginDecl>.into_iter().collect();
    plugins.sort_by_key(|p| p.id);
    plugins
}

pub fn plugin(id: &str) -> Option<&'static PluginDecl> {
    inventory::iter::<PluginDecl>
        .into_iter()
        .find(|p| p.id == id)
}

pub fn plugin_ids() -> Vec<&'static str> {
    plugins().into_iter().map(|p| p.id).collect()
}

/// The permission actions every linked plugin declares, by plugin.
pub fn plugin_actions() -> Vec<crate::model::ActionInfo> {
    plugins()
        .into_iter()
        .flat_map(|p| {
            p.permissions
                .iter()
                .map(move |(action, description)| crate::model::ActionInfo {
                    action: (*action).into(),
                    description: (*description).into(),
                    source: p.id.into(),
                })
        })
        .collect()
}

pub fn pages() -> Vec<&'static PageDecl> {
    let mut pages: Vec<_> = inventory::iter::<PageDecl>.into_iter().collect();
    pages.sort_by_key(|p| (p.plugin_id, p.path));
    pages
}

pub fn page(plugin_id: &str, path: &str) -> Option<&'static PageDecl> {
    inventory::iter::<PageDecl>
        .into_iter()
        .find(|p| p.plugin_id == plugin_id && p.path == path)
}

/// The pages that appear in an org's navigation, in registry order.
pub fn nav_pages() -> Vec<&'static PageDecl> {
    pages()
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum RegistryError {
    #[error("two plugins declare the id `{0}`")]
    DuplicatePlugin(&'static str),
    #[error("a page at `{path}` names plugin `{plugin_id}`, which is not declared")]
    UnknownPlugin {
        plugin_id: &'static str,
        path: &'static str,
    },
    #[error("plugin `{plugin_id}` declares the permission action `{action}`, which must start with `{plugin_id}:` and use lowercase letters, digits and `_ . -`")]
    BadPermission {
        plugin_id: &'static str,
        action: &'static str,
    },
    #[error("plugin `{plugin_id}` declares the page `{path}` twice")]
    DuplicatePage {
        plugin_id: &'static str,
        path: &'static str,
    },
}

/// Checks the registry's consistency. The server refuses to start when this fails.
pub fn validate() -> Result<(), Vec<RegistryError>> {
    validate_lists(&plugins(), &pages())
}

fn validate_lists(plugins: &[&PluginDecl], pages: &[&PageDecl]) -> Result<(), Vec<RegistryError>> {
    let mut errors = Vec::new();
    for pair in plugins.windows(2) {
        if pair[0].id == pair[1].id {
            errors.push(RegistryError::DuplicatePlugin(pair[0].id));
        }
    }
    for plugin in plugins {
        for (action, _) in plugin.permissions {
            let well_formed = action
                .strip_prefix(plugin.id)
                .and_then(|rest| rest.strip_prefix(':'))
                .is_some_and(|name| {
                    !name.is_empty()
                        && name.chars().all(|c| {
                            c.is_ascii_lowercase() || c.is_ascii_digit() || "_.-".contains(c)
                        })
                });
            if !well_formed {
                errors.push(RegistryError::BadPermission {
                    plugin_id: plugin.id,
                    action,
                });
            }
        }
    }
    for page in pages {
        if !plugins.iter().any(|p| p.id == page.plugin_id) {
            errors.push(RegistryError::UnknownPlugin {
                plugin_id: page.plugin_id,
                path: page.path,
            });
        }
    }
    for pair in pages.windows(2) {
        if pair[0].plugin_id == pair[1].plugin_id && pair[0].path == pair[1].path {
            errors.push(RegistryError::DuplicatePage {
                plugin_id: pair[0].plugin_id,
                path: pair[0].path,
            });
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Category;
    use leptos::prelude::{AnyView, IntoAny};

    fn decl(id: &'static str) -> PluginDecl {
        PluginDecl {
            id,
            name: id,
            version: "0.1.0",
            category: Category::Utility,
            description: "",
            permissions: &[],
        }
    }

    fn empty() -> AnyView {
        ().into_any()
    }

    fn page(plugin_id: &'static str, path: &'static str) -> PageDecl {
        PageDecl {
            plugin_id,
            path,
            nav_label: "x",
            render: empty,
        }
    }

    #[test]
    fn a_consistent_registry_passes() {
        let (a, b) = (decl("a"), decl("b"));
        let (pa, pb) = (page("a", ""), page("b", ""));
        assert_eq!(validate_lists(&[&a, &b], &[&pa, &pb]), Ok(()));
    }

    #[test]
    fn duplicate_ids_unknown_owners_and_duplicate_pages_are_all_reported() {
        let (a1, a2) = (decl("a"), decl("a"));
        let (p1, p2, orphan) = (page("a", ""), page("a", ""), page("zzz", "x"));
        let errors = validate_lists(&[&a1, &a2], &[&p1, &p2, &orphan]).unwrap_err();
        assert_eq!(
            errors,
            vec![
                RegistryError::DuplicatePlugin("a"),
                RegistryError::UnknownPlugin {
                    plugin_id: "zzz",
                    path: "x"
                },
                RegistryError::DuplicatePage {
                    plugin_id: "a",
                    path: ""
                },
            ]
        );
    }

    #[test]
    fn permission_actions_must_carry_their_plugins_prefix() {
        let mut good = decl("a");
        good.permissions = &[("a:read", "read"), ("a:review.runs", "review")];
        assert_eq!(validate_lists(&[&good], &[]), Ok(()));
        let mut bad = decl("b");
        bad.permissions = &[("a:read", "read"), ("b:", "empty"), ("b:Write", "caps")];
        let errors = validate_lists(&[&bad], &[]).unwrap_err();
        let actions: Vec<_> = errors
            .iter()
            .map(|e| match e {
                RegistryError::BadPermission { action, .. } => *action,
                other => panic!("unexpected {other}"),
            })
            .collect();
        assert_eq!(actions, vec!["a:read", "b:", "b:Write"]);
    }
}
