use serde_json::json;

use super::{record_in, Actor};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::model::NewApiToken;
use crate::repo::tokens;
use crate::time::now_millis;

/// Creates an API token for the actor; it expires after `expires_in_days` (1 to 365).
pub async fn create(
    db: &Db,
    actor: &Actor,
    name: &str,
    expires_in_days: i64,
) -> Result<NewApiToken> {
    if !(1..=365).contains(&expires_in_days) {
        return Err(Error::Invalid {
            field: "expires_in_days",
            message: "must be between 1 and 365 days".into(),
        });
    }
    let expires_at = now_millis() + expires_in_days * 86_400_000;
    let mut w = db.write().await?;
    let created = tokens::create(&mut w, actor.user_id, name, Some(expires_at)).await?;
    record_in(&mut w,
        actor,
        None,
        "token.created",
        json!({ "token_id": created.token.id, "name": created.token.name, "expires_at": expires_at }),
    )
    .await?;
    w.commit().await?;
    Ok(created)
}

pub async fn revoke(db: &Db, actor: &Actor, token_id: i64) -> Result<()> {
    let mut w = db.write().await?;
    tokens::revoke(&mut w, actor.user_id, token_id).await?;
    record_in(
        &mut w,
        actor,
        None,
        "token.revoked",
        json!({ "token_id": token_id }),
    )
    .await?;
    w.commit().await
}
