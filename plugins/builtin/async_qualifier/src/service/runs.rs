//! Runs: the checks before a racer starts, the point of no return (a random permalink of the
//! pool they have not run), the clock, forfeits, reattempts, what a racer submits afterwards,
//! and the organizers' timeouts and disqualifications. Every change that moves a score
//! rescores the qualifier in the same write.

use std::collections::HashSet;

use rand::seq::IndexedRandom;
use sahabot_sdk::data::PluginWrite;
use sahabot_sdk::serde_json::json;
use sahabot_sdk::{text, time, Error};

use super::caller::Caller;
use super::flow::{self, Step};
use super::{qualifiers, scores};
use crate::events::{ReviewRequested, RunFinished, RunForfeited, RunStarted};
use crate::model::{Choice, Qualifier, Run, RunStatus};
use crate::repo::pools as pool_repo;
use crate::repo::runs::{self as repo, RunFilter};

/// A run as the caller may see it: the permalink is secret to everyone but its racer and the
/// organizers; scores and times wait while the qualifier hides its results.
fn shown(caller: &Caller, q: &Qualifier, mut run: Run, now: i64) -> Run {
    let own = caller.user_id == Some(run.user_id);
    if !(own || caller.manage || caller.read || caller.review) {
        run.permalink_url = None;
    }
    if !qualifiers::results_shown(caller, q, now) {
        run.score = None;
        if !own {
            run.elapsed_ms = None;
            run.started_at = None;
            run.finished_at = None;
        }
    }
    run
}

pub async fn get(caller: &Caller, id: i64) -> Result<Run, Error> {
    let run = repo::get(&caller.db, caller.org_id, id)
        .await?
        .ok_or_else(|| Error::NotFound(format!("there is no run {id} here")))?;
    let q = qualifiers::get(caller, run.qualifier_id).await?;
    Ok(shown(caller, &q, run, time::now_millis()))
}

/// Runs of a qualifier (all, or one racer's, or one permalink's).
pub async fn list(
    caller: &Caller,
    qualifier_id: i64,
    filter: RunFilter,
) -> Result<Vec<Run>, Error> {
    let q = qualifiers::get(caller, qualifier_id).await?;
    let filter = RunFilter {
        qualifier_id: Some(qualifier_id),
        ..filter
    };
    let now = time::now_millis();
    Ok(repo::list(&caller.db, caller.org_id, &filter)
        .await?
        .into_iter()
        .map(|run| shown(caller, &q, run, now))
        .collect())
}

/// Each pool of the qualifier with the racer's runs left there, and the permalinks of it they
/// have not run.
async fn pools_for(
    caller: &Caller,
    q: &Qualifier,
    me: i64,
) -> Result<Vec<(Choice, Vec<i64>)>, Error> {
    let picks = repo::picks(&caller.db, q.id, me).await?;
    let permalinks = pool_repo::permalinks(&caller.db, q.id).await?;
    let ran: HashSet<i64> = picks.iter().map(|(_, permalink, _)| *permalink).collect();
    Ok(pool_repo::list(&caller.db, q.id)
        .await?
        .into_iter()
        .map(|pool| {
            let used = picks
                .iter()
                .filter(|(p, _, reattempted)| *p == pool.id && !reattempted)
                .count() as i64;
            let unseen: Vec<i64> = permalinks
                .iter()
                .filter(|l| l.pool_id == pool.id && !ran.contains(&l.id))
                .map(|l| l.id)
                .collect();
            let choice = Choice {
                runs_left: (q.runs_per_pool - used).max(0),
                unseen: unseen.len() as i64,
                pool,
            };
            (choice, unseen)
        })
        .collect())
}

/// The pools of the qualifier with the caller's runs left in each.
pub async fn choices(caller: &Caller, qualifier_id: i64) -> Result<Vec<Choice>, Error> {
    let q = qualifiers::get(caller, qualifier_id).await?;
    let me = caller.member_id()?;
    Ok(pools_for(caller, &q, me)
        .await?
        .into_iter()
        .map(|(choice, _)| choice)
        .collect())
}

/// The checks before any run: a member, the qualifier open, no other run of theirs going.
async fn may_start(caller: &Caller, qualifier_id: i64) -> Result<(i64, Qualifier), Error> {
    let me = caller.member_id()?;
    let q = qualifiers::get(caller, qualifier_id).await?;
    qualifiers::open_for_runs(&q, time::now_millis())?;
    if let Some(active) = repo::active_of(&caller.db, me).await? {
        return Err(Error::Conflict(format!(
            "you have a run going already (run {active}): finish or forfeit it first"
        )));
    }
    Ok((me, q))
}

/// Whether the caller may start a run of the qualifier now, and the pools with their runs
/// left (the first step of a run in Discord).
pub async fn startable(
    caller: &Caller,
    qualifier_id: i64,
) -> Result<(Qualifier, Vec<Choice>), Error> {
    let (me, q) = may_start(caller, qualifier_id).await?;
    let choices = pools_for(caller, &q, me)
        .await?
        .into_iter()
        .map(|(choice, _)| choice)
        .collect();
    Ok((q, choices))
}

/// The point of no return: checks that the racer may run the pool, reveals a random
/// permalink of it they have not run, and starts a pending run; its id.
pub async fn start(caller: &Caller, qualifier_id: i64, pool_id: i64) -> Result<i64, Error> {
    let (me, q) = may_start(caller, qualifier_id).await?;
    let now = time::now_millis();
    let (choice, unseen) = pools_for(caller, &q, me)
        .await?
        .into_iter()
        .find(|(c, _)| c.pool.id == pool_id)
        .ok_or_else(|| Error::NotFound(format!("there is no pool {pool_id} in `{}`", q.name)))?;
    if choice.runs_left == 0 {
        return Err(Error::Conflict(format!(
            "you have no runs left in `{}`",
            choice.pool.name
        )));
    }
    let Some(permalink) = unseen.choose(&mut rand::rng()).copied() else {
        return Err(Error::Conflict(if choice.pool.permalink_count == 0 {
            format!("`{}` has no permalinks yet", choice.pool.name)
        } else {
            format!("you have run every permalink of `{}`", choice.pool.name)
        }));
    };
    let mut w = caller.db.write().await?;
    let Some(id) = repo::insert(&mut w, qualifier_id, pool_id, permalink, me, now).await? else {
        return Err(Error::Conflict(
            "you have a run going already: finish or forfeit it first".into(),
        ));
    };
    w.emit(&RunStarted {
        organization_id: caller.org_id,
        qualifier_id,
        run_id: id,
        user_id: me,
        pool_id,
        permalink_id: permalink,
    })
    .await?;
    w.audit(
        "run_started",
        json!({"id": id, "qualifier_id": qualifier_id, "pool_id": pool_id, "permalink_id": permalink}),
    )
    .await?;
    w.commit().await?;
    Ok(id)
}

/// The run `id` as its racer (or, for `allowed_others`, an organizer) acts on it.
async fn own_run(caller: &Caller, id: i64, others: bool) -> Result<Run, Error> {
    let run = repo::get(&caller.db, caller.org_id, id)
        .await?
        .ok_or_else(|| Error::NotFound(format!("there is no run {id} here")))?;
    let me = caller.member_id()?;
    if run.user_id != me && !others {
        return Err(Error::Forbidden("only the run's racer may do that".into()));
    }
    Ok(run)
}

fn refused(message: &str) -> Error {
    Error::Conflict(message.to_owned())
}

/// Takes a step of the run's flow: ready (the clock starts after the countdown), finish,
/// forfeit (the racer, or an organizer), disqualify (an organizer); its new status.
pub async fn step(caller: &Caller, id: i64, step: Step) -> Result<RunStatus, Error> {
    let organizer_step = matches!(step, Step::Forfeit | Step::Disqualify) && caller.manage;
    if step == Step::Disqualify {
        caller.require(caller.manage, "disqualify runs")?;
    }
    let run = own_run(caller, id, organizer_step).await?;
    let to = flow::next(run.status, step).map_err(refused)?;
    let now = time::now_millis();
    let (started, finished) = match step {
        Step::Ready => (Some(now + flow::COUNTDOWN_MS), None),
        Step::Finish => {
            if run.started_at.is_some_and(|start| now < start) {
                return Err(refused(
                    "the countdown has not ended: the clock has not started",
                ));
            }
            (None, Some(now))
        }
        Step::Forfeit | Step::Disqualify => (None, None),
    };
    let mut w = caller.db.write().await?;
    if !repo::set_status(&mut w, id, run.status, to, started, finished).await? {
        return Err(refused(
            "the run changed meanwhile: reload it and try again",
        ));
    }
    match step {
        Step::Ready => {}
        Step::Finish => {
            w.emit(&RunFinished {
                organization_id: caller.org_id,
                qualifier_id: run.qualifier_id,
                run_id: id,
                user_id: run.user_id,
                elapsed_ms: now - run.started_at.unwrap_or(now),
            })
            .await?
        }
        Step::Forfeit => {
            forfeited(caller, &mut w, run.qualifier_id, id, run.user_id, false).await?
        }
        Step::Disqualify => {}
    }
    if step != Step::Ready {
        scores::rescore(&mut w, run.qualifier_id, caller.max_score).await?;
    }
    w.audit(
        "run_status_changed",
        json!({"id": id, "from": run.status, "to": to}),
    )
    .await?;
    w.commit().await?;
    Ok(to)
}

pub(crate) async fn forfeited(
    caller: &Caller,
    w: &mut PluginWrite,
    qualifier_id: i64,
    run_id: i64,
    user_id: i64,
    timed_out: bool,
) -> Result<(), Error> {
    w.emit(&RunForfeited {
        organization_id: caller.org_id,
        qualifier_id,
        run_id,
        user_id,
        timed_out,
    })
    .await
}

/// Sets a finished or forfeited run aside so that the racer may run the pool again, within
/// the qualifier's limit of reattempts; the run no longer counts.
pub async fn reattempt(caller: &Caller, id: i64) -> Result<(), Error> {
    let run = own_run(caller, id, false).await?;
    let q = qualifiers::get(caller, run.qualifier_id).await?;
    qualifiers::open_for_runs(&q, time::now_millis())?;
    if run.reattempted {
        return Err(refused("the run is set aside already"));
    }
    if !matches!(run.status, RunStatus::Finished | RunStatus::Forfeit) {
        return Err(refused(
            "only a finished or forfeited run may be reattempted",
        ));
    }
    let used = repo::picks(&caller.db, q.id, run.user_id)
        .await?
        .iter()
        .filter(|(_, _, reattempted)| *reattempted)
        .count() as i64;
    if let Some(limit) = q.max_reattempts {
        if used >= limit {
            return Err(Error::Conflict(format!(
                "`{}` allows {limit} reattempts and you have used them",
                q.name
            )));
        }
    }
    let mut w = caller.db.write().await?;
    repo::set_reattempted(&mut w, id).await?;
    scores::rescore(&mut w, q.id, caller.max_score).await?;
    w.audit("run_reattempted", json!({"id": id})).await?;
    w.commit().await
}

/// The racer's VOD link and notes, once the run is over.
pub async fn submit(caller: &Caller, id: i64, vod_url: &str, notes: &str) -> Result<(), Error> {
    let run = own_run(caller, id, false).await?;
    if run.status.is_active() {
        return Err(refused("add the VOD and notes once the run is over"));
    }
    let vod = text::optional_line("vod_url", vod_url, 500)?;
    if let Some(vod) = &vod {
        if !(vod.starts_with("https://") || vod.starts_with("http://")) {
            return Err(Error::Invalid {
                field: "vod_url",
                message: "must be a web address (https://…)".into(),
            });
        }
    }
    let notes = text::multi_line("notes", notes, 2000)?;
    let mut w = caller.db.write().await?;
    repo::set_submission(&mut w, id, vod.as_deref(), &notes).await?;
    w.audit("run_submitted", json!({"id": id, "vod_url": vod}))
        .await?;
    w.commit().await
}

/// The racer asks the reviewers to look at their finished run, saying why.
pub async fn flag(caller: &Caller, id: i64, reason: &str) -> Result<(), Error> {
    let run = own_run(caller, id, false).await?;
    if run.status != RunStatus::Finished {
        return Err(refused("only a finished run is reviewed"));
    }
    let reason = text::one_line("reason", reason, 500)?;
    let mut w = caller.db.write().await?;
    repo::set_flag(&mut w, id, &reason).await?;
    w.emit(&ReviewRequested {
        organization_id: caller.org_id,
        qualifier_id: run.qualifier_id,
        run_id: id,
        user_id: run.user_id,
        reason: reason.clone(),
    })
    .await?;
    w.audit("run_flagged", json!({"id": id, "reason": reason}))
        .await?;
    w.commit().await
}

/// The most minutes one extension adds.
pub const MAX_EXTENSION_MINUTES: i64 = 240;

/// Gives a pending run more time before it times out; the new deadline.
pub async fn extend(caller: &Caller, id: i64, minutes: i64) -> Result<i64, Error> {
    caller.require(caller.manage, "extend run timeouts")?;
    let run = own_run(caller, id, true).await?;
    if run.status != RunStatus::Pending {
        return Err(refused(
            "only a run that has not started times out this way",
        ));
    }
    if !(1..=MAX_EXTENSION_MINUTES).contains(&minutes) {
        return Err(Error::Invalid {
            field: "minutes",
            message: format!("must be between 1 and {MAX_EXTENSION_MINUTES}"),
        });
    }
    let until = flow::pending_deadline(run.revealed_at, run.extended_until) + minutes * 60_000;
    let mut w = caller.db.write().await?;
    repo::set_extended(&mut w, id, until).await?;
    w.audit("run_extended", json!({"id": id, "until": until}))
        .await?;
    w.commit().await?;
    Ok(until)
}

/// The caller's own run `id` (refused for anyone else's).
pub async fn own(caller: &Caller, id: i64) -> Result<Run, Error> {
    own_run(caller, id, false).await
}

/// Records the private Discord thread the racer runs `id` in.
pub async fn attach_thread(
    caller: &Caller,
    id: i64,
    thread_id: i64,
    discord_user_id: i64,
) -> Result<(), Error> {
    own_run(caller, id, false).await?;
    let mut w = caller.db.write().await?;
    repo::set_discord(&mut w, id, thread_id, discord_user_id).await?;
    w.commit().await
}

/// The run whose private thread `thread_id` is.
pub async fn in_thread(caller: &Caller, thread_id: i64) -> Result<i64, Error> {
    repo::in_thread(&caller.db, caller.org_id, thread_id)
        .await?
        .ok_or_else(|| {
            Error::NotFound("this is not a run's thread: use it in the run's thread".into())
        })
}
