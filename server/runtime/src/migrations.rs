//! Each plugin's own schema steps: applied in order, each in a transaction together with its
//! record in `plugin_migrations`; a failure is recorded with its message and stops that
//! plugin's remaining steps.

use sahabot_core::db::{Db, Dialect};
use sahabot_core::migrate::{checksum, render};
use sahabot_core::repo::plugins;
use sahabot_sdk::registry::Plugin;

/// Applies the plugin's migrations that are not applied yet; returns how many ran, or the
/// failure's message.
pub async fn apply(db: &Db, plugin: &Plugin) -> Result<usize, String> {
    let version = plugin
        .manifest()
        .map(|m| m.version.to_string())
        .unwrap_or_default();
    let mut applied = 0;
    for step in &plugin.server().migrations {
        let sum = checksum(step.sql);
        match plugins::migration_record(db, plugin.id, step.name)
            .await
            .map_err(|e| e.to_string())?
        {
            Some((recorded, true)) if recorded == sum => continue,
            Some((_, true)) => {
                return Err(format!(
                    "migration {} was changed after it was applied; add a new migration instead",
                    step.name
                ))
            }
            _ => {}
        }
        if let Err(error) = apply_one(db, plugin.id, &version, step.name, step.sql, &sum).await {
            let message = format!("migration {} failed: {error}", step.name);
            if let Err(e) = record_failure(db, plugin.id, &version, step.name, &sum, &message).await
            {
                tracing::error!(plugin = plugin.id, error = %e, "could not record a failed migration");
            }
            return Err(message);
        }
        tracing::info!(
            plugin = plugin.id,
            migration = step.name,
            "applied plugin migration"
        );
        applied += 1;
    }
    Ok(applied)
}

async fn record_failure(
    db: &Db,
    plugin_id: &str,
    version: &str,
    name: &str,
    sum: &str,
    message: &str,
) -> Result<(), sahabot_core::Error> {
    let mut tx = db.write().await?;
    plugins::record_migration(&mut tx, plugin_id, version, name, sum, Some(message)).await?;
    tx.commit().await?;
    Ok(())
}

async fn apply_one(
    db: &Db,
    plugin_id: &str,
    version: &str,
    name: &str,
    sql: &str,
    sum: &str,
) -> Result<(), sahabot_core::Error> {
    let mut tx = db.write().await?;
    if db.dialect() == Dialect::Postgres {
        // Instances starting together: one migrates, the others wait and then see it done.
        sqlx::query("SELECT pg_advisory_xact_lock(7262010002)")
            .execute(&mut *tx)
            .await?;
    }
    let done: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM plugin_migrations
         WHERE plugin_id = $1 AND migration_name = $2 AND checksum = $3 AND success = $4",
    )
    .bind(plugin_id)
    .bind(name)
    .bind(sum)
    .bind(true)
    .fetch_one(&mut *tx)
    .await?;
    if done > 0 {
        return Ok(());
    }
    let rendered = render(sql, db.dialect());
    // A plain string runs as a simple query: several statements in one go.
    sqlx::Executor::execute(&mut *tx, rendered.as_str()).await?;
    plugins::record_migration(&mut tx, plugin_id, version, name, sum, None).await?;
    tx.commit().await?;
    Ok(())
}
