//! Players' settings submissions: one per game of a match, by its players, checked against
//! the tournament's form; organizers mark them applied.

use sahabot_sdk::serde_json::{json, Map, Value};
use sahabot_sdk::{time, Error};

use super::caller::Caller;
use super::{matches, settings_form, tournaments};
use crate::events::SettingsSubmitted;
use crate::model::{FieldProblem, MatchStatus, Submission};
use crate::repo::submissions as repo;

pub const MAX_GAMES: i64 = 99;

/// What a submission came to: stored, or refused with a problem per field.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Outcome {
    Stored(i64),
    Refused(Vec<FieldProblem>),
}

/// The match's submissions: for its players and for organizers.
pub async fn list(caller: &Caller, match_id: i64) -> Result<Vec<Submission>, Error> {
    let m = matches::get(caller, match_id).await?;
    list_of(caller, &m).await
}

/// [`list`] for a match already loaded.
pub async fn list_of(caller: &Caller, m: &crate::model::Match) -> Result<Vec<Submission>, Error> {
    let match_id = m.id;
    let plays = caller
        .user_id
        .is_some_and(|me| m.players.iter().any(|p| p.user_id == me));
    caller.require(
        plays || caller.read || caller.schedule,
        "see others' settings",
    )?;
    repo::of_match(&caller.db, caller.org_id, match_id).await
}

/// A player's answers for game `game_number`, replacing an earlier submission not yet
/// applied.
pub async fn submit(
    caller: &Caller,
    match_id: i64,
    game_number: i64,
    answers: &Map<String, Value>,
) -> Result<Outcome, Error> {
    let me = caller.member_id()?;
    let m = matches::get(caller, match_id).await?;
    if !m.players.iter().any(|p| p.user_id == me) {
        return Err(Error::Forbidden(
            "only the match's players submit its settings".into(),
        ));
    }
    if !(1..=MAX_GAMES).contains(&game_number) {
        return Err(Error::Invalid {
            field: "game_number",
            message: format!("must be between 1 and {MAX_GAMES}"),
        });
    }
    if m.status >= MatchStatus::Finished {
        return Err(Error::Conflict(format!(
            "the match is {}: its settings are settled",
            m.status.label().to_lowercase()
        )));
    }
    let tournament = tournaments::get(caller, m.tournament_id).await?;
    if tournament.settings_form.is_empty() {
        return Err(Error::Conflict(format!(
            "`{}` asks its players for no settings",
            tournament.name
        )));
    }
    let existing = repo::of_match(&caller.db, caller.org_id, match_id).await?;
    if existing
        .iter()
        .any(|s| s.game_number == game_number && s.applied)
    {
        return Err(Error::Conflict(format!(
            "the settings of game {game_number} are applied already"
        )));
    }
    let stored = match settings_form::check(&tournament.settings_form, answers) {
        Ok(stored) => stored,
        Err(problems) => return Ok(Outcome::Refused(problems)),
    };
    let mut w = caller.db.write().await?;
    let id = repo::put(
        &mut w,
        match_id,
        game_number,
        me,
        &stored,
        time::now_millis(),
    )
    .await?;
    w.emit(&SettingsSubmitted {
        organization_id: caller.org_id,
        tournament_id: m.tournament_id,
        match_id,
        game_number,
        user_id: me,
    })
    .await?;
    w.audit(
        "settings_submitted",
        json!({"id": id, "match_id": match_id, "game_number": game_number}),
    )
    .await?;
    w.commit().await?;
    Ok(Outcome::Stored(id))
}

async fn get(caller: &Caller, id: i64) -> Result<Submission, Error> {
    repo::get(&caller.db, caller.org_id, id)
        .await?
        .ok_or_else(|| Error::NotFound(format!("there is no settings submission {id} here")))
}

/// Marks a submission applied to the game's seed (or not).
pub async fn set_applied(caller: &Caller, id: i64, applied: bool) -> Result<(), Error> {
    caller.require(caller.schedule, "mark settings applied")?;
    get(caller, id).await?;
    let mut w = caller.db.write().await?;
    repo::set_applied(&mut w, id, applied).await?;
    w.audit("settings_applied", json!({"id": id, "applied": applied}))
        .await?;
    w.commit().await
}

/// Withdraws a submission not yet applied: its submitter or an organizer.
pub async fn delete(caller: &Caller, id: i64) -> Result<(), Error> {
    let submission = get(caller, id).await?;
    let own = caller.user_id == Some(submission.user_id);
    caller.require(own || caller.schedule, "withdraw others' settings")?;
    if submission.applied {
        return Err(Error::Conflict(
            "applied settings stay: mark them not applied first".into(),
        ));
    }
    let mut w = caller.db.write().await?;
    repo::delete(&mut w, id).await?;
    w.audit("settings_withdrawn", json!({"id": id})).await?;
    w.commit().await
}
