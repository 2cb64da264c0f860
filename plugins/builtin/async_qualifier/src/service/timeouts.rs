//! The timeouts: a pending run is forfeited when its deadline passes (twenty minutes after the
//! permalink was revealed, or when an organizer extended it to), a run in progress twelve
//! hours after it started. Each forfeit is a conditional write, so that two instances running
//! the task at once forfeit a run once.

use sahabot_sdk::serde_json::json;
use sahabot_sdk::{time, Error};

use super::caller::Caller;
use super::flow::{self, Due};
use super::{runs, scores};
use crate::model::RunStatus;
use crate::repo::{qualifiers, runs as repo};

/// Forfeits the organization's runs that are past their limit; how many.
pub async fn forfeit_overdue(caller: &Caller) -> Result<usize, Error> {
    let now = time::now_millis();
    let mut forfeited = 0;
    for active in repo::active(&caller.db, caller.org_id).await? {
        let due = flow::due(
            active.status,
            active.revealed_at,
            active.started_at,
            active.extended_until,
            active.warned,
            now,
        );
        // `Due::Warn` is for the run's Discord thread, which the Discord run flow will add.
        if due != Due::Forfeit {
            continue;
        }
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
            continue;
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
        forfeited += 1;
    }
    Ok(forfeited)
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
