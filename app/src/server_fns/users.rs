use leptos::prelude::*;
use sahabot_sdk::model::{Page, UserRow};

#[server]
pub async fn list_users(search: String, page: i64) -> Result<Page<UserRow>, ServerFnError> {
    use sahabot_sdk::access::{failed, scope};
    let scope = scope::<ListUsers>(None).await?;
    let window = sahabot_core::repo::paging::Window::new("page", page, 25).map_err(failed)?;
    sahabot_core::repo::users::page(scope.host_db(), &search, window)
        .await
        .map_err(failed)
}
sahabot_sdk::guard!(ListUsers, global ListUsers);

/// Deactivates (all sessions and tokens stop at once) or reactivates a user.
#[server]
pub async fn set_user_active(user_id: i64, active: bool) -> Result<(), ServerFnError> {
    use sahabot_sdk::access::{failed, scope};
    let scope = scope::<SetUserActive>(None).await?;
    sahabot_core::service::users::set_active(scope.host_db(), &scope.actor()?, user_id, active)
        .await
        .map_err(failed)
}
sahabot_sdk::guard!(SetUserActive, global ManageUsers);

#[server]
pub async fn end_user_sessions(user_id: i64) -> Result<(), ServerFnError> {
    use sahabot_sdk::access::{failed, scope};
    let scope = scope::<EndUserSessions>(None).await?;
    sahabot_core::service::users::end_sessions(scope.host_db(), &scope.actor()?, user_id)
        .await
        .map_err(failed)
}
sahabot_sdk::guard!(EndUserSessions, global ManageUsers);
