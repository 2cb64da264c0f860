//! A plugin's `manifest.yaml` (the seed's schema), embedded at compile time and read with a YAML
//! parser. Every field that the seed defines must be present or have a stated default; a missing,
//! unknown or malformed field is an error naming the plugin and the field, never a silent
//! default.

use serde::{Deserialize, Deserializer};

use crate::Category;
use sahabot_core::config_schema::ConfigSchema;

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub id: String,
    pub name: String,
    #[serde(deserialize_with = "version")]
    pub version: semver::Version,
    pub description: String,
    pub author: String,
    #[serde(default)]
    pub website: Option<String>,
    #[serde(rename = "type")]
    pub kind: PluginKind,
    pub category: Category,
    pub enabled_by_default: bool,
    pub private: bool,
    pub requires: Requires,
    #[serde(default)]
    pub provides: Provides,
    #[serde(default)]
    pub permissions: Permissions,
    /// Names of boolean settings of `config_schema` that switch parts of the plugin per
    /// organization: plugins and their configuration replace a separate feature-flag system.
    #[serde(default)]
    pub feature_flags: Vec<String>,
    #[serde(default)]
    pub config_schema: ConfigSchema,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PluginKind {
    /// Ships with the product; always installed.
    Builtin,
    /// Linked like the builtins but installed only when a global admin says so.
    External,
}

impl PluginKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PluginKind::Builtin => "builtin",
            PluginKind::External => "external",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requires {
    /// The product versions the plugin works with, as a semver range (`>=0.1.0`).
    #[serde(deserialize_with = "version_req")]
    pub sahabot: semver::VersionReq,
    /// Plugins that must be enabled for the same organization first.
    #[serde(default)]
    pub plugins: Vec<String>,
    /// Plugins whose features are used where they are enabled for the same organization.
    #[serde(default)]
    pub optional_plugins: Vec<String>,
}

/// What the plugin says it contributes; checked against what it registers.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provides {
    #[serde(default)]
    pub models: Vec<String>,
    #[serde(default)]
    pub pages: Vec<ProvidedPage>,
    #[serde(default)]
    pub api_routes: Option<ProvidedApi>,
    #[serde(default)]
    pub discord_commands: Vec<ProvidedCommand>,
    #[serde(default)]
    pub events: Vec<String>,
    #[serde(default)]
    pub tasks: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProvidedPage {
    pub path: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProvidedApi {
    pub prefix: String,
    #[serde(default)]
    pub tags: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProvidedCommand {
    pub name: String,
    pub description: String,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Permissions {
    #[serde(default)]
    pub actions: Vec<ActionDecl>,
}

/// A permission action the plugin's guards use; the role editor offers it with its description.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionDecl {
    pub action: String,
    pub description: String,
}

/// A manifest that cannot be used, naming the plugin (its crate's declared id) and the field.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("plugin `{plugin}`: manifest field `{field}`: {message}")]
pub struct ManifestError {
    pub plugin: String,
    pub field: String,
    pub message: String,
}

fn version<'de, D: Deserializer<'de>>(d: D) -> Result<semver::Version, D::Error> {
    let text = String::deserialize(d)?;
    semver::Version::parse(&text)
        .map_err(|e| serde::de::Error::custom(format!("`{text}` is not a semver version: {e}")))
}

fn version_req<'de, D: Deserializer<'de>>(d: D) -> Result<semver::VersionReq, D::Error> {
    let text = String::deserialize(d)?;
    semver::VersionReq::parse(&text)
        .map_err(|e| serde::de::Error::custom(format!("`{text}` is not a semver range: {e}")))
}

/// Plugin ids: lowercase letters, digits and `_`, starting with a letter.
pub fn is_plugin_id(id: &str) -> bool {
    id.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && id.len() <= 40
}

impl Manifest {
    /// Reads and checks the manifest of the plugin declared as `declared_id`.
    pub fn parse(declared_id: &str, yaml: &str) -> Result<Manifest, ManifestError> {
        let error = |field: &str, message: String| ManifestError {
            plugin: declared_id.to_owned(),
            field: field.to_owned(),
            message,
        };
        let value: serde_json::Value =
            serde_saphyr::from_str(yaml).map_err(|e| error("(document)", e.to_string()))?;
        let manifest: Manifest = serde_path_to_error::deserialize(value).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner().to_string();
            // A missing field is reported at its parent; name the field itself.
            match inner.strip_prefix("missing field `") {
                Some(rest) => {
                    let field = rest.trim_end_matches('`');
                    let full = if path == "." {
                        field.to_owned()
                    } else {
                        format!("{path}.{field}")
                    };
                    error(&full, "is required".into())
                }
                None => error(&path, inner),
            }
        })?;
        manifest
            .check(declared_id)
            .map_err(|(field, message)| error(&field, message))?;
        Ok(manifest)
    }

    /// Whether the plugin is global (always on, no organization switch).
    pub fn is_global(&self) -> bool {
        self.category == Category::Global
    }

    fn check(&self, declared_id: &str) -> Result<(), (String, String)> {
        let fail = |field: &str, message: String| Err((field.to_owned(), message));
        if self.id != declared_id {
            return fail(
                "id",
                format!("is `{}` but the crate declares `{declared_id}`", self.id),
            );
        }
        if !is_plugin_id(&self.id) {
            return fail(
                "id",
                "use lowercase letters, digits and `_`, starting with a letter".into(),
            );
        }
        for (field, text) in [
            ("name", &self.name),
            ("description", &self.description),
            ("author", &self.author),
        ] {
            if text.trim().is_empty() {
                return fail(field, "must not be empty".into());
            }
        }
        if let Some(website) = &self.website {
            if !website.starts_with("https://") {
                return fail("website", "must be an https:// address".into());
            }
        }
        let product = crate::product_version();
        if !self.requires.sahabot.matches(&product) {
            return fail(
                "requires.sahabot",
                format!(
                    "`{}` does not accept this product's version {product}",
                    self.requires.sahabot
                ),
            );
        }
        for (field, list) in [
            ("requires.plugins", &self.requires.plugins),
            ("requires.optional_plugins", &self.requires.optional_plugins),
        ] {
            for id in list {
                if !is_plugin_id(id) || *id == self.id {
                    return fail(field, format!("`{id}` is not another plugin's id"));
                }
            }
        }
        if self.is_global() && self.private {
            return fail(
                "private",
                "a global plugin has no organization switch, so it cannot be private".into(),
            );
        }
        for action in &self.permissions.actions {
            let well_formed = action
                .action
                .strip_prefix(self.id.as_str())
                .and_then(|rest| rest.strip_prefix(':'))
                .is_some_and(|name| {
                    !name.is_empty()
                        && name.chars().all(|c| {
                            c.is_ascii_lowercase() || c.is_ascii_digit() || "_.-".contains(c)
                        })
                });
            if !well_formed {
                return fail(
                    "permissions.actions",
                    format!(
                        "`{}` must start with `{}:` and use lowercase letters, digits and `_ . -`",
                        action.action, self.id
                    ),
                );
            }
        }
        self.config_schema
            .check_schema()
            .or_else(|e| fail(&e.field, e.message))?;
        for flag in &self.feature_flags {
            let is_boolean_setting = matches!(
                self.config_schema.properties.get(flag),
                Some(sahabot_core::config_schema::Property::Boolean { .. })
            );
            if !is_boolean_setting {
                return fail(
                    "feature_flags",
                    format!("`{flag}` must be a boolean setting of config_schema"),
                );
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
id: sample
name: Sample
version: 1.2.0
description: A sample plugin.
author: SahaBot
website: https://example.org/sample
type: external
category: utility
enabled_by_default: false
private: true
requires:
  sahabot: ">=0.1.0"
  plugins: [presets]
  optional_plugins: [racetime]
provides:
  pages:
    - path: /org/{org}/sample
      name: Sample
  discord_commands:
    - name: sample
      description: Does a sample thing
  tasks: [sample_sweep]
permissions:
  actions:
    - action: sample:read
      description: See samples
feature_flags: [fast_mode]
config_schema:
  type: object
  properties:
    fast_mode:
      type: boolean
      default: false
    limit:
      type: integer
      minimum: 1
      maximum: 9
      default: 3
"#;

    fn field_of(yaml: &str) -> String {
        Manifest::parse("sample", yaml).unwrap_err().field
    }

    #[test]
    fn a_complete_manifest_is_read() {
        let m = Manifest::parse("sample", GOOD).expect("valid");
        assert_eq!(m.version, semver::Version::new(1, 2, 0));
        assert_eq!(m.kind, PluginKind::External);
        assert_eq!(m.category, Category::Utility);
        assert!(m.private && !m.enabled_by_default);
        assert_eq!(m.requires.plugins, vec!["presets"]);
        assert_eq!(m.provides.tasks, vec!["sample_sweep"]);
        assert_eq!(m.config_schema.properties.len(), 2);
    }

    #[test]
    fn each_broken_field_is_named() {
        let cases = [
            (GOOD.replace("category: utility\n", ""), "category"),
            (
                GOOD.replace("category: utility", "category: games"),
                "category",
            ),
            (GOOD.replace("version: 1.2.0", "version: one"), "version"),
            (
                GOOD.replace("\">=0.1.0\"", "\"=>banana\""),
                "requires.sahabot",
            ),
            (
                GOOD.replace("\">=0.1.0\"", "\">=99.0.0\""),
                "requires.sahabot",
            ),
            (GOOD.replace("private: true", "private: maybe"), "private"),
            (GOOD.replace("type: external", "type: remote"), "type"),
            (GOOD.replace("id: sample", "id: other"), "id"),
            (GOOD.replace("author: SahaBot", "author: \"  \""), "author"),
            (
                GOOD.replace("https://example.org", "ftp://example.org"),
                "website",
            ),
            (
                GOOD.replace("action: sample:read", "action: other:read"),
                "permissions.actions",
            ),
            (GOOD.replace("[fast_mode]", "[limit]"), "feature_flags"),
            (
                GOOD.replace("maximum: 9", "maximum: 2"),
                "config_schema.properties.limit.default",
            ),
            (
                GOOD.replace("type: boolean", "type: list"),
                "config_schema.properties.fast_mode",
            ),
            (
                GOOD.replace("plugins: [presets]", "plugins: [sample]"),
                "requires.plugins",
            ),
            (
                GOOD.replace("enabled_by_default: false\n", ""),
                "enabled_by_default",
            ),
            (format!("{GOOD}colour: red\n"), "colour"),
        ];
        for (yaml, field) in cases {
            assert!(
                field_of(&yaml).starts_with(field),
                "expected an error at `{field}`, got {:?}",
                Manifest::parse("sample", &yaml)
            );
        }
    }

    #[test]
    fn the_error_names_the_plugin() {
        let error = Manifest::parse("sample", &GOOD.replace("category: utility", "category: x"))
            .unwrap_err();
        let text = error.to_string();
        assert!(
            text.contains("plugin `sample`") && text.contains("`category`"),
            "{text}"
        );
    }

    #[test]
    fn a_global_plugin_cannot_be_private() {
        let yaml = GOOD.replace("category: utility", "category: global");
        assert_eq!(field_of(&yaml), "private");
    }
}
