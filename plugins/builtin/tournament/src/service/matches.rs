//! Matches: creating and changing them, their status flow and results, and who sees their
//! seed.

use std::collections::HashSet;

use sahabot_sdk::data::PluginWrite;
use sahabot_sdk::serde_json::json;
use sahabot_sdk::{text, time, Error};

use super::caller::Caller;
use super::status::{self, Stamp, Step};
use super::{channels, check_instant, tournaments};
use crate::events::{MatchDeleted, MatchFinished, MatchRecorded, MatchScheduled, MatchUpdated};
use crate::model::{Match, MatchStatus};
use crate::repo::matches::{self as repo, Fields, Filter};
use crate::repo::players;

pub const MAX_PLAYERS: usize = 16;
pub const MAX_PAGE: i64 = 500;

/// A new match, as a form or the API sends it.
#[derive(Clone, Debug, Default, serde::Deserialize)]
pub struct NewMatch {
    pub tournament_id: i64,
    pub players: Vec<i64>,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub comment: String,
    #[serde(default)]
    pub scheduled_at: Option<i64>,
    #[serde(default)]
    pub stream_channel_id: Option<i64>,
}

/// A change of a match's details.
#[derive(Clone, Debug, Default, serde::Deserialize)]
pub struct MatchChange {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub comment: String,
    #[serde(default)]
    pub scheduled_at: Option<i64>,
    #[serde(default)]
    pub stream_channel_id: Option<i64>,
}

/// The match `id` of the organization as the caller may see it.
pub async fn get(caller: &Caller, id: i64) -> Result<Match, Error> {
    let found = repo::get(&caller.db, caller.org_id, id)
        .await?
        .ok_or_else(|| Error::NotFound(format!("there is no match {id} here")))?;
    Ok(shown(caller, found))
}

/// Matches of the organization as the caller may see them, and how many there are in all.
pub async fn list(caller: &Caller, mut filter: Filter) -> Result<(Vec<Match>, i64), Error> {
    if !(1..=MAX_PAGE).contains(&filter.limit) {
        return Err(Error::Invalid {
            field: "per_page",
            message: format!("must be between 1 and {MAX_PAGE}"),
        });
    }
    filter.org_id = caller.org_id;
    let (found, total) = repo::load(&caller.db, &filter).await?;
    Ok((found.into_iter().map(|m| shown(caller, m)).collect(), total))
}

/// The seed is shown to the match's players and crew and to organizers, and to everyone once
/// the match has started.
fn shown(caller: &Caller, mut m: Match) -> Match {
    let involved = caller.user_id.is_some_and(|me| {
        m.players.iter().any(|p| p.user_id == me) || m.crew.iter().any(|c| c.user_id == me)
    });
    let started = m.status >= MatchStatus::InProgress;
    if !(involved || started || caller.schedule || caller.read) {
        m.seed = None;
    }
    m
}

fn plays_in(caller: &Caller, m: &Match) -> bool {
    caller
        .user_id
        .is_some_and(|me| m.players.iter().any(|p| p.user_id == me))
}

struct Checked {
    title: String,
    comment: String,
    scheduled_at: Option<i64>,
    stream_channel_id: Option<i64>,
}

async fn check_details(
    caller: &Caller,
    title: &str,
    comment: &str,
    scheduled_at: Option<i64>,
    stream_channel_id: Option<i64>,
) -> Result<Checked, Error> {
    let title = text::optional_line("title", title, 100)?.unwrap_or_default();
    let comment = text::multi_line("comment", comment, 1000)?;
    let scheduled_at = check_instant("scheduled_at", scheduled_at)?;
    if let Some(channel) = stream_channel_id {
        channels::get(caller, channel)
            .await
            .map_err(|_| Error::Invalid {
                field: "stream_channel_id",
                message: format!("there is no stream channel {channel} here"),
            })?;
    }
    Ok(Checked {
        title,
        comment,
        scheduled_at,
        stream_channel_id,
    })
}

/// Creates a match. Organizers (`tournament:schedule`) create any; a member creates one they
/// play in, without a stream channel (organizers assign those).
pub async fn create(caller: &Caller, new: &NewMatch) -> Result<i64, Error> {
    let me = caller.member_id()?;
    let tournament = open_tournament(caller, new.tournament_id).await?;
    let registered = players::list(&caller.db, tournament.id).await?;
    let details = check_new(caller, &tournament, &registered, new).await?;
    let mut w = caller.db.write().await?;
    let id = insert(caller, &mut w, tournament.id, &new.players, &details, me).await?;
    w.commit().await?;
    Ok(id)
}

/// Creates matches of one tournament at once (organizers' bulk scheduling): all of them, or
/// none when one is refused. `name` says which row a refusal is about ("line 3").
pub async fn create_many(
    caller: &Caller,
    tournament_id: i64,
    rows: &[NewMatch],
    name: impl Fn(usize) -> String,
) -> Result<Vec<i64>, Error> {
    let me = caller.member_id()?;
    caller.require(caller.schedule, "schedule matches in bulk")?;
    if rows.is_empty() || rows.len() > crate::bulk::MAX_ROWS {
        return Err(Error::Invalid {
            field: "matches",
            message: format!("schedule 1 to {} matches at once", crate::bulk::MAX_ROWS),
        });
    }
    let tournament = open_tournament(caller, tournament_id).await?;
    let registered = players::list(&caller.db, tournament.id).await?;
    let mut checked = Vec::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        let details = check_new(caller, &tournament, &registered, row)
            .await
            .map_err(|e| Error::Invalid {
                field: "matches",
                message: format!("{}: {e}", name(i)),
            })?;
        checked.push(details);
    }
    let mut w = caller.db.write().await?;
    let mut ids = Vec::with_capacity(rows.len());
    for (row, details) in rows.iter().zip(&checked) {
        ids.push(insert(caller, &mut w, tournament.id, &row.players, details, me).await?);
    }
    w.commit().await?;
    Ok(ids)
}

async fn open_tournament(caller: &Caller, id: i64) -> Result<crate::model::Tournament, Error> {
    let tournament = tournaments::get(caller, id).await?;
    if !tournament.is_active {
        return Err(Error::Conflict(format!(
            "`{}` is not active: no new matches",
            tournament.name
        )));
    }
    Ok(tournament)
}

/// The rules a new match is held to, whoever creates it.
async fn check_new(
    caller: &Caller,
    tournament: &crate::model::Tournament,
    registered: &[crate::model::Player],
    new: &NewMatch,
) -> Result<Checked, Error> {
    let me = caller.member_id()?;
    let mut seen = HashSet::new();
    if let Some(twice) = new.players.iter().find(|p| !seen.insert(**p)) {
        return Err(Error::Invalid {
            field: "players",
            message: format!("user {twice} is listed twice"),
        });
    }
    if !(2..=MAX_PLAYERS).contains(&new.players.len()) {
        return Err(Error::Invalid {
            field: "players",
            message: format!("a match has 2 to {MAX_PLAYERS} players"),
        });
    }
    if let Some(stranger) = new
        .players
        .iter()
        .find(|p| !registered.iter().any(|r| r.user_id == **p))
    {
        return Err(Error::Invalid {
            field: "players",
            message: format!("user {stranger} is not a player of `{}`", tournament.name),
        });
    }
    if !caller.schedule {
        if !new.players.contains(&me) {
            return Err(Error::Forbidden(
                "you may create matches you play in; organizers create the others".into(),
            ));
        }
        if new.stream_channel_id.is_some() {
            return Err(Error::Forbidden("organizers assign stream channels".into()));
        }
    }
    check_details(
        caller,
        &new.title,
        &new.comment,
        new.scheduled_at,
        new.stream_channel_id,
    )
    .await
}

async fn insert(
    caller: &Caller,
    w: &mut PluginWrite,
    tournament_id: i64,
    players: &[i64],
    details: &Checked,
    created_by: i64,
) -> Result<i64, Error> {
    let fields = Fields {
        title: &details.title,
        comment: &details.comment,
        stream_channel_id: details.stream_channel_id,
        scheduled_at: details.scheduled_at,
    };
    let id = repo::insert(
        w,
        tournament_id,
        &fields,
        players,
        created_by,
        time::now_millis(),
    )
    .await?;
    w.emit(&MatchScheduled {
        organization_id: caller.org_id,
        tournament_id,
        match_id: id,
        scheduled_at: details.scheduled_at,
        players: players.to_vec(),
    })
    .await?;
    w.audit(
        "match_created",
        json!({"id": id, "tournament_id": tournament_id, "players": players}),
    )
    .await?;
    Ok(id)
}

/// Changes a match's details. Its players may change the title, comment and time while it is
/// not yet checked in; organizers anything until it is recorded.
pub async fn update(caller: &Caller, id: i64, change: &MatchChange) -> Result<(), Error> {
    let current = get(caller, id).await?;
    if !caller.schedule {
        if !plays_in(caller, &current) {
            return Err(Error::Forbidden(
                "only the match's players and organizers change a match".into(),
            ));
        }
        if current.status > MatchStatus::Scheduled {
            return Err(Error::Conflict(format!(
                "the match is {}: ask an organizer to change it",
                current.status.label().to_lowercase()
            )));
        }
        if change.stream_channel_id != current.stream.as_ref().map(|s| s.id) {
            return Err(Error::Forbidden("organizers assign stream channels".into()));
        }
    }
    if current.status == MatchStatus::Recorded {
        return Err(Error::Conflict(
            "the match is recorded: revert it before changing it".into(),
        ));
    }
    let details = check_details(
        caller,
        &change.title,
        &change.comment,
        change.scheduled_at,
        change.stream_channel_id,
    )
    .await?;
    if details.scheduled_at.is_none() && current.status > MatchStatus::Scheduled {
        return Err(Error::Invalid {
            field: "scheduled_at",
            message: "a match that has begun keeps its time".into(),
        });
    }
    let mut w = caller.db.write().await?;
    let fields = Fields {
        title: &details.title,
        comment: &details.comment,
        stream_channel_id: details.stream_channel_id,
        scheduled_at: details.scheduled_at,
    };
    repo::update(&mut w, id, &fields, time::now_millis()).await?;
    if details.scheduled_at != current.times.scheduled_at {
        w.emit(&MatchScheduled {
            organization_id: caller.org_id,
            tournament_id: current.tournament_id,
            match_id: id,
            scheduled_at: details.scheduled_at,
            players: current.players.iter().map(|p| p.user_id).collect(),
        })
        .await?;
    }
    let status = if details.scheduled_at.is_some() || current.status > MatchStatus::Scheduled {
        current.status.max(MatchStatus::Scheduled)
    } else {
        MatchStatus::Pending
    };
    emit_updated(caller, &mut w, &current, status).await?;
    w.audit(
        "match_updated",
        json!({"id": id, "title": details.title, "scheduled_at": details.scheduled_at,
               "stream_channel_id": details.stream_channel_id}),
    )
    .await?;
    w.commit().await
}

async fn emit_updated(
    caller: &Caller,
    w: &mut PluginWrite,
    m: &Match,
    status: MatchStatus,
) -> Result<(), Error> {
    w.emit(&MatchUpdated {
        organization_id: caller.org_id,
        tournament_id: m.tournament_id,
        match_id: m.id,
        status,
    })
    .await
}

pub async fn delete(caller: &Caller, id: i64) -> Result<(), Error> {
    caller.require(caller.schedule, "delete matches")?;
    let current = get(caller, id).await?;
    let mut w = caller.db.write().await?;
    repo::delete(&mut w, id).await?;
    w.emit(&MatchDeleted {
        organization_id: caller.org_id,
        tournament_id: current.tournament_id,
        match_id: id,
    })
    .await?;
    w.audit("match_deleted", json!({"id": id, "title": current.title}))
        .await?;
    w.commit().await
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Advance,
    Revert,
}

/// Takes a match one status forward or back; the status it reached.
pub async fn step(caller: &Caller, id: i64, direction: Direction) -> Result<MatchStatus, Error> {
    caller.require(caller.schedule, "change a match's status")?;
    let current = get(caller, id).await?;
    let has_winner = current.players.iter().any(|p| p.finish_rank == Some(1));
    let now = time::now_millis();
    let step = match direction {
        Direction::Advance => status::advance(&current.times, has_winner, now),
        Direction::Revert => status::revert(&current.times),
    }
    .map_err(|refusal| Error::Conflict(refusal.to_string()))?;
    let (stamp, value) = match step {
        Step::Set(stamp, at) => (stamp, Some(at)),
        Step::Clear(stamp) => (stamp, None),
    };
    let reached = status::apply(&current.times, step).status();
    let mut w = caller.db.write().await?;
    if !repo::set_stamp(&mut w, id, stamp, value, &current.times, now).await? {
        return Err(Error::Conflict(
            "the match changed meanwhile: reload it and try again".into(),
        ));
    }
    // Results belong to a finished match: going back before it clears them.
    if direction == Direction::Revert && stamp == Stamp::Finished {
        let cleared: Vec<_> = current.players.iter().map(|p| (p.user_id, None)).collect();
        repo::set_ranks(&mut w, id, &cleared).await?;
    }
    match reached {
        MatchStatus::Finished if direction == Direction::Advance => {
            finished(caller, &mut w, &current, ranks_of(&current)).await?
        }
        MatchStatus::Recorded => {
            w.emit(&MatchRecorded {
                organization_id: caller.org_id,
                tournament_id: current.tournament_id,
                match_id: id,
                winners: current
                    .players
                    .iter()
                    .filter(|p| p.finish_rank == Some(1))
                    .map(|p| p.user_id)
                    .collect(),
            })
            .await?
        }
        other => emit_updated(caller, &mut w, &current, other).await?,
    }
    w.audit(
        "match_status_changed",
        json!({"id": id, "from": current.status, "to": reached}),
    )
    .await?;
    w.commit().await?;
    Ok(reached)
}

fn ranks_of(m: &Match) -> Vec<(i64, Option<i64>)> {
    m.players
        .iter()
        .map(|p| (p.user_id, p.finish_rank))
        .collect()
}

async fn finished(
    caller: &Caller,
    w: &mut PluginWrite,
    m: &Match,
    ranks: Vec<(i64, Option<i64>)>,
) -> Result<(), Error> {
    w.emit(&MatchFinished {
        organization_id: caller.org_id,
        tournament_id: m.tournament_id,
        match_id: m.id,
        ranks,
    })
    .await
}

/// Records each player's place (1 for the winner; equal places for a tie). A match in
/// progress is finished by it; a recorded one must be reverted first.
pub async fn record_results(caller: &Caller, id: i64, ranks: &[(i64, i64)]) -> Result<(), Error> {
    caller.require(caller.schedule, "record results")?;
    let current = get(caller, id).await?;
    if !matches!(
        current.status,
        MatchStatus::InProgress | MatchStatus::Finished
    ) {
        return Err(Error::Conflict(format!(
            "results are recorded for a match in progress or finished; this one is {}",
            current.status.label().to_lowercase()
        )));
    }
    let count = current.players.len() as i64;
    let mut seen = HashSet::new();
    for (user, rank) in ranks {
        if !current.players.iter().any(|p| p.user_id == *user) {
            return Err(Error::Invalid {
                field: "ranks",
                message: format!("user {user} does not play in this match"),
            });
        }
        if !seen.insert(*user) {
            return Err(Error::Invalid {
                field: "ranks",
                message: format!("user {user} is ranked twice"),
            });
        }
        if !(1..=count).contains(rank) {
            return Err(Error::Invalid {
                field: "ranks",
                message: format!("a place is between 1 and {count}, not {rank}"),
            });
        }
    }
    if !ranks.iter().any(|(_, rank)| *rank == 1) {
        return Err(Error::Invalid {
            field: "ranks",
            message: "someone must be first: give the winner place 1".into(),
        });
    }
    let now = time::now_millis();
    let all: Vec<(i64, Option<i64>)> = current
        .players
        .iter()
        .map(|p| {
            let rank = ranks.iter().find(|(u, _)| *u == p.user_id).map(|(_, r)| *r);
            (p.user_id, rank)
        })
        .collect();
    let mut w = caller.db.write().await?;
    repo::set_ranks(&mut w, id, &all).await?;
    if current.status == MatchStatus::InProgress
        && !repo::set_stamp(&mut w, id, Stamp::Finished, Some(now), &current.times, now).await?
    {
        return Err(Error::Conflict(
            "the match changed meanwhile: reload it and try again".into(),
        ));
    }
    finished(caller, &mut w, &current, all.clone()).await?;
    w.audit("match_results_recorded", json!({"id": id, "ranks": all}))
        .await?;
    w.commit().await
}

/// Sets a player's station (on-site tournaments).
pub async fn set_station(
    caller: &Caller,
    id: i64,
    user_id: i64,
    station: &str,
) -> Result<(), Error> {
    caller.require(caller.schedule, "assign stations")?;
    let current = get(caller, id).await?;
    if !current.players.iter().any(|p| p.user_id == user_id) {
        return Err(Error::Invalid {
            field: "user_id",
            message: format!("user {user_id} does not play in this match"),
        });
    }
    let station = text::optional_line("station", station, 40)?;
    let mut w = caller.db.write().await?;
    repo::set_station(&mut w, id, user_id, station.as_deref()).await?;
    emit_updated(caller, &mut w, &current, current.status).await?;
    w.audit(
        "match_station_set",
        json!({"id": id, "user_id": user_id, "station": station}),
    )
    .await?;
    w.commit().await
}
