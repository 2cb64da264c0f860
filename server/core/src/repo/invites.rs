//! Invite links: a slug that lets people join an organization, with an optional use limit and
//! expiry.

use rand::distr::{Alphanumeric, SampleString};
use sqlx::Row;

use crate::db::{get_bool, Db};
use crate::error::{Error, Result};
use crate::model::{Invite, InvitePreview};
use crate::time::now_millis;
use crate::write::Write;

const SLUG_LEN: usize = 12;

pub struct NewInvite {
    pub max_uses: Option<i64>,
    /// Unix milliseconds.
    pub expires_at: Option<i64>,
}

pub fn validate(invite: &NewInvite, now: i64) -> Result<()> {
    if let Some(max) = invite.max_uses {
        if !(1..=10_000).contains(&max) {
            return Err(Error::Invalid {
                field: "max_uses",
                message: "must be between 1 and 10000, or empty for no limit".into(),
            });
        }
    }
    if let Some(expires_at) = invite.expires_at {
        if expires_at <= now {
            return Err(Error::Invalid {
                field: "expires_at",
                message: "must be in the future".into(),
            });
        }
    }
    Ok(())
}

fn invite_from_row(row: &sqlx::any::AnyRow) -> Result<Invite> {
    Ok(Invite {
        id: row.try_get("id")?,
        slug: row.try_get("slug")?,
        max_uses: row.try_get("max_uses")?,
        uses_count: row.try_get("uses_count")?,
        expires_at: row.try_get("expires_at")?,
        is_active: get_bool(row, "is_active")?,
        created_at: row.try_get("created_at")?,
    })
}

const COLUMNS: &str = "id, slug, max_uses, uses_count, expires_at, is_active, created_at";

pub async fn create(
    w: &mut Write,
    organization_id: i64,
    created_by: Option<i64>,
    invite: &NewInvite,
) -> Result<Invite> {
    let now = now_millis();
    validate(invite, now)?;
    let slug = Alphanumeric.sample_string(&mut rand::rng(), SLUG_LEN);
    let row = sqlx::query(&format!(
        "INSERT INTO org_invites (organization_id, slug, created_by, max_uses, expires_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING {COLUMNS}"
    ))
    .bind(organization_id)
    .bind(&slug)
    .bind(created_by)
    .bind(invite.max_uses)
    .bind(invite.expires_at)
    .bind(now)
    .fetch_one(&mut **w)
    .await?;
    invite_from_row(&row)
}

/// The organization's invites, newest first.
pub async fn list(db: &Db, organization_id: i64) -> Result<Vec<Invite>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM org_invites WHERE organization_id = $1 ORDER BY id DESC"
    ))
    .bind(organization_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(invite_from_row).collect()
}

/// Stops an invite from being used; it stays listed.
pub async fn deactivate(w: &mut Write, organization_id: i64, invite_id: i64) -> Result<()> {
    let changed = sqlx::query(
        "UPDATE org_invites SET is_active = FALSE WHERE id = $1 AND organization_id = $2",
    )
    .bind(invite_id)
    .bind(organization_id)
    .execute(&mut **w)
    .await?
    .rows_affected();
    if changed == 0 {
        return Err(Error::NotFound(
            "no such invite in this organization".into(),
        ));
    }
    Ok(())
}

fn unusable() -> Error {
    Error::NotFound("this invite link is unknown, expired, used up or withdrawn".into())
}

/// Where a usable invite leads; unknown, expired, used-up and withdrawn invites look the same.
pub async fn preview(db: &Db, slug: &str) -> Result<InvitePreview> {
    let row = sqlx::query(
        "SELECT o.slug, o.name, o.description
         FROM org_invites i JOIN organizations o ON o.id = i.organization_id
         WHERE i.slug = $1 AND i.is_active = TRUE AND o.is_active = TRUE
           AND (i.expires_at IS NULL OR i.expires_at > $2)
           AND (i.max_uses IS NULL OR i.uses_count < i.max_uses)",
    )
    .bind(slug)
    .bind(now_millis())
    .fetch_optional(db.pool())
    .await?
    .ok_or_else(unusable)?;
    Ok(InvitePreview {
        org_slug: row.try_get("slug")?,
        org_name: row.try_get("name")?,
        org_description: row.try_get("description")?,
    })
}

/// Joins `user_id` to the invite's organization and counts the use, atomically: two people
/// racing for the last use cannot both get in. Returns the organization's id and slug.
pub async fn redeem(w: &mut Write, slug: &str, user_id: i64) -> Result<(i64, String)> {
    let row = sqlx::query(
        "SELECT i.id, o.id AS org_id, o.slug FROM org_invites i
         JOIN organizations o ON o.id = i.organization_id
         WHERE i.slug = $1 AND o.is_active = TRUE",
    )
    .bind(slug)
    .fetch_optional(&mut **w)
    .await?
    .ok_or_else(unusable)?;
    let invite_id: i64 = row.try_get("id")?;
    let org_id: i64 = row.try_get("org_id")?;
    let org_slug: String = row.try_get("slug")?;
    let counted = sqlx::query(
        "UPDATE org_invites SET uses_count = uses_count + 1
         WHERE id = $1 AND is_active = TRUE
           AND (expires_at IS NULL OR expires_at > $2)
           AND (max_uses IS NULL OR uses_count < max_uses)",
    )
    .bind(invite_id)
    .bind(now_millis())
    .execute(&mut **w)
    .await?
    .rows_affected();
    if counted == 0 {
        return Err(unusable());
    }
    crate::repo::members::add_in(w, org_id, user_id).await?;
    Ok((org_id, org_slug))
}
