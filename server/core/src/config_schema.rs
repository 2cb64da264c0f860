//! A plugin's `config_schema`: the subset of JSON Schema that a generated form can show — an
//! object of named boolean, integer, number and string fields (strings optionally limited to a
//! list of choices). Anything outside it is refused when the manifest is read, naming the field.
//! The browser receives the same type to build the form.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigSchema {
    #[serde(rename = "type")]
    pub kind: ObjectType,
    #[serde(default)]
    pub properties: BTreeMap<String, Property>,
    /// Fields only the installation sets (a generator's address): organizations neither see
    /// nor override them.
    #[serde(
        default,
        rename = "x-installation",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub installation_only: Vec<String>,
    /// Text fields holding a secret (an API key): stored and handed to the plugin, but never
    /// shown back, written to the audit log or returned by the API. A form leaves a secret as
    /// it is unless a new one is typed or it is cleared.
    #[serde(default, rename = "x-secret", skip_serializing_if = "Vec::is_empty")]
    pub secret: Vec<String>,
}

/// What stands in for a secret's value wherever a configuration is shown or recorded.
pub const CONCEALED: &str = "(secret)";

/// The schema's root is always an object.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ObjectType {
    #[default]
    Object,
}

/// One field of the configuration.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase", deny_unknown_fields)]
pub enum Property {
    Boolean {
        #[serde(default)]
        title: Option<String>,
        #[serde(default)]
        description: Option<String>,
        #[serde(default)]
        default: Option<bool>,
    },
    Integer {
        #[serde(default)]
        title: Option<String>,
        #[serde(default)]
        description: Option<String>,
        #[serde(default)]
        default: Option<i64>,
        #[serde(default)]
        minimum: Option<i64>,
        #[serde(default)]
        maximum: Option<i64>,
    },
    Number {
        #[serde(default)]
        title: Option<String>,
        #[serde(default)]
        description: Option<String>,
        #[serde(default)]
        default: Option<f64>,
        #[serde(default)]
        minimum: Option<f64>,
        #[serde(default)]
        maximum: Option<f64>,
    },
    String {
        #[serde(default)]
        title: Option<String>,
        #[serde(default)]
        description: Option<String>,
        #[serde(default)]
        default: Option<String>,
        #[serde(default, rename = "minLength")]
        min_length: Option<usize>,
        #[serde(default, rename = "maxLength")]
        max_length: Option<usize>,
        #[serde(default, rename = "enum")]
        choices: Option<Vec<String>>,
    },
}

/// A configuration value refused by the schema: which field and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{field}: {message}")]
pub struct ConfigError {
    pub field: String,
    pub message: String,
}

impl ConfigError {
    fn new(field: &str, message: impl Into<String>) -> ConfigError {
        ConfigError {
            field: field.to_owned(),
            message: message.into(),
        }
    }
}

impl Property {
    pub fn title(&self) -> Option<&str> {
        match self {
            Property::Boolean { title, .. }
            | Property::Integer { title, .. }
            | Property::Number { title, .. }
            | Property::String { title, .. } => title.as_deref(),
        }
    }

    pub fn description(&self) -> Option<&str> {
        match self {
            Property::Boolean { description, .. }
            | Property::Integer { description, .. }
            | Property::Number { description, .. }
            | Property::String { description, .. } => description.as_deref(),
        }
    }

    /// The manifest's default, as a JSON value.
    pub fn default_value(&self) -> Option<Value> {
        match self {
            Property::Boolean { default, .. } => default.map(Value::from),
            Property::Integer { default, .. } => default.map(Value::from),
            Property::Number { default, .. } => default.map(Value::from),
            Property::String { default, .. } => default.clone().map(Value::from),
        }
    }

    /// Checks one value against this field's type and limits.
    pub fn check(&self, field: &str, value: &Value) -> Result<(), ConfigError> {
        match self {
            Property::Boolean { .. } => match value {
                Value::Bool(_) => Ok(()),
                _ => Err(ConfigError::new(field, "must be true or false")),
            },
            Property::Integer {
                minimum, maximum, ..
            } => {
                let Some(n) = value.as_i64() else {
                    return Err(ConfigError::new(field, "must be a whole number"));
                };
                check_range(field, n, *minimum, *maximum)
            }
            Property::Number {
                minimum, maximum, ..
            } => {
                let Some(n) = value.as_f64() else {
                    return Err(ConfigError::new(field, "must be a number"));
                };
                check_range(field, n, *minimum, *maximum)
            }
            Property::String {
                min_length,
                max_length,
                choices,
                ..
            } => {
                let Some(s) = value.as_str() else {
                    return Err(ConfigError::new(field, "must be text"));
                };
                if let Some(choices) = choices {
                    if !choices.iter().any(|c| c == s) {
                        return Err(ConfigError::new(
                            field,
                            format!("must be one of: {}", choices.join(", ")),
                        ));
                    }
                }
                let length = s.chars().count();
                if min_length.is_some_and(|min| length < min) {
                    return Err(ConfigError::new(
                        field,
                        format!("must be at least {} characters", min_length.unwrap_or(0)),
                    ));
                }
                if let Some(max) = max_length.filter(|max| length > *max) {
                    return Err(ConfigError::new(
                        field,
                        format!("must be at most {max} characters"),
                    ));
                }
                Ok(())
            }
        }
    }
}

fn check_range<N: PartialOrd + std::fmt::Display + Copy>(
    field: &str,
    n: N,
    minimum: Option<N>,
    maximum: Option<N>,
) -> Result<(), ConfigError> {
    if let Some(min) = minimum.filter(|min| n < *min) {
        return Err(ConfigError::new(field, format!("must be at least {min}")));
    }
    if let Some(max) = maximum.filter(|max| n > *max) {
        return Err(ConfigError::new(field, format!("must be at most {max}")));
    }
    Ok(())
}

impl ConfigSchema {
    /// Checks the schema itself: field names, limits that make sense, defaults that obey them.
    /// The error's field is the path inside `config_schema`.
    pub fn check_schema(&self) -> Result<(), ConfigError> {
        if let Some(unknown) = self
            .installation_only
            .iter()
            .find(|name| !self.properties.contains_key(*name))
        {
            return Err(ConfigError::new(
                "config_schema.x-installation",
                format!("`{unknown}` is not a field of the schema"),
            ));
        }
        if let Some(wrong) = self
            .secret
            .iter()
            .find(|name| !matches!(self.properties.get(*name), Some(Property::String { .. })))
        {
            return Err(ConfigError::new(
                "config_schema.x-secret",
                format!("`{wrong}` is not a text field of the schema"),
            ));
        }
        if let Some(name) = self.secret.iter().find(|name| {
            self.properties
                .get(*name)
                .is_some_and(|p| p.default_value().is_some())
        }) {
            return Err(ConfigError::new(
                "config_schema.x-secret",
                format!("`{name}` is a secret and cannot have a default"),
            ));
        }
        for (name, property) in &self.properties {
            let path = format!("config_schema.properties.{name}");
            let well_named = name.chars().next().is_some_and(|c| c.is_ascii_lowercase())
                && name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            if !well_named {
                return Err(ConfigError::new(
                    &path,
                    "field names use lowercase letters, digits and `_`, starting with a letter",
                ));
            }
            let limits_ok = match property {
                Property::Integer {
                    minimum: Some(min),
                    maximum: Some(max),
                    ..
                } => min <= max,
                Property::Number {
                    minimum: Some(min),
                    maximum: Some(max),
                    ..
                } => min <= max,
                Property::String {
                    min_length: Some(min),
                    max_length: Some(max),
                    ..
                } => min <= max,
                Property::String {
                    choices: Some(choices),
                    ..
                } => !choices.is_empty(),
                _ => true,
            };
            if !limits_ok {
                return Err(ConfigError::new(
                    &path,
                    "its minimum is above its maximum, or its list of choices is empty",
                ));
            }
            if let Some(default) = property.default_value() {
                property
                    .check(&format!("{path}.default"), &default)
                    .map_err(|e| {
                        ConfigError::new(&e.field, format!("the default {}", e.message))
                    })?;
            }
        }
        Ok(())
    }

    /// Checks a configuration (an installation's or an organization's): every key must be a
    /// field of the schema and every value must obey it. `null` removes an override.
    pub fn check_values(&self, values: &Map<String, Value>) -> Result<(), ConfigError> {
        for (key, value) in values {
            let Some(property) = self.properties.get(key) else {
                return Err(ConfigError::new(key, "is not a setting of this plugin"));
            };
            if !value.is_null() {
                property.check(key, value)?;
            }
        }
        Ok(())
    }

    /// Checks an organization's overrides: as [`check_values`](Self::check_values), and no
    /// installation-only field.
    pub fn check_org_values(&self, values: &Map<String, Value>) -> Result<(), ConfigError> {
        if let Some(key) = values
            .iter()
            .find(|(key, value)| !value.is_null() && self.installation_only.contains(*key))
            .map(|(key, _)| key)
        {
            return Err(ConfigError::new(
                key,
                "is set for the whole installation, not per organization",
            ));
        }
        self.check_values(values)
    }

    /// The schema an organization's form shows: without the installation-only fields.
    pub fn for_organizations(&self) -> ConfigSchema {
        ConfigSchema {
            kind: self.kind,
            properties: self
                .properties
                .iter()
                .filter(|(name, _)| !self.installation_only.contains(*name))
                .map(|(name, p)| (name.clone(), p.clone()))
                .collect(),
            installation_only: Vec::new(),
            secret: self
                .secret
                .iter()
                .filter(|name| !self.installation_only.contains(*name))
                .cloned()
                .collect(),
        }
    }

    /// `values` as they may be shown or recorded: each secret that is set replaced by
    /// [`CONCEALED`].
    pub fn conceal(&self, values: &Map<String, Value>) -> Map<String, Value> {
        values
            .iter()
            .map(|(key, value)| {
                let hidden = self.secret.contains(key) && !value.is_null();
                let shown = if hidden {
                    Value::from(CONCEALED)
                } else {
                    value.clone()
                };
                (key.clone(), shown)
            })
            .collect()
    }

    /// A submitted configuration completed with the secrets it leaves out: a form never holds
    /// a secret's value, so a secret it does not name keeps the stored one (`null` clears it).
    pub fn keep_secrets(
        &self,
        submitted: &Map<String, Value>,
        stored: &Map<String, Value>,
    ) -> Map<String, Value> {
        let mut values = submitted.clone();
        for name in &self.secret {
            if let (false, Some(value)) = (values.contains_key(name), stored.get(name)) {
                values.insert(name.clone(), value.clone());
            }
        }
        values
    }

    /// The manifest's defaults as an object.
    pub fn defaults(&self) -> Map<String, Value> {
        self.properties
            .iter()
            .filter_map(|(name, p)| p.default_value().map(|v| (name.clone(), v)))
            .collect()
    }

    /// The effective configuration: organization overrides over the installation's over the
    /// manifest's defaults. Fields none of them set are left out, so the plugin's own type fills
    /// them with its code defaults (`#[serde(default)]`).
    pub fn effective(
        &self,
        installation: &Map<String, Value>,
        organization: &Map<String, Value>,
    ) -> Map<String, Value> {
        let mut merged = self.defaults();
        for (layer, is_org) in [(installation, false), (organization, true)] {
            for (key, value) in layer {
                let allowed = !is_org || !self.installation_only.contains(key);
                if allowed && !value.is_null() && self.properties.contains_key(key) {
                    merged.insert(key.clone(), value.clone());
                }
            }
        }
        merged
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn schema() -> ConfigSchema {
        serde_json::from_value(json!({
            "type": "object",
            "properties": {
                "enable_racetime": {"type": "boolean", "default": true},
                "pool_size": {"type": "integer", "minimum": 1, "maximum": 50, "default": 10},
                "mode": {"type": "string", "enum": ["open", "invitational"], "default": "open"},
                "room_prefix": {"type": "string", "maxLength": 8}
            }
        }))
        .expect("valid schema")
    }

    fn map(value: Value) -> Map<String, Value> {
        value.as_object().cloned().expect("object")
    }

    #[test]
    fn installation_only_fields_are_not_the_organizations() {
        let schema: ConfigSchema = serde_json::from_value(json!({
            "type": "object",
            "properties": {
                "base_url": {"type": "string", "default": "https://alttpr.com"},
                "label": {"type": "string"}
            },
            "x-installation": ["base_url"]
        }))
        .unwrap();
        assert_eq!(schema.check_schema(), Ok(()));
        let org = json!({"base_url": "http://10.0.0.1"});
        let org = org.as_object().unwrap();
        assert_eq!(schema.check_org_values(org).unwrap_err().field, "base_url");
        assert!(schema.check_values(org).is_ok());
        let installation = json!({"base_url": "https://mirror.example"});
        let effective = schema.effective(installation.as_object().unwrap(), org);
        assert_eq!(effective["base_url"], "https://mirror.example");
        let shown = schema.for_organizations();
        assert!(
            shown.properties.contains_key("label") && !shown.properties.contains_key("base_url")
        );
        let broken: ConfigSchema = serde_json::from_value(json!({
            "type": "object", "properties": {}, "x-installation": ["nope"]
        }))
        .unwrap();
        assert!(broken.check_schema().is_err());
    }

    #[test]
    fn secrets_are_concealed_and_kept_unless_replaced_or_cleared() {
        let schema: ConfigSchema = serde_json::from_value(json!({
            "type": "object",
            "properties": {
                "api_key": {"type": "string", "minLength": 8},
                "version": {"type": "string", "default": "8.2.0"}
            },
            "x-secret": ["api_key"]
        }))
        .unwrap();
        assert_eq!(schema.check_schema(), Ok(()));
        let stored = map(json!({"api_key": "k-123456789", "version": "8.1.0"}));
        assert_eq!(
            Value::Object(schema.conceal(&stored)),
            json!({"api_key": CONCEALED, "version": "8.1.0"})
        );
        let kept = schema.keep_secrets(&map(json!({"version": "8.2.0"})), &stored);
        assert_eq!(kept["api_key"], "k-123456789");
        let replaced = schema.keep_secrets(&map(json!({"api_key": "new-key-99"})), &stored);
        assert_eq!(replaced["api_key"], "new-key-99");
        let cleared = schema.keep_secrets(&map(json!({"api_key": null})), &stored);
        assert_eq!(cleared["api_key"], Value::Null);
        assert_eq!(schema.for_organizations().secret, ["api_key"]);
        for bad in [
            json!({"type": "object", "properties": {"n": {"type": "integer"}}, "x-secret": ["n"]}),
            json!({"type": "object", "properties": {}, "x-secret": ["missing"]}),
            json!({"type": "object", "properties": {"k": {"type": "string", "default": "x"}},
                "x-secret": ["k"]}),
        ] {
            let schema: ConfigSchema = serde_json::from_value(bad).unwrap();
            assert_eq!(
                schema.check_schema().unwrap_err().field,
                "config_schema.x-secret"
            );
        }
    }

    #[test]
    fn org_config_beats_installation_config_beats_manifest_defaults() {
        let s = schema();
        let effective = s.effective(
            &map(json!({"pool_size": 20, "mode": "invitational"})),
            &map(json!({"pool_size": 30, "mode": null})),
        );
        assert_eq!(
            Value::Object(effective),
            json!({"enable_racetime": true, "pool_size": 30, "mode": "invitational"})
        );
    }

    #[test]
    fn bad_values_name_the_field_and_the_reason() {
        let s = schema();
        let cases = [
            (json!({"pool_size": 80}), "pool_size", "must be at most 50"),
            (
                json!({"pool_size": "ten"}),
                "pool_size",
                "must be a whole number",
            ),
            (
                json!({"mode": "chaos"}),
                "mode",
                "must be one of: open, invitational",
            ),
            (
                json!({"room_prefix": "much-too-long"}),
                "room_prefix",
                "must be at most 8 characters",
            ),
            (
                json!({"enable_racetime": "yes"}),
                "enable_racetime",
                "must be true or false",
            ),
            (
                json!({"colour": "red"}),
                "colour",
                "is not a setting of this plugin",
            ),
        ];
        for (values, field, message) in cases {
            let error = s.check_values(&map(values)).unwrap_err();
            assert_eq!(
                (error.field.as_str(), error.message.as_str()),
                (field, message)
            );
        }
        assert_eq!(
            s.check_values(&map(json!({"pool_size": 50, "mode": null}))),
            Ok(())
        );
    }

    #[test]
    fn a_schema_with_impossible_limits_or_defaults_is_refused() {
        let bad = [
            (
                json!({"x": {"type": "integer", "minimum": 5, "maximum": 1}}),
                "config_schema.properties.x",
            ),
            (
                json!({"x": {"type": "integer", "maximum": 3, "default": 9}}),
                "config_schema.properties.x.default",
            ),
            (
                json!({"x": {"type": "string", "enum": ["a"], "default": "b"}}),
                "config_schema.properties.x.default",
            ),
            (
                json!({"Bad-Name": {"type": "boolean"}}),
                "config_schema.properties.Bad-Name",
            ),
        ];
        for (properties, field) in bad {
            let schema: ConfigSchema =
                serde_json::from_value(json!({"type": "object", "properties": properties}))
                    .expect("parses");
            assert_eq!(schema.check_schema().unwrap_err().field, field);
        }
        assert_eq!(schema().check_schema(), Ok(()));
    }

    #[test]
    fn unknown_keywords_and_types_do_not_parse() {
        for properties in [
            json!({"x": {"type": "array"}}),
            json!({"x": {"type": "integer", "minimun": 1}}),
        ] {
            let parsed: Result<ConfigSchema, _> =
                serde_json::from_value(json!({"type": "object", "properties": properties}));
            assert!(parsed.is_err(), "{properties} should not parse");
        }
    }
}
