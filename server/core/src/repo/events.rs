//! The event outbox and its deliveries (see `migrations/0006_events.sql`).

use sqlx::Row;

use crate::db::{Db, Dialect};
use crate::error::Result;
use crate::time::now_millis;

/// An event as its emitter writes it, inside the transaction of the change it describes.
pub struct NewEvent<'a> {
    pub event_type: &'a str,
    pub organization_id: Option<i64>,
    pub actor_user_id: Option<i64>,
    pub payload: &'a serde_json::Value,
}

/// Writes the event; it is delivered only if the surrounding transaction commits.
pub async fn emit_in(conn: &mut sqlx::AnyConnection, event: &NewEvent<'_>) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO events (event_type, organization_id, actor_user_id, payload, created_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(event.event_type)
    .bind(event.organization_id)
    .bind(event.actor_user_id)
    .bind(event.payload.to_string())
    .bind(now_millis())
    .fetch_one(conn)
    .await?)
}

/// `FOR UPDATE SKIP LOCKED` on PostgreSQL, where several instances claim work at once; SQLite
/// has one writer at a time (its write transactions take the lock at their start).
fn skip_locked(db: &Db) -> &'static str {
    match db.dialect() {
        Dialect::Postgres => " FOR UPDATE SKIP LOCKED",
        Dialect::Sqlite => "",
    }
}

/// An event whose deliveries do not exist yet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Undispatched {
    pub id: i64,
    pub event_type: String,
}

/// Creates the deliveries of up to `limit` events: `listeners(event_type)` names the plugins
/// that listen to each. One instance does each event.
pub async fn fan_out(
    db: &Db,
    limit: i64,
    listeners: impl Fn(&str) -> Vec<&'static str>,
) -> Result<usize> {
    let mut tx = db.write().await?;
    let rows = sqlx::query(&format!(
        "SELECT id, event_type FROM events WHERE fanned_out_at IS NULL ORDER BY id LIMIT $1{}",
        skip_locked(db)
    ))
    .bind(limit)
    .fetch_all(&mut *tx)
    .await?;
    let now = now_millis();
    for row in &rows {
        let id: i64 = row.try_get("id")?;
        let event_type: String = row.try_get("event_type")?;
        for plugin in listeners(&event_type) {
            sqlx::query(
                "INSERT INTO event_deliveries (event_id, plugin_id, status, attempts, next_attempt_at, updated_at)
                 VALUES ($1, $2, 'pending', 0, $3, $3)",
            )
            .bind(id)
            .bind(plugin)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query("UPDATE events SET fanned_out_at = $1 WHERE id = $2")
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(rows.len())
}

/// A delivery this instance holds until its lease expires.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claimed {
    pub delivery_id: i64,
    pub event_id: i64,
    pub plugin_id: String,
    pub event_type: String,
    pub organization_id: Option<i64>,
    pub actor_user_id: Option<i64>,
    pub payload: String,
    /// This attempt's number, from 1.
    pub attempt: i64,
}

/// Claims up to `limit` due deliveries for `lease_ms`: pending ones whose time has come, and
/// those whose holder's lease expired (a crashed instance's).
pub async fn claim(db: &Db, limit: i64, lease_ms: i64) -> Result<Vec<Claimed>> {
    let now = now_millis();
    let mut tx = db.write().await?;
    let ids: Vec<i64> = sqlx::query_scalar(&format!(
        "SELECT id FROM event_deliveries
         WHERE status = 'pending' AND next_attempt_at <= $1
           AND (leased_until IS NULL OR leased_until < $1)
         ORDER BY next_attempt_at, id LIMIT $2{}",
        skip_locked(db)
    ))
    .bind(now)
    .bind(limit)
    .fetch_all(&mut *tx)
    .await?;
    let mut claimed = Vec::with_capacity(ids.len());
    for id in ids {
        let row = sqlx::query(
            "UPDATE event_deliveries SET leased_until = $1, attempts = attempts + 1, updated_at = $2
             WHERE id = $3
             RETURNING id, event_id, plugin_id, attempts",
        )
        .bind(now + lease_ms)
        .bind(now)
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
        let event_id: i64 = row.try_get("event_id")?;
        let event = sqlx::query(
            "SELECT event_type, organization_id, actor_user_id, payload FROM events WHERE id = $1",
        )
        .bind(event_id)
        .fetch_one(&mut *tx)
        .await?;
        claimed.push(Claimed {
            delivery_id: row.try_get("id")?,
            event_id,
            plugin_id: row.try_get("plugin_id")?,
            event_type: event.try_get("event_type")?,
            organization_id: event.try_get("organization_id")?,
            actor_user_id: event.try_get("actor_user_id")?,
            payload: event.try_get("payload")?,
            attempt: row.try_get::<i64, _>("attempts")?,
        });
    }
    tx.commit().await?;
    Ok(claimed)
}

/// How a delivery attempt ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Delivered,
    /// The listener's plugin is off for the organization.
    Skipped,
    /// Failed; tried again at `retry_at`, or never (`None`: it gave up).
    Failed {
        error: String,
        retry_at: Option<i64>,
    },
}

/// Records how attempts ended, all in one transaction (one commit for a whole batch).
pub async fn finish(db: &Db, outcomes: &[(i64, Outcome)]) -> Result<()> {
    if outcomes.is_empty() {
        return Ok(());
    }
    let now = now_millis();
    let mut tx = db.write().await?;
    for (delivery_id, outcome) in outcomes {
        let (status, error, next): (&str, Option<&str>, Option<i64>) = match outcome {
            Outcome::Delivered => ("delivered", None, None),
            Outcome::Skipped => ("skipped", None, None),
            Outcome::Failed {
                error,
                retry_at: Some(at),
            } => ("pending", Some(error), Some(*at)),
            Outcome::Failed {
                error,
                retry_at: None,
            } => ("failed", Some(error), None),
        };
        sqlx::query(
            "UPDATE event_deliveries SET status = $1, last_error = COALESCE($2, last_error),
             next_attempt_at = COALESCE($3, next_attempt_at), leased_until = NULL, updated_at = $4
             WHERE id = $5",
        )
        .bind(status)
        .bind(error)
        .bind(next)
        .bind(now)
        .bind(delivery_id)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Makes a failed delivery due again, with a fresh count of attempts (inside a unit of work
/// that announces [`deliveries_due`](crate::write::Write::deliveries_due)).
pub async fn retry(conn: &mut sqlx::AnyConnection, delivery_id: i64) -> Result<bool> {
    let now = now_millis();
    let done = sqlx::query(
        "UPDATE event_deliveries SET status = 'pending', attempts = 0, next_attempt_at = $1,
         leased_until = NULL, updated_at = $1 WHERE id = $2 AND status = 'failed'",
    )
    .bind(now)
    .bind(delivery_id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The most recent deliveries (only the failed ones with `failed_only`), newest first.
pub async fn deliveries(
    db: &Db,
    failed_only: bool,
    limit: i64,
) -> Result<Vec<crate::model::EventDelivery>> {
    let rows = sqlx::query(
        "SELECT d.id, d.event_id, e.event_type, o.name AS organization, d.plugin_id, d.status,
                d.attempts, d.last_error, e.created_at, d.updated_at
         FROM event_deliveries d JOIN events e ON e.id = d.event_id
         LEFT JOIN organizations o ON o.id = e.organization_id
         WHERE ($1 = 0 OR d.status = 'failed')
         ORDER BY d.id DESC LIMIT $2",
    )
    .bind(i64::from(failed_only))
    .bind(limit)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(crate::model::EventDelivery {
                delivery_id: r.try_get("id")?,
                event_id: r.try_get("event_id")?,
                event_type: r.try_get("event_type")?,
                organization: r.try_get("organization")?,
                plugin_id: r.try_get("plugin_id")?,
                status: r.try_get("status")?,
                attempts: r.try_get("attempts")?,
                last_error: r.try_get("last_error")?,
                created_at: r.try_get("created_at")?,
                updated_at: r.try_get("updated_at")?,
            })
        })
        .collect()
}

/// How many events exist, and how many still wait for their deliveries to exist.
pub async fn counts(db: &Db) -> Result<(i64, i64)> {
    let row = sqlx::query(
        "SELECT COUNT(*) AS total,
                COALESCE(SUM(CASE WHEN fanned_out_at IS NULL THEN 1 ELSE 0 END), 0) AS waiting
         FROM events",
    )
    .fetch_one(db.pool())
    .await?;
    Ok((row.try_get("total")?, row.try_get("waiting")?))
}
