//! `sahabot plugin new`: the files it writes and the three it links the plugin in, and the
//! refusals that change nothing. (That the crate it writes compiles, passes its own tests and
//! satisfies the registry and the access matrix is checked by `scripts/check-scaffold.sh`.)

#![allow(clippy::unwrap_used)]

use std::path::Path;

use sahabot_server::scaffold::{create, NewPlugin};

const LINK_FILES: [&str; 3] = ["Cargo.toml", "app/Cargo.toml", "app/src/plugins.rs"];

/// A workspace root holding the real link files.
fn workspace() -> tempfile::TempDir {
    let real = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let root = tempfile::tempdir().unwrap();
    for file in LINK_FILES.iter().chain(["plugins/sdk/Cargo.toml"].iter()) {
        let to = root.path().join(file);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(real.join(file), to).unwrap();
    }
    std::fs::create_dir_all(root.path().join("plugins/builtin/tournament")).unwrap();
    root
}

fn snapshot(root: &Path) -> Vec<String> {
    LINK_FILES
        .iter()
        .map(|f| std::fs::read_to_string(root.join(f)).unwrap())
        .collect()
}

fn new(root: &Path, id: &str, external: bool) -> NewPlugin {
    NewPlugin {
        id: id.into(),
        external,
        root: root.to_path_buf(),
    }
}

#[test]
fn a_new_plugin_is_written_and_linked() {
    let root = workspace();
    let created = create(&new(root.path(), "shout_outs", false)).unwrap();
    assert_eq!(
        created.written,
        [
            "Cargo.toml",
            "manifest.yaml",
            "migrations/0001_shout_outs.sql",
            "src/lib.rs",
            "src/page.rs",
            "src/server_fns.rs",
            "src/server.rs",
        ]
        .map(|f| format!("plugins/builtin/shout_outs/{f}"))
    );
    assert_eq!(created.changed, LINK_FILES);
    let dir = root.path().join("plugins/builtin/shout_outs");
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap();
    assert!(read("Cargo.toml").contains("name = \"shout_outs\""));
    let manifest = read("manifest.yaml");
    assert!(
        manifest.contains("id: shout_outs\nname: Shout outs\n"),
        "{manifest}"
    );
    assert!(manifest.contains("type: builtin"));
    assert!(manifest.contains("- name: shout-outs"), "{manifest}");
    assert!(read("src/lib.rs").contains("id: shout_outs,"));
    assert!(read("src/server.rs").contains("include_str!(\"../migrations/0001_shout_outs.sql\")"));
    for file in created.written {
        assert!(
            !std::fs::read_to_string(root.path().join(&file))
                .unwrap()
                .contains("{{"),
            "{file}"
        );
    }

    let [workspace, app, list] = <[String; 3]>::try_from(snapshot(root.path())).unwrap();
    assert!(workspace.contains("members = [\n    \"plugins/builtin/shout_outs\",\n"));
    assert!(workspace.contains(
        "shout_outs = { path = \"plugins/builtin/shout_outs\", default-features = false }"
    ));
    assert!(app.contains("shout_outs.workspace = true"));
    assert!(app.contains("\"shout_outs/hydrate\""));
    assert!(app.contains("\"shout_outs/ssr\""));
    assert!(list.contains("link_plugins!(\n    shout_outs,\n"));
}

#[test]
fn an_external_plugin_goes_under_external() {
    let root = workspace();
    create(&new(root.path(), "club_notes", true)).unwrap();
    let manifest = std::fs::read_to_string(
        root.path()
            .join("plugins/external/club_notes/manifest.yaml"),
    )
    .unwrap();
    assert!(manifest.contains("type: external"));
}

#[test]
fn refusals_change_nothing() {
    let root = workspace();
    let before = snapshot(root.path());
    for (id, says) in [
        ("Shout", "cannot be a plugin id"),
        ("9lives", "cannot be a plugin id"),
        ("ab", "cannot be a plugin id"),
        ("shout-outs", "cannot be a plugin id"),
        ("admin", "reserved"),
        ("tournament", "exists already"),
        ("leptos", "already has a dependency named `leptos`"),
    ] {
        let error = create(&new(root.path(), id, false))
            .unwrap_err()
            .to_string();
        assert!(error.contains(says), "{id}: {error}");
        assert_eq!(snapshot(root.path()), before, "{id}");
    }
    assert_eq!(
        std::fs::read_dir(root.path().join("plugins/builtin"))
            .unwrap()
            .count(),
        1,
        "only the tournament folder the workspace started with"
    );
}
