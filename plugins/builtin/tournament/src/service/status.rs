//! A match's status, read from its timestamps, and the steps an organizer may take it forward
//! or back.

use crate::model::{MatchStatus, MatchTimes};

/// What advancing or reverting a match changes: the one timestamp of the step, set to `now` or
/// cleared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Set(Stamp, i64),
    Clear(Stamp),
}

/// The timestamps of the flow, in its order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stamp {
    Scheduled,
    CheckedIn,
    Started,
    Finished,
    Confirmed,
}

impl Stamp {
    pub fn column(self) -> &'static str {
        match self {
            Stamp::Scheduled => "scheduled_at",
            Stamp::CheckedIn => "checked_in_at",
            Stamp::Started => "started_at",
            Stamp::Finished => "finished_at",
            Stamp::Confirmed => "confirmed_at",
        }
    }
}

/// Why a step is refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("a pending match has no time yet: schedule it before advancing it")]
    NotScheduled,
    #[error("the match is recorded: there is no further step")]
    AlreadyRecorded,
    #[error("a match is recorded once its winner is known: record the results first")]
    NoWinner,
    #[error("the match is pending: there is no earlier step")]
    AlreadyPending,
}

/// The step that takes a match one status forward at `now`. `has_winner`: its results name a
/// first place.
pub fn advance(times: &MatchTimes, has_winner: bool, now: i64) -> Result<Step, Refusal> {
    match times.status() {
        MatchStatus::Pending => Err(Refusal::NotScheduled),
        MatchStatus::Scheduled => Ok(Step::Set(Stamp::CheckedIn, now)),
        MatchStatus::CheckedIn => Ok(Step::Set(Stamp::Started, now)),
        MatchStatus::InProgress => Ok(Step::Set(Stamp::Finished, now)),
        MatchStatus::Finished if has_winner => Ok(Step::Set(Stamp::Confirmed, now)),
        MatchStatus::Finished => Err(Refusal::NoWinner),
        MatchStatus::Recorded => Err(Refusal::AlreadyRecorded),
    }
}

/// The step that takes a match one status back: the latest timestamp is cleared (reverting a
/// scheduled match unschedules it).
pub fn revert(times: &MatchTimes) -> Result<Step, Refusal> {
    match times.status() {
        MatchStatus::Pending => Err(Refusal::AlreadyPending),
        MatchStatus::Scheduled => Ok(Step::Clear(Stamp::Scheduled)),
        MatchStatus::CheckedIn => Ok(Step::Clear(Stamp::CheckedIn)),
        MatchStatus::InProgress => Ok(Step::Clear(Stamp::Started)),
        MatchStatus::Finished => Ok(Step::Clear(Stamp::Finished)),
        MatchStatus::Recorded => Ok(Step::Clear(Stamp::Confirmed)),
    }
}

/// The timestamps after `step`.
pub fn apply(times: &MatchTimes, step: Step) -> MatchTimes {
    let mut next = times.clone();
    let (stamp, value) = match step {
        Step::Set(stamp, at) => (stamp, Some(at)),
        Step::Clear(stamp) => (stamp, None),
    };
    let slot = match stamp {
        Stamp::Scheduled => &mut next.scheduled_at,
        Stamp::CheckedIn => &mut next.checked_in_at,
        Stamp::Started => &mut next.started_at,
        Stamp::Finished => &mut next.finished_at,
        Stamp::Confirmed => &mut next.confirmed_at,
    };
    *slot = value;
    next
}

#[cfg(test)]
mod tests {
    use super::*;
    use MatchStatus::*;

    fn at(status: MatchStatus) -> MatchTimes {
        let mut t = MatchTimes::default();
        let order = [Scheduled, CheckedIn, InProgress, Finished, Recorded];
        let reached = order.iter().position(|s| *s == status).map_or(0, |i| i + 1);
        let slots = [
            &mut t.scheduled_at,
            &mut t.checked_in_at,
            &mut t.started_at,
            &mut t.finished_at,
            &mut t.confirmed_at,
        ];
        for (i, slot) in slots.into_iter().enumerate() {
            if i < reached {
                *slot = Some(100 + i as i64);
            }
        }
        t
    }

    /// From, has a winner, what advancing gives, what reverting gives.
    type Row = (
        MatchStatus,
        bool,
        Result<MatchStatus, Refusal>,
        Result<MatchStatus, Refusal>,
    );

    #[test]
    fn each_status_advances_and_reverts_by_one_step_or_is_refused() {
        let table: [Row; 8] = [
            (
                Pending,
                false,
                Err(Refusal::NotScheduled),
                Err(Refusal::AlreadyPending),
            ),
            (Scheduled, false, Ok(CheckedIn), Ok(Pending)),
            (CheckedIn, false, Ok(InProgress), Ok(Scheduled)),
            (InProgress, false, Ok(Finished), Ok(CheckedIn)),
            (Finished, false, Err(Refusal::NoWinner), Ok(InProgress)),
            (Finished, true, Ok(Recorded), Ok(InProgress)),
            (Recorded, true, Err(Refusal::AlreadyRecorded), Ok(Finished)),
            (Recorded, false, Err(Refusal::AlreadyRecorded), Ok(Finished)),
        ];
        for (from, winner, forward, back) in table {
            let times = at(from);
            assert_eq!(times.status(), from);
            let got = advance(&times, winner, 999).map(|s| apply(&times, s).status());
            assert_eq!(got, forward, "advance from {from:?} (winner: {winner})");
            let got = revert(&times).map(|s| apply(&times, s).status());
            assert_eq!(got, back, "revert from {from:?}");
        }
    }

    #[test]
    fn advancing_stamps_the_moment_and_reverting_clears_only_the_latest() {
        let times = at(Scheduled);
        assert_eq!(
            advance(&times, false, 5_000),
            Ok(Step::Set(Stamp::CheckedIn, 5_000))
        );
        let checked_in = apply(&times, Step::Set(Stamp::CheckedIn, 5_000));
        assert_eq!(checked_in.checked_in_at, Some(5_000));
        let back = apply(&checked_in, revert(&checked_in).unwrap());
        assert_eq!(back, times);
    }
}
