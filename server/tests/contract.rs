//! The contract line, checked on the workspace itself: a plugin crate reaches the host only
//! through `sahabot-sdk`. It cannot name the core's repositories, the runtime or the app,
//! because it cannot depend on their crates.

#![allow(clippy::unwrap_used)] // test code may panic

use std::process::Command;

#[test]
fn plugin_crates_depend_on_no_host_crate() {
    let out = Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let metadata: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let root = std::path::Path::new(metadata["workspace_root"].as_str().unwrap());
    let plugins = root.join("plugins");
    let sdk = plugins.join("sdk");
    let mut checked = Vec::new();
    for package in metadata["packages"].as_array().unwrap() {
        let manifest = std::path::Path::new(package["manifest_path"].as_str().unwrap());
        if !manifest.starts_with(&plugins) || manifest.starts_with(&sdk) {
            continue;
        }
        let name = package["name"].as_str().unwrap();
        for dependency in package["dependencies"].as_array().unwrap() {
            let Some(path) = dependency["path"].as_str() else {
                continue;
            };
            let path = std::path::Path::new(path);
            assert!(
                path.starts_with(&plugins),
                "plugin `{name}` depends on `{}` ({}): a plugin reaches the host only through \
                 sahabot-sdk",
                dependency["name"].as_str().unwrap(),
                path.display()
            );
        }
        checked.push(name.to_owned());
    }
    // Every plugin crate of the workspace was looked at (the list is not empty by accident).
    for expected in ["tournament", "presets", "discord_bot", "links"] {
        assert!(checked.iter().any(|c| c == expected), "{checked:?}");
    }
}
