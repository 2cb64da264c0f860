//! A run's steps in its thread: ready (the countdown), the timer, finish, and forfeit (asked
//! twice).

use sahabot_sdk::discord::{Reply, Response};
use sahabot_sdk::{time, Error};

use super::texts;
use crate::model::RunStatus;
use crate::service::caller::Caller;
use crate::service::flow::Step;
use crate::service::runs;

/// Ready or finish: the run's message shows the next step.
pub async fn step(caller: &Caller, id: i64, step: Step) -> Result<Response, Error> {
    runs::step(caller, id, step).await?;
    let run = runs::get(caller, id).await?;
    Ok(Response::Update(match step {
        Step::Ready => texts::running(&run),
        _ => texts::finished(&run),
    }))
}

pub async fn timer(caller: &Caller, id: i64) -> Result<Response, Error> {
    let run = runs::own(caller, id).await?;
    let now = time::now_millis();
    let text = match (run.status, run.started_at) {
        (RunStatus::InProgress, Some(start)) if now < start => {
            format!("The clock starts {}.", texts::relative(start))
        }
        (RunStatus::InProgress, Some(start)) => {
            format!("Run {id}: {} so far.", texts::elapsed(now - start))
        }
        (RunStatus::Pending, _) => format!("Run {id} has not started: press Ready first."),
        _ => format!(
            "Run {id} is over: {}.",
            run.elapsed_ms
                .map_or(run.status.label().to_lowercase(), texts::elapsed)
        ),
    };
    Ok(Reply::private(text).into())
}

/// Asks before forfeiting; the run must be the caller's and still going.
pub async fn ask_forfeit(caller: &Caller, id: i64) -> Result<Response, Error> {
    let run = runs::own(caller, id).await?;
    if !run.status.is_active() {
        return Err(Error::Conflict(format!("run {id} is over already")));
    }
    Ok(texts::forfeit_confirm(id).into())
}

pub async fn forfeit(caller: &Caller, id: i64) -> Result<Response, Error> {
    runs::step(caller, id, Step::Forfeit).await?;
    Ok(Response::Update(Reply::private(format!(
        "You forfeited run {id}; it scores 0."
    ))))
}
