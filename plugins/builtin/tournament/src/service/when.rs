//! Times people type in chat: a Discord timestamp (`<t:1798761600:F>`), unix seconds, an RFC
//! 3339 time, or `2027-01-05 18:00` read as UTC.

use sahabot_sdk::Error;

use super::check_instant;

/// The instant `text` names, in unix milliseconds.
pub fn parse(text: &str) -> Result<i64, Error> {
    let text = text.trim();
    let refused = || Error::Invalid {
        field: "when",
        message: format!(
            "`{text}` is not a time: write 2027-01-05 18:00 (UTC) or paste a Discord timestamp"
        ),
    };
    let seconds = if let Some(inner) = text.strip_prefix("<t:").and_then(|t| t.strip_suffix('>')) {
        inner
            .split(':')
            .next()
            .and_then(|s| s.parse::<i64>().ok())
            .ok_or_else(refused)?
    } else if let Ok(seconds) = text.parse::<i64>() {
        seconds
    } else if let Ok(at) = chrono::DateTime::parse_from_rfc3339(text) {
        at.timestamp()
    } else {
        let naive = chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M")
            .or_else(|_| chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M"))
            .map_err(|_| refused())?;
        naive.and_utc().timestamp()
    };
    let ms = seconds.checked_mul(1000).ok_or_else(refused)?;
    check_instant("when", Some(ms))?.ok_or_else(refused)
}

#[cfg(test)]
mod tests {
    use super::*;

    const JAN_5_2027_18H: i64 = 1_799_172_000_000;

    #[test]
    fn each_way_of_writing_a_time() {
        for text in [
            "<t:1799172000:F>",
            "<t:1799172000>",
            "1799172000",
            "2027-01-05 18:00",
            "2027-01-05T18:00",
            "2027-01-05T19:00:00+01:00",
            " 2027-01-05 18:00 ",
        ] {
            assert_eq!(parse(text).unwrap(), JAN_5_2027_18H, "{text}");
        }
    }

    #[test]
    fn what_is_not_a_time_is_refused() {
        for text in [
            "tomorrow",
            "<t:abc>",
            "2027-13-05 18:00",
            "5",
            "99999999999999999",
        ] {
            let refused = parse(text).unwrap_err().to_string();
            assert!(refused.starts_with("when:"), "{text}: {refused}");
        }
    }
}
