use serde_json::json;

use super::{record_in, Actor};
use crate::db::Db;
use crate::error::Result;
use crate::repo::{members, roles};

pub async fn remove(db: &Db, actor: &Actor, org_id: i64, user_id: i64) -> Result<()> {
    let mut w = db.write().await?;
    members::remove(&mut w, org_id, user_id).await?;
    record_in(
        &mut w,
        actor,
        Some(org_id),
        "member.removed",
        json!({ "user_id": user_id }),
    )
    .await?;
    w.commit().await
}

/// Grants (`granted`) or takes away a role of the organization.
pub async fn set_role(
    db: &Db,
    actor: &Actor,
    org_id: i64,
    user_id: i64,
    role_id: i64,
    granted: bool,
) -> Result<()> {
    let mut w = db.write().await?;
    if granted {
        roles::grant(&mut w, org_id, user_id, role_id, Some(actor.user_id)).await?;
    } else {
        roles::revoke(&mut w, org_id, user_id, role_id).await?;
    }
    let action = if granted {
        "role.granted"
    } else {
        "role.revoked"
    };
    record_in(
        &mut w,
        actor,
        Some(org_id),
        action,
        json!({ "user_id": user_id, "role_id": role_id }),
    )
    .await?;
    w.commit().await
}
