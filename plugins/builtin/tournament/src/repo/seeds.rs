//! The seed kept with a match.

use sahabot_sdk::data::PluginWrite;
use sahabot_sdk::ssr::sqlx;
use sahabot_sdk::Error;

use crate::model::MatchSeed;

/// Keeps `seed` as the match's (replacing an earlier one).
pub async fn put(
    w: &mut PluginWrite,
    match_id: i64,
    seed: &MatchSeed,
    rolled_by: Option<i64>,
) -> Result<(), Error> {
    sqlx::query("DELETE FROM match_seeds WHERE match_id = $1")
        .bind(match_id)
        .execute(&mut **w)
        .await?;
    sqlx::query(
        "INSERT INTO match_seeds (match_id, permalink, hash, preset, rule, rolled_by, rolled_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(match_id)
    .bind(&seed.permalink)
    .bind(super::to_json(&seed.hash))
    .bind(&seed.preset)
    .bind(&seed.rule)
    .bind(rolled_by)
    .bind(seed.rolled_at)
    .execute(&mut **w)
    .await?;
    Ok(())
}
