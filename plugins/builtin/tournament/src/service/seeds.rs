//! A match's seed: the preset its tournament's rules pick, rolled through Presets and kept
//! with the match.

use sahabot_sdk::seeds::{Origin, PresetRef};
use sahabot_sdk::serde_json::{json, Map, Value};
use sahabot_sdk::{time, Error};

use super::caller::Caller;
use super::{matches, preset_rules, tournaments};
use crate::events::MatchUpdated;
use crate::model::{Match, MatchSeed, MatchStatus, Tournament};
use crate::repo::{seeds as repo, submissions};

/// Which preset a match would be rolled with, and why.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Selection {
    /// `namespace/name`; `None` when no rule holds and the tournament has no preset.
    pub preset: Option<String>,
    /// The rule that picked it (its place and name); `None` for the tournament's preset.
    pub rule: Option<(usize, String)>,
    /// What the rules were evaluated on.
    pub facts: Value,
}

/// What the rules see of a match: `match.*`, `settings.*` (the first game's submission) and
/// `tournament.*`.
pub async fn facts(caller: &Caller, tournament: &Tournament, m: &Match) -> Result<Value, Error> {
    let settings: Map<String, Value> = submissions::of_match(&caller.db, caller.org_id, m.id)
        .await?
        .into_iter()
        .next()
        .map(|s| s.settings)
        .unwrap_or_default();
    Ok(json!({
        "match": {
            "id": m.id,
            "title": m.title,
            "comment": m.comment,
            "players": m.players.iter().map(|p| p.display_name.clone()).collect::<Vec<_>>(),
            "player_count": m.players.len(),
            "stream": m.stream.as_ref().map(|s| s.name.clone()),
            "scheduled_at": m.times.scheduled_at,
        },
        "settings": settings,
        "tournament": {
            "id": tournament.id,
            "name": tournament.name,
            "onsite": tournament.onsite,
        },
    }))
}

pub fn select(tournament: &Tournament, facts: Value) -> Selection {
    match preset_rules::select(&tournament.preset_rules, &facts) {
        Some((index, rule)) => Selection {
            preset: Some(rule.preset.clone()),
            rule: Some((index, rule.name.clone())),
            facts,
        },
        None => Selection {
            preset: tournament.preset.clone(),
            rule: None,
            facts,
        },
    }
}

/// The preset match `match_id` would be rolled with now.
pub async fn preview(caller: &Caller, match_id: i64) -> Result<Selection, Error> {
    caller.require(
        caller.read || caller.manage || caller.schedule,
        "see the preset rules at work",
    )?;
    let m = matches::get(caller, match_id).await?;
    let tournament = tournaments::get(caller, m.tournament_id).await?;
    Ok(select(&tournament, facts(caller, &tournament, &m).await?))
}

/// Rolls the match's seed from the preset its rules pick and keeps it with the match
/// (replacing an earlier one). A failed roll keeps nothing; it is in the seed history.
pub async fn roll(caller: &Caller, match_id: i64) -> Result<MatchSeed, Error> {
    caller.require(caller.schedule, "roll match seeds")?;
    let m = matches::get(caller, match_id).await?;
    if m.status >= MatchStatus::Finished {
        return Err(Error::Conflict(format!(
            "the match is {}: its seed is settled",
            m.status.label().to_lowercase()
        )));
    }
    let tournament = tournaments::get(caller, m.tournament_id).await?;
    let Some(randomizer) = tournament.randomizer.as_deref() else {
        return Err(Error::Conflict(format!(
            "`{}` has no randomizer: choose one in its settings",
            tournament.name
        )));
    };
    let randomizer = tournaments::randomizer_id(caller, randomizer).await?;
    let selection = select(&tournament, facts(caller, &tournament, &m).await?);
    let Some(preset) = selection.preset else {
        return Err(Error::Conflict(format!(
            "no preset rule holds for this match and `{}` has no preset of its own",
            tournament.name
        )));
    };
    let roller = tournaments::roller(caller).await?;
    let rolled = roller
        .api
        .roll(
            roller.db.clone(),
            randomizer,
            PresetRef {
                name: preset.clone(),
                mystery_only: false,
            },
            Origin::Match,
        )
        .await?;
    let Some(permalink) = rolled.permalink else {
        return Err(Error::Conflict(format!(
            "the seed could not be rolled: {}",
            rolled.error.unwrap_or_else(|| "no reason given".into())
        )));
    };
    let seed = MatchSeed {
        permalink,
        hash: rolled.hash,
        preset: rolled.preset,
        rule: selection.rule.map(|(_, name)| name),
        rolled_at: time::now_millis(),
    };
    let mut w = caller.db.write().await?;
    repo::put(&mut w, match_id, &seed, caller.user_id).await?;
    w.emit(&MatchUpdated {
        organization_id: caller.org_id,
        tournament_id: m.tournament_id,
        match_id,
        status: m.status,
    })
    .await?;
    w.audit(
        "match_seed_rolled",
        json!({"id": match_id, "preset": seed.preset, "rule": seed.rule, "roll": rolled.id}),
    )
    .await?;
    w.commit().await?;
    Ok(seed)
}
