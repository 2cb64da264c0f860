use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::Rights;
use crate::model::{Run, RunStatus};

/// The point of no return: a permalink of the pool is revealed; the new run's id.
#[server]
pub async fn start_run(org: String, qualifier_id: i64, pool_id: i64) -> Result<i64, ServerFnError> {
    use sahabot_sdk::access::failed;
    let caller = super::caller::<StartRun>(&org).await?;
    crate::service::runs::start(&caller, qualifier_id, pool_id)
        .await
        .map_err(failed)
}
sahabot_sdk::guard!(plugin, StartRun, global SignedIn);

/// A run's page: the run, its qualifier's name, when a pending run times out, and what the
/// viewer may do.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunData {
    pub run: Run,
    pub qualifier: String,
    pub deadline: Option<i64>,
    pub rights: Rights,
}

#[server]
pub async fn run_page(org: String, id: i64) -> Result<RunData, ServerFnError> {
    use sahabot_sdk::access::failed;
    let caller = super::caller::<RunPage>(&org).await?;
    let run = crate::service::runs::get(&caller, id)
        .await
        .map_err(failed)?;
    let qualifier = crate::service::qualifiers::get(&caller, run.qualifier_id)
        .await
        .map_err(failed)?
        .name;
    let deadline = (run.status == RunStatus::Pending)
        .then(|| crate::service::flow::pending_deadline(run.revealed_at, run.extended_until));
    Ok(RunData {
        run,
        qualifier,
        deadline,
        rights: super::rights(&caller),
    })
}
sahabot_sdk::guard!(plugin, RunPage, public);

/// The racer's step: `ready`, `finish` or `forfeit` (an organizer may forfeit too).
#[server]
pub async fn step_run(org: String, id: i64, step: String) -> Result<RunStatus, ServerFnError> {
    use crate::service::flow::Step;
    use sahabot_sdk::access::failed;
    let caller = super::caller::<StepRun>(&org).await?;
    let step = match step.as_str() {
        "ready" => Step::Ready,
        "finish" => Step::Finish,
        "forfeit" => Step::Forfeit,
        other => return Err(ServerFnError::new(format!("step: `{other}` is not a step"))),
    };
    crate::service::runs::step(&caller, id, step)
        .await
        .map_err(failed)
}
sahabot_sdk::guard!(plugin, StepRun, global SignedIn);

#[server]
pub async fn disqualify_run(org: String, id: i64) -> Result<RunStatus, ServerFnError> {
    use sahabot_sdk::access::failed;
    let caller = super::caller::<DisqualifyRun>(&org).await?;
    crate::service::runs::step(&caller, id, crate::service::flow::Step::Disqualify)
        .await
        .map_err(failed)
}
sahabot_sdk::guard!(plugin, DisqualifyRun, org "async_qualifier:manage");

#[server]
pub async fn reattempt_run(org: String, id: i64) -> Result<(), ServerFnError> {
    use sahabot_sdk::access::failed;
    let caller = super::caller::<ReattemptRun>(&org).await?;
    crate::service::runs::reattempt(&caller, id)
        .await
        .map_err(failed)
}
sahabot_sdk::guard!(plugin, ReattemptRun, global SignedIn);

/// The racer's VOD link and notes.
#[server]
pub async fn submit_run(
    org: String,
    id: i64,
    vod_url: String,
    notes: String,
) -> Result<(), ServerFnError> {
    use sahabot_sdk::access::failed;
    let caller = super::caller::<SubmitRun>(&org).await?;
    crate::service::runs::submit(&caller, id, &vod_url, &notes)
        .await
        .map_err(failed)
}
sahabot_sdk::guard!(plugin, SubmitRun, global SignedIn);

/// The racer asks for a review, saying why.
#[server]
pub async fn flag_run(org: String, id: i64, reason: String) -> Result<(), ServerFnError> {
    use sahabot_sdk::access::failed;
    let caller = super::caller::<FlagRun>(&org).await?;
    crate::service::runs::flag(&caller, id, &reason)
        .await
        .map_err(failed)
}
sahabot_sdk::guard!(plugin, FlagRun, global SignedIn);

#[server]
pub async fn extend_run(org: String, id: i64, minutes: i64) -> Result<i64, ServerFnError> {
    use sahabot_sdk::access::failed;
    let caller = super::caller::<ExtendRun>(&org).await?;
    crate::service::runs::extend(&caller, id, minutes)
        .await
        .map_err(failed)
}
sahabot_sdk::guard!(plugin, ExtendRun, org "async_qualifier:manage");

/// A racer's runs of a qualifier, as the viewer may see them, with the racer's name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RacerData {
    pub qualifier: String,
    pub display_name: String,
    pub runs: Vec<Run>,
}

#[server]
pub async fn racer_page(
    org: String,
    qualifier_id: i64,
    user_id: i64,
) -> Result<RacerData, ServerFnError> {
    use crate::repo::runs::RunFilter;
    use sahabot_sdk::access::failed;
    let caller = super::caller::<RacerPage>(&org).await?;
    let qualifier = crate::service::qualifiers::get(&caller, qualifier_id)
        .await
        .map_err(failed)?
        .name;
    let runs = crate::service::runs::list(
        &caller,
        qualifier_id,
        RunFilter {
            user_id: Some(user_id),
            ..RunFilter::default()
        },
    )
    .await
    .map_err(failed)?;
    let display_name = runs
        .first()
        .map(|r| r.display_name.clone())
        .ok_or_else(|| {
            ServerFnError::new(format!("user {user_id} has no runs in `{qualifier}`"))
        })?;
    Ok(RacerData {
        qualifier,
        display_name,
        runs,
    })
}
sahabot_sdk::guard!(plugin, RacerPage, public);
