//! Crew signups of matches.

use sahabot_sdk::data::{PluginDb as Db, PluginWrite};
use sahabot_sdk::ssr::get_bool;
use sahabot_sdk::ssr::sqlx::{self, Row};
use sahabot_sdk::Error;

use crate::model::CrewRole;

/// A signup as stored, with its match's organization.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CrewRow {
    pub id: i64,
    pub match_id: i64,
    pub user_id: i64,
    pub role: CrewRole,
    pub approved: bool,
}

/// The signup `id` of a match of the organization.
pub async fn get(db: &Db, org_id: i64, id: i64) -> Result<Option<CrewRow>, Error> {
    let found = sqlx::query(
        "SELECT c.id, c.match_id, c.user_id, c.role, c.approved FROM match_crew c
         JOIN matches m ON m.id = c.match_id JOIN tournaments t ON t.id = m.tournament_id
         WHERE c.id = $1 AND t.organization_id = $2",
    )
    .bind(id)
    .bind(org_id)
    .fetch_optional(db.pool())
    .await?;
    let Some(r) = found else { return Ok(None) };
    let role: String = r.try_get("role")?;
    Ok(Some(CrewRow {
        id: r.try_get("id")?,
        match_id: r.try_get("match_id")?,
        user_id: r.try_get("user_id")?,
        role: CrewRole::parse(&role)
            .ok_or_else(|| Error::Conflict(format!("stored crew role `{role}` is unknown")))?,
        approved: get_bool(&r, "approved")?,
    }))
}

pub async fn exists(db: &Db, match_id: i64, user_id: i64, role: CrewRole) -> Result<bool, Error> {
    let count: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM match_crew WHERE match_id = $1 AND user_id = $2 AND role = $3",
    )
    .bind(match_id)
    .bind(user_id)
    .bind(role.as_str())
    .fetch_one(db.pool())
    .await?;
    Ok(count > 0)
}

pub async fn insert(
    w: &mut PluginWrite,
    match_id: i64,
    user_id: i64,
    role: CrewRole,
    approved_by: Option<i64>,
    now: i64,
) -> Result<i64, Error> {
    Ok(sqlx::query_scalar(
        "INSERT INTO match_crew (match_id, user_id, role, approved, approved_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(match_id)
    .bind(user_id)
    .bind(role.as_str())
    .bind(approved_by.is_some())
    .bind(approved_by)
    .bind(now)
    .fetch_one(&mut **w)
    .await?)
}

pub async fn set_approved(w: &mut PluginWrite, id: i64, by: Option<i64>) -> Result<(), Error> {
    sqlx::query("UPDATE match_crew SET approved = $2, approved_by = $3 WHERE id = $1")
        .bind(id)
        .bind(by.is_some())
        .bind(by)
        .execute(&mut **w)
        .await?;
    Ok(())
}

pub async fn delete(w: &mut PluginWrite, id: i64) -> Result<(), Error> {
    sqlx::query("DELETE FROM match_crew WHERE id = $1")
        .bind(id)
        .execute(&mut **w)
        .await?;
    Ok(())
}
