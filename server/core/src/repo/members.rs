use sqlx::Row;

use crate::db::Db;
use crate::directory::Roster;
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
    conn.members_changed(organization_id);
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
    w.members_changed(organization_id);
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
/// organization `slug` (see [`may_see`]). Plugins and the API ask here.
pub async fn list_for(db: &Db, slug: &str, viewer: Option<i64>) -> Result<MemberList> {
    let roster = match db.directory().lookup(db, slug).await? {
        Some((id, _)) => db.directory().roster(db, id).await?,
        None => None,
    };
    let roster = roster.ok_or_else(|| Error::NotFound("no such organization".into()))?;
    let staff = match viewer {
        Some(id) if !roster.member_list_public && !roster.has_member(id) => {
            is_staff(db, id).await?
        }
        _ => false,
    };
    Ok(if may_see(&roster, viewer, staff) {
        MemberList::Visible(roster.members.clone())
    } else {
        MemberList::MembersOnly
    })
}

/// Whether `viewer` may see the roster's members: all may when the list is public, else its
/// members and the platform's `staff` (global ADMIN and up).
pub fn may_see(roster: &Roster, viewer: Option<i64>, staff: bool) -> bool {
    roster.member_list_public || staff || viewer.is_some_and(|id| roster.has_member(id))
}

async fn is_staff(db: &Db, user_id: i64) -> Result<bool> {
    let permission: Option<i64> =
        sqlx::query_scalar("SELECT permission FROM users WHERE id = $1 AND is_active = TRUE")
            .bind(user_id)
            .fetch_optional(db.pool())
            .await?;
    Ok(permission
        .map(crate::model::Permission::from_level)
        .is_some_and(crate::model::Permission::is_staff))
}

/// The roster of the active organization `organization_id`, read from the database (the
/// directory keeps it: read it through [`crate::directory::Directory::roster`]).
pub(crate) async fn read_roster(db: &Db, organization_id: i64) -> Result<Option<Roster>> {
    let Some(row) = sqlx::query(
        "SELECT description, member_list_public FROM organizations WHERE id = $1 AND is_active = TRUE",
    )
    .bind(organization_id)
    .fetch_optional(db.pool())
    .await?
    else {
        return Ok(None);
    };
    let rows = sqlx::query(
        "SELECT u.id, u.display_name, u.pronouns, m.joined_at
         FROM organization_members m JOIN users u ON u.id = m.user_id
         WHERE m.organization_id = $1 AND u.is_active = TRUE
         ORDER BY u.display_name, u.id",
    )
    .bind(organization_id)
    .fetch_all(db.pool())
    .await?;
    let members = rows
        .iter()
        .map(|row| {
            Ok(Member {
                user_id: row.try_get("id")?,
                display_name: row.try_get("display_name")?,
                pronouns: row.try_get("pronouns")?,
                joined_at: row.try_get("joined_at")?,
            })
        })
        .collect::<Result<_>>()?;
    Ok(Some(Roster {
        description: row.try_get("description")?,
        member_list_public: crate::db::get_bool(&row, "member_list_public")?,
        members,
    }))
}
