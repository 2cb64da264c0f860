//! The organization's seed history: every roll, its result or its error.

use sahabot_sdk::data::PluginDb as Db;
use sahabot_sdk::serde_json::{self, json};
use sahabot_sdk::ssr::sqlx::{self, any::AnyRow, Row};
use sahabot_sdk::{time, Error};

use crate::model::RollView;

/// A roll to record.
#[derive(Clone, Debug)]
pub struct NewRoll<'a> {
    pub origin: &'a str,
    pub randomizer: &'a str,
    pub preset_id: Option<i64>,
    pub preset_revision: Option<i64>,
    pub preset_label: &'a str,
    pub outcome: &'a Result<sahabot_sdk::seeds::Seed, sahabot_sdk::seeds::RollError>,
    /// The mystery roll's settings as YAML, if they are kept.
    pub rolled: Option<String>,
    pub attempts: i64,
    pub duration_ms: i64,
}

/// Records the roll (with its audit entry); returns its id.
pub async fn record(db: &Db, roll: &NewRoll<'_>) -> Result<i64, Error> {
    let org = db.org()?.id;
    let user = db.actor().map(|a| a.user_id);
    let (permalink, hash, version, spoiler, error) = match roll.outcome {
        Ok(seed) => (
            Some(seed.permalink.clone()),
            Some(serde_json::to_string(&seed.hash).unwrap_or_default()),
            seed.version.clone(),
            seed.spoiler.clone(),
            None,
        ),
        Err(e) => (None, None, None, None, Some(e.to_string())),
    };
    let mut tx = db.write().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO seed_rolls (organization_id, user_id, origin, randomizer, preset_id,
            preset_revision, preset_label, permalink, hash, version, spoiler, rolled, error,
            attempts, duration_ms, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
         RETURNING id",
    )
    .bind(org)
    .bind(user)
    .bind(roll.origin)
    .bind(roll.randomizer)
    .bind(roll.preset_id)
    .bind(roll.preset_revision)
    .bind(roll.preset_label)
    .bind(&permalink)
    .bind(&hash)
    .bind(&version)
    .bind(&spoiler)
    .bind(&roll.rolled)
    .bind(&error)
    .bind(roll.attempts)
    .bind(roll.duration_ms)
    .bind(time::now_millis())
    .fetch_one(&mut *tx)
    .await?;
    tx.audit(
        "seed_rolled",
        json!({ "roll_id": id, "randomizer": roll.randomizer, "preset": roll.preset_label,
                "origin": roll.origin, "ok": error.is_none() }),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

const COLUMNS: &str = "r.id, r.created_at, u.display_name, r.origin, r.randomizer, r.preset_label,
    r.permalink, r.hash, r.version, r.spoiler, r.rolled, r.error, r.attempts, r.duration_ms,
    p.hide_rolled
    FROM seed_rolls r LEFT JOIN users u ON u.id = r.user_id
    LEFT JOIN presets p ON p.id = r.preset_id";

fn view(r: &AnyRow, show_hidden: bool) -> Result<RollView, Error> {
    let hash: Option<String> = r.try_get("hash")?;
    let hidden = sahabot_sdk::ssr::get_bool(r, "hide_rolled").unwrap_or(false);
    let rolled: Option<String> = r.try_get("rolled")?;
    Ok(RollView {
        id: r.try_get("id")?,
        created_at: r.try_get("created_at")?,
        user: r.try_get("display_name")?,
        origin: r.try_get("origin")?,
        randomizer: r.try_get("randomizer")?,
        preset: r.try_get("preset_label")?,
        permalink: r.try_get("permalink")?,
        hash: hash
            .and_then(|h| serde_json::from_str(&h).ok())
            .unwrap_or_default(),
        version: r.try_get("version")?,
        spoiler: r.try_get("spoiler")?,
        rolled: rolled.filter(|_| show_hidden || !hidden),
        error: r.try_get("error")?,
        attempts: r.try_get("attempts")?,
        duration_ms: r.try_get("duration_ms")?,
    })
}

pub async fn by_id(db: &Db, id: i64, show_hidden: bool) -> Result<Option<RollView>, Error> {
    let found = sqlx::query(&format!(
        "SELECT {COLUMNS} WHERE r.id = $1 AND r.organization_id = $2"
    ))
    .bind(id)
    .bind(db.org()?.id)
    .fetch_optional(db.pool())
    .await?;
    found.as_ref().map(|r| view(r, show_hidden)).transpose()
}

/// A page of the organization's rolls, newest first, and how many there are.
pub async fn page(db: &Db, page: i64, per_page: i64) -> Result<(Vec<RollView>, i64), Error> {
    let org = db.org()?.id;
    let total: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM seed_rolls WHERE organization_id = $1")
            .bind(org)
            .fetch_one(db.pool())
            .await?;
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} WHERE r.organization_id = $1 ORDER BY r.id DESC LIMIT $2 OFFSET $3"
    ))
    .bind(org)
    .bind(per_page)
    .bind((page - 1) * per_page)
    .fetch_all(db.pool())
    .await?;
    let rows = rows
        .iter()
        .map(|r| view(r, false))
        .collect::<Result<Vec<_>, Error>>()?;
    Ok((rows, total))
}
