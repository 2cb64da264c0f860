//! Requests to create an organization: filed by any user, decided by a SUPERADMIN.

use crate::repo::paging::Window;
use sqlx::Row;

use crate::db::Db;
use crate::error::{Error, Result};
use crate::model::{OrgRequest, Page, RequestStatus};
use crate::repo::{members, orgs};
use crate::time::now_millis;
use crate::write::Write;

pub struct NewRequest<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub description: &'a str,
    pub reason: &'a str,
}

const MAX_PENDING_PER_USER: i64 = 3;

fn request_from_row(row: &sqlx::any::AnyRow) -> Result<OrgRequest> {
    let status: String = row.try_get("status")?;
    Ok(OrgRequest {
        id: row.try_get("id")?,
        requested_by: row.try_get("requested_by")?,
        requester_name: row.try_get("requester_name")?,
        slug: row.try_get("slug")?,
        name: row.try_get("name")?,
        description: row.try_get("description")?,
        reason: row.try_get("reason")?,
        status: RequestStatus::parse(&status).ok_or_else(|| Error::Invalid {
            field: "status",
            message: format!("unknown request status `{status}` in the database"),
        })?,
        review_note: row.try_get("review_note")?,
        created_at: row.try_get("created_at")?,
        reviewed_at: row.try_get("reviewed_at")?,
    })
}

const SELECT: &str = "SELECT r.id, r.requested_by, u.display_name AS requester_name, r.slug,
        r.name, r.description, r.reason, r.status, r.review_note, r.created_at, r.reviewed_at
     FROM org_requests r JOIN users u ON u.id = r.requested_by";

pub async fn file(w: &mut Write, user_id: i64, request: &NewRequest<'_>) -> Result<i64> {
    orgs::validate_slug(request.slug)?;
    let name = orgs::checked_name(request.name)?;
    let description = orgs::checked_description(request.description)?;
    let reason = crate::text::multi_line("reason", request.reason, 1000)?;
    if reason.is_empty() {
        return Err(Error::Invalid {
            field: "reason",
            message: "say in 1 to 1000 characters what the organization is for".into(),
        });
    }
    let pending: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM org_requests WHERE requested_by = $1 AND status = 'pending'",
    )
    .bind(user_id)
    .fetch_one(&mut **w)
    .await?;
    if pending >= MAX_PENDING_PER_USER {
        return Err(Error::Conflict(format!(
            "you already have {pending} pending requests; wait for a decision first"
        )));
    }
    let taken: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM organizations WHERE slug = $1
         UNION SELECT id FROM org_requests WHERE slug = $1 AND status = 'pending'",
    )
    .bind(request.slug)
    .fetch_optional(&mut **w)
    .await?;
    if taken.is_some() {
        return Err(Error::Invalid {
            field: "slug",
            message: format!("`{}` is taken or already requested", request.slug),
        });
    }
    let id = sqlx::query_scalar(
        "INSERT INTO org_requests (requested_by, slug, name, description, reason, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(user_id)
    .bind(request.slug)
    .bind(name)
    .bind(description)
    .bind(reason)
    .bind(now_millis())
    .fetch_one(&mut **w)
    .await?;
    Ok(id)
}

/// Requests in one status, oldest pending first / newest decided first, one page at a time.
pub async fn list(db: &Db, status: RequestStatus, window: Window) -> Result<Page<OrgRequest>> {
    let order = if status == RequestStatus::Pending {
        "r.id ASC"
    } else {
        "r.id DESC"
    };
    let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM org_requests WHERE status = $1")
        .bind(status.as_str())
        .fetch_one(db.pool())
        .await?;
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE r.status = $1 ORDER BY {order} LIMIT $2 OFFSET $3"
    ))
    .bind(status.as_str())
    .bind(window.per_page())
    .bind(window.offset())
    .fetch_all(db.pool())
    .await?;
    Ok(window.page(
        rows.iter().map(request_from_row).collect::<Result<_>>()?,
        total,
    ))
}

/// A user's own requests, newest first.
pub async fn of_user(db: &Db, user_id: i64) -> Result<Vec<OrgRequest>> {
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE r.requested_by = $1 ORDER BY r.id DESC LIMIT 50"
    ))
    .bind(user_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(request_from_row).collect()
}

async fn pending_in(conn: &mut sqlx::AnyConnection, id: i64) -> Result<OrgRequest> {
    let row = sqlx::query(&format!("{SELECT} WHERE r.id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| Error::NotFound("no such organization request".into()))?;
    let request = request_from_row(&row)?;
    if request.status != RequestStatus::Pending {
        return Err(Error::Conflict(format!(
            "this request was already {}",
            request.status.as_str()
        )));
    }
    Ok(request)
}

/// Creates the organization, makes the requester its first member with the Admin role, and
/// marks the request approved — all or nothing. Returns the new organization's id.
pub async fn approve(
    w: &mut Write,
    id: i64,
    reviewer: i64,
    note: &str,
) -> Result<(i64, OrgRequest)> {
    let request = pending_in(w, id).await?;
    let org_id = orgs::create_in(w, &request.slug, &request.name, &request.description).await?;
    members::add_in(w, org_id, request.requested_by).await?;
    let admin_role: i64 = sqlx::query_scalar(
        "SELECT id FROM org_roles WHERE organization_id = $1 AND builtin = 'admin'",
    )
    .bind(org_id)
    .fetch_one(&mut **w)
    .await?;
    sqlx::query(
        "INSERT INTO org_member_roles (member_id, role_id, granted_by, granted_at)
         SELECT m.id, $1, $2, $3 FROM organization_members m
         WHERE m.organization_id = $4 AND m.user_id = $5",
    )
    .bind(admin_role)
    .bind(reviewer)
    .bind(now_millis())
    .bind(org_id)
    .bind(request.requested_by)
    .execute(&mut **w)
    .await?;
    decide(w, id, RequestStatus::Approved, reviewer, note, Some(org_id)).await?;
    Ok((org_id, request))
}

pub async fn reject(w: &mut Write, id: i64, reviewer: i64, note: &str) -> Result<OrgRequest> {
    if crate::text::multi_line("note", note, 1000)?.is_empty() {
        return Err(Error::Invalid {
            field: "note",
            message: "tell the requester why".into(),
        });
    }
    let request = pending_in(w, id).await?;
    decide(w, id, RequestStatus::Rejected, reviewer, note, None).await?;
    Ok(request)
}

async fn decide(
    conn: &mut sqlx::AnyConnection,
    id: i64,
    status: RequestStatus,
    reviewer: i64,
    note: &str,
    organization_id: Option<i64>,
) -> Result<()> {
    let note = crate::text::multi_line("note", note, 1000)?;
    sqlx::query(
        "UPDATE org_requests SET status = $1, reviewed_by = $2, review_note = $3,
                organization_id = $4, reviewed_at = $5
         WHERE id = $6 AND status = 'pending'",
    )
    .bind(status.as_str())
    .bind(reviewer)
    .bind((!note.is_empty()).then_some(note))
    .bind(organization_id)
    .bind(now_millis())
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
