use serde_json::json;

use super::{record_in, Actor};
use crate::db::Db;
use crate::error::Result;
use crate::model::Statement;
use crate::repo::roles;

/// Creates (`role_id` none) or replaces a custom role after validating it against the
/// permission actions that exist. Returns its id.
pub async fn save<'a>(
    db: &Db,
    actor: &Actor,
    org_id: i64,
    role_id: Option<i64>,
    role: &roles::CustomRole<'_>,
    known_actions: impl IntoIterator<Item = &'a str> + Clone,
) -> Result<i64> {
    roles::validate_custom(role, known_actions)?;
    let mut w = db.write().await?;
    let id = match role_id {
        Some(id) => roles::update_custom(&mut w, org_id, id, role)
            .await
            .map(|()| id)?,
        None => roles::create_custom(&mut w, org_id, role).await?,
    };
    let action = if role_id.is_some() {
        "role.updated"
    } else {
        "role.created"
    };
    let statements: &[Statement] = role.statements;
    record_in(
        &mut w,
        actor,
        Some(org_id),
        action,
        json!({ "role_id": id, "name": role.name.trim(), "statements": statements }),
    )
    .await?;
    w.commit().await?;
    Ok(id)
}

pub async fn delete(db: &Db, actor: &Actor, org_id: i64, role_id: i64) -> Result<()> {
    let mut w = db.write().await?;
    roles::delete_custom(&mut w, org_id, role_id).await?;
    record_in(
        &mut w,
        actor,
        Some(org_id),
        "role.deleted",
        json!({ "role_id": role_id }),
    )
    .await?;
    w.commit().await
}
