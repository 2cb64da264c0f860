use leptos::prelude::*;
use sahabot_sdk::model::{ActionInfo, Role};

/// Every permission action a role can name: the core's and those the linked plugins declare.
#[cfg(feature = "ssr")]
pub fn known_actions() -> Vec<ActionInfo> {
    let mut actions: Vec<ActionInfo> = sahabot_sdk::authz::core_actions().collect();
    actions.extend(sahabot_sdk::registry::plugin_actions());
    actions
}

#[server]
pub async fn list_roles(org: String) -> Result<Vec<Role>, ServerFnError> {
    use sahabot_sdk::access::{failed, scope};
    let scope = scope::<ListRoles>(Some(&org)).await?;
    sahabot_core::repo::roles::list(scope.host_db(), scope.org()?.id)
        .await
        .map_err(failed)
}
sahabot_sdk::guard!(ListRoles, org "role:read");

/// The actions the role editor offers.
#[server]
pub async fn permission_actions(org: String) -> Result<Vec<ActionInfo>, ServerFnError> {
    sahabot_sdk::access::scope::<PermissionActions>(Some(&org)).await?;
    Ok(known_actions())
}
sahabot_sdk::guard!(PermissionActions, org "role:read");

/// Creates (`role_id` empty) or replaces a custom role. `statements` is a JSON list of
/// statements, as the role editor sends it.
#[server]
pub async fn save_role(
    org: String,
    role_id: Option<i64>,
    name: String,
    description: String,
    statements: String,
) -> Result<i64, ServerFnError> {
    use sahabot_core::repo::roles;
    use sahabot_sdk::access::{failed, scope};
    use sahabot_sdk::model::Statement;
    use sahabot_sdk::Error;
    let scope = scope::<SaveRole>(Some(&org)).await?;
    let statements: Vec<Statement> = serde_json::from_str(&statements).map_err(|e| {
        failed(Error::Invalid {
            field: "statements",
            message: format!("not a list of statements: {e}"),
        })
    })?;
    let role = roles::CustomRole {
        name: &name,
        description: &description,
        statements: &statements,
    };
    let known = known_actions();
    sahabot_core::service::roles::save(
        scope.host_db(),
        &scope.actor()?,
        scope.org()?.id,
        role_id,
        &role,
        known.iter().map(|a| a.action.as_str()),
    )
    .await
    .map_err(failed)
}
sahabot_sdk::guard!(SaveRole, org "role:manage");

#[server]
pub async fn delete_role(org: String, role_id: i64) -> Result<(), ServerFnError> {
    use sahabot_sdk::access::{failed, scope};
    let scope = scope::<DeleteRole>(Some(&org)).await?;
    sahabot_core::service::roles::delete(scope.host_db(), &scope.actor()?, scope.org()?.id, role_id)
        .await
        .map_err(failed)
}
sahabot_sdk::guard!(DeleteRole, org "role:manage");
