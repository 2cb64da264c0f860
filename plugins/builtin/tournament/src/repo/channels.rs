//! The organization's stream channels.

use sahabot_sdk::data::{PluginDb as Db, PluginWrite};
use sahabot_sdk::ssr::sqlx::{self, Row};
use sahabot_sdk::Error;

use crate::model::StreamChannel;

pub async fn list(db: &Db, org_id: i64) -> Result<Vec<StreamChannel>, Error> {
    let rows = sqlx::query(
        "SELECT id, name, url FROM stream_channels WHERE organization_id = $1 ORDER BY name",
    )
    .bind(org_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(StreamChannel {
                id: r.try_get("id")?,
                name: r.try_get("name")?,
                url: r.try_get("url")?,
            })
        })
        .collect()
}

pub async fn get(db: &Db, org_id: i64, id: i64) -> Result<Option<StreamChannel>, Error> {
    let found = sqlx::query(
        "SELECT id, name, url FROM stream_channels WHERE organization_id = $1 AND id = $2",
    )
    .bind(org_id)
    .bind(id)
    .fetch_optional(db.pool())
    .await?;
    found
        .map(|r| {
            Ok(StreamChannel {
                id: r.try_get("id")?,
                name: r.try_get("name")?,
                url: r.try_get("url")?,
            })
        })
        .transpose()
}

pub async fn insert(w: &mut PluginWrite, org_id: i64, name: &str, url: &str) -> Result<i64, Error> {
    Ok(sqlx::query_scalar(
        "INSERT INTO stream_channels (organization_id, name, url) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(org_id)
    .bind(name)
    .bind(url)
    .fetch_one(&mut **w)
    .await?)
}

pub async fn update(w: &mut PluginWrite, id: i64, name: &str, url: &str) -> Result<(), Error> {
    sqlx::query("UPDATE stream_channels SET name = $2, url = $3 WHERE id = $1")
        .bind(id)
        .bind(name)
        .bind(url)
        .execute(&mut **w)
        .await?;
    Ok(())
}

pub async fn delete(w: &mut PluginWrite, id: i64) -> Result<(), Error> {
    sqlx::query("DELETE FROM stream_channels WHERE id = $1")
        .bind(id)
        .execute(&mut **w)
        .await?;
    Ok(())
}
