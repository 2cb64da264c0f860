//! JSON integers as JSON Schema defines them: `316` and `316.0` are the same integer, so a
//! body the OpenAPI document calls valid is read as such. A fraction or a number beyond the
//! 64-bit range is refused (422, naming the field).

use serde::{de::Error, Deserialize, Deserializer};

pub fn required<'de, D: Deserializer<'de>>(deserializer: D) -> Result<i64, D::Error> {
    to_i64(serde_json::Number::deserialize(deserializer)?).map_err(D::Error::custom)
}

pub fn optional<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<i64>, D::Error> {
    Option::<serde_json::Number>::deserialize(deserializer)?
        .map(|n| to_i64(n).map_err(D::Error::custom))
        .transpose()
}

fn to_i64(number: serde_json::Number) -> Result<i64, String> {
    if let Some(n) = number.as_i64() {
        return Ok(n);
    }
    match number.as_f64() {
        // Beyond ±2^53 a float no longer names one integer; within it the cast is exact.
        Some(f) if f.fract() == 0.0 && f.abs() <= 9_007_199_254_740_992.0 => Ok(f as i64),
        _ => Err(format!("{number} is not a whole number in range")),
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    #[derive(Deserialize)]
    struct Body {
        #[serde(deserialize_with = "super::required")]
        days: i64,
        #[serde(default, deserialize_with = "super::optional")]
        hours: Option<i64>,
    }

    fn days(json: &str) -> Result<i64, String> {
        serde_json::from_str::<Body>(json)
            .map(|b| b.days)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn whole_floats_are_integers_and_fractions_are_refused() {
        assert_eq!(days(r#"{"days": 316}"#), Ok(316));
        assert_eq!(days(r#"{"days": 316.0}"#), Ok(316));
        assert_eq!(days(r#"{"days": -2.0e1}"#), Ok(-20));
        assert!(days(r#"{"days": 3.5}"#)
            .unwrap_err()
            .contains("not a whole number"));
        assert!(days(r#"{"days": 1e300}"#).is_err());
        assert!(days(r#"{"days": "3"}"#).is_err());
        let body: Body = serde_json::from_str(r#"{"days": 1, "hours": 2.0}"#).unwrap();
        assert_eq!(body.hours, Some(2));
        let body: Body = serde_json::from_str(r#"{"days": 1, "hours": null}"#).unwrap();
        assert_eq!(body.hours, None);
    }
}
