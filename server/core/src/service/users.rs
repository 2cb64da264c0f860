use serde_json::json;

use super::{record, Actor};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::repo::users;

pub async fn update_profile(
    db: &Db,
    actor: &Actor,
    display_name: &str,
    pronouns: Option<&str>,
) -> Result<()> {
    users::update_profile(db, actor.user_id, display_name, pronouns).await?;
    record(
        db,
        actor,
        None,
        "profile.updated",
        json!({ "display_name": display_name.trim(), "pronouns": pronouns }),
    )
    .await
}

async fn existing(db: &Db, user_id: i64) -> Result<()> {
    users::auth_record_by_id(db, user_id)
        .await?
        .map(|_| ())
        .ok_or_else(|| Error::NotFound("no such user".into()))
}

/// Deactivates (every session and token stops working at once) or reactivates a user.
pub async fn set_active(db: &Db, actor: &Actor, user_id: i64, active: bool) -> Result<()> {
    if user_id == actor.user_id && !active {
        return Err(Error::Conflict("you cannot deactivate yourself".into()));
    }
    existing(db, user_id).await?;
    users::set_active(db, user_id, active).await?;
    let action = if active {
        "user.activated"
    } else {
        "user.deactivated"
    };
    record(db, actor, None, action, json!({ "user_id": user_id })).await
}

/// Ends every session of a user.
pub async fn end_sessions(db: &Db, actor: &Actor, user_id: i64) -> Result<()> {
    existing(db, user_id).await?;
    users::end_sessions(db, user_id).await?;
    record(
        db,
        actor,
        None,
        "user.sessions_ended",
        json!({ "user_id": user_id }),
    )
    .await
}
