use leptos::prelude::*;
use sahabot_sdk::model::{Invite, InvitePreview};

#[server]
pub async fn list_invites(org: String) -> Result<Vec<Invite>, ServerFnError> {
    use sahabot_sdk::access::{failed, scope};
    let scope = scope::<ListInvites>(Some(&org)).await?;
    sahabot_core::repo::invites::list(scope.host_db(), scope.org()?.id)
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
    let scope = scope::<CreateInvite>(Some(&org)).await?;
    sahabot_core::service::invites::create(
        scope.host_db(),
        &scope.actor()?,
        scope.org()?.id,
        max_uses,
        expires_in_hours,
    )
    .await
    .map_err(failed)
}
sahabot_sdk::guard!(CreateInvite, org "invite:manage");

#[server]
pub async fn withdraw_invite(org: String, invite_id: i64) -> Result<(), ServerFnError> {
    use sahabot_sdk::access::{failed, scope};
    let scope = scope::<WithdrawInvite>(Some(&org)).await?;
    sahabot_core::service::invites::withdraw(
        scope.host_db(),
        &scope.actor()?,
        scope.org()?.id,
        invite_id,
    )
    .await
    .map_err(failed)
}
sahabot_sdk::guard!(WithdrawInvite, org "invite:manage");

/// Where an invite leads, for the invite page; anyone with the link may look.
#[server]
pub async fn preview_invite(slug: String) -> Result<InvitePreview, ServerFnError> {
    use sahabot_sdk::access::{failed, scope};
    let scope = scope::<PreviewInvite>(None).await?;
    sahabot_core::repo::invites::preview(scope.host_db(), &slug)
        .await
        .map_err(failed)
}
sahabot_sdk::guard!(PreviewInvite, public);

/// Joins the signed-in user to the invite's organization; returns its slug.
#[server]
pub async fn join_by_invite(slug: String) -> Result<String, ServerFnError> {
    use sahabot_sdk::access::{failed, scope};
    let scope = scope::<JoinByInvite>(None).await?;
    sahabot_core::service::invites::join(scope.host_db(), &scope.actor()?, &slug)
        .await
        .map_err(failed)
}
sahabot_sdk::guard!(JoinByInvite, global SignedIn);
