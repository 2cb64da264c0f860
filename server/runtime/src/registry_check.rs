//! The registry's consistency rules. The server refuses to start while any is broken, with a
//! message naming the plugins involved.

use std::collections::{BTreeMap, BTreeSet};

use sahabot_sdk::access::ServerFnDecl;
use sahabot_sdk::manifest::ManifestError;
use sahabot_sdk::registry::{self, Plugin};

/// Path segments of `/org/{org}/…` that the product itself uses; no plugin may take them.
pub const RESERVED_IDS: &[&str] = &["admin", "plugins", "settings"];

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum RegistryError {
    #[error("two plugins declare the id `{0}`")]
    DuplicatePlugin(&'static str),
    #[error("plugin id `{0}` is a path the product uses itself; choose another id")]
    ReservedId(&'static str),
    #[error(transparent)]
    Manifest(ManifestError),
    #[error("the server function `{path}` names plugin `{plugin}`, which is not linked")]
    UnknownOwner {
        path: &'static str,
        plugin: &'static str,
    },
    #[error("plugin `{plugin}`, page `{path}`: {problem}")]
    PagePath {
        plugin: &'static str,
        path: &'static str,
        problem: &'static str,
    },
    #[error("plugin `{plugin}` declares the page `{path}` twice")]
    DuplicatePage {
        plugin: &'static str,
        path: &'static str,
    },
    #[error("the API route `{route}` is declared by both `{first}` and `{second}`")]
    RouteClash {
        route: String,
        first: &'static str,
        second: &'static str,
    },
    #[error("the command `/{name}` is declared by both `{first}` and `{second}`")]
    CommandClash {
        name: &'static str,
        first: &'static str,
        second: &'static str,
    },
    #[error("plugin `{plugin}`: Discord would refuse {problem}")]
    CommandShape {
        plugin: &'static str,
        problem: String,
    },
    #[error("plugin `{plugin}` declares the task `{name}` twice")]
    DuplicateTask {
        plugin: &'static str,
        name: &'static str,
    },
    #[error("plugin `{plugin}`, task `{name}`: {problem}")]
    TaskSchedule {
        plugin: &'static str,
        name: &'static str,
        problem: String,
    },
    #[error("plugin `{plugin}` publishes `{event}`; its events are named `{plugin}.…`")]
    ForeignEvent {
        plugin: &'static str,
        event: &'static str,
    },
    #[error("plugin `{plugin}` listens to `{event}`, which no linked plugin publishes")]
    UnknownEvent {
        plugin: &'static str,
        event: &'static str,
    },
    #[error("plugin `{plugin}` has migrations named `{name}` out of order or twice; name them 0001_…, 0002_…")]
    MigrationOrder {
        plugin: &'static str,
        name: &'static str,
    },
    #[error("plugin `{plugin}` requires plugin `{required}`, which is not linked")]
    MissingDependency {
        plugin: &'static str,
        required: String,
    },
    #[error("plugin `{plugin}` is on by default for new organizations but requires `{required}`, which is not")]
    DefaultNeedsDefault {
        plugin: &'static str,
        required: String,
    },
    #[error("plugins require each other in a cycle: {}", .0.join(" → "))]
    DependencyCycle(Vec<String>),
    #[error("plugin `{plugin}`: manifest field `provides.{field}` says {declared:?} but the plugin registers {registered:?}")]
    ProvidesMismatch {
        plugin: &'static str,
        field: &'static str,
        declared: Vec<String>,
        registered: Vec<String>,
    },
}

/// Checks the linked plugins and the server functions' owners.
pub fn validate() -> Result<(), Vec<RegistryError>> {
    let plugins: Vec<&Plugin> = registry::plugins().iter().collect();
    validate_lists(&plugins, &sahabot_sdk::access::server_fns())
}

pub(crate) fn validate_lists(
    plugins: &[&Plugin],
    server_fns: &[&ServerFnDecl],
) -> Result<(), Vec<RegistryError>> {
    let mut errors = Vec::new();
    for pair in plugins.windows(2) {
        if pair[0].id == pair[1].id {
            errors.push(RegistryError::DuplicatePlugin(pair[0].id));
        }
    }
    for plugin in plugins {
        if RESERVED_IDS.contains(&plugin.id) {
            errors.push(RegistryError::ReservedId(plugin.id));
        }
        if let Err(e) = &plugin.manifest {
            errors.push(RegistryError::Manifest(e.clone()));
        }
    }
    let known: BTreeSet<&str> = plugins.iter().map(|p| p.id).collect();
    for f in server_fns {
        if let Some(owner) = f.plugin.filter(|owner| !known.contains(owner)) {
            errors.push(RegistryError::UnknownOwner {
                path: f.path,
                plugin: owner,
            });
        }
    }
    check_pages(plugins, &mut errors);
    check_routes_and_commands(plugins, &mut errors);
    check_events_tasks_migrations(plugins, &mut errors);
    check_dependencies(plugins, &mut errors);
    check_provides(plugins, &mut errors);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

fn check_pages(plugins: &[&Plugin], errors: &mut Vec<RegistryError>) {
    for plugin in plugins {
        let mut seen = BTreeSet::new();
        for page in plugin.contributions.pages() {
            if let Some(problem) = page_path_problem(page.path) {
                errors.push(RegistryError::PagePath {
                    plugin: plugin.id,
                    path: page.path,
                    problem,
                });
            }
            if !seen.insert((page.kind, page.path)) {
                errors.push(RegistryError::DuplicatePage {
                    plugin: plugin.id,
                    path: page.path,
                });
            }
        }
    }
}

/// Why a page's declared path cannot be a route, if it cannot: it is relative to the plugin's
/// base, made of non-empty segments of URL-safe characters, parameters written `:name`.
pub(crate) fn page_path_problem(path: &str) -> Option<&'static str> {
    if path.is_empty() {
        return None;
    }
    if path.starts_with('/') || path.ends_with('/') {
        return Some("write it relative to the plugin's base, without a leading or trailing `/`");
    }
    let mut names = BTreeSet::new();
    for segment in path.split('/') {
        let (name, param) = match segment.strip_prefix(':') {
            Some(name) => (name, true),
            None => (segment, false),
        };
        if name.is_empty() {
            return Some("a segment (or a parameter's name) is empty");
        }
        let allowed = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.';
        if !name.chars().all(allowed) {
            return Some(
                "use letters, digits, `-`, `_` and `.` in segments, `:name` for a parameter",
            );
        }
        if param && !names.insert(name) {
            return Some("two parameters have the same name");
        }
    }
    None
}

fn check_routes_and_commands(plugins: &[&Plugin], errors: &mut Vec<RegistryError>) {
    let mut routes: BTreeMap<String, &'static str> = BTreeMap::new();
    let mut commands: BTreeMap<&'static str, &'static str> = BTreeMap::new();
    for plugin in plugins {
        for route in &plugin.server().api_routes {
            let key = format!("{} {}", route.method, route.full_path());
            if let Some(first) = routes.insert(key.clone(), plugin.id) {
                errors.push(RegistryError::RouteClash {
                    route: key,
                    first,
                    second: plugin.id,
                });
            }
        }
        for decl in &plugin.server().commands {
            if let Some(problem) = crate::discord_rules::command_problem(decl) {
                errors.push(RegistryError::CommandShape {
                    plugin: plugin.id,
                    problem,
                });
            }
            if let Some(first) = commands.insert(decl.command.name, plugin.id) {
                errors.push(RegistryError::CommandClash {
                    name: decl.command.name,
                    first,
                    second: plugin.id,
                });
            }
        }
    }
}

/// `name` of an event type `{plugin}.{name}`, if the type is the plugin's.
fn own_event_name<'a>(plugin: &str, event: &'a str) -> Option<&'a str> {
    event
        .strip_prefix(plugin)
        .and_then(|rest| rest.strip_prefix('.'))
        .filter(|name| !name.is_empty())
}

fn check_events_tasks_migrations(plugins: &[&Plugin], errors: &mut Vec<RegistryError>) {
    let published: BTreeSet<String> = registry::published_events(plugins.iter().copied())
        .into_iter()
        .collect();
    for plugin in plugins {
        let server = plugin.server();
        for event in &server.emits {
            if own_event_name(plugin.id, event).is_none() {
                errors.push(RegistryError::ForeignEvent {
                    plugin: plugin.id,
                    event,
                });
            }
        }
        for listener in &server.listeners {
            let core = sahabot_core::events::CORE_EVENTS.contains(&listener.event);
            if !core && !published.contains(listener.event) {
                errors.push(RegistryError::UnknownEvent {
                    plugin: plugin.id,
                    event: listener.event,
                });
            }
        }
        let mut tasks = BTreeSet::new();
        for decl in &server.tasks {
            if !tasks.insert(decl.task.key) {
                errors.push(RegistryError::DuplicateTask {
                    plugin: plugin.id,
                    name: decl.task.key,
                });
            }
            if let Some(sahabot_sdk::runtime_kinds::Schedule::Cron(expr)) = decl.task.schedule {
                if let Err(e) = sahabot_core::schedule::ScheduleSpec::parse("cron", expr) {
                    errors.push(RegistryError::TaskSchedule {
                        plugin: plugin.id,
                        name: decl.task.key,
                        problem: e.to_string(),
                    });
                }
            }
        }
        for pair in server.migrations.windows(2) {
            if pair[0].name >= pair[1].name {
                errors.push(RegistryError::MigrationOrder {
                    plugin: plugin.id,
                    name: pair[1].name,
                });
            }
        }
    }
}

fn check_dependencies(plugins: &[&Plugin], errors: &mut Vec<RegistryError>) {
    let requires: BTreeMap<&str, Vec<String>> = plugins
        .iter()
        .filter_map(|p| p.manifest().map(|m| (p.id, m.requires.plugins.clone())))
        .collect();
    for (plugin, required) in &requires {
        for r in required {
            if !requires.contains_key(r.as_str()) {
                let plugin = plugins.iter().map(|p| p.id).find(|id| id == plugin);
                if let Some(plugin) = plugin {
                    errors.push(RegistryError::MissingDependency {
                        plugin,
                        required: r.clone(),
                    });
                }
            }
        }
    }
    // A new organization gets the default plugins; each one's requirements must be among them.
    for plugin in plugins {
        let Some(m) = plugin.manifest().filter(|m| m.enabled_by_default) else {
            continue;
        };
        for r in &m.requires.plugins {
            let required_default = plugins
                .iter()
                .find(|p| p.id == r)
                .and_then(|p| p.manifest())
                .is_some_and(|rm| rm.enabled_by_default || rm.is_global());
            if !required_default && requires.contains_key(r.as_str()) {
                errors.push(RegistryError::DefaultNeedsDefault {
                    plugin: plugin.id,
                    required: r.clone(),
                });
            }
        }
    }
    if let Some(cycle) = find_cycle(&requires) {
        errors.push(RegistryError::DependencyCycle(cycle));
    }
}

/// A cycle in the "requires" graph, as the path that closes it (`a → b → a`).
pub(crate) fn find_cycle(requires: &BTreeMap<&str, Vec<String>>) -> Option<Vec<String>> {
    fn visit<'a>(
        node: &'a str,
        requires: &'a BTreeMap<&str, Vec<String>>,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|n| *n == node) {
            let mut cycle: Vec<String> = path[start..].iter().map(|s| s.to_string()).collect();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node);
        for next in requires.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, requires, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node);
        None
    }
    let mut done = BTreeSet::new();
    for node in requires.keys() {
        if let Some(cycle) = visit(node, requires, &mut Vec::new(), &mut done) {
            return Some(cycle);
        }
    }
    None
}

fn check_provides(plugins: &[&Plugin], errors: &mut Vec<RegistryError>) {
    for plugin in plugins {
        let Some(manifest) = plugin.manifest() else {
            continue;
        };
        let server = plugin.server();
        // A page in the navigation is named by its label there; a page reached by links only
        // may be named freely.
        let named = |path: &str, name: &str| -> String { format!("{path} ({name})") };
        let pages = plugin.contributions.pages();
        let pairs: [(&'static str, Vec<String>, Vec<String>); 5] = [
            (
                "pages",
                manifest
                    .provides
                    .pages
                    .iter()
                    .map(|p| {
                        let linked_only = pages
                            .iter()
                            .any(|d| d.url_pattern() == p.path && d.nav_label.is_none());
                        if linked_only {
                            p.path.clone()
                        } else {
                            named(&p.path, &p.name)
                        }
                    })
                    .collect(),
                pages
                    .iter()
                    .map(|d| match d.nav_label {
                        Some(label) => named(&d.url_pattern(), label),
                        None => d.url_pattern(),
                    })
                    .collect(),
            ),
            (
                "api_routes",
                manifest
                    .provides
                    .api_routes
                    .iter()
                    .map(|api| api.prefix.clone())
                    .collect(),
                (!server.api_routes.is_empty())
                    .then(|| format!("/api/plugins/{}", plugin.id))
                    .into_iter()
                    .collect(),
            ),
            (
                "discord_commands",
                manifest
                    .provides
                    .discord_commands
                    .iter()
                    .map(|c| c.name.clone())
                    .collect(),
                server
                    .commands
                    .iter()
                    .map(|c| c.command.name.to_owned())
                    .collect(),
            ),
            (
                "events",
                manifest.provides.events.clone(),
                server
                    .emits
                    .iter()
                    .filter_map(|e| own_event_name(plugin.id, e))
                    .map(str::to_owned)
                    .collect(),
            ),
            (
                "tasks",
                manifest.provides.tasks.clone(),
                server.tasks.iter().map(|t| t.task.key.to_owned()).collect(),
            ),
        ];
        for (field, mut declared, mut registered) in pairs {
            declared.sort();
            registered.sort();
            if declared != registered {
                errors.push(RegistryError::ProvidesMismatch {
                    plugin: plugin.id,
                    field,
                    declared,
                    registered,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sahabot_sdk::discord::{Command, CommandCall, NoOptions, Response};
    use sahabot_sdk::runtime_kinds::PluginError;
    use sahabot_sdk::{Contributions, Guard, PluginDecl};

    fn nothing(_: &mut Contributions) {}

    fn manifest(id: &str, requires: &[&str]) -> String {
        format!(
            "id: {id}\nname: {id}\nversion: 0.1.0\ndescription: d\nauthor: a\ntype: builtin\n\
             category: utility\nenabled_by_default: false\nprivate: false\n\
             requires:\n  sahabot: \">=0.1.0\"\n  plugins: [{}]\n",
            requires.join(", ")
        )
    }

    fn plugin(id: &'static str, requires: &[&str], build: fn(&mut Contributions)) -> Plugin {
        let yaml: &'static str = Box::leak(manifest(id, requires).into_boxed_str());
        let decl: &'static PluginDecl = Box::leak(Box::new(PluginDecl {
            id,
            manifest: yaml,
            build,
            pages: &[],
            load_page: |_| Box::pin(async { Err(sahabot_sdk::ChunkError("no pages".into())) }),
            preload: || Box::pin(async { Ok(()) }),
        }));
        Plugin {
            id,
            decl,
            contributions: Contributions::of(decl),
            manifest: sahabot_sdk::manifest::Manifest::parse(id, yaml),
        }
    }

    #[test]
    fn page_paths_are_relative_segments_with_named_parameters() {
        for good in [
            "",
            "matches",
            "matches/:id",
            "t/:tournament/m/:match",
            "seed-1.2",
        ] {
            assert_eq!(page_path_problem(good), None, "{good}");
        }
        for bad in [
            "/matches",
            "matches/",
            "a//b",
            "a/:",
            "a b",
            "a/:id/b/:id",
            "ü",
        ] {
            assert!(page_path_problem(bad).is_some(), "{bad}");
        }
    }

    async fn run(_: CommandCall, _: NoOptions) -> Result<Response, PluginError> {
        Err(PluginError::Message("unused".into()))
    }

    fn with_command(p: &mut Contributions) {
        p.command(Command::new("roll", "d"), run);
    }

    #[derive(serde::Serialize, serde::Deserialize)]
    struct NobodysEvent {}

    impl sahabot_core::events::Event for NobodysEvent {
        const TYPE: &'static str = "nobody.event";
        fn organization_id(&self) -> Option<i64> {
            None
        }
    }

    fn publishes_nobodys(p: &mut Contributions) {
        p.emits::<NobodysEvent>();
    }

    fn listens(p: &mut Contributions) {
        p.listen(|_, _: NobodysEvent| async { Ok(()) });
    }

    fn errors(plugins: &[Plugin]) -> Vec<RegistryError> {
        let refs: Vec<&Plugin> = plugins.iter().collect();
        validate_lists(&refs, &[]).err().unwrap_or_default()
    }

    fn with_api_route(p: &mut Contributions) {
        p.api_get("/things", Guard::Public, || async { "things" });
    }

    #[test]
    fn api_routes_are_declared_with_their_prefix() {
        let found = errors(&[plugin("a", &[], with_api_route)]);
        assert!(
            found.contains(&RegistryError::ProvidesMismatch {
                plugin: "a",
                field: "api_routes",
                declared: vec![],
                registered: vec!["/api/plugins/a".into()],
            }),
            "{found:?}"
        );
    }

    #[test]
    fn a_page_in_the_navigation_is_named_by_its_label() {
        let yaml = format!(
            "{}provides:\n  pages:\n    - path: /org/{{org}}/a\n      name: Something else\n",
            manifest("a", &[])
        );
        let yaml: &'static str = Box::leak(yaml.into_boxed_str());
        static PAGES: [sahabot_sdk::Page; 1] = [sahabot_sdk::Page::org("", "Label")];
        let decl: &'static PluginDecl = Box::leak(Box::new(PluginDecl {
            id: "a",
            manifest: yaml,
            build: nothing,
            pages: &PAGES,
            load_page: |_| Box::pin(async { Err(sahabot_sdk::ChunkError("no pages".into())) }),
            preload: || Box::pin(async { Ok(()) }),
        }));
        let a = Plugin {
            id: "a",
            decl,
            contributions: Contributions::of(decl),
            manifest: sahabot_sdk::manifest::Manifest::parse("a", yaml),
        };
        assert!(
            errors(&[a]).contains(&RegistryError::ProvidesMismatch {
                plugin: "a",
                field: "pages",
                declared: vec!["/org/{org}/a (Something else)".into()],
                registered: vec!["/org/{org}/a (Label)".into()],
            }),
            "the manifest's page name must be the navigation's label"
        );
    }

    #[test]
    fn a_consistent_registry_passes() {
        assert!(errors(&[plugin("a", &[], nothing), plugin("b", &["a"], nothing)]).is_empty());
    }

    #[test]
    fn clashing_commands_name_both_plugins() {
        let found = errors(&[
            plugin("a", &[], with_command),
            plugin("b", &[], with_command),
        ]);
        assert!(
            found.contains(&RegistryError::CommandClash {
                name: "roll",
                first: "a",
                second: "b"
            }),
            "{found:?}"
        );
        // Neither manifest lists the command under `provides`: that is reported too.
        assert!(found.iter().any(|e| matches!(
            e,
            RegistryError::ProvidesMismatch {
                plugin: "a",
                field: "discord_commands",
                ..
            }
        )));
    }

    #[test]
    fn missing_and_cyclic_requirements_stop_the_start() {
        let found = errors(&[plugin("a", &["b"], nothing), plugin("b", &["a"], nothing)]);
        assert_eq!(
            found,
            [RegistryError::DependencyCycle(vec![
                "a".into(),
                "b".into(),
                "a".into()
            ])]
        );
        let found = errors(&[plugin("a", &["zzz"], nothing)]);
        assert_eq!(
            found,
            [RegistryError::MissingDependency {
                plugin: "a",
                required: "zzz".into()
            }]
        );
    }

    #[test]
    fn a_default_plugin_may_require_only_default_plugins() {
        let mut first = plugin("first", &["second"], nothing);
        if let Ok(m) = &mut first.manifest {
            m.enabled_by_default = true;
        }
        let found = errors(&[first, plugin("second", &[], nothing)]);
        assert_eq!(
            found,
            [RegistryError::DefaultNeedsDefault {
                plugin: "first",
                required: "second".into()
            }]
        );
    }

    #[test]
    fn duplicates_reserved_ids_unknown_events_and_owners_are_reported() {
        let found = errors(&[plugin("a", &[], nothing), plugin("a", &[], nothing)]);
        assert!(
            found.contains(&RegistryError::DuplicatePlugin("a")),
            "{found:?}"
        );
        let found = errors(&[plugin("admin", &[], nothing)]);
        assert!(
            found.contains(&RegistryError::ReservedId("admin")),
            "{found:?}"
        );
        let found = errors(&[plugin("a", &[], listens)]);
        assert!(
            found.contains(&RegistryError::UnknownEvent {
                plugin: "a",
                event: "nobody.event"
            }),
            "{found:?}"
        );
        let found = errors(&[plugin("a", &[], publishes_nobodys)]);
        assert!(
            found.contains(&RegistryError::ForeignEvent {
                plugin: "a",
                event: "nobody.event"
            }),
            "{found:?}"
        );
        let orphan = ServerFnDecl {
            path: "/api/x",
            plugin: Some("ghost"),
            guard: Guard::Public,
        };
        let a = plugin("a", &[], nothing);
        assert_eq!(
            validate_lists(&[&a], &[&orphan]).unwrap_err(),
            [RegistryError::UnknownOwner {
                path: "/api/x",
                plugin: "ghost"
            }]
        );
    }
}
