use crate::db::Db;
use crate::error::Result;
use crate::time::now_millis;

/// One audit entry: who did what, where, from which address.
pub struct Entry<'a> {
    pub user_id: Option<i64>,
    pub organization_id: Option<i64>,
    pub action: &'a str,
    /// A JSON object.
    pub details: &'a str,
    pub ip: Option<&'a str>,
}

pub async fn record(db: &Db, entry: &Entry<'_>) -> Result<()> {
    sqlx::query(
        "INSERT INTO audit_log (user_id, organization_id, action, details, ip, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(entry.user_id)
    .bind(entry.organization_id)
    .bind(entry.action)
    .bind(entry.details)
    .bind(entry.ip)
    .bind(now_millis())
    .execute(db.pool())
    .await?;
    Ok(())
}

/// The most recent actions of a user, newest first.
pub async fn actions_of_user(db: &Db, user_id: i64, limit: i64) -> Result<Vec<String>> {
    Ok(sqlx::query_scalar(
        "SELECT action FROM audit_log WHERE user_id = $1 ORDER BY id DESC LIMIT $2",
    )
    .bind(user_id)
    .bind(limit)
    .fetch_all(db.pool())
    .await?)
}
