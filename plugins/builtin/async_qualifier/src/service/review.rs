//! Reviewing finished runs: a queue for those who hold the review permission; nobody reviews
//! their own run; only finished runs that are not set aside are reviewed. A rejected run waits
//! for a second review; a reviewer may correct the time, which rescores.

use sahabot_sdk::serde_json::json;
use sahabot_sdk::{text, time, Error};

use super::caller::Caller;
use super::{runs, scores};
use crate::events::{RunAccepted, RunRejected};
use crate::model::{ReviewStatus, Run, RunStatus};
use crate::repo::runs::{self as repo, RunFilter};

/// Why `reviewer` may not review `run`, if they may not.
pub fn refusal(run: &Run, reviewer: i64) -> Option<&'static str> {
    if run.user_id == reviewer {
        Some("nobody reviews their own run")
    } else if run.status != RunStatus::Finished {
        Some("only a finished run is reviewed")
    } else if run.reattempted {
        Some("the run was set aside for a reattempt")
    } else {
        None
    }
}

/// The runs waiting for review in the qualifier (not yet accepted), oldest first, without the
/// caller's own.
pub async fn queue(caller: &Caller, qualifier_id: i64) -> Result<Vec<Run>, Error> {
    caller.require(caller.review, "review runs")?;
    let me = caller.member_id()?;
    let mut waiting = runs::list(
        caller,
        qualifier_id,
        RunFilter {
            review_queue: true,
            ..RunFilter::default()
        },
    )
    .await?;
    waiting.retain(|r| r.user_id != me);
    waiting.reverse();
    Ok(waiting)
}

/// A reviewer's decision.
#[derive(Clone, Debug, Default, serde::Deserialize, serde::Serialize)]
pub struct Decision {
    pub accept: bool,
    #[serde(default)]
    pub notes: String,
    /// The corrected time of the run, in milliseconds.
    #[serde(default)]
    pub elapsed_ms: Option<i64>,
}

pub async fn review(caller: &Caller, id: i64, decision: &Decision) -> Result<(), Error> {
    caller.require(caller.review, "review runs")?;
    let me = caller.member_id()?;
    let run = repo::get(&caller.db, caller.org_id, id)
        .await?
        .ok_or_else(|| Error::NotFound(format!("there is no run {id} here")))?;
    if let Some(why) = refusal(&run, me) {
        return Err(Error::Conflict(why.into()));
    }
    let notes = text::multi_line("notes", &decision.notes, 2000)?;
    let started_at = match (decision.elapsed_ms, run.finished_at) {
        (None, _) => None,
        (Some(ms), _) if !(1..=super::flow::RUNNING_LIMIT_MS).contains(&ms) => {
            return Err(Error::Invalid {
                field: "elapsed_ms",
                message: "must be a time between 1 ms and 12 hours".into(),
            })
        }
        (Some(ms), Some(end)) => Some(end - ms),
        (Some(_), None) => return Err(Error::Conflict("the run has no finish time".into())),
    };
    let status = if decision.accept {
        ReviewStatus::Accepted
    } else {
        ReviewStatus::Rejected
    };
    let mut w = caller.db.write().await?;
    repo::set_review(&mut w, id, status, &notes, me, time::now_millis()).await?;
    if let Some(start) = started_at {
        repo::set_started_at(&mut w, id, start).await?;
        scores::rescore(&mut w, run.qualifier_id, caller.max_score).await?;
    }
    if decision.accept {
        w.emit(&RunAccepted {
            organization_id: caller.org_id,
            qualifier_id: run.qualifier_id,
            run_id: id,
            user_id: run.user_id,
            reviewer_id: me,
        })
        .await?;
    } else {
        w.emit(&RunRejected {
            organization_id: caller.org_id,
            qualifier_id: run.qualifier_id,
            run_id: id,
            user_id: run.user_id,
            reviewer_id: me,
        })
        .await?;
    }
    w.audit(
        "run_reviewed",
        json!({"id": id, "review": status, "elapsed_ms": decision.elapsed_ms}),
    )
    .await?;
    w.commit().await
}
