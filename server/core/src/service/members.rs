use serde_json::json;

use super::{record, Actor};
use crate::db::Db;
use crate::error::Result;
use crate::repo::{members, roles};

pub async fn remove(db: &Db, actor: &Actor, org_id: i64, user_id: i64) -> Result<()> {
    members::remove(db, org_id, user_id).await?;
    record(
        db,
        actor,
        Some(org_id),
        "member.removed",
        json!({ "user_id": user_id }),
    )
    .await
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
    if granted {
        roles::grant(db, org_id, user_id, role_id, Some(actor.user_id)).await?;
    } else {
        roles::revoke(db, org_id, user_id, role_id).await?;
    }
    let action = if granted {
        "role.granted"
    } else {
        "role.revoked"
    };
    record(
        db,
        actor,
        Some(org_id),
        action,
        json!({ "user_id": user_id, "role_id": role_id }),
    )
    .await
}
