use crate::db::Db;
use crate::error::Result;
use crate::repo::paging::Window;
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
    let mut conn = db.pool().acquire().await?;
    record_in(&mut conn, entry).await
}

/// Records `entry` on `conn` (inside the transaction of the change it describes).
pub async fn record_in(conn: &mut sqlx::AnyConnection, entry: &Entry<'_>) -> Result<()> {
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
    .execute(conn)
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

/// The peer address of a request, put into the request's extensions by the host.
#[derive(Clone, Debug)]
pub struct ClientAddr(pub Option<String>);

/// The audit log, newest first, one page at a time; `organization_id` narrows it to one org.
pub async fn list(
    db: &Db,
    organization_id: Option<i64>,
    window: Window,
) -> Result<crate::model::Page<crate::model::AuditEntry>> {
    use sqlx::Row;
    let filter = "WHERE (CAST($1 AS BIGINT) IS NULL OR a.organization_id = $1)";
    let total: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM audit_log a {filter}"))
        .bind(organization_id)
        .fetch_one(db.pool())
        .await?;
    let rows = sqlx::query(&format!(
        "SELECT a.id, u.display_name, o.slug, a.action, a.details, a.ip, a.created_at
         FROM audit_log a
         LEFT JOIN users u ON u.id = a.user_id
         LEFT JOIN organizations o ON o.id = a.organization_id
         {filter} ORDER BY a.id DESC LIMIT $2 OFFSET $3"
    ))
    .bind(organization_id)
    .bind(window.per_page())
    .bind(window.offset())
    .fetch_all(db.pool())
    .await?;
    let items = rows
        .iter()
        .map(|row| {
            Ok(crate::model::AuditEntry {
                id: row.try_get("id")?,
                user_name: row.try_get("display_name")?,
                org_slug: row.try_get("slug")?,
                action: row.try_get("action")?,
                details: row.try_get("details")?,
                ip: row.try_get("ip")?,
                created_at: row.try_get("created_at")?,
            })
        })
        .collect::<Result<_>>()?;
    Ok(window.page(items, total))
}
