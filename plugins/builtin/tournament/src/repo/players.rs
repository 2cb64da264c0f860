//! A tournament's registered players.

use sahabot_sdk::data::{PluginDb as Db, PluginWrite};
use sahabot_sdk::ssr::sqlx::{self, Row};
use sahabot_sdk::Error;

use crate::model::Player;

pub async fn list(db: &Db, tournament_id: i64) -> Result<Vec<Player>, Error> {
    let rows = sqlx::query(
        "SELECT p.user_id, u.display_name FROM tournament_players p
         JOIN users u ON u.id = p.user_id
         WHERE p.tournament_id = $1 ORDER BY u.display_name, p.user_id",
    )
    .bind(tournament_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Player {
                user_id: r.try_get("user_id")?,
                display_name: r.try_get("display_name")?,
            })
        })
        .collect()
}

pub async fn insert(
    w: &mut PluginWrite,
    tournament_id: i64,
    user_id: i64,
    now: i64,
) -> Result<(), Error> {
    sqlx::query(
        "INSERT INTO tournament_players (tournament_id, user_id, created_at) VALUES ($1, $2, $3)",
    )
    .bind(tournament_id)
    .bind(user_id)
    .bind(now)
    .execute(&mut **w)
    .await?;
    Ok(())
}

pub async fn delete(w: &mut PluginWrite, tournament_id: i64, user_id: i64) -> Result<u64, Error> {
    let done =
        sqlx::query("DELETE FROM tournament_players WHERE tournament_id = $1 AND user_id = $2")
            .bind(tournament_id)
            .bind(user_id)
            .execute(&mut **w)
            .await?;
    Ok(done.rows_affected())
}

/// How many of the tournament's matches `user_id` plays in.
pub async fn match_count(db: &Db, tournament_id: i64, user_id: i64) -> Result<i64, Error> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM match_players mp JOIN matches m ON m.id = mp.match_id
         WHERE m.tournament_id = $1 AND mp.user_id = $2",
    )
    .bind(tournament_id)
    .bind(user_id)
    .fetch_one(db.pool())
    .await?)
}
