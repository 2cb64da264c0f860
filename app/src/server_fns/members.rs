use leptos::prelude::*;
use sahabot_sdk::model::MemberWithRoles;

#[server]
pub async fn list_members(org: String) -> Result<Vec<MemberWithRoles>, ServerFnError> {
    use sahabot_sdk::access::{failed, scope};
    let scope = scope::<ListMembers>(Some(&org)).await?;
    sahabot_sdk::ssr::repo::roles::members_with_roles(scope.db(), scope.org()?.id)
        .await
        .map_err(failed)
}
sahabot_sdk::guard!(ListMembers, org "member:read");

#[server]
pub async fn remove_member(org: String, user_id: i64) -> Result<(), ServerFnError> {
    use sahabot_sdk::access::{failed, scope};
    let scope = scope::<RemoveMember>(Some(&org)).await?;
    sahabot_sdk::ssr::repo::members::remove(scope.db(), scope.org()?.id, user_id)
        .await
        .map_err(failed)?;
    scope
        .audit("member.removed", serde_json::json!({ "user_id": user_id }))
        .await
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
    use sahabot_sdk::ssr::repo::roles;
    let scope = scope::<SetMemberRole>(Some(&org)).await?;
    let org_id = scope.org()?.id;
    let by = scope.user()?.id;
    if granted {
        roles::grant(scope.db(), org_id, user_id, role_id, Some(by)).await
    } else {
        roles::revoke(scope.db(), org_id, user_id, role_id).await
    }
    .map_err(failed)?;
    let action = if granted {
        "role.granted"
    } else {
        "role.revoked"
    };
    scope
        .audit(
            action,
            serde_json::json!({ "user_id": user_id, "role_id": role_id }),
        )
        .await
}
sahabot_sdk::guard!(SetMemberRole, org "member:roles");
