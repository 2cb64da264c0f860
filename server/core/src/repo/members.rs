use sqlx::Row;

use crate::db::Db;
use crate::error::{Error, Result};
use crate::model::Member;
use crate::time::now_millis;
use crate::write::Write;

/// Adds a user to an organization (with its `core.member_joined` event); adding an existing
/// member is a conflict.
pub async fn add(db: &Db, organization_id: i64, user_id: i64) -> Result<()> {
    let mut tx = db.write().await?;
    add_in(&mut tx, organization_id, user_id).await?;
    tx.commit().await?;
    Ok(())
}

/// [`add`] inside the caller's transaction.
pub async fn add_in(conn: &mut Write, organization_id: i64, user_id: i64) -> Result<()> {
    let exists: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM organization_members WHERE organization_id = $1 AND user_id = $2",
    )
    .bind(organization_id)
    .bind(user_id)
    .fetch_optional(&mut **conn)
    .await?;
    if exists.is_some() {
        return Err(Error::Conflict(
            "already a member of this organization".into(),
        ));
    }
    sqlx::query(
        "INSERT INTO organization_members (organization_id, user_id, joined_at) VALUES ($1, $2, $3)",
    )
    .bind(organization_id)
    .bind(user_id)
    .bind(now_millis())
    .execute(&mut **conn)
    .await?;
    conn.emit(
        Some(user_id),
        &crate::events::MemberJoined {
            organization_id,
            user_id,
        },
    )
    .await?;
    Ok(())
}

/// Removes a member (and the roles they held there).
pub async fn remove(w: &mut Write, organization_id: i64, user_id: i64) -> Result<()> {
    let removed =
        sqlx::query("DELETE FROM organization_members WHERE organization_id = $1 AND user_id = $2")
            .bind(organization_id)
            .bind(user_id)
            .execute(&mut **w)
            .await?
            .rows_affected();
    if removed == 0 {
        return Err(Error::NotFound(
            "that user is not a member of this organization".into(),
        ));
    }
    w.emit(
        None,
        &crate::events::MemberLeft {
            organization_id,
            user_id,
        },
    )
    .await?;
    Ok(())
}

/// Members of an active organization, by display name.
pub async fn list_by_org_slug(db: &Db, slug: &str) -> Result<Vec<Member>> {
    let rows = sqlx::query(
        "SELECT u.id, u.display_name, u.pronouns, m.joined_at
         FROM organization_members m
         JOIN organizations o ON o.id = m.organization_id
         JOIN users u ON u.id = m.user_id
         WHERE o.slug = $1 AND o.is_active = TRUE AND u.is_active = TRUE
         ORDER BY u.display_name, u.id",
    )
    .bind(slug)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|row| {
            Ok(Member {
                user_id: row.try_get("id")?,
                display_name: row.try_get("display_name")?,
                pronouns: row.try_get("pronouns")?,
                joined_at: row.try_get("joined_at")?,
            })
        })
        .collect()
}
