//! Pools and their permalinks.

use sahabot_sdk::data::{PluginDb as Db, PluginWrite};
use sahabot_sdk::ssr::sqlx::{self, any::AnyRow, Row};
use sahabot_sdk::Error;

use crate::model::{Permalink, Pool};

pub async fn list(db: &Db, qualifier_id: i64) -> Result<Vec<Pool>, Error> {
    let rows = sqlx::query(
        "SELECT p.id, p.qualifier_id, p.name,
            (SELECT COUNT(*) FROM async_permalinks l WHERE l.pool_id = p.id) AS permalink_count
         FROM async_pools p WHERE p.qualifier_id = $1 ORDER BY p.name, p.id",
    )
    .bind(qualifier_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Pool {
                id: r.try_get("id")?,
                qualifier_id: r.try_get("qualifier_id")?,
                name: r.try_get("name")?,
                permalink_count: r.try_get("permalink_count")?,
            })
        })
        .collect()
}

pub async fn name_taken(
    db: &Db,
    qualifier_id: i64,
    name: &str,
    except: i64,
) -> Result<bool, Error> {
    let count: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM async_pools WHERE qualifier_id = $1 AND name = $2 AND id <> $3",
    )
    .bind(qualifier_id)
    .bind(name)
    .bind(except)
    .fetch_one(db.pool())
    .await?;
    Ok(count > 0)
}

pub async fn insert(w: &mut PluginWrite, qualifier_id: i64, name: &str) -> Result<i64, Error> {
    Ok(sqlx::query_scalar(
        "INSERT INTO async_pools (qualifier_id, name) VALUES ($1, $2) RETURNING id",
    )
    .bind(qualifier_id)
    .bind(name)
    .fetch_one(&mut **w)
    .await?)
}

pub async fn rename(w: &mut PluginWrite, id: i64, name: &str) -> Result<(), Error> {
    sqlx::query("UPDATE async_pools SET name = $1 WHERE id = $2")
        .bind(name)
        .bind(id)
        .execute(&mut **w)
        .await?;
    Ok(())
}

pub async fn delete(w: &mut PluginWrite, id: i64) -> Result<(), Error> {
    sqlx::query("DELETE FROM async_pools WHERE id = $1")
        .bind(id)
        .execute(&mut **w)
        .await?;
    Ok(())
}

const PERMALINK: &str = "SELECT l.id, l.pool_id, l.url, l.notes, l.preset, l.par_ms,
    (SELECT COUNT(*) FROM async_runs r
      WHERE r.permalink_id = l.id AND r.status = 'finished' AND r.reattempted = FALSE) AS finishes
    FROM async_permalinks l";

fn permalink(r: &AnyRow) -> Result<Permalink, Error> {
    Ok(Permalink {
        id: r.try_get("id")?,
        pool_id: r.try_get("pool_id")?,
        url: r.try_get("url")?,
        notes: r.try_get("notes")?,
        preset: r.try_get("preset")?,
        par_ms: r.try_get("par_ms")?,
        finishes: r.try_get("finishes")?,
    })
}

/// The permalinks of a qualifier's pools.
pub async fn permalinks(db: &Db, qualifier_id: i64) -> Result<Vec<Permalink>, Error> {
    let rows = sqlx::query(&format!(
        "{PERMALINK} JOIN async_pools p ON p.id = l.pool_id
         WHERE p.qualifier_id = $1 ORDER BY l.pool_id, l.id"
    ))
    .bind(qualifier_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(permalink).collect()
}

pub async fn insert_permalink(
    w: &mut PluginWrite,
    pool_id: i64,
    url: &str,
    notes: &str,
    preset: Option<&str>,
    now: i64,
) -> Result<i64, Error> {
    Ok(sqlx::query_scalar(
        "INSERT INTO async_permalinks (pool_id, url, notes, preset, created_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(pool_id)
    .bind(url)
    .bind(notes)
    .bind(preset)
    .bind(now)
    .fetch_one(&mut **w)
    .await?)
}

pub async fn update_permalink(
    w: &mut PluginWrite,
    id: i64,
    url: &str,
    notes: &str,
) -> Result<(), Error> {
    sqlx::query("UPDATE async_permalinks SET url = $1, notes = $2 WHERE id = $3")
        .bind(url)
        .bind(notes)
        .bind(id)
        .execute(&mut **w)
        .await?;
    Ok(())
}

pub async fn delete_permalink(w: &mut PluginWrite, id: i64) -> Result<(), Error> {
    sqlx::query("DELETE FROM async_permalinks WHERE id = $1")
        .bind(id)
        .execute(&mut **w)
        .await?;
    Ok(())
}

pub async fn set_par(w: &mut PluginWrite, id: i64, par_ms: Option<i64>) -> Result<(), Error> {
    sqlx::query("UPDATE async_permalinks SET par_ms = $1 WHERE id = $2")
        .bind(par_ms)
        .bind(id)
        .execute(&mut **w)
        .await?;
    Ok(())
}

/// The stored par of each permalink of the qualifier, read inside the rescoring's write.
pub async fn pars_in(
    w: &mut PluginWrite,
    qualifier_id: i64,
) -> Result<Vec<(i64, Option<i64>)>, Error> {
    let rows = sqlx::query(
        "SELECT l.id, l.par_ms FROM async_permalinks l JOIN async_pools p ON p.id = l.pool_id
         WHERE p.qualifier_id = $1",
    )
    .bind(qualifier_id)
    .fetch_all(&mut **w)
    .await?;
    rows.iter()
        .map(|r| Ok((r.try_get("id")?, r.try_get("par_ms")?)))
        .collect()
}
