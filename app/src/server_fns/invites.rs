use leptos::prelude::*;
use sahabot_sdk::model::{Invite, InvitePreview};

#[server]
pub async fn list_invites(org: String) -> Result<Vec<Invite>, ServerFnError> {
    use sahabot_sdk::access::{failed, scope};
    let scope = scope::<ListInvites>(Some(&org)).await?;
    sahabot_sdk::ssr::repo::invites::list(scope.db(), scope.org()?.id)
        .await
        .map_err(failed)
}
sahabot_sdk::guard!(ListInvites, org "invite:read");

/// Creates an invite link; empty fields mean no use limit and no expiry.
#[server]
pub async fn create_invite(
    org: String,
    max_uses: Option<i64>,
    expires_in_hours: Option<i64>,
) -> Result<Invite, ServerFnError> {
    use sahabot_sdk::access::{failed, scope};
    use sahabot_sdk::ssr::repo::invites;
    use sahabot_sdk::Error;
    let scope = scope::<CreateInvite>(Some(&org)).await?;
    let expires_at = match expires_in_hours {
        None => None,
        Some(hours) if (1..=24 * 365).contains(&hours) => {
            Some(sahabot_sdk::time::now_millis() + hours * 3_600_000)
        }
        Some(_) => {
            return Err(failed(Error::Invalid {
                field: "expires_at",
                message: "must be between 1 hour and 1 year, or empty for never".into(),
            }))
        }
    };
    let invite = invites::create(
        scope.db(),
        scope.org()?.id,
        Some(scope.user()?.id),
        &invites::NewInvite {
            max_uses,
            expires_at,
        },
    )
    .await
    .map_err(failed)?;
    scope
        .audit(
            "invite.created",
            serde_json::json!({ "invite_id": invite.id, "max_uses": max_uses, "expires_at": expires_at }),
        )
        .await?;
    Ok(invite)
}
sahabot_sdk::guard!(CreateInvite, org "invite:manage");

#[server]
pub async fn withdraw_invite(org: String, invite_id: i64) -> Result<(), ServerFnError> {
    use sahabot_sdk::access::{failed, scope};
    let scope = scope::<WithdrawInvite>(Some(&org)).await?;
    sahabot_sdk::ssr::repo::invites::deactivate(scope.db(), scope.org()?.id, invite_id)
        .await
        .map_err(failed)?;
    scope
        .audit(
            "invite.withdrawn",
            serde_json::json!({ "invite_id": invite_id }),
        )
        .await
}
sahabot_sdk::guard!(WithdrawInvite, org "invite:manage");

/// Where an invite leads, for the invite page; anyone with the link may look.
#[server]
pub async fn preview_invite(slug: String) -> Result<InvitePreview, ServerFnError> {
    use sahabot_sdk::access::{failed, scope};
    let scope = scope::<PreviewInvite>(None).await?;
    sahabot_sdk::ssr::repo::invites::preview(scope.db(), &slug)
        .await
        .map_err(failed)
}
sahabot_sdk::guard!(PreviewInvite, public);

/// Joins the signed-in user to the invite's organization; returns its slug.
#[server]
pub async fn join_by_invite(slug: String) -> Result<String, ServerFnError> {
    use sahabot_sdk::access::{failed, scope};
    use sahabot_sdk::ssr::repo::invites;
    let scope = scope::<JoinByInvite>(None).await?;
    let user = scope.user()?;
    let (org_id, org_slug) = invites::redeem(scope.db(), &slug, user.id)
        .await
        .map_err(failed)?;
    scope
        .audit_in(
            Some(org_id),
            "member.joined",
            serde_json::json!({ "invite": slug }),
        )
        .await?;
    Ok(org_slug)
}
sahabot_sdk::guard!(JoinByInvite, global SignedIn);
