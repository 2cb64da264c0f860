use sqlx::Row;

use crate::db::Db;
use crate::error::{Error, Result};
use crate::model::{Member, OrgSummary};
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

/// An organization's member list as one viewer may see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MemberList {
    Visible(Vec<Member>),
    /// The organization shows its member list to its members (and the platform's staff) only.
    MembersOnly,
}

/// What `viewer` (a user id, `None` for a visitor) may see of the member list of the active
/// organization `slug`: all of it when the list is public, else only if they are a member or
/// of the platform's staff (global ADMIN and up). Pages, plugins and the API all ask here.
pub async fn list_for(db: &Db, slug: &str, viewer: Option<i64>) -> Result<MemberList> {
    overview(db, slug, viewer)
        .await?
        .map(|(_, list)| list)
        .ok_or_else(|| Error::NotFound("no such organization".into()))
}

/// The active organization `slug` with its member count, and its member list as `viewer`
/// may see it (see [`list_for`]): one query, and a second for a visible list.
pub async fn overview(
    db: &Db,
    slug: &str,
    viewer: Option<i64>,
) -> Result<Option<(OrgSummary, MemberList)>> {
    let Some(row) = sqlx::query(
        "SELECT o.slug, o.name, o.description, o.member_list_public,
                (SELECT COUNT(*) FROM organization_members m
                 WHERE m.organization_id = o.id) AS member_count,
                (SELECT COUNT(*) FROM organization_members m
                 WHERE m.organization_id = o.id AND m.user_id = $2) AS is_member,
                (SELECT u.permission FROM users u WHERE u.id = $2 AND u.is_active = TRUE)
                    AS viewer_permission
         FROM organizations o WHERE o.slug = $1 AND o.is_active = TRUE",
    )
    .bind(slug)
    .bind(viewer)
    .fetch_optional(db.pool())
    .await?
    else {
        return Ok(None);
    };
    let summary = crate::repo::orgs::summary(&row)?;
    let public = crate::db::get_bool(&row, "member_list_public")?;
    let member = row.try_get::<i64, _>("is_member")? > 0;
    let staff = row
        .try_get::<Option<i64>, _>("viewer_permission")?
        .map(crate::model::Permission::from_level)
        .is_some_and(|p| p >= crate::model::Permission::Admin);
    let list = if public || member || staff {
        MemberList::Visible(list_by_org_slug(db, slug).await?)
    } else {
        MemberList::MembersOnly
    };
    Ok(Some((summary, list)))
}

/// Members of an active organization, by display name (whoever asks; see [`list_for`]).
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
