// A server function's arguments are the fields of the form that calls it.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::Rights;
use crate::model::{Match, Submission, Tournament};

/// A page of matches, and how many there are in all.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MatchList {
    pub rows: Vec<Match>,
    pub total: i64,
}

/// A tournament's schedule, filtered by player, stream channel and a time window, a page at a
/// time.
#[server]
pub async fn list_matches(
    org: String,
    tournament_id: i64,
    player: Option<i64>,
    channel: Option<i64>,
    from: Option<i64>,
    to: Option<i64>,
    page: i64,
    per_page: i64,
) -> Result<MatchList, ServerFnError> {
    use sahabot_sdk::access::failed;
    let caller = super::caller::<ListMatches>(&org).await?;
    let filter = crate::repo::matches::Filter {
        tournament_id: Some(tournament_id),
        player,
        channel,
        from,
        to,
        limit: per_page,
        offset: (page.max(1) - 1).saturating_mul(per_page.max(0)),
        ..Default::default()
    };
    let (rows, total) = crate::service::matches::list(&caller, filter)
        .await
        .map_err(failed)?;
    Ok(MatchList { rows, total })
}
sahabot_sdk::guard!(plugin, ListMatches, public);

/// The signed-in viewer's matches and crew signups.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mine {
    pub user_id: Option<i64>,
    pub playing: Vec<Match>,
    pub crewing: Vec<Match>,
    pub tournaments: Vec<(i64, String)>,
}

#[server]
pub async fn my_matches(org: String) -> Result<Mine, ServerFnError> {
    use sahabot_sdk::access::failed;
    let caller = super::caller::<MyMatches>(&org).await?;
    let Some(me) = caller.user_id else {
        return Ok(Mine {
            user_id: None,
            playing: Vec::new(),
            crewing: Vec::new(),
            tournaments: Vec::new(),
        });
    };
    let list = |player: Option<i64>, crew: Option<i64>| crate::repo::matches::Filter {
        player,
        crew,
        limit: crate::service::matches::MAX_PAGE,
        ..Default::default()
    };
    let (playing, _) = crate::service::matches::list(&caller, list(Some(me), None))
        .await
        .map_err(failed)?;
    let (crewing, _) = crate::service::matches::list(&caller, list(None, Some(me)))
        .await
        .map_err(failed)?;
    let tournaments = crate::service::tournaments::list(&caller)
        .await
        .map_err(failed)?
        .into_iter()
        .map(|t| (t.id, t.name))
        .collect();
    Ok(Mine {
        user_id: Some(me),
        playing,
        crewing,
        tournaments,
    })
}
sahabot_sdk::guard!(plugin, MyMatches, global SignedIn);

/// A match's page: the match, its tournament, the viewer's rights and, for its players and
/// organizers, the settings submitted.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MatchData {
    pub game: Match,
    pub tournament: Tournament,
    pub rights: Rights,
    pub submissions: Option<Vec<Submission>>,
    pub channels: Vec<crate::model::StreamChannel>,
}

#[server]
pub async fn match_page(org: String, id: i64) -> Result<MatchData, ServerFnError> {
    use sahabot_sdk::access::failed;
    let caller = super::caller::<MatchPage>(&org).await?;
    let game = crate::service::matches::get(&caller, id)
        .await
        .map_err(failed)?;
    let tournament = crate::service::tournaments::get(&caller, game.tournament_id)
        .await
        .map_err(failed)?;
    // Shown to the match's players and to organizers; others get none.
    let submissions = crate::service::submissions::list_of(&caller, &game)
        .await
        .ok();
    let channels = if caller.schedule {
        crate::service::channels::list(&caller)
            .await
            .map_err(failed)?
    } else {
        Vec::new()
    };
    Ok(MatchData {
        game,
        tournament,
        rights: super::rights(&caller),
        submissions,
        channels,
    })
}
sahabot_sdk::guard!(plugin, MatchPage, public);

/// Creates a match; its id.
#[server]
pub async fn create_match(
    org: String,
    tournament_id: i64,
    players: Vec<i64>,
    title: String,
    scheduled_at: Option<i64>,
    stream_channel_id: Option<i64>,
) -> Result<i64, ServerFnError> {
    use sahabot_sdk::access::failed;
    let caller = super::caller::<CreateMatch>(&org).await?;
    let new = crate::service::matches::NewMatch {
        tournament_id,
        players,
        title,
        comment: String::new(),
        scheduled_at,
        stream_channel_id,
    };
    crate::service::matches::create(&caller, &new)
        .await
        .map_err(failed)
}
sahabot_sdk::guard!(plugin, CreateMatch, global SignedIn);

/// Changes a match's title, comment, time and stream.
#[server]
pub async fn update_match(
    org: String,
    id: i64,
    title: String,
    comment: String,
    scheduled_at: Option<i64>,
    stream_channel_id: Option<i64>,
) -> Result<(), ServerFnError> {
    use sahabot_sdk::access::failed;
    let caller = super::caller::<UpdateMatch>(&org).await?;
    let change = crate::service::matches::MatchChange {
        title,
        comment,
        scheduled_at,
        stream_channel_id,
    };
    crate::service::matches::update(&caller, id, &change)
        .await
        .map_err(failed)
}
sahabot_sdk::guard!(plugin, UpdateMatch, global SignedIn);

/// Takes a match one status forward (`forward`) or back.
#[server]
pub async fn step_match(org: String, id: i64, forward: bool) -> Result<(), ServerFnError> {
    use crate::service::matches::{step, Direction};
    use sahabot_sdk::access::failed;
    let caller = super::caller::<StepMatch>(&org).await?;
    let direction = if forward {
        Direction::Advance
    } else {
        Direction::Revert
    };
    step(&caller, id, direction)
        .await
        .map(|_| ())
        .map_err(failed)
}
sahabot_sdk::guard!(plugin, StepMatch, org "tournament:schedule");

/// Records the winner: place 1 for `winner`, 2 for the others.
#[server]
pub async fn record_winner(org: String, id: i64, winner: i64) -> Result<(), ServerFnError> {
    use sahabot_sdk::access::failed;
    let caller = super::caller::<RecordWinner>(&org).await?;
    let game = crate::service::matches::get(&caller, id)
        .await
        .map_err(failed)?;
    let ranks: Vec<(i64, i64)> = game
        .players
        .iter()
        .map(|p| (p.user_id, if p.user_id == winner { 1 } else { 2 }))
        .collect();
    crate::service::matches::record_results(&caller, id, &ranks)
        .await
        .map_err(failed)
}
sahabot_sdk::guard!(plugin, RecordWinner, org "tournament:schedule");

/// Rolls the match's seed from the preset its tournament's rules pick.
#[server]
pub async fn roll_match_seed(org: String, id: i64) -> Result<(), ServerFnError> {
    use sahabot_sdk::access::failed;
    let caller = super::caller::<RollMatchSeed>(&org).await?;
    crate::service::seeds::roll(&caller, id)
        .await
        .map(|_| ())
        .map_err(failed)
}
sahabot_sdk::guard!(plugin, RollMatchSeed, org "tournament:schedule");

#[server]
pub async fn delete_match(org: String, id: i64) -> Result<(), ServerFnError> {
    use sahabot_sdk::access::failed;
    let caller = super::caller::<DeleteMatch>(&org).await?;
    crate::service::matches::delete(&caller, id)
        .await
        .map_err(failed)
}
sahabot_sdk::guard!(plugin, DeleteMatch, org "tournament:schedule");
