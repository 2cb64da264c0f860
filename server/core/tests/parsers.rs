//! Property tests of the core's parsers of outside input: whatever arrives, each answers with
//! a value that keeps its promises or a clear refusal, and never panics.

use proptest::prelude::*;
use sahabot_core::authz::{validate_action_pattern, validate_resource_pattern, CORE_ACTIONS};
use sahabot_core::config_schema::ConfigSchema;
use sahabot_core::repo::paging::Window;
use sahabot_core::schedule::ScheduleSpec;
use sahabot_core::text;

/// Text with the characters that cause trouble mixed in: controls, direction marks,
/// invisible ones, combining marks, line breaks.
fn nasty_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        any::<char>().prop_map(String::from),
        Just("\u{202E}".to_string()),
        Just("\u{200B}".to_string()),
        Just("\u{301}".to_string()),
        Just("\r\n".to_string()),
        Just("\0".to_string()),
        Just(" ".to_string()),
        "[a-zA-Z0-9 ]{1,8}",
    ];
    prop::collection::vec(pieces, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn one_line_text_keeps_its_promises(value in nasty_text(), max in 1usize..40) {
        if let Ok(text) = text::one_line("name", &value, max) {
            prop_assert!(!text.chars().any(char::is_control));
            let reversed = text.contains('\u{202E}');
            prop_assert!(!reversed);
            prop_assert_eq!(text.trim(), text.as_str());
            prop_assert!(text.chars().count() <= max);
            let blank = text.chars().all(|c| c.is_whitespace() || c == '\u{200B}');
            prop_assert!(!blank);
            // Checking a checked text changes nothing.
            prop_assert_eq!(text::one_line("name", &text, max), Ok(text.clone()));
        }
        if let Ok(text) = text::multi_line("notes", &value, max) {
            prop_assert!(!text.chars().any(|c| c.is_control() && c != '\n' && c != '\t'));
            prop_assert!(!text.contains('\r'));
        }
    }

    #[test]
    fn schedules_parse_or_refuse_and_round_trip(
        kind in prop_oneof![
            Just("interval".to_string()),
            Just("cron".to_string()),
            Just("once".to_string()),
            "[a-z]{0,8}",
        ],
        value in prop_oneof![
            "[0-9]{0,12}",
            "-?[0-9]{1,20}",
            "[0-9*/,-]{1,4}( [0-9*/,-]{1,4}){0,6}",
            "2[0-9]{3}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2})?Z?",
            ".{0,30}",
        ],
    ) {
        if let Ok(spec) = ScheduleSpec::parse(&kind, &value) {
            let stored = ScheduleSpec::from_stored(spec.kind(), &spec.value());
            prop_assert_eq!(stored.ok(), Some(spec.clone()));
            let _ = spec.next_after(i64::MAX - 1);
            let _ = spec.describe();
        }
    }

    #[test]
    fn permission_patterns_never_panic(pattern in ".{0,120}") {
        let known = CORE_ACTIONS.iter().map(|(a, _)| *a);
        if validate_action_pattern(&pattern, known).is_ok() {
            prop_assert!(pattern.len() <= 100);
        }
        let _ = validate_resource_pattern(&pattern);
    }

    #[test]
    fn pages_have_an_offset_or_a_refusal(page in any::<i64>(), per_page in any::<i64>()) {
        if let Ok(window) = Window::new("page", page, per_page) {
            prop_assert!(window.offset() >= 0);
            prop_assert!(window.per_page() >= 1);
        }
    }

    #[test]
    fn configuration_values_pass_their_schema_or_are_refused_by_field(
        values in prop::collection::btree_map(
            prop_oneof![Just("cap".to_string()), Just("mode".to_string()), Just("on".to_string()),
                Just("ratio".to_string()), Just("name".to_string()), "[a-z]{1,6}"],
            prop_oneof![
                any::<i64>().prop_map(serde_json::Value::from),
                (-10.0f64..10.0).prop_map(serde_json::Value::from),
                any::<bool>().prop_map(serde_json::Value::from),
                prop_oneof![Just("fast"), Just("slow"), Just("")].prop_map(serde_json::Value::from),
                ".{0,30}".prop_map(serde_json::Value::from),
                Just(serde_json::Value::Null),
                Just(serde_json::json!([1, {"a": 2}])),
            ],
            0..6,
        )
    ) {
        let schema: ConfigSchema = serde_json::from_value(serde_json::json!({
            "type": "object",
            "properties": {
                "cap": {"type": "integer", "minimum": 100, "maximum": 200},
                "mode": {"type": "string", "enum": ["fast", "slow"]},
                "on": {"type": "boolean"},
                "ratio": {"type": "number", "minimum": 0.5, "maximum": 2.0},
                "name": {"type": "string", "minLength": 1, "maxLength": 20},
            }
        }))
        .unwrap();
        let map: serde_json::Map<String, serde_json::Value> = values.clone().into_iter().collect();
        match schema.check_values(&map) {
            Ok(()) => {
                // What passed keeps the schema's promises (`null` removes an override).
                for (key, value) in values.iter().filter(|(_, v)| !v.is_null()) {
                    match key.as_str() {
                        "cap" => prop_assert!(value.as_i64().is_some_and(|n| (100..=200).contains(&n))),
                        "mode" => prop_assert!(matches!(value.as_str(), Some("fast" | "slow"))),
                        "on" => prop_assert!(value.is_boolean()),
                        "ratio" => prop_assert!(value.as_f64().is_some_and(|n| (0.5..=2.0).contains(&n))),
                        "name" => prop_assert!(value.as_str().is_some_and(|s| (1..=20).contains(&s.chars().count()))),
                        other => prop_assert!(false, "an unknown key passed: {other}"),
                    }
                }
            }
            Err(error) => prop_assert!(values.contains_key(&error.field), "{error} names no given field"),
        }
    }
}
