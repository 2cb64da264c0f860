use sahabot_sdk::data::PluginDb as Db;
use sahabot_sdk::ssr::sqlx::{self, Row};
use sahabot_sdk::Error;

use crate::model::Namespace;

pub async fn namespaces(db: &Db, organization_id: i64) -> Result<Vec<Namespace>, Error> {
    let rows = sqlx::query(
        "SELECT name, description FROM preset_namespaces WHERE organization_id = $1 ORDER BY name",
    )
    .bind(organization_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Namespace {
                name: r.try_get("name")?,
                description: r.try_get("description")?,
            })
        })
        .collect()
}

/// Creates a namespace unless the organization has one already.
pub async fn ensure_namespace(
    db: &Db,
    organization_id: i64,
    name: &str,
    description: &str,
) -> Result<(), Error> {
    let mut tx = db.write().await?;
    let existing: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM preset_namespaces WHERE organization_id = $1")
            .bind(organization_id)
            .fetch_one(&mut *tx)
            .await?;
    if existing == 0 {
        sqlx::query(
            "INSERT INTO preset_namespaces (organization_id, name, description, created_at)
             VALUES ($1, $2, $3, $4)",
        )
        .bind(organization_id)
        .bind(name)
        .bind(description)
        .bind(sahabot_sdk::time::now_millis())
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}
