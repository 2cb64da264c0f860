use sahabot_sdk::ssr::sqlx::{self, Row};
use sahabot_sdk::ssr::Db;
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
