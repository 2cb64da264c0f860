//! Starting a run in Discord: the start button (the checks, then the pools with runs left), a
//! pool (the point of no return), and the confirmation (the seed revealed in a private
//! thread).

use sahabot_sdk::discord::{ComponentCall, Reply, Response};
use sahabot_sdk::Error;

use super::texts;
use crate::pages::parts::run_href;
use crate::service::caller::Caller;
use crate::service::runs;

pub async fn pools(caller: &Caller, qualifier_id: i64) -> Result<Response, Error> {
    let (q, choices) = runs::startable(caller, qualifier_id).await?;
    match texts::pool_choice(&q, &choices) {
        Some(reply) => Ok(reply.into()),
        None => Err(Error::Conflict(format!(
            "you have no runs left in any pool of `{}`",
            q.name
        ))),
    }
}

pub async fn point_of_no_return(
    caller: &Caller,
    qualifier_id: i64,
    pool_id: i64,
) -> Result<Response, Error> {
    let (q, choices) = runs::startable(caller, qualifier_id).await?;
    let choice = choices
        .iter()
        .find(|c| c.pool.id == pool_id)
        .ok_or_else(|| Error::NotFound(format!("there is no pool {pool_id} in `{}`", q.name)))?;
    if choice.runs_left == 0 {
        return Err(Error::Conflict(format!(
            "you have no runs left in `{}`",
            choice.pool.name
        )));
    }
    Ok(Response::Update(texts::confirm(&q, choice)))
}

/// Starts the run, then opens its thread. The run is started whatever happens to the thread:
/// the racer is told where to go on otherwise.
pub async fn confirmed(
    caller: &Caller,
    call: &ComponentCall,
    qualifier_id: i64,
    pool_id: i64,
) -> Result<Response, Error> {
    let id = runs::start(caller, qualifier_id, pool_id).await?;
    let run = runs::get(caller, id).await?;
    let q = crate::service::qualifiers::get(caller, qualifier_id).await?;
    let on_the_web = |why: String| {
        let path = run_href(&call.ctx.org.slug, id);
        let link = call
            .origin
            .bot
            .as_ref()
            .map_or(path.clone(), |b| b.link(&path));
        Response::Update(Reply::private(format!(
            "Your run {id} has started, but its private thread could not be opened ({why}). \
             Continue it on the web: {link}"
        )))
    };
    let channel = q
        .discord_channel_id
        .as_deref()
        .and_then(|c| c.parse::<i64>().ok())
        .or(call.origin.channel_id);
    let (Some(bot), Some(channel), Some(member)) = (
        call.origin.bot.as_ref(),
        channel,
        call.origin.discord_user_id,
    ) else {
        return Ok(on_the_web("the bot cannot open threads here".into()));
    };
    let name = format!("{} – {} – run {id}", run.display_name, run.pool_name);
    let thread = match bot
        .open_private_thread(
            call.ctx.plugin_id,
            channel,
            name,
            member,
            texts::run_opened(&run, member),
        )
        .await
    {
        Ok(thread) => thread,
        Err(e) => return Ok(on_the_web(e)),
    };
    runs::attach_thread(caller, id, thread, member).await?;
    Ok(Response::Update(Reply::private(format!(
        "Your run {id} is open in <#{thread}>: the seed and the Ready button are there."
    ))))
}
