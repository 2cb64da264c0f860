use leptos::prelude::*;
use sahabot_sdk::model::MemberWithRoles;

#[server]
pub async fn list_members(org: String) -> Result<Vec<MemberWithRoles>, ServerFnError> {
    use sahabot_sdk::access::{failed, scope};
    let scope = scope::<ListMembers>(Some(&org)).await?;
    sahabot_core::repo::roles::members_with_roles(scope.host_db(), scope.org()?.id)
        .await
        .map_err(failed)
}
sahabot_sdk::guard!(ListMembers, org "member:read");

#[server]
pub async fn remove_member(org: String, user_id: i64) -> Result<(), ServerFnError> {
    use sahabot_sdk::access::{failed, scope};
    let scope = scope::<RemoveMember>(Some(&org)).await?;
    sahabot_core::service::members::remove(
        scope.host_db(),
        &scope.actor()?,
        scope.org()?.id,
        user_id,
    )
    .await
    .map_err(failed)
}
sahabot_sdk::guard!(RemoveMember, org "member:remove");

/// Grants (`granted = true`) or takes away a role of this organization.
#[server]
pub async fn set_member_role(
    org: String,
    user_id: i64,
    role_id: i64,
    granted: bool,
) -> Result<(), ServerFnError> {
    use sahabot_sdk::access::{failed, scope};
    let scope = scope::<SetMemberRole>(Some(&org)).await?;
    sahabot_core::service::members::set_role(
        scope.host_db(),
        &scope.actor()?,
        scope.org()?.id,
        user_id,
        role_id,
        granted,
    )
    .await
    .map_err(failed)
}
sahabot_sdk::guard!(SetMemberRole, org "member:roles");
