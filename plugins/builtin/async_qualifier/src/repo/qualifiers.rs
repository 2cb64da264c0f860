//! Qualifiers.

use sahabot_sdk::data::{PluginDb as Db, PluginWrite};
use sahabot_sdk::ssr::get_bool;
use sahabot_sdk::ssr::sqlx::{self, any::AnyRow, Row};
use sahabot_sdk::Error;

use crate::model::{Qualifier, QualifierForm};

const SELECT: &str = "SELECT q.id, q.name, q.description, q.is_active, q.opens_at, q.closes_at,
    q.runs_per_pool, q.max_reattempts, q.hide_results, q.discord_channel_id, q.score_version,
    (SELECT COUNT(*) FROM async_pools p WHERE p.qualifier_id = q.id) AS pool_count,
    (SELECT COUNT(*) FROM async_runs r WHERE r.qualifier_id = q.id) AS run_count
    FROM async_qualifiers q";

fn row(r: &AnyRow) -> Result<Qualifier, Error> {
    Ok(Qualifier {
        id: r.try_get("id")?,
        name: r.try_get("name")?,
        description: r.try_get("description")?,
        is_active: get_bool(r, "is_active")?,
        opens_at: r.try_get("opens_at")?,
        closes_at: r.try_get("closes_at")?,
        runs_per_pool: r.try_get("runs_per_pool")?,
        max_reattempts: r.try_get("max_reattempts")?,
        hide_results: get_bool(r, "hide_results")?,
        discord_channel_id: r
            .try_get::<Option<i64>, _>("discord_channel_id")?
            .map(|id| id.to_string()),
        score_version: r.try_get("score_version")?,
        pool_count: r.try_get("pool_count")?,
        run_count: r.try_get("run_count")?,
    })
}

/// The organization's qualifiers, active ones first, then by name.
pub async fn list(db: &Db, org_id: i64) -> Result<Vec<Qualifier>, Error> {
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE q.organization_id = $1 ORDER BY q.is_active DESC, q.name"
    ))
    .bind(org_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(row).collect()
}

pub async fn get(db: &Db, org_id: i64, id: i64) -> Result<Option<Qualifier>, Error> {
    let found = sqlx::query(&format!(
        "{SELECT} WHERE q.organization_id = $1 AND q.id = $2"
    ))
    .bind(org_id)
    .bind(id)
    .fetch_optional(db.pool())
    .await?;
    found.as_ref().map(row).transpose()
}

/// Whether another qualifier of the organization has `name`.
pub async fn name_taken(db: &Db, org_id: i64, name: &str, except: i64) -> Result<bool, Error> {
    let count: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM async_qualifiers
         WHERE organization_id = $1 AND name = $2 AND id <> $3",
    )
    .bind(org_id)
    .bind(name)
    .bind(except)
    .fetch_one(db.pool())
    .await?;
    Ok(count > 0)
}

pub async fn insert(
    w: &mut PluginWrite,
    org_id: i64,
    form: &QualifierForm,
    now: i64,
) -> Result<i64, Error> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO async_qualifiers (organization_id, name, description, is_active, opens_at,
            closes_at, runs_per_pool, max_reattempts, hide_results, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
    )
    .bind(org_id)
    .bind(&form.name)
    .bind(&form.description)
    .bind(form.is_active)
    .bind(form.opens_at)
    .bind(form.closes_at)
    .bind(form.runs_per_pool)
    .bind(form.max_reattempts)
    .bind(form.hide_results)
    .bind(now)
    .fetch_one(&mut **w)
    .await?;
    Ok(id)
}

pub async fn update(
    w: &mut PluginWrite,
    id: i64,
    form: &QualifierForm,
    now: i64,
) -> Result<(), Error> {
    sqlx::query(
        "UPDATE async_qualifiers SET name = $1, description = $2, is_active = $3, opens_at = $4,
            closes_at = $5, runs_per_pool = $6, max_reattempts = $7, hide_results = $8,
            updated_at = $9, score_version = score_version + 1
         WHERE id = $10",
    )
    .bind(&form.name)
    .bind(&form.description)
    .bind(form.is_active)
    .bind(form.opens_at)
    .bind(form.closes_at)
    .bind(form.runs_per_pool)
    .bind(form.max_reattempts)
    .bind(form.hide_results)
    .bind(now)
    .bind(id)
    .execute(&mut **w)
    .await?;
    Ok(())
}

pub async fn delete(w: &mut PluginWrite, id: i64) -> Result<(), Error> {
    sqlx::query("DELETE FROM async_qualifiers WHERE id = $1")
        .bind(id)
        .execute(&mut **w)
        .await?;
    Ok(())
}

/// Takes the qualifier's turn to rescore: the first write of every rescoring, so that two of
/// the same qualifier run one after the other (the second sees what the first committed).
pub async fn lock_for_rescoring(w: &mut PluginWrite, id: i64, now: i64) -> Result<(), Error> {
    sqlx::query(
        "UPDATE async_qualifiers SET rescored_at = $1, score_version = score_version + 1
         WHERE id = $2",
    )
    .bind(now)
    .bind(id)
    .execute(&mut **w)
    .await?;
    Ok(())
}

/// Every qualifier with its organization (for the hourly rescoring).
pub async fn all_ids(db: &Db, org_id: i64) -> Result<Vec<i64>, Error> {
    Ok(
        sqlx::query_scalar(
            "SELECT id FROM async_qualifiers WHERE organization_id = $1 ORDER BY id",
        )
        .bind(org_id)
        .fetch_all(db.pool())
        .await?,
    )
}

/// The leaderboard depends on more than the scores (the pools, the runs per pool): a change
/// of those moves the score version too, so that no instance keeps the old board.
pub async fn bump_score_version(w: &mut PluginWrite, id: i64) -> Result<(), Error> {
    sqlx::query("UPDATE async_qualifiers SET score_version = score_version + 1 WHERE id = $1")
        .bind(id)
        .execute(&mut **w)
        .await?;
    Ok(())
}

/// Records the Discord channel where the qualifier's start button is.
pub async fn set_channel(w: &mut PluginWrite, id: i64, channel: i64) -> Result<(), Error> {
    sqlx::query("UPDATE async_qualifiers SET discord_channel_id = $1 WHERE id = $2")
        .bind(channel)
        .bind(id)
        .execute(&mut **w)
        .await?;
    Ok(())
}
