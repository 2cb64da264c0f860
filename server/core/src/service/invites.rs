use serde_json::json;

use super::{record_in, Actor};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::model::Invite;
use crate::repo::invites;
use crate::time::now_millis;

/// Creates an invite link; `expires_in_hours` between 1 hour and a year, or none for never.
pub async fn create(
    db: &Db,
    actor: &Actor,
    org_id: i64,
    max_uses: Option<i64>,
    expires_in_hours: Option<i64>,
) -> Result<Invite> {
    let expires_at = match expires_in_hours {
        None => None,
        Some(hours) if (1..=24 * 365).contains(&hours) => Some(now_millis() + hours * 3_600_000),
        Some(_) => {
            return Err(Error::Invalid {
                field: "expires_at",
                message: "must be between 1 hour and 1 year, or empty for never".into(),
            })
        }
    };
    let mut w = db.write().await?;
    let invite = invites::create(
        &mut w,
        org_id,
        Some(actor.user_id),
        &invites::NewInvite {
            max_uses,
            expires_at,
        },
    )
    .await?;
    record_in(
        &mut w,
        actor,
        Some(org_id),
        "invite.created",
        json!({ "invite_id": invite.id, "max_uses": max_uses, "expires_at": expires_at }),
    )
    .await?;
    w.commit().await?;
    Ok(invite)
}

pub async fn withdraw(db: &Db, actor: &Actor, org_id: i64, invite_id: i64) -> Result<()> {
    let mut w = db.write().await?;
    invites::deactivate(&mut w, org_id, invite_id).await?;
    record_in(
        &mut w,
        actor,
        Some(org_id),
        "invite.withdrawn",
        json!({ "invite_id": invite_id }),
    )
    .await?;
    w.commit().await
}

/// Joins the actor to the invite's organization; returns its slug.
pub async fn join(db: &Db, actor: &Actor, slug: &str) -> Result<String> {
    let mut w = db.write().await?;
    let (org_id, org_slug) = invites::redeem(&mut w, slug, actor.user_id).await?;
    record_in(
        &mut w,
        actor,
        Some(org_id),
        "member.joined",
        json!({ "invite": slug }),
    )
    .await?;
    w.commit().await?;
    Ok(org_slug)
}
