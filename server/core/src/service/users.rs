use serde_json::json;

use super::{record_in, Actor};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::repo::users;

pub async fn update_profile(
    db: &Db,
    actor: &Actor,
    display_name: &str,
    pronouns: Option<&str>,
) -> Result<()> {
    let mut w = db.write().await?;
    users::update_profile(&mut w, actor.user_id, display_name, pronouns).await?;
    record_in(
        &mut w,
        actor,
        None,
        "profile.updated",
        json!({ "display_name": display_name.trim(), "pronouns": pronouns }),
    )
    .await?;
    w.commit().await
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
    let mut w = db.write().await?;
    users::set_active(&mut w, user_id, active).await?;
    let action = if active {
        "user.activated"
    } else {
        "user.deactivated"
    };
    record_in(&mut w, actor, None, action, json!({ "user_id": user_id })).await?;
    w.commit().await
}

/// Ends every session of a user.
pub async fn end_sessions(db: &Db, actor: &Actor, user_id: i64) -> Result<()> {
    existing(db, user_id).await?;
    let mut w = db.write().await?;
    users::end_sessions(&mut w, user_id).await?;
    record_in(
        &mut w,
        actor,
        None,
        "user.sessions_ended",
        json!({ "user_id": user_id }),
    )
    .await?;
    w.commit().await
}
