//! A tournament's registered players: organizers add and remove them.

use sahabot_sdk::{time, Error};

use super::caller::Caller;
use super::tournaments::{get, players_changed};
use crate::model::Player;
use crate::repo::players as repo;

pub async fn list(caller: &Caller, tournament_id: i64) -> Result<Vec<Player>, Error> {
    get(caller, tournament_id).await?;
    repo::list(&caller.db, tournament_id).await
}

pub async fn add(caller: &Caller, tournament_id: i64, user_id: i64) -> Result<(), Error> {
    caller.require(caller.manage, "register players")?;
    let tournament = get(caller, tournament_id).await?;
    if !caller.is_member(user_id).await? {
        return Err(Error::Invalid {
            field: "user_id",
            message: format!("user {user_id} is not a member of this organization"),
        });
    }
    let players = repo::list(&caller.db, tournament_id).await?;
    if players.iter().any(|p| p.user_id == user_id) {
        return Err(Error::Conflict(format!(
            "user {user_id} is already a player of `{}`",
            tournament.name
        )));
    }
    let mut w = caller.db.write().await?;
    repo::insert(&mut w, tournament_id, user_id, time::now_millis()).await?;
    players_changed(caller, &mut w, &tournament, "player_added", user_id).await?;
    w.commit().await
}

/// Removes a player who plays in none of the tournament's matches.
pub async fn remove(caller: &Caller, tournament_id: i64, user_id: i64) -> Result<(), Error> {
    caller.require(caller.manage, "remove players")?;
    let tournament = get(caller, tournament_id).await?;
    let in_matches = repo::match_count(&caller.db, tournament_id, user_id).await?;
    if in_matches > 0 {
        return Err(Error::Conflict(format!(
            "user {user_id} plays in {in_matches} of `{}`'s matches: remove them from those first",
            tournament.name
        )));
    }
    let mut w = caller.db.write().await?;
    if repo::delete(&mut w, tournament_id, user_id).await? == 0 {
        return Err(Error::NotFound(format!(
            "user {user_id} is not a player of `{}`",
            tournament.name
        )));
    }
    players_changed(caller, &mut w, &tournament, "player_removed", user_id).await?;
    w.commit().await
}
