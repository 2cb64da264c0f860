//! Property tests of the SDK's parser of a plugin's manifest: whatever the text, it answers
//! with a manifest or an error naming the plugin and what is wrong, and never panics.

use proptest::prelude::*;
use sahabot_sdk::manifest::Manifest;

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
}
