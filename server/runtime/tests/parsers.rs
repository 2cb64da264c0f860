//! Property test of the host's reader of a stored plugin configuration: whatever the text, it
//! answers with a JSON object or an error, and never panics.

use proptest::prelude::*;
use sahabot_runtime::plugin_config::parse_stored;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1_000))]

    #[test]
    fn stored_configuration_parses_or_refuses(text in prop_oneof![".{0,60}", "\\{\"[a-z]{1,5}\": [0-9a-z\"]{0,8}\\}"]) {
        match parse_stored(Some(&text)) {
            Ok(map) => prop_assert!(serde_json::from_str::<serde_json::Value>(&text).is_ok_and(|v| v.as_object() == Some(&map))),
            Err(e) => prop_assert!(e.to_string().contains("config")),
        }
    }
}
