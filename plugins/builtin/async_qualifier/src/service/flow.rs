//! A run's states and who may move it, and the timeouts: pure, so that every allowed and
//! refused step is tested in one table.
//!
//! Pending (the permalink is revealed; the racer gets ready) → In progress (after the
//! countdown) → Finished; a pending or running run may be forfeited; a run that is over may be
//! disqualified by an organizer.

use crate::model::RunStatus;

/// The countdown between "ready" and the start of the clock.
pub const COUNTDOWN_MS: i64 = 10_000;
/// A pending run is forfeited this long after the permalink was revealed (unless extended)…
pub const PENDING_LIMIT_MS: i64 = 20 * 60_000;
/// …and its racer warned this long before.
pub const PENDING_WARNING_MS: i64 = 10 * 60_000;
/// A run in progress is forfeited this long after it started.
pub const RUNNING_LIMIT_MS: i64 = 12 * 3_600_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// The racer is ready: the countdown starts, then the clock.
    Ready,
    Finish,
    Forfeit,
    Disqualify,
}

/// The status `step` leads to from `from`, or why it may not be taken.
pub fn next(from: RunStatus, step: Step) -> Result<RunStatus, &'static str> {
    use RunStatus::*;
    match (from, step) {
        (Pending, Step::Ready) => Ok(InProgress),
        (InProgress, Step::Finish) => Ok(Finished),
        (Pending | InProgress, Step::Forfeit) => Ok(Forfeit),
        (Finished | Forfeit, Step::Disqualify) => Ok(Disqualified),
        (InProgress, Step::Ready) => Err("the run has started already"),
        (Pending, Step::Finish) => Err("the run has not started: get ready first"),
        (Pending | InProgress, Step::Disqualify) => Err("a run is disqualified once it is over"),
        (Disqualified, Step::Disqualify) => Err("the run is disqualified already"),
        (Finished | Forfeit | Disqualified, _) => Err("the run is over"),
    }
}

/// When a pending run is forfeited: its own deadline (extended by an organizer), or the
/// default after the permalink was revealed.
pub fn pending_deadline(revealed_at: i64, extended_until: Option<i64>) -> i64 {
    extended_until.unwrap_or(revealed_at + PENDING_LIMIT_MS)
}

/// What the timeout task does to a run at `now`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Due {
    Nothing,
    Warn,
    Forfeit,
}

pub fn due(
    status: RunStatus,
    revealed_at: i64,
    started_at: Option<i64>,
    extended_until: Option<i64>,
    warned: bool,
    now: i64,
) -> Due {
    match status {
        RunStatus::Pending => {
            let deadline = pending_deadline(revealed_at, extended_until);
            if now >= deadline {
                Due::Forfeit
            } else if !warned && now >= deadline - PENDING_WARNING_MS {
                Due::Warn
            } else {
                Due::Nothing
            }
        }
        RunStatus::InProgress => match started_at {
            Some(start) if now >= start + RUNNING_LIMIT_MS => Due::Forfeit,
            _ => Due::Nothing,
        },
        _ => Due::Nothing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use RunStatus::*;

    #[test]
    fn every_step_from_every_status() {
        let table: &[(RunStatus, Step, Result<RunStatus, &str>)] = &[
            (Pending, Step::Ready, Ok(InProgress)),
            (
                Pending,
                Step::Finish,
                Err("the run has not started: get ready first"),
            ),
            (Pending, Step::Forfeit, Ok(Forfeit)),
            (
                Pending,
                Step::Disqualify,
                Err("a run is disqualified once it is over"),
            ),
            (InProgress, Step::Ready, Err("the run has started already")),
            (InProgress, Step::Finish, Ok(Finished)),
            (InProgress, Step::Forfeit, Ok(Forfeit)),
            (
                InProgress,
                Step::Disqualify,
                Err("a run is disqualified once it is over"),
            ),
            (Finished, Step::Ready, Err("the run is over")),
            (Finished, Step::Finish, Err("the run is over")),
            (Finished, Step::Forfeit, Err("the run is over")),
            (Finished, Step::Disqualify, Ok(Disqualified)),
            (Forfeit, Step::Ready, Err("the run is over")),
            (Forfeit, Step::Finish, Err("the run is over")),
            (Forfeit, Step::Forfeit, Err("the run is over")),
            (Forfeit, Step::Disqualify, Ok(Disqualified)),
            (Disqualified, Step::Ready, Err("the run is over")),
            (Disqualified, Step::Finish, Err("the run is over")),
            (Disqualified, Step::Forfeit, Err("the run is over")),
            (
                Disqualified,
                Step::Disqualify,
                Err("the run is disqualified already"),
            ),
        ];
        assert_eq!(table.len(), 5 * 4);
        for (from, step, expected) in table {
            assert_eq!(next(*from, *step), *expected, "{from:?} {step:?}");
        }
    }

    #[test]
    fn timeouts_warn_then_forfeit_a_pending_run_and_forfeit_a_long_one() {
        let t0 = 1_000_000;
        let minute = 60_000;
        assert_eq!(
            due(Pending, t0, None, None, false, t0 + 9 * minute),
            Due::Nothing
        );
        assert_eq!(
            due(Pending, t0, None, None, false, t0 + 10 * minute),
            Due::Warn
        );
        assert_eq!(
            due(Pending, t0, None, None, true, t0 + 15 * minute),
            Due::Nothing
        );
        assert_eq!(
            due(Pending, t0, None, None, true, t0 + 20 * minute),
            Due::Forfeit
        );
        // Extended by half an hour: warned 10 minutes before the new deadline.
        let extended = Some(t0 + 50 * minute);
        assert_eq!(
            due(Pending, t0, None, extended, false, t0 + 30 * minute),
            Due::Nothing
        );
        assert_eq!(
            due(Pending, t0, None, extended, false, t0 + 40 * minute),
            Due::Warn
        );
        assert_eq!(
            due(Pending, t0, None, extended, true, t0 + 50 * minute),
            Due::Forfeit
        );
        let start = Some(t0);
        assert_eq!(
            due(
                InProgress,
                t0,
                start,
                None,
                false,
                t0 + RUNNING_LIMIT_MS - 1
            ),
            Due::Nothing
        );
        assert_eq!(
            due(InProgress, t0, start, None, false, t0 + RUNNING_LIMIT_MS),
            Due::Forfeit
        );
        for over in [Finished, Forfeit, Disqualified] {
            assert_eq!(
                due(over, t0, start, None, false, t0 + 100 * RUNNING_LIMIT_MS),
                Due::Nothing
            );
        }
    }
}
