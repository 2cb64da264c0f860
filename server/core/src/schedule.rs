//! When a scheduled task runs: every N seconds, on a cron expression (UTC, parsed by `croner`),
//! or once at an instant. Stored as a kind and a text value in both engines.

use std::str::FromStr;

use chrono::{DateTime, Utc};
use croner::Cron;

use crate::error::{Error, Result};

/// The shortest interval a person may set; a plugin's own declaration may be shorter.
pub const MIN_INTERVAL_SECONDS: i64 = 60;
/// The longest interval: a task that runs less often than this wants a cron expression.
pub const MAX_INTERVAL_SECONDS: i64 = 366 * 24 * 3600;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScheduleSpec {
    Interval {
        seconds: i64,
    },
    Cron(String),
    /// Once, at this instant (unix milliseconds).
    Once {
        at: i64,
    },
}

impl ScheduleSpec {
    /// Reads what a person typed: `kind` is `interval`, `cron` or `once`; an interval is a number
    /// of seconds, a one-time instant is RFC 3339 or `YYYY-MM-DDTHH:MM` in UTC.
    pub fn parse(kind: &str, value: &str) -> Result<ScheduleSpec> {
        let value = value.trim();
        let invalid = |message: String| Error::Invalid {
            field: "schedule",
            message,
        };
        match kind {
            "interval" => {
                let seconds: i64 = value
                    .parse()
                    .map_err(|_| invalid(format!("`{value}` is not a whole number of seconds")))?;
                if !(MIN_INTERVAL_SECONDS..=MAX_INTERVAL_SECONDS).contains(&seconds) {
                    return Err(invalid(format!(
                        "an interval is between {MIN_INTERVAL_SECONDS} seconds and {} days",
                        MAX_INTERVAL_SECONDS / 86_400
                    )));
                }
                Ok(ScheduleSpec::Interval { seconds })
            }
            "cron" => {
                let cron = parse_cron(value).map_err(invalid)?;
                if value.split_whitespace().count() > 5 {
                    return Err(invalid(
                        "use five fields (minute hour day-of-month month day-of-week); a seconds field is not allowed"
                            .into(),
                    ));
                }
                if cron.find_next_occurrence(&Utc::now(), false).is_err() {
                    return Err(invalid(format!("`{value}` never happens")));
                }
                Ok(ScheduleSpec::Cron(value.to_string()))
            }
            "once" => Ok(ScheduleSpec::Once {
                at: parse_instant(value).map_err(invalid)?,
            }),
            other => Err(Error::Invalid {
                field: "schedule_kind",
                message: format!("`{other}` is not a kind of schedule (interval, cron or once)"),
            }),
        }
    }

    /// Reads a stored schedule (written by [`ScheduleSpec::value`]).
    pub fn from_stored(kind: &str, value: &str) -> Result<ScheduleSpec> {
        match kind {
            "interval" => value
                .parse()
                .map(|seconds| ScheduleSpec::Interval { seconds })
                .map_err(|_| bad_stored(kind, value)),
            "cron" => parse_cron(value)
                .map(|_| ScheduleSpec::Cron(value.into()))
                .map_err(|_| bad_stored(kind, value)),
            "once" => value
                .parse()
                .map(|at| ScheduleSpec::Once { at })
                .map_err(|_| bad_stored(kind, value)),
            _ => Err(bad_stored(kind, value)),
        }
    }

    pub fn kind(&self) -> &'static str {
        match self {
            ScheduleSpec::Interval { .. } => "interval",
            ScheduleSpec::Cron(_) => "cron",
            ScheduleSpec::Once { .. } => "once",
        }
    }

    pub fn value(&self) -> String {
        match self {
            ScheduleSpec::Interval { seconds } => seconds.to_string(),
            ScheduleSpec::Cron(expr) => expr.clone(),
            ScheduleSpec::Once { at } => at.to_string(),
        }
    }

    /// The value as a person edits it: a one-time instant as `YYYY-MM-DDTHH:MM` (UTC).
    pub fn input_value(&self) -> String {
        match self {
            ScheduleSpec::Once { at } => DateTime::<Utc>::from_timestamp_millis(*at)
                .map(|t| t.format("%Y-%m-%dT%H:%M").to_string())
                .unwrap_or_default(),
            other => other.value(),
        }
    }

    /// The first run of a task that starts now.
    pub fn first_run(&self, now: i64) -> Option<i64> {
        match self {
            ScheduleSpec::Once { at } => Some(*at),
            _ => self.next_after(now),
        }
    }

    /// The next run after `after` (unix ms); `None` when there is none (a one-time task).
    pub fn next_after(&self, after: i64) -> Option<i64> {
        match self {
            ScheduleSpec::Interval { seconds } => {
                Some(after.saturating_add(seconds.saturating_mul(1000)))
            }
            ScheduleSpec::Cron(expr) => {
                let cron = parse_cron(expr).ok()?;
                let start = DateTime::<Utc>::from_timestamp_millis(after)?;
                cron.find_next_occurrence(&start, false)
                    .ok()
                    .map(|at| at.timestamp_millis())
            }
            ScheduleSpec::Once { .. } => None,
        }
    }

    /// In words, for the pages.
    pub fn describe(&self) -> String {
        match self {
            ScheduleSpec::Interval { seconds } => describe_interval(*seconds),
            ScheduleSpec::Cron(expr) => parse_cron(expr)
                .map(|c| format!("{} (UTC)", c.describe().trim_end_matches('.')))
                .unwrap_or_else(|_| expr.clone()),
            ScheduleSpec::Once { at } => DateTime::<Utc>::from_timestamp_millis(*at)
                .map(|t| format!("once, at {}", t.format("%Y-%m-%d %H:%M UTC")))
                .unwrap_or_else(|| "once".into()),
        }
    }
}

fn bad_stored(kind: &str, value: &str) -> Error {
    Error::Invalid {
        field: "schedule",
        message: format!("the stored schedule `{kind}: {value}` cannot be read"),
    }
}

fn parse_cron(expr: &str) -> std::result::Result<Cron, String> {
    Cron::from_str(expr).map_err(|e| format!("`{expr}` is not a cron expression: {e}"))
}

fn parse_instant(value: &str) -> std::result::Result<i64, String> {
    if let Ok(t) = DateTime::parse_from_rfc3339(value) {
        return Ok(t.timestamp_millis());
    }
    for format in ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"] {
        if let Ok(t) = chrono::NaiveDateTime::parse_from_str(value, format) {
            return Ok(t.and_utc().timestamp_millis());
        }
    }
    Err(format!(
        "`{value}` is not a date and time (for example 2026-12-01T18:30, in UTC)"
    ))
}

fn describe_interval(seconds: i64) -> String {
    let unit = |n: i64, word: &str| {
        if n == 1 {
            format!("every {word}")
        } else {
            format!("every {n} {word}s")
        }
    };
    match seconds {
        s if s % 86_400 == 0 => unit(s / 86_400, "day"),
        s if s % 3_600 == 0 => unit(s / 3_600, "hour"),
        s if s % 60 == 0 => unit(s / 60, "minute"),
        s => unit(s, "second"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOV_26_2026_1930: i64 = 1_795_721_400_000;

    #[test]
    fn intervals_are_whole_seconds_within_bounds() {
        assert_eq!(
            ScheduleSpec::parse("interval", " 300 ").unwrap(),
            ScheduleSpec::Interval { seconds: 300 }
        );
        for bad in ["0", "59", "-5", "1.5", "five", "", "40000000"] {
            let err = ScheduleSpec::parse("interval", bad).unwrap_err();
            assert!(
                matches!(
                    err,
                    Error::Invalid {
                        field: "schedule",
                        ..
                    }
                ),
                "{bad}"
            );
        }
        let next = ScheduleSpec::Interval { seconds: 60 }.next_after(1_000);
        assert_eq!(next, Some(61_000));
    }

    #[test]
    fn a_bad_cron_expression_is_refused_with_the_reason() {
        let err = ScheduleSpec::parse("cron", "61 * * * *").unwrap_err();
        let Error::Invalid { field, message } = err else {
            panic!("not invalid")
        };
        assert_eq!(field, "schedule");
        assert!(message.contains("not a cron expression"), "{message}");
        assert!(ScheduleSpec::parse("cron", "every day").is_err());
        assert!(ScheduleSpec::parse("cron", "* * * *").is_err());
        assert!(
            ScheduleSpec::parse("cron", "0 0 3 * * *").is_err(),
            "seconds field"
        );
        assert!(
            ScheduleSpec::parse("cron", "0 0 31 2 *").is_err(),
            "never happens"
        );
    }

    #[test]
    fn cron_runs_at_the_next_matching_minute_in_utc() {
        let daily = ScheduleSpec::parse("cron", "0 3 * * *").unwrap();
        let next = daily.next_after(NOV_26_2026_1930).unwrap();
        let at = DateTime::<Utc>::from_timestamp_millis(next).unwrap();
        assert_eq!(at.to_rfc3339(), "2026-11-27T03:00:00+00:00");
        assert!(daily.describe().contains("UTC"));
    }

    #[test]
    fn a_one_time_task_runs_once() {
        let once = ScheduleSpec::parse("once", "2026-12-01T18:30").unwrap();
        let at = once.first_run(0).unwrap();
        assert_eq!(
            DateTime::<Utc>::from_timestamp_millis(at)
                .unwrap()
                .to_rfc3339(),
            "2026-12-01T18:30:00+00:00"
        );
        assert_eq!(once.next_after(at), None);
        assert!(ScheduleSpec::parse("once", "tomorrow").is_err());
        assert!(ScheduleSpec::parse("weekly", "1").is_err());
    }

    #[test]
    fn stored_schedules_read_back() {
        for spec in [
            ScheduleSpec::Interval { seconds: 5 },
            ScheduleSpec::Cron("*/5 * * * *".into()),
            ScheduleSpec::Once { at: 42 },
        ] {
            assert_eq!(
                ScheduleSpec::from_stored(spec.kind(), &spec.value()).unwrap(),
                spec
            );
        }
        assert_eq!(describe_interval(3600), "every hour");
        assert_eq!(describe_interval(300), "every 5 minutes");
    }
}
