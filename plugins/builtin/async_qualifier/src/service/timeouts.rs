//! The timeouts: a pending run is forfeited when its deadline passes (twenty minutes after the
//! permalink was revealed, or when an organizer extended it to), a run in progress twelve
//! hours after it started. Each forfeit is a conditional write, so that two instances running
//! the task at once forfeit a run once. A pending run with a Discord thread is warned there
//! ten minutes before (the warning is claimed first, so it is posted once).

use sahabot_sdk::serde_json::json;
use sahabot_sdk::{time, Error};

use super::caller::Caller;
use super::flow::{self, Due};
use super::{runs, scores};
use crate::model::RunStatus;
use crate::repo::{qualifiers, runs as repo};

/// A run to tell about its timeout in its Discord thread.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub run_id: i64,
    pub thread_id: i64,
    pub discord_user_id: Option<i64>,
    /// When the pending run times out (unix ms).
    pub deadline: i64,
}

/// What one round of the timeouts has to tell in Discord threads.
#[derive(Debug, Default)]
pub struct Round {
    /// Forfeited runs that have a thread.
    pub forfeit_notices: Vec<Notice>,
    /// Pending runs to warn (the warnings are claimed already).
    pub warnings: Vec<Notice>,
}

/// Forfeits the organization's runs that are past their limit and, when `warn`, claims the
/// warnings due in Discord threads.
pub async fn run_round(caller: &Caller, warn: bool) -> Result<Round, Error> {
    let now = time::now_millis();
    let mut round = Round::default();
    for active in repo::active(&caller.db, caller.org_id).await? {
        let due = flow::due(
            active.status,
            active.revealed_at,
            active.started_at,
            active.extended_until,
            active.warned,
            now,
        );
        let notice = active.discord_thread_id.map(|thread_id| Notice {
            run_id: active.id,
            thread_id,
            discord_user_id: active.discord_user_id,
            deadline: flow::pending_deadline(active.revealed_at, active.extended_until),
        });
        match (due, notice) {
            (Due::Forfeit, notice) if forfeit(caller, &active).await? => {
                round.forfeit_notices.extend(notice);
            }
            (Due::Warn, Some(notice)) if warn => {
                let mut w = caller.db.write().await?;
                if repo::claim_warning(&mut w, active.id).await? {
                    w.commit().await?;
                    round.warnings.push(notice);
                }
            }
            _ => {}
        }
    }
    Ok(round)
}

/// The warning could not be posted; the next round tries again.
pub async fn warning_failed(caller: &Caller, run_id: i64) -> Result<(), Error> {
    let mut w = caller.db.write().await?;
    repo::release_warning(&mut w, run_id).await?;
    w.commit().await
}

/// Forfeits the run unless someone moved it first; whether it did.
async fn forfeit(caller: &Caller, active: &repo::Active) -> Result<bool, Error> {
    let mut w = caller.db.write().await?;
    if !repo::set_status(
        &mut w,
        active.id,
        active.status,
        RunStatus::Forfeit,
        None,
        None,
    )
    .await?
    {
        return Ok(false);
    }
    runs::forfeited(
        caller,
        &mut w,
        active.qualifier_id,
        active.id,
        active.user_id,
        true,
    )
    .await?;
    scores::rescore(&mut w, active.qualifier_id, caller.max_score).await?;
    w.audit(
        "run_timed_out",
        json!({"id": active.id, "user_id": active.user_id, "from": active.status}),
    )
    .await?;
    w.commit().await?;
    Ok(true)
}

/// Rescores every qualifier of the organization, each in a write of its own.
pub async fn rescore_all(caller: &Caller) -> Result<(), Error> {
    for id in qualifiers::all_ids(&caller.db, caller.org_id).await? {
        let mut w = caller.db.write().await?;
        scores::rescore(&mut w, id, caller.max_score).await?;
        w.commit().await?;
    }
    Ok(())
}
