//! Rescoring (in the change's own write, after taking the qualifier's turn) and the
//! leaderboard as the caller may see it.

use std::collections::HashMap;
use std::sync::Arc;

use sahabot_sdk::data::PluginWrite;
use sahabot_sdk::{time, Error};

use super::caller::Caller;
use super::leaderboard;
use super::qualifiers;
use crate::model::{Line, Qualifier};
use crate::repo::{pools, qualifiers as qualifier_repo, runs};

/// Recomputes every par and score of the qualifier inside `w`, writing what changed. Two
/// rescorings of one qualifier take turns (the first write is to the qualifier's row), so the
/// second sees the first's runs: two racers finishing at once both count.
pub async fn rescore(w: &mut PluginWrite, qualifier_id: i64, max_score: f64) -> Result<(), Error> {
    qualifier_repo::lock_for_rescoring(w, qualifier_id, time::now_millis()).await?;
    let stored = runs::facts_in(w, qualifier_id).await?;
    let facts: Vec<_> = stored.iter().map(|(f, _)| f.clone()).collect();
    let pars = leaderboard::pars(&facts);
    let scores = leaderboard::scores(&facts, &pars, max_score);
    for (permalink, old) in pools::pars_in(w, qualifier_id).await? {
        let new = pars.get(&permalink).map(|p| p.round() as i64);
        if new != old {
            pools::set_par(w, permalink, new).await?;
        }
    }
    for (run, old) in &stored {
        let new = scores
            .get(&run.id)
            .copied()
            .flatten()
            .map(|s| (s * 1000.0).round() as i64);
        if new != *old {
            runs::set_score(w, run.id, new).await?;
        }
    }
    Ok(())
}

/// Rescoring on demand, in a write of its own.
pub async fn rescore_now(caller: &Caller, qualifier_id: i64) -> Result<(), Error> {
    qualifiers::get(caller, qualifier_id).await?;
    let mut w = caller.db.write().await?;
    rescore(&mut w, qualifier_id, caller.max_score).await?;
    w.commit().await
}

/// The qualifier's leaderboard from the stored scores, best first; refused while the
/// qualifier hides its results from the caller.
pub async fn board(caller: &Caller, qualifier_id: i64) -> Result<Vec<Line>, Error> {
    let q = qualifiers::get(caller, qualifier_id).await?;
    Ok(board_of(caller, &q).await?.as_ref().clone())
}

/// [`board`] of a qualifier already read. The board is kept by this instance until the
/// qualifier's scores change (its score version moves with every rescoring).
pub async fn board_of(caller: &Caller, q: &Qualifier) -> Result<Arc<Vec<Line>>, Error> {
    if !qualifiers::results_shown(caller, q, time::now_millis()) {
        return Err(Error::Forbidden(format!(
            "`{}` shows its results when it closes",
            q.name
        )));
    }
    caller
        .db
        .memoized(
            &format!("board:{}", q.id),
            q.score_version,
            computed(caller, q),
        )
        .await
}

async fn computed(caller: &Caller, q: &Qualifier) -> Result<Vec<Line>, Error> {
    let stored = runs::facts(&caller.db, q.id).await?;
    let scores: HashMap<i64, Option<f64>> = stored
        .iter()
        .map(|(f, s)| (f.id, s.map(|s| s as f64 / 1000.0)))
        .collect();
    let facts: Vec<_> = stored.into_iter().map(|(f, _)| f).collect();
    let pool_ids: Vec<i64> = pools::list(&caller.db, q.id)
        .await?
        .iter()
        .map(|p| p.id)
        .collect();
    let rpp = usize::try_from(q.runs_per_pool).unwrap_or(1);
    let names: HashMap<i64, String> = runs::racers(&caller.db, q.id).await?.into_iter().collect();
    Ok(leaderboard::leaderboard(&facts, &scores, &pool_ids, rpp)
        .into_iter()
        .map(|standing| Line {
            display_name: names
                .get(&standing.user_id)
                .cloned()
                .unwrap_or_else(|| format!("user {}", standing.user_id)),
            standing,
        })
        .collect())
}
