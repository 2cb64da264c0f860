use serde_json::json;

use super::{record, Actor};
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
    let id = match role_id {
        Some(id) => roles::update_custom(db, org_id, id, role)
            .await
            .map(|()| id)?,
        None => roles::create_custom(db, org_id, role).await?,
    };
    let action = if role_id.is_some() {
        "role.updated"
    } else {
        "role.created"
    };
    let statements: &[Statement] = role.statements;
    record(
        db,
        actor,
        Some(org_id),
        action,
        json!({ "role_id": id, "name": role.name.trim(), "statements": statements }),
    )
    .await?;
    Ok(id)
}

pub async fn delete(db: &Db, actor: &Actor, org_id: i64, role_id: i64) -> Result<()> {
    roles::delete_custom(db, org_id, role_id).await?;
    record(
        db,
        actor,
        Some(org_id),
        "role.deleted",
        json!({ "role_id": role_id }),
    )
    .await
}
