//! Every plugin crate in the repository is linked, and the registry is consistent.

#![allow(clippy::unwrap_used)] // test helpers may panic

use std::path::Path;

use sahabot_sdk::registry;

fn plugin_folders() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../plugins");
    let mut names = Vec::new();
    for kind in ["builtin", "external"] {
        let Ok(entries) = std::fs::read_dir(root.join(kind)) else {
            continue;
        };
        for entry in entries {
            let entry = entry.unwrap();
            if entry.path().join("Cargo.toml").exists() {
                names.push(entry.file_name().to_string_lossy().into_owned());
            }
        }
    }
    names.sort();
    names
}

#[test]
fn every_plugin_folder_is_linked_under_its_id() {
    sahabot_server::plugins::load().unwrap();
    let folders = plugin_folders();
    assert!(folders.len() >= 2, "{folders:?}");
    assert_eq!(registry::plugin_ids(), folders);
}

#[test]
fn every_plugin_has_a_page_in_the_navigation() {
    sahabot_server::plugins::load().unwrap();
    for plugin in registry::plugins() {
        assert!(
            registry::nav_pages(sahabot_sdk::PageKind::Org)
                .iter()
                .any(|p| p.plugin_id == plugin.id),
            "{} has no page",
            plugin.id
        );
        let manifest = plugin.manifest().unwrap();
        assert!(!manifest.description.is_empty(), "{}", plugin.id);
    }
}

#[test]
fn the_builtin_plugins_carry_the_seeds_ids_categories_and_dependencies() {
    use sahabot_sdk::manifest::PluginKind;
    use sahabot_sdk::Category;
    sahabot_server::plugins::load().unwrap();
    let expect = [
        (
            "async_qualifier",
            Category::Competition,
            &["racetime", "presets"][..],
        ),
        ("discord_bot", Category::Global, &[][..]),
        ("presets", Category::Core, &[][..]),
        ("racetime", Category::Integration, &[][..]),
        ("tournament", Category::Competition, &[][..]),
    ];
    for (id, category, requires) in expect {
        let m = registry::plugin(id).and_then(|p| p.manifest()).unwrap();
        assert_eq!(m.kind, PluginKind::Builtin, "{id}");
        assert_eq!(m.category, category, "{id}");
        assert_eq!(m.requires.plugins, requires, "{id}");
    }
    let tournament = registry::plugin("tournament")
        .and_then(|p| p.manifest())
        .unwrap();
    assert_eq!(
        tournament.requires.optional_plugins,
        ["presets", "racetime"]
    );
}
