//! Players' settings submissions, one per game of a match.

use sahabot_sdk::data::{PluginDb as Db, PluginWrite};
use sahabot_sdk::serde_json::{Map, Value};
use sahabot_sdk::ssr::get_bool;
use sahabot_sdk::ssr::sqlx::{self, any::AnyRow, Row};
use sahabot_sdk::Error;

use crate::model::Submission;

const SELECT: &str = "SELECT s.id, s.match_id, s.game_number, s.user_id, u.display_name,
    s.settings, s.applied, s.submitted_at
    FROM match_settings s JOIN users u ON u.id = s.user_id
    JOIN matches m ON m.id = s.match_id JOIN tournaments t ON t.id = m.tournament_id";

fn row(r: &AnyRow) -> Result<Submission, Error> {
    let settings: String = r.try_get("settings")?;
    Ok(Submission {
        id: r.try_get("id")?,
        match_id: r.try_get("match_id")?,
        game_number: r.try_get("game_number")?,
        user_id: r.try_get("user_id")?,
        display_name: r.try_get("display_name")?,
        settings: super::json::<Map<String, Value>>(&settings, "settings")?,
        applied: get_bool(r, "applied")?,
        submitted_at: r.try_get("submitted_at")?,
    })
}

/// A match's submissions, by game.
pub async fn of_match(db: &Db, org_id: i64, match_id: i64) -> Result<Vec<Submission>, Error> {
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE s.match_id = $1 AND t.organization_id = $2 ORDER BY s.game_number"
    ))
    .bind(match_id)
    .bind(org_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(row).collect()
}

pub async fn get(db: &Db, org_id: i64, id: i64) -> Result<Option<Submission>, Error> {
    let found = sqlx::query(&format!(
        "{SELECT} WHERE s.id = $1 AND t.organization_id = $2"
    ))
    .bind(id)
    .bind(org_id)
    .fetch_optional(db.pool())
    .await?;
    found.as_ref().map(row).transpose()
}

/// Stores the answers for a game, replacing an earlier submission of it; its id.
pub async fn put(
    w: &mut PluginWrite,
    match_id: i64,
    game_number: i64,
    user_id: i64,
    settings: &Map<String, Value>,
    now: i64,
) -> Result<i64, Error> {
    sqlx::query("DELETE FROM match_settings WHERE match_id = $1 AND game_number = $2")
        .bind(match_id)
        .bind(game_number)
        .execute(&mut **w)
        .await?;
    Ok(sqlx::query_scalar(
        "INSERT INTO match_settings (match_id, game_number, user_id, settings, submitted_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(match_id)
    .bind(game_number)
    .bind(user_id)
    .bind(super::to_json(settings))
    .bind(now)
    .fetch_one(&mut **w)
    .await?)
}

pub async fn set_applied(w: &mut PluginWrite, id: i64, applied: bool) -> Result<(), Error> {
    sqlx::query("UPDATE match_settings SET applied = $2 WHERE id = $1")
        .bind(id)
        .bind(applied)
        .execute(&mut **w)
        .await?;
    Ok(())
}

pub async fn delete(w: &mut PluginWrite, id: i64) -> Result<(), Error> {
    sqlx::query("DELETE FROM match_settings WHERE id = $1")
        .bind(id)
        .execute(&mut **w)
        .await?;
    Ok(())
}
