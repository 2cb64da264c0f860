//! Property tests of the SDK's parsers of outside input: a plugin's manifest and its stored
//! configuration. Whatever the text, each answers with a value or an error naming what is
//! wrong, and never panics.

use proptest::prelude::*;
use sahabot_sdk::manifest::Manifest;
use sahabot_sdk::plugin_config::parse_stored;

/// YAML-looking text: keys and values of the manifest's shape, broken in random places.
fn manifest_like() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        Just("id: probe".to_string()),
        Just("name: Probe".to_string()),
        Just("version: 1.0.0".to_string()),
        Just("category: tools".to_string()),
        Just("requires:\n  sahabot: \">=0.1\"\n  plugins: [presets]".to_string()),
        Just("config_schema:\n  type: object\n  properties:\n    n: {type: integer, minimum: 5, maximum: 1}".to_string()),
        Just("permissions:\n  actions:\n    - {action: \"probe:read\", description: x}".to_string()),
        "[a-z_]{1,12}: .{0,20}",
        ".{0,40}",
    ];
    prop::collection::vec(line, 0..10).prop_map(|lines| lines.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1_000))]

    #[test]
    fn manifests_parse_or_name_the_field(yaml in manifest_like()) {
        if let Err(error) = Manifest::parse("probe", &yaml) {
            prop_assert_eq!(error.plugin.as_str(), "probe");
            prop_assert!(!error.message.is_empty());
        }
    }

    #[test]
    fn stored_configuration_parses_or_refuses(text in prop_oneof![".{0,60}", "\\{\"[a-z]{1,5}\": [0-9a-z\"]{0,8}\\}"]) {
        let _ = parse_stored(Some(&text));
    }
}
