use sahabot_sdk::data::PluginDb as Db;
use sahabot_sdk::ssr::sqlx::{self, Row};
use sahabot_sdk::{time, Error};

use crate::model::CommunityLink;

pub async fn list(db: &Db, organization_id: i64) -> Result<Vec<CommunityLink>, Error> {
    let rows = sqlx::query(
        "SELECT id, label, url FROM community_links WHERE organization_id = $1 ORDER BY id",
    )
    .bind(organization_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(CommunityLink {
                id: r.try_get("id")?,
                label: r.try_get("label")?,
                url: r.try_get("url")?,
            })
        })
        .collect()
}

/// Adds a link unless the organization has `max` already (checked in the same transaction).
pub async fn add(
    db: &Db,
    organization_id: i64,
    label: &str,
    url: &str,
    max: i64,
) -> Result<(), Error> {
    let mut tx = db.write().await?;
    let count: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM community_links WHERE organization_id = $1")
            .bind(organization_id)
            .fetch_one(&mut *tx)
            .await?;
    if count >= max {
        return Err(Error::Conflict(format!(
            "an organization keeps at most {max} links; remove one first"
        )));
    }
    sqlx::query(
        "INSERT INTO community_links (organization_id, label, url, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(organization_id)
    .bind(label)
    .bind(url)
    .bind(time::now_millis())
    .execute(&mut *tx)
    .await?;
    tx.audit(
        "link_added",
        sahabot_sdk::serde_json::json!({ "label": label, "url": url }),
    )
    .await?;
    tx.commit().await
}

pub async fn remove(db: &Db, organization_id: i64, id: i64) -> Result<(), Error> {
    let mut tx = db.write().await?;
    let done = sqlx::query("DELETE FROM community_links WHERE organization_id = $1 AND id = $2")
        .bind(organization_id)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() == 0 {
        return Err(Error::NotFound("there is no such link".into()));
    }
    tx.audit("link_removed", sahabot_sdk::serde_json::json!({ "id": id }))
        .await?;
    tx.commit().await
}
