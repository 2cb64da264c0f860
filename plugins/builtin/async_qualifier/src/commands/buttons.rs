//! The handler of every button and form of the run flow: it reads the press from the custom
//! id and runs the step as the presser.

use sahabot_sdk::discord::{ComponentCall, Reply, Response};
use sahabot_sdk::runtime_kinds::PluginError;
use sahabot_sdk::Error;

use super::ids::Press;
use super::{after, caller, refusal, run, start};
use crate::service::caller::Caller;
use crate::service::flow::Step;

pub async fn pressed(call: ComponentCall) -> Result<Response, PluginError> {
    let Some(press) = Press::parse(&call.custom_id) else {
        return Ok(Reply::private("This button is no longer in use.").into());
    };
    Ok(match caller(call.user.as_ref(), &call.ctx.db).await {
        Ok(caller) => step(&caller, &call, press).await.unwrap_or_else(refusal),
        Err(reply) => reply,
    })
}

async fn step(caller: &Caller, call: &ComponentCall, press: Press) -> Result<Response, Error> {
    match press {
        Press::Start(q) => start::pools(caller, q).await,
        Press::Pool(q, pool) => start::point_of_no_return(caller, q, pool).await,
        Press::Confirm(q, pool) => start::confirmed(caller, call, q, pool).await,
        Press::Cancel => Ok(Response::Update(Reply::private("Nothing was started."))),
        Press::Ready(id) => run::step(caller, id, Step::Ready).await,
        Press::Finish(id) => run::step(caller, id, Step::Finish).await,
        Press::Timer(id) => run::timer(caller, id).await,
        Press::Forfeit(id) => run::ask_forfeit(caller, id).await,
        Press::ForfeitConfirmed(id) => run::forfeit(caller, id).await,
        // Forms open at once; what is submitted is checked like any step.
        Press::Vod(id) => Ok(after::vod_form(id)),
        Press::VodForm(id) => after::vod_submitted(caller, id, &call.fields).await,
        Press::Flag(id) => Ok(after::flag_form(id)),
        Press::FlagForm(id) => after::flag_submitted(caller, id, &call.fields).await,
    }
}
