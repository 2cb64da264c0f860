//! `sahabot plugin new ID`: a plugin crate that compiles and passes its own tests at once — a
//! manifest, a page, a server function, an API route, a slash command, a task, a migration and
//! tests — added to the workspace and to the app's list of linked plugins.

use std::path::{Path, PathBuf};

use crate::error::Error;

/// What to create.
#[derive(Debug, Clone)]
pub struct NewPlugin {
    /// The plugin's id: lowercase letters, digits and `_`, starting with a letter.
    pub id: String,
    /// Installed only by a global admin (`plugins/external/`), rather than built in.
    pub external: bool,
    /// The workspace's root (the folder with the top `Cargo.toml`).
    pub root: PathBuf,
}

/// The files written and the files changed, relative to the root.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Created {
    pub written: Vec<String>,
    pub changed: Vec<String>,
}

const TEMPLATES: &[(&str, &str)] = &[
    ("Cargo.toml", include_str!("Cargo.toml.tmpl")),
    ("manifest.yaml", include_str!("manifest.yaml.tmpl")),
    (
        "migrations/0001_{{id}}.sql",
        include_str!("migration.sql.tmpl"),
    ),
    ("src/lib.rs", include_str!("lib.rs.tmpl")),
    ("src/page.rs", include_str!("page.rs.tmpl")),
    ("src/server_fns.rs", include_str!("server_fns.rs.tmpl")),
    ("src/server.rs", include_str!("server.rs.tmpl")),
];

/// Creates the crate and links it; nothing is written when a check fails.
pub fn create(new: &NewPlugin) -> Result<Created, Error> {
    check_id(&new.id)?;
    let folder = if new.external { "external" } else { "builtin" };
    let relative = format!("plugins/{folder}/{}", new.id);
    let dir = new.root.join(&relative);
    if dir.exists() || plugin_folder_taken(&new.root, &new.id) {
        return Err(Error::Config(format!(
            "a plugin `{}` exists already (plugins/*/{})",
            new.id, new.id
        )));
    }
    let edits = link_edits(&new.root, &new.id, &relative)?;
    let values = [
        ("{{id}}", new.id.clone()),
        ("{{name}}", display_name(&new.id)),
        ("{{command}}", new.id.replace('_', "-")),
        ("{{kind}}", folder.to_owned()),
        ("{{author}}", "Your name".to_owned()),
    ];
    let fill = |text: &str| {
        values.iter().fold(text.to_owned(), |text, (key, value)| {
            text.replace(key, value)
        })
    };
    let mut created = Created::default();
    for (path, template) in TEMPLATES {
        let path = fill(path);
        let file = dir.join(&path);
        if let Some(parent) = file.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
        }
        std::fs::write(&file, fill(template)).map_err(|e| io(&file, e))?;
        created.written.push(format!("{relative}/{path}"));
    }
    for (path, text) in edits {
        std::fs::write(new.root.join(&path), text).map_err(|e| io(&new.root.join(&path), e))?;
        created.changed.push(path);
    }
    Ok(created)
}

fn check_id(id: &str) -> Result<(), Error> {
    let reserved = sahabot_runtime::registry_check::RESERVED_IDS.contains(&id);
    if reserved {
        return Err(Error::Config(format!(
            "`{id}` is reserved; choose another id"
        )));
    }
    // The manifest's rule for ids, kept to 3–32 characters for the crate and command names.
    if (3..=32).contains(&id.len()) && sahabot_sdk::manifest::is_plugin_id(id) {
        Ok(())
    } else {
        Err(Error::Config(format!(
            "`{id}` cannot be a plugin id: use 3 to 32 lowercase letters, digits and `_`, \
             starting with a letter"
        )))
    }
}

fn plugin_folder_taken(root: &Path, id: &str) -> bool {
    ["builtin", "external"]
        .iter()
        .any(|folder| root.join("plugins").join(folder).join(id).exists())
}

/// `racetime_rooms` → `Racetime rooms`.
fn display_name(id: &str) -> String {
    let words = id.replace('_', " ");
    let mut chars = words.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().collect::<String>() + chars.as_str()
    })
}

/// The new text of the three files that link a plugin: the workspace's members and
/// dependencies, the app's dependency and features, and the app's list of plugin crates.
fn link_edits(root: &Path, id: &str, relative: &str) -> Result<Vec<(String, String)>, Error> {
    let read =
        |path: &str| std::fs::read_to_string(root.join(path)).map_err(|e| io(&root.join(path), e));
    let workspace = read("Cargo.toml")?;
    let taken = workspace
        .lines()
        .any(|l| l.starts_with(&format!("{id} =")) || l.starts_with(&format!("{id}.")));
    if taken {
        return Err(Error::Config(format!(
            "the workspace already has a dependency named `{id}`; choose another id"
        )));
    }
    let workspace = insert_after(
        &workspace,
        "members = [\n",
        &format!("    \"{relative}\",\n"),
        "Cargo.toml: the workspace's `members = [` list",
    )?;
    let workspace = insert_after(
        &workspace,
        "[workspace.dependencies]\n",
        &format!("{id} = {{ path = \"{relative}\", default-features = false }}\n"),
        "Cargo.toml: `[workspace.dependencies]`",
    )?;
    let app = read("app/Cargo.toml")?;
    let app = insert_after(
        &app,
        "[dependencies]\n",
        &format!("{id}.workspace = true\n"),
        "app/Cargo.toml: `[dependencies]`",
    )?;
    let app = insert_after(
        &app,
        "hydrate = [\n",
        &format!("    \"{id}/hydrate\",\n"),
        "app/Cargo.toml: the `hydrate = [` feature",
    )?;
    let app = insert_after(
        &app,
        "ssr = [\n",
        &format!("    \"{id}/ssr\",\n"),
        "app/Cargo.toml: the `ssr = [` feature",
    )?;
    let list = read("app/src/plugins.rs")?;
    let list = insert_after(
        &list,
        "sahabot_sdk::link_plugins!(\n",
        &format!("    {id},\n"),
        "app/src/plugins.rs: the `link_plugins!(` list",
    )?;
    Ok(vec![
        ("Cargo.toml".into(), workspace),
        ("app/Cargo.toml".into(), app),
        ("app/src/plugins.rs".into(), list),
    ])
}

fn insert_after(text: &str, marker: &str, line: &str, what: &str) -> Result<String, Error> {
    let at = text
        .find(marker)
        .ok_or_else(|| Error::Config(format!("cannot find {what}; link the plugin by hand")))?;
    let at = at + marker.len();
    Ok(format!("{}{line}{}", &text[..at], &text[at..]))
}

fn io(path: &Path, e: std::io::Error) -> Error {
    Error::Config(format!("{}: {e}", path.display()))
}
