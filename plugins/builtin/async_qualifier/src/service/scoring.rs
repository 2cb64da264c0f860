//! Times as people write them, and the score of one finish for the calculator: a finish at
//! par scores 100, a finish at twice par scores 0, capped at the organization's highest score
//! (see `leaderboard` for the whole rule).

/// `clamp((2 − elapsed/par) × 100, 0, cap)`; `None` when par is not positive.
pub fn race_score(elapsed_secs: u64, par_secs: u64, cap: f64) -> Option<f64> {
    if par_secs == 0 {
        return None;
    }
    Some(super::leaderboard::finish_score(
        elapsed_secs.saturating_mul(1000) as i64,
        par_secs.saturating_mul(1000) as f64,
        cap,
    ))
}

/// Parses `H:MM:SS`, `MM:SS` or plain seconds.
pub fn parse_duration(text: &str) -> Result<u64, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("enter a time such as 1:32:05".into());
    }
    let parts: Vec<&str> = text.split(':').collect();
    if parts.len() > 3 {
        return Err("use H:MM:SS".into());
    }
    let mut total: u64 = 0;
    for (i, part) in parts.iter().enumerate() {
        let value: u64 = part
            .parse()
            .map_err(|_| format!("`{part}` is not a whole number"))?;
        if i > 0 && value >= 60 {
            return Err("minutes and seconds must be below 60".into());
        }
        total = total
            .checked_mul(60)
            .and_then(|t| t.checked_add(value))
            .ok_or("that time is far too long")?;
    }
    Ok(total)
}

/// Formats seconds as `H:MM:SS`.
pub fn format_duration(secs: u64) -> String {
    format!("{}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absurd_times_are_refused_not_overflowed() {
        assert!(parse_duration("18446744073709551615:59:59").is_err());
        assert!(parse_duration("99999999999999999999").is_err());
        assert_eq!(parse_duration("1:00:00"), Ok(3600));
    }

    #[test]
    fn par_scores_100_and_twice_par_scores_0() {
        assert_eq!(race_score(3600, 3600, 105.0), Some(100.0));
        assert_eq!(race_score(7200, 3600, 105.0), Some(0.0));
        assert_eq!(race_score(9000, 3600, 105.0), Some(0.0));
        assert_eq!(race_score(3240, 3600, 105.0), Some(105.0)); // 10 % under par would be 110
        assert_eq!(race_score(3240, 3600, 120.0), Some(110.0)); // under a higher cap it is
        assert_eq!(race_score(3420, 3600, 105.0), Some(105.0));
        let s = race_score(3960, 3600, 105.0).unwrap();
        assert!((s - 90.0).abs() < 1e-9, "{s}");
        assert_eq!(race_score(10, 0, 105.0), None);
    }

    #[test]
    fn durations_parse_in_three_forms() {
        assert_eq!(parse_duration("1:32:05"), Ok(5525));
        assert_eq!(parse_duration("32:05"), Ok(1925));
        assert_eq!(parse_duration(" 90 "), Ok(90));
        assert!(parse_duration("").is_err());
        assert!(parse_duration("1:75:00").is_err());
        assert!(parse_duration("1:2:3:4").is_err());
        assert!(parse_duration("abc").is_err());
        assert_eq!(format_duration(5525), "1:32:05");
    }
}
